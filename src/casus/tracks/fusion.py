"""Events from observations, fused with the news.

Which observations become events (docs/tracks.md has the table):
- LANDING of a state aircraft (military, sanctioned, or a state VIP transport) of one country at an
  airport of another: COOPERATE (contexts military), or CONSULT mode visit for a VIP transport;
  source = the aircraft's country, target = the airport's country, location = the airport.
- ORBIT or LOITER of a military aircraft within ``NEAR_KM`` of another country's airports: MOBILIZE
  (contexts military, intelligence: surveillance off a coast); target = that country.
Everything else (take-offs, transits, gaps, detours, civil traffic) stays an observation only.

``compare(track_event, news_event)`` says whether a news event reports the same real-world event as a
track event ("match"), reports it with a wrong day or place ("contradiction"), or is unrelated (None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from casus.records import Actor, Attribution, Document, Equipment, Event, Place, TimeExpr, event_id
from casus.tracks.geo import airports, country_name
from casus.tracks.logline import ParsedLine, Value
from casus.tracks.observe import log_lines
from casus.tracks.register import normal_registration

NEAR_KM = 400.0
CONTRADICTION_DAYS = 3  # a same-aircraft report this many days off is a wrong date; further, another flight


def span(line_start: int, value: Value) -> tuple[int, int, str]:
    return line_start + value.start, line_start + value.end, value.text


def actor(line_start: int, p: ParsedLine, key: str, sector: str | None) -> Actor | None:
    value = p.fields.get(key)
    if value is None or not re.fullmatch(r"[A-Z]{3}", value.text):
        return None
    start, end, text = span(line_start, value)
    return Actor(start, end, text, country_name(text), text, sector, kind="state")


def local_days(p: ParsedLine) -> tuple[str, str]:
    """The UTC days of the interval, widened to the local days at the airport (news use local time)."""
    t0 = datetime.fromisoformat(p.start.replace("Z", "+00:00"))
    t1 = datetime.fromisoformat(p.end.replace("Z", "+00:00"))
    days = {t0.date(), t1.date()}
    airport = airports().get(p.get("airport") or p.get("near") or "")
    if airport and airport.tz:
        try:
            zone = ZoneInfo(airport.tz)
            days |= {t0.astimezone(zone).date(), t1.astimezone(zone).date()}
        except ZoneInfoNotFoundError:
            pass
    return min(days).isoformat(), max(days).isoformat()


def place(line_start: int, p: ParsedLine) -> Place | None:
    key = "name" if "name" in p.fields else "region"
    value = p.fields.get(key)
    if value is None:
        return None
    start, end, text = span(line_start, value)
    kind = "airport" if "airport" in p.fields else "region"
    name = text if kind == "airport" or key == "region" else f"near {text}"
    return Place(start, end, text, name, p.get("in"), _num(p.get("lat")), _num(p.get("lon")), kind)


def _num(value: str | None) -> float | None:
    return float(value) if value is not None else None


def equipment(line_start: int, p: ParsedLine) -> list[Equipment]:
    value = p.fields.get("type") or p.fields.get("aircraft")
    if value is None:
        return []
    start, end, text = span(line_start, value)
    reg = p.get("aircraft")
    return [Equipment(start, end, text, text, "aircraft", p.get("country"),
                      reg if reg and reg != p.get("icao24") else None)]


def event_type(p: ParsedLine) -> tuple[str, str | None, list[str]] | None:
    """(type, mode, contexts) for an observation that is an event, None for one that is not."""
    state = p.get("military") == "yes" or p.get("sanctioned") == "yes" or p.get("role") == "vip"
    own, other = p.get("country"), p.get("in")
    if not state or not own or not other or own == other:
        return None
    if p.kind == "LANDING":
        return ("CONSULT", "visit", ["diplomatic"]) if p.get("role") == "vip" else ("COOPERATE", None, ["military"])
    dist = _num(p.get("dist_km"))
    if p.kind in {"ORBIT", "LOITER"} and p.get("military") == "yes" and dist is not None and dist <= NEAR_KM:
        return "MOBILIZE", None, ["military", "intelligence"]
    return None


def to_event(doc: Document, start: int, end: int, p: ParsedLine) -> Event | None:
    typed = event_type(p)
    if typed is None:
        return None
    kind, mode, contexts = typed
    source = actor(start, p, "country", "MIL" if p.get("military") == "yes" else "GOV")
    target = actor(start, p, "in", None)
    first, last = local_days(p)
    line = doc.text[start:end]
    interval = line.split(" ", 1)[0]
    return Event(
        id=event_id(doc.doc_id, start, end, kind, source.code if source else None, target.code if target else None),
        doc_id=doc.doc_id, type=kind, mode=mode, contexts=contexts, status="occurred", certainty="asserted",
        evidence_start=start, evidence_end=end, evidence_text=line, source=source, target=target,
        date=TimeExpr(start, start + len(interval), interval, first, last, "explicit"),
        location=place(start, p), equipment=equipment(start, p),
        attribution=[Attribution(start, end, line, "data_service", doc.outlet or "ADS-B track")],
        confidence=0.75 if p.get("basis") == "inferred" else 0.95,
        trigger_start=start + len(interval) + 1, trigger_end=start + len(interval) + 1 + len(p.kind))


def track_events(doc: Document) -> list[Event]:
    """The events of a track document's observations (see the module docstring for which)."""
    return [e for start, end, p in log_lines(doc) if (e := to_event(doc, start, end, p)) is not None]


@dataclass(frozen=True, slots=True)
class Verdict:
    """How a news event relates to a track event, and why."""

    relation: str | None  # "match" | "contradiction" | None (unrelated)
    reasons: list[str] = field(default_factory=list)


def same_type(a: str, b: str) -> bool:
    """Equipment names of one type: 'Il-76' and 'Il-76TD', 'RC-135' and 'RC-135V'."""
    def norm(x: str) -> str:
        return re.sub(r"[^A-Z0-9]", "", x.upper())
    na, nb = norm(a), norm(b)
    return bool(na and nb) and (na.startswith(nb) or nb.startswith(na))


def aircraft_match(track: Event, news: Event) -> str | None:
    for t in track.equipment:
        for n in news.equipment:
            if t.registration and n.registration and \
                    normal_registration(t.registration) == normal_registration(n.registration):
                return "registration"
            if same_type(t.name, n.name):
                return "type"
    return None


def _day(iso: str) -> date:
    return date.fromisoformat(iso[:10])


def date_gap_days(track: Event, news: Event) -> int | None:
    """Days between the two date intervals (0 when they overlap), None when the news gives no date."""
    if not track.date or not news.date:
        return None
    a0, a1, b0, b1 = (_day(x) for x in (track.date.first, track.date.last, news.date.first, news.date.last))
    return max(0, (b0 - a1).days, (a0 - b1).days)


def place_agrees(track: Event, news: Event) -> bool | None:
    """Same country, or the news place names the airport or its city; None when the news has no place."""
    if not news.location or not track.location:
        return None
    t, n = track.location, news.location
    if n.country and t.country:
        return n.country == t.country
    airport = airports().get(track.location.text) if track.location.kind == "airport" else None
    names = {t.name.lower(), (airport.city.lower() if airport else "")} - {""}
    return any(x in n.name.lower() or n.name.lower() in x for x in names)


def compare(track: Event, news: Event) -> Verdict:
    """Whether ``news`` reports the track event: the same aircraft (registration, or type flown by the
    same state) is required; then a day or place that disagrees is a contradiction."""
    how = aircraft_match(track, news)
    same_state = bool(track.source and news.source and track.source.code == news.source.code)
    if how is None or (how == "type" and not same_state):
        return Verdict(None, ["different aircraft"] if how is None else ["same type, different state"])
    gap, agrees = date_gap_days(track, news), place_agrees(track, news)
    reasons = [f"same {how}"]
    if gap is not None and gap > CONTRADICTION_DAYS:
        return Verdict(None, [*reasons, f"{gap} days apart: another flight"])
    if gap:
        reasons.append(f"date differs by {gap} day(s): track {track.date.first}..{track.date.last}")
    if agrees is False:
        reasons.append(f"place differs: track {track.location.name} ({track.location.country})")
    return Verdict("contradiction" if len(reasons) > 1 else "match", reasons)

