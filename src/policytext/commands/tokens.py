"""``policytext tokens PATH``: the body segmented into tokens with raw offsets."""

from __future__ import annotations

from ._common import add_format, add_path, load_document, write_json


def register(subparsers) -> None:
    parser = subparsers.add_parser("tokens", help="segment the body (jieba + the political lexicon)")
    add_path(parser)
    add_format(parser, ("json", "text"), "json")
    parser.add_argument("--keep-quoted", action="store_true", help="keep short quoted slogans as one token")
    parser.set_defaults(handler=run)


def document_tokens(document, *, keep_quoted: bool = False) -> list[dict]:
    """Tokens of the body, matched on the normalised text, reported as raw slices with raw offsets."""
    from ..segment import default_tokenizer

    offset = document.body_start
    tokens = default_tokenizer().tokenize(document.norm[offset : document.body_end], keep_quoted=keep_quoted)
    return [
        {"token": document.raw[offset + t.start : offset + t.end], "start": offset + t.start, "end": offset + t.end, "kind": t.kind}
        for t in tokens
        if t.kind != "space"
    ]


def run(args) -> int:
    tokens = document_tokens(load_document(args), keep_quoted=args.keep_quoted)
    if args.format == "text":
        print(" ".join(t["token"] for t in tokens))
    else:
        write_json(tokens)
    return 0
