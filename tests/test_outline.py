"""The outline: seed headings, run-on headings, line breaks, traditional script, and losslessness."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policytext import from_text, load
from policytext.spans import Span
from policytext.commands.outline import outline_payload

from .conftest import FIXTURES, SEED, real_text_files

EXPECTED = json.loads((FIXTURES / "seed_outline.json").read_text(encoding="utf-8"))


def titles_at(outline, level):
    return {s.id: s.title for s in outline.walk() if s.level == level}


def test_seed_front_matter(seed):
    assert seed.outline.title.text == EXPECTED["title"]
    assert seed.outline.salutation.text == EXPECTED["salutation"]


def test_seed_level_one_and_two_titles(seed):
    assert titles_at(seed.outline, 1) == EXPECTED["level1"]
    assert titles_at(seed.outline, 2) == EXPECTED["level2"]
    counts = [len(s.children) for s in seed.outline.sections[1:]]
    assert counts == [4, 5, 4]


def test_seed_level_three_items_of_section_three(seed):
    section_three = seed.outline.section("3")
    assert [len(c.children) for c in section_three.children] == [2, 2, 3, 2]
    items = {s.id: s.title for c in section_three.children for s in c.children}
    assert items == EXPECTED["level3_of_section_3"]
    assert {s.marker for c in section_three.children for s in c.children} == {"一是", "二是", "三是"}


def test_seed_inline_enumeration(seed):
    items = {s.id: s.title for s in seed.outline.section("1.4").children}
    assert items == EXPECTED["inline_enumeration_1_4"]


def test_no_boilerplate_inside_any_section(seed):
    for section in seed.outline.walk():
        for b in seed.boilerplate:
            assert b.end <= section.start or b.start >= section.end
    assert seed.outline.sections[0].start == seed.body_start
    assert seed.outline.sections[-1].end == seed.body_end


def test_sentence_table_columns_and_spans(seed):
    frame = seed.sentences
    assert list(frame.columns[:5]) == ["sentence", "section", "level", "kind", "paragraph"]
    assert {"title_1", "title_2", "title_3", "text", "start", "end"} <= set(frame.columns)
    for row in frame.itertuples():
        assert seed.raw[row.start : row.end] == row.text
    heading = frame[(frame.section == "3.2.1") & (frame.kind == "heading")].iloc[0]
    assert heading.text == "一是科技成果上“链”。"
    assert (heading.title_1, heading.title_2, heading.title_3) == (
        EXPECTED["level1"]["3"],
        EXPECTED["level2"]["3.2"],
        "科技成果上“链”",
    )
    quote = frame[frame.text.str.startswith("习近平总书记指出")].iloc[0]
    assert quote.text.endswith("核心要素。”")  # 。” closes quotation and sentence together


def test_same_outline_in_every_encoding(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    reference = outline_payload(load(SEED))
    for encoding in ("gb18030", "utf-8-sig", "utf-16"):
        path = tmp_path / f"seed.{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        payload = outline_payload(load(path))
        assert payload.pop("encoding") == encoding
        payload.pop("provenance")  # the provenance note sits beside the original file only
        assert payload == {k: v for k, v in reference.items() if k not in ("encoding", "provenance")}


def with_line_breaks(text: str) -> str:
    """The seed's body rewritten the way other sites print it: headings on their own lines."""
    for marker in ("二、", "三、", "(一)", "(二)", "(三)", "(四)", "(五)"):
        text = text.replace(marker, "\n" + marker)
    return text


def test_outline_survives_line_breaks_full_width_and_traditional(seed):
    variants = {
        "line breaks": with_line_breaks(seed.body),
        "full-width": seed.body.replace(",", "，").replace(":", "：").replace("(", "（").replace(")", "）").replace(";", "；"),
        "spaces": seed.body.replace("。", "。  "),
    }
    for name, body in variants.items():
        outline = from_text(body).outline
        got = {k: v.replace("，", ",") for k, v in titles_at(outline, 1).items()}
        assert got == EXPECTED["level1"], name
        assert len([s for s in outline.walk() if s.level == 2]) == 13, name


def test_outline_of_traditional_characters():
    text = "同志們:\n一、堅持創新驅動,加快發展新質生產力\n近年來,我們取得了成績。\n(一)強化科技創新。要加強攻關。\n(二)推動產業升級。一是培育新興產業;二是布局未來產業。\n二、加強組織領導\n各級要抓落實。"
    outline = from_text(text).outline
    assert titles_at(outline, 1) == {"1": "堅持創新驅動,加快發展新質生產力", "2": "加強組織領導"}
    assert titles_at(outline, 2) == {"1.1": "強化科技創新", "1.2": "推動產業升級"}
    assert titles_at(outline, 3) == {"1.2.1": "培育新興產業", "1.2.2": "布局未來產業"}


@pytest.mark.parametrize(
    "text, expected",
    [
        # Markers in running text are not headings.
        ("我们要做到一、二、三产业融合发展。", {}),
        ("他说(一)是重点。", {}),
        # A series must continue: 三、 without 二、 is not a heading.
        ("一、总体要求\n要落实。三、不是标题", {"1": "总体要求"}),
        # A marker right after a full stop is a heading even without a line break.
        ("前言。一、总体要求。内容。二、重点任务。内容。", {"1": "总体要求", "2": "重点任务"}),
        # A run-on heading ends before a sentence opener.
        ("一、提高认识,把握关键特征近年来,我们取得成绩。", {"1": "提高认识,把握关键特征"}),
        ("一、充分肯定成绩,准确把握培育新质生产力的重要意义新质生产力是指以新技术为核心,具有高技术含量的生产力。", {"1": "充分肯定成绩,准确把握培育新质生产力的重要意义"}),
    ],
)
def test_marker_rules(text, expected):
    assert titles_at(from_text(text).outline, 1) == expected


def test_enumeration_before_first_heading_stays_in_the_preamble():
    outline = from_text("同志们:今天讲三点:一是统一思想;二是明确任务;三是抓好落实。一、统一思想\n内容。").outline
    assert [s.id for s in outline.sections[0].children] == ["0.1", "0.2", "0.3"]
    assert titles_at(outline, 1)["1"] == "统一思想"


# --- losslessness -----------------------------------------------------------------------

FRAGMENTS = [
    "一、", "二、", "三、", "(一)", "（二）", "(三)", "一是", "二是", "三是", "第一,", "第二，", "1.", "2、", "（1）",
    "。", "；", ";", ":", "：", ",", "，", "“", "”", "‘", "’", "《", "》", "\n", "\n\n", "  ", "\u3000\u3000", "!", "?",
    "同志们:", "各位代表：", "××", "×××", "***", "近年来", "习近平总书记指出:", "新质生产力", "的重要意义",
    "您好,欢迎访问三七文档\n", "本文标题:某讲话\n", "https://example.org/x.html\n", "# title: x\n", "-----\n",
    "發展", "79.8%", "1900亿元",
]
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=40).map("".join)


def assert_tiles(document):
    outline = document.outline
    spans = [(s.start, s.end) for s in outline.sentences]
    if document.body_start == document.body_end:
        assert spans == []
        return
    assert spans[0][0] == document.body_start
    assert spans[-1][1] == document.body_end
    for (a, b), (c, _) in zip(spans, spans[1:]):
        assert a < b == c
    assert "".join(document.raw[a:b] for a, b in spans) == document.body
    # Sections nest and the top level tiles the body as well.
    tops = outline.sections
    assert tops[0].start == document.body_start and tops[-1].end == document.body_end
    for left, right in zip(tops, tops[1:]):
        assert left.end == right.start
    for section in outline.walk():
        assert section.start <= section.title_start <= section.title_end <= section.end
        for child in section.children:
            assert section.start <= child.start < child.end <= section.end


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_sentences_tile_the_body_of_any_text(text):
    assert_tiles(from_text(text))


@pytest.mark.parametrize("path", real_text_files(), ids=lambda p: p.name)
def test_sentences_tile_the_body_of_every_real_file(path):
    assert_tiles(load(path))


@st.composite
def _body_with_boilerplate(draw):
    """A text of spaces, newlines and Han, with non-overlapping boilerplate spans in it."""
    text = draw(st.text(alphabet=" \n\u3000一二甲乙", min_size=1, max_size=60))
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=8))))
    spans = [Span(a, b, text[a:b], "boilerplate") for a, b in zip(cuts[::2], cuts[1::2]) if a < b]
    return text, draw(st.permutations(spans))


@given(_body_with_boilerplate())
def test_boilerplate_lookups_equal_their_plain_definitions(case):
    """The outline asks two questions of the boilerplate spans by bisection (linear time on long bodies);
    the answers are those of asking every span."""
    from policytext.outline import _Body

    text, spans = case
    body = _Body(text, 0, len(text), [], list(spans))
    for pos in range(len(text) + 1):
        assert body.in_boilerplate(pos) == any(b.start <= pos < b.end for b in spans)
        assert body.paragraph_start(pos, -1) == any(b.end <= pos and not text[b.end : pos].strip() for b in spans)
