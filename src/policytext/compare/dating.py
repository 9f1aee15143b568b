"""When the speech was given, and how long after the centre's wording.

The seed's provenance gives only "2024 (after Xi Jinping's inspection of
Tianjin on 2024-02-01/02; …)". The speech date is therefore taken as the
latest date the provenance note names, a range such as 2024-02-01/02 read as
its last day: the earliest day the speech can have been given. Gaps computed
from it are lower bounds. Without a full date the note's year gives its
1 January; a ``speech_date`` argument overrides both.
"""

from __future__ import annotations

import re
from datetime import date

from ..document import Document
from ..errors import PolicytextError

__all__ = ["parse_date", "speech_date"]

_DATE_RANGE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:/(\d{2}))?(?!\d)")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


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


def speech_date(document: Document, *, override: str | date | None = None) -> date | None:
    """The date the comparison takes for the speech (see the module note)."""
    if override is not None:
        parsed = parse_date(override)
        if parsed is None:
            raise PolicytextError(f"speech date {override!r} is not a date (YYYY-MM-DD)")
        return parsed
    note = document.provenance.get("date", "")
    days = []
    for match in _DATE_RANGE.finditer(note):
        year, month, day, last = match.groups()
        days.append(date(int(year), int(month), int(last or day)))
    if days:
        return max(days)
    if match := _YEAR.search(note):
        return date(int(match[1]), 1, 1)
    return None
