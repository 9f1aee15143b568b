"""The full central corpus: its index in the cache, dated sources, stretches, stock formulas, attribution at scale."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from policytext import from_text
from policytext.compare import Thresholds, align, classify, compare, load_index, speech_date, speech_period, split_clauses
from policytext.compare.align import distinctive_share, figures_agree, untitled_wording, without_shared_terms
from policytext.compare.clauses import reports
from policytext.compare import central
from policytext.compare.central import build_index
from policytext.compare.dating import date_bounds
from policytext.compare.stock import document_frequency, stock_wording
from policytext.reference import ReferenceCorpus, load_reference, parse_reference_text

# Hand-written local sentences of an imaginary city: none of them is central wording.
LOCAL = [
    "我市今年新建五G基站一千二百个，实现全部乡镇覆盖。",
    "市科技局牵头组建了十二个产业技术创新联盟，联盟成员单位达到三百余家。",
    "去年全区技术合同成交额首次突破八十亿元，同比增长百分之十七。",
    "我们在河东新区试点“科技副总”制度，选派四十名高校教师到企业兼职。",
    "全市规模以上工业企业研发机构覆盖率提高到百分之四十五。",
    "下一步，我们将围绕生物医药、新材料两条链条，编制招商图谱。",
    "各区县要在六月底前完成孵化器绩效评价，评价结果与奖补资金挂钩。",
    "市财政安排专项资金两亿元，支持企业购置研发仪器设备。",
    "本次会议以后，各部门要把任务分解到人、明确时限。",
    "大学科技园今年新入驻企业六十三家，其中海归创业企业十一家。",
    "我们组织了三场校企对接会，现场签约项目二十九个。",
    "滨江片区的算力中心二期工程已经封顶，预计年底投入运行。",
    "市里将设立首台套保险补偿资金，降低企业试用新产品的风险。",
    "农业科技示范园推广了节水灌溉技术，亩均用水下降三成。",
    "同志们，任务艰巨，时间紧迫，大家要拿出只争朝夕的劲头。",
    "高新区管委会要尽快出台人才公寓分配细则，解决青年科研人员住房难题。",
    "今年我们还将举办第三届创新创业大赛，总奖金三百万元。",
    "全市高新技术企业数量达到一千八百家，比上年净增二百家。",
    "请各单位于本月二十日前将工作台账报市科技局。",
    "要用好驻外招才引智工作站，今年力争引进领军人才十名。",
]
_SENTENCE = re.compile(r"(?<=[。！？])")


@pytest.fixture(scope="module")
def corpus():
    return load_reference()


def _sentences(corpus, title_part: str, count: int, *, skip: int = 40) -> list[tuple[str, str]]:
    """``count`` sentences (25-90 characters) spread evenly over one report, after its first ``skip``."""
    doc = next(d for d in corpus.documents if title_part in d.title)
    pieces = [s.strip() for s in _SENTENCE.split(doc.raw) if s.strip()]
    pieces = [s for s in pieces if 25 <= len(s) <= 90 and "\n" not in s]
    step = max(1, (len(pieces) - skip) // count)
    return [(doc.id, s) for s in pieces[skip::step][:count]]


def _speech(parts: list[tuple[str | None, str]]):
    head = "党课\n同志们：\n"
    spans, position = [], len(head)
    for label, text in parts:
        spans.append((position, position + len(text), label, text))
        position += len(text)
    return from_text(head + "".join(t for _, t in parts)), spans


def _verdicts(table, spans):
    """Per sentence of the speech: (true source, share of its clause characters reused, share reused from it)."""
    out = []
    for start, end, label, text in spans:
        rows = table[(table.start >= start) & (table.end <= end)]
        characters = int((rows.end - rows.start).sum())
        reused = rows[rows["class"] != "local"]
        right = reused[reused.source_id == label]
        share = lambda frame: int((frame.end - frame.start).sum()) / characters if characters else 0.0  # noqa: E731
        out.append((label, text, share(reused), share(right)))
    return out


def test_copied_sentences_are_attributed_to_their_source_and_local_ones_stay_local(corpus):
    congress = _sentences(corpus, "(二十大)", 20)
    report = _sentences(corpus, "2024年中华人民共和国国务院政府工作报告", 20)
    assert len(congress) == len(report) == 20
    parts: list[tuple[str | None, str]] = []
    for k, (a, b) in enumerate(zip(congress, report)):
        parts += [a, (None, LOCAL[k]), b]
    document, spans = _speech(parts)
    table = compare(document, corpus, speech_date="2024-12-01").clauses
    verdicts = _verdicts(table, spans)
    copied = [v for v in verdicts if v[0]]
    found = [v for v in copied if v[3] >= 0.5]
    recall = len(found) / len(copied)
    flagged = [v for v in verdicts if v[2] >= 0.5]
    precision = sum(1 for v in flagged if v[0]) / len(flagged)
    assert recall >= 0.95, [v[1] for v in copied if v[3] < 0.5]
    assert precision >= 0.95, [v[1] for v in flagged if not v[0]]


def test_a_speech_dated_2012_gets_no_later_source(corpus):
    early = _sentences(corpus, "2011年中华人民共和国国务院政府工作报告", 6)
    late = _sentences(corpus, "2024年中华人民共和国国务院政府工作报告", 6)
    parts = [(None, "2012年4月，我市召开科技工作会议。")] + [x for pair in zip(early, late) for x in pair]
    document, _ = _speech(parts)
    # The speech's own date line gives the date: the earliest day it can have been given.
    assert speech_date(document) == date(2012, 4, 1)
    comparison = compare(document, corpus)
    reused = comparison.clauses[comparison.clauses.source_id.notna()]
    assert len(reused) >= 6
    assert (reused.source_date.map(lambda d: date_bounds(d)[1]) <= date(2012, 4, 1)).all()
    assert "government_work_reports:3" not in set(reused.source_id)
    # The 2024 report's sentences are later echoes, never sources.
    echoes = comparison.echoes
    assert "government_work_reports:3" in set(echoes.source_id)
    assert (echoes.days_after > 0).all()
    sources = comparison.sources
    assert (sources.age_days >= 0).all()


def test_speech_date_from_the_text_ignores_targets():
    doc = from_text("党课\n同志们：\n2023年12月，中央经济工作会议召开。到2035年基本实现现代化。2024年1月31日，政治局集体学习。")
    assert speech_date(doc) == date(2024, 1, 31)
    assert speech_date(from_text("党课\n同志们：\n到2035年基本实现现代化。")) is None
    assert speech_date(doc, override="2025-01-01") == date(2025, 1, 1)


def test_date_bounds():
    assert date_bounds("2024-03-05") == (date(2024, 3, 5), date(2024, 3, 5))
    assert date_bounds("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert date_bounds("2023-12") == (date(2023, 12, 1), date(2023, 12, 31))
    assert date_bounds("1985") == (date(1985, 1, 1), date(1985, 12, 31))
    assert date_bounds(None) == (date.min, date.max)


# --- stretches ----------------------------------------------------------------------------

_CENTRAL = ("# title: 全会公报\n# level: central\n# date: 2024-07-18\n# ---\n"
            "要大力弘扬科学家精神，弘扬工匠精神，提高全要素生产率，着力推动新质生产力加快发展。\n")


def test_a_speech_known_only_by_its_year_may_draw_on_texts_of_that_year():
    corpus = ReferenceCorpus((parse_reference_text(_CENTRAL, doc_id="plenum"),))
    text = "党课\n同志们：\n我们要大力弘扬科学家精神，着力推动新质生产力加快发展。"

    def sources(provenance, override=None):
        comparison = compare(from_text(text, provenance=provenance), corpus, speech_date=override)
        return set(comparison.clauses.source_id.dropna()), set(comparison.echoes.source_id)

    # "2024": any day of 2024, so the July communiqué may have come first.
    assert speech_period(from_text(text, provenance={"date": "2024 (not stated)"})) == (date(2024, 1, 1), date(2024, 12, 31))
    assert sources({"date": "2024 (not stated on the page)"}) == ({"plenum"}, set())
    assert sources({}, "2024") == ({"plenum"}, set())
    # A full date before the communiqué, or an earlier year: the communiqué is a later echo, never a source.
    assert sources({"date": "2024-03-05"}) == (set(), {"plenum"})
    assert sources({"date": "2023"}) == (set(), {"plenum"})
    # Leaders and figures still read the earliest day.
    assert speech_date(from_text(text, provenance={"date": "2024"})) == date(2024, 1, 1)


def test_short_clauses_inside_a_copied_stretch_inherit_its_label():
    corpus = ReferenceCorpus((parse_reference_text(_CENTRAL, doc_id="plenum"),))
    speech = from_text("党课\n同志们：\n我们要大力弘扬科学家精神，弘扬工匠精神，提高全要素生产率，着力推动新质生产力加快发展。")
    table = compare(speech, corpus, speech_date="2024-09-01").clauses.set_index("text")
    for short in ("弘扬工匠精神", "提高全要素生产率"):
        assert table.loc[short, "class"] == "verbatim" and table.loc[short, "source_id"] == "plenum"
        assert table.loc[short, "inherited"]
    assert not table.loc["着力推动新质生产力加快发展", "inherited"]
    # One stretch: the clauses follow the source in order.
    assert table.stretch.dropna().nunique() == 1


_TWICE = ("# title: 考察报道\n# level: central\n# date: 2023-09-08\n# ---\n"
          "要积极培育战略性新兴产业，积极培育未来产业，加快形成新质生产力，增强发展新动能。"
          "要整合科技创新资源，引领发展战略性新兴产业和未来产业，加快形成新质生产力。\n")


def test_a_clause_whose_words_recur_in_the_source_follows_its_neighbours_there():
    corpus = ReferenceCorpus((parse_reference_text(_TWICE, doc_id="report"),))
    raw = corpus.documents[0].raw
    first = from_text("党课\n同志们：\n要积极培育战略性新兴产业，积极培育未来产业，加快形成新质生产力，增强发展新动能。")
    table = compare(first, corpus, speech_date="2024-01-01").clauses.query("kind == 'text'").set_index("text")
    # 加快形成新质生产力 is taken where the first sentence has it, so 增强发展新动能 continues it.
    assert table.loc["加快形成新质生产力", "source_start"] == raw.index("加快形成新质生产力")
    assert table.loc["增强发展新动能", "class"] == "verbatim" and table.loc["增强发展新动能", "inherited"]
    assert table.stretch.nunique() == 1
    second = from_text("党课\n同志们：\n要整合科技创新资源，引领发展战略性新兴产业和未来产业，加快形成新质生产力。")
    table = compare(second, corpus, speech_date="2024-01-01").clauses.query("kind == 'text'").set_index("text")
    # Here the second sentence is the one that continues: the clause stays there.
    assert table.loc["加快形成新质生产力", "source_start"] == raw.rindex("加快形成新质生产力")
    assert table.stretch.nunique() == 1


def test_a_run_of_short_clauses_is_looked_up_together():
    corpus = ReferenceCorpus((parse_reference_text(_CENTRAL, doc_id="plenum"),))
    speech = from_text("党课\n同志们：\n大家要抓好招商，弘扬工匠精神，提高全要素生产率。")
    table = compare(speech, corpus, speech_date="2024-09-01").clauses.set_index("text")
    for short in ("弘扬工匠精神", "提高全要素生产率"):
        assert table.loc[short, "class"] == "verbatim" and table.loc[short, "source_id"] == "plenum"
        assert table.loc[short, "source_text"] == short
    assert table.loc["大家要抓好招商", "class"] == "local"
    # Dated after the speech, the same text is no source.
    early = compare(speech, corpus, speech_date="2024-01-01").clauses
    assert set(early["class"]) == {"local"}


def test_a_short_clause_elsewhere_does_not_inherit():
    corpus = ReferenceCorpus((parse_reference_text(_CENTRAL, doc_id="plenum"),))
    speech = from_text("党课\n同志们：\n我们要大力弘扬科学家精神，抓好招商引资，提高全要素生产率。")
    table = compare(speech, corpus, speech_date="2024-09-01").clauses.set_index("text")
    assert table.loc["抓好招商引资", "class"] == "local"
    # 提高全要素生产率 is in the source, but not where the neighbour's source continues.
    assert table.loc["提高全要素生产率", "class"] == "local"


def test_a_long_clause_with_a_short_match_is_not_verbatim():
    clause = "全市各级党组织和广大党员干部要更加紧密地团结在以习近平同志为核心的党中央周围持续推动科技创新和产业创新深度融合走在前列"
    central = "全国各族人民要更加紧密地团结在以习近平同志为核心的党中央周围。"
    alignment = align(clause, central)
    assert alignment.identical and alignment.local_length >= 13
    assert classify(clause, alignment) == "local"
    short = "更加紧密地团结在以习近平同志为核心的党中央周围"
    assert classify(short, align(short, central)) == "verbatim"
    assert Thresholds().min_cover == 0.5


# --- stock formulas -----------------------------------------------------------------------


def _yearly_corpus(years: range, *, formula: str) -> ReferenceCorpus:
    documents = []
    for year in years:
        text = (f"# title: 报告{year}\n# level: central\n# date: {year}-03-05\n# ---\n"
                f"{formula}，全面完成{year}年各项任务。第{year}号工作要点是推进第{year}批项目建设。\n")
        documents.append(parse_reference_text(text, doc_id=f"r{year}"))
    specific = ("# title: 专题\n# level: central\n# date: 2023-01-05\n# ---\n"
                "加快建设以实体经济为支撑的现代化产业体系。\n")
    documents.append(parse_reference_text(specific, doc_id="special"))
    return ReferenceCorpus(tuple(documents))


def test_wording_in_many_documents_over_years_is_a_stock_formula():
    formula = "在以习近平同志为核心的党中央坚强领导下"
    corpus = _yearly_corpus(range(2000, 2024), formula=formula)
    index = build_index(corpus)
    assert document_frequency(index, formula) == (24, 24)
    assert stock_wording(index, formula) == formula
    assert stock_wording(index, "加快建设以实体经济为支撑的现代化产业体系") == ""
    # A word of the clause's own around the formula does not hide it; half the wording does.
    assert stock_wording(index, "坚持" + formula) == formula
    assert stock_wording(index, "我们要全市上下一起" + formula) == ""
    speech = from_text("党课\n同志们：\n在以习近平同志为核心的党中央坚强领导下，我市加快建设以实体经济为支撑的现代化产业体系。")
    comparison = compare(speech, corpus, speech_date="2024-06-01")
    table = comparison.clauses.set_index("text")
    row = table.loc["在以习近平同志为核心的党中央坚强领导下"]
    assert row["class"] == "local" and row.stock_formula == formula and pd.isna(row.source_id)
    assert table.loc["我市加快建设以实体经济为支撑的现代化产业体系", "source_id"] == "special"
    stock = comparison.stock.set_index("stock_formula")
    assert stock.loc[formula, "clauses"] == 1 and stock.loc["all", "characters"] == len(formula)
    start, end = stock.loc[formula, ["first_start", "first_end"]]
    assert speech.raw[start:end] == formula


def test_the_stock_threshold_comes_from_the_corpus():
    few = build_index(_yearly_corpus(range(2020, 2024), formula="在以习近平同志为核心的党中央坚强领导下"))
    many = build_index(_yearly_corpus(range(1990, 2024), formula="在以习近平同志为核心的党中央坚强领导下"))
    assert few.stock_threshold < many.stock_threshold


# --- the index in the cache ---------------------------------------------------------------


def _write(folder, name, body, day="2024-01-05"):
    path = folder / name
    path.write_text(f"# title: {name}\n# level: central\n# date: {day}\n# ---\n{body}\n", encoding="utf-8")
    return path


def test_index_is_stored_once_per_content_and_rebuilt_per_changed_file(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("POLICYTEXT_CACHE_DIR", str(cache))
    texts = tmp_path / "central"
    texts.mkdir()
    a = _write(texts, "a.txt", "要加快发展新质生产力，扎实推进高质量发展。")
    _write(texts, "b.txt", "要以科技创新引领现代化产业体系建设。")
    first = load_index(load_reference(texts))
    stored = cache / "reference-index"
    units = {p.name: p.stat().st_mtime_ns for p in stored.glob("unit-*.npz")}
    assert len(units) == 2 and len(list(stored.glob("corpus-*.npz"))) == 1
    again = load_index(load_reference(texts))
    assert again.text == first.text and (again.index.keys == first.index.keys).all()
    assert {p.name: p.stat().st_mtime_ns for p in stored.glob("unit-*.npz")} == units
    # A changed file makes one new unit; the other unit's file is reused untouched.
    a.write_text(a.read_text(encoding="utf-8").replace("扎实推进", "着力推动"), encoding="utf-8")
    _write(texts, "c.txt", "要统筹发展和安全。")
    changed = load_index(load_reference(texts))
    now = {p.name: p.stat().st_mtime_ns for p in stored.glob("unit-*.npz")}
    assert len(now) == 4 and all(now[name] == mtime for name, mtime in units.items())
    assert "着力推动高质量发展" in changed.text and changed.size == 3
    # A damaged cache file is rebuilt, never trusted.
    for path in stored.glob("corpus-*.npz"):
        path.write_bytes(b"garbage")
    assert load_index(load_reference(texts)).text == changed.text


def test_an_empty_corpus_index_of_another_format_is_not_read(tmp_path, monkeypatch):
    # An empty corpus has no unit whose key carries the format: its stored index must still be per format.
    monkeypatch.setenv("POLICYTEXT_CACHE_DIR", str(tmp_path / "cache"))
    stored = tmp_path / "cache" / "reference-index"
    assert load_index(ReferenceCorpus(())).documents == 0
    assert len(list(stored.glob("corpus-*.npz"))) == 1
    monkeypatch.setattr(central, "INDEX_FORMAT", central.INDEX_FORMAT + 1)
    assert load_index(ReferenceCorpus(())).size == 0
    assert len(list(stored.glob("corpus-*.npz"))) == 2


@pytest.mark.slow
def test_index_from_the_cache_equals_a_fresh_build(corpus):
    cached = load_index(corpus)
    fresh = build_index(corpus)
    assert cached.text == fresh.text
    assert (cached.index.keys == fresh.index.keys).all() and (cached.index.ids == fresh.index.ids).all()
    assert cached.stock_threshold == fresh.stock_threshold >= 2


# --- templates, frames and dates ---------------------------------------------------------

_STATISTICS = ("# title: 统计公报\n# level: central\n# date: 2024-02-29\n# ---\n"
               "全年规模以上工业增加值增长4.6%，全国居民人均可支配收入实际增长5.1%。\n")


def test_figures_must_agree():
    assert not figures_agree("规模以上工业增加值增长9.5", "全年规模以上工业增加值增长4.6%")
    assert figures_agree("规模以上工业增加值增长4.6", "全年规模以上工业增加值增长4.6%")
    assert not figures_agree("增长9.5", "增长19.5%")  # whole figures, not a piece of one
    assert figures_agree("加快建设现代化产业体系", "加快建设现代化产业体系")  # no figures: nothing to disagree


def test_a_statistical_template_with_the_citys_figures_is_not_reuse():
    corpus = ReferenceCorpus((parse_reference_text(_STATISTICS, doc_id="bulletin"),))
    own = from_text("政府工作报告\n各位代表：\n全市规模以上工业增加值增长9.5%，全体居民人均可支配收入实际增长5.9%。")
    table = compare(own, corpus, speech_date="2024-12-01").clauses.query("kind == 'text'")
    assert len(table) == 2 and set(table["class"]) == {"local"}
    copied = from_text("政府工作报告\n各位代表：\n全年规模以上工业增加值增长4.6%，全国居民人均可支配收入实际增长5.1%。")
    table = compare(copied, corpus, speech_date="2024-12-01").clauses.query("kind == 'text'")
    assert len(table) == 2 and set(table["class"]) == {"verbatim"} and set(table.source_id) == {"bulletin"}


_REPORT = ("# title: 考察报道\n# level: central\n# date: 2023-09-08\n# ---\n"
           "2023年9月，习近平总书记在黑龙江考察时指出：积极培育新能源、新材料、先进制造、电子信息等战略性新兴产业，"
           "积极培育未来产业，加快形成新质生产力。\n")


def test_a_citation_frame_and_a_date_are_not_reuse_the_quoted_words_are():
    corpus = ReferenceCorpus((parse_reference_text(_REPORT, doc_id="report"),))
    speech = from_text("党课\n同志们：\n2023年9月，习近平总书记在黑龙江考察时指出：“积极培育新能源、新材料、先进制造、"
                       "电子信息等战略性新兴产业，积极培育未来产业，加快形成新质生产力。”")
    table = compare(speech, corpus, speech_date="2024-01-01").clauses.set_index("text")
    assert table.loc["习近平总书记在黑龙江考察时指出", "class"] == "local"  # ends with a colon: a frame
    assert table.loc["2023年9月", "class"] == "local"  # a date is no wording
    for reused in ("积极培育新能源、新材料、先进制造、电子信息等战略性新兴产业", "积极培育未来产业", "加快形成新质生产力"):
        assert table.loc[reused, "class"] == "verbatim" and table.loc[reused, "source_id"] == "report"
    # Without the colon the same words are the clause's own wording, and reused.
    plain = from_text("党课\n同志们：\n习近平总书记在黑龙江考察时指出积极培育未来产业。")
    assert set(compare(plain, corpus, speech_date="2024-01-01").clauses.query("kind == 'text'")["class"]) == {"verbatim"}


def test_borrowable_clauses():
    doc = from_text("党课\n同志们：\n2023年9月，总书记指出：要在2035年前建成科技强国，5G基站覆盖全市。")
    found = {c.text: c for c in split_clauses(doc)}
    assert found["总书记指出"].frame and not found["总书记指出"].borrowable
    assert not found["2023年9月"].frame and not found["2023年9月"].borrowable
    assert found["要在2035年前建成科技强国"].borrowable and found["5G基站覆盖全市"].borrowable


_LAW = ("# title: 工作报告\n# level: central\n# date: 2018-03-05\n# ---\n"
        "要修改《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》，全面正确履行政府职能。\n")


def test_a_title_is_a_name_not_borrowed_wording():
    assert untitled_wording("根据《中华人民共和国宪法》制定本规则") == 7
    assert untitled_wording("全面正确履行政府职能") == 10
    corpus = ReferenceCorpus((parse_reference_text(_LAW, doc_id="report"),))
    speech = from_text("工作规则\n各位代表：\n根据《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》，全面正确履行政府职能。")
    table = compare(speech, corpus, speech_date="2024-01-01").clauses.query("kind == 'text'").set_index("text")
    # The clause keeps its closing title mark, and shares only the law's name: local.
    assert table.loc["根据《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》", "class"] == "local"
    assert table.loc["全面正确履行政府职能", "class"] == "verbatim"


def _report(year: int, sentence: str):
    return parse_reference_text(f"# title: {year}年政府工作报告\n# level: central\n# date: {year}-03-05\n# ---\n{sentence}\n",
                                doc_id=f"gwr{year}")


def test_a_paraphrase_of_the_genres_template_is_local_one_of_a_single_text_is_not():
    opening = "现在，我代表国务院，向大会报告政府工作，请予审议。"
    corpus = ReferenceCorpus((*(_report(year, opening) for year in (2019, 2021, 2023)),
                              _report(2022, "让人民群众的获得感、幸福感、安全感更加充实。")))
    speech = from_text("政府工作报告\n各位代表：\n现在，我代表国务院向大会报告工作，安全感、幸福感、获得感要让人民群众更加充实。")
    table = compare(speech, corpus, speech_date="2024-01-01").clauses.set_index("text")
    # Three years of work reports open so: the version here follows the template, not a report.
    assert table.loc["现在，我代表国务院向大会报告工作", "class"] == "local"
    # The same words in another order: a paraphrase of the one report that holds them.
    assert table.loc["安全感、幸福感、获得感要让人民群众更加充实", "class"] == "paraphrase"
    assert table.loc["安全感、幸福感、获得感要让人民群众更加充实", "source_id"] == "gwr2022"
    # With the opening in one report only, the clause takes that report's words.
    single = ReferenceCorpus((_report(2023, opening),))
    table = compare(speech, single, speech_date="2024-01-01").clauses.set_index("text")
    assert table.loc["现在，我代表国务院向大会报告工作", "class"] != "local"
    assert table.loc["现在，我代表国务院向大会报告工作", "source_id"] == "gwr2023"


# --- frames and distinctive wording ------------------------------------------------------


@pytest.mark.parametrize("text", [
    "总书记在主持学习时指出", "习近平总书记强调", "党的二十大报告提出", "总书记听取黑龙江省委和省政府汇报时",
    "在他亲自主持召开的座谈会上", "在全省经济工作会议上", "在省委全会讲话中", "李克强总理所作的政府工作报告",
    "习近平总书记关于发展新质生产力的重要论述", "县政府工作的指导思想是", "總書記在主持學習時強調",
    "第十一届全国人民代表大会第五次会议在人民大会堂举行第四次全体会议",
])
def test_a_clause_that_reports_a_speech_act_its_occasion_or_its_text_is_a_frame(text):
    assert reports(text)
    doc = from_text(f"党课\n同志们：\n{text}，加快形成新质生产力。")
    assert {c.text: c for c in split_clauses(doc)}[text].frame


@pytest.mark.parametrize("text", [
    "加快形成新质生产力", "是推动高质量发展的内在要求和重要着力点", "坚持在经济增长的同时实现居民收入同步增长",
    "积极培育未来产业", "及时将科技创新成果应用到具体产业和产业链上", "会同有关部门抓好落实", "坚持实事求是",
])
def test_wording_is_no_frame(text):
    assert not reports(text)


_HEILONGJIANG = ("# title: 考察报道\n# level: central\n# date: 2023-09-08\n# ---\n"
                 "习近平听取黑龙江省委和省政府工作汇报，强调积极培育未来产业，加快形成新质生产力。\n")


def test_the_occasion_a_speech_shares_with_the_centre_is_not_reuse_the_words_said_there_are():
    corpus = ReferenceCorpus((parse_reference_text(_HEILONGJIANG, doc_id="report"),))
    speech = from_text("党课\n同志们：\n总书记听取黑龙江省委和省政府汇报时，要求积极培育未来产业，加快形成新质生产力。")
    table = compare(speech, corpus, speech_date="2024-01-01").clauses.set_index("text")
    assert table.loc["总书记听取黑龙江省委和省政府汇报时", "class"] == "local"
    assert table.loc["加快形成新质生产力", "class"] == "verbatim"
    # Without the occasion's 时 the clause says what was done, in the report's words.
    plain = from_text("党课\n同志们：\n总书记听取黑龙江省委和省政府工作汇报。")
    assert set(compare(plain, corpus, speech_date="2024-01-01").clauses.query("kind == 'text'")["class"]) <= {"verbatim", "near-verbatim"}


def test_distinctive_share_weighs_the_bigrams():
    weights = {"奋力": 0.5, "力谱": 0.5, "谱写": 0.5, "镇巴": 4.0}
    assert distinctive_share("奋力谱写", "奋力谱写天津篇章", weights) == 1.0
    # The clause's own name outweighs the shared frame; unweighted, 3 of 5 bigrams are shared.
    assert distinctive_share("奋力谱写镇巴", "奋力谱写天津篇章", weights) < 0.5
    assert distinctive_share("", "奋力谱写", weights) == 0.0
    assert without_shared_terms("为了推动新质生产力的发展", "推动新质生产力加快发展", ("新质生产力",)) == "为了推动|||||的发展"
    assert without_shared_terms("为了推动新质生产力的发展", "推动产业加快发展", ("新质生产力",)) == "为了推动新质生产力的发展"


def test_bigram_weights_come_from_the_corpus():
    texts = [f"# title: 报告{i}\n# level: central\n# date: 202{i}-03-05\n# ---\n推动高质量发展，{extra}。\n"
             for i, extra in enumerate(("奋力谱写天津篇章", "加快发展", "稳步推进"))]
    index = build_index(ReferenceCorpus(tuple(parse_reference_text(t, doc_id=f"r{i}") for i, t in enumerate(texts))))
    weights = index.bigram_weights(["发展", "天津", "镇巴"])
    assert 0 < weights["发展"] < weights["天津"] < weights["镇巴"]


_FRAMES = ("# title: 考察报道\n# level: central\n# date: 2024-02-02\n# ---\n"
           "推动新质生产力加快发展。必须站在国家安全和发展战略全局的高度。奋力谱写中国式现代化天津篇章。\n")
_COMMON = ("# title: 工作报告\n# level: central\n# date: 2023-03-05\n# ---\n"
           "必须站在全局的高度推动发展，奋力谱写新篇章。\n")


def test_a_paraphrase_needs_more_than_a_shared_frame_or_term():
    corpus = ReferenceCorpus((parse_reference_text(_FRAMES, doc_id="inspection"),
                              parse_reference_text(_COMMON, doc_id="report")))
    speech = from_text("党课\n同志们：\n奋力谱写中国式现代化建设的镇巴新篇章，为了推动新质生产力的发展，"
                       "加快发展、推动新质生产力。")
    table = compare(speech, corpus, speech_date="2024-06-01").clauses.set_index("text")
    assert table.loc["奋力谱写中国式现代化建设的镇巴新篇章", "class"] == "local"  # the frame, and its own name
    assert table.loc["为了推动新质生产力的发展", "class"] == "local"  # the topic's term and little else
    # The central sentence's words, reordered: a paraphrase.
    assert table.loc["加快发展、推动新质生产力", "class"] == "paraphrase"


def test_a_clause_the_page_breaks_off_in_joins_no_stretch():
    corpus = ReferenceCorpus((parse_reference_text(_TWICE, doc_id="report"),))
    cut = from_text("党课\n同志们：\n要积极培育战略性新兴产业，积极培育未来产业，加快形成新质生产力，增强发展新动")
    assert cut.truncated
    clauses = split_clauses(cut)
    assert clauses[-1].cut and not any(c.cut for c in clauses[:-1])
    table = compare(cut, corpus, speech_date="2024-01-01").clauses.set_index("text")
    assert table.loc["增强发展新动", "class"] == "local"
    assert table.loc["积极培育未来产业", "class"] == "verbatim"  # a whole short clause still joins
    whole = from_text("党课\n同志们：\n要积极培育战略性新兴产业，积极培育未来产业，加快形成新质生产力，增强发展新动能。")
    assert not any(c.cut for c in split_clauses(whole))
