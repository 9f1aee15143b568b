"""CI's freshness check: it fails, naming the file and the fix, when a committed output is stale."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from .helpers import ROOT

SCRIPT = ROOT / "scripts" / "check-fresh"


def git(cwd, *args):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)


@pytest.fixture
def repo(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "ci@example.org")
    git(tmp_path, "config", "user.name", "ci")
    (tmp_path / "figures").mkdir()
    (tmp_path / "data" / "processed").mkdir(parents=True)
    (tmp_path / "figures" / "00_page_map.png").write_bytes(b"figure as the code draws it")
    (tmp_path / "data" / "processed" / "outline.csv").write_text("section\n1\n", encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "outputs")
    return tmp_path


def check(repo):
    return subprocess.run([str(SCRIPT)], cwd=repo, capture_output=True, text=True)


def test_fresh_outputs_pass(repo):
    result = check(repo)
    assert result.returncode == 0, result.stderr
    assert "match" in result.stdout


def test_a_stale_figure_fails_naming_the_file_and_the_fix(repo):
    (repo / "figures" / "00_page_map.png").write_bytes(b"figure the code now draws differently")
    result = check(repo)
    assert result.returncode == 1
    assert "figures/00_page_map.png" in result.stderr
    assert "make figures" in result.stderr


def test_a_new_uncommitted_table_fails(repo):
    (repo / "data" / "processed" / "new_table.csv").write_text("x\n", encoding="utf-8")
    result = check(repo)
    assert result.returncode == 1
    assert "data/processed/new_table.csv" in result.stderr


def test_a_leftover_temporary_is_named_not_ignored(repo):
    (repo / "figures" / ".02_rates.png.1234-0a1b2c3d.tmp").write_bytes(b"half a figure")
    result = check(repo)
    assert result.returncode == 1
    assert ".02_rates.png.1234-0a1b2c3d.tmp" in result.stderr and "temporaries of an interrupted run" in result.stderr
