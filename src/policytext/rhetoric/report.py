"""All rhetoric tables of a document at once: for the command line, the notebook and CSV export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..output import write_table
from ..parsed import ParsedDocument, as_parsed
from .directives import find_directives
from .enumerations import enumeration_items_with_series, find_enumerations
from .formulas import find_formulas
from .four_character import find_four_character
from .leaders import leader_hits, leader_references
from .parallelism import find_groups, parallelism_members, parallelisms
from .quotations import find_quotations

if TYPE_CHECKING:
    from ..document import Document
    from ..segment import Tokenizer

#: The tables of the command line, in the order of the JSON object.
TABLES = ("quotations", "formulas", "enumerations", "parallelisms", "four_character", "directives", "leader_references")


def rhetoric_tables(source: Document | ParsedDocument, *, tokenizer: Tokenizer | None = None) -> dict[str, pd.DataFrame]:
    """Name → table for every detector (parallelisms one row per member, enumerations one row per item)."""
    parsed = as_parsed(source, tokenizer)
    leaders = leader_hits(parsed)  # quotations are attributed with the names the references list: one search for both
    return {
        "quotations": find_quotations(parsed, leaders=leaders),
        "formulas": find_formulas(parsed),
        "enumerations": enumeration_items_with_series(parsed),
        "parallelisms": parallelism_members(parsed),
        "four_character": find_four_character(parsed),
        "directives": find_directives(parsed),
        "leader_references": leader_references(parsed, hits=leaders),
    }


def _records(frame: pd.DataFrame) -> list[dict]:
    return json.loads(frame.to_json(orient="records", force_ascii=False))


def rhetoric_payload(source: Document | ParsedDocument, *, tokenizer: Tokenizer | None = None) -> dict:
    """The JSON object of ``policytext rhetoric``: every item with raw ``start``/``end``."""
    parsed = as_parsed(source, tokenizer)
    tables = rhetoric_tables(parsed)
    return payload_from_tables(parsed, tables, enumerations=find_enumerations(parsed), groups=find_groups(parsed))


def payload_from_tables(parsed: ParsedDocument, tables: dict[str, pd.DataFrame], *, enumerations: pd.DataFrame, groups) -> dict:
    """The JSON object of ``policytext rhetoric`` from tables already computed."""
    items = tables["enumerations"]
    # Items grouped by series in one pass (filtering the item table once per series was quadratic).
    members: dict[int, list[dict]] = {}
    for number, text, start, end in zip(items["enumeration"].tolist(), items["text"].tolist(),
                                        items["start"].tolist(), items["end"].tolist()):
        members.setdefault(number, []).append({"text": text, "start": int(start), "end": int(end)})
    enumeration_rows = []
    for row in _records(enumerations):
        row.pop("items")
        row["items"] = members.get(row["enumeration"], [])
        enumeration_rows.append(row)
    group_rows = []
    for group in groups:
        start, end = parsed.to_raw(group.members[0][0], group.members[-1][1])
        section, sentence = parsed.locator.where(start)
        group_rows.append(
            {
                "template": group.template,
                "members": [{"text": parsed.raw_text(s, e), "start": parsed.to_raw(s, e)[0], "end": parsed.to_raw(s, e)[1]}
                            for s, e in group.members],
                "section": section,
                "sentence": sentence,
                "start": start,
                "end": end,
                "level": group.level,
            }
        )
    document = parsed.document
    return {
        "document": document.path.name if document.path else None,
        "quotations": _records(tables["quotations"]),
        "formulas": _records(tables["formulas"]),
        "enumerations": enumeration_rows,
        "parallelisms": group_rows,
        "four_character": _records(tables["four_character"]),
        "directives": _records(tables["directives"]),
        "leader_references": _records(tables["leader_references"]),
    }


def write_tables(source: Document | ParsedDocument, *, outdir: Path, tokenizer: Tokenizer | None = None) -> list[Path]:
    """Every rhetoric table as ``rhetoric_<name>.csv`` in ``outdir`` (UTF-8 with BOM)."""
    parsed = as_parsed(source, tokenizer)
    tables = rhetoric_tables(parsed)
    tables["parallelism_groups"] = parallelisms(parsed)
    tables["enumeration_series"] = find_enumerations(parsed)
    return [write_table(frame, f"rhetoric_{name}", outdir=outdir) for name, frame in tables.items()]
