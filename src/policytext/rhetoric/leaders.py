"""Leader references: where a speech invokes a leader or a central body, and how often.

Names come from ``data/rhetoric_leaders.tsv`` (category leader, central_body,
central_meeting, local_body) and are matched on the normalised, simplified
text, longest name first, so 习近平总书记 is one reference, not three. The
share of sentences that cite one counts leaders, central bodies and central
meetings; local party committees and governments (省委, 市政府) are listed
but not counted as citing the centre.

A bare title (总书记) names whoever held it: the nearest explicit name of one
of its holders (胡锦涛同志……总书记指出), else the holder at the document's
date (its provenance note), from ``data/rhetoric_leader_titles.tsv``; with
neither, the reference is listed with no name rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

import pandas as pd

from ..parsed import ParsedDocument, as_parsed
from ..resources import data_table
from ._base import (
    find_terms,
    frame,
    leftmost_longest,
    read_entries,
)

if TYPE_CHECKING:
    from ..document import Document

LEADER_COLUMNS = ("section", "sentence", "start", "end", "text", "name", "category")
CATEGORIES = ("leader", "central_body", "central_meeting", "local_body")
CENTRAL = frozenset({"leader", "central_body", "central_meeting"})


# How far before a bare title an explicit name still settles who it is (about a paragraph).
NAME_REACH = 400


@dataclass(frozen=True, slots=True)
class LeaderName:
    name: str
    category: str
    canonical: str  # "-" for a bare title (总书记): see rhetoric_leader_titles.tsv

    @property
    def is_title(self) -> bool:
        return self.canonical == "-"


@dataclass(frozen=True, slots=True)
class TitleHolder:
    title: str
    person: str
    held_from: date
    held_to: date | None  # None: holds it still

    def held_on(self, day: date) -> bool:
        return self.held_from <= day and (self.held_to is None or day < self.held_to)


@lru_cache(maxsize=1)
def leader_names() -> tuple[LeaderName, ...]:
    """The names of ``data/rhetoric_leaders.tsv``."""
    return read_entries("rhetoric_leaders.tsv", LeaderName, ("name", "category", "canonical"), categories=CATEGORIES)


@lru_cache(maxsize=1)
def title_holders() -> tuple[TitleHolder, ...]:
    """Who held each bare title and when, from ``data/rhetoric_leader_titles.tsv``."""
    return tuple(
        TitleHolder(row["title"], row["person"], date.fromisoformat(row["from"]), None if row["to"] == "-" else date.fromisoformat(row["to"]))
        for row in data_table("rhetoric_leader_titles.tsv", ("title", "person", "from", "to"))
    )


def leader_hits(
    source: Document | ParsedDocument, *, categories: frozenset[str] = frozenset(CATEGORIES)
) -> list[tuple[int, int, LeaderName, str]]:
    """``(start, end, entry, person)`` for each name in the body, bare titles resolved (person "" when the text does not tell)."""
    parsed = as_parsed(source)
    entries = {entry.name: entry for entry in leader_names() if entry.category in categories}
    hits = leftmost_longest(find_terms(parsed.body, entries, offset=parsed.start))
    day = _document_date(parsed.document)
    resolved = []
    for s, e, entry in hits:
        person = _title_holder(entry.name, s, resolved, day) if entry.is_title else entry.canonical
        resolved.append((s, e, entry, person))
    return resolved


def _title_holder(title: str, position: int, earlier: list[tuple[int, int, LeaderName, str]], day: date | None) -> str:
    holders = [holder for holder in title_holders() if holder.title == title]
    named = {holder.person for holder in holders}
    near = [person for s, e, entry, person in earlier if entry.canonical in named and position - e <= NAME_REACH]
    if near:
        return near[-1]
    if day is not None:
        return next((holder.person for holder in holders if holder.held_on(day)), "")
    return ""


def _document_date(document: Document) -> date | None:
    from ..dating import speech_date

    return speech_date(document)


def leader_references(source: Document | ParsedDocument) -> pd.DataFrame:
    """One row per mention of a leader or central (or local) body, with its canonical name ("" for a title the text does not resolve)."""
    parsed = as_parsed(source)
    rows = [
        parsed.span_row(s, e, name=person, category=entry.category)
        for s, e, entry, person in leader_hits(parsed)
    ]
    return frame(rows, LEADER_COLUMNS)


def leader_share(source: Document | ParsedDocument, *, references: pd.DataFrame | None = None) -> pd.DataFrame:
    """Sentences of running text that cite a leader or central body, by category and overall.

    ``references`` is :func:`leader_references`'s table when it is already at hand.
    """
    document = source.document if isinstance(source, ParsedDocument) else source
    sentences = document.sentences
    text_sentences = sentences[sentences.kind.isin(["text", "heading"])]
    references = leader_references(source) if references is None else references
    total = len(text_sentences)
    rows = []
    for label, categories in [*((c, {c}) for c in CATEGORIES), ("leader or central body", set(CENTRAL))]:
        cited = set(references[references.category.isin(categories)].sentence) & set(text_sentences.sentence)
        rows.append(
            {
                "cites": label,
                "sentences": len(cited),
                "of_sentences": total,
                "share": round(len(cited) / total, 4) if total else 0.0,
                "sentence_numbers": " ".join(str(n) for n in sorted(cited)),
            }
        )
    return pd.DataFrame(rows, columns=["cites", "sentences", "of_sentences", "share", "sentence_numbers"])
