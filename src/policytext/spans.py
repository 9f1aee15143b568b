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


@dataclass(frozen=True, slots=True)
class Extracted:
    """What a reader got out of a file: the raw text that offsets refer to, and what it knows about it.

    ``furniture`` holds spans of ``text`` that the file's layout shows are not
    the document (a PDF's running headers and page numbers); the document
    records them as boilerplate.
    """

    text: str
    encoding: str
    provenance: dict[str, str]
    furniture: tuple[Span, ...] = ()
