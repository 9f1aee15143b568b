"""Text from an input file shown on a terminal, made harmless.

A scraped page or a crafted file may hold terminal escape sequences (ESC [ …,
the one-byte C1 introducer U+009B, a bare carriage return that overwrites a
line, bidirectional overrides that reorder what is shown). Printed raw, they
recolour, retitle or rewrite the user's terminal. Everything the command line
shows a person goes through :func:`printable`, which spells such characters
out (``\\x1b``) instead; machine formats keep the data (JSON escapes them,
CSV written to a file keeps them as they are).
"""

from __future__ import annotations

import os
import re

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional embedding/override/isolate marks.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What JSON leaves raw with ensure_ascii=False (it escapes C0 itself).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _spelled(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with control characters and direction overrides spelled out; all else unchanged."""
    return _UNSAFE.sub(_spelled, text)


def json_safe(encoded: str) -> str:
    """JSON text with the characters JSON may leave raw escaped as ``\\uXXXX`` (same value once parsed).

    These characters can only occur inside JSON strings, so escaping them is always valid.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


def display_path(path: str | os.PathLike[str]) -> str:
    """A file name as a person should see it (and as a UTF-8 table can hold it).

    A name that is not UTF-8 (a GBK name unpacked from a Windows zip) reaches
    Python with its bytes smuggled in as lone surrogates, which no UTF-8 file
    can store: its bytes are read as GB18030 when they are that, else spelled
    out. Control characters are spelled out too.
    """
    raw = os.fsencode(os.fspath(path))
    return printable(os.fsdecode(b"/").join(_component(part) for part in raw.split(os.fsencode("/"))))


def _component(raw: bytes) -> str:
    # One folder or file name at a time: a GBK name may sit in a UTF-8 folder.
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="backslashreplace")
