"""Writing derived files: atomically, deterministically, Excel-friendly.

Every file is written to a temporary name in its own folder and renamed into
place, so an interrupted run never leaves half a table behind. CSVs carry a
UTF-8 byte-order mark so that spreadsheet programs open the Chinese correctly.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING

from .errors import PolicytextError

if TYPE_CHECKING:
    import pandas as pd

# An output name becomes a file name in its folder: no way out of it (separators,
# ".."), nothing Windows refuses, no leading dot (temporary files use it).
_BAD_NAME_CHARS = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')


def check_name(name: str) -> str:
    """An output name (possibly derived from user input) that stays inside its folder."""
    if (
        not isinstance(name, str)
        or not name.strip()
        or ".." in name
        or name.startswith(".")
        or name != name.strip()
        or _BAD_NAME_CHARS.search(name)
    ):
        raise PolicytextError(f"output name {name!r} must be a plain file name (no folders, '..', leading dot or surrounding spaces)")
    return name


MANIFEST_VARIABLE = "POLICYTEXT_RUN_MANIFEST"


def record_output(path: Path) -> None:
    """Note that the running notebook wrote ``path``, for ``policytext run``'s record (a no-op elsewhere).

    The runner names a manifest file per notebook in the kernel's environment;
    what is listed there is what a later run checks before skipping the notebook.
    """
    manifest = os.environ.get(MANIFEST_VARIABLE)
    if manifest:
        with open(manifest, "a", encoding="utf-8") as handle:
            handle.write(f"{Path(path).resolve()}\n")


def temporary_beside(path: Path) -> Path:
    """A hidden temporary name in the target's folder, so os.replace is an atomic rename.

    Not mkstemp: its mode 0600 would carry over to files meant to be shared.
    The name carries the writing process's id, so that a later run can tell a
    temporary left by a killed process (SIGKILL, or a kernel whose parent was
    killed, runs no ``finally``) from one still being written: see
    :func:`remove_stale_temporaries`.
    """
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


# ".name.csv.1234-0a1b2c3d.tmp"; before process ids were recorded, ".name.csv.0a1b2c3d.tmp".
_TEMPORARY = re.compile(r"^\..+\.(?:(?P<pid>\d+)-)?[0-9a-f]{8}\.tmp$")
#: A temporary older than this is stale even if a process with its id is running (ids are reused).
STALE_TEMPORARY_SECONDS = 15 * 60


def remove_stale_temporaries(folder: str | os.PathLike[str]) -> list[Path]:
    """Delete the temporaries of :func:`temporary_beside` under ``folder`` that no running write owns.

    A temporary is stale when the process named in it is gone, or when it is
    older than :data:`STALE_TEMPORARY_SECONDS`. Returns what was removed.
    """
    import time

    removed = []
    for root, _dirs, files in os.walk(folder):
        for name in files:
            match = _TEMPORARY.match(name)
            if not match:
                continue
            path = Path(root, name)
            try:
                age = time.time() - path.stat().st_mtime
            except OSError:
                continue
            if match["pid"] is None or not _running(int(match["pid"])) or age > STALE_TEMPORARY_SECONDS:
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process: assume it is writing
    return True


def atomic_write(path: Path, write: Callable[[IO[bytes]], None]) -> Path:
    """Call ``write`` on a temporary file beside ``path``, then rename it into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_beside(path)
    try:
        with open(tmp, "wb") as handle:
            write(handle)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    record_output(path)
    return path


def write_table(frame: pd.DataFrame, name: str, *, outdir: Path) -> Path:
    """``<outdir>/<name>.csv``, UTF-8 with BOM, no index, Unix line ends."""
    path = Path(outdir) / f"{check_name(name)}.csv"
    data = frame.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")
    return atomic_write(path, lambda handle: handle.write(data))


#: An output folder with less free space than this is refused before any work starts.
MIN_FREE_BYTES = 1024 * 1024


def check_output_folder(folder: str | os.PathLike[str]) -> Path:
    """Create ``folder`` if needed and make sure files can be written there, before the work that fills it.

    A file where a folder should be, a folder that cannot be created or
    written (read-only, not ours), or a full disk is a one-line
    :class:`PolicytextError` now rather than an error after all the analysis.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise PolicytextError(f"{folder}: is a file, not a folder; give --out a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PolicytextError(f"{folder}: cannot create the output folder ({exc.strerror or exc})") from None
    probe = temporary_beside(folder / "write-check")
    try:
        with open(probe, "wb") as handle:
            handle.write(b"policytext")
    except OSError as exc:
        raise PolicytextError(f"{folder}: cannot write in the output folder ({exc.strerror or exc})") from None
    finally:
        probe.unlink(missing_ok=True)
    try:
        stats = os.statvfs(folder)
    except (OSError, AttributeError):  # no statvfs (Windows): the probe above is the check
        return folder
    if stats.f_bavail * stats.f_frsize < MIN_FREE_BYTES:
        raise PolicytextError(f"{folder}: the disk is full (less than 1 MiB free)")
    return folder
