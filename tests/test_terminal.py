"""Escape codes from the input never reach the terminal raw; `tokens` streams (issue 15, defect 10)."""

from __future__ import annotations

import json

import pytest

from policytext import cli, load
from policytext.commands.tokens import document_tokens, iter_document_tokens, stretches
from policytext.terminal import json_safe, printable

from .helpers import ROOT, SEED

ESCAPES = "\x1b]0;owned\x07\x1b[31m\x9b2J\u202e"


def run_cli(capsys, *argv):
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_printable_spells_out_controls_and_keeps_the_rest():
    assert printable("一、总体\x1b[31m要求\r\t\n") == "一、总体\\x1b[31m要求\\x0d\t\n"
    assert printable("\x9b\u202e") == "\\x9b\\u202e"
    assert printable("纯文本 plain") == "纯文本 plain"


def test_json_safe_escapes_what_json_leaves_raw_and_parses_to_the_same():
    encoded = json.dumps({"t": "a\x9bb\u2028c\u202e"}, ensure_ascii=False)
    safe = json_safe(encoded)
    assert not any(c in safe for c in "\x9b\u2028\u202e")
    assert json.loads(safe) == {"t": "a\x9bb\u2028c\u202e"}


@pytest.mark.parametrize("argv", [
    ("outline", "--format", "text"), ("outline",), ("tokens",), ("tokens", "--format", "text"),
    ("rhetoric",), ("indicators", "--format", "json"),
])
def test_no_command_prints_escape_codes_raw(tmp_path, capsys, argv):
    path = tmp_path / "speech.txt"
    filler = "我们要坚定不移推动高质量发展，增长16.7%。" * 40  # a few stray controls in real text, not a binary file
    path.write_text(f"同志们:\n一、总体要求{ESCAPES}\n{filler}\n", encoding="utf-8")
    code, out, err = run_cli(capsys, argv[0], str(path), *argv[1:])
    assert code == 0, err
    assert not any(c in out + err for c in "\x1b\x07\x9b\u202e")


def test_a_warning_or_error_naming_the_file_prints_no_escape_codes(tmp_path, capsys):
    path = tmp_path / "\x1b[2Jname.txt"
    path.write_bytes(b"")
    code, out, err = run_cli(capsys, "outline", str(path))
    assert code == 2 and "\x1b" not in err and "\\x1b[2Jname.txt" in err


def test_stretches_tile_the_text_and_cut_only_after_sentence_ends():
    text = "第一句。“短句。”后文！" * 50 + "没有句号的结尾"
    pieces = list(stretches(text, size=40))
    assert len(pieces) > 5
    assert "".join(text[a:b] for a, b in pieces) == text
    assert all(text[b - 1] in "。！" for _, b in pieces[:-1])
    assert all(text[b - 1] != "。" or text[b - 2] != "句" or text[b - 3] != "短" for _, b in pieces[:-1])  # never inside “短句。”


@pytest.mark.parametrize("keep_quoted", [False, True])
def test_streamed_tokens_equal_the_whole_body_cut(keep_quoted):
    from policytext.segment import default_tokenizer

    for path in [SEED, *sorted((ROOT / "data" / "raw" / "samples").glob("*.txt"))]:
        document = load(path)
        offset = document.body_start
        whole = [(t.start + offset, t.end + offset, t.kind)
                 for t in default_tokenizer().tokenize(document.norm[offset : document.body_end], keep_quoted=keep_quoted)
                 if t.kind != "space"]
        streamed = [(t["start"], t["end"], t["kind"]) for t in iter_document_tokens(document, keep_quoted=keep_quoted, size=200)]
        assert streamed == whole, path.name
        assert document_tokens(document, keep_quoted=keep_quoted) == list(iter_document_tokens(document, keep_quoted=keep_quoted))


def test_tokens_json_is_one_array(capsys):
    code, out, _ = run_cli(capsys, "tokens", str(SEED))
    tokens = json.loads(out)
    assert code == 0 and tokens[0].keys() == {"token", "start", "end", "kind"}
    raw = load(SEED).raw
    assert all(raw[t["start"] : t["end"]] == t["token"] for t in tokens)
    assert code == 0 and run_cli(capsys, "tokens", str(SEED)) == (0, out, "")  # streamed output is deterministic
