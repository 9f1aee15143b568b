"""The font every figure draws Chinese with: the bundled subset, or the file named by ``POLICYTEXT_FONT``.

matplotlib resolves a text's font family when the text is made, not when it is
saved, so :func:`use_chinese_font` is called before any figure is created.
"""

from __future__ import annotations

import os
import warnings
from functools import lru_cache
from pathlib import Path

from ..errors import PolicytextError

FONT_ENV = "POLICYTEXT_FONT"
BUNDLED_FONT = Path(__file__).resolve().parent.parent / "fonts" / "NotoSansCJKsc-Regular-subset.ttf"
# Ships with matplotlib itself, so it exists wherever matplotlib does; it covers
# Greek, Cyrillic, arrows and maths signs that a CJK subset leaves out.
FALLBACK_FAMILY = "DejaVu Sans"
# SVG element ids are random unless salted; a fixed salt makes them repeatable.
SVG_HASHSALT = "policytext"


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
    """Make matplotlib draw Chinese with :func:`font_path` in the house style; returns the font's family name.

    Safe to call repeatedly. Glyphs the font lacks fall back to DejaVu Sans,
    one glyph at a time.
    """
    import matplotlib

    from .style import rc_params

    family = _register_font(font_path())
    matplotlib.rcParams.update(
        {
            **rc_params(),
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


def missing_characters(text: str, path: Path | None = None) -> list[str]:
    """The characters of ``text`` (whitespace aside) that the font has no glyph for, sorted."""
    covered = _code_points(str((path or font_path()).resolve()))
    return sorted({c for c in text if not c.isspace() and ord(c) not in covered})


def warn_missing_glyphs(text: str, path: Path, *, stacklevel: int = 3) -> None:
    """The same "Glyph … missing from font" warning matplotlib gives, for renderers (PIL) that draw a box silently."""
    for char in missing_characters(text, path):
        warnings.warn(f"Glyph {ord(char)} ({char}) missing from font {path.name}", UserWarning, stacklevel=stacklevel)


@lru_cache(maxsize=4)
def _code_points(fname: str) -> frozenset[int]:
    # fontTools comes with matplotlib; reading only the cmap is fast and lazy.
    from fontTools.ttLib import TTFont

    with TTFont(fname, lazy=True, fontNumber=0) as font:
        return frozenset(font.getBestCmap())


def font_subset(text: str) -> bytes:
    """The figures' font with only the glyphs of ``text``'s non-ASCII characters (ASCII comes from the reader's fonts)."""
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = ["kern", "palt", "halt"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]  # the copyright and the licence travel with it
    options.notdef_outline = True
    options.hinting = False
    options.recalc_timestamp = False
    font = TTFont(str(font_path()), recalcTimestamp=False)
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=sorted({ord(c) for c in text if ord(c) > 0x7F}))
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()
