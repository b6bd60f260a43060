"""Every vocabulary file validates against its JSON Schema, names its source, and no alias means two
different things (two codes for one actor alias, two entries for one place or equipment alias)."""

from __future__ import annotations

from collections import defaultdict

import jsonschema
import pycountry
import pytest

from casus.vocab import VOCABULARIES, load, schema
from casus.vocab.entries import actor_entries, equipment_entries, place_entries
from casus.vocab.states import plural_forms, states
from casus.vocab.terms import parse_key, terms

ACTOR_LAYERS = {"state", "demonym", "capital", "actor", "label"}
CODES = {c.alpha_3 for c in pycountry.countries} | {"XKX", "IGO", "NGO"}


@pytest.mark.parametrize("name", VOCABULARIES)
def test_vocab_file_validates_against_its_schema(name: str) -> None:
    jsonschema.Draft202012Validator.check_schema(schema(name))
    errors = list(jsonschema.Draft202012Validator(schema(name)).iter_errors(load(name)))
    assert errors == [], [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    assert "source" in load(name)


def test_vocab_ids_unique_across_files() -> None:
    ids = [e["id"] for name in ("organizations", "media", "people") for e in load(name)["entries"]]
    assert len(ids) == len(set(ids))
    assert len(actor_entries()) == len(ids) + len(states())


def test_vocab_actor_alias_never_means_two_states() -> None:
    codes: dict[str, set[str | None]] = defaultdict(set)
    for term in terms():
        if term.layer in ACTOR_LAYERS:
            entry = actor_entries()[term.entry_id]
            codes[term.alias].add(entry.code)
    conflicts = {alias: c for alias, c in codes.items() if len(c) > 1}
    assert conflicts == {}


@pytest.mark.parametrize("layer", ["place", "equipment"])
def test_vocab_place_and_equipment_aliases_name_one_entry(layer: str) -> None:
    ids: dict[str, set[str]] = defaultdict(set)
    for term in terms():
        if term.layer == layer:
            ids[term.alias.lower() if term.lower else term.alias].add(term.entry_id)
    assert {a: i for a, i in ids.items() if len(i) > 1} == {}


def test_vocab_codes_are_iso3_or_igo() -> None:
    assert {e.code for e in actor_entries().values()} - CODES == {None}
    assert {e.origin for e in equipment_entries().values()} - CODES == set()
    assert {p.country for p in place_entries().values()} - CODES == {None}


def test_vocab_demonyms_cover_every_un_member_state() -> None:
    sovereign = {s.code for s in states().values() if s.sovereign}
    assert len(sovereign) >= 195
    assert {"VEN", "RUS", "IRN", "CHN", "UKR", "PSE", "TWN", "PRK"} <= sovereign
    assert "Venezuelans" in states()["VEN"].demonyms and "Chinese" in states()["CHN"].demonyms


def test_vocab_capitals_come_from_geonames() -> None:
    assert states()["VEN"].capital == "Caracas"
    assert states()["USA"].capital == "Washington"
    assert states()["RUS"].lat == pytest.approx(55.75, abs=0.1)


def test_vocab_office_holders_by_year() -> None:
    trump = actor_entries()["per-donald-trump"]
    assert trump.at(2019) == ("USA", "GOV")
    assert trump.at(2023) == ("USA", "POL")
    assert trump.at(2025) == ("USA", "GOV")
    assert actor_entries()["per-juan-guaido"].at(2019) == ("VEN", "POL")
    assert actor_entries()["per-mark-rutte"].at(2025) == ("IGO", "IGO")
    for entry in actor_entries().values():
        for role in entry.roles:
            assert role.end is None or role.start <= role.end, entry.id


def test_vocab_term_keys_round_trip() -> None:
    for term in terms()[:500]:
        assert parse_key(term.key) == (term.layer, term.entry_id, term.ambiguous)


def test_vocab_plural_forms() -> None:
    assert plural_forms("Venezuelan") == ("Venezuelan", "Venezuelans")
    assert plural_forms("Iraqi") == ("Iraqi", "Iraqis")
    assert plural_forms("Chinese") == ("Chinese",)
    assert plural_forms("French") == ("French",)
