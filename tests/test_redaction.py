"""Redactions: runs of ×/X/*, and single characters where a place or a digit must stand."""

from __future__ import annotations

import pytest

from policytext import from_text


def redacted(text: str) -> list[str]:
    return [r.text for r in from_text(text).redactions]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("全社会研发投入强度2022年达××%。", ["××"]),
        ("20*年,全市新增企业×××家。", ["*", "×××"]),
        ("建设创新型*,位于x市,全省第x名,3X月完成。", ["*", "x", "x", "X"]),
        # A lone letter or mark between Chinese words stands for a name.
        ("镇X委书记学习贯彻X的精神,稍后,*书记讲话,宽松的货*政策,×书记带领。", ["X", "X", "*", "*", "×"]),
        # Negatives: ASCII text keeps its x and *.
        ("效率提高5x,样式*{margin:0},网址https://x.example.org/a*b,矩阵3x3。", []),
        ("**大模型广泛应用**是重点。", []),
        ("进行X光检查,XL型号,Xi'an,X射线,长宽比3×4。", []),
        # A doubled capital between Chinese words is a placeholder (ZZ for 政治).
        ("庆祝中国人民ZZ协商会议成立,坚定ZZ立场,某DD县。", ["ZZ", "ZZ", "DD"]),
        # Negatives: doubled letters that are words, grades or Latin text.
        ("国家AAAA级景区,加QQ群,II类水质,BB机,CCTV播出,用PPT汇报,MM型。", []),
        # A withheld figure with decimals is one run; a withheld number at a line's start.
        ("共xxxx.xxxx万贫困人口。\nx届政府工作回顾\n", ["xxxx.xxxx", "x"]),
        # Spaced single letters, one-X decimals, underscore blanks.
        ("X 委 X 届 X 次全会,人口X. X万户X.XX万人,__年围绕___建设。", ["X", "X", "X", "X. X", "X.XX", "__", "___"]),
        # Negatives: ○ as the zero of a Chinese numeral, an X光 after a space, underscores inside a name.
        ("二○○八年九月,一九八○年,进行 X 光检查,file__name。", []),
        # Negative: a Latin word at a line's start.
        ("内容。\nxml格式文件\nX光检查\n", []),
        # An indented paragraph's first letter; either end of a withheld range (*-*月, 1-x日).
        ("同志们:\n  X 委 X 届全会闭幕。\n高新区*-*月收入,1-x日完成。", ["X", "X", "*", "*", "x"]),
        # Negatives: an indented Latin word or X光, a range of digits, a Latin model number.
        ("内容。\n  Xi Jinping\n  X光检查,1-2月完成,型号A-x年。", []),
    ],
)
def test_redactions(text, expected):
    assert redacted(text) == expected


def test_a_blank_in_site_furniture_is_no_redaction():
    document = from_text("工作总结\n撰写人:___________\n__年按照区委要求,推进工作。\n")
    assert [r.text for r in document.redactions] == ["__"]
