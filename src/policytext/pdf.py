"""Text out of a PDF with a text layer, one line of text per line on the page.

pdfplumber (on pdfminer.six) gives every character with its position; lines
are assembled here so that Chinese gets no spaces between characters however
the PDF spaces them (justified lines, letter-spacing), and table rows read
left to right. The raw text that offsets refer to is what this module returns:
the pages one after another, a line break after each line, a paragraph's first
line indented with ideographic spaces when the page indents it, and a blank
line where the page leaves a gap. Running headers and footers and page numbers
stay in the text (offsets stay honest) but are returned as furniture spans, so
the document records them as boilerplate and never analyses them.

A PDF is a compressed archive: before any page is read, every stream that
text extraction would decompress is measured with a bounded inflater, and the
page count is checked, so that a decompression bomb or a million-page file is
refused in bounded time and memory.

pdfminer interprets page content in Python, token by token, drawing operators
included: a page of maps or technical drawings (megabytes of path operators)
costs it seconds a megabyte. Such a page is first rewritten by pdfium
(pypdfium2, the C engine pdfplumber already installs for rendering) without
its paths and images, and pdfminer reads the text that is left. Documents of
text pages are read as they are.
"""

from __future__ import annotations

import io
import re
import zlib
from collections import Counter
from dataclasses import dataclass
from statistics import median

from .boilerplate import classify_line
from .errors import InputError
from .spans import Extracted, Span

# Limits, each far above what a speech or a work report needs (a 300-page
# report decodes to about 30 MB of page content) and far below what hurts.
# The file's own size is bounded where every input is read (policytext.reading).
MAX_PAGES = 2000
MAX_STREAM_BYTES = 64 * 1024 * 1024
MAX_DECODED_BYTES = 256 * 1024 * 1024
# Page content interpreted, counting a stream again on every page that draws it: pdfminer's
# budget (it takes seconds a megabyte), and pdfium's (a few seconds for all of it).
MAX_PAGE_CONTENT_BYTES = 32 * 1024 * 1024
MAX_DRAWING_CONTENT_BYTES = 256 * 1024 * 1024
# A page with more content than this is drawing, not text (a page of a speech is 5-50 KB): pdfium
# rewrites it without the drawing first. Pages below it are read as they are.
HEAVY_PAGE_BYTES = 1024 * 1024
MAX_TEXT_CHARS = 20_000_000

_INFLATE_CHUNK = 1 << 16
# Streams above this size must keep to reading.MAX_COMPRESSION_RATIO (as a .docx's members do).
_RATIO_FLOOR = 256 * 1024
# Characters written without spaces between them (Han, kana, CJK punctuation, full-width forms).
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f“”‘’…—]")
_CID_GLYPH = re.compile(r"\(cid:\d+\)")
# A page counter the pattern table does not know in PDF form: "— 3 —", "- 3 -", "3".
_BARE_PAGE_NUMBER = re.compile(r"^[-—–－―~～·\s]*(?:\d{1,4}|[ivxlcdm]{1,6})[-—–－―~～·\s]*$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})(\d{2})")
_FILE_NAME_TITLE = re.compile(r"\.(?:docx?|wps|xlsx?|pptx?|txt|pdf)\s*$|^Microsoft (?:Word|PowerPoint) - ", re.IGNORECASE)
# A line starting this far right of the page's left edge of text starts a paragraph.
_INDENT_EMS = 1.2
# A vertical gap this many times the usual line pitch separates paragraphs.
_PARAGRAPH_GAP = 1.6
# Two characters on one line are one word apart when the gap is this share of the font size.
_WORD_GAP = 0.25
# ... and in separate cells (a table, a tab stop) when it is wider than this.
_CELL_GAP = 1.5
# Header and footer lines stand apart from the text block by more than this many line pitches.
_FURNITURE_ISOLATION = 1.25
_FURNITURE_EDGE_LINES = 2
_POSITION_TOLERANCE = 4.0


@dataclass(frozen=True, slots=True)
class PageLine:
    """One line of text on a page, with where it sits (PDF points, from the top)."""

    page: int
    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    size: float


def read_pdf(data: bytes, *, source: str) -> Extracted:
    """The text of a PDF's bytes, its pages and its page furniture, or a one-line :class:`InputError`."""
    lines, page_count, info = _page_lines(data, source=source)
    if not any(line.text.strip() for line in lines):
        raise InputError(f"{source}: the PDF has no text layer (a scanned image?); policytext does not do OCR")
    if sum(len(_CID_GLYPH.findall(line.text)) for line in lines) > sum(len(line.text) for line in lines) / 20:
        raise InputError(f"{source}: the PDF's fonts carry no character map, so its text cannot be extracted")
    extracted = assemble(lines, page_count=page_count)
    return Extracted(extracted.text, extracted.encoding, {**info, **extracted.provenance}, extracted.furniture)


def assemble(lines: list[PageLine], *, page_count: int) -> Extracted:
    """The raw text of the lines, with the pages' offsets and the furniture's spans."""
    furniture_kinds = page_furniture(lines)
    left, pitch = _text_block(lines)
    parts: list[str] = []
    pages: list[str] = []
    furniture: list[Span] = []
    offset = 0
    previous: PageLine | None = None
    # The last line of text (not furniture): a gap is measured from it, and only on its page,
    # since a page break is no paragraph break (the next page's indentation says if one starts).
    above: PageLine | None = None
    page_start = 0
    for index, line in enumerate(lines):
        if previous is not None and line.page != previous.page:
            pages.append(f"{previous.page}:{page_start}-{offset}")
            page_start = offset
        prefix = ""
        kind = furniture_kinds.get(index)
        if kind is None:
            if above is not None and line.page == above.page and line.top - above.bottom > _PARAGRAPH_GAP * pitch:
                prefix = "\n"
            if line.x0 - left.get(line.page, line.x0) > _INDENT_EMS * line.size:
                prefix += "\u3000\u3000"
            above = line
        text = prefix + line.text + "\n"
        if kind is not None:
            furniture.append(Span(offset, offset + len(line.text), line.text, kind))
        parts.append(text)
        offset += len(text)
        previous = line
        if offset > MAX_TEXT_CHARS:
            raise InputError(f"the PDF holds more than {MAX_TEXT_CHARS:,} characters of text; refused")
    if previous is not None:
        pages.append(f"{previous.page}:{page_start}-{offset}")
    provenance = {"pdf_pages": str(page_count), "pdf_page_offsets": " ".join(pages)}
    return Extracted("".join(parts), "pdf", provenance, tuple(furniture))


def page_furniture(lines: list[PageLine]) -> dict[int, str]:
    """Which lines are running headers, footers or page numbers: ``{line index: kind}``.

    Only lines among the first or last few of their page that stand apart from
    the text block count; of those, a page counter (第3页 共18页, — 3 —, 3/18)
    is a page number, and a line that recurs at the same height and size on
    several pages (digits ignored) is a running header or footer.
    """
    by_page: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        by_page.setdefault(line.page, []).append(index)
    _, pitch = _text_block(lines)
    edge: dict[int, str] = {}
    for indices in by_page.values():
        for position, index in enumerate(indices):
            if position >= _FURNITURE_EDGE_LINES and position < len(indices) - _FURNITURE_EDGE_LINES:
                continue
            if _isolated(lines, indices, position, pitch):
                edge[index] = "top" if position < _FURNITURE_EDGE_LINES else "bottom"
    kinds: dict[int, str] = {}
    recurring = Counter(_running_key(lines[i]) for i in edge)
    pages_needed = 2 if len(by_page) <= 3 else max(3, len(by_page) // 3)
    for index, where in edge.items():
        text = lines[index].text.strip()
        if _BARE_PAGE_NUMBER.match(text) or classify_line(text) == "page_number":
            kinds[index] = "page_number"
        elif recurring[_running_key(lines[index])] >= pages_needed:
            kinds[index] = "running_header" if where == "top" else "running_footer"
    return kinds


def _running_key(line: PageLine) -> tuple[str, int, int]:
    return _DIGITS.sub("#", line.text.strip()), round(line.top / _POSITION_TOLERANCE), round(line.size)


def _isolated(lines: list[PageLine], indices: list[int], position: int, pitch: float) -> bool:
    """Whether a line at the edge of its page is set apart from its neighbour towards the text block."""
    line = lines[indices[position]]
    gaps = []
    if position > 0:
        gaps.append(line.top - lines[indices[position - 1]].bottom)
    if position + 1 < len(indices):
        gaps.append(lines[indices[position + 1]].top - line.bottom)
    if not gaps:
        return True
    towards_text = gaps[-1] if position < _FURNITURE_EDGE_LINES else gaps[0]
    return towards_text > _FURNITURE_ISOLATION * pitch


def _text_block(lines: list[PageLine]) -> tuple[dict[int, float], float]:
    """The left edge of the text on each page (its most common line start) and the usual gap between lines."""
    starts: dict[int, Counter] = {}
    gaps = []
    same_size = []
    for previous, line in zip(lines, lines[1:]):
        if line.page == previous.page:
            gaps.append(max(line.top - previous.bottom, 0.0))
            if abs(line.size - previous.size) < 0.5:
                same_size.append(gaps[-1])
    # Between lines of one size: a header or footer set smaller is no measure of the text's leading.
    gaps = same_size or gaps
    for line in lines:
        starts.setdefault(line.page, Counter())[round(line.x0)] += 1
    left = {page: float(min(x for x, n in counts.items() if n == max(counts.values()))) for page, counts in starts.items()}
    sizes = [line.size for line in lines] or [12.0]
    # The lower quartile: the gaps to headers, footers and between paragraphs are the few large ones.
    pitch = sorted(gaps)[len(gaps) // 4] if gaps else median(sizes) * 0.5
    return left, max(pitch, median(sizes) * 0.2)


def _page_lines(data: bytes, *, source: str, drawing: bool = True) -> tuple[list[PageLine], int, dict[str, str]]:
    """The lines of every page, the page count and the document information.

    *drawing*: whether pages of heavy drawing may be rewritten without it
    first (False once they have been: a page still heavy, with text alone, is
    read as it is, within pdfminer's budget).
    """
    import pdfplumber
    from pdfminer.pdfpage import PDFPage

    if b"%PDF" not in data[:1024]:
        raise InputError(f"{source}: not a PDF file (no %PDF header)")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - any parser failure on a user's file is a damaged file
        raise _refusal(source, exc) from None
    lines: list[PageLine] = []
    try:
        with pdf:
            _check_archive(pdf.doc, source)
            info = document_info(pdf.metadata)
            page_objs = []
            sizes = []
            total = 0
            for count, page_obj in enumerate(PDFPage.create_pages(pdf.doc), 1):
                if count > MAX_PAGES:
                    raise InputError(f"{source}: the PDF has more than {MAX_PAGES} pages; refused")
                page_objs.append(page_obj)
                sizes.append(_content_size(page_obj))
                total += sizes[-1]
                if total > MAX_DRAWING_CONTENT_BYTES:
                    raise _too_much_drawing(source, MAX_DRAWING_CONTENT_BYTES)
            if not page_objs:
                raise InputError(f"{source}: the PDF has no pages")
            heavy = [i for i, size in enumerate(sizes) if size > HEAVY_PAGE_BYTES]
            if not (heavy and drawing):
                if total > MAX_PAGE_CONTENT_BYTES:
                    raise _too_much_drawing(source, MAX_PAGE_CONTENT_BYTES)
                for count, page_obj in enumerate(page_objs, 1):
                    page = pdfplumber.page.Page(pdf, page_obj, page_number=count)
                    try:
                        lines.extend(_lines_of(page.dedupe_chars().chars, page=count))
                    finally:
                        page.close()
                return lines, len(page_objs), info
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise _refusal(source, exc) from None
    # Pages of drawing: read a copy without it (the information and page count are the original's).
    try:
        stripped = _without_drawing(data, heavy)
    except Exception as exc:  # noqa: BLE001
        raise _refusal(source, exc) from None
    lines, count, _ = _page_lines(stripped, source=source, drawing=False)
    return lines, count, info


def _too_much_drawing(source: str, limit: int) -> InputError:
    return InputError(f"{source}: the PDF's pages hold more than {limit // 2**20} MB of drawing instructions; refused")


def _without_drawing(data: bytes, heavy: list[int]) -> bytes:
    """A copy of the PDF in which the *heavy* pages (0-based) keep only their text and form objects.

    pdfium (pypdfium2, which pdfplumber installs) parses the page in C,
    drops its paths, images and shadings, and writes the page's content
    again from what is left: the same text objects, fonts and positions, so
    pdfminer reads the same characters without interpreting the drawing.
    Forms are left whole: pdfium cannot rewrite their text faithfully.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    kept = (pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_FORM)
    document = pdfium.PdfDocument(data)
    try:
        for index in heavy:
            page = document[index]
            try:
                for k in reversed(range(pdfium_c.FPDFPage_CountObjects(page.raw))):
                    obj = pdfium_c.FPDFPage_GetObject(page.raw, k)
                    if pdfium_c.FPDFPageObj_GetType(obj) not in kept and pdfium_c.FPDFPage_RemoveObject(page.raw, obj):
                        pdfium_c.FPDFPageObj_Destroy(obj)
                if not pdfium_c.FPDFPage_GenerateContent(page.raw):
                    raise ValueError("pdfium could not rewrite a page's content")
            finally:
                page.close()
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
    finally:
        document.close()


def document_info(metadata: dict) -> dict[str, str]:
    """What the PDF's document information says about it: its title and the date it was made.

    A title that is only the name of the file it was printed from
    (Microsoft Word - 讲话.doc) says nothing; the creation date is when the PDF
    was made, not when the speech was given, so it is kept under its own key.
    """
    info: dict[str, str] = {}
    title = " ".join(_info_text(metadata.get("Title")).split())
    if title and not _FILE_NAME_TITLE.search(title):
        info["pdf_title"] = title
    created = _PDF_DATE.match(_info_text(metadata.get("CreationDate")))
    if created:
        info["pdf_created"] = "-".join(created.groups())
    return info


def _info_text(value) -> str:
    if isinstance(value, bytes):
        for encoding in ("utf-16", "utf-8", "gb18030"):
            try:
                return value.decode(encoding)
            except UnicodeDecodeError:
                continue
        return ""
    return value if isinstance(value, str) else ""


def _content_size(page_obj) -> int:
    """The decoded size of a page's content streams (already bounded by :func:`_check_archive`)."""
    from pdfminer.pdftypes import PDFStream, resolve1

    size = 0
    for stream in page_obj.contents:
        stream = resolve1(stream)
        if isinstance(stream, PDFStream):
            size += len(stream.get_data() or b"")
    return size


def _refusal(source: str, exc: Exception) -> InputError:
    """The one-line error for a PDF the parser gave up on: encrypted, or damaged."""
    from pdfminer.pdfdocument import PDFEncryptionError

    # pdfplumber wraps pdfminer's exception in its own.
    cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    if isinstance(cause, PDFEncryptionError) or isinstance(exc, PDFEncryptionError):
        return InputError(f"{source}: the PDF is encrypted (a password is needed to open it); save an unprotected copy")
    exc = cause
    detail = str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__
    return InputError(f"{source}: not a readable PDF (damaged or truncated: {detail})")


def _check_archive(doc, source: str) -> None:
    """Refuse a page-count or decompression bomb before any page is parsed."""
    from pdfminer.pdftypes import PDFStream, resolve1

    pages = resolve1(doc.catalog.get("Pages")) if isinstance(doc.catalog, dict) else None
    declared = resolve1(pages.get("Count")) if isinstance(pages, dict) else None
    if isinstance(declared, int) and declared > MAX_PAGES:
        raise InputError(f"{source}: the PDF declares {declared:,} pages, more than {MAX_PAGES}; refused")
    total = 0
    seen: set[int] = set()
    for xref in doc.xrefs:
        for objid in xref.get_objids():
            if objid in seen:
                continue
            seen.add(objid)
            stream_id, _, _ = xref.get_pos(objid)
            if stream_id is not None:
                continue  # lives inside an object stream, which is itself checked
            try:
                obj = doc.getobj(objid)
            except Exception:  # noqa: BLE001 - a broken object is the parser's business later
                continue
            if isinstance(obj, PDFStream):
                total += _decoded_size(obj, source)
                if total > MAX_DECODED_BYTES:
                    raise InputError(f"{source}: the PDF's streams decompress to more than {MAX_DECODED_BYTES // 2**20} MB; refused")


def _decoded_size(stream, source: str) -> int:
    """The size a stream decodes to, measured without holding more than the limit."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, LITERALS_LZW_DECODE
    from pdfminer.psparser import LIT

    if stream.get("Subtype") is LIT("Image"):
        return 0  # text extraction never decodes images
    if stream.data is not None:
        return len(stream.data)
    data = stream.rawdata or b""
    if stream.decipher:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    for name, _ in stream.get_filters():
        if name in LITERALS_FLATE_DECODE:
            data = _inflate(data, source)
        elif name in LITERALS_LZW_DECODE:
            data = _unlzw(data, source)
        else:
            # The other text filters (ASCII85, hex, run length) grow data at most 128 times;
            # image filters are not decoded for text at all.
            return len(data) * (128 if "RunLength" in str(name) else 1)
    return len(data)


def _inflate(data: bytes, source: str) -> bytes:
    """A Flate stream inflated, refused as soon as it grows past the size or the ratio a real PDF's streams keep.

    The ratio matters as much as the size: a few kilobytes that inflate to a
    megabyte of drawing operators cost pdfminer many seconds to interpret.
    """
    from .reading import MAX_COMPRESSION_RATIO

    inflater = zlib.decompressobj()
    out = bytearray()
    for start in range(0, len(data), _INFLATE_CHUNK):
        try:
            out += inflater.decompress(data[start : start + _INFLATE_CHUNK], MAX_STREAM_BYTES + 1 - len(out))
        except zlib.error:
            break  # pdfminer salvages what decodes before the damage; so do we
        if len(out) > MAX_STREAM_BYTES or inflater.unconsumed_tail:
            raise InputError(f"{source}: a PDF stream decompresses to more than {MAX_STREAM_BYTES // 2**20} MB (a decompression bomb?); refused")
        packed = min(len(data), start + _INFLATE_CHUNK)
        if len(out) > _RATIO_FLOOR and len(out) > MAX_COMPRESSION_RATIO * packed:
            raise InputError(f"{source}: a PDF stream decompresses to more than {MAX_COMPRESSION_RATIO} times its "
                             "packed size (a decompression bomb?); refused")
        if inflater.eof:
            break
    return bytes(out)


def _unlzw(data: bytes, source: str) -> bytes:
    from pdfminer.lzw import LZWDecoder

    out = bytearray()
    try:
        for piece in LZWDecoder(io.BytesIO(data)).run():
            out += piece
            if len(out) > MAX_STREAM_BYTES:
                raise InputError(f"{source}: a PDF stream decompresses to more than {MAX_STREAM_BYTES // 2**20} MB; refused")
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - a damaged LZW stream ends where it breaks
        pass
    return bytes(out)


def _lines_of(chars: list[dict], *, page: int) -> list[PageLine]:
    """The page's characters grouped into lines, top to bottom, each left to right."""
    upright = [c for c in chars if c.get("upright", True)]
    # Rotated characters on a page of upright text are watermarks or stamps, not the text.
    chars = upright if len(upright) * 2 >= len(chars) else chars
    rows: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        row = rows[-1] if rows else None
        # Same line when the character overlaps the row's vertical extent by half its height.
        if row is not None and char["top"] < row[0]["bottom"] - 0.5 * (char["bottom"] - char["top"]):
            row.append(char)
        else:
            rows.append([char])
    lines = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        text = _line_text(row)
        if text:
            lines.append(PageLine(page, text, min(c["top"] for c in row), max(c["bottom"] for c in row),
                                  row[0]["x0"], row[-1]["x1"], median(c["size"] for c in row)))
    return lines


def _line_text(row: list[dict]) -> str:
    """Characters of one line: a tab between cells, a space only between non-CJK words.

    Chinese takes no spaces: a space character or a gap between two CJK
    characters is justification or letter-spacing, not a word break.
    """
    pieces = []
    previous = None
    spaced = False
    for char in row:
        text = char["text"]
        if not text.strip():
            spaced = True  # a space the PDF writes as a character
            continue
        if previous is not None:
            gap = char["x0"] - previous["x1"]
            latin = not (_CJK.match(previous["text"][-1]) or _CJK.match(text[0]))
            if gap > _CELL_GAP * max(char["size"], 1.0):
                pieces.append("\t")
            elif latin and (spaced or gap > _WORD_GAP * max(char["size"], 1.0)):
                pieces.append(" ")
        pieces.append(text)
        previous = char
        spaced = False
    return "".join(pieces)
