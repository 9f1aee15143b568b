"""The ``policytext`` command line.

Each subcommand lives in ``policytext.commands.<name>`` and registers itself
with :func:`register`. Errors the user can cause are one line on stderr and
exit code 2; set ``POLICYTEXT_DEBUG=1`` to see a traceback for anything else.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import warnings
from collections.abc import Sequence

from .errors import PolicytextError

COMMANDS = ("outline", "tokens", "rhetoric", "indicators", "compare", "corpus", "run")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="policytext", description="Take a Chinese policy speech apart.")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"policytext.commands.{name}").register(subparsers)
    return parser


def _one_line_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"policytext: warning: {message}", file=file or sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    # Warnings (a degraded but usable input) are one line too, without source lines.
    warnings.showwarning = _one_line_warning
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args) or 0
    except PolicytextError as exc:
        print(f"policytext: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("policytext: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head`: the reader has gone, which is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 - a research tool shows one line, not a traceback
        if os.environ.get("POLICYTEXT_DEBUG"):
            raise
        print(f"policytext: internal error: {type(exc).__name__}: {exc} (rerun with POLICYTEXT_DEBUG=1 for details)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
