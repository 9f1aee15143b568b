"""``policytext compare PATH``: the speech compared with central phrasing, as CSV or JSON."""

from __future__ import annotations

from pathlib import Path

from ..errors import PolicytextError
from ._common import add_format, add_path, load_document, records, write_csv, write_json

TABLES = ("clauses", "formulations", "attributions")


def register(subparsers) -> None:
    parser = subparsers.add_parser("compare", help="reuse of central wording: clauses, formulations, attributed quotations")
    add_path(parser)
    parser.add_argument("--reference", type=Path, default=None, metavar="DIR|FILE",
                        help="reference texts: a folder of #-header .txt files (or one holding central/), "
                             "or a .jsonl corpus (title, date, content); default data/reference/")
    parser.add_argument("--table", choices=TABLES, default="clauses", help="which table (default clauses)")
    parser.add_argument("--speech-date", default=None, metavar="YYYY-MM-DD",
                        help="date of the speech (default: from its provenance note)")
    add_format(parser, ("csv", "json"), "csv")
    parser.set_defaults(handler=run)


def comparison_table(document, *, reference=None, table: str = "clauses", speech_date=None):
    """The table the command prints, with exactly its documented columns."""
    from ..compare import ATTRIBUTION_COLUMNS, CLAUSE_COLUMNS, FORMULATION_TABLE_COLUMNS, compare

    comparison = compare(document, reference, speech_date=speech_date)
    if table == "formulations":
        return comparison.formulations[list(FORMULATION_TABLE_COLUMNS)]
    if table == "attributions":
        return comparison.attributions[list(ATTRIBUTION_COLUMNS)]
    return comparison.clauses[list(CLAUSE_COLUMNS)]


def checked_speech_date(value: str | None) -> str | None:
    """``--speech-date`` as given, once it is known to be a real date (2024-02-30 is not)."""
    from ..compare import parse_date

    if value is None:
        return None
    try:
        parsed = parse_date(value)
    except ValueError as exc:  # the form is right, the day is not: date() says which part
        raise PolicytextError(f"--speech-date {value!r} is not a real date ({exc})") from None
    if parsed is None:
        raise PolicytextError(f"--speech-date {value!r} is not a date (YYYY-MM-DD)")
    return value


def run(args) -> int:
    from ..reference import load_reference

    args.speech_date = checked_speech_date(args.speech_date)  # before the reference and the speech are read
    # The reference is checked before the speech is segmented: a wrong path is one line, at once.
    reference = load_reference(args.reference)
    frame = comparison_table(load_document(args), reference=reference, table=args.table, speech_date=args.speech_date)
    if args.format == "json":
        write_json(records(frame))
    else:
        write_csv(frame)
    return 0
