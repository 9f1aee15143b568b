"""The accuracy report: ``benchmarks/reports/accuracy.md`` and the JSON of its scores."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..reference import load_reference
from .gold import GoldDocument, load_set
from .observed import observe
from .scoring import FIELDS, DocumentScore, Tally, score_document

RULES = """\
Match rules (`src/policytext/evaluation/scoring.py`):

- **title, salutation**: the same string once whitespace (line wraps) is removed.
- **headings**: level, marker (after NFKC, so （一） = (一)) and exact title (whitespace removed, a trailing 。；：， ignored) all equal.
- **boilerplate**: a gold furniture string is found when 80% of its non-space characters are kept out of the text (outside the body, a boilerplate span or a furniture elision); a stretch the package keeps out is right when 80% of it is gold furniture; a line holding only the title (the site's copy of it) counts neither way.
- **redactions**: spans overlap.
- **claims**: spans overlap and value × multiplier and base unit are equal (4704.3亿元 = 470430000000 元; 个百分点 = 百分点); a withheld figure (XX 镇, ___%) has a null value, which matches only a null in the same unit (a number, 0 included, never matches a null). *Kind* and *year* are scored on the matched claims (year only where the gold gives one, stated or implied by the section or the document's date).
- **leaders**: spans overlap and the person is the same; *wrong person* counts references resolved to someone else (or to anyone where the text does not tell).
- **formulas**: spans overlap and the text is the same without quotation marks.
- **reuse** (only documents whose gold lists reuse): a gold clause is found when reused clauses cover half of it; a reused clause is right when half of it lies in gold reuse. Reused clauses: those reusing a source and those whose central wording is a stock formula (both are wording from central texts).
- *from furniture*: the title, headings, claims and reused clauses whose text is mostly gold site furniture (should be none).

Precision is over what the package reported, recall over the gold; "—" where there was nothing to count."""


@dataclass
class Totals:
    fields: dict[str, Tally]
    claim_kind: Tally
    claim_year: Tally
    wrong_person: int
    from_furniture: int

    @classmethod
    def of(cls, scores: Sequence[DocumentScore]) -> Totals:
        totals = cls({name: Tally() for name in FIELDS}, Tally(), Tally(), 0, 0)
        for score in scores:
            for name in FIELDS:
                totals.fields[name].add(score.tallies[name])
            totals.claim_kind.add(score.claim_kind)
            totals.claim_year.add(score.claim_year)
            totals.wrong_person += score.wrong_person
            totals.from_furniture += len(score.from_furniture)
        return totals

    def as_dict(self) -> dict:
        def rounded(x):
            return None if x is None else round(x, 4)

        fields = {name: {"precision": rounded(t.precision), "recall": rounded(t.recall), "f1": rounded(t.f1),
                         "gold": t.gold, "reported": t.reported}
                  for name, t in self.fields.items()}
        return {"fields": fields, "claim_kind_accuracy": rounded(self.claim_kind.recall),
                "claim_year_accuracy": rounded(self.claim_year.recall),
                "wrong_person": self.wrong_person, "from_furniture": self.from_furniture}


def evaluate(directory: str | Path) -> tuple[list[GoldDocument], list[DocumentScore]]:
    """Run the package on every document of the set and score it."""
    golds = load_set(directory)
    reference = load_reference() if any(gold.reuse is not None for gold in golds) else None
    scores = [score_document(gold, observe(gold.path, reference=reference, with_reuse=gold.reuse is not None))
              for gold in golds]
    return golds, scores


def _cell(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def render(golds: Sequence[GoldDocument], scores: Sequence[DocumentScore]) -> str:
    totals = Totals.of(scores)
    lines = ["# Accuracy on the evaluation set", "",
             f"`make eval`: the package run on the {len(golds)} documents of `data/eval/` and scored against their "
             "gold annotations (written by reading each page; format in `data/eval/README.md`).", "", RULES, "",
             "## By field", "", "| field | precision | recall | F1 | gold | reported |", "|---|---|---|---|---|---|"]
    for name, tally in totals.fields.items():
        lines.append(f"| {name} | {_cell(tally.precision)} | {_cell(tally.recall)} | {_cell(tally.f1)} | {tally.gold} | {tally.reported} |")
    lines += ["", f"- claim kind right on matched claims: {_cell(totals.claim_kind.recall)} ({totals.claim_kind.found}/{totals.claim_kind.gold})",
              f"- claim year right where the gold gives one: {_cell(totals.claim_year.recall)} ({totals.claim_year.found}/{totals.claim_year.gold})",
              f"- leader references resolved to the wrong person: {totals.wrong_person}",
              f"- title, headings, claims or reuse taken from site furniture: {totals.from_furniture}", ""]
    by_kind: dict[str, list[DocumentScore]] = defaultdict(list)
    for score in scores:
        by_kind[score.kind].append(score)
    lines += ["## F1 by document kind", "", "| kind | docs | " + " | ".join(FIELDS) + " |",
              "|---|---|" + "---|" * len(FIELDS)]
    for kind in sorted(by_kind):
        kind_totals = Totals.of(by_kind[kind])
        cells = " | ".join(_cell(kind_totals.fields[name].f1) for name in FIELDS)
        lines.append(f"| {kind} | {len(by_kind[kind])} | {cells} |")
    lines += ["", "## Documents", "", "| document | kind | script | features | errors |", "|---|---|---|---|---|"]
    for gold, score in zip(golds, scores, strict=True):
        lines.append(f"| `{gold.name}` | {gold.kind} | {gold.script} | {', '.join(gold.features)} | {len(score.errors)} |")
    lines += ["", "## Errors", "", "`at` is the raw character offset in the document's `.txt`.", ""]
    for score in scores:
        if not score.errors and not score.from_furniture:
            continue
        lines += [f"### {score.name}", "", "| field | error | expected | got | at |", "|---|---|---|---|---|"]
        for error in score.errors:
            cells = [error.field, error.what, error.expected, error.got, str(error.at) if error.at >= 0 else ""]
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
        for item in score.from_furniture:
            lines.append(f"| from furniture | spurious | — | {item.replace('|', chr(92) + '|')} | |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def scores_json(golds: Sequence[GoldDocument], scores: Sequence[DocumentScore]) -> str:
    data = {"documents": len(golds), **Totals.of(scores).as_dict()}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def regressions(committed: dict, now: dict) -> list[str]:
    """The scores of ``now`` that fell below ``committed`` (both as :func:`scores_json` writes them)."""
    fallen = []
    if committed["documents"] != now["documents"]:
        fallen.append(f"the evaluation set changed ({committed['documents']} -> {now['documents']} documents): "
                      "run `make eval` and commit the report")
    for name, before in committed["fields"].items():
        for measure in ("precision", "recall", "f1"):
            value = now["fields"].get(name, {}).get(measure)
            if before[measure] is not None and (value or 0.0) < before[measure]:
                fallen.append(f"{name} {measure}: {value} < {before[measure]}")
    for measure in ("claim_kind_accuracy", "claim_year_accuracy"):
        if committed[measure] is not None and (now[measure] or 0.0) < committed[measure]:
            fallen.append(f"{measure}: {now[measure]} < {committed[measure]}")
    for count in ("wrong_person", "from_furniture"):
        if now[count] > committed[count]:
            fallen.append(f"{count}: {now[count]} > {committed[count]}")
    return fallen
