"""The `entities` stage: typed mentions from our gazetteers and spaCy's NER.

Gazetteer matches (countries, demonyms, seats of power, organisations, regions,
weapon systems and generic weapon nouns) win over spaCy's statistical entities
where they overlap; the longest match wins among gazetteer matches, and a named
system followed by another of its names or by a generic noun of its own type is one
mention ("KC-135R Stratotanker", "Leopard 2A7 tanks"). spaCy labels
are mapped to our types (GPE/LOC/FAC -> LOCATION, NORP -> NATIONALITY, ...). ORG
mentions found by the NER get a sector from the sector cues ("Defence Ministry"
-> MIL) and a country code from a country named inside or right before them.

Merging and mention rules (word lists in `data/mentions.yaml`), applied in order:

1. An NER organisation that contains a country, demonym or region match and more
   ("U.S. Southern Command", "the Nigerian Football Federation") is kept whole, with the
   inner match's country code; the inner match is dropped. So is one that contains
   a capitalised generic weapon noun ("the Royal Artillery Regiment").
2. An NER span that starts with a capitalised locative preposition ("Near
   Kherson") loses it and is a LOCATION. An NER PERSON/ORG/NORP name that is a known
   city (sitrep.geo's city index) is a LOCATION after a locative word ("fighting in
   Kramatorsk"; 10,000+ people), as a NORP ("Benghazi"), or, tagged PERSON or NORP,
   anywhere but as a subject for a city of 100,000+ that is not part of a person's
   full name ("to encircle Bakhmut"). An ORG named after a city (a football club)
   needs the locative word. An NER NORP without a capital letter is dropped ("the
   jihadist group"); one opening with a name particle is a PERSON ("Abu Tariq").
3. "Coalition" (capitalised, or as a head noun) is an ORG; "the counter-X coalition"
   is one ORG (the coalition, not X).
4. Group mentions: "<nationality or country> [modifiers] <group noun>" ("Malian
   security forces", "the Sudanese government", "French-led coalition"), "<group noun>
   of <country>" ("the Government of Chad"), "<person> regime" and a plural
   nationality noun used as a noun ("Afghans fled") are ORG mentions that keep the
   country code; a plural noun for people ending in "-ists" is a group noun too
   ("Peruvian archaeologists"), and so is a plural the NER tagged NORP when a word
   singles the group out ("local Kurds", "Sunni Arabs", "the town's Christians"; not
   "the Kurds"). A nationality (or a region's demonym) before a place noun is one
   LOCATION mention without a code ("the Turkish border", "Lebanese airspace",
   "Balkan borders"), and so is one before a part of a place and "of" ("the Syrian
   side of the border", "the Western part of the province"); an NER NORP before a
   geographic noun is a place's name ("Faryab province", "the Aegean coast"). A demonym used as an adjective elsewhere stays NATIONALITY
   ("the Sudanese conflict").
5. Organisations and groups named by a common noun are ORG mentions without a code:
   a definite institution ("the regime", "its allies", "the international
   community") and a plural noun for a group of people ("civilians", "militants").
   Places named by a common noun ("the town", "their homes", "fighting positions",
   "destroyed a VBIED facility") are LOCATION mentions of the noun with its noun
   modifiers (not adjectives, nor a modifier that would make it a town's name),
   without a code.
6. A country (or capital, or region) name that acts -- subject of a verb that is not
   a verb of place, possessor of something that is not a part of the place, object
   of a verb that does not act on territory, after "with"/"against"/"by", right after
   "ally", or a country modifying a non-place noun ("UK funding") -- is the
   state as an actor: ORG, with its code. Otherwise it stays a LOCATION.
7. A place that is a title's portfolio ("Minister for Africa", "Secretary
   of State") is dropped.
8. A single-word NER mention (or an untagged proper noun) that repeats the surname
   of a person named in full in the same article is that PERSON ("Dvorak" after
   "Marek Dvorak").
9. An untagged proper name after a locative word that is a known city of 10,000+
   people ("Near Kherson, ..."), or untagged anywhere for 100,000+, is a LOCATION.
10. Words listed before one weapon noun that they share, each making a weapon term
   with the noun's last word, make one mention with it ("artillery and mortar
   systems"), of the class they share, else the unspecified weapon class. Role words
   listed before an aircraft noun ("fighter, tanker and surveillance aircraft") are
   each a MILITARY_PLATFORM, unless the sentence has a civilian sense cue and no military
   one ("the airline's passenger and cargo planes").

Short all-capital gazetteer forms ("IS", "US") are skipped inside all-capital text. A
generic weapon noun is no mention inside a `not_weapons` phrase of weapons.yaml (an
idiom, a civilian thing, another sense: "a smoking gun", "passenger jets", "bricks and
mortar"), nor when the tagger reads the word as a verb ("to torpedo the talks"), nor
when its sentence shows another sense (weapons.yaml sense_cues): a platform noun among
civilian cues and no military one ("a tank at the brewery burst"), a bomber noun among
cues of a person and none of aviation ("the bomber blew himself up"), nor right before a noun
that makes the weapons the topic of something else (weapons.yaml topic_heads: "weapons
inspectors", "a missile treaty", "gun violence"), also when another generic term shares the
noun ("firearms and explosives restrictions"). A named system's designation followed by
"million" or "billion" is a sum of money ("P15 million").

`Corefer` is a separate, last pipeline stage (`coref`, after events): pronouns ("he",
"we", "they", "it"), place adverbs ("there") and titles standing alone ("the Foreign
Secretary") become mentions with source "coref" and `refers_to`, their antecedent.
Added after every stage that reads the entities, they can never be an actor, a
speaker or an event's place by themselves. There too, a nationality that is part of a
person's title joins the PERSON mention, which takes its country code ("Iraqi President
Ana Ruiz", "the Chadian Foreign Minister"), and one right before a generic platform
noun joins the platform mention ("Peruvian warplanes"): events have read it for the
person's or the platform's country by then.

A demonym in a name ("al-Masri") or before a currency ("Jordanian dinars") is no
NATIONALITY mention.

Layout: `recognise` (the entities stage: `Recognise`), `gazetteer` (gazetteer matching
and weapon senses), `ner` (spaCy entities merged in), `places` (cities, countries as
state or place), `mentions` (the multi-word mention rules), `records` (forms and
mentions), `tokens` (shared token helpers) and `coref` (the coref stage: `Corefer`).
"""

from __future__ import annotations

from sitrep.entities.coref import Corefer
from sitrep.entities.recognise import Recognise

__all__ = ["Corefer", "Recognise"]
