"""The trigger and cue lexicons: every entry valid against its schema and usable by the compiler."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from casus.extract.lexicon import PLOVER_TYPES, LexiconError, cues, parse_entry, triggers


def vocab(name: str) -> dict:
    return json.loads(resources.files("casus.vocab").joinpath(name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["triggers", "cues"])
def test_extract_lexicon_matches_schema(name: str) -> None:
    jsonschema.validate(vocab(f"{name}.json"), vocab(f"{name}.schema.json"))


def test_extract_lexicon_types_table_has_the_16_types_and_contract_scores() -> None:
    types = triggers().types
    assert set(types) == set(PLOVER_TYPES)
    assert types["AID"].intensity == 10.0
    assert types["REQUEST"].intensity == 0.0
    assert types["THREATEN"].intensity == -3.5
    assert types["ASSAULT"].intensity == -9.0
    assert types["ASSAULT"].modes["aerial"] == -9.5
    assert types["MOBILIZE"].modes["weapons"] == -6.5


def test_extract_lexicon_compiles_phrasal_and_compound_entries() -> None:
    verbs, nouns = triggers().verbs, triggers().nouns
    assert any(e.second == "for" and e.type == "REQUEST" for e in verbs["call"])
    assert any(e.second == "air" and e.mode == "aerial" for e in nouns["strike"])
    assert all(e.type in PLOVER_TYPES for entries in verbs.values() for e in entries)


def test_extract_lexicon_cues_invert_to_single_labels() -> None:
    c = cues()
    assert c.light["prepare"] == "planned"
    assert c.converters["signal"] == ("THREATEN",)
    assert c.converters["suspend"] == ("RETREAT", "SANCTION")  # chosen by the type of the governed noun
    assert c.speech["claim"] == "alleged"
    assert c.modals["would"] == "hypothetical"


@pytest.mark.parametrize("raw", ["", "a b c", "strike|loud"])
def test_extract_lexicon_rejects_bad_entries(raw: str) -> None:
    with pytest.raises(LexiconError):
        parse_entry("ASSAULT", "", raw)
