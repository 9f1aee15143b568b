"""Rhetorical devices counted per section: the table behind notebook 01's device heatmap."""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class DeviceTables:
    """The detectors' tables the counts are read from (an :class:`~policytext.analysis.Analysis` has them already)."""

    quotations: pd.DataFrame
    formulas: pd.DataFrame
    enumerations: pd.DataFrame  # one row per series; only lists (、) are counted
    parallelisms: pd.DataFrame
    four_character: pd.DataFrame
    directives: pd.DataFrame
    leader_references: pd.DataFrame

    @classmethod
    def detect(cls, parsed: ParsedDocument) -> DeviceTables:
        """Run the seven detectors on one parse."""
        return cls(find_quotations(parsed), find_formulas(parsed), find_enumerations(parsed), parallelisms(parsed),
                   find_four_character(parsed), find_directives(parsed), leader_references(parsed))

    def by_device(self) -> dict[str, pd.DataFrame]:
        """The rows of each device, by its column name in the counts table (in the heatmap's order)."""
        return {
            "quotations": self.quotations,
            "formulas": self.formulas,
            "lists (、)": self.enumerations[self.enumerations.kind == "list"],
            "parallelism": self.parallelisms,
            "four-character": self.four_character,
            "directive words": self.directives,
            "leader references": self.leader_references,
        }


def device_counts(
    source: Document | ParsedDocument,
    *,
    level: int = 2,
    tokenizer: Tokenizer | None = None,
    tables: DeviceTables | None = None,
) -> pd.DataFrame:
    """Rhetorical devices per section at ``level``: quotations, formulas, lists, parallel groups, 四字格, directives, leader references.

    ``tables`` are the detectors' tables when the caller has them; without
    them the detectors run here, on one parse.
    """
    parsed = as_parsed(source, tokenizer)
    found = tables if tables is not None else DeviceTables.detect(parsed)
    table = section_characters(parsed.document, level=level)
    for name, rows in found.by_device().items():
        counts = rows.section.map(lambda s: section_at_level(s, level)).value_counts()
        table[name] = table.section.map(counts).fillna(0).astype("int64")
    return table
