"""Derived files are written whole or not at all, under safe names."""

from __future__ import annotations

import pandas as pd
import pytest

from policytext import PolicytextError
from policytext.output import atomic_write, check_name, write_table


def test_an_interrupted_write_leaves_the_old_file_and_no_debris(tmp_path):
    target = tmp_path / "table.csv"
    target.write_bytes(b"old complete table\n")

    def half_then_crash(handle):
        handle.write(b"new half")
        raise KeyboardInterrupt  # the user presses Ctrl-C mid-write

    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, half_then_crash)
    assert target.read_bytes() == b"old complete table\n"
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]


def test_tables_are_utf8_with_bom_and_readable_by_others(tmp_path):
    path = write_table(pd.DataFrame({"指标": ["技术合同成交额"], "值": [1.9e11]}), "indicators", outdir=tmp_path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" not in data
    assert pd.read_csv(path, encoding="utf-8-sig").iloc[0]["指标"] == "技术合同成交额"
    assert path.stat().st_mode & 0o044  # group/others may read a table meant to be shared


@pytest.mark.parametrize("name", ["../escape", "a/b", ".hidden", "", " padded ", "x\x00y", "con:"])
def test_output_names_from_user_input_are_refused(tmp_path, name):
    with pytest.raises(PolicytextError):
        check_name(name)
    with pytest.raises(PolicytextError):
        write_table(pd.DataFrame({"a": [1]}), name, outdir=tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("count", [0, 3, 5000])
def test_json_written_in_batches_is_the_one_shot_encoding(capsys, count):
    # Batching the streamed chunks must not change a byte: the same text as encoding it whole, with the
    # characters JSON may leave raw (C1 controls, direction marks, line separators) escaped.
    import json

    from policytext.commands._common import write_json
    from policytext.terminal import json_safe

    payload = {"rows": [{"text": f"第{i}条\u202e\x85\u2028", "start": i, "nested": [i, None]} for i in range(count)]}
    write_json(payload)
    written = capsys.readouterr().out
    assert written == json_safe(json.dumps(payload, ensure_ascii=False, indent=2)) + "\n"
    assert "\u202e" not in written and json.loads(written) == payload
