"""Property tests: date normalisation and doc_id derivation."""

from __future__ import annotations

import email.utils
import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from casus.ingest import doc_id_for, normalise_date, read_corpora
from casus.ingest.metadata import normalise_language
from casus.records import Document
from casus.settings import Settings

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


@given(dates, st.integers(min_value=-12, max_value=14), st.integers(0, 23), st.integers(0, 59))
def test_ingest_iso_and_rfc2822_dates_keep_the_local_date(day, offset, hour, minute):
    moment = datetime(day.year, day.month, day.day, hour, minute, tzinfo=timezone(timedelta(hours=offset)))
    expected = day.isoformat()
    assert normalise_date(moment.isoformat()) == expected
    assert normalise_date(moment.strftime("%Y-%m-%dT%H:%M:%SZ")) == expected
    assert normalise_date(email.utils.format_datetime(moment)) == expected
    assert normalise_date(f"{day.year:04d}{day.month:02d}{day.day:02d}") == expected


@given(dates)
def test_ingest_written_dates_normalise(day):
    month = MONTHS[day.month - 1]
    expected = day.isoformat()
    assert normalise_date(f"{day.day} {month} {day.year}") == expected
    assert normalise_date(f"{month} {day.day}, {day.year}") == expected
    assert normalise_date(f"{day.day} {month[:3]} {day.year}") == expected
    assert normalise_date(f"{day.year}/{day.month}/{day.day}") == expected


@given(dates)
def test_ingest_numeric_day_month_dates_only_when_unambiguous(day):
    written = f"{day.day:02d}/{day.month:02d}/{day.year}"
    if day.day > 12 or day.day == day.month:
        assert normalise_date(written) == day.isoformat()
    else:
        assert normalise_date(written) is None  # 03/04/2019: March or April? no date beats a wrong one


@given(st.datetimes(min_value=datetime(1975, 1, 1), max_value=datetime(2100, 1, 1)))
def test_ingest_epoch_seconds_and_milliseconds(moment):
    stamp = moment.replace(tzinfo=UTC)
    expected = stamp.date().isoformat()
    assert normalise_date(int(stamp.timestamp())) == expected
    assert normalise_date(int(stamp.timestamp() * 1000)) == expected


@settings(max_examples=300)
@given(st.one_of(st.text(max_size=60), st.integers(), st.floats(allow_nan=True), st.none(), st.booleans()))
def test_ingest_normalise_date_never_raises_and_gives_a_valid_date(value):
    found = normalise_date(value)
    if found is not None:
        parsed = date.fromisoformat(found)
        assert 1900 <= parsed.year <= 2100 and found == parsed.isoformat()


def test_ingest_normalise_date_examples():
    assert normalise_date("Tue, 26 Feb 2019 10:00:00 GMT") == "2019-02-26"
    assert normalise_date("26/02/2019") == "2019-02-26"
    assert normalise_date("26 février 2019") == "2019-02-26"
    assert normalise_date("2019-02-30") is None
    assert normalise_date("2019") is None and normalise_date(2019) is None
    assert normalise_date("yesterday") is None
    assert normalise_language("en-GB") == "en" and normalise_language("pt_BR") == "pt"
    assert normalise_language("12") is None


# --------------------------------------------------------------------------- doc ids

segment = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/\\\x00"), min_size=1, max_size=12,
).filter(lambda s: s not in {".", ".."} and not s.startswith("."))
extensions = st.sampled_from([".txt", ".TXT", ".html", ".htm", ".jsonl", ".json", ".csv", ".xml", ".rss", ".atom",
                              ".warc", ".parquet"])


@given(st.lists(segment, min_size=1, max_size=4), extensions, st.booleans())
def test_ingest_doc_id_is_the_relative_path_without_format_and_gz(parts, extension, gz):
    stem = "/".join(parts)
    rel = stem + extension + (".gz" if gz else "")
    assert doc_id_for(rel) == stem


@settings(max_examples=25, deadline=None)
@given(st.lists(segment.filter(lambda s: s.isprintable() and len(s.encode()) < 100 and s != "manifest.csv"),
                min_size=1, max_size=3))
def test_ingest_doc_id_from_the_file_system(parts):
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        path = base.joinpath(*parts[:-1], parts[-1] + ".txt.gz")
        path.parent.mkdir(parents=True, exist_ok=True)
        import gzip

        path.write_bytes(gzip.compress(b"Officials confirmed the flight on Monday."))
        items = list(read_corpora([base], Settings()))
    assert len(items) == 1 and isinstance(items[0], Document)
    assert items[0].doc_id == "/".join(parts)
    assert items[0].path == "/".join(parts) + ".txt.gz"
