"""Whole-part match texts of a reference corpus, for phrase look-ups that may cross sentences."""

from __future__ import annotations

from dataclasses import dataclass

from ..normalize import Collapsed
from ..reference import Part, ReferenceCorpus, ReferenceDocument, match_text
from .dating import parse_date

__all__ = ["PartText", "find_phrase", "part_texts"]


@dataclass(frozen=True)
class PartText:
    document: ReferenceDocument
    part: Part
    text: Collapsed

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.text.to_input(start, end)


def part_texts(corpus: ReferenceCorpus, *, levels: tuple[str, ...] = ("central",)) -> list[PartText]:
    """Each part at one of ``levels`` as normalised, whitespace-free text with raw offsets."""
    return [
        PartText(d, p, match_text(d, p.start, p.end))
        for d in corpus.documents
        for p in d.parts
        if p.level in levels
    ]


def find_phrase(phrase: str, parts: list[PartText]) -> list[tuple[PartText, int, int]]:
    """Every part holding ``phrase`` (match text) with the raw span of its first occurrence, earliest date first."""
    hits = []
    for part in parts:
        at = part.text.text.find(phrase)
        if at >= 0:
            hits.append((part, *part.raw_span(at, at + len(phrase))))
    hits.sort(key=lambda hit: (parse_date(hit[0].part.date) or parse_date("9999-12-31"), hit[0].document.id))
    return hits
