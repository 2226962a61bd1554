"""Versioned schema migrations.

Each migration is a SQL file in the package folder `sitrep/store/migrations/`,
named `NNNN_name.sql` (`0001_initial.sql`, `0002_...`). `migrate(con)` applies
the ones whose version is not yet in `schema_migrations`, in order, each in its
own transaction together with the row that records it. A migration that fails
leaves the database as it was before that migration.

To change the schema, add a new file with the next number; never edit a
migration that has been released.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources

import duckdb

from sitrep.errors import StoreError

_NAME = re.compile(r"^(\d{4})_([A-Za-z0-9_]+)\.sql$")

_BOOTSTRAP = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TIMESTAMP NOT NULL
)
"""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


@lru_cache(maxsize=1)
def migrations() -> tuple[Migration, ...]:
    """The packaged migrations, by version."""
    folder = resources.files("sitrep.store").joinpath("migrations")
    found: dict[int, Migration] = {}
    for entry in folder.iterdir():
        m = _NAME.match(entry.name)
        if m is None:
            continue
        version = int(m.group(1))
        if version in found:
            raise StoreError(f"two migrations with version {version}: {found[version].name}, {m.group(2)}")
        found[version] = Migration(version, m.group(2), entry.read_text("utf-8"))
    return tuple(found[v] for v in sorted(found))


def latest_version() -> int:
    """The version the packaged migrations bring a database to."""
    ms = migrations()
    return ms[-1].version if ms else 0


def applied_versions(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Versions recorded in `schema_migrations` ([] when the table does not exist)."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_name = 'schema_migrations' AND table_schema = current_schema()"
    ).fetchone()
    if not exists or not exists[0]:
        return []
    return [int(r[0]) for r in con.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()]


def pending(con: duckdb.DuckDBPyConnection) -> list[Migration]:
    """Migrations not yet applied to this database."""
    done = set(applied_versions(con))
    return [m for m in migrations() if m.version not in done]


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply missing migrations in order; return the versions applied now.

    Raises StoreError when a migration fails or when the database was written
    by a newer sitrep (it holds versions this package does not know).
    """
    try:
        con.execute(_BOOTSTRAP)
    except duckdb.Error as exc:
        raise StoreError(f"cannot create schema_migrations: {exc}") from exc
    done = set(applied_versions(con))
    unknown = sorted(done - {m.version for m in migrations()})
    if unknown:
        raise StoreError(
            f"database has schema version {unknown[-1]}, newer than this sitrep knows "
            f"({latest_version()}); upgrade sitrep"
        )
    applied: list[int] = []
    for m in migrations():
        if m.version in done:
            continue
        try:
            con.execute("BEGIN TRANSACTION")
            con.execute(m.sql)
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                [m.version, m.name, datetime.now(timezone.utc).replace(tzinfo=None)],
            )
            con.execute("COMMIT")
        except duckdb.Error as exc:
            try:
                con.execute("ROLLBACK")
            except duckdb.Error:
                pass
            raise StoreError(f"migration {m.version:04d}_{m.name} failed: {exc}") from exc
        applied.append(m.version)
    return applied
