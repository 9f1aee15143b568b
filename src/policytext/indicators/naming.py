"""Naming what a claim measures: the indicator phrase, its owner, its scope.

The phrase comes from the clause before the value (全社会研发投入强度2022年达××%),
or after it when the number counts a following noun (12条重点产业链). Years,
redactions, publishers (…发布的), enumerations (甲、乙等丙 → 丙), quotation
marks, scopes and predicates are cut away, and function words at its ends (在,
共向, 的): what remains is the noun phrase nearest the number. A phrase with no
noun in it (等于, 围绕, 有望) names nothing: the name comes from the figure
before, or from the noun after a rate (围绕6.5%经济发展目标 → 经济发展, a target).
A threshold after the figure (千亿元大关) is not what it measures. Values joined
by 和, 、 or a range sign (10%和12%, 3%-5%) share one name unless 分别 hands
them out. A bare attribute (成交额, 增加值)
takes its owner from the claim before (技术合同 → 技术合同成交额); 分别 hands
the values out one by one to a listed set of indicators.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..redaction import REDACTION
from ..textfacts import CLOSING_QUOTES, OPENING_QUOTES
from . import resources as res

if TYPE_CHECKING:
    from .found import Found as _Found

_LEADING_FILLER = re.compile(r"^(?:其中|同时|此外|另外|全年|当年|目前|截至目前|截至|截止)")
_SUBJECT = re.compile(r"^(?:我|本)(?:市|省|区|县|州)")
_VAGUE = re.compile(r"^(?:多个|多家|多项|一批|各类|部分|众多|若干|一些|相关)")
# 甲、乙等丙: 丙 names the category; a lone 等 may be part of a word (高等院校).
_ENUMERATION = re.compile(r"^.*、[^、]*?等(?=.)")
_PUBLISHER = re.compile(r"^.*?(?:发布|公布)的")
_QUOTES = str.maketrans("", "", OPENING_QUOTES + CLOSING_QUOTES + "《》" + '"')
_MAX_AFTER = 16
_THRESHOLD = ("以上", "以下")
_JOINERS = "、和与及-—–～~至到－"
_LAST_JOIN = re.compile(r"[和与及]")
# Where the act a count of occasions counts ends: its clause's end.
_CLAUSE_END = re.compile(r"[，。；：！？,;:]|$")
# Where the noun a count counts ends: a clause or list mark, a bracket, 等 or 的.
_COUNTED_END = re.compile(r"[，。；：、！？（(等的]|$")
# Tags (jieba) of words that can name what a figure measures: nouns, nominal verbs and adjectives, idioms,
# abbreviations, distinguishing words, foreign words (GDP).
_NAME_FLAGS = ("n", "vn", "an", "l", "j", "b", "eng", "x", "g", "s")
# Words that open or close a stretch of text before a number without being part of the name in it:
# adverbs, prepositions, conjunctions, particles, pronouns; time words at its end. Verbs stay: they often
# name what is counted or changed (裁减现役员额, 捐款, 回归); value verbs (完成, 达到) are lead cues.
_LEADING_NOT_NAME = ("d", "p", "c", "u", "r")
_TRAILING_NOT_NAME = ("d", "p", "c", "u", "y", "t")


def _noun_phrase(phrase: str) -> str:
    """The noun phrase nearest the number in the text before it: 共有党员 → 党员, 在国外 → 国外,
    共向灾区捐款 → 灾区捐款. Words are dropped from either end only while a noun remains.

    A phrase with no noun in it names nothing (等于, 围绕, 有望): "".
    """
    words = list(_tagged(phrase)) if phrase else []
    if not any(flag.startswith(_NAME_FLAGS) for _, flag in words):
        return ""

    def droppable(flag: str, tags: tuple[str, ...]) -> bool:
        return flag.startswith(tags) and not flag.startswith(("vn", "an"))

    while len(words) > 1 and droppable(words[-1][1], _TRAILING_NOT_NAME) and _names_something("".join(w for w, _ in words[:-1])):
        words.pop()
    while len(words) > 1 and droppable(words[0][1], _LEADING_NOT_NAME) and _names_something("".join(w for w, _ in words[1:])):
        words.pop(0)
    return "".join(w for w, _ in words)


def _counts_occasions(claim: _Found) -> bool:
    unit = res.units().get(claim.unit)
    return unit is not None and unit.counts == "occasion"


def _occasion(text: str, position: int) -> str:
    """The act a count of occasions counts: the rest of its clause (三次|到团组参加讨论)."""
    stop = _CLAUSE_END.search(text, position)
    return text[position : stop.start()].translate(_QUOTES)[:_MAX_AFTER]


def _names_something(phrase: str) -> bool:
    """Whether a phrase holds a noun (等于, 围绕, 有望 hold none: they are predicates, not names)."""
    # Tagged word by word: the first noun answers, and the words after it are never tagged (the HMM that
    # tags a run of unknown characters is most of the cost).
    return any(word.flag.startswith(_NAME_FLAGS) for word in _tagger().cut(phrase))


def _target_tail(claim: _Found, phrase: str) -> str:
    """经济发展目标 → 经济发展, with 目标 in the qualifiers: the figure is a target, the indicator what it targets."""
    for cue in res.phrase_cues("target"):
        if phrase.endswith(cue.word) and len(phrase) > len(cue.word):
            claim.qualifiers.append(cue.label)
            return phrase[: -len(cue.word)]
    return phrase


def name_claim(claim: _Found, text: str, clauses: list[int], times, earlier: list[_Found], pending: list[str]) -> None:
    clause_start = clauses[claim.clause]
    floor = clause_start
    same_clause = [c for c in earlier if c.clause == claim.clause]
    if same_clause:
        floor = max(floor, same_clause[-1].end)
    cut = [(s - floor, e - floor) for s, e, *_ in times if floor <= s < claim.start]
    phrase, scope, openers = _clean(text[floor : claim.start], cut)
    claim.qualifiers[:0] = openers
    if claim.continuation:
        phrase = phrase.lstrip(_JOINERS)
    # A count, amount or bare magnitude before a noun counts that noun (12条重点产业链, 近一亿农村贫困人口).
    counted_at = claim.counted_at if claim.counted_at >= 0 else claim.end
    if claim.attributive and _counts_occasions(claim):
        phrase = _occasion(text, claim.end) or phrase  # 三次|到团组参加讨论: what was done, not a noun
    elif claim.attributive and claim.unit_kind in ("count", "amount", "quantity"):
        phrase = _after_phrase(text, counted_at) or phrase
    elif claim.attributive and claim.unit_kind is None and claim.unit:
        counted = _after_phrase(text, counted_at, noun_first=True)
        if counted:  # 近一亿|农村贫困人口, 上千万|家庭: a magnitude before a noun counts it
            phrase, claim.unit_kind = counted, "count"
    # A phrase with no noun in it names nothing (等于, 围绕, 有望): the name comes from the figure before,
    # or, for a rate before a noun, from that noun (围绕6.5%|经济发展目标).
    phrase = _noun_phrase(phrase)
    if not phrase and claim.attributive and claim.unit_kind in ("share", "growth"):
        phrase = _after_phrase(text, claim.end, noun_first=True)
    phrase = _target_tail(claim, phrase)
    claim.scope = claim.scope or scope
    previous = earlier[-1] if earlier else None

    if claim.continuation and pending:
        claim.indicator = claim.owner = pending.pop(0)
        claim.roles |= previous.roles if previous else set()
        return
    if claim.continuation and previous and not phrase:
        _inherit(claim, previous)
        claim.roles |= previous.roles
        return
    if claim.distribute and ("、" in phrase or _LAST_JOIN.search(phrase)):
        items = _distribute(phrase)
        claim.indicator = claim.owner = items[0]
        pending[:] = items[1:]
        return
    # 规模以上工业增加值: an attribute before 以上/以下 is a size threshold modifying the name, not its head.
    attributes, attribute = res.attributes(), None
    if phrase.startswith(attributes):  # one test for all of them first: most phrases open with none
        attribute = next((a for a in attributes if phrase.startswith(a) and not phrase.startswith(_THRESHOLD, len(a))), None)
    if phrase and attribute:
        # The owner is the claim just before, unless a clause without figures came between.
        near = previous is not None and previous.clause >= claim.clause - 1
        owner = previous.owner if near else _clause_subject(text, clauses, claim.clause, times)
        if owner:
            claim.indicator, claim.owner = owner + phrase, owner
            if previous and previous.owner == owner:
                claim.scope = claim.scope or previous.scope
            return
    if phrase:
        claim.indicator = claim.owner = phrase
        if claim.continuation and previous and not previous.indicator:
            previous.indicator = previous.owner = phrase  # 四千万亩到五千万亩荒地: both ends measure 荒地
        return
    if claim.pattern in ("rank", "tier"):
        bracket = next((c for c in reversed(earlier) if c.pattern == "topn"), None)
        if bracket:
            claim.indicator, claim.owner = bracket.indicator, bracket.owner
            return
    if previous:
        _inherit(claim, previous)
        return
    claim.indicator = claim.owner = _clause_subject(text, clauses, claim.clause, times)


def _inherit(claim: _Found, previous: _Found) -> None:
    claim.indicator, claim.owner = previous.indicator, previous.owner
    claim.scope = claim.scope or previous.scope


def _clean(segment: str, cut: list[tuple[int, int]]) -> tuple[str, str, list[str]]:
    """The indicator phrase in the text before a value, its scope, and opening qualifiers (力争)."""
    for s, e in sorted(cut, reverse=True):
        segment = segment[:s] + segment[e:]
    segment = REDACTION.sub("", segment)
    segment = _PUBLISHER.sub("", segment)
    segment = segment.split("——")[-1]
    enumeration = _ENUMERATION.search(segment)
    if enumeration:
        segment = segment[enumeration.end() :]
    segment = segment.translate(_QUOTES).strip(" 、，")
    segment, scope, openers = _strip_front(segment)
    return _strip_end(segment), scope, openers


def _strip_front(segment: str) -> tuple[str, str, list[str]]:
    scope, openers = "", []
    opening = res.cue_table("opening")
    named = res.named_terms()
    changed = True
    while changed and segment:
        changed = False
        for word, cue in opening.items():
            if segment.startswith(word):
                openers.append(cue.label)
                segment, changed = segment[len(word) :], True
        stripped = _LEADING_FILLER.sub("", segment)
        stripped = _VAGUE.sub("", stripped)
        if stripped != segment:
            segment, changed = stripped, True
        scopes = res.scopes()
        word = next(s for s in scopes if segment.startswith(s)) if segment.startswith(scopes) else None
        if word and not any(segment.startswith(t) for t in named):
            scope = scope or word
            segment, changed = segment[len(word) :], True
        elif _SUBJECT.match(segment) and not any(segment.startswith(t) for t in named):
            segment, changed = _SUBJECT.sub("", segment), True
    return segment, scope, openers


def _strip_end(segment: str) -> str:
    tails = _phrase_tails()  # longest first
    while segment.endswith(tails):  # one test for all of them: most phrases end with none
        segment = segment[: -len(next(word for word in tails if segment.endswith(word)))]  # the longest
    return segment.strip(" 、，")


@lru_cache(maxsize=1)
def _phrase_tails() -> tuple[str, ...]:
    """The predicates and ends cut off a phrase's end (增长, 达到, 为), longest first."""
    return tuple(cue.word for cue in res.phrase_cues("cut", "end"))


def _cut_at_predicate(segment: str) -> str:
    cuts = [cue.word for cue in res.phrase_cues("cut")]
    positions = [segment.find(w) for w in cuts if segment.find(w) > 0]
    return segment[: min(positions)] if positions else ""


def _after_phrase(text: str, position: int, *, noun_first: bool = False) -> str:
    """The noun a count modifies: 12条|重点产业链持续壮大 → 重点产业链, 九千六百多万名|党员的… → 党员.

    The phrase ends at the first verb, adverb, preposition or particle of
    its words; with ``noun_first`` (a bare 万 or 亿 before it) it must open
    with a noun (近一亿|农村贫困人口, not 三十万|胜利完成).
    """
    stop = _COUNTED_END.search(text, position)
    segment = text[position : stop.start()].translate(_QUOTES)[:_MAX_AFTER]
    segment = _strip_end(_cut_at_predicate(segment) or segment)
    words = _tagged(segment) if segment else ()
    if noun_first and (not words or not words[0][1].startswith(_NOUN_FLAGS)):
        return ""
    kept = ""
    for word, flag in words:
        if flag.startswith(_PREDICATE_FLAGS) and not flag.startswith(("vn", "an")) and kept:
            break
        kept += word
    return kept


# Tags (jieba) of words that end a noun phrase after a number: verbs, adverbs, prepositions, conjunctions, particles.
_PREDICATE_FLAGS = ("v", "d", "p", "c", "u", "a")
_NOUN_FLAGS = ("n", "l", "b", "j")


@lru_cache(maxsize=4096)
def _tagged(phrase: str) -> tuple[tuple[str, str], ...]:
    """(word, tag) of each word of ``phrase``: the names of a speech's claims share phrases, each tagged once."""
    return tuple((w.word, w.flag) for w in _tagger().cut(phrase))


@lru_cache(maxsize=1)
def _tagger():
    from ..segment import default_tokenizer

    tagger = default_tokenizer().pos_tagger
    tagger.makesure_userdict_loaded()
    return tagger


def _clause_subject(text: str, clauses: list[int], clause: int, times) -> str:
    """The subject of the clause before (科技服务业规模|不断扩大), when a clause names none itself."""
    if clause == 0:
        return ""
    start, end = clauses[clause - 1], clauses[clause] - 1
    cut = [(s - start, e - start) for s, e, *_ in times if start <= s < end]
    phrase, _, _ = _clean(text[start:end], cut)
    return _strip_end(_cut_at_predicate(phrase))


def _distribute(phrase: str) -> list[str]:
    """分别: 战略性新兴服务业、科技服务业营业收入 → one indicator per item, sharing the last item's head.

    Two items may be joined by 和, 与 or 及 (研发投入和产出分别增长10%和12%).
    """
    items = [item for item in phrase.split("、") if item]
    if len(items) == 1:
        # Two items joined by 和; in a list with 、 a 和 may be inside a name (租赁和商务服务业).
        items = [item for item in _LAST_JOIN.split(items[0]) if item]
    head = next((a for a in res.attributes() if items[-1].endswith(a) and len(items[-1]) > len(a)), "")
    return [item if not head or item.endswith(head) else item + head for item in items]
