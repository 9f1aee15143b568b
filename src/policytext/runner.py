"""Run the numbered notebooks headless, in reading order, with papermill.

This is what ``make figures`` (``policytext run``) does: each notebook gets the
document, the figures folder and the processed-data folder as papermill
parameters and is executed in a fresh kernel started in the notebooks folder.
The executed copy, outputs included, goes to a separate (git-ignored) folder
so that the committed notebooks stay output-free.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from policytext.errors import PolicytextError
from policytext.output import remove_stale_temporaries
from policytext.paths import project_root, runtime_env

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
    """Point caches and temporary files of the kernels at the project's .cache/.

    Kernels inherit os.environ when they start, so it is set for the run and
    restored afterwards.
    """
    env = runtime_env()
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


def run_notebooks(
    *,
    doc: Path | None = None,
    figures_dir: Path,
    processed_dir: Path,
    notebooks: Sequence[Path] | None = None,
    executed_dir: Path,
    progress: bool = True,
) -> list[Path]:
    """Execute each notebook in order and return the paths of the executed copies.

    Parameters injected into each notebook's ``parameters`` cell: ``doc_path``
    (only when ``doc`` is given, so the notebook's own default stays otherwise),
    ``figures_dir`` and ``processed_dir``, all as absolute path strings.
    ``notebooks`` defaults to :func:`default_notebooks`. Each kernel runs in its
    notebook's folder with the environment of :func:`policytext.paths.runtime_env`.
    The first notebook that fails stops the run with a one-line
    :class:`PolicytextError` naming it and the cell's error; its executed copy,
    traceback included, is in ``executed_dir``.
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
    outputs = (Path(parameters["figures_dir"]), Path(parameters["processed_dir"]))
    for folder in (executed_dir, *outputs):
        folder.mkdir(parents=True, exist_ok=True)
        # A run killed while a figure was being written (SIGKILL, or SIGTERM that
        # took the kernel down first) left hidden temporaries: remove them now.
        remove_stale_temporaries(folder)
    try:
        return _execute(notebooks, parameters, executed_dir, progress=progress)
    finally:
        for folder in outputs:
            remove_stale_temporaries(folder)


def _execute(notebooks: Sequence[Path], parameters: dict[str, str], executed_dir: Path, *, progress: bool) -> list[Path]:
    """Run each notebook in order with papermill (see :func:`run_notebooks`)."""
    with _project_environment():
        # Imported late: papermill pulls in nbclient, jupyter_client and friends.
        import papermill
        from jupyter_client.kernelspec import NoSuchKernel
        from nbclient.exceptions import DeadKernelError
        from nbformat.reader import NotJSONError
        from papermill.exceptions import PapermillException, PapermillExecutionError

        executed: list[Path] = []
        for number, notebook in enumerate(notebooks, 1):
            output = executed_dir / notebook.name
            if progress:
                print(f"[{number}/{len(notebooks)}] {_display(notebook)}", file=sys.stderr, flush=True)
            try:
                papermill.execute_notebook(
                    _literal_path(notebook),
                    _literal_path(output),
                    parameters=dict(parameters),
                    kernel_name=KERNEL_NAME,
                    language="python",
                    cwd=str(notebook.parent),
                    progress_bar=progress,
                    extra_arguments=list(_KERNEL_ARGUMENTS),
                )
            except PapermillExecutionError as err:
                raise PolicytextError(
                    f"notebook {notebook.name} failed at In [{err.exec_count}]: "
                    f"{err.ename}: {_one_line(err.evalue)} (traceback in {_display(output)})"
                ) from None
            except (PapermillException, DeadKernelError, NoSuchKernel, NotJSONError,
                    OSError, RuntimeError, TimeoutError, ValueError) as err:
                raise PolicytextError(
                    f"notebook {notebook.name} could not run: {type(err).__name__}: {_one_line(err)}"
                ) from err
            _refuse_missing_glyphs(output)
            executed.append(output)
    return executed


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
