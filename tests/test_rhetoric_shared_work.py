"""Work the rhetoric detectors share or skip gives the tables that doing it all over again gives.

Quotations and leader references read one search for leaders' names; the
formula detector looks again only at spans no rule found yet and cuts a head
only for a count the words before it do not already reject; the quotation
cues are looked up in an index instead of tried one by one. Each shortcut is
checked here against the plain definition, on hand-written and generated texts.
"""

from __future__ import annotations

from unittest.mock import patch

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from policytext import from_text
from policytext.parsed import parse
from policytext.rhetoric import find_formulas, find_quotations, leader_references, rhetoric_tables
from policytext.rhetoric import formulas as F
from policytext.rhetoric.leaders import CENTRAL, leader_hits, leader_names
from policytext.rhetoric.quotations import _central, _cue_matches, _first_cue, quotation_cues

from .helpers import examples

_SETTINGS = settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _document(body: str):
    return from_text("同志们：\n" + body)


# --- one search for leaders' names ------------------------------------------------------------

_QUOTED_LEADERS = (
    "习近平总书记指出：“要加快发展新质生产力。”市委强调：“要抓落实。”"
    "省委书记说：“真抓实干。”党中央关于“两个维护”的重要指示精神。总书记、国家主席、中央军委主席习近平提出“新三样”重要要求。"
)


def test_quotations_and_leader_references_read_one_search_for_names():
    parsed = parse(_document(_QUOTED_LEADERS))
    hits = leader_hits(parsed)
    assert {entry.category for _, _, entry, _ in hits} >= {"leader", "central_body", "local_body"}
    alone = find_quotations(parsed)
    shared = find_quotations(parsed, leaders=hits)
    assert shared.equals(alone)
    assert set(shared[shared.kind == "leader"].speaker) == {"习近平", "党中央"}
    # A local body is listed as a reference but is no leader of a quotation: it is the speaker of another kind.
    assert shared[shared.speaker == "市委"].kind.tolist() == ["other"]
    assert leader_references(parsed, hits=hits).equals(leader_references(parsed))
    tables = rhetoric_tables(parsed)
    assert tables["quotations"].equals(alone)
    assert tables["leader_references"].equals(leader_references(parsed))


def test_the_hits_handed_in_are_the_ones_read():
    parsed = parse(_document("习近平总书记指出：“要抓落实。”"))
    assert find_quotations(parsed).kind.tolist() == ["leader"]
    assert find_quotations(parsed, leaders=[]).kind.tolist() != ["leader"]
    assert leader_references(parsed, hits=[]).empty


_NAMES = sorted({entry.name for entry in leader_names()})
_NAME_TEXT = st.lists(
    st.one_of(
        st.sampled_from(_NAMES),
        st.sampled_from(["、", "，", "。", " ", "同志", "指出：“", "”", "关于“", "”的重要讲话", "提出", "市", "省", "委", "副", "工会", "××"]),
    ),
    min_size=1,
    max_size=25,
).map("".join)


@_SETTINGS
@given(body=_NAME_TEXT)
def test_central_hits_taken_from_every_category_equal_a_search_for_central_names_alone(body):
    # The one exception, documented in _central: a local body's name run into a title (市委员长).
    assume("市委员长" not in body and "省委员长" not in body)
    parsed = parse(_document(body))
    central_alone = sorted((s, e, person) for s, e, _, person in leader_hits(parsed, categories=CENTRAL))
    assert _central(leader_hits(parsed)) == central_alone


# --- formulas: no second look at a span already found, no head cut for a rejected count -------------

# Formulas with the words that can stand before and after them: quoted, after a pointer (这), run into a longer word (代表团).
_FORMULA = st.tuples(
    st.sampled_from(["", "", "这", "以下", "“", "党的", "下面，我讲", "第", "十", "落实"]),
    st.sampled_from(["三个转变", "三个代表", "两个维护", "四个善作善成", "一核两翼多点", "双碳", "十二大任务", "十条经济建设方针",
                     "四件事", "三项议程", "六稳", "新三样", "一要吃饭，二要建设", "1+4", "两会", "十四五"]),
    st.sampled_from(["", "”", "团", "重要思想", "：", "，", "。", "更突出", "”三件大事", "（度假）区"]),
).map("".join)
_FORMULA_TEXT = st.lists(_FORMULA, min_size=1, max_size=8).map("，".join)


@_SETTINGS
@given(body=_FORMULA_TEXT)
def test_formulas_equal_looking_again_at_every_occurrence(body):
    document = _document(body)
    every = F._occurrences
    # The plain definition: every occurrence of a named formula is cut and judged, found before or not.
    with patch.object(F, "_occurrences", lambda *args, found=frozenset(): every(*args)):
        plain = find_formulas(document)
    assert find_formulas(document).equals(plain)


def test_a_quoted_count_is_a_formula_after_words_that_reject_an_unquoted_one():
    def formulas(body):
        return find_formulas(_document(body))[["text", "kind", "quoted"]].values.tolist()

    # 十二大 names a party congress, unless the marks make the count a name of its own.
    assert formulas("落实“十二大任务”。") == [["十二大任务", "counted", True]]
    assert formulas("落实十二大任务。") == []
    assert formulas("这“三个转变”意义重大。") == [["三个转变", "counted", True]]
    assert formulas("这三个转变意义重大。") == []
    # A quotation opening at the numeral that the count does not fill: the words before it still reject the count.
    assert formulas("落实“十二大任务的安排”。") == [["十二大任务的安排", "abbreviation", True]]


# --- quotation cues by index ----------------------------------------------------------------------

_CUE_WORDS = st.lists(
    st.one_of(st.sampled_from([cue.cue for cue in quotation_cues()]), st.sampled_from(list("器石链网的新大"))), min_size=1, max_size=4
).map("".join)


@_SETTINGS
@given(words=_CUE_WORDS, kind=st.sampled_from(["figurative", "slogan", "other"]))
def test_the_cue_index_finds_the_first_matching_cue_of_the_table(words, kind):
    first = next((cue for cue in quotation_cues() if cue.kind == kind and _cue_matches(cue, words)), None)
    assert _first_cue(kind, words) == first
