"""Holidays, seasons, cross-year ranges, parts of months and 'the next day', on sentences written here."""

from __future__ import annotations

import datetime as dt

import pytest

from casus.annotate import masked_text
from casus.records import Document, TimeExpr
from casus.resolve.times import find_times

REFERENCE = dt.date(2025, 1, 10)


def _times(nlp, text: str, reference: dt.date | None = REFERENCE) -> dict[str, TimeExpr]:
    doc = Document("g", "g.txt", text)
    return {t.text: t for t in find_times(doc, nlp(masked_text(doc)), reference)}


@pytest.mark.parametrize(("sentence", "expression", "first", "last", "basis"), [
    ("The tsunami struck on Christmas 2004 across the Indian Ocean.", "Christmas 2004", "2004-12-25", "2004-12-25",
     "explicit"),
    ("Fireworks were banned on New Year's Eve in the capital.", "New Year's Eve", "2024-12-31", "2024-12-31",
     "relative to published"),
    ("Shops reopened on Boxing Day after the curfew.", "Boxing Day", "2024-12-26", "2024-12-26",
     "relative to published"),
    ("Pilgrims gathered on Good Friday 2019 in Jerusalem.", "Good Friday 2019", "2019-04-19", "2019-04-19",
     "explicit"),
    ("Protests continued from Dec 28 – Jan 3 in the north.", "Dec 28 – Jan 3", "2024-12-28", "2025-01-03",
     "relative to published"),
    ("Strikes hit the port between 28 December and 3 January.", "28 December and 3 January", "2024-12-28",
     "2025-01-03", "relative to published"),
    ("The siege lasted from 28 December 2004 to 3 January 2005.", "28 December 2004 to 3 January 2005",
     "2004-12-28", "2005-01-03", "explicit"),
    ("Talks ran from December 29 to January 2, 2020 in Doha.", "December 29 to January 2, 2020", "2019-12-29",
     "2020-01-02", "explicit"),
    ("The ceasefire collapsed in mid-October.", "mid-October", "2024-10-11", "2024-10-20", "relative to published"),
    ("Fighting resumed in early March 2024.", "early March 2024", "2024-03-01", "2024-03-10", "explicit"),
    ("The rebels withdrew in late March 2024.", "late March 2024", "2024-03-21", "2024-03-31", "explicit"),
    ("Rallies took place on the weekend of 25-26 October 2024.", "the weekend of 25-26 October 2024",
     "2024-10-25", "2024-10-26", "explicit"),
    ("Rallies took place on the weekend of October 26, 2024.", "the weekend of October 26, 2024", "2024-10-26",
     "2024-10-27", "explicit"),
    ("Exports fell in the first three months of 2004.", "the first three months of 2004", "2004-01-01",
     "2004-03-31", "explicit"),
    ("The drought began in summer 2001.", "summer 2001", "2001-06-01", "2001-08-31", "explicit"),
    ("Budgets for 2005-6 were cut.", "2005-6", "2005-01-01", "2006-12-31", "explicit"),
    ("The floods came last summer.", "last summer", "2024-06-01", "2024-08-31", "relative to published"),
])
def test_resolve_times_gap_sentences(nlp, sentence, expression, first, last, basis):
    times = _times(nlp, sentence)
    assert expression in times, list(times)
    t = times[expression]
    assert (t.first, t.last, t.basis) == (first, last, basis)


@pytest.mark.parametrize(("sentence", "expression", "day", "basis"), [
    ("Troops entered the town on 3 March 2024 and withdrew the next day.", "the next day", "2024-03-04", "explicit"),
    ("Troops entered the town on 3 March 2024; they had massed the day before.", "the day before", "2024-03-02",
     "explicit"),
    ("The envoy arrived on Monday and left two days later.", "two days later", "2025-01-08",
     "relative to published"),
    ("The vote was held on 9 June 2024 and results came a day later.", "a day later", "2024-06-10", "explicit"),
])
def test_resolve_times_day_shift_follows_the_sentence_date(nlp, sentence, expression, day, basis):
    t = _times(nlp, sentence)[expression]
    assert (t.first, t.last, t.basis) == (day, day, basis)


@pytest.mark.parametrize("sentence", [
    "The army took the bridge on 3 March 2024. The next day was calm.",  # another sentence: no anchor
    "The next day, rebels regrouped.",  # nothing before it
    "Rebels regrouped the day after the ceasefire collapsed on 3 March 2024.",  # 'the day after' + a noun phrase
])
def test_resolve_times_day_shift_is_conservative(nlp, sentence):
    times = _times(nlp, sentence)
    assert not any(k.lower().startswith(("the next day", "the day after")) for k in times), list(times)


def test_resolve_times_weak_holiday_name_needs_a_year_or_preposition(nlp):
    assert "Christmas" not in _times(nlp, "Christmas shoppers crowded the market.")
    assert _times(nlp, "Markets closed before Christmas.")["Christmas"].first == "2024-12-25"
    assert "Easter" not in _times(nlp, "Eastern districts were shelled.")


def test_resolve_times_holidays_without_reference_keep_only_years(nlp):
    times = _times(nlp, "Aid arrived on New Year's Day and again at Easter 2005.", None)
    assert [(t.text, t.first) for t in times.values()] == [("Easter 2005", "2005-03-27")]
