"""Equipment resolution: designations across tokenisation, named ships, registrations."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from casus.records import Document
from casus.resolve.equipment import find_equipment, registration

S0, S1, S2 = "000_c0ff3ef44d43a569", "001_65038b45502a56eb", "002_c792ef4a2a4e1e8e"


def _equipment(seed_mentions, doc_id: str) -> dict[str, tuple]:
    return {e.text: (e.name, e.category, e.origin, e.registration) for e in seed_mentions[doc_id]["equipment"]}


def test_resolve_equipment_seed_offsets_are_exact(seed_mentions) -> None:
    for m in seed_mentions.values():
        for e in m["equipment"]:
            assert m["doc"].text[e.start:e.end] == e.text


def test_resolve_equipment_seed_air_defences(seed_mentions) -> None:
    found = _equipment(seed_mentions, S0)
    assert found["S-300"] == ("S-300", "air-defence system", "RUS", None)
    assert found["Igla-S"] == ("Igla-S", "man-portable air-defence system", "RUS", None)


def test_resolve_equipment_rivet_joint_keeps_registration(seed_mentions) -> None:
    found = _equipment(seed_mentions, S1)
    assert found["RC-135V Rivet joint"] == ("RC-135V/W Rivet Joint", "reconnaissance aircraft", "USA", "63-9792")
    assert found["RC-135V"][2] == "USA"


def test_resolve_equipment_seed_aircraft_and_carrier(seed_mentions) -> None:
    found = _equipment(seed_mentions, S2)
    assert found["Ilyushin Il-76"] == ("Il-76", "transport aircraft", "RUS", None)
    assert found["F-35"][1:3] == ("combat aircraft", "USA")
    assert found["USS Gerald R. Ford"] == ("USS Gerald R. Ford (CVN-78)", "aircraft carrier", "USA", None)


def test_resolve_equipment_other_crises(nlp) -> None:
    text = ("Iran launched Shahed-136 drones and Houthi forces fired at HMS Diamond. Ukraine used Storm Shadow "
            "and ATACMS; Russia answered with Kalibr and Iskander-M missiles. Patriot batteries intercepted "
            "them. A Bayraktar TB2 and an MQ-9 Reaper flew; the Il-76 RA-78765 landed. "
            "Elliott Abrams spoke.")
    found = {e.text: e for e in find_equipment(Document("t", "t.txt", text), nlp(text))}
    assert (found["Shahed-136"].name, found["Shahed-136"].origin) == ("Shahed-136", "IRN")
    assert (found["HMS Diamond"].category, found["HMS Diamond"].origin) == ("ship", "GBR")
    assert found["Storm Shadow"].origin == "GBR"
    assert found["Kalibr"].category == "cruise missile"
    assert found["Iskander-M"].name == "Iskander"
    assert found["Patriot"].name == "MIM-104 Patriot"
    assert found["Bayraktar TB2"].origin == "TUR"
    assert found["MQ-9 Reaper"].category == "drone"
    assert found["Il-76"].registration == "RA-78765"
    assert "Abrams" not in found  # a person, not the tank


def test_resolve_equipment_ship_name_stops_at_sentence_end(nlp) -> None:
    text = "The destroyer USS Mason fired. Later USS Carney (DDG-64) was hit."
    found = {e.text: e for e in find_equipment(Document("t", "t.txt", text), nlp(text))}
    assert "USS Mason" in found and found["USS Carney"].registration == "DDG-64"


@given(st.from_regex(r"\A\d{2}-\d{4}\Z"), st.sampled_from([" ", "  ", " (", " tail number "]))
def test_resolve_equipment_registration_after_name(serial: str, gap: str) -> None:
    text = f"RC-135V{gap}{serial} flew"
    assert registration(text, len("RC-135V")) == serial


@given(st.text(alphabet=st.characters(whitelist_categories=("Ll",)), min_size=1, max_size=12))
def test_resolve_equipment_no_registration_from_words(word: str) -> None:
    assert registration(f"F-35 {word} flew", 4) is None
