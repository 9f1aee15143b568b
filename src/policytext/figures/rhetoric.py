"""Charts of notebook 01: words, where key terms fall, which terms share sentences, devices and directive language by section.

Every chart takes the tables of :mod:`policytext.rhetoric` (and the outline
where it needs section titles or the body's extent) and returns
``(figure, data)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..rhetoric.directives import CATEGORIES
from . import style
from .labels import Source, section_label, shorten

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ..outline import Outline

LEXICON_COLOURS = MappingProxyType({
    "concept": style.BLUE, "policy": style.ORANGE, "slogan": style.VERMILLION, "institution": style.GREEN,
    "industry": style.SKY, "indicator": style.PURPLE, "place": style.YELLOW, "person": style.BLACK, "user": style.GREY,
})
NOT_IN_LEXICON = style.LIGHT_GREY
CATEGORY_COLOURS = MappingProxyType({"directive": style.BLUE, "modal": style.ORANGE, "intensity": style.VERMILLION,
                    "stance": style.GREEN, "mobilising": style.PURPLE})
CATEGORY_GLOSS = MappingProxyType({"directive": "directive 指令", "modal": "modal 情态", "intensity": "intensity 程度",
                  "stance": "stance 立场", "mobilising": "mobilising 动员"})
#: The palette's hues darkened to a contrast of at least 4.5:1 on white (WCAG AA): a word cloud in pale colours cannot be read.
CLOUD_COLOURS = (style.BLUE, "#B34700", "#007A5A", "#8E3B6E", style.BLACK, "#8C5A00")
#: Sections with fewer characters than this give rates per 1,000 too noisy to compare.
SHORT_SECTION = 300
DEVICE_COLUMNS_EXCLUDED = frozenset({"section", "title", "characters"})


def plot_wordcloud(frequencies: pd.DataFrame, *, source: Source, seed: int = 0) -> tuple[Figure, pd.DataFrame]:
    """An illustration of the most frequent words (term frequencies of :func:`policytext.rhetoric.term_frequencies`)."""
    from matplotlib.colors import ListedColormap

    from .cloud import wordcloud

    data = frequencies.reset_index(drop=True)
    title = "Most frequent words (an illustration: the counts are in 01_top_terms)"
    if data.empty:
        return style.no_data(title, "No words to show: the body is empty after stopwords.", source=source), data
    cloud = wordcloud(dict(zip(data.term, data["count"])), seed=seed, max_words=len(data),
                      colormap=ListedColormap(CLOUD_COLOURS, name="policytext-cloud"))
    fig, ax = style.new_figure(10, 5.4, source=source)
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    ax.set_title(title)
    return fig, data


def plot_top_terms(frequencies: pd.DataFrame, *, source: Source) -> tuple[Figure, pd.DataFrame]:
    """Horizontal bars of the most frequent words, coloured by political-lexicon category."""
    data = frequencies.reset_index(drop=True)
    title = f"Top {len(data)} words"
    if data.empty:
        return style.no_data("Top words", "No words to count in this text.", source=source), data
    fig, ax = style.new_figure(7, 0.26 * len(data) + 1.0, source=source)
    colours = [LEXICON_COLOURS.get(c, NOT_IN_LEXICON) for c in data.category]
    ax.barh(range(len(data)), data["count"], color=colours)
    ax.set_yticks(range(len(data)), data.term, fontsize=style.LABEL)
    ax.invert_yaxis()
    style.bar_labels(ax, data["count"], range(len(data)), data["count"])
    shown = list(dict.fromkeys(data.category))
    handles = [_patch(LEXICON_COLOURS.get(c, NOT_IN_LEXICON)) for c in shown]
    ax.legend(handles, [c or "not in the lexicon" for c in shown], loc="lower right", title="political lexicon 政治词表")
    ax.set_xlabel("occurrences in the body")
    ax.set_title(title)
    return fig, data


def plot_dispersion(hits: pd.DataFrame, terms: Sequence[str], *, outline: Outline, source: Source) -> tuple[Figure, pd.DataFrame]:
    """A tick for each whole-word occurrence of each term along the body, the parts 一、二、三 marked."""
    data = hits.reset_index(drop=True)
    title = "Where the key terms fall along the speech"
    if data.empty or not terms:
        return style.no_data(title, "None of the key terms occurs in this text.", source=source), data
    fig, ax = style.new_figure(10, 0.4 * len(terms) + 1.3, source=source)
    for row, term in enumerate(terms):
        found = data[data.term == term]
        ax.vlines(found.start, row - 0.35, row + 0.35, color=style.BLUE, linewidth=1.2)
    for part in (s for s in outline.walk() if s.level == 1):
        ax.axvline(part.start, color=style.VERMILLION, linewidth=0.8, linestyle="--")
        ax.text(part.start, -0.75, f" {part.marker}{shorten(part.title, 6)}", fontsize=style.NOTE,
                color=style.VERMILLION, va="center", clip_on=True)
    ax.set_yticks(range(len(terms)), [f"{t} ({(data.term == t).sum()})" for t in terms], fontsize=style.LABEL)
    ax.set_ylim(len(terms) - 0.5, -1.1)
    ax.set_xlim(outline.body_start, outline.body_end)
    ax.set_xlabel("character offset in the raw file (dashed: start of each part 一、二、三…)")
    ax.set_title(title)
    return fig, data


def plot_cooccurrence(pairs: pd.DataFrame, terms: Sequence[str], *, source: Source) -> tuple[Figure, pd.DataFrame]:
    """A matrix of the key terms: sentences shared by each pair; on the diagonal, sentences holding the term."""
    terms = list(dict.fromkeys(terms))
    title = "Key terms sharing a sentence"
    if pairs.empty or len(terms) < 2:
        return style.no_data(title, "No two key terms share a sentence in this text.", source=source), pairs.reset_index(drop=True)
    index = {term: i for i, term in enumerate(terms)}
    shared = np.full((len(terms), len(terms)), np.nan)
    alone = {}
    for row in pairs.itertuples():
        i, j = sorted((index[row.term_a], index[row.term_b]), reverse=True)
        shared[i, j] = row.sentences
        alone[row.term_a], alone[row.term_b] = row.sentences_a, row.sentences_b
    fig, ax = style.new_figure(0.55 * len(terms) + 2.6, 0.5 * len(terms) + 1.2, source=source)
    lower = np.where(np.tril(np.ones_like(shared, dtype=bool), k=-1), np.nan_to_num(shared), np.nan)
    image = ax.imshow(lower, cmap=style.SEQUENTIAL, vmin=0, vmax=max(float(np.nanmax(lower)), 1.0))
    top = np.nanmax(lower) if np.isfinite(lower).any() else 1
    for i in range(len(terms)):
        for j in range(i):
            value = int(np.nan_to_num(shared[i, j]))
            ax.text(j, i, str(value), ha="center", va="center", fontsize=style.NOTE,
                    color="white" if value > 0.6 * top else style.BLACK)
        count = alone.get(terms[i])
        ax.text(i, i, f"({count})" if count is not None else "", ha="center", va="center", fontsize=style.NOTE, color=style.DARK_GREY)
    ax.set_xticks(range(len(terms)), terms, rotation=45, ha="right")
    ax.set_yticks(range(len(terms)), terms)
    for spine in ax.spines.values():
        spine.set_visible(False)
    fig.colorbar(image, ax=ax, shrink=0.7).set_label("sentences with both terms", fontsize=style.NOTE)
    ax.set_title(title)
    ax.set_xlabel("diagonal, in brackets: sentences holding the term")
    return fig, pairs.reset_index(drop=True)


def lead_ins(sections: pd.Series) -> list[str]:
    """Section ids that stand for a part's lead-in text: a part's own row when the table also has its sections ("2" beside "2.1")."""
    ids = [str(s) for s in sections]
    return [s for s in ids if s != "0" and any(other.startswith(s + ".") for other in ids)]


def plot_device_counts(devices: pd.DataFrame, *, source: Source, short_section: int = SHORT_SECTION) -> tuple[Figure, pd.DataFrame]:
    """Rate per 1,000 characters of each device in each section: the number in a cell is the rate its colour shows.

    Colours are scaled per column (directive words outnumber every other
    device tenfold). A part's lead-in text before its first section is left
    out (a rate over a few dozen characters says nothing) and named in the
    figure; sections under ``short_section`` characters are flagged in red.
    """
    names = [c for c in devices.columns if c not in DEVICE_COLUMNS_EXCLUDED]
    dropped = lead_ins(devices.section)
    kept = devices[~devices.section.astype(str).isin(dropped) & (devices.characters > 0)].reset_index(drop=True)
    title = "Rhetorical devices per 1,000 characters, by section"
    if kept.empty or not names:
        return style.no_data(title, "No section has text to count devices in.", source=source), devices
    rates = (1000 * kept[names].to_numpy(dtype=float) / kept.characters.to_numpy(dtype=float)[:, None]).round(1)
    data = kept[["section", "title", "characters"]].copy()
    for k, name in enumerate(names):
        data[f"{name} per 1000"] = rates[:, k]
        data[f"{name} count"] = kept[name].to_numpy()
    highest = np.maximum(rates.max(axis=0, keepdims=True), 1e-9)
    fig, ax = style.new_figure(9, max(0.34 * len(kept) + 1.6, 2.8), source=source)
    image = ax.imshow(rates / highest, aspect="auto", cmap=style.SEQUENTIAL, vmin=0, vmax=1)
    for i in range(len(kept)):
        for j in range(len(names)):
            value = rates[i, j]
            ax.text(j, i, f"{value:.1f}" if value else "·", ha="center", va="center", fontsize=style.NOTE,
                    color="white" if value / highest[0, j] > 0.6 else style.BLACK)
    ax.set_xticks(range(len(names)), [f"{n}\n(max {rates[:, k].max():.1f})" for k, n in enumerate(names)],
                  rotation=30, ha="right")
    short = (kept.characters < short_section).to_numpy()
    ax.set_yticks(range(len(kept)), [section_label(r.section, r.title, width=14) + f" ({r.characters})" for r in kept.itertuples()])
    for tick, is_short in zip(ax.get_yticklabels(), short):
        if is_short:
            tick.set_color(style.VERMILLION)
    for spine in ax.spines.values():
        spine.set_visible(False)
    fig.colorbar(image, ax=ax, shrink=0.8).set_label("share of the column's highest rate", fontsize=style.NOTE)
    note = f"cell: rate per 1,000 characters; in brackets: the section's characters (red: under {short_section}, a noisy rate)"
    if dropped:
        note += f"\nleft out: the lead-in text of part{'s' if len(dropped) > 1 else ''} {', '.join(dropped)} before the first section"
    ax.set_xlabel(note, fontsize=style.NOTE)
    ax.set_title(title)
    return fig, data


def plot_directive_profile(profile: pd.DataFrame, *, source: Source, categories: Sequence[str] = CATEGORIES,
                           short_section: int = SHORT_SECTION) -> tuple[Figure, pd.DataFrame]:
    """Stacked bars: directive, modal, intensity, stance and mobilising words per 1,000 characters of each section.

    A section under ``short_section`` characters is hatched and flagged: its rate rests on a handful of words.
    """
    data = profile.reset_index(drop=True)
    title = "Directive and mobilising language by section"
    if data.empty or not data.total.sum():
        return style.no_data(title, "No directive or mobilising words in this text.", source=source), data
    fig, ax = style.new_figure(8, 0.45 * len(data) + 1.3, source=source)
    left = np.zeros(len(data))
    short = (data.characters < short_section).to_numpy()
    for category in categories:
        values = data[f"{category}_per_1000"].to_numpy(dtype=float)
        ax.barh(range(len(data)), values, left=left, color=CATEGORY_COLOURS.get(category, style.GREY),
                label=CATEGORY_GLOSS.get(category, category), hatch=None)
        left = left + values
    for i, (total, count, chars) in enumerate(zip(left, data.total, data.characters)):
        flag = f" · short: {chars} characters" if short[i] else ""
        ax.text(total, i, f" {total:.1f} ({count} words){flag}", va="center", fontsize=style.NOTE,
                color=style.VERMILLION if short[i] else style.BLACK)
    labels = [section_label(r.section, r.title, width=16) for r in data.itertuples()]
    ax.set_yticks(range(len(data)), labels)
    for tick, is_short in zip(ax.get_yticklabels(), short):
        if is_short:
            tick.set_color(style.VERMILLION)
    ax.invert_yaxis()
    ax.set_xlabel(f"words per 1,000 characters (red: under {short_section} characters, a noisy rate)")
    ax.set_title(title)
    ax.set_xlim(0, left.max() * 1.45)
    ax.legend(loc="lower right", ncol=1)
    return fig, data


def _patch(colour: str):
    from matplotlib.patches import Rectangle

    return Rectangle((0, 0), 1, 1, color=colour)
