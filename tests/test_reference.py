"""The reference corpus: central texts with their parts and levels, formulations, JSON-lines corpora."""

from __future__ import annotations

import json

import pytest

from policytext import PolicytextError
from policytext.normalize import collapse_whitespace, normalize
from policytext.reference import (
    default_reference_dir,
    load_central_folder,
    load_formulations,
    load_jsonl_corpus,
    load_reference,
    match_text,
    parse_reference_text,
)

from .helpers import ROOT

REFERENCE = ROOT / "src" / "policytext" / "data" / "reference"


@pytest.fixture(scope="module")
def corpus():
    return load_reference()


def test_default_reference_ships_with_the_package():
    assert default_reference_dir() == REFERENCE


def test_default_reference_is_found_from_any_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("POLICYTEXT_ROOT", str(tmp_path))
    assert len(load_reference().documents) == 97


def test_the_bundled_corpus_holds_the_work_and_congress_reports_with_provenance(corpus):
    by_collection = corpus.documents_frame().groupby("collection").source_id.count().to_dict()
    assert by_collection == {"central": 9, "government_work_reports": 72, "cpc_congress_reports": 16}
    reports = [d for d in corpus.documents if d.collection == "government_work_reports" and "政府工作报告" in d.title
               and "决议" not in d.title]
    assert min(int(d.title[:4]) for d in reports) == 1954 and max(int(d.title[:4]) for d in reports) == 2025
    for d in corpus.documents:
        if d.collection != "central":
            assert d.title and d.source.startswith("https://zh.wikisource.org/wiki/")
    dates = {d.title[:5]: d.date for d in reports}
    # A dateline in the text (——2024年3月5日在…), else the table of NPC session dates, else the year.
    assert dates["2024年"] == "2024-03-05" and dates["2025年"] == "2025-03-05" and dates["1985年"] == "1985"
    assert dates["1957年"] == "1957-06-26"
    congress = {d.title[-5:]: d.date for d in corpus.documents if d.collection == "cpc_congress_reports"}
    assert congress["(二十大)"] == "2022-10-16" and congress["(十八大)"] == "2012-11-08"
    # An NPC resolution is dated by its session: the 14th NPC's second session met in 2024.
    resolution = next(d for d in corpus.documents if d.title.startswith("第十四届全国人民代表大会第二次会议"))
    assert resolution.date == "2024"


def test_central_folder_documents_and_dates(corpus):
    ids = [d.id for d in corpus.documents if d.collection == "central"]
    assert ids == sorted(p.stem for p in (REFERENCE / "central").glob("*.txt"))
    assert len(ids) == 9
    dates = {d.id: d.date for d in corpus.documents}
    assert dates["01_politburo_study_20240131"] == "2024-01-31"
    # A two-day event is dated by its first day.
    assert dates["02_heilongjiang_202309"] == "2023-09-07"
    assert dates["03_cewc_202312"] == "2023-12-11"
    frame = corpus.documents_frame()
    assert list(frame.source_id[:9]) == ids
    assert frame.loc[frame.source_id == "06_tianjin_inspection_202402", "parts"].item() == "[A]=central [B]=local [C]=local"


def test_parts_carry_level_and_date_from_the_header(corpus):
    tianjin = corpus.document("06_tianjin_inspection_202402")
    parts = {p.label: p for p in tianjin.parts}
    assert (parts["A"].level, parts["B"].level, parts["C"].level) == ("central", "local", "local")
    assert parts["B"].date == "2024-02-19"
    # "四个善作善成"'s ingredients are in the local parts only.
    assert "善作善成" in tianjin.raw[parts["B"].start : parts["B"].end]
    assert "善作善成" not in tianjin.central_text()
    qiushi = {p.label: p for p in corpus.document("08_qiushi_2024_11").parts}
    assert qiushi["extra, later text"].date == "2025-11-16"  # the heading names 2025, the header lists 2025-11-16
    assert qiushi["A"].date == "2024-06-01"
    assert {p.label: p.date for p in corpus.document("09_gwr_2025").parts}["D"] == "2025-02-07"
    assert {p.label: p.date for p in corpus.document("02_heilongjiang_202309").parts}["B"] == "2024-04-19"


def test_sentences_are_raw_spans_without_headers_or_editorial_lines(corpus):
    frame = corpus.sentences_frame()
    assert len(frame) > 250
    for row in frame.itertuples():
        doc = corpus.document(row.source_id)
        assert doc.raw[row.start : row.end] == row.text
        assert row.start >= doc.body_start
        assert not row.text.startswith("#")
        assert "excerpt ends" not in row.text
        assert row.text == row.text.strip()
    assert not any("# title" in t for t in frame.text)


def test_match_text_normalises_script_width_and_whitespace(corpus):
    gwr = corpus.document("04_gwr_2024")
    part_a = next(p for p in gwr.parts if p.label == "A")
    text = match_text(gwr, part_a.start, part_a.end)
    assert "推动产业链供应链优化升级" in text.text  # the page has 推動產業鏈供應鏈優化升級
    assert "，" in text.text and "," not in text.text
    at = text.text.index("推动产业链")
    start, end = text.to_input(at, at + 5)
    assert gwr.raw[start:end] == "推動產業鏈"


def test_every_formulation_is_verbatim_in_a_central_part_of_its_source():
    """The rule for tifa.tsv and tifa_additions.tsv: each phrase is copied character for character
    (raw, before any normalisation) from a part of its source file that the header calls central."""
    corpus = load_reference()
    formulations = corpus.formulations
    assert len(formulations) == 91
    for row in formulations.itertuples():
        doc = corpus.document(row.source_id)
        in_central = [p for p in doc.parts if p.level == "central" and row.formulation in doc.raw[p.start : p.end]]
        assert in_central, f"{row.formulation!r} is not verbatim in a central part of {row.source_file}"


def test_additions_extend_and_correct_the_table():
    frame = load_formulations()
    assert frame.origin.value_counts().to_dict() == {"tifa": 80, "addition": 10, "correction": 1}
    corrected = frame[frame.formulation == "提升产业链供应链韧性和安全水平"].iloc[0]
    assert (corrected.source_id, corrected.date, corrected.origin) == ("03_cewc_202312", "2023-12-12", "correction")
    assert frame.formulation.is_unique
    assert (frame[frame.origin != "tifa"].note != "").all()
    only_tifa = load_formulations(REFERENCE / "tifa.tsv", REFERENCE / "no_such_file.tsv")
    assert len(only_tifa) == 81


def test_formulation_table_errors(tmp_path):
    bad = tmp_path / "tifa.tsv"
    bad.write_text("phrase\tsource\n", encoding="utf-8")
    with pytest.raises(PolicytextError, match="expected columns"):
        load_formulations(bad)
    bad.write_text("phrase\tsource_file\tdate\tcategory\n新质生产力\t01.txt\n", encoding="utf-8")
    with pytest.raises(PolicytextError, match=":2: expected 4"):
        load_formulations(bad)
    with pytest.raises(PolicytextError, match="not found"):
        load_formulations(tmp_path / "missing.tsv")


def test_text_without_header_is_one_central_part():
    doc = parse_reference_text("发展新质生产力。\n加快形成新质生产力。", doc_id="plain")
    assert doc.title == "plain" and doc.level == "central" and doc.date is None
    assert len(doc.parts) == 1 and doc.parts[0].start == 0


def test_header_levels_and_parts_from_text():
    text = (
        "# title: t\n# level: [A] central; [B] local\n# date: 2024-03-05; [B] 2024-03-09\n# ---\n"
        "## [A] 新华社\n要因地制宜发展新质生产力。\n## [B] 地方报纸\n我市要善作善成。\n# [note] 编者按\n"
    )
    doc = parse_reference_text(text, doc_id="x")
    assert [(p.label, p.level, p.date) for p in doc.parts] == [("A", "central", "2024-03-05"), ("B", "local", "2024-03-09")]
    from policytext.reference import ReferenceCorpus

    sentences = ReferenceCorpus((doc,)).sentences_frame()
    assert list(sentences.text) == ["要因地制宜发展新质生产力。", "我市要善作善成。"]
    assert list(sentences.level) == ["central", "local"]


def test_jsonl_corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    records = [
        {"title": "报告一", "date": "2024-03-05", "content": "大力推进现代化产業體系建设。\u3000加快发展新质生产力。"},
        {"title": "报告二", "year": 1954, "content": "为建设社会主义工业化而奋斗。"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    corpus = load_reference(path)
    assert [d.title for d in corpus.documents] == ["报告一", "报告二"]
    assert [d.date for d in corpus.documents] == ["2024-03-05", "1954"]
    sentences = corpus.sentences_frame()
    assert list(sentences.text[:2]) == ["大力推进现代化产業體系建设。", "加快发展新质生产力。"]
    first = corpus.documents[0]
    assert "产业体系" in match_text(first, 0, len(first.raw)).text
    # Formulations come from the project's tables when the corpus has none of its own.
    assert len(corpus.formulations) == 91
    assert len(load_jsonl_corpus(path, limit_chars=5)) == 1


@pytest.mark.parametrize(
    "content, message",
    [("{not json\n", "not a JSON object"), ('{"title": "t"}\n', "'content'"), ("\n", "no records")],
)
def test_jsonl_errors(tmp_path, content, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PolicytextError, match=message):
        load_jsonl_corpus(path)


def test_reference_path_errors(tmp_path):
    with pytest.raises(PolicytextError, match="reference not found"):
        load_reference(tmp_path / "nowhere")
    with pytest.raises(PolicytextError, match="no reference texts in this folder"):
        load_reference(tmp_path)
    other = tmp_path / "notes.md"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(PolicytextError, match="a folder, a .txt with a # header or a .jsonl"):
        load_reference(other)
    broken = tmp_path / "broken.jsonl.xz"
    broken.write_bytes(b"not xz at all")
    with pytest.raises(PolicytextError, match="cannot be read"):
        load_reference(broken)


def test_a_compressed_corpus_is_bounded_once_decompressed(tmp_path, monkeypatch):
    import gzip

    record = json.dumps({"title": "t", "content": "发展。" * 2000}, ensure_ascii=False)
    path = tmp_path / "big.jsonl.gz"
    path.write_bytes(gzip.compress(record.encode("utf-8")))
    assert len(load_jsonl_corpus(path)) == 1
    monkeypatch.setenv("POLICYTEXT_MAX_INPUT_BYTES", "10K")
    assert path.stat().st_size < 10_000
    with pytest.raises(PolicytextError, match="once decompressed"):
        load_jsonl_corpus(path)
    truncated = tmp_path / "cut.jsonl.gz"
    truncated.write_bytes(gzip.compress(record.encode("utf-8"))[:40])
    with pytest.raises(PolicytextError, match="truncated gz"):
        load_jsonl_corpus(truncated)
    with pytest.raises(PolicytextError, match="reference folder not found"):
        load_central_folder(tmp_path / "nowhere")


def test_a_folder_of_texts_or_its_parent_both_load():
    central = [d.id for d in load_reference(REFERENCE / "central").documents]
    assert [d.id for d in load_reference(REFERENCE).documents][: len(central)] == central


def test_reference_corpora_add_or_replace(tmp_path):
    text = tmp_path / "plenum.txt"
    text.write_text("# title: 全会公报\n# level: central\n# date: 2024-07-18\n# ---\n全会指出，要健全因地制宜发展新质生产力体制机制。\n",
                    encoding="utf-8")
    alone = load_reference(text)
    assert [(d.id, d.date) for d in alone.documents] == [("plenum", "2024-07-18")]
    added = load_reference(add=[text])
    assert len(added.documents) == 98 and added.documents[-1].id == "plenum"
    both = load_reference([REFERENCE / "central", text])
    assert len(both.documents) == 10
    with pytest.raises(PolicytextError, match="given twice"):
        load_reference([text, text])


@pytest.mark.parametrize("opener", ["gzip", "lzma"])
def test_compressed_jsonl_with_datelines_and_a_dates_table(tmp_path, opener):
    import gzip
    import lzma

    records = [
        {"title": "甲报告", "year": "2030", "content": "政府工作报告\n——2030年3月6日在会议上\n各位代表：要发展。"},
        {"title": "乙报告", "year": "2031", "content": "各位代表：要改革。"},
        {"title": "丙报告", "year": "2032", "content": "各位代表：回顾2029年1月1日以来的工作。"},
        {"title": "第十四届全国人民代表大会第五次会议关于政府工作报告的决议", "year": None, "content": "会议决定批准这个报告。"},
    ]
    suffix = ".jsonl.gz" if opener == "gzip" else ".jsonl.xz"
    path = tmp_path / f"reports{suffix}"
    with (gzip.open if opener == "gzip" else lzma.open)(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(json.dumps(r, ensure_ascii=False) for r in records))
    (tmp_path / "dates.tsv").write_text("corpus\tkey\tdate\tnote\nreports\t2031\t2031-03-05\tsession\n", encoding="utf-8")
    (tmp_path / "npc_terms.tsv").write_text("term\tfirst_session_year\tnote\n14\t2023\t\n", encoding="utf-8")
    documents = load_jsonl_corpus(path)
    assert [d.id for d in documents] == ["reports:1", "reports:2", "reports:3", "reports:4"]
    # Dateline; dates table; a date inside the text is not a dateline; NPC session 14/5 -> 2027.
    assert [d.date for d in documents] == ["2030-03-06", "2031-03-05", "2032", "2027"]
    assert {d.collection for d in documents} == {"reports"}


def test_normalisation_keeps_length_for_every_reference_file(corpus):
    for doc in corpus.documents:
        assert len(doc.norm) == len(doc.raw)
        assert collapse_whitespace(normalize(doc.raw)).text == collapse_whitespace(doc.norm).text
