"""Where the project keeps its inputs, outputs and caches.

Nothing is written outside the project: caches (jieba's dictionary cache,
matplotlib's font cache, Jupyter's runtime files) live in ``.cache/`` at the
project root. ``POLICYTEXT_ROOT`` and ``POLICYTEXT_CACHE_DIR`` override the
defaults, e.g. for an installed (non-editable) package.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_MARKER = 'name = "policytext"'


def _looks_like_root(folder: Path) -> bool:
    pyproject = folder / "pyproject.toml"
    try:
        return _MARKER in pyproject.read_text(encoding="utf-8")
    except OSError:
        return False


@lru_cache(maxsize=1)
def project_root() -> Path:
    """The repository root: from ``POLICYTEXT_ROOT``, else found above this package or the working directory."""
    if env := os.environ.get("POLICYTEXT_ROOT"):
        return Path(env).resolve()
    for start in (Path(__file__).resolve().parent, Path.cwd().resolve()):
        for folder in (start, *start.parents):
            if _looks_like_root(folder):
                return folder
    return Path.cwd().resolve()


def cache_dir(*parts: str) -> Path:
    """A folder under the project's cache (created on demand)."""
    base = Path(os.environ["POLICYTEXT_CACHE_DIR"]) if "POLICYTEXT_CACHE_DIR" in os.environ else project_root() / ".cache"
    folder = base.joinpath(*parts)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from .errors import PolicytextError

        raise PolicytextError(f"cache folder {folder} cannot be created ({exc.strerror or exc}); "
                              "point POLICYTEXT_CACHE_DIR at a writable folder") from None
    return folder


def runtime_env() -> dict[str, str]:
    """Environment variables that keep third-party caches inside the project.

    Used for notebook kernels and subprocesses: matplotlib, IPython, Jupyter and
    Python's tempfile would otherwise write to the home folder or /tmp.
    """
    cache = cache_dir()
    env = {
        "POLICYTEXT_CACHE_DIR": str(cache),
        "MPLCONFIGDIR": str(cache / "matplotlib"),
        "IPYTHONDIR": str(cache / "ipython"),
        "JUPYTER_CONFIG_DIR": str(cache / "jupyter" / "config"),
        "JUPYTER_DATA_DIR": str(cache / "jupyter" / "data"),
        "JUPYTER_RUNTIME_DIR": str(cache / "jupyter" / "runtime"),
        "TMPDIR": str(cache / "tmp"),
        "XDG_CACHE_HOME": str(cache / "xdg"),
    }
    for value in env.values():
        Path(value).mkdir(parents=True, exist_ok=True)
    return env


def data_dir(*parts: str) -> Path:
    return project_root().joinpath("data", *parts)


def figures_dir() -> Path:
    return project_root() / "figures"


#: The speech the notebooks analyse when no other document is given (each notebook's
#: ``doc_path`` default names the same file; tests/test_notebooks.py keeps them in step).
DEFAULT_DOCUMENT = ("data", "raw", "777doc-12864340_tianjin-sci-tech-party-lecture-2024.txt")


def default_document() -> Path:
    return project_root().joinpath(*DEFAULT_DOCUMENT)


@dataclass(frozen=True)
class OutputFolders:
    """Where one run on one document writes: figures, tables, executed notebooks; ``doc_id`` is "" for the default speech."""

    figures: Path
    processed: Path
    notebooks: Path
    doc_id: str


def output_folders(
    doc: str | os.PathLike[str] | None = None,
    *,
    out: str | os.PathLike[str] | None = None,
    figures: str | os.PathLike[str] | None = None,
    processed: str | os.PathLike[str] | None = None,
) -> OutputFolders:
    """The folders of a run on ``doc``: the one rule for ``policytext run --doc`` and a notebook run in JupyterLab.

    The default speech (``doc`` None or the file :data:`DEFAULT_DOCUMENT`) writes
    to ``figures/``, ``data/processed/`` and ``build/notebooks/``; any other
    document to ``<doc-id>/`` inside each, so it never overwrites the default
    speech's committed outputs. ``out`` puts all three under one folder
    instead; ``figures`` and ``processed``, when given, win over the rule
    (papermill passes them to the notebooks).
    """
    root = project_root()
    path = Path(doc).resolve() if doc is not None else None
    doc_id = "" if path is None or path == default_document().resolve() else document_id(path)
    if out is not None:
        base = Path(out)
        folders = (base / "figures", base / "processed", base / "notebooks")
    else:
        folders = tuple(folder / doc_id if doc_id else folder
                        for folder in (root / "figures", root / "data" / "processed", root / "build" / "notebooks"))
    return OutputFolders(
        figures=Path(figures) if figures is not None else folders[0],
        processed=Path(processed) if processed is not None else folders[1],
        notebooks=folders[2],
        doc_id=doc_id,
    )


_UNSAFE_ID_CHARS = re.compile(r"[^\w.-]+")
_ID_MAX = 60


def document_id(path: Path) -> str:
    """A folder name for a document's outputs: its file name made safe, plus a content hash.

    Only the file's stem is used (no folders, so no traversal); anything but
    letters (Chinese included), digits, '.', '-' and '_' becomes '-'. The first
    eight hex digits of the file's SHA-256 keep two different files with the
    same name from overwriting each other's outputs.
    """
    path = Path(path)
    stem = unicodedata.normalize("NFKC", path.stem)
    slug = _UNSAFE_ID_CHARS.sub("-", stem).strip("-._")[:_ID_MAX].rstrip("-._") or "document"
    from .reading import read_input_bytes

    digest = hashlib.sha256(read_input_bytes(path)).hexdigest()[:8]
    return f"{slug}-{digest}"
