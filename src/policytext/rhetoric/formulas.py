"""Numbered formulas (数字化提法): 四个善作善成, 三个方面, 一核两翼多点, 1+4, 双碳, 双一流.

Kinds, each a pattern on the normalised text:

``counted``
    a Chinese numeral from 两 to 十九, a measure word (个 项 大 条 类 种) and a
    head of one to four characters: 四个善作善成, 三个方面, 十项行动,
    两个毫不动摇. A plain count (三个城市, 两个项目) is not a formula, so the
    phrase is kept only when it is quoted, when it announces what follows (a
    colon or 即 after it), or when its head is no ordinary noun: a verb,
    adjective or fixed expression in the segmenter's dictionary (确立, 维护,
    全面, 善作善成) or a slogan or policy of the political lexicon. With 个, 项
    or 条 the counted words may be a noun phrase of up to eight characters
    when it ends in a noun that names a set of guidelines or a camp
    (``set_head`` in the table: 方针, 原则, 路线, 司令部): 十条经济建设方针,
    两个资产阶级司令部, 四项基本原则.
``structural``
    a chain of numeral + one character starting with 一 and rising
    (一核两翼多点, 一轴两带三区); a chain of 一X一Y (一带一路) only when
    quoted, because 一心一意 and 一草一木 are idioms, not formulas. A
    quotation of short clauses numbered one by one (“一要吃饭，二要建设”,
    “一不怕苦，二不怕死”) is one formula; unquoted, 一要…，二要… is a list of points.
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

A quoted structural chain runs to its closing mark (“一区两地一园一通道”), and
a count right after a quoted list of as many items names that list
(“修机场、造海港、通高铁”三件大事). A formula the document names once (quoted,
or by any rule above) is a formula wherever else the same words stand as
words of their own (“两个重点” … 两个重点更突出; not 三个代表团).

Years (2023年), statistics (23个城市: Arabic numerals are counts, not
formulas), numbers (一万六千五百), outline markers (一、 （一） 一是), party
congresses (十八大召开至今), counts that point at what follows or went before
(以下四个方面, 这三个问题) or announce the parts of the speech (下面，我讲三个问题：)
are not formulas; nor are words of the language that hold a numeral (一把手,
十字街) and quoted place names (“两湾”产业园), both listed in
``data/rhetoric_formula_words.tsv``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from typing import TYPE_CHECKING

import pandas as pd

from ..numerals import to_number
from ..parsed import ParsedDocument, as_parsed
from ..textfacts import PHRASE_SEPARATOR, QuotationSpan
from ._base import HAN, find_terms, read_entries, span_frame

if TYPE_CHECKING:
    from ..document import Document
    from ..segment import Segmentation, Tokenizer

FORMULA_COLUMNS = ("section", "sentence", "start", "end", "text", "kind", "number", "head", "quoted")
KINDS = ("counted", "structural", "abbreviation", "arithmetic", "compound")

_NUMERAL = "两二三四五六七八九十"
_MEASURE = "个项大条类种件"
# 件 counts things and events (四件事, 三件大事): a formula only quoted or naming a quoted list.
_THINGS = frozenset("件")
# 第四个 is an ordinal, 十四个 is read whole, 一个 is an article.
# The lookahead lets re skip offsets that hold no numeral (a leading lookbehind
# otherwise makes it try the whole pattern at every offset).
COUNTED = re.compile(rf"(?=[{_NUMERAL}])(?<![{_NUMERAL}一百千万第几\d])(?P<number>十[一二三四五六七八九]?|[{_NUMERAL}])(?P<measure>[{_MEASURE}])")
# Characters that cannot be the unit after a numeral in a structural slogan.
# Powers belong to numbers (一万六千五百 is a number, not a 一X六Y slogan).
_NOT_UNIT = f"{_NUMERAL}一多个项大条类种是批些些次年月日位百千万亿零"
_UNIT = rf"[{HAN}](?<![{_NOT_UNIT}])"
# 一点四倍 is 1.4 times: a decimal point between numerals, not a unit (一核两翼多点 ends in one).
_DECIMAL = re.compile(r"点[一二三四五六七八九零]")
STRUCTURAL = re.compile(rf"一{_UNIT}(?:[一两二三四五六多]{_UNIT}){{1,4}}")
ABBREVIATION = re.compile(rf"[双两三四五六七八九十][{HAN}]{{1,2}}")
# 十八大 (召开, 以来 …) names a party congress, not eighteen big things; 十一大 to 二十几大 always do.
_CONGRESS_AFTER = re.compile(r"召开|以来|精神|报告|代表|闭幕|开幕|至今|提出|作出|强调|后|前|上")
# 以下四个方面, 这三个问题: the phrase points at what follows or went before, it names nothing.
_DEMONSTRATIVE = re.compile(r"(?:以下|如下|下面|下列|上述|以上|前述|前面|这|那|这些|那些|下述)$")
# 下面，我讲三个问题： the speaker announces the parts of the talk (the sentence so far, at most this long).
_SPEAKER_ANNOUNCES = re.compile(
    r"(?:(?:下面|下边|接下来)[，,]?(?:我们?)?|我们?)(?:主要|再|就|想|先|重点)?(?:讲|谈|说)?(?:讲|谈|一下)?$"
)
_ANNOUNCE_REACH = 12
_OPENING_NOTE = frozenset("（(")
# Quoted numbered abbreviations: “六稳” “五位一体” “两不愁三保障” “新三样” “八八战略” “十项重大工程”.
_QUOTED_NUMERAL = frozenset("一二两三四五六七八九十百千双")
_MAX_QUOTED = 8
# A quoted structural chain may end in a unit of two characters (一区两地一园一通道); the quotation is at most this long.
_MAX_STRUCTURAL = 14
# A quoted plan period (“十四五”) is a time, and claims take it as one.
_PLAN_PERIOD = re.compile(r"十[一二三四五六七八九]五")
_HAN_RUN = re.compile(rf"[{HAN}]+")
ARITHMETIC = re.compile(r"(?<![\d.])\d+(?:\s*[+＋]\s*(?:\d+|[NnXx](?![A-Za-z])))+")
COMPOUND = re.compile(rf"[{HAN}]{{2,8}}(?:[+＋][{HAN}]{{2,8}})+")
# A head of this part of speech is a thing one can count, so N个X is a plain count.
_NOUN_TAGS = frozenset({"n", "nr", "ns", "nt", "nz", "ng", "m", "q", "t", "s", "f", "r", "x", "eng"})
# Heads made only of these are no ordinary noun: 确立 (v), 全面 (a), 善作善成 (i), 好于 (a + p).
_NOT_NOUN_TAGS = frozenset({"v", "vn", "a", "ad", "an", "i", "l", "d", "p"})
_ANNOUNCES = re.compile(r"^[：:]|^，?即")
# Particles and adverbs end a head: 四个推进|更有力, 两个好于|来年.
_HEAD_STOP = frozenset("的地得和与及是在为了等更再也都又还就来才")
# 两会, 两委, 三院: numbered bodies and meetings are names, not formulas.
_BODY_HEADS = frozenset("会委院办局部厅")
_MAX_HEAD = 4
# A counted noun phrase that ends in a set_head noun (十条经济建设方针) is at most this long; only these measures count one.
_MAX_SET_PHRASE = 8
_SET_MEASURES = frozenset("个项条")
# “一要吃饭，二要建设”: clauses of a quotation, each opened by the next numeral.
_NUMBERED_CLAUSES = re.compile(rf"一[{HAN}]{{1,7}}[，、；]二[{HAN}]{{1,7}}(?:[，、；]三[{HAN}]{{1,7}}(?:[，、；]四[{HAN}]{{1,7}})?)?")
_CLAUSE_MARK = re.compile(r"[，、；]")
# A formula named once is a formula elsewhere in the document too, when it is at least this long (两重 could be in 两重性).
_MIN_REPEATED = 3
# A formula's words preceded by one of these are part of a number or an ordinal (十四个全面, 第四个).
_NOT_BEFORE = frozenset(_NUMERAL + "一百千万第几0123456789")


@dataclass(frozen=True, slots=True)
class FormulaWord:
    term: str
    category: str  # formula | word | talk_head | date_name | place_head | set_head


@lru_cache(maxsize=1)
def formula_words() -> tuple[FormulaWord, ...]:
    """``data/rhetoric_formula_words.tsv``: words that hold a numeral and heads that make a quotation a place."""
    return read_entries("rhetoric_formula_words.tsv", FormulaWord, ("term", "category"), categories=("formula", "word", "talk_head", "date_name", "place_head", "set_head"))


@dataclass(frozen=True, slots=True)
class _FormulaWords:
    known: frozenset[str]
    words: frozenset[str]
    talk_heads: frozenset[str]
    date_names: tuple[str, ...]
    place_heads: tuple[str, ...]  # longest first, for str.startswith
    set_heads: tuple[str, ...]  # for str.endswith
    readings: tuple[tuple[str, tuple[str, str, str]], ...]  # each formula of the table with its kind, number and head


@lru_cache(maxsize=1)
def _formula_words() -> _FormulaWords:
    def terms(category: str) -> tuple[str, ...]:
        return tuple(sorted((e.term for e in formula_words() if e.category == category), key=len, reverse=True))

    known = frozenset(terms("formula"))
    return _FormulaWords(
        known, frozenset(terms("word")), frozenset(terms("talk_head")), terms("date_name"), terms("place_head"),
        terms("set_head"), tuple((formula, _reading(formula)) for formula in known),
    )


def find_formulas(source: Document | ParsedDocument, *, tokenizer: Tokenizer | None = None) -> pd.DataFrame:
    """Numbered formulas in the body, one row per occurrence, with kind, numeral value and head."""
    parsed = as_parsed(source, tokenizer)
    tokenizer = parsed.tokenizer
    text, start, end = parsed.text, parsed.start, parsed.end
    quotations = [span for span in parsed.quotations if not span.is_title]
    quoted = {span.inner for span in quotations}
    closing_at = {span.end: span for span in quotations}
    opening_at = {span.inner[0]: span for span in quotations}
    slogans = {term for term, entry in tokenizer.lexicon.items() if entry.category in {"slogan", "policy"}}
    table = _formula_words()
    known, words, place_heads = table.known, table.words, table.place_heads
    tags = tokenizer.tagger()
    found: list[tuple[int, int, str, str, str]] = []  # start, end, kind, number, head
    # The same few words follow a numeral, and the same formulas recur, all through a
    # document: each short window is cut (and each head tagged) once per call.
    segment = cache(tokenizer.segment)
    not_a_noun = cache(partial(_not_a_noun, tags=tags))

    def ordinary(word: str) -> bool:
        """A word of the language or a day's name, not a formula: listed, or an idiom in the segmenter's dictionary (四平八稳)."""
        if word in known or word in slogans:
            return False
        return word in words or word.startswith(table.date_names) or tags.word_tag_tab.get(word) == "i"

    def bounded(s: int, e: int) -> bool:
        """Whether text[s:e] is the whole of a quotation that names no place."""
        return (s, e) in quoted and not text.startswith(place_heads, e + 1)

    for match in COUNTED.finditer(text, start, end):
        # Only a quotation opening at the numeral can make the phrase quoted; without one, the
        # tests that read no head reject the phrase before its words are cut (a cut per count is
        # the costliest step here).
        may_be_quoted = match.start() in opening_at
        if not may_be_quoted and _context_rejects(match, text, start):
            continue
        sums_up = _sums_up(closing_at.get(match.start()), text, to_number(match["number"]))
        if match["measure"] in _THINGS and not (may_be_quoted or sums_up):
            continue  # 做了四件事：… counts things done, whatever follows
        head_start = match.end()
        head = _head(text, head_start, end, segment)
        if not head:
            continue
        names_set = match["measure"] in _SET_MEASURES and bool(longer := _set_phrase(text, head_start, end, segment, table.set_heads))
        if names_set:
            head = longer
        head_end = head_start + len(head)
        if ordinary(text[match.start() : head_end]):
            continue
        is_quoted = bounded(match.start(), head_end)
        if not is_quoted and may_be_quoted and _context_rejects(match, text, start):
            continue
        # 三项议程 (the meeting's own parts); 三个开发（度假）区: a note cuts the head, which is longer than it looks.
        if not is_quoted and (head in table.talk_heads or text[head_end : head_end + 1] in _OPENING_NOTE):
            continue
        announces = bool(_ANNOUNCES.search(text[head_end : head_end + 2]))
        if match["measure"] in _THINGS and not (is_quoted or sums_up):
            continue
        if is_quoted or announces or sums_up or names_set or head in slogans or not_a_noun(head):
            found.append((match.start(), head_end, "counted", _count(match["number"]), head))

    for match in STRUCTURAL.finditer(text, start, end):
        numerals = match.group()[0::2]
        rising = any(n not in "一" for n in numerals)
        s, e = match.span()
        if _DECIMAL.search(match.group()) or (s > 0 and text[s - 1] in _NOT_BEFORE):
            continue  # 一点四倍 is 1.4 times; 十一届三中全会 holds 一届三中
        enclosing = opening_at.get(s)
        if enclosing is not None and e < enclosing.inner[1] <= s + _MAX_STRUCTURAL and _HAN_RUN.fullmatch(text, s, enclosing.inner[1]):
            e = enclosing.inner[1]  # “一区两地一园一通道”: the last unit is 通道, the marks say so
        if ordinary(text[s:e]):
            continue
        if rising or bounded(s, e) or text[s:e] in slogans:
            found.append((s, e, "structural", "-".join(numerals), match.group()[1::2] + text[match.end() : e]))

    # Only a quoted or listed word can be one, and most numerals start neither: a quotation opening
    # there or the first two characters of a short slogan are looked up before anything is cut out.
    slogan_openings = {term[:2] for term in slogans if len(term) in (2, 3)}
    for match in ABBREVIATION.finditer(text, start, end):
        if match.start() not in opening_at and text[match.start() : match.start() + 2] not in slogan_openings:
            continue
        for length in (3, 2):
            word = text[match.start() : match.start() + length]
            if not (len(word) == length and (word in slogans or bounded(match.start(), match.start() + length))):
                continue
            if _PLAN_PERIOD.fullmatch(word) or to_number(word) is not None or (length == 2 and word[1] in _BODY_HEADS) or ordinary(word):
                continue
            found.append((match.start(), match.start() + length, "abbreviation", "2" if word[0] in "双两" else _count(word[0]), word[1:]))
            break

    # Both need a plus sign, which most speeches never use: no scan without one.
    has_plus = text.find("+", start, end) != -1 or text.find("＋", start, end) != -1
    quotation_starts = [span.start for span in parsed.quotations]
    for match in ARITHMETIC.finditer(text, start, end) if has_plus else ():
        found.append((match.start(), match.end(), "arithmetic", match.group(), ""))
    for match in COMPOUND.finditer(text, start, end) if has_plus else ():
        span = _compound_extent(match.start(), match.end(), parsed.quotations, quotation_starts)
        if span:
            found.append((*span, "compound", str(text[span[0] : span[1]].count("+") + text[span[0] : span[1]].count("＋") + 1), ""))

    # Last, so that a pattern above names the kind where both find the same span (“一核两翼多点”).
    for qs, qe in sorted(quoted):
        item = None
        if bounded(qs, qe) and not ordinary(text[qs:qe]):
            item = _quoted_abbreviation(text, qs, qe, tags.word_tag_tab) or _numbered_clauses(text, qs, qe)
        if item:
            found.append(item)

    # The formulas of the table, and those this document names, wherever they stand as words of their own.
    named: dict[str, tuple[str, str, str]] = {}
    for s, e, kind, number, head in found:
        if kind != "arithmetic" and e - s >= _MIN_REPEATED:
            named.setdefault(text[s:e], (kind, number, head))
    for formula, reading in table.readings:
        named.setdefault(formula, reading)
    # A span found above needs no second look: of two findings of one span the first wins (_without_overlaps).
    found += _occurrences(text, start, end, named, segment, found={(s, e) for s, e, *_ in found})

    chosen = _without_overlaps(found)
    return span_frame(
        parsed, [(s, e) for s, e, *_ in chosen], FORMULA_COLUMNS, dtypes={"quoted": "bool"},
        kind=[f[2] for f in chosen], number=[f[3] for f in chosen], head=[f[4] for f in chosen],
        quoted=[(s, e) in quoted for s, e, *_ in chosen],
    )


def _congress(match: re.Match, text: str) -> bool:
    """Whether a numeral + 大 names a party congress (十八大召开至今, 党的十九大以来)."""
    if match["measure"] != "大":
        return False
    number = to_number(match["number"])
    if number is not None and number >= 11:
        return True
    return bool(_CONGRESS_AFTER.match(text, match.end())) or text.endswith("党的", 0, match.start())


def _context_rejects(match: re.Match, text: str, start: int) -> bool:
    """Whether the words before an unquoted count say it names nothing: a party congress, a pointer (这三个), the talk's parts."""
    at = match.start()
    return bool(
        _congress(match, text)
        or _DEMONSTRATIVE.search(text, max(start, at - 2), at)
        or _SPEAKER_ANNOUNCES.search(text, max(start, at - _ANNOUNCE_REACH), at)
    )


def _sums_up(quotation: QuotationSpan | None, text: str, number: float | None) -> bool:
    """Whether a count right after a quotation names the quoted list (“修机场、造海港、通高铁”三件大事)."""
    if quotation is None or number is None:
        return False
    items = text[quotation.inner[0] : quotation.inner[1]].split(PHRASE_SEPARATOR)
    return len(items) == number >= 2 and all(_HAN_RUN.fullmatch(item) for item in items)


def _occurrences(
    text: str,
    start: int,
    end: int,
    formulas: dict[str, tuple[str, str, str]],
    segment: Callable[[str], Segmentation],
    *,
    found: frozenset[tuple[int, int]] | set[tuple[int, int]] = frozenset(),
) -> list[tuple[int, int, str, str, str]]:
    """Where each formula stands in text[start:end] as words of its own (两个重点更突出, 三个代表重要思想; not 三个代表团, 十四个全面).

    Spans in ``found`` (already found by another rule) are left out.
    """
    occurrences = []
    for s, e, (kind, number, head) in find_terms(text[start:end], formulas, offset=start):
        if (s, e) in found or (s > 0 and text[s - 1] in _NOT_BEFORE):
            continue
        # The formula ends at a word edge of the words around it (三个代表|重要, not 三个|代表团).
        if e - s in segment(text[s : min(end, e + 4)]).bounds:
            occurrences.append((s, e, kind, number, head))
    return occurrences


def _reading(formula: str) -> tuple[str, str, str]:
    """Kind, number and head of a formula of the table, read as the patterns read it."""
    counted = COUNTED.match(formula)
    if counted:
        return "counted", _count(counted["number"]), formula[counted.end() :]
    if STRUCTURAL.fullmatch(formula):
        return "structural", "-".join(formula[0::2]), formula[1::2]
    at = next((i for i, char in enumerate(formula) if char in _QUOTED_NUMERAL), 0)
    numeral = formula[at]
    return "abbreviation", "2" if numeral in "双两" else _count(numeral), formula[:at] + formula[at + 1 :]


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


def _head(text: str, position: int, limit: int, segment: Callable[[str], Segmentation]) -> str:
    """The words a numeral counts: whole tokens after it, up to four characters."""
    cut = segment(text[position : min(limit, position + 12)])
    head = ""
    for word, kind in zip(cut.words, cut.kinds):
        if kind != "word" or word in _HEAD_STOP:
            break
        if len(head) + len(word) > _MAX_HEAD:
            break
        head += word
    return head


def _set_phrase(text: str, position: int, limit: int, segment: Callable[[str], Segmentation], set_heads: tuple[str, ...]) -> str:
    """The noun phrase a numeral counts when it ends in a word naming a set (经济建设|方针, 资产阶级|司令部): whole words, up to eight characters; or ""."""
    cut = segment(text[position : min(limit, position + 12)])
    phrase = found = ""
    for word, kind in zip(cut.words, cut.kinds):
        if kind != "word" or word in _HEAD_STOP or len(phrase) + len(word) > _MAX_SET_PHRASE:
            break
        phrase += word
        if word.endswith(set_heads):
            found = phrase
    return found


def _numbered_clauses(text: str, start: int, end: int) -> tuple[int, int, str, str, str] | None:
    """A quotation of clauses numbered one by one (“一要吃饭，二要建设”), as a found formula; else None."""
    if not _NUMBERED_CLAUSES.fullmatch(text, start, end):
        return None
    clauses = _CLAUSE_MARK.split(text[start:end])
    return start, end, "structural", "-".join(clause[0] for clause in clauses), "/".join(clause[1:] for clause in clauses)


def _compound_extent(start: int, end: int, spans: tuple[QuotationSpan, ...], starts: list[int]) -> tuple[int, int] | None:
    """The inside of the innermost quotation (not title) that holds text[start:end], or None.

    Unquoted, the first and last parts run into the words around them
    (建立创新平台+…); quoted, the marks give the exact extent.
    """
    # Pairs of marks nest: the quotations holding a point are the last one
    # opening before it and that one's ancestors (a walk up, not a scan of every quotation).
    index = bisect_right(starts, start - 1) - 1
    while index is not None and index >= 0:
        span = spans[index]
        inner_start, inner_end = span.inner
        if not span.is_title and inner_start <= start and end <= inner_end:
            return inner_start, inner_end
        index = span.parent
    return None


def _not_a_noun(head: str, tags) -> bool:
    words = list(tags.cut(head))
    return len(words) == 1 and words[0].flag not in _NOUN_TAGS or all(w.flag in _NOT_NOUN_TAGS for w in words)


def _without_overlaps(found: list[tuple[int, int, str, str, str]]) -> list[tuple[int, int, str, str, str]]:
    # The longer formula wins (一核两翼多点 over its 两翼; 四个善作善成 over 四个善作).
    # The characters already taken are marked, so each candidate costs its own
    # length, not a comparison with every formula chosen before it.
    taken = bytearray(max((e for _, e, *_ in found), default=0))
    chosen: list[tuple[int, int, str, str, str]] = []
    for item in sorted(found, key=lambda f: (-(f[1] - f[0]), f[0])):
        s, e = item[0], item[1]
        if taken.find(1, s, e) == -1:
            chosen.append(item)
            taken[s:e] = b"\x01" * (e - s)
    return sorted(chosen)


def _count(numeral: str) -> str:
    """The number of a counted formula as text (四 → "4"); the numeral itself if it is no number."""
    value = to_number(numeral)
    return str(int(value)) if value is not None and value == int(value) else numeral
