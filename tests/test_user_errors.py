"""Every error the user or the environment causes: one line, exit code 2, no traceback (issue 15, defect 9)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from policytext import PolicytextError, cli, load

from .helpers import SEED

POLICYTEXT = str(Path(sys.executable).with_name("policytext"))


def run_cli(capsys, *argv):
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_line_error(code, out, err, shows):
    assert code == 2, err
    assert err.startswith("policytext: error: ") and err.count("\n") == 1 and "Traceback" not in err, err
    assert shows in err, err


@pytest.mark.parametrize("value, shows", [("2024-02-30", "not a real date"), ("2023-13-01", "not a real date"), ("tomorrow", "not a date")])
def test_an_impossible_speech_date(capsys, value, shows):
    code, out, err = run_cli(capsys, "compare", str(SEED), "--speech-date", value)
    one_line_error(code, out, err, shows)
    assert out == ""


def test_an_80_character_chinese_file_name_is_read(tmp_path, capsys):
    """Its provenance note's name would be longer than the file system allows: there is simply no note."""
    path = tmp_path / ("关于加快发展新质生产力推动高质量发展的讲话" * 4)[:80]
    path = path.with_suffix(".txt")
    path.write_text("同志们:\n一、总体要求\n今天开会。\n", encoding="utf-8")
    assert len(path.name.encode()) + len(".provenance.json") > 255
    assert load(path).provenance == {}
    code, out, err = run_cli(capsys, "outline", str(path))
    assert code == 0 and err == ""


def test_run_out_that_is_a_file(tmp_path, capsys):
    target = tmp_path / "file"
    target.write_text("x")
    code, out, err = run_cli(capsys, "run", "--out", str(target))
    one_line_error(code, out, err, "Not a directory")


def test_an_unwritable_cache(capsys, monkeypatch):
    monkeypatch.setenv("POLICYTEXT_CACHE_DIR", "/proc/policytext-cache")
    from policytext.paths import cache_dir

    with pytest.raises(PolicytextError, match="POLICYTEXT_CACHE_DIR"):
        cache_dir("jieba")


def _run(argv, **options):
    return subprocess.run([POLICYTEXT, *argv], capture_output=True, text=True, timeout=120, **options)


@pytest.mark.slow
def test_an_unwritable_cache_from_the_command_line(tmp_path):
    env = {**os.environ, "POLICYTEXT_CACHE_DIR": "/proc/policytext-cache"}
    result = _run(["tokens", str(SEED)], env=env)
    one_line_error(result.returncode, result.stdout, result.stderr, "cache folder")


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_standard_output():
    with open("/dev/full", "w") as full:
        result = subprocess.run([POLICYTEXT, "outline", str(SEED)], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    one_line_error(result.returncode, "", result.stderr, "No space left on device")


@pytest.mark.slow
def test_a_closed_standard_output():
    result = subprocess.run([POLICYTEXT, "outline", str(SEED)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, timeout=120, preexec_fn=lambda: os.close(1))
    one_line_error(result.returncode, "", result.stderr, "standard output is closed")


@pytest.mark.slow
def test_a_reader_that_goes_away_is_not_an_error():
    result = subprocess.run(f"'{POLICYTEXT}' tokens '{SEED}' | head -c 10", shell=True, capture_output=True, text=True, timeout=120)
    assert result.stderr == "" and result.stdout.startswith("[")
