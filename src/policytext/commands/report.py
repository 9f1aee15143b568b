"""``policytext report``: the executed notebooks of a run as HTML, Chinese readable without CJK fonts.

The notebooks exported are those of the document given (the same folder rule
as ``policytext run --doc``), so ``make report DOC=x`` shares x's analysis,
not the default speech's.
"""

from __future__ import annotations

import os
from pathlib import Path

from .. import paths
from .run import DOC_ENV


def register(subparsers) -> None:
    parser = subparsers.add_parser("report", help="export the executed notebooks of a run to HTML (font embedded)")
    parser.add_argument("--doc", type=Path, default=None,
                        help=f"the document the notebooks were run on (default: ${DOC_ENV} if set, else the default speech)")
    parser.add_argument("--out", type=Path, default=None, help="folder for the HTML files (default: reports/, or reports/<doc-id>/)")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..errors import InputError
    from ..html_report import export_reports

    if args.doc is None and os.environ.get(DOC_ENV):
        args.doc = Path(os.environ[DOC_ENV])  # how `make report DOC=…` passes it: no shell in between
    if args.doc is not None and not args.doc.is_file():
        raise InputError(f"{args.doc}: no such file")
    folders = paths.output_folders(args.doc)
    out = args.out or paths.project_root() / "reports" / folders.doc_id
    for path in export_reports(folders.notebooks, out):
        print(path)
    return 0
