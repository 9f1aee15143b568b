"""Inline pinyin and line-wrap breaks: left out of the analysis view, kept in the raw text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policytext import from_text
from policytext.elisions import pinyin_artefacts, wrap_breaks, wrap_spaces

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
