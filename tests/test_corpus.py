"""The corpus view: one profile row per document, the same with one worker or two, bad files as rows."""

from __future__ import annotations

import pandas as pd
import pytest

from policytext import InputError, cli, corpus
from policytext.corpus import PROFILE_COLUMNS, analyse_corpus, collect_paths, profiles_frame, write_corpus

from .helpers import ROOT, SEED

SAMPLES = ROOT / "data" / "raw" / "samples"


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    bad = folder / "broken.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    return [SEED, *sorted(SAMPLES.glob("*.txt")), bad]


@pytest.fixture(scope="module")
def results(documents):
    return analyse_corpus(documents, workers=1, progress=False)


@pytest.fixture(scope="module")
def profiles(results):
    return profiles_frame(results)


def test_collect_paths_expands_folders_in_a_stable_order(tmp_path):
    paths = collect_paths([SAMPLES, SEED, SEED, SEED.parent / ".." / "raw" / SEED.name])
    assert paths == [*sorted(SAMPLES.glob("*.txt")), SEED]  # duplicates once, provenance notes skipped
    with pytest.raises(InputError, match="no such file"):
        collect_paths([tmp_path / "absent"])
    with pytest.raises(InputError, match="no documents"):
        collect_paths([tmp_path])


def test_profile_of_the_seed(profiles):
    seed = profiles.iloc[0]
    assert list(profiles.columns) == list(PROFILE_COLUMNS)
    assert seed.error == "" and seed.truncated
    assert (seed.redactions, seed.indicators, seed.sections) == (28, 29, 28)
    assert 0 < seed.verbatim_reuse <= seed.central_reuse < 1
    assert seed.top_keywords.split("、")[0] == "新质生产力"
    assert seed.doc_id.startswith("777doc-12864340")


def test_source_ages_come_from_each_documents_comparison(results, documents):
    from datetime import date

    ages = corpus.source_ages_frame(results)
    assert list(ages.columns) == list(corpus.SOURCE_AGE_COLUMNS)
    assert list(ages.document) == [path.name for path in documents[:-1]]  # the unreadable file has no row
    seed = ages.iloc[0]
    assert seed.speech_date == date(2024, 2, 2)
    assert seed.sources > 0 and "" < seed.oldest_source <= seed.newest_source <= "2024-02-02"  # no later source
    assert 0 < seed.share_reused < 1 and 0 <= seed.share_stock < 1


def test_a_bad_file_is_a_row_with_its_error(profiles):
    broken = profiles.iloc[-1]
    assert "binary" in broken.error
    assert pd.isna(broken.characters) and pd.isna(broken.indicators)
    assert (profiles.error.iloc[:-1] == "").all()


@pytest.mark.slow
def test_two_workers_give_the_same_table(documents, profiles, monkeypatch):
    monkeypatch.setattr(corpus, "MIN_BYTES_PER_WORKER", 1)  # these few small files would otherwise run in-process
    assert corpus.worker_count(documents, 2) == 2
    parallel = profiles_frame(analyse_corpus(documents, workers=2, progress=False))
    pd.testing.assert_frame_equal(parallel, profiles)


def test_a_small_corpus_runs_in_this_process(documents, monkeypatch):
    class NoPool:
        def __init__(self, *args, **kwargs):
            raise AssertionError("a worker pool was started for a few kilobytes")

    monkeypatch.setattr(corpus, "ProcessPoolExecutor", NoPool)
    assert corpus.worker_count(documents, 2) == 1
    results = analyse_corpus(documents[:2], workers=2, progress=False)
    assert [r.profile["error"] for r in results] == ["", ""]


def test_worker_count_grows_with_the_input(tmp_path, monkeypatch):
    monkeypatch.setattr(corpus, "MIN_BYTES_PER_WORKER", 100)
    files = []
    for number in range(4):
        path = tmp_path / f"{number}.txt"
        path.write_bytes(b"x" * 150)
        files.append(path)
    assert corpus.worker_count(files, 8) == 4  # 600 bytes: four workers' worth, one per file at most
    assert corpus.worker_count(files[:1], 8) == 1
    assert corpus.worker_count(files, 2) == 2  # never more than asked
    assert corpus.worker_count([tmp_path / "missing.txt", *files[:1]], 8) == 1
    assert corpus.worker_count([], 4) == 1


def test_cli_writes_profiles_and_detail_tables(tmp_path, capsys, documents):
    out = tmp_path / "out"
    code = cli.main(["corpus", str(SEED), str(documents[-1]), "--out", str(out), "--workers", "1"])
    captured = capsys.readouterr()
    assert code == 0
    assert "failed" in captured.err and "broken.txt" in captured.err
    table = out / "corpus_documents.csv"
    assert table.read_bytes().startswith(b"\xef\xbb\xbf")
    assert len(pd.read_csv(table, encoding="utf-8-sig")) == 2
    doc_folder = next(p for p in out.iterdir() if p.is_dir())
    assert {p.name for p in doc_folder.glob("*.csv")} >= {"indicators.csv", "reuse_coverage.csv", "outline.csv"}


def test_cli_fails_when_nothing_can_be_read(tmp_path, capsys, documents):
    code = cli.main(["corpus", str(documents[-1]), "--out", str(tmp_path / "out"), "--workers", "1"])
    assert code == 2
    assert "no document could be analysed" in capsys.readouterr().err


def test_write_corpus_is_deterministic(tmp_path, documents):
    results = analyse_corpus(documents[:2], workers=1, progress=False)
    first = write_corpus(results, outdir=tmp_path / "a")
    second = write_corpus(results, outdir=tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
