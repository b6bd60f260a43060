"""Observation records, re-derived from a track document's log (the log is machine-made, so parsing it
back is exact): what ``observations.jsonl`` holds, one object per line (observation.schema.json)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from casus.records import Document
from casus.tracks.logline import LogLineError, ParsedLine, parse_line

AIRCRAFT_KEYS = ("icao24", "registration", "callsign", "type", "operator", "country", "military", "sanctioned",
                 "listed_by", "role")
PLACE_KEYS = {"airport": "airport", "near": "airport", "name": "name", "city": "city", "in": "country",
              "region": "region", "lat": "lat", "lon": "lon", "radius_km": "radius_km", "dist_km": "distance_km"}
NUMERIC = frozenset({"lat", "lon", "radius_km", "distance_km", "flown_km", "direct_km", "ratio", "turns",
                     "duration_min", "gap_min", "jump_km", "exit_lat", "exit_lon"})
DETAIL_SKIP = frozenset({"aircraft", "icao24", "callsign", "type", "operator", "country", "military", "sanctioned",
                         "listed_by", "role", "samples", "file", *PLACE_KEYS})


def log_lines(doc: Document) -> Iterator[tuple[int, int, ParsedLine]]:
    """(start, end, parsed) for every observation line of a track document."""
    pos = 0
    for raw in doc.text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        try:
            parsed = parse_line(line)
        except LogLineError:
            parsed = None
        if parsed is not None:
            yield pos, pos + len(line), parsed
        pos += len(raw)


def flag(value: str | None) -> bool | None:
    return None if value is None else value == "yes"


def number(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def aircraft_of(p: ParsedLine) -> dict[str, Any]:
    reg = p.get("aircraft")
    out: dict[str, Any] = {k: p.get(k) for k in AIRCRAFT_KEYS}
    out["registration"] = reg if reg and reg != p.get("icao24") else None
    out["military"], out["sanctioned"] = flag(p.get("military")), flag(p.get("sanctioned"))
    return out


def place_of(p: ParsedLine) -> dict[str, Any]:
    out: dict[str, Any] = {"airport": None, "name": None, "city": None, "country": None, "region": None,
                           "lat": None, "lon": None}
    for key, target in PLACE_KEYS.items():
        value = p.get(key)
        if value is not None and value != "unknown" and out.get(target) is None:
            out[target] = number(value) if target in NUMERIC else value
    return out


def details_of(p: ParsedLine) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in p.fields.items():
        if key in DETAIL_SKIP:
            continue
        if key == "route":
            out[key] = [[float(x) for x in pt.split(",")] for pt in value.text.split(";") if "," in pt]
        else:
            out[key] = number(value.text) if key in NUMERIC else value.text
    return out


def samples_of(p: ParsedLine) -> list[int]:
    first, _, last = (p.get("samples") or "").partition("-")
    return [int(first), int(last)] if first.isdigit() and last.isdigit() else []


def observation(doc: Document, start: int, end: int, p: ParsedLine) -> dict[str, Any]:
    key = f"{doc.doc_id}|{start}|{end}|{p.kind}"
    return {
        "id": "ob_" + hashlib.sha1(key.encode("utf-8", "surrogatepass"), usedforsecurity=False).hexdigest()[:16],
        "doc_id": doc.doc_id, "type": p.kind.lower(), "start": p.start, "end": p.end,
        "place": place_of(p), "aircraft": aircraft_of(p), "details": details_of(p),
        "provenance": {"doc_id": doc.doc_id, "start": start, "end": end, "text": doc.text[start:end],
                       "file": p.get("file"), "samples": samples_of(p)},
    }


def observations(doc: Document) -> list[dict[str, Any]]:
    """Every observation of a track document, in log order."""
    return [observation(doc, start, end, p) for start, end, p in log_lines(doc)]
