"""The ``policytext`` command line.

Each subcommand lives in ``policytext.commands.<name>`` and registers itself
with :func:`register`. Errors the user can cause are one line on stderr and
exit code 2; set ``POLICYTEXT_DEBUG=1`` to see a traceback for anything else.
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
import warnings
from collections.abc import Sequence

from .errors import PolicytextError
from .reading import DEFAULT_MAX_INPUT_BYTES, MAX_INPUT_ENV, max_input_bytes, parse_size
from .terminal import printable

COMMANDS = ("outline", "tokens", "rhetoric", "indicators", "compare", "read", "corpus", "run", "report", "formats")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="policytext", description="Take a Chinese policy speech apart.")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"policytext.commands.{name}").register(subparsers)
    # Every command reads input files, so every command takes the input limit.
    for command in subparsers.choices.values():
        command.add_argument(
            "--max-input-size", default=None, metavar="SIZE",
            help=f"refuse input files larger than this (default {DEFAULT_MAX_INPUT_BYTES // 2**20}M, "
                 f"or ${MAX_INPUT_ENV}); e.g. 200M, 1G",
        )
    return parser


def _one_line_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"policytext: warning: {printable(str(message))}", file=file or sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    # Warnings (a degraded but usable input) are one line too, without source lines.
    warnings.showwarning = _one_line_warning
    args = build_parser().parse_args(argv)
    saved_limit = os.environ.get(MAX_INPUT_ENV)
    saved_term = _terminate_as_interrupt()
    try:
        if sys.stdout is None or sys.stdout.closed:
            raise PolicytextError("standard output is closed; redirect it to a file or /dev/null instead")
        if args.max_input_size is not None:
            # Through the environment, so corpus workers and notebook kernels see the same limit.
            os.environ[MAX_INPUT_ENV] = str(parse_size(args.max_input_size))
        max_input_bytes()  # a malformed $POLICYTEXT_MAX_INPUT_BYTES is one line now, not later in a worker
        code = args.handler(args) or 0
        sys.stdout.flush()  # a full disk or a closed pipe shows here, while errors are still reported
        return code
    except PolicytextError as exc:
        _error(str(exc))
        return 2
    except KeyboardInterrupt:
        print("policytext: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head`: the reader has gone, which is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        # The environment refused: a full disk, a read-only or missing output folder, an unwritable cache.
        _error(describe_os_error(exc))
        _drop_pending_output()
        return 2
    except Exception as exc:  # noqa: BLE001 - a research tool shows one line, not a traceback
        if os.environ.get("POLICYTEXT_DEBUG"):
            raise
        _error(f"internal error: {type(exc).__name__}: {exc} (rerun with POLICYTEXT_DEBUG=1 for details)", prefix="")
        return 1
    finally:
        if saved_term is not None:
            signal.signal(signal.SIGTERM, saved_term)
        if saved_limit is None:
            os.environ.pop(MAX_INPUT_ENV, None)
        else:
            os.environ[MAX_INPUT_ENV] = saved_limit


def _drop_pending_output() -> None:
    # Output still buffered for a full or broken stdout would fail again at exit, with a second message.
    try:
        sys.stdout.flush()
    except (OSError, ValueError, AttributeError):
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass


def _terminate_as_interrupt():
    """SIGTERM unwinds like Ctrl-C, so that cleanup (temporary files, worker processes) runs; the old handler."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, interrupt)
    except (ValueError, AttributeError, OSError):  # not the main thread, or no SIGTERM here
        return None


def describe_os_error(exc: OSError) -> str:
    """One line for an operating-system refusal: what was refused, and why."""
    where = next((str(name) for name in (exc.filename, exc.filename2) if name), "")
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"{where}: {reason}" if where else f"cannot write the output: {reason}"


def _error(message: str, *, prefix: str = "error: ") -> None:
    # Input text may reach a message (a file name, a quoted line): never let it drive the terminal.
    print(f"policytext: {prefix}{printable(message)}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
