-- 0008_story_embeddings: each article's headline embedding (sitrep.stories.embed), which story
-- links use beside the weighted terms. Articles stored before this migration keep a NULL
-- embedding and link by their terms alone.
ALTER TABLE story_features ADD COLUMN embedding FLOAT[384];
-- the cosine of the two headline embeddings of a link (NULL when one has none)
ALTER TABLE story_links ADD COLUMN topic DOUBLE;
-- whether the pair joins stories (false: near by its terms, but the headlines are apart, so its
-- events may share a cluster while the stories stay apart); rows from before are story links
ALTER TABLE story_links ADD COLUMN story BOOLEAN DEFAULT TRUE;
