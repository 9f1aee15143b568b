"""What every rhetoric detector shares: where a span sits, and how a table is shaped.

Detectors match on ``document.norm`` (same offsets as the raw text) and report
raw offsets and raw text, so each row can be checked against the source.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import pandas as pd

from ..errors import PolicytextError
from ..frames import records_frame
from ..resources import data_table
from ..textfacts import HAN  # noqa: F401  (the detectors' character class, re-exported)

if TYPE_CHECKING:
    from ..document import Document
    from ..segment import Tokenizer

#: The columns every detector's table starts with.
SPAN_COLUMNS = ("section", "sentence", "start", "end", "text")



@dataclass(frozen=True)
class Locator:
    """Finds the sentence (and so the section) that holds a raw offset."""

    starts: tuple[int, ...]
    sentences: tuple[int, ...]
    sections: tuple[str, ...]

    @classmethod
    def of(cls, document: Document) -> Locator:
        # Every detector locates its rows; build the lookup once per document.
        return document.derived(("rhetoric", "locator"), lambda: cls._build(document.sentences))

    @classmethod
    def _build(cls, frame) -> Locator:
        return cls(
            tuple(frame.start.tolist()),
            tuple(frame.sentence.tolist()),
            tuple(str(v) for v in frame.section.tolist()),
        )

    def where(self, offset: int) -> tuple[str, int]:
        """``(section, sentence)`` of the sentence that contains ``offset``."""
        index = bisect_right(self.starts, offset) - 1
        if index < 0:
            if not self.starts:
                return "0", 0
            index = 0
        return self.sections[index], self.sentences[index]


def body_bounds(document: Document) -> tuple[int, int]:
    return document.body_start, document.body_end


def span_row(document: Document, locator: Locator, start: int, end: int, **extra) -> dict:
    """A table row for ``raw[start:end]`` with its section and sentence, then ``extra``."""
    section, sentence = locator.where(start)
    return {"section": section, "sentence": sentence, "start": start, "end": end, "text": document.raw[start:end], **extra}


def frame(rows: list[dict], columns: tuple[str, ...] | list[str], *, ints: tuple[str, ...] = ("sentence", "start", "end")) -> pd.DataFrame:
    """Rows as a DataFrame with fixed columns, typed the same whether or not there are rows."""
    return records_frame(rows, columns, dtypes=dict.fromkeys(ints, "int64"))


def tokenizer_or_default(tokenizer: Tokenizer | None) -> Tokenizer:
    from ..segment import default_tokenizer

    return tokenizer if tokenizer is not None else default_tokenizer()


def token_boundaries(document: Document, tokenizer: Tokenizer) -> frozenset[int]:
    """Raw offsets where a token of the body starts or ends (matching uses word edges)."""
    start, end = body_bounds(document)
    return _token_boundaries(document.norm, start, end, tokenizer)


@lru_cache(maxsize=8)
def _token_boundaries(norm: str, start: int, end: int, tokenizer: Tokenizer) -> frozenset[int]:
    # Five detectors ask for the same body's edges; str caches its hash, so the key is cheap.
    # The words tile the body, so their bounds (0, then each word's end) are all the edges.
    return frozenset(map(start.__add__, tokenizer.segment(norm[start:end]).bounds))


def read_entries(name: str, entry_type, columns: tuple[str, ...], *, categories: tuple[str, ...]) -> tuple:
    """A lexicon table as ``entry_type`` records whose ``category`` must be one of ``categories``."""
    entries = tuple(entry_type(**row) for row in data_table(name, columns))
    for entry in entries:
        if entry.category not in categories:
            raise PolicytextError(f"{name}: unknown category {entry.category!r} for {getattr(entry, columns[0])}")
    return entries


def leftmost_longest(hits: list[tuple[int, int, object]]) -> list[tuple[int, int, object]]:
    """Non-overlapping hits, preferring the earliest start, then the longest."""
    chosen: list[tuple[int, int, object]] = []
    position = -1
    for start, end, value in sorted(hits, key=lambda hit: (hit[0], -(hit[1] - hit[0]))):
        if start >= position:
            chosen.append((start, end, value))
            position = end
    return chosen


def find_terms(text: str, terms: dict[str, object], *, offset: int = 0) -> list[tuple[int, int, object]]:
    """Every occurrence of each term in ``text`` (Aho-Corasick), as ``(start, end, value)`` with ``offset`` added."""
    automaton = _automaton(tuple(sorted(terms)))
    hits = []
    for last, term in automaton.iter(text):
        start = last - len(term) + 1
        hits.append((offset + start, offset + last + 1, terms[term]))
    return hits


@lru_cache(maxsize=16)
def _automaton(terms: tuple[str, ...]):
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for term in terms:
        automaton.add_word(term, term)
    automaton.make_automaton()
    return automaton


def word_test(tokenizer: Tokenizer):
    """A function telling whether a string is a word of the tokenizer's dictionary (jieba's or the lexicon)."""
    # Tokenizer exposes no dictionary lookup; its jieba instance holds the
    # frequencies (FREQ) that jieba itself consults.
    frequencies = tokenizer.jieba.FREQ
    lexicon = tokenizer.lexicon

    def is_word(word: str) -> bool:
        return bool(word) and (frequencies.get(word, 0) > 0 or word in lexicon)

    return is_word
