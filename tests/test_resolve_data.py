"""The time and quantity vocabularies (resolve/data/*.json) validate against their JSON Schemas and
agree with the calendar and with themselves."""

from __future__ import annotations

import calendar
import datetime as dt

import jsonschema
import pytest

from casus.resolve import lexicon
from casus.resolve import timelex as lx
from casus.resolve.numbers import parse_number


@pytest.mark.parametrize("name", lexicon.FILES)
def test_resolve_data_file_validates_against_its_schema(name: str) -> None:
    schema = lexicon.schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    data = lexicon.load(name)
    plain = {k: v for k, v in data.items()}
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(_thaw(plain)))
    assert errors == [], [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def _thaw(value):
    """The frozen data back as JSON types (mappings -> dict, tuples -> list)."""
    if hasattr(value, "items"):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value


def test_resolve_data_months_and_weekdays_match_the_calendar() -> None:
    assert [m["name"] for m in lx.data()["months"]] == [m.lower() for m in calendar.month_name if m]
    assert list(lx.weekday_words()) == [d.lower() for d in calendar.day_name]
    assert lx.month_number("Sept.") == 9 and lx.month_number("DEC") == 12 and lx.weekday_number("Sunday") == 6


def test_resolve_data_fixed_holidays_are_calendar_days() -> None:
    for holiday in lx.data()["holidays"]:
        if "month" in holiday:
            assert dt.date(2024, holiday["month"], holiday["day"])


def test_resolve_data_number_words_parse_to_their_values() -> None:
    numbers = lexicon.load("numbers")
    for table in ("ones", "tens", "scales"):
        for word, value in numbers[table].items():
            assert parse_number(word) == value


def test_resolve_data_data_is_frozen() -> None:
    with pytest.raises(TypeError):
        lexicon.load("quantities")["units"]["parsec"] = "pc"  # type: ignore[index]


def test_resolve_data_hedges_do_not_contradict() -> None:
    q = lexicon.load("quantities")
    both = set(q["lower_bound"]) & set(q["upper_bound"])
    assert both == set()
    assert set(q["casualties"].values()) <= {"killed", "wounded", "missing", "arrested", "captured", "displaced",
                                             "evacuated", "abducted"}


def test_resolve_data_trie_matches_exactly_its_words() -> None:
    import re

    words = ["week", "weekend", "weeks", "ago", "a"]
    pattern = re.compile(rf"(?:{lexicon.trie(words)})")
    assert all(pattern.fullmatch(w) for w in words)
    assert not any(pattern.fullmatch(w) for w in ["wee", "weekends", "", "ag"])
