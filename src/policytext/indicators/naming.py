"""Naming what a claim measures: the indicator phrase, its owner, its scope.

The phrase comes from the clause before the value (全社会研发投入强度2022年达××%),
or after it when the number counts a following noun (12条重点产业链). Years,
redactions, publishers (…发布的), enumerations (甲、乙等丙 → 丙), quotation
marks, scopes and predicates are cut away. A bare attribute (成交额, 增加值)
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


def name_claim(claim: _Found, text: str, clauses: list[int], times, earlier: list[_Found], pending: list[str]) -> None:
    clause_start = clauses[claim.clause]
    floor = clause_start
    same_clause = [c for c in earlier if c.clause == claim.clause]
    if same_clause:
        floor = max(floor, same_clause[-1].end)
    cut = [(s - floor, e - floor) for s, e, *_ in times if floor <= s < claim.start]
    phrase, scope, openers = _clean(text[floor : claim.start], cut)
    claim.qualifiers[:0] = openers
    # A count, amount or bare magnitude before a noun counts that noun (12条重点产业链, 近一亿农村贫困人口).
    if claim.attributive and claim.unit_kind in ("count", "amount", "quantity"):
        phrase = _after_phrase(text, claim.end) or phrase
    elif claim.attributive and claim.unit_kind is None and claim.unit:
        counted = _after_phrase(text, claim.end, noun_first=True)
        if counted:  # 近一亿|农村贫困人口, 上千万|家庭: a magnitude before a noun counts it
            phrase, claim.unit_kind = counted, "count"
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
    if claim.distribute and "、" in phrase:
        items = _distribute(phrase)
        claim.indicator = claim.owner = items[0]
        pending[:] = items[1:]
        return
    attribute = next((a for a in res.attributes() if phrase.startswith(a)), None)
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
        word = next((s for s in res.scopes() if segment.startswith(s)), None)
        if word and not any(segment.startswith(t) for t in named):
            scope = scope or word
            segment, changed = segment[len(word) :], True
        elif _SUBJECT.match(segment) and not any(segment.startswith(t) for t in named):
            segment, changed = _SUBJECT.sub("", segment), True
    return segment, scope, openers


def _strip_end(segment: str) -> str:
    tails = [c.word for c in res.cues_longest_first("phrase") if c.role in ("cut", "end")]
    changed = True
    while changed and segment:
        changed = False
        for word in tails:
            if segment.endswith(word) and len(segment) > len(word) or segment == word:
                segment, changed = segment[: -len(word)], True
                break
    return segment.strip(" 、，")


def _cut_at_predicate(segment: str) -> str:
    cuts = [w for w, c in res.cue_table("phrase").items() if c.role == "cut"]
    positions = [segment.find(w) for w in cuts if segment.find(w) > 0]
    return segment[: min(positions)] if positions else ""


def _after_phrase(text: str, position: int, *, noun_first: bool = False) -> str:
    """The noun a count modifies: 12条|重点产业链持续壮大 → 重点产业链, 九千六百多万名|党员的… → 党员.

    The phrase ends at the first verb, adverb, preposition or particle of
    its words; with ``noun_first`` (a bare 万 or 亿 before it) it must open
    with a noun (近一亿|农村贫困人口, not 三十万|胜利完成).
    """
    stop = re.search(r"[，。；：、！？（(等的]|$", text[position:])
    segment = text[position : position + stop.start()].translate(_QUOTES)[:_MAX_AFTER]
    segment = _strip_end(_cut_at_predicate(segment) or segment)
    words = list(_tagger().cut(segment)) if segment else []
    if noun_first and (not words or not words[0].flag.startswith(_NOUN_FLAGS)):
        return ""
    kept = ""
    for word in words:
        if word.flag.startswith(_PREDICATE_FLAGS) and not word.flag.startswith(("vn", "an")) and kept:
            break
        kept += word.word
    return kept


# Tags (jieba) of words that end a noun phrase after a number: verbs, adverbs, prepositions, conjunctions, particles.
_PREDICATE_FLAGS = ("v", "d", "p", "c", "u", "a")
_NOUN_FLAGS = ("n", "l", "b", "j")


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
    """分别: 战略性新兴服务业、科技服务业营业收入 → one indicator per item, sharing the last item's head."""
    items = [item for item in phrase.split("、") if item]
    head = next((a for a in res.attributes() if items[-1].endswith(a) and len(items[-1]) > len(a)), "")
    return [item if not head or item.endswith(head) else item + head for item in items]
