"""``policytext read [PATH]``: the reading page, one self-contained HTML file with every layer on the text."""

from __future__ import annotations

import os
from pathlib import Path

from .. import paths


def register(subparsers) -> None:
    from .run import DOC_ENV

    parser = subparsers.add_parser(
        "read",
        help="write the annotated reading page (one self-contained HTML file)",
        description=(
            "Write one HTML file that shows the text under its outline with every layer of the analysis "
            "(quotations, formulas, parallelism, directives, indicators, central reuse, redactions, site "
            "furniture) to turn on and off; it needs no network and can be e-mailed as it is."
        ),
    )
    parser.add_argument("path", nargs="?", type=Path, default=None,
                        help=f"a speech (default: ${DOC_ENV} if set, else the default document)")
    parser.add_argument("--out", type=Path, default=None, metavar="FILE.html",
                        help="where to write it (default: beside the document's figures, as `policytext run` does: "
                             "figures/00_reading.html for the default document, figures/<doc-id>/00_reading.html else)")
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="interface language (default en)")
    parser.add_argument("--reference", type=Path, default=None, metavar="DIR|FILE",
                        help="reference texts for the reuse layer (as for `policytext compare`)")
    parser.add_argument("--speech-date", default=None, metavar="YYYY-MM-DD")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..document import load
    from ..reading_page import tables_of, write
    from .compare import checked_speech_date
    from .run import DOC_ENV, READING_PAGE

    path = args.path or (Path(os.environ[DOC_ENV]) if os.environ.get(DOC_ENV) else paths.default_document())
    document = load(path)
    speech_date = checked_speech_date(args.speech_date)
    if args.out is not None:
        out = args.out
    else:
        out = paths.output_folders(path).figures / READING_PAGE  # the default document's folder is figures/ itself
    figures_dir = out.parent if any(out.parent.glob("*.png")) else None
    tables = tables_of(document, reference=args.reference, speech_date=speech_date)
    written = write(document, tables, out, figures_dir=figures_dir, language=args.lang)
    # The page's path on stdout, for scripts; its size, since it is meant to be e-mailed.
    print(f"{written} ({written.stat().st_size / 1e6:.2f} MB)")
    return 0
