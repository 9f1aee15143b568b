"""Accuracy on real documents: the evaluation set in ``data/eval/`` scored against the package.

Each document of the set is a page as scraped (``<name>.txt``) with its
provenance note (``<name>.provenance.json``) and gold annotations written by
reading it (``<name>.gold.yaml``, see ``data/eval/README.md``). The parts:

- :mod:`.gold`: the gold file format, read and anchored to raw offsets;
- :mod:`.observed`: what the package reports, through its public API only
  (the one module to adapt when the package's middle changes);
- :mod:`.scoring`: the match rules, field by field, and the error list;
- :mod:`.report`: ``benchmarks/reports/accuracy.md`` and its JSON of scores.

``python -m policytext.evaluation`` (``make eval``) runs it all.
"""

from .gold import GoldDocument, load_gold, load_set
from .scoring import FIELDS, DocumentScore, Tally, score_document

__all__ = ["FIELDS", "DocumentScore", "GoldDocument", "Tally", "load_gold", "load_set", "score_document"]
