-- 0012_quote_kind: a quote record's kind (`Quote.kind`): 'statement' (quoted speech, a reported claim
-- with a verb) or 'stance' (a reported claim whose content is a phrase with no verb: 'praised the
-- agreement'). Quotes stored before this migration read as statements.

ALTER TABLE quotes ADD COLUMN kind TEXT NOT NULL DEFAULT 'statement';
