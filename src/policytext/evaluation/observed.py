"""What the package reports for one document, read through its public API only.

This is the one module that knows the package's tables and their columns: when
the package's middle changes, adapt it here and the scorer stays as it is.
Every item carries raw offsets, like every row of the package's tables.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from .. import load
from ..compare import CLASSES, compare
from ..indicators import extract
from ..reference import ReferenceCorpus
from ..rhetoric import find_formulas, leader_references

# Clauses of these classes reuse central wording; "local" ones do not.
REUSE_CLASSES = frozenset(CLASSES) - frozenset({"local"})
STOCK_KIND = "stock formula"


@dataclass(frozen=True, slots=True)
class Item:
    """One reported thing: its raw span, its text and the attributes the scorer compares."""

    start: int
    end: int
    text: str
    value: float = math.nan
    unit: str = ""
    kind: str = ""
    year: str = ""
    who: str = ""
    level: int = 0
    marker: str = ""


@dataclass(frozen=True)
class Observed:
    """The package's answers for one document."""

    title: Item | None
    salutation: Item | None
    headings: tuple[Item, ...]
    furniture: tuple[Item, ...]  # what the package keeps out of the text: outside the body, boilerplate, elisions
    redactions: tuple[Item, ...]
    claims: tuple[Item, ...]
    leaders: tuple[Item, ...]
    formulas: tuple[Item, ...]
    reuse: tuple[Item, ...] | None


def _span_item(span) -> Item | None:
    return None if span is None else Item(span.start, span.end, span.text)


def _year(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = str(value).strip()
    return text[:-2] if text.endswith(".0") else text


def _furniture(document) -> tuple[Item, ...]:
    raw = document.raw
    spans = [(0, document.body_start), (document.body_end, len(raw))]
    spans += [(span.start, span.end) for span in document.boilerplate]
    # The analysis view (issue 13): elisions that are site furniture, when the package reports them.
    spans += [(span.start, span.end) for span in getattr(document, "elisions", ())
              if "furniture" in getattr(span, "kind", "") or "boilerplate" in getattr(span, "kind", "")]
    return tuple(Item(start, end, raw[start:end]) for start, end in spans if end > start)


def reuse_items(clause_table) -> tuple[Item, ...]:
    """The clauses that reuse central wording: reuse of a source, and stock formulas.

    The gold's reuse is wording that comes from central texts
    (``data/eval/README.md``). A stock formula (以习近平新时代中国特色社会主义思想为指导)
    is such wording; the comparison reports it apart only because it points
    to no one source, so here it counts as reuse, of kind ``stock formula``.
    """
    return tuple(
        Item(int(row["start"]), int(row["end"]), str(row["text"]),
             kind=str(row["class"]) if row["class"] in REUSE_CLASSES else STOCK_KIND)
        for row in clause_table.to_dict("records")
        if row["class"] in REUSE_CLASSES or row["stock_formula"]
    )


def observe(path: str | Path, *, reference: ReferenceCorpus | None = None, with_reuse: bool = False) -> Observed:
    """Run the package on one file; ``with_reuse`` also compares it with ``reference`` (slow)."""
    document = load(path)
    outline = document.outline
    headings = tuple(
        Item(section.start, section.heading_end, section.title, level=section.level, marker=section.marker)
        for section in outline.walk() if section.level > 0
    )
    claims = tuple(
        Item(int(row.start), int(row.end), str(row.raw), value=float(row.value), unit=str(row.unit or ""),
             kind=str(row.kind or ""), year=_year(row.year))
        for row in extract(document).itertuples(index=False)
    )
    leaders = tuple(
        Item(int(row.start), int(row.end), str(row.text), who=str(row.name or ""))
        for row in leader_references(document).itertuples(index=False) if row.category == "leader"
    )
    found = tuple(Item(int(row.start), int(row.end), str(row.text)) for row in find_formulas(document).itertuples(index=False))
    reuse = reuse_items(compare(document, reference).clauses) if with_reuse else None
    return Observed(
        title=_span_item(outline.title),
        salutation=_span_item(outline.salutation),
        headings=headings,
        furniture=_furniture(document),
        redactions=tuple(Item(span.start, span.end, span.text) for span in document.redactions),
        claims=claims,
        leaders=leaders,
        formulas=found,
        reuse=reuse,
    )
