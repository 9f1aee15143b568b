"""Which central texts a speech draws on, how old they were, and how much is stock wording.

Both tables are summaries of the clause table (:func:`.reuse.compare_clauses`):
every number in them adds up clause rows, whose raw spans are in that table.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from .dating import date_bounds

__all__ = ["SOURCE_COLUMNS", "STOCK_COLUMNS", "reuse_by_source", "stock_share"]

SOURCE_COLUMNS = (
    "source_id", "source_title", "source_date", "year", "age_days", "clauses", "characters", "share",
    "verbatim", "near-verbatim", "paraphrase", "stretches", "first_start", "first_end", "sections",
)
STOCK_COLUMNS = ("stock_formula", "clauses", "characters", "share", "first_start", "first_end", "sections")
_REUSED = ("verbatim", "near-verbatim", "paraphrase")


def _reused_characters(row) -> int:
    if row["class"] == "paraphrase":
        return int(row["end"] - row["start"])
    return int(row["aligned_end"] - row["aligned_start"])


def reuse_by_source(clause_table: pd.DataFrame, speech_date: date | None) -> pd.DataFrame:
    """One row per central document the speech reuses: clauses, reused characters, share, age at the speech.

    ``characters`` counts the aligned characters of verbatim and
    near-verbatim clauses and whole paraphrased clauses (as
    :func:`.reuse.coverage` does); ``share`` divides by all clause
    characters of the speech. ``age_days``: days from the source's latest
    possible day to the speech's earliest; negative for a source of the
    speech's own year when the speech is known only by its year (it may
    have come out before or after the speech). Sorted by characters, most first.
    """
    total = int((clause_table.end - clause_table.start).sum()) if len(clause_table) else 0
    reused = clause_table[clause_table["class"].isin(_REUSED)]
    rows = []
    for source_id, group in reused.groupby("source_id", sort=False):
        first = group.sort_values("start").iloc[0]
        earliest, latest = date_bounds(first.source_date)
        characters = sum(_reused_characters(row) for row in group.to_dict("records"))
        counts = group["class"].value_counts()
        rows.append({
            "source_id": source_id, "source_title": first.source_title, "source_date": first.source_date,
            "year": earliest.year if earliest.year == latest.year else pd.NA,
            "age_days": (speech_date - latest).days if speech_date and latest != date.max else pd.NA,
            "clauses": len(group), "characters": characters,
            "share": round(characters / total, 4) if total else 0.0,
            **{cls: int(counts.get(cls, 0)) for cls in _REUSED},
            "stretches": int(group.stretch.dropna().nunique()),
            "first_start": int(first.start), "first_end": int(first.end),
            "sections": " ".join(dict.fromkeys(str(s) for s in group.section)),
        })
    frame = pd.DataFrame(rows, columns=list(SOURCE_COLUMNS))
    frame = frame.sort_values(["characters", "source_id"], ascending=[False, True]).reset_index(drop=True)
    for column in ("year", "age_days"):
        frame[column] = frame[column].astype("Int64")
    return frame


def stock_share(clause_table: pd.DataFrame) -> pd.DataFrame:
    """One row per stock formula the speech uses, and a last row ``all``: clauses, characters, share of the speech.

    ``characters`` counts the stock wording's aligned characters in the
    speech; ``share`` divides by all clause characters.
    """
    total = int((clause_table.end - clause_table.start).sum()) if len(clause_table) else 0
    stock = clause_table[clause_table.stock_formula != ""]
    rows = []
    for phrase, group in stock.groupby("stock_formula", sort=False):
        characters = int((group.stock_end - group.stock_start).sum())
        first = group.sort_values("start").iloc[0]
        rows.append({
            "stock_formula": phrase, "clauses": len(group), "characters": characters,
            "share": round(characters / total, 4) if total else 0.0,
            "first_start": int(first.stock_start), "first_end": int(first.stock_end),
            "sections": " ".join(dict.fromkeys(str(s) for s in group.section)),
        })
    rows.sort(key=lambda r: (-r["characters"], r["stock_formula"]))
    characters = sum(r["characters"] for r in rows)
    rows.append({"stock_formula": "all", "clauses": sum(r["clauses"] for r in rows), "characters": characters,
                 "share": round(characters / total, 4) if total else 0.0,
                 "first_start": pd.NA, "first_end": pd.NA, "sections": ""})
    frame = pd.DataFrame(rows, columns=list(STOCK_COLUMNS))
    for column in ("first_start", "first_end"):
        frame[column] = frame[column].astype("Int64")
    return frame
