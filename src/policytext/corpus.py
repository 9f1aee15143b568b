"""Many speeches at once: one profile row per document, detail tables beside it.

Each document is analysed on its own (load, outline, rhetoric, indicators,
comparison with the central corpus), so the work spreads over processes; a
document that cannot be read becomes a row with its one-line error instead of
stopping the batch. Rows come back in input order whatever the worker count,
so the table is the same with one worker or many.
"""

from __future__ import annotations

import os
import signal
import sys
import time
import warnings
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .errors import InputError, PolicytextError, PolicytextWarning
from .formats import READABLE_SUFFIXES
from .output import write_table
from .paths import document_id
from .terminal import display_path, printable

if TYPE_CHECKING:
    from .compare import Comparison

SUFFIXES = READABLE_SUFFIXES
PROFILE_COLUMNS = (
    "document", "doc_id", "title", "characters", "sections", "truncated", "redactions",
    "leader_references_per_1000", "directives_per_1000", "four_character_per_1000",
    "indicators", "indicators_per_1000", "central_reuse", "verbatim_reuse", "top_keywords", "error",
)
SOURCE_AGE_COLUMNS = (
    "document", "speech_date", "sources", "oldest_source", "newest_source", "share_reused", "share_stock", "later_echoes",
)
TOP_KEYWORDS = 5
#: Input per worker process below which fewer processes are used (see :func:`worker_count`).
MIN_BYTES_PER_WORKER = 384 * 1024
_WORKER_DIED = "the worker process analysing it died (killed by a signal or out of memory)"
_PARENT_POLL_SECONDS = 1.0
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class DocumentResult:
    """One document's profile row and its detail tables (empty when it could not be read)."""

    profile: dict
    details: dict[str, pd.DataFrame] = field(default_factory=dict)
    sources: dict = field(default_factory=dict)  # its row of :func:`source_ages_frame`


def collect_paths(inputs: Iterable[str | Path]) -> list[Path]:
    """Files named, plus the files (.txt, .html, .docx, .pdf) under folders named, in a stable order.

    A subfolder that cannot be listed is not skipped silently: it is named in a
    :class:`PolicytextWarning` (:func:`collect_inputs` returns it instead).
    """
    paths, unreadable = collect_inputs(inputs)
    for folder, reason in unreadable:
        warnings.warn(PolicytextWarning(f"{display_path(folder)}: folder skipped, {reason}"), stacklevel=2)
    return paths


def collect_inputs(inputs: Iterable[str | Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """``(files, unreadable folders with the reason)`` for the files and folders named.

    Files under a folder are taken by suffix whatever they are (a FIFO or a
    link to a device named ``x.txt`` becomes an error row, not a silent gap).
    """
    paths: list[Path] = []
    unreadable: list[tuple[Path, str]] = []
    for item in map(Path, inputs):
        if item.is_dir():
            paths.extend(_files_under(item, unreadable))
        elif item.exists() or item.is_symlink():
            paths.append(item)  # whatever it is: reading it decides, and says why not
        else:
            raise InputError(f"{display_path(item)}: no such file or folder")
    if not paths and not unreadable:
        raise InputError("no documents to analyse (.txt, .html, .docx or .pdf)")
    unique: dict[Path, Path] = {}
    for path in paths:
        unique.setdefault(path.resolve(), path)  # the same file named twice (relative and absolute) once
    return list(unique.values()), unreadable


def _files_under(folder: Path, unreadable: list[tuple[Path, str]]) -> list[Path]:
    def refused(error: OSError) -> None:
        unreadable.append((Path(error.filename or folder), f"cannot be listed ({error.strerror or error})"))

    found = []
    for root, dirs, files in os.walk(folder, onerror=refused):
        dirs.sort()
        found.extend(Path(root, name) for name in files if Path(name).suffix.lower() in SUFFIXES and name != "README.md")
    return sorted(found)


@lru_cache(maxsize=4)
def _reference(path: str | None):
    """The central corpus, loaded once per worker process (keyed on its path: the files are inputs, not edited while a batch runs)."""
    from .reference import load_reference

    return load_reference(path)


def error_result(path: Path, error: str) -> DocumentResult:
    """The row of a document that could not be analysed: its name and its one-line error."""
    return DocumentResult({**{c: None for c in PROFILE_COLUMNS}, "document": display_path(path), "doc_id": "",
                           "error": printable(" ".join(error.split()))})


def analyse_document(path: Path, *, reference: str | None = None) -> DocumentResult:
    """Profile one document; whatever goes wrong with it becomes a row carrying its one-line error."""
    try:
        return _profile(Path(path), reference=reference)
    except (PolicytextError, OSError) as exc:
        return error_result(path, str(exc))
    except Exception as exc:  # noqa: BLE001 - one document's failure must not cost the batch its other results
        return error_result(path, f"internal error: {type(exc).__name__}: {exc}")


def _profile(path: Path, *, reference: str | None) -> DocumentResult:
    from .analysis import Analysis
    from .document import load

    base = {"document": display_path(path), "doc_id": document_id(path), "error": ""}
    document = load(path)

    analysis = Analysis(document, reference=_reference(reference))
    profile = {**base, **analysis.profile(top_keywords=TOP_KEYWORDS)}
    details = {
        "outline": analysis.outline(),
        "indicators": analysis.indicators(),
        "leader_references": analysis.leader_references(),
        "directive_profile": analysis.directive_profile(),
        "reuse_coverage": analysis.comparison().coverage(level=1),
        "keywords": analysis.keywords(top=TOP_KEYWORDS),
    }
    return DocumentResult(profile, details, _source_ages(path, analysis.comparison()))


def _source_ages(path: Path, comparison: Comparison) -> dict:
    found, stock = comparison.sources, comparison.stock.set_index("stock_formula")
    return {
        "document": path.name,
        "speech_date": comparison.speech_date,
        "sources": len(found),
        "oldest_source": found.source_date.min() if len(found) else "",
        "newest_source": found.source_date.max() if len(found) else "",
        "share_reused": round(float(found.share.sum()), 4),
        "share_stock": float(stock.loc["all", "share"]),
        "later_echoes": len(comparison.echoes),
    }


def _analyse_batch(batch: list[tuple[Path, str | None]]) -> list[DocumentResult]:
    return [analyse_document(path, reference=reference) for path, reference in batch]


def _worker_start(parent: int) -> None:
    """In each worker: end when the parent ends, however it ends (SIGKILL included)."""
    import threading

    # Ctrl-C reaches the whole process group: the parent decides. SIGTERM (from
    # the parent stopping the pool) ends a worker at once, whatever handler it inherited.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="policytext-parent-watch", daemon=True).start()


def _die_with_parent() -> None:
    # Linux: the kernel sends SIGTERM the moment the parent exits; elsewhere the watch thread does it within a second.
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: pending work cancelled, running workers terminated (not waited for)."""
    # Taken before shutdown(), which forgets them; a private attribute, but the
    # executor has no public way to stop a worker that is busy.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


def _run_pool(batches: list[list[int]], jobs: list, workers: int, results: dict[int, DocumentResult], bar) -> list[int]:
    """Run ``batches`` (lists of job indexes) over ``workers`` processes; return the jobs left unfinished by a dead worker."""
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_start, initargs=(os.getpid(),))
    unfinished: list[int] = []
    try:
        futures = {}
        try:
            for batch in batches:
                futures[pool.submit(_analyse_batch, [jobs[i] for i in batch])] = batch
        except BrokenProcessPool:  # a worker died before everything was handed out
            unfinished.extend(i for batch in batches[len(futures) :] for i in batch)
        for future in as_completed(futures):
            batch = futures[future]
            try:
                for index, result in zip(batch, future.result()):
                    results[index] = result
                bar.update(len(batch))
            except BrokenProcessPool:
                unfinished.extend(batch)
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)
    return sorted(unfinished)


def analyse_corpus(
    paths: Sequence[Path],
    *,
    workers: int | None = None,
    reference: str | Path | None = None,
    progress: bool = True,
) -> list[DocumentResult]:
    """Analyse every document, over at most ``workers`` processes (default: all cores), in input order.

    A small corpus is analysed in this process: see :func:`worker_count`.
    """
    from tqdm.auto import tqdm

    reference = str(reference) if reference is not None else None
    jobs = [(Path(p), reference) for p in paths]
    workers = worker_count([path for path, _ in jobs], workers)
    bar_options = dict(total=len(jobs), desc="documents", unit="doc", disable=not progress)
    if workers == 1:
        return [analyse_document(path, reference=ref) for path, ref in tqdm(jobs, **bar_options)]
    # Each worker loads jieba's dictionary and the central corpus once; batches
    # keep the per-task overhead small when there are hundreds of documents.
    size = max(1, len(jobs) // (workers * 8))
    batches = [list(range(start, min(start + size, len(jobs)))) for start in range(0, len(jobs), size)]
    results: dict[int, DocumentResult] = {}
    with tqdm(**bar_options) as bar:
        unfinished = _run_pool(batches, jobs, workers, results, bar)
        # A worker died (killed, out of memory) and took its pool down. What
        # was left is rerun in a new pool, one document a task: a death from
        # outside (the system's OOM killer) does not come back. If one does,
        # the rest runs one document at a time in one worker, where the first
        # document left unfinished by the next death is the one that kills.
        if unfinished:
            unfinished = _run_pool([[i] for i in unfinished], jobs, workers, results, bar)
        while unfinished:
            left = _run_pool([[i] for i in unfinished], jobs, 1, results, bar)
            if left:
                culprit, unfinished = left[0], left[1:]
                results[culprit] = error_result(jobs[culprit][0], _WORKER_DIED)
                bar.update(1)
            else:
                unfinished = []
    return [results[i] for i in range(len(jobs))]


def worker_count(paths: Sequence[Path], workers: int | None = None) -> int:
    """How many processes to analyse ``paths`` with: at most ``workers`` (default: all cores).

    A worker process pays a start-up of its own (libraries, jieba's dictionary,
    the central corpus) worth about a few hundred kilobytes of analysis, so each
    one must get at least :data:`MIN_BYTES_PER_WORKER` of input: the seed and
    the three samples run faster in one process than in two.
    """
    wanted = max(1, workers or os.cpu_count() or 1)
    size = 0
    for path in paths:
        try:
            size += Path(path).stat().st_size
        except OSError:
            continue  # unreadable: its error row costs nothing
    return max(1, min(wanted, len(paths), size // MIN_BYTES_PER_WORKER))


def profiles_frame(results: Sequence[DocumentResult]) -> pd.DataFrame:
    return pd.DataFrame([r.profile for r in results], columns=list(PROFILE_COLUMNS))


def source_ages_frame(results: Sequence[DocumentResult]) -> pd.DataFrame:
    """One row per readable document: how many central texts it draws on, their oldest and newest dates, the
    share of its clause characters reused from a source and in stock formulas, and its later echoes."""
    return pd.DataFrame([r.sources for r in results if r.sources], columns=list(SOURCE_AGE_COLUMNS))


def write_corpus(results: Sequence[DocumentResult], *, outdir: Path) -> list[Path]:
    """``outdir/corpus_documents.csv`` and ``outdir/<doc-id>/<table>.csv`` for each readable document."""
    outdir = Path(outdir)
    written = [write_table(profiles_frame(results), "corpus_documents", outdir=outdir)]
    seen: set[str] = set()
    for result in results:
        doc_id = result.profile["doc_id"]
        if not result.details or doc_id in seen:
            continue  # the same file listed twice: one folder
        seen.add(doc_id)
        for name, table in result.details.items():
            written.append(write_table(table, name, outdir=outdir / doc_id))
    return written
