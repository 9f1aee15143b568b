"""Figures that show Chinese on any machine and can be shared as they are.

The package ships a subset of Noto Sans CJK SC (``fonts/``), so no figure
depends on which CJK fonts, if any, the machine has. Every figure is written
as PNG and SVG together with the CSV of the numbers behind it, byte for byte
the same on every run.

Call :func:`use_chinese_font` before creating a figure: matplotlib resolves a
text's font family when the text is made, not when it is saved.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from policytext.errors import PolicytextError
from policytext.output import check_name, record_output, temporary_beside

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure
    from wordcloud import WordCloud

FONT_ENV = "POLICYTEXT_FONT"
BUNDLED_FONT = Path(__file__).resolve().parent / "fonts" / "NotoSansCJKsc-Regular-subset.ttf"
# Ships with matplotlib itself, so it exists wherever matplotlib does; it covers
# Greek, Cyrillic, arrows and maths signs that a CJK subset leaves out.
FALLBACK_FAMILY = "DejaVu Sans"
PNG_DPI = 300
# SVG element ids are random unless salted; a fixed salt makes them repeatable.
SVG_HASHSALT = "policytext"
FIGURE_FORMATS = ("png", "svg", "csv")



def font_path() -> Path:
    """The font for Chinese text: the file named by ``POLICYTEXT_FONT``, else the bundled subset."""
    if override := os.environ.get(FONT_ENV):
        path = Path(override).expanduser()
        if not path.is_file():
            raise PolicytextError(f"{FONT_ENV} names a font file that does not exist: {override}")
        return path
    if not BUNDLED_FONT.is_file():
        raise PolicytextError(f"the bundled font is missing ({BUNDLED_FONT}); reinstall policytext")
    return BUNDLED_FONT


def use_chinese_font() -> str:
    """Make matplotlib draw Chinese with :func:`font_path`; returns the font's family name.

    Safe to call repeatedly. Glyphs the font lacks fall back to DejaVu Sans,
    one glyph at a time.
    """
    import matplotlib

    family = _register_font(font_path())
    matplotlib.rcParams.update(
        {
            "font.family": [family, FALLBACK_FAMILY],
            # Keep negative ticks as ASCII "-": the CJK subset has no U+2212,
            # which would otherwise come from the fallback font in another style.
            "axes.unicode_minus": False,
            "svg.fonttype": "path",  # the SVG must not need the font on the reader's machine
            "svg.hashsalt": SVG_HASHSALT,
        }
    )
    return family


def _register_font(path: Path) -> str:
    from matplotlib import font_manager

    manager = font_manager.fontManager
    fname = str(path.resolve())
    # addfont() appends unconditionally; look first so repeated calls (every
    # notebook, every test) do not pile up duplicate entries.
    for entry in manager.ttflist:
        if entry.fname == fname:
            return entry.name
    try:
        manager.addfont(fname)
    except (OSError, RuntimeError, ValueError) as exc:
        raise PolicytextError(f"cannot read font file {fname}: {exc}") from None
    return next(entry.name for entry in manager.ttflist if entry.fname == fname)


def save_figure(
    fig: Figure,
    name: str,
    *,
    data: pd.DataFrame,
    outdir: str | os.PathLike[str],
    caption: str | None = None,
) -> dict[str, Path]:
    """Write ``<outdir>/<name>.png`` (300 dpi), ``.svg`` and ``.csv`` (``data``), then close ``fig``.

    ``caption`` (default: the figure's title) is stored in the PNG and SVG
    metadata, where the generated ``figures/README.md`` reads it. Returns the
    three paths by format. Either all three files are replaced or, if rendering
    fails, none is: the previous set stays as it was.
    """
    import matplotlib
    import pandas as pd
    from matplotlib import pyplot as plt

    _check_name(name)
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"data must be a pandas DataFrame, not {type(data).__name__}")
    folder = Path(outdir)
    folder.mkdir(parents=True, exist_ok=True)
    targets = {fmt: folder / f"{name}.{fmt}" for fmt in FIGURE_FORMATS}

    # Metadata that varies between runs (matplotlib version banner in PNG, date
    # in SVG) is dropped so that an unchanged figure is an unchanged file.
    caption = caption if caption is not None else figure_title(fig)
    writers: dict[str, Callable[[Path], object]] = {
        "png": lambda tmp: fig.savefig(
            tmp, format="png", dpi=PNG_DPI, bbox_inches="tight",
            metadata={"Software": None, "Title": name, "Description": caption},
        ),
        "svg": lambda tmp: fig.savefig(
            tmp, format="svg", bbox_inches="tight", metadata={"Date": None, "Title": name, "Description": caption}
        ),
        # BOM: Excel guesses a legacy code page for UTF-8 without one and shows mojibake.
        "csv": lambda tmp: data.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\n"),
    }
    # All three are rendered before any target is touched.
    temporaries = {fmt: temporary_beside(target) for fmt, target in targets.items()}
    try:
        with matplotlib.rc_context({"svg.hashsalt": SVG_HASHSALT, "svg.fonttype": "path"}):
            for fmt in FIGURE_FORMATS:
                writers[fmt](temporaries[fmt])
        for fmt in FIGURE_FORMATS:
            os.replace(temporaries[fmt], targets[fmt])
            record_output(targets[fmt])
    finally:
        for tmp in temporaries.values():
            tmp.unlink(missing_ok=True)
        plt.close(fig)
    return targets


def figure_title(fig: Figure) -> str:
    """The figure's suptitle, else the first axes title: the default caption."""
    if getattr(fig, "_suptitle", None) is not None and fig._suptitle.get_text():
        return fig._suptitle.get_text()
    for ax in fig.axes:
        for loc in ("center", "left", "right"):
            if title := ax.get_title(loc):
                return title
    return ""


def read_caption(png: Path) -> str:
    """The caption stored in a PNG written by :func:`save_figure`."""
    from PIL import Image

    with Image.open(png) as image:
        return image.text.get("Description", "") if hasattr(image, "text") else ""


def _check_name(name: str) -> None:
    check_name(name)


def wordcloud(
    frequencies: Mapping[str, float],
    *,
    width: int = 1600,
    height: int = 900,
    seed: int = 0,
    max_words: int = 150,
    layout_scale: int = 2,
) -> WordCloud:
    """A word cloud of ``frequencies`` (word → weight) in the Chinese font; the same input and seed give the same image.

    The image is ``width`` × ``height`` pixels; the words are placed on a grid
    ``layout_scale`` times coarser (wordcloud's ``scale``), which makes the
    layout, the slow part, about three times faster at 2 with the same output size.

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
    _warn_missing_glyphs("".join(words), path)
    if layout_scale < 1:
        raise PolicytextError(f"layout_scale must be at least 1, got {layout_scale}")
    cloud = WordCloud(
        font_path=str(path),
        width=max(1, round(width / layout_scale)),
        height=max(1, round(height / layout_scale)),
        scale=layout_scale,
        random_state=seed,
        max_words=max_words,
        collocations=False,
        background_color="white",
    )
    return cloud.generate_from_frequencies(words)


def _warn_missing_glyphs(text: str, path: Path) -> None:
    covered = _code_points(str(path.resolve()))
    for char in sorted({c for c in text if not c.isspace() and ord(c) not in covered}):
        warnings.warn(f"Glyph {ord(char)} ({char}) missing from font {path.name}", UserWarning, stacklevel=3)


@lru_cache(maxsize=4)
def _code_points(fname: str) -> frozenset[int]:
    # fontTools comes with matplotlib; reading only the cmap is fast and lazy.
    from fontTools.ttLib import TTFont

    with TTFont(fname, lazy=True, fontNumber=0) as font:
        return frozenset(font.getBestCmap())
