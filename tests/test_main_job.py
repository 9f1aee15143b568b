"""The main job (`policytext run`, what `make figures` calls) on the real notebooks.

It must execute every notebook headless, write each figure as PNG + SVG + CSV,
leave data/raw untouched, and write nothing to the home folder or /tmp.
"""

from __future__ import annotations

import hashlib
import shutil
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import ROOT

TMP = Path("/tmp")


def _tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_figure_cells_show_their_figure(executed: list[Path]) -> None:
    """Every cell that saves a figure shows it (an image output), in JupyterLab as in the HTML report."""
    import nbformat

    assert executed, "no executed notebooks"
    for path in executed:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code" and "save_figure(" in cell.source:
                kinds = {key for output in cell.get("outputs", []) for key in output.get("data", {})}
                assert "image/png" in kinds, f"{path.name}: a figure cell shows no figure:\n{cell.source[:160]}"


def test_executed_notebooks_in_build_show_every_figure():
    executed = sorted((ROOT / "build" / "notebooks").glob("*.ipynb"))
    if not executed:
        pytest.skip("no executed notebooks in build/notebooks (run `make figures`); the main-job test checks its own run")
    assert_figure_cells_show_their_figure(executed)


@pytest.mark.slow
def test_main_job_runs_every_notebook_and_writes_nothing_outside(tmp_path):
    home, out = tmp_path / "home", tmp_path / "out"
    figures, processed = out / "figures", out / "processed"
    home.mkdir()
    raw_before = _tree_digest(ROOT / "data" / "raw")
    tmp_before = set(os.listdir(TMP)) if TMP.is_dir() else set()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("JUPYTER", "IPYTHON", "MPL", "XDG"))}
    env.update(HOME=str(home), TMPDIR="/tmp")  # the job must move its own temporary files into the project
    policytext = Path(sys.executable).with_name("policytext")
    result = subprocess.run(
        [str(policytext), "run", "--out", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr

    notebooks = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
    for notebook in notebooks:
        prefix = notebook.name.split("_", 1)[0] + "_"
        pngs = sorted(figures.glob(prefix + "*.png"))
        assert pngs, f"{notebook.name} wrote no figure"
        for png in pngs:
            assert png.with_suffix(".svg").is_file() and png.with_suffix(".csv").is_file(), png.name
    assert list(processed.glob("*.csv")), "no tables written"
    index = (figures / "README.md").read_text(encoding="utf-8")
    for png in figures.glob("*.png"):
        assert f'<img src="{png.name}"' in index and f"**{png.stem}**" in index
    assert_figure_cells_show_their_figure(sorted((out / "notebooks").glob("*.ipynb")))

    assert _tree_digest(ROOT / "data" / "raw") == raw_before
    assert [p for p in home.rglob("*")] == [], "files written to the home folder"
    new_in_tmp = (set(os.listdir(TMP)) if TMP.is_dir() else set()) - tmp_before
    assert not new_in_tmp, f"files written to /tmp: {sorted(new_in_tmp)}"


@pytest.mark.slow
def test_another_document_gets_its_own_folders_and_leaves_the_defaults_alone():
    from policytext.paths import document_id

    sample = ROOT / "data" / "raw" / "samples" / "local_05.txt"
    doc_id = document_id(sample)
    own = [ROOT / "figures" / doc_id, ROOT / "data" / "processed" / doc_id, ROOT / "build" / "notebooks" / doc_id]
    defaults_before = {folder: _tree_digest(ROOT / folder) for folder in ("figures", "data/processed")}
    policytext = Path(sys.executable).with_name("policytext")
    try:
        result = subprocess.run([str(policytext), "run", "--doc", str(sample)], cwd=ROOT, capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, result.stderr[-2000:]
        figures = own[0]
        notebooks = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
        assert {p.name[:3] for p in figures.glob("*.png")} == {n.name[:3] for n in notebooks}
        assert f"Document: `{doc_id}`" in (figures / "README.md").read_text(encoding="utf-8")
        assert (own[1] / "outline.csv").is_file() and (own[1] / "indicators.csv").is_file()
        for folder, digest in defaults_before.items():
            now = {k: v for k, v in _tree_digest(ROOT / folder).items() if not k.startswith(doc_id)}
            assert now == digest, f"default outputs in {folder} changed"
    finally:
        for folder in own:
            shutil.rmtree(folder, ignore_errors=True)
