"""``policytext formats``: which files are read, how, and what their raw text is."""

from __future__ import annotations

from ..formats import READERS, UNSUPPORTED_SUFFIXES


def register(subparsers) -> None:
    parser = subparsers.add_parser("formats", help="list the file formats read and how each is read")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from .. import pdf
    from ..reading import human_size, max_input_bytes

    for suffixes, how, raw in READERS:
        print(f"{suffixes}\n  read: {how}\n  raw text (what offsets count): {raw}")
    print(f"every file: at most {human_size(max_input_bytes())} (POLICYTEXT_MAX_INPUT_BYTES or --max-input-size to change)")
    print(
        f"PDF limits: {pdf.MAX_PAGES} pages, "
        f"{pdf.MAX_STREAM_BYTES // 2**20} MB per decompressed stream, {pdf.MAX_DECODED_BYTES // 2**20} MB in all"
    )
    print("refused with one line (exit code 2): " + " ".join(sorted(UNSUPPORTED_SUFFIXES)))
    return 0
