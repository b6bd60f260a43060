"""Place resolution: vocabulary places, countries, capitals and gazetteer cities with coordinates."""

from __future__ import annotations

import gzip
from collections import Counter

import pytest

from casus.records import Document
from casus.resolve.gazetteer import fold, is_city_name, lookup_airport, lookup_city
from casus.resolve.places import resolve_places
from casus.vocab.geodata import AIRPORTS_FILE, CITIES_FILE, build_airports, build_cities

S0, S1, S2 = "000_c0ff3ef44d43a569", "001_65038b45502a56eb", "002_c792ef4a2a4e1e8e"


def _places(seed_mentions, doc_id: str, text: str) -> list:
    found = [p for p in seed_mentions[doc_id]["places"] if p.text == text]
    assert found, f"no place {text!r} in {doc_id}"
    return found


def test_resolve_places_seed_offsets_are_exact(seed_mentions) -> None:
    for m in seed_mentions.values():
        for p in m["places"]:
            assert m["doc"].text[p.start:p.end] == p.text


@pytest.mark.parametrize("doc_id", [S0, S2])
def test_resolve_places_caracas_has_coordinates(seed_mentions, doc_id: str) -> None:
    caracas = _places(seed_mentions, doc_id, "Caracas")[0]
    assert (caracas.country, caracas.kind) == ("VEN", "city")
    assert caracas.lat == pytest.approx(10.49, abs=0.1) and caracas.lon == pytest.approx(-66.88, abs=0.1)


def test_resolve_places_caribbean_sea_is_international(seed_mentions) -> None:
    sea = _places(seed_mentions, S0, "Caribbean Sea")[0]
    assert (sea.name, sea.country, sea.kind) == ("Caribbean Sea", None, "sea")
    assert sea.lat is not None


def test_resolve_places_offutt_afb_and_omaha(seed_mentions) -> None:
    base = _places(seed_mentions, S1, "Offutt AFB")[0]
    assert (base.name, base.country, base.kind) == ("Offutt Air Force Base", "USA", "base")
    assert _places(seed_mentions, S1, "Omaha")[0].country == "USA"


def test_resolve_places_capital_is_both_place_and_actor(seed_mentions) -> None:
    place = _places(seed_mentions, S1, "Washington")[0]
    assert (place.country, place.kind) == ("USA", "city")
    assert any(a.text == "Washington" and a.start == place.start for a in seed_mentions[S1]["actors"])


def test_resolve_places_countries(seed_mentions) -> None:
    iran = _places(seed_mentions, S2, "Iran")[0]
    assert (iran.country, iran.kind) == ("IRN", "country")
    assert not any(p.text == "US" and p.start == 1574 for p in seed_mentions[S0]["places"])  # 'US Air Force'


def test_resolve_places_other_crises(nlp) -> None:
    text = ("Houthi forces attacked ships in the Red Sea and the Gulf of Aden near Bab el-Mandeb. "
            "Chinese ships crossed the Taiwan Strait near Kinmen. Russian drones hit Odesa and Kharkiv. "
            "Israeli strikes hit Rafah in the Gaza Strip.")
    places = {p.text: p for p in resolve_places(Document("t", "t.txt", text), nlp(text))}
    assert places["Red Sea"].kind == "sea" and places["Red Sea"].country is None
    assert places["Gulf of Aden"].kind == "sea"
    assert places["Taiwan Strait"].kind == "strait"
    assert places["Kinmen"].country == "TWN"
    assert places["Odesa"].country == "UKR"
    assert places["Kharkiv"].country == "UKR"
    assert places["Rafah"].country == "PSE"
    assert places["Gaza Strip"].country == "PSE"


def test_resolve_places_country_context_disambiguates() -> None:
    assert lookup_city("Moscow").country == "RUS"
    assert lookup_city("Tripoli", Counter({"LBN": 3})).country == "LBN"
    assert lookup_city("Tripoli").country == "LBY"  # the larger one otherwise
    assert lookup_city("Kiev").name == "Kyiv"
    assert lookup_city("Nowhereville") is None


def test_resolve_places_airfields() -> None:
    offutt = lookup_airport("Offutt AFB")
    assert offutt is not None and offutt.country == "USA"
    assert lookup_airport("Caracas") is None  # not an airfield name


def test_resolve_places_fold_and_city_names() -> None:
    assert fold("Bogotá") == fold("BOGOTA") == "bogota"
    assert is_city_name("Kharkiv") and not is_city_name("Kelly")


def test_resolve_places_untagged_city_needs_the_story_country(nlp) -> None:
    text = "“We will finish them,” Bali said. Later Mosul was quiet, Iraqi officials said."
    places = {p.text: p for p in resolve_places(Document("t", "t.txt", text), nlp(text))}
    assert places.get("Bali") is None or places["Bali"].country != "IND"
    assert places["Mosul"].country == "IRQ"


def test_gazetteer_tables_match_the_installed_packages() -> None:
    """The packaged city and airport tables are exactly what the pinned packages give (no drift)."""
    for path, lines in ((CITIES_FILE, build_cities()), (AIRPORTS_FILE, build_airports())):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            packaged = fh.read().splitlines()
        assert packaged[0].startswith("# source: ")
        assert packaged[1:] == lines


def test_alternate_name_of_a_much_larger_city_wins_without_context() -> None:
    assert lookup_city("Odessa").country == "UKR"
    assert lookup_city("Odessa", Counter({"USA": 2})).country == "USA"
    assert lookup_city("Bombay").name == "Mumbai"


def test_us_state_in_the_text_is_country_context(nlp) -> None:
    text = "Oil output rose near Odessa, Texas, while Midland reported record sales."
    places = resolve_places(Document("t", "t.txt", text), nlp(text))
    odessa = next(p for p in places if p.text == "Odessa")
    assert odessa.country == "USA"
    text = "Russian drones struck the port of Odessa overnight."
    places = resolve_places(Document("t", "t.txt", text), nlp(text))
    assert next(p for p in places if p.text == "Odessa").country == "UKR"
