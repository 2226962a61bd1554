-- 0006_stories: articles grouped into stories (one real-world development across outlets and days).
-- Written by sitrep.stories after dedup and before clustering; see docs/corroboration.md.
-- Everything here can be rebuilt from the tables of 0001 (articles, entities, events, ...).

CREATE TABLE story_features (
    article_id TEXT PRIMARY KEY,
    date       DATE,                  -- article date
    terms      VARCHAR[] NOT NULL,    -- weighted features (sitrep.stories.features), unit length
    weights    DOUBLE[] NOT NULL
);

CREATE TABLE story_keys (
    key        TEXT NOT NULL,         -- heavy term | date bucket (every bucket the link window touches)
    article_id TEXT NOT NULL
);
CREATE INDEX story_keys_key ON story_keys (key);

CREATE TABLE story_links (
    article_id TEXT NOT NULL,         -- the smaller id of a linked pair
    other_id   TEXT NOT NULL,
    similarity DOUBLE NOT NULL,
    days       INTEGER,               -- days between the article dates (NULL when one is undated)
    PRIMARY KEY (article_id, other_id)
);

CREATE TABLE story_articles (
    article_id TEXT PRIMARY KEY,
    story_id   TEXT NOT NULL
);
CREATE INDEX story_articles_story ON story_articles (story_id);

CREATE TABLE story_aliases (
    old_id   TEXT PRIMARY KEY,        -- an id a story had before a merge
    story_id TEXT NOT NULL
);

CREATE TABLE stories (
    story_id            TEXT PRIMARY KEY, -- derived from its earliest article (date, id)
    seed_article        TEXT NOT NULL,
    title               TEXT,
    first_date          DATE,
    last_date           DATE,
    articles            INTEGER NOT NULL,
    outlets             INTEGER NOT NULL,
    independent_origins INTEGER NOT NULL,
    clusters            VARCHAR[] NOT NULL,
    types               VARCHAR[] NOT NULL,
    actors              VARCHAR[] NOT NULL,
    countries           VARCHAR[] NOT NULL, -- actor codes and event location countries
    weapons             VARCHAR[] NOT NULL,
    top_events          JSON NOT NULL,     -- array of cluster summaries, most significant first
    significance        DOUBLE NOT NULL,
    reliability         TEXT NOT NULL,     -- A-F
    credibility         INTEGER NOT NULL,  -- 1-6
    reasons             JSON NOT NULL      -- array of strings
);

-- Databases written before this migration: every stored article still needs its story, so it
-- goes through the corpus stages again (`sitrep repair`, or the next ingest; dedup and
-- clustering skip what they already did).
INSERT INTO corpus_pending
SELECT a.id, CAST(current_timestamp AS TIMESTAMP) FROM articles a
WHERE NOT EXISTS (SELECT 1 FROM corpus_pending p WHERE p.article_id = a.id);
