"""Figures of the comparison with central phrasing; each returns ``(figure, data)``."""

from __future__ import annotations

import pandas as pd

from ..document import Document
from ..overview import shorten
from .align import CLASSES
from .dating import parse_date

__all__ = [
    "CLASS_COLOURS",
    "plot_coverage",
    "plot_formulation_timeline",
    "plot_keyness",
    "plot_reuse_map",
    "plot_section_similarity",
]

CLASS_COLOURS = {"verbatim": "#c0392b", "near-verbatim": "#f39c12", "paraphrase": "#2e86c1", "local": "#d9d9d9"}
STATUS_COLOURS = {"verbatim": "#c0392b", "modified": "#f39c12", "absent": "#9e9e9e"}
_CLASS_LABELS = {"verbatim": "verbatim 原文照录", "near-verbatim": "near-verbatim 个别改动",
                 "paraphrase": "paraphrase 改写", "local": "local 本地表述"}


def reuse_map_data(clause_table: pd.DataFrame) -> pd.DataFrame:
    """Stretches of the speech by class: aligned parts of reused clauses, the rest of each clause local."""
    rows = []
    for row in clause_table.to_dict("records"):
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


def plot_reuse_map(document: Document, clause_table: pd.DataFrame, *, line_width: int = 500):
    """The body laid out in lines of ``line_width`` characters, each stretch coloured by reuse class."""
    import matplotlib.pyplot as plt

    data = reuse_map_data(clause_table)
    body0, body1 = document.body_start, document.body_end
    lines = (body1 - body0 + line_width - 1) // line_width
    fig, ax = plt.subplots(figsize=(11, 0.42 * lines + 1.6))

    def draw(start: int, end: int, colour: str, y_pad: float = 0.0) -> None:
        position = start - body0
        while position < end - body0:
            line, column = divmod(position, line_width)
            stop = min(end - body0, (line + 1) * line_width)
            ax.broken_barh([(column, stop - position)], (line + 0.1 + y_pad, 0.6 - 2 * y_pad), color=colour, linewidth=0)
            position = stop

    draw(body0, body1, "#f4f4f4")
    for row in data.to_dict("records"):
        draw(row["start"], row["end"], CLASS_COLOURS[row["class"]])
    for section in document.outline.walk():
        if section.level not in (1, 2):
            continue
        line, column = divmod(section.start - body0, line_width)
        ax.plot([column, column], [line + 0.02, line + 0.78], color="black", linewidth=1.4 if section.level == 1 else 0.7)
        ax.text(column + 2, line + 0.86, section.id, fontsize=6.5, va="top")
    ax.set_xlim(0, line_width)
    ax.set_ylim(lines, 0)
    ax.set_yticks([i + 0.4 for i in range(lines)], [f"{body0 + i * line_width}" for i in range(lines)], fontsize=7)
    ax.set_ylabel("offset of the line's first character")
    ax.set_xlabel(f"character within a line of {line_width}")
    ax.set_title("Where the speech reuses central wording (black ticks: section starts)")
    handles = [plt.Rectangle((0, 0), 1, 1, color=CLASS_COLOURS[c]) for c in CLASSES]
    ax.legend(handles, [_CLASS_LABELS[c] for c in CLASSES], loc="upper center", bbox_to_anchor=(0.5, -0.09 - 0.3 / lines),
              ncol=4, fontsize=8, frameon=False)
    fig.tight_layout()
    return fig, data


def plot_coverage(coverage_table: pd.DataFrame):
    """Share of each section's clause characters by reuse class (stacked bars)."""
    import matplotlib.pyplot as plt

    data = coverage_table.copy()
    labels = [f"{r.section} {shorten(str(r.title), 14)}" for r in data.itertuples()]
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(data) + 1.4))
    left = [0.0] * len(data)
    for cls in CLASSES:
        values = data[f"share_{cls}"].tolist()
        ax.barh(range(len(data)), values, left=left, color=CLASS_COLOURS[cls], label=_CLASS_LABELS[cls])
        left = [l + v for l, v in zip(left, values)]
    for i, row in enumerate(data.itertuples()):
        ax.text(1.01, i, f"{row.share_reused:.0%} of {row.characters}", va="center", fontsize=7)
    ax.set_yticks(range(len(data)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.18)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"])
    ax.set_xlabel("share of the section's clause characters")
    ax.set_title("Reused central wording by section")
    ax.legend(loc="upper center", bbox_to_anchor=(0.45, -0.04 - 0.4 / len(data)), ncol=4, fontsize=7, frameon=False)
    fig.tight_layout()
    return fig, data


def plot_keyness(keyness_table: pd.DataFrame, *, top: int = 15, p: float = 0.01):
    """Log ratios of the ``top`` most over- and under-used words (G² at p < ``p``)."""
    import matplotlib.pyplot as plt

    significant = keyness_table[keyness_table.p_below.notna() & (keyness_table.p_below <= p)]
    over = significant[significant.direction == "over"].head(top)
    under = significant[significant.direction == "under"].head(top)
    data = pd.concat([over, under]).sort_values("log_ratio").reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(8, 0.26 * len(data) + 1.5))
    colours = ["#2e86c1" if r > 0 else "#7f8c8d" for r in data.log_ratio]
    ax.barh(range(len(data)), data.log_ratio, color=colours)
    ax.set_yticks(range(len(data)), data.word, fontsize=8)
    for i, row in enumerate(data.itertuples()):
        x = row.log_ratio
        ax.text(x + (0.1 if x > 0 else -0.1), i, f"{row.speech} : {row.central}", va="center",
                ha="left" if x > 0 else "right", fontsize=6.5)
    ax.axvline(0, color="black", linewidth=0.8)
    low, high = data.log_ratio.min() if len(data) else -1, data.log_ratio.max() if len(data) else 1
    ax.set_xlim(min(low, -1) - 1.2, max(high, 1) + 1.2)
    ax.set_xlabel("log ratio (log₂ of relative frequency, speech ÷ central); labels: count in speech : central".replace("₂", "2"))
    ax.set_title(f"Words the speech over-uses (right) and under-uses (left) vs the central texts (G², p < {p})")
    fig.tight_layout()
    return fig, data


def plot_section_similarity(similarity_table: pd.DataFrame):
    """Heatmap: speech sections (rows) × central documents (columns), share of the section's 4-grams found."""
    import matplotlib.pyplot as plt

    matrix = similarity_table.pivot_table(index="section", columns="source_id", values="similarity", sort=False)
    titles = similarity_table.drop_duplicates("section").set_index("section").title
    fig, ax = plt.subplots(figsize=(9, 0.34 * len(matrix) + 2.2))
    image = ax.imshow(matrix.values, cmap="Reds", aspect="auto", vmin=0)
    ax.set_xticks(range(matrix.shape[1]), [c.split("_", 1)[0] + " " + c.split("_", 1)[1][:14] for c in matrix.columns],
                  rotation=40, ha="right", fontsize=7)
    ax.set_yticks(range(matrix.shape[0]), [f"{s} {shorten(str(titles[s]), 12)}" for s in matrix.index], fontsize=7)
    for i in range(matrix.shape[0]):
        for j in range(matrix.shape[1]):
            value = matrix.values[i, j]
            ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=5.5,
                    color="white" if value > 0.6 * matrix.values.max() else "black")
    fig.colorbar(image, ax=ax, label="share of the section's character 4-grams in the document")
    ax.set_title("Shared wording: speech sections × central documents")
    fig.tight_layout()
    data = similarity_table.copy()
    return fig, data


def plot_formulation_timeline(formulation_table: pd.DataFrame, *, speech_date=None):
    """First central use of each formulation the speech takes up, and of those it leaves out."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    data = formulation_table.copy()
    data["first_use"] = pd.to_datetime([parse_date(d) for d in data.source_date])
    data = data.sort_values(["first_use", "status"]).reset_index(drop=True)
    used = data[data.status != "absent"].reset_index(drop=True)
    absent = data[data.status == "absent"]
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 0.28 * len(used) + 3.2), sharex=True,
                                      gridspec_kw={"height_ratios": [max(len(used), 1), 3]})
    for status in ("verbatim", "modified"):
        rows = used[used.status == status]
        top.scatter(rows.first_use, rows.index, color=STATUS_COLOURS[status], label=f"{status} in the speech", zorder=3)
    top.set_yticks(range(len(used)), [shorten(f, 22) for f in used.formulation], fontsize=7)
    top.invert_yaxis()
    top.grid(axis="x", linewidth=0.3)
    top.set_title("Central formulations: first use in the reference corpus, and what the speech did with them")
    counts = absent.groupby("first_use").size()
    bottom.bar(counts.index, counts.values, width=12, color=STATUS_COLOURS["absent"], label="absent from the speech")
    bottom.set_ylabel("absent\n(count)", fontsize=8)
    for ax in (top, bottom):
        if speech_date is not None:
            ax.axvline(pd.Timestamp(speech_date), color="black", linestyle="--", linewidth=1)
    if speech_date is not None:
        top.text(pd.Timestamp(speech_date), -0.8, " speech (earliest date)", fontsize=7, va="bottom")
    bottom.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    bottom.set_xlabel("date of first central use")
    handles = [plt.Line2D([], [], marker="o", linestyle="", color=STATUS_COLOURS[s]) for s in ("verbatim", "modified")]
    handles.append(plt.Rectangle((0, 0), 1, 1, color=STATUS_COLOURS["absent"]))
    top.legend(handles, ["verbatim in the speech", "modified in the speech", "absent from the speech"],
               loc="lower right", fontsize=7)
    fig.tight_layout()
    columns = ["formulation", "category", "source_id", "source_date", "status", "local_text", "edits", "gap_days"]
    return fig, data[columns]
