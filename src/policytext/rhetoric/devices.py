"""Rhetorical devices counted per section: the table behind notebook 01's device heatmap."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..parsed import ParsedDocument, as_parsed
from ..sections import section_at_level, section_characters
from .directives import find_directives
from .enumerations import find_enumerations
from .formulas import find_formulas
from .four_character import find_four_character
from .leaders import leader_references
from .parallelism import parallelisms
from .quotations import find_quotations

if TYPE_CHECKING:
    from ..document import Document
    from ..segment import Tokenizer


def device_counts(source: Document | ParsedDocument, *, level: int = 2, tokenizer: Tokenizer | None = None) -> pd.DataFrame:
    """Rhetorical devices per section at ``level``: quotations, formulas, lists, parallel groups, 四字格, directives, leader references."""
    parsed = as_parsed(source, tokenizer)  # one parse for the seven detectors
    series = find_enumerations(parsed)
    devices = {
        "quotations": find_quotations(parsed),
        "formulas": find_formulas(parsed),
        "lists (、)": series[series.kind == "list"],
        "parallelism": parallelisms(parsed),
        "four-character": find_four_character(parsed),
        "directive words": find_directives(parsed),
        "leader references": leader_references(parsed),
    }
    table = section_characters(parsed.document, level=level)
    for name, found in devices.items():
        counts = found.section.map(lambda s: section_at_level(s, level)).value_counts()
        table[name] = table.section.map(counts).fillna(0).astype("int64")
    return table
