"""Indicator tables: every quantitative claim in a speech, typed, normalised and traceable.

``extract(document)`` gives one row per claim (see :data:`COLUMNS`); the kinds
are documented in :data:`KINDS`. The grammar is in :mod:`.claims`, the word
lists in ``policytext/data/indicator_*.tsv``, the tables and figures for the
notebook in :mod:`.tables`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .claims import COLUMNS, KINDS, Claim, find_claims

if TYPE_CHECKING:
    import pandas as pd

    from ..document import Document

__all__ = ["COLUMNS", "KINDS", "Claim", "extract", "find_claims"]


def extract(document: Document) -> pd.DataFrame:
    """One row per quantitative claim, in reading order, with the columns of :data:`COLUMNS`."""
    import pandas as pd

    rows = [claim.as_dict() for claim in find_claims(document)]
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    return frame.astype({"value": float, "value_normalised": float, "redacted": bool, "sentence": int, "start": int, "end": int})
