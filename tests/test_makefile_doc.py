"""`make figures DOC=…` passes the name through the environment, never through a shell (issue 15, defect 8)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from .helpers import ROOT


@pytest.mark.skipif(shutil.which("make") is None or not (ROOT / ".venv" / "bin" / "policytext").exists(),
                    reason="needs make and the project's .venv")
@pytest.mark.slow
@pytest.mark.parametrize("name", ['a`touch PWNED`b.txt', 'say "hi" $(touch PWNED).txt', "it's; touch PWNED.txt"])
def test_a_file_name_is_not_run_as_a_command(tmp_path, name):
    document = tmp_path / name
    document.write_text("同志们:\n一、总体要求\n今天开会。\n", encoding="utf-8")
    # A one-byte input limit stops the run right after the name reached the program: no kernel starts.
    env = {**os.environ, "POLICYTEXT_MAX_INPUT_BYTES": "1"}
    result = subprocess.run(["make", "-s", "-C", str(ROOT), "-o", ".venv/.policytext-installed", "figures", f"DOC={document}"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert f"{document}: is 46 bytes, above the input limit" in result.stderr, result.stderr
    assert not list(tmp_path.rglob("PWNED*")) and not (ROOT / "PWNED").exists()
