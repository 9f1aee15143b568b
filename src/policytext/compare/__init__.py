"""Comparison with national phrasing: which central words a speech reuses, changes or leaves out.

``compare(document)`` loads the reference corpus (the bundled one by
default: the central texts on 新质生产力, the government work reports
1954-2025 and the reports to the party congresses), loads its index from the
project cache (building it once per corpus content) and gives every table
through one object; the modules hold the parts:

- :mod:`.clauses`: the clause, the unit of comparison;
- :mod:`.index`: character-shingle index that proposes candidate sentences;
- :mod:`.central`: the corpus's index, built once per corpus content and kept in ``.cache/``;
- :mod:`.align`: alignment, reuse classes and edits;
- :mod:`.reuse`: the clause table, later echoes, coverage, passages, section × source similarity;
- :mod:`.stretches`: adjacent clauses that follow one source, short clauses inside them;
- :mod:`.stock`: stock formulas, reported apart from reuse of a specific source;
- :mod:`.sources`: reuse by source document and year;
- :mod:`.formulations`: central formulations used verbatim, modified or absent;
- :mod:`.attribution`: quotations attributed to the centre, checked;
- :mod:`.keyness`: over- and under-used words (log-likelihood, log ratio);
- the figures are drawn by :mod:`policytext.figures.phrasing`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

import pandas as pd

from ..document import Document
from ..errors import PolicytextError
from ..output import write_table
from ..parsed import ParsedDocument
from ..reference import ReferenceCorpus, load_reference
from .align import CLASSES, Alignment, Edit, Thresholds, align, classify, format_edits
from .attribution import ATTRIBUTION_COLUMNS, attributed_quotations, attributions
from .clauses import Clause, clauses_frame, split_clauses
from .dating import parse_date, speech_date, speech_period
from .formulations import FORMULATION_TABLE_COLUMNS, formulation_use
from .central import CentralIndex, build_index, load_index
from .index import ShingleIndex
from .keyness import keyness_table
from .reuse import (
    CLAUSE_COLUMNS,
    ECHO_COLUMNS,
    ReuseTables,
    compare_clauses,
    coverage,
    later_echoes,
    passages,
    reuse_tables,
    section_similarity,
)
from .sources import SOURCE_COLUMNS, reuse_by_source, stock_share

__all__ = [
    "ATTRIBUTION_COLUMNS",
    "attributed_quotations",
    "CLASSES",
    "CLAUSE_COLUMNS",
    "ECHO_COLUMNS",
    "FORMULATION_TABLE_COLUMNS",
    "SOURCE_COLUMNS",
    "Alignment",
    "CentralIndex",
    "Clause",
    "Comparison",
    "Edit",
    "ReuseTables",
    "ShingleIndex",
    "Thresholds",
    "align",
    "attributions",
    "build_index",
    "classify",
    "clauses_frame",
    "compare",
    "compare_clauses",
    "coverage",
    "format_edits",
    "formulation_use",
    "keyness_table",
    "later_echoes",
    "load_index",
    "parse_date",
    "passages",
    "reuse_by_source",
    "reuse_tables",
    "section_similarity",
    "speech_date",
    "speech_period",
    "split_clauses",
    "stock_share",
]


@dataclass(frozen=True)
class Comparison:
    """A speech compared with a reference corpus; each table is computed on first use."""

    document: Document
    reference: ReferenceCorpus
    speech_date: date | None
    thresholds: Thresholds = field(default_factory=Thresholds)
    parsed: ParsedDocument | None = field(default=None, repr=False)  # the speech's words, for keyness
    #: The speech's quotation table (policytext.rhetoric.find_quotations): which quotations it attributes to a leader.
    quotations: pd.DataFrame | None = field(default=None, repr=False, compare=False)
    # The last day the speech can have been given (31 December for a speech known by its year only):
    # a central text dated after it is never a source. None: the speech_date itself.
    speech_until: date | None = None

    @property
    def source_cut(self) -> date | None:
        return self.speech_until or self.speech_date

    @cached_property
    def index(self) -> CentralIndex:
        return load_index(self.reference)

    @cached_property
    def _reuse(self) -> ReuseTables:
        return reuse_tables(self.document, self.index, speech_date=self.source_cut, thresholds=self.thresholds)

    @cached_property
    def clauses(self) -> pd.DataFrame:
        return self._reuse.clauses

    @cached_property
    def echoes(self) -> pd.DataFrame:
        """Clauses whose wording turns up in central texts dated after the speech (never their source)."""
        return self._reuse.echoes

    @cached_property
    def sources(self) -> pd.DataFrame:
        """Reuse by source document: which central texts the speech draws on, and how old they were."""
        return reuse_by_source(self.clauses, self.speech_date)

    @cached_property
    def stock(self) -> pd.DataFrame:
        """The stock formulas the speech uses and their share of its clause characters."""
        return stock_share(self.clauses)

    def coverage(self, *, level: int = 1) -> pd.DataFrame:
        return coverage(self.clauses, self.document, level=level)

    @cached_property
    def passages(self) -> pd.DataFrame:
        return passages(self.clauses, self.document, self.reference)

    @cached_property
    def formulations(self) -> pd.DataFrame:
        return formulation_use(self.document, self.index, speech_date=self.speech_date)

    @cached_property
    def attributions(self) -> pd.DataFrame:
        if self.quotations is None:
            raise PolicytextError("the attribution check reads the speech's quotation table: use "
                                  "Analysis(document).comparison(), or compare(..., quotations=find_quotations(document))")
        return attributions(self.document, self.index, quotations=self.quotations, speech_date=self.speech_date)

    @cached_property
    def topical(self) -> ReferenceCorpus:
        """The reference's #-header texts (all of it if it has none).

        Keyness and section similarity compare with these: against seventy
        years of work reports every current word would be "over-used", and a
        column per report would bury the few texts a speech answers to.
        """
        return self.reference.subset(collections=("central",)) or self.reference

    @cached_property
    def keyness(self) -> pd.DataFrame:
        return keyness_table(self.parsed or self.document, self.topical)

    def section_similarity(self, *, level: int = 2) -> pd.DataFrame:
        return section_similarity(self.document, self.topical, level=level)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The comparison's tables by file name (without ``.csv``), in the order they are written."""
        return {
            "reference_documents": self.reference.documents_frame(),
            "reuse_clauses": self.clauses,
            "reuse_passages": self.passages,
            "reuse_sources": self.sources,
            "later_echoes": self.echoes,
            "stock_formulas": self.stock,
            "reuse_coverage": self.coverage(level=2),
            "formulation_use": self.formulations,
            "attribution_checks": self.attributions,
            "keyness": self.keyness,
            "section_source_similarity": self.section_similarity(),
        }

    def write_tables(self, *, outdir: Path) -> list[Path]:
        """The comparison's tables in ``outdir`` (UTF-8 with BOM)."""
        return [write_table(table, name, outdir=outdir) for name, table in self.tables().items()]


def compare(
    document: Document | ParsedDocument,
    reference: ReferenceCorpus | str | Path | None = None,
    *,
    speech_date: str | date | None = None,
    thresholds: Thresholds | None = None,
    quotations: pd.DataFrame | None = None,
) -> Comparison:
    """Compare ``document`` with ``reference`` (a corpus, a path, or ``data/reference/``).

    ``quotations``, the speech's quotation table, is what the attribution
    check reads (:class:`~policytext.analysis.Analysis` passes its own).

    ``speech_date`` defaults to what the document's provenance gives (see
    :func:`.dating.speech_date`: for the seed, 2024-02-02, the earliest
    possible day). A speech known only by its year may draw on any central
    text of that year (:func:`.dating.speech_period`).
    """
    parsed = document if isinstance(document, ParsedDocument) else None
    document = parsed.document if parsed else document
    corpus = reference if isinstance(reference, ReferenceCorpus) else load_reference(reference)
    period = speech_period(document, override=speech_date)
    first, last = period if period else (None, None)
    return Comparison(document, corpus, first, thresholds or Thresholds(), parsed, quotations, speech_until=last)
