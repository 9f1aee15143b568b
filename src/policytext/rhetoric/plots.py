"""Figures of the rhetoric notebook. Each returns ``(figure, data)``; save both with :func:`policytext.figures.save_figure`.

Call :func:`policytext.figures.use_chinese_font` first: matplotlib picks a
text's font when the text is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..overview import shorten
from .directives import (
    CATEGORIES,
    directive_profile,
    directives,
    section_at_level,
    section_characters,
)
from .enumerations import enumerations
from .formulas import formulas
from .four_character import four_character
from .keywords import cooccurrence, dispersion, term_frequencies
from .leaders import leader_references
from .parallelism import parallelisms
from .quotations import quotations

if TYPE_CHECKING:
    from ..document import Document
    from ..segment import Tokenizer

_CATEGORY_COLOURS = {"directive": "#4c78a8", "modal": "#f58518", "intensity": "#e45756", "stance": "#54a24b", "mobilising": "#b279a2"}
_LEXICON_COLOURS = {"": "#9ecae9", "concept": "#4c78a8", "policy": "#f58518", "slogan": "#e45756", "institution": "#54a24b",
                    "industry": "#72b7b2", "indicator": "#b279a2", "place": "#ff9da6", "person": "#9d755d", "user": "#bab0ac"}


def plot_wordcloud(document: Document, *, top: int = 150, seed: int = 0, tokenizer: Tokenizer | None = None):
    """Word cloud of the segmenter's word frequencies (seeded layout, no collocations)."""
    import matplotlib.pyplot as plt

    from ..figures import wordcloud

    data = term_frequencies(document, tokenizer=tokenizer, top=top)
    cloud = wordcloud(dict(zip(data.term, data["count"])), seed=seed, max_words=top)
    fig, ax = plt.subplots(figsize=(10, 5.6))
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    ax.set_title(f"Most frequent words (top {len(data)}, stopwords removed)")
    fig.tight_layout()
    return fig, data


def plot_top_terms(document: Document, *, top: int = 25, tokenizer: Tokenizer | None = None):
    """Horizontal bars of the most frequent words, coloured by political-lexicon category."""
    import matplotlib.pyplot as plt

    data = term_frequencies(document, tokenizer=tokenizer, top=top)
    fig, ax = plt.subplots(figsize=(7, 0.28 * len(data) + 1.4))
    colours = [_LEXICON_COLOURS.get(category, "#bab0ac") for category in data.category]
    ax.barh(range(len(data)), data["count"], color=colours)
    ax.set_yticks(range(len(data)), data.term, fontsize=9)
    ax.invert_yaxis()
    for i, value in enumerate(data["count"]):
        ax.text(value, i, f" {value}", va="center", fontsize=7)
    shown = [c for c in dict.fromkeys(data.category)]
    handles = [plt.Rectangle((0, 0), 1, 1, color=_LEXICON_COLOURS.get(c, "#bab0ac")) for c in shown]
    ax.legend(handles, [c or "not in lexicon" for c in shown], fontsize=7, frameon=False, loc="lower right", title="lexicon category", title_fontsize=7)
    ax.set_xlabel("occurrences in the body")
    ax.set_title(f"Top {len(data)} words")
    fig.tight_layout()
    return fig, data


def plot_dispersion(document: Document, terms: list[str], *, tokenizer: Tokenizer | None = None):
    """Lexical dispersion: a tick for each whole-word occurrence of each term along the body, with the parts marked."""
    import matplotlib.pyplot as plt

    data = dispersion(document, terms, tokenizer=tokenizer)
    fig, ax = plt.subplots(figsize=(10, 0.45 * len(terms) + 1.6))
    for row, term in enumerate(terms):
        hits = data[data.term == term]
        ax.vlines(hits.start, row - 0.35, row + 0.35, color="#4c78a8", linewidth=1.2)
    parts = [s for s in document.outline.walk() if s.level == 1]
    for part in parts:
        ax.axvline(part.start, color="#d62728", linewidth=0.8, linestyle="--")
        ax.text(part.start, -0.95, f" {part.marker}{shorten(part.title, 8)}", fontsize=7, color="#d62728", va="top")
    ax.set_yticks(range(len(terms)), [f"{t} ({(data.term == t).sum()})" for t in terms], fontsize=9)
    ax.set_ylim(len(terms) - 0.5, -1.0)
    ax.set_xlim(document.body_start, document.body_end)
    ax.set_xlabel("character offset in the raw file (dashed: start of each part 一、二、三、)")
    ax.set_title("Where the key terms fall along the speech")
    fig.tight_layout()
    return fig, data


def plot_cooccurrence_network(document: Document, terms: list[str], *, seed: int = 0, tokenizer: Tokenizer | None = None):
    """Terms as nodes, an edge where two share a sentence; edge width = shared sentences; fixed-seed layout."""
    import matplotlib.pyplot as plt
    import networkx as nx

    data = cooccurrence(document, terms, tokenizer=tokenizer)
    graph = nx.Graph()
    counts = term_frequencies(document, tokenizer=tokenizer).set_index("term")["count"]
    for term in terms:
        graph.add_node(term, count=int(counts.get(term, 0)))
    for row in data.itertuples():
        graph.add_edge(row.term_a, row.term_b, weight=row.sentences)
    layout = nx.spring_layout(graph, seed=seed, weight="weight", k=1.2)
    fig, ax = plt.subplots(figsize=(8, 6.5))
    widths = [0.6 + 0.5 * graph.edges[e]["weight"] for e in graph.edges]
    nx.draw_networkx_edges(graph, layout, ax=ax, width=widths, edge_color="#9ecae9", alpha=0.8)
    sizes = [120 + 25 * graph.nodes[n]["count"] for n in graph.nodes]
    nx.draw_networkx_nodes(graph, layout, ax=ax, node_size=sizes, node_color="#f2c45a", edgecolors="#8c6d1f")
    for node, (x, y) in layout.items():
        ax.text(x, y, node, ha="center", va="center", fontsize=9)
    ax.set_axis_off()
    ax.set_title("Key terms sharing a sentence (edge width = sentences together, node size = frequency)")
    fig.tight_layout()
    return fig, data


def device_counts(document: Document, *, level: int = 2, tokenizer: Tokenizer | None = None) -> pd.DataFrame:
    """Rhetorical devices per section at ``level``: quotations, formulas, lists, parallel groups, 四字格, directives, leader references."""
    series = enumerations(document, tokenizer=tokenizer)
    devices = {
        "quotations": quotations(document),
        "formulas": formulas(document, tokenizer=tokenizer),
        "lists (、)": series[series.kind == "list"],
        "parallelism": parallelisms(document, tokenizer=tokenizer),
        "four-character": four_character(document, tokenizer=tokenizer),
        "directive words": directives(document, tokenizer=tokenizer),
        "leader references": leader_references(document),
    }
    table = section_characters(document, level=level)
    for name, found in devices.items():
        counts = found.section.map(lambda s: section_at_level(s, level)).value_counts()
        table[name] = table.section.map(counts).fillna(0).astype("int64")
    return table


def plot_device_counts(document: Document, *, level: int = 2, tokenizer: Tokenizer | None = None):
    """Heatmap of device counts per 1,000 characters, sections down the side; the cell text is the raw count."""
    import matplotlib.pyplot as plt
    import numpy as np

    data = device_counts(document, level=level, tokenizer=tokenizer)
    devices = [c for c in data.columns if c not in {"section", "title", "characters"}]
    rates = 1000 * data[devices].to_numpy(dtype=float) / np.maximum(data.characters.to_numpy(dtype=float)[:, None], 1)
    # Directive words outnumber every other device tenfold; scaling each column
    # to its own highest rate shows where each device concentrates.
    relative = rates / np.maximum(rates.max(axis=0, keepdims=True), 1e-9)
    fig, ax = plt.subplots(figsize=(9, 0.38 * len(data) + 1.8))
    image = ax.imshow(relative, aspect="auto", cmap="YlOrRd", vmin=0, vmax=1)
    for i in range(len(data)):
        for j, device in enumerate(devices):
            value = int(data[device].iloc[i])
            ax.text(j, i, str(value), ha="center", va="center", fontsize=7, color="black" if relative[i, j] < 0.6 else "white")
    ax.set_xticks(range(len(devices)), devices, rotation=30, ha="right", fontsize=8)
    labels = [f"{r.section} {shorten(r.title, 16)}" for r in data.itertuples()]
    ax.set_yticks(range(len(data)), labels, fontsize=8)
    fig.colorbar(image, ax=ax, label="rate per 1,000 characters, relative to the column's highest")
    ax.set_title("Rhetorical devices per section (number: count)")
    fig.tight_layout()
    return fig, data


def plot_directive_profile(document: Document, *, level: int = 1, tokenizer: Tokenizer | None = None):
    """Stacked bars: directive, modal, intensity, stance and mobilising words per 1,000 characters of each section."""
    import matplotlib.pyplot as plt

    data = directive_profile(document, level=level, tokenizer=tokenizer)
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(data) + 1.8))
    left = pd.Series(0.0, index=data.index)
    for category in CATEGORIES:
        values = data[f"{category}_per_1000"]
        ax.barh(range(len(data)), values, left=left, color=_CATEGORY_COLOURS[category], label=category)
        left = left + values
    for i, (total, count) in enumerate(zip(left, data.total)):
        ax.text(total, i, f" {total:.1f} ({count})", va="center", fontsize=7)
    ax.set_yticks(range(len(data)), [f"{r.section} {shorten(r.title, 18)}" for r in data.itertuples()], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("words per 1,000 characters (in brackets: count)")
    ax.set_title("Directive and mobilising language by section")
    ax.set_xlim(0, left.max() * 1.18 if len(left) else 1)
    ax.legend(fontsize=7, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=len(CATEGORIES))
    fig.tight_layout()
    return fig, data
