"""Tell site boilerplate from the body of a scraped page.

The rules are data (``data/boilerplate.tsv``): one regular expression per
kind of page furniture, matched against whole lines. A line is also
boilerplate when it repeats an earlier short line or the page title, which is
how aggregator sites print titles twice. The body is what lies between the
first and the last line that is not boilerplate; boilerplate lines inside it
are reported too, so that analyses can leave them out.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .normalize import normalize
from .spans import Span

_LINE = re.compile(r"[^\n]*\n?")
_TITLE_CAPTURE = re.compile(r"^(?:本文标题|文档标题|标题)\s*[:：]\s*(?P<title>.+)$")
_BREADCRUMB_TAIL = re.compile(r"[>›»]\s*(?P<title>[^>›»]+)$")
_PROVENANCE_FIELD = re.compile(r"^#\s*(?P<key>[A-Za-z_]+)\s*:\s*(?P<value>.*)$")
_REPEAT_MAX = 80  # only short lines (titles, bylines) count as repeats; long paragraphs may legitimately recur
# Page furniture is short; a long line is body text even if it mentions 版权 or 微信.
_FURNITURE_MAX = 200


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The pattern table, loaded once."""
    table = resources.files("policytext").joinpath("data", "boilerplate.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(table.splitlines(), delimiter="\t")
    return tuple(Rule(row["rule"], re.compile(row["pattern"])) for row in rows)


@dataclass(frozen=True, slots=True)
class PageParts:
    body_start: int
    body_end: int
    boilerplate: tuple[Span, ...]
    page_title: str | None
    provenance: dict[str, str]


def classify_line(line: str) -> str | None:
    """The name of the rule a stripped line matches, or None."""
    return _classify_simplified(normalize(line, width=False))  # the rules are written in simplified characters


@lru_cache(maxsize=1)
def _any_rule() -> re.Pattern[str]:
    """All the rules in one pattern: most lines match none, and one search rules them out."""
    return re.compile("|".join(f"(?:{rule.pattern.pattern})" for rule in rules()))


def _classify_simplified(line: str) -> str | None:
    if not _any_rule().search(line):
        return None
    for rule in rules():
        if rule.pattern.search(line):
            return rule.name
    return None


def split_page(raw: str, *, furniture: tuple[Span, ...] = ()) -> PageParts:
    """Find the body and the boilerplate lines of a decoded page.

    *furniture* are lines a reader already knows are not the document (a PDF's
    running headers and page numbers, found by their place on the page): they
    are boilerplate of their own kind whatever the patterns say.
    """
    lines = [(m.start(), m.group()) for m in _LINE.finditer(raw) if m.group()]
    known = {span.start: span.kind for span in furniture}
    # One conversion of the whole page, not one per line (a page may have a million lines).
    simplified = normalize(raw, width=False)
    page_title = None
    provenance: dict[str, str] = {}
    seen_short: set[str] = set()
    kinds: list[str | None] = []
    for start, line in lines:
        stripped = line.strip()
        if not stripped:
            kind = "blank"
        elif start + _leading_space(line) in known:
            kinds.append(known[start + _leading_space(line)])
            continue
        elif len(stripped) > _FURNITURE_MAX and not stripped.startswith("#"):
            kind = None
        else:
            lead = start + _leading_space(line)
            kind = _classify_simplified(simplified[lead : lead + len(stripped)])
        if kind == "page_title" and (m := _TITLE_CAPTURE.match(stripped)):
            page_title = page_title or m.group("title").strip()
        elif kind == "breadcrumb" and (m := _BREADCRUMB_TAIL.search(stripped)):
            page_title = page_title or m.group("title").strip()
        elif kind == "provenance" and (m := _PROVENANCE_FIELD.match(stripped)):
            provenance.setdefault(m.group("key").lower(), m.group("value").strip())
        if kind is None and len(stripped) <= _REPEAT_MAX:
            if stripped in seen_short:
                kind = "repeated_line"
            seen_short.add(stripped)
        kinds.append(kind)
    if page_title:
        kinds = _mark_title_repeats(lines, kinds, page_title)

    content = [i for i, kind in enumerate(kinds) if kind is None]
    if not content:
        return PageParts(0, 0, _spans(lines, kinds, range(len(lines))), page_title, provenance)
    first, last = content[0], content[-1]
    body_start = lines[first][0] + _leading_space(lines[first][1])
    last_start, last_line = lines[last]
    body_end = last_start + len(last_line.rstrip())
    return PageParts(body_start, body_end, _spans(lines, kinds, range(len(lines))), page_title, provenance)


def _mark_title_repeats(lines, kinds, page_title):
    """A line equal to the page title, after the first such line, is the site printing it again."""
    seen = False
    marked = list(kinds)
    for i, (_, line) in enumerate(lines):
        if marked[i] is None and line.strip() == page_title:
            if seen:
                marked[i] = "repeated_title"
            seen = True
    return marked


def _leading_space(line: str) -> int:
    return len(line) - len(line.lstrip())


def _spans(lines, kinds, indices) -> tuple[Span, ...]:
    spans = []
    for i in indices:
        kind = kinds[i]
        if kind is None or kind == "blank":
            continue
        start, line = lines[i]
        start += _leading_space(line)
        text = line.strip()
        spans.append(Span(start, start + len(text), text, kind))
    return tuple(spans)
