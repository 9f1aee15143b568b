"""Tables and figures of a speech's quantitative claims, for notebook 02.

Each ``plot_*`` function takes the claims table from :func:`policytext.indicators.extract`
and returns ``(figure, data)`` so the numbers behind a figure are saved beside it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..output import atomic_write, check_name
from ..overview import shorten
from . import resources as res
from .claims import KINDS

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

    from ..document import Document

_KIND_ORDER = tuple(KINDS)
_PALETTE = {
    "count": "#4c78a8", "amount": "#f58518", "share": "#54a24b", "growth": "#e45756", "multiple": "#b279a2",
    "quantity": "#9d755d", "rank": "#72b7b2", "topn": "#eeca3b", "tier": "#bab0ac", "magnitude": "#ff9da6", "value": "#888888",
}
_REDACTED = "#d62728"
# A fixed uuid keeps the HTML byte for byte the same on every run.
TABLE_UUID = "policytext_indicators"


def section_titles(document: Document) -> dict[str, str]:
    return {s.id: s.title for s in document.outline.walk()}


def display_value(row) -> str:
    """The value as a reader would write it: ×× for a redacted one, the unit after it."""
    if row.redacted:
        return f"×× {row.unit}".strip()
    value = f"{row.value:g}" if abs(row.value) < 1e6 else f"{row.value:,.0f}"
    return f"{value} {row.unit}".strip()


def by_section(table: pd.DataFrame, document: Document) -> pd.DataFrame:
    """The claims grouped by section, in reading order, with the section's title and a readable value."""
    titles = section_titles(document)
    frame = table.copy()
    frame.insert(1, "title", frame.section.map(lambda s: titles.get(s, "")))
    frame["stated"] = [display_value(row) for row in frame.itertuples()]
    frame["when"] = [row.year and f"{row.year}年" or row.period for row in frame.itertuples()]
    return frame[["section", "title", "indicator", "stated", "kind", "qualifier", "scope", "when", "redacted", "raw", "start", "end"]]


def gaps(table: pd.DataFrame) -> pd.DataFrame:
    """What each claim leaves out: a hidden value, a year or period, a base level for a rate."""
    frame = table[["section", "indicator", "raw", "kind", "redacted"]].copy()
    frame["dated"] = (table.year != "") | (table.period != "")
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


# --- figures -------------------------------------------------------------------------------


def plot_table(table: pd.DataFrame, document: Document, *, width: int = 22):
    """The by-section table drawn as a figure (redacted values in red)."""
    import matplotlib.pyplot as plt

    data = by_section(table, document)
    cells = [[r.section, shorten(r.indicator, width), r.stated, r.kind, r.qualifier, r.scope, r.when] for r in data.itertuples()]
    columns = ["section", "indicator 指标", "value 数值", "kind", "qualifier", "scope", "year/period"]
    fig, ax = plt.subplots(figsize=(11, 0.26 * len(cells) + 0.9))
    ax.axis("off")
    if cells:
        grid = ax.table(cellText=cells, colLabels=columns, loc="upper center", cellLoc="left", colLoc="left",
                        colWidths=[0.07, 0.36, 0.15, 0.1, 0.1, 0.08, 0.1])
        grid.auto_set_font_size(False)
        grid.set_fontsize(8)
        grid.scale(1, 1.25)
        for (i, _), cell in grid.get_celld().items():
            cell.set_edgecolor("#cccccc")
            if i == 0:
                cell.set_facecolor("#dde5ef")
            elif data.redacted.iloc[i - 1]:
                cell.get_text().set_color(_REDACTED)
    ax.set_title("Quantitative claims by section", fontsize=11)
    fig.tight_layout()
    return fig, data


def plot_kinds_by_section(table: pd.DataFrame, document: Document):
    """How many claims of each kind each section makes."""
    import matplotlib.pyplot as plt

    data = pd.crosstab(table.section, table.kind) if len(table) else pd.DataFrame()
    data = data[[k for k in _KIND_ORDER if k in data.columns]]
    titles = section_titles(document)
    fig, ax = plt.subplots(figsize=(8, 0.45 * max(len(data), 1) + 1.6))
    left = pd.Series(0, index=data.index)
    for kind in data.columns:
        ax.barh(range(len(data)), data[kind], left=left, color=_PALETTE[kind], label=kind)
        left += data[kind]
    ax.set_yticks(range(len(data)), [f"{s} {shorten(titles.get(s, ''), 16)}" for s in data.index], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("claims")
    ax.set_title("Quantitative claims by section and kind")
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    fig.tight_layout()
    return fig, data.reset_index()


def counted(table: pd.DataFrame, *, counts: str = "institution") -> pd.DataFrame:
    """Count claims whose unit counts ``counts`` (institution: 家, 所, 座; see indicator_units.tsv)."""
    units = {u.unit for u in res.units().values() if u.counts == counts}
    base = table.unit.map(lambda unit: next((u for u in units if unit.endswith(u)), None))
    return table[(table.kind == "count") & base.notna()].reset_index(drop=True)


def plot_counts(table: pd.DataFrame, *, counts: str = "institution"):
    """The institutions and platforms the speech counts, largest first."""
    import matplotlib.pyplot as plt

    data = counted(table, counts=counts)[["indicator", "raw", "value", "unit", "value_normalised", "section", "start", "end"]]
    data = data.sort_values("value_normalised", ascending=False, kind="stable").reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(7, 0.42 * max(len(data), 1) + 1.2))
    ax.barh(range(len(data)), data.value_normalised, color=_PALETTE["count"])
    ax.set_yticks(range(len(data)), data.indicator, fontsize=9)
    ax.invert_yaxis()
    for i, row in data.iterrows():
        ax.text(row.value_normalised, i, f" {row.value:g} {row.unit}", va="center", fontsize=8)
    ax.set_xlabel(f"number stated ({counts})")
    ax.set_title("Institutions and platforms counted in the speech")
    ax.margins(x=0.15)
    fig.tight_layout()
    return fig, data


def plot_rates(table: pd.DataFrame, *, placeholder: float | None = None):
    """Growth rates and shares in per cent; a hidden value is an empty hatched bar marked ××."""
    import matplotlib.pyplot as plt

    rows = table[table.kind.isin(["growth", "share", "magnitude"]) & table.unit.isin(["%", ""])]
    data = rows[["indicator", "raw", "kind", "value", "qualifier", "year", "period", "redacted", "section", "start", "end"]].reset_index(drop=True)
    stated = data.value.dropna()
    fill = placeholder if placeholder is not None else (float(stated.max()) if len(stated) else 10.0)
    fig, ax = plt.subplots(figsize=(8, 0.42 * max(len(data), 1) + 1.4))
    for i, row in data.iterrows():
        colour = _PALETTE[row.kind]
        if row.redacted:
            ax.barh(i, fill, color="none", edgecolor=_REDACTED, hatch="///", linewidth=0.8)
            ax.text(fill, i, " ×× (hidden)", va="center", fontsize=8, color=_REDACTED)
        else:
            ax.barh(i, row.value, color=colour)
            ax.text(row.value, i, f" {row.value:g}%{'+' if row.qualifier.endswith('以上') or row.kind == 'magnitude' else ''}", va="center", fontsize=8)
    when = [row.year or row.period for row in data.itertuples()]
    ax.set_yticks(range(len(data)), [f"{shorten(r.indicator, 20)} ({w or 'no year'})" for r, w in zip(data.itertuples(), when)], fontsize=8)
    ax.invert_yaxis()
    handles = [plt.Rectangle((0, 0), 1, 1, color=_PALETTE[k]) for k in ("growth", "share", "magnitude")]
    handles.append(plt.Rectangle((0, 0), 1, 1, facecolor="none", edgecolor=_REDACTED, hatch="///"))
    ax.legend(handles, ["growth 增长", "share 比重", "magnitude 两位数 (lower bound)", "hidden 隐去"], fontsize=7, frameon=False,
              loc="upper center", bbox_to_anchor=(0.5, -0.08 - 0.4 / max(len(data), 1)), ncol=4)
    ax.set_xlabel("per cent")
    ax.set_title("Growth rates and shares stated")
    ax.margins(x=0.2)
    fig.tight_layout()
    return fig, data


def plot_redaction_map(table: pd.DataFrame, document: Document):
    """Every claim at its place in the body, by section; the hidden ones in red, named."""
    import matplotlib.pyplot as plt

    data = table[["indicator", "raw", "kind", "redacted", "section", "start", "end"]].reset_index(drop=True)
    top = [s for s in document.outline.sections if s.level == 1]
    fig, ax = plt.subplots(figsize=(11, 3.6))
    for i, s in enumerate(top):
        ax.axvspan(s.start, s.end, color="#eef2f7" if i % 2 else "#f8f8f8", zorder=0)
        ax.text((s.start + s.end) / 2, 1.02, f"{s.id} {shorten(s.title, 10)}", ha="center", va="bottom", fontsize=8)
    stated, hidden = data[~data.redacted], data[data.redacted]
    ax.scatter(stated.start, [0.2] * len(stated), marker="|", s=250, color="#4c78a8", label="stated 已给出")
    ax.scatter(hidden.start, [0.2] * len(hidden), marker="x", s=50, color=_REDACTED, label="hidden 隐去 ××")
    for j, row in enumerate(hidden.itertuples()):
        ax.annotate(shorten(row.indicator, 12), (row.start, 0.2), xytext=(row.start, 0.38 + 0.1 * (j % 5)),
                    fontsize=7, color=_REDACTED, ha="center", arrowprops={"arrowstyle": "-", "color": _REDACTED, "lw": 0.5})
    ax.set_xlim(document.body_start, document.body_end)
    ax.set_ylim(0, 1)
    ax.set_yticks([])
    ax.set_xlabel("character offset in the raw file")
    ax.set_title("Where the speech states its figures, and which ones the page hides", pad=18)
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    fig.tight_layout()
    return fig, data
