"""Bounded reads: only regular files, within a size limit checked before reading (issue 15, defect 1)."""

from __future__ import annotations

import os
import socket
import time

import pytest

from policytext import InputError, cli, load
from policytext.reading import DEFAULT_MAX_INPUT_BYTES, MAX_INPUT_ENV, max_input_bytes, parse_size, read_input_bytes

from .helpers import SEED


def run_cli(capsys, *argv):
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_regular_file_is_read_whole(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"abc" * 1000)
    assert read_input_bytes(path) == b"abc" * 1000
    assert read_input_bytes(path, max_bytes=3000) == b"abc" * 1000


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 3001)
    with pytest.raises(InputError, match="above the input limit"):
        read_input_bytes(path, max_bytes=3000)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused_at_once(device):
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    started = time.monotonic()
    with pytest.raises(InputError, match="character device"):
        read_input_bytes(device)
    assert time.monotonic() - started < 1


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="FIFO"):
        read_input_bytes(fifo)


def test_a_socket_is_refused(tmp_path):
    path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as server:
        try:
            server.bind(str(path))
        except OSError:
            pytest.skip("cannot bind a unix socket here")
        with pytest.raises(InputError, match="socket"):
            read_input_bytes(path)


def test_a_symlink_to_a_device_is_a_device(tmp_path):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(InputError, match="character device"):
        load(link)


def test_a_sparse_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "sparse.txt"
    with path.open("wb") as handle:
        handle.truncate(3 * 1024**3)
    started = time.monotonic()
    with pytest.raises(InputError, match="3.0 GiB, above the input limit"):
        load(path)
    assert time.monotonic() - started < 1


def test_the_limit_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv(MAX_INPUT_ENV, raising=False)
    assert max_input_bytes() == DEFAULT_MAX_INPUT_BYTES
    monkeypatch.setenv(MAX_INPUT_ENV, "1k")
    assert max_input_bytes() == 1024
    with pytest.raises(InputError, match="above the input limit of 1.0 KiB"):
        load(SEED)
    monkeypatch.setenv(MAX_INPUT_ENV, "lots")
    with pytest.raises(InputError, match=MAX_INPUT_ENV):
        max_input_bytes()


@pytest.mark.parametrize("text, size", [("200", 200), ("2k", 2048), ("1.5M", 1536 * 1024), ("1G", 1024**3), ("64MiB", 64 * 1024**2)])
def test_sizes_are_parsed(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "-1", "0", "ten", "5X"])
def test_bad_sizes_are_refused(text):
    with pytest.raises(InputError):
        parse_size(text)


def test_the_command_line_option_sets_the_limit_for_the_run_only(capsys, monkeypatch):
    monkeypatch.delenv(MAX_INPUT_ENV, raising=False)
    code, out, err = run_cli(capsys, "outline", str(SEED), "--max-input-size", "1k")
    assert (code, out) == (2, "") and "above the input limit" in err and err.count("\n") == 1
    assert MAX_INPUT_ENV not in os.environ
    code, out, err = run_cli(capsys, "outline", str(SEED), "--max-input-size", "1M")
    assert code == 0 and err == ""


def test_a_file_in_an_unreadable_folder_is_one_line(capsys, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads every folder")
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "a.txt").write_text("同志们:今天开会。", encoding="utf-8")
    folder.chmod(0)
    try:
        code, out, err = run_cli(capsys, "outline", str(folder / "a.txt"))
    finally:
        folder.chmod(0o755)
    assert (code, out) == (2, "") and "permission denied" in err and err.count("\n") == 1


def test_a_permission_refusal_is_one_line_even_for_root(capsys, monkeypatch, tmp_path):
    """The same refusal by the operating system, simulated where the tests run as root."""
    import errno

    import policytext.reading as reading

    path = tmp_path / "a.txt"
    path.write_text("同志们:今天开会。", encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(reading.os, "open", refuse)
    code, out, err = run_cli(capsys, "outline", str(path))
    assert (code, out) == (2, "") and "permission denied" in err and err.count("\n") == 1


def test_a_sparse_file_is_refused_even_under_a_raised_limit(tmp_path):
    path = tmp_path / "holes.txt"
    with path.open("wb") as handle:
        handle.write("同志们".encode())
        handle.truncate(64 * 1024**2)
    if path.stat().st_blocks * 512 >= path.stat().st_size:
        pytest.skip("this file system does not make sparse files")
    with pytest.raises(InputError, match="sparse file"):
        read_input_bytes(path, max_bytes=1024**3)


def test_a_small_or_dense_file_is_not_called_sparse(tmp_path):
    path = tmp_path / "dense.txt"
    path.write_bytes("同志们:今天开会。\n".encode() * 100_000)
    assert len(read_input_bytes(path)) == path.stat().st_size
