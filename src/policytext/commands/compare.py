"""``policytext compare PATH``: the speech compared with central phrasing, as CSV or JSON."""

from __future__ import annotations

from pathlib import Path

from ..errors import PolicytextError
from ._common import add_format, add_path, load_document, records, write_csv, write_json

TABLES = ("clauses", "sources", "echoes", "stock", "formulations", "attributions")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "compare", help="reuse of central wording: clauses, sources, later echoes, stock formulas, formulations, attributions")
    add_path(parser)
    parser.add_argument("--reference", type=Path, action="append", default=None, metavar="DIR|FILE",
                        help="reference corpus replacing the bundled one (repeatable): a folder (central/*.txt, "
                             "corpora/*.jsonl[.xz|.gz]), a .txt with a # header, or a .jsonl corpus (title, date, content)")
    parser.add_argument("--add-reference", type=Path, action="append", default=[], metavar="DIR|FILE",
                        help="reference corpus added to the bundled one (or to --reference) (repeatable)")
    parser.add_argument("--table", choices=TABLES, default="clauses",
                        help="which table (default clauses): clauses; sources (reuse by source document and year); "
                             "echoes (central texts dated after the speech); stock (stock formulas); formulations; attributions")
    parser.add_argument("--speech-date", default=None, metavar="YYYY-MM-DD",
                        help="date of the speech; YYYY or YYYY-MM when only the year or month is known (central texts "
                             "of that period may be its sources) (default: from its provenance note, else the latest "
                             "date the text names)")
    add_format(parser, ("csv", "json"), "csv")
    parser.set_defaults(handler=run)


def comparison_table(document, *, reference=None, table: str = "clauses", speech_date=None):
    """The table the command prints, with exactly its documented columns."""
    from ..analysis import Analysis
    from ..compare import (
        ATTRIBUTION_COLUMNS,
        CLAUSE_COLUMNS,
        ECHO_COLUMNS,
        FORMULATION_TABLE_COLUMNS,
        SOURCE_COLUMNS,
    )
    from ..compare.sources import STOCK_COLUMNS

    comparison = Analysis(document, reference=reference, speech_date=speech_date).comparison()
    if table == "formulations":
        return comparison.formulations[list(FORMULATION_TABLE_COLUMNS)]
    if table == "attributions":
        return comparison.attributions[list(ATTRIBUTION_COLUMNS)]
    if table == "sources":
        return comparison.sources[list(SOURCE_COLUMNS)]
    if table == "echoes":
        return comparison.echoes[list(ECHO_COLUMNS)]
    if table == "stock":
        return comparison.stock[list(STOCK_COLUMNS)]
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
    reference = load_reference(args.reference, add=args.add_reference)
    frame = comparison_table(load_document(args), reference=reference, table=args.table, speech_date=args.speech_date)
    if args.format == "json":
        write_json(records(frame))
    else:
        write_csv(frame)
    return 0
