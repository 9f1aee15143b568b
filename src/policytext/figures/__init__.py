"""The figures layer: charts drawn from tables, in one style, that show Chinese on any machine and can be shared as they are.

Layers: the analyses make tables; the chart modules here draw them. A chart
never takes a document, only tables (and the outline, for section titles and
the body's extent), and every chart has the same shape::

    plot_x(table, [other tables], *, [outline=...], source=Source, [options]) -> (Figure, DataFrame)

where the DataFrame is what the figure shows, saved beside it as CSV by
:func:`save_figure`. A document with nothing to show gets a figure that says
so in words. One chart module per notebook:

- :mod:`.document` (00): page map, section lengths, sentence lengths
- :mod:`.rhetoric` (01): word cloud, top words, dispersion, co-occurrence, devices, directive language
- :mod:`.indicators` (02): claims table, counted institutions, rates, where values are hidden
- :mod:`.phrasing` (03): reuse map, coverage, keyness, section similarity, formulation timeline
- :mod:`.corpus` (04): documents side by side

Shared pieces: :mod:`.style` (palette, type scale, source line, the "no data"
figure), :mod:`.labels` (:class:`Source`, fitting labels), :mod:`.fonts` (the
bundled subset of Noto Sans CJK SC), :mod:`.saving` (PNG + SVG + CSV,
deterministic). Call :func:`use_chinese_font` before drawing: matplotlib picks
a text's font when the text is made.
"""

from .cloud import wordcloud
from .fonts import BUNDLED_FONT, FALLBACK_FAMILY, FONT_ENV, SVG_HASHSALT, font_path, missing_characters, use_chinese_font
from .labels import Source, section_label, short_title, shorten, wrap
from .saving import (
    DISPLAY_DPI, FIGURE_FORMATS, PNG_DPI, SavedFigure, figure_title, read_caption, save_figure, stable_clip_ids,
)

__all__ = [
    "BUNDLED_FONT",
    "DISPLAY_DPI",
    "FALLBACK_FAMILY",
    "FIGURE_FORMATS",
    "FONT_ENV",
    "PNG_DPI",
    "SVG_HASHSALT",
    "SavedFigure",
    "Source",
    "figure_title",
    "font_path",
    "missing_characters",
    "read_caption",
    "save_figure",
    "stable_clip_ids",
    "section_label",
    "short_title",
    "shorten",
    "use_chinese_font",
    "wordcloud",
    "wrap",
]
