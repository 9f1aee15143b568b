"""Whole-part match texts of a reference corpus, for phrase look-ups that may cross sentences."""

from __future__ import annotations

from ..reference import ReferenceCorpus
from .central import CentralIndex, PartText, load_index
from .dating import date_bounds

__all__ = ["PartText", "find_phrase", "part_texts"]


def part_texts(reference: ReferenceCorpus | CentralIndex, *, levels: tuple[str, ...] = ("central",)) -> list[PartText]:
    """Each part at one of ``levels`` as normalised, whitespace-free text with raw offsets (from the index)."""
    index = reference if isinstance(reference, CentralIndex) else load_index(reference)
    return index.part_texts(levels=levels)


def find_phrase(phrase: str, parts: list[PartText]) -> list[tuple[PartText, int, int]]:
    """Every part holding ``phrase`` (match text) with the raw span of its first occurrence, earliest date first."""
    hits = []
    for part in parts:
        at = part.text.find(phrase)
        if at >= 0:
            hits.append((part, *part.raw_span(at, at + len(phrase))))
    hits.sort(key=lambda hit: (date_bounds(hit[0].part.date)[0], hit[0].document.id))
    return hits
