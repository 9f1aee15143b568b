"""``policytext indicators PATH``: every quantitative claim, as CSV or JSON."""

from __future__ import annotations

from ._common import add_format, add_path, load_document, records, write_csv, write_json


def register(subparsers) -> None:
    parser = subparsers.add_parser("indicators", help="quantitative claims: indicator, value, unit, kind, span")
    add_path(parser)
    add_format(parser, ("csv", "json"), "csv")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..analysis import Analysis

    table = Analysis(load_document(args)).indicators()
    if args.format == "json":
        write_json(records(table))
    else:
        write_csv(table)
    return 0
