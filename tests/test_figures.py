"""Figures show Chinese (not boxes) from the bundled font and are written deterministically."""

from __future__ import annotations

import io
import re
import unicodedata
import warnings
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest
from fontTools.ttLib import TTFont
from matplotlib import font_manager
from matplotlib import pyplot as plt
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from PIL import Image, ImageFile

from policytext import figures
from policytext.errors import PolicytextError

ROOT = Path(__file__).resolve().parents[1]
DEJAVU_SANS = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
# CJK Extension B: in neither the subset nor DejaVu Sans.
UNSUPPORTED = "\U00020021"
LABELS = ["新质生产力", "發展", "××", "“书架”", "科技创新—引领…"]


def _cmap(path: Path) -> set[int]:
    with TTFont(path, lazy=True) as font:
        return set(font.getBestCmap())


def _data_characters() -> set[str]:
    # data/eval/ is scored, never drawn (scripts/build_font.py leaves it out too).
    paths = [path for path in (*ROOT.glob("data/**/*.txt"), *ROOT.glob("data/**/*.tsv"))
             if path.relative_to(ROOT / "data").parts[0] != "eval"]
    assert paths, "no data files found: the coverage test would be vacuous"
    text = "".join(path.read_text(encoding="utf-8") for path in paths)
    return {c for c in text if not c.isspace() and unicodedata.category(c)[0] != "C"}


def _double_byte(codec: str, leads: range, trails: list[range]) -> set[str]:
    chars = set()
    for lead in leads:
        for trail in (t for r in trails for t in r):
            try:
                char = bytes((lead, trail)).decode(codec)
            except UnicodeDecodeError:
                continue
            if unicodedata.name(char, "").startswith("CJK UNIFIED"):
                chars.add(char)
    return chars


@pytest.fixture
def family(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(figures.FONT_ENV, raising=False)
    with matplotlib.rc_context():  # use_chinese_font changes global rcParams
        yield figures.use_chinese_font()
    plt.close("all")


def _chart() -> tuple[Figure, pd.DataFrame]:
    data = pd.DataFrame({"label": LABELS, "count": [12, 7, -3, 5, 9]})
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.bar(data["label"], data["count"])
    ax.set_title("新质生产力：简体与繁體")
    ax.set_ylabel("次数")
    return fig, data


def _ink(text: str, tmp_path: Path) -> np.ndarray:
    """Pixels darker than mid-grey in the saved PNG of a figure holding only ``text``."""
    fig = plt.figure(figsize=(1.2, 0.6))
    fig.text(0.5, 0.5, text, fontsize=24, ha="center", va="center")
    png = figures.save_figure(fig, f"ink-{ord(text[0]):x}", data=pd.DataFrame(), outdir=tmp_path)["png"]
    return np.asarray(Image.open(png).convert("L")) < 128


# --- the bundled font ---------------------------------------------------------


def test_bundled_font_is_the_renamed_simplified_chinese_face():
    font_bytes = figures.BUNDLED_FONT.read_bytes()
    assert font_bytes[:4] == b"\x00\x01\x00\x00"  # one TrueType font, not a "ttcf" collection
    assert 6_000_000 < len(font_bytes) < 8_000_000
    with TTFont(figures.BUNDLED_FONT) as font:
        assert font["name"].getDebugName(1) == "Noto Sans CJK SC Subset"
        cmap = font.getBestCmap()
        # The collection maps these to different glyphs per region; the JP face
        # (face 0) uses cid27873 and cid45132.
        assert cmap[ord("直")] == "cid27874"
        assert cmap[ord("骨")] == "cid45133"
    assert (figures.BUNDLED_FONT.parent / "OFL.txt").read_text(encoding="utf-8").count("SIL OPEN FONT LICENSE") == 1


def test_bundled_font_covers_gb2312_and_big5_level1_hanzi():
    cmap = _cmap(figures.BUNDLED_FONT)
    gb2312 = _double_byte("gb2312", range(0xB0, 0xF8), [range(0xA1, 0xFF)])
    big5 = {c for c in _double_byte("big5", range(0xA4, 0xC7), [range(0x40, 0x7F), range(0xA1, 0xFF)]) if c.encode("big5") <= b"\xc6\x7e"}
    assert (len(gb2312), len(big5)) == (6763, 5401)
    assert sorted(c for c in gb2312 | big5 if ord(c) not in cmap) == []


def test_bundled_font_covers_every_gbk_hanzi_so_any_document_renders():
    """Not only the seed's characters: the whole CJK Unified Ideographs block (GBK), e.g. 堃 and 喆 of names."""
    cmap = _cmap(figures.BUNDLED_FONT)
    gbk = _double_byte("gbk", range(0x81, 0xFF), [range(0x40, 0x7F), range(0x80, 0xFF)])
    assert len(gbk) > 20_900
    assert sorted(c for c in gbk if ord(c) not in cmap) == []
    assert all(ord(c) in cmap for c in "堃喆犇淼燚")
    assert all(cp in cmap for cp in range(0x4E00, 0x9FA6))


def test_every_character_in_the_data_has_a_glyph():
    covered = _cmap(figures.BUNDLED_FONT) | _cmap(DEJAVU_SANS)
    missing = sorted(c for c in _data_characters() if ord(c) not in covered)
    assert missing == [], f"rebuild the font (scripts/build_font.py): {''.join(missing)}"


def test_unsupported_character_really_is_unsupported():
    # Precondition of the guard tests below.
    assert ord(UNSUPPORTED) not in _cmap(figures.BUNDLED_FONT) | _cmap(DEJAVU_SANS)


# --- matplotlib ---------------------------------------------------------------


def test_use_chinese_font_registers_once_and_sets_fallback(family):
    assert family == "Noto Sans CJK SC Subset"
    assert figures.use_chinese_font() == family
    fname = str(figures.BUNDLED_FONT.resolve())
    assert sum(entry.fname == fname for entry in font_manager.fontManager.ttflist) == 1
    assert matplotlib.rcParams["font.family"] == [family, "DejaVu Sans"]
    assert matplotlib.rcParams["axes.unicode_minus"] is False
    assert matplotlib.rcParams["svg.fonttype"] == "path"
    assert font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False) == fname


def test_chinese_figure_saves_without_missing_glyph_warnings(family, tmp_path):
    fig, data = _chart()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        paths = figures.save_figure(fig, "简繁对照", data=data, outdir=tmp_path)
    assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []
    assert {fmt: path.name for fmt, path in paths.items()} == {
        "png": "简繁对照.png",
        "svg": "简繁对照.svg",
        "csv": "简繁对照.csv",
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths.values())
    assert Image.open(paths["png"]).info.get("dpi", (0, 0))[0] == pytest.approx(300, abs=1)
    assert not plt.fignum_exists(fig.number)  # closed after saving


def test_missing_glyph_fails_and_leaves_previous_files_untouched(family, tmp_path):
    fig, data = _chart()
    paths = figures.save_figure(fig, "chart", data=data, outdir=tmp_path)
    before = {fmt: path.read_bytes() for fmt, path in paths.items()}

    fig, _ = _chart()
    fig.axes[0].set_title(f"生僻字{UNSUPPORTED}")
    # pyproject's filterwarnings turns the warning into an error; this proves it.
    with pytest.raises(UserWarning, match=r"Glyph .* missing from font"):
        figures.save_figure(fig, "chart", data=data.head(1), outdir=tmp_path)

    assert {fmt: path.read_bytes() for fmt, path in paths.items()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chart.csv", "chart.png", "chart.svg"]  # no temporaries


def test_chinese_is_drawn_as_distinct_glyphs_not_boxes(family, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        box = _ink(UNSUPPORTED, tmp_path)  # the font's .notdef, what "tofu" looks like
    inks = {char: _ink(char, tmp_path) for char in "新發书力×“"}
    assert box.sum() > 0
    for char, ink in inks.items():
        assert ink.sum() > 50, f"{char} left no ink"
        assert not np.array_equal(ink, box), f"{char} rendered as the missing-glyph box"
    # Boxes would all look alike; real glyphs do not.
    assert len({ink.tobytes() for ink in inks.values()}) == len(inks)


def test_title_region_of_png_has_ink(family, tmp_path):
    fig = plt.figure(figsize=(4, 1))
    fig.text(0.5, 0.5, "新质生产力", fontsize=30, ha="center", va="center")
    png = figures.save_figure(fig, "title", data=pd.DataFrame(), outdir=tmp_path)["png"]
    dark = np.asarray(Image.open(png).convert("L")) < 128
    rows, cols = np.nonzero(dark)
    # Five square glyphs side by side: ink spread about five times wider than tall.
    assert dark.sum() > 2000
    width, height = np.ptp(cols) + 1, np.ptp(rows) + 1
    assert 4 < width / height < 6.5


def _save_chart(outdir: Path) -> dict[str, Path]:
    fig, data = _chart()
    return figures.save_figure(fig, "chart", data=data, outdir=outdir)


def test_saving_twice_gives_identical_bytes(family, tmp_path):
    first = _save_chart(tmp_path / "a")
    second = _save_chart(tmp_path / "b")
    for fmt in figures.FIGURE_FORMATS:
        assert first[fmt].read_bytes() == second[fmt].read_bytes(), fmt
    again = _save_chart(tmp_path / "a")  # overwriting in place
    assert again["svg"].read_bytes() == second["svg"].read_bytes()

    png = first["png"].read_bytes()
    assert b"Software" not in png and b"Matplotlib version" not in png
    assert "<dc:date>" not in first["svg"].read_text(encoding="utf-8")


class _CountingLayout(ConstrainedLayoutEngine):
    """Constrained layout that counts its runs."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.runs = 0

    def execute(self, fig: Figure) -> None:
        self.runs += 1
        super().execute(fig)


def _heatmap() -> tuple[Figure, pd.DataFrame]:
    # A colorbar: its axes are placed by a locator that savefig consults when it crops to the saved area.
    data = pd.DataFrame({"部分": ["一", "二", "三"], "份额": [0.1, 0.5, 0.9]})
    fig, ax = plt.subplots(figsize=(5, 3), layout=_CountingLayout())
    image = ax.imshow(np.arange(12.0).reshape(3, 4), cmap="Blues")
    fig.colorbar(image, ax=ax, shrink=0.8).set_label("份额")
    ax.set_yticks(range(3), data["部分"])
    ax.set_title("各部分的份额")
    return fig, data


def _crowded() -> tuple[Figure, pd.DataFrame]:
    # What a draw places and a measure must find too: a legend at "best", an axis offset ("1e6"), a table whose
    # column widths are set when drawn, wrapped text, an annotation outside the axes, a figure title.
    data = pd.DataFrame({"年份": ["2021", "2022", "2023"], "产值": [3.1e6, 3.4e6, 3.9e6]})
    fig, ax = plt.subplots(figsize=(5, 3.5), layout=_CountingLayout())
    ax.plot(data["年份"], data["产值"], label="产值（元）")
    ax.plot(data["年份"], data["产值"] * 0.9, label="目标")
    ax.legend(loc="best")
    table = ax.table(cellText=[data["产值"].map("{:,.0f}".format).tolist()], rowLabels=["产值"], loc="bottom",
                     bbox=[0, -0.45, 1, 0.2])
    table.auto_set_column_width([0, 1, 2])
    ax.text(0.02, 0.95, "新质生产力 " * 12, transform=ax.transAxes, wrap=True, va="top", fontsize=7)
    ax.annotate("截断", xy=(2, 3.9e6), xytext=(1.08, 1.02), textcoords="axes fraction",
                arrowprops={"arrowstyle": "->"})
    fig.suptitle("各年产值")
    return fig, data


@pytest.mark.parametrize("chart", [_heatmap, _crowded])
def test_save_lays_out_once_and_draws_each_format_once(family, tmp_path, chart):
    fig, data = chart()
    engine = fig.get_layout_engine()
    draws: list[str] = []
    fig.canvas.mpl_connect("draw_event", lambda event: draws.append(type(event.renderer).__name__))
    figures.save_figure(fig, "chart", data=data, outdir=tmp_path)
    # savefig(bbox_inches="tight") would lay out and measure in a draw of its own, for each format.
    assert engine.runs == 1
    # One draw per format: the PNG's, then the SVG's.
    assert len(draws) == 2, draws
    assert draws[0] == "RendererAgg" and draws[1] != "RendererAgg"


@pytest.mark.parametrize("chart", [_heatmap, _crowded])
def test_png_is_the_one_a_tight_savefig_makes_and_svg_shows_the_same_area(family, tmp_path, chart):
    saved = figures.save_figure(chart()[0], "chart", data=pd.DataFrame(), outdir=tmp_path)
    tight = io.BytesIO()
    chart()[0].savefig(tight, format="png", dpi=figures.PNG_DPI, bbox_inches="tight")
    with Image.open(saved["png"]) as ours, Image.open(tight) as theirs:
        assert ours.size == theirs.size
        assert np.array_equal(np.asarray(ours), np.asarray(theirs))
        width, height = ours.size
    svg = saved["svg"].read_text(encoding="utf-8")
    points = re.search(r'<svg[^>]* width="([0-9.]+)pt" height="([0-9.]+)pt"', svg)
    assert points, "the SVG states its size in points"
    scale = figures.PNG_DPI / 72
    assert float(points[1]) * scale == pytest.approx(width, abs=1)
    assert float(points[2]) * scale == pytest.approx(height, abs=1)


def test_svg_clip_paths_are_named_after_what_they_clip(family, tmp_path):
    # matplotlib hashes a clip rectangle's unrounded floats: a layout that moves by 1e-13 renames it though the
    # printed rectangle is the same. Two axes whose rectangles differ only in such noise must give one SVG.
    def saved(noise: float, folder: str) -> str:
        fig, ax = plt.subplots(figsize=(4, 3))
        ax.bar(["a", "b"], [1, 2])
        left, bottom, width, height = ax.get_position().bounds
        ax.set_position([left + noise, bottom, width, height])
        return figures.save_figure(fig, "clip", data=pd.DataFrame({"x": [1]}), outdir=tmp_path / folder)["svg"].read_text(
            encoding="utf-8")

    plain, nudged = saved(0.0, "a"), saved(1e-13, "b")
    assert plain == nudged
    assert 'clip-path="url(#clip' in plain and 'id="p' not in plain.split("<defs>")[-1]
    # Different rectangles keep different names, and every reference points at a defined clip path.
    svg = figures.stable_clip_ids(
        '<g clip-path="url(#pa1)"/><g clip-path="url(#pb2)"/><defs><clipPath id="pa1"><rect x="1"/></clipPath>'
        '<clipPath id="pb2"><rect x="2"/></clipPath></defs>')
    references = re.findall(r"url\(#([^)]+)\)", svg)
    assert len(set(references)) == 2 and all(f'id="{name}"' in svg for name in references)


def test_svg_draws_text_as_paths(family, tmp_path):
    fig, data = _chart()
    svg = figures.save_figure(fig, "chart", data=data, outdir=tmp_path)["svg"].read_text(encoding="utf-8")
    assert "<text" not in svg and "font-family" not in svg
    assert svg.count("<path") > len("新质生产力简体与繁體")


def test_csv_has_bom_and_round_trips(family, tmp_path):
    fig, data = _chart()
    csv = figures.save_figure(fig, "chart", data=data, outdir=tmp_path)["csv"]
    raw = csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" not in raw
    assert raw.decode("utf-8-sig").splitlines()[0] == "label,count"
    pd.testing.assert_frame_equal(pd.read_csv(csv, encoding="utf-8-sig"), data)


@pytest.mark.parametrize("name", ["../escape", "a/b", "a\\b", "..", "", " ", ".hidden", "x:y", "chart\n"])
def test_invalid_names_are_rejected(family, tmp_path, name):
    fig, data = _chart()
    outdir = tmp_path / "out"
    with pytest.raises(PolicytextError):
        figures.save_figure(fig, name, data=data, outdir=outdir)
    assert not outdir.exists()


# --- font override ------------------------------------------------------------


def test_font_override_is_used(monkeypatch, tmp_path):
    mono = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSansMono.ttf"
    override = tmp_path / "custom.ttf"
    override.write_bytes(mono.read_bytes())
    monkeypatch.setenv(figures.FONT_ENV, str(override))
    # Keep the temporary font out of the font manager the other tests share.
    monkeypatch.setattr(font_manager.fontManager, "ttflist", list(font_manager.fontManager.ttflist))
    assert figures.font_path() == override
    with matplotlib.rc_context():
        assert figures.use_chinese_font() == "DejaVu Sans Mono"
        assert matplotlib.rcParams["font.family"][0] == "DejaVu Sans Mono"
    assert figures.wordcloud({"policy": 2.0, "text": 1.0}, width=200, height=100).font_path == str(override)


def test_missing_font_override_is_a_one_line_error(monkeypatch, tmp_path):
    monkeypatch.setenv(figures.FONT_ENV, str(tmp_path / "nope.otf"))
    with pytest.raises(PolicytextError, match=figures.FONT_ENV) as info:
        figures.font_path()
    assert "\n" not in str(info.value)
    with pytest.raises(PolicytextError):
        figures.use_chinese_font()


def test_unreadable_font_override_is_a_policytext_error(monkeypatch, tmp_path):
    override = tmp_path / "broken.ttf"
    override.write_bytes(b"not a font")
    monkeypatch.setenv(figures.FONT_ENV, str(override))
    with matplotlib.rc_context(), pytest.raises(PolicytextError, match="cannot read font"):
        figures.use_chinese_font()


# --- word cloud ---------------------------------------------------------------

FREQUENCIES = {"新质生产力": 30, "科技创新": 22, "發展": 15, "产业": 12, "人才": 9, "改革": 7, "××": 3}


def _pixels(cloud) -> np.ndarray:
    return np.asarray(cloud.to_array())


def test_wordcloud_is_deterministic_and_seeded(monkeypatch):
    monkeypatch.delenv(figures.FONT_ENV, raising=False)
    first = figures.wordcloud(FREQUENCIES, width=400, height=240, seed=3)
    second = figures.wordcloud(dict(FREQUENCIES), width=400, height=240, seed=3)
    other = figures.wordcloud(FREQUENCIES, width=400, height=240, seed=4)
    assert np.array_equal(_pixels(first), _pixels(second))
    assert not np.array_equal(_pixels(first), _pixels(other))
    assert first.font_path == str(figures.BUNDLED_FONT)
    assert first.collocations is False
    assert {word for (word, _), *_ in first.layout_} == set(FREQUENCIES)
    image = _pixels(first)
    assert image.shape == (240, 400, 3)
    assert (image.min(axis=2) < 200).sum() > 1000  # words were drawn on the white background


def test_wordcloud_draws_glyphs_not_boxes(monkeypatch):
    monkeypatch.delenv(figures.FONT_ENV, raising=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        boxes = figures.wordcloud({UNSUPPORTED * 3: 1.0}, width=300, height=120)
    words = figures.wordcloud({"新质生": 1.0}, width=300, height=120)
    assert not np.array_equal(_pixels(words), _pixels(boxes))
    png = io.BytesIO()
    words.to_image().save(png, format="PNG")
    assert Image.open(png).size == (300, 120)


def test_wordcloud_warns_like_matplotlib_on_missing_glyph(monkeypatch):
    monkeypatch.delenv(figures.FONT_ENV, raising=False)
    with pytest.raises(UserWarning, match=r"Glyph .* missing from font"):
        figures.wordcloud({f"生僻{UNSUPPORTED}": 1.0})


def test_wordcloud_without_words_is_a_policytext_error():
    with pytest.raises(PolicytextError):
        figures.wordcloud({"": 3.0, "新质生产力": 0})


@pytest.mark.parametrize("layout_scale", [1, 2, 3])
def test_wordcloud_layout_scale_keeps_the_image_size(monkeypatch, layout_scale):
    monkeypatch.delenv(figures.FONT_ENV, raising=False)
    cloud = figures.wordcloud(FREQUENCIES, width=420, height=240, seed=3, layout_scale=layout_scale)
    assert _pixels(cloud).shape == (240, 420, 3)
    assert {word for (word, _), *_ in cloud.layout_} == set(FREQUENCIES)


def test_wordcloud_layout_scale_below_one_is_a_policytext_error():
    with pytest.raises(PolicytextError, match="layout_scale"):
        figures.wordcloud(FREQUENCIES, layout_scale=0)


def test_caption_is_read_from_a_saved_figure_without_decoding_its_pixels(family, tmp_path, monkeypatch):
    fig, data = _chart()
    saved = figures.save_figure(fig, "chart", data=data, outdir=tmp_path)
    # A caption stored before the pixels (as save_figure stores it) is read without loading the image.
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: pytest.fail("the whole image was decoded"))
    assert figures.read_caption(saved["png"]) == "新质生产力：简体与繁體"


def test_caption_stored_after_the_pixels_is_still_found(tmp_path):
    import zlib

    path = _plain_png(tmp_path)
    data = path.read_bytes()
    text = b"Description\x00late caption"
    chunk_bytes = len(text).to_bytes(4, "big") + b"tEXt" + text + zlib.crc32(b"tEXt" + text).to_bytes(4, "big")
    end = data.rindex(b"IEND") - 4  # the IEND chunk's length field
    path.write_bytes(data[:end] + chunk_bytes + data[end:])
    assert figures.read_caption(path) == "late caption"
    assert figures.read_caption(_plain_png(tmp_path / "other")) == ""


def _plain_png(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "plain.png"
    Image.new("RGB", (4, 4)).save(path)
    return path
