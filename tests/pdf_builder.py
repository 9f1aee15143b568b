"""Test PDFs made with reportlab and its built-in Chinese CID font (STSong-Light, no font file needed).

Lines are set as a typesetter would: a fixed measure of characters per line,
the first line of a paragraph indented by two characters, a running header
and a page number on every page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

FONT = "STSong-Light"
PAGE_WIDTH, PAGE_HEIGHT = 595.27, 841.89  # A4 in points
MARGIN = 72.0


def _canvas(path: Path, **kwargs):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return canvas.Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1, **kwargs)


def wrap(paragraphs: Sequence[str], *, size: float = 12.0, indent: bool = True) -> list[tuple[str, bool]]:
    """``(line, starts a paragraph)`` with as many characters per line as the measure holds."""
    per_line = int((PAGE_WIDTH - 2 * MARGIN) // size)
    lines = []
    for paragraph in paragraphs:
        first = (per_line - 2) if indent else per_line
        lines.append((paragraph[:first], True))
        lines.extend((paragraph[i : i + per_line], False) for i in range(first, len(paragraph), per_line))
    return lines


def page_number_style(style: str) -> Callable[[int, int], str]:
    return {
        "dash": lambda n, total: f"— {n} —",
        "chinese": lambda n, total: f"第{n}页共{total}页",
        "plain": lambda n, total: str(n),
    }[style]


def speech_pdf(
    path: Path,
    paragraphs: Sequence[str],
    *,
    header: str | None = "天津市科技系统党课材料",
    page_numbers: str | None = "dash",
    size: float = 12.0,
    leading: float = 1.6,
    indent: bool = True,
    title: str | None = None,
    **canvas_options,
) -> Path:
    """A one-column document: *paragraphs* wrapped to the measure, paged, with furniture (and *title* in its information)."""
    lines = wrap(paragraphs, size=size, indent=indent)
    per_page = int((PAGE_HEIGHT - 2 * MARGIN - 40) // (size * leading))
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    number = page_number_style(page_numbers) if page_numbers else None
    c = _canvas(path, **canvas_options)
    if title:
        c.setTitle(title)
    for n, page in enumerate(pages, 1):
        if header:
            c.setFont(FONT, 9)
            c.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 50, header)
        c.setFont(FONT, size)
        y = PAGE_HEIGHT - MARGIN - 30
        for line, starts in page:
            c.drawString(MARGIN + (2 * size if starts and indent else 0), y, line)
            y -= size * leading
        if number:
            c.setFont(FONT, 9)
            c.drawCentredString(PAGE_WIDTH / 2, 40, number(n, len(pages)))
        c.showPage()
    c.save()
    return path


def table_pdf(path: Path, rows: Sequence[Sequence[str]], *, title: str, size: float = 11.0) -> Path:
    """A table of numbers that runs over pages: one row per line, cells in columns."""
    c = _canvas(path)
    c.setFont(FONT, 16)
    c.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - MARGIN, title)
    y = PAGE_HEIGHT - MARGIN - 40
    page = 1
    for row in rows:
        if y < MARGIN:
            c.setFont(FONT, 9)
            c.drawCentredString(PAGE_WIDTH / 2, 40, f"— {page} —")
            c.showPage()
            page += 1
            y = PAGE_HEIGHT - MARGIN
        c.setFont(FONT, size)
        for j, cell in enumerate(row):
            c.drawString(MARGIN + j * 120, y, cell)
        y -= size * 1.5
    c.setFont(FONT, 9)
    c.drawCentredString(PAGE_WIDTH / 2, 40, f"— {page} —")
    c.showPage()
    c.save()
    return path


def scanned_pdf(path: Path, *, pages: int = 2) -> Path:
    """Pages holding only a picture (as a scanner makes them): no text layer."""
    from reportlab.lib.utils import ImageReader
    from PIL import Image, ImageDraw

    image = Image.new("L", (400, 560), 255)
    draw = ImageDraw.Draw(image)
    for y in range(40, 520, 18):
        draw.line((40, y, 360, y), fill=0, width=6)  # the look of lines of print
    c = _canvas(path)
    for _ in range(pages):
        c.drawImage(ImageReader(image), MARGIN, MARGIN, width=PAGE_WIDTH - 2 * MARGIN, height=PAGE_HEIGHT - 2 * MARGIN)
        c.showPage()
    c.save()
    return path
