"""The clean stage's word lists (data/boilerplate.json) and its credit-date parser."""

from __future__ import annotations

import json
import re
from datetime import date
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casus.clean.dates import parse_credit_date
from casus.clean.lexicon import load_lexicon, normalise

LANGS = load_lexicon().date_languages


def raw_data() -> dict:
    return json.loads(resources.files("casus.clean").joinpath("data", "boilerplate.json").read_text("utf-8"))


def phrase_lists(node: object) -> list[list[str]]:
    if isinstance(node, dict):
        return [lst for value in node.values() for lst in phrase_lists(value)]
    if isinstance(node, list) and all(isinstance(x, str) for x in node):
        return [node]
    return []


def test_clean_data_lists_are_lower_case_unique_and_non_empty() -> None:
    lists = phrase_lists({k: v for k, v in raw_data().items() if not k.startswith("_")})
    assert len(lists) >= 10
    for phrases in lists:
        assert phrases and len(phrases) == len(set(phrases))
        assert all(p == p.lower() and p == p.strip() and p for p in phrases)


def test_clean_data_limits_are_positive_integers() -> None:
    lex = load_lexicon()
    limits = [lex.related_max_words, lex.navigation_max_words, lex.caption_max_words, lex.headline_max_words,
              lex.summary_max_words, lex.max_teasers, lex.subheading_max_words, lex.body_min_words, lex.max_post_lines]
    assert all(isinstance(n, int) and n > 0 for n in limits)
    assert lex.subheading_max_words <= 12 < lex.related_max_words


def test_clean_normalise_trims_punctuation_and_case() -> None:
    assert normalise("  — ADVERTISEMENT —  ") == "advertisement"
    assert normalise("Share   this\tarticle:") == "share this article"


@pytest.mark.parametrize(("text", "iso"), [
    ("25 февраля 2019 г.", "2019-02-25"),
    ("February 25, 2019", "2019-02-25"),
    ("25 de febrero de 2019", "2019-02-25"),
    ("25. Februar 2019", "2019-02-25"),
    ("12 févr. 2024", "2024-02-12"),
    ("Mar 3, 2020 at 3:15pm PST", "2020-03-03"),
    ("12 de março de 2021 às 10:30", "2021-03-12"),
    ("25 лютого 2019 р.", "2019-02-25"),
])
def test_clean_credit_dates_in_many_languages(text: str, iso: str) -> None:
    assert parse_credit_date(text, LANGS) == iso


@pytest.mark.parametrize("text", ["", "March 2019", "yesterday", "said the strikes were wrong", "1 1 1"])
def test_clean_credit_dates_need_day_month_year(text: str) -> None:
    assert parse_credit_date(text, LANGS) is None


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)))
def test_clean_credit_dates_round_trip(day: date) -> None:
    english = f"{day:%B} {day.day}, {day.year}"
    assert parse_credit_date(english, LANGS) == day.isoformat()


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=50))
def test_clean_credit_dates_never_raise(text: str) -> None:
    found = parse_credit_date(text, LANGS)
    assert found is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", found)
