"""``policytext run``: execute every notebook headless (the main job)."""

from __future__ import annotations

from pathlib import Path

from .. import paths


def register(subparsers) -> None:
    parser = subparsers.add_parser("run", help="execute all notebooks, writing figures/ and data/processed/")
    parser.add_argument("--doc", type=Path, default=None, help="a speech to analyse instead of the default document")
    parser.add_argument("--figures", type=Path, default=None, help="figures folder (default: figures/)")
    parser.add_argument("--processed", type=Path, default=None, help="tables folder (default: data/processed/)")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..document import load
    from ..runner import run_notebooks

    if args.doc is not None:
        load(args.doc)  # fail early, with one line, before any kernel starts
    root = paths.project_root()
    run_notebooks(
        doc=args.doc.resolve() if args.doc else None,
        figures_dir=(args.figures or root / "figures").resolve(),
        processed_dir=(args.processed or root / "data" / "processed").resolve(),
        executed_dir=root / "build" / "notebooks",
    )
    return 0
