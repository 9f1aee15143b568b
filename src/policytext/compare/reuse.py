"""Reuse of central wording in a speech, clause by clause.

For each clause (:mod:`.clauses`) the index (:mod:`.central`) proposes a
few central sentences; each is aligned with the clause (:mod:`.align`), and
the best alignment decides the clause's class. A central text dated after
the speech (its latest possible day after the speech's day) is never a
source: a clause it matches better than any earlier text is listed among the
*later echoes*. Where several earlier texts hold the same words equally
well, the one the neighbouring clauses also draw on wins (a passage copied
from one report is not split between it and a later report that repeats a
clause of it), then the most recent: a speech relays the latest central
wording. Only parts the reference marks as central are indexed, so a local
newspaper's paraphrase inside a central file (06 [B]) is never taken for the
centre. Stock formulas (:mod:`.stock`) are set apart, and short clauses
where a reused neighbour's source continues join its stretch
(:mod:`.stretches`).

Every row gives raw offsets on both sides: ``start``/``end`` into the speech
file, ``source_start``/``source_end`` into the reference file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import TypedDict, Unpack

import numpy as np
import pandas as pd

from ..document import Document
from ..normalize import Collapsed
from ..reference import ReferenceCorpus, load_reference
from ..resources import data_table
from .align import (
    CLASSES,
    Thresholds,
    align,
    bigram_overlap,
    classify,
    distinctive_share,
    without_shared_terms,
    figures_agree,
    format_edits,
    untitled_wording,
    wording_bigrams,
)
from .central import SHINGLE, CentralIndex, build_index, load_index
from .clauses import Clause, speech_match_text, split_clauses
from .dating import date_bounds
from .index import shingles
from .stock import MIN_YEARS, stock_wording
from .stretches import extend_stretches, join_short_runs, stretch_numbers

__all__ = [
    "CLAUSE_COLUMNS",
    "ECHO_COLUMNS",
    "CentralIndex",
    "build_index",
    "compare_clauses",
    "ReuseOptions",
    "ReuseTables",
    "later_echoes",
    "reuse_tables",
    "coverage",
    "passages",
    "section_similarity",
]

CLAUSE_COLUMNS = (
    "section", "start", "end", "text", "class", "source_id", "source_title", "source_date",
    "source_start", "source_end", "source_text", "similarity", "edits",
)
_EXTRA_COLUMNS = (
    "clause", "sentence", "kind", "aligned_start", "aligned_end", "aligned_text",
    "source_part", "source_level", "after_speech", "matched_share", "stretch", "inherited", "stock_formula",
    "stock_start", "stock_end", "echo_id", "echo_date",
)
ECHO_COLUMNS = (
    "section", "start", "end", "text", "class", "source_id", "source_title", "source_date",
    "source_start", "source_end", "source_text", "similarity", "edits", "days_after",
)
_RANK = MappingProxyType({name: len(CLASSES) - i for i, name in enumerate(CLASSES)})
# Candidates aligned per clause: central wording recurs across years, so enough to hold an
# earlier and a later copy of the same words.
_CANDIDATES = 16
_SPECIFIC = ("verbatim", "near-verbatim")
_TOPIC_CATEGORIES = frozenset({"concept", "slogan"})


def _as_index(reference) -> CentralIndex:
    if isinstance(reference, CentralIndex):
        return reference
    if reference is None or not isinstance(reference, ReferenceCorpus):
        reference = load_reference(reference)
    return load_index(reference)


@dataclass(frozen=True, slots=True)
class _Match:
    clause: Clause
    cls: str
    sentence: int | None = None  # number in the CentralIndex
    local: tuple[int, int] | None = None  # raw offsets in the speech
    central: tuple[int, int] | None = None  # match offsets in the index's text
    similarity: float = 0.0
    edits: str = ""
    score: tuple = ()
    before: bool = True
    matched_share: float = 0.0
    inherited: bool = False


def _score(cls: str, size: float, similarity: float, day, length: int) -> tuple:
    # Among equal matches the most recent central text wins: a speech relays the latest central wording;
    # on one day, the longer text (a complete report rather than an excerpt of it).
    return (_RANK[cls], round(size * similarity, 1), day.toordinal(), length)


def _matches(local: Collapsed, clause: Clause, index: CentralIndex, *, limit: int, thresholds: Thresholds,
             speech_day: date | None, topic_terms: tuple[str, ...] = ()) -> tuple[dict[int, _Match], _Match]:
    """The equally best matches dated on or before the speech (by document), and the best dated after it.

    "Equally best": the same class and the same matched size × similarity;
    they differ only in which text holds the words. :func:`_choose` picks one.

    A paraphrase of wording that texts of :data:`.stock.MIN_YEARS` or more
    different years hold (现在，我代表国务院，向大会报告政府工作 opens every work
    report) follows the genre's template, not a text: as with a stock
    formula no one text is its source, and since the clause does not keep
    the wording either, it is local.
    """
    before: dict[int, _Match] = {}
    best_after = _Match(clause, "local")
    if len(local.text) < 2 or not clause.borrowable:
        return before, best_after
    # A verbatim or near-verbatim match needs an identical stretch of min_anchor characters, so a
    # candidate sharing fewer shingles than that stretch holds is only worth a paraphrase check.
    anchor_shingles = thresholds.min_anchor - SHINGLE + 1
    full_cover = None
    weights = None  # the clause's bigram weights, looked up at its first paraphrase candidate
    paraphrased_years: set[int] = set()
    for number, shared in index.candidates(local.text, limit=limit):
        if full_cover is not None and shared < full_cover:
            break  # nothing left can match as much; equally sharing texts were all tried
        central_text = index.sentence_text(number)
        alignment = None
        if shared >= anchor_shingles:
            alignment = align(local.text, central_text, max_gap=thresholds.max_gap,
                              edge_substitution=thresholds.edge_substitution)
        cls = classify(local.text, alignment, thresholds=thresholds)
        overlap, p0, p1 = 0.0, 0, 0
        if cls == "local" and _may_paraphrase(local.text, central_text, thresholds):
            overlap, p0, p1 = bigram_overlap(local.text, central_text)
            cls = classify(local.text, alignment, overlap=overlap, thresholds=thresholds)
            if cls == "paraphrase":
                weights = weights if weights is not None else index.bigram_weights(wording_bigrams(local.text))
                window = central_text[p0:p1]
                wording = without_shared_terms(local.text, window, topic_terms)
                if distinctive_share(wording, window, weights) < thresholds.paraphrase_distinctive:
                    cls = "local"
        if cls == "local":
            continue
        earliest, latest = date_bounds(index.sentence_part_of(number).date)
        is_before = speech_day is None or latest <= speech_day
        if cls == "paraphrase":
            l0, l1, c0, c1 = 0, len(local.text), p0, p1
            similarity, edits = round(overlap, 4), ""
            matched = overlap * len(local.text)
        else:
            l0, l1 = alignment.local_start, alignment.local_end
            c0, c1 = alignment.central_start, alignment.central_end
            similarity, edits = alignment.similarity, format_edits(alignment.edits)
            matched = alignment.matched
        if not figures_agree(local.text, central_text) or untitled_wording(local.text, l0, l1) < thresholds.min_match:
            continue
        if cls == "paraphrase" and earliest.year == latest.year:
            paraphrased_years.add(earliest.year)
        size = (l1 - l0) if cls != "paraphrase" else overlap * len(local.text)
        doc = index.sentence_doc_number(number)
        score = _score(cls, size, similarity, latest if is_before else earliest, len(index.corpus.documents[doc].raw))
        if not is_before and best_after.cls != "local" and score <= best_after.score:
            continue
        if is_before and before:
            top = next(iter(before.values())).score
            if score[:2] < top[:2] or (doc in before and score <= before[doc].score):
                continue
            if score[:2] > top[:2]:
                before = {}
        base = index.sentence_start(number)
        found = _Match(clause, cls, number, local.to_input(l0, l1), (base + c0, base + c1), similarity, edits, score,
                       is_before, round(min(matched / len(local.text), 1.0), 4))
        if is_before:
            before[doc] = found
            if cls == "verbatim" and alignment.local_length == len(local.text):
                full_cover = shared
        else:
            best_after = found
    if len(paraphrased_years) >= MIN_YEARS:
        before = {} if before and next(iter(before.values())).cls == "paraphrase" else before
        best_after = _Match(clause, "local") if best_after.cls == "paraphrase" else best_after
    return before, best_after


def lexicon_topics() -> tuple[str, ...]:
    """The lexicon's concepts and slogans (新质生产力, 高质量发展), longest first: what a text is about, not how it puts it."""
    rows = data_table("lexicon.tsv", ("term", "category", "freq", "pos"), required=2)
    return tuple(sorted({row["term"] for row in rows if row["category"] in _TOPIC_CATEGORIES}, key=len, reverse=True))


def _stock_span(local: Collapsed, phrase: str, match: _Match) -> tuple[int, int]:
    """Raw span of the stock formula in the clause: where its words are, else the whole aligned part."""
    at = local.text.find(phrase)
    return local.to_input(at, at + len(phrase)) if at >= 0 else match.local


def _may_paraphrase(local: str, central: str, thresholds: Thresholds) -> bool:
    """Whether enough of the clause's bigrams are in the central text at all (a cheap bound on the overlap)."""
    if len(local) < thresholds.paraphrase_min_chars:
        return False
    grams = wording_bigrams(local)
    if not grams:
        return False
    found = sum(1 for g in grams if g in central)
    return found >= thresholds.paraphrase_min_shared and found >= thresholds.paraphrase_share * len(grams)


def _choose(options: list[dict[int, _Match]], found: list[Clause], *, reach: int = 2) -> list[_Match]:
    """One match per clause: among equally good texts, the one its neighbours also draw on, else the most recent.

    A passage copied from the 20th Congress report is not split between the
    report and a later work report that repeats one of its clauses.
    """
    chosen = []
    for i, alternatives in enumerate(options):
        if not alternatives:
            chosen.append(_Match(found[i], "local"))
            continue
        support = dict.fromkeys(alternatives, 0)
        for j in range(max(0, i - reach), min(len(options), i + reach + 1)):
            if j != i and abs(found[j].sentence - found[i].sentence) <= 1:
                for doc in options[j]:
                    if doc in support:
                        support[doc] += 1
        best = max(alternatives, key=lambda doc: (support[doc], alternatives[doc].score))
        chosen.append(alternatives[best])
    return chosen


@dataclass(frozen=True)
class ReuseTables:
    """The clause table and the later echoes, made in one pass over the speech."""

    clauses: pd.DataFrame
    echoes: pd.DataFrame


def reuse_tables(
    document: Document,
    reference: ReferenceCorpus | CentralIndex | str | None = None,
    *,
    speech_date: date | None = None,
    thresholds: Thresholds = Thresholds(),
    candidates: int = _CANDIDATES,
    min_chars: int = 4,
) -> ReuseTables:
    """The clause table (see :func:`compare_clauses`) and the later echoes (:data:`ECHO_COLUMNS`)."""
    index = _as_index(reference)
    found = split_clauses(document, min_chars=min_chars)
    texts = [speech_match_text(document, c.start, c.end) for c in found]
    topic_terms = lexicon_topics()
    options, echoes = [], []
    for clause, local in zip(found, texts):
        before, after = _matches(local, clause, index, limit=candidates, thresholds=thresholds, speech_day=speech_date,
                                 topic_terms=topic_terms)
        options.append(before)
        top = next(iter(before.values())).score[:2] if before else None
        echoes.append(after if after.cls != "local" and (top is None or after.score[:2] > top) else None)
    matches = _choose(options, found)
    stock = [stock_wording(index, index.text[m.central[0] : m.central[1]]) if m.cls in _SPECIFIC else ""
             for m in matches]
    stock_spans = [_stock_span(local, phrase, m) if phrase else None for m, phrase, local in zip(matches, stock, texts)]
    matches = [(_Match(m.clause, "local") if phrase else m) for m, phrase in zip(matches, stock)]
    # A stock formula inside a passage copied from one text continues that text: it joins the stretch.
    matches = join_short_runs(document, found, texts, matches, index, thresholds=thresholds, speech_day=speech_date)
    matches = extend_stretches(document, found, texts, matches, index, thresholds=thresholds)
    stock = [phrase if m.cls == "local" else "" for m, phrase in zip(matches, stock)]
    stock_spans = [span if phrase else None for span, phrase in zip(stock_spans, stock)]
    stretch_of = stretch_numbers(matches, index)
    rows = []
    for clause, m, echo, phrase, stretch, span in zip(found, matches, echoes, stock, stretch_of, stock_spans):
        row = {
            "section": clause.section, "start": clause.start, "end": clause.end, "text": clause.text,
            "class": m.cls, "clause": clause.number, "sentence": clause.sentence, "kind": clause.kind,
            "stock_formula": phrase, "stretch": stretch, "inherited": m.inherited,
            "matched_share": m.matched_share,
        }
        if span is not None:
            row.update({"stock_start": span[0], "stock_end": span[1]})
        if m.sentence is not None:
            doc = index.sentence_document(m.sentence)
            part = index.sentence_part_of(m.sentence)
            s0, s1 = index.raw_span(*m.central)
            row.update({
                "source_id": doc.id, "source_title": doc.title, "source_date": part.date,
                "source_start": s0, "source_end": s1, "source_text": doc.raw[s0:s1],
                "similarity": m.similarity, "edits": m.edits,
                "aligned_start": m.local[0], "aligned_end": m.local[1],
                "aligned_text": document.raw[m.local[0] : m.local[1]],
                "source_part": part.label, "source_level": part.level,
                "after_speech": False,
            })
        if echo is not None:
            row.update({"echo_id": index.sentence_document(echo.sentence).id,
                        "echo_date": index.sentence_part_of(echo.sentence).date})
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(CLAUSE_COLUMNS) + list(_EXTRA_COLUMNS))
    for column in ("source_start", "source_end", "aligned_start", "aligned_end", "stretch", "stock_start", "stock_end"):
        frame[column] = frame[column].astype("Int64")
    frame["similarity"] = frame["similarity"].astype(float)
    frame["matched_share"] = frame["matched_share"].astype(float)
    # An all-local table has no edits at all: keep the column text, not float NaN.
    for column in ("edits", "stock_formula", "echo_id", "echo_date"):
        frame[column] = frame[column].astype(object).where(frame[column].notna(), "")
    frame["after_speech"] = frame["after_speech"].astype("boolean")
    frame["inherited"] = frame["inherited"].astype(bool)
    return ReuseTables(frame, _echo_rows(found, echoes, index, speech_date))


class ReuseOptions(TypedDict, total=False):
    """The keyword options of :func:`reuse_tables`, taken as they are by :func:`compare_clauses` and :func:`later_echoes`."""

    speech_date: date | None
    thresholds: Thresholds
    candidates: int
    min_chars: int


def compare_clauses(document: Document, reference: ReferenceCorpus | CentralIndex | str | None = None,
                    **options: Unpack[ReuseOptions]) -> pd.DataFrame:
    """One row per clause of the speech: its class and, where reused, the central source and edits.

    Options: those of :func:`reuse_tables`. Columns: :data:`CLAUSE_COLUMNS`,
    then ``clause, sentence, kind`` (where in the speech), ``aligned_start, aligned_end, aligned_text`` (the part of the
    clause aligned with the source; the whole clause for a paraphrase),
    ``source_part, source_level``, ``after_speech`` (always false: a central
    text dated after ``speech_date`` is never a source, see
    :func:`later_echoes`), ``matched_share`` (share of the clause's
    characters that match the source), ``stretch`` (number of the run of
    adjacent clauses that follow one source in order, see :mod:`.stretches`),
    ``inherited`` (the clause takes its label from the stretch it sits in),
    ``stock_formula`` (the wording, when the clause's best central match is a
    stock formula, see :mod:`.stock`; the clause is then local) and
    ``echo_id, echo_date`` (a later central text that holds the clause's
    wording better than any earlier one).
    """
    return reuse_tables(document, reference, **options).clauses


def later_echoes(document: Document, reference: ReferenceCorpus | CentralIndex | str | None = None,
                 **options: Unpack[ReuseOptions]) -> pd.DataFrame:
    """Clauses whose wording a central text dated after the speech holds better than any earlier one.

    Such a text cannot be the speech's source; the echo shows that the
    speech's wording (or wording both took from an unpublished source)
    turned up in the centre's texts later. Options: those of
    :func:`reuse_tables`. Columns :data:`ECHO_COLUMNS`; ``days_after``
    counts from ``speech_date`` (the last day the speech can have been
    given, see :func:`.dating.speech_period`) to the echo's earliest possible day.
    """
    return reuse_tables(document, reference, **options).echoes


def _echo_rows(found, echoes, index: CentralIndex, speech_day: date | None) -> pd.DataFrame:
    rows = []
    for clause, echo in zip(found, echoes):
        if echo is None:
            continue
        doc = index.sentence_document(echo.sentence)
        part = index.sentence_part_of(echo.sentence)
        s0, s1 = index.raw_span(*echo.central)
        earliest, _ = date_bounds(part.date)
        rows.append({
            "section": clause.section, "start": clause.start, "end": clause.end, "text": clause.text,
            "class": echo.cls, "source_id": doc.id, "source_title": doc.title, "source_date": part.date,
            "source_start": s0, "source_end": s1, "source_text": doc.raw[s0:s1],
            "similarity": echo.similarity, "edits": echo.edits,
            "days_after": (earliest - speech_day).days if speech_day else pd.NA,
        })
    frame = pd.DataFrame(rows, columns=list(ECHO_COLUMNS))
    for column in ("source_start", "source_end", "days_after"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _reused_chars(row) -> int:
    if row["class"] in ("verbatim", "near-verbatim"):
        return int(row["aligned_end"] - row["aligned_start"])
    if row["class"] == "paraphrase":
        return int(row["end"] - row["start"])
    return 0


def coverage(clause_table: pd.DataFrame, document: Document, *, level: int = 1) -> pd.DataFrame:
    """Characters of the speech's clauses by reuse class, per section at ``level`` and in total.

    A verbatim or near-verbatim clause counts its aligned characters as
    reused (the rest of the clause as local); a paraphrase counts the whole
    clause. ``share_*`` columns divide by the section's clause characters.
    """
    table = clause_table.copy()
    table["characters"] = table.end - table.start
    table["reused"] = table.apply(_reused_chars, axis=1) if len(table) else 0
    table["part"] = table.section.map(lambda s: ".".join(str(s).split(".")[:level]))
    titles = {s.id: s.title for s in document.outline.walk()}
    rows = []
    for part, group in list(table.groupby("part", sort=False)) + [("all", table)]:
        row = {"section": part, "title": titles.get(part) or ("title, preamble" if part == "0" else "")}
        row["characters"] = int(group.characters.sum())
        for cls in CLASSES[:-1]:
            row[cls] = int(group.loc[group["class"] == cls, "reused"].sum())
        row["local"] = row["characters"] - sum(row[c] for c in CLASSES[:-1])
        for cls in CLASSES:
            row[f"share_{cls}"] = round(row[cls] / row["characters"], 4) if row["characters"] else 0.0
        row["share_reused"] = round(1 - row["share_local"], 4)
        rows.append(row)
    if rows and rows[-1]["section"] == "all":
        rows[-1]["title"] = "whole speech"
    return pd.DataFrame(rows)


def passages(clause_table: pd.DataFrame, document: Document, reference: ReferenceCorpus, *, max_gap: int = 12) -> pd.DataFrame:
    """Runs of consecutive verbatim / near-verbatim clauses that follow one source in order.

    A quotation cut into clauses at its commas becomes one passage again,
    e.g. 科技创新能够催生新产业、新模式、新动能,是发展新质生产力的核心要素.
    """
    reused = clause_table[clause_table["class"].isin(["verbatim", "near-verbatim"])].sort_values("clause")
    runs: list[list] = []
    for row in reused.itertuples():
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and row.clause == last.clause + 1
            and row.source_id == last.source_id
            and 0 <= row.source_start - last.source_end <= max_gap
        ):
            runs[-1].append(row)
        else:
            runs.append([row])
    records = []
    for run in runs:
        first, last = run[0], run[-1]
        doc = reference.document(first.source_id)
        start, end = int(first.aligned_start), int(last.aligned_end)
        s0, s1 = int(first.source_start), int(last.source_end)
        records.append({
            "section": first.section, "start": start, "end": end, "text": document.raw[start:end],
            "class": "verbatim" if all(r[5] == "verbatim" for r in run) else "near-verbatim",
            "clauses": len(run), "source_id": first.source_id, "source_date": first.source_date,
            "source_start": s0, "source_end": s1, "source_text": doc.raw[s0:s1],
            "edits": "; ".join(r.edits for r in run if r.edits),
        })
    return pd.DataFrame(records, columns=[
        "section", "start", "end", "text", "class", "clauses", "source_id", "source_date",
        "source_start", "source_end", "source_text", "edits",
    ])


def section_similarity(document: Document, reference: ReferenceCorpus, *, level: int = 2, n: int = 4,
                       levels: tuple[str, ...] = ("central",)) -> pd.DataFrame:
    """Share of each speech section's distinct character n-grams that occur in each central document.

    Long form: ``section, title, source_id, similarity``. Only the central
    parts of each reference document count. Section text is the section's own
    span minus its children's only at the deepest ``level``; a level-1 row
    below ``level`` includes its subsections.
    """
    central = {}
    for d in reference.documents:
        grams = [shingles(_content(d.norm[p.start : p.end]), n) for p in d.parts if p.level in levels]
        central[d.id] = np.unique(np.concatenate(grams)) if grams else np.empty(0, dtype=np.int64)
    rows = []
    for section in document.outline.walk():
        if section.level == 0 or section.level > level:
            continue
        grams = shingles(_content(document.norm[section.start : section.end]), n)
        for doc_id, doc_grams in central.items():
            share = float(np.isin(grams, doc_grams).mean()) if len(grams) else 0.0
            rows.append({"section": section.id, "title": section.title, "source_id": doc_id, "similarity": round(share, 4)})
    return pd.DataFrame(rows, columns=["section", "title", "source_id", "similarity"])


def _content(text: str) -> str:
    # Punctuation and spaces are not wording; dropping them lets n-grams span commas.
    return "".join(ch for ch in text if ch.isalnum())
