"""Tables from columns and rows: the same table pandas makes from the rows, typed the same with or without rows."""

from __future__ import annotations

import math

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from policytext.frames import columns_frame, records_frame

from .helpers import examples

_ROW = st.fixed_dictionaries(
    {"section": st.sampled_from(["0", "1", "1.2"]), "start": st.integers(0, 10_000), "text": st.text(min_size=1, max_size=5),
     "share": st.floats(allow_nan=False, width=32), "quoted": st.booleans()},
    optional={"gloss": st.sampled_from(["推动", "加快"])},
)
_COLUMNS = ("section", "start", "text", "share", "quoted", "gloss")
_DTYPES = {"start": "int64", "share": "float64"}


@settings(max_examples=examples(100), deadline=None)
@given(rows=st.lists(_ROW, min_size=1, max_size=8))
def test_records_frame_is_the_table_pandas_makes_of_the_rows(rows):
    expected = pd.DataFrame(rows, columns=list(_COLUMNS)).astype(_DTYPES)
    pd.testing.assert_frame_equal(records_frame(rows, _COLUMNS, dtypes=_DTYPES), expected, check_exact=True)


@settings(max_examples=examples(100), deadline=None)
@given(rows=st.lists(_ROW, min_size=1, max_size=8))
def test_columns_frame_keeps_the_columns_in_order_with_the_types_given_or_inferred(rows):
    data = {column: [row.get(column, math.nan) for row in rows] for column in _COLUMNS}
    table = columns_frame(data, dtypes=_DTYPES)
    assert list(table.columns) == list(_COLUMNS) and table.columns.equals(pd.Index(list(_COLUMNS)))
    assert table.start.dtype == "int64" and table.share.dtype == "float64" and table.quoted.dtype == bool
    assert table.section.dtype == table.text.dtype == pd.Series(["a"]).dtype
    assert table.start.tolist() == [row["start"] for row in rows]


def test_a_table_without_rows_has_its_columns_and_only_the_given_types():
    table = records_frame([], _COLUMNS, dtypes=_DTYPES)
    assert list(table.columns) == list(_COLUMNS) and len(table) == 0
    assert {column: str(dtype) for column, dtype in table.dtypes.items()} == {
        "section": "object", "start": "int64", "text": "object", "share": "float64", "quoted": "object", "gloss": "object"}


def test_a_table_without_columns_is_the_empty_table():
    pd.testing.assert_frame_equal(columns_frame({}), pd.DataFrame(columns=[]))
