-- 0005_corpus_pending: articles stored but not yet through the corpus-level stages (dedup, then
-- clustering and grading). Store.add inserts a row in the same transaction as the article;
-- corroborate.update_clusters deletes it in the transaction that commits the article's clusters.
-- An ingest that was interrupted (kill -9, Ctrl-C, a crash) leaves rows here, and the next ingest
-- or `sitrep repair` finishes those articles first.

CREATE TABLE corpus_pending (
    article_id TEXT PRIMARY KEY,
    stored_at  TIMESTAMP NOT NULL
);

-- Databases written before this migration: articles never indexed by dedup, or with events in no
-- cluster, were left by an interrupted ingest.
INSERT INTO corpus_pending
SELECT a.id, CAST(current_timestamp AS TIMESTAMP) FROM articles a
WHERE NOT EXISTS (SELECT 1 FROM article_signatures s WHERE s.article_id = a.id)
   OR EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id
              AND NOT EXISTS (SELECT 1 FROM cluster_members m WHERE m.event_id = e.event_id));
