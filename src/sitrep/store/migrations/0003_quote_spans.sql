-- 0003_quote_spans: a quote's content spans. A quote in pieces ('"A," she said, "B."') covers
-- start_char..end_char with the narrator's words between its pieces; spans lists the pieces.
-- NULL for quotes stored before this migration: read them as the one span start_char..end_char.

ALTER TABLE quotes ADD COLUMN spans INTEGER[][];
