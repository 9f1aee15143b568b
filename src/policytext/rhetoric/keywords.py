"""Keywords and context: frequencies, TF-IDF and TextRank keywords, keyword in context, dispersion, co-occurrence.

Frequencies come from the project's segmenter (political lexicon, numbers and
redactions kept whole, stopwords dropped). Keywords come from
``jieba.analyse``: a ``TFIDF`` and a ``TextRank`` extractor made for the call
and bound to the segmenter's own jieba instance, so the lexicon's terms
(新质生产力, 成果转化) are keywords and jieba's global tokenizer is never
touched. TF-IDF uses jieba's bundled IDF table.

Keyword in context and dispersion find a term as a string in the normalised
text (so 创新 is found inside 科技创新); co-occurrence counts sentences whose
tokens include both terms, so it counts words, not substrings.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import combinations
from typing import TYPE_CHECKING, Literal

import pandas as pd

from ..errors import PolicytextError
from ..parsed import ParsedDocument, as_parsed
from ._base import HAN, frame

if TYPE_CHECKING:
    from ..document import Document
    from ..segment import Tokenizer

_HAN_WORD = re.compile(rf"[{HAN}]")
# TextRank's default: nouns, place names, verbal nouns and verbs carry content.
TEXTRANK_POS = ("ns", "n", "vn", "v", "nz", "l")


def term_frequencies(source: Document | ParsedDocument, *, tokenizer: Tokenizer | None = None, top: int | None = None) -> pd.DataFrame:
    """Content words of the body by frequency: term, count, lexicon category, first raw offset."""
    parsed = as_parsed(source, tokenizer)
    tokenizer = parsed.tokenizer
    start = parsed.start
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    segmentation = parsed.segmentation
    for word, word_start, kind in zip(segmentation.words, segmentation.bounds, segmentation.kinds):
        if kind != "word" or len(word) < 2 or word in tokenizer.stopwords or not _HAN_WORD.search(word):
            continue
        counts[word] += 1
        first.setdefault(word, start + word_start)
    rows = [
        {"term": term, "count": count, "category": tokenizer.lexicon[term].category if term in tokenizer.lexicon else "",
         "first_start": parsed.to_raw(first[term], first[term])[0]}
        for term, count in sorted(counts.items(), key=lambda item: (-item[1], first[item[0]]))
    ]
    table = pd.DataFrame(rows, columns=["term", "count", "category", "first_start"])
    return table.head(top) if top else table


def _tfidf(tokenizer: Tokenizer):
    import copy

    # The tagger first: it imports jieba.posseg the cheap way (segment.jieba_posseg), before jieba.analyse would.
    postokenizer = tokenizer.tagger()
    import jieba.analyse

    # Importing jieba.analyse already parsed the IDF table into its default
    # extractor (half a second); a shallow copy shares that table, which
    # extract_tags only reads, instead of parsing idf.txt a second time.
    extractor = copy.copy(jieba.analyse.default_tfidf)
    extractor.tokenizer = tokenizer.jieba
    extractor.postokenizer = postokenizer
    extractor.stop_words = set(extractor.STOP_WORDS) | set(tokenizer.stopwords)
    return extractor


def _textrank(tokenizer: Tokenizer):
    postokenizer = tokenizer.tagger()  # first, as in _tfidf
    import jieba.analyse

    extractor = jieba.analyse.TextRank()
    extractor.tokenizer = extractor.postokenizer = postokenizer
    extractor.stop_words = set(extractor.STOP_WORDS) | set(tokenizer.stopwords)
    return extractor


def find_keywords(
    source: Document | ParsedDocument,
    *,
    method: Literal["tfidf", "textrank"] = "tfidf",
    top: int = 20,
    tokenizer: Tokenizer | None = None,
    frequencies: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The body's keywords by TF-IDF or TextRank: rank, term, weight, and how often the term occurs."""
    if method not in ("tfidf", "textrank"):
        raise PolicytextError(f"keyword method must be 'tfidf' or 'textrank', not {method!r}")
    if top < 1:
        raise PolicytextError(f"top must be at least 1, got {top}")
    parsed = as_parsed(source, tokenizer)
    tokenizer = parsed.tokenizer
    text = parsed.body
    if method == "tfidf":
        pairs = _tfidf(tokenizer).extract_tags(text, topK=None, withWeight=True)
    else:
        pairs = _textrank(tokenizer).textrank(text, topK=None, withWeight=True, allowPOS=TEXTRANK_POS)
    pairs = [(term, weight) for term, weight in pairs if _HAN_WORD.search(term)]
    # Ties broken by the term so the order never depends on dict order.
    pairs = sorted(pairs, key=lambda pair: (-round(pair[1], 12), pair[0]))[:top]
    frequencies = term_frequencies(parsed) if frequencies is None else frequencies
    counts = frequencies.set_index("term")["count"]
    rows = [
        {"rank": rank, "term": term, "weight": round(float(weight), 6), "count": int(counts.get(term, 0)), "method": method}
        for rank, (term, weight) in enumerate(pairs, 1)
    ]
    return pd.DataFrame(rows, columns=["rank", "term", "weight", "count", "method"])


def kwic(source: Document | ParsedDocument, term: str, *, width: int = 15) -> pd.DataFrame:
    """Keyword in context: each occurrence of ``term`` with ``width`` characters either side (raw text)."""
    parsed = as_parsed(source)
    rows = [
        parsed.span_row(
            at, stop,
            left=parsed.raw_text(max(parsed.start, at - width), at).replace("\n", " "),
            right=parsed.raw_text(stop, min(parsed.end, stop + width)).replace("\n", " "),
        )
        for at, stop in _occurrences(parsed, term)
    ]
    return frame(rows, ("section", "sentence", "start", "end", "text", "left", "right"))


def _occurrences(parsed: ParsedDocument, term: str) -> list[tuple[int, int]]:
    """Spans of :attr:`ParsedDocument.text` where the normalised ``term`` occurs, left to right, not overlapping."""
    if not isinstance(term, str) or not term.strip():
        raise PolicytextError("kwic needs a non-empty term")
    from ..normalize import normalize

    needle = normalize(term.strip())
    text, end = parsed.text, parsed.end
    found = []
    at = text.find(needle, parsed.start, end)
    while at != -1:
        found.append((at, at + len(needle)))
        at = text.find(needle, at + len(needle), end)
    return found


def dispersion(
    source: Document | ParsedDocument, terms: list[str] | tuple[str, ...], *, whole_words: bool = True, tokenizer: Tokenizer | None = None
) -> pd.DataFrame:
    """Where each term falls along the body: one row per occurrence with its relative position (0 = start of body, 1 = end).

    With ``whole_words`` (the default) an occurrence counts only where it
    begins and ends at word edges, so 科技 inside 科技创新 is not 科技 and the
    counts agree with :func:`term_frequencies`.
    """
    parsed = as_parsed(source, tokenizer)
    span = max(parsed.end - parsed.start, 1)
    edges = parsed.edges if whole_words else None
    rows = [
        parsed.span_row(at, stop, term=term, position=round((at - parsed.start) / span, 4))
        for term in terms
        for at, stop in _occurrences(parsed, term)
        if edges is None or (at in edges and stop in edges)
    ]
    table = frame(rows, ("section", "sentence", "start", "end", "text", "term", "position"))
    return table[["term", "section", "sentence", "start", "end", "text", "position"]]


def cooccurrence(
    source: Document | ParsedDocument, terms: list[str] | tuple[str, ...], *, tokenizer: Tokenizer | None = None
) -> pd.DataFrame:
    """Pairs of terms that occur as words in the same sentence: sentences together, each alone, Jaccard index."""
    parsed = as_parsed(source, tokenizer)
    tokenizer = parsed.tokenizer
    wanted = list(dict.fromkeys(terms))
    sentences = parsed.document.sentences
    presence: dict[str, set[int]] = {term: set() for term in wanted}
    for row in sentences.itertuples():
        # Each sentence cut on its own, as a reader counts words within one sentence.
        sentence = parsed.text[parsed.from_raw(row.start) : parsed.from_raw(row.end)]
        words = {token.text for token in tokenizer.tokenize(sentence) if token.kind == "word"}
        for term in wanted:
            if term in words:
                presence[term].add(int(row.sentence))
    rows = []
    for a, b in combinations(wanted, 2):
        both = presence[a] & presence[b]
        if not both:
            continue
        either = presence[a] | presence[b]
        rows.append(
            {
                "term_a": a,
                "term_b": b,
                "sentences": len(both),
                "sentences_a": len(presence[a]),
                "sentences_b": len(presence[b]),
                "jaccard": round(len(both) / len(either), 4),
                "sentence_numbers": " ".join(str(n) for n in sorted(both)),
            }
        )
    table = pd.DataFrame(rows, columns=["term_a", "term_b", "sentences", "sentences_a", "sentences_b", "jaccard", "sentence_numbers"])
    return table.sort_values(["sentences", "term_a", "term_b"], ascending=[False, True, True], kind="stable").reset_index(drop=True)
