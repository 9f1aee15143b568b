"""``policytext run``: execute every notebook headless (the main job).

Without ``--doc`` the notebooks analyse the default document and write to
``figures/`` and ``data/processed/``. With ``--doc PATH`` they write to folders
of that document's own, ``figures/<doc-id>/`` and ``data/processed/<doc-id>/``
(or ``DIR/figures`` and ``DIR/processed`` with ``--out DIR``), leaving the
default outputs alone.

Notebooks run several at once (``--jobs``, default one per core). A notebook
whose inputs (the notebook, the package, the lock file, the raw and reference
data, the document, the parameters) are unchanged since its last successful
run, and whose outputs are intact, is skipped and the run says so;
``--force`` runs them all.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING

from .. import paths

if TYPE_CHECKING:
    from ..runner import Step

#: The document to analyse when --doc is not given (set by `make figures DOC=…`).
DOC_ENV = "POLICYTEXT_DOC"


def register(subparsers) -> None:
    parser = subparsers.add_parser("run", help="execute all notebooks, writing figures and tables")
    parser.add_argument("--doc", type=Path, default=None,
                        help=f"a speech to analyse instead of the default document (default: ${DOC_ENV} if set)")
    parser.add_argument("--out", type=Path, default=None, help="write DIR/figures, DIR/processed and DIR/notebooks instead")
    parser.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                        help="notebooks run at once (default: one per core)")
    parser.add_argument("--force", action="store_true",
                        help="run every notebook, even those whose inputs are unchanged and outputs intact")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..document import load
    from ..figure_index import write_index
    from ..runner import notebooks_dir, run_notebooks

    if args.doc is None and os.environ.get(DOC_ENV):
        args.doc = Path(os.environ[DOC_ENV])  # how `make figures DOC=…` passes it: no shell in between
    if args.doc is not None:
        load(args.doc)  # fail early, with one line, before any kernel starts
    folders = paths.output_folders(args.doc, out=args.out)
    doc = args.doc.resolve() if args.doc else None
    page = reading_page_step(doc, figures=folders.figures.resolve(),
                             record_folders=(folders.notebooks.resolve(), folders.figures.resolve(),
                                             folders.processed.resolve()),
                             skip_unchanged=not args.force)
    run_notebooks(
        doc=doc,
        figures_dir=folders.figures.resolve(),
        processed_dir=folders.processed.resolve(),
        executed_dir=folders.notebooks.resolve(),
        jobs=args.jobs,
        skip_unchanged=not args.force,
        steps=[page] if page is not None else [],
    )
    write_index(folders.figures.resolve(), notebooks_dir=notebooks_dir(), document=folders.doc_id)
    return 0


READING_PAGE = "00_reading.html"


def reading_page_step(doc: Path | None, *, figures: Path, record_folders: tuple[Path, ...],
                      skip_unchanged: bool) -> Step | None:
    """The reading page beside the figures, as a step of the run; None when it is skipped.

    Skipped like a notebook when its inputs are unchanged and the page is
    intact. Otherwise it is drafted on a free core while the last notebooks
    run (its tables loaded from what their kernels left in the analysis cache)
    and written after every notebook, so its figure links are complete: as
    drafted when the figures are those it was drafted with (a rerun's), else
    rendered again (:func:`policytext.reading_page.write_draft`).
    """
    import sys

    from .. import reading_page
    from ..run_record import RunRecord, notebook_key, shared_inputs_digest
    from ..runner import Step

    document_path = doc if doc is not None else paths.default_document()
    target = figures / READING_PAGE
    step = Path(reading_page.__file__).resolve()
    key = notebook_key(step, shared=shared_inputs_digest(), parameters={"figures_dir": str(figures)},
                       doc=document_path)
    reason = RunRecord(*record_folders).reason_to_run(step, key) if skip_unchanged else "forced"
    if reason is None:
        print(f"reading page {target.name}: skipped, inputs unchanged and page intact", file=sys.stderr)
        return None

    def finish(draft: reading_page.Draft) -> None:
        reading_page.write_draft(draft, target, figures_dir=figures)
        # Read again now: the notebooks' records were saved to the same file during the run.
        RunRecord(*record_folders).remember(step, key, [target])
        print(f"reading page: {target}", file=sys.stderr)

    return Step("the reading page", functools.partial(reading_page.draft, document_path, target, figures_dir=figures),
                finish)
