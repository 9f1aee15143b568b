"""The house style of every figure: one palette, one type scale, the source line, and the "nothing to show" figure.

Colours are the Okabe–Ito palette, which stays distinguishable for the common
forms of colour blindness; quantities on a scale use one sequential
colour map. Sizes are in points and used by name, so a figure never picks its
own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .labels import Source

# Okabe & Ito (2008), "Color Universal Design".
BLUE = "#0072B2"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
BLACK = "#000000"
GREY = "#999999"
DARK_GREY = "#555555"
LIGHT_GREY = "#DDDDDD"
PALE = "#F2F2F2"
CATEGORICAL = (BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY, YELLOW, GREY)
#: What the page hides (redactions) is always drawn in this colour.
HIDDEN = VERMILLION
#: Quantities on a scale (heatmaps).
SEQUENTIAL = "Blues"

# The type scale, in points.
TITLE = 11
LABEL = 9
TICK = 8
NOTE = 7
SOURCE = 6.5

#: Height of the strip at the bottom of every figure that holds the source line, in inches.
SOURCE_STRIP = 0.22
SOURCE_GID = "source-line"
NO_DATA_GID = "no-data"


def rc_params() -> dict[str, object]:
    """matplotlib settings of the house style (fonts are set by :func:`~.fonts.use_chinese_font`)."""
    from cycler import cycler

    return {
        "axes.prop_cycle": cycler(color=list(CATEGORICAL)),
        "axes.titlesize": TITLE,
        "axes.titlelocation": "left",
        "axes.labelsize": LABEL,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "xtick.labelsize": TICK,
        "ytick.labelsize": TICK,
        "legend.fontsize": NOTE,
        "legend.title_fontsize": NOTE,
        "legend.frameon": False,
        "figure.titlesize": TITLE,
        "image.cmap": SEQUENTIAL,
    }


def new_figure(width: float, height: float, *, source: Source, **subplots) -> tuple[Figure, Axes]:
    """A figure of ``width`` × ``height`` inches of chart plus the source strip, with constrained layout.

    ``subplots`` go to :func:`matplotlib.pyplot.subplots` (nrows, ncols,
    gridspec_kw, sharex ...). Constrained layout keeps every label inside the
    figure; the source line sits in its own strip below the chart.
    """
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(figsize=(width, height + SOURCE_STRIP), layout="constrained", **subplots)
    add_source_line(fig, source)
    return fig, axes


def add_source_line(fig: Figure, source: Source) -> None:
    """The document, its date and the policytext version, small, at the bottom left of the figure."""
    strip = SOURCE_STRIP / fig.get_figheight()
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set"):
        engine.set(rect=(0, strip, 1, 1 - strip))
    fig.text(0.01, strip / 2, source.line, fontsize=SOURCE, color=DARK_GREY, ha="left", va="center", gid=SOURCE_GID)


def no_data(title: str, message: str, *, source: Source, width: float = 8.0) -> Figure:
    """A figure that says in words that the document has nothing to show here, instead of empty axes."""
    fig, ax = new_figure(width, 1.4, source=source)
    ax.set_axis_off()
    ax.set_title(title)
    ax.text(0.5, 0.45, message, ha="center", va="center", fontsize=LABEL, color=DARK_GREY,
            transform=ax.transAxes, gid=NO_DATA_GID)
    return fig


def bar_labels(ax: Axes, values, positions, texts, *, horizontal: bool = True, fontsize: float = NOTE) -> None:
    """A small label at the end of each bar."""
    for value, position, text in zip(values, positions, texts):
        if horizontal:
            ax.text(value, position, f" {text}", va="center", ha="left", fontsize=fontsize)
        else:
            ax.text(position, value, text, va="bottom", ha="center", fontsize=fontsize)
