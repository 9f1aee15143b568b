"""The figures layer: every chart of every notebook, for the seed and for a text with no numbers (local_05).

Each defect fixed in issue 19 has a test here: hidden values have no bar
length, text stays inside the figure, every figure carries its source line,
empty data gives a figure that says so, colour and number agree.
"""

from __future__ import annotations

import base64
import io
import re

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib import pyplot as plt
from matplotlib.image import AxesImage
from matplotlib.patches import Rectangle
from fontTools.ttLib import TTFont
from matplotlib.text import Text

from policytext import __version__, load
from policytext.analysis import Analysis
from policytext.figures import Source, save_figure, short_title, shorten, style, use_chinese_font, wrap
from policytext.figures import corpus as corpus_charts
from policytext.figures import document as document_charts
from policytext.figures import indicators as indicator_charts
from policytext.figures import phrasing as phrasing_charts
from policytext.figures import rhetoric as rhetoric_charts
from policytext.indicators import tables

from .helpers import ROOT, SEED

LOCAL_05 = ROOT / "data" / "raw" / "samples" / "local_05.txt"
DOCUMENTS = {"seed": SEED, "local_05": LOCAL_05}
# local_05 states no numbers: every figure of notebook 02 has nothing to show.
EMPTY_FOR_LOCAL_05 = {"02_indicator_table", "02_institutions", "02_rates", "02_redaction_map"}


def _gallery(analysis: Analysis) -> dict[str, tuple]:
    """Every figure of notebooks 00–03 for one document, drawn from its analysis's tables as the notebooks draw them."""
    document = analysis.document
    source = Source.of_document(document)
    outline = document.outline
    frequencies = analysis.term_frequencies().head(150)
    terms = analysis.keywords(method="tfidf", top=10).term.tolist()
    claims = analysis.indicators()
    comparison = analysis.comparison()
    truncated_at = document.truncation.at if document.truncated else None
    return {
        "00_page_map": document_charts.plot_page_map(outline, boilerplate=analysis.boilerplate(),
                                                     redactions=analysis.redactions(), truncated_at=truncated_at, source=source),
        "00_section_lengths": document_charts.plot_section_lengths(analysis.section_lengths(), source=source),
        "00_sentence_lengths": document_charts.plot_sentence_lengths(analysis.sentence_lengths(), source=source),
        "01_wordcloud": rhetoric_charts.plot_wordcloud(frequencies, source=source),
        "01_top_terms": rhetoric_charts.plot_top_terms(frequencies.head(25), source=source),
        "01_dispersion": rhetoric_charts.plot_dispersion(analysis.dispersion(terms), terms, outline=outline, source=source),
        "01_cooccurrence_matrix": rhetoric_charts.plot_cooccurrence(analysis.cooccurrence(terms), terms, source=source),
        "01_device_counts": rhetoric_charts.plot_device_counts(analysis.device_counts(), source=source),
        "01_directive_profile": rhetoric_charts.plot_directive_profile(analysis.directive_profile(), source=source),
        "02_indicator_table": indicator_charts.plot_table(claims, outline=outline, source=source),
        "02_institutions": indicator_charts.plot_counts(tables.counted(claims), source=source),
        "02_rates": indicator_charts.plot_rates(claims, source=source),
        "02_redaction_map": indicator_charts.plot_redaction_map(claims, outline=outline, source=source),
        "03_reuse_map": phrasing_charts.plot_reuse_map(comparison.clauses, outline=outline, source=source),
        "03_coverage_by_section": phrasing_charts.plot_coverage(comparison.coverage(level=2), source=source),
        "03_formulation_timeline": phrasing_charts.plot_formulation_timeline(comparison.formulations, speech_date=comparison.speech_date, source=source),
        "03_keyness": phrasing_charts.plot_keyness(comparison.keyness, source=source),
        "03_section_similarity": phrasing_charts.plot_section_similarity(
            comparison.section_similarity(level=2), documents=comparison.reference.documents_frame(), source=source),
    }


# The seed's gallery is in the fast loop; the second document's only in the full suite (drawing is most of the time).
@pytest.fixture(scope="module", params=[pytest.param(name, marks=pytest.mark.slow) if name != "seed" else name
                                        for name in sorted(DOCUMENTS)])
def gallery(request):
    with matplotlib.rc_context():
        use_chinese_font()
        analysis = request.getfixturevalue("seed_analysis") if request.param == "seed" else Analysis(load(DOCUMENTS[request.param]))
        document = analysis.document
        figures = _gallery(analysis)
        for fig, _ in figures.values():
            fig.canvas.draw()  # a missing glyph warns here, and the pytest configuration makes that an error
        yield request.param, document, figures
    plt.close("all")


def _texts(fig) -> list[Text]:
    """The texts a reader sees: tick labels only for ticks inside the view (matplotlib keeps the others, undrawn)."""
    tick_labels, drawn = set(), []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if not ax.axison:
                tick_labels.update(id(label) for tick in axis.get_major_ticks() + axis.get_minor_ticks()
                                   for label in (tick.label1, tick.label2))
                continue
            low, high = sorted(axis.get_view_interval())
            slack = 1e-9 * max(abs(low), abs(high), 1)
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                for label in (tick.label1, tick.label2):
                    tick_labels.add(id(label))
                    if label.get_visible() and label.get_text().strip() and low - slack <= tick.get_loc() <= high + slack:
                        drawn.append(label)
    others = [t for t in fig.findobj(Text) if id(t) not in tick_labels and t.get_visible() and t.get_text().strip()]
    return drawn + others


def _by_gid(fig, gid: str) -> list[Text]:
    return [t for t in _texts(fig) if t.get_gid() == gid]


# --- every figure -------------------------------------------------------------


def test_every_notebook_chart_is_in_the_gallery(gallery):
    _, _, figures = gallery
    assert {name[:2] for name in figures} == {"00", "01", "02", "03"}
    for name, (fig, data) in figures.items():
        assert isinstance(data, pd.DataFrame), name


def test_every_figure_carries_its_source_line(gallery):
    _, document, figures = gallery
    title = Source.of_document(document).title
    for name, (fig, _) in figures.items():
        lines = _by_gid(fig, style.SOURCE_GID)
        assert len(lines) == 1, name
        text = lines[0].get_text()
        assert text.startswith("Source: ") and f"policytext {__version__}" in text and title in text, (name, text)


def test_all_text_lies_inside_the_figure_and_clear_of_the_source_line(gallery):
    _, _, figures = gallery
    for name, (fig, _) in figures.items():
        renderer = fig.canvas.get_renderer()
        frame = fig.bbox
        source = _by_gid(fig, style.SOURCE_GID)[0].get_window_extent(renderer)
        for text in _texts(fig):
            box = text.get_window_extent(renderer)
            where = f"{name}: {text.get_text()[:30]!r}"
            assert box.x0 >= frame.x0 - 1 and box.x1 <= frame.x1 + 1, where
            assert box.y0 >= frame.y0 - 1 and box.y1 <= frame.y1 + 1, where
            if text.get_gid() != style.SOURCE_GID:
                assert not box.overlaps(source), f"{where} runs into the source line"


def test_text_clipped_by_its_axes_is_not_cut(gallery):
    _, _, figures = gallery
    for name, (fig, _) in figures.items():
        renderer = fig.canvas.get_renderer()
        for ax in fig.axes:
            area = ax.get_window_extent(renderer)
            for text in ax.texts:
                if text.get_visible() and text.get_text().strip() and text.get_clip_on():
                    box = text.get_window_extent(renderer)
                    assert area.x0 - 1 <= box.x0 and box.x1 <= area.x1 + 1 and area.y0 - 1 <= box.y0 and box.y1 <= area.y1 + 1, \
                        f"{name}: {text.get_text()!r} is cut by the axes frame"


def test_figures_with_nothing_to_show_say_so_in_words(gallery):
    doc, _, figures = gallery
    for name, (fig, data) in figures.items():
        says = _by_gid(fig, style.NO_DATA_GID)
        if data.empty:
            assert says, f"{name} is empty but does not say so"
        if says and data.empty:
            assert all(not ax.axison for ax in fig.axes), f"{name}: empty axes drawn"
    if doc == "local_05":
        assert {n for n, (fig, _) in figures.items() if _by_gid(fig, style.NO_DATA_GID)} >= EMPTY_FOR_LOCAL_05


def test_figures_save_with_their_data_and_display_in_jupyter(gallery, tmp_path):
    _, _, figures = gallery
    fig, data = figures["00_section_lengths"]
    saved = save_figure(fig, "00_section_lengths", data=data, outdir=tmp_path)
    png, metadata = saved._repr_png_()
    assert png.startswith(b"\x89PNG") and metadata["width"] == round(fig.get_figwidth() * 100)
    assert saved["csv"].is_file() and set(saved) == {"png", "svg", "csv"}


# --- the defects of issue 19, one by one -------------------------------------


def _claims(rows: list[dict]) -> pd.DataFrame:
    base = {"indicator": "", "raw": "", "value": np.nan, "unit": "%", "value_normalised": np.nan, "unit_normalised": "%",
            "kind": "share", "qualifier": "", "scope": "", "year": "2023", "period": "", "redacted": False,
            "section": "2.1", "sentence": 1, "start": 10, "end": 15}
    return pd.DataFrame([{**base, **row} for row in rows])


def _bars(fig) -> list[Rectangle]:
    return [p for ax in fig.axes for container in ax.containers for p in container.patches]


def test_hidden_rates_get_a_marker_never_a_bar_length():
    use_chinese_font()
    claims = _claims([
        {"indicator": "研发投入强度", "raw": "达××%", "redacted": True},
        {"indicator": "比重", "raw": "79.8%", "value": 79.8},
        {"indicator": "营业收入", "raw": "增长××", "kind": "growth", "redacted": True},
        {"indicator": "成交额", "raw": "增长16.7%", "kind": "growth", "value": 16.7},
    ])
    fig, data = indicator_charts.plot_rates(claims, source=Source("test"))
    widths = sorted(round(p.get_width(), 1) for p in _bars(fig))
    assert widths == [16.7, 79.8], "a hidden value was drawn as a bar"
    assert len(fig.axes) == 2 and list(data.panel) == ["level", "level", "growth", "growth"]
    hidden_labels = [t for t in _texts(fig) if "××" in t.get_text()]
    assert len(hidden_labels) == 2
    plt.close(fig)


def test_rates_of_the_seed_have_one_bar_per_stated_measurement(gallery):
    doc, _, figures = gallery
    if doc != "seed":
        pytest.skip("the seed's rates")
    fig, data = figures["02_rates"]
    measured = data[~data.redacted & (data.kind != "magnitude")]
    assert sorted(round(p.get_width(), 1) for p in _bars(fig)) == sorted(measured.value.round(1))
    assert data.redacted.sum() == 6


def test_device_counts_colour_and_number_show_the_same_rate():
    use_chinese_font()
    devices = pd.DataFrame({
        "section": ["0", "1", "1.1", "1.2"], "title": ["front matter", "一、总", "（一）甲", "（二）乙"],
        "characters": [200, 40, 500, 1000], "quotations": [2, 1, 4, 4], "directive words": [10, 3, 8, 8],
    })
    fig, data = rhetoric_charts.plot_device_counts(devices, source=Source("test"))
    assert list(data.section) == ["0", "1.1", "1.2"], "the lead-in text of part 1 is left out"
    image = next(a for a in fig.axes[0].get_children() if isinstance(a, AxesImage)).get_array()
    numbers = {(round(t.get_position()[1]), round(t.get_position()[0])): t.get_text() for t in fig.axes[0].texts}
    rates = data[["quotations per 1000", "directive words per 1000"]].to_numpy()
    for (i, j), text in numbers.items():
        assert float(text) == rates[i, j]
        assert image[i, j] == pytest.approx(rates[i, j] / rates[:, j].max())
    # Same count, different section size: different numbers and shades (the old figure showed "4" twice).
    assert rates[1, 0] != rates[2, 0] and image[1, 0] != image[2, 0]
    assert any("lead-in" in t.get_text() for t in _texts(fig))
    plt.close(fig)


def test_sentence_lengths_are_grouped_by_part_with_the_ids_of_sentences_csv(gallery):
    _, document, figures = gallery
    fig, data = figures["00_sentence_lengths"]
    text_sentences = document.sentences[document.sentences.kind == "text"]
    assert list(data.sentence) == list(text_sentences.sentence)
    parts = list(dict.fromkeys(data.part))
    assert [t.get_text().split()[0] for t in fig.axes[0].get_yticklabels()] == parts


def test_indicator_table_states_bounds_and_groups_as_written_with_readable_kinds(gallery):
    doc, _, figures = gallery
    fig, data = figures["02_indicator_table"]
    if doc == "local_05":
        assert data.empty
        return
    bounds = data[data.kind.isin(["magnitude", "tier", "topn"])]
    assert len(bounds) and (bounds.stated == bounds.raw).all()
    assert not data.stated.str.contains(r"^10 %$").any()
    table = next(c for c in fig.axes[0].get_children() if type(c).__name__ == "Table")
    cells = {cell.get_text().get_text() for cell in table.get_celld().values()}
    assert "均实现两位数增长" in cells and not {"topn", "tier", "magnitude"} & cells


def test_redaction_map_is_cropped_to_the_claims_and_names_hidden_values_without_leader_lines(gallery):
    doc, document, figures = gallery
    fig, data = figures["02_redaction_map"]
    if doc == "local_05":
        return
    ax = fig.axes[0]
    low, high = ax.get_xlim()
    assert low <= data.start.min() and data.end.max() <= high
    assert (high - low) < 0.5 * (document.body_end - document.body_start)
    assert not [c for a in fig.axes for c in a.get_children() if type(c).__name__ == "Annotation"]
    listing = " ".join(t.get_text() for t in fig.axes[1].texts)
    for name in data[data.redacted].indicator:
        assert shorten(name, 14) in listing


def test_section_similarity_names_sources_by_title_and_date_not_file_slug(gallery):
    _, _, figures = gallery
    fig, _ = figures["03_section_similarity"]
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels and all(re.search(r"\d{4}-\d{2}", label) for label in labels)
    assert not any("_" in label for label in labels)


def test_formulation_timeline_labels_are_simplified_and_later_sources_are_explained(gallery):
    doc, _, figures = gallery
    fig, data = figures["03_formulation_timeline"]
    labels = " ".join(t.get_text() for t in fig.axes[0].get_yticklabels())
    assert "質" not in labels and "產" not in labels
    legend = " ".join(t.get_text() for t in fig.axes[0].get_legend().get_texts())
    assert "absent" in legend
    if doc == "seed":
        assert "after the speech's earliest date" in legend


def test_cooccurrence_is_a_matrix_with_counts():
    use_chinese_font()
    pairs = pd.DataFrame({"term_a": ["发展", "发展"], "term_b": ["科技", "产业"], "sentences": [3, 1],
                          "sentences_a": [5, 5], "sentences_b": [4, 2], "jaccard": [0.5, 0.2], "sentence_numbers": ["1 2 3", "4"]})
    fig, data = rhetoric_charts.plot_cooccurrence(pairs, ["发展", "科技", "产业"], source=Source("test"))
    numbers = sorted(t.get_text() for t in fig.axes[0].texts)
    assert numbers == ["(2)", "(4)", "(5)", "0", "1", "3"]
    assert len(data) == 2
    plt.close(fig)
    fig, _ = rhetoric_charts.plot_cooccurrence(pairs.head(0), ["发展"], source=Source("test"))
    assert _by_gid(fig, style.NO_DATA_GID)
    plt.close(fig)


def test_corpus_labels_keep_the_year_on_a_second_line():
    use_chinese_font()
    profiles = pd.DataFrame({"doc_id": ["a"], "title": ["党委书记在2024年企业培育新质生产力推进会上的讲话"], "error": [""],
                             "central_reuse": [0.05], "verbatim_reuse": [0.0]})
    fig, data = corpus_charts.plot_reuse(profiles, source=Source.of_corpus(1))
    label = fig.axes[0].get_yticklabels()[0].get_text()
    assert "2024" in label and "…" not in label and label.count("\n") == 1
    plt.close(fig)
    fig, _ = corpus_charts.plot_reuse(profiles.assign(error="cannot read"), source=Source.of_corpus(1))
    assert _by_gid(fig, style.NO_DATA_GID)
    plt.close(fig)


def test_word_cloud_colours_are_dark_enough_to_read_on_white():
    def luminance(colour: str) -> float:
        r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    contrast = [1.05 / (luminance(c) + 0.05) for c in rhetoric_charts.CLOUD_COLOURS]
    assert min(contrast) >= 4.5  # WCAG AA for text


def test_palette_is_okabe_ito():
    assert set(style.CATEGORICAL) <= {"#0072B2", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#D55E00", "#CC79A7", "#999999"}


# --- labels -------------------------------------------------------------------


def test_shorten_keeps_short_text_whole():
    assert shorten("科技创新", 8) == "科技创新"
    assert shorten("  科技\n创新 ", 8) == "科技 创新"


def test_shorten_cuts_before_a_clause_mark_when_it_keeps_half():
    assert shorten("加快发展新质生产力，扎实推进高质量发展", 14) == "加快发展新质生产力…"


def test_shorten_cuts_at_a_word_edge_never_inside_a_word():
    short = shorten("新质生产力是符合新发展理念的先进生产力质态", 10)
    assert short == "新质生产力是符合…" and len(short) <= 10
    # 发展 is one word: the cut falls before or after it, not between 发 and 展.
    assert shorten("提高认识，深刻把握发展新质生产力的科学内涵", 12) == "提高认识，深刻把握发展…"


def test_wrap_keeps_every_character_when_two_lines_suffice():
    text = "党委书记在2024年企业培育新质生产力推进会上的讲话"
    wrapped = wrap(text, 16)
    assert wrapped.replace("\n", "") == text and wrapped.count("\n") == 1
    assert wrap("短标题", 16) == "短标题"


def test_source_line_from_provenance():
    source = Source.of({"title": "天津市人民政府工作报告（2024年1月23日在天津市第十八届人民代表大会第二次会议上）", "approx_date": "2024-01-23"})
    assert source.title == "天津市人民政府工作报告" and source.date == "2024-01-23"
    assert source.line == f"Source: 天津市人民政府工作报告, 2024-01-23 · policytext {__version__}"
    assert Source.of({"short_title": "党课", "date": "2024 (after the inspection)"}).line.startswith("Source: 党课, 2024 ·")
    assert Source.of({}, fallback_title="").title == "(untitled text)"
    assert short_title("（注）") == "（注）"


# --- figures README and HTML report -------------------------------------------


def test_contact_sheet_has_a_thumbnail_and_caption_per_figure(tmp_path):
    from policytext.figure_index import write_index

    use_chinese_font()
    figures, notebooks = tmp_path / "figures", tmp_path / "notebooks"
    notebooks.mkdir()
    (notebooks / "00_document.ipynb").write_text("{}", encoding="utf-8")
    fig, data = document_charts.plot_section_lengths(pd.DataFrame(columns=["section", "level", "marker", "title", "characters"]),
                                                     source=Source("测试"))
    save_figure(fig, "00_section_lengths", data=data, outdir=figures)
    text = write_index(figures, notebooks_dir=notebooks).read_text(encoding="utf-8")
    assert '<img src="00_section_lengths.png" width="280"' in text
    assert "**00_section_lengths**: Length of each part and section" in text
    assert "## [00_document.ipynb](../notebooks/00_document.ipynb)" in text


@pytest.mark.slow
def test_html_report_embeds_the_font_and_keeps_the_chinese(tmp_path):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    from policytext.html_report import FONT_FAMILY, export_reports

    cell = new_code_cell("print('新质生产力')", outputs=[new_output("stream", name="stdout", text="新质生产力\n")])
    nbformat.write(new_notebook(cells=[cell]), tmp_path / "00_x.ipynb")
    html = export_reports(tmp_path, tmp_path / "out")[0].read_text(encoding="utf-8")
    assert "@font-face" in html and "data:font/ttf;base64,AAEAAA" in html
    stack = html.split("--jp-content-font-family:")[-1].split(";")[0]
    assert stack.rstrip().endswith(f'"{FONT_FAMILY}"') and "system-ui" not in stack
    assert "新质生产力" in html
    font = base64.b64decode(html.split("data:font/ttf;base64,")[1].split(")")[0])
    with TTFont(io.BytesIO(font)) as face:
        cmap = face.getBestCmap()
    assert set(map(ord, "新质生产力")) <= set(cmap) and ord("骨") not in cmap  # only the page's characters
    assert len(font) < 100_000


def test_report_command_without_a_run_is_a_one_line_error(tmp_path, capsys):
    from policytext import cli

    assert cli.main(["report", "--doc", str(tmp_path / "absent.txt")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_section_labels_name_the_front_matter_in_full_and_fit_titles():
    from policytext.figures import section_label

    assert section_label("0", "(title, salutation, preamble)", width=6) == "0 title and preamble"
    label = section_label("2.1", "（一）科技创新持续强化，为发展新质生产力奠定坚实基础", width=10)
    assert label.startswith("2.1 （一）") and label.endswith("…") and len(label) <= len("2.1 ") + 10
