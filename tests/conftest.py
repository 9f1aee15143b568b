from __future__ import annotations

import pytest
from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase

from .helpers import ROOT, SEED

# Hypothesis keeps the examples it found in the project cache, not in the repository root.
settings.register_profile("policytext", database=DirectoryBasedExampleDatabase(str(ROOT / ".cache" / "hypothesis")))
settings.load_profile("policytext")


@pytest.fixture(scope="session")
def seed():
    from policytext import load

    return load(SEED)
