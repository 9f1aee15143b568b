"""Charts of notebook 00: what the page holds, and how long the speech's parts and sentences are.

Every chart takes tables (and the outline, for labels and the body's extent)
and returns ``(figure, data)``: the data is what the figure shows, saved
beside it as CSV.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

import pandas as pd

from . import style
from .labels import Source, section_label, shorten

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ..outline import Outline

PAGE_PARTS = MappingProxyType({
    "boilerplate": ("site boilerplate 网页模板", style.GREY),
    "front matter": ("title + preamble 标题、开场", style.ORANGE),
    "section": ("parts 一、二、三… 正文各部分", style.BLUE),
    "redaction": ("redaction 隐去 ××", style.HIDDEN),
})
_SECTION_SHADES = (style.BLUE, style.SKY)


def page_map_data(outline: Outline, boilerplate: pd.DataFrame, redactions: pd.DataFrame) -> pd.DataFrame:
    """One row per stretch of the scraped file: boilerplate lines, front matter, level-1 parts, redactions."""
    rows = [{"part": "boilerplate", "label": r.rule, "start": r.start, "end": r.end} for r in boilerplate.itertuples()]
    rows += [
        {"part": "section" if s.level else "front matter", "label": f"{s.id} {s.marker}".strip(), "start": s.start, "end": s.end}
        for s in outline.sections
    ]
    rows += [{"part": "redaction", "label": r.text, "start": r.start, "end": r.end} for r in redactions.itertuples()]
    return pd.DataFrame(rows, columns=["part", "label", "start", "end"])


def plot_page_map(
    outline: Outline, *, boilerplate: pd.DataFrame, redactions: pd.DataFrame, truncated_at: int | None, source: Source
) -> tuple[Figure, pd.DataFrame]:
    """The scraped file as a strip: boilerplate, title and preamble, the parts, redactions, and where the text stops."""
    data = page_map_data(outline, boilerplate, redactions)
    length = max(len(outline.raw), 1)
    fig, ax = style.new_figure(10, 2.1, source=source)
    strip = data[data.part != "redaction"]
    for i, row in enumerate(strip.itertuples()):
        colour = PAGE_PARTS[row.part][1] if row.part != "section" else _SECTION_SHADES[i % 2]
        ax.broken_barh([(row.start, row.end - row.start)], (0.0, 0.5), color=colour, edgecolor="white", linewidth=0.5)
        # A label goes inside its stretch only if the stretch is wide enough for it.
        if row.part == "section" and (row.end - row.start) / length > 0.012 * len(row.label):
            ax.text((row.start + row.end) / 2, 0.25, row.label, ha="center", va="center", color="white", fontsize=style.TICK)
    # A redaction is two or three characters of thousands: drawn as a tick above the strip so it can be seen.
    hidden = data[data.part == "redaction"]
    ax.vlines(hidden.start, 0.56, 0.82, color=style.HIDDEN, linewidth=1.2)
    handles = [_patch(colour) for _, colour in PAGE_PARTS.values()]
    labels = [label for label, _ in PAGE_PARTS.values()]
    if truncated_at is not None:
        ax.vlines([truncated_at], 0, 0.9, color=style.BLACK, linestyle="--", linewidth=1)
        handles.append(_line(style.BLACK, "--"))
        labels.append(f"text cut off 截断 (offset {truncated_at:,})")
    ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=len(labels), fontsize=style.NOTE)
    ax.set_xlim(0, length)
    ax.set_ylim(0, 1)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_xlabel("character offset in the scraped file")
    ax.set_title(f"What the page contains: {len(hidden)} redactions, {len(boilerplate)} boilerplate lines")
    return fig, data


def plot_section_lengths(sections: pd.DataFrame, *, source: Source) -> tuple[Figure, pd.DataFrame]:
    """Characters per level-1 and level-2 section, in reading order (the table of :func:`policytext.overview.section_lengths`)."""
    data = sections[sections.level > 0].reset_index(drop=True)
    title = "Length of each part and section"
    if data.empty:
        return style.no_data(title, "The outline finds no numbered parts or sections in this text.", source=source), data
    labels = [section_label(r.section, r.title, marker=r.marker, width=18) for r in data.itertuples()]
    colours = [style.BLUE if level == 1 else style.SKY for level in data.level]
    fig, ax = style.new_figure(8, 0.3 * len(data) + 1.0, source=source)
    ax.barh(range(len(data)), data.characters, color=colours)
    ax.set_yticks(range(len(data)), labels)
    ax.invert_yaxis()
    style.bar_labels(ax, data.characters, range(len(data)), [f"{v:,}" for v in data.characters])
    ax.margins(x=0.12)
    ax.legend([_patch(style.BLUE), _patch(style.SKY)], ["part 一、… (includes its sections)", "section （一）…"], loc="lower right")
    ax.set_xlabel("characters")
    ax.set_title(title)
    return fig, data


def plot_sentence_lengths(sentences: pd.DataFrame, *, source: Source) -> tuple[Figure, pd.DataFrame]:
    """One box and strip per level-1 part: are some parts written in shorter sentences?

    ``sentences`` is :func:`policytext.overview.sentence_lengths`; the ids in the
    data are those of ``sentences.csv``.
    """
    data = sentences.reset_index(drop=True)
    title = "Sentence length by part"
    if data.empty:
        return style.no_data(title, "No running-text sentences in this text.", source=source), data
    parts = list(dict.fromkeys(data.part))
    fig, ax = style.new_figure(8, 0.55 * len(parts) + 1.2, source=source)
    groups = [data[data.part == part].characters.to_numpy() for part in parts]
    ax.boxplot(groups, positions=range(len(parts)), orientation="horizontal", widths=0.6, showfliers=False,
               medianprops={"color": style.VERMILLION, "linewidth": 1.5}, boxprops={"color": style.DARK_GREY},
               whiskerprops={"color": style.DARK_GREY}, capprops={"color": style.DARK_GREY})
    for i, values in enumerate(groups):
        # A fixed spread (golden-ratio steps), not random jitter: the same figure on every run.
        offsets = ((pd.Series(range(len(values))) * 0.618) % 1 - 0.5) * 0.4
        ax.scatter(values, i + offsets, s=9, color=style.BLUE, alpha=0.7, linewidths=0, zorder=3)
    medians = [float(pd.Series(v).median()) for v in groups]
    labels = []
    for part, values, median in zip(parts, groups, medians):
        title_1 = data[data.part == part].title_1.iloc[0]
        name = "front matter" if part in ("0", "") else shorten(title_1, 10)
        labels.append(f"{part} {name}\nmedian {median:.0f}, n={len(values)}")
    ax.set_yticks(range(len(parts)), labels)
    ax.invert_yaxis()
    ax.set_xlabel("characters per sentence (whitespace excluded)")
    ax.set_title(title)
    return fig, data


def _patch(colour: str):
    from matplotlib.patches import Rectangle

    return Rectangle((0, 0), 1, 1, color=colour)


def _line(colour: str, linestyle: str):
    from matplotlib.lines import Line2D

    return Line2D([], [], color=colour, linestyle=linestyle)
