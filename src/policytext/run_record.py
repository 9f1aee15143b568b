"""What the last successful run of each notebook read and wrote, so an unchanged notebook is not run again.

A notebook's *inputs* are the notebook file, the package's source and data,
the lock file, the raw and reference data, the document it was given and the
parameters it was run with. Its *outputs* are the files it wrote through the
package's writers (each calls :func:`policytext.output.record_output`, which
appends to the manifest file the runner names in ``POLICYTEXT_RUN_MANIFEST``)
and its executed copy. A notebook may be skipped when a hash of its inputs equals the
one recorded at its last successful run and every recorded output still has
the bytes it had then.

The record is a JSON file in the project cache, one per set of output folders,
so a run for another document (``--doc``) keeps a record of its own.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .digests import feed_tree, file_digest, package_digest
from .output import atomic_write
from .paths import cache_dir, project_root

# Bumped when the meaning of a record changes, so old records are ignored.
_FORMAT = 1


def shared_inputs_digest() -> str:
    """The inputs every notebook shares: package source and data, lock file, raw and reference data, Python."""
    root = project_root()
    digest = hashlib.sha256(f"format {_FORMAT}\n{package_digest()}\n".encode())
    for folder in (root / "data" / "raw", root / "data" / "reference"):
        feed_tree(digest, folder)
    return digest.hexdigest()


def notebook_key(notebook: Path, *, shared: str, parameters: dict[str, str], doc: Path | None) -> str:
    """The hash of everything one notebook's run depends on."""
    digest = hashlib.sha256(shared.encode())
    digest.update(file_digest(notebook).encode())
    digest.update(json.dumps(parameters, sort_keys=True, ensure_ascii=False).encode())
    if doc is not None:
        digest.update(file_digest(doc).encode())
        sidecar = doc.with_name(doc.stem + ".provenance.json")
        if sidecar.is_file():
            digest.update(file_digest(sidecar).encode())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class NotebookRecord:
    key: str
    outputs: dict[str, str]  # absolute path -> sha256 of its bytes when the run ended

    def intact(self) -> bool:
        """Every recorded output still exists with the bytes it had."""
        try:
            return all(Path(path).is_file() and file_digest(Path(path)) == sha for path, sha in self.outputs.items())
        except OSError:
            return False


class RunRecord:
    """The records of one set of output folders, read at the start of a run and saved after each notebook."""

    def __init__(self, *folders: Path) -> None:
        name = hashlib.sha256("\0".join(str(Path(f).resolve()) for f in folders).encode()).hexdigest()[:16]
        self.path = cache_dir("runs") / f"{name}.json"
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = {}
        notebooks = stored.get("notebooks", {}) if stored.get("format") == _FORMAT else {}
        self._records = {
            name: NotebookRecord(entry["key"], dict(entry["outputs"]))
            for name, entry in notebooks.items()
            if isinstance(entry, dict) and "key" in entry and "outputs" in entry
        }

    def reason_to_run(self, notebook: Path, key: str) -> str | None:
        """Why ``notebook`` must run (a short phrase), or None when it may be skipped."""
        record = self._records.get(str(notebook))
        if record is None:
            return "no earlier successful run"
        if record.key != key:
            return "its inputs changed"
        if not record.intact():
            return "an output was changed or removed"
        return None

    def forget(self, notebook: Path) -> None:
        self._records.pop(str(notebook), None)
        self._save()

    def remember(self, notebook: Path, key: str, outputs: list[Path]) -> None:
        self._records[str(notebook)] = NotebookRecord(
            key, {str(path): file_digest(path) for path in sorted(set(outputs)) if path.is_file()}
        )
        self._save()

    def _save(self) -> None:
        entries = {name: {"key": r.key, "outputs": r.outputs} for name, r in sorted(self._records.items())}
        text = json.dumps({"format": _FORMAT, "notebooks": entries}, ensure_ascii=False, indent=1)
        atomic_write(self.path, lambda handle: handle.write(text.encode("utf-8")))


def read_manifest(path: Path) -> list[Path]:
    """The files a notebook's kernel reported writing (see :func:`policytext.output.record_output`)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    return [Path(line) for line in dict.fromkeys(lines) if line]


class Durations:
    """How long each notebook took at its last successful run, so that the next run can start the longest first.

    Kept apart from the records of output folders: how long a notebook takes
    on a document does not depend on where its outputs go, and a run into new
    folders (``--out``) is scheduled from what any earlier run measured. A
    missing or damaged file only loses the order, never a run.
    """

    def __init__(self) -> None:
        self.path = cache_dir("runs") / "durations.json"
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = {}
        entries = stored.get("seconds", {}) if isinstance(stored, dict) and stored.get("format") == _FORMAT else {}
        self._seconds = {name: float(value) for name, value in entries.items()
                         if isinstance(name, str) and isinstance(value, (int, float)) and value >= 0}

    @staticmethod
    def _name(notebook: Path, doc: Path | None) -> str:
        return f"{Path(notebook).resolve()}\0{Path(doc).resolve() if doc is not None else ''}"

    def seconds(self, notebook: Path, *, doc: Path | None) -> float | None:
        """Wall seconds of the notebook's last successful run on ``doc`` (None: the default document), if known."""
        return self._seconds.get(self._name(notebook, doc))

    def remember(self, notebook: Path, seconds: float, *, doc: Path | None) -> None:
        self._seconds[self._name(notebook, doc)] = round(float(seconds), 3)
        text = json.dumps({"format": _FORMAT, "seconds": dict(sorted(self._seconds.items()))}, ensure_ascii=False, indent=1)
        try:
            atomic_write(self.path, lambda handle: handle.write(text.encode("utf-8")))
        except OSError:
            pass  # a read-only cache costs the next run its order, not this run its result
