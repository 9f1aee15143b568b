"""Notebook 02's tables and figures: what they hold for the seed, and that the HTML is repeatable."""

from __future__ import annotations

import pytest

from policytext import from_text
from policytext.figures import Source, save_figure, use_chinese_font
from policytext.figures import indicators as charts
from policytext.indicators import extract, tables

INSTITUTIONS = {"国家级设施平台": 167, "海河实验室": 6, "高等院校": 56, "双一流高校": 5, "驻津国家级院所": 62, "市属科研院所": 42}


@pytest.fixture(scope="module")
def seed_table(seed_analysis):
    return seed_analysis.indicators()


def test_institution_counts(seed_table):
    use_chinese_font()
    fig, data = charts.plot_counts(tables.counted(seed_table, counts="institution"), source=Source("seed"))
    assert dict(zip(data.indicator, data.value)) == INSTITUTIONS
    assert list(data.value) == sorted(INSTITUTIONS.values(), reverse=True)
    fig.clf()


def test_a_withheld_count_is_a_row_marked_hidden_not_a_bar_of_zero():
    use_chinese_font()
    claims = extract(from_text("全区新建学校12所，已经入户___家，改造医院3家。"))
    fig, data = charts.plot_counts(tables.counted(claims), source=Source("text"))
    assert list(data.value.fillna(-1)) == [12, 3, -1] and list(data.redacted) == [False, False, True]
    ax = fig.axes[0]
    assert [round(p.get_width()) for p in ax.patches] == [12, 3]  # no bar for the hidden count
    assert any("×× 家 hidden" in t.get_text() for t in ax.texts)
    assert tables.display_value(data.iloc[2]) == "×× 家"
    fig.clf()


def test_rates_keep_hidden_values_as_rows(seed_table):
    use_chinese_font()
    _, data = charts.plot_rates(seed_table, source=Source("seed"))
    assert len(data) == 10 and data.redacted.sum() == 6
    assert sorted(data.value.dropna()) == [10, 12, 16.7, 79.8]


def test_kinds_by_section_counts_every_claim(seed, seed_table):
    data = tables.kinds_by_section(seed_table, {s.id: s.title for s in seed.outline.walk()})
    assert data.set_index("section").total.to_dict() == {"2.1": 16, "2.2": 1, "2.3": 7, "2.4": 5}
    kinds = [c for c in data.columns if c not in {"section", "title", "total"}]
    assert (data[kinds].sum(axis=1) == data.total).all()
    assert list(tables.kinds_by_section(seed_table.head(0), {}).columns) == ["section", "title", "total"]


def test_display_value_states_bounds_and_groups_as_written(seed_table):
    shown = {row.raw: tables.display_value(row) for row in seed_table.itertuples()}
    assert shown["均实现两位数增长"] == "均实现两位数增长"
    assert shown["处于全国第一方阵"] == "处于全国第一方阵"
    counted = seed_table[seed_table.indicator == "海河实验室"].iloc[0]
    assert tables.display_value(counted) == "6 家"


def test_gaps(seed_table):
    gaps = tables.gaps(seed_table)
    assert gaps.redacted.sum() == 6
    undated = set(gaps[~gaps.dated].indicator)
    assert set(INSTITUTIONS) <= undated and "技术合同" not in undated
    no_base = gaps[~gaps.base_stated]
    assert "技术合同成交额" not in set(no_base.indicator) and "科技服务业规模" in set(no_base.indicator)


@pytest.mark.slow
def test_table_figure_and_html_are_written_and_repeatable(seed, seed_table, tmp_path):
    use_chinese_font()
    fig, data = charts.plot_table(seed_table, outline=seed.outline, source=Source.of_document(seed))
    paths = save_figure(fig, "02_indicator_table", data=data, outdir=tmp_path)
    assert all(p.stat().st_size > 0 for p in paths.values())
    first = tables.write_html(tables.styled_table(seed_table, seed), "indicators_by_section", outdir=tmp_path).read_bytes()
    second = tables.write_html(tables.styled_table(seed_table, seed), "indicators_by_section", outdir=tmp_path).read_bytes()
    assert first == second
    html = first.decode("utf-8")
    assert "技术合同成交额" in html and html.count("<tr") == len(seed_table) + 1


def test_redaction_map_places_claims_in_the_body(seed, seed_table):
    use_chinese_font()
    _, data = charts.plot_redaction_map(seed_table, outline=seed.outline, source=Source.of_document(seed))
    assert data.start.between(seed.body_start, seed.body_end).all()
    assert data.redacted.sum() == 6
