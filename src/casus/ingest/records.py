"""Article records (a JSON object, a CSV row, a Parquet row) -> ``Document``; trajectory files handed on.

Field names follow the contract, case-insensitive, first non-empty wins. An ``html`` field is a page
to extract. A record whose text is missing or too long is one ``InputError`` naming it; the other
records of the file are still read.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from typing import Any

from casus.errors import InputRejected, Messages
from casus.ingest.documents import make_document, record_error
from casus.ingest.files import Source, input_error
from casus.ingest.html import extract_page
from casus.ingest.metadata import TEXT_FIELDS, Meta, is_track_header, lower_keys, pick, record_meta
from casus.records import Document, InputError
from casus.settings import Settings

FLIGHT_KEYS = frozenset({"icao24", "icao", "hex"})
FLIGHT_LISTS = ("path", "trace", "track", "positions", "states")


def record_text(record: Mapping[str, Any]) -> tuple[str, Meta]:
    """(text, metadata extracted from an ``html`` field) of one record with lower-cased keys."""
    name, value = pick(record, TEXT_FIELDS)
    if name is None:
        raise InputRejected(Messages.E112.format(fields=", ".join(TEXT_FIELDS)))
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = "\n\n".join(value)
    if not isinstance(value, str):
        raise InputRejected(f"field '{name}' is not text ({type(value).__name__})")
    if name == "html":
        return extract_page(value)
    return value, Meta()


def merge(own: Meta, extracted: Meta) -> Meta:
    """Record columns first; what the record's HTML says fills the gaps."""
    return Meta(
        title=own.title or extracted.title,
        outlet=own.outlet or extracted.outlet,
        url=own.url or extracted.url,
        published=own.published or extracted.published,
        language=own.language or extracted.language,
    )


def record_document(src: Source, n: int, record: object, settings: Settings,
                    line: int | None = None) -> Document | InputError:
    """The ``n``-th document of a container, or the error naming that record."""
    if not isinstance(record, Mapping):
        return record_error(src, n, f"not an object ({type(record).__name__})", line)
    try:
        fields = lower_keys(record)
        text, extracted = record_text(fields)
        return make_document(src, n, text, merge(record_meta(fields), extracted), settings)
    except InputRejected as exc:
        return record_error(src, n, str(exc), line)


def single_document(src: Source, record: Mapping[str, Any], settings: Settings) -> Document:
    """A file holding one article object: the file's only document, no ``#n``."""
    fields = lower_keys(record)
    text, extracted = record_text(fields)
    return make_document(src, None, text, merge(record_meta(fields), extracted), settings)


def tracks_module() -> Any | None:
    """``casus.tracks`` when it is installed and importable (it is optional)."""
    try:
        return importlib.import_module("casus.tracks")
    except ImportError:
        return None


def is_track_record(keys: Iterable[object]) -> bool:
    """Whether record keys (or a CSV header, Parquet columns) are a trajectory's: the tracks package's
    rule when it is there, else the contract's (icao24, latitude, longitude)."""
    names = {str(k).strip().lower(): None for k in keys}
    rule = getattr(tracks_module(), "has_track_fields", None)
    return bool(rule(names)) if callable(rule) else is_track_header(names)


def is_trajectory_json(data: Any) -> bool:
    """A JSON array of state vectors, one state vector, or a flight export (by the tracks package's rule)."""
    if isinstance(data, list):
        return bool(data) and isinstance(data[0], Mapping) and is_track_record(data[0].keys())
    if not isinstance(data, Mapping):
        return False
    rule = getattr(tracks_module(), "is_trajectory_json", None)
    if callable(rule):
        return bool(rule(dict(data)))
    keys = lower_keys(data)
    flight = bool(FLIGHT_KEYS & keys.keys()) and any(isinstance(keys.get(k), list) for k in FLIGHT_LISTS)
    return flight or is_track_header(keys)


def read_trajectory(src: Source, settings: Settings) -> Document | InputError:
    """Hand a trajectory file to ``casus.tracks.read_track`` (an optional part of Casus)."""
    read_track = getattr(tracks_module(), "read_track", None)
    if not callable(read_track):
        return input_error(src.path, Messages.E107)
    result: Document | InputError = read_track(src.path, src.doc_id, src.rel, src.corpus, settings)
    return result
