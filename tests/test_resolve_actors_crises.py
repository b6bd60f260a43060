"""Actor resolution on sentences written for other crises (Ukraine, Gaza, Taiwan, Red Sea, Iran)."""

from __future__ import annotations

import pytest

from casus.records import Document, Published
from casus.resolve.actors import resolve_actors


def _resolve(nlp, text: str, date: str = "2024-06-01") -> dict[str, tuple]:
    doc = Document("t", "t.txt", text, published=Published(date, "manifest"))
    actors = resolve_actors(doc, nlp(text))
    for a in actors:
        assert text[a.start:a.end] == a.text
    return {a.text: (a.code, a.sector, a.kind) for a in actors}


def test_resolve_actors_ukraine(nlp) -> None:
    found = _resolve(nlp, "Russian forces shelled Kharkiv overnight, Ukrainian officials said. Zelensky said "
                          "he would meet Turkish President Recep Tayyip Erdogan in Ankara.")
    assert found["Russian forces"] == ("RUS", "MIL", "org")
    assert found["Ukrainian officials"] == ("UKR", "GOV", "org")
    assert found["Zelensky"] == ("UKR", "GOV", "person")
    assert found["he"] == ("UKR", "GOV", "person")
    assert found["Recep Tayyip Erdogan"] == ("TUR", "GOV", "person")
    assert "Kharkiv" not in found  # a city spaCy may tag PERSON


def test_resolve_actors_gaza(nlp) -> None:
    found = _resolve(nlp, "The Israeli military said its jets struck Hamas targets in Gaza, and the Israel "
                          "Defense Forces said the Houthis fired a missile. The UN Security Council met.")
    assert found["Israeli military"] == ("ISR", "MIL", "org")
    assert found["Hamas"] == ("PSE", "REB", "group")
    assert found["Israel Defense Forces"] == ("ISR", "MIL", "org")
    assert found["Houthis"] == ("YEM", "REB", "group")
    assert found["UN Security Council"] == ("IGO", "IGO", "org")


def test_resolve_actors_taiwan(nlp) -> None:
    found = _resolve(nlp, "Chinese warships sailed through the strait, Taiwan's defence ministry said, "
                          "after Beijing warned Taipei. Xinhua said the PLA held drills.")
    assert found["Chinese warships"] == ("CHN", "MIL", "org")
    assert found["Taiwan's defence ministry"] == ("TWN", "MIL", "org")
    assert found["Beijing"] == ("CHN", "GOV", "state")
    assert found["Taipei"] == ("TWN", "GOV", "state")
    assert found["Xinhua"] == ("CHN", "MED", "media")
    assert found["PLA"] == ("CHN", "MIL", "org")


def test_resolve_actors_red_sea_and_titles(nlp) -> None:
    found = _resolve(nlp, "Secretary of State Marco Rubio met Saudi Crown Prince Mohammed bin Salman. "
                          "Iranian Foreign Minister Abbas Araghchi told Al Jazeera the Kremlin was consulted.",
                     date="2025-03-01")
    assert found["Marco Rubio"] == ("USA", "GOV", "person")
    assert found["Mohammed bin Salman"] == ("SAU", "GOV", "person")
    assert found["Abbas Araghchi"] == ("IRN", "GOV", "person")
    assert found["Al Jazeera"] == ("QAT", "MED", "media")
    assert found["Kremlin"] == ("RUS", "GOV", "org")


def test_resolve_actors_unknown_person_takes_title_country(nlp) -> None:
    found = _resolve(nlp, "Venezuelan Defense Minister Carlos Mendoza Ruiz said troops were ready. "
                          "Mendoza Ruiz added that the navy would patrol.")
    assert found["Carlos Mendoza Ruiz"] == ("VEN", "MIL", "person")


@pytest.mark.parametrize(("year", "sector"), [("2019-05-01", "GOV"), ("2023-05-01", "POL")])
def test_resolve_actors_office_holder_changes_with_year(nlp, year: str, sector: str) -> None:
    found = _resolve(nlp, "Trump criticised the deal.", date=year)
    assert found["Trump"] == ("USA", sector, "person")


def test_resolve_actors_the_us_president_without_a_name(nlp) -> None:
    doc = Document("t", "t.txt", "The Venezuelan president rejected the ultimatum.",
                   published=Published("2025-11-01", "manifest"))
    actors = resolve_actors(doc, nlp(doc.text))
    assert [(a.text, a.entity_id) for a in actors] == [("Venezuelan president", "per-nicolas-maduro")]


def test_resolve_actors_made_in_is_not_an_actor(nlp) -> None:
    found = _resolve(nlp, "The army bought Russian-made rifles and US-built radars.")
    assert "Russian" not in found and "US" not in found


def test_resolve_actors_titles_in_apposition(nlp) -> None:
    found = _resolve(nlp, "Sarah Sanders, the White House press secretary, said the acting defence secretary, "
                          "Patrick Shanahan, had briefed the president. Isis fighters loyal to Baghdadi’s "
                          "deputies fled.", date="2019-03-22")
    assert found["Sarah Sanders"] == ("USA", "GOV", "person")
    assert found["Patrick Shanahan"] == (None, "MIL", "person")
    assert found["Isis"] == (None, "REB", "group")
    assert found["Baghdadi"] == (None, "REB", "person")
