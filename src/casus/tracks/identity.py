"""Who an aircraft is, from what is at hand, most trusted first: the user's register, the track file's
own metadata (a flight-tracking export names registration, model and owner), then general tables: the
callsign prefixes of state aircraft and the ICAO address blocks of each state of registry."""

from __future__ import annotations

import csv
import functools
import io
import re

from casus.tracks.geo import DATA
from casus.tracks.register import Aircraft, Register
from casus.tracks.samples import to_bool

US_MILITARY_BLOCK = (0xAE0000, 0xAFFFFF)  # addresses the US assigns to military airframes
MILITARY_WORDS = re.compile(r"\b(air force|navy|army|military|marines?|coast guard|air national guard|"
                            r"ministry of defen[cs]e|luftwaffe|armée de l'air|aeronautica militare)\b", re.IGNORECASE)
MANUFACTURERS = re.compile(r"^(boeing|airbus|ilyushin|antonov|tupolev|lockheed martin|lockheed|mcdonnell douglas|"
                           r"embraer|bombardier|gulfstream|dassault|northrop grumman|general atomics|cessna|"
                           r"beechcraft|pilatus|sukhoi|yakovlev)\s+", re.IGNORECASE)


def _table(name: str) -> list[dict[str, str]]:
    raw = (DATA / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO("\n".join(ln for ln in raw.splitlines() if not ln.startswith("#")))))


@functools.cache
def address_blocks() -> tuple[tuple[int, int, str], ...]:
    return tuple((int(r["first"], 16), int(r["last"], 16), r["country"]) for r in _table("icao24_blocks.csv"))


@functools.cache
def callsign_prefixes() -> tuple[tuple[str, Aircraft], ...]:
    """Longest prefix first, so 'SPAR' is tried before 'SAM'."""
    rows = [(r["prefix"], Aircraft(country=r["country"] or None, military=to_bool(r["military"]), role=r["role"]))
            for r in _table("callsigns.csv")]
    return tuple(sorted(rows, key=lambda x: (-len(x[0]), x[0])))


@functools.cache
def type_names() -> dict[str, str]:
    return {r["designator"]: r["name"] for r in _table("types.csv")}


def registry_country(icao24: str) -> str | None:
    """The state of registry whose ICAO address block holds ``icao24``."""
    try:
        address = int(icao24, 16)
    except ValueError:
        return None
    return next((c for first, last, c in address_blocks() if first <= address <= last), None)


def from_callsign(callsign: str | None) -> Aircraft:
    if not callsign:
        return Aircraft()
    cs = callsign.strip().upper()
    for prefix, info in callsign_prefixes():
        rest = cs[len(prefix):]
        if cs.startswith(prefix) and (not rest or rest[0].isdigit()):
            return info
    return Aircraft()


def from_address(icao24: str) -> Aircraft:
    try:
        military = US_MILITARY_BLOCK[0] <= int(icao24, 16) <= US_MILITARY_BLOCK[1] or None
    except ValueError:
        military = None
    return Aircraft(icao24=icao24, country=registry_country(icao24), military=military)


def canonical_type(model: str | None) -> str | None:
    """A type designator ('IL76') or a model text ('Boeing C-40C') as the name used for equipment."""
    if not model:
        return None
    model = model.strip()
    return type_names().get(model.upper()) or MANUFACTURERS.sub("", model) or None


def owner_is_military(owner: str | None) -> bool | None:
    return True if owner and MILITARY_WORDS.search(owner) else None


def identify(icao24: str, callsign: str | None, meta: Aircraft | None, register: Register | None) -> Aircraft:
    """Everything known of one airframe, most trusted source first."""
    meta = meta or Aircraft()
    entry = register.lookup(icao24, meta.registration) if register else None
    known = (entry or Aircraft()).merged(meta).merged(from_callsign(callsign)).merged(from_address(icao24))
    return known if known.icao24 else Aircraft(icao24=icao24).merged(known)
