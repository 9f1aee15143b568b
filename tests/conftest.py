from __future__ import annotations

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir
from hypothesis.database import DirectoryBasedExampleDatabase

from .helpers import ROOT, SEED

# Hypothesis keeps what it stores (the examples it found, its constants cache)
# in the project cache, not in a .hypothesis/ folder at the repository root.
HYPOTHESIS_HOME = ROOT / ".cache" / "hypothesis"
set_hypothesis_home_dir(HYPOTHESIS_HOME)
settings.register_profile("policytext", database=DirectoryBasedExampleDatabase(str(HYPOTHESIS_HOME / "examples")))
settings.load_profile("policytext")


@pytest.fixture(scope="session")
def seed():
    from policytext import load

    return load(SEED)
