from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "raw" / "777doc-12864340_tianjin-sci-tech-party-lecture-2024.txt"
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def real_text_files() -> list[Path]:
    """Every real document the repository holds, plus the shared samples where present."""
    files = sorted((ROOT / "data" / "raw").rglob("*.txt")) + sorted((ROOT / "src" / "policytext" / "data" / "reference").rglob("*.txt"))
    files += sorted((SHARED / "samples").glob("*.txt")) if (SHARED / "samples").is_dir() else []
    return files


@pytest.fixture(scope="session")
def seed():
    from policytext import load

    return load(SEED)
