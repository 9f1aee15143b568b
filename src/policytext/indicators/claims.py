"""Quantitative claims: each number a speech argues with, typed, normalised and named.

A claim is found on the document's analysis view (normalised, elisions left out), one sentence at a time,
and reported with raw offsets. Its parts:

- the value: Arabic digits (15107, 2,157.8), Chinese numerals (前三, 第八,
  两位数, 五千亿元), a 万 or 亿 whose one is left unwritten (过万元, 上万人),
  or redaction marks standing where a value stands (××%, XX 镇, ___家, 高出X个百分点)
  where the redaction detector (``Document.redactions``) finds a redaction: the
  value is then null, never 0, and ``redacted`` says why;
- a unit from ``indicator_units.tsv``, optionally after a multiplier
  (亿, 万 …), which gives the normalised value (1900亿元 → 1.9e11 元), and
  a rate's denominator (43.5万立方米/日);
- the lead-in just before the value (达到, 突破, 年均增长, 分别增长, 列, 保持 …)
  and the qualifiers after it (以上, 左右), from ``indicator_cues.tsv``;
- the indicator: the phrase naming what is measured, from the clause before
  the value, or after it when the number counts a following noun
  (12条重点产业链); a bare attribute (成交额, 增加值…) takes its owner from the
  claim before it (技术合同 → 技术合同成交额);
- the scope (全国, 全球, 全市 …) and the year or period: the one the claim's
  clause states, else the nearest year stated before it in the sentence
  (stated); else the one its section's heading or the paragraph opening its
  passage gives (section: 一、2023年工作回顾, 过去的一年，…); else, for a
  figure about the present, the year of the document's date (document). The
  ``year_source`` column says which, so inherited years can be filtered out.
  A period (近五年, 过去五年, “十四五”时期) gives no year: a span is no one year.

Not claims: years and dates, durations (5年), outline markers, numbers inside
short quotations (“1+4”, “从0到1”: names and slogans), model names (5G), and
Chinese numerals that count things (三个方面, 四类, 一批): official Chinese
writes statistics in Arabic digits and keeps Chinese numerals for rhetoric, so
a Chinese numeral counts only as a rank (第八, 全国第三), a top-N (前三, 百强),
a magnitude (两位数), a doubling (翻一番), before a measure unit (五千亿元),
counting people, places or organisations (九个部门, 四个工业集中区), a place by
its own measure word (三井, but not a chain of them: 两村两镇 names a set), or
occasions before a verb (三次到团组; 二次会议 names a session). Nor are table
labels (如表3所示), numbers inside a cited title (《…等6个专项应急预案的通知》)
or a compilation's count of its own pieces in its title ((最新4篇)). A numeral
that opens a word (二元经济, 七台河: :func:`numeral_word_at`) is no number. The
lower end of a range takes the unit written after the upper one (3至5个百分点).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Sequence


from ..normalize import to_simplified
from ..numerals import CHINESE_NUMERAL, scaled, split_magnitude, to_number
from ..parsed import ParsedDocument, as_parsed
from ..redaction import REDACTION_MARKS
from ..textfacts import HAN
from . import resources as res
from .found import Found as _Found
from .naming import name_claim

if TYPE_CHECKING:
    from ..document import Document

# Older reports set the thousands separator as a full-width comma (增加1，000万吨).
ARABIC = r"(?<!\d)\d{1,3}(?:[,，]\d{3}(?!\d))+(?:\.\d+)?|\d+(?:\.\d+)?"
CHINESE = CHINESE_NUMERAL
_CJK = HAN
_HAN_CHAR = re.compile(rf"[{_CJK}]")
# What a noun after a figure opens with (12条|重点产业链, 三个|“揭榜挂帅”项目).
_NOUN_OPENING = re.compile(rf"[{_CJK}“]")
# Each scanning pattern opens with a lookahead on the characters a match can
# start with: Python's re otherwise tries every alternative at every offset
# (the core pattern scans six times faster with it, and matches the same).
# A year is 19xx/20xx followed by 年 (or a range), or opening a title or quote (“2023自然指数”).
YEAR = re.compile(
    r"(?=[12])(?:(?<![\d.])(?P<year>(?:19|20)\d{2})(?:年(?:度|末|底|初)?|(?=[—\-~～至到](?:19|20)?\d{2}年))"
    r"|(?<=[“《「])(?P<quoted>(?:19|20)\d{2})(?![\d.%]))"
)
PERIOD = re.compile(
    r"(?=[近过最\d一二两三四五六七八九十“前上下])(?:(?:近|过去|最近)(?:的)?(?:\d+|[一二两三四五六七八九十]+)年(?:来|间)?|近年来|(?:\d+|[一二两三四五六七八九十]+)年(?:来|间)"
    r"|“?十[一二三四五六]五”?(?:期间|以来|时期)|前?[一二三四1-4]季度|[上下]半年|前\d{1,2}个?月)"
)
# A year named relative to the document's date: 过去一年 in a report of March 2024 is 2023.
# 比去年, 较去年, 同去年 compare with a base year; they do not date the claim.
# 现在, 目前, 当前 date a figure only opening a clause (体现在 holds 现在).
RELATIVE_YEAR = re.compile(
    r"(?=[过去今明现目当上前本])(?<![比较与同于以提目基])(?P<relative>过去(?:的)?一年|去年|今年|明年|上年|前年|本年"
    r"|(?:^|(?<=[，。；：,;:\s]))(?:现在|目前|当前))"
)
_RELATIVE_OFFSET = MappingProxyType({"过去一年": -1, "过去的一年": -1, "去年": -1, "上年": -1, "前年": -2, "今年": 0,
                                     "本年": 0, "明年": 1, "现在": 0, "目前": 0, "当前": 0})
# A heading that reviews the work of the past (一、工作回顾) in a report dated year N is about year N-1:
# reports are delivered early in the year they are dated (政府工作报告 in March); 2023年工作回顾 states its year.
RETROSPECTIVE_HEADING = re.compile(r"工作(?:回顾|总结)")
# 从五十四万亿元增长到一百一十四万亿元: the two ends of a change over a span; neither is of the document's year.
FROM_TO = re.compile(r"从[^，。；：]*?(?:到|至)")
# A clause opening with 其中 gives a part of the figure before it.
_PART_OF = "其中"
# A year written in Chinese digits (一九五四年, 二〇〇〇年; typeset zero may be ○), read digit by digit.
CHINESE_YEAR = re.compile(
    r"(?=[一二])(?<![〇○零一二三四五六七八九十])(?P<year>(?:一[七八九]|二[〇○零])[〇○零一二三四五六七八九]{2})年"
)
_DIGIT = str.maketrans("〇○零一二三四五六七八九", "000123456789")
# A year after 比, 较, 同, 与, 于 is the base of a comparison (比2022年增长, 等于一九四九年的二点五倍), not the figure's year.
_BASE_BEFORE = frozenset("比较同与于")
_MONTH = re.compile(r"\d{1,2}月")
_NOW = frozenset({"现在", "目前", "当前"})
# An outline marker before a heading's words (一、 （二） 3.).
_OUTLINE_MARKER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、．])\s*")
HEADING_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年")
DATE = re.compile(r"(?=\d)(?:\d{1,2}月(?:\d{1,2}[日号])?|\d{1,2}[日号](?=[，。、\s至到—-]|$))")
# Names and slogans are quoted; long quotations (a leader's words) may hold real figures.
SHORT_QUOTE = re.compile(r"“[^“”]{1,12}”|‘[^‘’]{1,12}’|「[^「」]{1,12}」")
# What follows a number that makes it a time or an ordinal, not a quantity.
_NOT_QUANTITY_AFTER = re.compile(r"个?(?:年|月|日|号|时|季度|周|天|届|次|期|代|版|章|节|小时|岁|级|轮)")
# 42个春秋, 三十个寒暑: years of a life or a career, written as seasons.
_DURATION_AFTER = re.compile(r"(?:月|季度|小时|工作日|年|星期|春秋|寒暑)")
# A cited title (《关于印发…等6个专项应急预案的通知》) names a document: its numbers are part of the name.
CITED_TITLE = re.compile(r"《[^《》]*》")
# A table's or figure's label (表1, 如表3所示, 见下图2): the number names the table, it counts nothing.
_LABEL_OPENERS = frozenset("如见下上附续详")
# A bracketed note on its own line under a title ((22篇), (最新4篇)): a compilation's count of its own pieces.
_NOTE_LINE = re.compile(r"[（(【〔\[][^（()）【】〔〕\[\]]{1,8}[）)】〕\]]")
CLAUSE_BREAK = re.compile(r"[；：;:]|(?<!\d)[，,]|[，,](?!\d{3}(?!\d))")
_BOUNDARY = frozenset(("，", "。", "；", "：", "、", "！", "？", "）", ")", "”", ";", ":", ",", "!", "?", ""))
_NOT_ATTRIBUTIVE = frozenset("的之等和与及或以")
# What joins two values of one list or range (10%和12%, 3%-5%, 四千万亩到五千万亩).
_NEXT_VALUE = frozenset(("、", "和", "与", "及", "-", "—", "–", "～", "~", "至", "到", "－"))
_ORDINAL_RANGE = re.compile(r"第(?:\d+|[一二两三四五六七八九十百]+)[-—–～~至到－]$")
_RANGE_NEXT = re.compile(r"[-—–～~至到－](?=[\d一二两三四五六七八九十百千])")
_TOPN_UNITS = "%|名|位|强"
_CHINESE_DIGIT = re.compile("[一二两三四五六七八九十]")
# How many words after a count unit the counted noun may run to (四个|工业|集中区).
_NOUN_RUN = 3
_TIER_UNITS = ("方阵", "梯队", "阵营")
# Qualitative magnitudes: 两位数 = at least 10 (per cent, for growth).
_DIGITS_WORD = MappingProxyType({"两": 2, "双": 2, "三": 3, "四": 4, "五": 5, "2": 2, "3": 3, "4": 4, "5": 5})

KINDS = MappingProxyType({
    "count": "how many of something (家, 个, 项, 条, 人)",
    "amount": "money (元, 亿元, 美元), normalised to the base currency unit",
    "share": "a level in per cent or a ratio (比重, 占比, 强度, 率)",
    "growth": "a change: per cent, percentage points or times (增长, 增速, 提高; 下降 makes it negative)",
    "multiple": "a multiple (倍, 翻一番 = 2 倍)",
    "quantity": "a physical measure (标准箱, 吨, 公里, 千瓦)",
    "rank": "a position in a ranking (第36位, 全国第三)",
    "topn": "membership of a top bracket or threshold (前三, 前1%, 20强, 百强)",
    "tier": "membership of a named tier (第一方阵, 第一梯队)",
    "magnitude": "a qualitative order of magnitude (两位数增长); value is its lower bound",
    "value": "a number with no unit after a value word (指数为105.3), or a redacted value of unknown kind",
})

COLUMNS = (
    "indicator", "raw", "value", "unit", "value_normalised", "unit_normalised", "kind", "qualifier",
    "scope", "year", "year_source", "period", "redacted", "section", "sentence", "start", "end",
)
#: Where a claim's year comes from: its own sentence, its section or passage, or the document's date.
YEAR_SOURCES = ("stated", "section", "document")


@dataclass(frozen=True)
class Claim:
    """One quantitative claim. ``start``/``end`` are raw offsets; ``raw`` is ``document.raw[start:end]``."""

    indicator: str
    raw: str
    value: float
    unit: str
    value_normalised: float
    unit_normalised: str
    kind: str
    qualifier: str
    scope: str
    year: str
    year_source: str
    period: str
    redacted: bool
    section: str
    sentence: int
    start: int
    end: int

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in COLUMNS}


# --- patterns built from the tables ---------------------------------------------------------


# Where a claim can start: a digit, a Chinese numeral, 翻/百/前/第, a redaction mark, the 万 of 过万元.
_CORE_FIRST = rf"[\d两双三四五翻百前一二六七八九十千万亿第首零〇{REDACTION_MARKS}]"
# A run of redaction marks where a figure stands (××, XX.XX, X. X, ___, a single X or *). The pattern only
# proposes: a run is a withheld figure when the redaction detector (policytext.redaction, through
# Document.redactions) found a redaction there, so that what counts as a redaction has one definition.
_MARK_RUN = rf"[{REDACTION_MARKS}]+"
_REDACTED_NUMBER = rf"{_MARK_RUN}(?:\.[ ]?{_MARK_RUN})?"
_MARKS_ONLY = re.compile(rf"{_REDACTED_NUMBER}$")
# 过万元, 超亿元, 上万人: a threshold or round number of one 万 or 亿, the digit left unwritten (以上 closes a figure).
_IMPLIED_ONE = r"(?<=[过超破逾近上])(?<!以上)(?:万亿|亿|万)"
# A rate's denominator written after its unit (43.5万立方米/日, 120元/吨).
_PER = r"日|天|周|月|年|小时|秒"
# An approximate range of neighbouring digits (五、六倍, 二、三十亿斤) is one claim at its lower bound.
_RANGE_LOW = "|".join(f"{a}(?=、{b})" for a, b in zip("一二三四五六七八", "二三四五六七八九"))


@lru_cache(maxsize=1)
def _core_pattern() -> re.Pattern[str]:
    units = res.alternation(res.units())
    mult = res.alternation(res.multipliers())
    inner = res.alternation(res.cue_table("inner"))
    after = res.alternation(res.cue_table("after"))
    not_cjk = rf"(?=[^{_CJK}]|的|之|$)"
    return re.compile(
        rf"(?={_CORE_FIRST})(?:"
        rf"(?P<mag>(?P<mag_n>[两双三四五2-5])位数(?:增长|增速)?)"
        rf"|(?P<fan>翻(?P<fan_n>[一两二三四]|\d)番)"
        rf"|(?P<pct>百分之(?P<pct_n>{ARABIC}|{CHINESE}))"
        rf"|(?P<top>前(?P<top_n>{ARABIC}|[一二两三四五六七八九十百]+)(?:(?P<top_unit>{_TOPN_UNITS})|{not_cjk}))"
        rf"|(?P<strong>(?<![\d.])(?P<strong_n>\d+|[一二三四五六七八九]?[十百千])强(?![化调度劲大]))"
        rf"|(?P<rank>(?:第(?P<rank_n>\d+|[一二三四五六七八九十百]+|{_MARK_RUN})|(?P<first>首)(?=位))"
        rf"(?:(?P<rank_unit>位|名|{'|'.join(_TIER_UNITS)})|{not_cjk}))"
        rf"|(?P<qty>(?:(?P<low>{_RANGE_LOW})、)?(?P<num>{ARABIC}|{CHINESE}|{_REDACTED_NUMBER}|(?P<implied>{_IMPLIED_ONE}))"
        # 34 个界别, XX 万: a space between a figure and its unit, as typeset text has; a withheld figure
        # may end a wrapped line (XX\n乡).
        rf"(?:(?:(?<=[\d{REDACTION_MARKS}])[ \u00a0]|(?<=[{REDACTION_MARKS}])\n)"
        rf"(?=(?:{inner})?(?:(?:{mult})?(?:{units})|(?:{mult})(?![{_CJK}]))))?(?P<inner>{inner})?"
        # 1.2万亿余元, 1.2万余亿元: 余/多 may stand inside the multiplier.
        rf"(?P<unit>(?:(?P<mult>{mult})(?:(?P<inner_mid>{inner})(?P<mult2>{mult})?)?)?(?P<base>{units})(?:/(?P<per>{_PER}|{units}))?"
        rf"|(?P<bare>{mult}))?"
        rf"(?P<after>{after})?))"
    )


@lru_cache(maxsize=1)
def _lead_pattern() -> re.Pattern[str]:
    # 分别下降 9.66%: typeset text may put a space between the lead word and the number.
    return re.compile(rf"(?:(?:{res.alternation(res.cue_table('before'))})了?)+[ \u00a0]?$")


@lru_cache(maxsize=1)
def _lead_pattern_at() -> re.Pattern[str]:
    return re.compile(res.alternation(res.cue_table("before")))


@lru_cache(maxsize=1)
def _rank_prefix_pattern() -> re.Pattern[str]:
    before = res.alternation(res.cue_table("before"))
    scopes = res.alternation(res.scopes())
    return re.compile(
        rf"(?P<lead>(?:(?:{before})了?)+)?(?P<list>[A-Za-z][A-Za-z&\-]*)?"
        rf"(?:(?P<scope>{scopes})(?P<group>[{_CJK}]{{0,4}}?))?$"
    )


# --- public API -----------------------------------------------------------------------------


def find_claims(source: Document | ParsedDocument) -> list[Claim]:
    """Every quantitative claim of the document's body, in reading order.

    A claim's year is the one its clause or sentence gives (2023年, 一九五四年,
    or 过去一年 counted back from the document's date; 比2022年 is a base, not a
    date); without one, the year or period of the nearest heading above it that
    names one (一、2023年工作回顾, 二、过去五年的工作), else the one the latest
    paragraph opening with a time gave (过去的一年，…), which holds until another
    does; else the year of the document's date, for a figure about the present
    (not a target, a hypothesis, the past, or one end of a change from … to …).
    """
    # Claims are read on the analysis view (wrap breaks, inline pinyin and furniture inside the body
    # left out), so a figure or a name broken over two lines reads whole; spans map back to raw.
    parsed = as_parsed(source)
    document = parsed.document
    raw, view = document.raw, document.view
    bounds, body_start = parsed.segmentation.bounds, parsed.start
    text = view.text
    markers = _marker_spans(document)
    # The redaction detector's spans, on the view: a run of marks is a withheld figure only where it found one.
    withheld = sorted((view.from_raw(r.start), view.from_raw(r.end)) for r in document.redactions)
    current_year = _document_year(document)
    heading_times = _heading_times(document, current_year)
    claims: list[Claim] = []
    sentences = document.sentences
    context, previous_paragraph = _NO_TIME, None
    core = _core_pattern()
    # Plain lists: itertuples costs more than the claims of a sentence without figures.
    columns = (sentences[name].tolist() for name in ("kind", "start", "end", "section", "sentence", "paragraph"))
    for kind, start, end, section, sentence, paragraph in zip(*columns):
        opens_paragraph, previous_paragraph = paragraph != previous_paragraph, paragraph
        if kind == "boilerplate":
            continue
        first, last = view.from_raw(start), view.from_raw(end)
        piece = text[first:last]
        if opens_paragraph or kind == "heading":
            context = _opening_time(piece, current_year) or context
        # Most sentences hold no candidate at all: nothing else of them is needed.
        matches = list(core.finditer(piece))
        if not matches:
            continue
        protected = [(view.from_raw(s) - first, view.from_raw(e) - first)
                     for s, e in markers[bisect_left(markers, (start,)) : bisect_left(markers, (end,))]]
        hidden = [(s - first, e - first) for s, e in withheld[bisect_left(withheld, (first,)) : bisect_left(withheld, (last,))]]
        section_time = heading_times.get(str(section), _NO_TIME)
        # The title of a compilation (关于…发言(最新4篇)) and a note under it ((22篇)) count its own pieces.
        own_pieces = kind == "title" or _NOTE_LINE.fullmatch(piece.strip()) is not None
        words = _Words(bounds, first - body_start, last - first)
        for found in _sentence_claims(piece, matches, words=words, protected=protected, hidden=hidden,
                                      current_year=current_year):
            if own_pieces and _counts_texts(found.unit):
                continue
            s, e = view.to_raw(first + found.start, first + found.end)
            _inherit_time(found, section_time, context, current_year)
            claims.append(
                Claim(
                    indicator=found.indicator,
                    raw=view.raw_text(raw, first + found.start, first + found.end),
                    value=found.value,
                    unit=found.unit,
                    value_normalised=scaled(found.value, found.factor) if not math.isnan(found.value) else math.nan,
                    unit_normalised=found.unit_normalised,
                    kind=found.kind,
                    qualifier="、".join(dict.fromkeys(found.qualifiers)),
                    scope=found.scope,
                    year=found.year,
                    year_source=found.year_source,
                    period=found.period,
                    redacted=found.redacted,
                    section=str(section),
                    sentence=sentence,
                    start=s,
                    end=e,
                )
            )
    return claims


@dataclass(frozen=True)
class _Time:
    """The time a heading or a paragraph's opening gives the figures under it: a year, or a period (no one year).

    ``undated``: the passage is about targets or plans (一、总体目标), so its figures take no year from the document's date.
    """

    year: str = ""
    period: str = ""
    undated: bool = False

    def __bool__(self) -> bool:
        return bool(self.year or self.period or self.undated)


_NO_TIME = _Time()


def _inherit_time(found: _Found, section: _Time, passage: _Time, current_year: int | None) -> None:
    """Fill a claim's year from its section, its passage, or the document's date, when its sentence gives none."""
    if found.year:
        found.year_source = "stated"
        return
    if found.period and found.period not in _RELATIVE_OFFSET:
        return  # a span of years (近五年) is no one year
    # An unresolved 过去一年 (no date to count from) takes the heading's year, nothing else.
    inherited = section if (section.year or section.period) else passage
    if found.period:
        inherited = section
    if inherited.year:
        found.year, found.year_source = inherited.year, "section"
        return
    if inherited.period:
        found.period = found.period or inherited.period
        return
    if current_year and not found.period and not found.undated and not section.undated:
        found.year, found.year_source = str(current_year), "document"


def _counts_texts(unit: str) -> bool:
    spec = res.units().get(unit)
    return spec is not None and spec.counts == "text"


def _heading_times(document: Document, current_year: int | None) -> dict[str, _Time]:
    """Section id → the time its own heading or the nearest heading above it gives (no time for none)."""
    times: dict[str, _Time] = {}

    def visit(section, inherited: _Time) -> None:
        own = _heading_time(section.title, current_year) if section.level > 0 else _NO_TIME
        time = own if (own.year or own.period) else inherited
        if own.undated:
            time = _Time(time.year, time.period, undated=True)
        times[section.id] = time
        for child in section.children:
            visit(child, time)

    for section in document.outline.sections:
        visit(section, _NO_TIME)
    return times


def _heading_time(title: str, current_year: int | None) -> _Time:
    """The time a heading names anywhere in it (一、2023年工作回顾, 二、过去五年的工作, 一、工作回顾), and whether it sets targets."""
    undated = _undated_passage(title)
    if named := HEADING_YEAR.search(title):
        return _Time(named.group(1), undated=undated)
    if (m := CHINESE_YEAR.search(title)):
        return _Time(m["year"].translate(_DIGIT), undated=undated)
    relative = RELATIVE_YEAR.search(title)
    if relative and relative["relative"] not in _NOW:
        # 过去一年 with no date to count from: a year nobody can name, not a span.
        year = str(current_year + _RELATIVE_OFFSET[relative["relative"]]) if current_year else ""
        return _Time(year, undated=undated)
    if period := PERIOD.search(title):
        return _Time(period=period.group().strip("“”"), undated=undated)
    if current_year and RETROSPECTIVE_HEADING.search(title):
        return _Time(str(current_year - 1), undated=undated)
    return _Time(undated=undated)


def _opening_time(text: str, current_year: int | None) -> _Time:
    """The time a paragraph or heading opens with (2024年，… / 过去的一年，… / 过去五年，…), or no time."""
    text = _OUTLINE_MARKER.sub("", text.lstrip())
    # A dateline (2022年10月16日) dates the document, and 现在，我代表… opens a speech:
    # neither says which year the figures after them are of.
    if (m := YEAR.match(text)) and not _MONTH.match(text, m.end()):
        return _Time(m["year"] or "")
    if m := CHINESE_YEAR.match(text):
        return _Time(m["year"].translate(_DIGIT))
    if (m := RELATIVE_YEAR.match(text)) and m["relative"] not in _NOW:
        # 过去的一年，… with no date to count from leaves the passage's year as it was.
        return _Time(str(current_year + _RELATIVE_OFFSET[m["relative"]])) if current_year else _NO_TIME
    if m := PERIOD.match(text):
        return _Time(period=m.group().strip("“”"))
    return _NO_TIME


@lru_cache(maxsize=1)
def _undated_pattern() -> re.Pattern[str]:
    return re.compile(res.alternation(res.cue_table("undated")))


def _undated_passage(text: str) -> bool:
    """Whether a sentence or heading speaks of targets, plans, hypotheses or the past (力争, 目标, 如果, 当年)."""
    return _undated_pattern().search(text) is not None


def _document_year(document: Document) -> int | None:
    from ..dating import speech_date

    day = speech_date(document)
    return day.year if day else None


def _marker_spans(document: Document) -> list[tuple[int, int]]:
    # Sorted, so that each sentence finds its own markers by bisection.
    return sorted((s.start, s.start + len(s.marker)) for s in document.outline.walk() if s.marker)


# --- one sentence ---------------------------------------------------------------------------


def _sentence_claims(text: str, matches: list[re.Match], *, words: _Words, protected: list[tuple[int, int]],
                     hidden: Sequence[tuple[int, int]] = (), current_year: int | None = None) -> list[_Found]:
    """The claims of one sentence, from the matches of :func:`_core_pattern` in it.

    ``hidden`` are the spans the redaction detector found in it (sentence offsets).
    """
    # Most candidates state no figure (三个方面 counts, it does not measure):
    # without a candidate that could be one, skip the clause and time scans.
    candidates = [m for m in matches if not _never_a_quantity(m, text, hidden, words)]
    if not candidates:
        return []
    clauses = _clause_starts(text)
    times = _time_expressions(text, clauses, current_year=current_year)
    protected = protected + [(t[0], t[1]) for t in times]
    protected += [m.span() for m in DATE.finditer(text)] + [m.span() for m in SHORT_QUOTE.finditer(text)]
    protected += [m.span() for m in CITED_TITLE.finditer(text)]
    found: list[_Found] = []
    for m in candidates:
        if any(s < m.end() and m.start() < e for s, e in protected):
            continue
        try:
            claim = _read(m, text, clauses, found, hidden, words)
        except IllFormedNumeral:
            continue  # 一千千 and the like: a typo or a name, not a figure
        if claim is not None:
            found.append(claim)
    pending: list[str] = []
    for i, claim in enumerate(found):
        name_claim(claim, text, clauses, times, found[:i], pending)
        claim.kind = _kind(claim)
        if "decline" in claim.roles and not math.isnan(claim.value):
            claim.value = -claim.value
    for i, claim in enumerate(found):
        claim.year, claim.period = _when(claim, times, text, clauses, found[:i])
        # A target or a hypothesis is one of the clause or of the sentence's opening (力争到2025年，…达到…).
        own = text[clauses[claim.clause] : clauses[claim.clause + 1] if claim.clause + 1 < len(clauses) else len(text)]
        opening = text[: clauses[1] if len(clauses) > 1 else len(text)]
        claim.undated = _undated_passage(own) or _undated_passage(opening) or _in_a_change(claim, text, clauses)
    return found


def _in_a_change(claim: _Found, text: str, clauses: list[int]) -> bool:
    """Whether the claim is one end of a change from … to … (从五十四万亿元增长到一百一十四万亿元) in its clause."""
    start = clauses[claim.clause]
    end = clauses[claim.clause + 1] if claim.clause + 1 < len(clauses) else len(text)
    change = FROM_TO.search(text, start, end)
    return change is not None and claim.core >= change.start()


def _clause_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in CLAUSE_BREAK.finditer(text)]


def _clause_of(position: int, clauses: list[int]) -> int:
    return bisect_right(clauses, position) - 1  # clauses: ascending starts, the first 0


def _time_expressions(text: str, clauses: list[int], *, current_year: int | None = None) -> list[tuple[int, int, int, str, str]]:
    """(start, end, clause, year, period) for each year or period in the sentence."""
    out = []
    for m in YEAR.finditer(text):
        out.append((m.start(), m.end(), _clause_of(m.start(), clauses), m["year"] or m["quoted"], ""))
    for m in CHINESE_YEAR.finditer(text):
        out.append((m.start(), m.end(), _clause_of(m.start(), clauses), m["year"].translate(_DIGIT), ""))
    for m in RELATIVE_YEAR.finditer(text):
        year = str(current_year + _RELATIVE_OFFSET[m["relative"]]) if current_year else ""
        out.append((m.start(), m.end(), _clause_of(m.start(), clauses), year, m["relative"]))
    for m in PERIOD.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e, *_ in out):
            out.append((m.start(), m.end(), _clause_of(m.start(), clauses), "", m.group().strip("“”")))
    return sorted(out)


def _when(claim: _Found, times, text: str, clauses: list[int], earlier: list[_Found]) -> tuple[str, str]:
    # A time in the claim's own clause wins; a clause opening with 其中 is a part of the figure before it
    # (今年入党的有二百人，其中有一百三十个工人) and shares its time; else the sentence's opening clause covers it.
    # A time in another middle clause (研发投入强度2022年达××%，…，创新型城市建设处于全国第一方阵) is that clause's own.
    before = [t for t in times if t[1] <= claim.core and text[t[0] - 1 : t[0]] not in _BASE_BEFORE]
    own = [t for t in before if t[2] == claim.clause]
    if own:
        return own[-1][3], own[-1][4]
    if text.startswith(_PART_OF, clauses[claim.clause]) and earlier:
        return earlier[-1].year, earlier[-1].period
    # 回顾过去五年的工作: a period before 的 names a noun's time, not the sentence's.
    opening = [t for t in before if t[2] == 0 and not (t[4] and not t[3] and text[t[1] : t[1] + 1] == "的")]
    if opening:
        return opening[-1][3], opening[-1][4]
    return "", ""


def _read(m: re.Match, text: str, clauses: list[int], found: list[_Found], hidden: Sequence[tuple[int, int]],
          words: _Words) -> _Found | None:
    """A candidate turned into a claim with value and unit, or None when it is not one.

    ``m`` has passed :func:`_never_a_quantity` (``_sentence_claims`` keeps only those).
    """
    clause = _clause_of(m.start(), clauses)
    floor = max(clauses[clause], found[-1].end if found else 0)
    before = text[floor : m.start()]
    after_char = text[m.end() : m.end() + 1]
    units, mults = res.units(), res.multipliers()
    base = {"value": math.nan, "unit": "", "factor": 1.0, "unit_normalised": "", "unit_kind": None,
            "redacted": False, "clause": clause}

    if m["mag"]:
        lead = _lead_pattern().search(before)
        claim = _Found("magnitude", m.start(), m.start(), m.end(), **{**base, "value": 10.0 ** (_DIGITS_WORD[m["mag_n"]] - 1),
                       "unit": "%", "unit_normalised": "%"})
        return _with_lead(claim, lead, m.start())
    if m["fan"]:
        times = 2.0 ** _number(m["fan_n"])
        claim = _Found("multiple", m.start(), m.start(), m.end(), **{**base, "value": times, "unit": "倍", "unit_normalised": "倍"})
        return _with_lead(claim, _lead_pattern().search(before), m.start())
    if m["pct"]:
        claim = _Found("qty", m.start(), m.start(), m.end(), **{**base, "value": _number(m["pct_n"]), "unit": "%",
                       "unit_normalised": "%", "unit_kind": "share"})
        claim.continuation = bool(found) and text[found[-1].end : m.start()] in _NEXT_VALUE  # 百分之五到百分之六
        return _with_lead(claim, _lead_pattern().search(before), m.start())
    if m["top"] or m["strong"] or m["rank"]:
        return _read_ranking(m, before, after_char, base, hidden)

    num, redacted = m["num"], bool(_MARKS_ONLY.match(m["num"]))
    num_start = m.start("num")
    end = m.end()
    unit = m["unit"] or ""
    spec = units.get(m["base"]) if m["base"] else None
    mult = mults.get(m["mult"] or m["bare"] or "", 1.0) * mults.get(m["mult2"] or "", 1.0)
    if m["inner_mid"]:
        unit = (m["mult"] or "") + (m["mult2"] or "") + m["base"]  # the unit as written, 余 left to the qualifiers
    if not unit and (num[0].isdigit() or redacted) and (upper := _upper_end(text, m.end(), hidden, words)) is not None:
        # 3至5个百分点, 3-5所, ___—8场: the lower end of a range is in the unit written after the upper one.
        unit = upper["unit"]
        spec = units.get(upper["base"]) if upper["base"] else None
        mult = mults.get(upper["mult"] or upper["bare"] or "", 1.0) * mults.get(upper["mult2"] or "", 1.0)
    unit_in_word = bool(m["base"]) and not _ends_a_word(text, m.end("base"), words)
    if unit_in_word:
        # 上千万家庭, 十四亿多人口: the unit's character opens the noun counted, it is no unit.
        end, unit, spec = m.start("base"), m["mult"] or "", None
    rest = text[end : end + 1]
    lead = _lead_pattern().search(before)
    if lead and lead.group()[-1:].isspace() and not unit:
        lead = None  # 工作安排 88: a page number after a title, not a value after 排
    lead_roles = {res.cue_table("before")[w].role for w in _lead_words(lead.group())} if lead else set()
    # 10%和12%, 3%-5%, 一百多亿斤到二百多亿斤: the next value of a list or the other end of a range.
    continuation = bool(found) and text[found[-1].end : num_start] in _NEXT_VALUE
    value_context = bool(lead_roles - {"distribute"}) or continuation
    if redacted:
        # A blank with no unit is a figure after a value word, closed by punctuation (指数为××。);
        # 为___ where the page stops names nothing (为 may be "for", the blank a phrase).
        if not unit and not (value_context and rest and rest in _BOUNDARY):
            return None
    elif num[0].isdigit() and not unit and not value_context:
        return None
    if not (redacted or num[0].isdigit() or value_context) and numeral_word_at(text, num_start, max(end, m.end("num") + 1)):
        return None  # 二元经济结构, 七台河: the numeral opens a word, it counts nothing
    power = "" if redacted or num[0].isdigit() else split_magnitude(num)[1]
    if m["implied"]:
        num, power = "一" + num, num  # 过万元 is 1 万元, written as 过1万元 would be
    if unit_in_word and not (unit or power or redacted or value_context):
        return None
    if power:
        # 五千亿元 is 5000 亿元, written as 5000亿元 would be.
        num, unit, mult = num[: -len(power)], power + unit, mult * mults[power]
    if spec and spec.needs == "lead" and not value_context:
        return None  # 60岁以上老年人 describes people; 提高到78.2岁 states a figure
    if spec and spec.needs == "entity" and not _counts_people_or_places(spec, text, end, words):
        return None  # 三大煤矿 counts mines; 三大战役, 党的XX大 name things
    if num in ("百", "千") and not value_context:
        return None  # 百倍努力, 千亿斤粮食产能 (a name); 超百亿元 states a figure
    value = math.nan if redacted else _number(num)
    if m["low"] and not redacted:
        value = _range_low(m["low"], num, value)
    if spec and spec.kind in ("quantity", "amount") and text.startswith("半", end) and not unit_in_word:
        value, end = value + 0.5, end + 1  # 二斤半
    claim = _Found(
        "qty", m.start(), m.start(), end,
        **{**base, "value": value, "unit": unit, "factor": mult * (spec.factor if spec else 1.0),
           "unit_normalised": (spec.unit_normalised + (f"/{m['per']}" if m["per"] else "")) if spec else "",
           "unit_kind": spec.kind if spec else None,
           "redacted": redacted},
    )
    claim.continuation = continuation
    # 33万xx人民: a redacted place name between the figure and the noun it counts.
    place = _hidden_at(hidden, end) if not redacted else None
    if place is not None and (unit or power):
        claim.counted_at = place
        rest = text[place : place + 1]
    claim.attributive = (
        bool(rest) and _NOUN_OPENING.match(rest) is not None and rest not in _NOT_ATTRIBUTIVE
        and not _lead_pattern_at().match(text, end)  # 三万九千八百元|增加到…: a verb follows, not a noun
        and not _RANGE_NEXT.match(text, end)  # 一百多亿斤|到二百多亿斤: the other end follows, not a noun
    )
    for inner in (m["inner"], m["inner_mid"]):
        if inner:
            claim.qualifiers.append(res.cue_table("inner")[inner].label)
    claim = _with_lead(claim, lead, m.start())
    if m["after"] and not unit_in_word:
        claim.qualifiers.append(res.cue_table("after")[m["after"]].label)
    return claim


def _upper_end(text: str, position: int, hidden: Sequence[tuple[int, int]], words: _Words) -> re.Match | None:
    """The upper end of a range after a bare number (3|至5个百分点), when it is a number with a unit."""
    if not _RANGE_NEXT.match(text, position):
        return None
    upper = _core_pattern().match(text, position + 1)
    if upper is None or not upper["qty"] or not upper["unit"] or _never_a_quantity(upper, text, hidden, words):
        return None
    return upper


def _ends_a_word(text: str, position: int, words: _Words) -> bool:
    """Whether a unit ending at ``position`` ends a word (个|项目 does, 人|口 does not).

    The word that runs past the unit must be one of the dictionary: the
    segmenter's guesses on unknown stretches (34 个界别 → 个界) do not count.
    """
    if position >= len(text) or not _HAN_CHAR.match(text, position):
        return True
    if words.is_edge(position):
        return True
    return text[words.previous(position) : words.following(position, 1)[0]] not in _dictionary_words()


def numeral_word_at(text: str, start: int, end: int) -> str:
    """The word a Chinese numeral at ``start`` opens, when the numeral is part of it and no number (二元经济结构); else "".

    ``end`` is where the numeral and its unit end. A word counts when it covers
    that span and is either in ``numeral_words.txt`` (lexicalised words jieba
    tags as numerals: 二元, 一线, 十分) or, running past the unit, in jieba's
    dictionary with a tag that is not a numeral's or a measure word's (七台河).
    """
    table, tags = res.numeral_words(), _dictionary_words()
    for stop in range(min(len(text), start + 6), end - 1, -1):
        word = text[start:stop]
        if word in table:
            return word
        tag = tags.get(word)
        # Only a word running past the unit: jieba also lists figures as nouns (二百人).
        if tag and not tag.startswith(("m", "q")) and stop > end:
            return word
    return ""


@lru_cache(maxsize=1)
def _dictionary_words():
    from ..segment import jieba_word_tags

    return jieba_word_tags()


@dataclass(frozen=True, slots=True)
class _Words:
    """The document's word edges inside one sentence, as offsets of the sentence; its two ends are edges too.

    The edges are the parse's (the body cut once): a claim's checks ask which word a unit ends or which
    word follows a count, and the body's cut is the one every other analysis reads. jieba cuts at the
    clause marks anyway (no word holds one), so these are the edges that cutting the stretch between
    two marks alone would give.
    """

    bounds: Sequence[int]  # the body's word edges, ascending, as offsets of the text the sentence is cut from
    first: int  # where the sentence starts in that text
    length: int

    def is_edge(self, position: int) -> bool:
        if position in (0, self.length):
            return True
        index = bisect_left(self.bounds, self.first + position)
        return index < len(self.bounds) and self.bounds[index] == self.first + position

    def previous(self, position: int) -> int:
        """The last edge before ``position`` (> 0), the sentence's start at the latest."""
        index = bisect_left(self.bounds, self.first + position)
        return max(self.bounds[index - 1] - self.first, 0) if index else 0

    def following(self, position: int, count: int) -> list[int]:
        """The first ``count`` edges after ``position``, ascending, up to the sentence's end."""
        if position >= self.length:
            return []
        index = bisect_right(self.bounds, self.first + position)
        edges = [edge - self.first for edge in self.bounds[index : index + count]]
        edges = [edge for edge in edges if edge < self.length]
        return edges if len(edges) == count else [*edges, self.length]


def _hidden_at(hidden: Sequence[tuple[int, int]], position: int) -> int | None:
    """The end of the redaction that starts at ``position``, or None."""
    return next((end for start, end in hidden if start == position), None)


def _withheld(hidden: Sequence[tuple[int, int]], text: str, start: int, end: int) -> bool:
    """Whether every mark of ``text[start:end]`` lies in a detected redaction (the point of ××.×× may lie between two)."""
    return all(any(s <= i < e for s, e in hidden) for i in range(start, end) if text[i] not in ". ")


def _never_a_quantity(m: re.Match, text: str, hidden: Sequence[tuple[int, int]], words: _Words) -> bool:
    """Whether a quantity candidate is rejected whatever its sentence says around it."""
    if m["rank"] and m["rank_n"] and _MARKS_ONLY.match(m["rank_n"]):
        return not _withheld(hidden, text, *m.span("rank_n"))
    if not m["qty"]:
        return False
    num = m["num"]
    if not (m["unit"] or num[0].isdigit() or _MARKS_ONLY.match(num) or split_magnitude(num)[1]):
        # A Chinese numeral with neither unit nor 万/亿 (统一, 一些, 进一步: most candidates) counts for
        # rhetoric; the last rule below says so, and no rule before it keeps one: it is decided first.
        return True
    num_start = m.start("num")
    if _MARKS_ONLY.match(num) and not _withheld(hidden, text, *m.span("num")):
        return True  # marks the redaction detector does not take for a redaction (5x, X光, CSS *)
    previous = text[num_start - 1 : num_start]
    if previous in (".", "第") or (previous.isascii() and previous.isalnum()):
        return True  # 3.5, A4, 第2次: no quantity
    if previous in ("表", "图") and (num_start < 2 or text[num_start - 2] in _LABEL_OPENERS or text[num_start - 2].isspace()):
        return True  # 如表3所示: a label (the 所 is 所示's); 代表3人 counts
    if _ORDINAL_RANGE.search(text, max(0, num_start - 8), num_start):
        return True  # 第3至5条: the upper end of a range of ordinals
    rest = text[m.end() : m.end() + 1]
    if rest.isascii() and rest.isalpha() and _hidden_at(hidden, m.end()) is None:
        return True  # 5G, C919 (but 33万xx人民: a redaction follows)
    if _NOT_QUANTITY_AFTER.match(text, m.end("inner") if m["inner"] else m.end("num")) and not m["base"]:
        return True
    if m["base"] == "个" and _DURATION_AFTER.match(text, m.end("unit")):
        return True  # 3个月, 5个季度
    spec = res.units().get(m["base"]) if m["base"] else None
    if spec and spec.counts == "occasion":
        # 三次到团组, 召开会议12次。 count occasions; 61次常务会议, 二次会议 name a session; 一次 is no statistic.
        # 开展11次专题询问, 召开38次…会议: after a verb, digits count the occasions it made (a session's ordinal follows 届 or 第).
        ends = rest in _BOUNDARY and num[0].isdigit()
        made = num[0].isdigit() and _verb_before(text, num_start, words)
        return not ((to_number(num) or 0) >= 2 and (ends or made or _verb_at(text, m.end(), words)))
    if num[0].isdigit() or _MARKS_ONLY.match(num):
        return False
    if previous in "几数" and previous:
        return True  # 几十亩到几百亩, 数百亿: a vague order, no figure
    # Chinese numerals count things in rhetoric (三个方面); measures, magnitudes and
    # statistics (八百三十二个, 七十八点二岁) are figures.
    power = split_magnitude(num)[1]
    if not (m["unit"] or power):
        return True
    if power or m["mult"] or m["bare"] or (spec and spec.kind in ("amount", "share", "multiple", "growth", "quantity")):
        return False
    if spec and spec.counts == "place" and (
        _CHINESE_DIGIT.match(text, m.end()) or _place_count_before(text, m.start())
    ):
        return True  # 两村两镇, 二乡六镇 written as a chain of Chinese numerals names a set, like a formula
    if spec and spec.kind == "count" and (to_number(num) or 0) >= 2 and _counts_people_or_places(spec, text, m.end(), words):
        return False  # 只有五人, 两名委员, 九个部门: rhetoric counts abstractions, not people or places
    if spec and spec.kind == "count" and text[m.end() : m.end() + 1] in _BOUNDARY and _value_lead_before(text, m.start()):
        return False  # 建交国家增加到近百个。: a value word and the noun before make even a round number a figure
    return not _statistic(num)


def _place_count_before(text: str, position: int) -> bool:
    """Whether a Chinese numeral and a place unit end right before ``position`` (两村|两镇)."""
    for unit in _place_units():
        if text.endswith(unit, 0, position) and position > len(unit) and _CHINESE_DIGIT.match(text, position - len(unit) - 1):
            return True
    return False


@lru_cache(maxsize=1)
def _place_units() -> tuple[str, ...]:
    return tuple(u.unit for u in res.units().values() if u.counts == "place")


def _value_lead_before(text: str, position: int) -> bool:
    """Whether a lead word that states a value (增加到, 达到, 近; not 分别 alone) ends right before ``position``."""
    lead = _lead_pattern().search(text, max(0, position - 12), position)
    if not lead or not lead.group().strip():
        return False
    return bool({res.cue_table("before")[w].role for w in _lead_words(lead.group())} - {"distribute"})


def _verb_at(text: str, position: int, words: _Words) -> bool:
    """Whether the word at ``position`` is a verb or a preposition (三次|到团组, 三次|对…进行阐释)."""
    edges = words.following(position, 1)
    word = text[position : edges[0]] if edges else ""
    tag = _dictionary_words().get(word, "")
    return tag.startswith(("v", "p")) and not tag.startswith("vn")


def _verb_before(text: str, position: int, words: _Words) -> bool:
    """Whether the word ending at ``position`` is a verb (开展|11次专题询问), in simplified or traditional script."""
    word = text[words.previous(position) : position]
    tag = _dictionary_words().get(word) or _dictionary_words().get(to_simplified(word), "")
    return tag.startswith("v") and not tag.startswith("vn")


def _counts_people_or_places(spec, text: str, position: int, words: _Words) -> bool:
    """Whether the unit counts people or places (五人, 2乡6镇, 三井), or the noun after it is one (九个部门, 四个工业集中区).

    The counted noun is the run of nouns after the unit (工业|集中区): any of them listed in
    ``indicator_entities.tsv`` makes the count one of people, places or organisations.
    """
    if spec.counts in ("person", "place"):
        return True
    edges = words.following(position, _NOUN_RUN)
    entities, tags = res.counted_entities(), _dictionary_words()
    for start, end in zip([position, *edges], edges):
        word = text[start:end]
        if word in entities:
            return True
        if not tags.get(word, "").startswith("n"):
            return False
    return False


def _range_low(low: str, numeral: str, value: float) -> float:
    """The lower bound of 五、六 (5), 二、三十 (20), 一、二千 (1000): the low digit at the place of the high one."""
    high = to_number(numeral[0]) or 1.0
    return value / high * (to_number(low) or 0.0) if value % high == 0 or numeral[0] != numeral else value


def _statistic(numeral: str) -> bool:
    """Whether a Chinese numeral states a figure rather than counts for rhetoric.

    Rhetoric counts in small round numbers (三个方面, 十项行动, 百家争鸣); a
    decimal part or a number of a hundred and more spelt from its first digit
    (八百三十二个, 一千多家) is a statistic.
    """
    if "点" in numeral:
        return True
    if "万" in numeral or "亿" in numeral:
        return True
    value = to_number(numeral)
    return value is not None and value >= 100 and numeral[0] not in "十百千"


def _read_ranking(m: re.Match, before: str, after_char: str, base: dict, hidden: Sequence[tuple[int, int]]) -> _Found | None:
    prefix = _rank_prefix_pattern().search(before)
    lead, scope = (prefix["lead"] or "", prefix["scope"] or "") if prefix else ("", "")
    start = m.start() - (len(before) - prefix.start()) if prefix and prefix.group() else m.start()
    if m["rank"]:
        unit = m["rank_unit"] or ""
        if not unit and not scope and not lead:
            return None  # 第三，… is an enumeration
        if m["first"] and not (scope or lead):
            return None  # 放在首位 gives a priority, 居世界首位 a rank
        if unit in _TIER_UNITS and not (scope or lead):
            return None
        pattern = "tier" if unit in _TIER_UNITS else "rank"
        # 全省第xx: a rank the page withholds (_never_a_quantity has checked the detector found the marks).
        withheld = bool(m["rank_n"] and _MARKS_ONLY.match(m["rank_n"]))
        number = math.nan if withheld else (1.0 if m["first"] else _number(m["rank_n"]))
        value, unit_normalised = number, (unit if pattern == "tier" else "位")
        base = {**base, "redacted": withheld}
    elif m["top"]:
        unit = m["top_unit"] or ""
        value, unit_normalised = _number(m["top_n"]), ("%" if unit == "%" else "位")
        pattern = "topn"
    else:
        unit, value, unit_normalised, pattern = "强", _number(m["strong_n"]), "位", "topn"
    claim = _Found(pattern, start, m.start(), m.end(), **{**base, "value": value, "unit": unit, "unit_normalised": unit_normalised})
    claim.scope = scope
    for word in _lead_words(lead):
        cue = res.cue_table("before")[word]
        if cue.role == "qualifier":
            claim.qualifiers.append(cue.label)
    return claim


def _with_lead(claim: _Found, lead: re.Match | None, core: int) -> _Found:
    if lead and lead.group():
        claim.start = core - len(lead.group())
        for word in _lead_words(lead.group()):
            cue = res.cue_table("before")[word]
            claim.roles.add(cue.role)
            if cue.role == "qualifier":
                claim.qualifiers.append(cue.label)
            if cue.role == "distribute":
                claim.distribute = True
    return claim


def _lead_words(lead: str) -> list[str]:
    # The alternation tries the cues longest first, so the longest cue at each place is taken (年均增长, not 增长).
    cue_at, out, i = _lead_pattern_at().match, [], 0
    while i < len(lead):
        cue = cue_at(lead, i)
        if cue is None:  # the particle 了
            i += 1
            continue
        out.append(cue.group())
        i = cue.end()
    return out


class IllFormedNumeral(ValueError):
    """A run of numeral characters that is not a number (一千千)."""


def _number(text: str) -> float:
    value = to_number(text)
    if value is None:
        raise IllFormedNumeral(text)
    return value


def _kind(claim: _Found) -> str:
    if claim.pattern in ("rank", "tier", "topn", "magnitude", "multiple"):
        return claim.pattern
    unit_kind = claim.unit_kind
    if claim.roles & {"growth", "decline"}:
        return "growth" if unit_kind in (None, "share", "growth", "multiple") else unit_kind
    if "share" in claim.roles:
        return "share" if unit_kind in (None, "share") else unit_kind
    phrase_kind = next(
        (c.role for c in res.phrase_cues("share", "growth") if claim.indicator.endswith(c.word)),
        None,
    )
    if unit_kind == "share":
        return "growth" if phrase_kind == "growth" else "share"
    if unit_kind is None and claim.unit in res.multipliers() and claim.indicator.endswith(tuple(res.counted_entities())):
        return "count"  # 人口控制在十二亿: a bare magnitude of people or places counts them
    return unit_kind or phrase_kind or "value"

