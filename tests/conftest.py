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
def attribute(pipeline):
    """Code a text through every stage but `events` (the attribution tests look at quotes)."""
    from sitrep.model import Article

    stages = [s for s in pipeline.stages if s.name != "events"]

    def run(text: str):
        a = Article(id="t", text=text, origin="<test>", format="text")
        for st in stages:
            a = st.run(a)
        return a

    return run


@pytest.fixture(scope="session")
def founding_text() -> str:
    path = SHARED / "corpus" / "belarus-russia-oreshnik-division.txt"
    if not path.exists():
        pytest.skip("../shared/corpus is not present")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> Path:
    """The bundled sample corpus (examples/corpus/) ingested as `make demo` does, once per session."""
    import subprocess
    import sys

    db = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    subprocess.run([sys.executable, "-m", "sitrep.cli", "-q", "ingest", "--db", str(db), str(EXAMPLES / "corpus")],
                   check=True, cwd=REPO, env={**__import__("os").environ, "PYTHONPATH": str(REPO / "src")})
    return db
