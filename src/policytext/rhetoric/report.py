"""All rhetoric tables of a document at once: for the command line, the notebook and CSV export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..output import write_table
from ._base import Locator
from .directives import find_directives
from .enumerations import enumeration_items, enumeration_items_with_series, find_enumerations
from .formulas import find_formulas
from .four_character import find_four_character
from .leaders import leader_references
from .parallelism import find_groups
from .quotations import find_quotations

if TYPE_CHECKING:
    from ..document import Document
    from ..segment import Tokenizer

#: The tables of the command line, in the order of the JSON object.
TABLES = ("quotations", "formulas", "enumerations", "parallelisms", "four_character", "directives", "leader_references")


def rhetoric_tables(document: Document, *, tokenizer: Tokenizer | None = None) -> dict[str, pd.DataFrame]:
    """Name → table for every detector (parallelisms one row per member, enumerations one row per item)."""
    from .parallelism import parallelism_members

    return {
        "quotations": find_quotations(document),
        "formulas": find_formulas(document, tokenizer=tokenizer),
        "enumerations": enumeration_items_with_series(document, tokenizer=tokenizer),
        "parallelisms": parallelism_members(document, tokenizer=tokenizer),
        "four_character": find_four_character(document, tokenizer=tokenizer),
        "directives": find_directives(document, tokenizer=tokenizer),
        "leader_references": leader_references(document),
    }


def _records(frame: pd.DataFrame) -> list[dict]:
    return json.loads(frame.to_json(orient="records", force_ascii=False))


def rhetoric_payload(document: Document, *, tokenizer: Tokenizer | None = None) -> dict:
    """The JSON object of ``policytext rhetoric``: every item with raw ``start``/``end``."""
    raw = document.raw
    items = enumeration_items(document, tokenizer=tokenizer)
    enumeration_rows = []
    for row in _records(find_enumerations(document, tokenizer=tokenizer)):
        members = items[items.enumeration == row["enumeration"]]
        row.pop("items")
        row["items"] = [{"text": m.text, "start": int(m.start), "end": int(m.end)} for m in members.itertuples()]
        enumeration_rows.append(row)
    locator = Locator.of(document)
    groups = []
    for group in find_groups(document, tokenizer=tokenizer):
        start, end = group.members[0][0], group.members[-1][1]
        section, sentence = locator.where(start)
        groups.append(
            {
                "template": group.template,
                "members": [{"text": raw[s:e], "start": s, "end": e} for s, e in group.members],
                "section": section,
                "sentence": sentence,
                "start": start,
                "end": end,
                "level": group.level,
            }
        )
    return {
        "document": document.path.name if document.path else None,
        "quotations": _records(find_quotations(document)),
        "formulas": _records(find_formulas(document, tokenizer=tokenizer)),
        "enumerations": enumeration_rows,
        "parallelisms": groups,
        "four_character": _records(find_four_character(document, tokenizer=tokenizer)),
        "directives": _records(find_directives(document, tokenizer=tokenizer)),
        "leader_references": _records(leader_references(document)),
    }


def write_tables(document: Document, *, outdir: Path, tokenizer: Tokenizer | None = None) -> list[Path]:
    """Every rhetoric table as ``rhetoric_<name>.csv`` in ``outdir`` (UTF-8 with BOM)."""
    from .parallelism import parallelisms

    tables = rhetoric_tables(document, tokenizer=tokenizer)
    tables["parallelism_groups"] = parallelisms(document, tokenizer=tokenizer)
    tables["enumeration_series"] = find_enumerations(document, tokenizer=tokenizer)
    return [write_table(frame, f"rhetoric_{name}", outdir=outdir) for name, frame in tables.items()]
