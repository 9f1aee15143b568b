"""Writing a figure as PNG, SVG and the CSV behind it, byte for byte the same on every run."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..output import check_name, record_output, temporary_beside
from .fonts import SVG_HASHSALT

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure
    from matplotlib.transforms import Bbox

PNG_DPI = 300
FIGURE_FORMATS = ("png", "svg", "csv")
# matplotlib names a clip rectangle after a hash of its unrounded floats, which differ in the last bits between
# runs (text extents feed the layout) while the rectangle it prints is the same.
_CLIP_PATH = re.compile(r'<clipPath id="(p[0-9a-f]+)">(.*?)</clipPath>', re.DOTALL)
_CLIP_NAME = re.compile(r'(?<=id=")p[0-9a-f]+(?=")|(?<=url\(#)p[0-9a-f]+(?=\))')
# Jupyter shows the 300-dpi PNG at 100 pixels per inch of figure: the size a
# reader sees on screen, whatever the print resolution.
DISPLAY_DPI = 100


class SavedFigure(Mapping[str, Path]):
    """The written files by format (``saved["png"]``), shown in Jupyter as the PNG itself.

    The last expression of a figure cell is this object, so JupyterLab and
    the HTML report show the figure that was saved, not a dict of paths.
    """

    def __init__(self, paths: Mapping[str, Path], *, width: int) -> None:
        self._paths = dict(paths)
        self._width = width

    def __getitem__(self, fmt: str) -> Path:
        return self._paths[fmt]

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)

    def __repr__(self) -> str:
        return f"SavedFigure({', '.join(str(p) for p in self._paths.values())})"

    def _repr_png_(self) -> tuple[bytes, dict[str, int]]:
        return self._paths["png"].read_bytes(), {"width": self._width}


def save_figure(
    fig: Figure,
    name: str,
    *,
    data: pd.DataFrame,
    outdir: str | os.PathLike[str],
    caption: str | None = None,
) -> SavedFigure:
    """Write ``<outdir>/<name>.png`` (300 dpi), ``.svg`` and ``.csv`` (``data``), then close ``fig``.

    ``caption`` (default: the figure's title) is stored in the PNG and SVG
    metadata, where the generated ``figures/README.md`` reads it. Returns the
    three paths by format, an object Jupyter displays as the figure. Either all
    three files are replaced or, if rendering fails, none is: the previous set
    stays as it was. ``fig`` is laid out once, at the PNG's resolution, and
    both files print that layout and the same area (see :func:`_lay_out`).
    """
    import matplotlib
    import pandas as pd
    from matplotlib import pyplot as plt

    check_name(name)
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"data must be a pandas DataFrame, not {type(data).__name__}")
    folder = Path(outdir)
    folder.mkdir(parents=True, exist_ok=True)
    targets = {fmt: folder / f"{name}.{fmt}" for fmt in FIGURE_FORMATS}

    # Metadata that varies between runs (matplotlib version banner in PNG, date
    # in SVG) is dropped so that an unchanged figure is an unchanged file.
    caption = caption if caption is not None else figure_title(fig)
    # Each writer prints the area that _lay_out measured.
    writers: dict[str, Callable[[Path, Bbox], object]] = {
        "png": lambda tmp, area: fig.savefig(
            tmp, format="png", dpi=PNG_DPI, bbox_inches=area,
            metadata={"Software": None, "Title": name, "Description": caption},
        ),
        "svg": lambda tmp, area: _write_svg(
            fig, tmp, area, metadata={"Date": None, "Title": name, "Description": caption},
        ),
        # BOM: Excel guesses a legacy code page for UTF-8 without one and shows mojibake.
        "csv": lambda tmp, _area: data.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\n"),
    }
    width = round(fig.get_figwidth() * DISPLAY_DPI)
    # All three are rendered before any target is touched.
    temporaries = {fmt: temporary_beside(target) for fmt, target in targets.items()}
    try:
        # Automatic layout off, so that the layout engine _lay_out removes is not brought back from rcParams.
        with matplotlib.rc_context({"svg.hashsalt": SVG_HASHSALT, "svg.fonttype": "path",
                                    "figure.autolayout": False, "figure.constrained_layout.use": False}):
            area = _lay_out(fig)
            for fmt in FIGURE_FORMATS:
                writers[fmt](temporaries[fmt], area)
        for fmt in FIGURE_FORMATS:
            os.replace(temporaries[fmt], targets[fmt])
            record_output(targets[fmt])
    finally:
        for tmp in temporaries.values():
            tmp.unlink(missing_ok=True)
        plt.close(fig)
    return SavedFigure(targets, width=width)


def _lay_out(fig: Figure) -> Bbox:
    """Run ``fig``'s layout engine once, at the PNG's resolution, then remove it; the tight area both files print.

    ``savefig(bbox_inches="tight")`` lays the figure out and measures it in a
    draw of its own (painting nothing) before the draw that paints, and does
    so again for every format. The layout engine and ``get_tightbbox`` do not
    need that draw: each places what it measures (ticks, titles, legends,
    tables, annotations) as a draw would. So the layout runs here once, the
    area is measured once, and each format is drawn once. At the PNG's
    resolution, because text extents round to its pixels: the PNG is the one
    ``"tight"`` makes, and the SVG shows the same layout and area.
    """
    import matplotlib

    figure_dpi = fig.get_dpi()
    fig.set_dpi(PNG_DPI)
    try:
        # As Figure.draw runs it: only with axes to place, and a layout that fails (ValueError) leaves them as placed.
        if fig.axes and (engine := fig.get_layout_engine()) is not None:
            with contextlib.suppress(ValueError):
                engine.execute(fig)
        area = fig.get_tightbbox().padded(matplotlib.rcParams["savefig.pad_inches"])
    finally:
        fig.set_dpi(figure_dpi)
    # None, not "none": savefig draws once more, to measure, whenever a figure has any engine, even the
    # placeholder that "none" leaves. With automatic layout off in rcParams, None leaves no engine.
    fig.set_layout_engine(None)
    return area


def _write_svg(fig: Figure, path: Path, area: Bbox, *, metadata: dict[str, str | None]) -> None:
    fig.savefig(path, format="svg", bbox_inches=area, metadata=metadata)
    path.write_text(stable_clip_ids(path.read_text(encoding="utf-8")), encoding="utf-8")


def stable_clip_ids(svg: str) -> str:
    """``svg`` with each clip path named after what it draws (and its rank among equal ones), not matplotlib's hash."""
    names: dict[str, str] = {}
    seen: dict[str, int] = {}
    for match in _CLIP_PATH.finditer(svg):
        digest = hashlib.sha256(match.group(2).encode("utf-8")).hexdigest()[:10]
        seen[digest] = seen.get(digest, 0) + 1
        names[match.group(1)] = f"clip{digest}" + (f"-{seen[digest]}" if seen[digest] > 1 else "")
    if not names:
        return svg
    return _CLIP_NAME.sub(lambda m: names.get(m.group(), m.group()), svg)


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
        # Text chunks before the pixels are read when the file is opened. Only a caption stored after them needs
        # ``image.text``, which decodes the whole image first: seconds for a run's 300-dpi figures.
        if "Description" in image.info:
            return str(image.info["Description"])
        return image.text.get("Description", "") if hasattr(image, "text") else ""
