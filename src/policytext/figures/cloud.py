"""Word clouds drawn with the same font as every other figure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..errors import PolicytextError
from .fonts import font_path, warn_missing_glyphs

if TYPE_CHECKING:
    from wordcloud import WordCloud


def wordcloud(
    frequencies: Mapping[str, float],
    *,
    width: int = 1600,
    height: int = 900,
    seed: int = 0,
    max_words: int = 150,
    layout_scale: int = 2,
    colormap: str | None = None,
) -> WordCloud:
    """A word cloud of ``frequencies`` (word → weight) in the Chinese font; the same input and seed give the same image.

    The image is ``width`` × ``height`` pixels; the words are placed on a grid
    ``layout_scale`` times coarser (wordcloud's ``scale``), which makes the
    layout, the slow part, about three times faster at 2 with the same output size.
    ``colormap`` (a matplotlib colormap name) colours the words; wordcloud's
    default (viridis) is used when it is None.

    Words are placed as given, never re-split into "collocations" (that
    heuristic pairs English words and mangles segmented Chinese). A character
    the font lacks raises the same "Glyph … missing from font" warning as
    matplotlib, because PIL would silently draw a box.
    """
    from wordcloud import WordCloud

    words = {word: float(weight) for word, weight in frequencies.items() if word.strip() and weight > 0}
    if not words:
        raise PolicytextError("a word cloud needs at least one word with a positive frequency")
    path = font_path()
    warn_missing_glyphs("".join(words), path, stacklevel=3)
    if layout_scale < 1:
        raise PolicytextError(f"layout_scale must be at least 1, got {layout_scale}")
    options = {"colormap": colormap} if colormap else {}
    cloud = WordCloud(
        font_path=str(path),
        width=max(1, round(width / layout_scale)),
        height=max(1, round(height / layout_scale)),
        scale=layout_scale,
        random_state=seed,
        max_words=max_words,
        collocations=False,
        background_color="white",
        **options,
    )
    return cloud.generate_from_frequencies(words)
