"""The package's own data files (``policytext/data/``): one loader for all of them.

Word lists and tables live in data files, not in code, so that a reader can
check them and a speech from another province can be served by editing a
table. Every module reads them through this loader (``importlib.resources``,
so an installed package finds them too), each file once per process: the
files are part of the package and never change while it runs. A missing or
malformed file is a one-line :class:`~policytext.errors.PolicytextError`
naming the file and the line.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

from .errors import PolicytextError

__all__ = ["data_lines", "data_table", "data_text", "word_list"]


@cache  # keyed on the file name: package data is read-only while the process runs
def data_text(name: str) -> str:
    """The text of the package data file ``name`` (a BOM is dropped)."""
    try:
        return resources.files("policytext").joinpath("data", name).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise PolicytextError(f"cannot read package data {name}: {error}") from None


def data_lines(name: str) -> tuple[tuple[int, str], ...]:
    """``(line number, line)`` of the non-blank lines of ``name`` that are not ``#`` comments."""
    return tuple(
        (number, line) for number, line in enumerate(data_text(name).splitlines(), 1)
        if line.strip() and not line.startswith("#")
    )


def word_list(name: str) -> tuple[str, ...]:
    """A word per line (``#`` starts a comment anywhere), longest first, without duplicates."""
    words = {line.split("#", 1)[0].strip() for line in data_text(name).splitlines()}
    return tuple(sorted((word for word in words if word), key=lambda word: (-len(word), word)))


def data_table(name: str, columns: tuple[str, ...], *, required: int | None = None) -> tuple[dict[str, str], ...]:
    """A tab-separated table with a header line as one dict per row, fields stripped.

    Rows may leave off trailing columns after the first ``required`` (default:
    all are required); those are empty strings. A header line repeating
    ``columns`` is skipped wherever it stands. A row with the wrong number of
    fields or an empty required field names its line.
    """
    required = len(columns) if required is None else required
    numbered = data_lines(name)
    rows = []
    for (number, _), fields in zip(numbered, csv.reader([line for _, line in numbered], delimiter="\t")):
        fields = [field.strip() for field in fields]
        if fields[: len(columns)] == list(columns):
            continue
        if not required <= len(fields) <= len(columns) or not all(fields[:required]):
            raise PolicytextError(
                f"{name}: line {number}: expected {len(columns)} tab-separated fields {columns}, got {fields}"
            )
        rows.append(dict(zip(columns, fields + [""] * (len(columns) - len(fields)))))
    return tuple(rows)
