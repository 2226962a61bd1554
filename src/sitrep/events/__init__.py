"""The `events` stage: PLOVER events from trigger rules over the dependency parse.

For every token whose lemma is in the trigger lexicon (`data/event_lexicon.yaml`)
the most specific matching entry fires. Its frame gives the roles: the subject
(or passive agent, possessor, "by" phrase, "between X and Y") are the actors,
the object or certain prepositional objects the recipients. Actor phrases are
resolved to codes through the entity mentions inside them, people through the
country and title of their first mention, and pronouns through the last actor.
Weapons, location and date come from the trigger's clause; modality from its
auxiliaries, negation and governing verbs; attribution from the quote or claim
that contains the trigger. Each event records its evidence and the rule id.

Layout: `code` (the stage: `Code`), `detect` (trigger matching), `senses` (readings
that cancel or reframe an event and need the lexicon), `nonevents` (readings of one
token that report no event: a question asked, an option weighed, a view shared, a
discussion with nobody), `actors` (actor resolution per article), `roles` (actors
and recipients of a trigger), `recipients` (recipients read from what an act is about, whom
it is given or done to, its condition or place), `inherit` (doers from earlier events, the
speaker of a quote or the launch site),
`stance` (set phrases in quotes), `modality`, `dates`, `places`, `weapons`,
`acled`, `evidence`, `pruning` (one event per happening), `syntax` (shared parse
helpers), `relevance` (its own stage, after the detector: no events without a coded
party in an article with no political actor). The lexicon itself is loaded by `sitrep.lexicon`.
"""

from __future__ import annotations

from sitrep.events.acled import CueText
from sitrep.events.actors import ArticleContext
from sitrep.events.code import Code
from sitrep.events.relevance import Relevance
from sitrep.lexicon import AcledRule, Lexicon, Rule, cue_regex, load_lexicon

__all__ = ["AcledRule", "ArticleContext", "Code", "CueText", "Lexicon", "Relevance", "Rule", "cue_regex", "load_lexicon"]
