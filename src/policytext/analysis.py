"""Every table of one document, each computed once, on first use.

:class:`Analysis` is what the command line, the corpus view and the notebooks
read: the outline's tables, every rhetoric detector, the quantitative claims
and the comparison with the central texts, from one parse of the document
(:mod:`policytext.parsed`). A table asked for twice is computed once; a table
that needs another (the directive profile needs the directives) reads it from
here. :meth:`Analysis.write_tables` writes them all.

The tables are remembered on the object, keyed by the table's name and its
(immutable) options. When the tokenizer's lexicon changes
(:meth:`~policytext.segment.Tokenizer.add_word`), the next table asked for
comes from a new parse and every remembered table is dropped: no table can
mix two segmentations.

An analysis of a document file may also keep its tables in the project cache
(``cache=True``; by default when :envvar:`POLICYTEXT_SHARE_ANALYSES` is ``1``,
as ``policytext run`` sets it for the notebooks' kernels), so the kernels
that read one document compute each table once between them
(:mod:`policytext.analysis_store`).

    >>> analysis = Analysis(load("speech.txt"))            # doctest: +SKIP
    >>> analysis.directive_profile()                        # doctest: +SKIP
    >>> analysis.write_tables(outdir=Path("data/processed")) # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

import pandas as pd

from . import indicators, overview
from . import rhetoric as _rhetoric
from .analysis_store import SHARE_VARIABLE, TableStore
from .compare import Comparison, Thresholds, compare
from .document import Document, load
from .errors import PolicytextError
from .output import write_table
from .parsed import ParsedDocument, as_parsed, parse
from .rhetoric.devices import DeviceTables
from .rhetoric.parallelism import Group
from .sections import per_1000, text_size

if TYPE_CHECKING:
    from .reference import ReferenceCorpus
    from .segment import Tokenizer

T = TypeVar("T")

#: The groups of tables :meth:`Analysis.write_tables` writes, in order.
PARTS = ("overview", "rhetoric", "indicators", "comparison")


class Analysis:
    """One document's tables, computed once each (see the module doc)."""

    def __init__(
        self,
        document: Document | ParsedDocument | str | Path,
        *,
        tokenizer: Tokenizer | None = None,
        reference: ReferenceCorpus | str | Path | None = None,
        speech_date: str | date | None = None,
        thresholds: Thresholds | None = None,
        cache: bool | None = None,
    ) -> None:
        self._source = Path(document) if isinstance(document, (str, Path)) else None
        if isinstance(document, (str, Path)):
            document = load(document)
        if isinstance(document, ParsedDocument):
            self._parsed = as_parsed(document, tokenizer)
        else:
            self._parsed = parse(document, tokenizer=tokenizer)
        self._reference = reference
        self._speech_date = speech_date
        self._thresholds = thresholds
        self._tables: dict[Hashable, object] = {}
        # Only a file's bytes say what a Document or corpus object was made from (it may have been changed since).
        keyable = self._source is not None and isinstance(reference, (str, Path, type(None)))
        if cache is None:
            cache = keyable and os.environ.get(SHARE_VARIABLE) == "1"
        elif cache and not keyable:
            raise PolicytextError("the analysis cache needs the document (and any reference) as a file path")
        self._store = self._new_store() if cache else None

    def __repr__(self) -> str:
        return f"<Analysis {self.document.name!r}: {len(self._tables)} tables computed>"

    # --- what the tables are computed from -----------------------------------------------

    @property
    def document(self) -> Document:
        return self._parsed.document

    @property
    def tokenizer(self) -> Tokenizer:
        return self._parsed.tokenizer

    @property
    def parsed(self) -> ParsedDocument:
        """The current parse; a new one (and no remembered tables) after a lexicon change."""
        if not self._parsed.is_current:
            self._parsed = as_parsed(self._parsed)
            self._tables.clear()
            if self._store is not None:
                self._store = self._new_store()  # the new lexicon is part of the key
        return self._parsed

    def _once(self, key: Hashable, compute: Callable[[ParsedDocument], T]) -> T:
        parsed = self.parsed  # first: a lexicon change empties the store
        if key not in self._tables:
            store = self._store
            self._tables[key] = compute(parsed) if store is None else store.fetch(key, lambda: compute(parsed))
        return self._tables[key]  # type: ignore[return-value]

    def _new_store(self) -> TableStore:
        from .digests import file_digest, tree_digest

        reference = self._reference
        if reference is None:
            where = "bundled reference"
        else:
            path = Path(reference)
            content = tree_digest(path) if path.is_dir() else file_digest(path) if path.is_file() else "missing"
            where = f"{path.resolve()}\0{content}"
        parameters = (where, repr(self._speech_date), repr(self._thresholds))
        return TableStore.for_file(self._source, tokenizer=self._parsed.tokenizer, parameters=parameters)

    # --- the document and its outline ----------------------------------------------------

    def summary(self) -> pd.DataFrame:
        return self._once("summary", lambda p: overview.summary(p.document))

    def boilerplate(self) -> pd.DataFrame:
        return self._once("boilerplate", lambda p: overview.boilerplate_table(p.document))

    def redactions(self) -> pd.DataFrame:
        return self._once("redactions", lambda p: overview.redaction_table(p.document))

    def outline(self) -> pd.DataFrame:
        """One row per section of the outline (``Outline.sections_frame``)."""
        return self._once("outline", lambda p: p.document.outline.sections_frame())

    def sentences(self) -> pd.DataFrame:
        return self.document.sentences

    def section_lengths(self, *, max_level: int = 2) -> pd.DataFrame:
        return self._once(("section_lengths", max_level), lambda p: overview.section_lengths(p.document, max_level=max_level))

    def sentence_lengths(self) -> pd.DataFrame:
        return self._once("sentence_lengths", lambda p: overview.sentence_lengths(p.document))

    # --- rhetoric ------------------------------------------------------------------------

    def _leader_hits(self) -> list[_rhetoric.leaders.LeaderHit]:
        # Quotations are attributed with the names the leader references list: one search for both.
        return self._once("leader_hits", _rhetoric.leaders.leader_hits)

    def quotations(self) -> pd.DataFrame:
        return self._once("quotations", lambda p: _rhetoric.find_quotations(p, leaders=self._leader_hits()))

    def quotation_counts(self) -> pd.DataFrame:
        return self._once("quotation_counts", lambda p: _rhetoric.quotation_counts(p, quotations=self.quotations()))

    def formulas(self) -> pd.DataFrame:
        return self._once("formulas", _rhetoric.find_formulas)

    def enumerations(self) -> pd.DataFrame:
        """One row per series or list."""
        return self._once("enumerations", lambda p: _rhetoric.find_enumerations(p, series=self._series()))

    def enumeration_items(self) -> pd.DataFrame:
        """One row per item, with its series' kind, length, head and announced count."""
        from .rhetoric.enumerations import enumeration_items_with_series

        return self._once("enumeration_items", lambda p: enumeration_items_with_series(p, series=self._series()))

    def _series(self) -> tuple:
        from .rhetoric.enumerations import find_series

        return self._once("enumeration_series", find_series)

    def parallel_groups(self) -> tuple[Group, ...]:
        return self._once("parallel_groups", lambda p: tuple(_rhetoric.find_groups(p)))

    def parallelisms(self) -> pd.DataFrame:
        """One row per parallel group."""
        return self._once("parallelisms", lambda p: _rhetoric.parallelisms(p, groups=self.parallel_groups()))

    def parallelism_members(self) -> pd.DataFrame:
        """One row per member of a parallel group."""
        return self._once("parallelism_members", lambda p: _rhetoric.parallelism_members(p, groups=self.parallel_groups()))

    def four_character(self) -> pd.DataFrame:
        return self._once("four_character", _rhetoric.find_four_character)

    def four_character_density(self, *, level: int = 1) -> pd.DataFrame:
        return self._once(
            ("four_character_density", level),
            lambda p: _rhetoric.four_character_density(p, level=level, expressions=self.four_character()),
        )

    def directives(self) -> pd.DataFrame:
        return self._once("directives", _rhetoric.find_directives)

    def directive_profile(self, *, level: int = 1) -> pd.DataFrame:
        return self._once(
            ("directive_profile", level), lambda p: _rhetoric.directive_profile(p, level=level, directives=self.directives())
        )

    def directive_term_counts(self) -> pd.DataFrame:
        return self._once("directive_term_counts", lambda p: _rhetoric.directive_term_counts(p, directives=self.directives()))

    def leader_references(self) -> pd.DataFrame:
        return self._once("leader_references", lambda p: _rhetoric.leader_references(p, hits=self._leader_hits()))

    def leader_share(self) -> pd.DataFrame:
        return self._once("leader_share", lambda p: _rhetoric.leader_share(p, references=self.leader_references()))

    def term_frequencies(self) -> pd.DataFrame:
        return self._once("term_frequencies", _rhetoric.term_frequencies)

    def keywords(self, *, method: Literal["tfidf", "textrank"] = "tfidf", top: int = 20) -> pd.DataFrame:
        return self._once(
            ("keywords", method, top),
            lambda p: _rhetoric.find_keywords(p, method=method, top=top, frequencies=self.term_frequencies()),
        )

    def kwic(self, term: str, *, width: int = 15) -> pd.DataFrame:
        return self._once(("kwic", term, width), lambda p: _rhetoric.kwic(p, term, width=width))

    def dispersion(self, terms: list[str] | tuple[str, ...], *, whole_words: bool = True) -> pd.DataFrame:
        terms = tuple(terms)
        return self._once(("dispersion", terms, whole_words), lambda p: _rhetoric.dispersion(p, terms, whole_words=whole_words))

    def cooccurrence(self, terms: list[str] | tuple[str, ...]) -> pd.DataFrame:
        terms = tuple(terms)
        return self._once(("cooccurrence", terms), lambda p: _rhetoric.cooccurrence(p, terms))

    def device_counts(self, *, level: int = 2) -> pd.DataFrame:
        """Rhetorical devices per section at ``level``, counted from this object's tables (no detector runs twice)."""
        return self._once(("device_counts", level), lambda p: _rhetoric.device_counts(p, level=level, tables=DeviceTables(
            self.quotations(), self.formulas(), self.enumerations(), self.parallelisms(), self.four_character(),
            self.directives(), self.leader_references())))

    def rhetoric_tables(self) -> dict[str, pd.DataFrame]:
        """The tables of ``policytext rhetoric``, by name (see :data:`policytext.rhetoric.TABLES`)."""
        return {
            "quotations": self.quotations(),
            "formulas": self.formulas(),
            "enumerations": self.enumeration_items(),
            "parallelisms": self.parallelism_members(),
            "four_character": self.four_character(),
            "directives": self.directives(),
            "leader_references": self.leader_references(),
        }

    def rhetoric_payload(self) -> dict:
        """The JSON object of ``policytext rhetoric``."""
        from .rhetoric.report import payload_from_tables

        return payload_from_tables(self.parsed, self.rhetoric_tables(), enumerations=self.enumerations(),
                                   groups=self.parallel_groups())

    # --- indicators ----------------------------------------------------------------------

    def indicators(self) -> pd.DataFrame:
        """One row per quantitative claim."""
        return self._once("indicators", indicators.extract)

    # --- comparison with the central texts ------------------------------------------------

    def comparison(self) -> Comparison:
        """The comparison with the reference corpus (its tables are computed once each, on the object)."""
        return self._once(
            "comparison",
            lambda p: compare(p, self._reference, speech_date=self._speech_date, thresholds=self._thresholds,
                              quotations=self.quotations()),
        )

    # --- one row for the corpus view -------------------------------------------------------

    def profile(self, *, top_keywords: int = 5) -> dict:
        """The document's row of the corpus table (see :data:`policytext.corpus.PROFILE_COLUMNS`)."""
        document = self.document
        characters = text_size(document.body)
        coverage = self.comparison().coverage(level=1)
        whole = coverage[coverage.section == "all"].iloc[0] if len(coverage) else None
        # A collector's provenance title beats a guess from the first line (which may be a byline).
        outline_title = document.outline.title_text
        return {
            "title": document.provenance.get("title") or outline_title or document.page_title or "",
            "characters": characters,
            "sections": sum(1 for s in document.outline.walk() if s.level > 0),
            "truncated": document.truncated,
            "redactions": len(document.redactions),
            "leader_references_per_1000": per_1000(len(self.leader_references()), characters),
            "directives_per_1000": per_1000(len(self.directives()), characters),
            "four_character_per_1000": per_1000(len(self.four_character()), characters),
            "indicators": len(self.indicators()),
            "indicators_per_1000": per_1000(len(self.indicators()), characters),
            "central_reuse": float(whole.share_reused) if whole is not None else 0.0,
            "verbatim_reuse": float(whole.share_verbatim) if whole is not None else 0.0,
            "top_keywords": "、".join(self.keywords(top=top_keywords).term),
        }

    # --- writing -----------------------------------------------------------------------------

    def tables(self, part: str) -> dict[str, pd.DataFrame]:
        """The tables of one of :data:`PARTS`, by file name (without ``.csv``)."""
        if part == "overview":
            return {
                "document_summary": self.summary(),
                "boilerplate": self.boilerplate(),
                "redactions": self.redactions(),
                "outline": self.outline(),
                "sentences": self.sentences(),
            }
        if part == "rhetoric":
            tables = {f"rhetoric_{name}": table for name, table in self.rhetoric_tables().items()}
            tables["rhetoric_parallelism_groups"] = self.parallelisms()
            tables["rhetoric_enumeration_series"] = self.enumerations()
            return tables
        if part == "indicators":
            return {"indicators": self.indicators()}
        if part == "comparison":
            return self.comparison().tables()
        raise PolicytextError(f"unknown group of tables {part!r}: one of {', '.join(PARTS)}")

    def write_tables(self, *, outdir: Path, parts: tuple[str, ...] = PARTS) -> list[Path]:
        """The tables of ``parts`` as CSV files in ``outdir`` (UTF-8 with BOM), the paths in order."""
        return [write_table(table, name, outdir=Path(outdir)) for part in parts for name, table in self.tables(part).items()]
