"""Property tests of the time normaliser: never raises, faithful offsets, ordered intervals."""

from __future__ import annotations

import datetime as dt
import functools

from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.lang.en import English

from casus.records import Document
from casus.resolve.timerules import Context
from casus.resolve.times import find_times
from casus.resolve.timescan import cues, rule_matches, rules, scan_times

FRAGMENTS = ["on Tuesday", "last weekend", "a week ago", "Sunday, October 26", "26 October 2025", "Oct. 26",
             "2019-02-25", "February 2019", "in 2018", "the 1990s", "on the 25th", "last Sunday", "next week",
             "tomorrow", "in the coming days", "since the beginning of September", "earlier this month",
             "in the past few days", "31 February 2020", "the late '80s", "99 years ago", "in recent weeks",
             "2019-13-45", "mid-October", "25.02.2019", "October 20-26", "9999 decades ago", "the 25th",
             "25 февраля 2019 г.", "since", "tonight", "the end of the month", "early 2019", "2018–19",
             "Christmas 2004", "New Year's Eve", "Good Friday", "Dec 28 –", "Jan 3", "between 28 December and",
             "the next day", "two days later", "the day before", "summer 2001", "last winter", "2005-6",
             "the weekend of", "the first three months of", "Easter", "mid-", "late March", "Q3 2019"]
TEXTS = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=12).map(" ".join),
)
REFERENCES = st.one_of(st.none(), st.dates(min_value=dt.date(2, 1, 1), max_value=dt.date(9998, 12, 1)))


@functools.cache
def _blank() -> English:
    """A tokenizer-only pipeline: no parse, no entities (the fallbacks must hold)."""
    return English()


@settings(max_examples=300, deadline=None)
@given(TEXTS, REFERENCES, st.booleans())
def test_resolve_times_scan_never_raises_and_orders_intervals(text, reference, future):
    for span in scan_times(text):
        assert 0 <= span.start < span.end <= len(text)
        got = span.resolve(Context(reference, future))
        if got is not None:
            assert got[0] <= got[1]
            assert got[2] in ("explicit", "relative to published", "published")
            if reference is None:
                assert got[2] == "explicit"


@settings(max_examples=150, deadline=None)
@given(TEXTS, REFERENCES)
def test_resolve_times_find_times_offsets_faithful(text, reference):
    parsed = _blank()(text)
    doc = Document("p", "p.txt", text)
    for t in find_times(doc, parsed, reference):
        assert text[t.start:t.end] == t.text
        assert t.first <= t.last
        dt.date.fromisoformat(t.first)
        dt.date.fromisoformat(t.last)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1600, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_resolve_times_written_date_round_trips(day):
    text = f"It happened on {day.day} {day.strftime('%B')} {day.year} and on {day.isoformat()}."
    spans = scan_times(text)
    assert [s.resolve(Context(None))[:2] for s in spans] == [(day, day), (day, day)]


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 8), max_value=dt.date(2100, 1, 1)), st.integers(0, 6))
def test_resolve_times_bare_weekday_is_within_the_week_before(reference, weekday):
    name = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][weekday]
    (span,) = scan_times(f"They met on {name}.")
    first, last, _ = span.resolve(Context(reference))
    assert first == last and first.weekday() == weekday
    assert 0 <= (reference - first).days <= 6


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_resolve_times_cue_windows_find_what_a_full_scan_finds(text):
    """The pre-filter is exact: each rule's matches in its cue windows are its matches in the whole text."""
    found = cues(text)
    words = frozenset(found)
    for rule in rules():
        windowed = [m.span() for m in rule_matches(rule, text, found)] if rule.may_match(words) else []
        assert windowed == [m.span() for m in rule.pattern.finditer(text)], rule.name


@settings(max_examples=100, deadline=None)
@given(TEXTS, REFERENCES, st.dates(min_value=dt.date(2, 1, 1), max_value=dt.date(9998, 12, 1)))
def test_resolve_times_day_shifts_never_raise(text, reference, previous):
    for span in scan_times(text):
        got = span.resolve(Context(reference, False, (previous, "explicit")))
        if got is not None:
            assert got[0] <= got[1]
