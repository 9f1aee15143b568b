"""First-character scans find exactly what the plain regex finds, for every pattern that uses one."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytext import outline, segment
from policytext.redaction import REDACTION_SCAN
from policytext.scanning import FirstCharacterScan

from .helpers import SEED, examples

SCANS = {
    "segment protected": segment._PROTECTED_SCAN,
    "segment protected with quotes": segment._PROTECTED_WITH_QUOTES_SCAN,
    "redaction": REDACTION_SCAN,
    "paragraph gap": outline._PARAGRAPH_GAP_SCAN,
}
# Every character the scanned patterns care about, before and after a match
# (Latin letters next to digits or X, dots inside numbers, each kind of space and quote).
_SPECIAL = list("××✕╳＊○□***XxＸｘAbＡｂ0123456789０１２３４５６７８９.．,，%％‰亿億元万年家项个百分点")
_SPECIAL += list("“”「」『』‘’、。！？；：（）+- \t\r\n\u3000\u00a0!?…")
_TEXT = st.lists(
    st.one_of(
        st.text(st.sampled_from(_SPECIAL), max_size=8),
        st.sampled_from(["新质生产力", "1,900亿元", "2,157.8億元", "79.8个百分点", "××", "“卡脖子”", "G20", "5G", "XX市"]),
        st.text(max_size=3),
    ),
    max_size=12,
).map("".join)


def _found(matches):
    return [(m.span(), m.lastgroup, m.group()) for m in matches]


@pytest.mark.parametrize("name", SCANS)
@settings(max_examples=examples(300), deadline=None)
@given(text=_TEXT, data=st.data())
def test_scan_equals_finditer(name, text, data):
    scan = SCANS[name]
    assert _found(scan.finditer(text)) == _found(scan.pattern.finditer(text))
    pos = data.draw(st.integers(0, len(text)))
    endpos = data.draw(st.integers(pos, len(text)))
    assert _found(scan.finditer(text, pos, endpos)) == _found(scan.pattern.finditer(text, pos, endpos))


@pytest.mark.parametrize("name", SCANS)
def test_scan_equals_finditer_on_the_seed(name):
    text = SEED.read_text(encoding="utf-8")
    scan = SCANS[name]
    found = _found(scan.finditer(text))
    assert found == _found(scan.pattern.finditer(text))
    assert found  # the seed has numbers, spaces and redactions: the comparison is not vacuous


def test_a_scan_misses_matches_that_start_elsewhere():
    # The contract the tests above check for each use: leave a start character out and matches go missing.
    scan = FirstCharacterScan(re.compile(r"ab|cd"), "a")
    assert [m.group() for m in scan.finditer("abcdab")] == ["ab", "ab"]


def test_lookbehind_sees_the_text_before_the_candidate():
    scan = FirstCharacterScan(re.compile(r"(?<![A-Za-z0-9])\d+"), "0-9")
    assert [m.span() for m in scan.finditer("G20 与 20")] == [(6, 8)]
    assert [m.span() for m in scan.finditer("G20 与 20", 2)] == [(6, 8)]
