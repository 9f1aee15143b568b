"""The index of a reference corpus: built once per corpus content, kept in the project cache.

What the comparison needs from the reference corpus is the match text of
every part (normalised, whitespace removed, with the map back to raw
offsets), the central sentences cut in it, and a shingle index over them
(:mod:`.index`). Normalising and indexing the full corpus (seventy years of
government work reports and the congress reports, about 1.5 million
characters) takes seconds; loading the stored arrays takes milliseconds. So
the index is stored in ``.cache/reference-index/`` (the project's cache,
:func:`policytext.paths.cache_dir`):

- one file per *unit*, the documents read from one file (a ``.txt`` text or
  a JSON-lines corpus), named by a hash of that unit's content (texts, part
  levels and dates), the package version and :data:`INDEX_FORMAT`: a changed
  or added file rebuilds that unit only;
- one file for the whole corpus, named by the hashes of its units: a warm
  start loads this one file.

A query (:meth:`CentralIndex.candidates`) costs a binary search per shingle
of the query and the posting lists it touches: it grows with the speech, not
with the number of central documents.

The index also fixes the corpus's threshold for stock formulas
(:mod:`.stock`): the document frequency of the most widespread shingles; and
it counts in how many documents each character bigram of the central parts
occurs, so that wording can be weighed by how distinctive it is
(:meth:`CentralIndex.bigram_weights`: 的发 or 提高 say little about a source,
新质 or 赛道 much more).
"""

from __future__ import annotations

import hashlib
import math
import os
import re
from dataclasses import dataclass, field
from itertools import groupby

import numpy as np

from .. import __version__
from ..paths import cache_dir
from ..reference import Part, ReferenceCorpus, ReferenceDocument, document_sentences
from .index import ShingleIndex, shingle_keys

__all__ = ["INDEX_FORMAT", "CentralIndex", "PartText", "build_index", "load_index"]

# Bump when the stored arrays or their meaning change: old cache files are then never read.
INDEX_FORMAT = 4
SHINGLE = 4
# Stock wording: among the 1% most widespread stretches of STOCK_SPAN characters (see stock_threshold).
STOCK_QUANTILE = 0.99
STOCK_SPAN = 9
_MIX = np.uint64(0x9E3779B97F4A7C15)
_WHITESPACE = re.compile(r"\s+")
# Every code point str.isspace() accepts (a fixed set: Unicode's White_Space plus the ASCII separators).
_SPACE_CODES = np.array([code for code in range(0x3001) if chr(code).isspace()], dtype=np.uint32)
_CACHE = "reference-index"


@dataclass(frozen=True)
class PartText:
    """The match text of one part of a reference document, with raw offsets."""

    document: ReferenceDocument
    part: Part
    text: str
    offsets: np.ndarray = field(repr=False)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        if start >= end:
            anchor = int(self.offsets[start]) if start < len(self.offsets) else len(self.document.raw)
            return anchor, anchor
        return int(self.offsets[start]), int(self.offsets[end - 1]) + 1


@dataclass(frozen=True, eq=False)
class CentralIndex:
    """Match texts, central sentences and their shingle index for one reference corpus.

    Offsets into :attr:`text` are "match offsets"; :attr:`raw_offsets` maps
    each one to a raw offset in its document.
    """

    corpus: ReferenceCorpus
    text: str = field(repr=False)
    raw_offsets: np.ndarray = field(repr=False)
    part_doc: np.ndarray = field(repr=False)  # per part row: document number
    part_number: np.ndarray = field(repr=False)  # per part row: number of the part in its document
    part_bounds: np.ndarray = field(repr=False)  # per part row: match start, end
    sentence_part: np.ndarray = field(repr=False)  # per central sentence: part row
    sentence_bounds: np.ndarray = field(repr=False)  # per central sentence: match start, end
    index: ShingleIndex = field(repr=False)
    stock_threshold: int = 0
    bigram_keys: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.uint64), repr=False)  # sorted
    bigram_documents: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64), repr=False)
    documents: int = 0  # documents with central parts: the N of the bigram weights

    @property
    def size(self) -> int:
        return len(self.sentence_part)

    def sentence_text(self, number: int) -> str:
        a, b = self.sentence_bounds[number]
        return self.text[a:b]

    def sentence_document(self, number: int) -> ReferenceDocument:
        return self.corpus.documents[int(self.part_doc[self.sentence_part[number]])]

    def sentence_doc_number(self, number: int) -> int:
        return int(self.part_doc[self.sentence_part[number]])

    def sentence_part_of(self, number: int) -> Part:
        row = self.sentence_part[number]
        return self.corpus.documents[int(self.part_doc[row])].parts[int(self.part_number[row])]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw span (in its document) of the match-text span ``[start, end)`` of :attr:`text`."""
        if start >= end:
            anchor = int(self.raw_offsets[start])
            return anchor, anchor
        return int(self.raw_offsets[start]), int(self.raw_offsets[end - 1]) + 1

    def sentence_start(self, number: int) -> int:
        return int(self.sentence_bounds[number][0])

    def sentence_part_bounds(self, number: int) -> tuple[int, int]:
        """Match offsets of the part that holds sentence ``number``."""
        a, b = self.part_bounds[self.sentence_part[number]]
        return int(a), int(b)

    def to_raw(self, number: int, start: int, end: int) -> tuple[int, int]:
        """Raw span in the sentence's document of ``[start, end)`` of its match text."""
        base = int(self.sentence_bounds[number][0])
        if start >= end:
            anchor = int(self.raw_offsets[base + start])
            return anchor, anchor
        return int(self.raw_offsets[base + start]), int(self.raw_offsets[base + end - 1]) + 1

    def candidates(self, text: str, *, limit: int = 8, min_shared: int = 3) -> list[tuple[int, int]]:
        return self.index.candidates(text, limit=limit, min_shared=min_shared)

    def bigram_weights(self, grams) -> dict[str, float]:
        """Inverse document frequency of each bigram over the central parts: log((N + 1) / (df + 0.5)).

        A bigram no central document holds (a place name, 镇巴) weighs most;
        one every document holds (发展) close to nothing, but not nothing: in a
        corpus of one text every bigram it holds is in every document.
        """
        grams = list(grams)
        if not grams:
            return {}
        keys = np.array([int(shingle_keys(g, 2)[0]) for g in grams], dtype=np.uint64)
        frequency = np.zeros(len(keys), dtype=np.int64)
        if len(self.bigram_keys):
            at = np.minimum(np.searchsorted(self.bigram_keys, keys), len(self.bigram_keys) - 1)
            held = self.bigram_keys[at] == keys
            frequency[held] = self.bigram_documents[at[held]]
        total = self.documents + 1
        return {g: math.log(total / (int(df) + 0.5)) for g, df in zip(grams, frequency)}

    def part_texts(self, *, levels: tuple[str, ...] = ("central",)) -> list[PartText]:
        """Each part at one of ``levels`` as match text with raw offsets."""
        out = []
        for row in range(len(self.part_doc)):
            document = self.corpus.documents[int(self.part_doc[row])]
            part = document.parts[int(self.part_number[row])]
            if part.level in levels:
                a, b = self.part_bounds[row]
                out.append(PartText(document, part, self.text[a:b], self.raw_offsets[a:b]))
        return out


# --- building -----------------------------------------------------------------------------


def _unit_key(documents: tuple[ReferenceDocument, ...]) -> str:
    digest = hashlib.sha256(f"policytext {__version__} index {INDEX_FORMAT} n={SHINGLE}\n".encode())
    for d in documents:
        digest.update(f"{d.id}\x00{d.collection}\x00{len(d.raw)}\x00".encode())
        for p in d.parts:
            digest.update(f"{p.label}\x00{p.level}\x00{p.date}\x00{p.start}\x00{p.end}\x01".encode())
        digest.update(d.raw.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def _whitespace(codes: np.ndarray) -> np.ndarray:
    """Which code points are whitespace (as ``str.isspace`` says), for a whole text at once."""
    return np.isin(codes, _SPACE_CODES)


def _document_match(document: ReferenceDocument) -> tuple[str, np.ndarray]:
    """The normalised raw text without whitespace, and the raw offset of each character kept."""
    norm = document.norm
    codes = np.frombuffer(norm.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    keep = np.flatnonzero(~_whitespace(codes)).astype(np.int32)
    return _WHITESPACE.sub("", norm), keep


def _build_unit(documents: tuple[ReferenceDocument, ...]) -> dict[str, np.ndarray]:
    """Arrays for one unit, documents numbered from 0 within it."""
    pieces: list[str] = []
    offsets: list[np.ndarray] = []
    part_rows: list[tuple[int, int, int, int]] = []
    sentences: list[np.ndarray] = []
    position = 0
    for doc_number, document in enumerate(documents):
        text, keep = _document_match(document)
        # Parts tile a stretch of the document: each is the match text between its raw bounds.
        first_row = len(part_rows)
        for part_number, part in enumerate(document.parts):
            a = int(np.searchsorted(keep, part.start, side="left"))
            b = int(np.searchsorted(keep, part.end, side="left"))
            part_rows.append((doc_number, part_number, position + a, position + b))
        found = [(s.part, s.start, s.end) for s in document_sentences(document, doc_number)
                 if document.parts[s.part].level == "central"]
        if found:
            spans = np.array(found, dtype=np.int64)
            a = np.searchsorted(keep, spans[:, 1], side="left") + position
            b = np.searchsorted(keep, spans[:, 2], side="left") + position
            rows = spans[:, 0] + first_row
            good = b > a
            sentences.append(np.stack([rows[good], a[good], b[good]], axis=1))
        pieces.append(text)
        offsets.append(keep)
        position += len(text)
    text = "".join(pieces)
    raw = np.concatenate(offsets) if offsets else np.empty(0, dtype=np.int32)
    parts = np.array(part_rows, dtype=np.int64).reshape(-1, 4)
    sents = np.concatenate(sentences) if sentences else np.empty((0, 3), dtype=np.int64)
    keys, ids = _postings(text, sents[:, 1], sents[:, 2])
    return {
        "text": np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8),
        "raw_offsets": raw,
        "parts": parts,
        "sentences": sents,
        "keys": keys,
        "ids": ids,
    }


def _postings(text: str, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (shingle key, sentence) pairs of all sentences, sorted by key."""
    windows = np.maximum(ends - starts - SHINGLE + 1, 0)
    all_keys = shingle_keys(text, SHINGLE)
    sentence_ids = np.repeat(np.arange(len(starts), dtype=np.int32), windows)
    # Window start positions: each sentence's start, counting up.
    first = np.repeat(starts - np.concatenate([[0], np.cumsum(windows)[:-1]]), windows)
    positions = first + np.arange(int(windows.sum()))
    keys = all_keys[positions] if len(positions) else np.empty(0, dtype=np.uint64)
    short = np.flatnonzero((windows == 0) & (ends > starts))
    if len(short):
        extra = np.array([shingle_keys(text[starts[i] : ends[i]], int(ends[i] - starts[i]))[0] for i in short], dtype=np.uint64)
        keys = np.concatenate([keys, extra])
        sentence_ids = np.concatenate([sentence_ids, short.astype(np.int32)])
    order = np.lexsort((sentence_ids, keys))
    keys, sentence_ids = keys[order], sentence_ids[order]
    if len(keys):
        distinct = np.ones(len(keys), dtype=bool)
        distinct[1:] = (keys[1:] != keys[:-1]) | (sentence_ids[1:] != sentence_ids[:-1])
        keys, sentence_ids = keys[distinct], sentence_ids[distinct]
    return keys, sentence_ids


def stock_threshold(text: str, parts: np.ndarray, *, n: int = STOCK_SPAN, quantile: float = STOCK_QUANTILE) -> int:
    """The document frequency from which wording is among the corpus's most widespread.

    For every distinct ``n``-character stretch of the central parts (``n``:
    the shortest wording the comparison counts as reuse), the number of
    documents holding it; the threshold is the ``quantile`` of these counts
    over the stretches found in more than one document (at least 2).
    Computed from the corpus, so a larger or smaller corpus moves it.
    """
    keys = shingle_keys(text, n)
    if not len(keys) or not len(parts):
        return 2
    doc_of = np.full(len(keys), -1, dtype=np.int64)
    for doc, start, end in parts:
        if end - start >= n:
            doc_of[start : end - n + 1] = doc
    good = doc_of >= 0
    keys = keys[good]
    # One entry per (stretch, document): a hash of the pair, then count the documents of each stretch.
    with np.errstate(over="ignore"):
        _, first = np.unique(keys * _MIX + doc_of[good].astype(np.uint64), return_index=True)
    _, frequency = np.unique(keys[first], return_counts=True)
    shared = frequency[frequency > 1]
    if not len(shared):
        return 2
    return max(2, int(np.ceil(np.quantile(shared, quantile))))


def bigram_frequencies(text: str, parts: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """Each distinct character bigram of the central ``parts`` (document, start, end) and how many documents hold it.

    Returns (sorted keys, document counts, number of documents).
    """
    keys = shingle_keys(text, 2)
    if not len(keys) or not len(parts):
        return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64), 0
    doc_of = np.full(len(keys), -1, dtype=np.int64)
    for doc, start, end in parts:
        if end - start >= 2:
            doc_of[start : end - 1] = doc
    good = doc_of >= 0
    keys, owners = keys[good], doc_of[good]
    pairs = np.unique(np.stack([keys, owners.astype(np.uint64)], axis=1), axis=0)
    distinct, counts = np.unique(pairs[:, 0], return_counts=True)
    return distinct, counts.astype(np.int64), int(len(np.unique(owners)))


def _combine(units: list[dict[str, np.ndarray]], doc_bases: list[int]) -> dict[str, np.ndarray]:
    texts, raws, parts, sentences, keys, ids = [], [], [], [], [], []
    text_base = part_base = sentence_base = 0
    for unit, doc_base in zip(units, doc_bases):
        length = len(unit["raw_offsets"])
        texts.append(unit["text"])
        raws.append(unit["raw_offsets"])
        p = unit["parts"].copy()
        p[:, 0] += doc_base
        p[:, 2:] += text_base
        parts.append(p)
        s = unit["sentences"].copy()
        s[:, 0] += part_base
        s[:, 1:] += text_base
        sentences.append(s)
        keys.append(unit["keys"])
        ids.append(unit["ids"] + sentence_base)
        text_base += length
        part_base += len(p)
        sentence_base += len(s)
    key_array = np.concatenate(keys) if keys else np.empty(0, dtype=np.uint64)
    id_array = np.concatenate(ids) if ids else np.empty(0, dtype=np.int32)
    order = np.argsort(key_array, kind="stable")
    part_array = np.concatenate(parts) if parts else np.empty((0, 4), dtype=np.int64)
    sentence_array = np.concatenate(sentences) if sentences else np.empty((0, 3), dtype=np.int64)
    key_array, id_array = key_array[order], id_array[order]
    text_bytes = np.concatenate(texts) if texts else np.empty(0, dtype=np.uint8)
    text_all = text_bytes.tobytes().decode("utf-8", "surrogatepass")
    # Stock wording is counted in the parts that hold indexed (central) sentences.
    central_rows = np.unique(sentence_array[:, 0]) if len(sentence_array) else np.empty(0, dtype=np.int64)
    central_parts = np.stack([part_array[central_rows, 0], part_array[central_rows, 2], part_array[central_rows, 3]], axis=1) \
        if len(central_rows) else np.empty((0, 3), dtype=np.int64)
    bigrams, bigram_documents, documents = bigram_frequencies(text_all, central_parts)
    return {
        "text": text_bytes,
        "raw_offsets": np.concatenate(raws) if raws else np.empty(0, dtype=np.int32),
        "parts": part_array,
        "sentences": sentence_array,
        "keys": key_array,
        "ids": id_array,
        "stock_threshold": np.array([stock_threshold(text_all, central_parts)]),
        "bigram_keys": bigrams,
        "bigram_documents": bigram_documents,
        "documents": np.array([documents]),
    }


def _from_arrays(corpus: ReferenceCorpus, arrays: dict[str, np.ndarray]) -> CentralIndex:
    sentences = arrays["sentences"]
    parts = arrays["parts"]
    lengths = (sentences[:, 2] - sentences[:, 1]) if len(sentences) else np.empty(0, dtype=np.int64)
    return CentralIndex(
        corpus=corpus,
        text=arrays["text"].tobytes().decode("utf-8", "surrogatepass"),
        raw_offsets=arrays["raw_offsets"],
        part_doc=parts[:, 0],
        part_number=parts[:, 1],
        part_bounds=parts[:, 2:],
        sentence_part=sentences[:, 0],
        sentence_bounds=sentences[:, 1:],
        index=ShingleIndex.from_postings(arrays["keys"], arrays["ids"], lengths, n=SHINGLE),
        stock_threshold=int(arrays["stock_threshold"][0]),
        bigram_keys=arrays["bigram_keys"],
        bigram_documents=arrays["bigram_documents"],
        documents=int(arrays["documents"][0]),
    )


def _units(corpus: ReferenceCorpus) -> list[tuple[int, tuple[ReferenceDocument, ...]]]:
    """Consecutive documents read from one file form a unit; (first document number, documents)."""
    out = []
    start = 0
    for _, group in groupby(corpus.documents, key=lambda d: str(d.path) if d.path is not None else None):
        documents = tuple(group)
        out.append((start, documents))
        start += len(documents)
    return out


def build_index(corpus: ReferenceCorpus) -> CentralIndex:
    """Index ``corpus`` in memory, without reading or writing the cache."""
    units = _units(corpus)
    return _from_arrays(corpus, _combine([_build_unit(docs) for _, docs in units], [base for base, _ in units]))


def _read(path) -> dict[str, np.ndarray] | None:
    try:
        with np.load(path, allow_pickle=False) as stored:
            return {name: stored[name] for name in stored.files}
    except (OSError, ValueError, KeyError, EOFError):
        # A missing, truncated or foreign file is rebuilt, never trusted.
        return None


def _write(path, arrays: dict[str, np.ndarray]) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temporary, "wb") as handle:
        np.savez(handle, **arrays)
    os.replace(temporary, path)


def load_index(corpus: ReferenceCorpus, *, use_cache: bool = True) -> CentralIndex:
    """The index of ``corpus``: from the project cache when its content was indexed before, else built and stored."""
    if not use_cache:
        return build_index(corpus)
    folder = cache_dir(_CACHE)
    units = _units(corpus)
    unit_keys = [_unit_key(docs) for _, docs in units]
    # The format is in the name too: an empty corpus has no unit key to carry it.
    whole = folder / f"corpus-{hashlib.sha256(' '.join([f'format {INDEX_FORMAT}', *unit_keys]).encode()).hexdigest()[:32]}.npz"
    arrays = _read(whole)
    if arrays is None:
        built = []
        for key, (_, docs) in zip(unit_keys, units):
            path = folder / f"unit-{key}.npz"
            unit = _read(path)
            if unit is None:
                unit = _build_unit(docs)
                _write(path, unit)
            built.append(unit)
        arrays = _combine(built, [base for base, _ in units])
        _write(whole, arrays)
    return _from_arrays(corpus, arrays)
