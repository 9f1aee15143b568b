"""A lossless outline of a speech: title, salutation, preamble, sections, sentences.

Chinese official texts mark their structure with a fixed family of markers:
一、 (part), （一） (section), 1. and （1） (points), and 一是/二是 or
第一，/第二， (enumerated items, often inline). Scraped copies often lose their
line breaks, so a marker is recognised by what stands before it (a sentence
end, a line break, a paragraph gap, or for enumerations a colon) and by its
number continuing its series, never by its position on a line.

A heading may run straight into the text after it ("…的关键特征习近平总书记
指出…"). Its end is the first of: a line break, a sentence end outside
quotation marks, a colon, or the start of a sentence opener (近年来, 习近平总书记,
面向未来 …, from ``data/openers.txt``).

All work happens on the document's normalised text, which has the same
offsets as the raw text, so every span slices the raw text. The sentence spans
tile the body exactly: every character belongs to exactly one sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Iterator

from .numerals import to_number
from .scanning import FirstCharacterScan
from .spans import Span

if TYPE_CHECKING:
    import pandas as pd

    from .document import Document

_CN_DIGITS = "一二三四五六七八九十"


@dataclass(frozen=True, slots=True)
class MarkerFamily:
    """One kind of heading marker. A lower rank sits higher in the hierarchy."""

    name: str
    rank: int
    pattern: re.Pattern[str]
    enumeration: bool = False


# Patterns run on normalised text, where ASCII parentheses are already full-width.
FAMILIES: tuple[MarkerFamily, ...] = (
    MarkerFamily("part", 1, re.compile(rf"(?P<num>[{_CN_DIGITS}]{{1,3}})、")),
    MarkerFamily("section", 2, re.compile(rf"（(?P<num>[{_CN_DIGITS}]{{1,3}})）")),
    MarkerFamily("point", 3, re.compile(r"(?P<num>\d{1,2})(?:\.(?!\d)|、)")),
    MarkerFamily("subpoint", 4, re.compile(r"（(?P<num>\d{1,2})）")),
    MarkerFamily("ordinal", 5, re.compile(rf"第(?P<num>[{_CN_DIGITS}]{{1,2}})[，、：]"), enumeration=True),
    MarkerFamily("item", 6, re.compile(rf"(?P<num>[{_CN_DIGITS}]{{1,2}})是(?!否|非|指)"), enumeration=True),
)

SENTENCE_END = frozenset("。！？!?")
_HEADING_STOP = frozenset("。！？!?；;：:")
_CLOSERS = frozenset("”’」』》)）\"")
_QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》"}
_STRONG_BEFORE = frozenset("。！？!?；;")
_ENUM_BEFORE = frozenset("：:")
_ENUM_CONTINUE_BEFORE = frozenset("，,")
_PARAGRAPH_GAP = re.compile(r"\n[\s\u3000]*|[ \t\u3000]{2,}|\u3000")
_NON_SPACE = re.compile(r"\S")
# re skips ahead only for a pattern that opens with a class; these alternations do not.
_PARAGRAPH_GAP_SCAN = FirstCharacterScan(_PARAGRAPH_GAP, "\n \t\u3000")
_ADDRESS = r"(?:同志们|各位(?:代表|委员|领导|来宾|嘉宾|同事|同志|老师|同学)|女士们|先生们|朋友们|老师们|同学们)"
SALUTATION = re.compile(rf"{_ADDRESS}(?:[、，,\s]*{_ADDRESS})*\s*[：:]")
MAX_HEADING = 80
MIN_HEADING = 4
_LONG_HEADING = 30
_FRONT_WINDOW = 1000
_TITLE_MAX = 100
_NOT_BEFORE_OPENER = frozenset("的在从对把和与及向为于")


@lru_cache(maxsize=1)
def sentence_openers() -> tuple[str, ...]:
    """Words that begin a sentence and so end a run-on heading (package data)."""
    return _word_list("openers.txt")


@lru_cache(maxsize=1)
def _opener_pattern() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sentence_openers())))


def _word_list(name: str) -> tuple[str, ...]:
    text = resources.files("policytext").joinpath("data", name).read_text(encoding="utf-8")
    words = {line.split("#", 1)[0].strip() for line in text.splitlines()}
    return tuple(sorted((w for w in words if w), key=len, reverse=True))


@lru_cache(maxsize=1)
def _heading_end_pattern() -> re.Pattern[str]:
    heads = "|".join(map(re.escape, _word_list("heading_ends.txt")))
    return re.compile(rf"的(?:{heads})(?![和与及、，,])")


def marker_number(numeral: str) -> int | None:
    """Chinese or Arabic numeral of a marker as an int (十一, 二十 …); None for a run like 十十."""
    number = to_number(numeral)
    return int(number) if number is not None and number == int(number) else None


@dataclass(frozen=True, slots=True)
class Section:
    """A node of the outline. ``start``/``end`` cover the heading and everything under it."""

    id: str
    level: int
    marker: str
    family: str
    number: int | None
    title: str
    start: int
    end: int
    title_start: int
    title_end: int
    heading_end: int
    children: tuple[Section, ...] = ()

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "level": self.level,
            "marker": self.marker,
            "title": self.title,
            "start": self.start,
            "end": self.end,
            "children": [child.as_dict() for child in self.children],
        }


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    section: str
    kind: str  # title, salutation, heading, text, boilerplate
    paragraph: int


@dataclass(frozen=True)
class Outline:
    """Title, salutation and sections of a document, with the sentences that tile its body."""

    raw: str
    body_start: int
    body_end: int
    title: Span | None
    salutation: Span | None
    sections: tuple[Section, ...]  # a level-0 preamble "0" first, then the top-level sections
    sentences: tuple[Sentence, ...] = field(repr=False)

    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def section(self, section_id: str) -> Section:
        for section in self.walk():
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def path_titles(self) -> dict[str, tuple[str, ...]]:
        """For each section id, the titles from level 1 down to it."""
        titles: dict[str, tuple[str, ...]] = {}

        def visit(section: Section, above: tuple[str, ...]) -> None:
            own = above + (section.title,) if section.level > 0 else ()
            titles[section.id] = own
            for child in section.children:
                visit(child, own)

        for section in self.sections:
            visit(section, ())
        return titles

    def sentences_frame(self) -> pd.DataFrame:
        from .frames import columns_frame

        titles = self.path_titles()
        depth = max((s.level for s in self.walk()), default=0)
        levels = {s.id: s.level for s in self.walk()}
        sentences, raw = self.sentences, self.raw
        # Column by column: a long speech has tens of thousands of sentences.
        sections = [sentence.section for sentence in sentences]
        paths = [titles.get(section, ()) for section in sections]
        data: dict[str, list] = {
            "sentence": list(range(len(sentences))),
            "section": sections,
            "level": [levels.get(section, 0) for section in sections],
            "kind": [sentence.kind for sentence in sentences],
            "paragraph": [sentence.paragraph for sentence in sentences],
        }
        for level in range(1, max(depth, 3) + 1):
            data[f"title_{level}"] = [path[level - 1] if level <= len(path) else "" for path in paths]
        data["text"] = [raw[sentence.start : sentence.end] for sentence in sentences]
        data["start"] = [sentence.start for sentence in sentences]
        data["end"] = [sentence.end for sentence in sentences]
        return columns_frame(data)

    def sections_frame(self) -> pd.DataFrame:
        import pandas as pd

        rows = [
            {
                "section": s.id,
                "level": s.level,
                "marker": s.marker,
                "title": s.title,
                "start": s.start,
                "end": s.end,
                "characters": s.end - s.start,
                "title_start": s.title_start,
                "title_end": s.title_end,
            }
            for s in self.walk()
        ]
        return pd.DataFrame(rows)


# --- building ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Node:
    family: MarkerFamily | None
    number: int | None
    start: int
    marker_end: int
    children: list[_Node] = field(default_factory=list)
    title_start: int = 0
    title_end: int = 0
    heading_end: int = 0


@dataclass(slots=True)
class _Body:
    """The normalised text of the body, with its paragraph gaps and quotation depth."""

    text: str
    start: int
    end: int
    gaps: list[tuple[int, int]]
    interior: list[Span]
    # Quotation depth changes only at quotation marks: keep those positions and
    # the depth after each, not one number per character (bodies may be 50 MB).
    depth_positions: list[int] = field(default_factory=list)
    depth_values: list[int] = field(default_factory=list)
    gap_ends: set[int] = field(default_factory=set)
    _interior_starts: list[int] = field(default_factory=list, repr=False)
    _interior_ends: list[int] = field(default_factory=list, repr=False)
    _resumes: list[int] = field(default_factory=list, repr=False)

    def depth_at(self, i: int) -> int:
        k = bisect_right(self.depth_positions, i) - 1
        return self.depth_values[k] if k >= 0 else 0

    def __post_init__(self) -> None:
        # Boilerplate spans do not overlap: sorted by start, their ends are sorted too,
        # so both questions below are a bisection, not a scan of every span (linear time overall).
        self.interior = sorted(self.interior, key=lambda b: b.start)
        self._interior_starts = [b.start for b in self.interior]
        self._interior_ends = [b.end for b in self.interior]
        # Where the text goes on after each span: the first non-space character after its end.
        self._resumes = [m.start() if (m := _NON_SPACE.search(self.text, e, self.end)) else self.end
                         for e in self._interior_ends]

    def in_boilerplate(self, pos: int) -> bool:
        k = bisect_right(self._interior_starts, pos) - 1
        return k >= 0 and pos < self.interior[k].end

    def paragraph_start(self, pos: int, floor: int) -> bool:
        if pos == floor or pos in self.gap_ends:
            return True
        # Only the nearest boilerplate end before pos matters: if only whitespace lies
        # between an earlier end and pos, it lies between the nearest one and pos too.
        k = bisect_right(self._interior_ends, pos) - 1
        return k >= 0 and self._resumes[k] >= pos


def build_outline(document: Document) -> Outline:
    """Parse the body of *document* into an :class:`Outline`."""
    start, end = document.body_start, document.body_end
    text = document.norm
    gaps = [m.span() for m in _PARAGRAPH_GAP_SCAN.finditer(text, start, end)]
    interior = [b for b in document.boilerplate if start <= b.start and b.end <= end]
    body = _Body(text, start, end, gaps, interior, gap_ends={b for _, b in gaps})
    body.depth_positions, body.depth_values = _quote_depth(body)

    title, salutation = _front_matter(body)
    scan_from = salutation.end if salutation else (title.end if title else start)
    root = _Node(None, None, start, start)
    _place_markers(root, _candidates(body, scan_from))
    nodes = list(_iter_nodes(root))[1:]
    starts = [n.start for n in nodes]
    for i, node in enumerate(nodes):
        _set_heading(node, body, starts[i + 1] if i + 1 < len(starts) else end)

    sections = _freeze(root, document.raw, end)
    sentences = _split_sentences(body, sections, title, salutation)
    return Outline(document.raw, start, end, _raw_span(document.raw, title), _raw_span(document.raw, salutation), sections, tuple(sentences))


def _raw_span(raw: str, span: Span | None) -> Span | None:
    return None if span is None else Span(span.start, span.end, raw[span.start : span.end], span.kind)


_QUOTE_MARK = re.compile("[" + re.escape("".join(_QUOTE_PAIRS) + "".join(_QUOTE_PAIRS.values()) + '"') + "]")


def _quote_depth(body: _Body) -> tuple[list[int], list[int]]:
    """Positions where the quotation depth changes, and the depth from each on.

    Only marks that pair up within a paragraph count, so an unbalanced quote
    cannot swallow the rest of the document.
    """
    text = body.text
    gap_starts = [a for a, _ in body.gaps]
    steps: dict[int, int] = {}
    stack: list[tuple[str, int]] = []
    straight_open: int | None = None
    paragraph = -1
    for m in _QUOTE_MARK.finditer(text, body.start, body.end):
        i, char = m.start(), m.group()
        here = bisect_right(gap_starts, i)
        if here != paragraph:
            paragraph, stack, straight_open = here, [], None
        if char in _QUOTE_PAIRS:
            stack.append((_QUOTE_PAIRS[char], i))
            continue
        if char == '"':
            if straight_open is None:
                straight_open = i
                continue
            open_at, straight_open = straight_open, None
        elif any(expected == char for expected, _ in stack):
            k = max(k for k, (expected, _) in enumerate(stack) if expected == char)
            open_at = stack[k][1]
            del stack[k:]
        else:
            continue
        steps[open_at + 1] = steps.get(open_at + 1, 0) + 1
        steps[i] = steps.get(i, 0) - 1
    positions, values, running = [], [], 0
    for position in sorted(steps):
        running += steps[position]
        positions.append(position)
        values.append(running)
    return positions, values


def _front_matter(body: _Body) -> tuple[Span | None, Span | None]:
    text, start, end = body.text, body.start, body.end
    salutation = None
    for m in SALUTATION.finditer(text, start, min(end, start + _FRONT_WINDOW)):
        line_start = text.rfind("\n", start, m.start()) + 1 or start
        if not any(c in SENTENCE_END for c in text[max(line_start, start) : m.start()]):
            salutation = Span(m.start(), m.end(), m.group(), "salutation")
            break
    first_line_end = text.find("\n", start, end)
    first_line_end = end if first_line_end == -1 else first_line_end
    title_end = min(first_line_end, salutation.start) if salutation else first_line_end
    candidate = text[start:title_end].rstrip()
    is_heading = any(f.pattern.match(candidate) for f in FAMILIES)
    plausible = candidate and len(candidate) <= _TITLE_MAX and not is_heading
    if plausible and not any(c in SENTENCE_END for c in candidate) and (salutation or first_line_end < end):
        return Span(start, start + len(candidate), candidate, "title"), salutation
    return None, salutation


def _candidates(body: _Body, scan_from: int) -> list[tuple[int, int, MarkerFamily, int, bool]]:
    """Marker matches standing where a heading can start: (start, end, family, number, at paragraph start)."""
    found = []
    for family in FAMILIES:
        for m in family.pattern.finditer(body.text, scan_from, body.end):
            pos = m.start()
            if body.in_boilerplate(pos) or body.depth_at(pos) > 0:
                continue
            number = marker_number(m.group("num"))
            if number is None:
                continue
            paragraph_start = body.paragraph_start(pos, scan_from)
            if paragraph_start or _boundary_before(body.text, pos, scan_from, family, number):
                found.append((pos, m.end(), family, number, paragraph_start))
    found.sort(key=lambda c: (c[0], c[2].rank))
    return found


def _boundary_before(text: str, pos: int, floor: int, family: MarkerFamily, number: int) -> bool:
    q = pos - 1
    while q >= floor and text[q] in " \t":
        q -= 1
    if q < floor:
        return True
    before = text[q]
    if before in _STRONG_BEFORE:
        return True
    if before in _CLOSERS:
        while q >= floor and text[q] in _CLOSERS:
            q -= 1
        return q >= floor and text[q] in SENTENCE_END
    if family.enumeration and before in _ENUM_BEFORE:
        return True
    return family.enumeration and number > 1 and before in _ENUM_CONTINUE_BEFORE


def _place_markers(root: _Node, candidates) -> None:
    """Accept candidates whose numbers continue a series, building the tree on a stack."""
    stack: list[_Node] = [root]
    taken_until = -1
    for pos, marker_end, family, number, paragraph_start in candidates:
        if pos < taken_until:
            continue
        level = next((i for i, node in enumerate(stack) if node.family is family), None)
        if level is not None:
            is_next = number == (stack[level].number or 0) + 1
            is_restart = number == 1 and level == len(stack) - 1
            if not (is_next or is_restart):
                continue
            del stack[level:]
        else:
            # A series normally starts at 1; a preview that starts mid-document may start later on a new line.
            if number != 1 and not paragraph_start:
                continue
            while len(stack) > 1 and stack[-1].family.rank >= family.rank:
                stack.pop()
        node = _Node(family, number, pos, marker_end)
        stack[-1].children.append(node)
        stack.append(node)
        taken_until = marker_end


def _iter_nodes(node: _Node) -> Iterator[_Node]:
    yield node
    for child in node.children:
        yield from _iter_nodes(child)


def _set_heading(node: _Node, body: _Body, limit: int) -> None:
    """Where the heading's title ends, and where the heading as a sentence ends."""
    text, begin = body.text, node.marker_end
    window_end = min(limit, begin + MAX_HEADING)
    stop = None
    for i in range(begin, limit):
        if text[i] == "\n" or (text[i] in _HEADING_STOP and body.depth_at(i) == 0):
            stop = i
            break
    if not node.family.enumeration:
        horizon = min(stop if stop is not None else window_end, window_end)
        for m in _opener_pattern().finditer(text, begin + MIN_HEADING, max(horizon, begin + MIN_HEADING)):
            if text[m.start() - 1] not in _NOT_BEFORE_OPENER and body.depth_at(m.start()) == 0:
                stop = m.start()
                break
        else:
            if stop is not None and stop - begin > _LONG_HEADING:
                m = _heading_end_pattern().search(text, begin + MIN_HEADING, stop)
                stop = m.end() if m else stop
    if stop is None or stop - begin > MAX_HEADING:
        # No clear end: take the first clause as the title rather than a paragraph.
        comma = min((p for p in (text.find(c, begin, window_end) for c in "，,") if p != -1), default=None)
        title_end = heading_end = comma if comma is not None else begin
    else:
        title_end = stop
        heading_end = stop + 1 if text[stop] in _HEADING_STOP else stop
    while heading_end < limit and text[heading_end] in _CLOSERS:
        heading_end += 1
    node.title_start, node.title_end, node.heading_end = begin, title_end, heading_end


def _freeze(root: _Node, raw: str, body_end: int) -> tuple[Section, ...]:
    """Number the sections by position and fix their ends; enumerations before the first heading go to the preamble."""

    def freeze(node: _Node, section_id: str, level: int, end: int) -> Section:
        children = tuple(
            freeze(child, f"{section_id}.{i + 1}", level + 1, _next_start(node.children, i, end))
            for i, child in enumerate(node.children)
        )
        return Section(
            id=section_id,
            level=level,
            marker=raw[node.start : node.marker_end],
            family=node.family.name,
            number=node.number,
            title=raw[node.title_start : node.title_end],
            start=node.start,
            end=end,
            title_start=node.title_start,
            title_end=node.title_end,
            heading_end=node.heading_end,
            children=children,
        )

    preamble_items = []
    for child in root.children:
        if not child.family.enumeration:
            break
        preamble_items.append(child)
    headings = root.children[len(preamble_items) :]
    preamble_end = headings[0].start if headings else body_end
    preamble = Section(
        "0", 0, "", "preamble", None, "", root.start, preamble_end, root.start, root.start, root.start,
        tuple(freeze(c, f"0.{i + 1}", 1, _next_start(preamble_items, i, preamble_end)) for i, c in enumerate(preamble_items)),
    )
    top = tuple(freeze(node, str(i + 1), 1, _next_start(headings, i, body_end)) for i, node in enumerate(headings))
    return (preamble, *top)


def _next_start(siblings: list[_Node], i: int, end: int) -> int:
    return siblings[i + 1].start if i + 1 < len(siblings) else end


def _split_sentences(body: _Body, sections, title: Span | None, salutation: Span | None) -> list[Sentence]:
    """Cut the body into sentences that tile it exactly."""
    text, end = body.text, body.end
    # Hard cuts: where a section starts, where its heading ends, around front matter and boilerplate.
    cuts: dict[int, str] = {}
    leaves: list[tuple[int, str]] = []
    for section in (s for top in sections for s in top.walk()):
        leaves.append((section.start, section.id))
        if section.level > 0 or section.family != "preamble":
            cuts[section.start] = "heading"
            cuts.setdefault(section.heading_end, "text")
    for span, kind in ((title, "title"), (salutation, "salutation")):
        if span:
            cuts[span.start] = kind
            cuts.setdefault(span.end, "text")
    for b in body.interior:
        cuts[b.start] = "boilerplate"
        cuts.setdefault(b.end, "text")
    cuts.setdefault(body.start, "text")
    leaves.sort()
    leaf_starts = [p for p, _ in leaves]

    pieces: list[tuple[int, int, str]] = []
    points = sorted(p for p in cuts if body.start <= p < end)
    for i, a in enumerate(points):
        b = points[i + 1] if i + 1 < len(points) else end
        kind = cuts[a]
        if kind in ("heading", "title", "salutation", "boilerplate"):
            pieces.append((a, b, kind))
        else:
            pieces.extend((x, y, "text") for x, y in _sentence_spans(body, a, b))
    pieces = _absorb_whitespace(text, pieces)

    sentences = []
    paragraph = 0
    for n, (a, b, kind) in enumerate(pieces):
        if n and (a in body.gap_ends or kind == "heading"):
            paragraph += 1
        section = leaves[bisect_right(leaf_starts, a) - 1][1]
        sentences.append(Sentence(a, b, section, kind, paragraph))
    return sentences


_SENTENCE_BREAK = re.compile("[" + re.escape("".join(sorted(SENTENCE_END))) + "]+|\n")


def _sentence_spans(body: _Body, a: int, b: int) -> Iterator[tuple[int, int]]:
    """Sentences of a run of running text: cut after 。！？ outside quotes and at line breaks."""
    text = body.text
    begin = a
    for m in _SENTENCE_BREAK.finditer(text, a, b):
        if m.group() == "\n":
            cut = m.start()
        else:
            k = m.end()
            while k < b and text[k] in _CLOSERS:
                k += 1
            # 。” closes the quotation and the sentence together
            closes_all = k > m.end() and (k == b or body.depth_at(k) == 0 and body.depth_at(k - 1) == 0)
            if body.depth_at(m.start()) != 0 and not closes_all:
                continue
            cut = k
        if cut > begin:
            yield begin, cut
            begin = cut
    if begin < b:
        yield begin, b


def _absorb_whitespace(text: str, pieces: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Whitespace between sentences joins the sentence before it; a piece of only whitespace joins its neighbour."""
    merged: list[tuple[int, int, str]] = []
    for a, b, kind in pieces:
        if merged and not text[a:b].strip():
            pa, _, pk = merged[-1]
            merged[-1] = (pa, b, pk)
            continue
        stripped_start = a + (len(text[a:b]) - len(text[a:b].lstrip()))
        if merged and stripped_start > a:
            pa, _, pk = merged[-1]
            merged[-1] = (pa, stripped_start, pk)
            a = stripped_start
        merged.append((a, b, kind))
    return merged


def render_tree(outline: Outline) -> str:
    """The outline as an indented text tree, one section a line, with its span."""
    lines = []
    if outline.title:
        lines.append(f"title: {outline.title.text}  [{outline.title.start}–{outline.title.end}]")
    if outline.salutation:
        lines.append(f"salutation: {outline.salutation.text}  [{outline.salutation.start}–{outline.salutation.end}]")
    for section in outline.walk():
        if section.level == 0:
            lines.append(f"0 preamble  [{section.start}–{section.end}]")
            continue
        indent = "    " * (section.level - 1)
        lines.append(f"{indent}{section.id} {section.marker}{section.title}  [{section.start}–{section.end}]")
    return "\n".join(lines)
