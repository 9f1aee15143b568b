"""The bad-input catalogue: every entry has a defined outcome, and no command shows a traceback.

Outcome "error": one line on stderr, exit code 2, the input file unchanged.
Outcome "ok": exit code 0, a correct (possibly degraded) result; "warn" adds a
one-line warning on stderr.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from policytext import cli, load

from .helpers import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_LINES = SEED_TEXT.splitlines(keepends=True)

# name: (bytes or None for a folder, outcome, what stderr or the result must show)
CATALOGUE: dict[str, tuple[bytes | None, str, str]] = {
    "empty file": (b"", "error", "empty"),
    "whitespace only": ("  \n\t\u3000\n".encode(), "error", "whitespace"),
    "binary file": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "error", "binary"),
    "a folder": (None, "error", "folder"),
    "undecodable bytes": (b"\x80\x81\x82\x83\xfe\xfd\xfc" * 10, "error", "cannot tell which text encoding"),
    "mixed encodings": ("".join(SEED_LINES[:3]).encode() + "".join(SEED_LINES[3:]).encode("gbk"), "warn", "mixed encodings"),
    "no structure markers": ("这是一段没有任何标题标记的讲话。我们要努力工作,推动高质量发展。".encode(), "ok", ""),
    "markers only": ("一、二、三、\n（一）（二）\n一是二是三是".encode(), "ok", ""),
    "unbalanced quotation marks": ("同志们:\n他说“要加快发展。\n一、总体要求\n要抓落实”。‘半个".encode(), "ok", ""),
    "heading marker with nothing after it": ("同志们:\n今天开会。\n一、".encode(), "ok", ""),
    "traditional characters": ("同志們:\n一、堅持創新驅動\n近年來,我們發展新質生產力。".encode("big5"), "ok", ""),
    "full-width digits": ("一、发展成效\n技术合同成交额突破１９００亿元,增长１６．７％。".encode(), "ok", ""),
    "nothing but boilerplate": ("您好,欢迎访问三七文档\n本文标题:某讲话\n链接地址:https://www.777doc.com/doc-1.html\n".encode(), "error", "boilerplate"),
}

# Commands that take one document; `run`, `report` (--doc) and `corpus` (many documents, --out) are tested on their own, `formats` takes none.
# The reading page renders the whole text as HTML for each input: in the full suite only.
COMMANDS = [pytest.param(name, marks=pytest.mark.slow) if name == "read" else name
            for name in cli.COMMANDS if name not in ("run", "report", "corpus", "formats")]


def make_input(tmp_path: Path, name: str) -> Path:
    content = CATALOGUE[name][0]
    path = tmp_path / "input.txt"
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)
    return path


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", list(CATALOGUE))
def test_catalogue_outcome_for_every_command(tmp_path, capsys, name, command):
    path = make_input(tmp_path, name)
    before = path.read_bytes() if path.is_file() else None
    # `read` writes a page (by default into the project's figures/): here, into the test's own folder.
    extra = ("--out", str(tmp_path / "page.html")) if command == "read" else ()
    code, out, err = run_cli(capsys, command, str(path), *extra)
    _, outcome, shows = CATALOGUE[name]
    assert "Traceback" not in err
    if outcome == "error":
        assert code == 2, err
        assert err.count("\n") == 1 and err.startswith("policytext: error: ") and shows in err
        assert out == ""
    else:
        assert code == 0, err
        assert out.strip(), "no output"
        if outcome == "warn":
            assert err.startswith("policytext: warning: ") and shows in err and err.count("\n") == 1
        else:
            assert err == ""
    if before is not None:
        assert path.read_bytes() == before


def test_missing_file(capsys, tmp_path):
    code, out, err = run_cli(capsys, "outline", str(tmp_path / "absent.txt"))
    assert (code, out) == (2, "") and "no such file" in err and err.count("\n") == 1


def test_mixed_encodings_give_the_seed_outline(tmp_path):
    path = make_input(tmp_path, "mixed encodings")
    with pytest.warns(UserWarning, match="mixed encodings"):
        document = load(path)
    assert document.raw == SEED_TEXT
    assert [s.title for s in document.outline.walk()] == [s.title for s in load(SEED).outline.walk()]


@pytest.mark.parametrize(
    "name, titles",
    [
        ("no structure markers", []),
        ("heading marker with nothing after it", [""]),
        ("traditional characters", ["堅持創新驅動"]),
        ("unbalanced quotation marks", ["总体要求"]),
        ("full-width digits", ["发展成效"]),
    ],
)
def test_degraded_inputs_give_correct_outlines(tmp_path, name, titles):
    document = load(make_input(tmp_path, name))
    assert [s.title for s in document.outline.sections[1:]] == titles
    assert "".join(document.sentences.text) == document.body


def test_full_width_figures_stay_one_token(tmp_path, capsys):
    path = make_input(tmp_path, "full-width digits")
    code, out, _ = run_cli(capsys, "tokens", str(path))
    assert code == 0
    tokens = {t["token"]: t["kind"] for t in json.loads(out)}
    assert tokens["１９００亿元"] == "number" and tokens["１６．７％"] == "number"


@pytest.mark.slow
def test_no_traceback_from_a_real_process(tmp_path):
    """The installed entry point, not just main(): a crash would print a traceback here."""
    path = make_input(tmp_path, "binary file")
    result = subprocess.run([str(Path(sys.executable).with_name("policytext")), "outline", str(path)], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr


@pytest.mark.slow
def test_fifty_megabyte_single_line(tmp_path):
    body = SEED_TEXT.splitlines()[2]
    path = tmp_path / "big.txt"
    with path.open("w", encoding="utf-8") as handle:
        for _ in range(50 * 1024 * 1024 // len(body.encode()) + 1):
            handle.write(body)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    document = load(path)
    assert len(document.raw.encode()) > 50 * 1024 * 1024
    spans = document.outline.sentences
    assert spans[0].start == document.body_start and spans[-1].end == document.body_end
    assert all(a.end == b.start for a, b in zip(spans, spans[1:]))
    assert [s.title for s in document.outline.sections[1:4]] == [s.title for s in load(SEED).outline.sections[1:4]]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
