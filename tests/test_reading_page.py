"""The reading page: every annotation of the tables on the text exactly once, self-contained, deterministic, usable."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from policytext import from_text, load
from policytext.reading_page import edit_view, marks, render, tables_of

from .helpers import ROOT, SEED


@pytest.fixture(scope="module")
def seed_page():
    document = load(SEED)
    tables = tables_of(document)
    return document, tables, render(document, tables)


def _pieces_by_mark(page: str) -> tuple[dict, dict[str, str]]:
    soup = BeautifulSoup(page, "html.parser")
    data = json.loads(soup.find("script", id="marks").string)
    text: dict[str, list[str]] = {}
    for span in soup.select("#text span.m"):
        for mark_id in span["data-m"].split():
            text.setdefault(mark_id, []).append(span.get_text())
    return data, {mark_id: "".join(parts) for mark_id, parts in text.items()}


def test_every_annotation_of_the_tables_is_on_the_text_once_at_its_span(seed_page):
    document, tables, page = seed_page
    data, covered = _pieces_by_mark(page)
    for mark_id, mark in data.items():
        assert covered.get(mark_id) == document.raw[mark["start"] : mark["end"]], mark_id
    layers = [mark["layer"] for mark in data.values()]
    assert layers.count("redactions") == len(document.redactions) == 28
    assert layers.count("indicators") == len(tables["indicators"]) == 29
    assert layers.count("quotations") == len(tables["quotations"])
    assert layers.count("parallelism") == len(tables["parallelisms"])
    assert layers.count("reuse") == int((tables["clauses"]["class"] != "local").sum()) > 0
    leader_quotes = [m for m in data.values() if m["layer"] == "quotations" and ["kind", "leader"] in m["info"]]
    assert len(leader_quotes) == 3
    assert all(["speaker", "习近平"] in m["info"] for m in leader_quotes)
    hidden = [m for m in data.values() if m["layer"] == "indicators" and ["hidden value", "yes"] in m["info"]]
    assert len(hidden) == int(tables["indicators"]["redacted"].sum()) == 6


def test_the_page_is_the_raw_text_in_order_and_needs_no_network(seed_page):
    document, _, page = seed_page
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("main", id="text").get_text().startswith(document.raw[:20])
    shown = soup.find("main", id="text").get_text()
    assert document.raw in shown.replace("\u2702", "")  # the whole raw text, furniture included, in order
    assert not soup.find_all("script", src=True) and not soup.find_all("link")
    style = soup.find("style").string
    assert "url(data:font/ttf;base64," in style and "url(http" not in style
    assert len(page.encode("utf-8")) < 1_500_000, "the seed's page stays well under 3 MB"


@pytest.mark.slow
def test_the_page_is_deterministic(seed_page):
    document, tables, page = seed_page
    assert render(document, tables) == page


def test_outline_and_truncation_are_shown(seed_page):
    document, _, page = seed_page
    soup = BeautifulSoup(page, "html.parser")
    links = [a["href"] for a in soup.select("#toc a")]
    sections = [s for s in document.outline.walk() if s.level > 0]
    assert links == [f"#sec-{s.id}" for s in sections]
    assert all(soup.find(id=f"sec-{s.id}") for s in sections)
    assert soup.select_one("p.cut") is not None and document.truncated


def test_a_document_without_layers_still_gives_a_page():
    document = from_text("同志们：\n今天我们开会。\n")
    page = render(document, {})
    data, _ = _pieces_by_mark(page)
    assert {m["layer"] for m in data.values()} <= {"furniture"}
    assert "今天我们开会" in BeautifulSoup(page, "html.parser").find("main").get_text()


def test_edit_view_shows_deletions_and_insertions():
    assert edit_view("天津要发挥科教资源丰富等优势", "天津要发挥科教资源丰富等优势") == "天津要发挥科教资源丰富等优势"
    view = edit_view("我省要发挥优势", "天津要发挥优势")
    assert "<del>天津</del><ins>我省</ins>" in view
    assert edit_view("a<b", "a") == "a<ins>&lt;b</ins>"


def test_marks_outside_the_text_are_dropped():
    document = from_text("同志们：\n今天我们开会。\n")
    import pandas as pd

    bad = pd.DataFrame({"start": [0, 3], "end": [999, 5], "term": ["x", "y"], "category": ["a", "b"],
                        "gloss": ["", ""], "section": ["0", "0"]})
    kept = [m for m in marks(document, {"directives": bad}) if m.layer == "directives"]
    assert [(m.start, m.end) for m in kept] == [(3, 5)]


@pytest.mark.slow
def test_cli_writes_the_page(tmp_path):
    out = tmp_path / "page.html"
    result = subprocess.run([str(Path(sys.executable).with_name("policytext")), "read", str(SEED), "--out", str(out)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert result.stdout.startswith(str(out)) and "MB" in result.stdout and result.stderr == ""


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium installed (Debian package chromium; .ci/run installs it)")
def test_in_a_browser_layers_toggle_and_a_reused_clause_shows_its_edits(seed_page, tmp_path, monkeypatch):
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright (test extra) is not installed")
    _, _, page_html = seed_page
    path = tmp_path / "reading.html"
    path.write_text(page_html, encoding="utf-8")
    requested = []
    user_home = tmp_path / "home"  # stands for the user's home folder: nothing may be written there
    user_home.mkdir()
    monkeypatch.setenv("HOME", str(user_home))
    with playwright.sync_playwright() as p:
        # Chromium keeps its crash-report database under ~/.config whatever the profile folder:
        # point its home and XDG folders into the project's cache, so nothing is written outside.
        home = ROOT / ".cache" / "chromium"
        env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"),
               "XDG_CACHE_HOME": str(home / "cache")}
        browser = p.chromium.launch(executable_path=CHROMIUM, env=env, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync", "--disable-breakpad"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.on("request", lambda request: requested.append(request.url))
            page.goto(path.as_uri())
            assert page.evaluate("document.fonts.check('16px PolicytextCJK', '新质生产力')")
            reused = page.locator("#text .m.L-reuse").first
            shadow_on = reused.evaluate("e => getComputedStyle(e).boxShadow")
            page.locator("#layers input[value=reuse]").uncheck()
            assert reused.evaluate("e => getComputedStyle(e).boxShadow") != shadow_on
            page.locator("#layers input[value=reuse]").check()
            reused.click()
            details = page.locator("#detail-items")
            assert details.locator("dd.edits").count() >= 1
            assert "central" in (details.inner_text() + reused.get_attribute("data-m")) or details.inner_text()
            page.keyboard.press("n")
            assert page.evaluate("document.activeElement.classList.contains('m')")
            page.locator("#lang").click()
            assert page.locator("#layers h2").inner_text() == "图层"
            page.screenshot(path=str(ROOT / ".cache" / "reading-page-test.png"))
        finally:
            browser.close()
    assert all(url.startswith(("file:", "data:")) for url in requested), requested
    assert sorted(user_home.rglob("*")) == [], "the browser wrote into the home folder"


def test_the_default_document_is_the_one_every_notebook_analyses_by_default():
    """`policytext read` and the page `policytext run` writes analyse the notebooks' default speech."""
    import nbformat

    from policytext.paths import default_document
    from policytext.runner import default_notebooks

    for notebook in default_notebooks():
        cells = nbformat.read(notebook, as_version=4).cells
        parameters = next(c for c in cells if "parameters" in c.metadata.get("tags", []))
        namespace: dict = {}
        exec(parameters.source, namespace)  # a parameters cell holds assignments only
        assert (notebook.parent / namespace["doc_path"]).resolve() == default_document().resolve(), notebook.name


def test_the_inline_font_has_every_han_character_the_page_can_show(seed_page):
    """No system CJK font is needed: the embedded subset covers the text, the panels and the details filled in on click."""
    import base64
    import io
    import re

    from fontTools.ttLib import TTFont

    _, _, page = seed_page
    data = re.search(r"base64,([A-Za-z0-9+/=]+)\)", page).group(1)
    cmap = TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap()
    soup = BeautifulSoup(page, "html.parser")
    shown = soup.get_text() + json.dumps(json.loads(soup.find("script", id="marks").string), ensure_ascii=False)
    han = {ch for ch in shown if "\u3400" <= ch <= "\u9fff"}
    assert han and not {ch for ch in han if ord(ch) not in cmap}


def _figure(folder: Path, name: str, caption: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import pandas as pd
    from matplotlib import pyplot as plt

    from policytext.figures import save_figure, use_chinese_font

    with matplotlib.rc_context():  # use_chinese_font changes global rcParams
        use_chinese_font()
        fig, ax = plt.subplots(figsize=(1, 1))
        ax.set_title(caption)
        save_figure(fig, name, data=pd.DataFrame({"n": [1]}), outdir=folder)


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    from policytext.reading_page import draft

    folder = tmp_path_factory.mktemp("figures")
    _figure(folder, "00_first", "第一幅图")
    page = folder / "00_reading.html"
    return folder, page, draft(SEED, page, figures_dir=folder)


def test_a_draft_with_the_same_figures_is_written_as_drafted_and_equals_the_page(drafted, monkeypatch):
    from policytext import reading_page

    folder, page, draft = drafted
    assert [f.name for f in draft.figures] == ["00_first"]
    monkeypatch.setattr(reading_page, "render", lambda *a, **k: pytest.fail("rendered again with the same figures"))
    reading_page.write_draft(draft, page, figures_dir=folder)
    monkeypatch.undo()
    written = page.read_bytes()
    reading_page.write(load(SEED), tables_of(load(SEED)), page, figures_dir=folder)
    assert written == page.read_bytes(), "the drafted page is the page written directly"


def test_a_figure_written_after_the_draft_is_on_the_page(drafted, tmp_path):
    from policytext import reading_page

    folder, _, draft = drafted
    later = tmp_path / "figures"
    shutil.copytree(folder, later)
    _figure(later, "01_later", "后来的图")
    page = later / "00_reading.html"
    reading_page.write_draft(draft, page, figures_dir=later)
    written = page.read_bytes()
    assert "后来的图".encode() in written and "第一幅图".encode() in written
    reading_page.write(load(SEED), tables_of(load(SEED)), page, figures_dir=later)
    assert written == page.read_bytes()
