"""Rhetoric detectors on short hand-written texts: each rule with a case it must find and one it must not."""

from __future__ import annotations

import pandas as pd
import pytest

from policytext import from_text
from policytext.errors import PolicytextError
from policytext.rhetoric import (
    cooccurrence,
    directive_profile,
    dispersion,
    enumeration_items,
    find_directives,
    find_enumerations,
    find_formulas,
    find_four_character,
    find_keywords,
    find_quotations,
    four_character_density,
    kwic,
    leader_references,
    leader_share,
    parallelism_members,
    parallelisms,
    term_frequencies,
)
from policytext.rhetoric.enumerations import enumeration_items_with_series
from policytext.rhetoric.four_character import pattern_of
from policytext.rhetoric.quotations import quotation_spans


def doc(text: str):
    return from_text(text)


def kinds(text: str) -> dict[str, str]:
    table = find_quotations(doc(text))
    return dict(zip(table.text, table.kind))


# --- quotations ---------------------------------------------------------------------------


def test_quotation_pairs_nest_and_drop_unclosed_marks():
    text = "甲“乙‘丙’丁”戊《己》“未闭合"
    spans = quotation_spans(text)
    assert [(text[s.start : s.end], s.depth, s.parent) for s in spans] == [("“乙‘丙’丁”", 0, None), ("‘丙’", 1, 0), ("《己》", 0, None)]


def test_leader_quotation_by_speech_verb_and_by_about():
    found = find_quotations(doc("习近平总书记指出：“科技创新是核心要素。”我们要落实习近平总书记关于“勇争先、善作为”的重要讲话精神。"))
    assert list(found.kind) == ["leader", "leader"]
    assert list(found.speaker) == ["习近平", "习近平"]


def test_leader_proposes_formula_as_important_requirement():
    found = find_quotations(doc("习近平总书记亲临视察，对我省工作提出“四个善作善成”重要要求。"))
    assert found.kind.tolist() == ["leader"]


def test_straight_quotes_in_chinese_text_are_quotations():
    found = find_quotations(doc('坚持"四高"要求，不搞"老一套"。'))
    assert list(zip(found.content, found.marks, found.kind)) == [("四高", '""', "term"), ("老一套", '""', "term")]
    assert find_quotations(doc('只有一个"引号。')).empty


def test_quotation_without_a_leader_is_not_a_leader_quotation():
    # A leader named in another sentence does not make the next quotation his.
    found = find_quotations(doc("习近平总书记视察天津。我们提出“科技之为”这一目标，也讲“新质生产力的发展要靠科技创新，要靠人才。”"))
    assert found.kind.tolist() == ["term", "other"]
    assert set(found.speaker) == {""}


def test_quotation_kinds_by_rule():
    assert kinds("完善“1+4”体系，鼓励“投早、投小、投硬科技”，打通“科技—产业—金融”链条。") == {
        "“1+4”": "slogan", "“投早、投小、投硬科技”": "slogan", "“科技—产业—金融”": "slogan"}
    assert kinds("发挥“增量器”“放大器”作用，解开“细绳子”，从“书架”走上“货架”。") == {
        "“增量器”": "figurative", "“放大器”": "figurative", "“细绳子”": "figurative", "“书架”": "figurative", "“货架”": "figurative"}
    assert kinds("攻克“卡脖子”难题，建设“双一流”高校，探索“揭榜挂帅”。") == {
        "“卡脖子”": "term", "“双一流”": "term", "“揭榜挂帅”": "term"}
    # 器 only as the end of a longer image: the single character is not a metaphor cue.
    assert kinds("这是“器”。") == {"“器”": "term"}


def test_title_kind_and_publisher():
    found = find_quotations(doc("世界知识产权组织发布的《2023年全球创新指数》报告显示，7月21日发布的《决定》明确了方向。"))
    assert found.kind.tolist() == ["title", "title"]
    assert found.speaker.tolist() == ["世界知识产权组织", ""]


def test_nested_quotation_is_a_child_row_classified_on_its_own():
    found = find_quotations(doc("“市级基金试行‘负面清单+包干制’”入选案例。"))
    assert found.text.tolist() == ["“市级基金试行‘负面清单+包干制’”", "‘负面清单+包干制’"]
    assert found.depth.tolist() == [0, 1]
    assert found.parent.tolist()[1] == 0
    # The outer one is a name, not a slogan: the + belongs to the nested quotation.
    assert found.kind.tolist() == ["term", "slogan"]


# --- formulas -----------------------------------------------------------------------------


def test_formulas_of_each_kind():
    text = "提出“四个善作善成”重要要求，主要包括三个方面：完善“一核两翼多点”布局，实施“双碳”专项，建设“双一流”高校，完善“1+4”体系，试行“负面清单+包干制”。"
    found = find_formulas(doc(text))
    assert list(zip(found.text, found.kind)) == [
        ("四个善作善成", "counted"), ("三个方面", "counted"), ("一核两翼多点", "structural"), ("双碳", "abbreviation"),
        ("双一流", "abbreviation"), ("1+4", "arithmetic"), ("负面清单+包干制", "compound")]
    assert found.number.tolist()[:3] == ["4", "3", "一-两-多"]


def test_no_formula_in_years_statistics_outline_markers_or_ordinary_words():
    text = "一、总体要求。2023年，23个城市上榜，三个城市入选。（一）加强领导。一是加快发展；二是深化改革。双方同意双向开放，一心一意谋发展，一个时代。"
    assert find_formulas(doc(text)).empty


def test_quoted_abbreviations_with_a_numeral_are_formulas():
    text = "统筹做好“六稳”“六保”工作，推进“五位一体”总体布局，实现“两不愁三保障”，“新三样”出口增长，实施“八八战略”和“十项重大工程”。"
    found = find_formulas(doc(text))
    assert found.text.tolist() == ["六稳", "六保", "五位一体", "两不愁三保障", "新三样", "八八战略", "十项重大工程"]
    assert found.number.tolist() == ["6", "6", "5", "2", "3", "8", "10"]


def test_quotations_with_a_numeral_inside_a_word_or_a_number_are_not_formulas():
    text = "推进“第一议题”制度，建设“统一大市场”，“十四五”时期，争取“一万”。"
    assert find_formulas(doc(text)).empty


def test_numbered_bodies_are_names_and_heads_end_before_adverbs():
    assert find_formulas(doc("全国“两会”召开，村“两委”换届。")).empty
    found = find_formulas(doc("提出两个重点更突出，四个推进更有力，三个确保更落实。"))
    assert found.text.tolist() == ["四个推进", "三个确保"]


def test_events_numbers_and_announcements_are_not_formulas():
    text = "十八大召开至今，党的十九大以来，收入一万六千五百元。下面从以下四个方面谈谈体会：这三个问题要解决。"
    assert find_formulas(doc(text)).empty
    # The same counts where they name something stay formulas.
    assert find_formulas(doc("包括三个方面：一是改革。实施十大行动。")).text.tolist() == ["三个方面", "十大行动"]


def test_unquoted_one_one_chain_is_an_idiom_not_a_formula():
    assert find_formulas(doc("一心一意谋发展。")).empty
    assert find_formulas(doc("共建“一带一路”。")).kind.tolist() == ["structural"]


def test_a_quoted_structural_chain_runs_to_its_closing_mark():
    found = find_formulas(doc("聚焦“一区两地一园一通道”建设，推进一核两翼多点布局。"))
    assert found.text.tolist() == ["一区两地一园一通道", "一核两翼多点"]
    # Unquoted, a chain still takes one character a unit.
    assert find_formulas(doc("推进一区两地建设。")).text.tolist() == ["一区两地"]


def test_a_count_after_a_quoted_list_of_as_many_items_names_it():
    found = find_formulas(doc("至此，“修机场、造海港、通高铁”三件大事圆满完成。"))
    assert found.text.tolist() == ["三件大事"]
    # Items and count disagree, or no quotation: a plain count.
    assert find_formulas(doc("至此，“修机场、造海港”三件大事完成。办好三件大事。")).empty


def test_a_formula_named_once_is_a_formula_where_it_stands_again_as_a_word():
    text = "确立了“两个重点”。提出两个重点更突出。学习三个代表重要思想，三个代表团参加。贯彻“三个代表”。"
    assert find_formulas(doc(text)).text.tolist() == ["两个重点", "两个重点", "三个代表", "三个代表"]
    # Without the quoted naming, the same words are a plain count.
    assert find_formulas(doc("提出两个重点更突出。")).empty


def test_words_with_a_numeral_and_quoted_place_names_are_not_formulas():
    text = "“十字街”等文化IP火爆，北流“两湾”产业园产值增长，“一把手”负总责，不搞“一刀切”。"
    assert find_formulas(doc(text)).empty
    assert find_formulas(doc("推进“两湾”建设，打造“三江”品牌。")).text.tolist() == ["两湾", "三江"]


def test_a_speaker_announcing_the_parts_of_the_talk_names_no_formula():
    assert find_formulas(doc("下面，我讲三个问题：\n一、关于形势")).empty
    assert find_formulas(doc("我主要谈两个方面：一是学习。")).empty
    # A quoted formula in the announcement stays one; a list announced by the text itself too.
    assert find_formulas(doc("下面我讲“两个确立”。")).text.tolist() == ["两个确立"]
    assert find_formulas(doc("主要包括三个方面：一是改革。")).text.tolist() == ["三个方面"]


def test_counts_of_the_meetings_parts_days_decimals_and_cut_heads_are_not_formulas():
    text = "今天会议共有三项议程：一是传达。纪念“五一口号”发布，学习“七一”讲话，增长一点四倍，三个开发（度假）区管委会。十一届三中全会以来。"
    assert find_formulas(doc(text)).empty
    # The same shapes where they name a set stay formulas.
    found = find_formulas(doc("坚持“八八战略”，开展三会一课，分两步走，推进“三项改革”。下面我谈谈对四个善作善成的认识。"))
    assert found.text.tolist() == ["八八战略", "三会一课", "两步走", "三项改革", "四个善作善成"]


def test_a_head_that_is_a_comparison_is_no_noun():
    assert find_formulas(doc("用“两个好于来概括")).text.tolist() == ["两个好于"]
    assert find_formulas(doc("两个好人来了。")).empty


def test_formulas_in_straight_ascii_quotes():
    text = '坚持高境界、高标准、高效率、高效益"四高"要求，对"四高"有了新认识。'
    assert find_formulas(doc(text)).text.tolist() == ["四高", "四高"]
    # An odd number of straight quotes on a line: which one is stray cannot be told, so none pairs.
    assert find_formulas(doc('对"四高"要求和"五好')).empty


def test_political_formulas_of_recent_speeches():
    text = ("深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”，"
            '统筹推进“五位一体”总体布局、协调推进“四个全面”战略布局，高质量共建"一带一路"。')
    assert find_formulas(doc(text)).text.tolist() == ["两个确立", "四个意识", "四个自信", "两个维护", "五位一体", "四个全面", "一带一路"]
    # Unquoted, the formulas of the table still are (四个意识 would otherwise be four of a noun), but
    # not inside a larger number or a longer word.
    found = find_formulas(doc("做到两个维护，增强四个意识，共建一带一路，践行八荣八耻，不搞四平八稳。第十四个意识形态。"))
    assert found.text.tolist() == ["两个维护", "四个意识", "一带一路", "八荣八耻"]


def test_things_done_are_counted_not_named_and_quoted_lexicalised_words_are_no_formulas():
    assert find_formulas(doc('做了四件事：一是印发纲要。又是"老一套"，书记"一肩挑"，做到"四平八稳"。')).empty


def test_a_count_of_a_noun_phrase_naming_a_set_of_guidelines_or_a_camp_is_a_formula():
    found = find_formulas(doc("贯彻执行十条经济建设方针，摧毁了刘少奇、林彪两个资产阶级司令部，坚持四项基本原则。"))
    assert found.text.tolist() == ["十条经济建设方针", "两个资产阶级司令部", "四项基本原则"]
    assert found["head"].tolist()[:2] == ["经济建设方针", "资产阶级司令部"]
    # A count of a plain noun phrase counts; 的 ends the phrase; 九大 is a congress, not nine big lines.
    assert find_formulas(doc("走访了三个城市，调研了两个产业园区，坚持两条腿走路的方针，贯彻九大路线。")).empty


def test_a_quotation_of_clauses_numbered_one_by_one_is_a_formula():
    found = find_formulas(doc("“一要吃饭，二要建设”，是一项基本原则。发扬“一不怕苦、二不怕死”的精神。"))
    assert found.text.tolist() == ["一要吃饭，二要建设", "一不怕苦、二不怕死"]
    assert found.number.tolist() == ["一-二", "一-二"]
    # Unquoted, numbered clauses are points of a list; quoted, clauses that do not count up are none.
    assert find_formulas(doc("一要加强学习，二要改进作风。")).empty
    assert find_formulas(doc("“一要吃饭，三要建设”，“二要吃饭，一要建设”。")).empty


# --- enumerations -------------------------------------------------------------------------


def test_inline_items_series_with_announcing_head():
    text = "同志们：发展的路径主要包括三个方面：一是推动技术突破；二是促进要素配置；三是推动产业升级。"
    found = find_enumerations(doc(text))
    series = found[found.kind == "item"].iloc[0]
    assert series.length == 3
    assert series.announced == 3
    assert "主要包括三个方面" in series.shared_head


def test_comma_list_items_and_category_after_deng():
    found = find_enumerations(doc("通过关键技术、前沿技术、颠覆性技术等新技术的突破，推动发展。"))
    row = found.iloc[0]
    assert row["items"] == "关键技术 | 前沿技术 | 颠覆性技术"
    assert row["shared_head"] == "新技术"
    items = enumeration_items(doc("通过关键技术、前沿技术、颠覆性技术等新技术的突破，推动发展。"))
    assert items.text.tolist() == ["关键技术", "前沿技术", "颠覆性技术"]


def test_last_item_joined_by_he_is_split_off():
    found = find_enumerations(doc("持续做优做强成果转化、科技服务和科技金融。"))
    assert found.iloc[0]["items"] == "成果转化 | 科技服务 | 科技金融"


@pytest.mark.parametrize("text", ["同志们：\n今天开会。", "推动知识、技术、数据等新型生产要素替代自然资源、能源等传统要素。一是加强创新；二是扩大开放。"])
def test_items_with_series_is_the_join_of_items_and_series(text):
    document = doc(text)
    joined = enumeration_items(document).merge(
        find_enumerations(document)[["enumeration", "kind", "length", "shared_head", "announced"]], on="enumeration"
    )
    pd.testing.assert_frame_equal(enumeration_items_with_series(document), joined, check_exact=True)


def test_outline_marker_is_not_a_list():
    found = find_enumerations(doc("同志们：一、提高认识。这是第一部分。二、肯定成绩。这是第二部分。"))
    assert "list" not in set(found.kind)
    assert found.kind.tolist() == ["part"]


# --- parallelism --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "template", "members"),
    [
        ("探索一条以前沿技术策源为牵引、以科技成果转化为抓手、以科创平台载体为支撑的特色之路。", "以_为_",
         ["以前沿技术策源为牵引", "以科技成果转化为抓手", "以科创平台载体为支撑"]),
        ("着力解决成果“不敢转、不愿转、不会转”难题。", "不_转", ["不敢转", "不愿转", "不会转"]),
        ("实现快研发、快验证、快转化，推动发展。", "快_", ["快研发", "快验证", "快转化"]),
        ("推动成果从校园走进企业、从实验室走向生产线、从“书架”走上“货架”，推进发展。", "从_走_",
         ["从校园走进企业", "从实验室走向生产线", "从“书架”走上“货架”"]),
        ("学在深处、谋在新处、干在实处。", "_在_处", ["学在深处", "谋在新处", "干在实处"]),
    ],
)
def test_parallelism_found_by_structure(text, template, members):
    found = parallelisms(doc(text))
    assert found.template.tolist() == [template]
    assert found.members.iloc[0].split(" | ") == members


def test_clause_level_parallelism():
    text = "以科技创新引领产业体系建设，以产业焕新推进转型升级，以城市更新优化功能布局。"
    found = parallelisms(doc(text))
    assert found.level.tolist() == ["clause"]
    assert found.n_members.tolist() == [3]


@pytest.mark.parametrize(
    "text",
    [
        "通过关键技术、前沿技术、颠覆性技术的突破。",  # shared head noun only: a list of kinds
        "聚焦科技评价、科技激励、科研管理、成果转化。",  # 科 shared inside words, not a template
        "人才、资金、数据。",  # no shared part at all
        "快研发、快验证。",  # two members are not a run of three
    ],
)
def test_no_parallelism_without_a_template(text):
    assert parallelisms(doc(text)).empty


def test_parallelism_members_report_slots():
    members = parallelism_members(doc("着力解决成果“不敢转、不愿转、不会转”难题。"))
    assert members.slots.tolist() == ["敢", "愿", "会"]


# --- four-character expressions -----------------------------------------------------------


@pytest.mark.parametrize(
    ("chars", "pattern"),
    [("善作善成", "ABAC"), ("投早投小", "ABAC"), ("扎扎实实", "AABB"), ("研究研究", "ABAB"), ("苦干实干", "ABCB"),
     ("无中生有", "frame"), ("先立后破", "frame"), ("以进促稳", "frame"),
     ("科技创新", None), ("关键技术", None), ("人工智能", None), ("新质生产", None), ("善作", None)],
)
def test_four_character_patterns(chars, pattern):
    assert pattern_of(chars) == pattern


def test_four_character_expressions_in_text_and_density():
    document = doc("我们要旗帜鲜明地推动科技创新，投早投小，做优做强人工智能产业，使产业无中生有。")
    found = find_four_character(document)
    assert found.text.tolist() == ["旗帜鲜明", "投早投小", "做优做强", "无中生有"]
    assert found.pattern.tolist() == ["idiom", "ABAC", "ABAC", "frame"]
    density = four_character_density(document)
    assert density.expressions.sum() == 4
    assert (density.per_1000 > 0).all()


def test_ordinary_word_pairs_are_not_four_character_expressions():
    assert find_four_character(doc("科技创新、关键技术、人工智能、生产要素和自然资源。")).empty


def test_a_repeat_across_subject_and_predicate_or_in_a_number_is_no_expression():
    assert find_four_character(doc("我国经济实力实现历史性跃升，国内生产总值增长到一百一十四万亿元。")).empty
    # A coordinated pair and a series keep their place.
    found = find_four_character(doc("坚持共商共建共享原则，推进节能节水改造。"))
    assert found.text.tolist() == ["共商共建", "节能节水"]


# --- directives ---------------------------------------------------------------------------


def test_directive_words_counted_as_whole_words_only():
    document = doc("要大力推动科技创新，必须坚持改革，确保落实。这很重要，主要靠要素。")
    found = find_directives(document)
    assert list(zip(found.text, found.category)) == [
        ("要", "modal"), ("大力", "intensity"), ("推动", "directive"), ("必须", "modal"), ("坚持", "stance"),
        ("确保", "stance"), ("落实", "directive")]
    profile = directive_profile(document)
    assert profile.total.sum() == 7
    assert profile.loc[0, "total_per_1000"] == round(1000 * 7 / profile.loc[0, "characters"], 2)


def test_no_directives_in_a_descriptive_sentence():
    assert find_directives(doc("天津是一座城市。")).empty


# --- leaders ------------------------------------------------------------------------------


def test_leader_references_longest_name_and_share():
    document = doc("习近平总书记强调创新。党中央、国务院作出部署。省委提出要求。这是一句话。")
    found = leader_references(document)
    assert list(zip(found.text, found.category)) == [
        ("习近平总书记", "leader"), ("党中央", "central_body"), ("国务院", "central_body"), ("省委", "local_body")]
    share = leader_share(document).set_index("cites")
    assert share.loc["leader or central body", "sentences"] == 2
    assert share.loc["leader or central body", "share"] == 0.5


def test_no_leader_reference_in_plain_text():
    assert leader_references(doc("我们推动科技创新。")).empty


def named(text: str, **provenance) -> list[tuple[str, str]]:
    found = leader_references(from_text(text, provenance=provenance))
    return list(zip(found.text, found.name))


def test_a_named_general_secretary_is_that_person_not_the_present_one():
    assert named("江總書記指出，要与时俱进。", date="2024-03-05") == [("江總書記", "江泽民")]
    assert named("胡锦涛总书记强调，要以人为本。", date="2024-03-05") == [("胡锦涛总书记", "胡锦涛")]


def test_a_bare_title_takes_the_nearest_name_of_a_holder_before_it():
    text = "胡锦涛同志指出，要坚持科学发展观。总书记强调，要以人为本。"
    assert named(text, date="2024-03-05") == [("胡锦涛同志", "胡锦涛"), ("总书记", "胡锦涛")]
    # A name that never held the title does not settle it.
    assert named("毛泽东说过。总书记强调。") == [("毛泽东", "毛泽东"), ("总书记", "")]


def test_premier_by_date_and_a_vice_premier_is_not_the_premier():
    assert named("总理指出，要扩大内需。", date="2008-07") == [("总理", "温家宝")]
    assert named("温家宝总理强调。", date="2024") == [("温家宝总理", "温家宝")]
    assert named("副总理出席会议。", date="2008-07") == []  # a vice-premier is no national leader


def test_a_bare_title_takes_the_holder_at_the_documents_date_else_no_one():
    assert named("总书记强调，要以人为本。", date="2005-03-05") == [("总书记", "胡锦涛")]
    assert named("总书记强调，要与时俱进。", date="1997") == [("总书记", "江泽民")]
    assert named("总书记强调，要高质量发展。", date="2024 (after 2024-02-01/02)") == [("总书记", "习近平")]
    assert named("总书记强调，要高质量发展。") == [("总书记", "")]  # no date: not guessed


def test_standing_committee_members_of_every_term_are_leaders():
    text = "中央政治局常委李克强、栗战书、汪洋、赵乐际、韩正出席。王岐山、吴邦国、乔石、叶剑英、陈云讲话。"
    assert [name for _, name in named(text, date="2020-01-08")] == [
        "中央政治局", "李克强", "栗战书", "汪洋", "赵乐际", "韩正", "王岐山", "吴邦国", "乔石", "叶剑英", "陈云"]


def test_a_name_that_is_an_ordinary_word_or_a_common_name_needs_a_leader_beside_it():
    assert named("一片汪洋，万里长城，县长李强说。", date="2020") == []
    assert named("常委汪洋出席。万里同志指出。国务院总理李强作报告。", date="2024-03-05") == [
        ("汪洋", "汪洋"), ("万里同志", "万里"), ("国务院", "国务院"), ("总理李强", "李强")]


def test_a_title_chain_is_one_reference_resolved_by_the_name_it_ends_in():
    # No date: the name at the end of the chain says who the general secretary is.
    assert named("中共中央总书记、国家主席、中央军委主席习近平出席会议。") == [
        ("中共中央", "中共中央"), ("总书记", "习近平"), ("中央军委主席习近平", "习近平")]
    # A title chain that ends in no name is resolved as any bare title (here: not at all).
    assert named("总书记、国家主席出席会议。") == [("总书记", "")]


def test_chairman_president_and_premier_by_date_and_historic_leaders_by_name():
    assert named("委员长指出。", date="2010-03-08") == [("委员长", "吴邦国")]
    assert named("委员长指出。", date="2019-03-08") == [("委员长", "栗战书")]
    assert named("委员长指出。", date="1977-06-01") == [("委员长", "")]  # no one held it then: not guessed
    assert named("国家主席出席。", date="1990-05-01") == [("国家主席", "杨尚昆")]
    assert named("李总理强调。", date="2015-06-01") == [("李总理", "李克强")]
    assert named("李总理强调。", date="2005-06-01") == [("李总理", "")]  # the premier then was 温家宝
    assert named("毛主席说，邓小平同志指出，小平同志说，江泽民同志强调。") == [
        ("毛主席", "毛泽东"), ("邓小平同志", "邓小平"), ("小平同志", "邓小平"), ("江泽民同志", "江泽民")]
    assert [name for _, name in named("坚持毛泽东思想、邓小平理论。")] == ["毛泽东", "邓小平"]


def test_names_that_phrases_hold_need_a_leader_beside_them():
    assert named("倡导健康生活，中韩正式建交，李鹏飞主任讲话。", date="2020") == []
    assert named("江青、康生、陈伯达等同志，韩正同志，李鹏总理。", date="2020") == [
        ("康生", "康生"), ("陈伯达", "陈伯达"), ("韩正同志", "韩正"), ("李鹏总理", "李鹏")]


def test_names_broken_by_inline_pinyin_are_found_with_raw_spans():
    text = "會(hui)議由趙(zhao)樂際主(zhu)持,王(wang)滬寧出(chu)席。習(xí)近平講話。"
    found = named(text, date="2020-01-08")
    assert found == [("趙(zhao)樂際", "赵乐际"), ("王(wang)滬寧", "王沪宁"), ("習(xí)近平", "习近平")]


def test_a_name_from_before_its_bearer_became_a_leader_is_not_a_leader_reference():
    # 张春桥 joined the Politburo Standing Committee in 1973: in 1967 he was a Shanghai cadre.
    assert named("张春桥同志讲话。", date="1967-04") == []
    assert named("张春桥同志讲话。", date="1975-01") == [("张春桥", "张春桥")]
    assert named("张春桥同志讲话。") == [("张春桥", "张春桥")]  # no date: nothing to go by
    # 康生 and 陈伯达 were on it from 1966-08.
    assert named("康生、陈伯达等同志都不赞成。", date="1967-04") == [("康生", "康生"), ("陈伯达", "陈伯达")]


def test_a_bare_chairman_is_the_party_chairman_only_when_the_text_or_the_date_says_which():
    text = "毛主席说：要爱护解放军。理解主席的最高指示不容易。"
    assert named(text, date="1967-04") == [("毛主席", "毛泽东"), ("主席", "毛泽东")]
    assert named("主席指出，要团结。", date="1978-05") == [("主席", "华国锋")]
    # An organisation's chair, a word holding 主席, and a date when no one chaired the party.
    assert named("工会主席讲话，主席团开会，执行主席宣布，主席令公布。", date="1967-04") == []
    assert named("主席指出，要团结。", date="2024-03-05") == []
    assert named("主席指出，要团结。") == []


def test_a_vice_title_names_no_national_leader_but_a_leader_holding_it_is_named():
    assert named("全国人大副委员长严隽琪主持会议。副总理出席。", date="2012-03-11") == [("全国人大", "全国人大")]
    assert named("国务院副总理李克强出席。", date="2010-03-01") == [("国务院", "国务院"), ("副总理李克强", "李克强")]


def test_a_name_or_title_ending_a_line_of_the_front_matter_is_the_byline():
    text = "政府工作报告\n——2024年3月5日在大会上\n国务院总理\n李　强\n各位代表：\n现在我报告工作。总理强调，要发展。"
    assert [(t, n) for t, n in named(text, date="2024-03-05") if n != "国务院"] == [("总理", "李强")]
    # A headline naming a leader, and a thought's name ending a title line, are references.
    assert named("李克强主持召开常务会议\n会议指出，要落实。", date="2018-03-21") == [("李克强", "李克强")]
    assert named("学习习近平新时代中国特色社会主义思想\n我们要学习。", date="2024") == [
        ("习近平新时代中国特色社会主义思想", "习近平")]
    # After the first sentence or the salutation a name may end a line (a link's text on its own line).
    assert named("会议召开。\n出席的有习近平\n", date="2024") == [("习近平", "习近平")]
    assert named("各位代表：\n我们在听了刘少奇同志\n关于宪法草案的报告以后", date="1954-09-23") == [("刘少奇同志", "刘少奇")]


def test_a_withheld_name_before_a_title_is_a_reference_to_its_holder():
    assert named("***总书记强调，要高质量发展。", date="2024-03") == [("***总书记", "习近平")]
    assert named("在以xx同志为总书记的党中央领导下，工作取得进展。", date="2010-03") == [
        ("xx", "胡锦涛"), ("总书记", "胡锦涛"), ("党中央", "党中央")]
    # A withheld name before another word is not a leader's.
    assert named("xx同志为组长，总书记强调。", date="2010-03") == [("总书记", "胡锦涛")]


# --- keywords -----------------------------------------------------------------------------


def test_frequencies_keywords_kwic_dispersion_cooccurrence():
    document = doc("新质生产力是科技创新。发展新质生产力要靠科技创新。科技创新引领发展。")
    freq = term_frequencies(document).set_index("term")["count"]
    assert freq["新质生产力"] == 2 and freq["科技创新"] == 3
    for method in ("tfidf", "textrank"):
        assert {"新质生产力", "科技创新"} <= set(find_keywords(document, method=method, top=5).term)
    hits = kwic(document, "科技创新", width=3)
    assert len(hits) == 3 and hits.left.iloc[0] == "产力是"
    # 科技 only inside 科技创新: whole-word dispersion finds none, the substring search three.
    assert dispersion(document, ["科技"]).empty
    assert len(dispersion(document, ["科技"], whole_words=False)) == 3
    pairs = cooccurrence(document, ["新质生产力", "科技创新", "发展"])
    assert pairs.set_index(["term_a", "term_b"]).loc[("新质生产力", "科技创新"), "sentences"] == 2


def test_keywords_leave_jiebas_global_tokenizer_alone():
    import jieba

    find_keywords(doc("新质生产力是科技创新。"), method="tfidf")
    assert not jieba.dt.initialized


def test_bad_requests_are_one_line_errors():
    document = doc("科技创新。")
    with pytest.raises(PolicytextError):
        find_keywords(document, method="bm25")
    with pytest.raises(PolicytextError):
        kwic(document, "  ")
