"""Directive and mobilising language: who is told to do what, how firmly and how hard.

The lexicon (``data/rhetoric_directives.tsv``) sorts the words into
``directive`` verbs (加快 推动 强化 聚焦 构建 打造 健全 完善 提升 深化 …),
``modal`` obligation (要 必须 务必), ``intensity`` adverbs (大力 全力 坚决),
``stance`` words (坚持 确保) and ``mobilising`` calls (勇争先 奋力 担当). A
term counts only where its occurrence begins and ends at word edges of the
segmentation, so 要 in 重要, 主要 or 要素, and 提升 inside a longer word, do
not count. Rates are per 1,000 characters of the section's own text
(whitespace excluded).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import pandas as pd

from ..sections import per_1000, section_at_level, section_characters
from ..parsed import ParsedDocument, as_parsed
from ._base import (
    find_terms,
    leftmost_longest,
    read_entries,
    span_frame,
)

if TYPE_CHECKING:
    from ..document import Document
    from ..segment import Tokenizer

DIRECTIVE_COLUMNS = ("section", "sentence", "start", "end", "text", "term", "category", "gloss")
CATEGORIES = ("directive", "modal", "intensity", "stance", "mobilising")


@dataclass(frozen=True, slots=True)
class DirectiveTerm:
    term: str
    category: str
    gloss: str


@lru_cache(maxsize=1)
def directive_lexicon() -> tuple[DirectiveTerm, ...]:
    """The terms of ``data/rhetoric_directives.tsv``."""
    return read_entries("rhetoric_directives.tsv", DirectiveTerm, ("term", "category", "gloss"), categories=CATEGORIES)


def directive_terms() -> tuple[str, ...]:
    return tuple(entry.term for entry in directive_lexicon())


def find_directives(source: Document | ParsedDocument, *, tokenizer: Tokenizer | None = None) -> pd.DataFrame:
    """Every directive, modal, intensity, stance or mobilising word of the body, one row each."""
    parsed = as_parsed(source, tokenizer)
    entries = {entry.term: entry for entry in directive_lexicon()}
    edges = parsed.edges
    hits = [hit for hit in find_terms(parsed.body, entries, offset=parsed.start) if hit[0] in edges and hit[1] in edges]
    chosen = leftmost_longest(hits)
    return span_frame(
        parsed, [(s, e) for s, e, _ in chosen], DIRECTIVE_COLUMNS,
        term=[entry.term for _, _, entry in chosen],
        category=[entry.category for _, _, entry in chosen],
        gloss=[entry.gloss for _, _, entry in chosen],
    )


def directive_profile(
    source: Document | ParsedDocument, *, level: int = 1, tokenizer: Tokenizer | None = None, directives: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per section at ``level``: count of each category, total, characters and rate per 1,000 characters.

    ``directives`` is :func:`find_directives`'s table when it is already at hand.
    """
    parsed = as_parsed(source, tokenizer) if directives is None else None
    found = find_directives(parsed) if directives is None else directives
    document = source.document if isinstance(source, ParsedDocument) else source
    sizes = section_characters(document, level=level)
    found = found.assign(part=found.section.map(lambda s: section_at_level(s, level)))
    counts = found.pivot_table(index="part", columns="category", values="start", aggfunc="count", fill_value=0)
    table = sizes.copy()
    for category in CATEGORIES:
        column = counts[category] if category in counts.columns else pd.Series(dtype="int64")
        table[category] = table.section.map(column).fillna(0).astype("int64")
    table["total"] = table[list(CATEGORIES)].sum(axis=1)
    for category in (*CATEGORIES, "total"):
        table[f"{category}_per_1000"] = per_1000(table[category], table.characters)
    return table


def directive_term_counts(
    source: Document | ParsedDocument, *, tokenizer: Tokenizer | None = None, directives: pd.DataFrame | None = None
) -> pd.DataFrame:
    """How often each lexicon term occurs, most frequent first (from ``directives`` when given)."""
    found = find_directives(source, tokenizer=tokenizer) if directives is None else directives
    table = found.groupby(["term", "category", "gloss"], sort=False).size().reset_index(name="count")
    return table.sort_values(["count", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
