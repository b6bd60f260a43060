"""Rebuttals, weapon tests, arrivals of forces and expulsions of forces, on sentences written for
these tests: each asserts the type, mode, roles or status."""

from __future__ import annotations

from tests.conftest import extract_with_states

STATES = {"Turkey": "TUR", "Greece": "GRC", "Athens": "GRC", "Ankara": "TUR", "Norwegian": "NOR",
          "Iceland": "ISL", "Finnish": "FIN", "Finland": "FIN", "Swedish": "SWE"}


def run(nlp, text: str):
    return extract_with_states(nlp, text, STATES)


def roles(events) -> set[tuple[str, str | None, str | None, str]]:
    return {(e.type, e.source.code if e.source else None, e.target.code if e.target else None, e.status)
            for e in events}


def test_extract_a_charge_the_accused_denied_is_its_rejection_and_the_accusation_stands(nlp) -> None:
    events = run(nlp, "Ankara accused Athens of arming the rebels, a charge Greece denied.")
    assert roles(events) == {("ACCUSE", "TUR", "GRC", "occurred"), ("REJECT", "GRC", "TUR", "occurred")}


def test_extract_a_missile_test_fired_at_nothing_is_a_show_of_weapons(nlp) -> None:
    events = run(nlp, "Finland test-fired a new cruise missile on Thursday.")
    assert {(e.type, e.mode) for e in events} == {("MOBILIZE", "weapons")}


def test_extract_missiles_fired_at_a_country_are_an_attack(nlp) -> None:
    events = run(nlp, "Finland fired two missiles at Iceland on Thursday.")
    assert {(e.type, e.mode) for e in events} == {("ASSAULT", "aerial")}


def test_extract_forces_that_land_in_a_country_are_deployed_there(nlp) -> None:
    events = run(nlp, "About 200 Norwegian police officers landed in Iceland on Tuesday.")
    assert roles(events) == {("MOBILIZE", "NOR", "ISL", "occurred")}


def test_extract_a_military_plane_landing_stays_a_cooperation(nlp) -> None:
    events = run(nlp, "A Swedish military cargo plane landed in Iceland on Tuesday.")
    assert {e.type for e in events} == {"COOPERATE"}


def test_extract_forces_ordered_out_are_expelled(nlp) -> None:
    events = run(nlp, "The Icelandic government ordered the Finnish forces out of the country.")
    assert {(e.type, e.mode, e.target.code if e.target else None) for e in events} == {("SANCTION", "expel", "FIN")}
