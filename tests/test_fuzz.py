"""Fuzzing load → outline → rhetoric → indicators → compare.

The only exception allowed to escape is the package's own PolicytextError, the
sentences tile the body for every example, and every row of every table
slices to its text out of the raw input.

The default test run tries a few dozen examples; the long run is separate and
marked: ``make fuzz`` (``POLICYTEXT_FUZZ_EXAMPLES=3000 pytest -m fuzz``).
"""

from __future__ import annotations

import os
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policytext import PolicytextError, from_text, indicators, load, rhetoric
from policytext.compare import compare
from policytext.reference import load_reference

from .helpers import FRAGMENTS, assert_tiles

EXAMPLES = int(os.environ.get("POLICYTEXT_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

MORE_FRAGMENTS = [
    "习近平总书记指出:“", "关于“", "”的重要讲话精神", "四个善作善成", "一核两翼多点", "1+4", "双一流", "投早、投小、投硬科技",
    "以", "为牵引、", "不敢转、不愿转、不会转", "快研发、快验证、快转化", "加快", "推动", "必须", "大力",
    "全社会研发投入强度2022年达", "××%", "突破1900亿元", "增长16.7%", "列全球第36位", "前三", "两位数增长", "2,157.8億元",
    "近五年", "年均增长12%以上", "167家", "第8位", "《2023年全球创新指数》", "新质生产力是创新起主导作用",
    "高科技、高效能、高质量", "绿色发展是高质量发展的底色", "１９００", "％",
]
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS + MORE_FRAGMENTS), st.text(max_size=6)), max_size=50).map("".join)


@lru_cache(maxsize=1)
def reference():
    # A cached function, not a fixture: hypothesis would print the corpus with every failing example.
    return load_reference()


def check_rows(document, table, name):
    if {"start", "end", "text"} <= set(table.columns):
        for start, end, text in zip(table.start, table.end, table.text):
            assert document.raw[int(start) : int(end)] == text, (name, start, end, text)


def run_pipeline(text: str, reference) -> None:
    try:
        document = from_text(text)
        assert_tiles(document)
        if document.body_start == document.body_end:
            return
        tables = rhetoric.rhetoric_tables(document)
        for name, table in tables.items():
            check_rows(document, table, name)
        claims = indicators.extract(document)
        for start, end, raw in zip(claims.start, claims.end, claims.raw):
            assert document.raw[int(start) : int(end)] == raw
        comparison = compare(document, reference, quotations=tables["quotations"])
        for table in (comparison.clauses, comparison.formulations, comparison.attributions, comparison.keyness, comparison.coverage()):
            assert table is not None
        check_rows(document, comparison.clauses, "clauses")
    except PolicytextError:
        pass


@pytest.mark.fuzz
@FUZZ
@given(texts)
def test_pipeline_on_arbitrary_text(text):
    run_pipeline(text, reference())


@pytest.mark.fuzz
@FUZZ
@given(st.binary(max_size=400) | texts.map(lambda t: t.encode("utf-8")) | texts.map(lambda t: t.encode("gb18030")))
def test_load_on_arbitrary_bytes(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "input.txt"
    path.write_bytes(data)
    try:
        document = load(path)
    except PolicytextError:
        return
    finally:
        assert path.read_bytes() == data
    run_pipeline(document.raw, reference())
