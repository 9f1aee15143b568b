from __future__ import annotations

import sys

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir
from hypothesis.database import DirectoryBasedExampleDatabase

from .helpers import ROOT, SEED, examples

# jsonschema (imported by nbformat) loads rfc3987_syntax when it is installed, which builds 38 lark parsers
# for its "iri" formats: over a second of every run. The notebook schemas use no format, so nothing is lost.
sys.modules.setdefault("rfc3987_syntax", None)

# Hypothesis keeps what it stores (the examples it found, its constants cache)
# in the project cache, not in a .hypothesis/ folder at the repository root.
HYPOTHESIS_HOME = ROOT / ".cache" / "hypothesis"
set_hypothesis_home_dir(HYPOTHESIS_HOME)
# Tests that name no example count try hypothesis's default (100), fewer in the fast loop (see helpers.examples).
settings.register_profile("policytext", database=DirectoryBasedExampleDatabase(str(HYPOTHESIS_HOME / "examples")),
                          max_examples=examples(settings.default.max_examples))
settings.load_profile("policytext")


@pytest.fixture(scope="session")
def seed():
    from policytext import load

    return load(SEED)


@pytest.fixture(scope="session")
def seed_analysis(seed):
    """The seed's tables, each computed once for the whole run with the one default tokenizer.

    Tests only read them: a test that changes a table must copy it first.
    """
    from policytext.analysis import Analysis

    return Analysis(seed)
