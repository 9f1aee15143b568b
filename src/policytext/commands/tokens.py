"""``policytext tokens PATH``: the body segmented into tokens with raw offsets.

The output is streamed: the body is segmented a stretch at a time (cut only
after a line end or a sentence end outside quotation marks, where no token can
span) and each stretch's tokens are written before the next is cut, so memory
stays bounded however long the input.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator

from ..terminal import json_safe, printable
from ._common import add_format, add_path, load_document

#: Characters of body segmented at once; tokens of one stretch are written before the next is cut.
STRETCH = 64 * 1024
_SAFE_CUT = re.compile(r"[\n。！？!?]+")


def register(subparsers) -> None:
    parser = subparsers.add_parser("tokens", help="segment the body (jieba + the political lexicon)")
    add_path(parser)
    add_format(parser, ("json", "text"), "json")
    parser.add_argument("--keep-quoted", action="store_true", help="keep short quoted slogans as one token")
    parser.set_defaults(handler=run)


def stretches(text: str, *, size: int = STRETCH) -> Iterator[tuple[int, int]]:
    """``(start, end)`` pieces tiling ``text``, each about ``size`` long, cut after a sentence or line end.

    No cut falls inside a quotation short enough to be one quoted token
    (``--keep-quoted``): the last “ before a cut must be closed, or too far back.
    """
    start = 0
    while len(text) - start > size:
        cut = next((m.end() for m in _SAFE_CUT.finditer(text, start + size) if _outside_short_quote(text, m.end())), None)
        if cut is None or cut >= len(text):
            break
        yield start, cut
        start = cut
    if start < len(text):
        yield start, len(text)


def _outside_short_quote(text: str, cut: int) -> bool:
    from ..segment import MAX_QUOTED

    window = text[max(0, cut - MAX_QUOTED - 2) : cut]
    opened = window.rfind("“")
    return opened == -1 or "”" in window[opened:]


def iter_document_tokens(document, *, keep_quoted: bool = False, size: int = STRETCH) -> Iterator[dict]:
    """Tokens of the body, matched on the normalised text, reported as raw slices with raw offsets."""
    from ..segment import default_tokenizer

    tokenizer = default_tokenizer()
    body = document.norm[document.body_start : document.body_end]
    for a, b in stretches(body, size=size):
        offset = document.body_start + a
        for t in tokenizer.tokenize(body[a:b], keep_quoted=keep_quoted):
            if t.kind != "space":
                yield {"token": document.raw[offset + t.start : offset + t.end], "start": offset + t.start,
                       "end": offset + t.end, "kind": t.kind}


def document_tokens(document, *, keep_quoted: bool = False) -> list[dict]:
    """All of :func:`iter_document_tokens` as a list (for a short text)."""
    return list(iter_document_tokens(document, keep_quoted=keep_quoted))


def run(args) -> int:
    tokens = iter_document_tokens(load_document(args), keep_quoted=args.keep_quoted)
    out = sys.stdout
    if args.format == "text":
        first = True
        for token in tokens:
            out.write(("" if first else " ") + printable(token["token"]))
            first = False
        out.write("\n")
        return 0
    # A JSON array written one token a line, as the tokens come.
    count = 0
    out.write("[")
    for token in tokens:
        out.write(("," if count else "") + "\n  " + json_safe(json.dumps(token, ensure_ascii=False)))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return 0
