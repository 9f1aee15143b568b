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

__all__ = ["MIN_YEARS", "document_frequency", "stock_wording"]

MIN_YEARS = 3


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


def stock_wording(index: CentralIndex, wording: str) -> str:
    """``wording`` if it is a stock formula of the corpus, else ``""``."""
    count, years = document_frequency(index, wording)
    return wording if count >= index.stock_threshold and years >= MIN_YEARS else ""
