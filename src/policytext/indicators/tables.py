"""Tables of a speech's quantitative claims, for notebook 02.

Each function takes the claims table from :func:`policytext.indicators.extract`;
:mod:`policytext.figures.indicators` draws the figures.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..output import atomic_write, check_name
from . import resources as res
from .claims import KINDS

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

    from ..document import Document

_KIND_ORDER = tuple(KINDS)
# The figures' colour for hidden values (Okabe–Ito vermillion), so the HTML table matches them.
_REDACTED = "#D55E00"
# A fixed uuid keeps the HTML byte for byte the same on every run.
TABLE_UUID = "policytext_indicators"


def section_titles(document: Document) -> dict[str, str]:
    return {s.id: s.title for s in document.outline.walk()}


#: Kinds whose number is a bound or a group, not a measurement (两位数 is "at least 10", 第一方阵 is a group): shown as stated.
AS_STATED = frozenset({"topn", "tier", "magnitude"})


def display_value(row) -> str:
    """The value as a reader would write it: ×× for a redacted one, the text itself for a bound or a group, else number and unit."""
    if row.redacted:
        return f"×× {row.unit}".strip()
    if row.kind in AS_STATED:
        return row.raw
    value = f"{row.value:g}" if abs(row.value) < 1e6 else f"{row.value:,.0f}"
    return f"{value} {row.unit}".strip()


def by_section(table: pd.DataFrame, document: Document) -> pd.DataFrame:
    """The claims grouped by section, in reading order, with the section's title and a readable value."""
    titles = section_titles(document)
    frame = table.copy()
    frame.insert(1, "title", frame.section.map(lambda s: titles.get(s, "")))
    frame["stated"] = [display_value(row) for row in frame.itertuples()]
    frame["when"] = [row.year and f"{row.year}年" or row.period for row in frame.itertuples()]
    return frame[["section", "title", "indicator", "stated", "kind", "qualifier", "scope", "when", "year_source", "redacted",
                  "raw", "start", "end"]]


def gaps(table: pd.DataFrame) -> pd.DataFrame:
    """What each claim leaves out: a hidden value, a year or period, a base level for a rate."""
    frame = table[["section", "indicator", "raw", "kind", "redacted"]].copy()
    # A year taken from the document's date is the analyst's assumption, not a date the speech gives.
    frame["dated"] = table.year_source.isin(("stated", "section")) | (table.period != "")
    levels = {(r.sentence, r.indicator) for r in table.itertuples() if r.kind in ("count", "amount", "quantity", "value")}
    # A growth rate or share reads as a fact only with the level it applies to.
    frame["base_stated"] = [
        (r.sentence, r.indicator) in levels if r.kind in ("growth", "magnitude") else True for r in table.itertuples()
    ]
    return frame.reset_index(drop=True)


def styled_table(table: pd.DataFrame, document: Document) -> Styler:
    """The by-section table as a pandas Styler: redacted claims in red, one band per section."""
    frame = by_section(table, document).drop(columns=["start", "end"])
    sections = list(dict.fromkeys(frame.section))
    band = {s: ("#f3f6fa" if i % 2 else "#ffffff") for i, s in enumerate(sections)}

    def shade(row):  # Styler.apply needs a callable; kept here, not in the notebook
        colour = f"color: {_REDACTED}; font-weight: bold" if row.redacted else ""
        return [f"background-color: {band[row.section]}; {colour}".strip("; ")] * len(row)

    return (
        frame.style.set_uuid(TABLE_UUID)
        .apply(shade, axis=1)
        .hide(axis="index")
        .set_caption("Quantitative claims by section (red: the page hides the value)")
        .set_table_styles([{"selector": "th", "props": "text-align: left; background-color: #dde5ef"},
                           {"selector": "td", "props": "padding: 2px 8px; font-size: 12px"}])
    )


def write_html(styler: Styler, name: str, *, outdir: Path) -> Path:
    """``<outdir>/<name>.html``, written atomically."""
    html = styler.to_html(doctype_html=True, encoding="utf-8").encode("utf-8")
    return atomic_write(Path(outdir) / f"{check_name(name)}.html", lambda handle: handle.write(html))


def kinds_by_section(table: pd.DataFrame, outline_titles: dict[str, str]) -> pd.DataFrame:
    """How many claims of each kind each section makes, with the section's title and a total."""
    if table.empty:
        return pd.DataFrame(columns=["section", "title", "total"])
    frame = pd.crosstab(table.section, table.kind)
    frame = frame[[k for k in _KIND_ORDER if k in frame.columns]]
    frame["total"] = frame.sum(axis=1)
    frame = frame.reset_index().rename_axis(columns=None)
    frame.insert(1, "title", frame.section.map(lambda s: outline_titles.get(s, "")))
    return frame


def counted(table: pd.DataFrame, *, counts: str = "institution") -> pd.DataFrame:
    """Count claims whose unit counts ``counts`` (institution: 家, 所, 座; see indicator_units.tsv)."""
    units = {u.unit for u in res.units().values() if u.counts == counts}
    base = table.unit.map(lambda unit: next((u for u in units if unit.endswith(u)), None))
    return table[(table.kind == "count") & base.notna()].reset_index(drop=True)
