"""Rhetoric on real texts: the seed speech against a fixture written by reading it, spans, samples, the command line, the notebook."""

from __future__ import annotations

import json
import re

import pytest

from policytext import load
from policytext.cli import main
from policytext.rhetoric import (
    find_enumerations,
    find_formulas,
    find_four_character,
    find_quotations,
    leader_references,
    leader_share,
    parallelisms,
    rhetoric_payload,
    rhetoric_tables,
)

from .helpers import FIXTURES, ROOT, SEED, SHARED, real_text_files

EXPECTED = json.loads((FIXTURES / "seed_rhetoric.json").read_text(encoding="utf-8"))
SAMPLES = json.loads((FIXTURES / "seed_rhetoric_samples.json").read_text(encoding="utf-8"))
NOTEBOOK = ROOT / "notebooks" / "01_rhetoric.ipynb"


@pytest.fixture(scope="module")
def tables(seed_analysis):
    return seed_analysis.rhetoric_tables()


def test_every_quotation_mark_pair_listed_once_with_the_read_kind(seed):
    found = find_quotations(seed)
    body = seed.norm[seed.body_start : seed.body_end]
    # Each opening mark of the body is one row, and no span is listed twice.
    assert (found.marks == "“”").sum() == body.count("“") == body.count("”")
    assert (found.marks == "‘’").sum() == body.count("‘")
    assert (found.marks == "《》").sum() == body.count("《")
    assert found.start.is_unique
    rows = []
    for row in found.itertuples():
        parent = None if row.parent is None or str(row.parent) == "<NA>" else found.text.iloc[int(row.parent)]
        rows.append([row.text, row.kind, row.speaker, parent])
    assert rows == EXPECTED["quotations"]


def test_both_quotations_of_xi_are_leader_quotations(seed):
    found = find_quotations(seed)
    cited = found[found.text.str.startswith("“我省作为") | found.text.str.startswith("“科技创新能够")]
    assert len(cited) == 2
    assert set(cited.kind) == {"leader"} and set(cited.speaker) == {"习近平"}
    assert set(cited.rule) == {"leader + 关于“…”的重要讲话/指示", "leader + speech verb before the marks"}


def test_numbered_formulas_of_the_seed(seed):
    found = find_formulas(seed)
    assert [list(pair) for pair in zip(found.text, found.kind)] == EXPECTED["formulas"]


def test_required_parallelism_groups_with_templates(seed):
    found = parallelisms(seed)
    groups = [[row.template, row.members.split(" | ")] for row in found.itertuples()]
    for expected in EXPECTED["parallelism_required"] + EXPECTED["parallelism_also"]:
        assert expected in groups
    spans = {row.members for row in found.itertuples()}
    for text in EXPECTED["not_parallelism"]:
        assert text.replace("、", " | ") not in spans


def test_four_character_expressions_of_the_seed(seed):
    found = set(find_four_character(seed).text)
    assert set(EXPECTED["four_character_present"]) <= found
    assert not set(EXPECTED["four_character_absent"]) & found


def test_enumerations_of_the_seed(seed):
    found = find_enumerations(seed)
    for kind, section, length, announced, head in EXPECTED["enumeration_series"]:
        row = found[(found.kind == kind) & (found.section == section)].iloc[0]
        assert row.length == length
        if announced is not None:
            assert row.announced == announced and head in row.shared_head
    lists = found[found.kind == "list"]
    by_items = {row["items"]: row for _, row in lists.iterrows()}
    for items, head, announced in EXPECTED["lists"]:
        row = by_items[" | ".join(items)]
        if head is not None:
            assert row.shared_head == head
        if announced is not None:
            assert row.announced == announced
    # Outline markers 一、二、三、 never make a 、-list.
    assert not lists["items"].str.match(r"^[一二三四五六七八九十] \|").any()


def test_leader_references_of_the_seed(seed):
    found = leader_references(seed)
    assert len(found) == EXPECTED["leader_references"] and set(found.text) == {"习近平总书记"}
    share = leader_share(seed).set_index("cites").loc["leader or central body"]
    assert share.sentence_numbers == " ".join(map(str, EXPECTED["leader_sentences"]))


def test_every_row_slices_its_text_from_the_raw_file(seed, tables):
    raw = SEED.read_text(encoding="utf-8")
    assert raw == seed.raw
    for name, table in tables.items():
        assert len(table), name
        for row in table.itertuples():
            assert raw[row.start : row.end] == row.text, (name, row)
            assert seed.body_start <= row.start < row.end <= seed.body_end, (name, row)
    payload = rhetoric_payload(seed)
    for group in payload["parallelisms"]:
        for member in group["members"]:
            assert raw[member["start"] : member["end"]] == member["text"]
    for series in payload["enumerations"]:
        assert raw[series["items"][0]["start"] : series["items"][-1]["end"]] == raw[series["start"] : series["end"]]


@pytest.mark.parametrize("path", real_text_files(), ids=lambda p: p.name)
def test_real_texts_do_not_crash_and_spans_slice(path):
    document = load(path)
    for name, table in rhetoric_tables(document).items():
        for row in table.itertuples():
            assert document.raw[row.start : row.end] == row.text, (path.name, name, row)


@pytest.mark.skipif(not (SHARED / "samples").is_dir(), reason="shared samples not present")
@pytest.mark.parametrize("name", sorted(SAMPLES.keys() - {"_about"}))
def test_parallelism_groups_on_the_shared_samples(name):
    path = SHARED / "samples" / name
    if not path.is_file():
        pytest.skip(f"{name} not present")
    found = parallelisms(load(path))
    assert [[row.template, row.members.split(" | ")] for row in found.itertuples()] == SAMPLES[name]


def test_cli_json_has_every_table_with_spans(capsys):
    assert main(["rhetoric", str(SEED)]) == 0
    payload = json.loads(capsys.readouterr().out)
    for key in ("quotations", "formulas", "enumerations", "parallelisms", "four_character", "directives", "leader_references"):
        assert payload[key], key
    group = next(g for g in payload["parallelisms"] if g["template"] == "不_转")
    assert [m["text"] for m in group["members"]] == ["不敢转", "不愿转", "不会转"]
    assert {"template", "members", "section", "start", "end"} <= group.keys()
    assert all({"start", "end"} <= item.keys() for key in ("quotations", "formulas", "directives") for item in payload[key])


def test_cli_csv_prints_the_chosen_table(capsys):
    assert main(["rhetoric", str(SEED), "--format", "csv", "--table", "formulas"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("section,sentence,start,end,text,kind")
    assert any(",四个善作善成,counted," in line for line in lines)


def test_cli_missing_file_is_exit_2(tmp_path, capsys):
    assert main(["rhetoric", str(tmp_path / "absent.txt")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_notebook_is_thin_and_output_free():
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    cells = notebook["cells"]
    assert cells[0]["cell_type"] == "markdown"
    parameters = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(parameters) == 1 and 'doc_path = "../data/raw/' in "".join(parameters[0]["source"])
    for cell in cells:
        if cell["cell_type"] == "code":
            source = "".join(cell["source"])
            assert not re.search(r"^\s*(def|class) |lambda", source, re.MULTILINE), source
            assert cell["outputs"] == [] and cell["execution_count"] is None
    assert notebook["metadata"]["kernelspec"]["name"] == "policytext"
    saved = re.findall(r'save_figure\(fig, "(01_\w+)"', "".join("".join(c["source"]) for c in cells))
    assert set(saved) == {"01_wordcloud", "01_top_terms", "01_dispersion", "01_cooccurrence_matrix", "01_device_counts", "01_directive_profile"}
