"""A loaded document: the decoded raw text and what is known about it.

``load(path)`` reads the bytes, decodes them, separates the site's
boilerplate from the body, and records redactions and truncation, all as
character offsets into the decoded raw text, which is kept exactly as read.
What analyses read is :attr:`Document.view`: the normalised body without the
document's elisions, with offset maps back to the raw text.
The outline and the sentence table are built lazily on first use.
"""

from __future__ import annotations

import errno
from bisect import bisect_right
import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import boilerplate as _boilerplate
from .elisions import PAGE_FURNITURE, inline_page_breaks, pinyin_artefacts, wrap_breaks, wrap_spaces
from .formats import read_text
from .errors import InputError
from .normalize import normalize, to_simplified
from .reading import read_input_bytes
from .redaction import ANY_REDACTION_SCAN
from .spans import Span
from .textfacts import CLOSERS, HAN_CHAR, TERMINAL, char_class
from .textview import TextView

if TYPE_CHECKING:
    import pandas as pd

    from .outline import Outline

_PREVIEW_ELLIPSIS = re.compile(rf"(?<!{char_class(TERMINAL)})(?:\.{{3,}}|…{{1,2}})$")
PROVENANCE_SUFFIX = ".provenance.json"
# Boilerplate rules whose notes stand for text the page did not show.
_GAP_RULES = frozenset({"paywall", "editorial_gap"})


@dataclass(frozen=True, slots=True)
class Truncation:
    truncated: bool
    reason: str
    at: int  # raw offset of the end of the body


@dataclass(frozen=True)
class Document:
    """A scraped document. Offsets everywhere are characters of ``raw``."""

    raw: str
    encoding: str
    body_start: int
    body_end: int
    boilerplate: tuple[Span, ...]
    # Raw spans inside the body that are not text for analysis (furniture inside
    # the body, line-wrap breaks, inline pinyin); the raw text keeps them.
    elisions: tuple[Span, ...] = ()
    page_title: str | None = None
    provenance: dict[str, str] = field(default_factory=dict)
    path: Path | None = None

    @property
    def name(self) -> str:
        return self.path.stem if self.path else "text"

    @property
    def body(self) -> str:
        return self.raw[self.body_start : self.body_end]

    @cached_property
    def norm(self) -> str:
        """The raw text normalised for matching; same length, same offsets."""
        return normalize(self.raw)

    @cached_property
    def view(self) -> TextView:
        """The text analyses read: the normalised body without the elisions, with maps back to raw offsets."""
        return TextView.of(self.norm, self.body_start, self.body_end, self.elisions)

    @cached_property
    def redactions(self) -> tuple[Span, ...]:
        """Runs of redaction marks in the body, read across line wraps: ×× wrapped onto two lines (×\\n×) is one run.

        Only the wrap breaks are joined (the marks are read as written, with the
        text around them as written); each span is the raw stretch the run
        covers, the wrap break inside it included.
        """
        wraps = [e for e in self.elisions if e.kind == "wrap"]
        joined = TextView.of(self.raw, self.body_start, self.body_end, wraps)
        # Furniture spans do not overlap: sorted by start, the one that may hold a match is found by bisection.
        furniture = sorted((b.start, b.end) for b in self.boilerplate)
        starts = [a for a, _ in furniture]
        spans = []
        for m in ANY_REDACTION_SCAN.finditer(joined.text):
            start, end = joined.to_raw(m.start(), m.end())
            k = bisect_right(starts, start) - 1
            if k >= 0 and end <= furniture[k][1]:
                continue  # a template's blank (撰写人:____) is furniture, not withheld text
            spans.append(Span(start, end, self.raw[start:end], "redaction"))
        return tuple(spans)

    @cached_property
    def truncation(self) -> Truncation:
        """Whether the body is cut off: it stops mid-sentence, or a paywall note follows it."""
        after = [b for b in self.boilerplate if b.kind in _GAP_RULES and b.start >= self.body_end]
        if after:
            return Truncation(True, f"a note that text is missing (paywall, excerpt) follows the body: {after[0].text}", self.body_end)
        return detect_truncation(self.body, offset=self.body_start)

    @cached_property
    def gaps(self) -> tuple[Truncation, ...]:
        """Text left out inside the body, recorded like a truncation: where a paywall note stands for hidden text."""
        return tuple(
            Truncation(True, f"a note stands for text left out (paywall, excerpt): {b.text}", b.start)
            for b in self.boilerplate
            if b.kind in _GAP_RULES and self.body_start <= b.start < self.body_end
        )

    @property
    def truncated(self) -> bool:
        return self.truncation.truncated

    @cached_property
    def speech_period(self) -> tuple[date, date] | None:
        """The earliest and the latest day the speech can have been given (:func:`policytext.dating.document_period`)."""
        from .dating import document_period

        return document_period(self)

    @cached_property
    def outline(self) -> Outline:
        from .outline import build_outline

        return build_outline(self)

    @cached_property
    def sentences(self) -> pd.DataFrame:
        """One row per sentence; the spans tile the body."""
        return self.outline.sentences_frame()

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.raw[start:end])


def detect_truncation(body: str, *, offset: int = 0) -> Truncation:
    """Whether the body stops mid-sentence (or with a preview's ellipsis)."""
    stripped = body.rstrip()
    end = offset + len(stripped)
    if not stripped:
        return Truncation(False, "empty body", end)
    if _PREVIEW_ELLIPSIS.search(stripped):
        return Truncation(True, "ends with an ellipsis, as page previews do", end)
    core = stripped.rstrip(CLOSERS)
    if core and core[-1] in TERMINAL:
        return Truncation(False, "ends with terminal punctuation", end)
    return Truncation(True, f"ends without terminal punctuation: …{stripped[-6:]}", end)


def from_text(
    text: str,
    *,
    encoding: str = "utf-8",
    path: Path | None = None,
    provenance: dict | None = None,
    furniture: Sequence[Span] = (),
) -> Document:
    """A document from already-decoded text (tests, notebooks, other loaders).

    *furniture*: spans of *text* its reader knows are page furniture (see
    :class:`~policytext.spans.Extracted`: a PDF's running headers, page numbers);
    they join the boilerplate and, inside the body, the elisions.
    """
    widened = normalize(text, script=False)
    norm = to_simplified(widened)  # normalize(text)
    # The boilerplate rules read the page in simplified characters as it is written; where the width
    # step changed nothing (half of real pages), that is the normalised text itself: one conversion, not two.
    parts = _boilerplate.split_page(text, furniture=furniture, norm=norm, simple=norm if widened == text else None)
    document = Document(
        raw=text,
        encoding=encoding,
        body_start=parts.body_start,
        body_end=parts.body_end,
        boilerplate=parts.boilerplate,
        elisions=find_elisions(text, norm, parts.body_start, parts.body_end, parts.boilerplate),
        page_title=parts.page_title,
        provenance={**parts.provenance, **(provenance or {})},
        path=path,
    )
    document.__dict__["norm"] = norm  # already computed: fill the cached property
    return document


def find_elisions(raw: str, norm: str, start: int, end: int, boilerplate: tuple[Span, ...] = ()) -> tuple[Span, ...]:
    """What in raw[start:end] is not text for analysis: furniture inside the body, inline pinyin, wrap breaks.

    Sorted and without overlaps (an earlier or longer span wins; of two alike, the one listed first:
    a page break's wrap span over its furniture).
    """
    inside = [b for b in boilerplate if start <= b.start and b.end <= end]
    page = [b for b in inside if b.kind in PAGE_FURNITURE]
    # A page break inside a sentence is a wrap span over the furniture, listed first so that it wins.
    found = wrap_breaks(norm, start, end, page_furniture=page) + inline_page_breaks(norm, page)
    found += [_with_line_break(raw, b, end) for b in inside]
    found += pinyin_artefacts(raw, start, end)
    found += wrap_spaces(norm, start, end)
    found.sort(key=lambda s: (s.start, -s.end))
    kept: list[Span] = []
    for span in found:
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return tuple(kept)


def _with_line_break(raw: str, furniture: Span, end: int) -> Span:
    """A furniture line inside the body, with the line break that ends it.

    The line break goes with the line: a page's footer and the next page's
    header between two halves of a sentence leave no break behind, so the wrap
    rule's join of the sentence holds across the page (…重点产业 / — 1 — /
    running header / 链持续壮大 reads 重点产业链持续壮大). Furniture inside a line
    keeps the text around it as it is.
    """
    whole_line = (furniture.start == 0 or raw[furniture.start - 1] == "\n") and raw[furniture.end : furniture.end + 1] == "\n"
    if not whole_line or furniture.end + 1 > end:
        return furniture
    return Span(furniture.start, furniture.end + 1, raw[furniture.start : furniture.end + 1], furniture.kind)


def load(path: str | Path, *, require_body: bool = True) -> Document:
    """Read a speech (.txt in any common encoding, a saved web page, a .docx, a PDF with text) into a :class:`Document`.

    Raises :class:`~policytext.errors.InputError` with a one-line message for a
    missing, unreadable, empty, binary or undecodable file, or one that holds
    nothing but site boilerplate.
    """
    path = Path(path)
    extracted = read_text(path)  # refuses missing files, folders, devices and oversized files
    text, encoding = extracted.text, extracted.encoding
    if not text.strip():
        raise InputError(f"{path}: contains only whitespace, no text")
    document = from_text(
        text,
        encoding=encoding,
        path=path,
        provenance={**extracted.provenance, **read_provenance(path)},
        furniture=extracted.furniture,
    )
    if require_body and document.body_start == document.body_end:
        raise InputError(f"{path}: contains only site boilerplate, no body text")
    if not HAN_CHAR.search(document.body):
        raise InputError(f"{path}: contains no Chinese text (read as {encoding}); is this the right file?")
    return document


def read_provenance(path: Path) -> dict[str, str]:
    """The provenance note stored beside a raw file, if there is one."""
    sidecar = path.with_name(path.stem + PROVENANCE_SUFFIX)
    try:
        if not sidecar.is_file():
            return {}
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            return {}  # a long file name leaves no room for the suffix: no note can exist
        raise InputError(f"{sidecar}: cannot be read ({exc.strerror or exc})") from None
    data = read_input_bytes(sidecar)
    try:
        return {str(k): str(v) for k, v in json.loads(data.decode("utf-8")).items()}
    except (ValueError, AttributeError):
        raise InputError(f"{sidecar}: provenance note is not a JSON object") from None
