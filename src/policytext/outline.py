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

A heading also ends at a space between two Chinese characters (bodies where
a space separates paragraphs) and where the next marker starts (a heading and
its first sub-heading on one line). Openers that are subjects (党中央,
习近平总书记) end a heading only when a verb of saying or deciding follows
them: in 坚持和加强党中央集中统一领导 党中央 is an object.

Two kinds of marker are not sections: a list inside one sentence (三件大事：
一是…，二是…，三是…, items joined by commas), and a marker that continues a
series that was itself not taken as sections (一、二、三、四、 listed inside a
section while the parts are numbered with the same family). An inline list
after a colon is kept, but its last item ends with its sentence. In a body
whose line breaks show its structure, an enumeration item inside a paragraph
is a list, not a section, unless the paragraph opens with a heading. A list
announced by a count and a colon (以下几点：) nests under the section that
announced it, whatever its markers' usual rank.

Markup leaked into a scraped text (</p><p>, <br/>) is furniture the view
leaves out, but a block tag was a line break of the page: the outline reads
it as one (a heading, a title, an address ends there), while inline tags
(<strong>) break nothing.

All work happens on the document's analysis view (:attr:`Document.view`:
the normalised body without furniture, wrap breaks and pinyin), so a heading
wrapped over two lines is one heading; every span is mapped back to the raw
text at the end. The sentence spans tile the raw body exactly: every
character belongs to exactly one sentence, and furniture inside the body is
a sentence of its own, of kind ``boilerplate``, except at a page break inside
a sentence (a wrap elision over a page's footer and the next page's header),
which the sentence runs over as it runs over any wrap.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import accumulate, islice, repeat
from operator import or_
from types import MappingProxyType
from typing import TYPE_CHECKING, Iterator, Protocol

from .markers import CN_DIGITS, FAMILIES, MarkerFamily
from .normalize import normalize
from .numerals import to_number
from .resources import word_list
from .scanning import FirstCharacterScan
from .spans import Span
from .textfacts import CLOSERS, COLONS, SENTENCE_ENDS, match_quotations
from .webpage import BLOCK_TAG

if TYPE_CHECKING:
    import pandas as pd

    from .textview import TextView

SENTENCE_END = frozenset(SENTENCE_ENDS)
_SEMICOLONS = "；;"
_HEADING_STOP = frozenset(SENTENCE_ENDS + _SEMICOLONS + COLONS)
_CLOSERS = frozenset(CLOSERS)
_STRONG_BEFORE = frozenset(SENTENCE_ENDS + _SEMICOLONS)
_ENUM_BEFORE = frozenset(COLONS)
_ENUM_CONTINUE_BEFORE = frozenset("，,")
_PARAGRAPH_GAP = re.compile(r"\n[\s\u3000]*|[ \t\u3000]{2,}|\u3000")
_NON_SPACE = re.compile(r"\S")
# re skips ahead only for a pattern that opens with a class; these alternations do not.
_PARAGRAPH_GAP_SCAN = FirstCharacterScan(_PARAGRAPH_GAP, "\n \t\u3000")
_ADDRESS = (r"(?:同志们|各位(?:代表|委员|领导|来宾|嘉宾|同事|同志|老师|同学|朋友|评委|家长|专家|同仁|校友|战友)"
            r"|女士们|先生们|朋友们|老师们|同学们)")
# 尊敬的 / 亲爱的 open an address that names someone (尊敬的王主席，各位委员，同志们：; 亲爱的老师、同学们：).
_HONOURED = r"(?:尊敬的|亲爱的)[^，,、：:。！？!?；;\n]{1,30}?[，,、]\s*"
# The colon ends an address; so does ！ at the end of its line (各位代表！ in older reports).
# An honoured addressee may stand alone (尊敬的亚奥理事会评估团成员：).
SALUTATION = re.compile(
    rf"(?:{_HONOURED}|{_ADDRESS}[、，,]\s*)*(?:尊敬的|亲爱的)?{_ADDRESS}(?:[、，,\s]*(?:尊敬的|亲爱的)?{_ADDRESS})*"
    rf"(?:\s*[：:]|[！!](?=[ \t\u3000]*(?:\n|$)))"
    r"|尊敬的[^，,、：:。！？!?；;\n]{1,30}[：:]"
)
MAX_HEADING = 80
MIN_HEADING = 4
_LONG_HEADING = 30
# A heading whose marker stands on a line of its own ends with its first sentence, up to this length.
_ALONE_HEADING = 160
# A topic (关于…) followed by a comma: the topic is the heading, the rest of the sentence comments on it.
_TOPIC = re.compile(r"关于[^，,。；;：:！？!?\n]{2,40}(?=[，,])")
_FRONT_WINDOW = 1000
_TITLE_MAX = 100
# A short title printed with spaces between its characters (总 则, 附  则): the spaces are no break.
_SPACED_OUT = re.compile(r"(?:[\u4e00-\u9fff][ \u3000]+){1,5}[\u4e00-\u9fff](?=[ \u3000]*(?:\n|$))")
_NOT_BEFORE_OPENER = frozenset("的在从对把和与及向为于")
# Whitespace between two Chinese characters separates paragraphs (or a heading from its text).
_CJK_BREAK = re.compile(r"(?<=[^\x00-\x7f\s])[ \t\u3000\u00a0]+(?=[^\x00-\x7f\s]|\d)")
# A count that announces a list (讲三点意见：, 以下几个方面：): a heading marker may follow its colon.
_ANNOUNCED = re.compile(r"[一二三四五六七八九十两几\d]+(?:点|个方面|方面|条|个问题|件事)[^，。；：:,;！？!?\n]{0,8}$")
_ANNOUNCE_WINDOW = 16
# A body with at least this many paragraph breaks shows its structure: an enumeration
# item (一是, 第一，) in the middle of a paragraph is a list in the text, not a section.
_STRUCTURED_GAPS = 3
# One-character verbs of openers.txt and the characters that make them part of another word
# (总书记重要讲话: 要 in 重要 is no verb; 现在, 存在).
_WORD_BEFORE_VERB = MappingProxyType({"要": "重主需只想纲概摘", "在": "现正存所实自"})
_SUBJECT = "@"  # openers.txt: a subject, which opens a sentence only before a verb
_VERB = ">"  # openers.txt: a verb that makes a subject open a sentence
_VERB_WINDOW = 6  # characters between a subject and its verb (adverbs: 多次, 深刻, 高度)


@lru_cache(maxsize=1)
def sentence_openers() -> tuple[str, ...]:
    """Words that begin a sentence and so end a run-on heading (package data)."""
    return tuple(w for w in word_list("openers.txt") if w[0] not in (_SUBJECT, _VERB))


@lru_cache(maxsize=1)
def _opener_pattern() -> re.Pattern[str]:
    words = word_list("openers.txt")
    adverbials = [w for w in words if w[0] not in (_SUBJECT, _VERB)]
    subjects = [w[1:] for w in words if w[0] == _SUBJECT]
    verbs = [w[1:] for w in words if w[0] == _VERB]
    subject = "|".join(map(re.escape, sorted(subjects, key=len, reverse=True)))
    verb = "|".join(
        (f"(?<![{_WORD_BEFORE_VERB[v]}])" if v in _WORD_BEFORE_VERB else "") + re.escape(v)
        for v in sorted(verbs, key=len, reverse=True)
    )
    adverbial = "|".join(map(re.escape, adverbials))
    return re.compile(rf"(?:{subject})(?=[^。！？；，,\n]{{0,{_VERB_WINDOW}}}?(?:{verb}))|{adverbial}")


@lru_cache(maxsize=1)
def _heading_end_pattern() -> re.Pattern[str]:
    heads = "|".join(map(re.escape, word_list("heading_ends.txt")))
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


@dataclass(frozen=True, slots=True)
class SentenceColumns:
    """The sentences of an outline, kept compact: sentence ``i`` is ``raw[starts[i]:ends[i]]``.

    A long speech has tens of thousands of sentences; as five flat tuples they
    cost a few objects, where as many :class:`Sentence` objects would each be
    built (and walked by the garbage collector) before any table needs them.
    """

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    sections: tuple[str, ...]
    kinds: tuple[str, ...]
    paragraphs: tuple[int, ...]


_INTEGER_COLUMNS = frozenset({"sentence", "level", "paragraph", "start", "end"})


@dataclass(frozen=True)
class Outline:
    """Title, salutation and sections of a document, with the sentences that tile its body."""

    raw: str
    body_start: int
    body_end: int
    title: Span | None
    salutation: Span | None
    sections: tuple[Section, ...]  # a level-0 preamble "0" first, then the top-level sections
    sentence_columns: SentenceColumns = field(repr=False)
    # The title and salutation as read: without elisions (pinyin, furniture) and with wrapped lines joined.
    title_text: str = ""
    salutation_text: str = ""

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """The sentences that tile the body, in order (built on first use: the tables read the columns)."""
        columns = self.sentence_columns
        return tuple(map(Sentence, columns.starts, columns.ends, columns.sections, columns.kinds, columns.paragraphs))

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
        columns, raw = self.sentence_columns, self.raw
        # Column by column, each a lookup mapped from C over the sentences' sections
        # (a long speech has tens of thousands of sentences, and only dozens of sections).
        sections = columns.sections
        data: dict[str, list] = {
            "sentence": list(range(len(sections))),
            "section": list(sections),
            "level": list(map(levels.get, sections, repeat(0))),
            "kind": list(columns.kinds),
            "paragraph": list(columns.paragraphs),
        }
        for level in range(1, max(depth, 3) + 1):
            title_at = {section: path[level - 1] for section, path in titles.items() if level <= len(path)}
            data[f"title_{level}"] = list(map(title_at.get, sections, repeat("")))
        data["text"] = list(map(raw.__getitem__, map(slice, columns.starts, columns.ends)))
        data["start"] = list(columns.starts)
        data["end"] = list(columns.ends)
        # The types pandas would infer from the values, given: inferring them costs a third of the table.
        # (Without rows every column stays of the object dtype, as before.)
        dtypes = {column: "int64" if column in _INTEGER_COLUMNS else "str" for column in data} if sections else None
        return columns_frame(data, dtypes=dtypes)

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
    # An inline list's last item ends with its sentence, not at the next heading.
    end_cap: int | None = None


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    family: MarkerFamily
    number: int
    paragraph_start: bool
    before: str  # what makes it a boundary: paragraph, strong, colon, comma, heading


@dataclass(slots=True)
class _Body:
    """The analysis text of the body (view offsets), with its paragraph gaps and quotation depth."""

    text: str
    start: int
    end: int
    gaps: list[tuple[int, int]]
    interior: list[tuple[int, int]]
    # Quotation depth changes only at quotation marks: keep those positions and
    # the depth after each, not one number per character (bodies may be 50 MB).
    depth_positions: list[int] = field(default_factory=list)
    depth_values: list[int] = field(default_factory=list)
    gap_ends: set[int] = field(default_factory=set)
    # The body's last line is whole (a line break follows it in the raw text), not cut in the middle.
    ends_at_line_end: bool = False
    # Sorted view positions where leaked block markup (</p><p>, <br/>) was taken out: a line break of the page.
    breaks: tuple[int, ...] = ()
    _interior_starts: list[int] = field(default_factory=list, repr=False)
    _interior_ends: list[int] = field(default_factory=list, repr=False)
    _resumes: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        # Furniture spans do not overlap: sorted by start, their ends are sorted too,
        # so both questions below are a bisection, not a scan of every span (linear time overall).
        self.interior = sorted(self.interior)
        self._interior_starts = [a for a, _ in self.interior]
        self._interior_ends = [b for _, b in self.interior]
        # Where the text goes on after each span: the first non-space character after its end.
        self._resumes = [m.start() if (m := _NON_SPACE.search(self.text, b, self.end)) else self.end for b in self._interior_ends]

    def is_break(self, pos: int) -> bool:
        k = bisect_right(self.breaks, pos) - 1
        return k >= 0 and self.breaks[k] == pos

    def next_break(self, after: int, before: int) -> int | None:
        """The first markup break p with after < p < before, or None."""
        k = bisect_right(self.breaks, after)
        return self.breaks[k] if k < len(self.breaks) and self.breaks[k] < before else None

    def line_end(self, at: int, limit: int) -> int:
        """Where the line holding *at* ends (before *limit*): its line break, or a markup break."""
        newline = self.text.find("\n", at, limit)
        newline = limit if newline == -1 else newline
        markup = self.next_break(at, newline)
        return newline if markup is None else markup

    def next_line(self, line_end: int) -> int:
        """Where the line after the one that ends at *line_end* starts."""
        return line_end + 1 if self.text[line_end : line_end + 1] == "\n" else line_end

    def line_start(self, pos: int, floor: int) -> int:
        """Where the line holding *pos* starts (not before *floor*)."""
        k = bisect_right(self.breaks, pos) - 1
        return max(floor, self.text.rfind("\n", floor, pos) + 1, self.breaks[k] if k >= 0 else floor)

    def lines(self, start: int, limit: int) -> Iterator[tuple[int, int]]:
        """(start, end) of each line of text[start:limit], line breaks and markup breaks both ending one."""
        at = start
        while at < limit:
            end = self.line_end(at, limit)
            yield at, end
            at = self.next_line(end) if end < limit else limit

    def depth_at(self, i: int) -> int:
        k = bisect_right(self.depth_positions, i) - 1
        return self.depth_values[k] if k >= 0 else 0

    def in_boilerplate(self, pos: int) -> bool:
        k = bisect_right(self._interior_starts, pos) - 1
        return k >= 0 and pos < self.interior[k][1]

    def paragraph_start(self, pos: int, floor: int) -> bool:
        if pos == floor or pos in self.gap_ends:
            return True
        # Only the nearest furniture end before pos matters: if only whitespace lies
        # between an earlier end and pos, it lies between the nearest one and pos too.
        k = bisect_right(self._interior_ends, pos) - 1
        return k >= 0 and self._resumes[k] >= pos


class OutlineSource(Protocol):
    """What the outline reads of a document (a :class:`~policytext.document.Document` is one).

    An interface rather than an import: the document builds its outline, so the
    outline must not depend on the document module.
    """

    raw: str
    norm: str
    view: TextView
    body_start: int
    body_end: int
    boilerplate: tuple[Span, ...]
    elisions: tuple[Span, ...]


def build_outline(document: OutlineSource) -> Outline:
    """Parse the body of *document* into an :class:`Outline` (built on its view, spans in raw offsets)."""
    view = document.view
    text = view.text
    start, end = 0, len(text)
    gaps = [m.span() for m in _PARAGRAPH_GAP_SCAN.finditer(text, start, end)]
    breaks = _markup_breaks(document, view)
    if breaks:
        # A markup break starts a paragraph as a line break does (the page's <p> and <br> were its lines).
        gaps = sorted(gaps + [(p, m.start() if (m := _NON_SPACE.search(text, p, end)) else end) for p in breaks])
    # Furniture the view did not take out (a document built without elisions) is still kept out of headings.
    interior = [
        (view.from_raw(b.start), view.from_raw(b.end))
        for b in document.boilerplate
        if document.body_start <= b.start and b.end <= document.body_end
        and not view.within_elision(b.start, b.end)
    ]
    body = _Body(text, start, end, gaps, interior, gap_ends={b for _, b in gaps},
                 ends_at_line_end=document.raw[document.body_end : document.body_end + 1] in ("\n", "\r"),
                 breaks=breaks)
    body.depth_positions, body.depth_values = _quote_depth(body)

    names = tuple(normalize(b.text) for b in document.boilerplate if b.kind == "file_name")
    # Where furniture lines were taken out of the view near the top: a wrapped title does not run across them.
    furniture_cuts = tuple(
        view.from_raw(e.start) for e in document.elisions
        if e.kind not in _READING_ELISIONS and e.start < document.body_start + _FRONT_WINDOW
    )
    title, salutation = _front_matter(body, names=names, furniture_cuts=furniture_cuts)
    # Headings come after the front matter (a notice's forwarded title may follow its addressees).
    scan_from = max((span.end for span in (title, salutation) if span), default=start)
    root = _Node(None, None, start, start)
    candidates = _without_articles(_candidates(body, scan_from), body, title.text if title else "")
    _place_markers(root, candidates, body)
    nodes = list(_iter_nodes(root))[1:]
    starts = [n.start for n in nodes]
    for i, node in enumerate(nodes):
        _set_heading(node, body, starts[i + 1] if i + 1 < len(starts) else end)
        if node.end_cap is not None:
            node.end_cap = max(node.end_cap, node.heading_end)

    places = _RawPlaces(document, view)
    in_view: dict[str, tuple[int, int]] = {}
    sections = _freeze(root, places, in_view)
    sentences = _split_sentences(body, sections, in_view, title, salutation, places)
    return Outline(
        document.raw,
        document.body_start,
        document.body_end,
        places.span(title),
        places.span(salutation),
        sections,
        sentences,
        title_text=places.joined(title),
        salutation_text=places.joined(salutation),
    )


def _markup_breaks(document: OutlineSource, view: TextView) -> tuple[int, ...]:
    """View positions where leaked block markup (</p><p>, <br/>) was elided: the lines of the page it came from.

    Inline markup (<strong>, <span>) breaks nothing: 加强<strong>党的</strong>建设 is one line.
    """
    found = set()
    for elision in document.elisions:
        if elision.kind in _READING_ELISIONS or not BLOCK_TAG.search(elision.text):
            continue
        position = view.from_raw(elision.end)
        if 0 < position < len(view.text):
            found.add(position)
    return tuple(sorted(found))


@dataclass(frozen=True, slots=True)
class _RawPlaces:
    """View offsets to raw offsets: a cut between two view characters goes just before the second one."""

    document: OutlineSource
    view: TextView

    def cut(self, position: int) -> int:
        if position <= 0:
            return self.document.body_start
        if position >= len(self.view.text):
            return self.document.body_end
        return self.view.raw_offset(position)

    def cuts(self, positions: list[int]) -> list[int]:
        """:meth:`cut` of many positions (a body's tens of thousands of sentence edges)."""
        view = self.view
        if not view.is_identity:
            return [self.cut(position) for position in positions]
        low, high, length, base = self.document.body_start, self.document.body_end, len(view.text), view.raw_start
        return [low if p <= 0 else high if p >= length else base + p for p in positions]

    def end(self, start: int, end: int) -> int:
        """Where the view span [start, end) ends in the raw text: after its last kept character.

        Furniture the view left out right after it (leaked ``</strong></p><p>``
        after a heading) is not part of it, unlike :meth:`cut`, which goes
        just before the next kept character.
        """
        if end <= start:
            return self.cut(end)
        return self.view.to_raw(start, end)[1]

    def span(self, span: Span | None) -> Span | None:
        if span is None:
            return None
        return self.view.raw_span(self.document.raw, span.start, span.end, span.kind)

    def text(self, start: int, end: int) -> str:
        """The raw characters of a view span without what was elided (a wrapped heading on one line)."""
        return self.view.raw_text(self.document.raw, start, end)

    def joined(self, span: Span | None) -> str:
        """A front-matter span as read: without elisions, its lines joined (Chinese needs no space between them)."""
        return "" if span is None else _LINE_JOIN.sub("", self.text(span.start, span.end))


_LINE_JOIN = re.compile(r"[ \t\u3000]*[\r\n]+[ \t\u3000]*")


def _quote_depth(body: _Body) -> tuple[list[int], list[int]]:
    """Positions where the quotation depth changes, and the depth from each on.

    Only marks that pair up within a paragraph count, so an unbalanced quote
    cannot swallow the rest of the document.
    """
    spans = match_quotations(body.text, body.start, body.end, straight=True, breaks=[a for a, _ in body.gaps])
    steps: dict[int, int] = {}
    for span in spans:
        steps[span.start + 1] = steps.get(span.start + 1, 0) + 1
        steps[span.end - 1] = steps.get(span.end - 1, 0) - 1
    positions, values, running = [], [], 0
    for position in sorted(steps):
        running += steps[position]
        positions.append(position)
        values.append(running)
    return positions, values


def _shared_start(a: str, b: str) -> int:
    """How many characters *a* and *b* share from their start."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _named_title(body: _Body, start: int, limit: int, names: tuple[str, ...]) -> Span | None:
    """A title run into the first sentence, told by the site's name for the document.

    A document site shows the file name (…发言材料参考范文2篇.docx) above a
    text whose first line runs the title into its first sentence
    (…发言材料在学习贯彻…): the words they share from the start are the title.
    """
    text = body.text
    at = _NON_SPACE.search(text, start, limit)
    if at is None:
        return None
    first = at.start()
    line_end = body.line_end(first, limit)
    best = max((_shared_start(_FILE_SUFFIX.sub("", name.strip()), text[first:line_end]) for name in names), default=0)
    if best < _NAMED_MIN or first + best >= line_end or any(c in SENTENCE_END for c in text[first : first + best]):
        return None
    return Span(first, first + best, text[first : first + best], "title")


def _front_matter(
    body: _Body, *, names: tuple[str, ...] = (), furniture_cuts: tuple[int, ...] = ()
) -> tuple[Span | None, Span | None]:
    text, start, end = body.text, body.start, body.end
    salutation = None
    for m in SALUTATION.finditer(text, start, min(end, start + _FRONT_WINDOW)):
        line_start = body.line_start(m.start(), start)
        if not any(c in SENTENCE_END for c in text[line_start : m.start()]):
            salutation = Span(m.start(), m.end(), m.group(), "salutation")
            break
    if salutation is None:
        salutation = _addressees(body, start, min(end, start + _FRONT_WINDOW))
    limit = salutation.start if salutation else end
    first = _first_title_line(body, start, limit)
    if first is None and salutation is not None:
        # A notice with nothing above its addressees: the document it forwards may carry the title.
        return _forwarded_title(body, salutation.end, min(end, salutation.end + _FRONT_WINDOW)), salutation
    if first is None:
        return _repeated_title(text, start, limit) or _named_title(body, start, limit, names), salutation
    title_start, title_end = first
    # A title wrapped over lines goes on while the next line reads as its continuation.
    while title_end < limit and (text[title_end] == "\n" or body.is_break(title_end)):
        after = body.next_line(title_end)
        nxt = body.line_end(after, limit)
        line = text[after:nxt].strip()
        if not _continues_title(line) or len(text[title_start:nxt].rstrip()) > _TITLE_MAX:
            break
        if _shared_start(line, text[title_start:title_end]) >= _NAMED_MIN:
            break  # the title again in another form (…计划-22篇 / …计划汇编), not its continuation
        if any(title_end < cut <= nxt for cut in furniture_cuts):
            break  # furniture the view left out stands between the lines (撰写人:____): not one title
        title_end = after + len(text[after:nxt].rstrip())
    better = (_title_alone_later(body, text[title_start:title_end], title_end, limit)
              or _title_below_furniture(body, text[title_start:title_end], title_end, limit, furniture_cuts))
    if better is not None:
        return better, salutation
    candidate = text[title_start:title_end]
    if salutation is None and title_end >= end:
        return None, salutation  # a body of one line is not a title
    return Span(title_start, title_end, candidate, "title"), salutation


# A line that starts a subtitle, a date, a byline or a heading rather than continuing a title.
_NOT_TITLE_CONTINUATION = re.compile(r"^(?:[—–-]{1,2}|[（(]|\d{4}\s*年|[一二三四五六七八九十]{1,3}、)")
_TITLE_LINE_MAX = 40


def _continues_title(line: str) -> bool:
    return (
        0 < len(line) <= _TITLE_LINE_MAX
        and not any(c in SENTENCE_END or c in "：:，," for c in line)
        and not _CJK_BREAK.search(line)  # 天津市市长 张工, 习　近　平: a byline
        and not _NOT_TITLE_CONTINUATION.match(line)
        and not any(f.pattern.match(line) for f in FAMILIES)  # a heading (1.总则) below the title
        and not SALUTATION.match(line)
        and len(_HAN_CHAR.findall(line)) >= len(line) // 2
    )


_HAN_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Elisions that are part of reading the text (inline pinyin, wrap breaks), not furniture.
_READING_ELISIONS = frozenset({"pinyin", "wrap"})
_FILE_SUFFIX = re.compile(r"\.[A-Za-z]{2,4}$")
# The fewest characters a title shares with the site's file name to count as the same words.
_NAMED_MIN = 6
# 沪府发〔2017〕92号: an official document's number, printed above or below its title.
_DOCUMENT_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,10}[〔\[［（(]\d{4}[〕\]］）)]\s*\d{1,4}\s*号$")
_EDITORIAL_NOTE = re.compile(r"^[（(][^（）()]{2,80}[）)]$")
# The most lines an addressee list is wrapped over.
_ADDRESS_LINES = 3
_ADDRESS_MAX = 150
_LIST_SEPARATORS = frozenset("、，,")
# The same words twice at the head of a text, each closed by a semicolon: a site's copy of the title.
_REPEATED_OPENING = re.compile(r"(?P<title>[^；;。！？!?\n]{6,100}?)[；;][ \t\u3000]*(?P=title)[；;]")
# 现将《…实施方案》印发给你们: a notice names the document it forwards.
_FORWARDED = re.compile(r"《(?P<name>[^《》\n]{6,100})》[^。！？\n]{0,8}?(?:印发|转发|批转|发布|下发)")


@lru_cache(maxsize=1)
def _addressee_pattern() -> re.Pattern[str]:
    """各市人民政府，各县（市、区）人民政府，省政府各部门：the addressees of an official document.

    A list of institutions (names ending as in ``data/institutions.txt``, 五华区、盘龙区…人民政府，…管委会),
    or one institution (全国人民代表大会常务委员会), and its colon.
    """
    endings = "|".join(map(re.escape, word_list("institutions.txt")))
    item = r"[^。！？!?；;\n：:]"
    return re.compile(rf"{item}{{1,{_ADDRESS_MAX}}}?(?:{endings})[：:]")


def _addressees(body: _Body, start: int, limit: int) -> Span | None:
    """The addressee list of a notice: lines of their own, the last ending in a colon, a wrapped list joined.

    A list that does not open with 各 counts only before the text's first sentence, where a notice puts it.
    """
    text = body.text
    lines = [(a, b) for a, b in body.lines(start, limit) if text[a:b].strip()]
    for i, (a, b) in enumerate(lines):
        if text[a:b].rstrip()[-1:] not in COLONS:
            continue
        # A list wrapped over lines: the lines before it that end in a list's separator belong to it.
        top = i
        while top > 0 and i - top + 1 < _ADDRESS_LINES and text[lines[top - 1][0] : lines[top - 1][1]].rstrip()[-1:] in _LIST_SEPARATORS:
            top -= 1
        for first in range(top, i + 1):  # the longest list first
            a0 = lines[first][0] + len(text[lines[first][0] : lines[first][1]]) - len(text[lines[first][0] : lines[first][1]].lstrip())
            b0 = a + len(text[a:b].rstrip())
            joined = _LINE_JOIN.sub("", text[a0:b0])
            if len(joined) > _ADDRESS_MAX or not _addressee_pattern().fullmatch(joined):
                continue
            if not joined.startswith("各") and any(c in SENTENCE_END for c in text[start:a0]):
                continue
            return Span(a0, b0, text[a0:b0], "salutation")
    return None


def _title_alone_later(body: _Body, candidate: str, after: int, limit: int) -> Span | None:
    """The title alone on a later line when the first line is a site's framing of it (两会受权发布全国…工作报告)."""
    text = body.text
    for a, b in body.lines(after, min(limit, after + _FRONT_WINDOW)):
        stripped = text[a:b].strip()
        if len(stripped) >= max(_NAMED_MIN, len(candidate) // 2) and stripped != candidate and candidate.endswith(stripped):
            first = a + len(text[a:b]) - len(text[a:b].lstrip())
            return Span(first, first + len(stripped), stripped, "title")
    return None


def _title_below_furniture(body: _Body, candidate: str, after: int, limit: int, furniture_cuts: tuple[int, ...]) -> Span | None:
    """A portal's column name (预算绩效管理) above its metadata table is no title when the line below the table is one.

    The line below counts when it ends as a document's title does (…自评报告, …实施方案:
    ``data/title_ends.txt``) and the first line does not.
    """
    text = body.text
    ends = _title_ends()
    if candidate.endswith(ends):
        return None
    for a, b in body.lines(after, min(limit, after + _FRONT_WINDOW)):
        stripped = text[a:b].strip()
        if not stripped:
            continue
        if (not any(after < cut <= a for cut in furniture_cuts) or not stripped.endswith(ends) or len(stripped) > _TITLE_MAX
                or any(c in SENTENCE_END for c in stripped) or any(f.pattern.match(stripped) for f in FAMILIES)):
            return None
        first = a + len(text[a:b]) - len(text[a:b].lstrip())
        return Span(first, first + len(stripped), stripped, "title")
    return None


@lru_cache(maxsize=1)
def _title_ends() -> tuple[str, ...]:
    return word_list("title_ends.txt")


def _repeated_title(text: str, start: int, limit: int) -> Span | None:
    """A title a document site prints twice at the head of the text (关于…范文；关于…范文；…): the first copy."""
    at = _NON_SPACE.search(text, start, limit)
    m = _REPEATED_OPENING.match(text, at.start(), limit) if at else None
    return Span(m.start("title"), m.end("title"), m.group("title"), "title") if m else None


def _forwarded_title(body: _Body, start: int, limit: int) -> Span | None:
    """The title of the document a notice forwards (现将《X》印发给你们): the line after the notice that is X."""
    text = body.text
    names = {m.group("name") for m in _FORWARDED.finditer(text, start, limit)}
    if not names:
        return None
    for a, b in body.lines(start, limit):
        stripped = text[a:b].strip()
        if stripped in names:
            first = a + len(text[a:b]) - len(text[a:b].lstrip())
            return Span(first, first + len(stripped), stripped, "title")
    return None


def _first_title_line(body: _Body, start: int, limit: int) -> tuple[int, int] | None:
    """The first line that can be a title: furniture the view kept (mojibake, stray marks) is skipped."""
    text = body.text
    for at, line_end in body.lines(start, limit):
        line = text[at:line_end]
        stripped = line.strip()
        if stripped and ("\ufffd" in stripped or len(_HAN_CHAR.findall(stripped)) < 2 or _DOCUMENT_NUMBER.match(stripped)):
            continue  # not text (a title is Chinese), or a document number (沪府发〔2017〕92号) above the title
        if _EDITORIAL_NOTE.match(stripped):
            return None  # an editor's note in parentheses where a title would stand: the page has no title
        if not stripped:
            continue
        first = at + len(line) - len(line.lstrip())
        candidate = stripped
        is_heading = any(f.pattern.match(candidate) for f in FAMILIES)
        if is_heading or len(candidate) > _TITLE_MAX or any(c in SENTENCE_END for c in candidate):
            return None
        if line_end >= limit and limit == len(text):
            return first, first + len(candidate)  # the caller decides: a one-line body has no title
        return first, first + len(candidate)
    return None


def _candidates(body: _Body, scan_from: int) -> list[_Candidate]:
    """Marker matches standing where a heading can start, without lists inside a sentence.

    In a body whose line breaks show its structure, an enumeration item (一是,
    第一，) inside a paragraph is a list in the text, unless the paragraph
    opens with a heading ((二)推动产业升级。一是…；二是…).
    """
    found = []
    structured = len(body.gaps) >= _STRUCTURED_GAPS
    paragraph_starts = sorted({scan_from, *(b for _, b in body.gaps if b > scan_from)})
    heading_starts: set[int] = set()
    for family in sorted(FAMILIES, key=lambda f: f.enumeration):  # headings first, then enumerations
        for m in family.pattern.finditer(body.text, scan_from, body.end):
            pos = m.start()
            if body.in_boilerplate(pos) or body.depth_at(pos) > 0:
                continue
            number = marker_number(m.group("num"))
            if number is None:
                continue
            paragraph_start = body.paragraph_start(pos, scan_from)
            if not paragraph_start and (family.line_start or m.groupdict().get("bare")):
                continue
            if family.enumeration and structured and not paragraph_start:
                opening = paragraph_starts[bisect_right(paragraph_starts, pos) - 1]
                if opening not in heading_starts:
                    continue
            before = "paragraph" if paragraph_start else _boundary_before(body.text, pos, scan_from, family, number)
            if number == 1 and not family.enumeration and _announced(body.text, pos, scan_from):
                before = "announced"
            if before:
                found.append(_Candidate(pos, m.end(), family, number, paragraph_start, before))
                if not family.enumeration and paragraph_start:
                    heading_starts.add(pos)
    found.sort(key=lambda c: (c.start, c.family.rank))
    found = _with_headings_on_one_line(body, _without_previews(found))
    return _without_turns(_without_lists_in_sentences(found, body.text), body.text)


def _without_turns(found: list[_Candidate], text: str) -> list[_Candidate]:
    """Numbered speaker turns ((2)主持人：…(3)主持人：…) are no sections.

    Markers of one family whose numbers follow one another and that open the
    same short label and its colon are a script's turns; the same label under
    markers of one number ((一)基本情况： in every part) is a parallel outline.
    """
    by_label: dict[tuple[str, str], list[int]] = {}
    for k, c in enumerate(found):
        m = _TURN_LABEL.match(text, c.end)
        if m:
            by_label.setdefault((c.family.name, m.group("label")), []).append(k)
    dropped = set()
    for ks in by_label.values():
        for a, b in zip(ks, ks[1:]):
            if found[b].number == found[a].number + 1:
                dropped.update((a, b))
    return [c for k, c in enumerate(found) if k not in dropped]


# A speaker's label and its colon right after a marker: (2)主持人：
_TURN_LABEL = re.compile(r"[ \t\u3000]*(?P<label>[^\s，,。；;：:！？!?“”\"]{1,6})[：:]")


def _without_previews(found: list[_Candidate]) -> list[_Candidate]:
    """Drop an outline announced before the parts: 讲三个问题：(一)…；(二)…；(三)…。 then (一) again heading part one.

    An announced series that its own family restarts at 1 right after it
    previews the parts; the restarted markers are the headings.
    """
    dropped: set[int] = set()
    for k, c in enumerate(found):
        if c.before != "announced" or c.number != 1 or k in dropped:
            continue
        series = [k]
        for j in range(k + 1, len(found)):
            other = found[j]
            if other.family is not c.family:
                continue
            if other.number == found[series[-1]].number + 1:
                series.append(j)
                continue
            if other.number == 1 and len(series) > 1:
                dropped.update(series)
            break
    return [c for k, c in enumerate(found) if k not in dropped]


def _with_headings_on_one_line(body: _Body, found: list[_Candidate]) -> list[_Candidate]:
    """A first sub-heading right after its heading, on the same line (一、总体要求（一）指导思想), is a heading too."""
    text = body.text
    extra = []
    heads = [c for c in found if not c.family.enumeration]
    for head in heads:
        for family in FAMILIES:
            if family.enumeration or family.line_start or family.rank <= head.family.rank:
                continue
            window_end = min(body.end, head.end + MAX_HEADING)
            for m in family.pattern.finditer(text, head.end + 1, window_end):
                between = text[head.end : m.start()]
                if ("\n" in between or any(c in _HEADING_STOP for c in between) or body.depth_at(m.start()) > 0
                        or body.next_break(head.end, m.start() + 1) is not None):
                    break
                if marker_number(m.group("num")) == 1 and not m.groupdict().get("bare"):
                    extra.append(_Candidate(m.start(), m.end(), family, 1, False, "heading"))
                break
    if not extra:
        return found
    have = {(c.start, c.family.name) for c in found}
    merged = found + [c for c in extra if (c.start, c.family.name) not in have]
    merged.sort(key=lambda c: (c.start, c.family.rank))
    return merged


def _without_lists_in_sentences(found: list[_Candidate], text: str) -> list[_Candidate]:
    """Drop enumeration series whose items are joined by commas: 一是…，二是…，三是… is a list inside one sentence.

    An item after a comma belongs to the series before it only within one
    sentence; one that is not is dropped on its own.
    """
    dropped: set[int] = set()
    for family in (f for f in FAMILIES if f.enumeration):
        chain: list[int] = []
        in_sentence = False
        for k, c in enumerate(found):
            if c.family is not family:
                continue
            continues = bool(chain) and c.number == found[chain[-1]].number + 1
            if c.before == "comma":
                if continues and not _SENTENCE_OR_LINE_END.search(text, found[chain[-1]].end, c.start):
                    chain.append(k)
                    in_sentence = True
                else:
                    dropped.add(k)
                continue
            if continues:
                chain.append(k)
                continue
            if in_sentence:
                dropped.update(chain)
            chain, in_sentence = [k], False
        if in_sentence:
            dropped.update(chain)
    return [c for k, c in enumerate(found) if k not in dropped]


_SENTENCE_OR_LINE_END = re.compile("[" + re.escape("".join(sorted(SENTENCE_END))) + "\n]")


def _without_articles(found: list[_Candidate], body: _Body, title: str) -> list[_Candidate]:
    """In a regulation divided into chapters, only the chapters are headings.

    A regulation numbers its articles (第一条, or 一、二、…) through the whole
    text and their clauses （一）（二） inside them: these are paragraphs, not
    sections. A document is a regulation when its articles are written
    第X条, when a marker series under the chapters runs on across a chapter
    (第二章 opens with 四、, not 一、, where a plan's chapters restart at 一、),
    or when its title names a regulation (…工作规则, …条例, …办法).
    """
    chapters = [c for c in found if c.family.name == "chapter" and c.paragraph_start]
    if not chapters:
        return found
    first_chapter = chapters[0].start
    articles = len(_ARTICLE.findall(body.text, first_chapter, body.end)) >= 2
    if not (articles or _REGULATION_TITLE.search(title) or _runs_across_chapters(found, chapters)):
        return found
    return [c for c in found if c.start < first_chapter or c.family.name == "chapter"]


def _runs_across_chapters(found: list[_Candidate], chapters: list[_Candidate]) -> bool:
    """Whether the first marker series under the chapters goes on from one chapter to the next instead of restarting."""
    inside = [c for c in found if c.start > chapters[0].start and c.family.name != "chapter" and c.paragraph_start]
    if not inside:
        return False
    family = min(inside, key=lambda c: (c.family.rank, c.start)).family
    last: int | None = None
    boundaries = iter(chapter.start for chapter in chapters[1:])
    boundary = next(boundaries, None)
    for c in inside:
        if c.family is not family:
            continue
        while boundary is not None and c.start > boundary:
            if last is not None and c.number == last + 1 and c.number > 1:
                return True
            boundary = next(boundaries, None)
        last = c.number
    return False


# 第一条 at a paragraph start: an article of a regulation.
_ARTICLE = re.compile(rf"(?:^|(?<=\n))[ \t\u3000]*第[{CN_DIGITS}百零〇\d]{{1,5}}条")
# Titles of regulations, whose numbered paragraphs are articles (镇巴县人民政府工作规则, 安全生产条例（试行）,
# 关于印发《…管理办法》的通知).
_REGULATION_TITLE = re.compile(r"(?:规则|条例|办法|规定|细则|章程|准则|守则|规程)(?:[(（][^()（）]{1,12}[)）])?(?:》的通知)?$")


def _announced(text: str, pos: int, floor: int) -> bool:
    """Whether a colon that announces a count (提出以下几点：, 讲三点意见：) stands right before *pos* (line breaks between allowed)."""
    q = pos - 1
    while q >= floor and text[q].isspace():
        q -= 1
    return q >= floor and text[q] in _ENUM_BEFORE and bool(_ANNOUNCED.search(text, max(floor, q - _ANNOUNCE_WINDOW), q))


def _boundary_before(text: str, pos: int, floor: int, family: MarkerFamily, number: int) -> str | None:
    """Why a marker not at a paragraph start may still start a heading: strong, colon or comma; None if it may not."""
    q = pos - 1
    while q >= floor and text[q] in " \t":
        q -= 1
    if q < floor:
        return "strong"
    before = text[q]
    if before in _STRONG_BEFORE:
        return "strong"
    if before in _CLOSERS:
        while q >= floor and text[q] in _CLOSERS:
            q -= 1
        return "strong" if q >= floor and text[q] in SENTENCE_END else None
    if family.enumeration and before in _ENUM_BEFORE:
        return "colon"
    if family.enumeration and number > 1 and before in _ENUM_CONTINUE_BEFORE:
        return "comma"
    return None


def _place_markers(root: _Node, candidates: list[_Candidate], body: _Body) -> None:
    """Accept candidates whose numbers continue a series, building the tree on a stack.

    A family's numbers that were not taken (a list 一、二、三、 inside a
    section while the parts are numbered 一、二、三、) form a shadow series; a
    marker that continues the shadow series belongs to it, not to the outline,
    until another heading is taken.
    """
    stack: list[_Node] = [root]
    taken_until = -1
    shadow: dict[str, int] = {}
    for c in candidates:
        if c.start < taken_until:
            continue
        family, number = c.family, c.number
        if family.name == "decimal" and not _under_its_point(body.text[c.start : c.end], stack):
            continue  # 5.2 belongs under 5.: without it, a figure (a table's 5.2 |), not a section
        level = next((i for i, node in enumerate(stack) if node.family is family), None)
        if level is not None:
            is_next = number == (stack[level].number or 0) + 1
            is_restart = number == 1 and level == len(stack) - 1
            continues_shadow = shadow.get(family.name, -1) + 1 == number
            if not (is_next or is_restart) or (is_next and continues_shadow):
                if number == 1 or continues_shadow:
                    shadow[family.name] = number
                continue
            del stack[level:]
        else:
            # A series normally starts at 1; a preview that starts mid-document may start later on a new line.
            if number != 1 and not c.paragraph_start:
                continue
            # A list announced by the text before it (以下几点：) belongs to the section that announced it,
            # whatever its markers' usual rank; otherwise a marker closes the sections it ranks above.
            while c.before != "announced" and len(stack) > 1 and stack[-1].family.rank >= family.rank:
                stack.pop()
        node = _Node(family, number, c.start, c.end)
        if c.before == "colon" or (family.enumeration and stack[-1].children and stack[-1].children[-1].end_cap is not None
                                   and stack[-1].children[-1].family is family):
            # An inline list after a colon: its items end with the sentence that holds the last one.
            node.end_cap = _sentence_end(body, c.end)
        stack[-1].children.append(node)
        stack.append(node)
        shadow.clear()
        taken_until = c.end


def _under_its_point(marker: str, stack: list[_Node]) -> bool:
    """Whether a decimal marker (1.2) stands under the point its whole number names (1.)."""
    point = next((node for node in reversed(stack) if node.family is not None and node.family.name == "point"), None)
    return point is not None and point.number == marker_number(marker.split(".", 1)[0])


def _sentence_end(body: _Body, pos: int) -> int:
    """Just after the sentence end (。！？ and closers, outside quotation marks) or the paragraph end after *pos*."""
    text = body.text
    markup_break = body.next_break(pos, body.end)
    for i in range(pos, body.end):
        char = text[i]
        if char == "\n" or i == markup_break:
            return i
        if char in SENTENCE_END and body.depth_at(i) == 0:
            k = i + 1
            while k < body.end and text[k] in _CLOSERS:
                k += 1
            return k
    return body.end


def _iter_nodes(node: _Node) -> Iterator[_Node]:
    yield node
    for child in node.children:
        yield from _iter_nodes(child)


def _set_heading(node: _Node, body: _Body, limit: int) -> None:
    """Where the heading's title ends, and where the heading as a sentence ends."""
    text, begin = body.text, node.marker_end
    while begin < limit and text[begin] in " \t\u3000\u00a0":
        begin += 1
    alone = begin < limit and text[begin] == "\n"
    if alone:
        # The marker stands alone on its line (一是 printed bold above its text): the title is on the next line.
        while begin < limit and text[begin].isspace():
            begin += 1
    window_end = min(limit, begin + MAX_HEADING)
    spaced = _SPACED_OUT.match(text, begin)
    spaced_end = spaced.end() if spaced else begin
    stop = None
    markup_break = body.next_break(begin, limit)
    for i in range(begin, limit):
        char = text[i]
        if i == markup_break:
            stop = i  # the page's next line (</strong></p><p>) starts here
            break
        if char == "\n" or (char in _HEADING_STOP and body.depth_at(i) == 0):
            stop = i
            break
        if char in " \t\u3000\u00a0" and _CJK_BREAK.match(text, i) and body.depth_at(i) == 0 and i >= spaced_end:
            stop = i  # a space between paragraphs, or between a heading and its text
            break
    else:
        if limit - begin <= MAX_HEADING and limit < body.end:
            stop = limit  # the next heading starts right after this one (一、总体要求（一）指导思想)
        elif limit == body.end and limit - begin <= (MAX_HEADING if body.ends_at_line_end else _LONG_HEADING):
            stop = limit  # a page cut off right after a heading (…（二）建立重大案件沟通协调), its line whole or not
    topic = _TOPIC.match(text, begin, stop if stop is not None else window_end)
    topic_cut = bool(topic and stop is not None and topic.end() < stop)
    if topic_cut:
        stop = topic.end()  # 第二，关于农业的增产措施，五年计划草案…已经写得很详细: the topic is the title
    elif alone and stop is not None and stop < limit and stop - begin <= _ALONE_HEADING and text[stop] in SENTENCE_END:
        # Laid out with the marker on a line of its own, the heading is the whole first sentence, however long.
        title_end, heading_end = stop, stop + 1
        while heading_end < limit and text[heading_end] in _CLOSERS:
            heading_end += 1
        node.title_start, node.title_end, node.heading_end = begin, title_end, heading_end
        return
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
    if (stop is None or stop - begin > MAX_HEADING) and not node.family.enumeration:
        # No clear end within a heading's length: a head noun (…的鲜明特质) may still close it.
        m = _heading_end_pattern().search(text, begin + MIN_HEADING, window_end)
        stop = m.end() if m else stop
    if stop is None or stop - begin > MAX_HEADING:
        # No clear end: take the first clause as the title rather than a paragraph.
        comma = min((p for p in (text.find(c, begin, window_end) for c in "，,") if p != -1), default=None)
        title_end = heading_end = comma if comma is not None else begin
    else:
        title_end = stop
        heading_end = stop + 1 if stop < limit and (text[stop] in _HEADING_STOP or topic_cut) else stop
    while heading_end < limit and text[heading_end] in _CLOSERS:
        heading_end += 1
    while title_end > begin and text[title_end - 1].isspace():
        title_end -= 1
    node.title_start, node.title_end, node.heading_end = begin, title_end, heading_end


def _freeze(root: _Node, places: _RawPlaces, in_view: dict[str, tuple[int, int]]) -> tuple[Section, ...]:
    """Number the sections by position, fix their ends and map them to raw offsets.

    Enumerations before the first heading go to the preamble. *in_view*
    receives each section's start and heading end in view offsets.
    """
    body_end = len(places.view.text)

    def freeze(node: _Node, section_id: str, level: int, end: int) -> Section:
        if node.end_cap is not None:
            end = min(end, node.end_cap)
        children = tuple(
            freeze(child, f"{section_id}.{i + 1}", level + 1, _next_start(node.children, i, end))
            for i, child in enumerate(node.children)
        )
        if node.title_end > node.title_start:
            title_start, title_end = places.view.to_raw(node.title_start, node.title_end)
        else:
            title_start = title_end = places.cut(node.title_start)
        section = Section(
            id=section_id,
            level=level,
            marker=places.text(node.start, node.marker_end),
            family=node.family.name,
            number=node.number,
            title=places.text(node.title_start, node.title_end),
            start=places.cut(node.start),
            end=places.cut(end),
            title_start=title_start,
            title_end=title_end,
            heading_end=places.end(node.start, node.heading_end),
            children=children,
        )
        in_view[section_id] = (node.start, node.heading_end)
        return section

    preamble_items = []
    for child in root.children:
        if not child.family.enumeration:
            break
        preamble_items.append(child)
    headings = root.children[len(preamble_items) :]
    preamble_end = headings[0].start if headings else body_end
    body_start = places.cut(0)
    preamble = Section(
        "0", 0, "", "preamble", None, "", body_start, places.cut(preamble_end), body_start, body_start, body_start,
        tuple(freeze(c, f"0.{i + 1}", 1, _next_start(preamble_items, i, preamble_end)) for i, c in enumerate(preamble_items)),
    )
    top = tuple(freeze(node, str(i + 1), 1, _next_start(headings, i, body_end)) for i, node in enumerate(headings))
    return (preamble, *top)


def _next_start(siblings: list[_Node], i: int, end: int) -> int:
    return siblings[i + 1].start if i + 1 < len(siblings) else end


def _split_sentences(body: _Body, sections, in_view, title: Span | None, salutation: Span | None, places: _RawPlaces) -> SentenceColumns:
    """Cut the body into sentences that tile the raw body exactly.

    Cut on the view (a wrap break does not end a sentence), mapped to raw
    offsets; furniture the view left out becomes a sentence of its own.
    """
    text, end = body.text, body.end
    document = places.document
    # Hard cuts: where a section starts, where its heading ends, around front matter and boilerplate.
    cuts: dict[int, str] = {}
    for section in (s for top in sections for s in top.walk()):
        if section.level > 0 or section.family != "preamble":
            start, heading_end = in_view[section.id]
            cuts[start] = "heading"
            cuts.setdefault(heading_end, "text")
    for span, kind in ((title, "title"), (salutation, "salutation")):
        if span:
            cuts[span.start] = kind
            cuts.setdefault(span.end, "text")
    for a, b in body.interior:
        cuts[a] = "boilerplate"
        cuts.setdefault(b, "text")
    cuts.setdefault(body.start, "text")

    pieces: list[tuple[int, int, str]] = []
    points = sorted(p for p in cuts if body.start <= p < end)
    for i, a in enumerate(points):
        b = points[i + 1] if i + 1 < len(points) else end
        kind = cuts[a]
        if kind in ("heading", "title", "salutation", "boilerplate"):
            pieces.append((a, b, kind))
        else:
            pieces += _sentence_spans(body, a, b)
    pieces = _absorb_whitespace(text, pieces)

    in_raw: list[tuple[int, int, str, int]] = []
    if pieces:
        starts = [a for a, _, _ in pieces]
        kinds = [kind for _, _, kind in pieces]
        # The pieces tile the body, so each one's raw end is the next one's raw start: one mapping gives both.
        raw = places.cuts([*starts, pieces[-1][1]])
        # A paragraph starts at a paragraph gap's end and at a heading, never at the first piece.
        new_paragraph = map(or_, map(body.gap_ends.__contains__, starts), map("heading".__eq__, kinds))
        paragraphs = accumulate(islice(new_paragraph, 1, None), initial=0)
        in_raw = list(zip(raw, islice(raw, 1, None), kinds, paragraphs))
    if not in_raw and document.body_end > document.body_start:
        in_raw.append((document.body_start, document.body_end, "boilerplate", 0))  # everything was elided
    # Furniture at a page break inside a sentence lies in a wrap elision: the sentence runs on over it.
    page_breaks = [(e.start, e.end) for e in getattr(document, "elisions", ()) if e.kind == "wrap" and e.text.strip()]
    in_raw = _furniture_apart(in_raw, [
        b for b in document.boilerplate
        if document.body_start <= b.start and b.end <= document.body_end
        and places.view.within_elision(b.start, b.end)
        and not any(x <= b.start and b.end <= y for x, y in page_breaks)
    ])
    in_raw = _absorb_with_paragraphs(document.norm, in_raw)
    if not in_raw:
        return SentenceColumns((), (), (), (), ())
    starts, ends, kinds, paragraphs = zip(*in_raw)
    # A sentence belongs to the last leaf that starts at or before it (the first leaf
    # takes any before that): each leaf's sentences are one run of the column.
    leaves = _leaves(sections)
    takeovers = [bisect_left(starts, start) for start, _ in leaves[1:]]
    owners: list[str] = []
    for (_, section_id), first, stop in zip(leaves, [0, *takeovers], [*takeovers, len(starts)]):
        owners += repeat(section_id, stop - first)
    return SentenceColumns(starts, ends, tuple(owners), kinds, paragraphs)


def _absorb_with_paragraphs(text: str, pieces: list[tuple[int, int, str, int]]) -> list[tuple[int, int, str, int]]:
    """:func:`_absorb_whitespace` for pieces that carry a paragraph number."""
    merged: list[tuple[int, int, str, int]] = []
    first_text = _NON_SPACE.search
    for a, b, kind, paragraph in pieces:
        if a < b and not text[a].isspace():  # most pieces: nothing to absorb
            merged.append((a, b, kind, paragraph))
            continue
        found = first_text(text, a, b)
        if found is None:  # only whitespace
            if merged:
                pa, _, pk, pp = merged[-1]
                merged[-1] = (pa, b, pk, pp)
                continue
        elif merged and found.start() > a:
            pa, _, pk, pp = merged[-1]
            merged[-1] = (pa, found.start(), pk, pp)
            a = found.start()
        merged.append((a, b, kind, paragraph))
    return merged


def _furniture_apart(pieces: list[tuple[int, int, str, int]], furniture: list[Span]) -> list[tuple[int, int, str, int]]:
    """Split the raw pieces around furniture that the view left out: each is a boilerplate sentence."""
    if not furniture:
        return pieces
    out: list[tuple[int, int, str, int]] = []
    furniture = sorted(furniture, key=lambda s: s.start)
    k = 0
    for a, b, kind, paragraph in pieces:
        at = a
        while k < len(furniture) and furniture[k].start < b:
            f = furniture[k]
            if f.start >= at:
                if f.start > at:
                    out.append((at, f.start, kind, paragraph))
                out.append((f.start, min(f.end, b), "boilerplate", paragraph))
                at = min(f.end, b)
            k += 1
        if at < b:
            out.append((at, b, kind, paragraph))
    return out


def _leaves(sections) -> list[tuple[int, str]]:
    """Where each section's own text starts: at its start, and again after an inline list that ended early."""
    leaves: list[tuple[int, str]] = []
    for section in (s for top in sections for s in top.walk()):
        leaves.append((section.start, section.id))
        if section.children and section.children[-1].end < section.end:
            leaves.append((section.children[-1].end, section.id))
    leaves.sort()
    return leaves


_ENDS = re.escape("".join(sorted(SENTENCE_END)))
# A run of sentence ends, or a line break: written to open with a class, which re skips to (an alternation it tries everywhere).
_SENTENCE_BREAK = re.compile(f"[{_ENDS}\\n](?:(?<=[{_ENDS}])[{_ENDS}]*)?")


def _sentence_spans(body: _Body, a: int, b: int) -> list[tuple[int, int, str]]:
    """Sentences of a run of running text, as text pieces: cut after 。！？ outside quotes and at line breaks."""
    text, depth_at = body.text, body.depth_at
    quoted = bool(body.depth_positions)  # without quotation marks every depth is 0
    spans = []
    begin = a
    for m in _SENTENCE_BREAK.finditer(text, a, b):
        at = m.start()
        if text[at] == "\n":
            cut = at
        else:
            k = m.end()
            while k < b and text[k] in _CLOSERS:
                k += 1
            if quoted and depth_at(at) != 0:
                # 。” closes the quotation and the sentence together
                closes_all = k > m.end() and (k == b or depth_at(k) == 0 and depth_at(k - 1) == 0)
                if not closes_all:
                    continue
            cut = k
        if cut > begin:
            spans.append((begin, cut, "text"))
            begin = cut
    if begin < b:
        spans.append((begin, b, "text"))
    return spans


def _absorb_whitespace(text: str, pieces: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Whitespace between sentences joins the sentence before it; a piece of only whitespace joins its neighbour."""
    merged: list[tuple[int, int, str]] = []
    first_text = _NON_SPACE.search
    for a, b, kind in pieces:
        if a < b and not text[a].isspace():  # most pieces: nothing to absorb
            merged.append((a, b, kind))
            continue
        found = first_text(text, a, b)
        if found is None:  # only whitespace
            if merged:
                pa, _, pk = merged[-1]
                merged[-1] = (pa, b, pk)
                continue
        elif merged and found.start() > a:
            pa, _, pk = merged[-1]
            merged[-1] = (pa, found.start(), pk)
            a = found.start()
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
