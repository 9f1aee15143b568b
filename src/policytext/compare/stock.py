"""Stock formulas: central wording so widespread that it points to no source in particular.

以习近平同志为核心的党中央 or 以习近平新时代中国特色社会主义思想为指导
open half the central documents of their years. A speech that uses them
reuses the centre's wording, but not any one text's: counting them as reuse
of the text that happened to rank first would credit that text with what
every text says. So the comparison asks of the central words a clause
matches how many documents of the corpus hold them, and over how many
years. Wording held by at least the corpus's stock threshold of documents
(:func:`.central.stock_threshold`: the document frequency of the 1% most
widespread nine-character stretches, computed when the index is built),
spread over at least :data:`MIN_YEARS` different years, is a *stock
formula*: the clause is reported apart from reuse of a specific source.
"""

from __future__ import annotations

import numpy as np

from .central import SHINGLE, CentralIndex
from .dating import date_bounds
from .index import shingle_keys

__all__ = ["MAX_TRIM", "MIN_YEARS", "document_frequency", "stock_wording"]

MIN_YEARS = 3
# A stock formula may be wrapped in this share of other characters (a verb, a particle) and still make up the wording.
MAX_TRIM = 0.2


def document_frequency(index: CentralIndex, wording: str) -> tuple[int, int]:
    """How many documents (central parts) hold ``wording`` (match text), and in how many different years."""
    if len(wording) < SHINGLE:
        return 0, 0
    keys = np.unique(shingle_keys(wording, SHINGLE))
    postings = index.index
    lo = np.searchsorted(postings.keys, keys, side="left")
    hi = np.searchsorted(postings.keys, keys, side="right")
    if not (hi > lo).all():
        return 0, 0
    # Every holder of the wording holds its rarest shingle: check only those sentences.
    rarest = int(np.argmin(hi - lo))
    documents: set[int] = set()
    years: set[int] = set()
    for number in postings.ids[lo[rarest] : hi[rarest]]:
        number = int(number)
        if wording in index.sentence_text(number):
            documents.add(index.sentence_doc_number(number))
            earliest, latest = date_bounds(index.sentence_part_of(number).date)
            if earliest.year == latest.year:
                years.add(earliest.year)
    return len(documents), len(years)


def _is_stock(index: CentralIndex, wording: str) -> bool:
    count, years = document_frequency(index, wording)
    return count >= index.stock_threshold and years >= MIN_YEARS


def stock_wording(index: CentralIndex, wording: str, *, max_trim: float = MAX_TRIM) -> str:
    """The stock formula that makes up ``wording``, or ``""`` if there is none.

    The words a clause shares with a text often wrap a formula in a word or
    two of their own (坚持 + 以习近平新时代中国特色社会主义思想为指导): the
    whole is rare, the formula is not. So ``wording`` is also tried without
    up to ``max_trim`` of its characters at either edge, longest first.
    """
    trim = int(max_trim * len(wording))
    for cut in range(trim + 1):
        for left in range(cut + 1):
            candidate = wording[left : len(wording) - (cut - left)]
            if len(candidate) >= SHINGLE and _is_stock(index, candidate):
                return candidate
    return ""
