"""PDF input: text in reading order, page furniture recorded as boilerplate, hostile PDFs refused in one line."""

from __future__ import annotations

import re
import resource
import time
import zlib
from pathlib import Path

import pytest

from policytext import InputError, cli, load
from policytext.pdf import PageLine, assemble, page_furniture

from .helpers import SEED
from .pdf_builder import MARGIN, PAGE_HEIGHT, speech_pdf, scanned_pdf, table_pdf

pytest.importorskip("reportlab")

SPEECH = [
    "关于加快发展新质生产力的讲话",
    "同志们：",
    "今天召开全市科技工作会议，主要任务是总结工作、部署任务。" * 8,
    "一、提高认识，深刻把握发展新质生产力的关键特征",
    "科技创新是发展新质生产力的核心要素，我们要坚持创新驱动发展战略，推动产业深度转型升级。" * 6,
    "二、肯定成绩，准确认识发展基础",
    "2023年全市技术合同成交额突破1900亿元，增长16.7%，研发经费投入强度达到3.6%。" * 5,
    "三、靶向施策，找准抓实科技支撑的着力点",
    "要加快建设创新平台，培育科技型企业，完善科技金融服务体系，让创新成果更多转化为现实生产力。" * 6,
]


def furniture_texts(document) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in document.boilerplate]


def analysed_text(document) -> str:
    """Everything the analyses read as text: section titles and the text sentences on the analysis view.

    (A sentence that runs over a page break spans the page's furniture in the raw text; the view leaves it out.)
    """
    view = document.view
    titles = [s.title for s in document.outline.walk()]
    sentences = [view.text[view.from_raw(s.start) : view.from_raw(s.end)] for s in document.outline.sentences if s.kind != "boilerplate"]
    return "\n".join(titles + sentences)


@pytest.mark.parametrize("style, first, last", [("dash", "—1—", "—{n}—"), ("chinese", "第1页共{n}页", "第{n}页共{n}页"), ("plain", "1", "{n}")])
def test_running_header_and_page_numbers_are_boilerplate_not_text(tmp_path, style, first, last):
    path = speech_pdf(tmp_path / "speech.pdf", SPEECH, header="中共某某市委科技工作委员会", page_numbers=style)
    document = load(path)
    pages = int(document.provenance["pdf_pages"])
    assert pages >= 2
    kinds = furniture_texts(document)
    assert kinds.count(("running_header", "中共某某市委科技工作委员会")) == pages
    numbers = [text for kind, text in kinds if kind == "page_number"]
    assert numbers[0] == first.format(n=pages) and numbers[-1] == last.format(n=pages) and len(numbers) == pages
    text = analysed_text(document)
    assert "科技工作委员会" not in text and "第1页" not in text and "—1—" not in text
    assert document.outline.title.text == "关于加快发展新质生产力的讲话"
    assert [s.title for s in document.outline.sections[1:]][:1] == ["提高认识，深刻把握发展新质生产力的关键特征"]


def test_pages_and_their_offsets_tile_the_raw_text(tmp_path):
    document = load(speech_pdf(tmp_path / "speech.pdf", SPEECH))
    spans = [tuple(map(int, page.split(":")[1].split("-"))) for page in document.provenance["pdf_page_offsets"].split()]
    assert spans[0][0] == 0 and spans[-1][1] == len(document.raw)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    for number, (start, end) in enumerate(spans, 1):
        assert f"—{number}—" in document.raw[start:end]
    for span in document.boilerplate:
        assert document.raw[span.start : span.end] == span.text


def test_a_line_repeated_inside_the_text_block_is_text(tmp_path):
    """Chapters that reuse a sub-heading are not running headers: only lines set apart at a page's edge are."""
    chapters = []
    for number in "一二三":
        chapters += [f"{number}、第{number}部分工作", "（一）工作目标", "到2025年，全市研发经费投入强度达到3.5%以上。" * 4]
    document = load(speech_pdf(tmp_path / "chapters.pdf", ["关于科技工作的讲话", "同志们：", *chapters], header=None))
    assert not [b for b in document.boilerplate if "工作目标" in b.text and b.kind.startswith("running")]


def test_justified_chinese_gets_no_spaces_but_latin_words_keep_theirs(tmp_path):
    path = speech_pdf(tmp_path / "spaced.pdf", ["科技创新是发展新质生产力的核心要素。" * 8], header=None, page_numbers=None)
    from reportlab.pdfbase import pdfmetrics  # noqa: F401 - registered by the builder

    spaced = tmp_path / "letter_spaced.pdf"
    _letter_spaced(spaced, ["科技创新是发展新质生产力的核心要素。", "GDP growth of 5.2 percent in 2023。"], space=4.0)
    document = load(spaced)
    assert "科技创新是发展新质生产力的核心要素。" in document.raw
    assert "GDP growth of 5.2 percent in 2023" in document.raw
    assert load(path).raw.count(" ") == 0


def _letter_spaced(path: Path, lines: list[str], *, space: float) -> None:
    from .pdf_builder import FONT, _canvas

    c = _canvas(path)
    y = PAGE_HEIGHT - MARGIN
    for line in lines:
        text = c.beginText(MARGIN, y)
        text.setFont(FONT, 12)
        text.setCharSpace(space if not line.isascii() and not line[0].isascii() else 0)
        text.textLine(line)
        c.drawText(text)
        y -= 20
    c.showPage()
    c.save()


def test_table_over_two_pages_reads_row_by_row(tmp_path):
    rows = [["指标", "2022年", "2023年", "增长"]] + [[f"地区{i}", f"{1000 + i * 37}亿元", f"{1100 + i * 41}亿元", f"{i * 0.7:.1f}%"] for i in range(1, 61)]
    document = load(table_pdf(tmp_path / "table.pdf", rows, title="主要科技指标统计表"))
    assert int(document.provenance["pdf_pages"]) == 2
    assert "地区1\t1037亿元\t1141亿元\t0.7%" in document.raw.splitlines()
    assert [b.text for b in document.boilerplate if b.kind == "page_number"] == ["—1—", "—2—"]
    # The last row of a page is a table row, not a page number, though it sits at the page's edge.
    last_rows = [line for line in document.raw.splitlines() if line.startswith("地区")]
    assert len(last_rows) == 60


def test_page_furniture_rule_on_hand_made_lines():
    """The rule itself: edge lines set apart from the text block; page counters and lines recurring at one height."""

    def page(number: int, body: list[str], *, header: str | None, footer: str | None) -> list[PageLine]:
        lines = []
        if header:
            lines.append(PageLine(number, header, 50, 59, 250, 350, 9))
        lines += [PageLine(number, text, 100 + 20 * i, 112 + 20 * i, 72, 520, 12) for i, text in enumerate(body)]
        if footer:
            lines.append(PageLine(number, footer, 800, 809, 280, 300, 9))
        return lines

    lines = page(1, ["正文第一行", "正文第二行", "1234"], header="某某报告", footer="— 1 —")
    lines += page(2, ["正文第三行", "正文第四行"], header="某某报告", footer="第2页 共3页")
    lines += page(3, ["正文第五行", "5678"], header="别的标题", footer=None)
    kinds = {lines[i].text: kind for i, kind in page_furniture(lines).items()}
    assert kinds == {"某某报告": "running_header", "— 1 —": "page_number", "第2页 共3页": "page_number"}
    extracted = assemble(lines, page_count=3)
    assert [s.text for s in extracted.furniture] == ["某某报告", "— 1 —", "某某报告", "第2页 共3页"]
    assert all(extracted.text[s.start : s.end] == s.text for s in extracted.furniture)


def test_scanned_pdf_is_refused_in_one_line(tmp_path, capsys):
    path = scanned_pdf(tmp_path / "scan.pdf")
    code = cli.main(["outline", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "no text layer" in err and "OCR" in err


def test_encrypted_pdf_is_refused_in_one_line(tmp_path, capsys):
    path = speech_pdf(tmp_path / "locked.pdf", SPEECH, encrypt="secret")
    code = cli.main(["outline", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "encrypted" in err


@pytest.mark.parametrize("damage", ["truncated", "garbage", "not a pdf"])
def test_damaged_pdf_is_refused_in_one_line(tmp_path, capsys, damage):
    good = speech_pdf(tmp_path / "good.pdf", SPEECH).read_bytes()
    data = {"truncated": good[: len(good) // 2], "garbage": b"%PDF-1.4\n" + bytes(range(256)) * 50, "not a pdf": "一、二、三".encode()}[damage]
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    before = path.read_bytes()
    code = cli.main(["outline", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert "PDF" in err
    assert path.read_bytes() == before
    assert load(tmp_path / "good.pdf").body  # the intact file reads


def _pdf(objects: list[bytes]) -> bytes:
    """A minimal PDF with a correct cross-reference table."""
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def _refused_quickly(path: Path, match: str) -> None:
    start = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(InputError, match=match):
        load(path)
    # Bounded: the refusal costs at most the per-stream limit, never the bomb's size.
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 400 * 1024
    assert time.monotonic() - start < 30


@pytest.mark.slow
def test_decompression_bomb_is_refused(tmp_path):
    squeezer = zlib.compressobj(9)
    page = b"0 0 m " * (1 << 17)  # 768 KB of drawing operators
    stream = b"".join(squeezer.compress(page) for _ in range(1400)) + squeezer.flush()  # about 1 GB inflated
    bomb = _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ])
    assert len(bomb) < 8 * 2**20
    path = tmp_path / "bomb.pdf"
    path.write_bytes(bomb)
    _refused_quickly(path, "decompress")


def test_page_count_bomb_is_refused(tmp_path):
    path = tmp_path / "pages.pdf"
    path.write_bytes(_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 100000000 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]))
    _refused_quickly(path, "pages")


@pytest.mark.slow
def test_many_real_pages_are_refused(tmp_path):
    """A page tree whose count lies: the pages are counted as they are read."""
    from policytext import pdf

    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(pdf.MAX_PAGES + 5))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count 1 >>"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * (pdf.MAX_PAGES + 5)
    path = tmp_path / "lying.pdf"
    path.write_bytes(_pdf(objects))
    _refused_quickly(path, "more than")


@pytest.mark.slow
def test_seed_lines_as_pdf_keep_their_furniture_kinds(tmp_path):
    """The seed's own site lines, set as PDF lines, are still recognised by the pattern table."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    document = load(speech_pdf(tmp_path / "seed.pdf", lines, size=10.0))
    kinds = {b.kind for b in document.boilerplate}
    assert {"site_greeting", "breadcrumb", "page_title", "page_link", "running_header", "page_number"} <= kinds


def test_document_information_goes_to_the_provenance(tmp_path):
    from policytext.pdf import document_info

    path = speech_pdf(tmp_path / "speech.pdf", SPEECH, title="在全市科技工作会议上的讲话")
    document = load(path)
    assert document.provenance["pdf_title"] == "在全市科技工作会议上的讲话"
    assert document.provenance["pdf_created"] == "2000-01-01"  # reportlab's invariant mode fixes the date
    assert document_info({"Title": "Microsoft Word - 讲话稿.doc", "CreationDate": b"D:20240305101010+08'00'"}) == {"pdf_created": "2024-03-05"}
    assert document_info({"Title": "讲话.docx"}) == {}


def _drawing_pdf(pages: int, ops: bytes) -> bytes:
    """*pages* pages that all draw the same content stream (one object, interpreted once per page)."""
    packed = zlib.compress(ops, 9)
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"] * pages
    return _pdf(objects)


def test_a_small_stream_of_many_operators_is_refused(tmp_path):
    """Kilobytes that inflate to megabytes of drawing operators: pdfminer would take minutes."""
    path = tmp_path / "operators.pdf"
    path.write_bytes(_drawing_pdf(1, b"0 0 m 1 1 l S\n" * 300_000))
    _refused_quickly(path, "times its packed size")


@pytest.mark.slow
def test_one_stream_drawn_on_many_pages_is_counted_on_each(tmp_path):
    import random

    # About 280 KB of a comment that does not compress much, so it passes the ratio rule.
    ops = bytes(random.Random(0).choices(range(33, 127), k=280_000))
    path = tmp_path / "reused.pdf"
    path.write_bytes(_drawing_pdf(400, b"%" + ops + b"\n"))
    _refused_quickly(path, "drawing instructions")


@pytest.mark.slow
def test_heavy_pages_have_a_budget_of_their_own(tmp_path):
    """Pages that would be stripped of their drawing still count against a bound, before pdfium parses any."""
    import random

    from policytext import pdf

    ops = bytes(random.Random(1).choices(range(33, 127), k=pdf.HEAVY_PAGE_BYTES + 100_000))
    pages = pdf.MAX_DRAWING_CONTENT_BYTES // len(ops) + 2
    path = tmp_path / "maps.pdf"
    path.write_bytes(_drawing_pdf(pages, b"%" + ops + b"\n"))
    _refused_quickly(path, f"{pdf.MAX_DRAWING_CONTENT_BYTES // 2**20} MB of drawing instructions")


def test_a_page_break_is_no_paragraph_break():
    """The gap below a running header is not a paragraph gap: no blank line where a sentence runs over a page."""

    def page(number: int, body: list[str]) -> list[PageLine]:
        lines = [PageLine(number, "某某报告", 50, 59, 250, 350, 9)]
        lines += [PageLine(number, text, 100 + 20 * i, 112 + 20 * i, 72, 520, 12) for i, text in enumerate(body)]
        return lines + [PageLine(number, f"— {number} —", 800, 809, 280, 300, 9)]

    lines = page(1, ["我们要推动科技", "创新和产业创新"]) + page(2, ["深度融合。"])
    text = assemble(lines, page_count=2).text
    assert text == "某某报告\n我们要推动科技\n创新和产业创新\n— 1 —\n某某报告\n深度融合。\n— 2 —\n"
    # A gap inside a page still is a paragraph gap.
    gapped = [PageLine(1, "第一段。", 100, 112, 72, 520, 12), PageLine(1, "第二段", 120, 132, 72, 520, 12),
              PageLine(1, "第三段。", 180, 192, 72, 520, 12)]
    assert assemble(gapped, page_count=1).text == "第一段。\n第二段\n\n第三段。\n"


# --- acceptance: the seed set as a PDF reads as the seed ---------------------------------


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory):
    """The seed file's lines set as a paged PDF (9 pt: each site line fits on one line), with a running header and page numbers."""
    import shutil

    lines = SEED.read_text(encoding="utf-8").splitlines()
    folder = tmp_path_factory.mktemp("seed")
    path = speech_pdf(folder / "seed.pdf", lines, size=9.0, header="天津市科技系统党课材料")
    # The seed's provenance note travels with it (its date decides which central texts can be sources).
    shutil.copy(SEED.with_name(SEED.stem + ".provenance.json"), folder / "seed.provenance.json")
    return load(path)


@pytest.mark.slow
def test_seed_as_pdf_gives_the_seed_outline(seed_pdf, seed):
    assert int(seed_pdf.provenance["pdf_pages"]) >= 3
    assert seed_pdf.outline.title.text == seed.outline.title.text
    assert [(s.id, s.level, s.marker, s.title) for s in seed_pdf.outline.walk()] == [
        (s.id, s.level, s.marker, s.title) for s in seed.outline.walk()
    ]
    # A redaction wrapped onto two lines (×\n×) is one redaction, as in the seed.
    assert seed_pdf.truncated and [r.text.replace("\n", "") for r in seed_pdf.redactions] == [r.text for r in seed.redactions]


@pytest.mark.slow
def test_seed_as_pdf_has_no_furniture_inside_a_section(seed_pdf):
    furniture = {b.text for b in seed_pdf.boilerplate if b.kind in ("running_header", "running_footer", "page_number")}
    assert furniture == {"天津市科技系统党课材料", "—1—", "—2—", "—3—"} | ({"—4—"} if "—4—" in seed_pdf.raw else set())
    text_sentences = [s for s in seed_pdf.outline.sentences if s.kind != "boilerplate"]
    for sentence in text_sentences:
        kept = seed_pdf.view.raw_text(seed_pdf.raw, seed_pdf.view.from_raw(sentence.start), seed_pdf.view.from_raw(sentence.end))
        assert "天津市科技系统党课材料" not in kept and not re.search(r"—\d+—", kept), kept
    for section in seed_pdf.outline.walk():
        assert "党课材料" not in section.title and "—" not in section.title


@pytest.mark.slow
def test_seed_as_pdf_gives_the_seed_sentences(seed_pdf, seed):
    """A page break inside a sentence is a wrap: the sentence runs over the page, its furniture left out."""

    def sentences(document):
        view = document.view
        # (A comma after a figure may stay ASCII where a wrap follows it: the normaliser reads the raw neighbours.)
        return [(s.kind, view.text[view.from_raw(s.start) : view.from_raw(s.end)].strip().replace(",", "，"))
                for s in document.outline.sentences if s.kind != "boilerplate"]

    crossing = [s for s in seed_pdf.outline.sentences if s.kind == "text" and "—1—" in seed_pdf.raw[s.start : s.end]]
    assert crossing, "a sentence of the seed runs over the first page break"
    assert sentences(seed_pdf) == sentences(seed)


@pytest.mark.slow
def test_seed_as_pdf_gives_the_seed_indicators(seed_pdf, seed):
    from policytext.indicators import extract

    # The claims, their names, figures and sections: a name broken by a wrap (海河实\n验室) or by a
    # page break (重点产业 / —1— / running header / 链) reads whole, as in the .txt.
    columns = ["indicator", "value", "unit", "section"]
    pdf_claims = extract(seed_pdf)
    txt_claims = extract(seed)
    assert len(pdf_claims) == len(txt_claims) > 20
    assert pdf_claims[columns].astype(str).values.tolist() == txt_claims[columns].astype(str).values.tolist()
    # Every claim still points into the raw PDF text, at the same characters once wraps are left out.
    view = seed_pdf.view
    for row in pdf_claims.itertuples():
        assert "\n" not in view.raw_text(seed_pdf.raw, view.from_raw(row.start), view.from_raw(row.end))


# --- acceptance 2: no lexicon term split by a wrap on PDF-derived texts ------------------------------

EVAL = Path(__file__).resolve().parents[1] / "data" / "eval"
# The evaluation set's documents copied out of a PDF, by the features their gold notes list.
_PDF_FEATURES = re.compile(r"pdf|line wrap|page counter")


def _pdf_derived() -> list[Path]:
    import yaml

    texts = []
    for gold in sorted(EVAL.glob("*.gold.yaml")):
        features = yaml.safe_load(gold.read_text(encoding="utf-8")).get("features") or []
        if any(_PDF_FEATURES.search(str(feature)) for feature in features):
            texts.append(gold.with_name(gold.name.removesuffix(".gold.yaml") + ".txt"))
    return texts


def _wrapped_terms(document) -> list[tuple[str, str, str]]:
    """Lexicon terms that whitespace breaks in the raw body, with how the raw text and the view read each.

    The body is read with all its whitespace taken out: a term found there whose
    raw span holds a line break or a space was broken by a wrap (or runs over a
    real break, which the check would show).
    """
    from policytext.segment import load_lexicon

    view, body_start = document.view, document.body_start
    body = document.norm[body_start : document.body_end]
    kept = [i for i, char in enumerate(body) if not char.isspace()]
    squeezed = "".join(body[i] for i in kept)
    found = []
    for term in {entry.term for entry in load_lexicon()}:
        for m in re.finditer(re.escape(term), squeezed):
            start, end = kept[m.start()], kept[m.end() - 1] + 1
            if end - start > len(term):
                first, last = view.from_raw(body_start + start), view.from_raw(body_start + end)
                found.append((term, body[start:end], view.text[first:last]))
    return found


def _assert_no_term_split_by_a_wrap(document) -> int:
    from policytext.segment import audit_lexicon

    # Every lexicon term that occurs in the analysis view is one token of its segmentation
    # (where two terms overlap only one can be: audit_lexicon leaves those out) ...
    split = audit_lexicon(document.view.text)
    assert split.empty, split.to_string()
    # ... and every term a wrap broke in the raw text occurs whole in the view.
    wrapped = _wrapped_terms(document)
    assert [(term, raw) for term, raw, seen in wrapped if seen != term] == []
    return len(wrapped)


@pytest.mark.slow
@pytest.mark.parametrize("path", _pdf_derived(), ids=lambda p: p.name.split("_")[0])
def test_no_lexicon_term_is_split_by_a_wrap_in_the_pdf_derived_eval_texts(path):
    _assert_no_term_split_by_a_wrap(load(path))


@pytest.mark.slow
def test_the_pdf_derived_eval_texts_have_wrapped_terms_to_check():
    assert len(_pdf_derived()) >= 5
    assert sum(len(_wrapped_terms(load(path))) for path in _pdf_derived()) >= 10


@pytest.mark.slow
def test_no_lexicon_term_is_split_by_a_wrap_in_the_seed_as_pdf(seed_pdf):
    assert _assert_no_term_split_by_a_wrap(seed_pdf) >= 20  # the seed's PDF lines break many terms


def test_a_term_split_by_a_wrap_space_off_the_line_width_is_joined():
    """A title set larger wraps at its own width: its space still splits a lexicon term, so it is a wrap."""
    from policytext import from_text

    # Text copied out of a PDF with each line's end turned into a space (lines of 35 characters).
    lines = ["按照局党组工作安排下面我围绕这一主题为大家讲一堂专题党课与大家共同学习", "提高中国式现代化是在改革开放中不断推进的也必将在改革开放中开辟广阔前景",
             "党的二十届三中全会审议通过的决定明确将健全因地制宜发展体制机制作为首要", "内容高质量发展是全面建设社会主义现代化国家的首要任务是新时代的硬道理而",
             "推动高质量发展的内在要求和重要着力点在于坚持创新驱动发展战略不断塑造我", "们发展新动能新优势为开辟发展新领域新赛道提供科学指引加快形成现代化产业",
             "体系要以科技创新推动产业创新特别是以颠覆性技术和前沿技术催生新产业新", "模式新动能积极培育新能源新材料先进制造电子信息等战略性新兴产业和未来产"]
    body = " 同志们： " + " ".join(lines) + "业。"
    view = from_text("党课：坚持以新质生产 力发展推进中国式现代化" + body).view.text
    assert view.startswith("党课：坚持以新质生产力发展推进中国式现代化 同志们：")
    assert "共同学习提高中国式" in view and "未来产业。" in view
    # A space off the width that splits no term is kept (科技创新 引领: no term runs over it).
    view = from_text("党课：坚持以科技创新 引领发展" + body).view.text
    assert view.startswith("党课：坚持以科技创新 引领发展 同志们：") and "共同学习提高中国式" in view


@pytest.mark.slow
def test_seed_as_pdf_gives_the_seed_reuse(seed_pdf, seed):
    from policytext.compare import compare

    def reused(clauses):
        rows = clauses[clauses["class"] != "local"]
        return [(r.section, r["class"], r.source_id, str(r.aligned_text).replace("\n", "")) for _, r in rows.iterrows()]

    # The same central wording found, from the same sources, in the same sections (a wrap break
    # inside the reused words left out; an enumeration marker at a line's start may stay in the
    # clause). Local clauses may be cut differently at a page break.
    from_pdf, from_txt = reused(compare(seed_pdf).clauses), reused(compare(seed).clauses)
    assert [row[:3] for row in from_pdf] == [row[:3] for row in from_txt]
    assert all(txt[3] in pdf[3] for pdf, txt in zip(from_pdf, from_txt))
    assert len(from_txt) > 20


def test_a_heading_wrapped_over_two_lines_is_one_heading(tmp_path):
    long_heading = "一、坚持以科技创新引领现代化产业体系建设，加快形成和发展新质生产力，为推进中国式现代化提供有力支撑"
    paragraphs = ["在全市科技工作会议上的讲话", "同志们：", "今天我们召开会议，部署科技创新工作。" * 4,
                  long_heading, "我们要坚持创新驱动发展战略，推动科技创新和产业创新深度融合。" * 6,
                  "二、加强组织领导", "各级各部门要压实责任，确保各项任务落地见效。" * 4]
    document = load(speech_pdf(tmp_path / "headings.pdf", paragraphs, header=None))
    assert "\n" in document.raw[document.raw.find("一、") : document.raw.find("有力支撑")]  # the page wraps it
    titles = [s.title for s in document.outline.walk() if s.level == 1]
    assert titles == [long_heading[2:], "加强组织领导"]
    txt = tmp_path / "headings.txt"
    txt.write_text("\n".join(paragraphs), encoding="utf-8")
    assert [(s.id, s.title) for s in document.outline.walk()] == [(s.id, s.title) for s in load(txt).outline.walk()]


# --- pages of heavy drawing: read without interpreting the drawing ---------------------------------


def _with_drawing(path: Path, paragraphs: list[str], *, curves: int) -> Path:
    """A speech whose first page also strokes *curves* short Bézier paths (a map, a technical drawing)."""
    import random

    from .pdf_builder import FONT, PAGE_WIDTH, _canvas, wrap

    rng = random.Random(0)
    c = _canvas(path)
    # A map's legend: text inside a form, which the rewrite leaves whole.
    c.beginForm("legend")
    c.setFont(FONT, 9)
    c.drawString(400, 110, "图例：高新技术产业开发区")
    c.rect(395, 100, 150, 25)
    c.endForm()
    lines = wrap(paragraphs)
    for number, page in enumerate((lines[:30], lines[30:]), 1):
        c.doForm("legend")
        if number == 1:
            shape = c.beginPath()
            for _ in range(curves):
                x, y = rng.uniform(0, PAGE_WIDTH), rng.uniform(0, PAGE_HEIGHT)
                shape.moveTo(x, y)
                shape.curveTo(x + 1.5, y + 2.25, x + 3.5, y - 1.75, x + 5, y)
            c.drawPath(shape, stroke=1, fill=0)
            c.drawImage(_picture(), 400, 700, width=50, height=50)
        c.setFont(FONT, 12)
        y = PAGE_HEIGHT - MARGIN - 30
        for line, starts in page:
            c.drawString(MARGIN + (24 if starts else 0), y, line)
            y -= 19.2
        c.setFont(FONT, 9)
        c.drawCentredString(300, 40, f"— {number} —")
        c.showPage()
    c.save()
    return path


def _picture():
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    return ImageReader(Image.new("L", (20, 20), 128))


@pytest.mark.slow
def test_a_page_of_heavy_drawing_reads_as_the_same_text_without_it(tmp_path, monkeypatch):
    """Pages whose content is mostly drawing are rewritten without paths and images before pdfminer reads them.

    (The threshold is lowered so that a small drawing counts; ``benchmarks/bench_pdf.py`` measures a real size.)
    """
    from policytext import pdf

    plain = load(_with_drawing(tmp_path / "plain.pdf", SPEECH, curves=0))
    drawn_path = _with_drawing(tmp_path / "drawn.pdf", SPEECH, curves=3000)
    monkeypatch.setattr(pdf, "HEAVY_PAGE_BYTES", 60_000)
    stripped = []
    original = pdf._without_drawing
    monkeypatch.setattr(pdf, "_without_drawing", lambda data, heavy: stripped.append(heavy) or original(data, heavy))
    drawn = load(drawn_path)
    assert stripped == [[0]]  # only the page with the drawing
    assert drawn.raw == plain.raw and drawn.raw.count("图例：高新技术产业开发区") == 2
    assert drawn.boilerplate == plain.boilerplate and drawn.provenance["pdf_pages"] == plain.provenance["pdf_pages"] == "2"
    # Below the threshold nothing is rewritten: the same PDF is read as it is, to the same text.
    monkeypatch.setattr(pdf, "HEAVY_PAGE_BYTES", 10 * 2**20)
    assert load(drawn_path).raw == plain.raw and stripped == [[0]]


@pytest.mark.slow
def test_a_page_that_stays_heavy_is_read_once_not_rewritten_again(tmp_path, monkeypatch):
    """Text alone above the threshold: one rewrite, then the copy is read as it is (no loop)."""
    from policytext import pdf

    path = speech_pdf(tmp_path / "speech.pdf", SPEECH)
    monkeypatch.setattr(pdf, "HEAVY_PAGE_BYTES", 100)
    calls = []
    original = pdf._without_drawing
    monkeypatch.setattr(pdf, "_without_drawing", lambda data, heavy: calls.append(heavy) or original(data, heavy))
    document = load(path)
    assert len(calls) == 1
    monkeypatch.setattr(pdf, "HEAVY_PAGE_BYTES", 10 * 2**20)
    assert document.raw == load(path).raw
