"""Tables of a document's analysis kept in the project cache, keyed by everything they are computed from.

The notebooks' kernels, run side by side by ``policytext run``, read the same
document: the first to compute a table leaves it in ``.cache/analysis/`` and
the others load it instead of computing it again. The entry's name is a hash
of what the table depends on: the document file's bytes (and its provenance
sidecar), the package's source and data with the lock file and Python's
version, the tokenizer's lexicon and options, the analysis's parameters and
the table's own options. A changed input gives a new name; nothing is looked
up by a mutable object.

An entry is one file: a header (format, SHA-256 of the body, the table's key)
and the pickled table. It is written under a temporary name and renamed into
place, so a worker never sees half an entry; one whose header, checksum or key
does not match, or that does not unpickle to a table, is computed again and
replaced. The checksum guards against a truncated or damaged file, not against
someone who can write the project folder (who could edit the source as well).
While one worker computes a table, the others that want it wait for it (an
advisory lock file beside the entry) rather than compute it a second time.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .output import atomic_write
from .paths import cache_dir

if TYPE_CHECKING:
    from .segment import Tokenizer

T = TypeVar("T")

#: Set to ``1`` (``policytext run`` does, for its kernels) to make ``Analysis(path)`` use the store by default.
SHARE_VARIABLE = "POLICYTEXT_SHARE_ANALYSES"
#: Bumped when the meaning or layout of an entry changes, so old entries are never read.
FORMAT = b"policytext-analysis-table 1"
_MISSING = object()


@dataclass(frozen=True, slots=True)
class TableStore:
    """The cache entries of one analysis: ``folder`` is named by the hash of its inputs (see the module doc)."""

    folder: Path
    key: str

    @classmethod
    def for_file(cls, path: Path, *, tokenizer: Tokenizer, parameters: tuple[str, ...] = ()) -> TableStore:
        """The store of the analysis of the document file ``path`` with ``tokenizer`` and ``parameters``."""
        from .document import PROVENANCE_SUFFIX
        from .digests import file_digest, package_digest

        path = Path(path)
        sidecar = path.with_name(path.stem + PROVENANCE_SUFFIX)
        parts = (
            package_digest(),
            path.name,
            file_digest(path),
            file_digest(sidecar) if sidecar.is_file() else "no provenance",
            tokenizer_digest(tokenizer),
            *parameters,
        )
        key = _digest("\0".join(parts))
        return cls(cache_dir("analysis") / key[:2] / key, key)

    def fetch(self, name: Hashable, compute: Callable[[], T]) -> T:
        """The table ``name`` from its entry, or computed by ``compute`` (and kept, if it is a table)."""
        entry = self.entry(name)
        value = self._read(entry, name)
        if value is not _MISSING:
            return value  # type: ignore[return-value]
        with _exclusive(entry.with_suffix(".lock")):
            value = self._read(entry, name)  # another worker may have written it while this one waited
            if value is _MISSING:
                value = compute()
                if keepable(value):
                    self._write(entry, name, value)
        return value  # type: ignore[return-value]

    def entry(self, name: Hashable) -> Path:
        """The file that holds (or will hold) the table ``name`` (its options included)."""
        return self.folder / f"{_digest(repr(name))}.pickle"

    def _header(self, name: Hashable, body: bytes) -> bytes:
        return b"\n".join((FORMAT, hashlib.sha256(body).hexdigest().encode(), _digest(f"{self.key}\0{name!r}").encode())) + b"\n"

    def _read(self, entry: Path, name: Hashable) -> object:
        try:
            data = entry.read_bytes()
        except OSError:
            return _MISSING
        lines = data.split(b"\n", 3)
        if len(lines) < 4:
            return _MISSING
        body = lines[3]
        if b"\n".join(lines[:3]) + b"\n" != self._header(name, body):
            return _MISSING  # another format, a damaged body or another table's entry: compute it again
        try:
            value = pickle.loads(body)
        except Exception:  # a body that hashes right but does not unpickle (a library changed): never trusted
            return _MISSING
        return value if keepable(value) else _MISSING

    def _write(self, entry: Path, name: Hashable, value: object) -> None:
        body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        header = self._header(name, body)
        try:
            atomic_write(entry, lambda handle: (handle.write(header), handle.write(body)))
        except OSError:
            pass  # a full or read-only cache costs the next worker a recomputation, not this one its result


def keepable(value: object) -> bool:
    """Tables and tuples of them or of plain values are kept; objects holding the document or a corpus are not."""
    import pandas as pd

    if isinstance(value, pd.DataFrame):
        return True
    if isinstance(value, tuple):
        return all(keepable(item) or isinstance(item, (str, int, float, bool, type(None))) or _plain_record(item)
                   for item in value)
    return False


def _plain_record(value: object) -> bool:
    # A small result record (a named tuple or slotted dataclass) of plain fields, such as a parallel group.
    fields = getattr(value, "_fields", None) or getattr(value, "__slots__", None)
    if not fields or not isinstance(fields, tuple):
        return False
    return all(isinstance(getattr(value, f), (str, int, float, bool, type(None), tuple)) for f in fields)


def tokenizer_digest(tokenizer: Tokenizer) -> str:
    """A hash of what a tokenizer cuts with: its lexicon (with words added since), stopwords and HMM option."""
    import jieba

    digest = hashlib.sha256(f"jieba {jieba.__version__}\0hmm {tokenizer.hmm}\0".encode())
    for entry in tokenizer.lexicon.values():
        digest.update(f"{entry.term}\t{entry.category}\t{entry.freq}\t{entry.pos}\n".encode())
    digest.update("\0".join(sorted(tokenizer.stopwords)).encode())
    return digest.hexdigest()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@contextmanager
def _exclusive(lock: Path) -> Iterator[None]:
    """Hold an advisory lock on ``lock`` (created if needed); without fcntl or a writable cache, no lock."""
    try:
        import fcntl
    except ImportError:  # not POSIX: workers may compute the same table twice, which is only slower
        yield
        return
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock, "a+b")
    except OSError:
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
