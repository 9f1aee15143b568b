"""``policytext rhetoric PATH``: quotations, formulas, enumerations, parallelism, 四字格, directives, leader references."""

from __future__ import annotations

from ._common import add_format, add_path, load_document, write_csv, write_json

_CSV_HELP = (
    "with --format csv, the one table to print (default quotations); "
    "parallelisms is one row per member with its group and template, enumerations one row per item"
)


def register(subparsers) -> None:
    from ..rhetoric import TABLES

    parser = subparsers.add_parser(
        "rhetoric",
        help="rhetorical devices with their raw character spans",
        description=(
            "Find quotations (with kind and speaker), numbered formulas, enumerations, parallelism (排比) groups "
            "with their template, four-character expressions, directive language and leader references. "
            "JSON (default) prints one object with a key per table; every item has raw start/end offsets. "
            "CSV prints one table, chosen with --table."
        ),
    )
    add_path(parser)
    add_format(parser, ("json", "csv"), "json")
    parser.add_argument("--table", choices=TABLES, default="quotations", help=_CSV_HELP)
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..analysis import Analysis

    analysis = Analysis(load_document(args))
    if args.format == "csv":
        write_csv(analysis.rhetoric_tables()[args.table])
    else:
        write_json(analysis.rhetoric_payload())
    return 0
