"""Document metadata: field names of article records, date and language normalisation.

Dates become ISO dates as written (the outlet's local date, no timezone conversion). A numeric date
whose day and month cannot be told apart ("03/04/2019") gives no date rather than a wrong one.
"""

from __future__ import annotations

import email.utils
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

TEXT_FIELDS = ("text", "body", "content", "article", "full_text", "html")
PUBLISHED_FIELDS = ("published", "date", "pubdate", "publish_date", "datetime")
TITLE_FIELDS = ("title",)
URL_FIELDS = ("url", "link")
OUTLET_FIELDS = ("outlet", "source", "publication")
LANGUAGE_FIELDS = ("language", "lang")
TRACK_FIELDS = frozenset({"icao24", "latitude", "longitude"})

YEARS = range(1900, 2101)
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12, "january": 1, "february": 2, "march": 3, "april": 4, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
DATEPARSER_LANGUAGES = ["en", "fr", "de", "es", "pt", "it", "nl", "ru", "uk", "ar", "zh", "ja", "tr", "pl", "fa"]

_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s,])")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:$|T)")
_EPOCH = re.compile(r"(\d{10}|\d{13})(?:\.\d+)?$")
_NUMERIC_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:$|[T\s,])")
_MONTH = r"([A-Za-z]{3,9})\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:[A-Za-z]{3,9}\.?,?\s+)?"
_DAY_MONTH_YEAR = re.compile(rf"{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+(\d{{4}})(?:$|[\s,T])")
_MONTH_DAY_YEAR = re.compile(rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+(\d{{4}})(?:$|[\s,T])")
_HAS_YEAR_AND_DAY = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")
_LANGUAGE = re.compile(r"[a-z]{2,3}")


@dataclass(slots=True)
class Meta:
    """Metadata found inside a document (HTML meta, feed fields, record columns)."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date
    language: str | None = None


def safe_date(year: int, month: int, day: int) -> str | None:
    if year not in YEARS:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def normalise_date(value: object) -> str | None:
    """An ISO date from a date-like value (string, epoch number), or None when unsure."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return from_epoch(float(value))
    if isinstance(value, datetime | date):
        return safe_date(value.year, value.month, value.day)
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return _normalise_text(text) if 0 < len(text) <= 80 else None


def _normalise_text(text: str) -> str | None:
    for parse in (_iso, _epoch_text, _numeric_dmy, _month_names, _rfc2822):
        found = parse(text)
        if found is not None:
            return found or None  # "" means: recognised the form, but no safe date
    return _dateparser(text)


def _iso(text: str) -> str | None:
    m = _ISO.match(text) or _COMPACT.match(text)
    if not m:
        return None
    return safe_date(int(m[1]), int(m[2]), int(m[3])) or ""


def _epoch_text(text: str) -> str | None:
    m = _EPOCH.match(text)
    return (from_epoch(float(text)) or "") if m else None


def from_epoch(seconds: float) -> str | None:
    """Epoch seconds, or milliseconds when the number is too large to be seconds."""
    if seconds > 1e11:
        seconds /= 1000
    if seconds < 1e8:  # a bare year or a small number is not a timestamp
        return None
    try:
        moment = datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return safe_date(moment.year, moment.month, moment.day)


def _numeric_dmy(text: str) -> str | None:
    m = _NUMERIC_DMY.match(text)
    if not m:
        return None
    first, second, year = int(m[1]), int(m[2]), int(m[3])
    if first > 12 >= second or first == second:
        return safe_date(year, second, first) or ""
    if second > 12 >= first:
        return safe_date(year, first, second) or ""
    return ""  # day and month cannot be told apart


def _month_names(text: str) -> str | None:
    m = _DAY_MONTH_YEAR.match(text)
    if m and m[2].lower() in MONTHS:
        return safe_date(int(m[3]), MONTHS[m[2].lower()], int(m[1])) or ""
    m = _MONTH_DAY_YEAR.match(text)
    if m and m[1].lower() in MONTHS:
        return safe_date(int(m[3]), MONTHS[m[1].lower()], int(m[2])) or ""
    return None


def _rfc2822(text: str) -> str | None:
    parts = email.utils.parsedate_tz(text)
    return (safe_date(parts[0], parts[1], parts[2]) or "") if parts else None


@functools.lru_cache(maxsize=4096)
def _dateparser(text: str) -> str | None:
    """Other languages' written dates ('26 février 2019'): only text with a year and a day number."""
    year = _HAS_YEAR_AND_DAY.search(text)
    if not year or not re.search(r"(?<!\d)\d{1,2}(?!\d)", text):
        return None
    import dateparser

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "STRICT_PARSING": True,
                "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        found = dateparser.parse(text, languages=DATEPARSER_LANGUAGES, settings=settings)
    except Exception:  # noqa: BLE001 - a third-party parser on arbitrary input; no date is the answer
        return None
    if found is None or found.year != int(year.group(0)):
        return None
    return safe_date(found.year, found.month, found.day)


def normalise_language(value: object) -> str | None:
    """'en-GB', 'en_US', 'EN' -> 'en': the primary subtag, lower case."""
    if not isinstance(value, str):
        return None
    primary = value.strip().lower().replace("_", "-").split("-")[0]
    return primary if _LANGUAGE.fullmatch(primary) else None


def lower_keys(record: Mapping[str, Any]) -> dict[str, Any]:
    """Keys lower-cased and stripped; the first of two keys differing only in case wins."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        out.setdefault(str(key).strip().lower(), value)
    return out


def pick(record: Mapping[str, Any], names: tuple[str, ...]) -> tuple[str | None, Any]:
    """(field name, value) of the first of ``names`` present with a non-empty value."""
    for name in names:
        value = record.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        return name, value
    return None, None


def pick_str(record: Mapping[str, Any], names: tuple[str, ...]) -> str | None:
    _, value = pick(record, names)
    return value.strip() if isinstance(value, str) else None


def record_meta(record: Mapping[str, Any]) -> Meta:
    """The metadata columns of an article record (keys already lower-cased)."""
    _, published = pick(record, PUBLISHED_FIELDS)
    return Meta(
        title=pick_str(record, TITLE_FIELDS),
        outlet=pick_str(record, OUTLET_FIELDS),
        url=pick_str(record, URL_FIELDS),
        published=normalise_date(published),
        language=normalise_language(pick_str(record, LANGUAGE_FIELDS)),
    )


def is_track_header(names: object) -> bool:
    """Whether record keys / column names are those of aircraft state vectors."""
    try:
        keys = {str(n).strip().lower() for n in names}  # type: ignore[attr-defined]
    except TypeError:
        return False
    return keys >= TRACK_FIELDS
