"""Inline pinyin and line-wrap breaks: left out of the analysis view, kept in the raw text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policytext import from_text
from policytext.elisions import _line_width, inline_page_breaks, pinyin_artefacts, wrap_breaks, wrap_spaces
from policytext.spans import Span

from .helpers import assert_tiles, examples


def test_inline_pinyin_after_a_han_character():
    raw = "黨和國家實(shí)現(xiàn)了發(fā)展(2024),引入AI(人工智能)(一)"
    found = [s.text for s in pinyin_artefacts(raw, 0, len(raw))]
    assert found == ["(shí)", "(xiàn)", "(fā)"]


def test_toneless_readings_count_only_where_they_recur():
    raw = "中共(gong)中央(yang)總書記(ji)、國(guo)家主席,會(hui)(hui)議由趙(zhao)樂際主持(AI)(2024)"
    found = [s.text for s in pinyin_artefacts(raw, 0, len(raw))]
    assert found == ["(gong)", "(yang)", "(ji)", "(guo)", "(hui)", "(hui)", "(zhao)"]
    # One or two toneless syllables in parentheses are words of the text, not readings.
    assert pinyin_artefacts("这是一个(en)字和(ai)。", 0, 10) == []


def test_pinyin_is_out_of_the_view_and_the_raw_text_keeps_it():
    document = from_text("黃坤明同志講話\n同志們:\n要實(shí)現(xiàn)高質(zhì)量發(fā)展。")
    assert "实现高质量发展" in document.view.text
    assert from_text("講話實(shí)錄\n同志們:\n開會。").outline.title_text == "講話實錄"
    at = document.view.text.index("实现")
    a, b = document.view.to_raw(at, at + 2)
    assert document.raw[a:b] == "實(shí)現"


def _wrapped(paragraphs: list[str], width: int) -> str:
    lines = []
    for paragraph in paragraphs:
        lines += [paragraph[i : i + width] for i in range(0, len(paragraph), width)]
    return "\n".join(lines)


PARAGRAPHS = [
    "同志们:",
    "今年以来,全市科技系统认真贯彻落实党中央决策部署,坚持创新驱动发展战略,加快发展新质生产力,推动科技成果转化取得明显成效,为全市经济社会高质量发展提供了有力支撑。",
    "一、坚持创新驱动,加快培育发展新质生产力的新动能和新优势",
    "要围绕产业链部署创新链,围绕创新链布局产业链,推动短板产业补链、优势产业延链、传统产业升链、新兴产业建链,加快构建现代化产业体系。",
]


def test_wrap_breaks_of_a_hard_wrapped_text_are_found_from_its_line_lengths():
    text = _wrapped(PARAGRAPHS, 20)
    breaks = wrap_breaks(text, 0, len(text))
    assert breaks
    # A break after a full line inside a paragraph is a wrap; the break after 同志们: and before 一、 are not.
    for span in breaks:
        assert text[span.start - 1] not in "。:"
        assert not text[span.end :].startswith("一、")
    document = from_text(text)
    assert "新质生产力" in document.view.text
    assert "加快培育发展新质生产力的新动能和新优势" in document.view.text


def test_a_text_with_one_paragraph_a_line_has_no_wrap_breaks():
    text = "\n".join(PARAGRAPHS)
    assert wrap_breaks(text, 0, len(text)) == []
    assert from_text(text).view.text.count("\n") == 3


def test_lines_far_longer_than_the_width_mean_no_wrapping():
    text = "在全市招商引资督查观摩总结交流会上的讲话\n" + "市长讲话这次招商引资督查观摩活动目的是掀起新高潮。" * 8 + "\n(未完,全文共2010字,当前显示249字)\n(请认真阅读下面的提示信息)"
    assert wrap_breaks(text, 0, len(text)) == []


def test_short_lines_are_not_a_wrapped_page():
    text = "一、总体要求\n二、重点任务\n三、保障措施\n四、组织领导\n"
    assert wrap_breaks(text, 0, len(text)) == []


def test_wrap_spaces_recur_at_the_line_width():
    paragraph = PARAGRAPHS[1] + PARAGRAPHS[3]
    spaced = " ".join(paragraph[i : i + 24] for i in range(0, len(paragraph), 24))
    spaces = wrap_spaces(spaced, 0, len(spaced))
    assert len(spaces) >= 3
    assert "新质生产力" in from_text("某某讲话\n" + spaced).view.text


def test_a_space_between_paragraphs_is_not_a_wrap():
    text = "一、总体要求 近年来我们取得了成绩。 二、重点任务 要抓落实。"
    assert wrap_spaces(text, 0, len(text)) == []


def test_wrapped_heading_is_one_heading_with_all_its_characters():
    text = _wrapped(PARAGRAPHS, 20)
    outline = from_text(text).outline
    titles = [s.title for s in outline.walk() if s.level == 1]
    assert titles == ["坚持创新驱动,加快培育发展新质生产力的新动能和新优势"]
    section = next(s for s in outline.walk() if s.level == 1)
    assert "\n" in text[section.title_start : section.title_end]  # the raw span covers the break


PIECES = PARAGRAPHS + ["二、加强组织领导", "（一）压实责任。各级要抓落实。", "此处隐藏300个字", "實(shí)現(xiàn)發(fā)展", "“新质生产力”", "。", ""]


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=12), st.integers(min_value=8, max_value=40))
def test_sentences_tile_the_body_of_any_wrapped_text(paragraphs, width):
    assert_tiles(from_text(_wrapped(paragraphs, width)))


# --- page breaks: a page's footer and the next page's header inside a sentence ---------------------

PAGE_TEXT = [
    "同志们:",
    "今年以来,全市科技系统认真贯彻落实党中央决策部署,坚持创新驱动发展战略,加快发展新质生产力,推动科技成果转化取得明显成效,"
    "12条重点产业链持续壮大,为全市经济社会高质量发展提供了有力支撑。",
    "要围绕产业链部署创新链,围绕创新链布局产业链,推动短板产业补链、优势产业延链、传统产业升链、新兴产业建链,加快构建现代化产业体系。",
]


def _paged(text: str, after: str, furniture: str) -> str:
    """*text* with *furniture* lines inserted after the line ending in *after* (a page break there)."""
    at = text.index(after) + len(after)
    assert text[at] == "\n", "the page break must fall at a line break"
    return text[: at + 1] + furniture + text[at + 1 :]


def test_a_page_break_inside_a_sentence_is_one_wrap_over_its_furniture():
    text = _wrapped(PAGE_TEXT, 20)
    line = next(line for line in text.splitlines() if "重点产业" in line)
    paged = _paged(text, line, "\n— 1 —\n\n")
    document = from_text(paged)
    # The page number is still boilerplate with its offsets ...
    number = next(b for b in document.boilerplate if b.kind == "page_number")
    assert paged[number.start : number.end] == number.text == "— 1 —"
    # ... but the break is one wrap: the view reads on, and the sentence runs over the page.
    wrap = next(e for e in document.elisions if e.start <= number.start and number.end <= e.end)
    assert wrap.kind == "wrap" and paged[wrap.start : wrap.end].strip() == "— 1 —"
    assert "12条重点产业链持续壮大" in document.view.text
    assert document.view.text == from_text(text).view.text
    sentence = next(s for s in document.outline.sentences if s.start <= number.start < s.end)
    assert sentence.kind == "text" and paged[sentence.start : sentence.end].rstrip().endswith("。")
    assert len(document.outline.sentences) == len(from_text(text).outline.sentences)
    assert_tiles(document)


def test_a_page_break_after_a_sentence_end_or_before_a_paragraph_is_kept():
    text = _wrapped(PAGE_TEXT, 20)
    ends = next(line for line in text.splitlines() if line.endswith("。"))
    document = from_text(_paged(text, ends, "— 1 —\n"))
    assert not [e for e in document.elisions if e.kind == "wrap" and e.text.strip()]
    assert any(s.kind == "boilerplate" and s.end - s.start <= 7 for s in document.outline.sentences)
    # The next page opens a paragraph (indented): the page's last full line does not run into it.
    lines = text.splitlines()
    full = next(i for i, line in enumerate(lines) if len(line) == 20 and not line.endswith("。"))
    indented = "\n".join(lines[: full + 1] + ["— 1 —", "\u3000\u3000" + lines[full + 1]] + lines[full + 2 :])
    document = from_text(indented)
    assert not [e for e in document.elisions if e.kind == "wrap" and e.text.strip()]


def test_page_breaks_on_hand_made_lines():
    # Two lines at the width, then the footer, the header and the next page's line.
    text = ("我们要坚持创新驱动发展战略推动科技创新和\n产业创新深度融合加快构建现代化产业体系建\n设一批高水平创新平台和科技型骨干企业们\n"
            "— 2 —\n某某报告\n为高质量发展提供有力支撑。\n下一段开头的文字\n")
    header = text.index("某某报告")
    page = [Span(text.index("— 2 —"), text.index("— 2 —") + 5, "— 2 —", "page_number"), Span(header, header + 4, "某某报告", "running_header")]
    breaks = wrap_breaks(text, 0, len(text), page_furniture=page)
    assert [text[s.start : s.end] for s in breaks] == ["\n", "\n", "\n— 2 —\n某某报告\n"]
    # Without the furniture spans the footer is a line of text: no wrap reaches over it.
    assert all(not s.text.strip() for s in wrap_breaks(text, 0, len(text)))


def test_a_page_counter_inside_a_sentence_is_a_wrap_but_not_after_a_sentence_end():
    inside = "加快形成新质生产第2页共18页力,推动高质量发展。"
    at = inside.index("第2页")
    counter = [Span(at, at + 7, "第2页共18页", "page_counter")]
    assert [(s.text, s.kind) for s in inline_page_breaks(inside, counter)] == [("第2页共18页", "wrap")]
    after = "推动高质量发展。第2页共18页要抓好落实。"
    at = after.index("第2页")
    assert inline_page_breaks(after, [Span(at, at + 7, "第2页共18页", "page_counter")]) == []
    document = from_text("某某讲话\n同志们:\n" + inside + "\n要抓好落实。")
    assert "新质生产力" in document.view.text
    assert [document.raw[s.start : s.end] for s in document.outline.sentences if s.kind == "text"][0] == inside + "\n"


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PAGE_TEXT[1:] + PARAGRAPHS[1:]), min_size=1, max_size=6), st.integers(min_value=14, max_value=30), st.data())
def test_page_numbers_at_any_line_break_leave_the_view_as_it_was(paragraphs, width, data):
    """Footers at page breaks are left out, and a page break inside a sentence reads on: the view is the unpaged text's."""
    text = _wrapped(["同志们:", *paragraphs], width)
    lines = text.split("\n")
    breaks = sorted(data.draw(st.sets(st.integers(min_value=1, max_value=len(lines) - 1), max_size=3)) if len(lines) > 1 else [])
    paged = []
    for i, line in enumerate(lines):
        paged.append(line)
        if i + 1 in breaks:
            paged.append(f"— {breaks.index(i + 1) + 1} —")
    document = from_text("\n".join(paged))
    plain = from_text(text)
    assert document.view.text == plain.view.text
    assert_tiles(document)


def test_wrap_spaces_are_measured_from_a_paragraph_end_too():
    """Text copied out of a PDF as one line: a paragraph's end is a space after 。, and its next line starts there."""
    paragraphs = [PARAGRAPHS[1], PARAGRAPHS[3], PAGE_TEXT[1]]
    spaced = " ".join(" ".join(p[i : i + 24] for i in range(0, len(p), 24)) for p in paragraphs)
    spans = wrap_spaces(spaced, 0, len(spaced))
    second = spaced.index(PARAGRAPHS[3][:24]) + 24  # the first wrap of the second paragraph
    assert any(s.start == second for s in spans)
    assert not any(spaced[s.start - 1] == "。" for s in spans)  # the paragraph ends stay
    from policytext.normalize import normalize

    assert normalize(PARAGRAPHS[3]) in from_text(spaced).view.text


def test_latin_letters_and_digits_count_half_a_line_width():
    # A PDF sets XX, digits and spaces at half a Han character's width: these lines are all full.
    lines = ["为了全面了解掌握党的 XX 大以来全县农村政治、经济、文", "化和社会的变化情况,推进社会主义现代化和乡村振兴建设,根",
             "据领导意见,我们从 XX 年 XX 月 XX 日开始,对农村政治、经", "济、文化、社会等四个方面进行调查,调查采取调查问卷、集体",
             "座谈、个别谈话、查看有关资料等方式进行。"]
    text = "XX 县农村工作情况调研报告\n" + "\n".join(lines) + "\n"
    document = from_text(text)
    assert "经济、文化和社会" in document.view.text
    assert document.outline.title_text == "XX 县农村工作情况调研报告"
    # Negative: a paragraph a line, with redactions, is no wrapped page in either measure.
    text = "\n".join(["XX 县现辖 XX 镇 XX 乡，人口 XX 万。", "全县农村经济发展明显加快，农民收入增长迅速，生活水平显著提高。",
                     "调查采取问卷、座谈等方式进行。", "XX 年全县生产总值 XX.XX 亿元，比上年增长 XX%，增速居全市前列，各项指标保持高位增长。"])
    assert wrap_breaks(text, 0, len(text)) == []


@settings(max_examples=examples(200), deadline=None)
@given(line=st.text(alphabet=st.sampled_from(["新", "质", "X", "5", " ", "\u3000", "，", ",", "é", "\x7f", "\x80", "ü", "😀"]) | st.characters(),
                    max_size=40))
def test_line_width_counts_ascii_as_half(line):
    # The width as defined: a Han character one, an ASCII character (letter, digit, space) one half.
    assert _line_width(line) == len(line) - 0.5 * sum(1 for char in line if char.isascii())
