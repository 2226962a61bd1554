-- 0002_corroboration: near-duplicate index (MinHash LSH), copy links, event clusters and grades.
-- Written by sitrep.dedup and sitrep.corroborate after Store.add; see docs/corroboration.md.
-- Everything here can be rebuilt from the tables of 0001 (articles, events, ...).

CREATE TABLE article_signatures (
    article_id TEXT PRIMARY KEY,
    signature  UINTEGER[] NOT NULL,   -- MinHash signature (sitrep.dedup.NUM_PERM values)
    shingles   INTEGER NOT NULL       -- number of distinct word shingles hashed
);

CREATE TABLE lsh_bands (
    key        BIGINT NOT NULL,       -- 64-bit hash of (band number, the band's signature rows)
    article_id TEXT NOT NULL
);
CREATE INDEX lsh_bands_key ON lsh_bands (key);

CREATE TABLE article_copies (
    article_id TEXT PRIMARY KEY,      -- a copy or light rewrite ...
    copy_of    TEXT NOT NULL,         -- ... of this original (earliest date, then smallest id)
    similarity DOUBLE NOT NULL        -- estimated Jaccard similarity to the original
);

CREATE TABLE report_sources (
    event_id       TEXT PRIMARY KEY,  -- one report = one stored event
    article_id     TEXT NOT NULL,
    outlet         TEXT,              -- articles.source
    outlet_kind    TEXT,              -- wire | state_media | ... | NULL (unknown)
    speaker        TEXT,              -- as attributed
    speaker_key    TEXT,              -- normalised speaker name, NULL for unnamed speakers
    speaker_type   TEXT NOT NULL,     -- model.SPEAKER_TYPES
    venue          TEXT,              -- media the speaker spoke through, as written ("Beltelevision-1")
    venue_key      TEXT,              -- its canonical name
    venue_kind     TEXT,
    reliability    TEXT NOT NULL,     -- Admiralty A-F
    reason         TEXT NOT NULL
);

CREATE TABLE cluster_keys (
    key      TEXT NOT NULL,           -- family|actor code|4-day bucket (every bucket the date window touches)
    event_id TEXT NOT NULL
);
CREATE INDEX cluster_keys_key ON cluster_keys (key);

CREATE TABLE cluster_members (
    event_id   TEXT PRIMARY KEY,
    cluster_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    date       DATE,                  -- event date, else article date
    anchor_event TEXT NOT NULL,       -- earliest (date, event_id) event compatible with this one
    anchor_date  DATE                 -- its date; cluster_id is derived from anchor_event
);
CREATE INDEX cluster_members_cluster ON cluster_members (cluster_id);

CREATE TABLE clusters (
    cluster_id           TEXT PRIMARY KEY, -- derived from the members' anchor event
    seed_event           TEXT NOT NULL,    -- earliest member by (date, event_id)
    seed_date            DATE,
    type                 TEXT NOT NULL,
    modality             TEXT NOT NULL,
    actors               VARCHAR[] NOT NULL,
    weapons              VARCHAR[] NOT NULL,
    first_date           DATE,
    last_date            DATE,
    reports              INTEGER NOT NULL,
    articles             INTEGER NOT NULL, -- GDELT NumArticles
    outlets              INTEGER NOT NULL, -- GDELT NumSources
    independent_outlets  INTEGER NOT NULL,
    independent_speakers INTEGER NOT NULL,
    independent_origins  INTEGER NOT NULL,
    contradictions       INTEGER NOT NULL,
    reliability          TEXT NOT NULL,    -- best report reliability, A-F
    credibility          INTEGER NOT NULL, -- 1-6
    reasons              JSON NOT NULL     -- array of strings
);

CREATE TABLE cluster_aliases (
    old_id     TEXT PRIMARY KEY,           -- an id a cluster had before a merge
    cluster_id TEXT NOT NULL
);
