"""Checking what the speech attributes to the centre against the central texts.

Which quotations the speech attributes to a leader is read, not detected
again here: the speech's quotation table
(:func:`policytext.rhetoric.find_quotations`, passed in by
:class:`~policytext.analysis.Analysis`) marks them with kind ``leader``, the
leader as ``speaker`` and the rule that attributed them. The rule gives the
cue:

- **quotation**: a leader, a verb of saying and a quotation —
  习近平总书记指出:“……”;
- **speech reference**: a leader's speech named by its words —
  习近平总书记关于“……”的重要讲话精神;
- **requirement**: words a leader proposed as a requirement, where no verb
  of saying stands right before them.

Each quotation is looked for in the central parts of the reference: found
**verbatim**, **modified** (aligned with at least ``min_similarity`` and
covering ``min_cover`` of the quotation; edits from central to local, e.g.
天津→我省), or **not found**. For a quotation that is not found, the local
parts of the reference are searched too, as is the quotation without a
leading count (四个善作善成 → 善作善成), because local numbered summaries of
a central visit are the usual origin of such phrases; the ``note`` says where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

import pandas as pd

from ..document import Document
from ..errors import PolicytextError
from ..reference import ReferenceCorpus
from .align import align, format_edits
from .clauses import speech_match_text
from .corpus_text import find_phrase, part_texts
from .dating import date_bounds, parse_date
from .formulations import match_formulation_text
from .central import CentralIndex, load_index

__all__ = ["ATTRIBUTION_COLUMNS", "CUE_OF_RULE", "AttributionThresholds", "attributed_quotations", "attributions"]

ATTRIBUTION_COLUMNS = ("text", "start", "end", "attributed_to", "found", "source_id", "source_text")

#: The cue of each rule by which the quotation table attributes a quotation to a leader (its ``rule`` column).
CUE_OF_RULE = MappingProxyType({
    "leader + speech verb before the marks": "quotation",
    "leader + 关于“…”的重要讲话/指示": "speech reference",
    "leader proposes “…” as 重要要求": "requirement",
})
LEADER_KIND = "leader"
_COUNTED = re.compile(r"^[一二三四五六七八九十两]+个")
_EDGE_PUNCT = "。，；：！？、"


@dataclass(frozen=True, slots=True)
class AttributionThresholds:
    min_similarity: float = 0.7
    min_cover: float = 0.8


@dataclass(frozen=True, slots=True)
class Quotation:
    cue: str
    start: int  # raw offsets of the quoted words, quote marks excluded
    end: int
    text: str
    attributed_to: str
    sentence: int
    section: str


def attributed_quotations(document: Document, quotations: pd.DataFrame) -> list[Quotation]:
    """The quotations the speech attributes to a leader (``quotations`` rows of kind leader), in reading order."""
    found = []
    for row in quotations[quotations.kind == LEADER_KIND].itertuples(index=False):
        start, end = int(row.start) + 1, int(row.end) - 1  # the words inside the pair of marks
        cue = CUE_OF_RULE.get(row.rule)
        if cue is None:
            raise PolicytextError(f"no attribution cue for the quotation rule {row.rule!r}: add it to CUE_OF_RULE")
        found.append(Quotation(cue, start, end, document.raw[start:end], str(row.speaker), int(row.sentence), str(row.section)))
    return sorted(found, key=lambda q: q.start)


def attributions(
    document: Document,
    reference: ReferenceCorpus | CentralIndex,
    *,
    quotations: pd.DataFrame,
    speech_date: date | None = None,
    thresholds: AttributionThresholds = AttributionThresholds(),
) -> pd.DataFrame:
    """One row per attributed quotation: found verbatim / modified / not found in the central texts, and where.

    Columns: :data:`ATTRIBUTION_COLUMNS`, then ``cue, section, sentence,
    source_date, source_part, source_start, source_end, similarity, edits, note``.
    ``quotations`` is the speech's quotation table (see the module doc).
    A central text dated after ``speech_date`` cannot be where the speech
    found its quotation: a quotation only such texts hold is "not found",
    and the note names them.
    """
    index = reference if isinstance(reference, CentralIndex) else load_index(reference)
    central = part_texts(index)
    local = part_texts(index, levels=("local",))
    rows = []
    for q in attributed_quotations(document, quotations):
        phrase = match_formulation_text(q.text).strip(_EDGE_PUNCT)
        row = {
            "text": q.text, "start": q.start, "end": q.end, "attributed_to": q.attributed_to,
            "found": "not found", "source_id": "", "source_text": "", "cue": q.cue,
            "section": q.section, "sentence": q.sentence, "source_date": "", "source_part": "",
            "source_start": pd.NA, "source_end": pd.NA, "similarity": 0.0, "edits": "", "note": "",
        }
        hits = find_phrase(phrase, central)
        later = [hit for hit in hits if not _before(hit[0].part.date, speech_date)]
        hits = [hit for hit in hits if _before(hit[0].part.date, speech_date)]
        if later and not hits:
            row["note"] = "only in central texts dated after the speech: " + ", ".join(
                f"{p.document.id} ({p.part.date})" for p, _, _ in later)
            rows.append(row)
            continue
        if hits:
            part, s0, s1 = hits[0]
            row.update(found="verbatim", similarity=1.0, **_source(part, s0, s1))
            if len(hits) > 1:
                row["note"] = "also in " + ", ".join(f"{p.document.id} [{p.part.label}]" if p.part.label else p.document.id for p, _, _ in hits[1:])
        elif modified := _modified(document, q, phrase, index, thresholds, speech_date):
            part_doc, part, s0, s1, similarity, edits = modified
            row.update(found="modified", similarity=similarity, edits=edits,
                       source_id=part_doc.id, source_text=part_doc.raw[s0:s1], source_date=part.date or "",
                       source_part=part.label, source_start=s0, source_end=s1)
        else:
            row["note"] = _local_note(phrase, local)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(ATTRIBUTION_COLUMNS) + [
        "cue", "section", "sentence", "source_date", "source_part", "source_start", "source_end",
        "similarity", "edits", "note",
    ])
    for column in ("source_start", "source_end"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _before(day: str | None, speech_date: date | None) -> bool:
    return speech_date is None or date_bounds(day)[1] <= speech_date


def _source(part, s0: int, s1: int) -> dict:
    return {
        "source_id": part.document.id, "source_text": part.document.raw[s0:s1],
        "source_date": part.part.date or "", "source_part": part.part.label,
        "source_start": s0, "source_end": s1,
    }


def _modified(document: Document, q: Quotation, phrase: str, index: CentralIndex, thresholds: AttributionThresholds,
              speech_date: date | None = None):
    local = speech_match_text(document, q.start, q.end)
    best = None
    for number, _ in index.candidates(phrase, limit=8):
        alignment = align(local.text, index.sentence_text(number))
        if alignment is None:
            continue
        if alignment.similarity < thresholds.min_similarity or alignment.local_length < thresholds.min_cover * len(phrase):
            continue
        doc = index.sentence_document(number)
        part = index.sentence_part_of(number)
        if not _before(part.date, speech_date):
            continue
        s0, s1 = index.to_raw(number, alignment.central_start, alignment.central_end)
        key = (alignment.local_length * alignment.similarity, -(parse_date(part.date).toordinal() if parse_date(part.date) else 0))
        if best is None or key > best[0]:
            best = (key, (doc, part, s0, s1, alignment.similarity, format_edits(alignment.edits)))
    return best[1] if best else None


def _local_note(phrase: str, local_parts) -> str:
    where = lambda hits: ", ".join(f"{p.document.id} [{p.part.label}] ({p.part.date})" for p, _, _ in hits)  # noqa: E731
    if hits := find_phrase(phrase, local_parts):
        return f"not in the central texts; only in local part(s): {where(hits)}"
    core = _COUNTED.sub("", phrase)
    if core != phrase and (hits := find_phrase(core, local_parts)):
        return f"not in the central texts; “{core}” (without the count) is in local part(s): {where(hits)}"
    return "not in the central texts or in any local part of the reference"
