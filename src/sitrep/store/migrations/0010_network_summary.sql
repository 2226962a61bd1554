-- 0010_network_summary: the actor network (`sitrep serve`'s /api/network and /api/actors) summed per
-- day and event type as events are stored, so that the whole network, or the network of a period or
-- of some event types, is read from these sums instead of every event's coded actors (on 100,000
-- events, some 10 ms instead of 80-100 ms). The other filters read the events (sitrep.serve.queries).
--
-- Sums over the coded actors (code IS NOT NULL) of events, per `d` (the event's date, else its
-- article's; NULL when neither is known) and `type` (PLOVER). Events are never changed once stored:
-- each write batch (`Store.add`) adds the rows of its own events, so a key may have one row per batch
-- that held its events, and readers sum them.
--   network_nodes:  per code, the events it is coded in, the times it is an actor and a recipient
--   network_labels: per code and the text it was read from ('Russia', 'Moscow'), how many times
--   network_edges:  per quad class and pair of codes, the events holding the pair: an actor acting
--                   on a recipient (joint = false), or two co-actors (joint = true, source < target)
CREATE TABLE network_nodes (
    d            DATE,
    type         TEXT NOT NULL,
    code         TEXT NOT NULL,
    events       BIGINT NOT NULL,
    as_actor     BIGINT NOT NULL,
    as_recipient BIGINT NOT NULL
);

CREATE TABLE network_labels (
    d    DATE,
    type TEXT NOT NULL,
    code TEXT NOT NULL,
    text TEXT NOT NULL,
    n    BIGINT NOT NULL
);

CREATE TABLE network_edges (
    d          DATE,
    type       TEXT NOT NULL,
    quad_class INTEGER,
    source     TEXT NOT NULL,
    target     TEXT NOT NULL,
    joint      BOOLEAN NOT NULL,
    events     BIGINT NOT NULL
);

-- The articles whose events are being summed: filled and emptied inside one write transaction
-- (`Store.add`), so it is empty whenever anyone else can read the file. The views below are the rows
-- the batch adds; they are the one definition of the sums (this migration fills the tables with them
-- from every stored article).
CREATE TABLE network_batch (
    article_id TEXT NOT NULL
);

-- one row per event of the batch and code it holds, with how many of its actors and recipients carry it
CREATE VIEW network_batch_codes AS
SELECT e.event_id, coalesce(e.date, a.date) AS d, e.type, e.quad_class, x.code,
       count(*) FILTER (WHERE x.role = 'actor') AS na,
       count(*) FILTER (WHERE x.role = 'recipient') AS nr
FROM network_batch b
JOIN articles a ON a.id = b.article_id
JOIN events e ON e.article_id = a.id
JOIN event_actors x ON x.event_id = e.event_id
WHERE x.code IS NOT NULL
GROUP BY e.event_id, coalesce(e.date, a.date), e.type, e.quad_class, x.code;

CREATE VIEW network_batch_nodes AS
SELECT d, type, code, count(*) AS events, sum(na) AS as_actor, sum(nr) AS as_recipient
FROM network_batch_codes
GROUP BY d, type, code;

CREATE VIEW network_batch_labels AS
SELECT coalesce(e.date, a.date) AS d, e.type, x.code, x.text, count(*) AS n
FROM network_batch b
JOIN articles a ON a.id = b.article_id
JOIN events e ON e.article_id = a.id
JOIN event_actors x ON x.event_id = e.event_id
WHERE x.code IS NOT NULL
GROUP BY coalesce(e.date, a.date), e.type, x.code, x.text;

CREATE VIEW network_batch_edges AS
SELECT s.d, s.type, s.quad_class, s.code AS source, t.code AS target, false AS joint, count(*) AS events
FROM network_batch_codes s JOIN network_batch_codes t ON t.event_id = s.event_id AND t.code <> s.code
WHERE s.na > 0 AND t.nr > 0
GROUP BY s.d, s.type, s.quad_class, s.code, t.code
UNION ALL
SELECT s.d, s.type, s.quad_class, s.code, t.code, true, count(*)
FROM network_batch_codes s JOIN network_batch_codes t ON t.event_id = s.event_id AND t.code > s.code
WHERE s.na > 0 AND t.na > 0
GROUP BY s.d, s.type, s.quad_class, s.code, t.code;

-- the events stored before this migration
INSERT INTO network_batch SELECT id FROM articles;
INSERT INTO network_nodes SELECT * FROM network_batch_nodes;
INSERT INTO network_labels SELECT * FROM network_batch_labels;
INSERT INTO network_edges SELECT * FROM network_batch_edges;
DELETE FROM network_batch;
