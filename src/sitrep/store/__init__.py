"""The `store` stage: coded articles in a DuckDB database.

Python API::

    from sitrep.store import Store

    # write (creates the file and applies migrations)
    with Store.open("sitrep.duckdb") as db:
        result = db.add(articles)          # AddResult(added, duplicates, rejected)

    # read
    with Store.open("sitrep.duckdb", read_only=True) as db:
        db.events(type="COOPERATE")
        db.events(actor="RUS", type="ASSAULT,COERCE", since="2024-01-01")
        db.events(weapon="drone", country="UKR")
        db.quotes(speaker_type="anonymous_official")   # statements; kind="stance" or "all"
        db.stats()
        db.sql("SELECT type, count(*) AS n FROM events GROUP BY type")

DuckDB allows one writer process per database file, and while a process has
it open for writing no other can open it, even read-only. `sitrep ingest`
therefore opens it only while it writes a batch, and holds the writer lock
(`sitrep.store.lock`, ``<db>.writer.lock``) for its whole run: a second writer
gets an error naming the first; a reader that meets a batch being written
retries for `READ_WAIT_SECONDS`, then names the holder. Within one process,
share one `Store`.

Re-adding an article whose id is stored adds nothing and changes nothing, so
ingesting the same inputs twice is safe; `known_ids(ids)` lets a caller skip
coding inputs that are already stored.

Tables (their names and columns are a contract for SQL users; offsets are
character offsets into `articles.text`, timestamps are UTC):

    schema_migrations(version, name, applied_at)      migrations applied
    articles(id, title, text, date, url, source, origin, format, language,
             ingested_at, warnings JSON)              one row per coded article
    rejections(id, origin, reason, detail, rejected_at)
                                                      inputs not coded; key (origin, id)
    entities(article_id, idx, text, start_char, end_char, type, code, sector,
             lat, lon, country, method, weapon_class, weapon_origin)
    quotes(article_id, idx, content, start_char, end_char, speaker,
           speaker_start, speaker_end, speaker_type, speaker_title, cue,
           direct, cue_start, cue_end, rule, spans INTEGER[][],
           kind 'statement'|'stance')             quotes and stances (`Quote.kind`)
    events(event_id = article_id || ':' || idx, article_id, idx, type, mode,
           context VARCHAR[], cameo, quad_class, intensity, date,
           date_precision, modality, location_text, location_start,
           location_end, lat, lon, location_country, speaker, speaker_type,
           speaker_title, attribution_direct, cue, acled_event_type,
           acled_sub_event_type, sentence, sentence_start, sentence_end,
           trigger, trigger_start, trigger_end, rule)
    event_actors(event_id, role 'actor'|'recipient', idx, text, code, sector,
                 start_char, end_char)
    event_weapons(event_id, idx, text, name, "class", origin, start_char, end_char)
    corpus_pending(article_id, stored_at)            stored, not yet deduplicated and clustered
                                                      (an interrupted ingest's; `sitrep repair`)

The schema is built by the numbered SQL files in `sitrep/store/migrations/`
(see `sitrep.store.migrate`); later migrations add tables, never rename these.
"""

from sitrep.store.db import DEFAULT_PATH, AddResult, Store
from sitrep.store.migrate import latest_version, migrate

__all__ = ["DEFAULT_PATH", "AddResult", "Store", "latest_version", "migrate"]
