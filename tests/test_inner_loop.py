"""The test set-up itself: hypothesis's examples in the project cache, helpers in one module."""

from __future__ import annotations

import ast
from pathlib import Path

from hypothesis import settings

from .helpers import ROOT

TESTS = Path(__file__).resolve().parent


def test_hypothesis_keeps_its_examples_in_the_project_cache():
    from hypothesis.configuration import storage_directory

    home = (ROOT / ".cache" / "hypothesis").resolve()
    assert Path(settings().database.path).resolve() == home / "examples"
    assert storage_directory("constants", intent_to_write=False).path.resolve() == home / "constants"


def test_no_test_module_imports_another():
    for path in TESTS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level and node.module:
                assert not node.module.startswith(("test_", "conftest")), f"{path.name} imports {node.module}"
