"""Web pages from any site: main text by content, title not from navigation, date from metadata, the bytes decide the encoding."""

from __future__ import annotations

import time
import warnings

import pytest

from policytext import cli, load
from policytext.webpage import flatten, page_title, read_page, tidy_lines

from .helpers import FIXTURES

ARTICLE = [
    "一、总体要求",
    "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，坚持创新驱动发展战略，加快形成新质生产力。",
    "二、主要目标",
    "到2025年，全市研发经费投入强度达到3.2%，高新技术企业数量突破1.2万家，技术合同成交额达到2000亿元。",
    "三、重点任务",
    "加快建设创新平台，培育科技型企业，完善科技金融服务体系，推动科技成果转化和产业化，让创新成果更多转化为现实生产力。",
    "四、保障措施",
    "各区各部门要加强组织领导，压实工作责任，强化督促检查，确保各项任务落地见效。",
]


def portal_page(*, title: str = "关于印发科技创新行动方案的通知_市科技局", h1: str = "关于印发科技创新行动方案的通知",
                og_title: str | None = None, date_meta: str = "2024-05-06", charset: str = "utf-8") -> str:
    """A government portal page: menu, breadcrumb, article, related links, footer; the furniture as div soup."""
    menu = " | ".join(["首页", "登录", "注册", "政务公开", "办事服务", "互动交流"])
    related = "".join(f"<li><a href='/a{i}.html'>关于开展第{i}批科技项目申报工作的通知</a></li>" for i in range(1, 9))
    og = f"<meta property='og:title' content='{og_title}'>" if og_title else ""
    paragraphs = "".join(f"<p>{line}</p>" for line in ARTICLE)
    return f"""<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title>{og}
<meta name="PubDate" content="{date_meta} 09:30"><meta name="keywords" content="科技,创新">
<script>var menu = "一、不是正文";</script></head><body>
<div class="top"><div class="menu">{menu}</div><div class="search"><input> <a>搜索</a></div></div>
<div class="crumb">当前位置：<a>首页</a> &gt; <a>政务公开</a> &gt; <a>通知公告</a></div>
<div class="main"><div class="article"><h1>{h1}</h1><div class="info">发布时间：{date_meta} 来源：市科技局</div>
<div class="content">{paragraphs}</div></div>
<div class="side"><h3>相关文章</h3><ul>{related}</ul></div></div>
<div class="bottom"><p>主办单位：某某市科学技术局 版权所有</p><p>网站标识码：1234567890 ICP备12345678号</p></div>
</body></html>"""


def test_main_text_is_chosen_by_content(tmp_path):
    path = tmp_path / "notice.html"
    path.write_text(portal_page(), encoding="utf-8")
    document = load(path)
    raw = document.raw
    assert raw.splitlines()[0] == "关于印发科技创新行动方案的通知"
    for line in ARTICLE:
        assert line in raw.splitlines()
    for furniture in ("政务公开 | 办事服务", "第3批科技项目", "var menu", "当前位置"):
        assert furniture not in raw
    # What the extractor keeps of the footer, the pattern table makes boilerplate.
    analysed = [raw[s.start : s.end] for s in document.outline.sentences if s.kind != "boilerplate"]
    assert not [sentence for sentence in analysed if "版权所有" in sentence or "ICP备" in sentence]
    assert [s.title for s in document.outline.sections[1:]] == ["总体要求", "主要目标", "重点任务", "保障措施"]
    assert document.outline.title.text == "关于印发科技创新行动方案的通知"
    assert document.provenance["date"] == "2024-05-06"


@pytest.mark.parametrize(
    "meta, expected",
    [
        ({"title_tag": "首页 | 登录", "h1": "关于加快发展新质生产力的意见"}, "关于加快发展新质生产力的意见"),
        ({"title_tag": "关于加快发展新质生产力的意见-某某市人民政府", "h1": "首页"}, "关于加快发展新质生产力的意见"),
        ({"title_tag": "某某市人民政府", "og_title": "在全市科技大会上的讲话", "h1": "网站导航"}, "在全市科技大会上的讲话"),
        ({"title_tag": "首页 | 登录 | 注册", "h1": ""}, ""),
        ({"title_tag": "2023-2024年度科技工作要点_科技局", "h1": ""}, "2023-2024年度科技工作要点"),
    ],
)
def test_page_title_is_never_navigation(meta, expected):
    assert page_title(meta) == expected


def test_title_is_not_repeated_when_the_text_opens_with_it(tmp_path):
    path = tmp_path / "speech.html"
    body = "".join(f"<p>{line}</p>" for line in ["在全市科技大会上的讲话", "同志们：", *ARTICLE])
    path.write_text(f"<html><head><title>在全市科技大会上的讲话_新闻中心</title></head><body><div>{body}</div></body></html>", encoding="utf-8")
    document = load(path)
    assert document.raw.count("在全市科技大会上的讲话") == 1
    assert document.outline.title.text == "在全市科技大会上的讲话"
    assert document.outline.salutation.text.startswith("同志们")


@pytest.mark.parametrize("declared, actual", [("utf-8", "gb18030"), ("gbk", "utf-8"), ("big5", "gb18030")])
def test_a_lying_meta_charset_loses_to_the_bytes_with_a_warning(tmp_path, declared, actual):
    path = tmp_path / "page.html"
    path.write_bytes(portal_page(charset=declared).encode(actual))
    with pytest.warns(UserWarning, match=f"declares charset .* but its bytes are {actual}"):
        document = load(path)
    assert "\ufffd" not in document.raw
    assert ARTICLE[1] in document.raw


def test_an_honest_meta_charset_gives_no_warning(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(portal_page(charset="gbk").encode("gbk"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        document = load(path)
    assert ARTICLE[3] in document.raw and document.encoding == "html (gb18030)"


def test_xhtml_with_an_internal_dtd(tmp_path, capsys):
    page = ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html [\n<!ENTITY site "某某网">\n]>\n'
            '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>科技工作要点</title></head>'
            f'<body><div>{"".join(f"<p>{line}</p>" for line in ARTICLE)}</div></body></html>')
    path = tmp_path / "page.xhtml"
    path.write_text(page, encoding="utf-8")
    code = cli.main(["outline", str(path), "--format", "text"])
    captured = capsys.readouterr()
    assert code == 0 and captured.err == ""
    document = load(path)
    assert "ENTITY" not in document.raw and "]>" not in document.raw
    assert document.outline.title.text == "科技工作要点"


@pytest.mark.parametrize(
    "markup, lines",
    [
        ("<html><body>" + "<p>段落文字，一二三。</p>" * 40_000 + "</body></html>", 40_000),
        ("<html><body><p>" + "文字<br>" * 1_000_000 + "</p></body></html>", 1_000_000),
        ("<html><body>" + "<div>" * 100_000 + "文字内容。" + "</div>" * 100_000 + "</body></html>", 1),
    ],
    ids=["40k paragraphs", "1M line breaks", "100k nested divs"],
)
@pytest.mark.slow
def test_huge_pages_are_read_in_linear_time(markup, lines):
    """Issue 15: 40,000 <p> took over 300 s (quadratic flattening); here each page is one linear pass."""
    start = time.monotonic()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        extracted = read_page(markup.encode(), source="huge.html")
    assert extracted.text.count("\n") + 1 == lines
    assert time.monotonic() - start < 60  # a guard against a quadratic pass coming back (was minutes)


def test_flatten_keeps_blocks_cells_and_drops_furniture():
    from lxml import etree

    tree = etree.fromstring(
        "<html><head><title>标题</title><style>p{}</style></head><body><nav>首页</nav>"
        "<p>第一段<b>加粗</b>文字</p><p title='a>b'>第二段</p>"
        "<table><tr><td>指标</td><td>2023年</td></tr><tr><td>专利</td><td></td><td>1234件</td></tr></table>"
        "<div>甲<br/>乙 &amp; 丙</div><!-- 注释 --></body></html>",
        etree.HTMLParser(),
    )
    assert flatten(tree) == "第一段加粗文字\n第二段\n指标\t2023年\n专利\t1234件\n甲\n乙 & 丙"


def test_markup_text_without_a_parse():
    from policytext.webpage import markup_text

    assert markup_text("<div><script>var a = '<p>';</script><p>正文<b>一</b></p><!-- <p>注释</p> --><td>甲</td><td>乙</td></div>") == "正文一\n甲\t乙"
    assert markup_text("<p>正文</p><script>never closed <p>") == "正文"


def test_tidy_lines():
    assert tidy_lines("  a   b \n\n\t x \t\t y \t\n 中 文 \r\n") == "a b\nx\ty\n中 文"
    assert tidy_lines("一行") == "一行"


# --- a whole portal page, end to end --------------------------------------------------------------

# Hand-made for the tests (no page was downloaded): a city government portal's article page in the
# usual template (top bar, header with search, menu, breadcrumb, article with its information line
# and font-size, print and share links, attachment, previous/next links, a sidebar of hot links, a
# footer with the site's registration numbers, scripts and styles), saved in GB2312 as such sites
# serve it. The speech is written for the test.
PORTAL = FIXTURES / "portal_speech.html"


def _article_paragraphs() -> list[str]:
    """The speech's paragraphs as the page's own markup holds them (an oracle independent of the reader)."""
    from lxml import etree

    tree = etree.HTML(PORTAL.read_bytes(), parser=etree.HTMLParser(encoding="gb18030"))
    return ["".join(p.itertext()).strip() for p in tree.xpath("//div[@id='zoom']/p")]


@pytest.mark.slow
def test_a_portal_page_reads_as_its_speech_end_to_end(tmp_path, capsys):
    document = load(PORTAL)
    paragraphs = _article_paragraphs()
    assert len(paragraphs) == 13
    # The raw text is the title, then the speech's paragraphs, one a line, and nothing else.
    assert document.raw.splitlines() == ["在全市科技创新大会上的讲话", *paragraphs]
    assert document.encoding == "html (gb18030)"
    assert document.provenance["date"] == "2024-03-18"
    assert document.provenance["title"] == "在全市科技创新大会上的讲话"
    for furniture in ("无障碍浏览", "请输入关键词", "政务服务", "您当前的位置", "浏览次数", "字号", "打印", "分享到", "附件",
                      "上一篇", "热点信息", "第35次常务会议", "相关链接", "网站地图", "网站标识码", "ICP备", "公网安备", "版权所有",
                      "document.write", "脚本里的注释", "text-indent"):
        assert furniture not in document.raw, furniture
    outline = document.outline
    assert outline.title.text == "在全市科技创新大会上的讲话" and outline.salutation.text == "同志们："
    assert [s.marker for s in outline.walk() if s.level == 1] == ["一、", "二、", "三、"]
    assert [s.marker for s in outline.walk() if s.level == 2] == ["一是", "二是", "三是"]
    # The same speech as a .txt reads the same: the page reader adds nothing and loses nothing.
    txt = tmp_path / "speech.txt"
    txt.write_text("\n".join(["在全市科技创新大会上的讲话", *paragraphs]), encoding="utf-8")
    plain = load(txt)
    assert [(s.id, s.marker, s.title) for s in outline.walk()] == [(s.id, s.marker, s.title) for s in plain.outline.walk()]

    from policytext.indicators import extract

    claims = extract(document)
    columns = ["indicator", "value", "unit", "section", "start", "end"]
    assert claims[columns].values.tolist() == extract(plain)[columns].values.tolist()
    assert {(r.indicator, r.value) for r in claims.itertuples()} >= {("研发经费投入强度", 2.85), ("技术合同成交额", 250.0)}
    # Every claim lies in a paragraph of the speech, none in the page's furniture.
    spans = [(document.raw.index(p), document.raw.index(p) + len(p)) for p in paragraphs]
    assert all(any(a <= r.start and r.end <= b for a, b in spans) for r in claims.itertuples())

    assert cli.main(["outline", str(PORTAL)]) == 0
    assert '"title": "在全市科技创新大会上的讲话"' in capsys.readouterr().out
