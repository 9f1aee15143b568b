"""Characters of the body that are not text for analysis: inline pinyin and line-wrap breaks.

Both stay in the raw text (offsets point into it); the document lists them as
elisions so that the analysis view (:mod:`policytext.textview`) reads
實現 and 新质生产力 as whole words.

- Inline pinyin: some aggregator sites print a reading after characters,
  實(shí)現(xiàn). A parenthesised syllable with a tone mark right after a Han
  character counts, so (AI), (2024) and (一) are left alone. Some mirrors
  print the readings without tones, 趙(zhao)樂際, 會(hui)(hui): a toneless
  lower-case syllable of pinyin's shape counts too, but only where the text
  has at least five of them (a site that adds readings adds them throughout;
  one "(en)" in a text is not a reading).
- Line-wrap breaks: text copied out of a PDF keeps the PDF's lines, so a
  sentence or a word (新质生产\\n力) is cut at the line width. Whether a
  document is hard-wrapped, and at what width, comes from the document's own
  line lengths: a break is a wrap when its line is about as long as the
  document's full lines, the line does not end a sentence or a clause that
  introduces something, and the next line does not start a paragraph
  (indentation, a blank line, a heading marker).
- Page breaks: a page ends where its line ends, so a sentence that runs on
  to the next page is cut by the page's footer and the next page's header
  (…重点产业 / — 1 — / 报告标题 / 链持续壮大). The lines of page furniture
  (page numbers, page counters, running headers and footers) and the blank
  lines around them are skipped: the break is read like the line break it
  interrupts, and when that is a wrap, one wrap span covers the page's end,
  its furniture and the next page's start, so the sentence runs on over
  them. A page counter left inside a line of running text (新质生产第2页共18页力)
  is a wrap span too.
- Wrap spaces: a PDF wrap sometimes survives as a space between two Han
  characters (新质生产 力). Such spaces count only when they recur at the
  document's line width, which separates them from the space some sites put
  between paragraphs or after a heading.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate
from statistics import median

from .markers import heading_opening
from .scanning import FirstCharacterScan
from .spans import Span

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN_ARTEFACT = re.compile(rf"(?<=[{_HAN}])[（(][a-zü]{{0,5}}[{_TONED}][a-zü{_TONED}]{{0,5}}[)）]")
# A toneless syllable: an initial, one to three vowels, a final n, ng or r (zhao, hui, yue, xiong, er).
# Repeated readings follow one another (會(hui)(hui)), so a reading may also follow a reading.
TONELESS_READING = re.compile(rf"(?<=[{_HAN})）])[（(](?:[zcs]h?|[bpmfdtnlgkhjqxrwy])?[aeiouüv]{{1,3}}(?:ng|n|r)?[)）]")
_MIN_TONELESS = 5
PINYIN_READING_BODY = re.compile(rf"[a-zü{_TONED}]{{1,7}}")
# Both reading patterns open with a lookbehind, which makes re try them at every offset: scan from the parentheses.
PINYIN_ARTEFACT_SCAN = FirstCharacterScan(PINYIN_ARTEFACT, "（(")
TONELESS_READING_SCAN = FirstCharacterScan(TONELESS_READING, "（(")
# Every reading, toned or not, opens with a parenthesis and a letter: a line without one has none.
_READING_START = re.compile(rf"[（(][a-zü{_TONED}]")
_LINE = re.compile(r"[^\n]*\n?")
# A line that ends one of these ends a sentence or opens a list: its break is real.
_LINE_CLOSERS = frozenset("。！？!?；;：:…")
_QUOTE_CLOSERS = frozenset("”’」』）)》】\"'")
# A line that starts with one of these starts a heading or a paragraph: a space, a heading marker, an address.
_PARAGRAPH_OPENING = heading_opening(r"[\s\u3000]", "同志们", "各位", "尊敬的")
# Furniture that marks where one page ends and the next begins (boilerplate.tsv's page rules, pdf.py's kinds).
PAGE_FURNITURE = frozenset({"page_number", "page_counter", "running_header", "running_footer"})
_WRAP_SPACE = re.compile(rf"(?<=[{_HAN}，、])[ \u00a0]{{1,2}}(?=[{_HAN}])")
_WRAP_SPACE_SCAN = FirstCharacterScan(_WRAP_SPACE, " \u00a0")
# Where a line of a space-wrapped text begins: after a line break, or after the space that ends a
# paragraph (。 then a space): wrap spaces are measured from there.
_LINE_START = re.compile(
    "\n|(?<=[" + re.escape("".join(sorted(_LINE_CLOSERS | _QUOTE_CLOSERS))) + "])[ \u00a0]{1,2}(?=\\S)"
)
_LINE_START_SCAN = FirstCharacterScan(_LINE_START, "\n \u00a0")
_MIN_WRAPPED_LINES = 3  # fewer full lines than this tell nothing about a line width
_MIN_WIDTH = 12  # a "width" below this is a list of short lines, not a wrapped page
_MAX_WIDTH = 120  # longer lines are paragraphs on one line, not a page's lines
_FULL_SHARE = 0.3  # at least this share of the lines must be full for a document to count as hard-wrapped
_OVERLONG_SHARE = 0.1  # at most this share may be longer than the width (a heading or table row pasted whole)


def pinyin_artefacts(raw: str, start: int, end: int) -> list[Span]:
    """Inline readings such as (shí) after a Han character, in raw[start:end]; toneless ones where they recur."""
    found = [Span(m.start(), m.end(), m.group(), "pinyin") for m in PINYIN_ARTEFACT_SCAN.finditer(raw, start, end)]
    toneless = [m for m in TONELESS_READING_SCAN.finditer(raw, start, end) if _follows_han(raw, m.start(), start)]
    if len(toneless) >= _MIN_TONELESS:
        found += [Span(m.start(), m.end(), m.group(), "pinyin") for m in toneless]
        found.sort(key=lambda span: span.start)
    return found


def _follows_han(raw: str, at: int, start: int) -> bool:
    """Whether the reading at ``at`` stands after a Han character, other readings between (會(hui)(hui))."""
    while at > start and raw[at - 1] in ")）":
        opening = max(raw.rfind("(", start, at - 1), raw.rfind("（", start, at - 1))
        if opening < 0 or not PINYIN_READING_BODY.fullmatch(raw, opening + 1, at - 1):
            return False
        at = opening
    return at > start and bool(re.match(f"[{_HAN}]", raw[at - 1]))


def strip_pinyin(line: str) -> str:
    """The line without its inline readings (for matching only: offsets change).

    Toneless readings go where two or more stand on the line (會(hui)議(yi)):
    one line is too little to tell a page that prints them.
    """
    if not _READING_START.search(line):
        return line
    line = PINYIN_ARTEFACT.sub("", line)
    if len(TONELESS_READING.findall(line)) >= 2:
        line = TONELESS_READING.sub("", line)
    return line


def _width(lines: list[str], measure: Callable[[str], float] = len) -> float | None:
    """The line width of a hard-wrapped text, or None when the lines are not wrapped at one width.

    A wrapped page has several lines at about its width and hardly any longer
    ones; a text with a paragraph a line has lines of every length. *measure*
    gives a line's length (characters, or :func:`_line_width`).
    """
    lengths = sorted(n for n in map(measure, lines) if n >= _MIN_WIDTH)
    if len(lengths) < _MIN_WRAPPED_LINES:
        return None
    # The width is what the longest lines share: a high quantile, robust to one overlong line.
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not _MIN_WIDTH <= width <= _MAX_WIDTH:
        return None
    tolerance = _tolerance(width)
    full = sum(1 for n in lengths if width - tolerance <= n <= width + tolerance)
    overlong = sum(1 for n in lengths if n > width + tolerance)
    if full < _MIN_WRAPPED_LINES or full < _FULL_SHARE * len([line for line in lines if line.strip()]):
        return None
    if overlong > _OVERLONG_SHARE * len(lengths):
        return None
    return width


def _line_width(line: str) -> float:
    """How wide a line is set, in Han characters: a proportional font sets Latin letters, digits and spaces at about half that.

    A page is measured in characters first (a monospaced setting, or one with little
    Latin text); only when that finds no width is it measured as set (XX 镇 XX 乡).
    """
    # Encoding to ASCII with errors ignored keeps exactly the ASCII characters: their count, in C.
    return len(line) - 0.5 * len(line.encode("ascii", "ignore"))


def _tolerance(width: float) -> int:
    # Lines of a wrapped page differ by a character or two (a Latin word, a punctuation mark pushed over).
    return max(2, int(width) // 10)


def wrap_breaks(text: str, start: int, end: int, *, page_furniture: Sequence[Span] = ()) -> list[Span]:
    """Line breaks inside a sentence of a hard-wrapped text[start:end] (normalised text: offsets are raw offsets).

    Each span covers the trailing whitespace of the line and its line break.
    *page_furniture*: spans of page numbers, running headers and the like
    (kinds in :data:`PAGE_FURNITURE`). A line that is nothing but page
    furniture is no line of text: a page break between two lines is judged as
    the line break it interrupts, and its wrap span reaches over the furniture
    to the next page's text.
    """
    # findall hands back strings, not match objects: each line's offset is the sum of the lengths before it.
    pieces = _LINE.findall(text, start, end)
    lines = [(at, line) for at, line in zip(accumulate(map(len, pieces), initial=start), pieces) if line]
    contents = [line.rstrip() for _, line in lines]
    on_page = _furniture_lines(lines, page_furniture)
    text_lines = [c for i, c in enumerate(contents) if i not in on_page]
    measure: Callable[[str], float] = len
    width = _width(text_lines, measure)
    if width is None:
        measure = _line_width
        width = _width(text_lines, measure)
    if width is None:
        return []
    found = []
    for i, ((at, line), content) in enumerate(zip(lines, contents)):
        if i in on_page or not line.endswith("\n") or measure(content) < width - _tolerance(width):
            continue
        following, resume = _next_text_line(lines, i, on_page)
        if following is None:
            continue
        last = content.rstrip("".join(_QUOTE_CLOSERS))[-1:] if content else ""
        if not content or last in _LINE_CLOSERS:
            continue
        if not following.strip() or _PARAGRAPH_OPENING.match(following):
            continue
        if content[-1].isascii() and content[-1].isalnum() and following[0].isascii() and following[0].isalnum():
            continue  # two Latin words: joining them would make one
        found.append(Span(at + len(content), resume, text[at + len(content) : resume], "wrap"))
    return found


def inline_page_breaks(text: str, page_furniture: Sequence[Span]) -> list[Span]:
    """Page furniture inside a line of running text, between two characters of one sentence, as wrap spans.

    A page counter copied into the middle of a sentence (新质生产第2页共18页力)
    is a page break inside it; one after a sentence end or at a line's edge is not.
    """
    found = []
    for span in page_furniture:
        before = text[span.start - 1 : span.start]
        after = text[span.end : span.end + 1]
        if not before or not after or before.isspace() or after.isspace():
            continue
        if before in _LINE_CLOSERS or before in _QUOTE_CLOSERS:
            continue
        found.append(Span(span.start, span.end, text[span.start : span.end], "wrap"))
    return found


def _furniture_lines(lines: list[tuple[int, str]], furniture: Sequence[Span]) -> set[int]:
    """Indices of the lines whose text is all page furniture."""
    if not furniture:
        return set()
    spans = sorted((s.start, s.end) for s in furniture)
    starts = [a for a, _ in spans]
    found = set()
    for i, (at, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        first = at + line.index(stripped[0])
        k = bisect_right(starts, first) - 1
        if k >= 0 and spans[k][0] >= at and spans[k][1] >= first + len(stripped):
            found.add(i)
    return found


def _next_text_line(lines: list[tuple[int, str]], i: int, on_page: set[int]) -> tuple[str | None, int]:
    """The line that follows line *i* as text, and where it starts.

    Past a page break (furniture lines, and blank lines around them) that is
    the next page's first line; without one, simply the next line.
    """
    if i + 1 >= len(lines):
        return None, 0
    k = i + 1
    crossed = False
    while k < len(lines) and (k in on_page or not lines[k][1].strip()):
        crossed = crossed or k in on_page
        k += 1
    if crossed:
        # Nothing after the furniture: the page break ends the text.
        return (lines[k][1], lines[k][0]) if k < len(lines) else (None, 0)
    return lines[i + 1][1], lines[i + 1][0]


def wrap_spaces(text: str, start: int, end: int) -> list[Span]:
    """Spaces between Han characters that recur at one line width (a PDF's wraps turned into spaces)."""
    candidates = list(_WRAP_SPACE_SCAN.finditer(text, start, end))
    if len(candidates) < _MIN_WRAPPED_LINES:
        return []
    # Distance from each candidate to the one before it, or to the start of its line: a line break,
    # or the space after a paragraph's last sentence (a PDF's paragraph end copied as a space).
    starts = [m.end() for m in _LINE_START_SCAN.finditer(text, start, end)]
    distances = []
    previous = start
    k = 0
    for m in candidates:
        while k < len(starts) and starts[k] <= m.start():
            previous = max(previous, starts[k])
            k += 1
        distances.append(m.start() - previous)
        previous = m.end()
    width = median(distances)
    if not _MIN_WIDTH <= width <= _MAX_WIDTH:
        return []
    tolerance = _tolerance(int(width))
    regular = [abs(d - width) <= tolerance for d in distances]
    if sum(regular) < max(_MIN_WRAPPED_LINES, 0.6 * len(distances)):
        return []
    # In a text wrapped with spaces, a space off the line width is a wrap too when it splits a term
    # of the political lexicon (no term holds a space): a title or heading set larger wraps at a
    # width of its own (党课：坚持以新质生产 力发展…).
    terms = _lexicon_terms()
    longest = max(map(len, terms), default=0)
    return [
        Span(m.start(), m.end(), m.group(), "wrap")
        for m, ok in zip(candidates, regular)
        if ok or _splits_a_term(text[max(start, m.start() - longest + 1) : m.start()], text[m.end() : min(end, m.end() + longest - 1)], terms)
    ]


def _lexicon_terms() -> frozenset[str]:
    from .resources import data_table

    return frozenset(row["term"] for row in data_table("lexicon.tsv", ("term", "category", "freq", "pos"), required=2))


def _splits_a_term(left: str, right: str, terms: frozenset[str]) -> bool:
    """Whether the end of *left* and the start of *right*, joined, make a term of *terms*."""
    return any(left[-i:] + right[:j] in terms for i in range(1, len(left) + 1) for j in range(1, len(right) + 1))
