"""A quantitative claim while it is being read: what the grammar (claims) and the naming (naming) both fill in."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Found:
    """A claim being assembled inside one sentence (offsets relative to the sentence)."""

    pattern: str
    start: int  # raw span start, lead-in included
    core: int  # where the number (or 第/前) begins
    end: int
    value: float
    unit: str
    factor: float
    unit_normalised: str
    unit_kind: str | None
    redacted: bool
    clause: int
    roles: set = field(default_factory=set)
    qualifiers: list = field(default_factory=list)
    scope: str = ""
    attributive: bool = False
    continuation: bool = False
    distribute: bool = False
    counted_at: int = -1  # where the noun a count modifies starts, when not right after the claim (33万xx人民)
    indicator: str = ""
    owner: str = ""
    kind: str = ""
    year: str = ""
    year_source: str = ""  # stated, section or document (see claims.YEAR_SOURCES)
    period: str = ""
    undated: bool = False  # a target, hypothesis, past or one end of a change: no year from the document's date
