"""run_notebooks executes real notebooks in real kernels, in order, inside the project."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
import pytest

from policytext.errors import PolicytextError
from policytext.runner import default_notebooks, run_notebooks

PARAMETERS = 'doc_path = "default-speech.txt"\nfigures_dir = "unset"\nprocessed_dir = "unset"'

WRITE_FIGURE = """\
from pathlib import Path
Path(figures_dir, "doc.txt").write_text(doc_path, encoding="utf-8")
print("wrote", Path(figures_dir, "doc.txt"))
"""

WRITE_TABLE = """\
import os, sys
from pathlib import Path
Path(processed_dir, "kernel.txt").write_text(f"{os.getcwd()}\\n{sys.prefix}\\n", encoding="utf-8")
len(os.listdir(figures_dir))
"""

# What a real notebook touches: matplotlib's config and font cache, IPython's
# history, a temporary file. Without the project environment these land in
# the home folder and /tmp.
TOUCH_CACHES = """\
import tempfile
from pathlib import Path
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
fig, ax = plt.subplots()
ax.plot([0, 1], [1, 0])
fig.savefig(Path(figures_dir, "line.png"))
handle, name = tempfile.mkstemp(suffix=".kept")
Path(processed_dir, "tempfile.txt").write_text(name, encoding="utf-8")
"""


def _notebook(path: Path, *cells: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(PARAMETERS, metadata={"tags": ["parameters"]})]
    nb.cells += [nbformat.v4.new_code_cell(source) for source in cells]
    nbformat.write(nb, path)
    return path


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A notebooks folder with two numbered notebooks, output folders, and a project cache."""
    monkeypatch.setenv("POLICYTEXT_CACHE_DIR", str(tmp_path / "cache"))
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(notebooks / "02_table.ipynb", WRITE_TABLE)
    _notebook(notebooks / "01_figure.ipynb", WRITE_FIGURE)
    _notebook(notebooks / "scratch.ipynb", "raise SystemExit('unnumbered notebooks are not run')")
    return tmp_path


def _run(project: Path, notebooks: list[Path], **options) -> list[Path]:
    return run_notebooks(
        figures_dir=project / "figures",
        processed_dir=project / "data" / "processed",
        executed_dir=project / "build" / "notebooks",
        notebooks=notebooks,
        **options,
    )


def test_default_notebooks_are_the_numbered_ones_in_reading_order(tmp_path):
    for name in ("10_last.ipynb", "02_b.ipynb", "9_c.ipynb", "01_a.ipynb", "notes.ipynb"):
        _notebook(tmp_path / name)
    (tmp_path / ".ipynb_checkpoints").mkdir()
    _notebook(tmp_path / ".ipynb_checkpoints" / "01_a-checkpoint.ipynb")
    assert [path.name for path in default_notebooks(tmp_path)] == [
        "01_a.ipynb", "02_b.ipynb", "9_c.ipynb", "10_last.ipynb",
    ]


@pytest.mark.slow
def test_runs_each_notebook_with_the_injected_folders(project, capsys):
    doc = project / "speech.txt"
    doc.write_text("一、总体要求", encoding="utf-8")

    executed = _run(project, default_notebooks(project / "notebooks"), doc=doc)

    build = project / "build" / "notebooks"
    assert executed == [build / "01_figure.ipynb", build / "02_table.ipynb"]
    assert (project / "figures" / "doc.txt").read_text(encoding="utf-8") == str(doc)
    cwd, prefix = (project / "data" / "processed" / "kernel.txt").read_text(encoding="utf-8").splitlines()
    assert Path(cwd) == project / "notebooks"
    assert prefix == sys.prefix, "the python3 kernel should be the interpreter running the tests"

    for path in executed:
        nb = nbformat.read(path, as_version=4)
        assert any(cell.get("outputs") for cell in nb.cells if cell.cell_type == "code"), f"{path.name} has no outputs"
        injected = [cell for cell in nb.cells if "injected-parameters" in cell.metadata.get("tags", [])]
        assert injected and str(doc) in injected[0].source
    # The committed notebooks stay output-free.
    source = nbformat.read(project / "notebooks" / "01_figure.ipynb", as_version=4)
    assert not any(cell.get("outputs") for cell in source.cells if cell.cell_type == "code")

    stderr = capsys.readouterr().err
    assert "[1/2]" in stderr and "01_figure.ipynb" in stderr and "[2/2]" in stderr


@pytest.mark.slow
def test_without_a_document_the_notebooks_default_stays(project):
    _run(project, [project / "notebooks" / "01_figure.ipynb"], progress=False)
    assert (project / "figures" / "doc.txt").read_text(encoding="utf-8") == "default-speech.txt"


@pytest.mark.slow
def test_a_failing_notebook_stops_the_run_with_one_line_naming_it(project):
    notebooks = project / "notebooks"
    _notebook(notebooks / "02_broken.ipynb", "x = 1", "raise ValueError('no outline in this speech')")
    _notebook(notebooks / "03_never.ipynb", 'open("ran.txt", "w").close()')

    with pytest.raises(PolicytextError) as caught:
        _run(project, [notebooks / "01_figure.ipynb", notebooks / "02_broken.ipynb", notebooks / "03_never.ipynb"],
             progress=False, jobs=1)

    message = str(caught.value)
    assert "\n" not in message
    assert "02_broken.ipynb" in message
    assert "ValueError: no outline in this speech" in message
    assert (project / "figures" / "doc.txt").exists(), "notebooks before the failing one ran"
    assert not (notebooks / "ran.txt").exists(), "notebooks after the failing one did not"
    failed = nbformat.read(project / "build" / "notebooks" / "02_broken.ipynb", as_version=4)
    assert any(output.get("ename") == "ValueError" for cell in failed.cells for output in cell.get("outputs", []))


def test_missing_inputs_are_one_line_errors(project):
    with pytest.raises(PolicytextError, match="document not found"):
        _run(project, default_notebooks(project / "notebooks"), doc=project / "nowhere.txt")
    with pytest.raises(PolicytextError, match="notebook not found: .*04_gone.ipynb"):
        _run(project, [project / "notebooks" / "04_gone.ipynb"])
    with pytest.raises(PolicytextError, match="no notebooks"):
        _run(project, [])


@pytest.mark.slow
def test_leaves_no_file_in_home_or_tmp(project, tmp_path, monkeypatch):
    home, tmp, cache = tmp_path / "home", tmp_path / "tmp", tmp_path / "cache"
    home.mkdir()
    tmp.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TMPDIR", str(tmp))
    # Only runtime_env() should keep the kernels inside the project, not variables `make` happened to export.
    for name in ("MPLCONFIGDIR", "IPYTHONDIR", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR",
                 "JUPYTER_RUNTIME_DIR", "XDG_CACHE_HOME", "JUPYTER_PATH"):
        monkeypatch.delenv(name, raising=False)
    notebooks = project / "notebooks"
    _notebook(notebooks / "03_caches.ipynb", TOUCH_CACHES)

    _run(project, [notebooks / "01_figure.ipynb", notebooks / "03_caches.ipynb"], progress=False)

    assert sorted(home.rglob("*")) == []
    assert sorted(tmp.rglob("*")) == []
    kept = Path((project / "data" / "processed" / "tempfile.txt").read_text(encoding="utf-8"))
    assert kept.is_relative_to(cache), f"the kernel's temporary file went to {kept}"
    assert (cache / "ipython").is_dir() and any((cache / "matplotlib").iterdir())
    assert os.environ["TMPDIR"] == str(tmp), "the caller's environment is restored after the run"


@pytest.mark.slow
def test_a_missing_glyph_in_a_notebook_fails_the_run(tmp_path, monkeypatch):
    """Boxes instead of Chinese in a shared figure must stop the main job, not scroll past in a log."""
    monkeypatch.setenv("POLICYTEXT_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "notebooks"
    folder.mkdir()
    draws_unknown_glyph = """\
import warnings
warnings.simplefilter("always")
from pathlib import Path
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from policytext.figures import use_chinese_font
use_chinese_font()
fig, ax = plt.subplots()
ax.set_title("\\U00020021")
fig.savefig(Path(figures_dir, "boxes.png"))
"""
    notebook = _notebook(folder / "00_glyph.ipynb", draws_unknown_glyph)
    with pytest.raises(PolicytextError, match="font lacks"):
        run_notebooks(
            notebooks=[notebook],
            figures_dir=tmp_path / "figures",
            processed_dir=tmp_path / "processed",
            executed_dir=tmp_path / "executed",
            progress=False,
        )


@pytest.mark.slow
def test_a_killed_run_leaves_no_debris_after_the_next_run(project):
    """Issue 15, defect 7: temporaries of a killed writer are gone after the next run; a live writer's stay."""
    import subprocess

    from policytext.output import temporary_beside

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    figures = project / "figures"
    figures.mkdir()
    left = figures / f".02_rates.png.{int(dead.stdout)}-0a1b2c3d.tmp"  # a kernel killed mid-save
    old_style = figures / ".02_rates.svg.0a1b2c3d.tmp"
    mine = temporary_beside(figures / "03_map.png")  # this process is alive: still being written
    for path in (left, old_style, mine):
        path.write_bytes(b"half a figure")
    _run(project, [project / "notebooks" / "01_figure.ipynb"], progress=False)
    assert not left.exists() and not old_style.exists()
    assert mine.exists()
    assert not [p for p in figures.rglob(".*.tmp") if p != mine]


# Each notebook appends its name and the time to a shared log, sleeping in between,
# so the log shows whether two kernels were running at the same time.
OVERLAP = """\
import time
from pathlib import Path
log = Path(processed_dir, "log.txt")
with open(log, "a") as handle:
    handle.write(f"start {name} {{time.time()}}\\n")
time.sleep(2)
with open(log, "a") as handle:
    handle.write(f"end {name} {{time.time()}}\\n")
"""


def _events(project: Path) -> list[tuple[str, str, float]]:
    lines = (project / "data" / "processed" / "log.txt").read_text(encoding="utf-8").splitlines()
    return [(kind, name, float(when)) for kind, name, when in (line.split() for line in lines)]


@pytest.mark.slow
def test_independent_notebooks_run_at_the_same_time_with_two_jobs(project, capsys):
    notebooks = project / "notebooks"
    first = _notebook(notebooks / "05_a.ipynb", OVERLAP.format(name="a"))
    second = _notebook(notebooks / "06_b.ipynb", OVERLAP.format(name="b"))

    executed = _run(project, [first, second], jobs=2)

    assert [p.name for p in executed] == ["05_a.ipynb", "06_b.ipynb"]
    events = {(kind, name): when for kind, name, when in _events(project)}
    assert events[("start", "b")] < events[("end", "a")] and events[("start", "a")] < events[("end", "b")], events
    stderr = capsys.readouterr().err
    assert "[1/2]" in stderr and "[2/2]" in stderr and "done in" in stderr


@pytest.mark.slow
def test_one_job_runs_the_notebooks_one_after_another(project):
    notebooks = project / "notebooks"
    first = _notebook(notebooks / "05_a.ipynb", OVERLAP.format(name="a"))
    second = _notebook(notebooks / "06_b.ipynb", OVERLAP.format(name="b"))

    _run(project, [first, second], jobs=1, progress=False)

    assert [(kind, name) for kind, name, _ in _events(project)] == [
        ("start", "a"), ("end", "a"), ("start", "b"), ("end", "b")]


RECORDED_WRITE = """\
from pathlib import Path
from policytext.output import write_table
import pandas as pd
write_table(pd.DataFrame({"n": [1]}), "recorded", outdir=Path(processed_dir))
with open(Path(processed_dir, "runs.txt"), "a") as handle:
    handle.write("ran\\n")
"""


@pytest.mark.slow
def test_a_second_run_skips_unchanged_notebooks_and_reruns_changed_or_damaged_ones(project, capsys):
    notebooks = project / "notebooks"
    table = _notebook(notebooks / "05_table.ipynb", RECORDED_WRITE)
    figure = notebooks / "01_figure.ipynb"
    runs = project / "data" / "processed" / "runs.txt"
    recorded = project / "data" / "processed" / "recorded.csv"

    _run(project, [figure, table], skip_unchanged=True)
    assert runs.read_text() == "ran\n"
    capsys.readouterr()

    _run(project, [figure, table], skip_unchanged=True)
    assert runs.read_text() == "ran\n", "nothing changed: the notebook was not run again"
    stderr = capsys.readouterr().err
    assert stderr.count("skipped, inputs unchanged and outputs intact") == 2

    recorded.write_text("n\n2\n", encoding="utf-8")  # an output changed by hand
    _run(project, [figure, table], skip_unchanged=True)
    assert runs.read_text() == "ran\nran\n"
    assert recorded.read_text(encoding="utf-8-sig") == "n\n1\n", "the damaged output is written again"
    assert "an output was changed or removed" in capsys.readouterr().err

    _notebook(table, RECORDED_WRITE, "x = 2")  # the notebook itself changed
    _run(project, [figure, table], skip_unchanged=True)
    assert runs.read_text() == "ran\nran\nran\n"
    stderr = capsys.readouterr().err
    assert "its inputs changed" in stderr and stderr.count("skipped") == 1

    _run(project, [figure, table])  # skip_unchanged=False runs everything
    assert runs.read_text() == "ran\nran\nran\nran\n"


@pytest.mark.slow
def test_a_failed_notebook_is_run_again_next_time(project):
    notebooks = project / "notebooks"
    flaky = _notebook(notebooks / "05_flaky.ipynb",
                      "from pathlib import Path\nif not Path(processed_dir, 'ok').exists(): raise ValueError('not yet')")
    with pytest.raises(PolicytextError, match="not yet"):
        _run(project, [flaky], skip_unchanged=True, progress=False)
    (project / "data" / "processed" / "ok").write_text("", encoding="utf-8")
    _run(project, [flaky], skip_unchanged=True, progress=False)  # no record of a success: runs, now passes


def test_jobs_below_one_is_a_one_line_error(project):
    with pytest.raises(PolicytextError, match="at least 1"):
        _run(project, [project / "notebooks" / "01_figure.ipynb"], jobs=0)


def test_one_rule_decides_the_output_folders_for_run_and_jupyterlab(tmp_path):
    from policytext.paths import default_document, document_id, output_folders, project_root

    root = project_root()
    default = output_folders(default_document())
    assert (default.figures, default.processed, default.doc_id) == (root / "figures", root / "data" / "processed", "")
    assert output_folders(None) == default
    # As a notebook names it, relative to notebooks/: the same document, the same folders.
    other = root / "data" / "raw" / "samples" / "local_05.txt"
    folders = output_folders(other)
    assert folders.doc_id == document_id(other) and folders.figures == root / "figures" / folders.doc_id
    assert folders.processed == root / "data" / "processed" / folders.doc_id
    assert output_folders(other, out=tmp_path).figures == tmp_path / "figures"
    assert output_folders(other, figures=tmp_path / "f").figures == tmp_path / "f"


# --- the order notebooks start in, and steps that share the run's cores ----------------------------


def _jobs(*names: str) -> list:
    from policytext.runner import _Job

    return [_Job(number, Path(f"/nb/{name}.ipynb"), Path("/out"), {}, Path("/m"), False)
            for number, name in enumerate(names, 1)]


def test_the_longest_notebook_of_the_last_run_starts_first():
    from policytext.runner import longest_first

    last = {"a": 4.0, "b": 10.0, "c": 8.0, "d": 20.0, "e": 7.0}
    order = longest_first(_jobs(*last), lambda notebook: last[notebook.stem])
    assert [job.notebook.stem for job in order] == ["d", "b", "c", "e", "a"]


def test_notebooks_never_timed_start_first_in_reading_order_and_ties_keep_reading_order():
    from policytext.runner import longest_first

    last = {"a": 5.0, "b": None, "c": 5.0, "d": None, "e": 9.0}
    order = longest_first(_jobs(*last), lambda notebook: last[notebook.stem])
    assert [job.notebook.stem for job in order] == ["b", "d", "e", "a", "c"]
    # Nothing timed yet (a first run): reading order, as before.
    assert [job.number for job in longest_first(_jobs("x", "y", "z"), lambda notebook: None)] == [1, 2, 3]


def test_durations_are_remembered_per_notebook_and_document(tmp_path, monkeypatch):
    from policytext.run_record import Durations

    monkeypatch.setenv("POLICYTEXT_CACHE_DIR", str(tmp_path / "cache"))
    notebook, doc = tmp_path / "01_a.ipynb", tmp_path / "speech.txt"
    Durations().remember(notebook, 12.5, doc=None)
    Durations().remember(notebook, 3.25, doc=doc)
    durations = Durations()  # read back from the cache
    assert durations.seconds(notebook, doc=None) == 12.5
    assert durations.seconds(notebook, doc=doc) == 3.25
    assert durations.seconds(tmp_path / "02_b.ipynb", doc=None) is None


@pytest.mark.parametrize("damage", ["", "not json", '{"format": 1, "seconds": {"x": "slow"}}', '[1, 2]',
                                    '{"format": 999, "seconds": {}}'])
def test_a_damaged_durations_file_only_loses_the_order(tmp_path, monkeypatch, damage):
    from policytext.run_record import Durations

    monkeypatch.setenv("POLICYTEXT_CACHE_DIR", str(tmp_path / "cache"))
    durations = Durations()
    durations.path.write_text(damage, encoding="utf-8")
    assert Durations().seconds(tmp_path / "01_a.ipynb", doc=None) is None
    Durations().remember(tmp_path / "01_a.ipynb", 2.0, doc=None)  # and it is written whole again
    assert Durations().seconds(tmp_path / "01_a.ipynb", doc=None) == 2.0


def _worker_pid(text: str) -> tuple[str, int]:
    return text, os.getpid()


@pytest.mark.slow
def test_the_next_run_starts_the_notebook_that_took_longest(project, capsys):
    notebooks = project / "notebooks"
    quick = _notebook(notebooks / "05_quick.ipynb", "x = 1")
    slow = _notebook(notebooks / "06_slow.ipynb", "import time\ntime.sleep(1.5)")

    _run(project, [quick, slow], jobs=1)
    first = [line for line in capsys.readouterr().err.splitlines() if line.startswith("[")]
    _run(project, [quick, slow], jobs=1)
    second = [line for line in capsys.readouterr().err.splitlines() if line.startswith("[")]

    assert first[0].endswith("05_quick.ipynb"), "nothing timed yet: reading order"
    assert second[0].endswith("06_slow.ipynb"), "timed: the longest starts first"
    assert "[2/2]" in second[0], "the progress still numbers notebooks in reading order"


@pytest.mark.slow
def test_a_step_is_computed_in_a_worker_and_finished_here_after_the_notebooks_succeed(project):
    import functools

    from policytext.runner import Step

    log = project / "data" / "processed" / "log.txt"
    finished = []
    step = Step("a note", functools.partial(_worker_pid, "computed"),
                lambda result: finished.append((result, log.read_text(encoding="utf-8"))))
    notebook = _notebook(project / "notebooks" / "05_a.ipynb", OVERLAP.format(name="a"))

    _run(project, [notebook], jobs=2, progress=False, steps=[step])

    [((text, pid), log_then)] = finished
    assert text == "computed" and pid != os.getpid(), "computed in a worker, handed to this process"
    assert "end a" in log_then, "finished only after the notebook had ended"


@pytest.mark.slow
def test_a_failed_notebook_means_no_step_is_finished(project):
    import functools

    from policytext.runner import Step

    notebook = _notebook(project / "notebooks" / "05_broken.ipynb", "raise ValueError('broken')")
    finished = []
    with pytest.raises(PolicytextError, match="broken"):
        _run(project, [notebook], jobs=1, progress=False,
             steps=[Step("a note", functools.partial(_worker_pid, "x"), finished.append)])
    assert finished == []


def test_with_every_notebook_skipped_a_step_runs_in_this_process(project, monkeypatch):
    import concurrent.futures

    from policytext.runner import Step, _run_jobs

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor",
                        lambda *a, **k: pytest.fail("a worker was started for a step alone"))
    assert _run_jobs([], [Step("x", lambda: 42, print)], jobs=2, total=0, progress=False,
                     on_success=lambda job, seconds: None) == [42]


def test_a_worker_imports_papermill_without_building_the_iri_grammar():
    import subprocess

    code = ("import sys\nfrom policytext.runner import _papermill\npapermill = _papermill()\n"
            "import nbformat\nnb = nbformat.v4.new_notebook()\nnbformat.validate(nb)\n"
            "print(sorted(m for m in ('lark', 'rfc3987_syntax') if sys.modules.get(m) is not None))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"
