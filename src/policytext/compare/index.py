"""Finding candidate central sentences for a clause without comparing every pair.

A :class:`ShingleIndex` is an inverted index of character n-gram shingles
(4-grams by default): for every text, the hashes of its distinct shingles,
kept as two sorted numpy arrays (hash, text number). Building it is one pass
over the corpus plus a sort; a query looks up the query's shingles with
binary search and counts, per text, how many it shares. Only the best few
candidates are then aligned character by character. Shingles that occur in a
large share of all texts (的发展, 新质生产) carry little evidence and would
make every query touch much of the index, so postings longer than
``max_postings`` are skipped.

Hashes are Python's string hashes, so an index lives in one process; it is
never written to disk.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["ShingleIndex", "shingles"]


def shingles(text: str, n: int) -> np.ndarray:
    """Sorted distinct hashes of the character n-grams of ``text`` (the whole text if shorter)."""
    if not text:
        return np.empty(0, dtype=np.int64)
    if len(text) < n:
        return np.array([hash(text)], dtype=np.int64)
    return np.unique(np.fromiter((hash(text[i : i + n]) for i in range(len(text) - n + 1)), dtype=np.int64))


class ShingleIndex:
    """Character n-gram index over a sequence of texts."""

    def __init__(self, texts: Sequence[str], *, n: int = 4, max_postings: int | None = None) -> None:
        self.n = n
        self.size = len(texts)
        self.lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
        keys: list[np.ndarray] = []
        ids: list[np.ndarray] = []
        for number, text in enumerate(texts):
            hashes = shingles(text, n)
            keys.append(hashes)
            ids.append(np.full(len(hashes), number, dtype=np.int32))
        key_array = np.concatenate(keys) if keys else np.empty(0, dtype=np.int64)
        id_array = np.concatenate(ids) if ids else np.empty(0, dtype=np.int32)
        order = np.argsort(key_array, kind="stable")
        self._keys = key_array[order]
        self._ids = id_array[order]
        # Default: a shingle in more than 5% of the texts (and over 200 of them) is too common to count.
        self.max_postings = max_postings if max_postings is not None else max(200, self.size // 20)

    @property
    def postings(self) -> int:
        return len(self._keys)

    def nbytes(self) -> int:
        return int(self._keys.nbytes + self._ids.nbytes + self.lengths.nbytes)

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
