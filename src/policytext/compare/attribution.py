"""Checking what the speech attributes to the centre against the central texts.

Three cues (compiled regexes on the normalised body; ``policytext.rhetoric``
is not used, so this module stands on its own):

- **quotation**: a leader, a verb of saying and a quotation —
  习近平总书记指出:“……”;
- **speech reference**: a leader's speech named by its words —
  习近平总书记关于“……”的重要讲话精神;
- **requirement**: words presented as a central requirement —
  提出“四个善作善成”重要要求 (attributed to the leader named earlier in the
  sentence, else to "the centre").

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

import pandas as pd

from ..document import Document
from ..reference import ReferenceCorpus
from .align import align, format_edits
from .clauses import speech_match_text
from .corpus_text import find_phrase, part_texts
from .dating import date_bounds, parse_date
from .formulations import match_formulation_text
from .central import CentralIndex, load_index

__all__ = ["ATTRIBUTION_COLUMNS", "AttributionThresholds", "attributions", "quotations"]

ATTRIBUTION_COLUMNS = ("text", "start", "end", "attributed_to", "found", "source_id", "source_text")

_LEADER = r"(?:习近平总书记|习近平同志|习近平主席|习近平|总书记|党中央)"
_QUOTE = r"“(?P<quote>[^“”]{2,400})”"
QUOTATION = re.compile(
    rf"(?P<leader>{_LEADER})[^“”。！？]{{0,40}}?(?:深刻)?(?:指出|强调|要求|提出|说|讲|指示|寄语)[：，]?{_QUOTE}"
)
SPEECH_REFERENCE = re.compile(rf"(?P<leader>{_LEADER})关于{_QUOTE}的重要(?:讲话|指示|论述|批示)")
REQUIREMENT = re.compile(rf"提出(?:了)?{_QUOTE}(?:的)?(?:重要|重大|总体)?(?:要求|部署|任务|目标)")
_LEADER_NAME = re.compile(_LEADER)
_COUNTED = re.compile(r"^[一二三四五六七八九十两]+个")
_EDGE_PUNCT = "。，；：！？、"
_CUES = (("speech reference", SPEECH_REFERENCE), ("requirement", REQUIREMENT), ("quotation", QUOTATION))


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


def quotations(document: Document) -> list[Quotation]:
    """Quotations the speech attributes to a leader or presents as a central requirement, in reading order."""
    norm = document.norm
    sentences = document.sentences
    found: dict[tuple[int, int], Quotation] = {}
    for cue, pattern in _CUES:
        for match in pattern.finditer(norm, document.body_start, document.body_end):
            start, end = match.span("quote")
            row = sentences[(sentences.start <= start) & (sentences.end > start)].iloc[0]
            leader = match.groupdict().get("leader")
            if not leader:
                before = _LEADER_NAME.findall(norm[int(row.start) : match.start()])
                leader = before[-1] if before else "the centre (unnamed)"
            if (start, end) not in found:  # the cues are tried from most to least specific
                found[(start, end)] = Quotation(cue, start, end, document.raw[start:end], leader, int(row.sentence), str(row.section))
    return sorted(found.values(), key=lambda q: q.start)


def attributions(
    document: Document,
    reference: ReferenceCorpus | CentralIndex,
    *,
    speech_date: date | None = None,
    thresholds: AttributionThresholds = AttributionThresholds(),
) -> pd.DataFrame:
    """One row per attributed quotation: found verbatim / modified / not found in the central texts, and where.

    Columns: :data:`ATTRIBUTION_COLUMNS`, then ``cue, section, sentence,
    source_date, source_part, source_start, source_end, similarity, edits, note``.
    A central text dated after ``speech_date`` cannot be where the speech
    found its quotation: a quotation only such texts hold is "not found",
    and the note names them.
    """
    index = reference if isinstance(reference, CentralIndex) else load_index(reference)
    central = part_texts(index)
    local = part_texts(index, levels=("local",))
    rows = []
    for q in quotations(document):
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
