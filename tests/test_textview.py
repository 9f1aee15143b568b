"""The analysis view: the normalised body without the elisions, and its maps to raw offsets."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from policytext import from_text
from policytext.spans import Span
from policytext.textview import TextView

from .helpers import examples


def test_no_elisions_is_the_body_shifted():
    document = from_text("标题\n同志们:\n一、加快發展新质生产力。")
    view = document.view
    assert view.is_identity
    assert view.text == document.norm[document.body_start : document.body_end]
    assert view.to_raw(0, 3) == (document.body_start, document.body_start + 3)
    assert view.from_raw(document.body_start + 5) == 5


def test_a_wrap_break_inside_a_word_is_taken_out():
    raw = "发展新质生产\n力，推动创新。"
    view = TextView.of(raw, 0, len(raw), [Span(6, 7, "\n", "wrap")])
    assert view.text == "发展新质生产力，推动创新。"
    start = view.text.index("新质生产力")
    assert view.to_raw(start, start + 5) == (2, 8)  # the raw span covers the break
    assert view.to_raw(start, start + 4) == (2, 6)  # an elision at the edge is left out
    assert view.from_raw(6) == 6 and view.from_raw(7) == 6  # inside the elision: where it was taken out
    assert view.raw_text(raw, start, start + 5) == "新质生产力"
    assert not view.is_identity


def test_elisions_are_clipped_to_the_body_and_merged():
    raw = "xx甲乙丙丁戊yy"
    view = TextView.of(raw, 2, 7, [(0, 3), (4, 5), (5, 6), (6, 9)])
    assert view.text == "乙"
    assert view.elisions == ((2, 3), (4, 7))  # (4, 5) and (5, 6) touch, (6, 9) is clipped to the body
    assert view.to_raw(0, 1) == (3, 4)


def test_everything_elided():
    view = TextView.of("甲乙", 0, 2, [(0, 2)])
    assert view.text == ""
    assert view.to_raw(0, 0) == (0, 0)
    assert view.from_raw(1) == 0


def test_a_span_inside_one_elision_is_within_it_and_one_across_a_kept_character_is_not():
    view = TextView.of("甲乙丙丁戊己", 0, 6, [(1, 3), (4, 5)])
    assert view.within_elision(1, 3) and view.within_elision(2, 3) and view.within_elision(4, 5)
    assert not view.within_elision(1, 5)  # runs over 丁, which the view kept
    assert not view.within_elision(0, 2) and not view.within_elision(3, 4)
    assert not TextView.of("甲乙", 0, 2).within_elision(0, 1)  # nothing elided


def test_document_view_uses_the_normalised_text_and_its_elisions():
    document = replace(from_text("一、加快發展(zhǎn)新质生产力"), elisions=())
    at = document.raw.index("(zhǎn)")
    elided = replace(document, elisions=(Span(at, at + 6, "(zhǎn)", "pinyin"),))
    assert elided.view.text == "一、加快发展新质生产力"
    start = elided.view.text.index("发展")
    a, b = elided.view.to_raw(start, start + 2)
    assert elided.raw[a:b] == "發展"
    assert document.view.text == "一、加快发展（zhǎn）新质生产力"  # without elisions: the normalised body


# --- properties --------------------------------------------------------------------------

@st.composite
def bodies_with_elisions(draw):
    raw = draw(st.text(alphabet="甲乙發展 \n(),x*一、。", min_size=0, max_size=40))
    start = draw(st.integers(0, len(raw)))
    end = draw(st.integers(start, len(raw)))
    points = st.integers(0, len(raw))
    spans = draw(st.lists(st.tuples(points, points).map(sorted).map(tuple), max_size=6))
    return raw, start, end, spans


def _document(raw, start, end, spans):
    document = from_text(raw)
    return replace(
        document,
        body_start=start,
        body_end=end,
        elisions=tuple(Span(a, b, raw[a:b], "test") for a, b in spans),
    )


@settings(max_examples=examples(300), deadline=None)
@given(bodies_with_elisions())
def test_every_view_character_is_its_raw_character_normalised(case):
    document = _document(*case)
    view, norm = document.view, document.norm
    elided = {i for a, b in view.elisions for i in range(a, b)}
    kept = [i for i in range(document.body_start, document.body_end) if i not in elided]
    assert len(view.text) == len(kept)
    for i, char in enumerate(view.text):
        a, b = view.to_raw(i, i + 1)
        assert b == a + 1 and a == kept[i]
        assert norm[a] == char


@settings(max_examples=examples(300), deadline=None)
@given(bodies_with_elisions())
def test_maps_are_monotone_and_round_trip(case):
    document = _document(*case)
    view = document.view
    previous = -1
    for raw_offset in range(document.body_start, document.body_end + 1):
        position = view.from_raw(raw_offset)
        assert previous <= position <= len(view.text)
        previous = position
        if raw_offset < document.body_end and not any(a <= raw_offset < b for a, b in view.elisions):
            assert view.to_raw(position, position + 1) == (raw_offset, raw_offset + 1)
    for i in range(len(view.text)):
        assert view.from_raw(view.to_raw(i, i + 1)[0]) == i
    for i in range(len(view.text) + 1):
        for j in range(i, len(view.text) + 1):
            a, b = view.to_raw(i, j)
            assert document.body_start <= a <= b <= document.body_end
            if i < j:
                # The raw span holds exactly the view's characters plus what was elided between them.
                assert "".join(document.norm[k] for k in range(a, b) if not any(x <= k < y for x, y in view.elisions)) == view.text[i:j]
                kept = [k for k in range(a, b) if not any(x <= k < y for x, y in view.elisions)]
                assert view.raw_text(document.raw, i, j) == "".join(document.raw[k] for k in kept)


@settings(max_examples=examples(200), deadline=None)
@given(st.text(max_size=60))
def test_without_elisions_the_view_is_the_body(text):
    document = replace(from_text(text), elisions=())
    view = document.view
    assert view.text == document.norm[document.body_start : document.body_end]
    for i in range(0, len(view.text) + 1, 3):
        assert view.to_raw(i, i) == (document.body_start + i,) * 2
        assert view.from_raw(document.body_start + i) == i


@settings(max_examples=300, deadline=None)
@given(bodies_with_elisions(), st.data())
def test_within_elision_is_containment_in_some_elision(case, data):
    # The plain definition the bisection replaces (it was a scan of every elision for each span).
    view = _document(*case).view
    raw = case[0]
    start = data.draw(st.integers(0, len(raw)))
    end = data.draw(st.integers(start, len(raw)))
    assert view.within_elision(start, end) == any(x <= start and end <= y for x, y in view.elisions)
