"""Labels: where a figure comes from (the source line) and texts fitted to the room a chart has.

Chinese has no spaces, so :mod:`textwrap` cannot find word breaks. Long labels
are wrapped onto a second line before anything is cut; a cut or a line break
falls after a clause mark (，、：；) where there is one, else at a word edge
of the project's segmenter, and a cut always ends with "…", so a reader sees
that text is missing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .. import __version__

_CLAUSE_END = re.compile(r"[，,、：:；;（(）)\s—]")
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
#: Longest title a source line shows.
SOURCE_TITLE_WIDTH = 32


@dataclass(frozen=True)
class Source:
    """Where a figure's data comes from: the document's short title and date, and the policytext version."""

    title: str
    date: str = ""
    version: str = __version__

    @property
    def line(self) -> str:
        where = f"{self.title}, {self.date}" if self.date else self.title
        return f"Source: {where} · policytext {self.version}"

    @classmethod
    def of(cls, provenance: Mapping[str, str], *, fallback_title: str = "") -> Source:
        """From a document's provenance (``short_title``, else ``title``; ``date`` or ``approx_date``)."""
        title = provenance.get("short_title") or short_title(provenance.get("title") or fallback_title or "(untitled text)")
        match = _DATE.search(provenance.get("date") or provenance.get("approx_date") or "")
        return cls(title=title, date=match.group() if match else "")

    @classmethod
    def of_document(cls, document) -> Source:
        """From a loaded document's provenance, else its outline title, page title or file name."""
        outline_title = document.outline.title.text if document.outline.title else ""
        fallback = outline_title or document.page_title or document.name
        return cls.of(document.provenance, fallback_title=fallback)

    @classmethod
    def of_corpus(cls, documents: int) -> Source:
        return cls(title=f"{documents} document{'s' if documents != 1 else ''} analysed one by one")


def short_title(title: str, width: int = SOURCE_TITLE_WIDTH) -> str:
    """A title without bracketed asides (dates, venues), cut after a clause if still longer than ``width``."""
    plain = _BRACKETED.sub("", title).strip() or title.strip()
    return shorten(plain, width)


def _break_at(text: str, limit: int, *, after_mark: bool) -> int:
    """Where to break ``text`` within ``limit`` characters: the last clause mark, else the last word edge, keeping half of it."""
    floor = max(1, limit // 2)
    marks = [(m.end() if after_mark else m.start()) for m in _CLAUSE_END.finditer(text[: limit + 1])]
    marks = [m for m in marks if floor <= m <= limit]
    if marks:
        return marks[-1]
    from ..segment import default_tokenizer

    edges = [t.end for t in default_tokenizer().tokenize(text[: limit + 8]) if floor <= t.end <= limit]
    return edges[-1] if edges else limit


def shorten(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters, "…" included: cut before a clause mark, else at a word edge."""
    text = " ".join(str(text).split())
    if len(text) <= width:
        return text
    cut = _break_at(text, width - 1, after_mark=False)
    return text[:cut].rstrip("，,、：:；;（( —") + "…"


def wrap(text: str, width: int, *, lines: int = 2) -> str:
    """``text`` on up to ``lines`` lines of ``width`` characters, breaking after clause marks or at word edges."""
    text = " ".join(str(text).split())
    if len(text) <= width:
        return text
    out: list[str] = []
    rest = text
    while rest and len(out) < lines - 1 and len(rest) > width:
        cut = _break_at(rest, width, after_mark=True)
        out.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    out.append(shorten(rest, width))
    return "\n".join(out)


def section_label(section: str, title: str, *, width: int = 16, marker: str = "") -> str:
    """``"2.1 科技教育资源…"``: the section id, its marker if given, and its title fitted to ``width``."""
    if section == "0":  # the front matter's "title" in the tables is a description, not a heading: named in full
        return "0 title and preamble"
    return f"{section} {marker}{shorten(str(title or ''), width)}".strip()
