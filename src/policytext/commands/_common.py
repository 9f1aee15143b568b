"""Helpers shared by the subcommands: loading a path and writing results."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

import pandas as pd

from ..document import Document, load


def add_path(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", help="a speech as a text file (any common encoding)")


def add_format(parser: argparse.ArgumentParser, choices: Sequence[str], default: str) -> None:
    parser.add_argument("--format", choices=choices, default=default, help=f"output format (default {default})")


def load_document(args: argparse.Namespace) -> Document:
    return load(args.path)


def write_json(payload: Any) -> None:
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2, default=_jsonable)
    sys.stdout.write("\n")


def write_csv(frame: pd.DataFrame) -> None:
    frame.to_csv(sys.stdout, index=False, lineterminator="\n")


def records(frame: pd.DataFrame) -> list[dict]:
    """DataFrame rows as JSON-ready dicts (NaN becomes null)."""
    return json.loads(frame.to_json(orient="records", force_ascii=False))


def _jsonable(value: Any) -> Any:
    if hasattr(value, "item"):
        return value.item()
    if hasattr(value, "as_dict"):
        return value.as_dict()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")



