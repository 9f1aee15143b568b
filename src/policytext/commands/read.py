"""``policytext read PATH``: the reading page, one self-contained HTML file with every layer on the text."""

from __future__ import annotations

from pathlib import Path

from .. import paths
from ._common import add_path, load_document


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "read",
        help="write the annotated reading page (one self-contained HTML file)",
        description=(
            "Write one HTML file that shows the text under its outline with every layer of the analysis "
            "(quotations, formulas, parallelism, directives, indicators, central reuse, redactions, site "
            "furniture) to turn on and off; it needs no network and can be e-mailed as it is."
        ),
    )
    add_path(parser)
    parser.add_argument("--out", type=Path, default=None, metavar="FILE.html",
                        help="where to write it (default: figures/<doc-id>/00_reading.html in the project)")
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="interface language (default en)")
    parser.add_argument("--reference", type=Path, default=None, metavar="DIR|FILE",
                        help="reference texts for the reuse layer (as for `policytext compare`)")
    parser.add_argument("--speech-date", default=None, metavar="YYYY-MM-DD")
    parser.set_defaults(handler=run)


def run(args) -> int:
    import sys

    from ..reading_page import tables_of, write
    from .compare import checked_speech_date

    document = load_document(args)
    speech_date = checked_speech_date(args.speech_date)
    out = args.out if args.out is not None else paths.figures_dir() / paths.document_id(Path(args.path)) / "00_reading.html"
    figures_dir = out.parent if any(out.parent.glob("*.png")) else None
    tables = tables_of(document, reference=args.reference, speech_date=speech_date)
    written = write(document, tables, out, figures_dir=figures_dir, language=args.lang)
    print(f"wrote {written} ({written.stat().st_size / 1e6:.2f} MB)", file=sys.stderr)
    return 0
