"""A corpus batch survives its bad documents (issue 15, defects 3, 7 and 9).

Every per-document failure (an error, any exception, a worker killed while on
it, a name that is not UTF-8, an unreadable folder) is a row with the file and
its one-line error; good results are written; the exit code is 0 unless
--strict; the output folder is checked before analysis; workers end with
their parent.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from policytext import InputError, cli, corpus
from policytext.corpus import analyse_corpus, collect_inputs, profiles_frame

from .helpers import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")


def good_files(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"good{number:02d}.txt"
        path.write_text(SEED_TEXT.replace("新质生产力", f"新质生产力{number}", 1), encoding="utf-8")
        paths.append(path)
    return paths


def run_cli(capsys, *argv):
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_any_exception_in_the_analysis_is_a_row(tmp_path, monkeypatch):
    paths = good_files(tmp_path / "in", 2)
    real = corpus._profile

    def flaky(path, *, reference):
        if path.name == "good01.txt":
            raise ZeroDivisionError("a bug met on this document")
        return real(path, reference=reference)

    monkeypatch.setattr(corpus, "_profile", flaky)
    frame = profiles_frame(analyse_corpus(paths, workers=1, progress=False))
    assert list(frame.error == "") == [True, False]
    assert frame.error[1] == "internal error: ZeroDivisionError: a bug met on this document"
    assert frame.document[1] == str(paths[1])


@pytest.mark.slow
def test_a_killed_worker_is_a_row_and_the_others_are_kept(tmp_path, monkeypatch):
    paths = good_files(tmp_path / "in", 5)
    real = corpus._profile

    def killer(path, *, reference):
        if path.name == "good02.txt":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(path, reference=reference)

    monkeypatch.setattr(corpus, "_profile", killer)
    monkeypatch.setattr(corpus, "MIN_BYTES_PER_WORKER", 1)
    frame = profiles_frame(analyse_corpus(paths, workers=2, progress=False))
    assert list(frame.error == "") == [True, True, False, True, True]
    assert "worker process analysing it died" in frame.error[2]
    assert frame.document[2] == str(paths[2])


def test_a_name_that_is_not_utf8_is_analysed_and_shown_readably(tmp_path, capsys):
    folder = tmp_path / "in"
    good_files(folder, 1)
    gbk_name = os.fsdecode("讲话".encode("gbk") + b".txt")  # as a Windows zip unpacks it
    (folder / gbk_name).write_text(SEED_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, err = run_cli(capsys, "corpus", str(folder), "--out", str(out), "--workers", "1")
    assert code == 0, err
    table = pd.read_csv(out / "corpus_documents.csv", encoding="utf-8-sig")
    assert (table.error.fillna("") == "").all()
    assert any(name.endswith("讲话.txt") for name in table.document)


def test_unreadable_subfolders_are_rows_not_silent_gaps(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "in"
    good_files(folder, 1)
    locked = folder / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(SEED_TEXT, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path) == locked:  # what a folder without read permission does (the tests may run as root)
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    paths, unreadable = collect_inputs([folder])
    assert [p.name for p in paths] == ["good00.txt"]
    assert unreadable == [(locked, "cannot be listed (Permission denied)")]
    with pytest.warns(UserWarning, match="folder skipped"):
        corpus.collect_paths([folder])
    code, out, err = run_cli(capsys, "corpus", str(folder), "--out", str(tmp_path / "out"), "--workers", "1")
    assert code == 0 and "1 failed" in out and "locked" in err


def test_special_files_in_a_folder_are_rows(tmp_path, capsys):
    folder = tmp_path / "in"
    good_files(folder, 1)
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    started = time.monotonic()
    code, out, err = run_cli(capsys, "corpus", str(folder), "--out", str(tmp_path / "out"), "--workers", "1")
    assert time.monotonic() - started < 30
    assert code == 0 and "1 documents analysed, 2 failed" in out
    assert "FIFO" in err and "character device" in err


def test_strict_exits_1_when_a_document_failed(tmp_path, capsys):
    folder = tmp_path / "in"
    good_files(folder, 1)
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    code, out, _ = run_cli(capsys, "corpus", str(folder), "--out", str(tmp_path / "a"), "--workers", "1", "--strict")
    assert code == 1 and "1 failed" in out
    assert (tmp_path / "a" / "corpus_documents.csv").is_file()
    (folder / "broken.txt").unlink()
    code, _, _ = run_cli(capsys, "corpus", str(folder), "--out", str(tmp_path / "b"), "--workers", "1", "--strict")
    assert code == 0


@pytest.fixture
def no_analysis(monkeypatch):
    """Fail the test if the analysis starts: the output folder must be refused first."""
    def refuse(*args, **kwargs):
        raise AssertionError("the analysis ran before the output folder was checked")

    monkeypatch.setattr(corpus, "analyse_corpus", refuse)


def test_out_that_is_a_file_is_refused_before_the_analysis(tmp_path, capsys, no_analysis):
    target = tmp_path / "out.csv"
    target.write_text("x")
    code, out, err = run_cli(capsys, "corpus", str(SEED), "--out", str(target))
    assert (code, out) == (2, "") and "is a file, not a folder" in err and err.count("\n") == 1


def test_out_that_cannot_be_created_is_refused_before_the_analysis(tmp_path, capsys, no_analysis):
    code, out, err = run_cli(capsys, "corpus", str(SEED), "--out", "/proc/policytext-out")
    assert (code, out) == (2, "") and "cannot create the output folder" in err and err.count("\n") == 1


def test_a_full_disk_is_refused_before_the_analysis(tmp_path, capsys, no_analysis, monkeypatch):
    class Full:
        f_bavail, f_frsize = 3, 4096

    monkeypatch.setattr(os, "statvfs", lambda path: Full())
    code, out, err = run_cli(capsys, "corpus", str(SEED), "--out", str(tmp_path / "out"))
    assert (code, out) == (2, "") and "disk is full" in err


def test_out_on_a_read_only_folder_is_refused(tmp_path, capsys, no_analysis, monkeypatch):
    import builtins

    real_open = builtins.open

    def read_only(file, mode="r", *args, **kwargs):
        if "w" in mode and Path(file).parent == tmp_path / "out":
            raise OSError(30, "Read-only file system", str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", read_only)
    code, out, err = run_cli(capsys, "corpus", str(SEED), "--out", str(tmp_path / "out"))
    assert (code, out) == (2, "") and "Read-only file system" in err


def _children(pid: int) -> set[int]:
    try:
        return {int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
    except OSError:
        return set()


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] not in "ZX"
    except OSError:
        return False


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_workers_end_with_their_parent(tmp_path, signal_number):
    folder = tmp_path / "in"
    good_files(folder, 6)
    for path in folder.iterdir():  # large enough for two workers
        path.write_text(SEED_TEXT * 30, encoding="utf-8")
    command = [str(Path(sys.executable).with_name("policytext")), "corpus", str(folder), "--out", str(tmp_path / "out"), "--workers", "2"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while len(workers := _children(process.pid)) < 2 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.2)
        assert len(workers) >= 2, "no workers started"
        time.sleep(1)
        process.send_signal(signal_number)
        process.wait(timeout=15)
        deadline = time.monotonic() + 5
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in workers), "orphaned workers"
        assert b"Traceback" not in process.stderr.read()
    finally:  # never leave a process of this test behind, whatever failed
        process.kill()
        for pid in workers:  # only if it is still this test's worker (a pid may have been reused)
            try:
                if str(folder).encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                    os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        process.wait()
        process.stderr.close()
