"""Regex scans that jump from one possible first character to the next.

Python's ``re`` skips ahead quickly only when a pattern opens with a literal
or a character class. A lookbehind, or an alternation of named groups, at the
front makes it try the whole pattern at every offset of the text. When every
match must start with one of a known set of characters, finding those
characters first (a class, which ``re`` does skip to) and trying the pattern
only there gives the same matches: seven times faster for the segmenter's
numbers and redactions on a long speech.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class FirstCharacterScan:
    """``pattern``, searched only where one of ``first`` (a character-class body) stands.

    Only for patterns that never match the empty string and whose every match
    starts with a character of ``first``; the tests check both for each use.
    """

    pattern: re.Pattern[str]
    first: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "_first", re.compile(f"[{self.first}]"))

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """The matches ``pattern.finditer(text, pos, endpos)`` gives, in the same order."""
        endpos = len(text) if endpos is None else endpos
        candidate, match = self._first.search, self.pattern.match  # type: ignore[attr-defined]
        while (hit := candidate(text, pos, endpos)) is not None:
            # match() at an offset still lets lookbehinds see the text before it.
            found = match(text, hit.start(), endpos)
            if found is None:
                pos = hit.start() + 1
            else:
                yield found
                pos = max(found.end(), hit.start() + 1)
