"""Text out of the files users actually have: plain text, a saved web page, a Word document.

For a web page or a .docx the "raw text" that offsets refer to is the text
extracted here (block elements and paragraphs become lines), not the markup.
Script, style and page furniture elements (nav, header, footer, aside, forms)
are dropped; what remains goes through the same boilerplate rules as a .txt.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .encoding import decode
from .errors import InputError

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
DOCX_SUFFIXES = frozenset({".docx"})
# Formats a user may reasonably try that we cannot read: say so instead of guessing.
UNSUPPORTED_SUFFIXES = frozenset(
    {".pdf", ".doc", ".wps", ".rtf", ".odt", ".xls", ".xlsx", ".ppt", ".pptx", ".epub", ".zip", ".rar", ".7z",
     ".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".mp3", ".mp4", ".exe"}
)
_DROPPED_ELEMENTS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button", "select")
_BLOCK_ELEMENTS = (
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "tr", "table", "blockquote", "pre", "center", "figure", "figcaption", "hr", "body",
)
_BLANK_LINES = re.compile(r"\n{2,}")


def read_text(path: Path) -> tuple[str, str, dict[str, str]]:
    """``(text, encoding label, provenance found in the file)`` for a supported file."""
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED_SUFFIXES:
        raise InputError(f"{path}: {suffix} files are not supported; save the speech as .txt, .html or .docx")
    data = _read_bytes(path)
    if suffix in HTML_SUFFIXES:
        return _html_text(data, path)
    if suffix in DOCX_SUFFIXES:
        return _docx_text(data, path)
    text, encoding = decode(data, source=str(path))
    return text, encoding, {}


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def _html_text(data: bytes, path: Path) -> tuple[str, str, dict[str, str]]:
    from bs4 import BeautifulSoup

    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path}: this looks like a binary file, not a web page")
    soup = BeautifulSoup(data, "lxml")
    page_title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for element in soup(_DROPPED_ELEMENTS):
        element.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for block in soup.find_all(_BLOCK_ELEMENTS):
        block.insert_before("\n")
        block.insert_after("\n")
    root = soup.body or soup
    text = _tidy_lines(root.get_text())
    if not text:
        raise InputError(f"{path}: the web page has no text outside its page furniture")
    provenance = {"html_title": page_title} if page_title else {}
    return text, f"html ({soup.original_encoding or 'unicode'})", provenance


def _docx_text(data: bytes, path: Path) -> tuple[str, str, dict[str, str]]:
    import io

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise InputError(f"{path}: not a readable .docx (Word 2007+) file") from None
    lines = []
    body = document.element.body
    # Paragraphs and tables in document order; python-docx lists them separately.
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(node.text or "" for node in child.iter() if node.tag.endswith("}t")))
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = ["".join(n.text or "" for n in cell.iter() if n.tag.endswith("}t")) for cell in row.iterchildren() if cell.tag.endswith("}tc")]
                    lines.append("\t".join(cells))
    text = _tidy_lines("\n".join(lines))
    if not text:
        raise InputError(f"{path}: the .docx file contains no text")
    properties = document.core_properties
    provenance = {key: value for key, value in (("docx_title", properties.title or ""), ("docx_author", properties.author or "")) if value}
    return text, "docx", provenance


def _tidy_lines(text: str) -> str:
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\xa0", " ").split("\n")]
    return _BLANK_LINES.sub("\n", "\n".join(line for line in lines if line)).strip()
