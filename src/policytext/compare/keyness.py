"""Keyness: the words a speech uses more, or less, than the central corpus.

Both sides are normalised and segmented with the political lexicon
(:func:`policytext.segment.default_tokenizer`, stopwords and one-character
words dropped). For each word, Dunning's log-likelihood G² says how sure we
can be that the two rates differ (3.84: p < 0.05; 6.63: p < 0.01; 10.83:
p < 0.001, one degree of freedom), and Hardie's log ratio (log₂ of the ratio
of relative frequencies) says by how much: +1 is twice as frequent in the
speech. A word absent from one side gets 0.5 in place of 0 for the log
ratio only, so that the ratio stays finite.
"""

from __future__ import annotations

import math
from collections import Counter

import pandas as pd

from ..document import Document
from ..reference import ReferenceCorpus
from ..parsed import ParsedDocument, as_parsed
from ..segment import Tokenizer

__all__ = ["KEYNESS_COLUMNS", "keyness", "log_likelihood", "log_ratio"]

KEYNESS_COLUMNS = (
    "word", "speech", "central", "speech_per_10k", "central_per_10k",
    "log_likelihood", "log_ratio", "direction", "p_below", "first_start", "first_end",
)


def log_likelihood(a: int, b: int, c: int, d: int) -> float:
    """G² for a word seen ``a`` times in ``c`` tokens and ``b`` times in ``d`` tokens."""
    if c <= 0 or d <= 0:
        return 0.0
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    total = 0.0
    if a:
        total += a * math.log(a / e1)
    if b:
        total += b * math.log(b / e2)
    return 2 * total


def log_ratio(a: int, b: int, c: int, d: int) -> float:
    """log₂ of (a/c) / (b/d), with 0.5 for a zero count; 0 when either side has no tokens."""
    if c <= 0 or d <= 0:
        return 0.0
    return math.log2(((a or 0.5) / c) / ((b or 0.5) / d))


def _p_below(ll: float) -> float | None:
    for critical, p in ((10.83, 0.001), (6.63, 0.01), (3.84, 0.05)):
        if ll >= critical:
            return p
    return None


def keyness_table(
    source: Document | ParsedDocument,
    reference: ReferenceCorpus,
    *,
    tokenizer: Tokenizer | None = None,
    min_count: int = 3,
    levels: tuple[str, ...] = ("central",),
) -> pd.DataFrame:
    """One row per word seen at least ``min_count`` times in all: counts, G², log ratio, direction.

    Sorted by G², largest first. ``first_start``/``first_end``: the word's
    first occurrence in the speech (raw offsets), for checking it in context.
    """
    parsed = as_parsed(source, tokenizer)
    tokenizer, document = parsed.tokenizer, parsed.document
    speech = Counter()
    first: dict[str, tuple[int, int]] = {}
    segmentation = parsed.segmentation
    # The speech's content words (Tokenizer.words on the body), read off the parse.
    keep = {word for word, kind in zip(segmentation.words, segmentation.kinds)
            if kind == "word" and len(word) >= 2 and word not in tokenizer.stopwords}
    bounds = segmentation.bounds
    for word, word_start, word_end, kind in zip(segmentation.words, bounds, bounds[1:], segmentation.kinds):
        if word in keep and kind == "word":
            speech[word] += 1
            first.setdefault(word, parsed.to_raw(parsed.start + word_start, parsed.start + word_end))
    central = Counter()
    for d in reference.documents:
        for p in d.parts:
            if p.level in levels:
                central.update(tokenizer.words(d.norm[p.start : p.end]))
    c, d_total = sum(speech.values()), sum(central.values())
    if not c or not d_total:
        # Nothing to compare: a speech (or corpus) without a single content word.
        return pd.DataFrame(columns=list(KEYNESS_COLUMNS))
    rows = []
    for word in set(speech) | set(central):
        a, b = speech[word], central[word]
        if a + b < min_count:
            continue
        ll = log_likelihood(a, b, c, d_total)
        start, end = first.get(word, (None, None))
        rows.append({
            "word": word, "speech": a, "central": b,
            "speech_per_10k": round(10_000 * a / c, 2) if c else 0.0,
            "central_per_10k": round(10_000 * b / d_total, 2) if d_total else 0.0,
            "log_likelihood": round(ll, 3), "log_ratio": round(log_ratio(a, b, c, d_total), 3),
            "direction": "over" if a / c > b / d_total else "under",
            "p_below": _p_below(ll), "first_start": start, "first_end": end,
        })
    frame = pd.DataFrame(rows, columns=list(KEYNESS_COLUMNS))
    frame = frame.sort_values(["log_likelihood", "word"], ascending=[False, True]).reset_index(drop=True)
    for column in ("first_start", "first_end"):
        frame[column] = frame[column].astype("Int64")
    return frame
