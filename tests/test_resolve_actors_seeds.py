"""Actor resolution on the three seed articles: values, not shapes."""

from __future__ import annotations

import pytest

S0, S1, S2 = "000_c0ff3ef44d43a569", "001_65038b45502a56eb", "002_c792ef4a2a4e1e8e"


def _actors(seed_mentions, doc_id: str, text: str) -> list:
    found = [a for a in seed_mentions[doc_id]["actors"] if a.text == text]
    assert found, f"no actor {text!r} in {doc_id}"
    return found


def _one(seed_mentions, doc_id: str, text: str):
    return _actors(seed_mentions, doc_id, text)[0]


def test_resolve_actors_offsets_are_exact(seed_mentions) -> None:
    for m in seed_mentions.values():
        for a in m["actors"]:
            assert m["doc"].text[a.start:a.end] == a.text


@pytest.mark.parametrize("doc_id", [S0, S2])
def test_resolve_actors_maduro_full_name_is_ven_gov_person(seed_mentions, doc_id: str) -> None:
    maduro = _one(seed_mentions, doc_id, "Nicolás Maduro")
    assert (maduro.code, maduro.sector, maduro.kind, maduro.entity_id) == ("VEN", "GOV", "person", "per-nicolas-maduro")
    later = [a for a in _actors(seed_mentions, doc_id, "Maduro") if a.start > maduro.start]
    assert later and all((a.entity_id, a.name) == ("per-nicolas-maduro", "Nicolás Maduro") for a in later)


def test_resolve_actors_unaccented_maduro_2019(seed_mentions) -> None:
    maduro = _one(seed_mentions, S1, "Nicolas Maduro")
    assert (maduro.name, maduro.code, maduro.sector) == ("Nicolás Maduro", "VEN", "GOV")
    assert all(a.code == "VEN" for a in _actors(seed_mentions, S1, "Maduro"))  # spaCy tags some ORG


def test_resolve_actors_trump_is_usa_gov(seed_mentions) -> None:
    for doc_id in (S0, S1, S2):
        for a in seed_mentions[doc_id]["actors"]:
            if a.text in {"Trump", "Donald Trump"}:
                assert (a.code, a.sector, a.kind) == ("USA", "GOV", "person")


def test_resolve_actors_spokesperson_not_in_vocabulary_gets_white_house(seed_mentions) -> None:
    kelly = _one(seed_mentions, S0, "Anna Kelly")
    assert (kelly.code, kelly.sector, kelly.kind) == ("USA", "GOV", "person")


def test_resolve_actors_institutions(seed_mentions) -> None:
    army = _one(seed_mentions, S0, "Venezuelan army")
    assert (army.code, army.sector) == ("VEN", "MIL")
    pentagon = _one(seed_mentions, S0, "Pentagon")
    assert (pentagon.code, pentagon.sector) == ("USA", "MIL")
    usaf = _one(seed_mentions, S0, "US Air Force")
    assert (usaf.code, usaf.sector) == ("USA", "MIL")
    officials = _one(seed_mentions, S0, "American officials")
    assert (officials.code, officials.sector) == ("USA", "GOV")
    assert (_one(seed_mentions, S1, "USAF").code, _one(seed_mentions, S1, "USAF").sector) == ("USA", "MIL")


def test_resolve_actors_loaded_labels(seed_mentions) -> None:
    chavista = _one(seed_mentions, S2, "Chavista regime")
    assert (chavista.code, chavista.sector) == ("VEN", "GOV")
    regime = _one(seed_mentions, S0, "Maduro regime")
    assert (regime.code, regime.sector) == ("VEN", "GOV")
    admin = _one(seed_mentions, S2, "Trump administration")
    assert (admin.code, admin.sector) == ("USA", "GOV")


def test_resolve_actors_washington_metonym(seed_mentions) -> None:
    for a in _actors(seed_mentions, S1, "Washington"):
        assert (a.code, a.sector, a.kind) == ("USA", "GOV", "state")


def test_resolve_actors_four_states_in_a_list(seed_mentions) -> None:
    actors = seed_mentions[S1]["actors"]
    listed = [a for a in actors if a.text in {"Russia", "China", "Cuba", "Bolivia"}]
    assert [(a.code, a.kind, a.sector) for a in listed] == [
        ("RUS", "state", "GOV"), ("CHN", "state", "GOV"), ("CUB", "state", "GOV"), ("BOL", "state", "GOV")]


@pytest.mark.parametrize(("doc_id", "text"), [(S0, "The Wall Street Journal"), (S0, "WSJ"), (S1, "CNN"),
                                              (S1, "ABC News"), (S2, "The Washington Post")])
def test_resolve_actors_us_media(seed_mentions, doc_id: str, text: str) -> None:
    outlet = _one(seed_mentions, doc_id, text)
    assert (outlet.code, outlet.sector, outlet.kind) == ("USA", "MED", "media")


def test_resolve_actors_definite_descriptions(seed_mentions) -> None:
    president = _one(seed_mentions, S0, "The president")
    assert president.entity_id == "per-donald-trump"  # 'President Trump clearly conveyed ... The president is'
    venezuela = _one(seed_mentions, S0, "President of Venezuela")
    assert venezuela.entity_id == "per-nicolas-maduro"


def test_resolve_actors_other_seed_people_and_states(seed_mentions) -> None:
    assert _one(seed_mentions, S2, "Vladimir Putin").code == "RUS"
    assert _one(seed_mentions, S2, "Xi Jinping").code == "CHN"
    assert (_one(seed_mentions, S2, "Moscow").code, _one(seed_mentions, S2, "Tehran").code) == ("RUS", "IRN")
    assert _one(seed_mentions, S1, "Guaido").sector == "POL"
    velasquez = _actors(seed_mentions, S2, "Velásquez")
    assert velasquez[0].name == "Ramón Celestino Velásquez"
    assert _one(seed_mentions, S2, "Justice Department").code == "USA"
