"""The parsed document: cut once, and never answered with a segmentation older than the lexicon."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytext import from_text
from policytext.errors import PolicytextError
from policytext.parsed import Locator, ParsedDocument, as_parsed, parse
from policytext.rhetoric import dispersion, find_directives, find_four_character, parallelisms
from policytext.segment import Tokenizer

from .helpers import examples

TEXT = "同志们：\n我们要加快发展新质生产力，加快发展现代产业，加快发展数字经济。"


def test_adding_a_word_changes_what_every_detector_sees():
    # The word edges were once remembered per tokenizer and text: after
    # add_word the detectors still matched at the old edges (加快|发展).
    tokenizer = Tokenizer()
    document = from_text(TEXT)
    before = find_directives(document, tokenizer=tokenizer)
    assert "加快" in set(before.term)
    assert len(dispersion(document, ["加快"], tokenizer=tokenizer)) == 3
    tokenizer.add_word("加快发展")
    after = find_directives(document, tokenizer=tokenizer)
    assert "加快" not in set(after.term)  # now inside the word 加快发展, not at its edges
    assert dispersion(document, ["加快"], tokenizer=tokenizer).empty
    assert len(dispersion(document, ["加快发展"], tokenizer=tokenizer)) == 3


def test_a_parse_made_before_a_lexicon_change_is_parsed_again():
    tokenizer = Tokenizer()
    parsed = parse(from_text(TEXT), tokenizer=tokenizer)
    assert as_parsed(parsed) is parsed
    edges = parsed.edges
    tokenizer.add_word("加快发展")
    assert not parsed.is_current
    fresh = as_parsed(parsed)
    assert fresh is not parsed and fresh.is_current and fresh.edges != edges
    assert "加快" not in set(find_directives(parsed).term)  # a detector handed the old parse parses again


def test_a_stale_parse_refuses_to_cut():
    tokenizer = Tokenizer()
    parsed = parse(from_text(TEXT), tokenizer=tokenizer)
    tokenizer.add_word("加快发展")
    with pytest.raises(PolicytextError, match="parse it again"):
        parsed.segmentation
    cut = parse(from_text(TEXT), tokenizer=tokenizer)
    cut.segmentation
    tokenizer.add_word("新质生产")
    with pytest.raises(PolicytextError, match="parse it again"):
        cut.edges


def test_the_parts_are_computed_once_and_tile_the_body():
    document = from_text(TEXT)
    parsed = parse(document)
    assert parsed.segmentation is parsed.segmentation and parsed.edges is parsed.edges
    assert "".join(parsed.segmentation.words) == document.norm[document.body_start : document.body_end]
    assert min(parsed.edges) == document.body_start and max(parsed.edges) == document.body_end
    assert parsed.phrase_runs == () and len(parsed.clause_runs) == 1
    row = parsed.span_row(document.body_start, document.body_start + 3)
    assert row["text"] == document.raw[row["start"] : row["end"]]


def test_detectors_take_a_parse_or_a_document_alike():
    document = from_text(TEXT)
    parsed = parse(document)
    assert isinstance(parsed, ParsedDocument)
    assert find_four_character(parsed).equals(find_four_character(document))
    assert parallelisms(parsed).equals(parallelisms(document))


def test_parse_refuses_what_is_not_a_document():
    with pytest.raises(PolicytextError, match="needs a Document"):
        parse("同志们")


def test_detectors_read_the_analysis_view_and_report_raw_offsets():
    from dataclasses import replace

    from policytext.rhetoric import find_enumerations, kwic, term_frequencies
    from policytext.spans import Span

    text = "同志们：\n我们要加快培育新质生\n产力，推动科技创新、产业创新、制度创新。"
    plain = from_text(text)
    wrap = text.index("\n产力")
    document = replace(plain, elisions=(Span(wrap, wrap + 1, "\n", "wrap"),))
    parsed = parse(document)
    assert "新质生产力" in parsed.segmentation.words and "新质生产力" not in parse(plain).segmentation.words
    found = kwic(parsed, "新质生产力", width=2)
    assert found.text.tolist() == ["新质生\n产力"]
    assert document.raw[found.start[0] : found.end[0]] == "新质生\n产力"
    frequencies = term_frequencies(parsed)
    first = frequencies.set_index("term").first_start["新质生产力"]
    assert document.raw.startswith("新质生", first)
    assert dispersion(parsed, ["新质生产力"]).start.tolist() == [found.start[0]]
    items = find_enumerations(parsed)
    assert items["items"].tolist() == ["科技创新 | 产业创新 | 制度创新"]
    row = find_directives(parsed).iloc[0]
    assert document.raw[row.start : row.end] == row.text


@settings(max_examples=examples(200), deadline=None)
@given(starts=st.lists(st.integers(0, 200), max_size=12, unique=True).map(sorted), offsets=st.lists(st.integers(0, 220), max_size=20))
def test_locating_many_offsets_at_once_is_locating_each(starts, offsets):
    locator = Locator(tuple(starts), tuple(range(len(starts))), tuple(f"s{i % 3}" for i in range(len(starts))))
    sections, sentences = locator.where_all(offsets)
    assert list(zip(sections, sentences)) == [locator.where(offset) for offset in offsets]
