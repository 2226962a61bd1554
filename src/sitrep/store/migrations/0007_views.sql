-- Views for the two export shapes, so that a DuckDB user need not re-join the event tables.
--
-- event_rows: one row per event, actors, recipients and weapons as lists (codes and names in
--   order; an actor without a code is a NULL item), with the article's date, outlet, title and
--   URL, the event's cluster and story. The GDELT-like flat export (`sitrep export x.csv`) is
--   computed from the same tables in Python (sitrep.export.flat_row) and adds GDELT's columns.
-- event_records: one row per event in the nested (PLOVER / `sitrep code` contract) form:
--   actor, recipient and weapons as lists of structs, evidence as a struct.
-- Views hold no data: they read the tables as they are when queried.

CREATE VIEW event_rows AS
SELECT
    e.event_id,
    e.article_id,
    COALESCE(e.date, a.date) AS date,
    e.date AS event_date,
    e.date_precision,
    a.date AS article_date,
    e.type,
    e.mode,
    e.cameo,
    e.quad_class,
    e.intensity,
    e.modality,
    COALESCE((SELECT list(x.code ORDER BY x.idx) FROM event_actors x WHERE x.event_id = e.event_id AND x.role = 'actor'), []) AS actor_codes,
    COALESCE((SELECT list(x.text ORDER BY x.idx) FROM event_actors x WHERE x.event_id = e.event_id AND x.role = 'actor'), []) AS actor_names,
    COALESCE((SELECT list(x.code ORDER BY x.idx) FROM event_actors x WHERE x.event_id = e.event_id AND x.role = 'recipient'), []) AS recipient_codes,
    COALESCE((SELECT list(x.text ORDER BY x.idx) FROM event_actors x WHERE x.event_id = e.event_id AND x.role = 'recipient'), []) AS recipient_names,
    COALESCE((SELECT list(w.name ORDER BY w.idx) FROM event_weapons w WHERE w.event_id = e.event_id), []) AS weapons,
    COALESCE((SELECT list(w."class" ORDER BY w.idx) FROM event_weapons w WHERE w.event_id = e.event_id), []) AS weapon_classes,
    e.location_text,
    e.location_country,
    e.lat,
    e.lon,
    e.speaker,
    e.speaker_type,
    e.acled_event_type,
    e.acled_sub_event_type,
    e.sentence,
    e.trigger,
    e.rule,
    a.source,
    a.title,
    a.url,
    m.cluster_id,
    s.story_id
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN cluster_members m ON m.event_id = e.event_id
LEFT JOIN story_articles s ON s.article_id = e.article_id;

CREATE VIEW event_records AS
SELECT
    e.event_id,
    e.article_id,
    e.type,
    e.mode,
    e.context,
    e.cameo,
    e.quad_class,
    e.intensity,
    e.date,
    e.date_precision,
    e.modality,
    COALESCE((SELECT list({'text': x.text, 'code': x.code, 'sector': x.sector} ORDER BY x.idx)
              FROM event_actors x WHERE x.event_id = e.event_id AND x.role = 'actor'), []) AS actor,
    COALESCE((SELECT list({'text': x.text, 'code': x.code, 'sector': x.sector} ORDER BY x.idx)
              FROM event_actors x WHERE x.event_id = e.event_id AND x.role = 'recipient'), []) AS recipient,
    COALESCE((SELECT list({'text': w.text, 'name': w.name, 'class': w."class", 'origin': w.origin} ORDER BY w.idx)
              FROM event_weapons w WHERE w.event_id = e.event_id), []) AS weapons,
    {'text': e.location_text, 'country': e.location_country, 'lat': e.lat, 'lon': e.lon} AS location,
    {'speaker': e.speaker, 'speaker_type': e.speaker_type, 'speaker_title': e.speaker_title,
     'direct': e.attribution_direct, 'cue': e.cue} AS attribution,
    {'event_type': e.acled_event_type, 'sub_event_type': e.acled_sub_event_type} AS acled,
    {'sentence': e.sentence, 'start': e.sentence_start, 'end': e.sentence_end, 'trigger': e.trigger,
     'trigger_start': e.trigger_start, 'trigger_end': e.trigger_end, 'rule': e.rule} AS evidence,
    a.date AS article_date,
    a.source,
    a.title,
    a.url,
    m.cluster_id,
    s.story_id
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN cluster_members m ON m.event_id = e.event_id
LEFT JOIN story_articles s ON s.article_id = e.article_id;
