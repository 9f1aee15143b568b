"""The bytes of an input file, read with bounds: the one way every reader gets at a file.

A user may point policytext at anything: ``/dev/zero``, a FIFO, a socket, a
symlink to a device inside a reference folder, a sparse file that claims
gigabytes. Reading such a thing whole never ends or exhausts memory, so only a
regular file is read, and only when its size is within a limit checked
*before* reading (and again while reading, in case the file grows).

The limit is :data:`DEFAULT_MAX_INPUT_BYTES` unless the environment variable
``POLICYTEXT_MAX_INPUT_BYTES`` (or the command line's ``--max-input-size``,
which sets it for the run and for its worker processes) says otherwise; it
accepts a number of bytes or a size such as ``200M`` or ``1G``.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from types import MappingProxyType

from .errors import InputError

#: Input files larger than this are refused before reading (a speech is kilobytes; a 50 MB corpus file still fits).
DEFAULT_MAX_INPUT_BYTES = 64 * 1024 * 1024
# A compressed input (a .docx member, a PDF stream) above a mebibyte may unpack to at most this many times its size.
MAX_COMPRESSION_RATIO = 100
MAX_INPUT_ENV = "POLICYTEXT_MAX_INPUT_BYTES"
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$", re.IGNORECASE)
_UNIT = MappingProxyType({"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4})
_CHUNK = 1024 * 1024
# Sparse-file refusal: files above this size whose blocks cover less than 1/_SPARSE_RATIO of it.
_SPARSE_MIN_BYTES = 1024 * 1024
_SPARSE_RATIO = 16
# What a file that is not a regular file is, for the one-line refusal.
_KINDS = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def parse_size(text: str) -> int:
    """``"200M"`` → 209715200; a plain number is bytes. Raises :class:`InputError` for anything else."""
    match = _SIZE.match(str(text))
    if not match:
        raise InputError(f"size {text!r} is not a number of bytes or a size such as 200M or 1G")
    size = int(float(match[1]) * _UNIT[match[2].lower()])
    if size < 1:
        raise InputError(f"size {text!r} must be at least one byte")
    return size


def max_input_bytes() -> int:
    """The input size limit in force: ``POLICYTEXT_MAX_INPUT_BYTES`` or :data:`DEFAULT_MAX_INPUT_BYTES`."""
    value = os.environ.get(MAX_INPUT_ENV, "").strip()
    if not value:
        return DEFAULT_MAX_INPUT_BYTES
    try:
        return parse_size(value)
    except InputError as exc:
        raise InputError(f"{MAX_INPUT_ENV}: {exc}") from None


def human_size(size: int) -> str:
    for unit, factor in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} bytes"


def read_input_bytes(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> bytes:
    """The whole content of a regular file of at most ``max_bytes`` bytes (default :func:`max_input_bytes`).

    Refused with a one-line :class:`InputError`, before anything is read: a
    missing file, a folder, a device, FIFO or socket (also behind a symlink),
    a file larger than the limit, a sparse file (mostly holes, whatever the
    limit), an unreadable file or one in an unreadable folder.
    """
    path = Path(path)
    limit = max_input_bytes() if max_bytes is None else max_bytes
    info = _stat(path)
    _refuse_special(path, info)
    _refuse_large(path, info.st_size, limit)
    _refuse_sparse(path, info)
    # O_NONBLOCK: if the path is swapped for a FIFO after the check, open must not wait for a writer.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({_reason(exc)})") from None
    try:
        opened = os.fstat(fd)
        _refuse_special(path, opened)
        _refuse_large(path, opened.st_size, limit)
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # the file grew while it was read
                _refuse_large(path, total, limit)
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({_reason(exc)})") from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def check_readable_file(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> int:
    """The size of ``path`` if :func:`read_input_bytes` would accept it, without reading it."""
    path = Path(path)
    info = _stat(path)
    _refuse_special(path, info)
    _refuse_large(path, info.st_size, max_input_bytes() if max_bytes is None else max_bytes)
    _refuse_sparse(path, info)
    return info.st_size


def _stat(path: Path) -> os.stat_result:
    try:
        return path.stat()  # follows symlinks: a link to /dev/zero is a device
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError(f"{path}: is a broken symbolic link") from None
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({_reason(exc)})") from None


def _refuse_special(path: Path, info: os.stat_result) -> None:
    if stat.S_ISREG(info.st_mode):
        return
    kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
    if kind == "a folder":
        raise InputError(f"{path}: is a folder, not a text file")
    raise InputError(f"{path}: is {kind}, not a regular file; only regular files are read")


def _refuse_sparse(path: Path, info: os.stat_result) -> None:
    """A file whose disk blocks cover a small part of its size is mostly holes: gigabytes of NULs, not text.

    Even a compressing file system keeps text above a sixteenth of its size.
    """
    blocks = getattr(info, "st_blocks", None)
    if blocks is not None and info.st_size > _SPARSE_MIN_BYTES and blocks * 512 * _SPARSE_RATIO < info.st_size:
        raise InputError(f"{path}: is a sparse file ({human_size(info.st_size)} with {human_size(blocks * 512)} on disk), not text")


def _refuse_large(path: Path, size: int, limit: int) -> None:
    if size > limit:
        raise InputError(
            f"{path}: is {human_size(size)}, above the input limit of {human_size(limit)} "
            f"(raise it with --max-input-size or {MAX_INPUT_ENV})"
        )


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied; check the file's and its folders' permissions"
    if exc.errno == errno.ENAMETOOLONG:
        return "file name too long"
    if exc.errno == errno.ENXIO:
        return "no such device or address"
    return exc.strerror or type(exc).__name__
