"""State vectors: one normalised ``Sample`` per trajectory record, whatever the file called its fields.

Names follow OpenSky and the ``traffic`` library (feet, knots, feet per minute); OpenSky's raw SI
columns (``baroaltitude`` in metres, ``velocity`` and ``vertrate`` in m/s) are converted, so every
detector downstream works in one set of units.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

M_TO_FT = 3.280839895
MS_TO_KT = 1.943844492
MS_TO_FPM = 196.8503937

# field -> (aliases, factor applied to the value); the first alias present wins, case-insensitive
FIELDS: dict[str, tuple[tuple[str, float], ...]] = {
    "icao24": (("icao24", 1), ("icao", 1), ("hex", 1), ("icao_address", 1)),
    "callsign": (("callsign", 1), ("flight", 1), ("call_sign", 1)),
    "timestamp": (("timestamp", 1), ("time", 1), ("ts", 1), ("datetime", 1), ("date", 1)),
    "lat": (("latitude", 1), ("lat", 1)),
    "lon": (("longitude", 1), ("lon", 1), ("lng", 1)),
    "alt": (("altitude", 1), ("alt", 1), ("baroaltitude", M_TO_FT), ("baro_altitude", M_TO_FT),
            ("geoaltitude", M_TO_FT), ("geo_altitude", M_TO_FT)),
    "gs": (("groundspeed", 1), ("ground_speed", 1), ("gs", 1), ("speed", 1), ("velocity", MS_TO_KT)),
    "trk": (("track", 1), ("true_track", 1), ("heading", 1)),
    "vr": (("vertical_rate", 1), ("vertrate", MS_TO_FPM), ("vert_rate", 1), ("baro_rate", 1)),
    "ground": (("onground", 1), ("on_ground", 1), ("ground", 1)),
}
TRUE_WORDS = frozenset({"true", "1", "yes", "t", "y"})
FALSE_WORDS = frozenset({"false", "0", "no", "f", "n"})


@dataclass(frozen=True, slots=True)
class Sample:
    """One positioned state vector; ``idx`` is its 0-based position among the file's records."""

    idx: int
    t: float  # epoch seconds, UTC
    lat: float
    lon: float
    icao24: str
    callsign: str | None = None
    alt: float | None = None  # feet
    gs: float | None = None  # knots
    trk: float | None = None  # degrees
    vr: float | None = None  # feet per minute
    ground: bool | None = None


class SampleError(ValueError):
    """A record that is not a usable state vector (the reason says which field)."""


def parse_time(value: Any) -> float:
    """Epoch seconds from epoch seconds, epoch milliseconds or an ISO string (naive means UTC)."""
    if isinstance(value, bool) or value is None:
        raise SampleError(f"timestamp {value!r} is not a time")
    if isinstance(value, datetime):
        return _aware(value).timestamp()
    if isinstance(value, int | float):
        return _epoch(float(value))
    text = str(value).strip()
    try:
        return _epoch(float(text))
    except ValueError:
        pass
    try:
        return _aware(datetime.fromisoformat(text.replace("Z", "+00:00"))).timestamp()
    except ValueError as exc:
        raise SampleError(f"timestamp {text[:40]!r} is neither epoch nor ISO") from exc


def _epoch(value: float) -> float:
    if not math.isfinite(value):
        raise SampleError("timestamp is not finite")
    return value / 1000.0 if abs(value) > 1e11 else value


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def to_float(value: Any) -> float | None:
    """A finite float, or None for blanks, NaN and non-numbers ('ground' altitudes included)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def to_bool(value: Any) -> bool | None:
    if isinstance(value, bool) or value is None:
        return value
    word = str(value).strip().lower()
    return True if word in TRUE_WORDS else False if word in FALSE_WORDS else None


@functools.cache
def key_plan(keys: tuple[str, ...]) -> dict[str, tuple[tuple[str, float], ...]]:
    """For one set of record keys: per normalised field, the record's own keys to try, in order."""
    by_lower = {k.lower(): k for k in reversed(keys)}
    return {name: tuple((by_lower[a], f) for a, f in aliases if a in by_lower) for name, aliases in FIELDS.items()}


def lookup(record: Mapping[str, Any], name: str) -> tuple[Any, float]:
    """The record's value for a normalised field name, with the factor that converts its unit."""
    return pick(record, key_plan(tuple(record))[name])


def pick(record: Mapping[str, Any], keys: tuple[tuple[str, float], ...]) -> tuple[Any, float]:
    for key, factor in keys:
        value = record[key]
        if value is not None and value != "":
            return value, factor
    return None, 1.0


def has_track_fields(record: Mapping[str, Any]) -> bool:
    """True when a record looks like a state vector: it names an aircraft address and a position."""
    keys = {str(k).lower() for k in record}
    return bool(keys & {"icao24", "icao", "hex"}) and bool(keys & {"latitude", "lat"}) and bool(
        keys & {"longitude", "lon", "lng"})


def scaled(record: Mapping[str, Any], keys: tuple[tuple[str, float], ...]) -> float | None:
    value, factor = pick(record, keys)
    number = to_float(value)
    return None if number is None else number * factor


def to_sample(idx: int, record: Mapping[str, Any], default_icao24: str | None = None) -> Sample | None:
    """A ``Sample``, or None when the record has no position (ADS-B sends velocity-only messages)."""
    plan = key_plan(tuple(record))
    lat, lon = scaled(record, plan["lat"]), scaled(record, plan["lon"])
    if lat is None or lon is None:
        return None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise SampleError(f"record {idx + 1}: position ({lat}, {lon}) is off the globe")
    icao, _ = pick(record, plan["icao24"])
    icao24 = str(icao).strip().lower() if icao is not None else default_icao24
    if not icao24:
        raise SampleError(f"record {idx + 1}: no icao24")
    callsign, _ = pick(record, plan["callsign"])
    return Sample(idx=idx, t=parse_time(pick(record, plan["timestamp"])[0]), lat=lat, lon=lon, icao24=icao24,
                  callsign=str(callsign).strip() or None if callsign is not None else None,
                  alt=scaled(record, plan["alt"]), gs=scaled(record, plan["gs"]), trk=scaled(record, plan["trk"]),
                  vr=scaled(record, plan["vr"]), ground=to_bool(pick(record, plan["ground"])[0]))


def repeats(prev: Sample, cur: Sample) -> bool:
    """A sample that only repeats the previous state (resampled data fills gaps forward)."""
    return (prev.icao24, prev.lat, prev.lon, prev.alt, prev.ground) == (
        cur.icao24, cur.lat, cur.lon, cur.alt, cur.ground)


def to_samples(records: Iterable[Mapping[str, Any]], default_icao24: str | None = None) -> list[Sample]:
    """Every positioned record as a ``Sample``, ordered by aircraft and time (stable); a sample that
    repeats the previous one's position, altitude and ground state is dropped."""
    out = [s for i, r in enumerate(records) if (s := to_sample(i, r, default_icao24)) is not None]
    out.sort(key=lambda s: (s.icao24, s.t, s.idx))
    return [s for n, s in enumerate(out) if n == 0 or not repeats(out[n - 1], s)]
