"""The evaluation set and its scorer: gold files that anchor, match rules that hold, scores that do not fall."""

from __future__ import annotations

import hashlib
import json
import math

import pytest

from policytext.errors import PolicytextError
from policytext.evaluation import load_gold, load_set, score_document
from policytext import from_text
from policytext.compare import compare
from policytext.evaluation.observed import Item, Observed, reuse_items
from policytext.evaluation.report import evaluate, regressions, render, scores_json
from policytext.evaluation.scoring import quantity, same_quantity

from .helpers import ROOT

EVAL = ROOT / "data" / "eval"
COMMITTED = ROOT / "benchmarks" / "reports" / "accuracy.json"
KINDS_REQUIRED = 6


def _write(tmp_path, text: str, gold: str):
    (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "doc.gold.yaml"
    path.write_text("document: doc.txt\nkind: 党课\n" + gold, encoding="utf-8")
    return path


def _observed(**fields) -> Observed:
    empty = {"title": None, "salutation": None, "headings": (), "furniture": (), "redactions": (),
             "claims": (), "leaders": (), "formulas": (), "reuse": None}
    return Observed(**{**empty, **fields})


# --- the set itself ---------------------------------------------------------------------------

def test_every_gold_file_anchors_in_its_text():
    golds = load_set(EVAL)
    assert len(golds) >= 20
    for gold in golds:
        for anchor in (*gold.boilerplate, *gold.redactions, *gold.formulas, *(c.anchor for c in gold.claims),
                       *(leader.anchor for leader in gold.leaders), *(gold.reuse or ())):
            assert gold.raw[anchor.start:anchor.end] == anchor.text, (gold.name, anchor)


def test_every_document_has_provenance_and_is_unchanged():
    for text in sorted(EVAL.glob("*.txt")):
        record = json.loads(text.with_suffix(".provenance.json").read_text(encoding="utf-8"))
        assert {"title", "source_url", "site", "kind", "date", "completeness"} <= set(record), text.name
        assert hashlib.sha256(text.read_bytes()).hexdigest() == record["sha256"], text.name
        assert text.with_name(text.stem + ".gold.yaml").exists(), text.name


def test_the_set_covers_the_kinds_and_scripts():
    golds = load_set(EVAL)
    assert len({gold.kind for gold in golds}) >= KINDS_REQUIRED
    assert sum(gold.script == "traditional" for gold in golds) >= 3
    assert sum(bool(gold.redactions) for gold in golds) >= 3
    assert sum(gold.reuse is not None for gold in golds) >= 5


# --- gold files -------------------------------------------------------------------------------

def test_anchors_are_found_in_reading_order_after_the_previous_one(tmp_path):
    path = _write(tmp_path, "***总书记说，总书记又说", 'leaders:\n  - {text: "***总书记", who: 习近平}\n'
                  "  - {text: 总书记, who: 习近平}\nredactions:\n  - \"[***]总书记说\"\n")
    gold = load_gold(path)
    assert [(a.anchor.start, a.anchor.end) for a in gold.leaders] == [(0, 6), (8, 11)]
    assert [(r.start, r.end, r.text) for r in gold.redactions] == [(0, 3, "***")]


def test_an_anchor_missing_from_the_text_is_a_one_line_error(tmp_path):
    path = _write(tmp_path, "增长5%", "claims:\n  - {text: 增长6%, value: 6, unit: '%', kind: growth}\n")
    with pytest.raises(PolicytextError, match="增长6%"):
        load_gold(path)


def test_a_heading_marker_read_as_a_number_is_an_error(tmp_path):
    with pytest.raises(PolicytextError, match="quote 1."):
        load_gold(_write(tmp_path, "1.指导思想", "headings:\n  - [2, 1., 指导思想]\n"))
    assert load_gold(_write(tmp_path, "1.指导思想", "headings:\n  - [2, '1.', 指导思想]\n")).headings[0].marker == "1."


def test_a_feature_label_with_an_unquoted_colon_is_a_one_line_error(tmp_path):
    # YAML reads [第一个方面: marker] as a mapping; the report needs labels as strings.
    with pytest.raises(PolicytextError, match="features is a list of strings"):
        load_gold(_write(tmp_path, "正文", "features: [第一个方面: marker]\n"))
    assert load_gold(_write(tmp_path, "正文", "features: ['第一个方面: marker']\n")).features == ("第一个方面: marker",)


def test_a_redacted_claim_value_is_null(tmp_path):
    gold = load_gold(_write(tmp_path, "达××%", "claims:\n  - {text: 达××%, value: null, unit: '%', kind: share}\n"))
    assert math.isnan(gold.claims[0].value)


# --- match rules --------------------------------------------------------------------------------

def test_quantity_takes_multipliers_into_the_value():
    assert quantity(4704.3, "亿元") == pytest.approx((470430000000.0, "元"))
    assert quantity(8199, "萬噸") == (81990000.0, "吨")
    assert quantity(7.2, "个百分点") == (7.2, "百分点")
    assert quantity(1000, "万千瓦") == (10000000.0, "千瓦")  # 千瓦 is a unit, not 千 × 瓦
    assert same_quantity((39800, "元"), (3.98, "万元"))
    assert not same_quantity((39800, "元"), (9800, "元"))
    assert not same_quantity((18.5, "%"), (18.5, "个百分点"))
    assert same_quantity((math.nan, "%"), (math.nan, "%"))
    assert not same_quantity((math.nan, "%"), (5, "%"))
    assert not same_quantity((5, "%"), (math.nan, "%"))  # a number never matches a withheld figure
    assert not same_quantity((math.nan, "亿元"), (math.nan, "%"))  # nor a withheld figure of another unit
    assert not same_quantity((0, "%"), (math.nan, "%"))  # null is no zero


def test_claims_match_on_overlap_value_and_unit_and_score_year_on_matches(tmp_path):
    gold = load_gold(_write(tmp_path, "一、2023年回顾\n增长5.2%，从三万九千八百元增加到八万一千元。",
                            "claims:\n  - {text: 增长5.2%, value: 5.2, unit: '%', kind: growth, year: 2023}\n"
                            "  - {text: 三万九千八百元, value: 39800, unit: 元, kind: amount}\n"
                            "  - {text: 八万一千元, value: 81000, unit: 元, kind: amount}\n"))
    raw = gold.raw
    at = raw.index
    claims = (
        Item(at("增长"), at("%") + 1, "增长5.2%", value=5.2, unit="%", kind="growth", year=""),
        Item(at("三万"), at("三万") + 2, "三万", value=3, unit="万", kind="value"),
        Item(at("九千"), at("九千") + 5, "九千八百元", value=9800, unit="元", kind="amount"),
        Item(at("八万"), at("八万") + 5, "八万一千元", value=8.1, unit="万元", kind="amount"),
    )
    score = score_document(gold, _observed(claims=claims))
    tally = score.tallies["claims"]
    assert (tally.gold, tally.reported, tally.found, tally.right) == (3, 4, 2, 2)
    assert score.claim_year.gold == 1 and score.claim_year.found == 0
    wrong = [e for e in score.errors if e.field == "claims"]
    assert [e.what for e in wrong] == ["wrong"] and "三万 = 3 万" in wrong[0].got


def test_headings_need_level_marker_and_exact_title(tmp_path):
    gold = load_gold(_write(tmp_path, "一、总体要求\n（一）指导思想\n", "headings:\n  - [1, 一、, 总体要求]\n"
                            "  - [2, （一）, 指导思想]\n"))
    heads = (Item(0, 6, "总体要求", level=1, marker="一、"), Item(7, 14, "指导思想全面贯彻", level=2, marker="(一)"))
    score = score_document(gold, _observed(headings=heads))
    assert score.tallies["headings"].found == 1
    assert [(e.what, e.expected) for e in score.errors] == [("wrong", "L2 （一） 指导思想")]
    right = (heads[0], Item(7, 14, "指导思想。", level=2, marker="(一)"))
    assert score_document(gold, _observed(headings=right)).tallies["headings"].found == 2


def test_titles_ignore_line_wraps_and_inline_pinyin(tmp_path):
    gold = load_gold(_write(tmp_path, "x", "title: 印發《意見》的通知\nsalutation: null\n"))
    assert score_document(gold, _observed(title=Item(0, 1, "印發(fā)《意見》的\n通知"))).tallies["title"].found == 1
    assert score_document(gold, _observed(title=Item(0, 1, "印發《意見》"))).tallies["title"].found == 0
    spurious = score_document(gold, _observed(salutation=Item(0, 1, "同志们：")))
    assert spurious.tallies["salutation"].reported == 1 and spurious.tallies["salutation"].right == 0


def test_boilerplate_is_scored_by_coverage(tmp_path):
    text = "购物车\n我的足迹\n正文开始。\n(未完,全文共2010字)"
    gold = load_gold(_write(tmp_path, text, "boilerplate:\n  - 购物车\n  - 我的足迹\n  - (未完,全文共2010字)\n"))
    cut = text.index("正文")
    end = text.index("(未完")
    kept_out = (Item(0, cut, text[:cut]), Item(end, len(text), text[end:]))
    score = score_document(gold, _observed(furniture=kept_out))
    tally = score.tallies["boilerplate"]
    assert (tally.found, tally.gold, tally.right, tally.reported) == (3, 3, 2, 2)
    too_much = score_document(gold, _observed(furniture=(Item(0, end, text[:end]),))).tallies["boilerplate"]
    assert (tally.found, too_much.right, too_much.found) == (3, 0, 2)


def test_a_copy_of_the_title_kept_out_counts_neither_way(tmp_path):
    text = "某某党课\n栏目:实用文\n某某党课\n正文开始。"
    gold = load_gold(_write(tmp_path, text, "title: 某某党课\nboilerplate:\n  - 栏目:实用文\n"))
    cut = text.index("正文")
    tally = score_document(gold, _observed(furniture=(Item(5, cut, text[5:cut]),))).tallies["boilerplate"]
    assert (tally.found, tally.right, tally.reported) == (1, 1, 1)
    # Negative: other text kept out with the furniture still makes the stretch wrong.
    text = "某某党课\n栏目:实用文\n正文的第一句话。\n正文开始。"
    gold = load_gold(_write(tmp_path, text, "title: 某某党课\nboilerplate:\n  - 栏目:实用文\n"))
    cut = text.index("正文开始")
    tally = score_document(gold, _observed(furniture=(Item(5, cut, text[5:cut]),))).tallies["boilerplate"]
    assert (tally.right, tally.reported) == (0, 1)


def test_leaders_count_the_wrong_person(tmp_path):
    gold = load_gold(_write(tmp_path, "江总书记指出", "leaders:\n  - {text: 江总书记, who: 江泽民}\n"))
    wrong = score_document(gold, _observed(leaders=(Item(1, 4, "总书记", who="习近平"),)))
    assert wrong.wrong_person == 1 and wrong.tallies["leaders"].found == 0
    right = score_document(gold, _observed(leaders=(Item(0, 4, "江总书记", who="江泽民"),)))
    assert right.wrong_person == 0 and right.tallies["leaders"].found == 1


def test_claims_in_furniture_are_reported(tmp_path):
    text = "正文。\n(未完,全文共2010字)"
    gold = load_gold(_write(tmp_path, text, "boilerplate:\n  - (未完,全文共2010字)\n"))
    at = text.index("共2010")
    score = score_document(gold, _observed(claims=(Item(at, at + 5, "共2010", value=2010, unit=""),)))
    assert len(score.from_furniture) == 1 and "共2010" in score.from_furniture[0]


def test_stock_formulas_count_as_reuse_and_local_clauses_do_not():
    # The gold marks wording from central texts; a stock formula is such wording even if it has no one source.
    text = "会议讲话\n同志们：\n我们坚持以习近平新时代中国特色社会主义思想为指导，市科技局今年新建孵化器十二家。"
    table = compare(from_text(text)).clauses
    items = reuse_items(table)
    stock = [item for item in items if item.kind == "stock formula"]
    assert [item.text for item in stock] == ["我们坚持以习近平新时代中国特色社会主义思想为指导"]
    assert all("孵化器" not in item.text for item in items)
    assert len(items) == int((table["class"] != "local").sum() + (table.stock_formula != "").sum())


# --- the committed report -------------------------------------------------------------------

def test_regressions_name_every_fallen_score_and_accept_raised_ones():
    committed = {"documents": 2, "fields": {"claims": {"precision": 0.5, "recall": 0.5, "f1": 0.5},
                                           "reuse": {"precision": None, "recall": None, "f1": None}},
                 "claim_kind_accuracy": 0.8, "claim_year_accuracy": None, "wrong_person": 1, "from_furniture": 3}
    raised = {**committed, "fields": {"claims": {"precision": 0.9, "recall": 0.5, "f1": 0.64},
                                      "reuse": {"precision": 0.1, "recall": None, "f1": None}},
              "wrong_person": 0, "from_furniture": 0, "claim_year_accuracy": 0.2}
    assert regressions(committed, raised) == []
    fallen = {**raised, "documents": 3, "fields": {"claims": {"precision": 0.9, "recall": 0.4, "f1": 0.56}},
              "claim_kind_accuracy": 0.7, "wrong_person": 2}
    found = regressions(committed, fallen)
    assert len(found) == 4 and found[0].startswith("the evaluation set changed")
    assert "claims recall: 0.4 < 0.5" in found and "wrong_person: 2 > 1" in found


# --- the committed report -------------------------------------------------------------------

@pytest.fixture(scope="module")
def measured():
    golds, scores = evaluate(EVAL)
    return golds, scores, json.loads(scores_json(golds, scores))


def test_scores_do_not_fall_below_the_committed_report(measured):
    """Others may raise the scores (then rerun `make eval` and commit the report); none may fall."""
    _, _, now = measured
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    fallen = regressions(committed, now)
    assert not fallen, "scores fell below benchmarks/reports/accuracy.json: " + "; ".join(fallen)


def test_report_lists_every_document_and_the_rules(measured):
    golds, scores, _ = measured
    report = render(golds, scores)
    assert "Match rules" in report and "## F1 by document kind" in report
    for gold in golds:
        assert f"`{gold.name}`" in report
