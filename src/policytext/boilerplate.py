"""Tell site boilerplate from the body of a scraped page.

The rules are data (``data/boilerplate.tsv``): one regular expression per
kind of page furniture, each with a scope:

- ``line``: the pattern is searched in a whole line, which is furniture
  (greetings, breadcrumbs, page addresses, page numbers);
- ``inline``: the match itself is furniture wherever it stands, also inside a
  line of text (VIP paywall notes, page counters, leaked CSS, download
  buttons); a line that holds nothing else is furniture as a whole;
- ``tail``: the line and everything after it are furniture (a licence notice
  at the end of a page), provided what follows is short;
- ``page``: the pattern is searched over the body across lines (a footnote
  reference printed on lines of its own inside a sentence).

Lines are matched with inline pinyin removed (版(bǎn)權(quán)所有 is a copyright
line) and in simplified characters. A short line that repeats is furniture
only when it looks like it: a repeat of the page's first line (sites print
titles twice), or a line recurring at page-like intervals (a running header).
A heading repeated in every chapter (（一）工作目标) is never furniture.

The body is what lies between the first and the last line that is not
boilerplate, without furniture at its edges; furniture inside it is reported
too (with offsets), so that analyses can leave it out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from .elisions import strip_pinyin
from .markers import heading_opening
from .normalize import normalize, to_simplified
from .resources import data_table, word_list
from .scanning import FirstCharacterScan, LiteralPrefilter, opening_scan
from .spans import Span

# \r\n, a lone \r (old Mac files) and \n all end a line.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
_TITLE_CAPTURE = re.compile(r"^(?:本文标题|文档标题|标题)\s*[:：]\s*(?P<title>.+)$")
_BREADCRUMB_TAIL = re.compile(r"[>›»]\s*(?P<title>[^>›»]+)$")
_PROVENANCE_FIELD = re.compile(r"^#\s*(?P<key>[A-Za-z_]+)\s*:\s*(?P<value>.*)$")
_REPEAT_MAX = 80  # only short lines (titles, bylines, running headers) count as repeats
# Page furniture is short; a long line is body text even if it mentions 版权 or 微信.
_FURNITURE_MAX = 200
# A licence notice is a few paragraphs; a "tail" rule never swallows more than this.
_TAIL_MAX = 4000
# A running header recurs on every page: at least this often, this far apart, at roughly even intervals.
_RUNNING_MIN_REPEATS = 3
_RUNNING_MIN_GAP = 200
_RUNNING_MAX_RATIO = 3.0
# A site's summary line: among the first lines of text, repeated (at least this long) within this reach.
_SUMMARY_LINES = 5
_SUMMARY_MIN = 20
_SUMMARY_REACH = 3000
_SUMMARY_TAIL = "。．.…，,、 "
_ELLIPSES = ("…", "...")
_WHITESPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile("[。！？!?]")
# What may stand around inline furniture on a line that holds nothing else.
_SEPARATORS = re.compile(r"[\s|｜/·•,，。.;；:：\-—–>》»]*")
# A line that opens with an outline marker is a heading, however often it repeats (matched on the normalised page).
_HEADING_LINE = heading_opening()
SCOPES = ("line", "inline", "tail", "page")
# A site's tag in brackets before the page's title ([范文], 【讲话稿】); not a footnote number ([1]).
_SITE_TAG = re.compile(r"[\[【](?![\d\s]*[\]】])[^\[\]【】\n]{1,16}[\]】](?=[^\s\]】])")
# A site's name after the page's title: after its last separator (-, _, |; not a subtitle's ——, not 2021-2022).
_SITE_SUFFIX = re.compile(r"[ \t]*(?:[|｜_]|(?<![—–\-\d])[—–\-](?![—–\-\d]))[ \t]*(?P<site>[^|｜_—–\-\s，,。：:；;！？!?]{2,20})$")
_WEB_SITE_ENDINGS = ("网", "网站", "门户")
_TITLE_MIN = 6
# A form of address on a line of its own: a speech says it again at each part.
_ADDRESS_LINE = re.compile(r"^(?:同志们|各位[\u4e00-\u9fff]{1,4}|女士们|先生们|朋友们)[，,、\u4e00-\u9fff]{0,20}[：:！!]$")
# An entry of a table of contents: a title, then its page number after spaces or leader dots.
_CONTENTS_ENTRY = re.compile(r"^(?=.*[\u4e00-\u9fff]).{2,100}?(?:[ \t\u3000]+|[.…·．-]{2,}[ \t\u3000]*)(?P<page>\d{1,4})$")
# A disclosure label with nothing after its colon: the value stands on the next line.
_EMPTY_FIELD = re.compile(r"^[•·●▪\-*]?\s*[\u4e00-\u9fff]{2,6}\s*[:：]$")
_FIELD_VALUE_MAX = 40
_CONTENTS_HEADER = re.compile(r"^目[ \t\u3000]*录[:：]?$")
_CONTENTS_MIN = 3  # entries under a 目录 line
_CONTENTS_BARE_MIN = 5  # entries without one: their pages must rise, unlike the rows of a data table
# A page's number at the start of its text on a document site (1、主题教育…).
_PAGE_NUMBER = re.compile(r"[ \t\u3000]*(?P<mark>(?P<num>\d{1,3})、)")
# A line ending in one of these ends its sentence or announces what follows: the next line is not the same sentence.
_OPEN_SENTENCE_CLOSERS = frozenset("。！？!?；;：:…”’」』）)》】\"'")


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    scope: str
    pattern: re.Pattern[str]
    # The pattern's finditer, jumping to where a match can start (the same matches; see scanning.opening_scan).
    scan: re.Pattern[str] | FirstCharacterScan


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The pattern table, loaded once."""
    rows = data_table("boilerplate.tsv", ("rule", "scope", "pattern", "note"), required=3)
    # MULTILINE: inline rules also run over a whole page, where $ must still mean the end of a line.
    compiled = [(row, re.compile(row["pattern"], re.MULTILINE)) for row in rows]
    return tuple(Rule(row["rule"], row["scope"], pattern, opening_scan(pattern)) for row, pattern in compiled)


@dataclass(frozen=True, slots=True)
class PageParts:
    body_start: int
    body_end: int
    boilerplate: tuple[Span, ...]
    page_title: str | None
    provenance: dict[str, str]


def _matchable(line: str) -> str:
    # The rules are written in simplified characters, without inline pinyin.
    return normalize(strip_pinyin(line), width=False)


@lru_cache(maxsize=None)
def _scope_rules(scope: str) -> tuple[Rule, ...]:
    return tuple(rule for rule in rules() if rule.scope == scope)


@lru_cache(maxsize=None)
def _prefilter(scope: str) -> LiteralPrefilter:
    """The literals of the rules of *scope* in one scan: a text is searched only with the rules whose literals it holds."""
    return LiteralPrefilter([rule.pattern for rule in _scope_rules(scope)])


def _candidates(text: str, scope: str, pos: int = 0, endpos: int | None = None) -> list[Rule]:
    """The rules of *scope*, in table order, that may match in ``text[pos:endpos]`` (the others cannot)."""
    possible = _prefilter(scope).candidates(text, pos, endpos)
    table, found = _scope_rules(scope), []
    while possible:  # the set bits, lowest first
        lowest = possible & -possible
        found.append(table[lowest.bit_length() - 1])
        possible ^= lowest
    return found


def classify_line(line: str) -> str | None:
    """The name of the rule a stripped line matches, or None.

    Line rules match anywhere their pattern allows; inline rules classify a
    line only when the line holds nothing but their matches. Tail rules need
    the page around the line (:func:`split_page`).
    """
    return _classify(_matchable(line))


def _classify(line: str) -> str | None:
    """:func:`classify_line` for a line already in matchable form."""
    for rule in _candidates(line, "line"):
        if rule.pattern.search(line):
            return rule.name
    for rule in _candidates(line, "inline"):
        if _only_furniture(line, list(rule.scan.finditer(line))):
            return rule.name
    return None


def _tail_rule(line: str) -> str | None:
    return next((rule.name for rule in _candidates(line, "tail") if rule.pattern.search(line)), None)


def _only_furniture(line: str, matches: list[re.Match[str]]) -> bool:
    if not matches:
        return False
    at = 0
    for m in matches:
        if not _SEPARATORS.fullmatch(line, at, m.start()):
            return False
        at = m.end()
    return bool(_SEPARATORS.fullmatch(line, at))


def _without_overlaps(spans: list[Span]) -> list[Span]:
    """Sorted by start; of overlapping spans the earlier (then the longer) one is kept."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


def inline_furniture(line: str, offset: int = 0) -> list[Span]:
    """Inline furniture inside a line of text, as spans of the line shifted by *offset*.

    Matching runs on a simplified copy of the line (same length, same offsets).
    """
    plain = normalize(line, width=False)
    spans = []
    for rule in _candidates(plain, "inline"):
        for m in rule.scan.finditer(plain):
            if m.end() > m.start():
                spans.append(Span(offset + m.start(), offset + m.end(), line[m.start() : m.end()], rule.name))
    return _without_overlaps(spans)


def split_page(raw: str, *, furniture: Sequence[Span] = (), norm: str | None = None, simple: str | None = None) -> PageParts:
    """Find the body and the boilerplate of a decoded page.

    *furniture* is what a reader already knows to be furniture (a PDF's
    running headers and page numbers): a line it covers is furniture, a
    span inside a line of text is inline furniture. *norm* is ``normalize(raw)``
    and *simple* ``to_simplified(raw)`` when the caller has them already.
    """
    lines = _lines(raw)
    known = sorted(furniture, key=lambda s: s.start)
    # The rules match simplified text; converting the page once costs what converting one line costs per line.
    simple = to_simplified(raw) if simple is None else simple
    page_title = None
    provenance: dict[str, str] = {}
    kinds: list[str | None] = []
    tail_from = None
    for i, (start, line) in enumerate(lines):
        if tail_from is not None:
            kinds.append(kinds[tail_from])
            continue
        stripped = line.strip()
        if not stripped:
            kinds.append("blank")
            continue
        lead = start + _leading_space(line)
        covering = next((f for f in known if f.start <= lead and lead + len(stripped) <= f.end), None) if known else None
        if covering is not None:
            kind = covering.kind or "furniture"
        elif len(stripped) > _FURNITURE_MAX and len(strip_pinyin(stripped)) > _FURNITURE_MAX and not stripped.startswith("#"):
            kind = None
        else:
            matchable = simple[lead : lead + len(stripped)]
            if "(" in matchable or "（" in matchable:
                matchable = strip_pinyin(matchable)
            kind = _classify(matchable)
            if kind is None and len(raw) - start <= _TAIL_MAX and (tail := _tail_rule(matchable)):
                kind, tail_from = tail, i
        if kind == "page_title" and (m := _TITLE_CAPTURE.match(stripped)):
            page_title = page_title or m.group("title").strip()
        elif kind == "breadcrumb" and (m := _BREADCRUMB_TAIL.search(stripped)):
            page_title = page_title or m.group("title").strip()
        elif kind == "provenance" and (m := _PROVENANCE_FIELD.match(stripped)):
            provenance.setdefault(m.group("key").lower(), m.group("value").strip())
        kinds.append(kind)
    norm = normalize(raw) if norm is None else norm
    kinds = _mark_contents(lines, _mark_repeats(lines, _mark_disclosure_values(lines, kinds, norm), page_title, norm))

    content = [i for i, kind in enumerate(kinds) if kind is None]
    line_spans = _spans(lines, kinds)
    if not content:
        return PageParts(0, 0, line_spans, page_title, provenance)
    content_lines = [lines[i] for i in content]
    inline = _inline_on_lines(raw, simple, content_lines)
    inline = _without_overlaps(inline + [
        f for f in known
        if any(lines[i][0] <= f.start and f.end <= lines[i][0] + len(lines[i][1]) for i in content)
    ])
    inline = _without_overlaps(inline + _page_counters(raw, content_lines))
    inline = _without_overlaps(inline + _title_line_furniture(raw, simple, lines[content[0]], lines))
    first, last = content[0], content[-1]
    body_start = lines[first][0] + _leading_space(lines[first][1])
    last_start, last_line = lines[last]
    body_end = last_start + len(last_line.rstrip())
    body_start, body_end = _trim_edges(raw, body_start, body_end, inline)
    across = [
        Span(m.start(), m.end(), m.group(), rule.name)
        for rule in rules()
        if rule.scope == "page"
        for m in rule.pattern.finditer(raw, body_start, body_end)
    ]
    inline = _without_overlaps(inline + across)
    spans = tuple(sorted(line_spans + tuple(inline), key=lambda s: s.start))
    return PageParts(body_start, body_end, spans, page_title, provenance)


def _lines(raw: str) -> list[tuple[int, str]]:
    """The lines of *raw* with their line ends, each with its offset."""
    # findall hands back strings, not match objects: each line's offset is the sum of the lengths before it.
    pieces = _LINE.findall(raw)
    return [(start, line) for start, line in zip(accumulate(map(len, pieces), initial=0), pieces) if line]


def _inline_on_lines(raw: str, simple: str, content: list[tuple[int, str]]) -> list[Span]:
    """Inline furniture on the lines of text: each rule searched once over the page, kept where it lies on such a line.

    A match never runs past the end of its line.
    """
    if not content:
        return []
    starts = [start for start, _ in content]
    ends = [start + len(line.rstrip("\r\n")) for start, line in content]
    low, high = starts[0], ends[-1]
    spans = []
    for rule in _candidates(simple, "inline", low, high):
        for m in rule.scan.finditer(simple, low, high):
            k = bisect_right(starts, m.start()) - 1
            if k < 0 or m.start() >= ends[k]:
                continue
            end = min(m.end(), ends[k])
            text = raw[m.start() : end].rstrip()
            if text:
                spans.append(Span(m.start(), m.start() + len(text), text, rule.name))
    return _without_overlaps(spans)


def _title_line_furniture(raw: str, simple: str, first: tuple[int, str], lines: list[tuple[int, str]]) -> list[Span]:
    """What a site adds to the page's first line, the title: a tag before it, its own name after it.

    A tag in brackets before the title ([县长在县委书记]县长在…的讲话, 【范文】…) is a site's
    label. A portal ends its page titles with its name (…应急预案-湘西高新技术产业开发区):
    the part after the last separator is the site's name when it names an institution
    (``data/institutions.txt``, or a web site: …网), or when the title without it stands on
    a line of its own elsewhere on the page.
    """
    start, line = first
    lead = start + _leading_space(line)
    stripped = simple[lead : lead + len(line.strip())]  # matched in simplified characters, offsets the same
    found: list[Span] = []
    if len(stripped) > _REPEAT_MAX:
        return found
    tag = _SITE_TAG.match(stripped)
    if tag:
        found.append(Span(lead, lead + tag.end(), raw[lead : lead + tag.end()], "site_tag"))
    suffix = _SITE_SUFFIX.search(stripped, tag.end() if tag else 0)
    if suffix:
        title = stripped[tag.end() if tag else 0 : suffix.start()].strip()
        site = suffix.group("site")
        if len(title) >= _TITLE_MIN and (site.endswith(_site_endings()) or _on_a_line_of_its_own(title, simple, lines)):
            a, b = lead + suffix.start(), lead + suffix.end()
            found.append(Span(a, b, raw[a:b], "site_name"))
    return found


def _on_a_line_of_its_own(text: str, simple: str, lines: list[tuple[int, str]]) -> bool:
    return any(simple[start : start + len(line)].strip() == text for start, line in lines if len(line.strip()) == len(text))


@lru_cache(maxsize=1)
def _site_endings() -> tuple[str, ...]:
    return tuple(word_list("institutions.txt")) + _WEB_SITE_ENDINGS


def _page_counters(raw: str, content: list[tuple[int, str]]) -> list[Span]:
    """Page numbers a document site prints at the start of each page's text (1、…, 2、…) on lines of text.

    A page's text is one long line, and a page break falls anywhere, often in
    the middle of a sentence (…问题也 / 2、是普遍的…). A numbered line that
    goes on with a sentence the long line before it left open is such a page,
    and so are the numbers of its series before it (the 1、 of the first
    page). The line break before a page number goes with it: the sentence
    reads on across the page.
    """
    numbered = []
    for k, (start, line) in enumerate(content):
        m = _PAGE_NUMBER.match(line)
        # A page is one long line; the last one may be short where the preview stops.
        if m and (len(line.strip()) > _FURNITURE_MAX or k == len(content) - 1):
            numbered.append((k, int(m.group("num")), start + m.start("mark"), start + m.end()))
    counters: set[int] = set()
    for n, (k, number, _, _) in enumerate(numbered):
        previous = content[k - 1][1].rstrip() if k else ""
        if number > 1 and len(previous) > _FURNITURE_MAX and previous[-1] not in _OPEN_SENTENCE_CLOSERS:
            counters.add(n)
            # The pages before it, back to 1、, are numbered the same way.
            back = n
            while back > 0 and numbered[back - 1][1] == numbered[back][1] - 1:
                back -= 1
                counters.add(back)
    spans = []
    for n in sorted(counters):
        k, _, mark_start, mark_end = numbered[n]
        start = mark_start
        if k and content[k - 1][0] + len(content[k - 1][1]) == content[k][0]:
            start = content[k - 1][0] + len(content[k - 1][1].rstrip())  # the page break with its number
        spans.append(Span(start, mark_end, raw[start:mark_end], "page_counter"))
    return spans


def _trim_edges(raw: str, start: int, end: int, inline: list[Span]) -> tuple[int, int]:
    """Furniture at the very start or end of the body lies outside it."""
    moved = True
    while moved:
        moved = False
        for span in inline:
            if span.end <= start or span.start >= end:
                continue
            if not raw[start : span.start].strip():
                start = span.end + _leading_space(raw[span.end : end])
                moved = True
            elif not raw[span.end : end].strip():
                end = start + len(raw[start : span.start].rstrip())
                moved = True
    return start, max(start, end)


def _mark_repeats(lines, kinds, page_title, norm):
    """Repeated short lines that are site furniture: the page's title printed again, or a running header."""
    marked = list(kinds)
    seen_title = False
    first_content = next((line.strip() for (_, line), kind in zip(lines, kinds) if kind is None), None)
    places: dict[str, list[int]] = defaultdict(list)
    for i, ((start, line), kind) in enumerate(zip(lines, kinds)):
        if kind is not None:
            continue
        stripped = line.strip()
        if len(stripped) > _REPEAT_MAX:
            continue
        lead = start + _leading_space(line)
        if _HEADING_LINE.match(norm, lead) or _ADDRESS_LINE.match(stripped):
            continue  # a heading or an address (各位代表！) said again is text
        if stripped == page_title:
            if seen_title:
                marked[i] = "repeated_title"
            seen_title = True
        elif stripped == first_content and places[stripped]:
            marked[i] = "repeated_line"
        places[stripped].append(i)
    for stripped, indices in places.items():
        if len(indices) >= _RUNNING_MIN_REPEATS and _page_like([lines[i][0] for i in indices]):
            for i in indices:
                marked[i] = "running_header"
    return _mark_summaries(lines, marked)


def _mark_disclosure_values(lines, kinds, norm):
    """The value of a disclosure-table field printed on the line below its label (索引号: / 6107280000/2024-001005)."""
    marked = list(kinds)
    if "disclosure" not in kinds:
        return marked  # no disclosure table on the page (most pages): no need to walk its lines
    for i, ((_, line), kind) in enumerate(zip(lines, kinds)):
        if kind != "disclosure" or not _EMPTY_FIELD.search(line.strip()):
            continue
        k = next((k for k in range(i + 1, len(lines)) if lines[k][1].strip()), None)
        if (k is not None and kinds[k] is None and len(lines[k][1].strip()) <= _FIELD_VALUE_MAX
                and not _HEADING_LINE.match(norm, lines[k][0] + _leading_space(lines[k][1]))):
            marked[k] = "disclosure"
    return marked


def _mark_contents(lines, kinds):
    """A table of contents is furniture: entries that end in a page number, under 目录 or in a long increasing run.

    A compilation lists its pieces with their pages (1.高新区2022年工作总结 3); the entries look like
    headings but head nothing here.
    """
    marked = list(kinds)
    run: list[tuple[int, int]] = []  # (line index, page)

    def close() -> None:
        if not run:
            return
        pages = [page for _, page in run]
        first = run[0][0]
        header = next((k for k in range(first - 1, -1, -1) if lines[k][1].strip()), None)
        headed = header is not None and _CONTENTS_HEADER.match(lines[header][1].strip()) is not None
        increasing = all(a < b for a, b in zip(pages, pages[1:]))
        if (headed and len(run) >= _CONTENTS_MIN and pages == sorted(pages)) or (len(run) >= _CONTENTS_BARE_MIN and increasing):
            for k, _ in run:
                marked[k] = "contents"
            if headed:
                marked[header] = "contents"
        run.clear()

    for i, ((_, line), kind) in enumerate(zip(lines, kinds)):
        stripped = line.strip()
        if not stripped:
            continue
        # An entry ends in its page number: a line that does not is not tried (most lines; the pattern is slow on them).
        m = _CONTENTS_ENTRY.match(stripped) if kind is None and stripped[-1].isdecimal() else None
        if m:
            run.append((i, int(m.group("page"))))
        elif run:
            close()
    close()
    return marked


def _mark_summaries(lines, kinds):
    """A line near the top that the text after it repeats is the site's summary of the page, not text.

    Aggregators print a description (the title and the first sentence, cut
    short) above the text itself. Site text at the start of the line (a name
    and an address) may be missing from what follows, so the line counts when
    its last whitespace-separated pieces, long enough together, come again.
    """
    marked = list(kinds)
    content = [i for i, kind in enumerate(kinds) if kind is None][:_SUMMARY_LINES]
    for i in content:
        pieces = lines[i][1].split()
        if not pieces or len(lines[i][1].strip()) > _FURNITURE_MAX:
            continue
        following = None  # the text after the line, read only for a line that may be a summary (most are not)
        # A preview cut with an ellipsis (…各区(市)县政府(管委会…) is a summary even without a whole sentence.
        cut = lines[i][1].strip().endswith(_ELLIPSES)
        for k in range(len(pieces)):
            repeated = "".join(pieces[k:]).rstrip(_SUMMARY_TAIL).removesuffix("…").removesuffix("...").rstrip(_SUMMARY_TAIL)
            if len(repeated) < _SUMMARY_MIN or not (cut or _SENTENCE_END.search(repeated)):
                break  # a title repeated by the text is no summary: a summary holds a sentence
            if following is None:
                following = _WHITESPACE.sub("", _text_after(lines, i)[:_SUMMARY_REACH])
            if repeated in following:
                marked[i] = "summary"
                break
    return marked


def _text_after(lines, i: int) -> str:
    """The lines after line *i*, joined, at least _SUMMARY_REACH characters of them (not the whole page for each line)."""
    pieces, size = [], 0
    for _, line in lines[i + 1 :]:
        if size >= _SUMMARY_REACH:
            break
        pieces.append(line)
        size += len(line)
    return "".join(pieces)


def _page_like(offsets: list[int]) -> bool:
    gaps = [b - a for a, b in zip(offsets, offsets[1:])]
    return min(gaps) >= _RUNNING_MIN_GAP and max(gaps) <= _RUNNING_MAX_RATIO * min(gaps)


def _leading_space(line: str) -> int:
    return len(line) - len(line.lstrip())


def _spans(lines, kinds) -> tuple[Span, ...]:
    spans = []
    for (start, line), kind in zip(lines, kinds):
        if kind is None or kind == "blank":
            continue
        start += _leading_space(line)
        text = line.strip()
        spans.append(Span(start, start + len(text), text, kind))
    return tuple(spans)
