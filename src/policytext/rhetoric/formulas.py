"""Numbered formulas (数字化提法): 四个善作善成, 三个方面, 一核两翼多点, 1+4, 双碳, 双一流.

Kinds, each a pattern on the normalised text:

``counted``
    a Chinese numeral from 两 to 十九, a measure word (个 项 大 条 类 种) and a
    head of one to four characters: 四个善作善成, 三个方面, 十项行动,
    两个毫不动摇. A plain count (三个城市, 两个项目) is not a formula, so the
    phrase is kept only when it is quoted, when it announces what follows (a
    colon or 即 after it), or when its head is no ordinary noun: a verb,
    adjective or fixed expression in the segmenter's dictionary (确立, 维护,
    全面, 善作善成) or a slogan or policy of the political lexicon.
``structural``
    a chain of numeral + one character starting with 一 and rising
    (一核两翼多点, 一轴两带三区); a chain of 一X一Y (一带一路) only when
    quoted, because 一心一意 and 一草一木 are idioms, not formulas.
``abbreviation``
    双 / 两 / 三 / 四 / 五 + one or two characters standing for a longer
    name (双碳, 双一流, 三农): quoted on its own, or a slogan or policy term of
    the political lexicon. Unquoted 双方, 双向 are ordinary words.
``arithmetic``
    numbers joined by + (1+4, 1+N, 1+3+N).
``compound``
    named parts joined by + (“负面清单+包干制”, 创新平台+企业孵化+产业园区).

Quoted abbreviations that a numeral opens (“六稳”, “五位一体”,
“两不愁三保障”, “八八战略”) or follows one character it makes no word with
(“新三样”) are ``abbreviation`` too; 统一 and 第一 hold 一 inside a word, a
quoted number (“一万”) or plan period (“十四五”) is none.

Years (2023年), statistics (23个城市: Arabic numerals are counts, not
formulas), numbers (一万六千五百), outline markers (一、 （一） 一是), party
congresses (十八大召开至今) and counts that point at what follows or went
before (以下四个方面, 这三个问题) are not formulas.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

from ..numerals import to_number
from ..textfacts import CLOSING_QUOTES, OPENING_QUOTES
from ..parsed import ParsedDocument, as_parsed
from ._base import HAN, frame

if TYPE_CHECKING:
    from ..document import Document
    from ..segment import Tokenizer

FORMULA_COLUMNS = ("section", "sentence", "start", "end", "text", "kind", "number", "head", "quoted")
KINDS = ("counted", "structural", "abbreviation", "arithmetic", "compound")

_NUMERAL = "两二三四五六七八九十"
_MEASURE = "个项大条类种"
# 第四个 is an ordinal, 十四个 is read whole, 一个 is an article.
# The lookahead lets re skip offsets that hold no numeral (a leading lookbehind
# otherwise makes it try the whole pattern at every offset).
COUNTED = re.compile(rf"(?=[{_NUMERAL}])(?<![{_NUMERAL}一百千万第几\d])(?P<number>十[一二三四五六七八九]?|[{_NUMERAL}])(?P<measure>[{_MEASURE}])")
# Characters that cannot be the unit after a numeral in a structural slogan.
# Powers belong to numbers (一万六千五百 is a number, not a 一X六Y slogan).
_NOT_UNIT = f"{_NUMERAL}一多个项大条类种是批些些次年月日位百千万亿零"
_UNIT = rf"[{HAN}](?<![{_NOT_UNIT}])"
STRUCTURAL = re.compile(rf"一{_UNIT}(?:[一两二三四五六多]{_UNIT}){{1,4}}")
ABBREVIATION = re.compile(rf"[双两三四五六七八九十][{HAN}]{{1,2}}")
# 十八大 (召开, 以来 …) names a party congress, not eighteen big things; 十一大 to 二十几大 always do.
_CONGRESS_AFTER = re.compile(r"召开|以来|精神|报告|代表|闭幕|开幕|至今|提出|作出|强调|后|前|上")
# 以下四个方面, 这三个问题: the phrase points at what follows or went before, it names nothing.
_DEMONSTRATIVE = re.compile(r"(?:以下|如下|下面|下列|上述|以上|前述|前面|这|那|这些|那些|下述)$")
# Quoted numbered abbreviations: “六稳” “五位一体” “两不愁三保障” “新三样” “八八战略” “十项重大工程”.
_QUOTED_NUMERAL = frozenset("一二两三四五六七八九十百千双")
_MAX_QUOTED = 8
# A quoted plan period (“十四五”) is a time, and claims take it as one.
_PLAN_PERIOD = re.compile(r"十[一二三四五六七八九]五")
_HAN_RUN = re.compile(rf"[{HAN}]+")
ARITHMETIC = re.compile(r"(?<![\d.])\d+(?:\s*[+＋]\s*(?:\d+|[NnXx](?![A-Za-z])))+")
COMPOUND = re.compile(rf"[{HAN}]{{2,8}}(?:[+＋][{HAN}]{{2,8}})+")
# A head of this part of speech is a thing one can count, so N个X is a plain count.
_NOUN_TAGS = frozenset({"n", "nr", "ns", "nt", "nz", "ng", "m", "q", "t", "s", "f", "r", "x", "eng"})
_ANNOUNCES = re.compile(r"^[：:]|^，?即")
# Particles and adverbs end a head: 四个推进|更有力, 两个好于|来年.
_HEAD_STOP = frozenset("的地得和与及是在为了等更再也都又还就来才")
# 两会, 两委, 三院: numbered bodies and meetings are names, not formulas.
_BODY_HEADS = frozenset("会委院办局部厅")
_MAX_HEAD = 4


def find_formulas(source: Document | ParsedDocument, *, tokenizer: Tokenizer | None = None) -> pd.DataFrame:
    """Numbered formulas in the body, one row per occurrence, with kind, numeral value and head."""
    parsed = as_parsed(source, tokenizer)
    tokenizer = parsed.tokenizer
    text, start, end = parsed.text, parsed.start, parsed.end
    quoted = {span.inner for span in parsed.quotations}
    slogans = {term for term, entry in tokenizer.lexicon.items() if entry.category in {"slogan", "policy"}}
    tags = tokenizer.tagger()
    found: list[tuple[int, int, str, str, str]] = []  # start, end, kind, number, head

    for match in COUNTED.finditer(text, start, end):
        head_start = match.end()
        head = _head(text, head_start, end, tokenizer)
        if not head:
            continue
        head_end = head_start + len(head)
        is_quoted = any(qs <= match.start() and head_end <= qe for qs, qe in quoted) and _quote_bounded(text, match.start(), head_end)
        if not is_quoted and (_congress(match, text) or _DEMONSTRATIVE.search(text, max(start, match.start() - 2), match.start())):
            continue
        announces = bool(_ANNOUNCES.search(text[head_end : head_end + 2]))
        if is_quoted or announces or head in slogans or _not_a_noun(head, tags):
            found.append((match.start(), head_end, "counted", _count(match["number"]), head))

    for match in STRUCTURAL.finditer(text, start, end):
        numerals = match.group()[0::2]
        rising = any(n not in "一" for n in numerals)
        if rising or _quote_bounded(text, match.start(), match.end()):
            found.append((match.start(), match.end(), "structural", "-".join(numerals), match.group()[1::2]))

    for match in ABBREVIATION.finditer(text, start, end):
        for length in (3, 2):
            word = text[match.start() : match.start() + length]
            if _PLAN_PERIOD.fullmatch(word) or to_number(word) is not None or (length == 2 and word[1] in _BODY_HEADS):
                continue
            if len(word) == length and (word in slogans or _quote_bounded(text, match.start(), match.start() + length)):
                found.append((match.start(), match.start() + length, "abbreviation", "2" if word[0] in "双两" else _count(word[0]), word[1:]))
                break

    # Both need a plus sign, which most speeches never use: no scan without one.
    has_plus = text.find("+", start, end) != -1 or text.find("＋", start, end) != -1
    for match in ARITHMETIC.finditer(text, start, end) if has_plus else ():
        found.append((match.start(), match.end(), "arithmetic", match.group(), ""))
    for match in COMPOUND.finditer(text, start, end) if has_plus else ():
        span = _compound_extent(text, match.start(), match.end(), quoted)
        if span:
            found.append((*span, "compound", str(text[span[0] : span[1]].count("+") + text[span[0] : span[1]].count("＋") + 1), ""))

    # Last, so that a pattern above names the kind where both find the same span (“一核两翼多点”).
    for qs, qe in sorted(quoted):
        item = _quoted_abbreviation(text, qs, qe, tags.word_tag_tab)
        if item:
            found.append(item)

    rows = []
    for s, e, kind, number, head in _without_overlaps(found):
        is_quoted = _quote_bounded(text, s, e)
        rows.append(parsed.span_row(s, e, kind=kind, number=number, head=head, quoted=is_quoted))
    table = frame(rows, FORMULA_COLUMNS)
    table["quoted"] = table["quoted"].astype(bool)
    return table


def _congress(match: re.Match, text: str) -> bool:
    """Whether a numeral + 大 names a party congress (十八大召开至今, 党的十九大以来)."""
    if match["measure"] != "大":
        return False
    number = to_number(match["number"])
    if number is not None and number >= 11:
        return True
    return bool(_CONGRESS_AFTER.match(text, match.end())) or text.endswith("党的", 0, match.start())


def _quoted_abbreviation(text: str, start: int, end: int, tags) -> tuple[int, int, str, str, str] | None:
    """A short quotation that names something by a number (“六稳”, “新三样”), as a found formula.

    A numeral must open the name or follow a first character it makes no
    word with (统一大市场 and 第一议题 hold 一 inside a word); a quoted number
    (“一万”) or plan period (“十四五”) is none.
    """
    words = text[start:end]
    if not 2 <= len(words) <= _MAX_QUOTED or not _HAN_RUN.fullmatch(words) or not _QUOTED_NUMERAL.intersection(words):
        return None
    if to_number(words) is not None or _PLAN_PERIOD.fullmatch(words) or (len(words) == 2 and words[1] in _BODY_HEADS):
        return None
    at = next(i for i, char in enumerate(words) if char in _QUOTED_NUMERAL)
    # The numeral opens the name, or follows one character it makes no word with (新三样, not 统一…, 第一…).
    if at > 1 or (at == 1 and words[:2] in tags):
        return None
    numeral = words[at]
    return start, end, "abbreviation", "2" if numeral in "双两" else _count(numeral), words[:at] + words[at + 1 :]


def _head(text: str, position: int, limit: int, tokenizer: Tokenizer) -> str:
    """The words a numeral counts: whole tokens after it, up to four characters."""
    window = text[position : min(limit, position + 12)]
    head = ""
    for token in tokenizer.tokenize(window):
        if token.kind != "word" or token.text in _HEAD_STOP:
            break
        if len(head) + len(token.text) > _MAX_HEAD:
            break
        head += token.text
    return head


def _quote_bounded(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is the whole of a quotation."""
    return start > 0 and end < len(text) and text[start - 1] in OPENING_QUOTES and text[end] in CLOSING_QUOTES


def _compound_extent(text: str, start: int, end: int, quoted: set[tuple[int, int]]) -> tuple[int, int] | None:
    # Unquoted, the first and last parts run into the words around them
    # (建立创新平台+…); quoted, the marks give the exact extent.
    for qs, qe in quoted:
        if qs <= start and end <= qe:
            return qs, qe
    return None


def _not_a_noun(head: str, tags) -> bool:
    words = list(tags.cut(head))
    return len(words) == 1 and words[0].flag not in _NOUN_TAGS or all(w.flag in {"v", "vn", "a", "ad", "an", "i", "l", "d"} for w in words)


def _without_overlaps(found: list[tuple[int, int, str, str, str]]) -> list[tuple[int, int, str, str, str]]:
    # The longer formula wins (一核两翼多点 over its 两翼; 四个善作善成 over 四个善作).
    chosen: list[tuple[int, int, str, str, str]] = []
    for item in sorted(found, key=lambda f: (-(f[1] - f[0]), f[0])):
        if all(item[1] <= other[0] or other[1] <= item[0] for other in chosen):
            chosen.append(item)
    return sorted(chosen)


def _count(numeral: str) -> str:
    """The number of a counted formula as text (四 → "4"); the numeral itself if it is no number."""
    value = to_number(numeral)
    return str(int(value)) if value is not None and value == int(value) else numeral
