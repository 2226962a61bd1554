-- 0001_initial: articles, rejections, entities, quotes, events and their actors and weapons.
-- Table and column names are a contract for SQL users (see docs/export-schemas.md and
-- the sitrep.store docstring). Later migrations add tables; they never rename these columns.

CREATE TABLE articles (
    id          TEXT PRIMARY KEY,   -- content-hash id (sitrep.model.content_id)
    title       TEXT,
    text        TEXT NOT NULL,
    date        DATE,               -- publication date; NULL when unknown or unparseable
    url         TEXT,
    source      TEXT,               -- outlet
    origin      TEXT,               -- where it was read from: path, path#item, "<stdin>:3"
    format      TEXT,               -- text | html | feed | jsonl
    language    TEXT,
    ingested_at TIMESTAMP NOT NULL, -- UTC
    warnings    JSON                -- JSON array of strings
);

CREATE TABLE rejections (
    id          TEXT NOT NULL,
    origin      TEXT NOT NULL,      -- '' when the input had no origin
    reason      TEXT NOT NULL,      -- short stable code: empty, binary, too_large, not_english, ...
    detail      TEXT,
    rejected_at TIMESTAMP NOT NULL, -- UTC, first time the input was rejected
    PRIMARY KEY (origin, id)
);

CREATE TABLE entities (
    article_id    TEXT NOT NULL,
    idx           INTEGER NOT NULL, -- position in Article.entities
    text          TEXT NOT NULL,
    start_char    INTEGER NOT NULL,
    end_char      INTEGER NOT NULL,
    type          TEXT NOT NULL,    -- PERSON, ORG, LOCATION, NATIONALITY, WEAPON, ...
    code          TEXT,             -- ISO3, org code or weapon canonical name
    sector        TEXT,
    lat           DOUBLE,
    lon           DOUBLE,
    country       TEXT,
    method        TEXT,             -- how it was found: gazetteer | ner | rule
    weapon_class  TEXT,
    weapon_origin TEXT,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE quotes (
    article_id    TEXT NOT NULL,
    idx           INTEGER NOT NULL, -- position in Article.quotes
    content       TEXT NOT NULL,
    start_char    INTEGER NOT NULL,
    end_char      INTEGER NOT NULL,
    speaker       TEXT,
    speaker_start INTEGER,
    speaker_end   INTEGER,
    speaker_type  TEXT NOT NULL,
    speaker_title TEXT,
    cue           TEXT,
    direct        BOOLEAN NOT NULL,
    cue_start     INTEGER,
    cue_end       INTEGER,
    rule          TEXT,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE events (
    event_id             TEXT PRIMARY KEY, -- article_id || ':' || idx
    article_id           TEXT NOT NULL,
    idx                  INTEGER NOT NULL, -- position in Article.events
    type                 TEXT NOT NULL,    -- PLOVER 2.0 event type
    mode                 TEXT,
    context              VARCHAR[],
    cameo                TEXT,
    quad_class           INTEGER,
    intensity            DOUBLE,
    date                 DATE,
    date_precision       TEXT,             -- day | month | year | NULL
    modality             TEXT NOT NULL,
    location_text        TEXT,
    location_start       INTEGER,
    location_end         INTEGER,
    lat                  DOUBLE,
    lon                  DOUBLE,
    location_country     TEXT,
    speaker              TEXT,             -- attribution; all NULL when the event has none
    speaker_type         TEXT,
    speaker_title        TEXT,
    attribution_direct   BOOLEAN,
    cue                  TEXT,
    acled_event_type     TEXT,
    acled_sub_event_type TEXT,
    sentence             TEXT NOT NULL,    -- evidence
    sentence_start       INTEGER NOT NULL,
    sentence_end         INTEGER NOT NULL,
    trigger              TEXT NOT NULL,
    trigger_start        INTEGER NOT NULL,
    trigger_end          INTEGER NOT NULL,
    rule                 TEXT NOT NULL
);

CREATE TABLE event_actors (
    event_id   TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    idx        INTEGER NOT NULL,  -- position in Event.actor or Event.recipient
    text       TEXT NOT NULL,
    code       TEXT,
    sector     TEXT,
    start_char INTEGER,
    end_char   INTEGER,
    PRIMARY KEY (event_id, role, idx)
);

CREATE TABLE event_weapons (
    event_id   TEXT NOT NULL,
    idx        INTEGER NOT NULL,  -- position in Event.weapons
    text       TEXT NOT NULL,
    name       TEXT NOT NULL,     -- canonical name
    "class"    TEXT,
    origin     TEXT,
    start_char INTEGER,
    end_char   INTEGER,
    PRIMARY KEY (event_id, idx)
);
