"""Reading cue words at a phrase's ends (增长, 达到, 年均增长): the longest cue wins, as it always did.

The readers test all the cues at once (an alternation, ``str.endswith`` of a tuple) instead of one by one;
these properties compare them with the one-by-one reading on random text made of the cues themselves.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policytext.indicators import resources as res
from policytext.indicators.claims import _lead_words
from policytext.indicators.naming import _strip_end

from .helpers import examples

_FILLER = ("了", "的", "产值", "企业", " ", "、", "增", "长")


def _text_of(position: str):
    cues = [cue.word for cue in res.cues_longest_first(position)]
    return st.lists(st.sampled_from(cues) | st.sampled_from(_FILLER), max_size=8).map("".join)


def _strip_end_one_by_one(segment: str) -> str:
    tails = [c.word for c in res.cues_longest_first("phrase") if c.role in ("cut", "end")]
    changed = True
    while changed and segment:
        changed = False
        for word in tails:
            if segment.endswith(word) and len(segment) > len(word) or segment == word:
                segment, changed = segment[: -len(word)], True
                break
    return segment.strip(" 、，")


def _lead_words_one_by_one(lead: str) -> list[str]:
    words = [cue.word for cue in res.cues_longest_first("before")]
    out, i = [], 0
    while i < len(lead):
        word = next((w for w in words if lead.startswith(w, i)), None)
        if word is None:
            i += 1
            continue
        out.append(word)
        i += len(word)
    return out


@settings(max_examples=examples(300))
@given(_text_of("phrase"))
def test_a_phrase_loses_its_tails_longest_first(segment):
    assert _strip_end(segment) == _strip_end_one_by_one(segment)


@settings(max_examples=examples(300))
@given(_text_of("before"))
def test_a_lead_reads_as_its_longest_cues(lead):
    assert _lead_words(lead) == _lead_words_one_by_one(lead)


def test_phrase_cues_keep_their_roles_longest_first():
    cues = res.phrase_cues("cut", "end")
    assert cues and {cue.role for cue in cues} == {"cut", "end"}
    assert [len(cue.word) for cue in cues] == sorted((len(cue.word) for cue in cues), reverse=True)
    assert {cue.word for cue in res.phrase_cues("target")} <= {cue.word for cue in res.cues_longest_first("phrase")}
    assert not set(res.phrase_cues("target")) & set(cues)
