"""Finding candidate central sentences for a clause without comparing every pair.

A :class:`ShingleIndex` is an inverted index of character n-gram shingles
(4-grams by default): for every text, the keys of its distinct shingles,
kept as two sorted numpy arrays (key, text number). Building it is one pass
over the corpus plus a sort; a query looks up the query's shingles with
binary search and counts, per text, how many it shares. Only the best few
candidates are then aligned character by character. Shingles that occur in a
large share of all texts (的发展, 新质生产) carry little evidence and would
make every query touch much of the index, so postings longer than
``max_postings`` are skipped.

A shingle's key is a polynomial hash of its code points in 64-bit unsigned
arithmetic: the same in every process, so an index can be stored on disk and
loaded again (:mod:`.central`), and computed for all positions of a text at
once with numpy.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["ShingleIndex", "shingle_keys", "shingles"]

# An odd 64-bit multiplier (FNV's prime): keys of different n-grams collide with negligible probability.
_MULTIPLIER = np.uint64(0x100000001B3)


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)


def shingle_keys(text: str, n: int) -> np.ndarray:
    """The key of the n-gram starting at every position of ``text`` (``len(text) - n + 1`` keys)."""
    codes = _codes(text)
    count = len(codes) - n + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint64)
    keys = codes[:count].copy()
    with np.errstate(over="ignore"):
        for k in range(1, n):
            keys *= _MULTIPLIER
            keys += codes[k : k + count]
    return keys


def shingles(text: str, n: int) -> np.ndarray:
    """Sorted distinct keys of the character n-grams of ``text`` (one key for the whole text if shorter)."""
    if not text:
        return np.empty(0, dtype=np.uint64)
    if len(text) < n:
        return shingle_keys(text, len(text))
    return np.unique(shingle_keys(text, n))


class ShingleIndex:
    """Character n-gram index over a sequence of texts."""

    def __init__(self, texts: Sequence[str], *, n: int = 4, max_postings: int | None = None) -> None:
        keys: list[np.ndarray] = []
        ids: list[np.ndarray] = []
        for number, text in enumerate(texts):
            hashes = shingles(text, n)
            keys.append(hashes)
            ids.append(np.full(len(hashes), number, dtype=np.int32))
        key_array = np.concatenate(keys) if keys else np.empty(0, dtype=np.uint64)
        id_array = np.concatenate(ids) if ids else np.empty(0, dtype=np.int32)
        lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
        order = np.argsort(key_array, kind="stable")
        self._setup(key_array[order], id_array[order], lengths, n=n, max_postings=max_postings)

    @classmethod
    def from_postings(cls, keys: np.ndarray, ids: np.ndarray, lengths: np.ndarray, *, n: int,
                      max_postings: int | None = None) -> ShingleIndex:
        """An index over postings already sorted by key (as stored on disk)."""
        index = cls.__new__(cls)
        index._setup(keys, ids, lengths, n=n, max_postings=max_postings)
        return index

    def _setup(self, keys: np.ndarray, ids: np.ndarray, lengths: np.ndarray, *, n: int, max_postings: int | None) -> None:
        self.n = n
        self.size = len(lengths)
        self.lengths = lengths
        self._keys = keys
        self._ids = ids
        # Default: a shingle in more than 5% of the texts (and over 200 of them) is too common to count.
        self.max_postings = max_postings if max_postings is not None else max(200, self.size // 20)

    @property
    def postings(self) -> int:
        return len(self._keys)

    @property
    def keys(self) -> np.ndarray:
        return self._keys

    @property
    def ids(self) -> np.ndarray:
        return self._ids

    def nbytes(self) -> int:
        return int(self._keys.nbytes + self._ids.nbytes + self.lengths.nbytes)

    def texts_with(self, key: int) -> np.ndarray:
        """The numbers of the texts holding the shingle ``key`` (however many)."""
        lo = np.searchsorted(self._keys, key, side="left")
        hi = np.searchsorted(self._keys, key, side="right")
        return self._ids[lo:hi]

    def candidates(self, text: str, *, limit: int = 8, min_shared: int = 3) -> list[tuple[int, int]]:
        """Up to ``limit`` (text number, shared shingles) pairs, most shared first, ties by shorter text."""
        hashes = shingles(text, self.n)
        if not len(hashes) or not len(self._keys):
            return []
        lo = np.searchsorted(self._keys, hashes, side="left")
        hi = np.searchsorted(self._keys, hashes, side="right")
        keep = (hi > lo) & (hi - lo <= self.max_postings)
        if not keep.any():
            return []
        found = np.concatenate([self._ids[a:b] for a, b in zip(lo[keep], hi[keep])])
        numbers, counts = np.unique(found, return_counts=True)
        good = counts >= min_shared
        numbers, counts = numbers[good], counts[good]
        if not len(numbers):
            return []
        order = np.lexsort((self.lengths[numbers], -counts))[:limit]
        return [(int(numbers[i]), int(counts[i])) for i in order]
