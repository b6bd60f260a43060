"""Time normalisation on the seeds (against their manifest dates) and on sentences written here."""

from __future__ import annotations

import datetime as dt

import pytest

from casus.annotate import masked_text
from casus.records import Document, Embed, TimeExpr
from casus.resolve.times import find_times
from tests.conftest import shared_path

SEEDS = {"000": ("000_c0ff3ef44d43a569.txt", dt.date(2025, 10, 31)),
         "001": ("001_65038b45502a56eb.txt", dt.date(2019, 2, 26)),
         "002": ("002_c792ef4a2a4e1e8e.txt", dt.date(2025, 11, 1))}


def _times(nlp, text: str, reference: dt.date | None, embeds: list[Embed] | None = None) -> list[TimeExpr]:
    doc = Document("t", "t.txt", text, embeds=embeds or [])
    return find_times(doc, nlp(masked_text(doc)), reference)


def _seed_times(nlp, key: str) -> dict[str, TimeExpr]:
    name, reference = SEEDS[key]
    text = shared_path("seeds", name).read_text(encoding="utf-8")
    return {t.text: t for t in _times(nlp, text, reference)}


def _interval(t: TimeExpr) -> tuple[str, str]:
    return t.first, t.last


def test_resolve_times_seed_001_weekdays(nlp):
    times = _seed_times(nlp, "001")
    assert _interval(times["Tuesday"]) == ("2019-02-26", "2019-02-26")
    assert _interval(times["Monday"]) == ("2019-02-25", "2019-02-25")
    assert times["In the past few days"].last == "2019-02-26"
    assert times["In the past few days"].first == "2019-02-19"
    assert times["Monday"].basis == "relative to published"


def test_resolve_times_seed_000_relative(nlp):
    times = _seed_times(nlp, "000")
    assert _interval(times["last weekend"]) == ("2025-10-25", "2025-10-26")
    week_ago = times["a week ago"]
    first, last = dt.date.fromisoformat(week_ago.first), dt.date.fromisoformat(week_ago.last)
    assert first <= dt.date(2025, 10, 27) and last >= dt.date(2025, 10, 21)
    assert (last - first).days <= 7
    assert _interval(times["Since the beginning of September"]) == ("2025-09-01", "2025-10-31")
    assert _interval(times["last week"]) == ("2025-10-20", "2025-10-26")
    assert _interval(times["Last week"]) == ("2025-10-20", "2025-10-26")


def test_resolve_times_seed_002_weekday_checked_date(nlp):
    times = _seed_times(nlp, "002")
    assert _interval(times["Sunday, October 26"]) == ("2025-10-26", "2025-10-26")


def test_resolve_times_seed_offsets_are_faithful(nlp):
    for key, (name, reference) in SEEDS.items():
        text = shared_path("seeds", name).read_text(encoding="utf-8")
        for t in _times(nlp, text, reference):
            assert text[t.start:t.end] == t.text, key
            assert t.first <= t.last


def test_resolve_times_embed_date_is_the_reference(nlp):
    post = "Spy plane spotted over the coast tonight pic.twitter.com/x1"
    credit = "— Some One (@someone) 25 февраля 2019 г."
    text = f"The flights continued on Tuesday.\n{post}\n{credit}\nMore flights followed."
    start = text.index(post)
    embed = Embed(start, text.index(credit) + len(credit), "tweet", "Some One", "someone", "2019-02-25")
    times = {t.text: t for t in _times(nlp, text, dt.date(2019, 2, 27), [embed])}
    assert _interval(times["tonight"]) == ("2019-02-25", "2019-02-25")
    assert _interval(times["Tuesday"]) == ("2019-02-26", "2019-02-26")
    assert _interval(times["25 февраля 2019 г."]) == ("2019-02-25", "2019-02-25")


@pytest.mark.parametrize(("sentence", "expression", "first", "last"), [
    ("Kyiv said on 24 February 2022 that troops crossed the border.", "24 February 2022", "2022-02-24", "2022-02-24"),
    ("The ceasefire collapsed in mid-October.", "mid-October", "2025-10-11", "2025-10-20"),
    ("Sudan's army retook the bridge two days ago.", "two days ago", "2025-10-29", "2025-10-29"),
    ("Israeli jets struck the port yesterday.", "yesterday", "2025-10-30", "2025-10-30"),
    ("Militants shelled the town last month.", "last month", "2025-09-01", "2025-09-30"),
    ("The junta expelled the envoy last year.", "last year", "2024-01-01", "2024-12-31"),
    ("Ministers will meet next week in Geneva.", "next week", "2025-11-03", "2025-11-09"),
    ("Talks are expected in the coming days.", "in the coming days", "2025-10-31", "2025-11-07"),
    ("Shelling has intensified in recent weeks.", "in recent weeks", "2025-10-03", "2025-10-31"),
    ("Prices doubled earlier this month.", "earlier this month", "2025-10-01", "2025-10-31"),
    ("The treaty was signed on 2019-02-25 in Hanoi.", "2019-02-25", "2019-02-25", "2019-02-25"),
    ("The sanctions date from February 2019.", "February 2019", "2019-02-01", "2019-02-28"),
    ("The militia was founded in 2018.", "2018", "2018-01-01", "2018-12-31"),
    ("Unrest marked the 1990s.", "the 1990s", "1990-01-01", "1999-12-31"),
    ("Rebels entered the city on the 25th, witnesses said.", "the 25th", "2025-10-25", "2025-10-25"),
    ("A drone hit the depot last Sunday.", "last Sunday", "2025-10-26", "2025-10-26"),
    ("Negotiators will return on Tuesday.", "Tuesday", "2025-11-04", "2025-11-04"),
    ("The navy has patrolled the strait since September.", "since September", "2025-09-01", "2025-10-31"),
    ("The convoy left on Oct. 26 and arrived later.", "Oct. 26", "2025-10-26", "2025-10-26"),
    ("Voting ends Sept. 1, 2026, officials said.", "Sept. 1, 2026", "2026-09-01", "2026-09-01"),
    ("Fighting raged from October 20-26 around the airport.", "October 20-26", "2025-10-20", "2025-10-26"),
    ("The offensive began in early 2019.", "early 2019", "2019-01-01", "2019-04-30"),
    ("Flights resumed in the past 24 hours.", "in the past 24 hours", "2025-10-30", "2025-10-31"),
    ("The border was closed over the weekend.", "over the weekend", "2025-10-25", "2025-10-26"),
    ("Strikes hit the capital this weekend.", "this weekend", "2025-11-01", "2025-11-02"),
    ("Troops massed at the border tomorrow, the plan says.", "tomorrow", "2025-11-01", "2025-11-01"),
    ("Aid trucks arrived today.", "today", "2025-10-31", "2025-10-31"),
])
def test_resolve_times_written_sentences(nlp, sentence, expression, first, last):
    times = {t.text: t for t in _times(nlp, sentence, dt.date(2025, 10, 31))}
    assert expression in times, [t.text for t in times.values()]
    assert _interval(times[expression]) == (first, last)


def test_resolve_times_without_reference_keeps_only_explicit(nlp):
    text = "The strike came on Monday, a week ago, and the first one on 3 March 2024."
    times = _times(nlp, text, None)
    assert [(t.text, t.first, t.last, t.basis) for t in times] == [
        ("3 March 2024", "2024-03-03", "2024-03-03", "explicit")]


def test_resolve_times_weekday_picks_matching_year(nlp):
    times = _times(nlp, "It happened on Thursday, January 2.", dt.date(2025, 1, 10))
    assert _interval(times[0]) == ("2025-01-02", "2025-01-02")
    times = _times(nlp, "It happened on Monday, January 2.", dt.date(2023, 12, 20))
    assert _interval(times[0]) == ("2023-01-02", "2023-01-02")


@pytest.mark.parametrize(("text", "wanted"), [
    ("Kick-off is on Saturday, 12 March 1700 GMT, in Cardiff.", ("Saturday, 12 March", "2022-03-12")),
    ("The ceasefire starts on 3 April 1800 hrs along the whole front.", ("3 April", "2022-04-03")),
    ("Polls close on 6 May 2000 local time, officials said.", ("6 May", "2022-05-06")),
    ("The summit opened on 3 May 2019 West of the capital.", ("3 May 2019", "2019-05-03")),
    ("The treaty was signed on 4 July 1776 in Philadelphia.", ("4 July 1776", "1776-07-04")),
])
def test_resolve_times_clock_time_after_a_date_is_no_year(nlp, text, wanted):
    """'1700 GMT' is a time of day, never the year of the date before it; a zone is matched in
    capitals only, so 'West' after a real year leaves the year alone."""
    times = {t.text: t for t in _times(nlp, text, dt.date(2022, 6, 1))}
    name, day = wanted
    assert name in times and times[name].first <= day <= times[name].last
    assert all(t.first[:4] not in {"1700", "1800", "2000"} for t in times.values() if t.first)


def test_resolve_times_blank_line_ends_a_date_but_a_wrapped_line_does_not(nlp):
    listing = "France v Wales\n\nSaturday, 26 February\n\n2005\n\nThe coach said on Monday that ..."
    times = {t.text: t for t in _times(nlp, listing, dt.date(2022, 6, 1))}
    assert "Saturday, 26 February" in times and times["Saturday, 26 February"].first.endswith("-02-26")
    wrapped = {t.text: t for t in _times(nlp, "The accord was signed on 26 February,\n2019 in Hanoi.", None)}
    assert _interval(wrapped["26 February,\n2019"]) == ("2019-02-26", "2019-02-26")
