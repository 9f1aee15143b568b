"""Normalise text for matching while keeping every offset.

Analyses match on a normalised copy of the raw text: traditional characters
converted to simplified (OpenCC), full-width digits and letters to ASCII, and
ASCII punctuation used inside Chinese to its full-width form, and every line
end to a plain line feed (\r\n becomes a space and a line feed, a lone \r a
line feed), so that old Mac and Windows files break lines like any other. Every step maps
one character to one character, so offset *i* of the normalised text is
offset *i* of the raw text and spans found on the copy slice the raw text
directly. :func:`collapse_whitespace` is the one lossy step; it returns the
map back to raw offsets explicitly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

import opencc

from .textfacts import HAN

_CJK = HAN + r"“”‘’《》、。，：；！？（）×"
# ASCII punctuation counts as Chinese punctuation only next to Chinese text,
# so 2,157.8 and 12:30 keep their ASCII forms.
# (The mark first, then a look back or ahead: a pattern that opens with a
# character class lets re skip straight to the marks.)
_ASCII_PUNCT_IN_CHINESE = re.compile(rf"[,:;!?](?:(?<=[{_CJK}].)|(?=[{_CJK}]))")
_TO_FULL_WIDTH = MappingProxyType({",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"})
# Full-width digits, letters and arithmetic signs become ASCII; full-width
# punctuation that Chinese prose uses stays full-width.
_KEEP_FULL_WIDTH = frozenset("，：；！？（）")
_FULL_TO_ASCII = MappingProxyType({
    **{chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F) if chr(code) not in _KEEP_FULL_WIDTH},
    "\u3000": "\u3000",  # ideographic space stays: it separates paragraphs
})
_FULL_TO_ASCII_TABLE = MappingProxyType(str.maketrans(dict(_FULL_TO_ASCII)))
# str.translate looks every character up; full-width forms are rare, so only their runs are translated.
_FULL_WIDTH_RUN = re.compile("[" + re.escape("".join(sorted(_FULL_TO_ASCII))) + "]+")
_WHITESPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional to simplified, one character for one character."""
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    # OpenCC's phrase tables can change length; fall back to character by character.
    out = []
    for char in text:
        single = _converter().convert(char)
        out.append(single if len(single) == 1 else char)
    return "".join(out)


def normalize(text: str, *, script: bool = True, width: bool = True) -> str:
    """A copy of *text* with the same length, normalised for matching."""
    if "\r" in text:
        text = text.replace("\r\n", " \n").replace("\r", "\n")
    if width:
        text = _FULL_WIDTH_RUN.sub(lambda m: m.group().translate(_FULL_TO_ASCII_TABLE), text)
        text = text.replace("(", "（").replace(")", "）")
        text = _ASCII_PUNCT_IN_CHINESE.sub(lambda m: _TO_FULL_WIDTH[m.group()], text)
    if script:
        text = to_simplified(text)
    return text


@dataclass(frozen=True, slots=True)
class Collapsed:
    """Text with whitespace removed, and for each character its offset in the input."""

    text: str
    offsets: tuple[int, ...]

    def to_input(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the collapsed text back to a span of the input."""
        if start >= end:
            anchor = self.offsets[start] if start < len(self.offsets) else (self.offsets[-1] + 1 if self.offsets else 0)
            return anchor, anchor
        return self.offsets[start], self.offsets[end - 1] + 1


def collapse_whitespace(text: str) -> Collapsed:
    """Drop all whitespace (Chinese needs none between words), keeping the offset map."""
    keep = [i for i, char in enumerate(text) if not char.isspace()]
    return Collapsed("".join(text[i] for i in keep), tuple(keep))
