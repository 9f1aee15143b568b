"""Heading markers: the one definition of the marker families that number a Chinese official text.

一、 (part), （一） (section), 1. and （1） (points), 1.1 (decimal sections of a
plan), 第一章 (chapters), 第一个方面： (announced aspects), and the enumerations
第一，/一是. The outline builds its sections from these families; the loader
reads them too, to know a line that opens with a marker as a heading (a
heading repeated in every chapter is no running header, and a line that
starts with one is no continuation of a wrapped line). All of them take
:func:`heading_opening`, so the three cannot disagree.

Patterns run on normalised text (:func:`policytext.normalize.normalize`),
where ASCII parentheses are full-width and full-width digits and stops are
ASCII. Each opens with a character class (\\d\\d?, not \\d{1,2}): re skips
ahead to a class, but tries a leading repeat at every offset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = "一二三四五六七八九十"


@dataclass(frozen=True, slots=True)
class MarkerFamily:
    """One kind of heading marker. A lower rank sits higher in the hierarchy."""

    name: str
    rank: int
    pattern: re.Pattern[str]
    enumeration: bool = False
    # Only at the start of a paragraph: a marker whose form is common inside running text (1.2, 一 ).
    line_start: bool = False


# A match with a group "bare" is a marker without its mark (一 调研背景): it counts only at a paragraph start.
FAMILIES: tuple[MarkerFamily, ...] = (
    # 第一章 / 第一部分 / 第一编: chapters of regulations, plans and long reports.
    MarkerFamily("chapter", 0, re.compile(rf"第(?P<num>[{CN_DIGITS}]{{1,3}})(?:章|编|部分)(?=[ \t\u3000]|[^，,、：:的])")),
    # 第一个方面： / 第二个问题：: the parts a speech announced (从三个方面谈点看法：), above their 一、.
    MarkerFamily("aspect", 1, re.compile(rf"第(?P<num>[{CN_DIGITS}]{{1,2}})个(?:方面|问题)[：:]")),
    MarkerFamily("part", 2, re.compile(rf"(?P<num>[{CN_DIGITS}][{CN_DIGITS}]{{0,2}})(?:、|(?P<bare>[ \t\u3000]+)(?=[\u4e00-\u9fff]))")),
    MarkerFamily("section", 3, re.compile(rf"（(?P<num>[{CN_DIGITS}]{{1,3}})）")),
    MarkerFamily("point", 4, re.compile(r"(?P<num>\d\d?)(?:\.(?!\d)|、)")),
    # 1.1 编制目的: the sections of a plan numbered by decimals, under its 1. points (not 1.5亿元).
    MarkerFamily("decimal", 5, re.compile(r"\d\d?\.(?P<num>\d{1,2})(?![\d.])(?![ \t]*[%％万亿千百个元年月日倍])"), line_start=True),
    MarkerFamily("subpoint", 6, re.compile(r"（(?P<num>\d{1,2})）")),
    MarkerFamily("ordinal", 7, re.compile(rf"第(?P<num>[{CN_DIGITS}]{{1,2}})[，、：]"), enumeration=True),
    MarkerFamily("item", 8, re.compile(rf"(?P<num>[{CN_DIGITS}][{CN_DIGITS}]?)是(?!否|非|指)"), enumeration=True),
)

_GROUP_NAME = re.compile(r"\(\?P<\w+>")


def heading_opening(*extra: str) -> re.Pattern[str]:
    """A pattern that matches (with ``match()``) where normalised text opens with a marker of any family, or with *extra*."""
    families = (f"(?:{_GROUP_NAME.sub('(?:', family.pattern.pattern)})" for family in FAMILIES)
    return re.compile("|".join((*extra, *families)))
