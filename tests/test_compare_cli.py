"""``policytext compare`` and the comparison's figures and tables."""

from __future__ import annotations

import csv
import io
import json

import pytest

from policytext.cli import main
from policytext.compare import (
    ATTRIBUTION_COLUMNS,
    CLAUSE_COLUMNS,
    ECHO_COLUMNS,
    FORMULATION_TABLE_COLUMNS,
    SOURCE_COLUMNS,
)
from policytext.compare.sources import STOCK_COLUMNS

from .helpers import ROOT, SEED


def _csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(
    "table, columns",
    [("clauses", CLAUSE_COLUMNS), ("formulations", FORMULATION_TABLE_COLUMNS), ("attributions", ATTRIBUTION_COLUMNS),
     ("sources", SOURCE_COLUMNS), ("echoes", ECHO_COLUMNS), ("stock", STOCK_COLUMNS)],
)
def test_cli_columns_exactly_as_documented(capsys, table, columns):
    assert main(["compare", str(SEED), "--table", table]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == ",".join(columns)
    assert _csv(out)
    assert main(["compare", str(SEED), "--table", table, "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert list(records[0]) == list(columns)


def test_cli_clauses_default_and_values(capsys):
    assert main(["compare", str(SEED)]) == 0
    rows = _csv(capsys.readouterr().out)
    near = next(r for r in rows if r["text"] == "让各类优质创新要素向发展新质生产力顺畅流动")
    assert (near["class"], near["source_id"], near["edits"]) == ("near-verbatim", "01_politburo_study_20240131", "-先进; 生产→创新")
    assert near["source_text"] == "让各类先进优质生产要素向发展新质生产力顺畅流动"
    raw = SEED.read_text(encoding="utf-8")
    assert raw[int(near["start"]) : int(near["end"])] == near["text"]


def test_cli_sources_table(capsys):
    assert main(["compare", str(SEED), "--table", "sources", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    # The Politburo study session of 2024-01-31 is what the speech draws on most, two days before it.
    assert rows[0]["source_id"] == "01_politburo_study_20240131" and rows[0]["age_days"] == 2
    assert all(r["age_days"] >= 0 for r in rows)
    assert [r["characters"] for r in rows] == sorted((r["characters"] for r in rows), reverse=True)


@pytest.mark.slow
def test_cli_works_from_any_folder(tmp_path, monkeypatch):
    import subprocess
    import sys

    env = {**__import__("os").environ, "POLICYTEXT_CACHE_DIR": str(ROOT / ".cache")}
    result = subprocess.run([sys.executable, "-m", "policytext.cli", "compare", str(SEED), "--table", "sources"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "01_politburo_study_20240131" in result.stdout
    assert not any(tmp_path.iterdir())


def test_cli_add_reference(capsys, tmp_path):
    extra = tmp_path / "ministry_notice.txt"
    extra.write_text("# title: 通知\n# level: central\n# date: 2024-01-15\n# ---\n"
                     "要推动科技创新赋能生产力向更高水平跃升。\n", encoding="utf-8")
    assert main(["compare", str(SEED), "--add-reference", str(extra), "--format", "json"]) == 0
    rows = {r["text"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["推动科技创新赋能生产力向更高水平跃升"]["source_id"] == "ministry_notice"
    # The bundled corpus is still there.
    assert rows["绿色发展是高质量发展的底色"]["source_id"] == "01_politburo_study_20240131"
    # --reference alone replaces it.
    assert main(["compare", str(SEED), "--reference", str(extra), "--format", "json"]) == 0
    rows = {r["text"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["绿色发展是高质量发展的底色"]["class"] == "local"


def test_cli_attributions_flag_the_local_slogan(capsys):
    assert main(["compare", str(SEED), "--table", "attributions", "--format", "json"]) == 0
    rows = {r["text"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["四个善作善成"]["found"] == "not found"
    assert rows["四个善作善成"]["source_id"] == ""


@pytest.mark.parametrize("reference", ["missing_folder", "README.md"])
def test_cli_bad_reference_is_one_line_and_exit_2(capsys, tmp_path, reference):
    path = tmp_path / reference if reference == "missing_folder" else ROOT / reference
    assert main(["compare", str(SEED), "--reference", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("policytext: error:") and "Traceback" not in err


def test_cli_bad_speech_and_bad_date(capsys, tmp_path):
    assert main(["compare", str(tmp_path / "missing.txt")]) == 2
    assert main(["compare", str(SEED), "--speech-date", "spring"]) == 2
    err = capsys.readouterr().err
    assert "no such file" in err and "not a date" in err


def test_cli_with_a_jsonl_reference(capsys, tmp_path):
    corpus = tmp_path / "central.jsonl"
    corpus.write_text(
        json.dumps({"title": "政治局集体学习", "date": "2024-01-31",
                    "content": "习近平指出，綠色發展是高質量發展的底色，新質生產力本身就是綠色生產力。"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    assert main(["compare", str(SEED), "--reference", str(corpus), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    reused = [r for r in rows if r["class"] != "local"]
    assert {r["text"] for r in reused} == {"绿色发展是高质量发展的底色", "新质生产力本身就是绿色生产力"}
    assert {r["source_id"] for r in reused} == {"central:1"}
    assert {r["source_text"] for r in reused} == {"綠色發展是高質量發展的底色", "新質生產力本身就是綠色生產力"}


@pytest.mark.slow
def test_figures_and_tables_are_written(seed, seed_analysis, tmp_path):
    from policytext.figures import Source, save_figure, use_chinese_font
    from policytext.figures import phrasing as plots

    use_chinese_font()
    comparison = seed_analysis.comparison()
    source = Source.of_document(seed)
    figures = {
        "03_reuse_map": plots.plot_reuse_map(comparison.clauses, outline=seed.outline, source=source),
        "03_coverage": plots.plot_coverage(comparison.coverage(level=2), source=source),
        "03_keyness": plots.plot_keyness(comparison.keyness, source=source),
        "03_similarity": plots.plot_section_similarity(comparison.section_similarity(),
                                                       documents=comparison.reference.documents_frame(), source=source),
        "03_timeline": plots.plot_formulation_timeline(comparison.formulations, speech_date=comparison.speech_date, source=source),
    }
    for name, (fig, data) in figures.items():
        assert len(data)
        paths = save_figure(fig, name, data=data, outdir=tmp_path)
        assert all(p.stat().st_size > 0 for p in paths.values())
    reuse = figures["03_reuse_map"][1]
    assert set(reuse["class"]) == {"verbatim", "near-verbatim", "paraphrase", "local"}
    written = comparison.write_tables(outdir=tmp_path)
    assert all(p.read_bytes().startswith(b"\xef\xbb\xbf") for p in written)
