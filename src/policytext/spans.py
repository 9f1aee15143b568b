"""Small result types shared by the modules."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the decoded raw text: ``raw[start:end] == text``."""

    start: int
    end: int
    text: str
    kind: str = ""

    def as_dict(self) -> dict:
        record = {"text": self.text, "start": self.start, "end": self.end}
        if self.kind:
            record["kind"] = self.kind
        return record
