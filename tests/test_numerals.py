"""Chinese numerals through cn2an: numbers, and None (never a crash) for runs that are not numbers."""

import pytest

from policytext import from_text
from policytext.numerals import to_number
from policytext.outline import marker_number


@pytest.mark.parametrize("numeral, value", [("十二", 12), ("两", 2), ("百", 100), ("一千", 1000), ("九十九", 99), ("2,157.8", 2157.8), ("３８", 38)])
def test_numbers(numeral, value):
    assert to_number(numeral) == value


@pytest.mark.parametrize("numeral", ["十十", "十十十", "一千千", "十二三", "二十十", ""])
def test_runs_that_are_not_numbers(numeral):
    assert to_number(numeral) is None


def test_a_marker_that_is_not_a_number_is_text_not_a_crash():
    assert marker_number("十十") is None
    outline = from_text("前言。十十、不是标题。一、总体要求。内容。").outline
    assert [s.title for s in outline.sections[1:]] == ["总体要求"]
