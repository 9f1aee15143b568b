"""Numbers written in Chinese or Arabic numerals: one grammar for the whole package, read through cn2an.

:data:`CHINESE_NUMERAL` is the pattern of a whole Chinese number, powers and
decimal part included (三万九千八百, 十亿四千万, 七十八点二, 一点三七万亿), so
that a match covers the number and nothing less (and nothing more: the 千 of
千米 belongs to the unit); :func:`to_number` reads it
and :func:`split_magnitude` separates a trailing 万 / 亿 that works as a unit
prefix (五千亿元 is 5000 亿元, as 5000亿元 would be; 十亿四千万人 is one
number of 人).

cn2an raises ValueError or KeyError on runs that are not numbers (十十,
一千千); scraped text has them, so callers get None instead of a crash. Two
neighbouring digits (一两个, 七八十, 十二三) are an approximate range, read at
its lower bound.
"""

from __future__ import annotations

import re
from functools import lru_cache
from types import MappingProxyType

import cn2an

CHINESE_DIGITS = "零〇一二两三四五六七八九"
CHINESE_POWERS = "十百千万亿"
# A Chinese number starts with a digit or 十/百/千 (万 and 亿 alone open words: 万物, 亿万人民)
# and may end in a decimal part (七点二). 两 never follows 点.
# 千 before 米, 克 or 瓦 is the metric prefix of a unit (一千千米 is 1000 千米), not a power of the number.
_THOUSAND = "千(?![米克瓦])"
CHINESE_NUMERAL = (
    rf"(?:[{CHINESE_DIGITS}十百]|{_THOUSAND})(?:[{CHINESE_DIGITS}十百万亿]|{_THOUSAND})*"
    rf"(?:点[零〇一二三四五六七八九]+(?:万亿|[万亿])?)?"
)
NUMERAL_PATTERN = re.compile(CHINESE_NUMERAL)
# The powers a number may end in when they scale a unit (亿元, 万人): longest first.
_MAGNITUDES = MappingProxyType({"万亿": 1e12, "亿": 1e8, "万": 1e4})
_MAGNITUDE_END = re.compile(r"(?:万亿|亿|万)$")
# The powers that, before a trailing one, keep a number whole: those not below it.
_NOT_BELOW = MappingProxyType({"万": ("万", "亿"), "亿": ("亿",), "万亿": ("万", "亿")})


def split_magnitude(numeral: str) -> tuple[str, str]:
    """``"五千亿"`` → ``("五千", "亿")``; ``"十亿四千万"`` → ``("十亿四千万", "")``.

    A trailing 万 / 亿 / 万亿 is split off when it is the number's largest
    power, so that 五千亿元 reads as 5000 亿元 like 5000亿元 and 二万八千亿元 as
    28000 亿元; a number with a power as large or larger before it (十亿四千万)
    stays whole, since its parts do not share one unit.
    """
    end = _MAGNITUDE_END.search(numeral)
    if not end or end.start() == 0:
        return numeral, ""
    head = numeral[: end.start()]
    # 二万八千亿 is 28000 亿 (亿 is above every power before it); 十亿四千万 is one number, not 十亿四千 万.
    if any(power in head for power in _NOT_BELOW[end.group()]):
        return numeral, ""
    return head, end.group()


# 一两个, 七八十, 十七八岁, 三五天: two neighbouring digits with no power between them are an approximate
# range, read at its lower bound (as 五、六倍 is); cn2an would read 一两 as 12 and 七八 as 78.
_APPROXIMATE = re.compile(r"(十?)([一二三四五六七八九])([二两三四五六七八九])([十百千万亿]*)")
_DIGIT_VALUE = MappingProxyType({d: i for i, d in enumerate("零一二三四五六七八九")} | {"两": 2})


def approximate_low(numeral: str) -> str | None:
    """``"七八十"`` → ``"七十"``, ``"一两"`` → ``"一"``: the lower bound of an approximate range, or None when it is none."""
    m = _APPROXIMATE.fullmatch(numeral)
    if m is None:
        return None
    low, high = _DIGIT_VALUE[m[2]], _DIGIT_VALUE[m[3]]
    if high - low == 1 or (low, high) == (3, 5):
        return m[1] + m[2] + m[4]
    return None


@lru_cache(maxsize=1024)
def to_number(numeral: str) -> float | None:
    """``"十二"`` → 12.0, ``"2,157.8"`` (or ``"2，157.8"``) → 2157.8, ``"百"`` → 100.0, ``"一点三七万亿"`` → 1.37e12; None when it is not a number."""
    text = numeral.replace(",", "").replace("，", "").replace("两", "二")
    if not text:
        return None
    if text[0].isdigit():
        try:
            return float(text)
        except ValueError:
            return None
    if (low := approximate_low(text)) is not None:
        return to_number(low)
    head, power = split_magnitude(text)
    if power and "点" in head:
        # cn2an reads 一点三七 and 一万亿 but not 一点三七万亿.
        value = to_number(head)
        return None if value is None else _exact(value * _MAGNITUDES[power])
    if text[0] in "十百千万亿":
        text = "一" + text  # cn2an reads 一百 but not 百
    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, IndexError):
        return None


def _exact(value: float) -> float:
    # A decimal times a power of ten: 1.37 * 1e12 is 1370000000000.0002 in binary floating point.
    return float(f"{value:.15g}")


def scaled(value: float, factor: float) -> float:
    """``value * factor`` without binary floating-point artefacts (1073.6 × 1e8 = 107360000000, not 107359999999.99998)."""
    return value if factor == 1 else _exact(value * factor)
