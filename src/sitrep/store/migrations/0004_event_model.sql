-- 0004_event_model: the learned detector beside the rules. `model` names the detector that read
-- the event's sentence and `model_probability` the probability it gave the event's type; an event
-- the detector proposed has rule 'model:<name>'. NULL for events stored before this migration.

ALTER TABLE events ADD COLUMN model TEXT;
ALTER TABLE events ADD COLUMN model_probability DOUBLE;
