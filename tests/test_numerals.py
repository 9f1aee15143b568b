"""Chinese numerals through cn2an: whole numbers with powers and decimals, and None (never a crash) for runs that are not numbers."""

import re

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from policytext import from_text
from policytext.indicators.claims import numeral_word_at
from policytext.numerals import NUMERAL_PATTERN, scaled, split_magnitude, to_number
from policytext.outline import marker_number


@pytest.mark.parametrize("numeral, value", [("十二", 12), ("两", 2), ("百", 100), ("一千", 1000), ("九十九", 99), ("2,157.8", 2157.8), ("３８", 38)])
def test_numbers(numeral, value):
    assert to_number(numeral) == value


@pytest.mark.parametrize("numeral", ["十十", "十十十", "一千千", "二十十", ""])
def test_runs_that_are_not_numbers(numeral):
    assert to_number(numeral) is None


@pytest.mark.parametrize("numeral, value", [
    ("一两", 1), ("七八", 7), ("三五", 3), ("十二三", 12), ("十七八", 17), ("三四十", 30), ("二三十万", 200_000),
])
def test_two_neighbouring_digits_are_an_approximate_range_read_at_its_lower_bound(numeral, value):
    assert to_number(numeral) == value


@pytest.mark.parametrize("numeral, value", [("一九五四", 1954), ("二十三", 23), ("一二三", 123), ("三七", 37)])
def test_digits_that_are_not_neighbours_are_no_range(numeral, value):
    assert to_number(numeral) == value


def test_a_marker_that_is_not_a_number_is_text_not_a_crash():
    assert marker_number("十十") is None
    outline = from_text("前言。十十、不是标题。一、总体要求。内容。").outline
    assert [s.title for s in outline.sections[1:]] == ["总体要求"]


# --- the grammar: whole numbers, powers and decimals ----------------------------------------

@pytest.mark.parametrize("numeral, value", [
    ("三万九千八百", 39800), ("八万一千", 81000), ("十亿四千万", 1_040_000_000), ("十八点五", 18.5),
    ("七点二", 7.2), ("七十八点二", 78.2), ("八百三十二", 832), ("一点三七万亿", 1.37e12), ("两万亿", 2e12),
])
def test_whole_numbers_with_powers_and_decimals(numeral, value):
    assert to_number(numeral) == value
    assert NUMERAL_PATTERN.fullmatch(numeral)


@pytest.mark.parametrize("numeral, split", [
    ("五千亿", ("五千", "亿")), ("十四亿", ("十四", "亿")), ("一点三七万亿", ("一点三七", "万亿")),
    ("十亿四千万", ("十亿四千万", "")), ("三万九千八百", ("三万九千八百", "")), ("万", ("万", "")),
    ("二万八千亿", ("二万八千", "亿")), ("三万亿", ("三", "万亿")), ("一亿二千万", ("一亿二千万", "")),
])
def test_a_trailing_power_is_split_off_only_when_it_is_the_largest(numeral, split):
    assert split_magnitude(numeral) == split


def test_the_pattern_stops_at_the_number():
    text = "覆盖十亿四千万人，提高七点二个点，万物"
    assert [m.group() for m in NUMERAL_PATTERN.finditer(text)] == ["十亿四千万", "七点二"]


def test_the_thousand_of_a_metric_unit_ends_the_number():
    assert [NUMERAL_PATTERN.match(text).group() for text in ("一千千米", "三百千瓦", "五千克", "三千公里")] == ["一千", "三百", "五", "三千"]


def test_a_numeral_opening_a_word_is_found_in_the_table_or_jiebas_dictionary():
    assert numeral_word_at("城乡二元经济结构", 2, 4) == "二元"
    assert numeral_word_at("七台河畔", 0, 2) == "七台河"
    # A figure that jieba happens to list as a noun is still a figure; so is a count before a noun.
    assert numeral_word_at("有二百人参加", 1, 4) == ""
    assert numeral_word_at("九个部门", 0, 2) == ""


def test_scaled_values_have_no_binary_artefacts():
    assert 1073.6 * 1e8 != 107360000000.0  # the artefact this guards against
    assert scaled(1073.6, 1e8) == 107360000000.0 and scaled(12.5, 1) == 12.5


@given(st.integers(min_value=1, max_value=10**13))
def test_an_integer_written_in_chinese_reads_back_with_a_span_covering_it(number):
    numeral = cn2an.an2cn(number)
    text = f"共有{numeral}人"
    match = NUMERAL_PATTERN.search(text)
    assert match and match.span() == (2, 2 + len(numeral))
    assert to_number(match.group()) == number


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=99))
def test_a_decimal_written_in_chinese_reads_back(whole, tenths):
    number = float(f"{whole}.{tenths}")
    numeral = cn2an.an2cn(f"{whole}.{tenths}")
    assert re.fullmatch(NUMERAL_PATTERN, numeral)
    assert to_number(numeral) == number
