"""The `attribution` stage: quotes and reported claims, and who makes them.

Rules over the dependency parse, with cue words kept as data
(`data/attribution.yaml`):

- `quote-cue`: a quoted span and its cue: a speech verb in the sentence
  ("'...,' said one defense commentator"), in the next sentence piece when the
  quote ends in a comma, in the lead-in sentence before a colon, the verb whose
  clause holds the quote, "according to X", 'Name: "..."' and '"..." ― Name'.
  Quoted pieces that share one cue ('"A," he said, "B."') make one quote; a
  quoted phrase inside reported speech belongs to the indirect claim. A one- or
  two-word quote that ends like an utterance ('"Never," the colonel said') is a
  quote only right beside its speech verb.
- `verb-cue`: a cue verb and its content, by the kind of verb: speech and
  belief verbs take their clause ("Bogdan confirmed that ...", "the poll shows
  that ..."; parenthetical "X, he said, Y" takes the host clause; a pro-form
  stands for the clause: "said so", "does not think so", "said as much"), intent verbs
  their to-infinitive ("wants to ..."), stance verbs their object ("criticized
  the plan"), phrasal cues their preposition ("called for ...", "asked the envoy
  about ..."), a verb of asking its question ("asked them if ..."), light verbs
  a speech noun's complement ("made allegations against ...").
- `unsourced-cue`: "X seemed to ...", "X is expected to ...": no source.
- `noun-cue`: "Trump's claim that ...", "her criticism of ...", "the decision by
  the board to ...", "the mayor launched an attack on ..." (the owner: possessor,
  agent, or the subject of the verb that takes the noun, unless that verb makes it
  the target: "faced criticism"); nouns of speech and opinion with no owner give a
  claim with no source ("charges that he lied"); role nouns ("Ms. Varga, a critic
  of the project") and backing ("the mayor won the endorsement of the union").
- `headline-cue`: a cue verb the tagger reads as a noun, in headlines and short
  sentences ("Governor Slams Harbour Budget", "Farmers fear drought", "...,
  the engineer maintains."): the name before it speaks, what follows (or the
  clause before a closing cue) is the content; a second such verb after 'and'
  or a comma has the same speaker. Not when the sentence has its own finite
  verb before it, the word has a determiner of its own, or it is part of a name.
- `according-to`: "according to X" / "as reported by X": indirect, the rest of
  the sentence is the content.
- `continuation`: a quoted sentence with no cue of its own goes to the speaker
  of the quote just before it (in the same paragraph it extends that quote). A
  short quoted phrase with no cue that is no sentence ('a "child of the steppe"
  who ...') is a scare quote or a name, not a quote; nor is a quoted title with its
  author ('"Ports reopen as talks resume," by the Courier's Ana Ruiz').

Each record has a kind (`Quote.kind`, `model.QUOTE_KINDS`), set last (`kinds`): an indirect
claim whose content, in the article's own parse, has no verb or auxiliary (POS VERB/AUX) is a
"stance", a position taken toward a thing ("the minister praised the agreement" -> "the
agreement", "called for calm" -> "calm", "her criticism of the plan"); every other record is
a "statement": direct (quoted) speech whatever its form, and reported claims with a predicate
("said the agreement would hold"). Content in a sentence triage did not parse stays a
statement. The stages after this one (events, coref, furniture) see both kinds in
`article.quotes`; the output contract lists them apart ("quotes" and "stances").

A thought, plan or stance reported inside someone's words ("she said she plans
to ...", "the general's promise that the brigade would defend ...", an interview
answer) is part of that content, not a claim of its own.

Speakers are resolved within the article: a surname or pronoun goes back to the
full name seen earlier, with the title given in an apposition or before the name
("Andrei Bogdan, Deputy Head of ..."; "Defence Minister Viktor Khrenin"); a
relative pronoun ("voters who said") names its antecedent, keeping the
pronoun's offsets. All bookkeeping is linear in the article's length.

Layout: `stage` (the stage: `Attribute`, which runs the passes), `marks` (quote marks
and their pairing), `quotes` (direct quotes and their cues, speaker-led lines), `cues`
(cue word lookups), `claims` (indirect claims of cue verbs), `noun_claims`,
`headlines`, `kinds` (statement or stance), `speakers` (speakers, people of the article, quote records, anaphora),
`nesting` (claims inside claims) and `words` (shared token helpers).
"""

from __future__ import annotations

from sitrep.attribution.marks import Mark, find_quoted_spans
from sitrep.attribution.nesting import Cover
from sitrep.attribution.stage import Attribute
from sitrep.attribution.words import verb_form

__all__ = ["Attribute", "Cover", "Mark", "find_quoted_spans", "verb_form"]
