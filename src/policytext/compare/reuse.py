"""Reuse of central wording in a speech, clause by clause.

For each clause (:mod:`.clauses`) the shingle index proposes a few central
sentences; each is aligned with the clause (:mod:`.align`), and the best
alignment decides the clause's class. Where several central texts hold the
same words, the one dated on or before the speech wins, then the earliest:
the speech can only have borrowed from what was already said. Only parts the
reference marks as central are indexed, so a local newspaper's paraphrase
inside a central file (06 [B]) is never taken for the centre.

Every row gives raw offsets on both sides: ``start``/``end`` into the speech
file, ``source_start``/``source_end`` into the reference file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from ..document import Document
from ..reference import ReferenceCorpus, ReferenceSentence, load_reference
from .align import CLASSES, Thresholds, align, bigram_overlap, classify, format_edits
from .clauses import Clause, clauses, speech_match_text
from .dating import parse_date
from .index import ShingleIndex, shingles

__all__ = [
    "CLAUSE_COLUMNS",
    "CentralIndex",
    "build_index",
    "compare_clauses",
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
    "source_part", "source_level", "after_speech",
)
_RANK = {name: len(CLASSES) - i for i, name in enumerate(CLASSES)}


@dataclass(frozen=True)
class CentralIndex:
    """The central sentences of a reference corpus, their match texts and a shingle index over them."""

    corpus: ReferenceCorpus
    sentences: tuple[ReferenceSentence, ...]
    texts: tuple[str, ...] = field(repr=False)
    index: ShingleIndex = field(repr=False)

    def match(self, number: int):
        return self.corpus.sentence_match_text(self.sentences[number])


def build_index(corpus: ReferenceCorpus, *, n: int = 4, levels: tuple[str, ...] = ("central",)) -> CentralIndex:
    """Index the sentences of ``corpus`` whose part has one of ``levels``."""
    chosen = tuple(s for s in corpus.sentences if corpus.sentence_part(s).level in levels)
    texts = tuple(corpus.sentence_match_text(s).text for s in chosen)
    return CentralIndex(corpus, chosen, texts, ShingleIndex(texts, n=n))


def _as_index(reference) -> CentralIndex:
    if isinstance(reference, CentralIndex):
        return reference
    if reference is None or not isinstance(reference, ReferenceCorpus):
        reference = load_reference(reference)
    return build_index(reference)


@dataclass(frozen=True, slots=True)
class _Match:
    clause: Clause
    cls: str
    sentence: int | None = None  # number in the CentralIndex
    local: tuple[int, int] | None = None  # raw offsets in the speech
    central: tuple[int, int] | None = None  # raw offsets in the reference document
    similarity: float = 0.0
    edits: str = ""
    score: tuple = ()


def _best_match(document: Document, clause: Clause, index: CentralIndex, *, limit: int,
                thresholds: Thresholds, speech_day: date | None) -> _Match:
    local = speech_match_text(document, clause.start, clause.end)
    best = _Match(clause, "local")
    if len(local.text) < 2:
        return best
    for number, _shared in index.index.candidates(local.text, limit=limit):
        central_text = index.texts[number]
        alignment = align(local.text, central_text, max_gap=thresholds.max_gap,
                          edge_substitution=thresholds.edge_substitution)
        overlap, p0, p1 = bigram_overlap(local.text, central_text)
        cls = classify(local.text, alignment, overlap=overlap, thresholds=thresholds)
        if cls == "local":
            continue
        sentence = index.sentences[number]
        part = index.corpus.sentence_part(sentence)
        source_day = parse_date(part.date)
        before = speech_day is None or source_day is None or source_day <= speech_day
        central = index.match(number)
        if cls == "paraphrase":
            l0, l1, c0, c1 = 0, len(local.text), p0, p1
            similarity, edits = round(overlap, 4), ""
        else:
            l0, l1 = alignment.local_start, alignment.local_end
            c0, c1 = alignment.central_start, alignment.central_end
            similarity, edits = alignment.similarity, format_edits(alignment.edits)
        size = (l1 - l0) if cls != "paraphrase" else overlap * len(local.text)
        score = (_RANK[cls], round(size * similarity, 1), before, -(source_day.toordinal() if source_day else 0))
        if best.cls == "local" or score > best.score:
            best = _Match(
                clause, cls, number,
                local.to_input(l0, l1), central.to_input(c0, c1),
                similarity, edits, score,
            )
    return best


def compare_clauses(
    document: Document,
    reference: ReferenceCorpus | CentralIndex | str | None = None,
    *,
    speech_date: date | None = None,
    thresholds: Thresholds = Thresholds(),
    candidates: int = 8,
    min_chars: int = 4,
) -> pd.DataFrame:
    """One row per clause of the speech: its class and, where reused, the central source and edits.

    Columns: :data:`CLAUSE_COLUMNS`, then ``clause, sentence, kind`` (where in
    the speech), ``aligned_start, aligned_end, aligned_text`` (the part of the
    clause aligned with the source; the whole clause for a paraphrase),
    ``source_part, source_level`` and ``after_speech`` (the source is dated
    after ``speech_date``, so it can only be a later echo of shared wording).
    """
    index = _as_index(reference)
    rows = []
    for clause in clauses(document, min_chars=min_chars):
        m = _best_match(document, clause, index, limit=candidates, thresholds=thresholds, speech_day=speech_date)
        row = {
            "section": clause.section, "start": clause.start, "end": clause.end, "text": clause.text,
            "class": m.cls, "clause": clause.number, "sentence": clause.sentence, "kind": clause.kind,
        }
        if m.sentence is not None:
            sentence = index.sentences[m.sentence]
            doc = index.corpus.documents[sentence.doc]
            part = doc.parts[sentence.part]
            source_day = parse_date(part.date)
            row.update({
                "source_id": doc.id, "source_title": doc.title, "source_date": part.date,
                "source_start": m.central[0], "source_end": m.central[1],
                "source_text": doc.raw[m.central[0] : m.central[1]],
                "similarity": m.similarity, "edits": m.edits,
                "aligned_start": m.local[0], "aligned_end": m.local[1],
                "aligned_text": document.raw[m.local[0] : m.local[1]],
                "source_part": part.label, "source_level": part.level,
                "after_speech": bool(speech_date and source_day and source_day > speech_date),
            })
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(CLAUSE_COLUMNS) + list(_EXTRA_COLUMNS))
    for column in ("source_start", "source_end", "aligned_start", "aligned_end"):
        frame[column] = frame[column].astype("Int64")
    frame["similarity"] = frame["similarity"].astype(float)
    # An all-local table has no edits at all: keep the column text, not float NaN.
    frame["edits"] = frame["edits"].astype(object).where(frame["edits"].notna(), "")
    frame["after_speech"] = frame["after_speech"].astype("boolean")
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
