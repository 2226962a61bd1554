"""Stories: articles grouped by the real-world development they report.

A story is one development across outlets and days (the same strike, summit,
test, deployment or statement, and the reactions to it within days). The
corpus stage runs inside `corroborate.update_clusters`, after dedup and before
clustering, so that an event cluster never spans two stories:

- `features`: an article as weighted terms and named things (fixed background
  word rarity, so a link depends on the two articles alone);
- `link`: blocking by heavy terms and date buckets, links, stories as
  connected articles, stable ids and aliases;
- `grade`: each story's clusters, independent origins, grades and reasons,
  through the same grading as event clusters;
- `read`: stories in the `sitrep stories` contract shape, with filters.
"""

from sitrep.stories.link import StoryUpdate, story_id_for, update_links

__all__ = ["StoryUpdate", "story_id_for", "update_links"]
