"""Other inputs users have: a saved web page and a Word document give the same outline as the .txt."""

from __future__ import annotations

import html

import pytest

from policytext import InputError, load
from policytext.paths import document_id

from .helpers import SEED


def outline_shape(document):
    """The outline without offsets (they index each format's own extracted text)."""
    outline = document.outline
    return {
        "title": outline.title.text if outline.title else None,
        "salutation": outline.salutation.text if outline.salutation else None,
        "sections": [(s.id, s.level, s.marker, s.title) for s in outline.walk()],
        "sentences": [document.raw[s.start : s.end].strip() for s in outline.sentences],
        "truncated": document.truncated,
        "redactions": [r.text for r in document.redactions],
    }


@pytest.fixture(scope="module")
def seed_lines():
    return SEED.read_text(encoding="utf-8").splitlines()


def test_saved_web_page_gives_the_same_outline(tmp_path, seed_lines):
    greeting, breadcrumb, body, *footer = seed_lines
    page = f"""<!DOCTYPE html><html><head><meta charset="gb18030"><title>党课坚持科技创新引领发展加快形成新质生产力-三七文档</title>
<style>p {{ color: black }}</style><script>var x = "一、不是正文";</script></head>
<body><nav><a href="/">首页</a> <a href="/doc">文档分类</a></nav>
<header><div>{html.escape(greeting)}</div></header>
<div class="crumb">{html.escape(breadcrumb)}</div>
<div id="content"><p>{html.escape(body[:40])}<b>{html.escape(body[40:60])}</b>{html.escape(body[60:])}</p></div>
<footer>{''.join(f'<p>{html.escape(line)}</p>' for line in footer)}</footer>
<aside>热门文章: 一、其他文档</aside></body></html>"""
    path = tmp_path / "seed.html"
    path.write_bytes(page.encode("gb18030"))
    document = load(path)
    assert document.encoding.startswith("html")
    assert document.provenance["html_title"].startswith("党课坚持科技创新")
    assert outline_shape(document) == outline_shape(load(SEED))
    assert "var x" not in document.raw and "首页 文档分类" not in document.raw


def test_word_document_gives_the_same_outline(tmp_path, seed_lines):
    import docx

    word = docx.Document()
    for line in seed_lines:
        paragraph = word.add_paragraph()
        # Split runs mid-heading, as Word does when formatting changes.
        paragraph.add_run(line[:30]).bold = True
        paragraph.add_run(line[30:])
    word.core_properties.title = "党课"
    path = tmp_path / "seed.docx"
    word.save(path)
    document = load(path)
    assert document.encoding == "docx"
    assert outline_shape(document) == outline_shape(load(SEED))


@pytest.mark.parametrize("suffix", [".doc", ".xlsx", ".png", ".caj"])
def test_unsupported_formats_are_refused_in_one_line(tmp_path, suffix):
    path = tmp_path / f"speech{suffix}"
    path.write_bytes(b"%PDF-1.7 not really")
    with pytest.raises(InputError, match="not supported"):
        load(path)


def test_broken_docx_and_empty_page(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 truncated zip")
    with pytest.raises(InputError, match="docx"):
        load(broken)
    empty = tmp_path / "empty.html"
    empty.write_text("<html><head><title>x</title></head><body><nav>首页</nav></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="no (body )?text"):
        load(empty)


def test_document_id_is_safe_and_does_not_clobber(tmp_path):
    safe = tmp_path / "speech 讲话稿 (1).txt"
    safe.write_text("同志们:今天开会。", encoding="utf-8")
    doc_id = document_id(safe)
    assert doc_id.startswith("speech-讲话稿-1-")
    assert "/" not in doc_id and ".." not in doc_id and " " not in doc_id
    other = tmp_path / "sub" / "speech 讲话稿 (1).txt"
    other.parent.mkdir()
    other.write_text("同志们:明天开会。", encoding="utf-8")
    assert document_id(other) != doc_id  # same name, different text: different folders
    hidden = tmp_path / "...txt"
    hidden.write_text("x", encoding="utf-8")
    assert not document_id(hidden).startswith(".")
    traversal = tmp_path / "..%2F..%2Fetc"
    traversal.write_text("x", encoding="utf-8")
    assert "/" not in document_id(traversal) and not document_id(traversal).startswith(".")


def test_formats_command_lists_every_reader(capsys):
    from policytext import cli

    assert cli.main(["formats"]) == 0
    out = capsys.readouterr().out
    for suffix in (".txt", ".html", ".xhtml", ".docx", ".pdf"):
        assert suffix in out
    assert "no OCR" in out and "trafilatura" in out and ".doc " in out
    assert cli.main(["formats", "speech.PDF"]) == 0
    assert capsys.readouterr().out.startswith("speech.PDF: .pdf")
    assert cli.main(["formats", "speech.wps"]) == 0
    assert "refused" in capsys.readouterr().out


def test_corpus_folders_are_searched_for_every_readable_format(tmp_path):
    from policytext.corpus import collect_paths

    for name in ("a.txt", "b.html", "c.docx", "d.pdf", "e.png", "README.md"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in collect_paths([tmp_path])] == ["a.txt", "b.html", "c.docx", "d.pdf"]


def test_readme_lists_every_format_read():
    from policytext.formats import READABLE_SUFFIXES

    from .helpers import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "policytext formats" in readme
    for suffix in READABLE_SUFFIXES:
        assert f"`{suffix}`" in readme, suffix
