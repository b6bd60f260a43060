"""Observations on real ADS-B tracks (the ``traffic`` package's sample data, read in place) and their
fusion with an article written here about one of those flights."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from casus.records import Actor, Attribution, Document, Equipment, Event, Place, Published, TimeExpr, event_id
from casus.settings import Settings
from casus.tracks import compare, load_register, observations, read_track, resolve_registration, track_events
from casus.tracks.geo import airports, haversine_km

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "tracks"


def read(path: Path) -> Document:
    doc = read_track(path, path.name.split(".")[0], path.name, str(path.parent), Settings())
    assert isinstance(doc, Document), doc
    return doc


def epoch(iso: str) -> float:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()


@pytest.fixture(scope="module")
def quickstart(traffic_samples) -> list[dict]:
    return observations(read(traffic_samples / "collections" / "quickstart.json.gz"))


@pytest.mark.parametrize("name", ["2ce4f83f", "3376ab31", "34a8254b", "372355e5"])
def test_tracks_fr24_landings_match_the_export(traffic_samples, name):
    """The export's own landing time and destination: the airport exact, the time within 3 minutes."""
    path = traffic_samples / "fr24" / f"{name}.json"
    flight = json.loads(path.read_text(encoding="utf-8"))["result"]["response"]["data"]["flight"]
    landed = flight["status"]["generic"]["eventTime"]["utc"]
    obs = observations(read(path))
    landings = [o for o in obs if o["type"] == "landing"]
    takeoffs = [o for o in obs if o["type"] == "takeoff"]
    assert [o["place"]["airport"] for o in landings] == [flight["airport"]["destination"]["code"]["icao"]]
    assert abs(epoch(landings[0]["end"]) - landed) <= 180
    assert [o["place"]["airport"] for o in takeoffs] == [flight["airport"]["origin"]["code"]["icao"]]


@pytest.mark.parametrize(("callsign", "airport", "touchdown", "basis"), [
    ("BAW308", "LFPG", "2021-10-07T12:57:38Z", "ground-state"),  # first on-ground sample, checked by hand
    ("FSF933G", "LFPB", "2021-10-07T14:21:05Z", "ground-state"),
    ("MSR799", "LFPG", "2021-10-07T12:29:45Z", "inferred"),  # last new position: 250 ft over the threshold
])
def test_tracks_quickstart_landings_at_paris_airports(quickstart, callsign, airport, touchdown, basis):
    found = [o for o in quickstart if o["type"] == "landing" and o["aircraft"]["callsign"] == callsign]
    assert len(found) == 1
    assert found[0]["place"]["airport"] == airport and found[0]["details"]["basis"] == basis
    assert abs(epoch(found[0]["end"]) - epoch(touchdown)) <= 180


def test_tracks_quickstart_every_touchdown_is_found(traffic_samples, quickstart):
    """Against the raw records: each airborne -> on-ground switch below 3000 ft has a landing within
    3 minutes, at an airport within 6 km of the touchdown point."""
    raw = json.loads(_gunzip(traffic_samples / "collections" / "quickstart.json.gz"))
    raw.sort(key=lambda r: (r["icao24"], r["timestamp"]))
    touchdowns = [(b["icao24"], b["timestamp"] / 1000, b["latitude"], b["longitude"])
                  for a, b in itertools.pairwise(raw)
                  if a["icao24"] == b["icao24"] and a["onground"] is False and b["onground"] is True
                  and a["altitude"] is not None and a["altitude"] < 3000 and b["timestamp"] - a["timestamp"] < 60_000]
    landings = [(o["aircraft"]["icao24"], epoch(o["end"]), o["place"]["airport"]) for o in quickstart
                if o["type"] == "landing"]
    matched = 0
    for icao24, t, lat, lon in touchdowns:
        hits = [a for i, end, a in landings if i == icao24 and abs(end - t) <= 180]
        if hits and haversine_km(lat, lon, airports()[hits[0]].lat, airports()[hits[0]].lon) <= 6:
            matched += 1
    assert len(touchdowns) >= 20 and matched >= 0.9 * len(touchdowns)
    assert {a for _, _, a in landings} <= {"LFPG", "LFPO", "LFPB", "LFPN", "LFPV", "LFOX", "LFPT"}


def _gunzip(path: Path) -> str:
    import gzip

    return gzip.decompress(path.read_bytes()).decode("utf-8")


@pytest.mark.parametrize(("name", "airport"), [
    ("toulouse", "LFBO"), ("bornholm", "EKRN"), ("cardiff", "EGFF"), ("funchal", "LPMA"), ("kiruna", "ESNQ"),
    ("vienna", "LOWW"), ("sydney", "YSSY"), ("nice", "LFMN"), ("london_gatwick", "EGKK"), ("monastir", "DTMB"),
])
def test_tracks_calibration_orbits_where_they_fly(traffic_samples, name, airport):
    """Calibration flights circle the navigation aids of the airport they check: an orbit of at least
    two turns, centred within 35 km of that airport."""
    obs = observations(read(traffic_samples / "calibration" / f"{name}.json.gz"))
    orbits = [o for o in obs if o["type"] == "orbit"]
    assert orbits
    target = airports()[airport]
    best = min(orbits, key=lambda o: haversine_km(o["place"]["lat"], o["place"]["lon"], target.lat, target.lon))
    assert haversine_km(best["place"]["lat"], best["place"]["lon"], target.lat, target.lon) <= 35
    assert best["details"]["turns"] >= 2.0 and best["place"]["country"] == target.country


ARTICLE = ("A U.S. Air Force C-40C carrying House Speaker Nancy Pelosi landed in Taiwan late on Tuesday, "
           "August 2, 2022, at Taipei Songshan Airport, according to flight-tracking data. The jet, "
           "registration 09-0540, had taken a long way around from Kuala Lumpur.")


def article(day: str, date_text: str) -> tuple[Document, Event]:
    """The article as a document, and its landing event built by hand (spans into the text)."""
    text = ARTICLE.replace("Tuesday, August 2, 2022", date_text)
    doc = Document(doc_id="pelosi-article", path="pelosi-article.txt", text=text, outlet="Example Wire",
                   published=Published(day, "manifest"))

    def at(s: str) -> tuple[int, int, str]:
        i = text.index(s)
        return i, i + len(s), s

    reg = resolve_registration(load_register(EXAMPLES / "register.csv"), text)
    assert reg is not None and reg.registration == "09-0540"
    evidence = at(text.split(". The jet")[0] + ".")
    kind, source, target = "CONSULT", "USA", "TWN"
    return doc, Event(
        id=event_id(doc.doc_id, evidence[0], evidence[1], kind, source, target), doc_id=doc.doc_id, type=kind,
        mode="visit", status="occurred", certainty="reported", evidence_start=evidence[0],
        evidence_end=evidence[1], evidence_text=evidence[2],
        source=Actor(*at("U.S. Air Force"), "United States", "USA", "MIL", kind="state"),
        target=Actor(*at("Taiwan"), "Taiwan", "TWN", None, kind="state"),
        date=TimeExpr(*at(date_text), day, day),
        location=Place(*at("Taipei Songshan Airport"), "Taipei Songshan Airport", "TWN", 25.0694, 121.552, "airport"),
        equipment=[Equipment(*at("C-40C"), "C-40C", "aircraft", "USA", reg.registration)],
        attribution=[Attribution(*at("flight-tracking data"), "data_service")])


@pytest.fixture(scope="module")
def spar19(traffic_samples) -> tuple[Document, Event]:
    doc = read(traffic_samples / "fr24" / "2ce4f83f.json")
    landing = [e for e in track_events(doc) if "LANDING" in e.evidence_text]
    assert len(landing) == 1
    return doc, landing[0]


def test_tracks_event_of_the_spar19_landing(spar19):
    _doc, event = spar19
    assert (event.type, event.mode, event.source.code, event.target.code) == ("CONSULT", "visit", "USA", "TWN")
    assert (event.date.first, event.date.last, event.location.text) == ("2022-08-02", "2022-08-02",
                                                                      "Taipei Songshan Airport")
    assert event.equipment[0].registration == "09-0540"
    assert event.attribution[0].kind == "data_service"


def test_tracks_article_matches_the_track(spar19):
    _, news = article("2022-08-02", "Tuesday, August 2, 2022")
    verdict = compare(spar19[1], news)
    assert verdict.relation == "match" and verdict.reasons == ["same registration"]


def test_tracks_article_with_the_wrong_day_contradicts(spar19):
    _, news = article("2022-08-04", "Thursday, August 4, 2022")
    verdict = compare(spar19[1], news)
    assert verdict.relation == "contradiction"
    assert any("date differs by 2 day(s)" in r for r in verdict.reasons)


def test_tracks_link_clusters_article_with_landing(spar19):
    from casus.link import link

    track_doc, track_event = spar19
    doc, news = article("2022-08-02", "Tuesday, August 2, 2022")
    result = link([track_doc, doc], [track_event, news])
    assert result.cluster_of[news.id] == result.cluster_of[track_event.id]


def test_tracks_link_reports_the_wrong_day(spar19):
    from casus.link import link

    track_doc, track_event = spar19
    doc, news = article("2022-08-04", "Thursday, August 4, 2022")
    result = link([track_doc, doc], [track_event, news])
    same = result.cluster_of[news.id] == result.cluster_of[track_event.id]
    flagged = [c for c in result.contradictions if c.get("cluster") == result.cluster_of[track_event.id]]
    assert same and flagged, "link should keep the report in the landing's cluster and flag the date"


def test_tracks_observation_utc_days(spar19):
    doc, _ = spar19
    first = observations(doc)[0]
    assert datetime.fromisoformat(first["start"].replace("Z", "+00:00")).tzinfo == UTC
