"""Charts of notebook 04: the documents of a corpus side by side, from the profile table of :mod:`policytext.corpus`.

Every chart takes the profile table (one row per document) and returns
``(figure, data)``; documents that could not be read are left out.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import style
from .labels import Source, short_title, wrap

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Characters per line of a document label; two lines, so a title keeps its year.
LABEL_WIDTH = 16
RHETORIC_COLUMNS = MappingProxyType({
    "directives_per_1000": ("directive words 指令性用语", style.BLUE),
    "four_character_per_1000": ("four-character expressions 四字格", style.ORANGE),
    "leader_references_per_1000": ("leader references 领导人", style.GREEN),
})
NO_DOCUMENTS = "No document of the corpus could be read."


def document_labels(profiles: pd.DataFrame) -> list[str]:
    """Each document's title (bracketed asides dropped) on up to two lines, else its id."""
    return [wrap(short_title(t, 2 * LABEL_WIDTH) if t else d, LABEL_WIDTH)
            for t, d in zip(profiles.title.fillna(""), profiles.doc_id.fillna(""))]


def _readable(profiles: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return profiles[profiles.error.fillna("") == ""][["doc_id", "title", *columns]].reset_index(drop=True)


def plot_reuse(profiles: pd.DataFrame, *, source: Source) -> tuple[Figure, pd.DataFrame]:
    """Share of each document's clause characters reused from central texts, verbatim and in all."""
    data = _readable(profiles, ["central_reuse", "verbatim_reuse"])
    title = "Central wording reused, by document"
    if data.empty:
        return style.no_data(title, NO_DOCUMENTS, source=source), data
    fig, ax = style.new_figure(8, 0.55 * len(data) + 1.0, source=source)
    y = np.arange(len(data))
    ax.barh(y, data.central_reuse * 100, color=style.SKY, label="all reuse (verbatim, near-verbatim, paraphrase)")
    ax.barh(y, data.verbatim_reuse * 100, color=style.VERMILLION, height=0.5, label="verbatim 原文照录")
    for i, row in data.iterrows():
        ax.text(row.central_reuse * 100, i, f" {row.central_reuse:.0%}", va="center", fontsize=style.NOTE)
    ax.set_yticks(y, document_labels(data))
    ax.invert_yaxis()
    ax.margins(x=0.1)
    ax.set_xlabel("% of the document's clause characters")
    ax.set_title(title)
    ax.legend(loc="lower right")
    return fig, data


def plot_rhetoric_profile(profiles: pd.DataFrame, *, source: Source) -> tuple[Figure, pd.DataFrame]:
    """Directive language, four-character expressions and leader references per 1,000 characters."""
    data = _readable(profiles, list(RHETORIC_COLUMNS))
    title = "Rhetoric profile, by document"
    if data.empty:
        return style.no_data(title, NO_DOCUMENTS, source=source), data
    fig, ax = style.new_figure(9, 0.75 * len(data) + 1.0, source=source)
    height = 0.8 / len(RHETORIC_COLUMNS)
    for k, (column, (label, colour)) in enumerate(RHETORIC_COLUMNS.items()):
        positions = np.arange(len(data)) + k * height
        ax.barh(positions, data[column], height=height, label=label, color=colour)
        style.bar_labels(ax, data[column], positions, [f"{v:.1f}" for v in data[column]], fontsize=style.SOURCE)
    ax.set_yticks(np.arange(len(data)) + height, document_labels(data))
    ax.invert_yaxis()
    ax.margins(x=0.08)
    ax.set_xlabel("per 1,000 characters")
    ax.set_title(title)
    ax.legend(loc="lower right")
    return fig, data


def plot_indicator_density(profiles: pd.DataFrame, *, source: Source) -> tuple[Figure, pd.DataFrame]:
    """Quantitative claims per 1,000 characters, with the count on each bar."""
    data = _readable(profiles, ["characters", "indicators", "indicators_per_1000", "redactions"])
    title = "How much each document argues with numbers"
    if data.empty:
        return style.no_data(title, NO_DOCUMENTS, source=source), data
    fig, ax = style.new_figure(8, 0.55 * len(data) + 1.0, source=source)
    ax.barh(range(len(data)), data.indicators_per_1000, color=style.GREEN)
    for i, row in data.iterrows():
        ax.text(row.indicators_per_1000, i, f" {int(row.indicators)} claims, {int(row.redactions)} redactions",
                va="center", fontsize=style.NOTE)
    ax.set_yticks(range(len(data)), document_labels(data))
    ax.invert_yaxis()
    ax.set_xlabel("quantitative claims per 1,000 characters")
    ax.set_title(title)
    ax.margins(x=0.35)
    return fig, data
