"""Decode the bytes of a scraped document: strict decoders, in an order that cannot produce mojibake.

A guess that decodes without error is not proof: GBK bytes are often valid
Big5, EUC-KR or even short runs of UTF-8 (一要 in GBK is the UTF-8 of the
Cyrillic "һҪ"), and UTF-16 without a byte-order mark is valid GB18030. So
each reading is tried strictly, in an order where an earlier success cannot
be a misreading of a later one, and the ambiguous pair (GB18030 against Big5)
is decided by which reading is Chinese a reader would recognise:

1. a byte-order mark: UTF-32, UTF-8, UTF-16 (LE/BE);
2. bytes with NULs: UTF-32 or UTF-16 without a mark, recognised by their pattern;
3. UTF-8;
4. UTF-16 without a mark and without NULs (Chinese only), by its pattern;
5. a file pasted together from UTF-8 and GB18030 lines, only when every line is
   provably one or the other (a warning says so);
6. GB18030 (a strict superset of GB2312 and GBK), unless Big5 also decodes and
   reads as clearly more common Chinese, which is what traditional text in Big5
   does (GB18030 decodes almost any Big5 bytes, into rare characters and kana);
7. otherwise the file is refused in one line.

A file cut off inside its last character (a truncated download) is read up to
there, the leftover bytes shown as U+FFFD, with a warning: right after step 3
for UTF-8, within step 6 for GB18030 and Big5.

"Common Chinese" is measured against GB2312's first level, the 3,755 most used
characters (read from the codec, no table to ship), after converting
traditional characters to simplified with OpenCC.
"""

from __future__ import annotations

import codecs
import re
import warnings
from functools import lru_cache

from .errors import InputError, PolicytextWarning

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # must precede UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, newlines and form feed: text files have none.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01
# What Chinese prose in any encoding is made of: ASCII text, CJK ideographs (with
# extension A, compatibility ideographs and the supplementary planes), CJK and
# full-width punctuation, pinyin with its tone marks (ā ǎ, combining or not), and
# the symbol blocks outlines and figures use (①, ㈠, Ⅱ, ℃, ㎡, ■, ★, →, ≥, —, …).
_CHINESE_TEXT_CHAR = re.compile(
    "[\t\n\r\x20-\x7e\u00a0-\u024f\u02c7-\u02dd\u0300-\u036f\u2000-\u206f\u2100-\u22ff\u2460-\u27bf\u3000-\u33ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f]"
)
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# A reading of UTF-16 without a mark must be text through and through.
_MIN_UTF16_SHARE = 0.995
# Big5 wins over GB18030 only by a clear margin of common characters.
_BIG5_MARGIN = 0.1
# Characters of a reading enough to measure how common its characters are.
_SAMPLE = 50_000


def decode(data: bytes, *, source: str = "input") -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of a text file, or raise :class:`InputError`."""
    if not data:
        raise InputError(f"{source}: the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, source), encoding
    if b"\x00" in data:
        found = _utf32_by_pattern(data) or _utf16_by_pattern(data)
        if found is None:
            raise InputError(f"{source}: this looks like a binary file, not text (it contains NUL bytes)")
        text, encoding = found
    else:
        text, encoding = _decode_without_nul(data, source)
    _reject_binary(text, source)
    return text, encoding


def _decode_without_nul(data: bytes, source: str) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # A download cut off inside its last character: UTF-8 up to there (before
    # the other readings, which would turn the whole UTF-8 text into mojibake).
    if (cut := _cut_inside_last_character(data, "utf-8")) is not None:
        warnings.warn(PolicytextWarning(f"{source}: ends inside a character (utf-8); its {len(data) - cut} "
                                        "leftover byte(s) are shown as U+FFFD"), stacklevel=3)
        return data[:cut].decode("utf-8") + "\ufffd", "utf-8"
    if (found := _utf16_by_pattern(data)) is not None:
        return found
    if (mixed := _mixed_lines(data)) is not None:
        text, encoding = mixed
        warnings.warn(PolicytextWarning(f"{source}: mixed encodings; lines decoded as {encoding}"), stacklevel=3)
        return text, encoding
    # Each reading whole, or up to a last character the file was cut inside of.
    readings = {}
    for encoding in ("gb18030", "big5"):
        if (text := _try(data, encoding)) is not None:
            readings[encoding] = (text, None)
        elif (cut := _cut_inside_last_character(data, encoding)) is not None:
            readings[encoding] = (data[:cut].decode(encoding) + "\ufffd", cut)
    if "gb18030" in readings and "big5" in readings:
        wins = common_share(readings["big5"][0]) > common_share(readings["gb18030"][0]) + _BIG5_MARGIN
        readings.pop("gb18030" if wins else "big5")
    for encoding, (text, cut) in readings.items():
        if cut is not None:
            warnings.warn(PolicytextWarning(f"{source}: ends inside a character ({encoding}); its {len(data) - cut} "
                                            "leftover byte(s) are shown as U+FFFD"), stacklevel=3)
        return text, encoding
    raise InputError(f"{source}: cannot tell which text encoding this file uses (not UTF-8, UTF-16, UTF-32, GB18030/GBK or Big5)")


def _cut_inside_last_character(data: bytes, encoding: str) -> int | None:
    """Where the last, incomplete character starts, if that is the only thing wrong with ``data`` in ``encoding``."""
    try:
        data.decode(encoding)
        return None
    except UnicodeDecodeError as exc:
        if exc.end != len(data) or len(data) - exc.start > 3:
            return None
        text = _try(data[: exc.start], encoding)
        return exc.start if text is not None and _HAN.search(text) else None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _utf32_by_pattern(data: bytes) -> tuple[str, str] | None:
    if len(data) % 4:
        return None
    for encoding, zero, plane in (("utf-32-le", 3, 2), ("utf-32-be", 0, 1)):
        if not data[zero::4].strip(b"\x00") and max(data[plane::4]) <= 0x10:
            text = _try(data, encoding)
            if text is not None and chinese_text_share(text) >= _MIN_UTF16_SHARE:
                return text, encoding
    return None


def _utf16_by_pattern(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a byte-order mark: the reading (LE or BE) that is Chinese text through and through."""
    if len(data) % 2:
        return None
    best = None
    for encoding in ("utf-16-le", "utf-16-be"):
        text = _try(data, encoding)  # strict: a lone surrogate fails
        if text is None or not _HAN.search(text):
            continue
        share = chinese_text_share(text)
        if share >= _MIN_UTF16_SHARE and (best is None or share > best[0]):
            best = (share, text, encoding)
    return (best[1], best[2]) if best else None


def chinese_text_share(text: str) -> float:
    """Share of the characters of ``text`` that Chinese prose is made of (see :data:`_CHINESE_TEXT_CHAR`)."""
    if not text:
        return 0.0
    return len(_CHINESE_TEXT_CHAR.findall(text)) / len(text)


def common_share(text: str) -> float:
    """Share of the non-ASCII characters of ``text`` that are common Chinese: frequent characters or punctuation.

    Traditional characters count through their simplified form, so Big5 and
    GB18030 readings are measured on one scale.
    """
    from .normalize import to_simplified

    wide = [c for c in text[:_SAMPLE] if ord(c) > 0x7F and not c.isspace()]
    if not wide:
        return 0.0
    common = _common_characters()
    simplified = to_simplified("".join(wide))
    return sum(c in common for c in simplified) / len(wide)


@lru_cache(maxsize=1)
def _common_characters() -> frozenset[str]:
    """GB2312's level-1 characters (the 3,755 most used) and the CJK punctuation prose uses."""
    level_one = {
        bytes((lead, trail)).decode("gb2312", errors="ignore")
        for lead in range(0xB0, 0xD8)
        for trail in range(0xA1, 0xFF)
    }
    punctuation = set("，。、；：？！“”‘’（）《》〈〉【】「」『』…—·～　％＋－×÷＝０１２３４５６７８９")
    return frozenset(level_one - {""}) | frozenset(punctuation)


def _mixed_lines(data: bytes) -> tuple[str, str] | None:
    """Text pasted together from a UTF-8 and a GB18030 source: decode line by line.

    Only when every line is provably one or the other: a line counts as UTF-8
    when it decodes as UTF-8 *and* the reading is Chinese text (GBK bytes that
    happen to be valid UTF-8 read as Cyrillic or Latin, not as Chinese), as
    GB18030 when it is not UTF-8 but is GB18030; ASCII lines are either. Both
    kinds must be there, else the file is one encoding and decoded whole.
    """
    parts, utf8_lines, gb_lines = [], 0, 0
    for line in data.splitlines(keepends=True):
        if line.isascii():
            parts.append(line.decode("ascii"))
            continue
        utf8 = _try(line, "utf-8")
        if utf8 is not None:
            if not (_HAN.search(utf8) and chinese_text_share(utf8) == 1.0):
                return None  # valid UTF-8 that is not Chinese: more likely GB bytes in disguise
            parts.append(utf8)
            utf8_lines += 1
            continue
        gb = _try(line, "gb18030")
        if gb is None:
            return None
        parts.append(gb)
        gb_lines += 1
    if utf8_lines and gb_lines:
        return "".join(parts), "mixed (utf-8 + gb18030)"
    return None


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: not valid {encoding} after its byte-order mark (byte {exc.start})") from None
    return text.removeprefix("\ufeff")


def _reject_binary(text: str, source: str) -> None:
    controls = len(_CONTROL.findall(text))
    if controls and controls > _MAX_CONTROL_SHARE * len(text):
        raise InputError(f"{source}: this looks like a binary file, not text ({controls} control characters)")
