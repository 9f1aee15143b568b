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

    import jieba.analyse

    # Importing jieba.analyse already parsed the IDF table into its default
    # extractor (half a second); a shallow copy shares that table, which
    # extract_tags only reads, instead of parsing idf.txt a second time.
    extractor = copy.copy(jieba.analyse.default_tfidf)
    extractor.tokenizer = tokenizer.jieba
    extractor.postokenizer = tokenizer.tagger()
    extractor.stop_words = set(extractor.STOP_WORDS) | set(tokenizer.stopwords)
    return extractor


def _textrank(tokenizer: Tokenizer):
    import jieba.analyse

    extractor = jieba.analyse.TextRank()
    extractor.tokenizer = extractor.postokenizer = tokenizer.tagger()
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
    if not isinstance(term, str) or not term.strip():
        raise PolicytextError("kwic needs a non-empty term")
    from ..normalize import normalize

    needle = normalize(term.strip())
    parsed = as_parsed(source)
    text, start, end = parsed.text, parsed.start, parsed.end
    rows = []
    at = text.find(needle, start, end)
    while at != -1:
        stop = at + len(needle)
        rows.append(
            parsed.span_row(
                at, stop,
                left=parsed.raw_text(max(start, at - width), at).replace("\n", " "),
                right=parsed.raw_text(stop, min(end, stop + width)).replace("\n", " "),
            )
        )
        at = text.find(needle, stop, end)
    return frame(rows, ("section", "sentence", "start", "end", "text", "left", "right"))


def dispersion(
    source: Document | ParsedDocument, terms: list[str] | tuple[str, ...], *, whole_words: bool = True, tokenizer: Tokenizer | None = None
) -> pd.DataFrame:
    """Where each term falls along the body: one row per occurrence with its relative position (0 = start of body, 1 = end).

    With ``whole_words`` (the default) an occurrence counts only where it
    begins and ends at word edges, so 科技 inside 科技创新 is not 科技 and the
    counts agree with :func:`term_frequencies`.
    """
    parsed = as_parsed(source, tokenizer)
    start, end = parsed.start, parsed.end
    span = max(end - start, 1)
    edges = parsed.edges if whole_words else None
    frames = []
    for term in terms:
        found = kwic(parsed, term, width=0)
        if edges is not None:
            found = found[found.start.isin(edges) & found.end.isin(edges)]
        found.insert(0, "term", term)
        found["position"] = ((found.start - start) / span).round(4)
        frames.append(found[["term", "section", "sentence", "start", "end", "text", "position"]])
    if not frames:
        return frame([], ("term", "section", "sentence", "start", "end", "text", "position"))
    return pd.concat(frames, ignore_index=True)


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
        words = {token.text for token in tokenizer.tokenize(parsed.text[row.start : row.end]) if token.kind == "word"}
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
