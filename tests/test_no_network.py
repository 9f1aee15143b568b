"""No network at run time: the analyses run with every socket blocked."""

from __future__ import annotations

import socket

import pytest

from policytext import cli, load

from .helpers import SEED


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise NetworkUsed(f"network access attempted: {args[:2]}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_the_guard_really_blocks(no_network):
    with pytest.raises(NetworkUsed):
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(NetworkUsed):
        socket.getaddrinfo("pypi.org", 443)


# The reading page renders the whole text: in the full suite only.
@pytest.mark.parametrize("command", [pytest.param(name, marks=pytest.mark.slow) if name == "read" else name
                                     for name in cli.COMMANDS if name not in ("run", "report")])
def test_every_command_runs_offline(no_network, capsys, tmp_path, command):
    extra = {
        "corpus": ["--out", str(tmp_path / "out"), "--workers", "1"],
        "read": ["--out", str(tmp_path / "page.html")],  # by default it writes into the project's figures/
    }.get(command, [])
    code = cli.main([command, str(SEED), *extra])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out.strip()


def test_figures_and_tables_offline(no_network, tmp_path):
    from policytext import overview
    from policytext.figures import Source, save_figure, use_chinese_font
    from policytext.figures.document import plot_section_lengths

    use_chinese_font()
    document = load(SEED)
    fig, data = plot_section_lengths(overview.section_lengths(document), source=Source.of_document(document))
    paths = save_figure(fig, "offline", data=data, outdir=tmp_path)
    assert paths["png"].stat().st_size > 0
    assert {p.name for p in overview.write_tables(document, outdir=tmp_path)} >= {"outline.csv", "sentences.csv"}
