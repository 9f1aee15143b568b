"""Indicator tables: every quantitative claim in a speech, typed, normalised and traceable.

``extract(document)`` gives one row per claim (see :data:`COLUMNS`); the kinds
are documented in :data:`KINDS`. The grammar is in :mod:`.claims`, the word
lists in ``policytext/data/indicator_*.tsv``, the tables and figures for the
notebook in :mod:`.tables`.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

from ..frames import columns_frame
from ..parsed import ParsedDocument
from .claims import COLUMNS, KINDS, Claim, find_claims

if TYPE_CHECKING:
    import pandas as pd

    from ..document import Document

_DTYPES = MappingProxyType({"value": "float64", "value_normalised": "float64", "redacted": "bool",
                           "sentence": "int64", "start": "int64", "end": "int64"})

__all__ = ["COLUMNS", "KINDS", "Claim", "extract", "find_claims"]


def extract(source: Document | ParsedDocument) -> pd.DataFrame:
    """One row per quantitative claim, in reading order, with the columns of :data:`COLUMNS`.

    A document is parsed first: the claims read the word edges of its cut (pass the parse that the other
    analyses share, and the body is cut once).
    """
    claims = find_claims(source)
    # Column by column, as the table is built: no dict per claim.
    return columns_frame({name: [getattr(claim, name) for claim in claims] for name in COLUMNS}, dtypes=_DTYPES)
