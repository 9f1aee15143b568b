"""Site furniture anywhere in the text: paywall notes, page counters, CSS, shop links, licence footers, running headers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytext import from_text
from policytext.spans import Span
from policytext.boilerplate import classify_line, inline_furniture, split_page

from .helpers import examples


@pytest.mark.parametrize(
    "line, rule",
    [
        ("此处隐藏2358个字", "paywall"),
        ("试读结束,开通VIP阅读全文", "paywall"),
        ("未完,继续阅读,全文共8200字,当前显示3000字", "paywall"),
        ("第1页共18页", "page_number"),
        ("— 3 —", "page_number"),
        ("首页 | 登录 | 注册 | 购物车", "navigation"),
        ("购物车", "navigation"),
        ("版(bǎn)權(quán)所有 © 某某网", "copyright"),
        ("line-height: 115%; font-family: 宋体;", "css"),
        ("Public domain", "licence_flag"),
        ("[... excerpt ends ...]", "editorial_gap"),
        ("正文复制", "site_actions"),
        ("我的足迹", "site_actions"),
        ("手机版", "navigation"),
        ("公文高手,超级方便的公文写作神器! 立即了解", "site_actions"),
        ("網站首頁 個人文檔 個人總結 工作總結 述職報告 心得體會", "navigation"),
        ("欄目: 實用文精選 / 發佈於: / 人氣:2.43W", "page_meta"),
        ("时间:2022-02-17 10:54:00", "page_meta"),
        ("主题教育研讨交流会发言材料参考范文2篇.docx", "file_name"),
        ("下面就是學(xué)習(xí)啦小編給大家整理的講話,僅供參考。", "site_note"),
        ("(譯自中共駐共產國際代表團檔案俄文稿)", "source_line"),
        ("人民政协报/2024 年/11 月/12 日/第 001 版", "source_line"),
        ("……(新文秘网省略866字,正式会员可完整阅读)", "paywall"),
        ("(未完,全文共2010字,当前显示249字)", "paywall"),
        ("【…以下略…】", "editorial_gap"),
        ("东方文库 > 致辞稿 > 开幕致辞 > 作开幕式领导讲话致辞5篇", "breadcrumb"),
        ("2008-06-10 08:33:49   来源:   点击:", "page_meta"),
        ("發(fā)文機(jī)關(guān)最高人民法院", "disclosure"),
        ("下面给大家分享一些关于开幕致辞5篇,供大家参考。", "site_note"),
        ("新華社北京3月8日電", "source_line"),
        ("央視網消息(新聞聯播):", "source_line"),
        ("• 視頻簡介", "site_note"),
        ("主要內容", "site_note"),
        # Negative: ordinary text that mentions the same words.
        ("我提几点意见,供大家参考。", None),
        ("会议的主要内容是学习讲话精神。", None),
        ("央视网消息称会议召开。", None),  # a speaker's modesty, not a site's introduction
        ("收入 > 支出 > 储蓄", None),  # too few levels for a breadcrumb
        ("发文机关要严格把关。", None),  # the label's words in a sentence: no value runs on
        ("新华社记者深入基层采访。", None),
        ("2008年6月10日上午，会议召开。", None),
        ("要让群众登录政务平台就能办成事。", None),
        ("全省研发投入增长115%。", None),
        ("第一页内容很重要", None),
        ("（一）工作目标", None),
        ("明确方向 统一认识 铆足干劲", None),  # three words of a title, not a menu
        ("要坚持问题导向,立即了解情况。", None),
        ("请下载附件.pdf后填写。", None),
        ("（一）总体要求", None),
        ("人民日报发表评论员文章。", None),
        ("会议时间:上午九点", None),
    ],
)
def test_furniture_lines(line, rule):
    assert classify_line(line) == rule


def test_paywall_note_inside_a_line_is_furniture_with_offsets():
    line = "推动产业转型升级,此处隐藏1200个字加快培育新兴产业。"
    spans = inline_furniture(line, 100)
    assert [(s.kind, s.text) for s in spans] == [("paywall", "此处隐藏1200个字")]
    assert spans[0].start == 100 + line.index("此处")


def test_css_inside_a_line_is_furniture_but_a_rate_is_not():
    line = "一、总体要求line-height: 115%; font-family: 宋体;全面贯彻党的二十大精神。"
    assert [s.kind for s in inline_furniture(line)] == ["css"]
    assert inline_furniture("研发投入强度达到115%,高于全国平均水平。") == []


def test_page_counter_inside_running_text():
    spans = inline_furniture("加快形成新质生产第2页共18页力,推动高质量发展。")
    assert [(s.kind, s.text) for s in spans] == [("page_counter", "第2页共18页")]
    assert inline_furniture("第2页的内容共18条意见") == []


def test_furniture_inside_the_body_is_boilerplate_and_elided():
    page = "某某讲话\n同志们:\n一、总体要求\n推动发展,此处隐藏300个字加快转型。\n二、重点任务\n抓好落实。"
    document = from_text(page)
    paywall = [b for b in document.boilerplate if b.kind == "paywall"]
    assert [b.text for b in paywall] == ["此处隐藏300个字"]
    assert paywall[0] in document.elisions
    assert "此处隐藏" not in document.view.text
    assert "推动发展,加快转型" in document.raw[document.body_start:].replace("此处隐藏300个字", "")
    assert document.gaps and document.gaps[0].at == paywall[0].start
    assert not document.truncated


def test_paywall_after_the_body_is_a_truncation():
    document = from_text("某某讲话\n同志们:\n今天开会。\n试读结束,开通VIP阅读全文\n")
    assert document.body.endswith("今天开会。")
    assert document.truncated and "试读结束" in document.truncation.reason
    complete = from_text("某某讲话\n同志们:\n今天开会。\n")
    assert not complete.truncated


def test_furniture_at_the_edges_of_the_body_lies_outside_it():
    document = from_text("第1页共3页 党课讲稿\n同志们:今天开会。")
    assert document.body.startswith("党课讲稿")


def test_wikisource_licence_footer_is_furniture():
    body = "同志们：\n现在，我代表国务院向大会报告工作。\n\n各位代表！让我们团结奋斗！\n"
    footer = (
        "\n\n\n本作品是中华人民共和国的\n法律\n、\n法规\n，国家机关的决议、决定、命令和其他具有立法、行政、司法性质的文件\n"
        "依据《\n中华人民共和国著作权法\n》第五条第一项，本作品不适用于该法，属于\n公有领域\n。\n\n\nPublic domain\nPublic domain\nfalse\nfalse"
    )
    document = from_text(body + footer)
    assert document.body.endswith("让我们团结奋斗！")
    assert not document.truncated
    assert {b.kind for b in document.boilerplate} >= {"licence"}


def test_licence_words_early_in_a_long_text_do_not_cut_it():
    text = "本作品是一部关于发展的讲话。\n" + "要推动发展。" * 1000
    document = from_text(text)
    assert document.body_end == len(text)


def test_repeated_outline_headings_are_not_furniture():
    chapter = "（一）工作目标\n到2025年完成任务。\n（二）主要措施\n加强领导。\n"
    page = "某某方案\n一、科技创新\n" + chapter + "二、产业升级\n" + chapter + "三、人才培养\n" + chapter
    parts = split_page(page)
    assert parts.boilerplate == ()
    outline = from_text(page).outline
    assert [len(s.children) for s in outline.sections[1:]] == [2, 2, 2]


def test_a_running_header_at_page_intervals_is_furniture():
    filler = "要坚持创新驱动发展,加快形成新质生产力,推动高质量发展取得新成效。\n" * 8
    page = "某某讲话\n" + ("天津市科技局文件\n" + filler) * 4
    kinds = [b.kind for b in split_page(page).boilerplate]
    assert kinds == ["running_header"] * 4
    # Twice, close together: a short line said twice is text.
    twice = "某某讲话\n我们要奋斗。\n好。\n我们要奋斗。\n结束。"
    assert split_page(twice).boilerplate == ()


def test_repeated_title_is_still_furniture():
    page = "讲话标题甲\n【某网收录关键词:科技】\n讲话标题甲\n同志们:\n今天开会。\n"
    assert [b.kind for b in split_page(page).boilerplate] == ["keywords_banner", "repeated_line"]


def test_cr_only_line_ends():
    page = "您好,欢迎访问三七文档\r某某讲话\r同志们:\r一、总体要求\r要抓落实。\r本文标题:某某讲话\r"
    document = from_text(page)
    assert [b.kind for b in document.boilerplate] == ["site_greeting", "page_title"]
    assert document.body == "某某讲话\r同志们:\r一、总体要求\r要抓落实。"
    outline = document.outline
    assert outline.title.text == "某某讲话"
    assert [s.title for s in outline.walk() if s.level == 1] == ["总体要求"]


def test_furniture_a_reader_found_is_boilerplate_and_elided():
    text = "某某讲话\n同志们:\n推动发展新质生产天津日报 2024力,加快转型。\n天津日报 2024\n抓好落实。"
    header = text.index("天津日报")
    second = text.index("天津日报", header + 1)
    furniture = [Span(header, header + 9, "天津日报 2024", "running_header"), Span(second, second + 9, "天津日报 2024", "running_header")]
    document = from_text(text, furniture=furniture)
    assert [b.kind for b in document.boilerplate] == ["running_header", "running_header"]
    assert "新质生产力" in document.view.text and "天津日报" not in document.view.text
    # Without the reader's spans the same text is read as text.
    assert "天津日报" in from_text(text).view.text


def test_site_name_and_address_inside_a_line():
    spans = inline_furniture("携笔同道公文写作范文宝典:www.xiebitongdao.com 学习外地经验")
    assert [(s.kind, s.text) for s in spans] == [("site_promo", "携笔同道公文写作范文宝典:www.xiebitongdao.com")]
    assert inline_furniture("登录www.gov.cn查询办事进度") == []


def test_a_lone_bar_is_furniture_but_a_bar_in_a_formula_is_not():
    assert [s.kind for s in inline_furniture("江泽民讲话座谈会在京举行 |")] == ["separator"]
    assert inline_furniture("取值范围是|x|<1的实数") == []


def test_footnote_reference_on_lines_of_its_own_is_elided():
    document = from_text("标题\n现在我代表中央委员会作关于上届代表会议\n[\n1\n]\n以来的工作报告。内容。\n第二段[2]引用。")
    assert [b.kind for b in document.boilerplate] == ["footnote_mark"]
    assert "会议以来的工作报告" in document.view.text
    assert "[2]" in document.view.text  # a reference inside a line is text (and may be a quotation's source)


def test_a_summary_line_the_text_repeats_is_furniture():
    page = (
        "某某写作网:www.example.com 学习外地经验推动跨越发展——考察座谈会发言摘要 近两年来,×书记带领大家多次外出考察学习,收获都非常大。对。\n"
        "学习外地经验推动跨越发展\n——考察座谈会发言摘要\n近两年来,×书记带领大家多次外出考察学习,收获都非常大。对这次考察,感受尤为深刻。\n"
    )
    parts = split_page(page)
    assert [b.kind for b in parts.boilerplate] == ["summary"]
    assert page[parts.body_start :].startswith("学习外地经验")
    # Negative: a title that the text repeats is a title, not a summary (it holds no sentence).
    title_twice = "在全市招商引资会上的讲话\n市长在全市招商引资会上的讲话这次活动目的是掀起新高潮。"
    assert split_page(title_twice).boilerplate == ()


def test_page_numbers_of_a_document_site_are_furniture():
    page_one = "1、某某发言材料在学习会议上，同志们深入交流。" + "要坚持问题导向，勇于直面问题，深入研究问题，不断解决问题。" * 7 + "矛盾是普遍的，问题也"
    page_two = "2、是普遍的、客观的。" + "认识世界、改造世界的过程就是不断研究问题、解决问题的过程。" * 7
    page = "某某发言材料参考范文2篇.docx\n" + page_one + "\n" + page_two + "\n"
    document = from_text(page)
    counters = [b for b in document.boilerplate if b.kind == "page_counter"]
    assert [b.text.strip() for b in counters] == ["1、", "2、"]
    assert document.body.startswith("某某发言材料在学习会议上")
    # The page break goes with its number: the sentence reads on across the page.
    assert "问题也是普遍的" in document.view.text
    # Negative: a numbered list of whole sentences keeps its numbers.
    items = "1、" + "要坚持问题导向，勇于直面问题，深入研究问题。" * 10 + "\n2、" + "要坚持系统观念，统筹兼顾各方面工作。" * 10 + "\n"
    assert [b for b in from_text("某某发言\n" + items).boilerplate if b.kind == "page_counter"] == []
    # Negative: short numbered lines after an unfinished line are a list, not pages.
    short = "某某发言\n" + "要坚持问题导向" * 40 + "\n2、加强领导\n3、完善机制\n"
    assert [b for b in from_text(short).boilerplate if b.kind == "page_counter"] == []
    # The preview's last page is short where it stops, and still a page: its number goes.
    cut = "某某发言材料参考范文2篇.docx\n" + page_one + "\n" + page_two + "，比\n3、全省平均水平低。从结构看"
    counters = [b.text.strip() for b in from_text(cut).boilerplate if b.kind == "page_counter"]
    assert counters == ["1、", "2、", "3、"]


def test_a_table_of_contents_is_furniture():
    entries = "\n".join(f"{n}.某局2022年工作总结和2023年工作计划 {page}" for n, page in [(1, 3), (2, 13), (3, 19)])
    page = f"工作总结汇编\n目录\n{entries}\n高新区2022年工作总结\n今年以来,我们扎实工作。\n"
    document = from_text(page)
    assert [b.kind for b in document.boilerplate] == ["contents"] * 4
    assert not [s for s in document.outline.walk() if s.level]
    # Without 目录 a run must be long and its pages must rise.
    bare = "\n".join(f"{n}.某局工作总结 {page}" for n, page in enumerate([3, 8, 13, 19, 25], 1))
    assert [b.kind for b in from_text(f"工作总结汇编\n{bare}\n正文。\n").boilerplate] == ["contents"] * 5
    # Negative: the rows of a data table (no 目录, figures that do not rise) are text.
    table = "各乡镇学校数量\n城关镇 12\n东乡 35\n西乡 8\n南乡 21\n北乡 17\n合计。\n"
    assert from_text(table).boilerplate == ()


@pytest.mark.parametrize(
    "line, rule",
    [
        ("(请认真阅读", "paywall"),
        ("版权说明:本文档由用户提供并上传,收益归属内容提供方", "copyright"),
        ("文档简介", "site_note"),
        ("在预备会议上的讲话(一):", "sample_label"),
        ("篇一:在预备会议上的讲话", "sample_label"),
        ("撰写人:___________", "form_field"),
        ("• 索引号:", "disclosure"),
        ("• 发文字号:镇政发〔2024〕7号", "disclosure"),
        ("中共中央总书记习近平出席会议并发表重要讲话。新华社记者 鞠鹏 摄", "caption"),
        ("<br>", "markup"),
        # Negatives: text that only looks like these.
        ("请认真阅读文件,按照要求做好工作。", None),
        ("(一)加强组织领导", None),
        ("要注意版权保护工作。", None),
        ("记者从会上获悉,全市新增就业岗位。", None),
        ("主题分类工作要抓紧。", None),
    ],
)
def test_more_furniture_rules(line, rule):
    assert classify_line(line) == rule


def test_markup_and_watermarks_inside_text_are_furniture():
    line = "贯彻落实两会精神</p><p style=\"line-height: 150%\">十届全国人大三次会议<br>,我老秘网市召开会议。"
    kinds = [(span.kind, span.text) for span in inline_furniture(line)]
    assert kinds == [("markup", "</p>"), ("markup", "<p style=\"line-height: 150%\">"), ("markup", "<br>"), ("site_watermark", "老秘网")]
    # Negative: angle brackets that are no tag, and 《》 titles.
    assert inline_furniture("增长率<5%且>2%,学习《关于加强党的建设的意见》。") == []


def test_a_disclosure_table_with_its_values_on_the_next_lines_is_furniture():
    page = ("某县人民政府工作规则\n  • 索引号:\n\n    6107280000/2024-001005\n  • 发文字号:\n\n    镇政发〔2024〕7号\n"
            "  • 发布日期:\n\n    2024年04月06日 16:34\n第一章 总则\n为规范工作,制定本规则。\n")
    kinds = [b.kind for b in split_page(page).boilerplate]
    assert kinds == ["disclosure"] * 6
    # Negative: a line of text after a label that has its value is text.
    page = "某县人民政府工作规则\n来源:县政府网站\n为规范工作,制定本规则。\n"
    assert [b.kind for b in split_page(page).boilerplate] == ["disclosure"]


def test_a_summary_cut_with_an_ellipsis_is_furniture():
    title = "成都市发展和改革委员会 关于印发城市社区嵌入式服务设施建设工程实施方案的通知"
    page = f"{title}\n{title} 各区(市)县政府(管委会…\n{title}\n各区(市)县政府(管委会),市级有关部门:\n经市领导同意,现将方案印发给你们。\n"
    kinds = [b.kind for b in split_page(page).boilerplate]
    assert "summary" in kinds
    # Negative: a line that ends with an ellipsis but is not repeated below is text.
    page = f"{title}\n各区县要抓紧落实……\n经市领导同意,现将方案印发给你们。\n"
    assert "summary" not in [b.kind for b in split_page(page).boilerplate]


def test_a_caption_printed_with_toneless_pinyin_is_furniture():
    caption = "1月(yue)8日(ri),主題教育總結大會(hui)(hui)在北京(jing)召開。" * 3 + "新(xin)華社記(ji)者(zhe) 鞠(ju)鵬 攝(she)"
    page = caption + "\n主题教育总结大会8日在北京召开。他强调,要巩固成果。\n"
    assert [b.kind for b in split_page(page).boilerplate] == ["caption"]
    # Negative: a long line of text with pinyin but no credit is text.
    assert split_page("1月(yue)8日(ri),大會(hui)在北京(jing)召開。" * 10 + "\n正文。\n").boilerplate == ()


def test_editor_note_marks_are_furniture():
    assert [s.text for s in inline_furniture("增加到二万八千亿元左右。（⑴⑵）实现了这个目标")] == ["（⑴⑵）"]
    # Negative: circled numbers that number a list are text.
    assert inline_furniture("①加强领导;②完善制度。") == []


def test_a_site_tag_and_a_site_name_around_the_page_title_are_furniture():
    def site_parts(text):
        parts = split_page(text)
        return [(b.kind, b.text) for b in parts.boilerplate if b.kind.startswith("site_")]

    assert site_parts("[县长讲话]县长在全县经济工作会议上的讲话\n同志们:\n内容。") == [("site_tag", "[县长讲话]")]
    assert site_parts("某区地质灾害应急预案-湘西高新技术产业开发区\n1.总则\n内容。") == [("site_name", "-湘西高新技术产业开发区")]
    assert site_parts("某县工作总结_中国范文网\n内容。") == [("site_name", "_中国范文网")]
    # A name that is no institution counts when the title stands alone elsewhere on the page.
    assert site_parts("某县工作总结 | 写作助手\n某县工作总结\n内容。") == [("site_name", " | 写作助手")]
    # Negative: a subtitle, a span of years, a footnote mark and a plain suffix are the title's own.
    assert site_parts("坚定信心攻坚克难——在全市经济工作会议上的讲话\n内容。") == []
    assert site_parts("某县2021-2022年度工作计划\n内容。") == []
    assert site_parts("[1]某县工作总结\n内容。") == []
    assert site_parts("某县工作总结-初稿\n内容。") == []


def test_a_news_agency_dateline_at_the_start_of_a_line_is_furniture():
    spans = inline_furniture("新華社北京3月8日電 受十四屆全國人大常委會委托,委員長作報告。")
    assert [(s.kind, s.text) for s in spans] == [("source_line", "新華社北京3月8日電")]
    # Negative: the agency named inside a sentence is text.
    assert inline_furniture("据新华社北京3月8日电报道,会议召开。") == []


_PAGE_PIECES = ["\n", "\r\n", "\r", " ", "\u3000", "第1页共18页", "首页 | 登录 | 注册", "(本文原載人民日報)", "目录", "一、總體要求 3",
                "二、主要任務 12", "版權所有", "实(shí)现", "要堅持黨的領導,", "2024年1月31日", "全年GDP增長5.2%。", "ＡＢＣ１２３"]


@settings(max_examples=examples(100), deadline=None)
@given(raw=st.lists(st.sampled_from(_PAGE_PIECES), max_size=30).map("".join))
def test_lines_are_the_line_pattern_matches(raw):
    from policytext.boilerplate import _LINE, _lines

    assert _lines(raw) == [(m.start(), m.group()) for m in _LINE.finditer(raw) if m.group()]


@settings(max_examples=examples(100), deadline=None)
@given(raw=st.lists(st.sampled_from(_PAGE_PIECES), max_size=30).map("".join))
def test_split_page_with_the_page_converted_by_the_caller_is_the_same(raw):
    from policytext.normalize import normalize, to_simplified

    assert split_page(raw, norm=normalize(raw), simple=to_simplified(raw)) == split_page(raw)
    # from_text hands split_page the normalised text as the simplified page where the width step changes nothing.
    document = from_text(raw) if raw.strip() else None
    if document is not None:
        parts = split_page(raw)
        assert (document.body_start, document.body_end, document.boilerplate) == (parts.body_start, parts.body_end, parts.boilerplate)


@settings(max_examples=examples(300), deadline=None)
@given(title=st.sampled_from(["一、总体要求", "1.高新区2022年工作总结", "ab", "附件"]),
       leader=st.sampled_from([" ", "\t", "\u3000", "....", "……", "·· ", ""]),
       page=st.text(st.sampled_from("0123１٣x"), max_size=5), after=st.sampled_from(["", " ", "页", "。", "x"]))
def test_a_contents_entry_ends_in_a_digit(title, leader, page, after):
    # _mark_contents tries the entry pattern only on lines that end in a decimal digit (\d is Unicode's Nd, as isdecimal).
    from policytext.boilerplate import _CONTENTS_ENTRY

    line = title + leader + page + after
    if _CONTENTS_ENTRY.match(line):
        assert line[-1].isdecimal()
