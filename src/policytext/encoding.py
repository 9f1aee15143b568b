"""Decode the bytes of a scraped document.

Byte-order marks are trusted first, then strict UTF-8; anything else goes to
charset-normalizer, a maintained detector, and GB2312/GBK answers are widened
to GB18030 (a strict superset) so rarer characters still decode.
"""

from __future__ import annotations

import codecs
import re
import warnings

import charset_normalizer

from .errors import InputError, PolicytextWarning

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # must precede UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CHINESE_FAMILY = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "hz": "gb18030"}
# Control characters other than tab, newlines and form feed: text files have none.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01


def decode(data: bytes, *, source: str = "input") -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of a text file, or raise :class:`InputError`."""
    if not data:
        raise InputError(f"{source}: the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, source), encoding
    if b"\x00" in data:
        raise InputError(f"{source}: this looks like a binary file, not text (it contains NUL bytes)")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        mixed = _mixed_lines(data)
        if mixed is not None:
            text, encoding = mixed
            warnings.warn(PolicytextWarning(f"{source}: mixed encodings; lines decoded as {encoding}"), stacklevel=2)
        else:
            text, encoding = _detect(data, source)
    _reject_binary(text, source)
    return text, encoding


def _mixed_lines(data: bytes) -> tuple[str, str] | None:
    """Text pasted together from a UTF-8 and a GB18030 source: decode line by line.

    Only when both are really there: a line of non-ASCII valid UTF-8 is strong
    evidence of UTF-8 (GB-encoded Chinese almost never is), and a line that is
    not UTF-8 but is GB18030 is the other half.
    """
    parts, utf8_lines, gb_lines = [], 0, 0
    for line in data.splitlines(keepends=True):
        try:
            parts.append(line.decode("utf-8"))
            utf8_lines += not line.isascii()
        except UnicodeDecodeError:
            try:
                parts.append(line.decode("gb18030"))
            except UnicodeDecodeError:
                return None
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


def _detect(data: bytes, source: str) -> tuple[str, str]:
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError(f"{source}: cannot tell which text encoding this file uses")
    encoding = _CHINESE_FAMILY.get(best.encoding, best.encoding)
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        raise InputError(f"{source}: cannot decode the file (best guess {best.encoding} fails)") from None


def _reject_binary(text: str, source: str) -> None:
    controls = len(_CONTROL.findall(text))
    if controls and controls > _MAX_CONTROL_SHARE * len(text):
        raise InputError(f"{source}: this looks like a binary file, not text ({controls} control characters)")
