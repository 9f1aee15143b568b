"""Document overview: what the page held, what was removed, how the speech is built.

Tables for the first notebook, and the figures drawn from them. Each plot
function returns ``(figure, data)`` so the data behind a figure is saved
beside it.
"""

from __future__ import annotations

from pathlib import Path
import pandas as pd

from .document import Document
from .output import write_table

_LABEL_WIDTH = 18


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
        ("title", outline.title.text if outline.title else ""),
        ("page title (from the site)", document.page_title or ""),
        ("salutation", outline.salutation.text if outline.salutation else ""),
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
    """Characters per section down to ``max_level``, counting only text not in a child section."""
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
                "characters": section.end - section.start,
                "sentences": sum(section.start <= s.start < section.end for s in document.outline.sentences),
            }
        )
    return pd.DataFrame(rows)


def sentence_lengths(document: Document) -> pd.DataFrame:
    """Length of each running-text sentence (whitespace excluded) with its section."""
    frame = document.sentences
    frame = frame[frame.kind == "text"].copy()
    frame["characters"] = frame.text.str.replace(r"\s", "", regex=True).str.len()
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


# --- figures -------------------------------------------------------------------------------


def shorten(text: str, width: int) -> str:
    """Cut Chinese text to ``width`` characters (textwrap.shorten needs spaces between words)."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _label(section: str, marker: str, title: str) -> str:
    return f"{section} {marker}{shorten(title, _LABEL_WIDTH)}"


def plot_page_map(document: Document):
    """The scraped page as a strip: boilerplate, title and preamble, sections, redactions, cut-off point."""
    import matplotlib.pyplot as plt

    rows = [{"part": "boilerplate", "label": b.kind, "start": b.start, "end": b.end} for b in document.boilerplate]
    rows += [
        {"part": "section" if s.level else "front matter", "label": f"{s.id} {s.marker}", "start": s.start, "end": s.end}
        for s in document.outline.sections
    ]
    rows += [{"part": "redaction", "label": r.text, "start": r.start, "end": r.end} for r in document.redactions]
    data = pd.DataFrame(rows, columns=["part", "label", "start", "end"])
    colours = {"boilerplate": "#bbbbbb", "front matter": "#f2c45a", "section": "#4c78a8", "redaction": "#d62728"}
    fig, ax = plt.subplots(figsize=(10, 2.6))
    for row in data[data.part != "redaction"].itertuples():
        shade = colours[row.part] if row.part != "section" or int(row.label.split()[0]) % 2 else "#72a0cf"
        ax.broken_barh([(row.start, row.end - row.start)], (0.0, 0.5), color=shade, edgecolor="white", linewidth=0.5)
        if row.part == "section":
            ax.text((row.start + row.end) / 2, 0.25, row.label, ha="center", va="center", color="white", fontsize=9)
    # A redaction is two or three characters of five thousand: draw it as a tick so it can be seen.
    redactions = data[data.part == "redaction"]
    ax.vlines(redactions.start, 0.55, 0.8, color=colours["redaction"], linewidth=1.2)
    if document.truncated:
        ax.axvline(document.truncation.at, color="black", linestyle="--", linewidth=1)
        ax.text(document.truncation.at, 0.95, " 截断 cut off", fontsize=8, va="top", ha="right")
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in colours.values()]
    ax.legend(handles, ["site boilerplate 网页模板", "title + preamble 标题/开场", "sections 正文各部分", "redaction 隐去 ××"],
              loc="upper center", bbox_to_anchor=(0.5, -0.35), ncol=4, fontsize=8, frameon=False)
    ax.set_xlim(0, len(document.raw))
    ax.set_ylim(0, 1)
    ax.set_yticks([])
    ax.set_xlabel("character offset in the scraped file")
    ax.set_title("What the page contains")
    fig.tight_layout()
    return fig, data


def plot_section_lengths(document: Document):
    """Characters per level-1 and level-2 section, in reading order."""
    import matplotlib.pyplot as plt

    data = section_lengths(document)
    data = data[data.level > 0].reset_index(drop=True)
    labels = [_label(r.section, r.marker, r.title) for r in data.itertuples()]
    colours = ["#4c78a8" if level == 1 else "#9ecae9" for level in data.level]
    fig, ax = plt.subplots(figsize=(8, 0.32 * len(data) + 1.2))
    ax.barh(range(len(data)), data.characters, color=colours)
    ax.set_yticks(range(len(data)), labels, fontsize=8)
    ax.invert_yaxis()
    for i, value in enumerate(data.characters):
        ax.text(value, i, f" {value}", va="center", fontsize=7)
    ax.set_xlabel("characters (a level-1 part includes its sections)")
    ax.set_title("Length of each part and section")
    fig.tight_layout()
    return fig, data


def plot_sentence_lengths(document: Document):
    """Sentence length along the speech, coloured by level-1 part."""
    import matplotlib.pyplot as plt

    data = sentence_lengths(document)
    palette = ["#bbbbbb", "#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2"]
    fig, ax = plt.subplots(figsize=(10, 3.4))
    parts = list(dict.fromkeys(data.part))
    for i, part in enumerate(parts):
        rows = data[data.part == part]
        title = rows.title_1.iloc[0] or "preamble"
        ax.bar(rows.index, rows.characters, color=palette[i % len(palette)], label=f"{part} {shorten(title, 16)}")
    ax.axhline(data.characters.median(), color="black", linewidth=0.8, linestyle=":")
    ax.text(len(data) - 0.5, data.characters.median(), f" median {data.characters.median():.0f}", fontsize=7, va="bottom", ha="right")
    ax.set_xlabel("sentence, in reading order")
    ax.set_ylabel("characters")
    ax.set_title("Sentence length along the speech")
    ax.legend(fontsize=7, frameon=False, ncol=2)
    fig.tight_layout()
    return fig, data
