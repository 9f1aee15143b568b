"""Build the font subset that ships in ``src/policytext/fonts/``.

Figures must show Chinese on a machine with no CJK font installed (CI, a
fresh laptop), so the package carries a subset of Noto Sans CJK SC (SIL OFL
1.1): every hanzi of GBK (the whole CJK Unified Ideographs block, so any
document in simplified or traditional characters renders, not only the ones
in the repository), Big5 level-1 hanzi, CJK and full-width punctuation,
ASCII, Latin-1 and every character in the repository's text data.

Usage (from the repository root, with fontTools installed)::

    python scripts/build_font.py [--source /path/to/NotoSansCJK-Regular.ttc]

The source is Debian's ``fonts-noto-cjk`` collection by default (upstream:
https://github.com/notofonts/noto-cjk, ``Sans/OTC/NotoSansCJK-Regular.ttc``);
a single-face ``NotoSansCJKsc-Regular.otf`` works as well. The same source font
and fontTools version give the same output bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import unicodedata
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
OUTPUT = ROOT / "src" / "policytext" / "fonts" / "NotoSansCJKsc-Regular-subset.ttf"

SOURCE_FAMILY = "Noto Sans CJK SC"
FAMILY = "Noto Sans CJK SC Subset"
POSTSCRIPT_NAME = "NotoSansCJKscSubset-Regular"

# Text the figures set horizontally and never shape beyond kerning and
# proportional CJK punctuation; everything else in GSUB/GPOS only adds size.
LAYOUT_FEATURES = ["kern", "palt", "halt"]

# ASCII, Latin-1, General Punctuation (— … “ ” ‘ ’ ·), CJK Symbols and
# Punctuation, Halfwidth and Fullwidth Forms. × and · are in Latin-1.
RANGES = [
    (0x0020, 0x007E),
    (0x00A0, 0x00FF),
    (0x2000, 0x206F),
    (0x3000, 0x303F),
    (0xFF00, 0xFFEF),
]


def _is_hanzi(char: str) -> bool:
    return unicodedata.name(char, "").startswith("CJK ") and unicodedata.category(char) == "Lo"


def _double_byte(codec: str, leads: range, trails: list[range]) -> set[str]:
    # Derive the repertoire from Python's codec tables rather than a pasted
    # character list: reviewable, and empty cells simply fail to decode.
    chars = set()
    for lead in leads:
        for trail_range in trails:
            for trail in trail_range:
                try:
                    text = bytes((lead, trail)).decode(codec)
                except UnicodeDecodeError:
                    continue
                if len(text) == 1 and _is_hanzi(text):
                    chars.add(text)
    return chars


def gb2312_hanzi() -> set[str]:
    """The 6,763 hanzi of GB 2312 (rows 16–87, bytes 0xB0A1–0xF7FE)."""
    return _double_byte("gb2312", range(0xB0, 0xF8), [range(0xA1, 0xFF)])


def gbk_hanzi() -> set[str]:
    """The 20,923 hanzi of GBK: all of CJK Unified Ideographs U+4E00–U+9FA5 plus a few compatibility forms.

    GB 2312 (6,763) and Big5 level 1 (5,401) cover the seed, but a speech with
    a rarer name or place (a character of Big5 level 2, 堃, 喆 …) would draw
    boxes; GBK is the repertoire every Chinese text encoder handles.
    """
    return _double_byte("gbk", range(0x81, 0xFF), [range(0x40, 0x7F), range(0x80, 0xFF)])


def big5_level1_hanzi() -> set[str]:
    """The 5,401 frequent hanzi of Big5 (bytes 0xA440–0xC67E)."""
    chars = _double_byte("big5", range(0xA4, 0xC7), [range(0x40, 0x7F), range(0xA1, 0xFF)])
    # Level 1 ends at 0xC67E; what follows under lead byte 0xC6 is not level 1.
    return {c for c in chars if c.encode("big5") <= b"\xc6\x7e"}


# The evaluation set is scored, never drawn: its pages keep rare variant
# characters (爲 産 裏 in the 1954 report) that no figure shows.
NOT_DRAWN = ("eval",)


def data_characters(root: Path = ROOT) -> set[str]:
    """Every non-whitespace, non-control character in data/**/*.txt and *.tsv (but data/eval/)."""
    chars: set[str] = set()
    for pattern in ("*.txt", "*.tsv"):
        for path in sorted((root / "data").rglob(pattern)):
            if path.relative_to(root / "data").parts[0] not in NOT_DRAWN:
                chars.update(path.read_text(encoding="utf-8"))
    return {c for c in chars if not c.isspace() and unicodedata.category(c)[0] != "C"}


def wanted_characters(root: Path = ROOT) -> set[str]:
    chars = gb2312_hanzi() | gbk_hanzi() | big5_level1_hanzi() | data_characters(root)
    for first, last in RANGES:
        chars.update(chr(cp) for cp in range(first, last + 1))
    return chars


def open_sc_face(source: Path) -> TTFont:
    """The Simplified Chinese face, chosen by name: face 0 of the .ttc is JP,
    whose glyphs for 直, 骨, 次 … follow Japanese, not mainland, forms."""
    with source.open("rb") as stream:
        is_collection = stream.read(4) == b"ttcf"
    numbers = range(len(TTCollection(source, lazy=True).fonts)) if is_collection else [-1]
    faces = [TTFont(source, fontNumber=number, lazy=True) for number in numbers]
    for number, face in zip(numbers, faces):
        if face["name"].getDebugName(1) == SOURCE_FAMILY:
            return TTFont(source, fontNumber=number, recalcTimestamp=False)
    names = ", ".join(str(face["name"].getDebugName(1)) for face in faces)
    raise SystemExit(f"build_font: no face named {SOURCE_FAMILY!r} in {source} (found: {names})")


def rename(font: TTFont) -> None:
    """Give the subset its own family, so it can never be mistaken for (or
    shadowed by) a system-wide Noto Sans CJK SC with the full repertoire."""
    name = font["name"]
    version = name.getDebugName(5) or ""
    for name_id, value in {
        1: FAMILY,
        2: "Regular",
        3: f"{version.split(';')[0].removeprefix('Version ')};{POSTSCRIPT_NAME};policytext subset",
        4: FAMILY,
        6: POSTSCRIPT_NAME,
    }.items():
        name.removeNames(nameID=name_id)
        name.setName(value, name_id, 3, 1, 0x409)
        name.setName(value, name_id, 1, 0, 0)
    for name_id in (16, 17, 18, 21, 22):  # typographic names of the source, if any
        name.removeNames(nameID=name_id)


def to_truetype(font: TTFont, *, max_err: float = 1.0) -> None:
    """Replace the CFF outlines by quadratic TrueType ones, in place.

    matplotlib embeds fonts in PDF/PS with ``pdf.fonttype=42`` as TrueType
    (``/FontFile2``); a CFF-flavoured font lands there as an invalid "OTTO"
    blob that strict viewers refuse. TrueType outlines work in every backend
    and in PIL, for ~15 % more bytes. ``max_err`` is in font units (1/1000 em),
    far below a pixel at any size we print.
    """
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        # PostScript contours run counter-clockwise, TrueType ones clockwise.
        glyphs[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    if "VORG" in font:  # CFF-only vertical origins
        del font["VORG"]

    maxp = newTable("maxp")  # version 1.0 fields; compile() recalculates the counts
    maxp.tableVersion = 0x00010000
    for field in (
        "maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
        "maxStackElements", "maxSizeOfInstructions", "maxComponentElements", "maxPoints",
        "maxContours", "maxCompositePoints", "maxCompositeContours", "maxComponentDepth",
    ):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    font["head"].glyphDataFormat = 0

    # post format 2 keeps the source's glyph names (cid27874 …), by which a
    # test can tell the mainland form of a character from the Japanese one.
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"


def build(source: Path, output: Path, root: Path = ROOT) -> TTFont:
    font = open_sc_face(source)
    # Keep the source's own timestamp: fontTools would otherwise stamp "now"
    # into head.modified and no two builds would be byte-identical.
    font.recalcTimestamp = False

    options = subset.Options()
    options.layout_features = LAYOUT_FEATURES
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]  # keep copyright, licence
    options.name_languages = [0x0409]
    options.notdef_outline = True  # a missing glyph shows as a visible box, never as nothing
    options.glyph_names = True  # cidNNNNN names let tests tell SC forms from JP forms
    options.recalc_timestamp = False
    options.hinting = False  # CFF hints do not survive the TrueType conversion; FreeType autohints

    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=sorted(ord(c) for c in wanted_characters(root)))
    subsetter.subset(font)
    rename(font)
    to_truetype(font)

    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_suffix(output.suffix + ".tmp")
    font.save(tmp, reorderTables=True)
    tmp.replace(output)
    return font


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="Noto Sans CJK .ttc or SC .otf")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if not args.source.is_file():
        print(f"build_font: source font not found: {args.source} (install fonts-noto-cjk or pass --source)", file=sys.stderr)
        return 2
    font = build(args.source, args.output)
    data = args.output.read_bytes()
    print(
        f"{args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}: "
        f"{len(data):,} bytes, {font['maxp'].numGlyphs:,} glyphs, "
        f"{len(font.getBestCmap()):,} code points, sha256 {hashlib.sha256(data).hexdigest()}"
    )
    print(f"source {args.source}: sha256 {hashlib.sha256(args.source.read_bytes()).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
