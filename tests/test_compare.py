"""Reuse of central wording: alignment, classes, index, clauses, and the seed checked against a reading."""

from __future__ import annotations

import json
import math
from datetime import date

import pytest

from policytext import PolicytextError, from_text
from policytext.compare import (
    CLAUSE_COLUMNS,
    Thresholds,
    align,
    attributions,
    build_index,
    classify,
    split_clauses,
    compare,
    compare_clauses,
    format_edits,
    formulation_use,
    speech_date,
)
from policytext.compare.align import bigram_overlap, edits_between
from policytext.compare.clauses import speech_match_text
from policytext.compare.dating import date_bounds
from policytext.compare.attribution import CUE_OF_RULE, attributed_quotations
from policytext.compare.index import ShingleIndex
from policytext.compare.keyness import log_likelihood, log_ratio
from policytext.normalize import collapse_whitespace, normalize
from policytext.reference import ReferenceCorpus, load_reference, parse_reference_text
from policytext.rhetoric import find_quotations

from .helpers import FIXTURES

EXPECTED = json.loads((FIXTURES / "seed_reuse.json").read_text(encoding="utf-8"))


def norm(text: str) -> str:
    return collapse_whitespace(normalize(text)).text


@pytest.fixture(scope="module")
def comparison(seed_analysis):
    return seed_analysis.comparison()


@pytest.fixture(scope="module")
def clause_table(comparison):
    return comparison.clauses


# --- alignment and classes ----------------------------------------------------------------


def test_edits_read_from_central_to_local():
    edits = edits_between("让各类先进优质生产要素向发展新质生产力顺畅流动", "让各类优质创新要素向发展新质生产力顺畅流动")
    assert format_edits(edits) == "-先进; 生产→创新"
    assert [e.op for e in edits] == ["delete", "replace"]
    assert format_edits(edits_between("以科技创新推动产业", "通过以科技创新推动产业")) == "+通过"
    assert edits_between("相同", "相同") == ()


def test_alignment_grows_over_short_gaps_but_not_over_edge_words():
    local = "通过加快绿色科技创新和先进绿色技术推广应用"
    central = "加快绿色科技创新和先进绿色技术推广应用，做强绿色制造业"
    a = align(local, central)
    assert local[a.local_start : a.local_end] == central[a.central_start : a.central_end] == "加快绿色科技创新和先进绿色技术推广应用"
    assert a.identical and a.similarity == 1.0
    b = align("让各类优质创新要素向发展新质生产力顺畅流动", "要深化改革，让各类先进优质生产要素向发展新质生产力顺畅流动。")
    assert (b.local_start, b.local_end) == (0, 21)
    assert format_edits(b.edits) == "-先进; 生产→创新"
    assert b.anchor == 14


def test_a_word_replaced_at_the_edge_is_taken_in():
    a = align("我省作为全国先进制造研发基地", "习近平指出，天津作为全国先进制造研发基地，要发挥")
    assert format_edits(a.edits) == "天津→我省"
    # ...but not across punctuation in the central text, and not when the local head is long.
    assert align("我省作为全国先进制造研发基地", "，作为全国先进制造研发基地").local_start == 2
    assert align("全市科技系统作为全国先进制造研发基地", "天津作为全国先进制造研发基地").edits == ()


def test_no_alignment_without_shared_wording():
    assert align("谁就拥有创造更先进生产力的能力", "培育壮大新兴产业") is None


@pytest.mark.parametrize(
    "local, central, expected",
    [
        ("畅通教育、科技、人才的良性循环", "要按照发展新质生产力要求，畅通教育、科技、人才的良性循环，完善机制", "verbatim"),
        ("构建更具吸引力的人才培养、引进、使用、合理流动的工作机制", "完善人才培养、引进、使用、合理流动的工作机制", "verbatim"),
        ("让各类优质创新要素向发展新质生产力顺畅流动", "让各类先进优质生产要素向发展新质生产力顺畅流动", "near-verbatim"),
        ("关键核心技术加速突破", "在突破关键核心技术上抓紧攻关", "paraphrase"),
        ("谁拥有先进技术、前沿技术", "加强应用基础研究和前沿研究", "local"),
        # Too short to be reuse: a stock frame, not borrowed wording.
        ("习近平总书记指出", "习近平总书记指出：要以科技创新引领产业创新", "local"),
        # Figures are not wording: 12 of 121万亿元 does not make 年均增长12% a paraphrase.
        ("近五年年均增长12%以上",
         "国内生产总值增加到121万亿元，五年年均增长5.2%，十年增加近70万亿元、年均增长6.2%，在高基数基础上实现了中高速增长", "local"),
        # Shared bigrams scattered over a long sentence are not a paraphrase.
        ("科技服务业规模不断扩大", "科技创新要以服务国家战略为先，规模以上企业不断增加，产业扩大开放", "local"),
    ],
)
def test_classes(local, central, expected):
    overlap, _, _ = bigram_overlap(local, central)
    assert classify(local, align(local, central), overlap=overlap) == expected


def test_thresholds_are_options():
    local, central = "让各类优质创新要素向发展新质生产力顺畅流动", "让各类先进优质生产要素向发展新质生产力顺畅流动"
    strict = Thresholds(near_similarity=0.9)
    assert classify(local, align(local, central), thresholds=strict) == "local"


# --- index --------------------------------------------------------------------------------


def test_shingle_index_finds_the_sentence_that_shares_wording():
    texts = ["绿色发展是高质量发展的底色", "新质生产力本身就是绿色生产力", "培育壮大新兴产业", "绿色金融的牵引作用"]
    index = ShingleIndex(texts)
    found = index.candidates("新质生产力本身就是绿色生产力。", limit=2)
    assert found[0][0] == 1 and found[0][1] >= 10
    assert all(number != 2 for number, _ in found)
    assert index.candidates("与此毫不相干的句子") == []
    assert ShingleIndex([]).candidates("绿色发展") == []


def test_shingle_keys_are_the_same_in_every_process_and_take_any_string():
    from policytext.compare.index import shingle_keys

    keys = shingle_keys("新质生产力", 4)
    assert len(keys) == 2 and keys[0] != keys[1]
    assert list(shingle_keys("新质生产", 4)) == [keys[0]]
    # A stray surrogate (text from a broken decoder) is a character like any other.
    assert len(shingle_keys("新\ud800质生产", 4)) == 2


def test_shingle_index_skips_shingles_in_too_many_texts():
    texts = [f"发展新质生产力第{i}条" for i in range(50)] + ["发展新质生产力的核心要素"]
    assert ShingleIndex(texts, max_postings=10).candidates("发展新质生产力", min_shared=1) == []
    assert ShingleIndex(texts).candidates("发展新质生产力", min_shared=1)


def test_index_holds_central_parts_only(comparison):
    index = comparison.index
    levels = {index.sentence_part_of(s).level for s in range(index.size)}
    assert levels == {"central"}
    # 善作善成 alone is central wording (20th Congress report, 2024 work report); the count is Tianjin's.
    assert not any("四个善作善成" in index.sentence_text(s) for s in range(index.size))


# --- clauses ------------------------------------------------------------------------------


def test_clauses_split_at_clause_punctuation_and_long_quotations():
    doc = from_text("同志们：\n习近平总书记指出:“科技创新能够催生新产业、新模式、新动能,是发展新质生产力的核心要素。”实施科技支撑“双碳”重大专项,打造示范工程。")
    texts = [c.text for c in split_clauses(doc)]
    assert "科技创新能够催生新产业、新模式、新动能" in texts
    assert "是发展新质生产力的核心要素" in texts
    assert "实施科技支撑“双碳”重大专项" in texts  # a short quotation stays inside its clause
    for c in split_clauses(doc):
        assert doc.raw[c.start : c.end] == c.text


def test_clauses_read_the_analysis_view_and_keep_raw_spans():
    doc = from_text("党课\n同志们：\n我们要认识到，发(fā)展新质生产力是推动高质量发展的内在要求和重(zhòng)要着力点，各单位要抓好落实。")
    clause = next(c for c in split_clauses(doc) if "着力点" in c.text)
    # The raw span keeps the inline pinyin; the words compared with central texts do not.
    assert clause.text == "发(fā)展新质生产力是推动高质量发展的内在要求和重(zhòng)要着力点"
    assert speech_match_text(doc, clause.start, clause.end).text == "发展新质生产力是推动高质量发展的内在要求和重要着力点"
    corpus = ReferenceCorpus((parse_reference_text(
        "# title: 集体学习\n# level: central\n# date: 2024-01-31\n# ---\n发展新质生产力是推动高质量发展的内在要求和重要着力点。\n",
        doc_id="study"),))
    row = compare(doc, corpus, speech_date="2024-03-01").clauses.set_index("text").loc[clause.text]
    assert row["class"] == "verbatim" and row["source_id"] == "study"
    plain = next(c for c in split_clauses(doc) if c.text == "各单位要抓好落实")
    assert speech_match_text(doc, plain.start, plain.end).text == plain.text


def test_heading_markers_are_trimmed_where_the_outline_has_them():
    doc = from_text("党课\n同志们：\n要抓好三件事。\n一是加快发展新质生产力。要统筹推进，三件大事：一是抓好招商，二是抓好人才。")
    texts = [c.text for c in split_clauses(doc)]
    assert "加快发展新质生产力" in texts  # the heading's marker, as the outline reads it
    assert "一是抓好招商" in texts and "二是抓好人才" in texts  # a list inside a sentence is no heading


def test_seed_clauses_are_raw_spans_with_markers_stripped(seed):
    found = split_clauses(seed)
    for c in found:
        assert seed.raw[c.start : c.end] == c.text
        assert c.text[0] not in "(（，,”" and c.text[-1] not in "。，,；;：“"
        assert c.text.count("“") == c.text.count("”")  # a quotation inside a clause stays whole
    texts = [c.text for c in found]
    assert "高科技性" in texts and "推动技术革命性突破" in texts
    assert "新质生产力的“新”" in texts


# --- the seed, against the reading in tests/fixtures/seed_reuse.json ----------------------


def test_clause_table_columns(clause_table):
    assert tuple(clause_table.columns[: len(CLAUSE_COLUMNS)]) == CLAUSE_COLUMNS


@pytest.mark.parametrize("expected", EXPECTED["clauses"], ids=lambda e: e["clause"][:12])
def test_seed_reuse_matches_the_reading(comparison, clause_table, expected):
    rows = clause_table[clause_table.text == expected["clause"]]
    assert len(rows), f"no clause {expected['clause']!r}"
    if expected.get("relation") == "later echo":
        # A text dated after the speech is never its source: the clause stays local, the match is an echo.
        assert set(rows["class"]) == {"local"} and set(rows.echo_id) == {expected["source_id"]}
        rows = comparison.echoes[comparison.echoes.text == expected["clause"]]
        assert len(rows)
        for row in rows.itertuples():
            assert (row._5, row.source_id, row.source_date) == (expected["class"], expected["source_id"], expected["source_date"])
            assert row.source_text == expected["source"] and row.edits == expected.get("edits", "")
            assert row.days_after > 0
        return
    for row in rows.itertuples():
        assert getattr(row, "_5") == expected["class"]  # "class"
        assert row.source_id == expected["source_id"]
        assert row.source_date == expected["source_date"]
        assert row.aligned_text == expected["aligned"]
        assert row.source_text == expected["source"]
        assert row.edits == expected.get("edits", "")


@pytest.mark.parametrize("text", EXPECTED["local"])
def test_seed_local_clauses(clause_table, text):
    rows = clause_table[clause_table.text == text]
    assert len(rows) and set(rows["class"]) == {"local"}
    assert rows.source_id.isna().all()


def test_every_row_slices_both_raw_texts(seed, comparison, clause_table):
    reused = clause_table[clause_table.source_id.notna()]
    assert len(reused) >= 30
    for row in clause_table.itertuples():
        assert seed.raw[row.start : row.end] == row.text
    for row in reused.itertuples():
        doc = comparison.reference.document(row.source_id)
        assert doc.raw[row.source_start : row.source_end] == row.source_text
        assert seed.raw[row.aligned_start : row.aligned_end] == row.aligned_text
        assert row.start <= row.aligned_start < row.aligned_end <= row.end
        if getattr(row, "_5") == "verbatim":
            assert norm(row.aligned_text) == norm(row.source_text)
            assert row.similarity == 1.0
        elif getattr(row, "_5") == "near-verbatim":
            assert norm(row.aligned_text) != norm(row.source_text) and row.edits
        assert doc.parts[[p.label for p in doc.parts].index(row.source_part)].level == "central"


def test_sources_are_never_dated_after_the_speech(comparison, clause_table):
    # 科技创新能够催生… is also in the 2024 and 2025 Qiushi summaries; only the Politburo session came before.
    row = clause_table[clause_table.text == "科技创新能够催生新产业、新模式、新动能"].iloc[0]
    assert row.source_id == "01_politburo_study_20240131" and not row.after_speech
    reused = clause_table[clause_table.source_id.notna()]
    assert (reused.source_date.map(lambda d: date_bounds(d)[1]) <= date(2024, 2, 2)).all()
    later = clause_table[clause_table.text == "新质生产力由技术革命性突破催生"].iloc[0]
    assert later["class"] == "local" and later.echo_id == "08_qiushi_2024_11"
    assert (comparison.echoes.source_date.map(lambda d: date_bounds(d)[0]) > date(2024, 2, 2)).all()


@pytest.mark.parametrize("expected", EXPECTED["passages"], ids=lambda e: e["text"][:10])
def test_passages_rejoin_quotations(comparison, expected):
    passages = comparison.passages
    row = passages[passages.text == expected["text"]]
    assert len(row) == 1
    assert row["class"].item() == expected["class"] and row.source_id.item() == expected["source_id"]


def test_coverage_adds_up(comparison, clause_table):
    table = comparison.coverage(level=1)
    whole = table[table.section == "all"].iloc[0]
    assert whole.characters == int((clause_table.end - clause_table.start).sum())
    assert whole.verbatim + whole["near-verbatim"] + whole.paraphrase + whole.local == whole.characters
    assert list(table.section) == ["0", "1", "2", "3", "all"]
    parts = table[table.section != "all"]
    assert parts.characters.sum() == whole.characters
    assert parts.verbatim.sum() == whole.verbatim
    # Part one, which defines 新质生产力 in the Politburo's words, borrows more than parts two and three.
    share = dict(zip(table.section, table.share_reused))
    assert share["1"] > share["2"] and share["1"] > share["3"]
    assert 0.05 < whole.share_reused < 0.3


def test_section_similarity(comparison):
    table = comparison.section_similarity(level=1)
    # Against the topical central texts, not seventy years of work reports.
    assert set(table.source_id) == {d.id for d in comparison.topical.documents}
    assert len(comparison.topical.documents) == 9
    assert table.similarity.between(0, 1).all()
    part_one = table[table.section == "1"].set_index("source_id").similarity
    assert part_one.idxmax() == "01_politburo_study_20240131"


# --- formulations -------------------------------------------------------------------------


@pytest.mark.parametrize("expected", EXPECTED["formulations"], ids=lambda e: e["formulation"][:10])
def test_formulations_match_the_reading(comparison, expected):
    table = comparison.formulations
    row = table[table.formulation == expected["formulation"]].iloc[0]
    assert row.status == expected["status"]
    for piece in expected.get("local_contains", []):
        assert piece in row.local_text
    for piece in expected.get("edits_contains", []):
        assert piece in row.edits
    if "occurrences" in expected:
        assert row.occurrences == expected["occurrences"]


def test_formulation_spans_slice_the_speech(seed, comparison):
    table = comparison.formulations
    used = table[table.status != "absent"]
    assert len(used) >= 15 and (table.status == "absent").sum() >= 40
    for row in used.itertuples():
        span = seed.raw[row.start : row.end]
        if row.edits.startswith("reshaped enumeration"):
            position = 0
            for piece in row.local_text.split(" … "):
                position = span.index(piece, position)
        else:
            assert span == row.local_text
    absent = table[table.status == "absent"]
    assert absent.start.isna().all() and (absent.local_text == "").all()


def test_first_use_can_be_earlier_than_listed(comparison):
    table = comparison.formulations
    row = table[table.formulation == "以科技创新推动产业创新"].iloc[0]
    assert (row.source_id, row.source_date) == ("03_cewc_202312", "2023-12-11")
    assert row.gap_days == (date(2024, 2, 2) - date(2023, 12, 11)).days
    later = table[table.formulation == "健全因地制宜发展新质生产力体制机制"].iloc[0]
    assert later.gap_days < 0


def test_reshaped_enumeration_needs_headings():
    corpus = ReferenceCorpus(
        (parse_reference_text("具有高科技、高效能、高质量特征。", doc_id="c"),),
        formulations=load_reference().formulations.iloc[:3],
    )
    running = from_text("党课\n同志们:\n高科技企业很多,高效能的机制和高质量的服务都要抓。")
    row = formulation_use(running, corpus).set_index("formulation").loc["高科技、高效能、高质量"]
    assert row.status == "absent"
    headed = from_text("党课\n同志们:\n一、总体要求。(一)高科技性。要抓创新。(二)高效性。要抓效率。(三)人民性。要为人民。")
    row = formulation_use(headed, corpus).set_index("formulation").loc["高科技、高效能、高质量"]
    assert row.status == "modified" and row.local_text == "(一)高科技性 … (二)高效性"


# --- attributions -------------------------------------------------------------------------


@pytest.mark.parametrize("expected", EXPECTED["attributions"], ids=lambda e: e["text"][:8])
def test_attributions_match_the_reading(seed, comparison, expected):
    table = comparison.attributions
    row = table[table.text == expected["text"]].iloc[0]
    assert (row.cue, row.attributed_to, row.found) == (expected["cue"], expected["attributed_to"], expected["found"])
    assert seed.raw[row.start : row.end] == row.text
    if "source_id" in expected:
        assert row.source_id == expected["source_id"]
        doc = comparison.reference.document(row.source_id)
        assert doc.raw[row.source_start : row.source_end] == row.source_text
    if "edits" in expected:
        assert row.edits == expected["edits"]
    if "note_contains" in expected:
        assert expected["note_contains"] in row.note


def test_attributions_are_exactly_the_seeds_three(comparison):
    assert len(comparison.attributions) == 3


def _attributed(doc):
    return {q.text: q for q in attributed_quotations(doc, find_quotations(doc))}


def test_attribution_cues_positive_and_negative():
    doc = from_text(
        "党课\n同志们:\n习近平总书记强调:“要加快发展新质生产力。”他在会上提出“三个转变”重要要求。"
        "我们常说“投早、投小、投硬科技”。会议指出:“要统筹发展和安全”。"
        "习近平总书记关于“两个率先”的重要论述,我们要认真学习。"
    )
    found = _attributed(doc)
    # The quotation table's leader quotations, and no other: 他 and 会议 name no leader, 我们 is the speech itself.
    assert set(found) == {"要加快发展新质生产力。", "两个率先"}
    assert found["要加快发展新质生产力。"].cue == "quotation"
    assert found["两个率先"].cue == "speech reference"
    assert {q.attributed_to for q in found.values()} == {"习近平"}  # the leader as the leaders' table names him
    assert all(doc.raw[q.start : q.end] == q.text for q in found.values())


def test_a_requirement_is_the_quotation_tables_proposal_rule():
    # Far from its verb of saying, 提出“…”重要要求 is attributed by the proposal rule, to the sentence's first leader.
    doc = from_text("党课\n同志们:\n习近平总书记在视察期间同我们座谈，听取了全市科技创新和产业发展情况的汇报，对我们的工作给予充分肯定，并提出“两个率先”重要要求。")
    quotation = find_quotations(doc).iloc[0]
    assert (quotation.kind, quotation.rule) == ("leader", "leader proposes “…” as 重要要求")
    assert [(q.text, q.cue, q.attributed_to) for q in attributed_quotations(doc, find_quotations(doc))] == [
        ("两个率先", "requirement", "习近平")]


def test_a_requirement_beside_its_leader_is_still_a_requirement_and_a_quotation_still_a_quotation():
    # 提出 is also a verb of saying: what follows the marks (重要要求) tells a proposal from a quotation.
    near = from_text("党课\n同志们:\n习近平总书记亲临视察，对我市工作提出“四个善作善成”重要要求。")
    assert [(q.text, q.cue) for q in attributed_quotations(near, find_quotations(near))] == [("四个善作善成", "requirement")]
    said = from_text("党课\n同志们:\n习近平总书记提出“要加快发展新质生产力”，我们要认真落实。")
    assert [(q.text, q.cue) for q in attributed_quotations(said, find_quotations(said))] == [
        ("要加快发展新质生产力", "quotation")]


def test_every_leader_rule_has_a_cue_and_an_unknown_rule_is_an_error():
    assert set(CUE_OF_RULE.values()) == {"quotation", "speech reference", "requirement"}
    doc = from_text("党课\n同志们:\n习近平总书记指出:“要加快发展新质生产力。”")
    table = find_quotations(doc)
    assert table.rule.iloc[0] in CUE_OF_RULE
    table.loc[0, "rule"] = "a rule nobody mapped"
    with pytest.raises(PolicytextError, match="no attribution cue"):
        attributed_quotations(doc, table)


def test_a_comparison_without_the_quotation_table_says_how_to_get_one():
    doc = from_text("党课\n同志们:\n习近平总书记指出:“要加快发展新质生产力。”")
    corpus = ReferenceCorpus((parse_reference_text("# title: x\n# level: central\n# ---\n要加快发展新质生产力。\n", doc_id="x"),))
    with pytest.raises(PolicytextError, match="quotation table"):
        compare(doc, corpus).attributions
    assert compare(doc, corpus, quotations=find_quotations(doc)).attributions.found.tolist() == ["verbatim"]


def test_a_quotation_only_later_texts_hold_is_not_found():
    corpus = ReferenceCorpus((
        parse_reference_text("# title: 后来的讲话\n# level: central\n# date: 2025-03-05\n# ---\n要因地制宜发展新质生产力。\n", doc_id="later"),
    ))
    doc = from_text("党课\n同志们:\n习近平总书记指出:“要因地制宜发展新质生产力。”")
    row = attributions(doc, corpus, quotations=find_quotations(doc), speech_date=date(2024, 2, 2)).iloc[0]
    assert row.found == "not found" and row.source_id == "" and "later (2025-03-05)" in row.note
    row = attributions(doc, corpus, quotations=find_quotations(doc), speech_date=date(2025, 6, 1)).iloc[0]
    assert row.found == "verbatim" and row.source_id == "later"


def test_a_made_up_quotation_is_not_found():
    corpus = load_reference()
    doc = from_text("党课\n同志们:\n习近平总书记指出:“要把月球建成新质生产力的示范区。”")
    row = attributions(doc, corpus, quotations=find_quotations(doc)).iloc[0]
    assert row.found == "not found" and row.source_id == ""
    assert row.note == "not in the central texts or in any local part of the reference"


# --- keyness, dates -----------------------------------------------------------------------


def test_log_likelihood_and_log_ratio_by_hand():
    assert log_likelihood(10, 10, 1000, 1000) == pytest.approx(0.0)
    assert log_likelihood(1, 0, 1, 1) == pytest.approx(2 * math.log(2))
    # 20 in 1,000 against 5 in 1,000: expected 12.5 each.
    assert log_likelihood(20, 5, 1000, 1000) == pytest.approx(2 * (20 * math.log(20 / 12.5) + 5 * math.log(5 / 12.5)))
    assert log_ratio(4, 1, 100, 100) == pytest.approx(2.0)
    assert log_ratio(0, 4, 100, 100) == pytest.approx(-3.0)


def test_seed_keyness(comparison):
    table = comparison.keyness
    rows = table.set_index("word")
    assert rows.loc["成果转化", "direction"] == "over" and rows.loc["成果转化", "central"] == 0
    assert rows.loc["高质量发展", "direction"] == "under" and rows.loc["高质量发展", "p_below"] == 0.001
    assert table.log_likelihood.is_monotonic_decreasing
    seed = comparison.document
    for row in table.dropna(subset=["first_start"]).head(30).itertuples():
        assert normalize(seed.raw[row.first_start : row.first_end]) == row.word


def test_speech_date(seed):
    assert speech_date(seed) == date(2024, 2, 2)
    assert speech_date(seed, override="2024-03-01") == date(2024, 3, 1)
    with pytest.raises(PolicytextError, match="not a date"):
        speech_date(seed, override="spring")
    assert speech_date(from_text("党课\n同志们:\n发展。")) is None


def test_the_speech_period_is_computed_once_per_document():
    from policytext.dating import document_period, speech_period

    document = from_text("党课\n同志们:\n2023年12月，我们召开会议。2024年1月31日，中央政治局集体学习。到2035年基本实现。")
    period = speech_period(document)
    assert period == document_period(document) == (date(2024, 1, 31), date(2024, 1, 31))  # the latest named date, not a target
    assert speech_period(document) is period  # the document keeps it: leaders, indicators and the comparison share it
    # An override is the caller's, never the document's.
    assert speech_period(document, override="2024-03") == (date(2024, 3, 1), date(2024, 3, 31))
    assert document.speech_period is period


def test_the_speech_date_is_the_one_the_provenance_note_opens_with():
    # A later full date in the note (the page's upload) is another event, not the speech's day.
    note = "2003-07 (after the symposium of 2003-07-01; the page's time 2022-02-17 is the upload)"
    assert speech_date(from_text("发展。", provenance={"date": note})) == date(2003, 7, 1)
    # A full date inside the opening year refines it (the earliest day the speech can have been given).
    note = "2024 (after the inspection on 2024-02-01/02; not stated on the page)"
    assert speech_date(from_text("发展。", provenance={"date": note})) == date(2024, 2, 2)
    assert speech_date(from_text("发展。", provenance={"date": "1923-06"})) == date(1923, 6, 1)
    # A note that opens with words still gives its latest full date.
    assert speech_date(from_text("发展。", provenance={"date": "given on 2011-03-02"})) == date(2011, 3, 2)


def test_compare_clauses_with_a_prebuilt_index(seed, comparison):
    table = compare_clauses(seed, build_index(comparison.reference), speech_date=date(2024, 2, 2))
    assert (table["class"] == comparison.clauses["class"]).all()
    assert table.source_id.fillna("").equals(comparison.clauses.source_id.fillna(""))


def test_keyness_of_a_speech_without_words_is_empty_not_an_error():
    """Found by the fuzz run: a body of punctuation and digits has no tokens to compare."""
    from policytext import from_text
    from policytext.compare.keyness import keyness_table, log_ratio
    from policytext.reference import load_reference

    assert log_ratio(1, 2, 0, 10) == 0.0
    # Against the topical texts, as Comparison.keyness compares (seventy years of work reports add time, not cases).
    table = keyness_table(from_text("2。，“”12%"), load_reference().subset(collections=("central",)))
    assert len(table) == 0 or (table.speech == 0).all()
