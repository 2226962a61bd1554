-- 0011_event_part_indexes: an ART index on event_id of event_actors and of event_weapons. Their primary
-- keys, (event_id, role, idx) and (event_id, idx), are indexes too, but DuckDB scans a table through an
-- index only for a filter on a single-column index: without these, `WHERE event_id = ?` and the joins
-- that read the actors and weapons of a page of events (`Store.events`/`events_page`, whose small side
-- DuckDB pushes into the scan as an IN filter) read every row of both tables. With them, those scans
-- read the page's rows only (`sitrep serve`'s events pages and event detail; see docs/serve.md).
-- Rows of these tables are only ever inserted (events never change once stored), so the indexes meet no
-- UPDATE or DELETE; an insert adds its rows to them (measured: docs/serve.md).
CREATE INDEX event_actors_event ON event_actors (event_id);
CREATE INDEX event_weapons_event ON event_weapons (event_id);
