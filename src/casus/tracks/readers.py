"""Trajectory files -> records: JSON array, JSONL, CSV, Parquet (each optionally gzip), and the flight
JSON that flight-tracking sites export (Flightradar24's flight-details object, as in the ``traffic``
package's ``fr24`` samples). Size limits are the run's ``Settings``."""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import json
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry

from casus.errors import Messages
from casus.settings import Settings
from casus.tracks.identity import canonical_type, owner_is_military
from casus.tracks.register import Aircraft
from casus.tracks.samples import has_track_fields

FORMATS = (".json", ".jsonl", ".ndjson", ".csv", ".parquet", ".pq")


class TrackReadError(ValueError):
    """The file cannot be read as a trajectory; the message is the one line errors.jsonl shows."""


@dataclass(slots=True)
class TrackFile:
    """A trajectory file's records, plus the aircraft metadata a flight export carries."""

    records: list[dict[str, Any]]
    source: str = "ADS-B track"  # the data service the observations are attributed to
    meta: Aircraft | None = None
    default_icao24: str | None = None
    route: dict[str, str | None] = field(default_factory=dict)  # flight export: planned origin/destination


def format_of(path: Path) -> str:
    """The format extension of a file, '.gz' removed: '.json', '.jsonl', '.csv', '.parquet'."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def read_bytes(path: Path, settings: Settings) -> bytes:
    """The file's content, decompressed when gzip, within the run's size limits."""
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            raise TrackReadError(Messages.E001.format(limit=settings.max_file_bytes, size=size))
        raw = path.read_bytes()
    except OSError as exc:
        raise TrackReadError(Messages.E006.format(reason=exc.strerror or exc)) from exc
    return gunzip(raw, settings.max_decompressed_bytes) if raw[:2] == b"\x1f\x8b" else raw


def gunzip(raw: bytes, limit: int) -> bytes:
    out = bytearray()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as stream:
            while chunk := stream.read(1 << 20):
                out += chunk
                if len(out) > limit:
                    raise TrackReadError(Messages.E008.format(limit=limit))
    except (OSError, EOFError, zlib.error) as exc:
        raise TrackReadError(Messages.E007.format(reason=exc)) from exc
    return bytes(out)


def read_track_file(path: Path, settings: Settings) -> TrackFile:
    """Records of any supported trajectory format (chosen by extension, then by content)."""
    fmt = format_of(path)
    if fmt not in FORMATS:
        raise TrackReadError(Messages.E005.format(suffix=fmt or path.name))
    raw = read_bytes(path, settings)
    if fmt in {".parquet", ".pq"}:
        return TrackFile(parquet_records(raw))
    text = decode(raw)
    if fmt == ".csv":
        return TrackFile(list(csv.DictReader(io.StringIO(text))))
    return json_track(text, fmt)


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TrackReadError(Messages.E002.format(reason=exc)) from exc


def parquet_records(raw: bytes) -> list[dict[str, Any]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return pq.read_table(io.BytesIO(raw)).to_pylist()
    except (pa.ArrowException, OSError) as exc:
        raise TrackReadError(Messages.E004.format(fmt="Parquet", reason=exc)) from exc


def json_track(text: str, fmt: str) -> TrackFile:
    """A JSON array of state vectors, JSON lines (also in a '.json' file), or one flight-export object."""
    if fmt != ".json":
        return TrackFile(jsonl_records(text))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if text.lstrip()[:1] == "{":
            return TrackFile(jsonl_records(text))
        raise TrackReadError(Messages.E004.format(fmt="JSON", reason=exc)) from exc
    if isinstance(data, list):
        return TrackFile([r for r in data if isinstance(r, dict)])
    if isinstance(data, dict) and fr24_flight(data) is not None:
        return fr24_track(data)
    if isinstance(data, dict) and has_track_fields(data):
        return TrackFile(columns_records(data) if _columnar(data) else [data])
    raise TrackReadError(Messages.E015.format(reason="JSON is neither state vectors nor a flight export"))


def _columnar(data: dict[str, Any]) -> bool:
    return all(isinstance(v, dict | list) for v in data.values())


def columns_records(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Records of a column-oriented table ({"latitude": {"0": ..}, ..} or {"latitude": [..], ..}), as
    pandas writes with ``to_json(orient="columns")``."""
    cols = {k: (v if isinstance(v, list) else list(v.values())) for k, v in data.items()}
    n = min((len(v) for v in cols.values()), default=0)
    return [{k: v[i] for k, v in cols.items()} for i in range(n)]


def jsonl_records(text: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise TrackReadError(Messages.E014.format(n=n, reason=f"not valid JSON: {exc.msg}")) from exc
        if isinstance(obj, dict):
            out.append(obj)
    return out


def fr24_flight(obj: dict[str, Any]) -> dict[str, Any] | None:
    """The flight object of a Flightradar24 flight-details export, or None when it is not one.

    Detection rule: ``obj["result"]["response"]["data"]["flight"]`` is an object whose ``track`` is a
    list of points with ``latitude``, ``longitude`` and ``timestamp`` (the bare flight object, with
    ``identification`` and ``track`` at the top, is accepted too)."""
    flight = obj
    for key in ("result", "response", "data", "flight"):
        if isinstance(flight, dict) and key in flight:
            flight = flight[key]
    if not isinstance(flight, dict) or not isinstance(flight.get("track"), list):
        return None
    first = flight["track"][0] if flight["track"] else {}
    return flight if isinstance(first, dict) and {"latitude", "longitude", "timestamp"} <= set(first) else None


def is_trajectory_json(obj: Any) -> bool:
    """True for a JSON value that is a trajectory: a state-vector record or a flight export."""
    return isinstance(obj, dict) and (has_track_fields(obj) or fr24_flight(obj) is not None)


def _get(obj: Any, *keys: str) -> Any:
    for key in keys:
        obj = obj.get(key) if isinstance(obj, dict) else None
    return obj


def fr24_point(point: dict[str, Any], icao24: str | None, callsign: str | None) -> dict[str, Any]:
    """One fr24 track point as a state vector; fr24 reports 0 ft on the ground."""
    alt = _get(point, "altitude", "feet")
    return {"icao24": icao24, "callsign": callsign, "timestamp": point.get("timestamp"),
            "latitude": point.get("latitude"), "longitude": point.get("longitude"), "altitude": alt,
            "groundspeed": _get(point, "speed", "kts"), "track": point.get("heading"),
            "vertical_rate": _get(point, "verticalSpeed", "fpm"), "onground": alt == 0 if alt is not None else None}


def fr24_track(obj: dict[str, Any]) -> TrackFile:
    flight = fr24_flight(obj) or {}
    ident = _get(flight, "aircraft", "identification") or {}
    icao24 = str(ident.get("modes") or "").lower() or None
    callsign = _get(flight, "identification", "callsign")
    owner = _get(flight, "owner", "name") or _get(flight, "airline", "name")
    meta = Aircraft(icao24=icao24, registration=ident.get("registration"),
                    type=canonical_type(_get(flight, "aircraft", "model", "text") or
                                        _get(flight, "aircraft", "model", "code")),
                    operator=owner, country=owner_country(owner), military=owner_is_military(owner))
    route = {"origin": _get(flight, "airport", "origin", "code", "icao"),
             "destination": _get(flight, "airport", "destination", "code", "icao")}
    records = [fr24_point(p, icao24, callsign) for p in flight.get("track") or [] if isinstance(p, dict)]
    return TrackFile(records, source="Flightradar24 (ADS-B track)", meta=meta, default_icao24=icao24 or "unknown",
                     route=route)


def owner_country(owner: str | None) -> str | None:
    """'United States - Air Force' -> 'USA': fr24 names state operators '<country> - <service>'."""
    if not owner or " - " not in owner:
        return None
    with contextlib.suppress(LookupError):
        return pycountry.countries.lookup(owner.split(" - ", 1)[0].strip()).alpha_3
    return None
