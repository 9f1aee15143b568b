"""A parsed document: a document cut once, for every detector to read.

The analyses all need the same things of a body: the tokenizer's words and
their edges, the pairs of quotation marks, the runs of phrases (、) and
clauses (，；), the outline's markers, and where a sentence (and so a
section) starts. :func:`parse` computes them once for a document and a
tokenizer; every detector takes the result.

A parse records the version of its tokenizer (bumped by
:meth:`~policytext.segment.Tokenizer.add_word`). A detector handed a parse
whose tokenizer has changed since parses again (:func:`as_parsed`), so a
lexicon change can never be answered with the old segmentation.

Offsets: the detectors match on :attr:`ParsedDocument.text`, the document's
analysis view (:attr:`Document.view <policytext.document.Document.view>`: the
normalised body without its elisions, so a word broken by a line wrap is one
word again), at offsets ``start`` to ``end`` of that text. Every table row
goes through :meth:`ParsedDocument.span_row`, and every other offset through
:meth:`ParsedDocument.to_raw` or :meth:`ParsedDocument.from_raw`: the one
place where view offsets and raw offsets meet.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, partial
from typing import TYPE_CHECKING

from .document import Document
from .errors import PolicytextError
from .runs import Run, clause_runs, phrase_runs
from .textfacts import MARK_PAIRS, QuotationSpan, match_quotations
from .textview import TextView

if TYPE_CHECKING:
    import pandas as pd

    from .segment import Segmentation, Tokenizer

#: A pair of marks further apart than this is a stray mark pairing with a far one, not a quotation.
MAX_QUOTATION = 600


@dataclass(frozen=True)
class Locator:
    """Finds the sentence (and so the section) that holds an offset."""

    starts: tuple[int, ...]
    sentences: tuple[int, ...]
    sections: tuple[str, ...]

    @classmethod
    def of_sentences(cls, frame: pd.DataFrame) -> Locator:
        return cls(
            tuple(frame.start.tolist()),
            tuple(frame.sentence.tolist()),
            tuple(map(str, frame.section.tolist())),
        )

    @classmethod
    def of(cls, source: Document | ParsedDocument) -> Locator:
        """The locator of a parsed document (built once with it), or of a document's sentences."""
        if isinstance(source, ParsedDocument):
            return source.locator
        return cls.of_sentences(source.sentences)

    def where(self, offset: int) -> tuple[str, int]:
        """``(section, sentence)`` of the sentence that contains ``offset``."""
        index = bisect_right(self.starts, offset) - 1
        if index < 0:
            if not self.starts:
                return "0", 0
            index = 0
        return self.sections[index], self.sentences[index]

    def where_all(self, offsets: list[int]) -> tuple[list[str], list[int]]:
        """:meth:`where` of each offset, as a column of sections and a column of sentences."""
        if not self.starts:
            return ["0"] * len(offsets), [0] * len(offsets)
        # The number of sentences starting at or before each offset indexes the
        # sentences shifted by one, where 0 (before the first sentence) reads as the first.
        counts = list(map(partial(bisect_right, self.starts), offsets))
        sections, sentences = self._by_count
        return [sections[count] for count in counts], [sentences[count] for count in counts]

    @cached_property
    def _by_count(self) -> tuple[tuple[str, ...], tuple[int, ...]]:
        """Sections and sentences indexed by the number of sentences starting at or before an offset."""
        return (self.sections[0], *self.sections), (self.sentences[0], *self.sentences)


@dataclass(frozen=True, eq=False)
class ParsedDocument:
    """A document with its body cut by one tokenizer; each part computed once, on first use.

    Frozen, and it holds no mutable state of its own: each part is a cached
    property of values that never change. The tokenizer can change (add_word);
    :attr:`version` tells, and :func:`as_parsed` parses again.
    """

    document: Document
    tokenizer: Tokenizer
    version: int  # the tokenizer's version when the document was parsed

    def __repr__(self) -> str:
        return f"<ParsedDocument {self.document.name!r} tokenizer={self.tokenizer!r} version={self.version}>"

    @cached_property
    def segmentation(self) -> Segmentation:
        """The tokenizer's words of the body (``text[start:end]``), cut on first use."""
        # Detectors that need no words (quotations, leaders) never pay for the cut.
        self._require_current()
        return self.tokenizer.segment(self.body)

    def _require_current(self) -> None:
        if not self.is_current:
            raise PolicytextError("the tokenizer changed after this document was parsed: parse it again (as_parsed does)")

    @property
    def view(self) -> TextView:
        return self.document.view

    @property
    def text(self) -> str:
        """The text detectors match on: the document's analysis view (normalised body, elisions taken out)."""
        return self.document.view.text

    @property
    def start(self) -> int:
        """Where the body starts in :attr:`text`."""
        return 0

    @property
    def end(self) -> int:
        """Where the body ends in :attr:`text`."""
        return len(self.document.view.text)

    @property
    def body(self) -> str:
        """``text[start:end]``: the whole analysis text."""
        return self.text[self.start : self.end]

    @property
    def is_current(self) -> bool:
        """Whether the tokenizer is unchanged since the body was segmented."""
        return self.version == self.tokenizer.version

    @cached_property
    def edges(self) -> frozenset[int]:
        """Offsets where a word of the body starts or ends (detectors match at word edges)."""
        # The words tile the body, so their bounds (0, then each word's end) are all the edges.
        segmentation = self.segmentation
        self._require_current()  # cut before the lexicon changed, and the edges not asked for until after
        # The body starts the text today: its bounds are the text's offsets as they are, no shift per word needed.
        bounds = segmentation.bounds
        return frozenset(bounds if self.start == 0 else map(self.start.__add__, bounds))

    @cached_property
    def quotations(self) -> tuple[QuotationSpan, ...]:
        """Pairs of quotation and title marks in the body, outer before inner (see :mod:`policytext.textfacts`).

        ASCII double quotes in Chinese text count where they pair unambiguously (:func:`~policytext.textfacts.straight_pairs`).
        """
        return match_quotations(self.text, self.start, self.end, pairs=MARK_PAIRS, max_length=MAX_QUOTATION, straight=True)

    @cached_property
    def outline_markers(self) -> frozenset[int]:
        """Offsets of :attr:`text` covered by the outline's markers (一、 （一） 一是 1.)."""
        offsets: set[int] = set()
        for section in self.document.outline.walk():
            if section.level > 0:
                offsets.update(map(self.from_raw, range(section.start, section.start + len(section.marker))))
        return frozenset(offsets)

    @cached_property
    def phrase_runs(self) -> tuple[Run, ...]:
        """Runs of phrases separated by 、 within a clause (lists and parallelism read them)."""
        return tuple(phrase_runs(self.text, self.start, self.end, quotations=self.quotations, markers=self.outline_markers))

    @cached_property
    def clause_runs(self) -> tuple[Run, ...]:
        """Runs of clauses separated by ，/； within a sentence."""
        return tuple(clause_runs(self.text, self.start, self.end, quotations=self.quotations, markers=self.outline_markers))

    @cached_property
    def locator(self) -> Locator:
        return Locator.of_sentences(self.document.sentences)

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw offsets of the span ``text[start:end]`` (the one conversion every table row goes through)."""
        return self.document.view.to_raw(start, end)

    def from_raw(self, offset: int) -> int:
        """The offset of :attr:`text` where raw ``offset`` stands (outline and sentence offsets are raw)."""
        return self.document.view.from_raw(offset)

    def span_row(self, start: int, end: int, **extra) -> dict:
        """A table row for the matched span ``text[start:end]``: section, sentence, raw ``start``/``end`` and raw text, then ``extra``."""
        raw_start, raw_end = self.to_raw(start, end)
        section, sentence = self.locator.where(raw_start)
        return {"section": section, "sentence": sentence, "start": raw_start, "end": raw_end,
                "text": self.document.raw[raw_start:raw_end], **extra}

    def span_columns(self, spans: list[tuple[int, int]]) -> dict[str, list]:
        """:meth:`span_row` of many matched spans at once, as columns (section, sentence, start, end, text).

        A detector with tens of thousands of rows pays for a dict per row otherwise.
        """
        view, raw = self.document.view, self.document.raw
        if view.is_identity:
            base = view.raw_start
            starts = [base + s for s, _ in spans]
            ends = [base + e for _, e in spans]
        else:
            pairs = [view.to_raw(s, e) for s, e in spans]
            starts, ends = [a for a, _ in pairs], [b for _, b in pairs]
        sections, sentences = self.locator.where_all(starts)
        return {"section": sections, "sentence": sentences, "start": starts, "end": ends,
                "text": [raw[a:b] for a, b in zip(starts, ends)]}

    def raw_text(self, start: int, end: int) -> str:
        """The raw text of the matched span ``text[start:end]`` (``raw[a:b]`` of its raw span, as a table's ``text``)."""
        raw_start, raw_end = self.to_raw(start, end)
        return self.document.raw[raw_start:raw_end]


def parse(document: Document, *, tokenizer: Tokenizer | None = None) -> ParsedDocument:
    """Cut ``document``'s body with ``tokenizer`` (the package's default tokenizer if ``None``)."""
    from .segment import default_tokenizer

    if not isinstance(document, Document):
        raise PolicytextError(f"parse needs a Document, got {type(document).__name__}")
    tokenizer = tokenizer if tokenizer is not None else default_tokenizer()
    return ParsedDocument(document, tokenizer, tokenizer.version)


def as_parsed(source: Document | ParsedDocument, tokenizer: Tokenizer | None = None) -> ParsedDocument:
    """``source`` as a current parse: a document is parsed; a parse by another or a changed tokenizer is parsed again."""
    if isinstance(source, ParsedDocument):
        if (tokenizer is None or tokenizer is source.tokenizer) and source.is_current:
            return source
        return parse(source.document, tokenizer=tokenizer if tokenizer is not None else source.tokenizer)
    return parse(source, tokenizer=tokenizer)
