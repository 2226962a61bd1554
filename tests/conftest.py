"""Shared fixtures. Model-loading fixtures are session-scoped: spaCy loads once."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def pipeline():
    from sitrep.pipeline import get_pipeline

    return get_pipeline()


@pytest.fixture(scope="session")
def founding_text() -> str:
    path = SHARED / "corpus" / "belarus-russia-oreshnik-division.txt"
    if not path.exists():
        pytest.skip("../shared/corpus is not present")
    return path.read_text(encoding="utf-8")
