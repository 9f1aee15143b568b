"""Comparison with national phrasing: which central words a speech reuses, changes or leaves out.

``compare(document)`` loads the reference corpus (``data/reference/`` by
default), indexes its central sentences once and gives every table through
one object; the modules hold the parts:

- :mod:`.clauses`: the clause, the unit of comparison;
- :mod:`.index`: character-shingle index that proposes candidate sentences;
- :mod:`.align`: alignment, reuse classes and edits;
- :mod:`.reuse`: the clause table, coverage, passages, section × source similarity;
- :mod:`.formulations`: central formulations used verbatim, modified or absent;
- :mod:`.attribution`: quotations attributed to the centre, checked;
- :mod:`.keyness`: over- and under-used words (log-likelihood, log ratio);
- :mod:`.plots`: the figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

import pandas as pd

from ..document import Document
from ..output import write_table
from ..reference import ReferenceCorpus, load_reference
from .align import CLASSES, Alignment, Edit, Thresholds, align, classify, format_edits
from .attribution import ATTRIBUTION_COLUMNS, attributions, quotations
from .clauses import Clause, clauses, clauses_frame
from .dating import parse_date, speech_date
from .formulations import FORMULATION_TABLE_COLUMNS, formulation_use
from .index import ShingleIndex
from .keyness import keyness
from .reuse import CLAUSE_COLUMNS, CentralIndex, build_index, compare_clauses, coverage, passages, section_similarity

__all__ = [
    "ATTRIBUTION_COLUMNS",
    "CLASSES",
    "CLAUSE_COLUMNS",
    "FORMULATION_TABLE_COLUMNS",
    "Alignment",
    "CentralIndex",
    "Clause",
    "Comparison",
    "Edit",
    "ShingleIndex",
    "Thresholds",
    "align",
    "attributions",
    "build_index",
    "classify",
    "clauses",
    "clauses_frame",
    "compare",
    "compare_clauses",
    "coverage",
    "format_edits",
    "formulation_use",
    "keyness",
    "parse_date",
    "passages",
    "quotations",
    "section_similarity",
    "speech_date",
]


@dataclass(frozen=True)
class Comparison:
    """A speech compared with a reference corpus; each table is computed on first use."""

    document: Document
    reference: ReferenceCorpus
    speech_date: date | None
    thresholds: Thresholds = field(default_factory=Thresholds)

    @cached_property
    def index(self) -> CentralIndex:
        return build_index(self.reference)

    @cached_property
    def clauses(self) -> pd.DataFrame:
        return compare_clauses(self.document, self.index, speech_date=self.speech_date, thresholds=self.thresholds)

    def coverage(self, *, level: int = 1) -> pd.DataFrame:
        return coverage(self.clauses, self.document, level=level)

    @cached_property
    def passages(self) -> pd.DataFrame:
        return passages(self.clauses, self.document, self.reference)

    @cached_property
    def formulations(self) -> pd.DataFrame:
        return formulation_use(self.document, self.reference, speech_date=self.speech_date)

    @cached_property
    def attributions(self) -> pd.DataFrame:
        return attributions(self.document, self.index)

    @cached_property
    def keyness(self) -> pd.DataFrame:
        return keyness(self.document, self.reference)

    def section_similarity(self, *, level: int = 2) -> pd.DataFrame:
        return section_similarity(self.document, self.reference, level=level)

    def write_tables(self, *, outdir: Path) -> list[Path]:
        """The comparison's tables in ``outdir`` (UTF-8 with BOM)."""
        return [
            write_table(self.reference.documents_frame(), "reference_documents", outdir=outdir),
            write_table(self.clauses, "reuse_clauses", outdir=outdir),
            write_table(self.passages, "reuse_passages", outdir=outdir),
            write_table(self.coverage(level=2), "reuse_coverage", outdir=outdir),
            write_table(self.formulations, "formulation_use", outdir=outdir),
            write_table(self.attributions, "attribution_checks", outdir=outdir),
            write_table(self.keyness, "keyness", outdir=outdir),
            write_table(self.section_similarity(), "section_source_similarity", outdir=outdir),
        ]


def compare(
    document: Document,
    reference: ReferenceCorpus | str | Path | None = None,
    *,
    speech_date: str | date | None = None,
    thresholds: Thresholds | None = None,
) -> Comparison:
    """Compare ``document`` with ``reference`` (a corpus, a path, or ``data/reference/``).

    ``speech_date`` defaults to what the document's provenance gives (see
    :func:`.dating.speech_date`: for the seed, 2024-02-02, the earliest
    possible day).
    """
    corpus = reference if isinstance(reference, ReferenceCorpus) else load_reference(reference)
    day = globals()["speech_date"](document, override=speech_date)
    return Comparison(document, corpus, day, thresholds or Thresholds())
