"""What every rhetoric detector shares: how a table is shaped, lexicon tables, term matching.

Detectors take a :class:`~policytext.parsed.ParsedDocument` (or a document,
which they parse), match on its ``text`` and report rows through its
``span_row`` (raw offsets and raw text), so each row can be checked against
the source.
"""

from __future__ import annotations

from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING

import pandas as pd

from ..errors import PolicytextError
from ..frames import columns_frame, records_frame
from ..parsed import Locator, ParsedDocument, as_parsed  # noqa: F401  (Locator re-exported)
from ..resources import data_table
from ..textfacts import HAN  # noqa: F401  (the detectors' character class, re-exported)

if TYPE_CHECKING:
    from ..document import Document
    from ..segment import Tokenizer

_START, _END = itemgetter(0), itemgetter(1)

#: The columns every detector's table starts with.
SPAN_COLUMNS = ("section", "sentence", "start", "end", "text")


def body_bounds(source: Document | ParsedDocument) -> tuple[int, int]:
    document = source.document if isinstance(source, ParsedDocument) else source
    return document.body_start, document.body_end


def frame(rows: list[dict], columns: tuple[str, ...] | list[str], *, ints: tuple[str, ...] = ("sentence", "start", "end")) -> pd.DataFrame:
    """Rows as a DataFrame with fixed columns, typed the same whether or not there are rows."""
    return records_frame(rows, columns, dtypes=dict.fromkeys(ints, "int64"))


def span_frame(
    parsed: ParsedDocument,
    spans: list[tuple[int, int]],
    columns: tuple[str, ...],
    *,
    ints: tuple[str, ...] = ("sentence", "start", "end"),
    dtypes: dict[str, str] | None = None,
    **extra: list,
) -> pd.DataFrame:
    """The table :func:`frame` makes of ``span_row`` rows, built from columns: the matched spans and one list per ``extra`` column."""
    data = {**parsed.span_columns(spans), **extra}
    return columns_frame({column: data[column] for column in columns}, dtypes={**dict.fromkeys(ints, "int64"), **(dtypes or {})})


def tokenizer_or_default(tokenizer: Tokenizer | None) -> Tokenizer:
    from ..segment import default_tokenizer

    return tokenizer if tokenizer is not None else default_tokenizer()


def token_boundaries(source: Document | ParsedDocument, tokenizer: Tokenizer | None = None) -> frozenset[int]:
    """Raw offsets where a token of the body starts or ends (the parse's :attr:`~policytext.parsed.ParsedDocument.edges`)."""
    return as_parsed(source, tokenizer).edges


def read_entries(name: str, entry_type, columns: tuple[str, ...], *, categories: tuple[str, ...], required: int | None = None) -> tuple:
    """A lexicon table as ``entry_type`` records whose ``category`` must be one of ``categories``.

    Columns after the first ``required`` (default: all) may be left off; they read as "".
    """
    entries = tuple(entry_type(**row) for row in data_table(name, columns, required=required))
    for entry in entries:
        if entry.category not in categories:
            raise PolicytextError(f"{name}: unknown category {entry.category!r} for {getattr(entry, columns[0])}")
    return entries


def leftmost_longest(hits: list[tuple[int, int, object]]) -> list[tuple[int, int, object]]:
    """Non-overlapping hits, preferring the earliest start, then the longest."""
    chosen: list[tuple[int, int, object]] = []
    position = -1
    # By start, then by end from the last (two stable sorts keyed in C: the order of a (start, -end) key, without a tuple per hit).
    for start, end, value in sorted(sorted(hits, key=_END, reverse=True), key=_START):
        if start >= position:
            chosen.append((start, end, value))
            position = end
    return chosen


def find_terms(text: str, terms: dict[str, object], *, offset: int = 0) -> list[tuple[int, int, object]]:
    """Every occurrence of each term in ``text`` (Aho-Corasick), as ``(start, end, value)`` with ``offset`` added."""
    automaton = _automaton(tuple(sorted(terms)))
    # A term ends at ``last``: it starts len(term) - 1 characters before.
    return [(offset + last + 1 - len(term), offset + last + 1, terms[term]) for last, term in automaton.iter(text)]


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
