-- 0009_cluster_mirrors: an event of a copy (sitrep.dedup) that states what an event of its
-- original states joins that event's cluster and follows it when it moves, instead of being
-- compared with every other copy (which made many copies of one item cost quadratically).
-- NULL for events clustered on their own (they alone have blocking keys in cluster_keys).
ALTER TABLE cluster_members ADD COLUMN mirror_of TEXT;
