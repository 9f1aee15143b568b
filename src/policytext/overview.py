"""Document overview: what the page held, what was removed, how the speech is built.

Tables for the first notebook; :mod:`policytext.figures.document` draws them.
"""

from __future__ import annotations

from pathlib import Path
import pandas as pd

from .document import Document
from .output import write_table
from .sections import text_size

def summary(document: Document) -> pd.DataFrame:
    """One row per fact about the document, with a plain-English name."""
    outline = document.outline
    sections = list(outline.walk())
    boilerplate_chars = sum(b.end - b.start for b in document.boilerplate)
    facts = [
        ("file", document.path.name if document.path else "(text)"),
        ("encoding", document.encoding),
        ("characters in the file", len(document.raw)),
        ("characters of body", document.body_end - document.body_start),
        ("characters of site boilerplate", boilerplate_chars),
        ("boilerplate lines", len(document.boilerplate)),
        ("title", outline.title_text if outline.title else ""),
        ("page title (from the site)", document.page_title or ""),
        ("salutation", outline.salutation_text if outline.salutation else ""),
        ("level-1 sections", sum(s.level == 1 for s in sections)),
        ("level-2 sections", sum(s.level == 2 for s in sections)),
        ("level-3 items", sum(s.level == 3 for s in sections)),
        ("sentences", len(outline.sentences)),
        ("redactions", len(document.redactions)),
        ("redacted characters", sum(r.end - r.start for r in document.redactions)),
        ("truncated", document.truncated),
        ("truncation", document.truncation.reason),
    ]
    return pd.DataFrame(facts, columns=["fact", "value"]).astype({"value": str})


def boilerplate_table(document: Document) -> pd.DataFrame:
    rows = [
        {"rule": b.kind, "text": b.text, "start": b.start, "end": b.end, "where": _where(document, b.start)}
        for b in document.boilerplate
    ]
    return pd.DataFrame(rows, columns=["rule", "text", "start", "end", "where"])


def _where(document: Document, offset: int) -> str:
    if offset < document.body_start:
        return "before body"
    if offset >= document.body_end:
        return "after body"
    return "inside body"


def redaction_table(document: Document, *, context: int = 12) -> pd.DataFrame:
    """Each redaction with its section and the text around it."""
    sentences = document.sentences
    rows = []
    for r in document.redactions:
        row = sentences[(sentences.start <= r.start) & (sentences.end > r.start)].iloc[0]
        rows.append(
            {
                "section": row.section,
                "text": r.text,
                "start": r.start,
                "end": r.end,
                "left": document.raw[max(document.body_start, r.start - context) : r.start],
                "right": document.raw[r.end : min(document.body_end, r.end + context)],
            }
        )
    return pd.DataFrame(rows, columns=["section", "text", "start", "end", "left", "right"])


def section_lengths(document: Document, *, max_level: int = 2) -> pd.DataFrame:
    """Size of each section down to ``max_level`` (its subsections included; see :mod:`policytext.sections`)."""
    rows = []
    for section in document.outline.walk():
        if section.level > max_level:
            continue
        rows.append(
            {
                "section": section.id,
                "level": section.level,
                "marker": section.marker,
                "title": section.title if section.level else "(title, salutation, preamble)",
                "start": section.start,
                "end": section.end,
                "characters": text_size(document.raw[section.start : section.end]),
                "sentences": sum(section.start <= s.start < section.end for s in document.outline.sentences),
            }
        )
    return pd.DataFrame(rows)


def sentence_lengths(document: Document) -> pd.DataFrame:
    """Length of each running-text sentence (whitespace excluded) with its section."""
    frame = document.sentences
    frame = frame[frame.kind == "text"].copy()
    frame["characters"] = frame.text.map(text_size)
    frame["part"] = frame.section.str.split(".").str[0]
    return frame[["sentence", "section", "part", "title_1", "characters", "start", "end"]].reset_index(drop=True)


def write_tables(document: Document, *, outdir: Path) -> list[Path]:
    """The overview's tables in ``outdir`` (UTF-8 with BOM)."""
    outline_frame = document.outline.sections_frame()
    return [
        write_table(summary(document), "document_summary", outdir=outdir),
        write_table(boilerplate_table(document), "boilerplate", outdir=outdir),
        write_table(redaction_table(document), "redactions", outdir=outdir),
        write_table(outline_frame, "outline", outdir=outdir),
        write_table(document.sentences, "sentences", outdir=outdir),
    ]
