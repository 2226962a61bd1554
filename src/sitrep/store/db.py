"""`Store`: coded articles in a DuckDB database, and queries over them.

See the `sitrep.store` package docstring for the tables and a usage example.

Writes go through `Store.add`, one transaction per batch, as bulk
`INSERT ... SELECT` from registered Arrow tables. An article whose id is
already stored is skipped, so re-ingesting the same inputs never changes what
is stored. DuckDB allows one process to open a database file for writing (any
number may open it read-only when no writer holds it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime, timezone
from itertools import islice
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa

from sitrep.errors import StoreError, UsageError
from sitrep.model import QUOTE_KINDS, Article
from sitrep.store import lock
from sitrep.store.migrate import applied_versions, latest_version, migrate, pending

DEFAULT_PATH = "sitrep.duckdb"

# Statement types `Store.sql` runs; everything else (INSERT, DROP, COPY...) is refused.
_READ_STATEMENTS = frozenset({duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN})

_STR = pa.string()
_INT = pa.int32()
_DBL = pa.float64()
_BOOL = pa.bool_()
_TS = pa.timestamp("us")


@dataclass(frozen=True, slots=True)
class AddResult:
    """What `Store.add` did.

    added: coded articles stored now.
    duplicates: articles whose id was already stored (or repeated in the input),
        and rejected inputs already recorded; nothing is written for them.
    rejected: rejected inputs recorded now.
    """

    added: int = 0
    duplicates: int = 0
    rejected: int = 0

    def __add__(self, other: AddResult) -> AddResult:
        return AddResult(
            self.added + other.added,
            self.duplicates + other.duplicates,
            self.rejected + other.rejected,
        )


# --- bulk-insert layouts -----------------------------------------------------
# For each table: (column, arrow type, SQL expression that reads it from the
# registered Arrow table). The expression defaults to the column name.

_Layout = tuple[tuple[str, pa.DataType, str | None], ...]

_ARTICLES: _Layout = (
    ("id", _STR, None),
    ("title", _STR, None),
    ("text", _STR, None),
    ("date", _STR, "TRY_CAST(date AS DATE)"),
    ("url", _STR, None),
    ("source", _STR, None),
    ("origin", _STR, None),
    ("format", _STR, None),
    ("language", _STR, None),
    ("ingested_at", _TS, None),
    ("warnings", _STR, "CAST(warnings AS JSON)"),
)
_REJECTIONS: _Layout = (
    ("id", _STR, None),
    ("origin", _STR, None),
    ("reason", _STR, None),
    ("detail", _STR, None),
    ("rejected_at", _TS, None),
)
_ENTITIES: _Layout = (
    ("article_id", _STR, None),
    ("idx", _INT, None),
    ("text", _STR, None),
    ("start_char", _INT, None),
    ("end_char", _INT, None),
    ("type", _STR, None),
    ("code", _STR, None),
    ("sector", _STR, None),
    ("lat", _DBL, None),
    ("lon", _DBL, None),
    ("country", _STR, None),
    ("method", _STR, None),
    ("weapon_class", _STR, None),
    ("weapon_origin", _STR, None),
)
_QUOTES: _Layout = (
    ("article_id", _STR, None),
    ("idx", _INT, None),
    ("content", _STR, None),
    ("start_char", _INT, None),
    ("end_char", _INT, None),
    ("speaker", _STR, None),
    ("speaker_start", _INT, None),
    ("speaker_end", _INT, None),
    ("speaker_type", _STR, None),
    ("speaker_title", _STR, None),
    ("cue", _STR, None),
    ("direct", _BOOL, None),
    ("cue_start", _INT, None),
    ("cue_end", _INT, None),
    ("rule", _STR, None),
    ("spans", pa.list_(pa.list_(_INT)), None),
    ("kind", _STR, None),
)
_EVENTS: _Layout = (
    ("event_id", _STR, None),
    ("article_id", _STR, None),
    ("idx", _INT, None),
    ("type", _STR, None),
    ("mode", _STR, None),
    ("context", pa.list_(_STR), None),
    ("cameo", _STR, None),
    ("quad_class", _INT, None),
    ("intensity", _DBL, None),
    ("date", _STR, "TRY_CAST(date AS DATE)"),
    ("date_precision", _STR, None),
    ("modality", _STR, None),
    ("location_text", _STR, None),
    ("location_start", _INT, None),
    ("location_end", _INT, None),
    ("lat", _DBL, None),
    ("lon", _DBL, None),
    ("location_country", _STR, None),
    ("speaker", _STR, None),
    ("speaker_type", _STR, None),
    ("speaker_title", _STR, None),
    ("attribution_direct", _BOOL, None),
    ("cue", _STR, None),
    ("acled_event_type", _STR, None),
    ("acled_sub_event_type", _STR, None),
    ("sentence", _STR, None),
    ("sentence_start", _INT, None),
    ("sentence_end", _INT, None),
    ("trigger", _STR, None),
    ("trigger_start", _INT, None),
    ("trigger_end", _INT, None),
    ("rule", _STR, None),
    ("model", _STR, None),
    ("model_probability", _DBL, None),
)
_EVENT_ACTORS: _Layout = (
    ("event_id", _STR, None),
    ("role", _STR, None),
    ("idx", _INT, None),
    ("text", _STR, None),
    ("code", _STR, None),
    ("sector", _STR, None),
    ("start_char", _INT, None),
    ("end_char", _INT, None),
)
_EVENT_WEAPONS: _Layout = (
    ("event_id", _STR, None),
    ("idx", _INT, None),
    ("text", _STR, None),
    ("name", _STR, None),
    ("class", _STR, None),
    ("origin", _STR, None),
    ("start_char", _INT, None),
    ("end_char", _INT, None),
)


_LAYOUTS: dict[str, _Layout] = {
    "articles": _ARTICLES, "rejections": _REJECTIONS, "entities": _ENTITIES, "quotes": _QUOTES,
    "events": _EVENTS, "event_actors": _EVENT_ACTORS, "event_weapons": _EVENT_WEAPONS,
}


class _Rows:
    """Column-wise buffers for one table, turned into an Arrow table."""

    __slots__ = ("layout", "cols")

    def __init__(self, layout: _Layout) -> None:
        self.layout = layout
        self.cols: dict[str, list[Any]] = {name: [] for name, _, _ in layout}

    def append(self, *values: Any) -> None:
        for (name, _, _), value in zip(self.layout, values, strict=True):
            self.cols[name].append(value)

    def __len__(self) -> int:
        return len(self.cols[self.layout[0][0]])

    def arrow(self) -> pa.Table:
        schema = pa.schema([(name, typ) for name, typ, _ in self.layout])
        return pa.table({name: pa.array(self.cols[name], typ) for name, typ, _ in self.layout}, schema=schema)

    def insert_sql(self, table: str, view: str, *, ignore_conflicts: bool = False) -> str:
        cols = ", ".join(f'"{name}"' for name, _, _ in self.layout)
        exprs = ", ".join(expr or f'"{name}"' for name, _, expr in self.layout)
        tail = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
        return f"INSERT INTO {table} ({cols}) SELECT {exprs} FROM {view}{tail}"


def _article_rows(articles: Sequence[Article], now: datetime) -> dict[str, _Rows]:
    """Rows of every table for coded (not rejected) articles."""
    out = {
        "articles": _Rows(_ARTICLES),
        "entities": _Rows(_ENTITIES),
        "quotes": _Rows(_QUOTES),
        "events": _Rows(_EVENTS),
        "event_actors": _Rows(_EVENT_ACTORS),
        "event_weapons": _Rows(_EVENT_WEAPONS),
    }
    arts, ents, quotes = out["articles"], out["entities"], out["quotes"]
    events, actors, weapons = out["events"], out["event_actors"], out["event_weapons"]
    for a in articles:
        arts.append(
            a.id, a.title, a.text, a.date, a.url, a.source, a.origin, a.format, a.language,
            now, json.dumps(list(a.warnings), ensure_ascii=False),
        )
        for i, en in enumerate(a.entities):
            ents.append(
                a.id, i, en.text, en.start, en.end, en.type, en.code, en.sector,
                en.lat, en.lon, en.country, en.source, en.weapon_class, en.origin,
            )
        for i, q in enumerate(a.quotes):
            quotes.append(
                a.id, i, q.content, q.start, q.end, q.speaker, q.speaker_start, q.speaker_end,
                q.speaker_type, q.speaker_title, q.cue, q.direct, q.cue_start, q.cue_end, q.rule,
                [list(sp) for sp in q.spans], q.kind,
            )
        for i, e in enumerate(a.events):
            eid = f"{a.id}:{i}"
            loc, att, acled, ev = e.location, e.attribution, e.acled, e.evidence
            events.append(
                eid, a.id, i, e.type, e.mode, list(e.context), e.cameo, e.quad_class, e.intensity,
                e.date, e.date_precision, e.modality,
                None if loc is None else loc.text,
                None if loc is None else loc.start,
                None if loc is None else loc.end,
                None if loc is None else loc.lat,
                None if loc is None else loc.lon,
                None if loc is None else loc.country,
                None if att is None else att.speaker,
                None if att is None else att.speaker_type,
                None if att is None else att.speaker_title,
                None if att is None else att.direct,
                None if att is None else att.cue,
                None if acled is None else acled.event_type,
                None if acled is None else acled.sub_event_type,
                ev.sentence, ev.start, ev.end, ev.trigger, ev.trigger_start, ev.trigger_end, ev.rule,
                ev.model, ev.probability,
            )
            for role, people in (("actor", e.actor), ("recipient", e.recipient)):
                for j, p in enumerate(people):
                    actors.append(eid, role, j, p.text, p.code, p.sector, p.start, p.end)
            for j, w in enumerate(e.weapons):
                weapons.append(eid, j, w.text, w.name, w.weapon_class, w.origin, w.start, w.end)
    return out


_CONVERSION_ERRORS = (pa.ArrowException, UnicodeError, ValueError, TypeError, OverflowError)


def _storable_rows(
    articles: list[Article], now: datetime
) -> tuple[dict[str, pa.Table], list[tuple[Article, str]]]:
    """Arrow tables of every table for `articles`, and the articles that cannot be
    converted (a value Arrow refuses), each with the reason. One such article is
    recorded as a rejection (``unstorable``) instead of taking its batch down."""
    try:
        return _arrow_tables(_article_rows(articles, now)), []
    except _CONVERSION_ERRORS:
        pass
    good: list[Article] = []
    bad: list[tuple[Article, str]] = []
    for a in articles:
        try:
            _arrow_tables(_article_rows([a], now))
        except _CONVERSION_ERRORS as exc:
            bad.append((a, f"{type(exc).__name__}: {exc}"[:300]))
        else:
            good.append(a)
    return _arrow_tables(_article_rows(good, now)), bad


def _utf8(value: str | None) -> str | None:
    """`value` storable as UTF-8 (lone surrogates become '?')."""
    return value.encode("utf-8", "replace").decode("utf-8") if isinstance(value, str) else value


def _arrow_tables(rows: dict[str, _Rows]) -> dict[str, pa.Table]:
    return {table: r.arrow() for table, r in rows.items() if len(r)}


def insert_arrow(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> None:
    """Bulk-insert an Arrow table into `table` by column name (nothing for no rows).
    The corpus-level stages (dedup, corroborate) write their tables through this."""
    if rows.num_rows == 0:
        return
    con.register("_sitrep_rows", rows)
    try:
        cols = ", ".join(f'"{c}"' for c in rows.column_names)
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _sitrep_rows")
    finally:
        con.unregister("_sitrep_rows")


def _batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


# --- query helpers -------------------------------------------------------------


def iso_date_arg(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        return Date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise UsageError(f"{name} must be a date YYYY-MM-DD, got {value!r}") from None


def limit_sql(limit: int | None) -> str:
    if limit is None:
        return ""
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 0:
        raise UsageError(f"limit must be a non-negative integer, got {limit!r}")
    return f" LIMIT {limit}"


def type_list(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    parts = value.split(",") if isinstance(value, str) else list(value)
    return [p.strip().upper() for p in parts if p and p.strip()]


def date_range(where: list[str], params: list[Any], since: str | None, until: str | None,
               column: str, *, end: str | None = None) -> None:
    """Add to `where`/`params` the terms that keep rows whose dates [`column`, `end`] (one date
    when `end` is None) overlap [since, until] (YYYY-MM-DD, checked by `iso_date_arg`)."""
    lo, hi = iso_date_arg(since, "since"), iso_date_arg(until, "until")
    if lo:
        where.append(f"{end or column} >= CAST(? AS DATE)")
        params.append(lo)
    if hi:
        where.append(f"{column} <= CAST(? AS DATE)")
        params.append(hi)


def span_filter(actor: str | None, since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
    """WHERE terms and parameters for a table of happenings with `actors` (a list of codes),
    `first_date` and `last_date` (clusters, stories): one of the actors is `actor` (any case),
    and the dates overlap [since, until] (YYYY-MM-DD)."""
    where: list[str] = []
    params: list[Any] = []
    if actor:
        where.append("list_contains(actors, upper(?))")
        params.append(actor)
    date_range(where, params, since, until, "first_date", end="coalesce(last_date, first_date)")
    return where, params


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (Date, datetime)) else value


_EVENT_QUERY = """
SELECT e.*,
       a.source AS a_source, a.title AS a_title, a.url AS a_url, a.date AS a_date,
       (SELECT list(struct_pack(text := x.text, code := x.code, sector := x.sector) ORDER BY x.idx)
          FROM event_actors x WHERE x.event_id = e.event_id AND x.role = 'actor') AS actor_list,
       (SELECT list(struct_pack(text := x.text, code := x.code, sector := x.sector) ORDER BY x.idx)
          FROM event_actors x WHERE x.event_id = e.event_id AND x.role = 'recipient') AS recipient_list,
       (SELECT list(struct_pack(text := w.text, name := w.name, "class" := w."class", origin := w.origin)
                    ORDER BY w.idx)
          FROM event_weapons w WHERE w.event_id = e.event_id) AS weapon_list
FROM events e JOIN articles a ON a.id = e.article_id
"""

_EVENTS_BY_ID = """
WITH ids AS (SELECT DISTINCT unnest(?) AS event_id),
ax AS (SELECT x.event_id,
              list(struct_pack(text := x.text, code := x.code, sector := x.sector) ORDER BY x.idx)
                FILTER (WHERE x.role = 'actor') AS actor_list,
              list(struct_pack(text := x.text, code := x.code, sector := x.sector) ORDER BY x.idx)
                FILTER (WHERE x.role = 'recipient') AS recipient_list
       FROM event_actors x JOIN ids ON ids.event_id = x.event_id GROUP BY x.event_id),
wx AS (SELECT w.event_id,
              list(struct_pack(text := w.text, name := w.name, "class" := w."class", origin := w.origin)
                   ORDER BY w.idx) AS weapon_list
       FROM event_weapons w JOIN ids ON ids.event_id = w.event_id GROUP BY w.event_id)
SELECT e.*,
       a.source AS a_source, a.title AS a_title, a.url AS a_url, a.date AS a_date,
       ax.actor_list, ax.recipient_list, wx.weapon_list
FROM events e JOIN ids ON ids.event_id = e.event_id JOIN articles a ON a.id = e.article_id
LEFT JOIN ax ON ax.event_id = e.event_id LEFT JOIN wx ON wx.event_id = e.event_id
"""
"""`_EVENT_QUERY` for a list of event ids (one parameter): the actors and weapons of those events
only, where the correlated subqueries would group every event's."""


def _event_record(r: dict[str, Any]) -> dict[str, Any]:
    """One events row (with its article columns and actor lists) in contract form."""
    return {
        "event_id": r["event_id"],
        "article_id": r["article_id"],
        "type": r["type"],
        "mode": r["mode"],
        "context": list(r["context"] or []),
        "cameo": r["cameo"],
        "quad_class": r["quad_class"],
        "intensity": r["intensity"],
        "actor": list(r["actor_list"] or []),
        "recipient": list(r["recipient_list"] or []),
        "weapons": list(r["weapon_list"] or []),
        "location": None
        if r["location_text"] is None
        else {
            "text": r["location_text"],
            "start": r["location_start"],
            "end": r["location_end"],
            "lat": r["lat"],
            "lon": r["lon"],
            "country": r["location_country"],
        },
        "date": _iso(r["date"]),
        "date_precision": r["date_precision"],
        "modality": r["modality"],
        "attribution": None
        if r["speaker_type"] is None
        else {
            "speaker": r["speaker"],
            "speaker_type": r["speaker_type"],
            "speaker_title": r["speaker_title"],
            "direct": r["attribution_direct"],
            "cue": r["cue"],
        },
        "acled": None
        if r["acled_event_type"] is None
        else {"event_type": r["acled_event_type"], "sub_event_type": r["acled_sub_event_type"]},
        "evidence": {
            "sentence": r["sentence"],
            "start": r["sentence_start"],
            "end": r["sentence_end"],
            "trigger": r["trigger"],
            "trigger_start": r["trigger_start"],
            "trigger_end": r["trigger_end"],
            "rule": r["rule"],
            "model": r["model"],
            "probability": r["model_probability"],
        },
        "source": r["a_source"],
        "title": r["a_title"],
        "url": r["a_url"],
        "article_date": _iso(r["a_date"]),
    }


READ_WAIT_SECONDS = 10.0
"""How long a reader waits for a writer to finish its batch before giving up."""
WRITE_WAIT_SECONDS = 60.0
"""How long a writer (holding the writer lock) waits for readers to close the file."""


def _open_message(path: str, exc: duckdb.Error, waited: float = 0.0) -> str:
    msg = str(exc)
    if "not a valid DuckDB database" in msg:
        return f"{path} is not a DuckDB database (refusing to open it)"
    if "lock" in msg.lower():
        who = lock.holder(path)
        after = f" after waiting {waited:g} s" if waited else ""
        if who:
            return f"{path} is being written by {who}; still locked{after}, try again shortly"
        return f"{path} is in use by another process{after} (DuckDB allows one writer process): {msg}"
    return f"cannot open database {path}: {msg}"


NETWORK_TABLES = ("network_nodes", "network_labels", "network_edges")


def add_network(con: duckdb.DuckDBPyConnection, articles_sql: str) -> None:
    """Add the events of the articles `articles_sql` selects (one column of ids, stored in this
    transaction or before, not yet summed) to the network sums (migration 0010): through
    `network_batch` and its views, the one definition of the sums."""
    con.execute(f"INSERT INTO network_batch {articles_sql}")
    for table in NETWORK_TABLES:
        con.execute(f"INSERT INTO {table} SELECT * FROM {table.replace('network_', 'network_batch_')}")
    con.execute("DELETE FROM network_batch")


def rebuild_network(con: duckdb.DuckDBPyConnection) -> None:
    """The network sums again from every stored event, in one row per key (for a database whose
    tables were written by other means than `Store.add`, such as benchmarks/serve_latency.py)."""
    con.execute("BEGIN TRANSACTION")
    try:
        for table in NETWORK_TABLES:
            con.execute(f"DELETE FROM {table}")
        add_network(con, "SELECT id FROM articles")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


class Store:
    """A sitrep database. Open it with `Store.open(path)`; use it as a context manager."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, *, read_only: bool,
                 locked: bool = False) -> None:
        self._con: duckdb.DuckDBPyConnection | None = con
        self.path = path
        self.read_only = read_only
        self._locked = locked

    # --- lifecycle ---------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path = DEFAULT_PATH, *, read_only: bool = False,
             wait: float | None = None) -> Store:
        """Open (and, unless read_only, create and migrate) the database at `path`.

        `":memory:"` opens a private in-memory database. Raises StoreError when
        the file is not a DuckDB database, is locked by a writer, or (read-only)
        does not exist or needs a migration.

        A writer first takes the writer lock (`sitrep.store.lock`; StoreError
        naming the holder when another process writes). When DuckDB's file lock
        is held (a writer between batches, or readers), the open is retried for
        `wait` seconds (`READ_WAIT_SECONDS` / `WRITE_WAIT_SECONDS`), then the
        error says which process holds the database.
        """
        p = str(path)
        in_memory = p in ("", ":memory:")
        if read_only and in_memory:
            raise StoreError("an in-memory database cannot be opened read-only")
        if read_only and not Path(p).exists():
            raise StoreError(f"no database at {p}")
        if not in_memory and Path(p).is_dir():
            raise StoreError(f"{p} is a directory, not a database file")
        locked = not read_only and not in_memory
        if locked:
            lock.acquire(p)
            lock.announce(p)  # a reader that keeps the file open (sitrep serve) lets go of it
        seconds = wait if wait is not None else (READ_WAIT_SECONDS if read_only else WRITE_WAIT_SECONDS)
        try:
            con = lock.wait_for(lambda: duckdb.connect(p, read_only=read_only),
                                seconds=0 if in_memory else seconds)
        except duckdb.Error as exc:
            if locked:
                lock.withdraw(p)
                lock.release(p)
            raise StoreError(_open_message(p, exc, seconds)) from exc
        try:
            if read_only:
                todo = pending(con)
                if todo:
                    raise StoreError(
                        f"{p} is at schema version {max(applied_versions(con), default=0)}, this sitrep "
                        f"needs {latest_version()}: open it once for writing to migrate it"
                    )
                newer = [v for v in applied_versions(con) if v > latest_version()]
                if newer:
                    raise StoreError(f"{p} has schema version {newer[-1]}, newer than this sitrep knows")
            else:
                migrate(con)
        except BaseException:
            con.close()
            if locked:
                lock.withdraw(p)
                lock.release(p)
            raise
        return cls(con, p, read_only=read_only, locked=locked)

    def close(self) -> None:
        """Close the connection and release the writer lock (idempotent)."""
        if self._con is not None:
            self._con.close()
            self._con = None
            if self._locked:
                lock.withdraw(self.path)
                lock.release(self.path)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection, for stages that keep their own tables (dedup, corroborate)."""
        if self._con is None:
            raise StoreError(f"database {self.path} is closed")
        return self._con

    def schema_version(self) -> int:
        """The highest migration version applied to this database."""
        return max(applied_versions(self.connection), default=0)

    # --- writing -----------------------------------------------------------------

    def add(self, articles: Iterable[Article], *, batch_size: int = 200) -> AddResult:
        """Store coded articles (with entities, quotes, events) and record rejected ones.

        Each batch of `batch_size` articles is written in one transaction. An
        article whose id is already stored, or repeated in the input, is
        skipped and counted as a duplicate; a rejected input already recorded
        (same origin and id) is counted as a duplicate too.
        """
        if self.read_only:
            raise StoreError(f"database {self.path} is open read-only")
        if batch_size < 1:
            raise UsageError(f"batch_size must be at least 1, got {batch_size}")
        total = AddResult()
        for batch in _batched(articles, batch_size):
            total = total + self._add_batch(batch)
        return total

    def _add_batch(self, batch: list[Article]) -> AddResult:
        con = self.connection
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        coded = [a for a in batch if a.rejected is None]
        rejects = _Rows(_REJECTIONS)
        seen_rej: set[tuple[str, str]] = set()
        duplicates = 0
        for a in batch:
            if a.rejected is None:
                continue
            key = (a.origin or "", a.id)
            if key in seen_rej:
                duplicates += 1
                continue
            seen_rej.add(key)
            rejects.append(_utf8(a.id), _utf8(key[0]), _utf8(a.rejected.reason), _utf8(a.rejected.detail), now)
        new: list[Article] = []
        new_ids: set[str] = set()
        recorded = 0
        try:
            con.execute("BEGIN TRANSACTION")
            try:
                stored = self._known(con, [a.id for a in coded])
                for a in coded:
                    if a.id in stored or a.id in new_ids:
                        duplicates += 1
                        continue
                    new_ids.add(a.id)
                    new.append(a)
                tables, unstorable = _storable_rows(new, now)
                for a, why in unstorable:
                    new.remove(a)
                    key = (a.origin or "", a.id)
                    if key not in seen_rej:
                        seen_rej.add(key)
                        rejects.append(_utf8(a.id), _utf8(key[0]), "unstorable", _utf8(why), now)
                for table, rows in tables.items():
                    if len(rows):
                        self._insert(con, table, rows)
                if new:  # finished by the corpus stages (corroborate.update_clusters) later
                    con.register("_sitrep_pending", pa.table({"id": pa.array([a.id for a in new], _STR)}))
                    try:
                        con.execute("INSERT INTO corpus_pending SELECT id, ? FROM _sitrep_pending "
                                    "ON CONFLICT DO NOTHING", [now])
                        add_network(con, "SELECT id FROM _sitrep_pending")
                    finally:
                        con.unregister("_sitrep_pending")
                recorded = self._insert(con, "rejections", rejects, ignore_conflicts=True) if len(rejects) else 0
                duplicates += len(rejects) - recorded
                con.execute("COMMIT")
            except BaseException:
                try:
                    con.execute("ROLLBACK")
                except duckdb.Error:
                    pass  # the original error says more
                raise
        except duckdb.Error as exc:
            raise StoreError(f"cannot write to {self.path}: {exc}") from exc
        return AddResult(added=len(new), duplicates=duplicates, rejected=recorded)

    @staticmethod
    def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: _Rows | pa.Table, *,
                ignore_conflicts: bool = False) -> int:
        view = f"_sitrep_new_{table}"
        layout = _Rows(_LAYOUTS[table])
        con.register(view, rows.arrow() if isinstance(rows, _Rows) else rows)
        try:
            res = con.execute(layout.insert_sql(table, view, ignore_conflicts=ignore_conflicts)).fetchone()
        finally:
            con.unregister(view)
        return int(res[0]) if res else 0

    # --- lookups -------------------------------------------------------------------

    @staticmethod
    def _known(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> set[str]:
        if not ids:
            return set()
        view = "_sitrep_lookup_ids"
        con.register(view, pa.table({"id": pa.array(list(ids), _STR)}))
        try:
            rows = con.execute(f"SELECT a.id FROM articles a JOIN (SELECT DISTINCT id FROM {view}) q USING (id)").fetchall()
        finally:
            con.unregister(view)
        return {r[0] for r in rows}

    def pending_ids(self) -> list[str]:
        """Stored articles not yet deduplicated and clustered (an interrupted ingest's)."""
        return [r[0] for r in self.connection.execute(
            "SELECT article_id FROM corpus_pending ORDER BY article_id").fetchall()]

    def all_ids(self) -> set[str]:
        """Every stored article id."""
        return {r[0] for r in self.connection.execute("SELECT id FROM articles").fetchall()}

    def has(self, article_id: str) -> bool:
        """Whether a coded article with this id is stored."""
        row = self.connection.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone()
        return row is not None

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """The subset of `ids` already stored as coded articles."""
        return self._known(self.connection, list(ids))

    # --- queries ---------------------------------------------------------------------

    def _rows(self, query: str, params: Sequence[Any] | dict[str, Any] | None = None) -> list[dict[str, Any]]:
        cur = self.connection.execute(query, params if params is not None else [])
        names = [d[0] for d in cur.description or []]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def events_frame(self, *, shape: str = "flat", pandas: bool = False, **filters: Any) -> Any:
        """The events matching `filters` (those of `events`) as a pyarrow Table in the
        export's flat (GDELT-like) or nested shape, the Parquet export's columns and
        types; with `pandas=True`, a pandas DataFrame."""
        from sitrep.export import events_table

        table = events_table(self, shape=shape, **filters)  # type: ignore[arg-type]
        return table.to_pandas() if pandas else table

    def events(
        self,
        *,
        actor: str | None = None,
        type: str | Sequence[str] | None = None,
        weapon: str | None = None,
        country: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
        actor_name: str | None = None,
        source_type: str | None = None,
        event_ids: Sequence[str] | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Stored events in contract form (`contract.event_to_dict`) plus
        `event_id`, `article_id`, `date_precision`, `source`, `title`, `url` and
        `article_date`, ordered by date (event date, else article date), then id.

        actor: an actor or recipient code (ISO3, org code), matched exactly (any
            case): "RUS" never matches Belarus ("BLR").
        actor_name: a case-insensitive substring of an actor's or recipient's
            text as written ("russian" matches "Russian forces").
        type: a PLOVER type or several ("ASSAULT,COERCE" or a list).
        weapon: a weapon's canonical name or class (any case).
        country: the event location's country or an actor's code.
        since, until: YYYY-MM-DD, inclusive, on the event date, else the article date.
        source_type: who the report rests on: the event's speaker type
            (named_person, organisation, media, anonymous_official, unnamed_expert,
            or unattributed for the outlet's own reporting) or its outlet's kind
            (wire, state_media, ...).
        event_ids: only these events.
        limit, offset: a page of the ordered events (the page is chosen before the
            actor and weapon lists are gathered, so a page costs little in a large database).
        """
        where, params = self.event_filter_sql(
            actor=actor, actor_name=actor_name, type=type, weapon=weapon, country=country, since=since,
            until=until, source_type=source_type, event_ids=event_ids)
        if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
            raise UsageError(f"offset must be a non-negative integer, got {offset!r}")
        order = " ORDER BY coalesce(e.date, a.date) NULLS LAST, e.article_id, e.idx"
        if limit is None and not offset and event_ids is None:
            query = _EVENT_QUERY + (" WHERE " + " AND ".join(where) if where else "") + order
            return [_event_record(r) for r in self._rows(query, params)]
        page = ("SELECT e.event_id FROM events e JOIN articles a ON a.id = e.article_id"
                + (" WHERE " + " AND ".join(where) if where else "") + order + limit_sql(limit)
                + (f" OFFSET {offset}" if offset else ""))
        ids = [r[0] for r in self.connection.execute(page, params).fetchall()]
        if not ids:
            return []
        return [_event_record(r) for r in self._rows(_EVENTS_BY_ID + order, [ids])]

    def events_page(self, *, limit: int, offset: int = 0, **filters: Any) -> tuple[list[dict[str, Any]], int]:
        """`events(limit=limit, offset=offset, **filters)` and how many events match in all
        (`count_events`), the page and the count read in one pass over the filters (a window count)."""
        where, params = self.event_filter_sql(**filters)
        if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
            raise UsageError(f"offset must be a non-negative integer, got {offset!r}")
        order = " ORDER BY coalesce(e.date, a.date) NULLS LAST, e.article_id, e.idx"
        page = ("SELECT e.event_id, count(*) OVER () FROM events e JOIN articles a ON a.id = e.article_id"
                + (" WHERE " + " AND ".join(where) if where else "") + order + limit_sql(limit)
                + (f" OFFSET {offset}" if offset else ""))
        rows = self.connection.execute(page, params).fetchall()
        if not rows:  # an empty page (past the end, or limit 0) says nothing of the count
            return [], self.count_events(**filters)
        ids = [r[0] for r in rows]
        return [_event_record(r) for r in self._rows(_EVENTS_BY_ID + order, [ids])], int(rows[0][1])

    def count_events(self, **filters: Any) -> int:
        """How many events match `filters` (those of `events`, without limit and offset)."""
        where, params = self.event_filter_sql(**filters)
        query = "SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id"
        if where:
            query += " WHERE " + " AND ".join(where)
        row = self.connection.execute(query, params).fetchone()
        return int(row[0]) if row else 0

    @staticmethod
    def event_filter_sql(
        *,
        actor: str | None = None,
        actor_name: str | None = None,
        type: str | Sequence[str] | None = None,
        weapon: str | None = None,
        country: str | None = None,
        since: str | None = None,
        until: str | None = None,
        source_type: str | None = None,
        event_ids: Sequence[str] | None = None,
    ) -> tuple[list[str], list[Any]]:
        """The WHERE conditions (over `events e JOIN articles a`) and their parameters for
        the filters of `events`; every value is a parameter, never part of the SQL."""
        where: list[str] = []
        params: list[Any] = []
        if actor:
            where.append(
                "EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.event_id "
                "AND upper(x.code) = upper(?))"
            )
            params.append(actor.strip())
        if actor_name:
            where.append(
                "EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.event_id "
                "AND contains(lower(x.text), lower(?)))"
            )
            params.append(actor_name)
        types = type_list(type)
        if types:
            where.append(f"e.type IN ({', '.join('?' for _ in types)})")
            params += types
        if weapon:
            where.append(
                "EXISTS (SELECT 1 FROM event_weapons w WHERE w.event_id = e.event_id "
                "AND (lower(w.name) = lower(?) OR lower(w.\"class\") = lower(?)))"
            )
            params += [weapon, weapon]
        if country:
            where.append(
                "(upper(e.location_country) = upper(?) OR EXISTS (SELECT 1 FROM event_actors x "
                "WHERE x.event_id = e.event_id AND upper(x.code) = upper(?)))"
            )
            params += [country, country]
        date_range(where, params, since, until, "coalesce(e.date, a.date)")
        if source_type:
            where.append(
                "(coalesce(e.speaker_type, 'unattributed') = lower(?) OR EXISTS (SELECT 1 FROM report_sources r "
                "WHERE r.event_id = e.event_id AND r.outlet_kind = lower(?)))"
            )
            params += [source_type.strip(), source_type.strip()]
        if event_ids is not None:
            where.append("list_contains(?, e.event_id)")
            params.append(list(event_ids))
        return where, params

    def quotes(
        self,
        *,
        speaker: str | None = None,
        speaker_type: str | None = None,
        article_id: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
        kind: str | None = "statement",
    ) -> list[dict[str, Any]]:
        """Stored quotes in contract form (`contract.quote_to_dict`) plus
        `article_id`, `idx`, `kind`, `source`, `title`, `url`, `article_date`.

        speaker: case-insensitive substring of the speaker; speaker_type: exact;
        since/until: YYYY-MM-DD on the article date; kind: "statement" (the default: the quotes
        an analyst reads), "stance" (positions taken: 'praised the agreement'), None or "all" for both.
        """
        where: list[str] = []
        params: list[Any] = []
        if kind not in (None, "all"):
            if kind not in QUOTE_KINDS:
                raise UsageError(f"kind must be one of {', '.join(QUOTE_KINDS)} or all, got {kind!r}")
            where.append("q.kind = ?")
            params.append(kind)
        if speaker:
            where.append("contains(lower(q.speaker), lower(?))")
            params.append(speaker)
        if speaker_type:
            where.append("q.speaker_type = ?")
            params.append(speaker_type)
        if article_id:
            where.append("q.article_id = ?")
            params.append(article_id)
        date_range(where, params, since, until, "a.date")
        query = (
            "SELECT q.*, a.source, a.title, a.url, a.date AS article_date "
            "FROM quotes q JOIN articles a ON a.id = q.article_id"
        )
        if where:
            query += " WHERE " + " AND ".join(where)
        query += " ORDER BY a.date NULLS LAST, q.article_id, q.idx" + limit_sql(limit)
        out = []
        for r in self._rows(query, params):
            out.append(
                {
                    "article_id": r["article_id"],
                    "idx": r["idx"],
                    "kind": r["kind"],
                    "content": r["content"],
                    "start": r["start_char"],
                    "end": r["end_char"],
                    "speaker": r["speaker"],
                    "speaker_start": r["speaker_start"],
                    "speaker_end": r["speaker_end"],
                    "speaker_type": r["speaker_type"],
                    "speaker_title": r["speaker_title"],
                    "cue": r["cue"],
                    "direct": r["direct"],
                    "spans": [list(sp) for sp in r["spans"]] if r["spans"] else [[r["start_char"], r["end_char"]]],
                    "source": r["source"],
                    "title": r["title"],
                    "url": r["url"],
                    "article_date": _iso(r["article_date"]),
                }
            )
        return out

    def articles(
        self,
        *,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
        with_text: bool = False,
    ) -> list[dict[str, Any]]:
        """Stored articles' metadata (and `text` when with_text) with their
        counts of `entities`, `quotes` (statements), `stances` and `events`, ordered by date then id.

        source: exact outlet name (any case); since/until: YYYY-MM-DD on the article date.
        """
        where: list[str] = []
        params: list[Any] = []
        if source:
            where.append("lower(a.source) = lower(?)")
            params.append(source)
        date_range(where, params, since, until, "a.date")
        text_col = ", a.text" if with_text else ""
        query = (
            "SELECT a.id, a.title, a.date, a.url, a.source, a.origin, a.format, a.language, "
            f"a.ingested_at, CAST(a.warnings AS VARCHAR) AS warnings{text_col}, "
            "(SELECT count(*) FROM entities x WHERE x.article_id = a.id) AS entities, "
            "(SELECT count(*) FROM quotes x WHERE x.article_id = a.id AND x.kind = 'statement') AS quotes, "
            "(SELECT count(*) FROM quotes x WHERE x.article_id = a.id AND x.kind = 'stance') AS stances, "
            "(SELECT count(*) FROM events x WHERE x.article_id = a.id) AS events "
            "FROM articles a"
        )
        if where:
            query += " WHERE " + " AND ".join(where)
        query += " ORDER BY a.date NULLS LAST, a.id" + limit_sql(limit)
        out = []
        for r in self._rows(query, params):
            r["date"] = _iso(r["date"])
            r["ingested_at"] = _iso(r["ingested_at"])
            r["warnings"] = json.loads(r["warnings"]) if r["warnings"] else []
            out.append(r)
        return out

    def rejections(self, *, reason: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Recorded rejections (id, origin, reason, detail, rejected_at), oldest first."""
        query = "SELECT id, origin, reason, detail, rejected_at FROM rejections"
        params: list[Any] = []
        if reason:
            query += " WHERE reason = ?"
            params.append(reason)
        query += " ORDER BY rejected_at, origin, id" + limit_sql(limit)
        rows = self._rows(query, params)
        for r in rows:
            r["rejected_at"] = _iso(r["rejected_at"])
        return rows

    def stats(self) -> dict[str, Any]:
        """Counts: rows per table, events per PLOVER type, events per attribution
        speaker type (`none` when unattributed by the coder), quotes (statements) per speaker type."""
        con = self.connection
        tables = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' "
                "AND table_name <> 'schema_migrations' ORDER BY table_name"
            ).fetchall()
        ]
        counts: dict[str, int] = {}
        for t in tables:
            row = con.execute(f'SELECT count(*) FROM "{t}"').fetchone()
            counts[t] = int(row[0]) if row else 0

        def grouped(query: str) -> dict[str, int]:
            return {str(k): int(n) for k, n in con.execute(query).fetchall()}

        return {
            "schema_version": self.schema_version(),
            "tables": counts,
            "event_types": grouped("SELECT type, count(*) FROM events GROUP BY type ORDER BY count(*) DESC, type"),
            "speaker_types": grouped(
                "SELECT coalesce(speaker_type, 'none') AS k, count(*) FROM events GROUP BY k ORDER BY count(*) DESC, k"
            ),
            "quote_speaker_types": grouped(
                "SELECT speaker_type, count(*) FROM quotes WHERE kind = 'statement' "
                "GROUP BY speaker_type ORDER BY count(*) DESC, speaker_type"
            ),
        }

    def sql(self, query: str, params: Sequence[Any] | dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one read query (SELECT, WITH ... SELECT, EXPLAIN); rows as dicts of DuckDB values.

        Raises UsageError for any other statement or for a query DuckDB rejects.
        """
        con = self.connection
        try:
            statements = con.extract_statements(query)
        except duckdb.Error as exc:
            raise UsageError(f"SQL error: {exc}") from exc
        if len(statements) != 1:
            raise UsageError(f"sql() runs exactly one statement, got {len(statements)}")
        kind = statements[0].type
        if kind not in _READ_STATEMENTS:
            raise UsageError(f"sql() runs read queries only (SELECT), got {kind.name}")
        try:
            return self._rows(query, params)
        except duckdb.Error as exc:
            raise UsageError(f"SQL error: {exc}") from exc
