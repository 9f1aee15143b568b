"""Text out of the files users actually have: plain text, a saved web page, a Word document, a PDF.

Each reader returns an :class:`~policytext.spans.Extracted`: the raw text that
offsets refer to (for a web page, a .docx or a PDF, the text extracted, not the
markup), the encoding label and what the file says about itself. The web page
reader is :mod:`policytext.webpage`, the PDF reader :mod:`policytext.pdf`;
:data:`READERS` lists what is read and how (``policytext formats`` prints it).
Every file's bytes come through :func:`~policytext.reading.read_input_bytes`.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .encoding import decode
from .errors import InputError
from .reading import MAX_COMPRESSION_RATIO, human_size, read_input_bytes
from .spans import Extracted

TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
DOCX_SUFFIXES = frozenset({".docx"})
PDF_SUFFIXES = frozenset({".pdf"})
#: What a folder given to ``policytext corpus`` is searched for (a file named directly is read whatever its suffix).
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES | PDF_SUFFIXES
# Formats a user may reasonably try that we cannot read: say so instead of guessing.
UNSUPPORTED_SUFFIXES = frozenset(
    {".doc", ".wps", ".rtf", ".odt", ".xls", ".xlsx", ".ppt", ".pptx", ".epub", ".zip", ".rar", ".7z", ".ofd", ".caj",
     ".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".mp3", ".mp4", ".exe"}
)
# What `policytext formats` prints: (suffixes, how the file is read, what its raw text is).
READERS: tuple[tuple[str, str, str], ...] = (
    (".txt (and any other suffix)",
     "decoded: byte-order mark, UTF-8, else GB18030/GBK, Big5, UTF-16 by detection; site boilerplate lines found by the pattern table",
     "the file's text exactly as decoded"),
    (".html .htm .xhtml .shtml",
     "decoded by its bytes (a lying meta charset gets a warning); main text chosen by trafilatura; title from og:title/<h1>/<title>; date from the page's metadata",
     "the title, then the main text, one block (paragraph, heading, table row) per line"),
    (".docx",
     "paragraphs and table rows in document order (python-docx); title and author from the document properties",
     "one paragraph or table row per line, cells tab-separated"),
    (".pdf",
     "pages with a text layer (pdfplumber); running headers, footers and page numbers recorded as boilerplate; pages' offsets in the provenance; "
     "a page of heavy drawing (maps, technical drawings) rewritten by pdfium without its paths and images first; "
     "no OCR: a scanned PDF, an encrypted or damaged one is refused",
     "one line per line of the page, page after page; paragraph starts indented with ideographic spaces"),
)
_BLANK_LINES = re.compile(r"\n{2,}")
_UNSUPPORTED_READER = ("not read", "this format is refused with one line (exit code 2); save the speech as .txt, .html, .docx or .pdf", "none")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Bounds on unpacking an archive (.docx): see check_archive.
MAX_ARCHIVE_MEMBERS = 10_000
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_ARCHIVE_BYTES = 128 * 1024 * 1024
# Parsed XML takes about twenty times its size in memory: 16 MiB of it (tens of
# thousands of paragraphs) stays near 350 MB; 64 MiB would pass a gigabyte.
MAX_XML_BYTES = 16 * 1024 * 1024


def reader_for(path: Path) -> tuple[str, str, str]:
    """The :data:`READERS` entry that reads *path*, judged by its suffix."""
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED_SUFFIXES:
        return _UNSUPPORTED_READER
    for suffixes, reader in ((HTML_SUFFIXES, READERS[1]), (DOCX_SUFFIXES, READERS[2]), (PDF_SUFFIXES, READERS[3])):
        if suffix in suffixes:
            return reader
    return READERS[0]


def read_text(path: Path) -> Extracted:
    """The text of a supported file and what is known about it."""
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED_SUFFIXES:
        raise InputError(f"{path}: {suffix} files are not supported; save the speech as .txt, .html, .docx or .pdf")
    data = read_input_bytes(path)
    if suffix in PDF_SUFFIXES:
        from .pdf import read_pdf

        return read_pdf(data, source=str(path))
    if suffix in HTML_SUFFIXES:
        from .webpage import read_page

        return read_page(data, source=str(path))
    if suffix in DOCX_SUFFIXES:
        return _docx_text(data, path)
    text, encoding = decode(data, source=str(path))
    return Extracted(text, encoding, {})


def _docx_text(data: bytes, path: Path) -> Extracted:
    import io

    import docx
    from lxml import etree

    check_archive(data, source=str(path))
    try:
        document = docx.Document(io.BytesIO(data))
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{path}: not a readable .docx: its XML is malformed ({_one_line(exc)})") from None
    except Exception as exc:  # noqa: BLE001 - whatever python-docx trips on, the file is at fault
        raise InputError(f"{path}: not a readable .docx (Word 2007+) file ({type(exc).__name__})") from None
    lines = []
    body = document.element.body
    # Paragraphs and tables in document order; python-docx lists them separately.
    # Only elements: comments and processing instructions in the XML carry no text.
    for child in body.iterchildren(tag=etree.Element):
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(_docx_runs_text(child))
        elif tag == "tbl":
            for row in child.iter(_W + "tr"):
                lines.append("\t".join(_docx_runs_text(cell) for cell in row.iterchildren(_W + "tc")))
    text = _tidy_lines("\n".join(lines))
    if not text:
        raise InputError(f"{path}: the .docx file contains no text")
    properties = document.core_properties
    provenance = {key: value for key, value in (("docx_title", properties.title or ""), ("docx_author", properties.author or "")) if value}
    return Extracted(text, "docx", provenance)


def _docx_runs_text(element) -> str:
    return "".join(node.text or "" for node in element.iter(_W + "t"))


def check_archive(data: bytes, *, source: str) -> None:
    """Refuse a zip archive whose unpacking would be a bomb, before anything is unpacked.

    The declared sizes are what :mod:`zipfile` will let a member grow to (it
    stops at the declared size and checks the CRC), so checking them bounds
    the memory: at most :data:`MAX_ARCHIVE_MEMBERS` members, each at most
    :data:`MAX_MEMBER_BYTES` unpacked, :data:`MAX_ARCHIVE_BYTES` in all,
    :data:`MAX_XML_BYTES` of XML parts (which are parsed) in all, and
    none (above a mebibyte) unpacking to more than :data:`MAX_COMPRESSION_RATIO`
    times its packed size. Real Word files stay far inside all four.
    """
    import io

    count = _declared_member_count(data)
    if count is not None and count > MAX_ARCHIVE_MEMBERS:
        raise InputError(f"{source}: refused: the archive declares {count} members (at most {MAX_ARCHIVE_MEMBERS})")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise InputError(f"{source}: not a readable .docx (Word 2007+) file (not a zip archive)") from None
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise InputError(f"{source}: refused: the archive holds {len(members)} members (at most {MAX_ARCHIVE_MEMBERS})")
    total = 0
    for member in members:
        size = member.file_size
        total += size
        if size > MAX_MEMBER_BYTES:
            raise InputError(f"{source}: refused: {member.filename} unpacks to {human_size(size)} "
                             f"(at most {human_size(MAX_MEMBER_BYTES)} a member)")
        if size > 2**20 and size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1):
            raise InputError(f"{source}: refused: {member.filename} unpacks {size // max(member.compress_size, 1)} times "
                             f"its packed size (a zip bomb?; at most {MAX_COMPRESSION_RATIO})")
    xml = sum(m.file_size for m in members if m.filename.lower().endswith((".xml", ".rels")))
    if xml > MAX_XML_BYTES:
        raise InputError(f"{source}: refused: its XML parts unpack to {human_size(xml)} "
                         f"(at most {human_size(MAX_XML_BYTES)})")
    if total > MAX_ARCHIVE_BYTES:
        raise InputError(f"{source}: refused: the archive unpacks to {human_size(total)} (at most {human_size(MAX_ARCHIVE_BYTES)})")


def _declared_member_count(data: bytes) -> int | None:
    # The end-of-central-directory record sits in the last 22 bytes plus a comment of up to 64 KiB;
    # reading the count there spares zipfile from building a million member records first.
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 0xFFFF))
    if at < 0 or at + 12 > len(data):
        return None
    return int.from_bytes(data[at + 10 : at + 12], "little")


def _one_line(error: object) -> str:
    return " ".join(str(error).split())[:200]


def _tidy_lines(text: str) -> str:
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\xa0", " ").split("\n")]
    return _BLANK_LINES.sub("\n", "\n".join(line for line in lines if line)).strip()
