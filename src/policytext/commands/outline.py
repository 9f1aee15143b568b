"""``policytext outline PATH``: the document's outline as JSON or a text tree."""

from __future__ import annotations

from ..outline import render_tree
from ._common import add_format, add_path, load_document, write_json, write_text


def register(subparsers) -> None:
    parser = subparsers.add_parser("outline", help="title, boilerplate, redactions, truncation and the section tree")
    add_path(parser)
    add_format(parser, ("json", "text"), "json")
    parser.set_defaults(handler=run)


def outline_payload(document) -> dict:
    outline = document.outline
    return {
        "title": outline.title_text if outline.title else None,
        "page_title": document.page_title,
        "encoding": document.encoding,
        "truncated": document.truncated,
        "truncation": document.truncation.reason,
        "body": {"start": document.body_start, "end": document.body_end},
        "salutation": outline.salutation.as_dict() if outline.salutation else None,
        "redactions": [{"text": s.text, "start": s.start, "end": s.end} for s in document.redactions],
        "boilerplate": [{"text": s.text, "start": s.start, "end": s.end, "rule": s.kind} for s in document.boilerplate],
        "provenance": document.provenance,
        "sections": [section.as_dict() for section in outline.sections],
    }


def run(args) -> int:
    document = load_document(args)
    if args.format == "text":
        write_text(render_tree(document.outline))
    else:
        write_json(outline_payload(document))
    return 0
