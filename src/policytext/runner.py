"""Run the numbered notebooks headless with papermill, several at once, skipping unchanged ones.

This is what ``make figures`` (``policytext run``) does: each notebook gets the
document, the figures folder and the processed-data folder as papermill
parameters and is executed in a fresh kernel started in the notebooks folder.
The executed copy, outputs included, goes to a separate (git-ignored) folder
so that the committed notebooks stay output-free.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import hashlib
import multiprocessing
import os
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from policytext.analysis_store import SHARE_VARIABLE
from policytext.errors import PolicytextError
from policytext.output import MANIFEST_VARIABLE, remove_stale_temporaries
from policytext.paths import cache_dir, project_root, runtime_env
from policytext.run_record import Durations, RunRecord, notebook_key, read_manifest, shared_inputs_digest

# "python3" resolves to the interpreter running this code: jupyter_client
# replaces a kernelspec's bare "python" with sys.executable, so the kernel is
# the project's venv whichever Jupyter kernels the user has elsewhere.
KERNEL_NAME = "python3"
NOTEBOOK_PATTERN = "[0-9]*.ipynb"
# Quiet the kernel application's own log: at every start it warns that its
# loopback TCP channels are unencrypted, and at shutdown after a failed cell it
# may report the interrupt jupyter_client sends. Cell errors and outputs still
# reach the executed copy; a kernel that dies still raises.
_KERNEL_ARGUMENTS = ("--IPKernelApp.log_level=CRITICAL",)
_LEADING_NUMBER = re.compile(r"^(\d+)")


def notebooks_dir() -> Path:
    """The project's ``notebooks/`` folder."""
    return project_root() / "notebooks"


def default_executed_dir() -> Path:
    """Where executed copies go by default (``build/notebooks/``, git-ignored)."""
    return project_root() / "build" / "notebooks"


def _reading_order(path: Path) -> tuple[int, str]:
    match = _LEADING_NUMBER.match(path.name)
    return (int(match[1]) if match else sys.maxsize, path.name)


def default_notebooks(folder: Path | None = None) -> list[Path]:
    """The numbered notebooks (``[0-9]*.ipynb``) of ``notebooks/``, in reading order.

    Ordered by their leading number, so ``9_x`` comes before ``10_y``.
    """
    folder = notebooks_dir() if folder is None else folder
    return sorted((path for path in folder.glob(NOTEBOOK_PATTERN) if path.is_file()), key=_reading_order)


@contextlib.contextmanager
def _project_environment() -> Iterator[None]:
    """Point caches and temporary files of the kernels at the project's .cache/, and let them share analyses.

    Kernels inherit os.environ when they start, so it is set for the run and
    restored afterwards.
    """
    # The kernels share the tables of the document they all read (policytext.analysis_store).
    env = {**runtime_env(), SHARE_VARIABLE: "1"}
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _literal_path(path: Path) -> str:
    # papermill formats notebook paths with str.format(): keep braces literal.
    return str(path).replace("{", "{{").replace("}", "}}")


def _one_line(text: object, limit: int = 300) -> str:
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    line = lines[0] if lines else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(project_root()))
    except ValueError:
        return str(path)


def default_jobs() -> int:
    """How many notebooks run at once by default: one per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True, slots=True, eq=False)
class Step:
    """Work of the run that is not a notebook (the reading page's tables), done on the run's cores.

    ``compute`` (picklable: a module-level function or a partial of one) runs
    in a worker once every notebook has been started, so it takes a core only
    when one is free; ``finish`` gets its result in the calling process after
    every notebook has succeeded (the figures are all written by then).
    """

    name: str
    compute: Callable[[], object]
    finish: Callable[[object], None]


@dataclass(frozen=True, slots=True)
class _Job:
    number: int
    notebook: Path
    output: Path
    parameters: dict[str, str]
    manifest: Path
    progress_bar: bool


def longest_first(jobs: Sequence[_Job], seconds: Callable[[Path], float | None]) -> list[_Job]:
    """``jobs`` in the order to start them: the longest known first, so no long one starts last.

    ``seconds(notebook)`` is how long the notebook took last time, or None.
    Notebooks never timed come first, in reading order (they may be long, and
    are timed by this run); the rest follow by last duration, longest first.
    """
    def rank(job: _Job) -> tuple[int, float, int]:
        last = seconds(job.notebook)
        return (0, 0.0, job.number) if last is None else (1, -last, job.number)

    return sorted(jobs, key=rank)


def _papermill():
    """papermill, imported in a worker without the grammar jsonschema would build for a format it never checks here.

    Imported late: papermill pulls in nbclient, jupyter_client and nbformat.
    nbformat's jsonschema imports rfc3987-syntax when it is installed (JupyterLab's
    dependencies install it) for the "iri" string format, and that package builds a
    Lark grammar on import: over a second of CPU at the start of every worker, before
    any kernel is asked for. The notebook schema has no such format and validators
    check no formats unless asked, so the worker blocks that one import; jsonschema
    expects it to be missing and goes without.
    """
    sys.modules.setdefault("rfc3987_syntax", None)  # None in sys.modules: "import rfc3987_syntax" raises ImportError
    import papermill

    return papermill


def _execute(job: _Job) -> float:
    """Run one notebook (in a worker process) and return its wall time; PolicytextError on failure.

    The manifest variable is set in this process only, so the kernel it starts
    reports the files it writes to this notebook's manifest, whatever else runs.
    """
    os.environ[MANIFEST_VARIABLE] = str(job.manifest)
    job.manifest.unlink(missing_ok=True)
    papermill = _papermill()
    from jupyter_client.kernelspec import NoSuchKernel
    from nbclient.exceptions import DeadKernelError
    from nbformat.reader import NotJSONError
    from papermill.exceptions import PapermillException, PapermillExecutionError

    started = time.perf_counter()
    try:
        papermill.execute_notebook(
            _literal_path(job.notebook),
            _literal_path(job.output),
            parameters=dict(job.parameters),
            kernel_name=KERNEL_NAME,
            language="python",
            cwd=str(job.notebook.parent),
            progress_bar=job.progress_bar,
            extra_arguments=list(_KERNEL_ARGUMENTS),
        )
    except PapermillExecutionError as err:
        raise PolicytextError(
            f"notebook {job.notebook.name} failed at In [{err.exec_count}]: "
            f"{err.ename}: {_one_line(err.evalue)} (traceback in {_display(job.output)})"
        ) from None
    except (PapermillException, DeadKernelError, NoSuchKernel, NotJSONError,
            OSError, RuntimeError, TimeoutError, ValueError) as err:
        raise PolicytextError(
            f"notebook {job.notebook.name} could not run: {type(err).__name__}: {_one_line(err)}"
        ) from None
    _refuse_missing_glyphs(job.output)
    return time.perf_counter() - started


def run_notebooks(
    *,
    doc: Path | None = None,
    figures_dir: Path,
    processed_dir: Path,
    notebooks: Sequence[Path] | None = None,
    executed_dir: Path,
    progress: bool = True,
    jobs: int | None = None,
    skip_unchanged: bool = False,
    steps: Sequence[Step] = (),
) -> list[Path]:
    """Execute the notebooks and return the paths of the executed copies, in reading order.

    Parameters injected into each notebook's ``parameters`` cell: ``doc_path``
    (only when ``doc`` is given, so the notebook's own default stays otherwise),
    ``figures_dir`` and ``processed_dir``, all as absolute path strings.
    ``notebooks`` defaults to :func:`default_notebooks`. Each kernel runs in its
    notebook's folder with the environment of :func:`policytext.paths.runtime_env`.

    The notebooks do not read each other's outputs, so up to ``jobs`` of them
    (default: one per core) run at once, each in a worker process of its own,
    the longest first by the durations of earlier runs (:func:`longest_first`;
    reading order the first time), then the ``steps``. With ``skip_unchanged``, a notebook whose inputs
    are unchanged since its last successful run and whose outputs are intact
    is skipped (see :mod:`policytext.run_record`); the run says which and why.
    The first notebook that fails stops the run (notebooks not yet started are
    not started) with a one-line :class:`PolicytextError` naming it and the
    cell's error; its executed copy, traceback included, is in ``executed_dir``.
    """
    if notebooks is None:
        notebooks = default_notebooks()
        if not notebooks:
            raise PolicytextError(f"no numbered notebooks ({NOTEBOOK_PATTERN}) in {_display(notebooks_dir())}")
    notebooks = [Path(path).resolve() for path in notebooks]
    if not notebooks:
        raise PolicytextError("no notebooks to run")
    for notebook in notebooks:
        if not notebook.is_file():
            raise PolicytextError(f"notebook not found: {notebook}")
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise PolicytextError(f"--jobs must be at least 1, not {jobs}")

    parameters = {
        "figures_dir": str(Path(figures_dir).resolve()),
        "processed_dir": str(Path(processed_dir).resolve()),
    }
    if doc is not None:
        doc = Path(doc).resolve()
        if not doc.is_file():
            raise PolicytextError(f"document not found: {doc}")
        parameters = {"doc_path": str(doc), **parameters}

    executed_dir = Path(executed_dir).resolve()
    output_dirs = (Path(parameters["figures_dir"]), Path(parameters["processed_dir"]))
    for folder in (executed_dir, *output_dirs):
        folder.mkdir(parents=True, exist_ok=True)
        # A run killed while a figure was being written (SIGKILL, or SIGTERM that
        # took the kernel down first) left hidden temporaries: remove them now.
        remove_stale_temporaries(folder)
    try:
        _run_or_skip(notebooks, parameters, doc, executed_dir, output_dirs,
                     progress=progress, jobs=jobs, skip_unchanged=skip_unchanged, steps=steps)
    finally:
        for folder in output_dirs:
            remove_stale_temporaries(folder)
    return [executed_dir / notebook.name for notebook in notebooks]


def _run_or_skip(notebooks: Sequence[Path], parameters: dict[str, str], doc: Path | None, executed_dir: Path,
                 output_dirs: tuple[Path, Path], *, progress: bool, jobs: int, skip_unchanged: bool,
                 steps: Sequence[Step] = ()) -> None:
    """Skip what may be skipped, run the rest (see :func:`run_notebooks`), and record what each run wrote."""
    with _project_environment():
        record = RunRecord(executed_dir, *output_dirs)
        durations = Durations()
        manifests = cache_dir("runs", "manifests")
        shared = shared_inputs_digest()
        keys = {nb: notebook_key(nb, shared=shared, parameters=parameters, doc=doc) for nb in notebooks}
        total = len(notebooks)
        todo: list[_Job] = []
        for number, notebook in enumerate(notebooks, 1):
            reason = record.reason_to_run(notebook, keys[notebook]) if skip_unchanged else "forced"
            if reason is None:
                if progress:
                    print(f"[{number}/{total}] {_display(notebook)}: skipped, inputs unchanged and outputs intact",
                          file=sys.stderr, flush=True)
                continue
            if progress and skip_unchanged:
                print(f"[{number}/{total}] {_display(notebook)}: runs, {reason}", file=sys.stderr, flush=True)
            record.forget(notebook)
            digest = hashlib.sha256(str(notebook).encode()).hexdigest()[:16]
            todo.append(_Job(number, notebook, executed_dir / notebook.name, parameters,
                             manifests / f"{digest}.txt", progress and jobs == 1))
        todo = longest_first(todo, lambda notebook: durations.seconds(notebook, doc=doc))

        def succeeded(job: _Job, seconds: float) -> None:
            record.remember(job.notebook, keys[job.notebook],
                            [job.output, *(p for p in read_manifest(job.manifest) if _inside(p, output_dirs))])
            durations.remember(job.notebook, seconds, doc=doc)

        results = _run_jobs(todo, list(steps), jobs=min(jobs, max(1, len(todo) + len(steps))), total=total,
                            progress=progress, on_success=succeeded)
        for step, result in zip(steps, results):
            step.finish(result)


def _inside(path: Path, folders: Sequence[Path]) -> bool:
    return any(path.is_relative_to(folder) for folder in folders)


def _run_jobs(todo: list[_Job], steps: list[Step], *, jobs: int, total: int, progress: bool,
              on_success: Callable[[_Job, float], None]) -> list[object]:
    """Run the jobs, ``jobs`` at a time, in the order given, then the steps; stop starting new ones after a failure.

    Returns the steps' results, in their order. With no notebook to run, the
    steps run in this process: no worker is started for them alone.
    """
    if not todo:
        return [step.compute() for step in steps]
    # spawn, not fork: the caller may be a threaded process (pytest, Jupyter), and
    # a forked copy of its locks can deadlock the child.
    context = multiprocessing.get_context("spawn")
    failure: PolicytextError | None = None
    pending: list[_Job | Step] = [*todo, *steps]
    results: dict[int, object] = {}
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        running: dict[concurrent.futures.Future, _Job | Step] = {}
        while pending or running:
            while pending and len(running) < jobs and failure is None:
                work = pending.pop(0)
                if isinstance(work, Step):
                    running[pool.submit(work.compute)] = work  # only the computation crosses to the worker
                    continue
                if progress:
                    print(f"[{work.number}/{total}] {_display(work.notebook)}", file=sys.stderr, flush=True)
                running[pool.submit(_execute, work)] = work
            if not running:
                break
            done, _ = concurrent.futures.wait(running, return_when=concurrent.futures.FIRST_COMPLETED)
            for future in sorted(done, key=lambda f: getattr(running[f], "number", sys.maxsize)):
                work = running.pop(future)
                try:
                    value = future.result()
                except PolicytextError as err:
                    failure = failure or err
                    continue
                except concurrent.futures.process.BrokenProcessPool:
                    what = f"notebook {work.notebook.name}" if isinstance(work, _Job) else work.name
                    failure = failure or PolicytextError(f"{what} could not run: its worker process died")
                    continue
                if isinstance(work, Step):
                    results[steps.index(work)] = value
                    continue
                on_success(work, value)
                if progress and jobs > 1:
                    print(f"[{work.number}/{total}] {_display(work.notebook)}: done in {value:.1f} s",
                          file=sys.stderr, flush=True)
    if failure is not None:
        raise failure
    return [results[index] for index in range(len(steps))]


_MISSING_GLYPH = re.compile(r"Glyph \d+ .*missing from (?:current )?font")


def _refuse_missing_glyphs(executed: Path) -> None:
    """A figure that drew boxes instead of Chinese is a failed run, not a warning in a log."""
    import nbformat

    notebook = nbformat.read(executed, as_version=4)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            text = output.get("text", "") if output.get("output_type") == "stream" else ""
            if match := _MISSING_GLYPH.search(text):
                raise PolicytextError(
                    f"notebook {executed.name} drew a character its font lacks ({_one_line(match.group())}); "
                    "rebuild the font subset (scripts/build_font.py) or set POLICYTEXT_FONT"
                )
