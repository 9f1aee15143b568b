"""Hashes of files, folders and the package itself: what a cache entry or a run record is named after."""

from __future__ import annotations

import hashlib
import os
import sys
from functools import lru_cache
from pathlib import Path

from .paths import project_root

_BLOCK = 1 << 20
_PACKAGE = Path(__file__).resolve().parent


def file_digest(path: Path) -> str:
    """SHA-256 of the file's bytes (hex)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def feed_tree(digest: hashlib._Hash, folder: Path, *, skip_dirs: frozenset[str] = frozenset()) -> None:
    """Feed every file below ``folder`` (relative path and bytes, in sorted order) into ``digest``."""
    if not folder.is_dir():
        digest.update(f"missing:{folder.name}\n".encode())
        return
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in skip_dirs and not d.startswith("."))
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")) or name.startswith("."):
                continue
            path = Path(root, name)
            digest.update(f"{path.relative_to(folder).as_posix()}\0{file_digest(path)}\n".encode())


def tree_digest(folder: Path) -> str:
    """SHA-256 of every file below ``folder`` (relative paths and bytes; hidden files and bytecode left out)."""
    digest = hashlib.sha256()
    feed_tree(digest, folder)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def package_digest() -> str:
    """What the package computes with: its source and data, the lock file (library versions) and Python's version.

    Once per process: the code a process runs is the code it imported, so a later edit on disk must not
    name its results (and hashing 9 MB of package again for every analysis would cost a corpus dearly).
    """
    digest = hashlib.sha256(f"{sys.version}\n".encode())
    feed_tree(digest, _PACKAGE, skip_dirs=frozenset({"__pycache__"}))
    lock = project_root() / "requirements.lock"
    digest.update((file_digest(lock) if lock.is_file() else "no lock").encode())
    return digest.hexdigest()
