"""Word files opened with bounds (issue 15, defects 2 and 3): zip bombs refused fast, XML faults in one line."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from policytext import InputError, cli, load
from policytext.formats import MAX_COMPRESSION_RATIO, MAX_MEMBER_BYTES, check_archive

DOCUMENT_XML = "word/document.xml"


def word_file(tmp_path: Path, name: str = "speech.docx", *, paragraphs=("同志们:", "一、总体要求", "今天开会。")) -> Path:
    import docx

    word = docx.Document()
    for text in paragraphs:
        word.add_paragraph(text)
    path = tmp_path / name
    word.save(path)
    return path


def rewrite_member(path: Path, member: str, change) -> Path:
    """The same .docx with one member's bytes passed through ``change``."""
    with zipfile.ZipFile(path) as archive:
        items = [(info, archive.read(info)) for info in archive.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in items:
            archive.writestr(info.filename, change(data) if info.filename == member else data)
    path.write_bytes(buffer.getvalue())
    return path


def run_cli(capsys, *argv):
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_an_xml_comment_in_the_body_is_no_text(tmp_path):
    path = rewrite_member(word_file(tmp_path), DOCUMENT_XML,
                          lambda xml: xml.replace(b"<w:body>", b"<w:body><!-- saved by a tool -->", 1))
    assert b"<!--" in zipfile.ZipFile(path).read(DOCUMENT_XML)
    document = load(path)
    assert document.raw == "同志们:\n一、总体要求\n今天开会。"
    assert [s.title for s in document.outline.sections[1:]] == ["总体要求"]


def test_an_xml_comment_inside_a_paragraph_and_a_table_is_no_text(tmp_path):
    import docx

    word = docx.Document()
    word.add_paragraph("同志们:今天开会。")
    table = word.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "指标", "数值"
    path = tmp_path / "t.docx"
    word.save(path)
    rewrite_member(path, DOCUMENT_XML, lambda xml: xml.replace(b"<w:r>", b"<w:r><!-- c -->").replace(b"<w:tr>", b"<w:tr><!-- row -->"))
    assert load(path).raw == "同志们:今天开会。\n指标\t数值"


@pytest.mark.parametrize("breakage", [
    lambda xml: xml[: len(xml) // 2],  # cut off
    lambda xml: xml.replace(b"</w:body>", b"</w:bod>"),  # mismatched tag
    lambda xml: xml.replace(b"<w:body>", b"<w:body>&undefined;", 1),  # an entity nobody declared
])
def test_malformed_xml_is_one_line_and_exit_2(tmp_path, capsys, breakage):
    path = rewrite_member(word_file(tmp_path), DOCUMENT_XML, breakage)
    before = path.read_bytes()
    code, out, err = run_cli(capsys, "outline", str(path))
    assert (code, out) == (2, "")
    assert err.startswith("policytext: error: ") and "docx" in err and err.count("\n") == 1 and "Traceback" not in err
    assert path.read_bytes() == before


def zip_bomb(path: Path, *, size: int) -> Path:
    """A .docx whose document.xml unpacks to ``size`` bytes of spaces (written in chunks: the test stays small)."""
    template = word_file(path.parent, "template.docx")
    with zipfile.ZipFile(template) as archive:
        items = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in items:
            if name != DOCUMENT_XML:
                archive.writestr(name, data)
        with archive.open(DOCUMENT_XML, "w", force_zip64=True) as member:
            chunk = b" " * (1 << 20)
            for _ in range(size >> 20):
                member.write(chunk)
    return path


def test_a_zip_bomb_is_refused_fast(tmp_path, capsys):
    bomb = zip_bomb(tmp_path / "bomb.docx", size=MAX_MEMBER_BYTES + (1 << 20))
    assert bomb.stat().st_size < 1 << 20
    started = time.monotonic()
    code, out, err = run_cli(capsys, "outline", str(bomb))
    assert time.monotonic() - started < 1
    assert (code, out) == (2, "") and "refused" in err and err.count("\n") == 1


def test_a_highly_compressed_member_is_refused_below_the_size_limit(tmp_path):
    bomb = zip_bomb(tmp_path / "ratio.docx", size=8 << 20)
    with pytest.raises(InputError, match="zip bomb"):
        load(bomb)
    assert 8 << 20 > MAX_COMPRESSION_RATIO * zipfile.ZipFile(bomb).getinfo(DOCUMENT_XML).compress_size


def test_an_archive_with_too_many_members_is_refused_before_listing_them():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(10_001):
            archive.writestr(f"m{number}", b"")
    with pytest.raises(InputError, match="10001 members"):
        check_archive(buffer.getvalue(), source="many.docx")


def test_a_real_word_file_passes_the_checks(tmp_path):
    path = word_file(tmp_path)
    check_archive(path.read_bytes(), source=str(path))
    assert load(path).raw.startswith("同志们")


def test_xml_parts_over_their_limit_are_refused(tmp_path, monkeypatch):
    """Parsed XML costs about twenty times its size: the XML parts have a budget of their own."""
    import policytext.formats as formats

    path = word_file(tmp_path, paragraphs=["同志们:今天开会。"] * 200)
    xml = sum(i.file_size for i in zipfile.ZipFile(path).infolist() if i.filename.endswith((".xml", ".rels")))
    monkeypatch.setattr(formats, "MAX_XML_BYTES", xml - 1)
    with pytest.raises(InputError, match="XML parts unpack to"):
        load(path)
    monkeypatch.setattr(formats, "MAX_XML_BYTES", xml)
    assert load(path).raw.startswith("同志们")
