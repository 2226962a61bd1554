"""The `dedup` stage: near-duplicate articles (syndicated copies, light rewrites).

Each stored article gets a MinHash signature over the 5-word shingles of its
normalised text (lowercase, letters and digits only). The signature is cut into
42 bands of 3 rows; every band is hashed to one 64-bit key and stored in
`lsh_bands(key, article_id)`. Two articles whose shingle sets have Jaccard
similarity s share at least one band key with probability 1 - (1 - s^3)^42:
0.996 at s = 0.5, 0.29 at s = 0.2, under 0.01 at s = 0.05.

`Deduplicator(store).add(article_ids)` is incremental: new articles find their
candidates only through band-key lookups (never all pairs), a candidate is a
copy when the estimated Jaccard similarity (the share of equal signature
values) reaches `dedup.jaccard_threshold` in the `grading` data file. Copies
form groups (connected components of the copy relation); the original of a
group is its earliest article by date, then smallest id, and every other member
is stored in `article_copies(article_id, copy_of, similarity)`.

Only an article that is no copy of an indexed one puts its band keys in the
index; a copy is linked and then represented by the article it copies. So a
band bucket holds one article per copy group, and 10,000 copies of one feed
item cost 10,000 comparisons, not 50 million. The groups of copies of one
text (each a copy of the others) are the same in any order; only a chain of
rewrites (A like B, B like C, A unlike C) can end in one group or two
depending on which of them came first.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from sitrep import data
from sitrep.errors import StoreError
from sitrep.store import Store
from sitrep.store.db import insert_arrow

SHINGLE_WORDS = 5
NUM_PERM = 128
BANDS = 42
ROWS = 3  # BANDS * ROWS <= NUM_PERM; the last 2 permutations only sharpen the estimate
_SEED = 20241201  # fixed: signatures stored in a database must stay comparable

_rng = np.random.default_rng(_SEED)
# multiply-shift hashing of 32-bit shingle hashes: ((a * x + b) mod 2^64) >> 32, a odd
_A = _rng.integers(1, 2**63, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)
_B = _rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def normalise(text: str) -> list[str]:
    """Lowercase words (letters and digits); punctuation and spacing ignored."""
    return _WORD.findall(text.lower())


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[int]:
    """32-bit hashes (CRC-32) of the k-word shingles of the normalised text.
    A text shorter than k words is one shingle; an empty text has none."""
    words = normalise(text)
    if not words:
        return set()
    if len(words) < k:
        return {zlib.crc32(" ".join(words).encode("utf-8"))}
    return {zlib.crc32(" ".join(words[i : i + k]).encode("utf-8")) for i in range(len(words) - k + 1)}


def signature(hashes: Iterable[int]) -> np.ndarray:
    """MinHash signature (NUM_PERM uint32 values) of a set of 32-bit hashes."""
    x = np.fromiter(hashes, dtype=np.uint64)
    if x.size == 0:
        return np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    with np.errstate(over="ignore"):
        h = (x[:, None] * _A[None, :] + _B[None, :]) >> np.uint64(32)
    return h.min(axis=0).astype(np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band (band number included in the hash)."""
    keys = []
    raw = sig.astype("<u4").tobytes()
    for b in range(BANDS):
        chunk = raw[b * ROWS * 4 : (b + 1) * ROWS * 4]
        digest = hashlib.blake2b(bytes([b]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


@dataclass(slots=True)
class DedupResult:
    """What `Deduplicator.add` did.

    indexed: articles signed and added to the LSH index now.
    copies: new `article_copies` links (article_id -> copy_of) made or changed now.
    changed: every article whose copy link was made, changed or removed (new and old);
        clusters holding them must be regraded.
    candidates: candidate pairs looked at (band hits), for cost accounting.
    """

    indexed: int = 0
    copies: dict[str, str] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)
    candidates: int = 0


class Deduplicator:
    """Incremental near-duplicate detection over the articles of one `Store`."""

    def __init__(self, store: Store, *, threshold: float | None = None, data_dir: str | None = None) -> None:
        self.store = store
        cfg = data.load("grading", data_dir)["dedup"]
        self.threshold = float(threshold if threshold is not None else cfg["jaccard_threshold"])

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        return self.store.connection

    def add(self, article_ids: Sequence[str]) -> DedupResult:
        """Sign and index these stored articles and link the copies among them and
        the articles indexed before. Ids already indexed or not stored are skipped."""
        con = self.con
        ids = sorted(set(article_ids))
        if not ids:
            return DedupResult()
        rows = _fetch(
            con,
            "SELECT a.id, a.text, a.date FROM articles a JOIN _q USING (id) "
            "WHERE NOT EXISTS (SELECT 1 FROM article_signatures s WHERE s.article_id = a.id) ORDER BY a.id",
            ids,
        )
        if not rows:
            return DedupResult()
        sigs: dict[str, np.ndarray] = {}
        keys_of: dict[str, list[int]] = {}
        sig_rows: dict[str, list[Any]] = {"article_id": [], "signature": [], "shingles": []}
        for art_id, text, _ in rows:
            sh = shingles(text or "")
            sig = signature(sh)
            sigs[art_id] = sig
            keys_of[art_id] = band_keys(sig) if sh else []
            sig_rows["article_id"].append(art_id)
            sig_rows["signature"].append(sig.tolist())
            sig_rows["shingles"].append(len(sh))
        result = DedupResult(indexed=len(rows))
        try:
            con.execute("BEGIN TRANSACTION")
            insert_arrow(con, "article_signatures", pa.table({
                "article_id": pa.array(sig_rows["article_id"], pa.string()),
                "signature": pa.array(sig_rows["signature"], pa.list_(pa.uint32())),
                "shingles": pa.array(sig_rows["shingles"], pa.int32()),
            }))
            # candidates among the stored articles: those sharing a band key with a new one
            probe = pa.table({
                "key": pa.array([k for a in keys_of for k in keys_of[a]], pa.int64()),
                "article_id": pa.array([a for a in keys_of for _ in keys_of[a]], pa.string()),
            })
            con.register("_probe", probe)
            try:
                stored_pairs = con.execute(
                    "SELECT DISTINCT p.article_id, b.article_id FROM _probe p "
                    "JOIN lsh_bands b ON b.key = p.key WHERE b.article_id <> p.article_id"
                ).fetchall()
            finally:
                con.unregister("_probe")
            stored_hits: dict[str, set[str]] = {}
            for a, b in stored_pairs:
                stored_hits.setdefault(a, set()).add(b)
            others = sorted({b for _, b in stored_pairs if b not in sigs})
            for art_id, sig in _signatures(con, others).items():
                sigs[art_id] = sig
            # new articles in id order: a copy of an indexed article is linked to it and left out
            # of the index (its representative stands for it), so a bucket holds one article per
            # copy group and the work stays flat however many copies of one item arrive
            bucket: dict[int, list[str]] = {}
            band_rows: dict[str, list[Any]] = {"key": [], "article_id": []}
            edges = []
            seen: set[tuple[str, str]] = set()
            for art_id in sorted(keys_of):
                cands = set(stored_hits.get(art_id, ()))
                for k in keys_of[art_id]:
                    cands.update(bucket.get(k, ()))
                result.candidates += len(cands)
                is_copy = False
                for b in sorted(cands):
                    key = (art_id, b) if art_id < b else (b, art_id)
                    if key in seen:
                        continue
                    seen.add(key)
                    if similarity(sigs[art_id], sigs[b]) >= self.threshold:
                        edges.append(key)
                        is_copy = True
                if is_copy:
                    continue
                for k in keys_of[art_id]:
                    bucket.setdefault(k, []).append(art_id)
                    band_rows["key"].append(k)
                    band_rows["article_id"].append(art_id)
            insert_arrow(con, "lsh_bands", pa.table({
                "key": pa.array(band_rows["key"], pa.int64()),
                "article_id": pa.array(band_rows["article_id"], pa.string()),
            }))
            if edges:
                self._link(edges, sigs, result)
            con.execute("COMMIT")
        except BaseException:
            try:
                con.execute("ROLLBACK")
            except duckdb.Error:
                pass
            raise
        return result

    def _link(self, edges: list[tuple[str, str]], sigs: dict[str, np.ndarray], result: DedupResult) -> None:
        """Merge the copy groups joined by `edges` and re-pick each group's original."""
        con = self.con
        touched = sorted({x for e in edges for x in e})
        # current group root of every touched article
        root_of = originals(con, touched)
        roots = sorted({root_of.get(x, x) for x in touched})
        members = {r: {r} for r in roots}
        for m, r in _fetch(con, "SELECT article_id, copy_of FROM article_copies JOIN _q ON id = copy_of", roots):
            members[r].add(m)
        parent = {r: r for r in roots}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for a, b in edges:
            ra, rb = find(root_of.get(a, a)), find(root_of.get(b, b))
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
        groups: dict[str, set[str]] = {}
        for r in roots:
            groups.setdefault(find(r), set()).update(members[r])
        old = {m: root_of.get(m) for g in groups.values() for m in g}
        everyone = sorted(old)
        # previous links of all members (the root_of above covers only touched ones)
        prev = originals(con, everyone)
        dates = {r[0]: r[1] for r in _fetch(con, "SELECT id, date FROM articles JOIN _q USING (id)", everyone)}
        missing = [m for m in everyone if m not in sigs]
        sigs.update(_signatures(con, missing))
        new_links: dict[str, tuple[str, float]] = {}
        for group in groups.values():
            original = min(group, key=lambda x: (dates.get(x) is None, dates.get(x) or Date.min, x))
            for m in group:
                if m != original:
                    new_links[m] = (original, similarity(sigs[m], sigs[original]))
        changed = {m for m in everyone if prev.get(m) != (new_links[m][0] if m in new_links else None)}
        if not changed:
            return
        ch = sorted(changed)
        con.register("_ch", pa.table({"id": pa.array(ch, pa.string())}))
        try:
            con.execute("DELETE FROM article_copies WHERE article_id IN (SELECT id FROM _ch)")
        finally:
            con.unregister("_ch")
        rows = [(m, *new_links[m]) for m in ch if m in new_links]
        if rows:
            insert_arrow(con, "article_copies", pa.table({
                "article_id": pa.array([r[0] for r in rows], pa.string()),
                "copy_of": pa.array([r[1] for r in rows], pa.string()),
                "similarity": pa.array([r[2] for r in rows], pa.float64()),
            }))
        result.changed |= changed
        result.copies.update({r[0]: r[1] for r in rows})

    # --- reading ---------------------------------------------------------------------

    def copies_of(self, article_id: str) -> list[str]:
        """Ids of the stored copies of an original, by id."""
        return [r[0] for r in self.con.execute(
            "SELECT article_id FROM article_copies WHERE copy_of = ? ORDER BY article_id", [article_id]
        ).fetchall()]


def copy_links(store: Store, article_ids: Iterable[str] | None = None) -> dict[str, str]:
    """article_id -> copy_of for stored copies (of these articles, or all)."""
    con = store.connection
    if article_ids is None:
        return dict(con.execute("SELECT article_id, copy_of FROM article_copies").fetchall())
    return originals(con, article_ids)


def originals(con: duckdb.DuckDBPyConnection, article_ids: Iterable[str]) -> dict[str, str]:
    """article_id -> copy_of for those of these articles that are stored copies (`copy_links`
    on a connection, for callers inside a transaction)."""
    return dict(_fetch(con, "SELECT article_id, copy_of FROM article_copies JOIN _q ON id = article_id",
                       sorted(set(article_ids))))


# --- helpers ---------------------------------------------------------------------------


def _fetch(con: duckdb.DuckDBPyConnection, query: str, ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """Run `query` with the ids registered as table `_q(id)`."""
    if not ids:
        return []
    con.register("_q", pa.table({"id": pa.array(list(ids), pa.string())}))
    try:
        return con.execute(query).fetchall()
    except duckdb.Error as exc:
        raise StoreError(f"dedup query failed: {exc}") from exc
    finally:
        con.unregister("_q")


def _signatures(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> dict[str, np.ndarray]:
    rows = _fetch(con, "SELECT article_id, signature FROM article_signatures JOIN _q ON id = article_id", ids)
    return {a: np.asarray(s, dtype=np.uint32) for a, s in rows}


