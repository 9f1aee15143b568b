"""The analysis object: every table of a document once, the same tables as the detectors, new ones after a lexicon change."""

from __future__ import annotations

import pytest

from policytext import from_text
from policytext.analysis import PARTS, Analysis
from policytext.compare import formulation_use
from policytext.errors import PolicytextError
from policytext.reference import ReferenceCorpus
from policytext.rhetoric import find_directives, rhetoric_tables
from policytext.segment import Tokenizer

TEXT = (
    "同志们：\n一、加快发展新质生产力\n习近平总书记指出：“科技创新是核心要素。”我们要加快发展现代产业，"
    "加快发展数字经济，加快发展绿色经济。全市研发投入强度达到3.5%。\n二、坚持问题导向\n要扎扎实实做好工作。"
)


@pytest.fixture
def analysis():
    return Analysis(from_text(TEXT), tokenizer=Tokenizer())


def test_a_table_is_computed_once(analysis):
    assert analysis.directives() is analysis.directives()
    assert analysis.directive_profile() is analysis.directive_profile()
    assert analysis.keywords(top=3) is not analysis.keywords(top=4)  # options are part of the key


def test_the_tables_are_the_detectors_tables(analysis):
    expected = rhetoric_tables(analysis.document, tokenizer=analysis.tokenizer)
    for name, table in analysis.rhetoric_tables().items():
        assert table.equals(expected[name]), name


def test_a_lexicon_change_gives_new_tables(analysis):
    before = analysis.directives()
    assert "加快" in set(before.term)
    analysis.tokenizer.add_word("加快发展")
    after = analysis.directives()
    assert after is not before
    assert "加快" not in set(after.term)
    assert after.equals(find_directives(analysis.document, tokenizer=analysis.tokenizer))


def test_device_counts_are_read_from_the_tables_already_computed(analysis, monkeypatch):
    from policytext.rhetoric import device_counts, devices

    expected = device_counts(analysis.document, tokenizer=analysis.tokenizer)
    assert expected[["quotations", "directive words"]].to_numpy().sum() > 0
    analysis.rhetoric_tables(), analysis.enumerations(), analysis.parallelisms()

    def detect(parsed):
        raise AssertionError("a detector ran again")

    monkeypatch.setattr(devices.DeviceTables, "detect", classmethod(lambda cls, parsed: detect(parsed)))
    counts = analysis.device_counts()
    assert counts.equals(expected)
    assert analysis.device_counts() is counts
    with pytest.raises(AssertionError, match="ran again"):
        device_counts(analysis.parsed)  # without the tables, the function does detect


def test_write_tables_writes_each_part(analysis, tmp_path):
    written = analysis.write_tables(outdir=tmp_path, parts=("overview", "rhetoric", "indicators"))
    names = {path.name for path in written}
    assert {"document_summary.csv", "outline.csv", "rhetoric_directives.csv", "rhetoric_parallelism_groups.csv",
            "indicators.csv"} <= names
    assert all(path.parent == tmp_path and path.stat().st_size > 0 for path in written)
    with pytest.raises(PolicytextError, match="unknown group of tables"):
        analysis.write_tables(outdir=tmp_path, parts=("figures",))
    assert "comparison" in PARTS


def test_an_empty_formulation_table_gives_a_typed_empty_frame():
    # A reference corpus without formulations raised KeyError: 'start'.
    table = formulation_use(from_text(TEXT), ReferenceCorpus(()))
    assert table.empty
    assert {"formulation", "status", "start", "end", "gap_days", "section"} <= set(table.columns)
    assert str(table.start.dtype) == "Int64" and str(table.occurrences.dtype) == "int64"
