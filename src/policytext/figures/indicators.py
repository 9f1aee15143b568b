"""Charts of notebook 02: the quantitative claims as a table, the institutions counted, the rates stated, and where the page hides values.

Every chart takes the claims table of :func:`policytext.indicators.extract`
(or a table made from it) and the outline where it needs section titles, and
returns ``(figure, data)``.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

import pandas as pd

from . import style
from .labels import Source, shorten, wrap

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ..outline import Outline

#: What each kind of claim is called in a figure, with the Chinese a reader meets in the text.
KIND_LABELS = MappingProxyType({
    "count": "count 数量", "amount": "amount 金额", "share": "share 比重", "growth": "growth 增长",
    "multiple": "multiple 倍数", "quantity": "quantity 数量", "rank": "rank 排名",
    "topn": "top bracket 前N", "tier": "tier 方阵/梯队", "magnitude": "at least (lower bound)", "value": "value 数值",
})
#: Kinds whose number is a bound or a group, not a measurement: the figure shows the words as stated.
AS_STATED = frozenset({"topn", "tier", "magnitude"})
LEVEL_KINDS = ("share",)
GROWTH_KINDS = ("growth", "magnitude")
NO_CLAIMS = "This text states no quantitative claims."


def plot_table(claims: pd.DataFrame, *, outline: Outline, source: Source, width: int = 22) -> tuple[Figure, pd.DataFrame]:
    """The claims by section drawn as a table: values as the text states them, hidden values in red."""
    titles = {s.id: s.title for s in outline.walk()}
    data = claims.copy()
    data.insert(1, "title", data.section.map(lambda s: titles.get(s, "")))
    data["stated"] = [_stated(row) for row in data.itertuples()]
    data["kind_label"] = data.kind.map(lambda k: KIND_LABELS.get(k, k))
    data["when"] = [f"{row.year}年" if row.year else row.period for row in data.itertuples()]
    columns = ["section", "title", "indicator", "stated", "kind", "kind_label", "qualifier", "scope", "when", "redacted", "raw", "start", "end"]
    data = data[columns].reset_index(drop=True)
    title = "Quantitative claims by section"
    if data.empty:
        return style.no_data(title, NO_CLAIMS, source=source), data
    cells = [[r.section, shorten(r.indicator, width), r.stated, r.kind_label, r.qualifier, r.scope, r.when] for r in data.itertuples()]
    header = ["section 节", "indicator 指标", "as stated 原文数值", "kind 类型", "qualifier 限定", "scope 范围", "year 年份"]
    fig, ax = style.new_figure(11, 0.22 * (len(cells) + 1) + 0.5, source=source)
    ax.axis("off")
    grid = ax.table(cellText=cells, colLabels=header, loc="upper center", cellLoc="left", colLoc="left",
                    colWidths=[0.07, 0.33, 0.16, 0.16, 0.09, 0.08, 0.11])
    grid.auto_set_font_size(False)
    grid.set_fontsize(style.TICK)
    for (i, _), cell in grid.get_celld().items():
        cell.set_edgecolor(style.LIGHT_GREY)
        if i == 0:
            cell.set_facecolor(style.PALE)
        elif data.redacted.iloc[i - 1]:
            cell.get_text().set_color(style.HIDDEN)
    ax.set_title(f"{title} ({len(data)} claims; red: the page hides the value ××)")
    return fig, data


def plot_counts(counted: pd.DataFrame, *, source: Source, what: str = "institutions and platforms") -> tuple[Figure, pd.DataFrame]:
    """The things the speech counts (the table of :func:`policytext.indicators.tables.counted`), largest first."""
    data = counted.sort_values("value_normalised", ascending=False, kind="stable").reset_index(drop=True)
    title = f"The {what} the speech counts"
    if data.empty:
        return style.no_data(title, f"This text counts no {what}.", source=source), data
    fig, ax = style.new_figure(7, 0.36 * len(data) + 0.9, source=source)
    # A count the page withholds (___家) is a marker labelled ××, never a bar of length 0 (sorted last: NaN).
    stated = data[~data.redacted]
    ax.barh(stated.index, stated.value_normalised, color=style.BLUE)
    style.bar_labels(ax, stated.value_normalised, stated.index, [f"{r.value:g} {r.unit}" for r in stated.itertuples()],
                     fontsize=style.TICK)
    for i in data.index[data.redacted]:
        ax.plot([0], [i], marker="x", color=style.HIDDEN, markersize=6, linestyle="", clip_on=False)
        ax.text(0, i, f"   ×× {data.unit[i]} hidden on the page", va="center", fontsize=style.TICK, color=style.HIDDEN)
    ax.set_yticks(range(len(data)), data.indicator, fontsize=style.LABEL)
    ax.invert_yaxis()
    ax.margins(x=0.15)
    ax.set_xlabel("number stated")
    ax.set_title(title)
    return fig, data


def rate_rows(claims: pd.DataFrame) -> pd.DataFrame:
    """The shares and growth rates stated in per cent (or hidden), with the panel each belongs to."""
    rows = claims[claims.kind.isin([*LEVEL_KINDS, *GROWTH_KINDS]) & claims.unit.isin(["%", ""])]
    data = rows[["indicator", "raw", "kind", "value", "qualifier", "year", "period", "redacted", "section", "start", "end"]].copy()
    data.insert(0, "panel", ["level" if kind in LEVEL_KINDS else "growth" for kind in data.kind])
    return data.reset_index(drop=True)


def plot_rates(claims: pd.DataFrame, *, source: Source) -> tuple[Figure, pd.DataFrame]:
    """Shares (levels) and growth rates in two panels; a hidden value is a marker labelled ××, never a bar."""
    data = rate_rows(claims)
    title = "Shares and growth rates stated"
    if data.empty:
        return style.no_data(title, "This text states no shares or growth rates.", source=source), data
    panels = [p for p in ("level", "growth") if (data.panel == p).any()]
    sizes = [int((data.panel == p).sum()) for p in panels]
    fig, axes = style.new_figure(8.5, 0.34 * sum(sizes) + 0.9 * len(panels) + 0.6, source=source,
                                 nrows=len(panels), sharex=True, squeeze=False, gridspec_kw={"height_ratios": sizes})
    names = {"level": "shares and levels 比重 (% of a whole)", "growth": "growth rates 增长 (% change)"}
    stated_max = float(data.value[~data.redacted].max()) if (~data.redacted).any() else 10.0
    for ax, panel in zip(axes[:, 0], panels):
        rows = data[data.panel == panel].reset_index(drop=True)
        for i, row in rows.iterrows():
            if row.redacted:
                ax.plot([0], [i], marker="x", color=style.HIDDEN, markersize=6, linestyle="", clip_on=False)
                ax.text(0, i, "   ×× hidden on the page", va="center", fontsize=style.TICK, color=style.HIDDEN)
            elif row.kind == "magnitude":
                # A lower bound: a marker at the bound and an arrow, not a bar of that length.
                ax.annotate("", xy=(row.value + 0.12 * stated_max, i), xytext=(row.value, i),
                            arrowprops={"arrowstyle": "->", "color": style.ORANGE})
                ax.plot([row.value], [i], marker="|", markersize=10, color=style.ORANGE)
                ax.text(row.value + 0.13 * stated_max, i, f" {row.raw} (at least {row.value:g}%)", va="center", fontsize=style.TICK)
            else:
                colour = style.BLUE if panel == "level" else style.GREEN
                ax.barh(i, row.value, color=colour, height=0.6)
                plus = "+" if str(row.qualifier).endswith("以上") else ""
                ax.text(row.value, i, f" {row.value:g}%{plus}", va="center", fontsize=style.TICK)
        when = [r.year or r.period or "no year" for r in rows.itertuples()]
        ax.set_yticks(range(len(rows)), [f"{shorten(r.indicator, 18)} ({w})" for r, w in zip(rows.itertuples(), when)])
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_title(names[panel], fontsize=style.LABEL)
        ax.axvline(0, color=style.DARK_GREY, linewidth=0.6)
    axes[-1, 0].set_xlim(0, stated_max * 1.35)
    axes[-1, 0].set_xlabel("per cent")
    fig.suptitle(f"{title}: {int((~data.redacted).sum())} with a value, {int(data.redacted.sum())} hidden",
                 fontsize=style.TITLE, x=0.01, ha="left")
    return fig, data


def plot_redaction_map(claims: pd.DataFrame, *, outline: Outline, source: Source) -> tuple[Figure, pd.DataFrame]:
    """Every claim at its place in the text, cropped to where the claims are; the hidden ones numbered and listed beside."""
    data = claims[["indicator", "raw", "kind", "redacted", "section", "start", "end"]].reset_index(drop=True)
    title = "Where the speech states its figures, and which ones the page hides"
    if data.empty:
        return style.no_data(title, NO_CLAIMS, source=source), data
    hidden = data[data.redacted].reset_index(drop=True)
    low, high = int(data.start.min()), int(data.end.max())
    pad = max(20, (high - low) // 20)
    lo, hi = max(outline.body_start, low - pad), min(outline.body_end, high + pad)
    fig, (ax, listing) = style.new_figure(11, 1.6 + 0.2 * max(len(hidden), 1), source=source, ncols=2,
                                          gridspec_kw={"width_ratios": [3, 1.4]})
    for i, section in enumerate(s for s in outline.walk() if s.level == 2 and s.end > lo and s.start < hi):
        ax.axvspan(max(section.start, lo), min(section.end, hi), color=style.PALE if i % 2 else "white", zorder=0)
        ax.text((max(section.start, lo) + min(section.end, hi)) / 2, 1.0, section.id, ha="center", va="bottom",
                fontsize=style.NOTE, color=style.DARK_GREY)
    stated = data[~data.redacted]
    ax.scatter(stated.start, [0.3] * len(stated), marker="|", s=250, color=style.BLUE, label="stated 已给出")
    ax.scatter(hidden.start, [0.3] * len(hidden), marker="x", s=40, color=style.HIDDEN, label="hidden 隐去 ××")
    # Numbers above the hidden claims, staggered in two rows; the names go in the list beside, so nothing crosses.
    for j, row in hidden.iterrows():
        ax.text(row.start, 0.55 + 0.15 * (j % 2), str(j + 1), ha="center", va="center", fontsize=style.TICK, color=style.HIDDEN)
    ax.set_xlim(lo, hi)
    ax.set_ylim(0, 1)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_xlabel(f"character offset in the raw file ({lo:,}–{hi:,}: where the claims are; shading: sections)")
    listing.set_axis_off()
    handles, labels = ax.get_legend_handles_labels()
    listing.legend(handles, labels, loc="lower left", fontsize=style.TICK)
    lines = [f"{j + 1}  {shorten(r.indicator, 14)} ({r.section})" for j, r in hidden.iterrows()] or ["no value is hidden"]
    listing.text(0, 1, "hidden values 隐去\n" + "\n".join(lines), va="top", ha="left", fontsize=style.TICK,
                 color=style.HIDDEN, linespacing=1.5, transform=listing.transAxes)
    fig.suptitle(title, fontsize=style.TITLE, x=0.01, ha="left")
    return fig, data


def _stated(row) -> str:
    """The value as a reader would write it: the text itself for a bound or a group, ×× for a hidden one."""
    if row.redacted:
        return f"×× {row.unit}".strip()
    if row.kind in AS_STATED:
        return wrap(row.raw, 12, lines=1)
    value = f"{row.value:g}" if abs(row.value) < 1e6 else f"{row.value:,.0f}"
    return f"{value} {row.unit}".strip()


__all__ = ["AS_STATED", "KIND_LABELS", "plot_counts", "plot_rates", "plot_redaction_map", "plot_table", "rate_rows"]
