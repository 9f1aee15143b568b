"""``policytext corpus DIR_OR_FILES… --out DIR``: one profile row per document, detail tables beside.

A document that cannot be analysed (unreadable, undecodable, a broken .docx, a
worker that died on it) is a row with its one-line error; the good results are
written whatever happens to the others. The exit code is 0 unless ``--strict``
is given and some document failed (then 1), or nothing at all could be
analysed (2). The output folder is checked before any analysis starts.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import PolicytextError
from ..output import check_output_folder


def register(subparsers) -> None:
    parser = subparsers.add_parser("corpus", help="analyse many documents: a profile row each, plus detail tables")
    parser.add_argument("inputs", nargs="+", help="files (.txt, .html, .docx) or folders holding them")
    parser.add_argument("--out", type=Path, required=True, help="folder for corpus_documents.csv and <doc-id>/ tables")
    parser.add_argument("--workers", type=int, default=None, help="processes to use at most (default: all cores; a small corpus runs in one)")
    parser.add_argument("--reference", default=None, help="reference corpus instead of the bundled one: a folder, a .txt with a # header or a JSON-lines file")
    parser.add_argument("--strict", action="store_true", help="exit with code 1 when any document could not be analysed")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..corpus import analyse_corpus, collect_inputs, error_result, profiles_frame, write_corpus
    from ..terminal import display_path, printable

    if args.workers is not None and args.workers < 1:
        raise PolicytextError("--workers must be at least 1")
    check_output_folder(args.out)  # before minutes of analysis, not after
    paths, unreadable = collect_inputs(args.inputs)
    results = analyse_corpus(paths, workers=args.workers, reference=args.reference) if paths else []
    results += [error_result(folder, f"folder {reason}") for folder, reason in unreadable]
    written = write_corpus(results, outdir=args.out)
    frame = profiles_frame(results)
    failed = frame[frame.error != ""]
    for row in failed.itertuples():
        # Most errors already start with the file's name; do not say it twice.
        message = row.error if row.error.startswith(f"{row.document}: ") else f"{row.document}: {row.error}"
        print(f"policytext: failed: {message}", file=sys.stderr)
    print(f"{len(frame) - len(failed)} documents analysed, {len(failed)} failed; "
          f"{len(written)} tables in {printable(display_path(args.out))}")
    if len(failed) == len(frame):
        raise PolicytextError("no document could be analysed")
    return 1 if args.strict and len(failed) else 0
