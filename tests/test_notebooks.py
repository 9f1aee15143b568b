"""House rules for every notebook: thin, parameterised, committed without outputs, prose in English."""

from __future__ import annotations

import ast
import re

import nbformat
import pytest

from .helpers import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
HAN = re.compile(r"[\u4e00-\u9fff]")


def test_there_are_numbered_notebooks_in_reading_order():
    names = [p.name for p in NOTEBOOKS]
    assert names[:5] == ["00_document.ipynb", "01_rhetoric.ipynb", "02_indicators.ipynb", "03_national_phrasing.ipynb", "04_corpus.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_thin_parameterised_and_clean(path):
    notebook = nbformat.read(path, as_version=4)
    cells = notebook.cells
    assert cells[0].cell_type == "markdown" and "Purpose" in cells[0].source
    parameters = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(parameters) == 1, "exactly one papermill parameters cell"
    names = {t.id for node in ast.parse(parameters[0].source).body if isinstance(node, ast.Assign) for t in node.targets}
    assert {"doc_path", "figures_dir", "processed_dir"} <= names
    for cell in cells:
        if cell.cell_type != "code":
            continue
        assert not cell.get("outputs") and cell.get("execution_count") is None, "committed with outputs"
        tree = ast.parse(cell.source)
        defined = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef))]
        assert not defined, f"logic belongs in src/policytext, not in a notebook cell:\n{cell.source[:200]}"
    assert notebook.metadata["kernelspec"] == {"display_name": "Python (policytext)", "language": "python", "name": "policytext"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_prose_is_english_with_chinese_only_quoted(path):
    """Chinese appears in prose only as quoted terms: most of every markdown cell is English."""
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            text = re.sub(r"`[^`]*`", "", cell.source)
            han = len(HAN.findall(text))
            latin = len(re.findall(r"[A-Za-z]", text))
            assert latin > han, f"{path.name}: a markdown cell reads as Chinese prose:\n{cell.source[:160]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_is_saved_with_its_data(path):
    source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
    saves = re.findall(r"save_figure\(\s*fig,\s*\"(\d\d)_\w+\",\s*data=", source)
    assert saves, "the notebook saves no figure"
    assert set(saves) == {path.name[:2]}, "figure names start with the notebook's number"
    assert "savefig(" not in source, "figures are written through save_figure (PNG + SVG + CSV)"


#: Modules whose functions compute a table from a document: a notebook reads the table from its Analysis instead.
ANALYSIS_MODULES = ("policytext.rhetoric", "policytext.overview", "policytext.compare", "policytext.indicators")


def detector_calls(source: str) -> list[str]:
    """Calls in ``source`` of a function imported from one of :data:`ANALYSIS_MODULES` (module or function imported)."""
    tree = ast.parse(source)
    modules, functions = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                if full in ANALYSIS_MODULES:
                    modules.add(alias.asname or alias.name)
                elif node.module in ANALYSIS_MODULES:
                    functions.add(alias.asname or alias.name)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in functions:
                found.append(ast.unparse(node))
            elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in modules:
                found.append(ast.unparse(node))
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_read_the_analysis_tables_and_run_no_detector(path):
    source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
    assert not detector_calls(source), f"{path.name} reruns what Analysis computes once"


def test_the_detector_check_sees_direct_calls():
    assert detector_calls("from policytext import rhetoric\nrhetoric.device_counts(document)") == ["rhetoric.device_counts(document)"]
    assert detector_calls("from policytext.compare import compare\ncompare(load(p))") == ["compare(load(p))"]
    assert not detector_calls("from policytext import indicators\nindicators.KINDS\nanalysis.indicators()")
