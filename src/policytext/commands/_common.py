"""Helpers shared by the subcommands: loading a path and writing results."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from itertools import islice
from typing import Any

import pandas as pd

from ..document import Document, load
from ..terminal import json_safe, printable


_JSON_BATCH = 8192


def add_path(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", help="a speech as a text file (any common encoding)")


def add_format(parser: argparse.ArgumentParser, choices: Sequence[str], default: str) -> None:
    parser.add_argument("--format", choices=choices, default=default, help=f"output format (default {default})")


def load_document(args: argparse.Namespace) -> Document:
    return load(args.path)


def write_json(payload: Any) -> None:
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2, default=_jsonable)
    # Streamed in batches: the encoder yields millions of tiny chunks for a long document,
    # and one escape pass and one write per chunk cost more than encoding them.
    chunks = encoder.iterencode(payload)
    while batch := list(islice(chunks, _JSON_BATCH)):
        sys.stdout.write(json_safe("".join(batch)))
    sys.stdout.write("\n")


def write_csv(frame: pd.DataFrame) -> None:
    text = frame.to_csv(index=False, lineterminator="\n")
    # On a terminal, escape codes from the input are spelled out; into a file or a pipe the data stays exact.
    sys.stdout.write(printable(text) if sys.stdout.isatty() else text)


def write_text(text: str) -> None:
    """Text for a person to read: escape codes from the input spelled out."""
    sys.stdout.write(printable(text) + "\n")


def records(frame: pd.DataFrame) -> list[dict]:
    """DataFrame rows as JSON-ready dicts (NaN becomes null)."""
    return json.loads(frame.to_json(orient="records", force_ascii=False))


def _jsonable(value: Any) -> Any:
    if hasattr(value, "item"):
        return value.item()
    if hasattr(value, "as_dict"):
        return value.as_dict()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")



