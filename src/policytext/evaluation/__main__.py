"""``python -m policytext.evaluation [EVAL_DIR] [--out REPORT.md]``: score the package on the evaluation set."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import PolicytextError
from .report import evaluate, render, scores_json


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m policytext.evaluation", description=__doc__)
    parser.add_argument("directory", nargs="?", default="data/eval", help="the evaluation set (default: data/eval)")
    parser.add_argument("--out", default="benchmarks/reports/accuracy.md",
                        help="the report to write; its scores go beside it as .json")
    args = parser.parse_args(argv)
    try:
        golds, scores = evaluate(args.directory)
    except PolicytextError as error:
        print(f"policytext eval: {error}", file=sys.stderr)
        return 2
    report = render(golds, scores)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report, encoding="utf-8")
    out.with_suffix(".json").write_text(scores_json(golds, scores), encoding="utf-8")
    print(report.split("## F1 by document kind")[0].split("## By field")[1].strip())
    print(f"\nreport: {out} (scores: {out.with_suffix('.json')})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
