"""Leader references: where a speech invokes a leader or a central body, and how often.

Names come from ``data/rhetoric_leaders.tsv`` (category leader, central_body,
central_meeting, local_body) and are matched on the normalised, simplified
text, longest name first, so 习近平总书记 is one reference, not three. The
share of sentences that cite one counts leaders, central bodies and central
meetings; local party committees and governments (省委, 市政府) are listed
but not counted as citing the centre.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import pandas as pd

from ._base import (
    Locator,
    body_bounds,
    find_terms,
    frame,
    leftmost_longest,
    read_entries,
    span_row,
)

if TYPE_CHECKING:
    from ..document import Document

LEADER_COLUMNS = ("section", "sentence", "start", "end", "text", "name", "category")
CATEGORIES = ("leader", "central_body", "central_meeting", "local_body")
CENTRAL = frozenset({"leader", "central_body", "central_meeting"})


@dataclass(frozen=True, slots=True)
class LeaderName:
    name: str
    category: str
    canonical: str


@lru_cache(maxsize=1)
def leader_names() -> tuple[LeaderName, ...]:
    """The names of ``data/rhetoric_leaders.tsv``."""
    return read_entries("rhetoric_leaders.tsv", LeaderName, ("name", "category", "canonical"), categories=CATEGORIES)


def leader_references(document: Document) -> pd.DataFrame:
    """One row per mention of a leader or central (or local) body, with its canonical name."""
    start, end = body_bounds(document)
    entries = {entry.name: entry for entry in leader_names()}
    hits = leftmost_longest(find_terms(document.norm[start:end], entries, offset=start))
    locator = Locator.of(document)
    rows = [
        span_row(document, locator, s, e, name=entry.canonical, category=entry.category)
        for s, e, entry in hits
    ]
    return frame(rows, LEADER_COLUMNS)


def leader_share(document: Document) -> pd.DataFrame:
    """Sentences of running text that cite a leader or central body, by category and overall."""
    sentences = document.sentences
    text_sentences = sentences[sentences.kind.isin(["text", "heading"])]
    references = leader_references(document)
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
