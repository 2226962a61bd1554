"""The `corroborate` stage: event clusters, independent origins and Admiralty grades.

After `Store.add` and `sitrep.dedup`, `update_clusters(store, article_ids)` puts
the new articles' events into clusters: one cluster per happening, however many
articles report it.

Clusters. Two events report the same happening when (rules and numbers in the
`grading` data file, section `clustering`):
  - their PLOVER types are in the same family (ASSAULT and COERCE are one family),
  - they share an actor or recipient code,
  - their dates (the event's, else the article's) are within the window of the
    coarser date precision (day 2 days, week 7, month 31, no date of its own 3),
  - their places are compatible: both with coordinates within 100 km, else both
    with a country and the same country, else (one unknown) compatible,
  - when both name weapon systems, they share one (generic terms such as
    "missile", whose name is their class or lowercase, do not count).
Each event's anchor is the earliest (by date, then event id) stored event
compatible with it, itself included; a cluster is the set of events with the
same anchor, and its id is a hash of the anchor. Every member is compatible
with the anchor, so clusters cannot chain day after day, and the clusters and
their ids depend only on the set of stored events, not on ingest order. A new
event can only change the anchor of events compatible with it, so an update
touches the new events' neighbours only. Candidates are found through blocking
keys `family|actor code|4-day bucket` (table `cluster_keys`; an event is keyed
under every bucket its date window touches), never all pairs. When an earlier
report takes over a cluster its old id is kept in `cluster_aliases`. Events
with no actor code stay alone.

Origins. A cluster's reports (its events) are grouped: syndicated copies
collapse into their original (`article_copies`), reports of one outlet
collapse, reports quoting the same named speaker or organisation collapse, and
reports whose speaker spoke through the same medium ("Speaking on ...
Beltelevision-1, Bogdan said") or that cite a medium by name ("according to
TASS") collapse with it and with that outlet's own reports. Each group is one
independent origin. Anonymous officials and unnamed experts in an article
count as support of that article's origin, never as origins of their own.

Grades (Admiralty code). Each report gets a source-reliability letter A-F from
its speaker type, capped by the kind of outlet it came through (state media at
best D); each cluster gets an information-credibility grade 1-6: a base from
the number of independent origins, made worse when no source is better than D,
when a report negates it or a denial (REJECT) refers to it, and by modality
(planned, hypothetical). Every grade carries its reasons.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from functools import lru_cache
from typing import Any

import duckdb
import pyarrow as pa

from sitrep import data, faults
from sitrep.dedup import DedupResult, Deduplicator, originals
from sitrep.errors import StoreError
from sitrep.store import Store
from sitrep.store.db import insert_arrow, limit_sql, span_filter, type_list
from sitrep.stories import StoryUpdate, update_links
from sitrep.stories.grade import grade_stories, stories_of_articles, stories_of_clusters

BUCKET_DAYS = 4  # blocking bucket width in days
LETTERS = "ABCDEF"
MODALITY_CERTAINTY = ("asserted", "reported_past", "announced", "alleged", "planned", "hypothetical", "negated")
PLOVER = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
CONTRACT_KEYS = (
    "cluster_id", "type", "modality", "actors", "weapons", "first_date", "last_date", "articles",
    "outlets", "independent_origins", "reliability", "credibility", "reasons", "reports",
)
REPORT_KEYS = ("article_id", "source", "date", "sentence", "speaker", "speaker_type", "copy_of")


# --- configuration ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Grading:
    """The `grading` data file, read once."""

    raw: dict[str, Any]

    @classmethod
    def load(cls, data_dir: str | None = None) -> Grading:
        return cls(data.load("grading", data_dir))

    def family(self, type_: str) -> str:
        return self.raw["clustering"]["type_families"].get(type_, type_)

    def families(self) -> list[str]:
        fams = {self.family(t) for t in PLOVER} | set(self.raw["clustering"]["type_families"].values())
        return sorted(fams)

    def window(self, precision: str) -> int:
        w = self.raw["clustering"]["date_windows"]
        return int(w.get(precision, w["unknown"]))

    @property
    def max_km(self) -> float:
        return float(self.raw["clustering"]["max_distance_km"])

    @property
    def rel(self) -> dict[str, Any]:
        return self.raw["reliability"]

    @property
    def cred(self) -> dict[str, Any]:
        return self.raw["credibility"]


@lru_cache(maxsize=8)
def _outlet_patterns(names: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """(kind, canonical name, case-sensitive regex for the name in running text)."""
    out = []
    for kind, name in names:
        out.append((kind, name, re.compile(r"(?<![\w-])" + re.escape(name) + r"(?:[- ]?\d+)?(?![\w-])")))
    # longer names first, so "RIA Novosti" wins over "RIA"
    return tuple(sorted(out, key=lambda x: -len(x[1])))


def _all_names(g: Grading) -> tuple[tuple[str, str], ...]:
    return tuple((kind, n) for kind, spec in g.rel["outlet_kinds"].items() for n in spec["names"])


def outlet_kind(name: str | None, g: Grading) -> tuple[str | None, str | None]:
    """(kind, canonical name) of an outlet name: a listed name that is the outlet name
    or its prefix up to a word boundary ("Beltelevision" for "Beltelevision-1"), any case."""
    if not name:
        return None, None
    low = name.strip().lower()
    best: tuple[str | None, str | None] = (None, None)
    best_len = 0
    for kind, n in _all_names(g):
        nl = n.lower()
        if (low == nl or (low.startswith(nl) and not low[len(nl)].isalnum())) and len(nl) > best_len:
            best, best_len = (kind, n), len(nl)
    if best[0] is None and any(p in low for p in g.rel["state_media_phrases"]):
        return "state_media", None
    return best


def norm_name(text: str | None) -> str | None:
    if not text:
        return None
    words = re.findall(r"[^\W_]+", text.lower())
    return " ".join(words) or None


def _sentences_with(text: str, needle: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+|\n+", text)
    return [p for p in parts if needle in p]


def find_venue(text: str, speaker: str | None, g: Grading) -> tuple[str | None, str | None, str | None]:
    """(venue as written, canonical key, kind) of the medium a speaker spoke through:
    a listed outlet, or a state-media phrase, in a sentence of the article that names
    the speaker (by surname)."""
    if not speaker or not text:
        return None, None, None
    surname = speaker.split()[-1]
    if len(surname) < 3:
        return None, None, None
    pats = _outlet_patterns(_all_names(g))
    for sent in _sentences_with(text, surname):
        for kind, name, pat in pats:
            m = pat.search(sent)
            if m and g.rel["outlet_kinds"][kind]["cap"] is not None:
                return m.group(0), norm_name(name), kind
        low = sent.lower()
        for phrase in g.rel["state_media_phrases"]:
            if phrase in low:
                return phrase, norm_name(phrase), "state_media"
    return None, None, None


def _worse(a: str, b: str | None) -> str:
    if b is None:
        return a
    return a if LETTERS.index(a) >= LETTERS.index(b) else b


def grade_report(
    *,
    speaker: str | None,
    speaker_type: str | None,
    outlet: str | None,
    venue: str | None,
    venue_kind: str | None,
    g: Grading,
) -> tuple[str, str, str | None]:
    """(reliability letter, reason, outlet kind) of one report."""
    kinds = g.rel["outlet_kinds"]
    okind, _ = outlet_kind(outlet, g)
    outlet_txt = outlet or "unknown outlet"
    okind_label = kinds[okind]["label"] if okind else "outlet of unknown kind"
    st = speaker_type or "unattributed"
    if st == "unattributed" or (st not in g.rel["speaker_types"]):
        letter = kinds[okind]["own_reporting"] if okind else g.rel["unknown_outlet_own_reporting"]
        return letter, f"{letter}: {outlet_txt}'s own reporting, no attribution ({okind_label})", okind
    spec = g.rel["speaker_types"][st]
    letter = spec["letter"]
    reason = f"{spec['label']}" + (f" ({speaker})" if speaker else "")
    if venue_kind:
        cap = kinds[venue_kind]["cap"] if venue_kind in kinds else None
        letter = _worse(letter, cap)
        reason += f" speaking through {kinds[venue_kind]['label'] if venue_kind in kinds else venue_kind} ({venue})"
    if okind and kinds[okind]["cap"] is not None:
        letter = _worse(letter, kinds[okind]["cap"])
        reason += f", published by {kinds[okind]['label']} ({outlet_txt})"
    else:
        reason += f", in {outlet_txt}"
    return letter, f"{letter}: {reason}", okind


# --- results -----------------------------------------------------------------------------


@dataclass(slots=True)
class ClusterUpdate:
    """What `update_clusters` did.

    events: events clustered now; created: clusters made now (new ids);
    merged: old id -> new id for clusters merged or renamed; graded: clusters
    (re)graded now; dedup: the dedup step run first; candidates: candidate
    pairs looked at (blocking-key hits), for cost accounting.
    """

    events: int = 0
    created: set[str] = field(default_factory=set)
    merged: dict[str, str] = field(default_factory=dict)
    graded: set[str] = field(default_factory=set)
    dedup: DedupResult | None = None
    candidates: int = 0
    stories: StoryUpdate | None = None


@dataclass(slots=True)
class _Ev:
    event_id: str
    article_id: str
    idx: int
    type: str
    family: str
    modality: str
    date: Date | None
    precision: str
    lat: float | None
    lon: float | None
    country: str | None
    codes: tuple[str, ...]
    weapons: tuple[str, ...]  # named systems, lowercase, compared; generic terms ("missile") left out
    sentence: str
    trigger: str
    weapon_names: tuple[str, ...] = ()  # canonical names as stored, for display


_EV_QUERY = """
SELECT e.event_id, e.article_id, e.idx, e.type, e.modality, coalesce(e.date, a.date) AS d,
       CASE WHEN e.date IS NULL THEN 'article' ELSE coalesce(e.date_precision, 'unknown') END AS prec,
       e.lat, e.lon, e.location_country, e.sentence, e.trigger,
       (SELECT list(DISTINCT upper(x.code)) FROM event_actors x
          WHERE x.event_id = e.event_id AND x.code IS NOT NULL) AS codes,
       (SELECT list(DISTINCT w.name) FROM event_weapons w WHERE w.event_id = e.event_id) AS weapons,
       (SELECT list(DISTINCT lower(w.name)) FROM event_weapons w WHERE w.event_id = e.event_id
          AND lower(w.name) <> lower(coalesce(w."class", '')) AND w.name <> lower(w.name)) AS systems
FROM events e JOIN articles a ON a.id = e.article_id
"""


def _ev(row: tuple[Any, ...], g: Grading) -> _Ev:
    (eid, aid, idx, typ, modality, d, prec, lat, lon, country, sentence, trigger, codes, weapons, systems) = row
    return _Ev(
        eid, aid, idx, typ, g.family(typ), modality, d, prec, lat, lon, country,
        tuple(sorted(codes or [])), tuple(sorted(systems or [])), sentence or "",
        trigger or "", tuple(sorted(weapons or [])),
    )


def _buckets(ev: _Ev, g: Grading) -> list[str]:
    """Blocking buckets of an event: every BUCKET_DAYS-day bucket its date window touches.
    Two events within each other's windows always share one (windows overlap)."""
    if ev.date is None:
        return ["u"]
    w = g.window(ev.precision)
    lo, hi = (ev.date.toordinal() - w) // BUCKET_DAYS, (ev.date.toordinal() + w) // BUCKET_DAYS
    return [str(b) for b in range(lo, hi + 1)]


def _km(a: _Ev, b: _Ev) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def dates_compatible(a: _Ev, b: _Ev, g: Grading) -> bool:
    if a.date is None or b.date is None:
        return a.date is None and b.date is None
    return abs((a.date - b.date).days) <= max(g.window(a.precision), g.window(b.precision))


def places_compatible(a: _Ev, b: _Ev, g: Grading) -> bool:
    if None not in (a.lat, a.lon, b.lat, b.lon):
        return _km(a, b) <= g.max_km
    if a.country and b.country:
        return a.country.upper() == b.country.upper()
    return True


def compatible(a: _Ev, b: _Ev, g: Grading) -> bool:
    """Whether two events can report the same happening (symmetric)."""
    return (
        a.family == b.family
        and bool(set(a.codes) & set(b.codes))
        and dates_compatible(a, b, g)
        and places_compatible(a, b, g)
        and (not a.weapons or not b.weapons or bool(set(a.weapons) & set(b.weapons)))
    )


def cluster_id_for(seed_event: str) -> str:
    return "C" + hashlib.blake2b(seed_event.encode("utf-8"), digest_size=6).hexdigest()


def _seed_key(d: Date | None, event_id: str) -> tuple[bool, Date, str]:
    return (d is None, d or Date.min, event_id)


# --- database helpers --------------------------------------------------------------------


def _fetch(con: duckdb.DuckDBPyConnection, query: str, ids: Iterable[str], params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """Run `query` with the ids registered as table `_q(id)`."""
    ids = list(ids)
    if not ids:
        return []
    con.register("_q", pa.table({"id": pa.array(ids, pa.string())}))
    try:
        return con.execute(query, list(params)).fetchall()
    except duckdb.Error as exc:
        raise StoreError(f"corroborate query failed: {exc}") from exc
    finally:
        con.unregister("_q")


def _insert(con: duckdb.DuckDBPyConnection, table: str, cols: dict[str, pa.Array]) -> None:
    insert_arrow(con, table, pa.table(cols))


def _events(con: duckdb.DuckDBPyConnection, event_ids: Iterable[str], g: Grading) -> dict[str, _Ev]:
    rows = _fetch(con, _EV_QUERY + " JOIN _q ON _q.id = e.event_id", sorted(set(event_ids)))
    return {r[0]: _ev(r, g) for r in rows}


def _lookup(con: duckdb.DuckDBPyConnection, probes: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(probe event, stored event) for every stored key equal to a probe key."""
    if not probes:
        return []
    con.register("_probe", pa.table({
        "key": pa.array([k for k, _ in probes], pa.string()),
        "src": pa.array([e for _, e in probes], pa.string()),
    }))
    try:
        return con.execute(
            "SELECT DISTINCT p.src, k.event_id FROM _probe p JOIN cluster_keys k ON k.key = p.key "
            "WHERE k.event_id <> p.src"
        ).fetchall()
    finally:
        con.unregister("_probe")


def _keys(ev: _Ev, families: Iterable[str], g: Grading) -> list[str]:
    """Blocking keys `family|actor code|bucket`: stored for an event under its own
    family, probed under the families it may match."""
    return [f"{f}|{c}|{b}" for f in families for c in ev.codes for b in _buckets(ev, g)]


# --- update --------------------------------------------------------------------------------


def update_clusters(
    store: Store,
    article_ids: Iterable[str],
    *,
    dedup: bool = True,
    changed_articles: Iterable[str] = (),
    data_dir: str | None = None,
) -> ClusterUpdate:
    """Cluster and grade the events of these stored articles (incremental, idempotent).

    Runs `Deduplicator(store).add(article_ids)` first unless `dedup=False`;
    `changed_articles` names further articles whose copy links changed (from a
    dedup run made by the caller), so that their clusters are regraded.
    """
    if store.read_only:
        raise StoreError(f"database {store.path} is open read-only")
    g = Grading.load(data_dir)
    ids = sorted(set(article_ids))
    out = ClusterUpdate()
    changed = set(changed_articles)
    if dedup:
        out.dedup = Deduplicator(store, data_dir=data_dir).add(ids)
        changed |= out.dedup.changed
    faults.point("corpus.deduplicated")
    con = store.connection
    try:
        con.execute("BEGIN TRANSACTION")
        out.stories = update_links(con, ids)
        affected = _cluster_new(con, ids, g, out)
        faults.point("corpus.clustering")
        if changed:
            affected |= {r[0] for r in _fetch(
                con,
                "SELECT DISTINCT m.cluster_id FROM cluster_members m JOIN _q ON _q.id = m.article_id",
                sorted(changed),
            )}
        _grade(con, sorted(affected), g)
        out.graded = affected
        story_ids = out.stories.stories | stories_of_clusters(con, sorted(affected))
        if changed:
            story_ids |= stories_of_articles(con, sorted(changed))
        grade_stories(con, sorted(story_ids), g)
        _fetch(con, "DELETE FROM corpus_pending WHERE article_id IN (SELECT id FROM _q) RETURNING 1", ids)
        con.execute("COMMIT")
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            pass
        raise
    return out


def _cluster_new(con: duckdb.DuckDBPyConnection, ids: list[str], g: Grading, out: ClusterUpdate) -> set[str]:
    """Insert members and keys for new events, merge clusters; return clusters to grade."""
    new_ids = [r[0] for r in _fetch(
        con,
        "SELECT e.event_id FROM events e JOIN _q ON _q.id = e.article_id "
        "WHERE NOT EXISTS (SELECT 1 FROM cluster_members m WHERE m.event_id = e.event_id)",
        ids,
    )]
    if not new_ids:
        return set()
    everything = _events(con, new_ids, g)
    out.events = len(everything)
    _add_report_sources(con, everything, g)
    # events of copies that state what their original's events state follow those events
    mirrors = _mirrors(con, everything, g)
    new = {x: e for x, e in everything.items() if x not in mirrors}
    key_rows = [(k, e.event_id) for e in new.values() for k in _keys(e, [e.family], g)]
    _insert(con, "cluster_keys", {
        "key": pa.array([k for k, _ in key_rows], pa.string()),
        "event_id": pa.array([e for _, e in key_rows], pa.string()),
    })
    probes = key_rows
    pairs = _lookup(con, probes)
    out.candidates = len(pairs)
    others = _events(con, {b for _, b in pairs if b not in new}, g)
    stored = {
        r[0]: (r[1], _seed_key(r[3], r[2]))
        for r in _fetch(
            con,
            "SELECT event_id, cluster_id, anchor_event, anchor_date FROM cluster_members JOIN _q ON _q.id = event_id",
            sorted(others),
        )
    }
    # anchor(e) = the earliest (date, event id) event compatible with e, e included
    anchor: dict[str, tuple[bool, Date, str]] = {x: _seed_key(e.date, x) for x, e in new.items()}
    moved: dict[str, tuple[bool, Date, str]] = {}
    same_story = _story_links(con, {(new[a].article_id, (new.get(b) or others[b]).article_id)
                                    for a, b in pairs if b in new or b in others})
    for a, b in pairs:
        eb = new.get(b) or others.get(b)
        if eb is None or not compatible(new[a], eb, g):
            continue
        if new[a].article_id != eb.article_id and tuple(sorted((new[a].article_id, eb.article_id))) not in same_story:
            continue  # two articles that stories found unrelated never report one happening
        kb = _seed_key(eb.date, b)
        if kb < anchor[a]:
            anchor[a] = kb
        if b in stored:
            ka = _seed_key(new[a].date, a)
            current = moved.get(b, stored[b][1])
            if ka < current:
                moved[b] = ka
    affected: set[str] = set()
    known = {r[0] for r in _fetch(con, "SELECT cluster_id FROM clusters JOIN _q ON _q.id = cluster_id",
                                   sorted({cluster_id_for(k[2]) for k in anchor.values()}))}
    member_rows = []
    for x, e in new.items():
        cid = cluster_id_for(anchor[x][2])
        member_rows.append((x, cid, e.article_id, e.date, anchor[x][2], None if anchor[x][0] else anchor[x][1], None))
        affected.add(cid)
        if cid not in known:
            out.created.add(cid)
    if mirrors:
        targets = {r[0]: _seed_key(r[2], r[1]) for r in _fetch(
            con, "SELECT event_id, anchor_event, anchor_date FROM cluster_members JOIN _q ON _q.id = event_id",
            sorted({o for o in mirrors.values() if o not in new}))}
        for x, o in sorted(mirrors.items()):
            k = anchor[o] if o in new else moved.get(o, targets.get(o))
            if k is None:
                continue  # the original's event is in no cluster: nothing to follow
            e = everything[x]
            cid = cluster_id_for(k[2])
            member_rows.append((x, cid, e.article_id, e.date, k[2], None if k[0] else k[1], o))
            affected.add(cid)
    _insert(con, "cluster_members", {
        "event_id": pa.array([r[0] for r in member_rows], pa.string()),
        "cluster_id": pa.array([r[1] for r in member_rows], pa.string()),
        "article_id": pa.array([r[2] for r in member_rows], pa.string()),
        "date": pa.array([r[3] for r in member_rows], pa.date32()),
        "anchor_event": pa.array([r[4] for r in member_rows], pa.string()),
        "anchor_date": pa.array([r[5] for r in member_rows], pa.date32()),
        "mirror_of": pa.array([r[6] for r in member_rows], pa.string()),
    })
    if moved:
        ids_m = sorted(moved)
        olds = {stored[y][0] for y in ids_m}
        news = [cluster_id_for(moved[y][2]) for y in ids_m]
        affected |= olds | set(news)
        con.register("_mv", pa.table({
            "event_id": pa.array(ids_m, pa.string()),
            "cluster_id": pa.array(news, pa.string()),
            "anchor_event": pa.array([moved[y][2] for y in ids_m], pa.string()),
            "anchor_date": pa.array([None if moved[y][0] else moved[y][1] for y in ids_m], pa.date32()),
        }))
        try:
            con.execute(
                "UPDATE cluster_members m SET cluster_id = v.cluster_id, anchor_event = v.anchor_event, "
                "anchor_date = v.anchor_date FROM _mv v WHERE m.event_id = v.event_id OR m.mirror_of = v.event_id"
            )
        finally:
            con.unregister("_mv")
        # a cluster left empty lives on as an alias of the cluster that took most of its events
        left = {r[0] for r in _fetch(con, "SELECT DISTINCT cluster_id FROM cluster_members JOIN _q ON _q.id = cluster_id", sorted(olds))}
        for old in sorted(olds - left):
            took = Counter(cluster_id_for(moved[y][2]) for y in ids_m if stored[y][0] == old)
            target = min(took, key=lambda c: (-took[c], c))
            out.merged[old] = target
        if out.merged:
            ren = sorted(out.merged)
            con.register("_ren", pa.table({
                "old_id": pa.array(ren, pa.string()),
                "new_id": pa.array([out.merged[o] for o in ren], pa.string()),
            }))
            try:
                con.execute("UPDATE cluster_aliases a SET cluster_id = r.new_id FROM _ren r WHERE a.cluster_id = r.old_id")
                con.execute("DELETE FROM cluster_aliases WHERE old_id IN (SELECT old_id FROM _ren)")
                con.execute("INSERT INTO cluster_aliases SELECT old_id, new_id FROM _ren")
            finally:
                con.unregister("_ren")
    if out.created:  # a live cluster id is never an alias
        _fetch(con, "DELETE FROM cluster_aliases WHERE old_id IN (SELECT id FROM _q)", sorted(out.created))
    # a new denial (REJECT) or negation may contradict clusters of other families
    reject_family = g.family("REJECT")
    deniers = [e for e in new.values() if e.family == reject_family]
    if deniers:
        fams = [f for f in g.families() if f != reject_family]
        hits = _lookup(con, [(k, e.event_id) for e in deniers for k in _keys(e, fams, g)])
        affected |= {r[0] for r in _fetch(
            con, "SELECT DISTINCT cluster_id FROM cluster_members JOIN _q ON _q.id = event_id", sorted({b for _, b in hits})
        )}
    return affected


def _mirrors(con: duckdb.DuckDBPyConnection, events: dict[str, _Ev], g: Grading) -> dict[str, str]:
    """New event -> the event of its article's original that it restates, for the articles that
    dedup found to be copies: same type, same trigger, same sentence (spacing and case aside), the
    original's event clustered on its own (or new here and not itself a mirror). Those events need
    no comparison of their own: a copy says what its original says."""
    arts = {e.article_id for e in events.values()}
    original = originals(con, arts)
    if not original:
        return {}

    def key(e: _Ev) -> tuple[str, str, str]:
        return (e.type, e.trigger.lower(), " ".join(e.sentence.lower().split()))

    by_article: dict[str, dict[tuple[str, str, str], str]] = {}
    in_batch = {a for a in original.values() if a in arts and a not in original}
    for e in sorted(events.values(), key=lambda e: e.event_id):
        if e.article_id in in_batch:
            by_article.setdefault(e.article_id, {}).setdefault(key(e), e.event_id)
    stored_origs = sorted(set(original.values()) - in_batch)
    if stored_origs:
        ids = [r[0] for r in _fetch(con, "SELECT m.event_id FROM cluster_members m JOIN _q ON _q.id = m.article_id "
                                         "WHERE m.mirror_of IS NULL", stored_origs)]
        for e in sorted(_events(con, ids, g).values() if ids else [], key=lambda e: e.event_id):
            by_article.setdefault(e.article_id, {}).setdefault(key(e), e.event_id)
    out: dict[str, str] = {}
    for x, e in events.items():
        o = original.get(e.article_id)
        if o is not None and (target := by_article.get(o, {}).get(key(e))) is not None:
            out[x] = target
    return out


def _story_links(con: duckdb.DuckDBPyConnection, pairs: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """The article pairs (smaller id first) that `sitrep.stories` found near (story links, and pairs
    whose terms agree though their headlines are too far apart to join stories). A copy
    (`sitrep.dedup`) stands where its original stands: stories link it to its original alone."""
    wanted = sorted({(min(a, b), max(a, b)) for a, b in pairs if a != b})
    if not wanted:
        return set()
    arts = sorted({x for w in wanted for x in w})
    orig = {a: a for a in arts}
    orig.update(originals(con, arts))
    by_orig = {(min(orig[a], orig[b]), max(orig[a], orig[b])) for a, b in wanted}
    asked = sorted({*wanted, *by_orig})
    con.register("_pairs", pa.table({"a": pa.array([w[0] for w in asked], pa.string()),
                                     "b": pa.array([w[1] for w in asked], pa.string())}))
    try:
        rows = {(a, b) for a, b in con.execute("SELECT l.article_id, l.other_id FROM story_links l JOIN _pairs p "
                                               "ON p.a = l.article_id AND p.b = l.other_id").fetchall()}
    finally:
        con.unregister("_pairs")
    return {(a, b) for a, b in wanted if (a, b) in rows
            or orig[a] == orig[b] or (min(orig[a], orig[b]), max(orig[a], orig[b])) in rows}


def _add_report_sources(con: duckdb.DuckDBPyConnection, new: dict[str, _Ev], g: Grading) -> None:
    rows = _fetch(
        con,
        "SELECT e.event_id, e.article_id, a.source, e.speaker, e.speaker_type, a.text "
        "FROM events e JOIN articles a ON a.id = e.article_id JOIN _q ON _q.id = e.event_id",
        sorted(new),
    )
    cols: dict[str, list[Any]] = {k: [] for k in (
        "event_id", "article_id", "outlet", "outlet_kind", "speaker", "speaker_key", "speaker_type",
        "venue", "venue_key", "venue_kind", "reliability", "reason")}
    for eid, aid, outlet, speaker, st, text in rows:
        st = st or "unattributed"
        venue = venue_key = venue_kind = None
        if st == "media":
            kind, canon = outlet_kind(speaker, g)
            if kind:
                venue, venue_key, venue_kind = speaker, norm_name(canon or speaker), kind
        elif st in ("named_person", "organisation"):
            venue, venue_key, venue_kind = find_venue(text or "", speaker, g)
        letter, reason, okind = grade_report(
            speaker=speaker, speaker_type=st, outlet=outlet, venue=venue, venue_kind=venue_kind, g=g
        )
        named = st in ("named_person", "organisation", "media")
        for k, v in (
            ("event_id", eid), ("article_id", aid), ("outlet", outlet), ("outlet_kind", okind),
            ("speaker", speaker), ("speaker_key", norm_name(speaker) if named else None),
            ("speaker_type", st), ("venue", venue), ("venue_key", venue_key), ("venue_kind", venue_kind),
            ("reliability", letter), ("reason", reason),
        ):
            cols[k].append(v)
    _insert(con, "report_sources", {k: pa.array(v, pa.string()) for k, v in cols.items()})


# --- grading -------------------------------------------------------------------------------

_MEMBERS_QUERY = """
SELECT m.cluster_id, m.event_id, m.article_id, m.date, r.outlet, r.outlet_kind, r.speaker, r.speaker_key,
       r.speaker_type, r.venue, r.venue_key, r.venue_kind, r.reliability, r.reason,
       c.copy_of, a.date AS article_date
FROM cluster_members m
JOIN report_sources r ON r.event_id = m.event_id
JOIN articles a ON a.id = m.article_id
LEFT JOIN article_copies c ON c.article_id = m.article_id
"""


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, keys: list[str]) -> None:
        roots = sorted({self.find(k) for k in keys})
        for r in roots[1:]:
            self.parent[r] = roots[0]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


_MEMBER_NAMES = ("cluster_id", "event_id", "article_id", "date", "outlet", "outlet_kind", "speaker", "speaker_key",
                 "speaker_type", "venue", "venue_key", "venue_kind", "reliability", "reason", "copy_of", "article_date")


def grade_groups(con: duckdb.DuckDBPyConnection, groups: dict[str, list[str]], g: Grading, *,
                 negations: bool = True) -> dict[str, dict[str, Any]]:
    """Grade groups of clusters as one body of reporting each: {key: [cluster ids]} ->
    {key: graded record} (origins, reliability, credibility, reasons), as a cluster is graded.
    Stories are graded through this with all their clusters, `negations=False`: a negated
    report contradicts its own happening, not the other happenings of a story."""
    cids = sorted({c for cs in groups.values() for c in cs})
    rows = _fetch(con, _MEMBERS_QUERY + " JOIN _q ON _q.id = m.cluster_id", cids)
    by_cluster: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        d = dict(zip(_MEMBER_NAMES, r))
        by_cluster.setdefault(d["cluster_id"], []).append(d)
    members = {key: [m for c in cs for m in by_cluster.get(c, [])] for key, cs in groups.items()}
    return _grade_members(con, {k: ms for k, ms in members.items() if ms}, g, negations=negations)


def _grade(con: duckdb.DuckDBPyConnection, cluster_ids: list[str], g: Grading) -> None:
    if not cluster_ids:
        return
    graded = grade_groups(con, {c: [c] for c in cluster_ids}, g)
    out: dict[str, list[Any]] = {k: [] for k in (
        "cluster_id", "seed_event", "seed_date", "type", "modality", "actors", "weapons", "first_date", "last_date",
        "reports", "articles", "outlets", "independent_outlets", "independent_speakers", "independent_origins",
        "contradictions", "reliability", "credibility", "reasons")}
    for cid in cluster_ids:
        rec = graded.get(cid)
        if rec is None:
            continue
        for k in out:
            out[k].append(rec[k])
    con.register("_ids", pa.table({"id": pa.array(cluster_ids, pa.string())}))
    try:
        con.execute("DELETE FROM clusters WHERE cluster_id IN (SELECT id FROM _ids)")
    finally:
        con.unregister("_ids")
    types = {
        "seed_date": pa.date32(), "first_date": pa.date32(), "last_date": pa.date32(),
        "actors": pa.list_(pa.string()), "weapons": pa.list_(pa.string()),
        **{k: pa.int32() for k in ("reports", "articles", "outlets", "independent_outlets", "independent_speakers",
                                   "independent_origins", "contradictions", "credibility")},
    }
    _insert(con, "clusters", {k: pa.array(v, types.get(k, pa.string())) for k, v in out.items()})


def _grade_members(con: duckdb.DuckDBPyConnection, by_cluster: dict[str, list[dict[str, Any]]],
                   g: Grading, *, negations: bool = True) -> dict[str, dict[str, Any]]:
    """Graded record per group of member reports."""
    rows = [m for ms in by_cluster.values() for m in ms]
    if not rows:
        return {}
    evs = _events(con, [m["event_id"] for m in rows], g)
    # support: anonymous officials and unnamed experts quoted in the members' articles
    roots = sorted({(m["copy_of"] or m["article_id"]) for ms in by_cluster.values() for m in ms})
    quotes: dict[str, list[tuple[str, str]]] = {}
    for aid, speaker, st in _fetch(
        con,
        "SELECT article_id, coalesce(lower(speaker), ''), speaker_type FROM quotes JOIN _q ON _q.id = article_id "
        "WHERE speaker_type IN ('anonymous_official', 'unnamed_expert')",
        roots,
    ):
        quotes.setdefault(aid, []).append((speaker, st))
    # denials that may refer to these clusters
    reject_family = g.family("REJECT")
    probes = [(k, e.event_id) for e in evs.values() if e.family != reject_family for k in _keys(e, [reject_family], g)]
    hits = _lookup(con, probes)
    deniers = {k: v for k, v in _events(con, {b for _, b in hits}, g).items() if _is_denial(v, g)}
    denials_of: dict[str, set[str]] = {}
    for a, b in hits:
        e, r = evs[a], deniers.get(b)
        if r is None or r.family != reject_family:
            continue
        if _denies(r, e, g):
            denials_of.setdefault(b, set()).add(a)
    deny_by_event: dict[str, set[str]] = {}
    for r_id, targets in denials_of.items():
        for t in targets:
            deny_by_event.setdefault(t, set()).add(r_id)

    graded: dict[str, dict[str, Any]] = {}
    for cid, members in by_cluster.items():
        denials = sorted({d for m in members for d in deny_by_event.get(m["event_id"], ())})
        graded[cid] = _grade_cluster(cid, [dict(m) for m in members], evs, quotes, [deniers[d] for d in denials], g,
                                     negations=negations)
    return graded


@lru_cache(maxsize=8)
def _denial_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(w.lower()) for w in sorted(words, key=len, reverse=True)) + r")\b")


def _is_denial(r: _Ev, g: Grading) -> bool:
    """Whether a REJECT event's sentence uses a denial word."""
    return _denial_pattern(tuple(g.cred["denial_words"])).search(r.sentence.lower()) is not None


def _denies(r: _Ev, e: _Ev, g: Grading) -> bool:
    """Whether denial event `r` (a REJECT with a denial word) refers to event `e`: shared
    actor, date window, and a word of `e` (its trigger's stem or a weapon) in its sentence."""
    if not (set(r.codes) & set(e.codes)) or not dates_compatible(r, e, g):
        return False
    s = r.sentence.lower()
    stems = [t[:5] for t in re.findall(r"[^\W_]+", e.trigger.lower()) if len(t) >= 3]
    return any(st in s for st in stems) or any(w in s for w in e.weapons)


def _grade_cluster(
    cid: str,
    members: list[dict[str, Any]],
    evs: dict[str, _Ev],
    quotes: dict[str, list[tuple[str, str]]],
    denials: list[_Ev],
    g: Grading,
    *,
    negations: bool = True,
) -> dict[str, Any]:
    members.sort(key=lambda m: _seed_key(m["date"], m["event_id"]))
    seed = members[0]
    ev_list = [evs[m["event_id"]] for m in members]
    type_counts = Counter(e.type for e in ev_list)
    ctype = min(type_counts, key=lambda t: (-type_counts[t], t))
    mod_counts = Counter(e.modality for e in ev_list)
    modality = min(mod_counts, key=lambda m: (-mod_counts[m], MODALITY_CERTAINTY.index(m) if m in MODALITY_CERTAINTY else 99))
    actor_counts = Counter(c for e in ev_list for c in e.codes)
    actors = sorted(actor_counts, key=lambda c: (-actor_counts[c], c))
    weapons = sorted({w for e in ev_list for w in e.weapon_names})
    dates = [m["date"] for m in members if m["date"] is not None]

    # origins: union reports that share an origin key
    origins, outlets_u, speakers_u = _Union(), _Union(), _Union()
    for m in members:
        root = m["copy_of"] or m["article_id"]
        art = f"article:{root}"
        keys = [art]
        okeys = [art]
        if m["outlet"]:
            keys.append(f"outlet:{norm_name(m['outlet'])}")
            okeys.append(f"outlet:{norm_name(m['outlet'])}")
        skeys: list[str] = []
        if m["speaker_key"]:
            skeys.append(f"speaker:{m['speaker_key']}")
            if m["speaker_type"] == "media":
                skeys.append(f"outlet:{m['speaker_key']}")
        if m["venue_key"]:
            skeys.append(f"venue:{m['venue_key']}")
        keys += skeys
        origins.join(keys)
        outlets_u.join(okeys)
        m["_speaker_keys"] = skeys or [f"{art}|{m['speaker_type']}|{(m['speaker'] or '').lower()}"]
        speakers_u.join(m["_speaker_keys"])
        m["_origin_key"] = art
    groups: dict[str, list[dict[str, Any]]] = {}
    for m in members:
        groups.setdefault(origins.find(m["_origin_key"]), []).append(m)
    n_origins = len(groups)
    n_outlets_ind = len({outlets_u.find(f"article:{m['copy_of'] or m['article_id']}") for m in members})
    n_speakers = len({speakers_u.find(m["_speaker_keys"][0]) for m in members})

    rel_best = min((m["reliability"] for m in members), key=LETTERS.index)
    best = next(m for m in members if m["reliability"] == rel_best)
    reasons: list[str] = []

    # describe the origins
    descs = [_describe_origin(ms, g) for ms in sorted(groups.values(), key=lambda ms: _seed_key(ms[0]["date"], ms[0]["event_id"]))]
    if n_origins == 1:
        reasons.append(f"single origin: {descs[0]}")
    else:
        reasons.append(f"{n_origins} independent origins: " + "; ".join(descs))
    copies = sum(1 for a in {(m["article_id"], m["copy_of"]) for m in members} if a[1])
    if copies:
        reasons.append(f"{copies} {'copy' if copies == 1 else 'copies'} of other articles not counted as independent")
    # support from anonymous officials and unnamed experts in the same articles
    support: dict[str, set[tuple[str, str]]] = {"anonymous_official": set(), "unnamed_expert": set()}
    for m in members:
        root = m["copy_of"] or m["article_id"]
        for speaker, st in quotes.get(root, []):
            support[st].add((root, speaker))
        if m["speaker_type"] in support:
            support[m["speaker_type"]].add((root, (m["speaker"] or "").lower()))
    parts = []
    if support["anonymous_official"]:
        parts.append(_plural(len(support["anonymous_official"]), "anonymous official"))
    if support["unnamed_expert"]:
        parts.append(_plural(len(support["unnamed_expert"]), "unnamed expert"))
    if parts:
        reasons.append("support from " + " and ".join(parts) + " in the same reporting (not independent)")
    if n_origins == 1:
        reasons.append("no independent confirmation")
    reasons.append(f"reliability {rel_best} ({g.rel['letters'][rel_best]}): best report is {best['reason'][3:]}")

    # credibility
    cred = g.cred
    base = next((r["grade"] for r in cred["by_origins"] if n_origins >= r["min"]), 6)
    grade = base
    steps = [f"base {base} for {_plural(n_origins, 'independent origin')}"]
    if LETTERS.index(rel_best) >= LETTERS.index(cred["weak_from"]) and cred["penalties"]["weak_sources"]:
        grade += cred["penalties"]["weak_sources"]
        steps.append(f"+{cred['penalties']['weak_sources']} no source better than {cred['weak_from']}")
    negated = [e for e in ev_list if e.modality == "negated"] if negations else []
    affirmed = [e for e in ev_list if e.modality != "negated"]
    contradictions = (len(negated) if affirmed else 0) + len(denials)
    if contradictions:
        grade += cred["penalties"]["contradicted"]
        steps.append(f"+{cred['penalties']['contradicted']} contradicted")
        # one line per distinct sentence: a denial matched by several clusters of a story, or
        # printed again by a copy, is one denial
        said: set[str] = set()
        for kind, e in [("a report negates it", e) for e in (negated if affirmed else [])] + \
                [("denial", d) for d in denials]:
            words = " ".join(e.sentence.lower().split())
            if words not in said:
                said.add(words)
                reasons.append(f"contradicted: {kind} ({e.article_id}: \"{_short(e.sentence)}\")")
    mpen = int(cred["modality"].get(modality, 0))
    if mpen:
        grade += mpen
        steps.append(f"+{mpen} modality {modality}")
    worst = cred["worst"] if contradictions else cred["worst_uncontradicted"]
    if grade > max(base, worst):
        grade = max(base, worst)
        steps.append(f"capped at {grade}" + ("" if contradictions else " (nothing contradicts it)"))
    if all(m["reliability"] == "F" for m in members):
        grade = 6
        steps.append("no report's source can be judged")
    reasons.append(f"credibility {grade} ({cred['labels'][str(grade)]}): " + ", ".join(steps))
    return {
        "cluster_id": cid,
        "seed_event": seed["event_id"],
        "seed_date": seed["date"],
        "type": ctype,
        "modality": modality,
        "actors": actors,
        "weapons": weapons,
        "first_date": min(dates) if dates else None,
        "last_date": max(dates) if dates else None,
        "reports": len(members),
        "articles": len({m["article_id"] for m in members}),
        "outlets": len({norm_name(m["outlet"]) for m in members if m["outlet"]}),
        "independent_outlets": n_outlets_ind,
        "independent_speakers": n_speakers,
        "independent_origins": n_origins,
        "contradictions": contradictions,
        "reliability": rel_best,
        "credibility": grade,
        "reasons": json.dumps(reasons, ensure_ascii=False),
    }


def _short(s: str, n: int = 90) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _describe_origin(ms: list[dict[str, Any]], g: Grading) -> str:
    kinds = g.rel["outlet_kinds"]
    labels = g.rel["speaker_types"]
    venue = next((m for m in ms if m["venue"]), None)
    named = next((m for m in ms if m["speaker_type"] in ("named_person", "organisation") and m["speaker"]), None)
    outlets = sorted({m["outlet"] for m in ms if m["outlet"] and not m["copy_of"]})
    copy_outlets = sorted({m["outlet"] for m in ms if m["outlet"] and m["copy_of"]} - set(outlets))
    copies = len({m["article_id"] for m in ms if m["copy_of"]})
    if venue is not None:
        kind = kinds.get(venue["venue_kind"], {}).get("label", venue["venue_kind"])
        text = f"{kind} ({venue['venue']})"
        if named is not None and named is not venue or (venue["speaker_type"] in ("named_person", "organisation")):
            who = named or venue
            text += f" via {labels[who['speaker_type']]['label']} ({who['speaker']})"
    elif named is not None:
        text = f"{labels[named['speaker_type']]['label']} ({named['speaker']})"
    else:
        st = Counter(m["speaker_type"] for m in ms).most_common(1)[0][0]
        if st == "unattributed":
            return (f"own reporting of {_names(outlets)}" if outlets else "unattributed reporting") + _copies(copies, copy_outlets)
        text = labels.get(st, {"label": st})["label"]
        if ms[0]["speaker"]:
            text += f" ({ms[0]['speaker']})"
    if outlets:
        text += f" in {_names(outlets)}"
    return text + _copies(copies, copy_outlets)


def _names(names: list[str], shown: int = 3) -> str:
    return ", ".join(names[:shown]) + (f" and {len(names) - shown} more" if len(names) > shown else "")


def _copies(n: int, outlets: list[str]) -> str:
    if not n:
        return ""
    word = "copy" if n == 1 else "copies"
    return f" (+{n} {word}" + (f" in {_names(outlets)})" if outlets else ")")


# --- reading -----------------------------------------------------------------------------


_REPORTS_QUERY = """
SELECT m.cluster_id, m.event_id, e.article_id, e.idx, a.source, coalesce(a.date, m.date) AS d, e.sentence,
       e.speaker, coalesce(e.speaker_type, 'unattributed') AS speaker_type, c.copy_of, c.similarity,
       e.type, e.modality, m.date AS event_date, r.reliability, r.reason, r.venue, r.outlet_kind, a.title, a.url
FROM cluster_members m
JOIN events e ON e.event_id = m.event_id
JOIN articles a ON a.id = e.article_id
LEFT JOIN report_sources r ON r.event_id = m.event_id
LEFT JOIN article_copies c ON c.article_id = e.article_id
"""


def _iso(v: Any) -> Any:
    return v.isoformat() if isinstance(v, Date) else v


def _reports(con: duckdb.DuckDBPyConnection, cluster_ids: list[str], *, detail: bool) -> dict[str, list[dict[str, Any]]]:
    rows = _fetch(con, _REPORTS_QUERY + " JOIN _q ON _q.id = m.cluster_id ORDER BY d NULLS LAST, e.article_id, e.idx", cluster_ids)
    out: dict[str, list[dict[str, Any]]] = {}
    for (cid, eid, aid, _idx, source, d, sentence, speaker, st, copy_of, sim, typ, modality, edate,
         rel, reason, venue, okind, title, url) in rows:
        rep: dict[str, Any] = {
            "article_id": aid, "source": source, "date": _iso(d), "sentence": sentence,
            "speaker": speaker, "speaker_type": st, "copy_of": copy_of,
        }
        if detail:
            rep.update({
                "event_id": eid, "type": typ, "modality": modality, "event_date": _iso(edate),
                "similarity": sim, "reliability": rel, "reliability_reason": reason, "venue": venue,
                "outlet_kind": okind, "title": title, "url": url,
            })
        out.setdefault(cid, []).append(rep)
    return out


def _cluster_record(row: dict[str, Any], reports: list[dict[str, Any]], *, detail: bool) -> dict[str, Any]:
    rec = {
        "cluster_id": row["cluster_id"],
        "type": row["type"],
        "modality": row["modality"],
        "actors": list(row["actors"] or []),
        "weapons": list(row["weapons"] or []),
        "first_date": _iso(row["first_date"]),
        "last_date": _iso(row["last_date"]),
        "articles": row["articles"],
        "outlets": row["outlets"],
        "independent_origins": row["independent_origins"],
        "reliability": row["reliability"],
        "credibility": row["credibility"],
        "reasons": json.loads(row["reasons"]) if isinstance(row["reasons"], str) else list(row["reasons"]),
        "reports": reports,
    }
    if detail:
        rec.update({
            "reports_count": row["reports"],
            "independent_outlets": row["independent_outlets"],
            "independent_speakers": row["independent_speakers"],
            "contradictions": row["contradictions"],
            "seed_event": row["seed_event"],
        })
    return rec


def _rows(con: duckdb.DuckDBPyConnection, query: str, params: Sequence[Any]) -> list[dict[str, Any]]:
    cur = con.execute(query, list(params))
    names = [d[0] for d in cur.description or []]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def clusters(
    store: Store,
    *,
    actor: str | None = None,
    type: str | Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Clusters in the `sitrep events --clusters --format json` contract shape, by
    first date then id. actor: a code (any case) among the cluster's actors;
    type: one PLOVER type or several ("ASSAULT,COERCE"); since/until: YYYY-MM-DD,
    clusters whose date range overlaps [since, until]."""
    where, params = span_filter(actor, since, until)
    types = type_list(type)
    if types:
        where.append(f"type IN ({', '.join('?' for _ in types)})")
        params += types
    query = "SELECT * FROM clusters" + (" WHERE " + " AND ".join(where) if where else "")
    query += " ORDER BY first_date NULLS LAST, cluster_id" + limit_sql(limit)
    con = store.connection
    try:
        rows = _rows(con, query, params)
    except duckdb.CatalogException as exc:
        raise StoreError(f"{store.path} has no cluster tables; open it for writing to migrate it") from exc
    reports = _reports(con, [r["cluster_id"] for r in rows], detail=False)
    return [_cluster_record(r, reports.get(r["cluster_id"], []), detail=False) for r in rows]


def cluster(store: Store, cluster_id: str) -> dict[str, Any] | None:
    """One cluster with every report, its source, speaker, reliability grade and
    reason, or None. An id the cluster had before a merge finds it too."""
    con = store.connection
    rows = _rows(con, "SELECT * FROM clusters WHERE cluster_id = ?", [cluster_id])
    if not rows:
        alias = con.execute("SELECT cluster_id FROM cluster_aliases WHERE old_id = ?", [cluster_id]).fetchall()
        if not alias:
            return None
        rows = _rows(con, "SELECT * FROM clusters WHERE cluster_id = ?", [alias[0][0]])
        if not rows:
            return None
    row = rows[0]
    reports = _reports(con, [row["cluster_id"]], detail=True).get(row["cluster_id"], [])
    return _cluster_record(row, reports, detail=True)


def clusters_by_id(store: Store, cluster_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The clusters `cluster_ids` in full, as `cluster` gives each, in that order (ids a merge
    retired find their cluster; unknown ids and repeats are left out): three queries for any
    number of clusters."""
    con = store.connection
    ids = list(dict.fromkeys(cluster_ids))
    if not ids:
        return []
    rows = {r["cluster_id"]: r for r in _rows(con, "SELECT * FROM clusters WHERE list_contains(?, cluster_id)", [ids])}
    missing = [i for i in ids if i not in rows]
    alias: dict[str, str] = {}
    if missing:
        alias = dict(con.execute("SELECT old_id, cluster_id FROM cluster_aliases WHERE list_contains(?, old_id)",
                                 [missing]).fetchall())
        more = sorted(set(alias.values()) - set(rows))
        if more:
            rows.update({r["cluster_id"]: r for r in _rows(
                con, "SELECT * FROM clusters WHERE list_contains(?, cluster_id)", [more])})
    order = list(dict.fromkeys(rows[alias.get(i, i)]["cluster_id"] for i in ids if alias.get(i, i) in rows))
    reports = _reports(con, order, detail=True)
    return [_cluster_record(rows[cid], reports.get(cid, []), detail=True) for cid in order]


def event_clusters(store: Store, event_ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """event_id -> its cluster's id and counts, for exports: cluster_id, articles
    (GDELT NumArticles), outlets (NumSources), independent_origins,
    independent_outlets, independent_speakers, reliability, credibility."""
    query = (
        "SELECT m.event_id, c.cluster_id, c.articles, c.outlets, c.independent_origins, c.independent_outlets, "
        "c.independent_speakers, c.reliability, c.credibility FROM cluster_members m "
        "JOIN clusters c ON c.cluster_id = m.cluster_id"
    )
    con = store.connection
    if event_ids is None:
        rows = con.execute(query).fetchall()
    else:
        rows = _fetch(con, query + " JOIN _q ON _q.id = m.event_id", sorted(set(event_ids)))
    keys = ("cluster_id", "articles", "outlets", "independent_origins", "independent_outlets",
            "independent_speakers", "reliability", "credibility")
    return {r[0]: dict(zip(keys, r[1:])) for r in rows}
