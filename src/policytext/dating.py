"""When the speech was given, and how long after the centre's wording.

The seed's provenance gives only "2024 (after Xi Jinping's inspection of
Tianjin on 2024-02-01/02; …)". The speech date is therefore taken as the
latest date the provenance note names, a range such as 2024-02-01/02 read as
its last day: the earliest day the speech can have been given. Gaps computed
from it are lower bounds. When the note opens with a date (2003-07 (after the
symposium of 2003-07-01; the page's time 2022-02-17 is the upload)), that date
is the speech's and a full date later in the note only refines it when it
falls inside it: the others are other events the note mentions (an upload, a
repost). Without a full date the note's opening date (or year) gives its
first day. Without a provenance date, the latest full date the speech itself
names (2024年1月31日, 2023年12月) is taken, again the earliest possible day;
targets (到2035年, 至2025年底) are not dates the speech looks back on. A
``speech_date`` argument overrides all of these.

A central text known only by its year or month may have come out on any day
of it: :func:`date_bounds` gives the earliest and the latest day, and a text
counts as published before the speech only when its latest day is not after
the speech's day.

A speech known only by its year or month (the note opens with "2024", or
``--speech-date 2024``) may have been given on any day of it, so its
*period* (:func:`speech_period`) runs to the period's last day: a central
text of that year may have preceded it, and only a text certainly later than
the period is never its source. Taking 1 January as the cut would rule out
every text of the speech's own year, the very texts a speech of that year
relays (the 2024-01-31 study session for a 2024 lecture on 新质生产力). A
full date, given or named by the speech, is taken as the day itself, as above.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Protocol

from .errors import PolicytextError
from .scanning import FirstCharacterScan

__all__ = ["date_bounds", "document_period", "parse_date", "speech_date", "speech_period"]

_DATE_RANGE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:/(\d{2}))?(?!\d)")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
# A date the speech names: 2024年1月31日, 2023年12月; not a target (到2035年, 至2025年底).
_NAMED_DATE = re.compile(r"(?<![到至\d])((?:19|20)\d{2})年(\d{1,2})月(?:(\d{1,2})日)?")
# The lookbehind in front makes re try the pattern at every offset of the body: scan from the 1 or 2 instead.
_NAMED_DATE_SCAN = FirstCharacterScan(_NAMED_DATE, "12")
_UNDATED = (date.min, date.max)
# The date a provenance note opens with: 2024, 2003-07, 2024-03-05 (what follows it is commentary).
_OPENING_DATE = re.compile(r"^\s*((?:19|20)\d{2}(?:-\d{2}(?:-\d{2})?)?)(?![\d/])")


class DatedDocument(Protocol):
    """What dating reads of a :class:`policytext.document.Document`.

    The document keeps its period as a cached property computed here
    (:func:`document_period`), so this module cannot import it.
    """

    provenance: Mapping[str, str]
    norm: str
    body_start: int
    body_end: int

    @property
    def speech_period(self) -> tuple[date, date] | None: ...


def parse_date(value: object) -> date | None:
    """``2024-01-31`` (or ``2024-12``: its first day, or ``1954``: 1 January) as a date; None if there is none."""
    if value is None or isinstance(value, float):
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if match := _DATE_RANGE.search(text):
        return date(int(match[1]), int(match[2]), int(match[3]))
    if match := _YEAR_MONTH.match(text):
        return date(int(match[1]), int(match[2]), 1)
    if match := _YEAR.fullmatch(text):
        return date(int(match[1]), 1, 1)
    return None


def date_bounds(value: object) -> tuple[date, date]:
    """The earliest and latest day ``value`` can mean: a day, a whole month, a whole year, or any day if undated."""
    if isinstance(value, date):
        return value, value
    if value is None or isinstance(value, float):
        return _UNDATED
    text = str(value).strip()
    if match := _DATE_RANGE.search(text):
        day = date(int(match[1]), int(match[2]), int(match[3]))
        return day, day
    if match := _YEAR_MONTH.match(text):
        year, month = int(match[1]), int(match[2])
        last = (date(year + month // 12, month % 12 + 1, 1) - date.resolution) if month < 12 else date(year, 12, 31)
        return date(year, month, 1), last
    if match := _YEAR.fullmatch(text):
        return date(int(match[1]), 1, 1), date(int(match[1]), 12, 31)
    return _UNDATED


def _named_dates(text: str) -> list[date]:
    days = []
    for match in _NAMED_DATE_SCAN.finditer(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
        try:
            days.append(date(year, month, day))
        except ValueError:
            continue
    return days


def speech_date(document: DatedDocument, *, override: str | date | None = None) -> date | None:
    """The date the comparison takes for the speech: the earliest day of its period (see the module note)."""
    period = speech_period(document, override=override)
    return period[0] if period else None


def speech_period(document: DatedDocument, *, override: str | date | None = None) -> tuple[date, date] | None:
    """The earliest and the latest day the speech can have been given (see the module note)."""
    if override is not None:
        parsed = parse_date(override)
        if parsed is None:
            raise PolicytextError(f"speech date {override!r} is not a date (YYYY-MM-DD)")
        return date_bounds(override) if isinstance(override, str) and not _DATE_RANGE.search(override) else (parsed, parsed)
    # Several analyses ask for it (leaders, indicators, the comparison): the document computes it once.
    return document.speech_period


def document_period(document: DatedDocument) -> tuple[date, date] | None:
    """The speech's period as the document gives it: its provenance note, else the dates its body names (see the module note)."""
    note = str(document.provenance.get("date", "") or "")
    opening = _OPENING_DATE.match(note)
    earliest, latest = date_bounds(opening[1]) if opening else _UNDATED
    days = []
    for match in _DATE_RANGE.finditer(note):
        year, month, day, last = match.groups()
        try:
            named = date(int(year), int(month), int(last or day))
        except ValueError:
            continue
        if earliest <= named <= latest:
            days.append(named)
    if days:
        return max(days), max(days)
    if opening:
        return earliest, latest
    if match := _YEAR.search(note):
        return date(int(match[1]), 1, 1), date(int(match[1]), 12, 31)
    named = _named_dates(document.norm[document.body_start : document.body_end])
    return (max(named), max(named)) if named else None
