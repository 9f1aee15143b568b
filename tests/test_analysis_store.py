"""Analysis tables shared through the project cache: a hit loads, any changed input misses, a bad entry is rebuilt."""

from __future__ import annotations

import os
import threading
import time

import pandas as pd
import pytest

from policytext import rhetoric
from policytext.analysis import Analysis
from policytext.analysis_store import SHARE_VARIABLE, TableStore
from policytext.document import load
from policytext.errors import PolicytextError
from policytext.rhetoric import find_directives
from policytext.segment import Tokenizer, default_tokenizer

TEXT = (
    "同志们：\n一、加快发展新质生产力\n我们要加快发展现代产业，加快发展数字经济，加快发展绿色经济。"
    "全市研发投入强度达到3.5%。\n二、坚持问题导向\n要扎扎实实做好工作。\n"
)


@pytest.fixture
def speech(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYTEXT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv(SHARE_VARIABLE, raising=False)
    path = tmp_path / "speech.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def _entries(tmp_path):
    return sorted((tmp_path / "cache" / "analysis").rglob("*.pickle"))


def _refuse(*args, **kwargs):
    raise AssertionError("computed, but the table should have come from the cache")


def test_a_second_analysis_of_the_same_file_loads_the_tables(speech, tmp_path, monkeypatch):
    first = Analysis(speech, cache=True).directives()
    assert len(first) and _entries(tmp_path)
    monkeypatch.setattr(rhetoric, "find_directives", _refuse)
    second = Analysis(speech, cache=True).directives()
    pd.testing.assert_frame_equal(second, first)


def test_without_the_cache_nothing_is_written(speech, tmp_path):
    Analysis(speech).directives()
    assert not _entries(tmp_path)


def test_the_runner_variable_turns_it_on_and_a_document_object_stays_uncached(speech, tmp_path, monkeypatch):
    monkeypatch.setenv(SHARE_VARIABLE, "1")
    Analysis(load(speech)).directives()  # no file to key on: computed, not refused
    assert not _entries(tmp_path)
    Analysis(speech).directives()
    assert _entries(tmp_path)
    with pytest.raises(PolicytextError, match="file path"):
        Analysis(load(speech), cache=True)


def test_a_lexicon_change_misses_and_the_same_lexicon_hits(speech, tmp_path, monkeypatch):
    tokenizer = Tokenizer()
    analysis = Analysis(speech, tokenizer=tokenizer, cache=True)
    before = analysis.directives()
    assert "加快" in set(before.term)
    tokenizer.add_word("加快发展")
    after = analysis.directives()
    assert "加快" not in set(after.term)
    pd.testing.assert_frame_equal(after, find_directives(analysis.document, tokenizer=tokenizer))
    # Another tokenizer with the same words is the same key (content, not the tokenizer object or its version).
    same = Tokenizer()
    same.add_word("加快发展")
    monkeypatch.setattr(rhetoric, "find_directives", _refuse)
    pd.testing.assert_frame_equal(Analysis(speech, tokenizer=same, cache=True).directives(), after)
    # The stock lexicon's entry was kept beside the new one: a fresh tokenizer and the default one load it.
    pd.testing.assert_frame_equal(Analysis(speech, tokenizer=Tokenizer(), cache=True).directives(), before)
    pd.testing.assert_frame_equal(Analysis(speech, cache=True).directives(), before)


def test_changed_document_bytes_or_options_miss(speech, monkeypatch):
    Analysis(speech, cache=True).keywords(top=3)
    monkeypatch.setattr(rhetoric, "find_keywords", _refuse)
    Analysis(speech, cache=True).keywords(top=3)
    with pytest.raises(AssertionError, match="computed"):
        Analysis(speech, cache=True).keywords(top=4)  # another option of the table
    speech.write_text(TEXT.replace("绿色经济", "海洋经济"), encoding="utf-8")
    with pytest.raises(AssertionError, match="computed"):
        Analysis(speech, cache=True).keywords(top=3)  # another document


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty", "swap"])
def test_a_damaged_or_foreign_entry_is_rebuilt_not_trusted(speech, tmp_path, damage):
    expected = Analysis(speech, cache=True).directives()
    (directives_entry,) = _entries(tmp_path)
    Analysis(speech, cache=True).leader_references()
    (other,) = set(_entries(tmp_path)) - {directives_entry}
    data = directives_entry.read_bytes()
    damaged = {
        "truncate": data[: len(data) // 2],
        "flip": data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:],
        "empty": b"",
        "swap": other.read_bytes(),  # a valid entry of another table under this name
    }[damage]
    directives_entry.write_bytes(damaged)
    calls = []

    def counted(source, **kwargs):
        calls.append(1)
        return find_directives(source, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rhetoric, "find_directives", counted)
        again = Analysis(speech, cache=True).directives()
    assert calls == [1]
    pd.testing.assert_frame_equal(again, expected)
    assert directives_entry.read_bytes() == data  # rebuilt in place


def test_workers_at_the_same_time_compute_a_table_once(speech):
    store = TableStore.for_file(speech, tokenizer=default_tokenizer())
    calls, results = [], []

    def compute():
        calls.append(1)
        time.sleep(0.3)  # long enough for the other worker to find the entry missing and wait
        return pd.DataFrame({"n": [len(calls)]})

    workers = [threading.Thread(target=lambda: results.append(store.fetch("table", compute))) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert calls == [1]
    assert [r.n.tolist() for r in results] == [[1], [1]]


def test_only_tables_are_kept(speech):
    store = TableStore.for_file(speech, tokenizer=default_tokenizer())
    thing = object()
    assert store.fetch("object", lambda: thing) is thing
    assert not store.entry("object").exists()
    assert store.fetch("groups", lambda: ((1, "a"), (2, "b"))) == ((1, "a"), (2, "b"))
    assert store.entry("groups").exists()


def test_the_runner_turns_sharing_on_for_its_kernels_only(monkeypatch):
    from policytext import runner

    monkeypatch.delenv(SHARE_VARIABLE, raising=False)
    with runner._project_environment():
        assert os.environ[SHARE_VARIABLE] == "1"  # the kernels started now inherit it
    assert SHARE_VARIABLE not in os.environ
