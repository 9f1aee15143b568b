"""``policytext corpus DIR_OR_FILES… --out DIR``: one profile row per document, detail tables beside."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import PolicytextError


def register(subparsers) -> None:
    parser = subparsers.add_parser("corpus", help="analyse many documents: a profile row each, plus detail tables")
    parser.add_argument("inputs", nargs="+", help="files (.txt, .html, .docx) or folders holding them")
    parser.add_argument("--out", type=Path, required=True, help="folder for corpus_documents.csv and <doc-id>/ tables")
    parser.add_argument("--workers", type=int, default=None, help="processes to use at most (default: all cores; a small corpus runs in one)")
    parser.add_argument("--reference", default=None, help="central corpus folder or JSON-lines file (default data/reference)")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..corpus import analyse_corpus, collect_paths, profiles_frame, write_corpus

    if args.workers is not None and args.workers < 1:
        raise PolicytextError("--workers must be at least 1")
    paths = collect_paths(args.inputs)
    results = analyse_corpus(paths, workers=args.workers, reference=args.reference)
    written = write_corpus(results, outdir=args.out)
    frame = profiles_frame(results)
    failed = frame[frame.error != ""]
    for row in failed.itertuples():
        print(f"policytext: skipped {row.document}: {row.error}", file=sys.stderr)
    print(f"{len(frame) - len(failed)} documents analysed, {len(failed)} skipped; {len(written)} tables in {args.out}")
    if len(failed) == len(frame):
        raise PolicytextError("no document could be analysed")
    return 0
