"""The outline: seed headings, run-on headings, line breaks, traditional script, and losslessness."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policytext import from_text, load
from policytext.commands.outline import outline_payload
from policytext.spans import Span

from .helpers import FIXTURES, FRAGMENTS, SEED, assert_tiles, examples, real_text_files

EXPECTED = json.loads((FIXTURES / "seed_outline.json").read_text(encoding="utf-8"))


def titles_at(outline, level):
    return {s.id: s.title for s in outline.walk() if s.level == level}


def test_seed_front_matter(seed):
    assert seed.outline.title.text == EXPECTED["title"]
    assert seed.outline.salutation.text == EXPECTED["salutation"]


def test_seed_level_one_and_two_titles(seed):
    assert titles_at(seed.outline, 1) == EXPECTED["level1"]
    assert titles_at(seed.outline, 2) == EXPECTED["level2"]
    counts = [len(s.children) for s in seed.outline.sections[1:]]
    assert counts == [4, 5, 4]


def test_seed_level_three_items_of_section_three(seed):
    section_three = seed.outline.section("3")
    assert [len(c.children) for c in section_three.children] == [2, 2, 3, 2]
    items = {s.id: s.title for c in section_three.children for s in c.children}
    assert items == EXPECTED["level3_of_section_3"]
    assert {s.marker for c in section_three.children for s in c.children} == {"一是", "二是", "三是"}


def test_seed_inline_enumeration(seed):
    items = {s.id: s.title for s in seed.outline.section("1.4").children}
    assert items == EXPECTED["inline_enumeration_1_4"]


def test_no_boilerplate_inside_any_section(seed):
    for section in seed.outline.walk():
        for b in seed.boilerplate:
            assert b.end <= section.start or b.start >= section.end
    assert seed.outline.sections[0].start == seed.body_start
    assert seed.outline.sections[-1].end == seed.body_end


def test_sentence_table_columns_and_spans(seed):
    frame = seed.sentences
    assert list(frame.columns[:5]) == ["sentence", "section", "level", "kind", "paragraph"]
    assert {"title_1", "title_2", "title_3", "text", "start", "end"} <= set(frame.columns)
    for row in frame.itertuples():
        assert seed.raw[row.start : row.end] == row.text
    heading = frame[(frame.section == "3.2.1") & (frame.kind == "heading")].iloc[0]
    assert heading.text == "一是科技成果上“链”。"
    assert (heading.title_1, heading.title_2, heading.title_3) == (
        EXPECTED["level1"]["3"],
        EXPECTED["level2"]["3.2"],
        "科技成果上“链”",
    )
    quote = frame[frame.text.str.startswith("习近平总书记指出")].iloc[0]
    assert quote.text.endswith("核心要素。”")  # 。” closes quotation and sentence together


def test_same_outline_in_every_encoding(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    reference = outline_payload(load(SEED))
    for encoding in ("gb18030", "utf-8-sig", "utf-16"):
        path = tmp_path / f"seed.{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        payload = outline_payload(load(path))
        assert payload.pop("encoding") == encoding
        payload.pop("provenance")  # the provenance note sits beside the original file only
        assert payload == {k: v for k, v in reference.items() if k not in ("encoding", "provenance")}


def with_line_breaks(text: str) -> str:
    """The seed's body rewritten the way other sites print it: headings on their own lines."""
    for marker in ("二、", "三、", "(一)", "(二)", "(三)", "(四)", "(五)"):
        text = text.replace(marker, "\n" + marker)
    return text


def test_outline_survives_line_breaks_full_width_and_traditional(seed):
    variants = {
        "line breaks": with_line_breaks(seed.body),
        "full-width": seed.body.replace(",", "，").replace(":", "：").replace("(", "（").replace(")", "）").replace(";", "；"),
        "spaces": seed.body.replace("。", "。  "),
    }
    for name, body in variants.items():
        outline = from_text(body).outline
        got = {k: v.replace("，", ",") for k, v in titles_at(outline, 1).items()}
        assert got == EXPECTED["level1"], name
        assert len([s for s in outline.walk() if s.level == 2]) == 13, name


def test_outline_of_traditional_characters():
    text = "同志們:\n一、堅持創新驅動,加快發展新質生產力\n近年來,我們取得了成績。\n(一)強化科技創新。要加強攻關。\n(二)推動產業升級。一是培育新興產業;二是布局未來產業。\n二、加強組織領導\n各級要抓落實。"
    outline = from_text(text).outline
    assert titles_at(outline, 1) == {"1": "堅持創新驅動,加快發展新質生產力", "2": "加強組織領導"}
    assert titles_at(outline, 2) == {"1.1": "強化科技創新", "1.2": "推動產業升級"}
    assert titles_at(outline, 3) == {"1.2.1": "培育新興產業", "1.2.2": "布局未來產業"}


@pytest.mark.parametrize(
    "text, expected",
    [
        # Markers in running text are not headings.
        ("我们要做到一、二、三产业融合发展。", {}),
        ("他说(一)是重点。", {}),
        # A series must continue: 三、 without 二、 is not a heading.
        ("一、总体要求\n要落实。三、不是标题", {"1": "总体要求"}),
        # A marker right after a full stop is a heading even without a line break.
        ("前言。一、总体要求。内容。二、重点任务。内容。", {"1": "总体要求", "2": "重点任务"}),
        # A run-on heading ends before a sentence opener.
        ("一、提高认识,把握关键特征近年来,我们取得成绩。", {"1": "提高认识,把握关键特征"}),
        ("一、充分肯定成绩,准确把握培育新质生产力的重要意义新质生产力是指以新技术为核心,具有高技术含量的生产力。", {"1": "充分肯定成绩,准确把握培育新质生产力的重要意义"}),
    ],
)
def test_marker_rules(text, expected):
    assert titles_at(from_text(text).outline, 1) == expected


def test_enumeration_before_first_heading_stays_in_the_preamble():
    outline = from_text("同志们:今天讲三点:一是统一思想;二是明确任务;三是抓好落实。一、统一思想\n内容。").outline
    assert [s.id for s in outline.sections[0].children] == ["0.1", "0.2", "0.3"]
    assert titles_at(outline, 1)["1"] == "统一思想"


# --- losslessness -----------------------------------------------------------------------

texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=40).map("".join)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_sentences_tile_the_body_of_any_text(text):
    assert_tiles(from_text(text))


@pytest.mark.parametrize("path", real_text_files(), ids=lambda p: p.name)
def test_sentences_tile_the_body_of_every_real_file(path):
    assert_tiles(load(path))


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_sentence_columns_are_the_sentences_and_their_sections_those_of_the_plain_walk(text):
    """The outline keeps its sentences as columns; the objects, the table and the plain rule agree."""
    from policytext.outline import _leaves

    outline = from_text(text).outline
    sentences = outline.sentences
    frame = outline.sentences_frame()
    as_objects = [(s.start, s.end, s.section, s.kind, s.paragraph) for s in sentences]
    assert as_objects == list(zip(frame.start, frame.end, frame.section, frame.kind, frame.paragraph))
    assert list(frame.text) == [outline.raw[s.start : s.end] for s in sentences]
    # Each sentence belongs to the last leaf starting at or before it, as walking the leaves along the sentences finds.
    leaves, k = _leaves(outline.sections), 0
    for sentence in sentences:
        while k + 1 < len(leaves) and leaves[k + 1][0] <= sentence.start:
            k += 1
        assert sentence.section == leaves[k][1]


# --- heading ends, lists inside sentences, front matter (issue 13) ----------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # A space between paragraphs ends the heading (and a comma in the next paragraph does not cut it).
        ("同志们:\n一、总体要求 近年来,我们取得了成绩,经验丰富。 二、重点任务 要抓落实。", {"1": "总体要求", "2": "重点任务"}),
        # ... but a space between Latin letters or digits inside a heading does not.
        ("一、推进5G 网络和AI 应用\n内容。", {"1": "推进5G 网络和AI 应用"}),
        # 党中央 as an object stays in the heading; as a subject before 指出 it ends it.
        ("（一）坚持和加强党中央集中统一领导\n内容。", {"1": "坚持和加强党中央集中统一领导"}),
        ("一、坚持和加强党中央集中统一领导\n内容。", {"1": "坚持和加强党中央集中统一领导"}),
        ("一、深刻把握重要意义党中央高度重视科技工作。", {"1": "深刻把握重要意义"}),
        # No stop within a heading's length: a head noun closes it rather than the first comma.
        ("一、坚持问题导向是马克思主义的鲜明特质马克思主义具有深刻的实践属性,马克思说,“哲学家们只是用不同的方式解释世界,而问题在于改变世界”," + "坚持" * 30 + "。",
         {"1": "坚持问题导向是马克思主义的鲜明特质"}),
    ],
)
def test_heading_ends(text, expected):
    assert titles_at(from_text(text).outline, 1) == expected


def test_party_centre_as_object_in_a_section_heading():
    outline = from_text("一、加强党的领导\n（一）坚持和加强党中央集中统一领导\n内容。").outline
    assert titles_at(outline, 2) == {"1.1": "坚持和加强党中央集中统一领导"}


def test_heading_and_its_first_sub_heading_on_one_line():
    outline = from_text("同志们:\n一、总体要求（一）指导思想。坚持创新驱动。（二）基本原则。坚持问题导向。\n二、重点任务\n抓落实。").outline
    assert titles_at(outline, 1) == {"1": "总体要求", "2": "重点任务"}
    assert titles_at(outline, 2) == {"1.1": "指导思想", "1.2": "基本原则"}
    # Negative: （一） inside running text after a heading's full stop-less clause is not a sub-heading unless it is 1.
    outline = from_text("一、总体要求（三）不是标题\n内容。").outline
    assert titles_at(outline, 2) == {}


def test_a_list_inside_a_sentence_is_not_sections():
    text = (
        "一、过去五年的工作\n我们经历了三件大事:一是迎来中国共产党成立一百周年,二是中国特色社会主义进入新时代,"
        "三是完成脱贫攻坚的历史任务。这三件大事意义重大。\n" + "我们取得了伟大成就。" * 20 + "\n二、新时代的使命任务\n内容。"
    )
    outline = from_text(text).outline
    assert [s.id for s in outline.walk() if s.level > 0] == ["1", "2"]
    # Negative: in a body without line breaks (the seed's kind), items that are clauses of their own (；)
    # after a colon stay sections, and the last one ends with its sentence.
    text = "一、主要任务。抓好三个方面:一是培育产业;二是布局未来;三是强化支撑。" + "要持续推进。" * 10 + "二、保障措施。内容。"
    outline = from_text(text).outline
    items = outline.section("1").children
    assert [s.title for s in items] == ["培育产业", "布局未来", "强化支撑"]
    assert text[items[-1].start : items[-1].end] == "三是强化支撑。"
    rows = outline.sentences_frame()
    after = rows[rows.text.str.startswith("要持续推进")]
    assert set(after.section) == {"1"}  # the text after the list belongs to the part, not to its last item


def test_a_marker_continuing_a_list_inside_a_section_is_not_a_part():
    text = (
        "一、总任务\n内容。\n二、计划概要\n内容。\n三、若干问题\n（一）关于工业问题\n主要有以下几点:\n"
        "一、发展重工业。\n二、发展轻工业。\n三、发展交通。\n四、培养干部。\n（二）关于农业问题\n内容。\n四、为完成计划而奋斗\n内容。"
    )
    outline = from_text(text).outline
    assert titles_at(outline, 1) == {"1": "总任务", "2": "计划概要", "3": "若干问题", "4": "为完成计划而奋斗"}
    assert titles_at(outline, 2) == {"3.1": "关于工业问题", "3.2": "关于农业问题"}


def test_title_skips_mojibake_and_joins_wrapped_lines():
    text = "????\n高举中国特色社会主义伟大旗帜\n为全面建设社会主义现代化国家而团结奋斗\n——在中国共产党第二十次全国代表大会上的报告\n同志们:\n现在,我代表中央委员会作报告。"
    outline = from_text(text).outline
    assert outline.title.text == "高举中国特色社会主义伟大旗帜\n为全面建设社会主义现代化国家而团结奋斗"  # the raw span
    assert outline.title_text == "高举中国特色社会主义伟大旗帜为全面建设社会主义现代化国家而团结奋斗"
    assert outline.salutation.text == "同志们:"
    # Negative: a byline after the title is not part of it.
    outline = from_text("某某讲话\n天津市市长 张工\n各位代表:\n现在报告工作。").outline
    assert outline.title.text == "某某讲话"


def test_salutation_with_an_honoured_guest_is_whole():
    outline = from_text("在大会上的讲话\n尊敬的王主席，各位委员，同志们：\n现在开会。").outline
    assert outline.salutation.text == "尊敬的王主席，各位委员，同志们："
    assert outline.title.text == "在大会上的讲话"
    assert from_text("在大会上的讲话\n我们尊敬的老师说,同志们要努力。").outline.salutation is None


def test_sentences_tile_the_body_with_elisions():
    text = "某某讲话\n同志们:\n一、总体要求,加快发展(zhǎn)新质\n生产力\n推动发展,此处隐藏300个字加快转型。\n二、重点任务\n抓好落实。"
    document = from_text(text)
    assert document.elisions
    assert_tiles(document)
    kinds = {document.raw[s.start : s.end]: s.kind for s in document.outline.sentences}
    assert kinds["此处隐藏300个字"] == "boilerplate"


def test_enumeration_items_inside_a_paragraph_of_a_structured_body_are_not_sections():
    text = (
        "一、抢抓机遇\n当前,我们面临前所未有的机遇。第一,国家继续实施积极的财政政策。第二,省内出台了扶持政策。\n"
        "二、明确任务\n一是抓项目。\n二是抓招商。\n三、强化保障\n内容。"
    )
    outline = from_text(text).outline
    assert [s.id for s in outline.section("1").children] == []
    assert titles_at(outline, 2) == {"2.1": "抓项目", "2.2": "抓招商"}  # items that open a paragraph are sections


def test_a_heading_announced_before_a_colon():
    text = "同志们:\n我代表县委讲三点意见:一、大会的筹备工作圆满完成。\n内容。\n二、大会的主要任务。\n内容。"
    assert titles_at(from_text(text).outline, 1) == {"1": "大会的筹备工作圆满完成", "2": "大会的主要任务"}
    # Negative: a colon that announces nothing.
    assert titles_at(from_text("他说:一、二、三产业要融合。\n内容。").outline, 1) == {}


def test_an_announced_list_nests_under_the_section_that_announced_it():
    text = (
        "第二，关于农业的增产措施，现在我提出以下几点：\n一、开垦荒地。\n内容。\n二、兴修水利。\n内容。\n"
        "第三，对农业生产的领导问题。\n内容。"
    )
    outline = from_text("某某报告\n" + text).outline
    assert [(s.level, s.marker) for s in outline.walk() if s.level] == [(1, "第二，"), (2, "一、"), (2, "二、"), (1, "第三，")]
    # Negative: without an announcement a part marker ranks above an ordinal item.
    outline = from_text("某某报告\n第一，抓好落实。\n内容。\n一、总体要求\n内容。\n二、重点任务\n内容。").outline
    assert [(s.id, s.marker) for s in outline.walk() if s.level and s.family == "part"] == [("1", "一、"), ("2", "二、")]


def test_chapters():
    text = "某某工作规则\n第一章 总则\n为规范工作,制定本规则。\n第二章 组成人员和职能\n内容。"
    assert titles_at(from_text(text).outline, 1) == {"1": "总则", "2": "组成人员和职能"}
    # Negative: a chapter named in running text.
    assert titles_at(from_text("某某讲话\n计划草案第四章已经写得很详细。\n内容。").outline, 1) == {}


def structure(outline):
    return [(s.level, s.marker, s.title) for s in outline.walk() if s.level]


def test_articles_of_a_regulation_are_not_headings():
    # The title names a regulation: 一、二、 under 第一章 are its articles.
    text = "某县人民政府工作规则\n第一章 总则\n一、为规范工作,制定本规则。\n二、县政府实行县长负责制。\n"
    assert structure(from_text(text).outline) == [(1, "第一章", "总则")]
    # No telling title, but the numbering runs on across the chapters (第二章 opens with 三、).
    text = ("某县政府工作安排\n第一章 总则\n一、为规范工作,制定本规则。\n二、县政府实行县长负责制。\n"
            "第二章 职能\n三、县政府履行经济调节职能。\n四、县政府推进依法行政。\n")
    assert structure(from_text(text).outline) == [(1, "第一章", "总则"), (1, "第二章", "职能")]
    # Articles written 第X条: their clauses （一）（二） are not headings either.
    text = ("某某管理\n第一章 总则\n第一条 为加强管理,制定本办法。\n第二条 主要职责是:\n（一）制定规划;\n"
            "（二）组织实施。\n第二章 附则\n第三条 本办法自发布之日起施行。\n")
    assert structure(from_text(text).outline) == [(1, "第一章", "总则"), (1, "第二章", "附则")]
    # Negative: a plan's chapters restart their parts at 一、: those are headings.
    text = ("某市发展规划\n第一章 发展基础\n一、主要成就\n内容。\n二、面临形势\n内容。\n"
            "第二章 总体要求\n一、指导思想\n内容。\n")
    assert structure(from_text(text).outline) == [
        (1, "第一章", "发展基础"), (2, "一、", "主要成就"), (2, "二、", "面临形势"),
        (1, "第二章", "总体要求"), (2, "一、", "指导思想"),
    ]
    # Negative: markers before the first chapter (a notice that prints the rules) stay headings.
    text = "关于印发某规则的通知\n一、总体要求\n内容。\n二、工作安排\n内容。\n"
    assert structure(from_text(text).outline) == [(1, "一、", "总体要求"), (1, "二、", "工作安排")]


def test_a_heading_at_the_end_of_a_cut_off_page_keeps_its_title():
    text = "某某意见\n一、重点任务\n内容很多。\n（二）建立重大案件沟通协调"
    assert structure(from_text(text).outline)[-1] == (2, "（二）", "建立重大案件沟通协调")
    # Negative: a long run of text cut off after a marker is not all title.
    text = "某某意见\n一、重点任务\n内容很多。\n（二）" + "建立重大案件沟通协调机制并且加强各部门之间的信息共享和工作衔接还要" * 2
    assert len(structure(from_text(text).outline)[-1][2]) < 30
    # A last line that is whole (its line break kept) is the heading's whole title.
    text = "某某讲话\n讲三点意见。\n一、全面把握,深刻领会,切实把思想和行动统一到总书记重要讲话精神上来\n"
    assert structure(from_text(text).outline)[-1][2] == "全面把握,深刻领会,切实把思想和行动统一到总书记重要讲话精神上来"


def test_a_topic_heading_ends_with_its_topic():
    text = "某某报告\n第二，关于农业的增产措施，计划草案已经写得很详细，现在我提出以下几点：\n一、\n开垦荒地。\n内容。"
    assert structure(from_text(text).outline)[0] == (1, "第二，", "关于农业的增产措施")
    text = "某某讲话\n一、关于经济工作，今年要抓好三件事\n内容很多。\n二、关于党的建设\n内容。"
    assert [t for _, _, t in structure(from_text(text).outline)] == ["关于经济工作", "关于党的建设"]
    # Negative: a heading that does not name a topic keeps its clauses.
    text = "某某讲话\n一是加大宏观调控力度，推动经济运行持续好转。内容。\n二是扩大内需。内容。"
    assert structure(from_text(text).outline)[0] == (1, "一是", "加大宏观调控力度，推动经济运行持续好转")


def test_a_marker_on_its_own_line_heads_its_whole_first_sentence():
    sentence = "使用新式步犁、双轮双铧犁和双轮单铧犁，积极地蓄肥造肥和合理地施肥，推广优良品种和先进的耕作方法，消灭农作物的病害和虫害等等，都是对提高农作物产量有效的措施，都应该因地制宜地加以实施"
    text = f"某某报告\n一、\n开垦荒地。内容。\n二、\n{sentence}。各级机关应该加强工作。\n"
    assert [t for _, _, t in structure(from_text(text).outline)] == ["开垦荒地", sentence]
    # A marker alone on its line at the very end of the text (found by hypothesis): no index error, tiles.
    assert structure(from_text("一、\r0").outline) == [(1, "一、", "0")]
    # Negative: the same sentence after a marker on the same line is cut to a heading's length.
    text = f"某某报告\n一、开垦荒地。内容。\n二、{sentence}。各级机关应该加强工作。\n"
    assert len(structure(from_text(text).outline)[1][2]) < len(sentence)


def test_a_title_run_into_the_text_is_the_part_the_file_name_shares():
    text = "某某学习研讨交流会发言材料参考范文2篇.docx\n某某学习研讨交流会发言材料在学习会议上，他强调要突出问题导向。坚持问题导向。\n一、坚持问题导向\n内容。"
    outline = from_text(text).outline
    assert outline.title_text == "某某学习研讨交流会发言材料"
    assert structure(outline)[0] == (1, "一、", "坚持问题导向")
    # Negative: without a file name above it, a first line of sentences has no title.
    assert from_text(text.split("\n", 1)[1]).outline.title is None
    # Negative: a file name that shares only a word or two with the text names nothing.
    other = "某某学习心得体会.docx\n某某学习研讨交流会发言材料在学习会议上，他强调要突出问题导向。\n内容。"
    assert from_text(other).outline.title is None


def test_bare_part_markers_at_a_line_start():
    text = "某区调研报告\n一 调研背景\n(一)调研目的\n内容。\n二 整体概况\n内容。"
    assert structure(from_text(text).outline) == [(1, "一 ", "调研背景"), (2, "(一)", "调研目的"), (1, "二 ", "整体概况")]
    # Negative: a numeral and a space inside a line of text is no marker.
    text = "某区调研报告\n全区统一 部署,十 个乡镇参加。\n内容。"
    assert structure(from_text(text).outline) == []


def test_decimal_sections_under_points():
    text = "某某应急预案\n1.总则\n1.1编制目的\n内容。\n1.2 编制依据\n内容。\n(1)以人为本\n内容。\n2.组织体系\n内容。"
    assert structure(from_text(text).outline) == [
        (1, "1.", "总则"), (2, "1.1", "编制目的"), (2, "1.2", "编制依据"), (3, "(1)", "以人为本"), (1, "2.", "组织体系"),
    ]
    # Negative: a decimal figure at a line's start, or inside a sentence, is no section.
    text = "某某报告\n1.总则\n内容。\n2.5亿元用于建设。\n投资增长1.2 倍。全年达到3.1万人。\n"
    assert structure(from_text(text).outline) == [(1, "1.", "总则")]


def test_a_title_printed_again_in_another_form_is_not_its_continuation():
    outline = from_text("2022工作总结及2023年工作计划-22篇\n2022工作总结及2023年工作计划汇编\n今年以来,我们扎实工作。").outline
    assert outline.title_text == "2022工作总结及2023年工作计划-22篇"
    # Negative: a title wrapped over two lines is joined.
    outline = from_text("关于加快推进城市社区嵌入式\n服务设施建设的实施方案\n今年以来,我们扎实工作。").outline
    assert outline.title_text == "关于加快推进城市社区嵌入式服务设施建设的实施方案"


def test_an_outline_announced_before_the_parts_is_not_sections():
    text = ("某某讲话\n下边主要讲三个问题:\n(一)如何对待解放军;\n(二)阶级观点;\n(三)光荣任务。\n"
            "(一)如何对待解放军。这个问题大家都知道。\n(二)阶级观点。内容。\n")
    assert structure(from_text(text).outline) == [(1, "(一)", "如何对待解放军"), (1, "(二)", "阶级观点")]
    # Negative: an announced list that nothing restarts is the text's own list.
    text = "某某讲话\n下边主要讲三个问题:\n(一)如何对待解放军。内容。\n(二)阶级观点。内容。\n"
    assert [m for _, m, _ in structure(from_text(text).outline)] == ["(一)", "(二)"]


def test_a_title_does_not_run_across_furniture_lines():
    text = "2021年度工作总结和2022年工作计划\n撰写人:___________\n日\n期:___________\n今年以来,我们扎实工作。"
    assert from_text(text).outline.title_text == "2021年度工作总结和2022年工作计划"


def test_a_spaced_out_title_is_one_title():
    text = "某某办法\n第一章 总 则\n第一条 为加强管理,制定本办法。\n第二章 附  则\n第二条 本办法自发布之日起施行。\n"
    assert [t.replace(" ", "") for _, _, t in structure(from_text(text).outline)] == ["总则", "附则"]
    # Negative: a space after a heading still ends it before the text.
    text = "某某讲话\n一、总体要求 坚持稳中求进。\n二、重点任务\n内容。"
    assert structure(from_text(text).outline)[0] == (1, "一、", "总体要求")


def test_a_verb_inside_a_word_does_not_end_a_heading():
    text = "某某讲话\n一、全面把握,切实把思想统一到总书记重要讲话精神上来\n内容。\n"
    assert structure(from_text(text).outline)[0][2] == "全面把握,切实把思想统一到总书记重要讲话精神上来"
    # Negative: a subject with its verb still opens a sentence.
    text = "某某讲话\n一、坚持创新驱动发展总书记要求我们加快发展\n内容。\n"
    assert structure(from_text(text).outline)[0][2] == "坚持创新驱动发展"


def test_an_address_on_its_own_line_ending_in_an_exclamation_mark_is_the_salutation():
    document = from_text("各位代表！\n\n根据中共中央的决定，我代表国务院作报告。\n\n各位代表！\n\n我们党的第十次全国代表大会召开了。\n")
    assert document.outline.salutation.text == "各位代表！"
    assert document.boilerplate == ()  # said again, it is text, not a repeated line
    # Negative: an exclamation inside a sentence is no salutation.
    assert from_text("某某讲话\n同志们好！今天开会，大家辛苦了。\n内容。").outline.salutation is None


def test_aspects_announced_by_the_speech_head_its_parts():
    text = "某某发言\n我从两个方面谈点看法:第一个方面:站位决定方位。一、站得高才能看得远。内容。二、站得直。内容。第二个方面:担当。内容。"
    assert [(level, marker) for level, marker, _ in structure(from_text(text).outline)] == [
        (1, "第一个方面:"), (2, "一、"), (2, "二、"), (1, "第二个方面:"),
    ]
    # Negative: 第一个问题 inside a sentence, without its colon, is text.
    text = "某某发言\n一、总体要求\n第一个问题是发展不平衡。内容。"
    assert [m for _, m, _ in structure(from_text(text).outline)] == ["一、"]


def test_document_number_and_editorial_note_are_not_titles():
    outline = from_text("沪府发〔2017〕92号\n上海市人民政府关于加强政务诚信建设的通知\n各区人民政府,市政府各委、办、局:\n现将意见印发给你们。").outline
    assert outline.title_text == "上海市人民政府关于加强政务诚信建设的通知"
    assert outline.salutation.text == "各区人民政府,市政府各委、办、局:"
    outline = from_text("(此文为内部讨论稿)\n现在我代表中央委员会作报告\n内容很多。").outline
    assert outline.title is None
    # Negative: an instruction that starts with 各 is not an address.
    assert from_text("某某讲话\n各地要抓落实:\n内容。").outline.salutation is None


@st.composite
def _body_with_boilerplate(draw):
    """A text of spaces, newlines and Han, with non-overlapping boilerplate spans in it."""
    text = draw(st.text(alphabet=" \n\u3000一二甲乙", min_size=1, max_size=60))
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=8))))
    spans = [Span(a, b, text[a:b], "boilerplate") for a, b in zip(cuts[::2], cuts[1::2]) if a < b]
    return text, draw(st.permutations(spans))


@given(_body_with_boilerplate())
def test_boilerplate_lookups_equal_their_plain_definitions(case):
    """The outline asks two questions of the boilerplate spans by bisection (linear time on long bodies);
    the answers are those of asking every span."""
    from policytext.outline import _Body

    text, spans = case
    body = _Body(text, 0, len(text), [], [(b.start, b.end) for b in spans])
    for pos in range(len(text) + 1):
        assert body.in_boilerplate(pos) == any(b.start <= pos < b.end for b in spans)
        assert body.paragraph_start(pos, -1) == any(b.end <= pos and not text[b.end : pos].strip() for b in spans)


def test_a_heading_ends_before_the_furniture_after_it():
    # Leaked markup after a heading is elided furniture: the heading's span stops at its own last character.
    text = "某某实施方案\n<p><strong>一、指导思想</strong></p><p> 以新发展理念为指导。</p>\n<p><strong>二、总体目标</strong></p><p> 到2025年收入稳步增长。</p>"
    document = from_text(text)
    heads = [s for s in document.outline.walk() if s.level == 1]
    assert [document.raw[s.start : s.heading_end] for s in heads] == ["一、指导思想", "二、总体目标"]
    # Negative: without furniture the heading keeps its end mark.
    document = from_text("某某实施方案\n一、指导思想。以新发展理念为指导。\n二、总体目标。收入稳步增长。")
    heads = [s for s in document.outline.walk() if s.level == 1]
    assert [document.raw[s.start : s.heading_end] for s in heads] == ["一、指导思想。", "二、总体目标。"]


def test_leaked_block_markup_ends_lines_but_inline_markup_does_not():
    text = ("<p>各市人民政府，省政府各部门：</p><p> 现将《某省促进居民增收实施方案》印发给你们，请认真组织实施。</p>"
            "<p style=\"text-align: center;\"><strong>某省促进居民增收实施方案</strong></p>"
            "<p><strong>一、指导思想</strong></p><p>以新发展理念为指导，推动高质量发展。</p>"
            "<p><strong>二、总体目标</strong></p><p>到2025年，城乡居民收入稳步增长。</p>")
    outline = from_text(text).outline
    assert outline.salutation_text == "各市人民政府，省政府各部门："
    assert outline.title_text == "某省促进居民增收实施方案"  # the forwarded document's title, after the addressees
    assert structure(outline) == [(1, "一、", "指导思想"), (1, "二、", "总体目标")]
    # Negative: inline markup inside a heading is no line break.
    text = "某某讲话\n一、加强<strong>党的</strong>全面领导\n内容。\n二、推动发展\n内容。"
    assert structure(from_text(text).outline)[0] == (1, "一、", "加强党的全面领导")


def test_addressees_without_ge_and_wrapped_over_lines():
    text = "某市人民政府办公厅关于印发某办法的通知\n五华区、盘龙区人民政府，市政府有关委、办、局，三个开发（度假）区管委会：\n现将某办法印发给你们。"
    assert from_text(text).outline.salutation_text == "五华区、盘龙区人民政府，市政府有关委、办、局，三个开发（度假）区管委会："
    text = "某省人民政府关于某事的通知\n各市人民政府，各县（市、区）人民政府，\n省政府各部门、各直属机构：\n现将有关事项通知如下。"
    assert from_text(text).outline.salutation_text == "各市人民政府，各县（市、区）人民政府，省政府各部门、各直属机构："
    # Negative: a sentence of the text that happens to end in an institution and a colon is no address.
    text = "某某讲话\n会议开得很好。我们要团结一致，依靠区委、区政府：\n内容。"
    assert from_text(text).outline.salutation is None


def test_a_forwarded_document_titles_a_notice_without_a_title():
    text = "各区人民政府，市政府各部门：\n现将《某市环境治理实施办法》印发给你们，请遵照执行。\n某市人民政府\n某市环境治理实施办法\n第一章 总则\n内容。"
    assert from_text(text).outline.title_text == "某市环境治理实施办法"
    # Negative: a document cited without being forwarded titles nothing.
    text = "各区人民政府，市政府各部门：\n根据《某市环境治理实施办法》，现就有关事项通知如下。\n某市环境治理实施办法\n内容。"
    assert from_text(text).outline.title is None


def test_a_decimal_marker_stands_under_its_point():
    text = "某某应急预案\n1.总则\n1.1编制目的\n内容。\n1.2编制依据\n内容。\n2.组织体系\n2.1指挥机构\n内容。"
    assert [m for _, m, _ in structure(from_text(text).outline)] == ["1.", "1.1", "1.2", "2.", "2.1"]
    # Negative: 5.2 in a table row under part 一 is a figure, not a section.
    text = "某某统计公报\n一、综合\n地区生产总值 | 617.50 |\n5.2 |\n第一产业 | 37.11 |\n二、农业\n内容。"
    assert [m for _, m, _ in structure(from_text(text).outline)] == ["一、", "二、"]


def test_a_title_printed_twice_at_the_head_of_the_text():
    text = "关于贫困情况的调研报告范文；关于贫困情况的调研报告范文； ;某县是国家级扶贫开发重点县。一、贫困现状\n内容。"
    assert from_text(text).outline.title_text == "关于贫困情况的调研报告范文"
    # Negative: two different clauses closed by semicolons open a text, not a title.
    text = "坚持稳中求进工作总基调；推动经济高质量发展；全县上下团结奋斗。一、总体要求\n内容。"
    assert from_text(text).outline.title is None


def test_honoured_and_single_institution_addresses():
    text = "开幕致辞\n尊敬的各位领导、各位评委、亲爱的老师、同学们:大家晚上好!\n比赛即将开始。"
    assert from_text(text).outline.salutation_text == "尊敬的各位领导、各位评委、亲爱的老师、同学们:"
    text = "市长欢迎词\n尊敬的亚奥理事会评估团成员:\n欢迎你们来广州。"
    assert from_text(text).outline.salutation_text == "尊敬的亚奥理事会评估团成员:"
    text = "（2017年11月1日在常委会会议上）\n全国人民代表大会常务委员会：\n我代表最高人民法院报告工作，请审议。"
    assert from_text(text).outline.salutation_text == "全国人民代表大会常务委员会："
    # Negative: an institution and a colon after the text's first sentence is the text's own.
    text = "某某讲话\n会议开得很好。下面请市政府：\n内容。"
    assert from_text(text).outline.salutation is None
    # Negative: 亲爱的 inside a sentence opens no address.
    assert from_text("某某讲话\n我们要关心亲爱的孩子们，让他们健康成长。\n内容。").outline.salutation is None


def test_the_title_alone_below_a_site_headline_that_frames_it():
    text = "两会受权发布某市人大常委会工作报告\n来源:某某网 更新:2023-03-22 21:56:23\n某市人大常委会工作报告\n——2023年1月在某市人代会上\n各位代表:\n内容。"
    assert from_text(text).outline.title_text == "某市人大常委会工作报告"
    # Negative: a later line that only ends the same way is too short to be the title again.
    text = "某市人大常委会二〇二三年工作报告\n——2023年1月在某市人代会上\n工作报告\n各位代表:\n内容。"
    assert from_text(text).outline.title_text == "某市人大常委会二〇二三年工作报告"


def test_a_column_name_above_a_metadata_table_is_no_title():
    text = ("预算绩效管理\n- 索引号: zsjfzzx/2025-00002\n- 发布机构: 某州数据发展中心\n- 发布日期: 2025-04-29\n"
            "某州数据发展中心2024年度项目支出绩效单位自评报告\n一、基本情况\n内容。")
    assert from_text(text).outline.title_text == "某州数据发展中心2024年度项目支出绩效单位自评报告"
    # Negative: a first line that is a document's title keeps it, the table notwithstanding.
    text = "某区地质灾害应急预案\n- 索引号: 000014349/2022-00004\n- 发文日期: 2022-02-24\n某区应急管理局通知\n1.总则\n内容。"
    assert from_text(text).outline.title_text == "某区地质灾害应急预案"
    # Negative: without furniture between, the next line is the title's text, not another title.
    text = "预算绩效管理\n某中心项目支出绩效自评报告\n一、基本情况\n内容。"
    assert from_text(text).outline.title_text != "某中心项目支出绩效自评报告"


def test_numbered_turns_of_one_speaker_are_not_sections():
    text = "宴会主持词\n(1)主持人:宴会现在开始。\n(2)主持人:“有朋自远方来，不亦乐乎！”下面请团长致词。\n(3)主持人:请大家举杯。"
    assert structure(from_text(text).outline) == []
    # Negative: the same label under markers of one number is a parallel outline.
    text = "某某报告\n一、经济\n(一)基本情况:内容。\n(二)存在问题:内容。\n二、社会\n(一)基本情况:内容。\n(二)存在问题:内容。"
    assert [m for _, m, _ in structure(from_text(text).outline)] == ["一、", "(一)", "(二)", "二、", "(一)", "(二)"]
