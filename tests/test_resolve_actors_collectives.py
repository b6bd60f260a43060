"""Collective and non-state actors on sentences written for these tests: collective nouns coded by a
modifier, a clause place, an antecedent or the story's country; named armed groups; 'the group';
facilities named after a country; multinational missions and international bodies."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casus.records import Actor, Document, Place, Published
from casus.resolve.actors import resolve_actors
from casus.resolve.context import DOMINANCE, MIN_MENTIONS, dominant_country
from casus.vocab.collectives import collective_nouns


def _actors(nlp, text: str, date: str = "2025-06-01") -> list[Actor]:
    doc = Document("t", "t.txt", text, published=Published(date, "manifest"))
    actors = resolve_actors(doc, nlp(text))
    for a in actors:
        assert text[a.start:a.end] == a.text
    return actors


def _resolve(nlp, text: str, date: str = "2025-06-01") -> dict[str, tuple]:
    """Text -> (code, sector) of the first actor written that way."""
    out: dict[str, tuple] = {}
    for a in _actors(nlp, text, date):
        out.setdefault(a.text, (a.code, a.sector))
    return out


PROTEST = ("TBILISI — Thousands of protesters marched through Tbilisi on Friday against the decision to freeze "
           "talks with Brussels.\nRiot police used water cannon and tear gas against demonstrators outside the "
           "parliament in Tbilisi, and officers detained dozens of people. Opposition parties called for a new "
           "election, and the government said the rallies were organised from abroad.\nGeorgia's president "
           "said she would stay. Protesters in Batumi and Kutaisi blocked roads.")


def test_protest_collectives_take_the_story_country(nlp) -> None:
    found = _resolve(nlp, PROTEST)
    assert found["protesters"] == ("GEO", "CVL")
    assert found["Riot police"] == ("GEO", "GOV")
    assert found["demonstrators"] == ("GEO", "CVL")
    assert found["officers"] == ("GEO", "GOV")
    assert found["Opposition parties"] == ("GEO", "POL")
    assert found["government"] == ("GEO", "GOV")


SUDAN = ("PORT SUDAN, May 2 (Wire) - Sudan's army said its troops had pushed the Rapid Support Forces out of two "
         "villages near El Obeid, killing dozens of fighters.\nThe paramilitary group denied losing ground and said "
         "its drones had struck an army depot. Residents of El Obeid said gunmen looted the market, and at least 12 "
         "people were killed.\nThe army also said air force jets had struck RSF fighters east of the city.")


def test_institutions_pronouns_and_anaphors_in_a_war_story(nlp) -> None:
    actors = _actors(nlp, SUDAN)
    by_text = {a.text: a for a in reversed(actors)}
    assert (by_text["troops"].code, by_text["troops"].sector) == ("SDN", "MIL")
    assert by_text["The paramilitary group"].entity_id == "grp-rsf"
    assert (by_text["Residents"].code, by_text["Residents"].sector) == ("SDN", "CVL")
    assert (by_text["gunmen"].code, by_text["gunmen"].sector) == ("SDN", "CRM")
    assert (by_text["people"].code, by_text["people"].sector) == ("SDN", "CVL")
    assert (by_text["army"].code, by_text["army"].sector) == ("SDN", "MIL")
    assert (by_text["air force jets"].code, by_text["air force jets"].sector) == ("SDN", "MIL")
    fighters = [a for a in actors if a.text == "fighters"]
    assert fighters[-1].entity_id == "grp-rsf"  # 'RSF fighters': the named group itself


def test_modifiers_that_make_a_noun_someone_elses(nlp) -> None:
    found = _resolve(nlp, "KABUL — Two aid officials said foreign troops had left Kabul, and Hamas militants and "
                          "Houthi fighters were not involved. Kabul residents queued for bread in Kabul and Herat.")
    assert "officials" not in found and "aid officials" not in found
    assert "troops" not in found
    assert found.get("militants", ("PSE", "REB")) == ("PSE", "REB")
    assert found["Kabul residents"] == ("AFG", "CVL")


def test_no_story_country_in_a_two_sided_story(nlp) -> None:
    found = _resolve(nlp, "India said its strikes hit camps in Pakistan. Pakistan said India hit mosques in "
                          "Pakistan and India. Officials in New Delhi and Islamabad traded claims as 26 people "
                          "were reported killed.")
    assert "people" not in found  # neither country dominates the story: no guess
    assert "Officials" not in found  # institutions never take 'in <place>' (foreign troops stand in places)


def test_clause_place_and_origin(nlp) -> None:
    found = _resolve(nlp, "Rebels in Goma said they held the airport, while more police from Kenya arrived in "
                          "Haiti. Civilians in Gaza fled south.")
    assert found["Rebels"] == ("COD", "REB")
    assert found["police"] == ("KEN", "GOV")
    assert found["Civilians"] == ("PSE", "CVL")


def test_country_word_before_a_facility_is_no_actor(nlp) -> None:
    found = _resolve(nlp, "A drone hit the Saudi Hospital in El Fasher and the Turkish School nearby, Turkish "
                          "Airlines suspended flights and the Russian embassy protested.")
    assert not any(code == "SAU" for code, _ in found.values())
    assert "Turkish School" not in found and "Turkish" not in found
    assert found["Turkish Airlines"] == ("TUR", "BUS")
    assert found["Russian embassy"] == ("RUS", "GOV")


def test_multinational_missions_and_bodies(nlp) -> None:
    found = _resolve(nlp, "The Kenyan-led multinational mission and UN peacekeepers from MINUSMA met ECOWAS, the "
                          "Alliance of Sahel States, the World Food Programme, the Red Cross and Doctors Without "
                          "Borders. The French force left.")
    assert found["mission"] == ("IGO", "MIL")
    assert found["peacekeepers"] == ("IGO", "MIL")
    assert found["MINUSMA"] == ("IGO", "MIL")
    assert found["ECOWAS"] == ("IGO", "IGO")
    assert found["Alliance of Sahel States"] == ("IGO", "IGO")
    assert found["World Food Programme"] == ("IGO", "IGO")
    assert found["Red Cross"] == ("NGO", "NGO")
    assert found["Doctors Without Borders"] == ("NGO", "NGO")
    assert found["force"] == ("FRA", "MIL")  # no multinational marker: the adjective's state


@pytest.mark.parametrize(("name", "code", "sector"), [
    ("the Rapid Support Forces", "SDN", "REB"), ("the Sudanese Armed Forces", "SDN", "MIL"),
    ("the Wagner Group", "RUS", "MIL"), ("the Africa Corps", "RUS", "MIL"), ("the Houthis", "YEM", "REB"),
    ("Ansar Allah", "YEM", "REB"), ("Hezbollah", "LBN", "REB"), ("Hamas", "PSE", "REB"), ("M23", "COD", "REB"),
    ("Lashkar-e-Taiba", "PAK", "REB"), ("Jaish-e-Mohammed", "PAK", "REB"), ("The Resistance Front", "IND", "REB"),
    ("Viv Ansanm", "HTI", "CRM"), ("JNIM", "MLI", "REB"), ("the Islamic State in the Greater Sahara", "NER", "REB"),
    ("al-Shabaab", "SOM", "REB"), ("the PKK", "TUR", "REB"), ("the Taliban", "AFG", "GOV"),
])
def test_named_armed_groups(nlp, name: str, code: str, sector: str) -> None:
    actors = _actors(nlp, f"Officials said {name} had attacked the convoy near the border on Monday.")
    group = next(a for a in actors if a.text.lower().endswith(name.split()[-1].lower()))
    assert (group.code, group.sector) == (code, sector)


def test_taliban_sector_by_year(nlp) -> None:
    text = "The Taliban attacked a police post in Helmand."
    assert _resolve(nlp, text, "2015-05-01")["Taliban"] == ("AFG", "REB")
    assert _resolve(nlp, text, "2023-05-01")["Taliban"] == ("AFG", "GOV")


def test_the_group_is_the_last_armed_group_named(nlp) -> None:
    actors = _actors(nlp, "Hezbollah fired rockets at Haifa. Israel struck Beirut. The group said it would keep "
                          "firing. The group of experts met in Geneva.")
    groups = [a for a in actors if a.text.startswith("The group")]
    assert groups[0].entity_id == "grp-hezbollah"
    assert len(groups) == 1 or groups[1].entity_id == "grp-hezbollah"


def test_collective_table_is_consistent() -> None:
    nouns = collective_nouns()
    assert nouns["riot police"].sector == "GOV" and nouns["army"].sector == "MIL"
    assert nouns["protesters"].sector == "CVL" and nouns["gunmen"].sector == "CRM"
    assert nouns["rebels"].sector == "REB" and nouns["opposition parties"].sector == "POL"
    assert nouns["troops"].scope == "state" and nouns["residents"].scope == "local"


@given(st.lists(st.sampled_from(["SDN", "TCD", "EGY", "LBY"]), max_size=12))
def test_dominant_country_is_clear_or_none(codes: list[str]) -> None:
    text = "Lede.\n" + "x" * 20
    places = [Place(8 + i, 9 + i, "x", "x", code) for i, code in enumerate(codes)]  # none in the lede
    found = dominant_country(places, text)
    counts = {c: codes.count(c) for c in codes}
    if found is None:
        top = sorted(counts.values(), reverse=True)
        assert not top or top[0] < MIN_MENTIONS or (len(top) > 1 and top[0] < DOMINANCE * top[1])
    else:
        assert counts[found] >= MIN_MENTIONS
        assert all(counts[found] >= DOMINANCE * n for c, n in counts.items() if c != found)
