"""Mechanisms found by reading sitrep's output on real articles (sentences written for these tests)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def code(pipeline):
    from sitrep.model import Article

    def run(text: str, date: str = "2024-11-28"):
        return pipeline(Article(id="t", text=text, date=date, origin="<test>", format="text"))

    return run


def _events(article):
    return [(e.type, e.evidence.rule.split(":")[-1], [a.code for a in e.actor], [w.name for w in e.weapons])
            for e in article.events]


def test_a_missile_fired_at_nothing_is_a_launch_and_one_fired_at_a_city_a_strike(code):
    launch = code("The North fired two short-range ballistic missiles into the sea off its east coast on Friday.")
    assert [(e.type, e.mode) for e in launch.events] == [("MOBILIZE", "weapons")]
    assert launch.events[0].evidence.rule.endswith("+launch")
    strike = code("Russian forces fired missiles at Kharkiv overnight, killing three people.")
    assert [e.type for e in strike.events] == ["ASSAULT"]


def test_weapon_systems_are_coded_with_the_system(code):
    strike = code("Russia launched an Oreshnik missile at Dnipro on Thursday.")
    assert [(t, ws) for t, _, _, ws in _events(strike)] == [("ASSAULT", ["Oreshnik"])]
    threat = code("Putin said Russia could use the Oreshnik again.")
    ev = threat.events[0]
    assert (ev.type, ev.mode, [w.name for w in ev.weapons]) == ("THREATEN", "violence", ["Oreshnik"])
    host = code("Belarus will host Oreshnik missiles from December, Lukashenko said.")
    ev = host.events[0]
    assert (ev.type, ev.modality, [a.code for a in ev.actor]) == ("MOBILIZE", "planned", ["BLR"])
    assert [w.name for w in ev.weapons] == ["Oreshnik"]
    produce = code("Russia has begun producing Oreshnik systems.")
    assert [(t, a) for t, _, a, _ in _events(produce)] == [("MOBILIZE", ["RUS"])]
    # a bare 'use' of something that is no weapon system stays no event
    assert code("Russia will use the new rules from January.").events == []


def test_a_state_organ_named_without_its_state_acts_for_the_storys_country(code):
    text = ("BERLIN (AP) - German police arrested two men on Tuesday. "
            "Police said the men were detained after a raid. Police arrested a third man later.")
    art = code(text)
    bare = [e for e in art.events if e.type == "COERCE" and e.actor and e.actor[0].text == "Police"]
    assert bare and [a.code for a in bare[0].actor] == ["DEU"] and bare[0].actor[0].sector == "COP"
    # with no dateline and no country named, "police" stays without a country
    alone = code("Police arrested a third man later.")
    assert alone.events and all(a.code is None for e in alone.events for a in e.actor)


def test_the_maker_of_a_launched_missile_is_the_actor_of_a_nominal_launch(code):
    # before the "of" reading, this launch had no actor at all
    art = code("The missile launch of a North Korean Hwasong-12 on Friday set off sirens in Hokkaido.")
    assert [(e.type, [a.code for a in e.actor]) for e in art.events] == [("MOBILIZE", ["PRK"])]


def test_a_small_town_far_from_every_country_of_the_story_is_not_its_place(code):
    art = code("Islamic State fighters seized Palmyra after days of fighting with Syrian government forces.")
    ev = next(e for e in art.events if e.type == "COERCE")
    # Palmyra, Pennsylvania is the only Palmyra in the city list: not the one a Syria story means
    assert ev.location is None or ev.location.country in (None, "SYR")
    assert all(a.code != "USA" for a in ev.recipient)


def test_a_political_speaker_condemning_or_threatening_in_a_quote_is_their_event(code):
    art = code('Japan\'s Prime Minister Shinzo Abe said: "These repeated provocations by North Korea are '
               'absolutely intolerable."', date="2017-09-15")
    ev = next(e for e in art.events if e.type == "ACCUSE")
    assert ev.evidence.rule == "stance:disapproval" and ev.evidence.trigger.lower() in ("provocations", "intolerable")
    assert [a.code for a in ev.actor] == ["JPN"] and [a.code for a in ev.recipient] == ["PRK"]
    assert ev.attribution is not None and ev.attribution.direct
    threat = code('"All options are on the table," President Donald Trump said on Tuesday.', date="2017-09-15")
    assert [(e.type, [a.code for a in e.actor]) for e in threat.events] == [("THREATEN", ["USA"])]


def test_stance_words_of_a_private_speaker_or_beside_a_rule_event_add_nothing(code):
    resident = code('"It was reckless and unacceptable, the whole street shook," a resident said.')
    assert resident.events == []
    # a rule already read this sentence's own verb: no second, stance-made event
    ruled = code('Lithuania condemned what it called "a reckless provocation" by Belarus on Monday.')
    assert [e.evidence.rule.split(":")[0] for e in ruled.events] == ["lexicon"]


def test_a_launch_a_speaker_judges_is_the_object_of_the_condemnation_not_a_new_launch(code):
    art = code("Iran fired a ballistic missile into the Gulf on Sunday. "
               '"Tehran\'s latest launch was reckless," the Iraqi foreign minister said.', date="2026-11-20")
    judged = [e for e in art.events if e.evidence.sentence.startswith('"Tehran')]
    assert [(e.type, e.evidence.rule) for e in judged] == [("ACCUSE", "stance:disapproval")]
    assert [a.code for a in judged[0].actor] == ["IRQ"] and [a.code for a in judged[0].recipient] == ["IRN"]
    # a launch stated beside the stance word, not judged by it, stays a launch
    beside = code('Iran fired a ballistic missile into the Gulf on Sunday in what Iraq called "a blatant '
                  'violation".', date="2026-11-20")
    assert "MOBILIZE" in [e.type for e in beside.events]


def test_captives_freed_with_no_releaser_named_were_freed_by_the_group_that_held_them(code):
    art = code("Al-Shabaab fighters stormed a village in southern Somalia and took twelve teachers hostage. "
               "The army said on Friday that it was searching the area. "
               "The hostages were freed on Monday after talks led by clan elders, officials said.",
               date="2026-11-20")
    freed = [e for e in art.events if e.type == "RETREAT"]
    assert freed and [a.text for a in freed[-1].actor] == ["Al-Shabaab fighters"] and freed[-1].actor[0].code
    # prisoners a state holds are not the group's captives
    jail = code("Al-Shabaab fighters stormed a village in southern Somalia on Sunday. "
                "The army said on Friday that it was searching the area. "
                "Forty prisoners were freed on Monday under an amnesty, officials said.", date="2026-11-20")
    assert all("Shabaab" not in a.text for e in jail.events if e.type == "RETREAT" for a in e.actor)


def test_a_kidnapping_with_no_kidnapper_named_is_by_the_group_the_report_is_about(code):
    art = code("Al-Shabaab fighters released nine aid workers in southern Somalia on Monday, officials said. "
               "The charity thanked the clan elders who had negotiated for weeks. "
               "The workers were kidnapped near Dhobley in March while delivering food.", date="2026-11-20")
    taken = [e for e in art.events if e.type == "ASSAULT" and e.mode == "abduct"]
    assert taken and [a.text for a in taken[-1].actor] == ["Al-Shabaab fighters"] and taken[-1].actor[0].code
    # no armed group in the report: nobody is guessed
    plain = code("Nine aid workers were kidnapped near the border in March, the charity said.", date="2026-11-20")
    assert all(not e.actor for e in plain.events if e.type == "ASSAULT")


def test_a_participle_naming_its_doer_is_an_act_of_its_own(code):
    art = code("Chad's army said on Saturday that seven fishermen abducted by Boko Haram fighters in May had been "
               "freed near Lake Chad.", date="2026-11-20")
    assert ("ASSAULT", "abduct") in [(e.type, e.mode) for e in art.events]
    assert "RETREAT" in [e.type for e in art.events]
    # a participle of judging names who judges: what it hangs on stays a description
    judged = code("Police in Sofia detained a chemist suspected by Britain of sabotaging a gas pipeline.",
                  date="2026-11-20")
    assert [e.evidence.trigger for e in judged.events] == ["detained"]
    # without its doer the participle only describes the noun
    bare = code("Chad's army said on Saturday that seven fishermen abducted in May had been freed near Lake Chad.",
                date="2026-11-20")
    assert [e.type for e in bare.events] == ["RETREAT"]


def test_the_release_noun_frees_the_same_people_as_the_verb(code):
    art = code("Al-Shabaab fighters freed nine aid workers near Kismayo on Monday. "
               "\"We worked for weeks on the release of the workers,\" a government spokesman said.",
               date="2026-11-20")
    assert [e.type for e in art.events if e.type == "RETREAT"] == ["RETREAT", "RETREAT"]


def test_a_drill_staged_by_a_state_is_that_states(code):
    # the small model lemmatises "staged" as "stag": the light verb was not found
    art = code("Chile staged a naval drill off Valparaiso on Monday.")
    assert [(e.type, [a.code for a in e.actor]) for e in art.events] == [("MOBILIZE", ["CHL"])]


def test_the_party_an_act_angers_disapproves_of_its_doer(code):
    boats = code("Vietnam seized two Chinese fishing boats near the Paracels on Monday, angering Beijing.")
    angry = [e for e in boats.events if e.type == "ACCUSE"]
    assert [([a.code for a in e.actor], [r.code for r in e.recipient]) for e in angry] == [(["CHN"], ["VNM"])]
    assert "COERCE" in [e.type for e in boats.events]  # the seizure stays the sentence's news
    vote = code("Ankara was incensed by the vote in the Dutch parliament, officials said.")
    assert [(e.type, [a.code for a in e.actor]) for e in vote.events] == [("ACCUSE", ["TUR"])]
    # nobody who could disapprove
    assert code("The court ruling angered fans of the club.").events == []


def test_an_act_stated_as_only_possible_lends_no_doer(code):
    art = code("Russia fired a cruise missile into the Baltic Sea on Friday, officials said. Polish and "
               "Lithuanian air defences could shoot down such missiles, a retired general said. "
               "The missile flew over Latvia before falling into the sea, officials in Riga said.", date="2026-11-20")
    flight = next(e for e in art.events if e.evidence.trigger == "flew")
    assert [a.code for a in flight.actor] == ["RUS"]


def test_who_acts_during_an_exercise_takes_part_in_it(code):
    art = code("Chinese warships fired missiles at a target barge in the Yellow Sea during the exercise.")
    drill = [e for e in art.events if e.type == "MOBILIZE"]
    assert drill and [a.code for a in drill[0].actor] == ["CHN"]


def test_a_strike_on_a_firing_range_is_a_drill(code):
    drill = code("Two Taiwanese jets bombed a target range near Hualien on Monday.")
    assert [(e.type, e.mode, e.evidence.rule.endswith("+drill")) for e in drill.events] == [("MOBILIZE", "troops", True)]
    raid = code("Russian jets bombed a market in Idlib on Tuesday, killing 12 people.")
    assert [e.type for e in raid.events] == ["ASSAULT"]


def test_releasing_names_or_a_video_of_captives_frees_nobody(code):
    names = code("The interior ministry released the names of the fishermen on Friday.")
    assert [e.type for e in names.events if e.type == "RETREAT"] == []
    freed = code("The militants released ten fishermen on Friday.")
    assert [(e.type, e.mode) for e in freed.events] == [("RETREAT", "release")]


def test_the_party_a_reaction_is_aimed_at_did_what_it_is_for(code):
    art = code("The senator was angry with Serbia for sending arms to Moscow.", date="2026-11-20")
    sale = next(e for e in art.events if e.type == "AID")
    assert [a.code for a in sale.actor] == ["SRB"] and [a.code for a in sale.recipient] == ["RUS"]
    # disappointment with a party is a disapproval of it
    dis = code("The Greek foreign minister said he was deeply disappointed with Turkey over the drilling.",
               date="2026-11-20")
    ev = next(e for e in dis.events if e.type == "ACCUSE")
    assert [a.code for a in ev.recipient] == ["TUR"]


def test_a_forecast_of_talks_is_no_ones_stated_intention(code):
    forecast = code("Poland's foreign minister said he expected that talks would be held in Geneva.", date="2026-11-20")
    assert [e.type for e in forecast.events] == ["CONSULT"]
    intent = code("Poland's foreign minister said Warsaw would hold talks with Kyiv in Geneva.", date="2026-11-20")
    assert [e.type for e in intent.events] == ["AGREE"] and intent.events[0].evidence.rule.endswith("+intent")
    # a verb joined to the forecast clause is read with it
    joined = code("Poland's foreign minister predicted that prices would fall and praised Kyiv's reforms.",
                  date="2026-11-20")
    assert "AGREE" not in [e.type for e in joined.events]


def test_concern_with_a_topic_is_no_disapproval(code):
    topic = code("The French president seemed most concerned with keeping the coalition together.",
                 date="2026-11-20")
    assert [e.type for e in topic.events] == []
    worry = code("The French president is concerned about Russia's nuclear threats.", date="2026-11-20")
    assert "ACCUSE" in [e.type for e in worry.events]


def test_a_possessive_goes_back_to_its_own_clauses_subject(code):
    art = code("China and Russia backed new sanctions on Monday. "
               "Officials said Iran had resumed its missile tests in the desert.", date="2026-11-20")
    tests = next(e for e in art.events if e.type == "MOBILIZE")
    assert [a.code for a in tests.actor] == ["IRN"]


def test_a_stance_is_aimed_at_the_party_named_nearest_its_word(code):
    art = code('"Our friends in France know well that these provocations by Azerbaijan are dangerous," '
               "Armenian Foreign Minister Ararat Mirzoyan said.", date="2026-11-20")
    ev = next(e for e in art.events if e.evidence.rule == "stance:disapproval")
    assert [a.code for a in ev.actor] == ["ARM"] and [a.code for a in ev.recipient] == ["AZE"]


def test_who_justifies_or_steps_up_strikes_carries_them_out(code):
    art = code("Turkey launched an offensive in the north on Monday. "
               "Azerbaijan cited the shooting of a soldier to justify artillery strikes near Goris.",
               date="2026-11-20")
    strikes = next(e for e in art.events if e.evidence.sentence.startswith("Azerbaijan"))
    assert [a.code for a in strikes.actor] == ["AZE"]


def test_syrian_armed_groups_are_coded_and_flying_raids_is_carrying_them_out(code):
    art = code("Fighters of the Nusra Front attacked army positions near Idlib on Sunday.", date="2016-09-05")
    nusra = next(e for e in art.entities if e.text == "Nusra Front")
    assert (nusra.code, nusra.sector) == ("NUSRA", "REB")
    assert [e.type for e in art.events] == ["ASSAULT"]
    assert ("Nusra Front", "SYR", "REB") in [(a.text, a.code, a.sector) for a in art.events[0].actor]
    raids = code("Turkey shelled Kurdish positions on Monday. Russian planes flew raids over Idlib on Tuesday.",
                 date="2016-09-05")
    ev = next(e for e in raids.events if e.evidence.sentence.startswith("Russian planes"))
    assert [a.code for a in ev.actor] == ["RUS"]


def test_a_clause_on_the_event_noun_or_its_claim_names_the_doer(code):
    claim = code("China said it was deeply concerned on Wednesday. "
                 "Western diplomats questioned Iran's assertion that it had fired a hypersonic missile.",
                 date="2026-11-20")
    ev = next(e for e in claim.events if e.type == "MOBILIZE")
    assert [a.code for a in ev.actor] == ["IRN"]
    relcl = code("China said it was deeply concerned on Wednesday. "
                 "The missile test that Iran carried out on Sunday alarmed its neighbours.",
                 date="2026-11-20")
    ev = next(e for e in relcl.events if e.type == "MOBILIZE")
    assert [a.code for a in ev.actor] == ["IRN"] and "actor-from-context" not in ev.evidence.rule


def test_generic_events_and_met_challenges_are_no_happenings(code):
    generic = code("Officials said any deployment of German troops abroad needs the approval of parliament.",
                   date="2026-11-20")
    assert [e.type for e in generic.events] == []
    every = code("The minister said every missile test by Iran is reported to the Security Council.",
                 date="2026-11-20")
    assert [e.type for e in every.events] == []
    met = code("The Polish army met its recruitment targets for the third year running.", date="2026-11-20")
    assert [e.type for e in met.events] == []
    talks = code("The Polish defence minister met his Lithuanian counterpart in Vilnius.", date="2026-11-20")
    assert [e.type for e in talks.events] == ["CONSULT"]
    kurds = code("Peshmerga fighters battled Islamic State militants near Mosul on Monday.", date="2016-09-05")
    assert [(e.type, [a.code for a in e.actor]) for e in kurds.events] == [("ASSAULT", ["IRQ"])]


def test_what_one_state_wants_another_to_do_has_not_happened(code):
    wanted = code("Washington wants Seoul to deploy more troops along the demilitarised zone.", date="2026-11-20")
    assert [e.type for e in wanted.events] == []
    done = code("Seoul deployed more troops along the demilitarised zone on Monday.", date="2026-11-20")
    assert [e.type for e in done.events] == ["MOBILIZE"]


def test_a_launch_conducted_or_a_probe_carried_into_orbit_is_no_attack(code):
    launch = code("Pakistan conducted a missile launch from a site in Balochistan on Friday.", date="2026-11-20")
    assert [e.type for e in launch.events] == ["MOBILIZE"]
    orbit = code("The Iranian probe was carried into orbit on a Soyuz rocket on Tuesday.", date="2026-11-20")
    assert "ASSAULT" not in [e.type for e in orbit.events]


def test_thanks_warnings_against_and_seeing_a_threat_are_verbal_events(code):
    thanks = code("The Kenyan president thanked Ethiopia for its help on Monday.", date="2026-11-20")
    assert [(e.type, [a.code for a in e.recipient]) for e in thanks.events] == [("SUPPORT", ["ETH"])]
    advice = code("The Lithuanian president warned against jumping to conclusions about the election result.",
                  date="2026-11-20")
    assert [e.type for e in advice.events] == ["REQUEST"]
    seen = code("Japan regards the Chinese naval buildup as a serious threat.", date="2026-11-20")
    accuse = [e for e in seen.events if e.type == "ACCUSE"]
    assert accuse and [a.code for a in accuse[0].actor] == ["JPN"]


def test_an_enforcing_body_reporting_a_passive_seizure_made_it_unless_another_state_is_named(code):
    seized = code("Turkish police said on Friday that six smugglers were arrested in Mersin.", date="2026-11-20")
    ev = next(e for e in seized.events if e.type == "COERCE")
    assert [a.code for a in ev.actor] == ["TUR"]
    abroad = code("Estonian officials said two citizens were detained in Russia on Friday.", date="2026-11-20")
    assert all("EST" not in [a.code for a in e.actor] for e in abroad.events if e.type == "COERCE")


def test_freed_men_are_released_and_withdrawn_papers_are_no_retreat(code):
    freed = code("Belarus freed six Lithuanian men jailed for smuggling on Monday.", date="2026-11-20")
    assert ("RETREAT", "release") in [(e.type, e.mode) for e in freed.events]
    papers = code("The Belarusian interior ministry withdrew its notices for the arrest of two exiles.",
                  date="2026-11-20")
    assert "RETREAT" not in [e.type for e in papers.events]
    troops = code("Belarus withdrew its troops from the Lithuanian border on Monday.", date="2026-11-20")
    assert [(e.type, e.mode) for e in troops.events] == [("RETREAT", "withdraw")]


def test_it_is_the_body_or_state_named_last_not_the_last_persons_event(code):
    art = code("Senator Jane Doe pledged on Saturday to defeat the militants. "
               "Voters asked who was to blame for the rise of al-Shabaab. "
               "It now controls much of the south and has seized two ports this year.", date="2026-11-20")
    seized = next(e for e in art.events if e.type == "COERCE")
    assert [a.text for a in seized.actor] == ["al-Shabaab"]
    strike = code("Russian drones hit Kharkiv overnight. It was the third attack this week, the mayor said.",
                  date="2026-11-20")
    assert all("Kharkiv" not in [a.text for a in e.actor] for e in strike.events)


def test_diplomatic_stock_phrases_of_threat_and_regret_are_stances(code):
    warn = code('"We will not tolerate foreign interference in this matter," the Chinese defence ministry said.',
                date="2026-11-20")
    assert [(e.type, e.evidence.rule) for e in warn.events] == [("THREATEN", "stance:threat")]
    regret = code('"The decision is deeply regrettable," the Japanese foreign ministry said on Tuesday.',
                  date="2026-11-20")
    assert [(e.type, e.evidence.rule) for e in regret.events] == [("ACCUSE", "stance:disapproval")]


def test_a_doerless_mention_in_a_quote_leaves_room_for_the_speakers_stance(code):
    art = code('"Such provocations demand an answer from the whole alliance," the Estonian defence minister said.',
               date="2026-11-20")
    assert ("ACCUSE", "stance:disapproval") in [(e.type, e.evidence.rule) for e in art.events]


def test_what_a_statement_says_is_news_beside_the_main_clause(code):
    art = code("Iran fired a missile on Friday. Iran's latest missile test follows a statement on Monday in "
               "which Tehran threatened to close the Strait of Hormuz.", date="2026-11-20")
    second = [e.type for e in art.events if e.evidence.sentence.startswith("Iran's latest")]
    assert "THREATEN" in second


def test_a_launch_that_is_watched_or_troops_that_are_stationed_are_no_new_events(code):
    art = code("Iran fired a missile into the Gulf on Sunday. Saudi officials monitored the launch of the Iranian "
               "rocket from an airbase in the east.", date="2026-11-20")
    assert [e.type for e in art.events if e.evidence.sentence.startswith("Saudi")] == []
    posted = code("About 2,000 French troops are stationed in Djibouti.", date="2026-11-20")
    assert [e.type for e in posted.events] == []
    moved = code("France stationed 2,000 more troops in Djibouti on Monday.", date="2026-11-20")
    assert [e.type for e in moved.events] == ["MOBILIZE"]


def test_figures_of_speech_air_missions_and_a_political_scientists_words_are_no_events(code):
    chest = code("Some retired generals in Warsaw are beating their chests about the new tanks.", date="2026-11-20")
    assert "ASSAULT" not in [e.type for e in chest.events]
    sorties = code("Poland flew surveillance missions over the Baltic on Monday.", date="2026-11-20")
    assert "SANCTION" not in [e.type for e in sorties.events]
    scholar = code("Poland deployed troops to its eastern border on Monday. \"They probe our border because they fear "
                   'us," said Anna Nowak, a political scientist at a Warsaw institute. "Russia will strike again."',
                   date="2026-11-20")
    assert all(e.attribution is None or e.attribution.speaker != "Anna Nowak" for e in scholar.events)


def test_a_town_before_an_attack_noun_is_where_not_who_and_a_war_on_terrorism_is_no_accusation(code):
    art = code("The Paris attack killed four people. U.S. airstrikes killed ten militants near Raqqa on Monday.",
               date="2026-11-20")
    lyon, raqqa = art.events[0], art.events[1]
    assert "Paris" not in [a.text for a in lyon.actor]
    assert [a.code for a in raqqa.actor] == ["USA"]
    topic = code('"We are winning the war on terrorism," the Kenyan president said on Monday.', date="2026-11-20")
    assert "ACCUSE" not in [e.type for e in topic.events]


def test_the_owner_of_a_killing_is_its_victim_and_a_hijacked_account_is_no_abduction(code):
    art = code("Serbia arrested two men on Monday. Police said Djindjic's assassination was planned abroad.",
               date="2026-11-20")
    killing = next(e for e in art.events if e.type == "ASSAULT")
    assert "Djindjic" not in [a.text for a in killing.actor] and [a.text for a in killing.recipient] == ["Djindjic"]
    account = code("Hackers backing the junta hijacked the Myanmar news agency's Twitter account on Monday.",
                   date="2026-11-20")
    assert "ASSAULT" not in [e.type for e in account.events]


def test_press_routine_is_no_request(code):
    comment = code("A Hungarian government spokeswoman did not respond to Reuters' request for comment.",
                   date="2026-11-20")
    assert [e.type for e in comment.events] == []
    asked = code("Asked at a briefing on Monday in Budapest about the vote, the Hungarian foreign minister "
                 "said the result was final.", date="2026-11-20")
    assert "REQUEST" not in [e.type for e in asked.events]


def test_showing_resolve_or_rallying_allies_is_no_street_protest(code):
    shown = code("The Georgian election demonstrated the strength of the opposition.", date="2026-11-20")
    assert "PROTEST" not in [e.type for e in shown.events]
    rallied = code("The Georgian president rallied his allies behind the plan.", date="2026-11-20")
    assert "PROTEST" not in [e.type for e in rallied.events]
    street = code("Thousands demonstrated in Tbilisi on Sunday in support of the president.", date="2026-11-20")
    assert [e.type for e in street.events] == ["PROTEST"]


def test_a_doer_named_once_carries_to_later_sentences_that_leave_it_out(code):
    article = code("Iran test-fired a cruise missile over the Gulf of Oman on Sunday, its navy said. "
                   "The missile was launched from a submarine off the southern coast. "
                   "Separately, police in Ankara detained four people.")
    launches = [e for e in article.events if e.type == "MOBILIZE"]
    assert len(launches) >= 2
    later = launches[-1]
    assert [a.code for a in later.actor] == ["IRN"]
    assert later.evidence.rule.endswith("+actor-from-context")
    assert all(a.start is None for a in later.actor)  # no span of its own in that sentence
    # another type does not borrow it: the arrest keeps its own doer
    arrests = [e for e in article.events if e.type == "COERCE"]
    assert arrests and all("IRN" not in [a.code for a in e.actor] for e in arrests)


def test_a_missiles_flight_goes_back_to_its_launch_not_to_other_moves_or_to_what_did_not_happen(code):
    article = code("Iran fired a cruise missile over the Gulf on Sunday, its navy said. "
                   "Saudi Arabia deployed troops to its border on Monday. "
                   "Kuwait said its air defences had not engaged the missile. "
                   "The missile flew 900 km before falling into the sea.", date="2026-11-20")
    flight = next(e for e in article.events if e.evidence.sentence.startswith("The missile flew"))
    assert [a.code for a in flight.actor] == ["IRN"]


def test_an_event_whose_type_the_article_never_gave_a_doer_stays_without_one(code):
    article = code("Two rockets were fired at an airbase overnight. Nobody claimed the attack.")
    assert article.events
    assert all(not e.evidence.rule.endswith("+actor-from-context") for e in article.events)


def test_a_bare_noun_is_an_event_only_when_the_article_says_whose(code):
    talks = code("Azerbaijan and Armenia held talks in Geneva on Monday. The negotiations will continue next week.")
    later = [e for e in talks.events if e.evidence.sentence.startswith("The negotiations")]
    assert len(later) == 1
    assert sorted(a.code for a in later[0].actor) == ["ARM", "AZE"]
    assert "+bare-noun+actor-from-context" in later[0].evidence.rule
    alone = code("The negotiations will continue next week.")
    assert alone.events == []


def test_naming_an_act_a_wrong_is_an_accusation_and_naming_it_a_success_is_not(code):
    wrong = code("Poland's foreign minister called the drone incursion a deliberate provocation.")
    assert [(e.type, e.mode, e.evidence.rule.split(":")[-1]) for e in wrong.events] == \
        [("ACCUSE", "disapprove", "accuse-call-wrong")]
    assert [a.code for a in wrong.events[0].actor] == ["POL"]
    assert code("The Hungarian premier called the summit a great success.").events == []
    calm = code("The Hungarian premier called for calm.")
    assert [e.type for e in calm.events] == ["REQUEST"]


def test_a_launch_over_a_state_and_a_reaction_to_the_launch_are_aimed_at_someone(code):
    article = code("Pakistan test-fired a cruise missile over India on Monday. "
                   "New Delhi condemned the launch. Kabul said nothing.")
    launch = next(e for e in article.events if e.type == "MOBILIZE")
    assert [a.code for a in launch.actor] == ["PAK"]
    assert [a.code for a in launch.recipient] == ["IND"]
    reaction = next(e for e in article.events if e.type == "ACCUSE")
    assert [a.code for a in reaction.actor] == ["IND"]
    assert [a.code for a in reaction.recipient] == ["PAK"]
    assert reaction.evidence.rule.endswith("+reaction+recipient-from-context")
    # a reaction whose phrase names the doer keeps it, and nothing is borrowed
    own = code("Iran fired a missile on Monday. New Delhi condemned Pakistan's launch.")
    accuse = next(e for e in own.events if e.type == "ACCUSE")
    assert [a.code for a in accuse.recipient] == ["PAK"]
    assert "+reaction" not in accuse.evidence.rule


def test_a_political_speaker_saying_what_another_must_do_makes_a_demand(code):
    art = code('"Belgrade should return to the table without conditions," the Slovenian foreign minister '
               'Tanja Fajon said on Friday.', date="2026-11-20")
    ev = next(e for e in art.events if e.type == "REQUEST")
    assert ev.evidence.rule == "stance:demand" and ev.evidence.trigger == "should"
    assert [a.code for a in ev.actor] == ["SVN"] and [a.code for a in ev.recipient] == ["SRB"]
    private = code('"You should try the soup here," a tourist told us.', date="2026-11-20")
    assert private.events == []


def test_whose_missile_was_fired_is_who_fired_it_and_a_handover_of_captives_is_a_release(code):
    launch = code("Iran's newest missile was fired from a site near Semnan, state media said.")
    ev = next(e for e in launch.events if e.type == "MOBILIZE")
    assert [a.code for a in ev.actor] == ["IRN"] and ev.recipient == []
    over = code("A missile was fired over Japan on Tuesday.")
    ev = next(e for e in over.events if e.type == "MOBILIZE")
    assert "JPN" not in [a.code for a in ev.actor]
    handover = code("Al-Shabaab fighters handed over six hostages to Somali elders on Sunday.")
    assert [(e.type, e.mode) for e in handover.events] == [("RETREAT", "release")]


def test_a_noun_that_only_says_what_kind_of_thing_its_head_is_is_no_event(code):
    helicopters = code("Russia deployed attack helicopters to the border region on Monday.")
    assert [e.type for e in helicopters.events] == ["MOBILIZE"]
    campaign = code("Saudi Arabia opened a bombing campaign on Houthi positions in Yemen.")
    assert "ASSAULT" in [e.type for e in campaign.events]



def test_a_protest_named_as_a_modifier_still_tells_of_a_protest(pipeline):
    from sitrep.events.detect import is_noun_modifier

    doc = pipeline.nlp("Serbian police detained three protest leaders and two attack helicopter pilots.")
    words = {t.lower_: t for t in doc}
    assert words["protest"].dep_ == "compound" and not is_noun_modifier(words["protest"])
    assert is_noun_modifier(words["attack"])


def test_a_question_reports_no_event_and_a_video_label_is_furniture(code):
    assert code("Why does Pyongyang keep launching missiles toward Japan?").events == []
    assert code('"Will Moscow send troops into Belarus?" the senator asked.').events == []
    label = code("JUST WATCHED Why does Pyongyang keep launching missiles?\n"
                 "North Korea fired two missiles into the sea on Friday.")
    assert [e.evidence.sentence.startswith("North Korea") for e in label.events] == [True]


def test_a_short_form_is_the_state_only_where_the_article_names_it(code):
    korea = code("North Korea fired a missile on Friday. The North has fired dozens of missiles this year.")
    later = [e for e in korea.events if e.evidence.sentence.startswith("The North")]
    assert later and [a.code for a in later[0].actor] == ["PRK"]
    alone = code("The North has fired dozens of missiles this year.")
    assert all("PRK" not in [a.code for a in e.actor] for e in alone.events)


def test_we_in_a_quote_is_the_speakers_side_even_when_the_speaker_is_a_pronoun(code):
    art = code('Iran fired a missile over the Gulf on Monday. Qatar\'s foreign minister Mohammed Al-Khulaifi '
               'met reporters in Doha. "We have asked the Arab League to convene without delay," he said.',
               date="2026-11-20")
    req = next(e for e in art.events if e.type == "REQUEST")
    assert [a.code for a in req.actor] == ["QAT"]  # not Iran, the last actor named
    stance = code('Slovenian Foreign Minister Tanja Fajon spoke on Friday. "Belgrade should return to the '
                  'table," she told reporters.', date="2026-11-20")
    ev = next(e for e in stance.events if e.type == "REQUEST")
    assert [a.code for a in ev.actor] == ["SVN"] and [a.code for a in ev.recipient] == ["SRB"]


def test_a_place_named_with_a_nationality_is_in_that_country(code):
    art = code("North Korea fired a missile on Friday. The missile passed above a southern Japanese island "
               "near Okinawa.", date="2017-09-15")
    place = next(e for e in art.entities if e.text == "Japanese island")
    assert place.country == "JPN" and place.lat is None  # a country, no invented point
    flight = [e for e in art.events if e.evidence.sentence.startswith("The missile")]
    assert flight and [a.code for a in flight[0].recipient] == ["JPN"]


def test_a_threat_to_hit_someone_is_aimed_at_them(code):
    art = code("Iran threatened to strike Israeli cities if it was attacked.", date="2026-11-20")
    ev = next(e for e in art.events if e.type == "THREATEN")
    assert [a.code for a in ev.recipient] == ["ISR"] and ev.evidence.rule.endswith("+threatened-target")
    vague = code("Iran threatened to respond.", date="2026-11-20")
    assert all(e.recipient == [] for e in vague.events if e.type == "THREATEN")


def test_a_call_for_someone_to_act_is_a_request_to_them(code):
    art = code("The European Union called for Russia to withdraw its troops from Transnistria.", date="2026-11-20")
    ev = next(e for e in art.events if e.type == "REQUEST")
    assert [a.code for a in ev.actor] == ["EU"] and [a.code for a in ev.recipient] == ["RUS"]


def test_a_strike_at_or_into_a_place_is_aimed_at_its_state_and_a_launch_into_the_sea_is_not(code):
    odesa = code("Russia launched Kalibr missiles at Odesa overnight.", date="2026-11-20")
    ev = next(e for e in odesa.events if e.type == "ASSAULT")
    assert [a.code for a in ev.recipient] == ["UKR"]
    into = code("Hezbollah fired rockets into Israel on Saturday.", date="2026-11-20")
    assert [e.type for e in into.events] == ["ASSAULT"]
    sea = code("North Korea fired a missile into the Pacific Ocean on Friday.", date="2026-11-20")
    assert [e.type for e in sea.events] == ["MOBILIZE"]
    projectiles = code("Pyongyang launched two projectiles over Japan in 1998.", date="2026-11-20")
    assert [e.type for e in projectiles.events] == ["MOBILIZE"]


def test_a_spokesman_for_someone_acts_for_them(code):
    art = code("A spokesman for U.N. Secretary-General Antonio Guterres urged North Korea to halt its "
               "provocations.", date="2026-11-20")
    ev = next(e for e in art.events if e.type == "REQUEST")
    assert [a.code for a in ev.actor] == ["UN"] and [a.code for a in ev.recipient] == ["PRK"]


def test_force_a_speaker_says_their_own_side_will_use_is_a_threat(code):
    own = code("Russia will strike decision-making centres in Kyiv, Putin said.", date="2026-11-20")
    assert [(e.type, e.evidence.rule.endswith("+own-threat")) for e in own.events] == [("THREATEN", True)]
    forecast = code("Ukrainian officials said Russia could strike Kyiv again this winter.", date="2026-11-20")
    assert [e.type for e in forecast.events] == ["ASSAULT"]  # another's forecast, no threat
    # an analysts' forecast is commentary: no event at all (the relevance stage)
    assert code("Analysts said Russia could strike Kyiv again this winter.", date="2026-11-20").events == []


def test_a_missile_flying_over_a_state_makes_it_the_recipient(code):
    for text in ("Iran launched a ballistic missile on Friday that flew over Iraq before landing in the desert.",
                 "Iran's latest missile launch was the second this year to fly over Iraq."):
        ev = next(e for e in code(text, date="2026-11-20").events if e.type == "MOBILIZE")
        assert [a.code for a in ev.recipient] == ["IRQ"], text


def test_an_act_as_a_point_of_reference_or_as_the_cause_of_what_followed_is_no_new_event(code):
    art = code("Iran fired two missiles into the Gulf on Friday, officials said. "
               "The base has been quiet since Iran's missile test in March. "
               "The abduction of the engineers drew protests from their union.", date="2026-11-20")
    assert not {"test", "abduction"} & {e.evidence.trigger for e in art.events}
    # the act itself, told as news, stays
    assert [e.type for e in code("Rebels abducted six engineers near the border on Sunday.").events] == ["ASSAULT"]


def test_a_launch_of_a_named_weapon_goes_back_to_the_launch_by_its_maker(code):
    article = code("Iran fired a missile into the Gulf on Friday. Israel then tested a Jericho III missile "
                   "over the Mediterranean. The regime had earlier fired a Shahab-3 missile in June.",
                   date="2026-11-20")
    later = next(e for e in article.events if "Shahab" in e.evidence.sentence)
    assert [a.code for a in later.actor] == ["IRN"], later.evidence.rule


def test_a_reaction_to_the_launch_answers_the_doer_of_most_launches_reported(code):
    article = code("Iran fired a ballistic missile into the Gulf on Tuesday. Iran also test-fired a cruise missile "
                   "on Monday. Israel then tested a Jericho III missile over the sea. Saudi Arabia condemned the "
                   "launch as a grave threat.", date="2026-11-20")
    reaction = next(e for e in article.events if e.type == "ACCUSE")
    assert [a.code for a in reaction.recipient] == ["IRN"], reaction.evidence.rule


def test_a_weapon_launched_from_a_states_soil_is_that_states_launch(code):
    flight = code("A cruise missile launched from Iran flew across Iraq and came down in the desert.")
    ev = next(e for e in flight.events if e.type == "MOBILIZE")
    assert [a.code for a in ev.actor] == ["IRN"] and ev.evidence.rule.endswith("+launch-site+overflown"), ev.evidence.rule
    near = code("A rocket launched from near Tabriz flew over Armenia, the ministry in Baku said.")
    assert [a.code for e in near.events for a in e.actor] == ["IRN"]


def test_a_launch_site_read_as_what_was_aimed_at_becomes_the_doer(code):
    # "fired from near X" gave X as the recipient, so the launch had no doer
    ev = next(e for e in code("The missile was fired from near the Iranian city of Tabriz on Monday.").events
              if e.type == "MOBILIZE")
    assert [a.code for a in ev.actor] == ["IRN"] and not ev.recipient, (ev.actor, ev.recipient)


def test_a_launch_from_a_ship_or_a_sea_names_no_state(code):
    sub = code("The missile was launched from a submarine in the Sea of Japan.")
    assert not any(a.code for e in sub.events for a in e.actor)
