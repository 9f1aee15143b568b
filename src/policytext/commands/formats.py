"""``policytext formats [PATH]``: which files are read, how, and what their raw text is."""

from __future__ import annotations

from pathlib import Path

from ..formats import READERS, UNSUPPORTED_SUFFIXES, reader_for


def register(subparsers) -> None:
    parser = subparsers.add_parser("formats", help="list the file formats read and how each is read")
    parser.add_argument("path", nargs="?", default=None, help="only say how this file would be read (it is not opened)")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from .. import pdf
    from ..reading import human_size, max_input_bytes

    if args.path is not None:
        suffixes, how, raw = reader_for(Path(args.path))
        print(f"{args.path}: {suffixes}\n  read: {how}\n  raw text (what offsets count): {raw}")
        return 0
    for suffixes, how, raw in READERS:
        print(f"{suffixes}\n  read: {how}\n  raw text (what offsets count): {raw}")
    print(f"every file: at most {human_size(max_input_bytes())} (POLICYTEXT_MAX_INPUT_BYTES or --max-input-size to change)")
    print(
        f"PDF limits: {pdf.MAX_PAGES} pages, "
        f"{pdf.MAX_STREAM_BYTES // 2**20} MB per decompressed stream, {pdf.MAX_DECODED_BYTES // 2**20} MB in all, "
        f"{pdf.MAX_DRAWING_CONTENT_BYTES // 2**20} MB of drawing instructions over all pages "
        f"({pdf.MAX_PAGE_CONTENT_BYTES // 2**20} MB once pages above {pdf.HEAVY_PAGE_BYTES // 2**20} MB are stripped of their drawing), "
        "a stream above 256 KB at most 100 times its packed size"
    )
    print("refused with one line (exit code 2): " + " ".join(sorted(UNSUPPORTED_SUFFIXES)))
    return 0
