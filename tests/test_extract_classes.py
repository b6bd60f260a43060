"""Verb classes and protest constructions found on external labelled news (ACLED snippets, PLOVER
GSR), checked on sentences written for these tests: each asserts the type, mode or roles."""

from __future__ import annotations

from tests.conftest import extract_with_states

STATES = {"Norwegian": "NOR", "Norway": "NOR", "Finnish": "FIN", "Finland": "FIN", "Swedish": "SWE"}


def run(nlp, text: str):
    return extract_with_states(nlp, text, STATES)


def surest(events):
    return max(events, key=lambda e: (e.confidence or 0.0, -e.evidence_start))


def kinds(events) -> set[tuple[str, str | None]]:
    return {(e.type, e.mode) for e in events}


def test_extract_bombers_who_blow_themselves_up_make_a_suicide_attack(nlp) -> None:
    events = run(nlp, "Two suicide bombers blew themselves up outside a police station on Monday.")
    assert kinds(events) == {("ASSAULT", "suicide-attack")}


def test_extract_a_bomb_that_explodes_is_an_attack_with_no_source(nlp) -> None:
    events = run(nlp, "A roadside bomb exploded near a busy market in the north on Friday.")
    assert [(e.type, e.mode, e.source) for e in events] == [("ASSAULT", "explosives", None)]


def test_extract_detonated_explosive_device_is_an_explosives_attack(nlp) -> None:
    events = run(nlp, "Militants detonated an improvised explosive device under a bridge.")
    assert kinds(events) == {("ASSAULT", "explosives")}


def test_extract_weapons_found_by_police_are_seized(nlp) -> None:
    events = run(nlp, "Police found a cache of rifles and ammunition in an abandoned farmhouse.")
    assert kinds(events) == {("COERCE", "seize")}
    passive = run(nlp, "Two explosive devices were discovered near the station and defused.")
    assert {e.type for e in passive} == {"COERCE"}


def test_extract_a_base_set_up_by_troops_is_a_deployment(nlp) -> None:
    events = run(nlp, "Norwegian troops have set up a new observation post near the border.")
    assert [(e.type, e.mode, e.source.code if e.source else None) for e in events] == [("MOBILIZE", "troops", "NOR")]


def test_extract_freeing_villages_from_rebels_is_force_not_a_release(nlp) -> None:
    events = run(nlp, "Finnish forces freed three villages from the rebels on Thursday.")
    assert {e.type for e in events} == {"ASSAULT"}
    ceded = run(nlp, "Swedish forces handed the district over to the army after the talks.")
    assert kinds(ceded) == {("RETREAT", "withdraw")}


def test_extract_protesters_clashing_with_police_riot_whichever_side_is_subject(nlp) -> None:
    assert kinds(run(nlp, "Protesters clashed with police outside the parliament.")) == {("PROTEST", "riot")}
    police = run(nlp, "Police clashed with hundreds of protesters outside the parliament.")
    assert kinds(police) == {("PROTEST", "riot")}
    stones = run(nlp, "Demonstrators hurled stones at riot police near the ministry.")
    assert kinds(stones) == {("PROTEST", "riot")}


def test_extract_police_firing_tear_gas_is_crowd_control(nlp) -> None:
    events = run(nlp, "Police used tear gas and water cannon against the crowd.")
    assert ("ASSAULT", "crowd-control") in kinds(events)


def test_extract_taking_to_the_streets_and_gathering_are_protests(nlp) -> None:
    assert kinds(run(nlp, "Thousands of people took to the streets of the capital on Sunday.")) == {("PROTEST", "demo")}
    assert kinds(run(nlp, "Hundreds of demonstrators gathered outside the embassy.")) == {("PROTEST", "demo")}


def test_extract_a_demand_that_is_the_purpose_of_a_march_is_less_sure_than_the_march(nlp) -> None:
    events = run(nlp, "Students marched through the city to demand the resignation of the minister.")
    assert {e.type for e in events} == {"PROTEST", "REQUEST"}
    assert surest(events).type == "PROTEST"


def test_extract_protesters_denouncing_arrests_protest(nlp) -> None:
    events = run(nlp, "Protesters denounced the arrests of three journalists.")
    assert kinds(events) == {("PROTEST", "demo")}


def test_extract_event_nouns_with_happening_verbs_occurred(nlp) -> None:
    events = run(nlp, "A peaceful protest took place in the town on Monday.")
    assert [(e.type, e.status) for e in events] == [("PROTEST", "occurred")]
    died = run(nlp, "Four people died from gunfire during the night.")
    assert [(e.type, e.mode) for e in died] == [("ASSAULT", "firearms")]


def test_extract_verbs_the_tagger_lemmatises_wrongly_still_trigger(nlp) -> None:
    events = run(nlp, "Soldiers raped two women in the village, a rights group said.")
    assert kinds(events) == {("ASSAULT", "sexual")}


def test_extract_suppressing_a_demonstration_is_coercion(nlp) -> None:
    events = run(nlp, "Police suppressed a peaceful student demonstration in the city.")
    assert {e.type for e in events} == {"COERCE"}


def test_extract_chemical_weapon_use_is_unconventional(nlp) -> None:
    events = run(nlp, "The group used poison gas in an attack on the villages.")
    assert ("ASSAULT", "unconventional") in kinds(events)
