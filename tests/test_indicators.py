"""Indicator tables: the seed's claims, hand-written positives and negatives, traditional script, CLI and CSV."""

from __future__ import annotations

import csv
import io
import json
import math
import re

import pytest

from policytext import from_text, load
from policytext.cli import main
from policytext.indicators import COLUMNS, KINDS, extract
from policytext.indicators import resources as res
from policytext.output import write_table

from .helpers import FIXTURES, SEED, real_text_files

EXPECTED = json.loads((FIXTURES / "seed_indicators.json").read_text(encoding="utf-8"))["claims"]


def claims_of(text: str):
    return extract(from_text(text))


def one(text: str):
    table = claims_of(text)
    assert len(table) == 1, table[["indicator", "raw"]].to_string()
    return table.iloc[0]


def same(expected, got) -> bool:
    if expected is None:
        return isinstance(got, float) and math.isnan(got)
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        return math.isclose(float(got), float(expected), rel_tol=1e-9)
    return got == expected


# --- the seed speech ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_table(seed_analysis):
    return seed_analysis.indicators()


def test_seed_finds_exactly_the_claims_read_from_the_speech(seed_table):
    assert list(seed_table.raw) == [e["raw"] for e in EXPECTED]


@pytest.mark.parametrize("index", range(len(EXPECTED)), ids=[f"{e['section']}:{e['raw']}" for e in EXPECTED])
def test_seed_claim_fields(seed_table, index):
    expected, got = EXPECTED[index], seed_table.iloc[index]
    wrong = {k: (v, got[k]) for k, v in expected.items() if not same(v, got[k])}
    assert not wrong


def test_seed_spans_slice_the_raw_file(seed, seed_table):
    for row in seed_table.itertuples():
        assert seed.raw[row.start : row.end] == row.raw
        sentence = seed.sentences.set_index("sentence").loc[row.sentence]
        assert sentence.start <= row.start < row.end <= sentence.end
        assert sentence.section == row.section


def test_seed_redacted_claims_keep_their_indicator(seed_table):
    hidden = seed_table[seed_table.redacted]
    assert len(hidden) == 6
    assert hidden.value.isna().all() and (hidden.indicator != "").all()
    assert hidden.raw.str.contains("××").all()


def test_seed_has_no_rows_from_years_markers_or_slogans(seed, seed_table):
    spans = list(zip(seed_table.start, seed_table.end))
    not_claims = ["四个善作善成", "三个方面", "“1+4”", "“从0到1”", "四类技术转移", "一核两翼多点", "2023年全球创新指数", "一批"]
    for phrase in not_claims:
        at = seed.raw.index(phrase)
        assert not any(s < at + len(phrase) and at < e for s, e in spans), phrase
    for section in seed.outline.walk():
        if section.marker:
            assert not any(s < section.start + len(section.marker) and section.start < e for s, e in spans), section.marker
    for year in re.finditer(r"(?:19|20)\d{2}年|(?<=“)2023", seed.body):
        at = seed.body_start + year.start()
        assert not any(s < at + len(year.group()) and at < e for s, e in spans), year.group()


# --- traditional characters -----------------------------------------------------------------

TRADITIONAL = "同志們：2023年，全市地區生產總值達到2,157.8億元，增長5.2%，研發投入強度為38.5%，居全國第三。"


def test_traditional_text_gives_correct_rows():
    document = from_text(TRADITIONAL)
    table = extract(document)
    assert list(table.raw) == ["達到2,157.8億元", "增長5.2%", "為38.5%", "居全國第三"]
    amount, growth, share, rank = (table.iloc[i] for i in range(4))
    assert (amount.value, amount.unit, amount.unit_normalised, amount.kind) == (2157.8, "亿元", "元", "amount")
    assert math.isclose(amount.value_normalised, 2.1578e11)
    assert (amount.indicator, amount.scope, amount.qualifier, amount.year) == ("地区生产总值", "全市", "达", "2023")
    assert (growth.value, growth.kind, growth.indicator) == (5.2, "growth", "地区生产总值")
    assert (share.value, share.unit, share.kind, share.indicator) == (38.5, "%", "share", "研发投入强度")
    assert (rank.value, rank.kind, rank.scope, rank.unit_normalised) == (3, "rank", "全国", "位")
    for row in table.itertuples():
        assert document.raw[row.start : row.end] == row.raw


# --- hand-written positives -----------------------------------------------------------------

POSITIVE = [
    # text, raw, kind, value, unit, value_normalised, unit_normalised, qualifier
    ("全市技术合同成交额突破1900亿元。", "突破1900亿元", "amount", 1900, "亿元", 1.9e11, "元", "突破"),
    ("研发人员达到3.2万人。", "达到3.2万人", "count", 3.2, "万人", 32000, "人", "达"),
    ("高新技术企业新增1200多家。", "新增1200多家", "count", 1200, "家", 1200, "家", "多、新增"),
    ("科技服务业近五年年均增长12%以上。", "年均增长12%以上", "growth", 12, "%", 12, "%", "年均、以上"),
    ("进出口总额下降3.1%。", "下降3.1%", "growth", -3.1, "%", -3.1, "%", ""),
    ("工业总产值平均每年递增百分之三十六点九。", "递增百分之三十六点九", "growth", 36.9, "%", 36.9, "%", ""),
    ("增幅比上年提高4.5个百分点。", "提高4.5个百分点", "growth", 4.5, "个百分点", 4.5, "个百分点", ""),
    ("城镇调查失业率5.4%。", "5.4%", "share", 5.4, "%", 5.4, "%", ""),
    ("企业利润增长约1.5倍。", "增长约1.5倍", "growth", 1.5, "倍", 1.5, "倍", "约"),
    ("经济总量翻一番。", "翻一番", "multiple", 2, "倍", 2, "倍", ""),
    ("集装箱吞吐量达到2218万标准箱。", "达到2218万标准箱", "quantity", 2218, "万标准箱", 2.218e7, "标准箱", "达"),
    ("百分之三十的企业完成转型，比重较高。", "百分之三十", "share", 30, "%", 30, "%", ""),
    ("全省引进五千亿元项目资金。", "五千亿元", "amount", 5000, "亿元", 5e11, "元", ""),
    ("综合实力位列全国第八。", "位列全国第八", "rank", 8, "", 8, "位", ""),
    ("研发投入强度连续保持全国前三。", "保持全国前三", "topn", 3, "", 3, "位", ""),
    ("多个学科进入ESI全球前1%。", "进入ESI全球前1%", "topn", 1, "%", 1, "%", ""),
    ("我市有12家企业进入中国企业500强。", "进入中国企业500强", "topn", 500, "强", 500, "位", ""),
    ("细分产业链增加值均实现两位数增长。", "均实现两位数增长", "magnitude", 10, "%", 10, "%", "均"),
    ("创新能力处于全国第一梯队。", "处于全国第一梯队", "tier", 1, "梯队", 1, "梯队", ""),
    ("消费价格指数为102.3。", "为102.3", "value", 102.3, "", 102.3, "", ""),
    # Chinese numerals read whole: powers, decimals, statistics spelt out
    ("人均国内生产总值从三万九千八百元增加到八万一千元。", "三万九千八百元", "amount", 39800, "元", 39800, "元", ""),
    ("人均国内生产总值从三万九千八百元增加到八万一千元。", "增加到八万一千元", "amount", 81000, "元", 81000, "元", ""),
    ("经济总量占世界经济的比重达百分之十八点五。", "达百分之十八点五", "share", 18.5, "%", 18.5, "%", "达"),
    ("比重提高七点二个百分点。", "提高七点二个百分点", "growth", 7.2, "个百分点", 7.2, "个百分点", ""),
    ("基本养老保险覆盖十亿四千万人。", "十亿四千万人", "count", 1.04e9, "人", 1.04e9, "人", ""),
    ("人均预期寿命增长到七十八点二岁。", "增长到七十八点二岁", "quantity", 78.2, "岁", 78.2, "岁", ""),
    ("全国八百三十二个贫困县全部摘帽。", "八百三十二个", "count", 832, "个", 832, "个", ""),
    ("十四亿多人口整体迈进现代化社会。", "十四亿多", "count", 14, "亿", 1.4e9, "", "多"),
    ("粮食总产量达到1.37万亿斤。", "达到1.37万亿斤", "quantity", 1.37, "万亿斤", 1.37e12, "斤", "达"),
    ("研发经费达到一点三七万亿元。", "达到一点三七万亿元", "amount", 1.37, "万亿元", 1.37e12, "元", "达"),
    ("上千万家庭受益。", "上千万", "count", 1000, "万", 1e7, "", "以上"),
    ("全省首个超百亿元水利工程开工。", "超百亿元", "amount", 100, "亿元", 1e10, "元", "超过"),
]


@pytest.mark.parametrize(("text", "raw", "kind", "value", "unit", "normalised", "unit_normalised", "qualifier"), POSITIVE,
                         ids=[p[1] for p in POSITIVE])
def test_positive(text, raw, kind, value, unit, normalised, unit_normalised, qualifier):
    table = claims_of(text)
    row = table[table.raw == raw]
    assert len(row) == 1, table[["indicator", "raw"]].to_string()
    row = row.iloc[0]
    assert (row.kind, row.unit, row.unit_normalised, row.qualifier) == (kind, unit, unit_normalised, qualifier)
    assert math.isclose(row.value, value) and math.isclose(row.value_normalised, normalised)


def test_count_names_the_noun_it_counts_up_to_the_predicate():
    table = claims_of("我市有12家企业进入中国企业500强。")
    assert list(table.indicator) == ["企业", "企业"] and table.scope.iloc[1] == "中国"


def test_count_names_the_noun_it_counts():
    row = one("2023年，全市12条重点产业链持续壮大。")
    assert (row.indicator, row.value, row.unit, row.scope, row.year) == ("重点产业链", 12, "条", "全市", "2023")


def test_enumeration_gives_the_category_and_quotes_are_dropped():
    row = one("南开大学、天津大学等“双一流”高校5家。")
    assert row.indicator == "双一流高校"
    assert one("高等院校56家。").indicator == "高等院校"  # 等 inside a word is no enumeration


def test_attribute_takes_its_owner_from_the_claim_before():
    table = claims_of("2023年，全市技术合同达到15107项，成交额突破1900亿元、增长16.7%。")
    assert list(table.indicator) == ["技术合同", "技术合同成交额", "技术合同成交额"]
    assert list(table.kind) == ["count", "amount", "growth"]
    assert set(table.scope) == {"全市"} and set(table.year) == {"2023"}


def test_respectively_distributes_values_over_the_list():
    table = claims_of("2023年，战略性新兴服务业、科技服务业营业收入分别增长14.4%、14.2%。")
    assert list(table.indicator) == ["战略性新兴服务业营业收入", "科技服务业营业收入"]
    assert list(table.value) == [14.4, 14.2] and set(table.kind) == {"growth"}


def test_redacted_value_is_a_row_but_redacted_place_is_not():
    table = claims_of("××列全球第36位，制造业贷款余额增长××，视察××重要讲话，提供“××方案”。")
    assert list(table.raw) == ["列全球第36位", "增长××"]
    hidden = table.iloc[1]
    assert hidden.redacted and math.isnan(hidden.value) and hidden.indicator == "制造业贷款余额"
    assert hidden.kind == "growth"


def test_year_of_the_opening_clause_covers_the_sentence_but_a_later_one_only_its_clause():
    table = claims_of("2023年，甲指标增长5%，近五年乙指标年均增长8%，丙指标增长3%。")
    assert list(zip(table.year, table.period)) == [("2023", ""), ("", "近五年"), ("2023", "")]
    table = claims_of("甲产业规模扩大，乙指标2022年达7%，丙指标为3%。")
    assert list(table.year) == ["2022", ""]


REPORT = "一、2023年工作回顾\n过去一年，城镇新增就业1244万人。国内生产总值增长5.2%。\n二、今后五年的任务\n今年粮食产量达到1.3万亿斤，近五年年均增长6%。"


def test_year_from_the_heading_above_or_counted_back_from_the_documents_date():
    table = extract(from_text(REPORT, provenance={"date": "2024-03-05"}))
    assert list(zip(table.raw, table.year, table.period)) == [
        ("1244万人", "2023", "过去一年"), ("增长5.2%", "2023", ""), ("达到1.3万亿斤", "2024", "今年"), ("年均增长6%", "", "近五年")]


def test_without_a_date_a_relative_year_takes_the_headings_or_stays_empty():
    table = extract(from_text(REPORT))
    assert list(table.year) == ["2023", "2023", "", ""]
    # 比去年 compares with a base year, it does not date the claim.
    assert one("比去年增长3%。").year == ""


def test_years_in_chinese_digits_and_comparison_bases():
    table = claims_of("一九五三年工业总产值比一九五二年增加了百分之三十三。拿一九五四年的产量同一九四九年比较：电力一百零八亿度，等于一九四九年的二点五倍。")
    assert list(zip(table.raw, table.year)) == [("增加了百分之三十三", "1953"), ("一百零八亿度", "1954"), ("二点五倍", "1954")]
    assert one("产值比2022年增长5%。").year == ""


def test_now_dates_a_figure_only_opening_a_clause():
    document = from_text("现在共有党员四百二十人。", provenance={"date": "1923-06"})
    assert list(zip(extract(document).year, extract(document).period)) == [("1923", "现在")]
    document = from_text("这体现在1200家企业上。", provenance={"date": "1923-06"})
    # 体现在 holds no 现在: the year is the document's date's, not one the sentence states.
    assert list(zip(extract(document).year, extract(document).year_source, extract(document).period)) == [("1923", "document", "")]


def test_a_paragraph_opening_with_a_year_dates_the_paragraphs_after_it():
    text = "各位代表：\n2024年全市上下奋发进取。\n过去的一年，成绩来之不易。\n（一）经济实力实现新跃升。地区生产总值完成4704.3亿元。\n"
    assert list(extract(from_text(text)).year) == ["2024"]
    # A dateline or a speech's 现在，我代表… gives no year to the figures after it.
    text = "（2022年10月16日）\n2022年10月16日\n现在，我代表中央委员会作报告。\n人均国内生产总值从三万九千八百元增加到八万一千元。\n"
    assert set(extract(from_text(text, provenance={"date": "2022-10-16"})).year) == {""}
    # Within a paragraph a year stated later does not carry: only an opening one does.
    assert list(claims_of("我们做了很多工作，2024年成绩显著。地区生产总值完成4704.3亿元。").year) == [""]


def dated(text: str, date: str | None = "2024-03-05"):
    table = extract(from_text(text, provenance={"date": date} if date else {}))
    return list(zip(table.raw, table.year, table.year_source, table.period))


def test_a_figure_about_the_present_takes_the_year_of_the_documents_date():
    assert dated("刚才九个部门作了发言，来自 34 个界别的委员参加。") == [
        ("九个", "2024", "document", ""), ("34 个", "2024", "document", "")]
    # No date, no year; a stated year is the sentence's own.
    assert dated("刚才九个部门作了发言。", None) == [("九个", "", "", "")]
    assert dated("2022年全市新增企业300家。") == [("300家", "2022", "stated", "")]


def test_targets_hypotheses_the_past_and_changes_take_no_year_from_the_date():
    assert dated("力争新增企业300家。") == [("300家", "", "", "")]
    assert dated("如果每亩增产五十斤，全国可增产粮食一百亿斤。")[-1][1:3] == ("", "")
    assert dated("当年全县只有300家工厂。") == [("只有300家", "", "", "")]
    assert dated("国内生产总值从五十四万亿元增长到一百一十四万亿元。") == [
        ("五十四万亿元", "", "", ""), ("增长到一百一十四万亿元", "", "", "")]
    # A figure before the change in the same clause is still of the present.
    assert [row[2] for row in dated("全市有企业300家，产值从50亿元增加到80亿元。")] == ["document", "", ""]


def test_a_section_or_passage_gives_its_year_or_its_span():
    report = "各位代表：\n一、过去五年的工作\n城镇新增就业1244万人。\n二、今年的主要任务\n粮食产量保持在1.3万亿斤以上。\n"
    assert dated(report) == [("1244万人", "", "", "过去五年"), ("保持在1.3万亿斤以上", "2024", "section", "")]
    # 工作回顾 in a report dated March 2024 reviews 2023; a heading that looks back on history does not.
    assert dated("各位代表：\n一、工作回顾\n全市新增企业300家。\n") == [("300家", "2023", "section", "")]
    assert dated("同志们：\n一、回顾党的历史\n全市新增企业300家。\n") == [("300家", "2024", "document", "")]
    # A paragraph opening with a span covers the paragraphs after it, until another time opens one.
    text = "同志们：\n近五年来，我们砥砺奋进。\n全市新增企业300家。\n2023年，我们再接再厉。\n新增企业50家。\n"
    assert dated(text) == [("300家", "", "", "近五年来"), ("50家", "2023", "section", "")]


def test_a_clause_opening_with_qizhong_shares_the_time_of_the_figure_before():
    text = "去年我们只有二百名党员，今年入党的大约有二百人，其中有一百三十个工人。"
    assert [row[1] for row in dated(text, "1923-06")] == ["1922", "1923", "1923"]
    # A year in a middle clause is that clause's own: it does not date the clauses after it.
    text = "科技创新是核心，研发投入强度2022年达3%，近五年保持全国前三，创新型城市建设处于全国第一方阵。"
    assert [row[1:] for row in dated(text)] == [("2022", "stated", ""), ("", "", "近五年"), ("2024", "document", "")]


def test_last_year_and_the_year_before_count_back_from_the_date_but_not_as_a_base():
    assert dated("上年全市新增企业300家，前年新增200家。") == [
        ("300家", "2023", "stated", "上年"), ("新增200家", "2022", "stated", "前年")]
    assert dated("地区生产总值比上年增长5%。") == [("增长5%", "2024", "document", "")]
    # 以上 before 年 is no 上年.
    assert dated("60岁以上年龄的党员共300名。")[-1][3] == ""


def test_a_speech_date_in_the_note_that_is_an_upload_does_not_date_the_figures():
    note = "2003-07 (after the symposium of 2003-07-01; the page's time 2022-02-17 is the upload)"
    assert dated("中央党校等8个部门联合召开研讨会。", note) == [("8个", "2003", "document", "")]


def test_chinese_numerals_counting_people_places_and_organisations_are_figures():
    table = claims_of("中央委员会的成员只有五人，再增加两名委员。刚才九个部门发言，五个县区作了汇报，目前三家企业上市。")
    assert list(zip(table.raw, table.value, table.unit)) == [
        ("只有五人", 5, "人"), ("增加两名", 2, "名"), ("九个", 9, "个"), ("五个", 5, "个"), ("三家", 3, "家")]
    assert list(table.indicator)[2:] == ["部门", "县区", "企业"]
    # Abstractions, a single one, and 前三 inside 目前三 stay out.
    assert claims_of("从三个方面入手，增强四个意识，一个人，两个市场。").empty
    assert "topn" not in set(claims_of("目前三家企业上市。").kind)


def test_first_place_is_rank_one_but_a_priority_is_not():
    row = one("货物贸易总额稳居世界首位。")
    assert (row.value, row.kind, row.scope) == (1, "rank", "世界")
    assert claims_of("把人民利益放在首位。").empty


def test_spaced_digits_ranges_and_halves():
    table = claims_of("来自 34 个界别的 220 余位委员参加了 10 节专题授课、2 场分组讨论。")
    assert list(zip(table.value, table.unit)) == [(34, "个"), (220, "位"), (10, "节"), (2, "场")]
    table = claims_of("产量要多五、六倍，二斤半薯类可以顶一斤粮食，减少粮食二、三十亿斤，一、二千万亩粮田。")
    assert list(zip(table.raw, table.value, table.unit)) == [
        ("五、六倍", 5, "倍"), ("二斤半", 2.5, "斤"), ("一斤", 1, "斤"), ("二、三十亿斤", 20, "亿斤"), ("一、二千万亩", 1000, "万亩")]


def test_a_magnitude_before_a_redaction_is_a_figure():
    assert one("凝聚33万xx人民的力量。").value_normalised == 330000


def test_a_redacted_number_may_keep_its_decimal_point():
    row = one("攻坚克难，xxxx.xxxx万贫困人口全部脱贫。")
    assert row.redacted and row.raw == "xxxx.xxxx万" and row.unit == "万" and math.isnan(row.value)


def test_a_redacted_rank_is_a_hidden_value():
    row = one("研发投入强度居全省第xx位。")
    assert row.redacted and math.isnan(row.value) and (row.kind, row.scope) == ("rank", "全省")
    assert claims_of("第xx章").empty


def test_target_opening_is_a_qualifier():
    assert one("力争全国重点实验室突破20家。").qualifier == "力争、突破"
    assert one("力争全国重点实验室突破20家。").indicator == "全国重点实验室"  # a name, not scope + noun


def test_chinese_numeral_claims_name_what_they_count():
    table = claims_of("全国八百三十二个贫困县全部摘帽，近一亿农村贫困人口实现脱贫，拥有九千六百多万名党员。上千万家庭受益。")
    assert list(table.indicator) == ["贫困县", "农村贫困人口", "党员", "家庭"]
    assert list(table.value_normalised) == [832, 1e8, 9.6e7, 1e7]


def test_from_and_to_values_name_the_same_indicator():
    table = claims_of("人均国内生产总值从三万九千八百元增加到八万一千元。")
    assert list(table.indicator) == ["人均国内生产总值", "人均国内生产总值"]
    assert list(table.value) == [39800, 81000]


def test_a_bare_magnitude_before_a_verb_keeps_the_phrase_before_it():
    assert one("裁减现役员额三十万胜利完成。").indicator == "裁减现役员额"


def test_normalised_values_have_no_floating_point_artefacts(tmp_path):
    table = claims_of("全市地区生产总值达到1073.6亿元，粮食产量1.37万亿斤。")
    assert list(table.value_normalised) == [107360000000.0, 1370000000000.0]
    written = write_table(table, "claims", outdir=tmp_path).read_text(encoding="utf-8-sig")
    assert "107360000000.0" in written and "99999" not in written and "00002" not in written


NEGATIVE = [
    "对我省工作提出“四个善作善成”重要要求。",
    "形成路径主要包括三个方面：一是推动技术突破。",
    "完善“1+4”市场化技术转移体系。",
    "开展“从0到1”的前瞻性研究。",
    "一、提高认识\n（三）人民性。\n1. 加强领导。\n（2）完善机制。",
    "2023年是全面贯彻党的二十大精神的开局之年。",
    "2月18日召开全省大会，2024年1月23日通过。",
    "加快5G基站和C919大飞机建设。",
    "第三，做好保障工作。科技是第一生产力。",
    "前三季度经济运行平稳，目前三大产业协调。",
    "取得一批重大成果，完善四类技术转移服务体系，打造一支战略科技力量。",
    "党的二十届三中全会，经过新时代10年的奋斗，用3年时间完成。",
    "《求是》2024年第11期。",
    "南开大学、××大学等高校，构建××实验室体系。",
    "百家争鸣，走进千家万户，三个人才项目。",
    "关心60岁以上老年人。",
    "一千多年来，十四个方面。",
    "受益几十亩到几百亩的工程，数百亿斤。",
    "以百倍的努力，实施新一轮千亿斤粮食产能提升行动。",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_negative(text):
    table = claims_of(text)
    assert table.empty, table[["indicator", "raw"]].to_string()


# --- real files, CLI, CSV -------------------------------------------------------------------


@pytest.mark.parametrize("path", real_text_files(), ids=lambda p: p.name)
def test_real_files_spans_slice_raw(path):
    document = load(path)
    table = extract(document)
    assert list(table.columns) == list(COLUMNS)
    assert set(table.kind) <= set(KINDS)
    for row in table.itertuples():
        assert document.raw[row.start : row.end] == row.raw
        assert row.indicator or row.kind == "value"


def test_unit_table_is_consistent():
    for unit in res.units().values():
        assert unit.kind in KINDS and unit.factor > 0 and unit.unit_normalised
    assert all(c.position in {"before", "after", "inner", "opening", "phrase", "undated"} for c in res.cues())


def test_csv_has_bom_one_row_per_claim_and_spans_slice_the_raw_file(seed, seed_table, tmp_path):
    path = write_table(seed_table, "indicators", outdir=tmp_path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == len(EXPECTED)
    raw = SEED.read_bytes().decode(seed.encoding)
    for row in rows:
        assert raw[int(row["start"]) : int(row["end"])] == row["raw"]


def test_cli_csv_and_json(capsys):
    assert main(["indicators", str(SEED)]) == 0
    out = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == list(COLUMNS) and len(rows) == len(EXPECTED)
    assert main(["indicators", str(SEED), "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert records[0]["raw"] == "达××%" and records[0]["value"] is None and records[0]["redacted"] is True


def test_cli_bad_path_is_one_line_and_exit_2(tmp_path, capsys):
    assert main(["indicators", str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file" in err


def test_an_ill_formed_chinese_numeral_is_not_a_claim_and_not_a_crash():
    """Found by the benchmark on the 1950s government work reports: 一千千 is no number for cn2an."""
    from policytext import from_text
    from policytext.indicators import extract

    rows = extract(from_text("我们要建设一千千人铁路,粮食产量增长12%。"))
    assert list(rows.raw) == ["增长12%"]


def test_the_thousand_of_a_metric_unit_is_no_power_of_the_number():
    """一千千米 is 1000 千米: the 千 of 千米, 千克, 千瓦 belongs to the unit."""
    rows = claims_of("我们要建设一千千米铁路，新增装机三百千瓦，储备粮食五千千克。")
    assert list(zip(rows.value, rows.unit, rows.value_normalised)) == [(1000, "千米", 1e6), (300, "千瓦", 300), (5000, "千克", 5000)]
    # Without a metric unit after it, 千 is a power as ever.
    assert list(claims_of("修建公路三千公里。").value) == [3000]


def test_claims_read_the_analysis_view_so_inline_pinyin_does_not_split_a_name():
    """研(yán)发 is one word for the claim's name; the claim's span still points into the raw text."""
    from policytext import from_text

    document = from_text("同志们：\n今年全市研(yán)发投入强度达到3.5%，比上年提高0.2个百分点。\n")
    table = extract(document)
    assert table["indicator"].tolist() == ["研发投入强度", "研发投入强度"]
    for row in table.itertuples():
        assert document.raw[row.start : row.end] == row.raw
    plain = extract(from_text("同志们：\n今年全市研发投入强度达到3.5%，比上年提高0.2个百分点。\n"))
    assert plain[["indicator", "value", "unit"]].values.tolist() == table[["indicator", "value", "unit"]].values.tolist()


# --- names, joined values, numerals inside words (issue 13) ---------------------------------


def test_a_chinese_numeral_inside_a_word_is_no_number():
    assert claims_of("要打破城乡二元经济结构，七台河市发展迅速。").empty
    # After a value word the same characters state a price; a figure jieba also lists as a noun stays one.
    assert list(claims_of("每斤售价为二元。").value_normalised) == [2]
    assert list(claims_of("今年入党的大约有二百人。").value) == [200]


def test_values_joined_by_and_or_a_dash_share_the_name_and_kind():
    table = claims_of("研发投入和产出分别增长10%和12%。")
    assert list(zip(table.indicator, table.value, table.kind)) == [("研发投入", 10, "growth"), ("产出", 12, "growth")]
    table = claims_of("居民收入预计增长3%-5%。")
    assert list(zip(table.indicator, table.value, table.kind)) == [("居民收入", 3, "growth"), ("居民收入", 5, "growth")]
    table = claims_of("至少完成四千万亩到五千万亩荒地开垦的规划设计工作。")
    assert list(zip(table.indicator, table.value_normalised)) == [("荒地", 4e7), ("荒地", 5e7)]
    # Typeset text puts a space after the lead word; a 和 inside a listed name does not split it.
    table = claims_of("化学需氧量、二氧化硫排放量分别下降 9.66%和13.14%。")
    assert list(zip(table.indicator, table.value)) == [("化学需氧量", -9.66), ("二氧化硫排放量", -13.14)]
    table = claims_of("信息传输、租赁和商务服务业增加值分别增长10.4%、9.1%。")
    assert list(table.indicator) == ["信息传输增加值", "租赁和商务服务业增加值"]
    # Two clauses, two names.
    assert list(claims_of("出口增长5%，进口增长3%。").indicator) == ["出口", "进口"]


def test_a_threshold_after_the_figure_is_not_what_it_measures():
    row = one("粮食产量迈上1.3万亿斤大关。")
    assert (row.indicator, row.value_normalised, row.qualifier) == ("粮食产量", 1.3e12, "")
    assert one("全市GDP突破千亿元大关。").indicator == "GDP"
    # A noun after a count is still what it counts.
    assert one("全市有12条重点产业链。").indicator == "重点产业链"


def test_a_phrase_without_a_noun_names_nothing():
    table = claims_of("电力一百零八亿度，等于一九四九年的二点五倍。")
    assert list(table.indicator) == ["电力", "电力"]
    row = one("围绕6.5%经济发展目标。")
    assert (row.indicator, row.kind, row.qualifier) == ("经济发展", "growth", "目标")
    row = one("城镇化率达到65%。")
    assert (row.indicator, row.kind) == ("城镇化率", "share")


def test_the_nearest_noun_phrase_drops_function_words_but_keeps_verbs_that_name():
    assert one("全市共向灾区捐款100万元。").indicator == "灾区捐款"
    table = claims_of("现在共有党员四百二十人，其中在国外的有四十四人。")
    assert list(zip(table.indicator, table.qualifier)) == [("党员", "共"), ("国外", "")]
    assert one("地区生产总值完成4704.3亿元。").indicator == "地区生产总值"
    assert one("带动玉工回归6.2万人。").indicator == "带动玉工回归"


def test_an_attribute_before_a_threshold_does_not_borrow_an_owner():
    table = claims_of("地区生产总值增长6.1%，规模以上工业增加值增长9.5%。")
    assert list(table.indicator) == ["地区生产总值", "规模以上工业增加值"]
    table = claims_of("技术合同达到15107项，成交额突破1900亿元。")
    assert list(table.indicator) == ["技术合同", "技术合同成交额"]


def test_more_than_inside_a_multiplier():
    for text in ("全年财政收入达1.2万余亿元。", "全年财政收入1.2万亿余元。"):
        row = one(text)
        assert (row.indicator, row.value, row.unit, row.value_normalised, row.kind) == ("财政收入", 1.2, "万亿元", 1.2e12, "amount")
        assert "多" in row.qualifier


def test_counts_of_occasions_before_a_verb():
    table = claims_of("总书记三次到团组参加讨论，三次对新质生产力作出阐释。全年召开常委会会议12次。")
    assert list(zip(table.value, table.unit, table.kind)) == [(3, "次", "count"), (3, "次", "count"), (12, "次", "count")]
    assert table.indicator.iloc[0] == "到团组参加讨论"
    # A session's ordinal, a policy term and a single time are no counts.
    assert claims_of("十四届全国人大二次会议召开。经市政府十七届61次常务会议审议。推进三次分配。一次到位。").empty


def test_a_redacted_name_between_a_magnitude_and_its_noun():
    row = one("在统一思想中凝聚33万xx人民的智慧和力量。")
    assert (row.indicator, row.kind, row.value_normalised) == ("人民", "count", 330000)


def test_qualifiers_declines_and_per_capita_units_in_ordinary_report_sentences():
    table = claims_of("经济增长5%左右，城镇新增就业1200万人以上，出口下降3.2%，人均可支配收入3.5万元，粮食产量翻一番。")
    assert list(zip(table.indicator, table.value, table.qualifier, table.kind)) == [
        ("经济", 5, "约", "growth"), ("城镇新增就业", 1200, "以上", "count"), ("出口", -3.2, "", "growth"),
        ("人均可支配收入", 3.5, "", "amount"), ("粮食产量", 2, "", "multiple")]


def test_the_lower_end_of_a_range_takes_the_unit_written_after_the_upper_one():
    table = claims_of("研发投入强度提高3至5个百分点，新建学校3-5所。")
    assert list(zip(table.indicator, table.value, table.unit, table.kind)) == [
        ("研发投入强度", 3, "个百分点", "growth"), ("研发投入强度", 5, "个百分点", "growth"),
        ("新建学校", 3, "所", "count"), ("新建学校", 5, "所", "count")]
    assert list(claims_of("增长百分之五到百分之六。").kind) == ["growth", "growth"]
    # A span of years and a range of ordinals are no figures.
    assert claims_of("用3到5年时间，修订第3至5条。").empty


def test_a_full_width_comma_between_thousands_is_a_separator_not_a_clause_break():
    table = claims_of("煤炭产量增加1，000万吨，钢产量2,157.8万吨。")
    assert list(zip(table.indicator, table.value_normalised)) == [("煤炭产量", 1e7), ("钢产量", 21578000)]
    # Before a count of something else the comma ends the clause.
    table = claims_of("增长5%，100家企业受益。")
    assert list(zip(table.raw, table.value)) == [("增长5%", 5), ("100家", 100)]


def test_years_from_2000_in_chinese_digits_and_a_typeset_zero():
    table = claims_of("即由一九八○年的七千一百亿元增加到二○○○年的二万八千亿元左右。")
    assert list(zip(table.value, table.unit, table.year)) == [(7100, "亿元", "1980"), (28000, "亿元", "2000")]


def test_times_with_a_growth_verb_are_a_change():
    assert list(claims_of("粮食增产一点四倍，棉花减产百分之五。").kind) == ["growth", "growth"]
    assert one("产量等于一九四九年的二点五倍。").kind == "multiple"


def test_a_round_chinese_count_after_a_value_word_ending_its_clause_is_a_figure():
    row = one("同我国建立外交关系的国家增加到近百个。")
    assert (row.value, row.kind, row.qualifier) == (100, "count", "近")
    # Before a noun the count is rhetoric, value word or not.
    assert claims_of("达到三个方面的要求，抓好十项工作。").empty


def test_a_bare_magnitude_of_people_counts_them():
    row = one("必须力争把我国人口控制在十二亿以内。")
    assert (row.value_normalised, row.kind) == (1.2e9, "count")
    assert one("财政收入达到十二亿。").kind == "value"


def test_a_page_number_after_a_title_is_no_value():
    assert claims_of("12.市纪委监委2022年工作总结和2023年工作安排 88\n").empty
    assert list(claims_of("排放量分别下降 9.66%。").value) == [-9.66]


# --- issue 13: redacted figures, places counted, thresholds, labels and names -----------------


def _rows(text: str) -> list[tuple]:
    table = claims_of(text)
    return [(r.raw, None if math.isnan(r.value) else r.value, r.unit, r.kind, r.redacted) for r in table.itertuples()]


def test_a_redacted_figure_may_stand_apart_from_its_unit():
    # Typeset survey reports put a space between a withheld figure and its unit, a bare 万 included.
    assert _rows("全县现辖 XX 镇，人口 XX 万。") == [("XX 镇", None, "镇", "count", True), ("XX 万", None, "万", "count", True)]
    # A withheld place name or an ordinal is no figure: 县 is no unit, 大 counts only places and facilities.
    assert claims_of("XX 县农村工作情况调研报告，党的 XX 大以来，变化很大。").empty


def test_single_marks_and_blanks_are_figures_where_the_redaction_detector_finds_them():
    assert _rows("比全省高出X个百分点，累计*亿元。") == [
        ("X个百分点", None, "个百分点", "growth", True), ("累计*亿元", None, "亿元", "amount", True)]
    assert _rows("整修线路___条公里，入户率达到___%。") == [
        ("___条公里", None, "条公里", "quantity", True), ("达到___%", None, "%", "share", True)]
    # The lower end of a range withheld: it takes the unit of the upper one.
    assert _rows("多的___—8场。") == [("___", None, "场", "count", True), ("8场", 8, "场", "count", False)]
    # Marks the detector does not take for a redaction (a Latin word's X), and a blank where the page stops.
    assert claims_of("共有MAX个。").empty
    assert claims_of("占应装户的比例为___").empty


def test_a_redacted_value_is_null_never_zero_in_every_output(tmp_path):
    table = claims_of("累计*亿元，比去年增长3%。")
    assert math.isnan(table.value.iloc[0]) and math.isnan(table.value_normalised.iloc[0])
    path = write_table(table, "claims", outdir=tmp_path)
    row = next(csv.DictReader(path.open(encoding="utf-8-sig")))
    assert (row["value"], row["value_normalised"], row["redacted"]) == ("", "", "True")


def test_places_and_facilities_are_counted_by_their_measure_word():
    assert _rows("乌当区2乡6镇基本情况。") == [("2乡", 2, "乡", "count", False), ("6镇", 6, "镇", "count", False)]
    assert _rows("全区8乡镇。") == [("8乡镇", 8, "乡镇", "count", False)]
    assert [(r.value, r.unit) for r in claims_of("刘园子煤矿实现了三井贯通。").itertuples()] == [(3, "井")]
    # A chain of Chinese numerals names a set, like a formula (两村两镇), and 村民 is no 村.
    assert claims_of("打造两村两镇示范，3村民小组。").empty


def test_a_count_of_big_ones_counts_only_places_and_facilities():
    assert [(r.raw, r.value, r.unit) for r in claims_of("甜水南三大煤矿前期工作加快推进。").itertuples()] == [("三大", 3, "大")]
    assert claims_of("打好三大攻坚战，党的十八大以来成就显著。").empty


def test_a_count_before_a_run_of_nouns_closed_by_a_place():
    assert [(r.raw, r.value) for r in claims_of("四个工业集中区建设加快实施。").itertuples()] == [("四个", 4)]
    assert claims_of("解决三个方面的问题，树牢四个意识。").empty


def test_a_threshold_of_one_wan_or_yi_leaves_the_digit_unwritten():
    row = one("人均现金收入过万元的农户占一半。")
    assert (row.value, row.unit, row.value_normalised, row.kind) == (1, "万元", 10000, "amount")
    assert (one("上万人参加了活动。").value, one("超亿元项目开工。").unit) == (1, "亿元")
    assert claims_of("不过万一出现险情。").empty


def test_a_rate_keeps_its_denominator():
    row = one("增加污水处理能力43.5万立方米/日。")
    assert (row.value, row.unit, row.unit_normalised, row.value_normalised) == (43.5, "万立方米/日", "立方米/日", 435000)


def test_table_labels_durations_and_cited_titles_count_nothing():
    assert claims_of("具体安排如表1所示。\n表2 访谈对象信息\n见下图3。").empty
    assert [r.raw for r in claims_of("各界代表3人参加。").itertuples()] == ["3人"]
    assert claims_of("42個春秋的人生足跡，三十个寒暑。").empty
    assert claims_of("印发《关于印发<防汛应急预案>等6个专项应急预案的通知》。").empty
    assert [r.raw for r in claims_of("制定6个专项应急预案。").itertuples()] == ["6个"]


def test_a_compilation_counts_its_own_pieces_in_its_title_not_as_a_claim():
    assert [r.raw for r in claims_of("区委全会讨论发言(最新4篇)\n同志们：\n今年发表论文5篇。").itertuples()] == ["5篇"]
    assert [r.raw for r in claims_of("工作总结汇编\n(22篇)\n今年发表论文5篇。").itertuples()] == ["5篇"]
    # A note of another count is no count of pieces.
    assert [r.raw for r in claims_of("工作总结汇编\n(共3个)\n今年发表论文5篇。").itertuples()] == ["共3个", "5篇"]


def test_units_of_area_length_and_repeated_items():
    table = claims_of("总建筑面积约1000㎡，建筑层高约4.3m，播种面积3938公顷，修改法律111件次。")
    assert list(zip(table.value, table.unit, table.unit_normalised)) == [
        (1000, "㎡", "平方米"), (4.3, "m", "米"), (3938, "公顷", "公顷"), (111, "件次", "件次")]
    # A Latin letter glued to a number is a model or another unit, not metres.
    assert claims_of("采用5G和3mm工艺，A4纸，10min。").empty


def test_occasions_after_a_verb_are_counted_but_a_session_ordinal_is_not():
    assert [(r.raw, r.value) for r in claims_of("开展11次专题询问。").itertuples()] == [("11次", 11)]
    assert [r.value for r in claims_of("主持召開38次中央全面深化改革領導小組會議。").itertuples()] == [38]
    assert claims_of("经市政府十七届61次常务会议审议，十四届全国人大二次会议召开。").empty
