"""Loading: encodings, boilerplate, redaction, truncation, provenance, raw data left alone."""

from __future__ import annotations

import hashlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytext import InputError, from_text, load
from policytext.boilerplate import classify_line, split_page
from policytext.document import detect_truncation
from policytext.normalize import collapse_whitespace, normalize

from .helpers import ROOT, SEED, examples


def test_seed_body_excludes_page_furniture(seed):
    raw = seed.raw
    assert seed.encoding == "utf-8"
    assert seed.body.startswith("党课:坚持科技创新")
    assert seed.body.endswith("创新金")
    kinds = {b.kind for b in seed.boilerplate}
    assert kinds == {"site_greeting", "breadcrumb", "page_title", "page_link"}
    for span in seed.boilerplate:
        assert raw[span.start : span.end] == span.text
        assert span.end <= seed.body_start or span.start >= seed.body_end
    assert seed.page_title == "党课坚持科技创新引领发展加快形成新质生产力"


def test_seed_redactions_are_spans_of_the_raw_text(seed):
    assert len(seed.redactions) == 28
    assert {r.text for r in seed.redactions} == {"××", "×××"}
    for r in seed.redactions:
        assert seed.raw[r.start : r.end] == r.text
    # The place name in heading 二 is one of them.
    heading_two = seed.raw.index("准确认识××发展")
    assert any(r.start == heading_two + 4 for r in seed.redactions)


def test_seed_is_truncated_mid_word(seed):
    assert seed.truncated
    assert "创新金" in seed.truncation.reason
    assert seed.truncation.at == seed.body_end


@pytest.mark.parametrize(
    "body, truncated",
    [
        ("全面推进高质量发展。", False),
        ("他指出:“要善作善成。”", False),
        ("这是一个问题吗?", False),
        ("积极推动新...", True),
        ("积极推动新……", True),
        ("创新金", True),
        ("加快形成新质生产力,", True),
    ],
)
def test_truncation_rules(body, truncated):
    assert detect_truncation(body).truncated is truncated


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig", "utf-16", "utf-16-be"])
def test_encodings_decode_to_the_same_text(tmp_path, encoding):
    text = SEED.read_text(encoding="utf-8")
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    path = tmp_path / f"seed-{encoding}.txt"
    path.write_bytes(data)
    document = load(path)
    assert document.raw == text
    assert document.encoding in {"gb18030", "utf-8-sig", "utf-16"}


def test_short_gbk_text_is_detected(tmp_path):
    path = tmp_path / "short.txt"
    path.write_bytes("同志们:今天我们召开全市科技工作会议,研究部署发展新质生产力的重点任务。".encode("gbk"))
    assert load(path).encoding == "gb18030"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"   \n\t  \n", "whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("您好,欢迎访问三七文档\n本文标题:某某讲话\n链接地址:https://example.org/1.html\n".encode(), "boilerplate"),
        (b"\xff\xfe\x00\xd8", "utf-16"),
    ],
)
def test_bad_inputs_raise_one_line_errors(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        load(path)
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    assert path.read_bytes() == content  # never a changed input file


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load(tmp_path / "absent.txt")
    with pytest.raises(InputError, match="folder"):
        load(tmp_path)


@pytest.mark.parametrize(
    "line, rule",
    [
        ("您好,欢迎访问三七文档", "site_greeting"),
        ("当前位置:首页 > 办公文档 > 演讲稿", "breadcrumb"),
        ("本文标题:党课坚持科技创新", "page_title"),
        ("下载地址:https://www.example.com/d/1.doc", "page_link"),
        ("https://www.example.com/doc-1.html", "url_only"),
        ("微信号:kejiju2024", "wechat"),
        ("党委书记在推进会上的讲话_1", "paged_title"),
        ("【ZiDongHua 之動感惠民生收錄關鍵詞:高質量發展】", "keywords_banner"),
        ("第 2 页 / 共 5 页", "page_number"),
        ("===== [B] http://example.org/4.html =====", "separator"),
        ("新质生产力是创新起主导作用的先进生产力质态。", None),
        ("一、提高认识,深刻把握发展新质生产力的关键特征", None),
        ("同志们:", None),
    ],
)
def test_boilerplate_rules(line, rule):
    assert classify_line(line) == rule


def test_repeated_title_and_interior_furniture_are_boilerplate():
    page = "讲话标题甲\n【某网收录关键词:科技】\n讲话标题甲\n同志们:\n今天开会。\n导航菜单\n一、总体要求\n要抓落实。\n"
    parts = split_page(page)
    kinds = [b.kind for b in parts.boilerplate]
    assert kinds == ["keywords_banner", "repeated_line", "navigation"]
    assert page[parts.body_start : parts.body_end].startswith("讲话标题甲")
    assert page[parts.body_start : parts.body_end].endswith("要抓落实。")


def test_long_lines_are_never_furniture():
    line = "要加强知识产权保护,版权所有人的合法权益必须得到保障。" * 10
    parts = split_page(line)
    assert parts.boilerplate == ()
    assert (parts.body_start, parts.body_end) == (0, len(line))


def test_provenance_header_is_read_and_kept_out_of_the_body():
    page = "# title: 某讲话\n# date: 2024-03-01\n-----\n同志们:今天开会。"
    document = from_text(page)
    assert document.provenance == {"title": "某讲话", "date": "2024-03-01"}
    assert document.body == "同志们:今天开会。"


def test_seed_provenance_travels_with_the_file(seed):
    assert seed.provenance["source_url"] == "https://www.777doc.com/doc-12864340.html"
    assert "truncated" in seed.provenance["completeness"]
    assert seed.provenance["sha256"] == hashlib.sha256(SEED.read_bytes()).hexdigest()


def test_raw_files_are_unchanged_by_their_checksums():
    for note in sorted((ROOT / "data" / "raw").rglob("*.provenance.json")):
        record = json.loads(note.read_text(encoding="utf-8"))
        raw_file = note.with_name(note.name.removesuffix(".provenance.json") + ".txt")
        assert hashlib.sha256(raw_file.read_bytes()).hexdigest() == record["sha256"], raw_file


def test_normalisation_keeps_offsets():
    text = "(一)高科技性。黃坤明:“發展”,2,157.8億元;３８．５％"
    norm = normalize(text)
    assert len(norm) == len(text)
    assert norm.startswith("（一）高科技性。黄坤明：“发展”，2,157.8亿元；38.5%")


def _normalize_by_definition(text: str) -> str:
    # Every character through the full-width table, then each ASCII mark with Chinese on either side.
    import re

    from policytext import normalize as module

    text = text.replace("\r\n", " \n").replace("\r", "\n")
    text = text.translate(str.maketrans(dict(module._FULL_TO_ASCII))).replace("(", "（").replace(")", "）")
    cjk = module._CJK
    text = re.sub(rf"(?<=[{cjk}])[,:;!?]|[,:;!?](?=[{cjk}])", lambda m: module._TO_FULL_WIDTH[m.group()], text)
    return module.to_simplified(text)


@settings(max_examples=examples(300), deadline=None)
@given(st.text(st.sampled_from(list("，,:：;；!！?？()（）中國发展ａＡ１２３．％　 \n\r.,2x") + ["\uff01", "\uff5e", "\u3000"]), max_size=30))
def test_normalisation_equals_its_definition(text):
    assert normalize(text) == _normalize_by_definition(text)


def test_collapse_whitespace_maps_back():
    text = "新质 生产力\n\u3000\u3000发展"
    collapsed = collapse_whitespace(text)
    assert collapsed.text == "新质生产力发展"
    start, end = collapsed.to_input(2, 5)
    assert text[start:end] == "生产力"


def test_a_document_holds_no_store_for_analyses():
    # Analyses share intermediate results through a parse (policytext.parsed), not the document.
    assert not hasattr(from_text("同志们:今天开会。"), "derived")
