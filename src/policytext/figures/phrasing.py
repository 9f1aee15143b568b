"""Charts of notebook 03: where the speech reuses central wording, which words it over- and under-uses, and the central formulations.

Every chart takes a table of :mod:`policytext.compare` (and the outline where
it needs section titles or the body's extent) and returns ``(figure, data)``.
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..compare.align import CLASSES
from ..compare.dating import parse_date
from ..normalize import to_simplified
from . import style
from .labels import Source, section_label, shorten, short_title, wrap

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ..outline import Outline

CLASS_COLOURS = MappingProxyType({"verbatim": style.VERMILLION, "near-verbatim": style.ORANGE, "paraphrase": style.BLUE, "local": style.LIGHT_GREY})
CLASS_LABELS = MappingProxyType({"verbatim": "verbatim 原文照录", "near-verbatim": "near-verbatim 个别改动",
                "paraphrase": "paraphrase 改写", "local": "local 本地表述"})
STATUS_COLOURS = MappingProxyType({"verbatim": style.VERMILLION, "modified": style.ORANGE, "absent": style.GREY})
_SOURCE_SPLIT = re.compile(r"\s+/\s+|\s{1,}(?=\S)")
NO_REUSE = "The speech takes no wording from the central texts."


def reuse_map_data(clauses: pd.DataFrame) -> pd.DataFrame:
    """Stretches of the speech by class: aligned parts of reused clauses, the rest of each clause local."""
    rows = []
    for row in clauses.to_dict("records"):
        cls, start, end = row["class"], int(row["start"]), int(row["end"])
        if cls in ("verbatim", "near-verbatim"):
            a0, a1 = int(row["aligned_start"]), int(row["aligned_end"])
            if a0 > start:
                rows.append({"section": row["section"], "class": "local", "start": start, "end": a0})
            rows.append({"section": row["section"], "class": cls, "start": a0, "end": a1, "source_id": row["source_id"]})
            if end > a1:
                rows.append({"section": row["section"], "class": "local", "start": a1, "end": end})
        else:
            rows.append({"section": row["section"], "class": cls, "start": start, "end": end,
                         "source_id": row["source_id"] if cls == "paraphrase" else ""})
    return pd.DataFrame(rows, columns=["section", "class", "start", "end", "source_id"])


def plot_reuse_map(clauses: pd.DataFrame, *, outline: Outline, source: Source, line_width: int = 500) -> tuple[Figure, pd.DataFrame]:
    """The body laid out in lines of ``line_width`` characters, each stretch coloured by reuse class."""
    data = reuse_map_data(clauses)
    body0, body1 = outline.body_start, outline.body_end
    title = "Where the speech reuses central wording (black ticks: section starts)"
    if data.empty:
        return style.no_data(title, "The speech has no clauses to compare.", source=source), data
    lines = max(1, (body1 - body0 + line_width - 1) // line_width)
    fig, ax = style.new_figure(11, max(0.36 * lines + 1.0, 2.4), source=source)

    def draw(start: int, end: int, colour: str) -> None:
        position = start - body0
        while position < end - body0:
            line, column = divmod(position, line_width)
            stop = min(end - body0, (line + 1) * line_width)
            ax.broken_barh([(column, stop - position)], (line + 0.1, 0.6), color=colour, linewidth=0)
            position = stop

    draw(body0, body1, style.PALE)
    for row in data.to_dict("records"):
        draw(row["start"], row["end"], CLASS_COLOURS[row["class"]])
    for section in outline.walk():
        if section.level not in (1, 2):
            continue
        line, column = divmod(section.start - body0, line_width)
        ax.plot([column, column], [line + 0.02, line + 0.78], color=style.BLACK, linewidth=1.4 if section.level == 1 else 0.7)
        ax.text(column + 2, line + 0.86, section.id, fontsize=6.5, va="top", clip_on=True)
    ax.set_xlim(0, line_width)
    ax.set_ylim(lines + 0.3, 0)
    ax.set_yticks([i + 0.4 for i in range(lines)], [f"{body0 + i * line_width:,}" for i in range(lines)])
    ax.set_ylabel("offset of the line's first character")
    ax.set_xlabel(f"character within a line of {line_width}")
    ax.set_title(title)
    handles = [_patch(CLASS_COLOURS[c]) for c in CLASSES]
    ax.legend(handles, [CLASS_LABELS[c] for c in CLASSES], loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=style.TICK)
    return fig, data


def plot_coverage(coverage: pd.DataFrame, *, source: Source) -> tuple[Figure, pd.DataFrame]:
    """Share of each section's clause characters by reuse class (stacked bars)."""
    data = coverage.reset_index(drop=True)
    title = "Reused central wording by section"
    if data.empty:
        return style.no_data(title, "The speech has no clauses to compare.", source=source), data
    labels = [section_label(r.section, str(r.title), width=14) if r.section != "all" else "all: the whole speech" for r in data.itertuples()]
    fig, ax = style.new_figure(8, 0.42 * len(data) + 1.1, source=source)
    left = np.zeros(len(data))
    for cls in CLASSES:
        values = data[f"share_{cls}"].to_numpy(dtype=float)
        ax.barh(range(len(data)), values, left=left, color=CLASS_COLOURS[cls], label=CLASS_LABELS[cls])
        left = left + values
    for i, row in enumerate(data.itertuples()):
        ax.text(1.01, i, f"{row.share_reused:.0%} of {row.characters:,}", va="center", fontsize=style.NOTE)
    # The legend sits right of the shares written after each bar.
    ax.set_yticks(range(len(data)), labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.2)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"])
    ax.set_xlabel("share of the section's clause characters (right: share reused, of the section's characters)")
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig, data


def plot_keyness(keyness: pd.DataFrame, *, source: Source, top: int = 15, p: float = 0.01) -> tuple[Figure, pd.DataFrame]:
    """Log ratios of the ``top`` most over- and under-used words (G² at p < ``p``)."""
    significant = keyness[keyness.p_below.notna() & (keyness.p_below <= p)]
    over = significant[significant.direction == "over"].head(top)
    under = significant[significant.direction == "under"].head(top)
    data = pd.concat([over, under]).sort_values("log_ratio").reset_index(drop=True)
    title = "Words the speech over-uses (right) and under-uses (left), against the central texts"
    if data.empty:
        return style.no_data(title, f"No word is over- or under-used at p < {p}.", source=source), data
    fig, ax = style.new_figure(8, 0.24 * len(data) + 1.1, source=source)
    colours = [style.BLUE if r > 0 else style.GREY for r in data.log_ratio]
    ax.barh(range(len(data)), data.log_ratio, color=colours)
    ax.set_yticks(range(len(data)), data.word, fontsize=style.TICK)
    for i, row in enumerate(data.itertuples()):
        x = row.log_ratio
        ax.text(x + (0.1 if x > 0 else -0.1), i, f"{row.speech} : {row.central}", va="center",
                ha="left" if x > 0 else "right", fontsize=style.SOURCE)
    ax.axvline(0, color=style.BLACK, linewidth=0.8)
    ax.set_xlim(min(data.log_ratio.min(), -1) - 1.2, max(data.log_ratio.max(), 1) + 1.2)
    ax.set_xlabel("log2 ratio of relative frequency, speech ÷ central; labels: count in speech : central")
    ax.set_title(f"{title} (G², p < {p})")
    return fig, data


def source_label(title: str, date: str, *, width: int = 16) -> str:
    """A central document as a reader knows it: the first phrase of its title, then its date."""
    first = _SOURCE_SPLIT.split(short_title(title, 64))[0]
    day = parse_date(date)
    return f"{wrap(first, width)}\n{day.isoformat() if day else date}"


def plot_section_similarity(similarity: pd.DataFrame, *, documents: pd.DataFrame, source: Source) -> tuple[Figure, pd.DataFrame]:
    """Heatmap: central documents (rows) × speech sections (columns), the share of the section's 4-grams found in the document.

    ``documents`` is the reference corpus's documents frame (``source_id``,
    ``title``, ``date``); the title and preamble (section 0) are not a
    numbered section and the table leaves them out, which the figure says.
    """
    data = similarity.reset_index(drop=True)
    title = "Shared wording: central documents × speech sections"
    if data.empty:
        return style.no_data(title, "The speech has no numbered sections to compare.", source=source), data
    matrix = data.pivot_table(index="source_id", columns="section", values="similarity", sort=False)
    titles = data.drop_duplicates("section").set_index("section").title
    known = documents.set_index("source_id")
    rows = [source_label(known.title.get(s, s), str(known.date.get(s, ""))) if s in known.index else s for s in matrix.index]
    fig, ax = style.new_figure(max(0.5 * matrix.shape[1] + 4.2, 7.5), 0.52 * matrix.shape[0] + 1.6, source=source)
    image = ax.imshow(matrix.values, cmap=style.SEQUENTIAL, aspect="auto", vmin=0)
    top = float(np.nanmax(matrix.values)) if matrix.size else 1.0
    for i in range(matrix.shape[0]):
        for j in range(matrix.shape[1]):
            value = matrix.values[i, j]
            ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=6,
                    color="white" if value > 0.6 * top else style.BLACK)
    ax.set_yticks(range(matrix.shape[0]), rows, fontsize=style.NOTE)
    ax.set_xticks(range(matrix.shape[1]), [section_label(s, str(titles.get(s, "")), width=6) for s in matrix.columns],
                  rotation=60, ha="right", fontsize=style.NOTE)
    for spine in ax.spines.values():
        spine.set_visible(False)
    fig.colorbar(image, ax=ax, shrink=0.8).set_label("share of the section's character 4-grams", fontsize=style.NOTE)
    ax.set_xlabel("speech section (the title and preamble, not a numbered section, are left out)", fontsize=style.NOTE)
    ax.set_title(title)
    return fig, data


def plot_formulation_timeline(formulations: pd.DataFrame, *, speech_date=None, source: Source) -> tuple[Figure, pd.DataFrame]:
    """First central use of each formulation the speech takes up (dots), and how many it leaves out (bars), over time.

    A formulation first attested after the speech's earliest possible date is
    drawn hollow: the speech cannot have taken it from that text, and the
    shared wording may go back to a common, earlier source.
    """
    data = formulations.copy()
    data["first_use"] = pd.to_datetime([parse_date(d) for d in data.source_date])
    data = data.sort_values(["first_use", "status"], kind="stable").reset_index(drop=True)
    columns = ["formulation", "category", "source_id", "source_date", "status", "local_text", "edits", "gap_days"]
    title = "Central formulations: first use in the reference corpus, and what the speech did with them"
    used = data[data.status != "absent"].reset_index(drop=True)
    absent = data[data.status == "absent"]
    if data.empty:
        return style.no_data(title, "The reference corpus lists no formulations.", source=source), data[columns]
    speech = pd.Timestamp(speech_date) if speech_date is not None else None
    fig, (top, bottom) = style.new_figure(10, 0.24 * max(len(used), 1) + 2.2, source=source, nrows=2, sharex=True,
                                          gridspec_kw={"height_ratios": [max(len(used), 2), 3]})
    for status in ("verbatim", "modified"):
        rows = used[used.status == status]
        later = rows.first_use > speech if speech is not None else pd.Series(False, index=rows.index)
        top.scatter(rows.first_use[~later], rows.index[~later], color=STATUS_COLOURS[status], zorder=3, s=22)
        top.scatter(rows.first_use[later], rows.index[later], facecolor="white", edgecolor=STATUS_COLOURS[status], zorder=3, s=22)
    if used.empty:
        top.text(0.02, 0.5, "The speech uses none of the central formulations.", transform=top.transAxes,
                 ha="left", va="center", fontsize=style.LABEL, color=style.DARK_GREY, gid=style.NO_DATA_GID)
    top.set_yticks(range(len(used)), [shorten(to_simplified(f), 24) for f in used.formulation], fontsize=style.NOTE)
    top.set_ylim(max(len(used), 1) - 0.5, -0.5)
    top.grid(axis="x", linewidth=0.3)
    top.set_title(title)
    counts = absent.groupby("first_use").size()
    bottom.bar(counts.index, counts.values, width=12, color=STATUS_COLOURS["absent"])
    bottom.set_ylabel("absent\n(count)", fontsize=style.TICK)
    if speech is not None:
        for ax in (top, bottom):
            ax.axvline(speech, color=style.BLACK, linestyle="--", linewidth=1)
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D

    bottom.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    bottom.set_xlabel("date of first central use in the reference corpus")
    dot = {"marker": "o", "linestyle": ""}
    handles = [Line2D([], [], color=STATUS_COLOURS["verbatim"], **dot), Line2D([], [], color=STATUS_COLOURS["modified"], **dot),
               Line2D([], [], markerfacecolor="white", markeredgecolor=STATUS_COLOURS["modified"], **dot), _patch(STATUS_COLOURS["absent"])]
    labels = ["verbatim in the speech", "modified in the speech",
              "first attested after the speech's earliest date: an echo either way", "absent from the speech"]
    if speech is not None:
        handles.append(Line2D([], [], color=style.BLACK, linestyle="--"))
        labels.append(f"speech (earliest date, {speech.date().isoformat()})")
    if used.empty:  # only the bars and the speech's date are drawn
        handles, labels = handles[3:], labels[3:]
    top.legend(handles, labels, loc="lower right", fontsize=style.NOTE)
    return fig, data[columns]


def _patch(colour: str):
    from matplotlib.patches import Rectangle

    return Rectangle((0, 0), 1, 1, color=colour)
