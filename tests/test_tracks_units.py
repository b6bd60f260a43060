"""Track readers, log lines, register and detection on small inputs written here (no package data)."""

from __future__ import annotations

import csv
import gzip
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from casus.records import Document, InputError
from casus.settings import Settings
from casus.tracks import (
    find_registrations,
    is_trajectory_json,
    load_register,
    observations,
    read_track,
    resolve_registration,
    track_events,
)
from casus.tracks.logline import clean_value, format_line, parse_line
from casus.tracks.samples import parse_time

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "tracks"
SCHEMA = json.loads((ROOT / "src" / "casus" / "schemas" / "observation.schema.json").read_text(encoding="utf-8"))


def rows() -> list[dict[str, str]]:
    with (EXAMPLES / "synthetic_track.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def read(path: Path, settings: Settings | None = None) -> Document | InputError:
    return read_track(path, path.stem, path.name, str(path.parent), settings or Settings())


@pytest.fixture(scope="module")
def synthetic() -> Document:
    doc = read(EXAMPLES / "synthetic_track.csv")
    assert isinstance(doc, Document)
    return doc


def test_tracks_synthetic_log_has_each_observation(synthetic):
    kinds = [o["type"] for o in observations(synthetic)]
    assert {"flight", "gap", "orbit", "loiter", "detour", "landing"} <= set(kinds)
    landing = next(o for o in observations(synthetic) if o["type"] == "landing")
    assert landing["place"]["airport"] == "MUHA" and landing["place"]["country"] == "CUB"
    assert landing["end"] == "2024-03-10T11:07:20Z"
    gap = next(o for o in observations(synthetic) if o["type"] == "gap")
    assert gap["details"]["gap_min"] == pytest.approx(12.3, abs=0.1)
    assert synthetic.fmt == "track" and synthetic.published.date == "2024-03-10"


def test_tracks_observations_point_at_their_line(synthetic):
    for obs in observations(synthetic):
        jsonschema.validate(obs, SCHEMA)
        prov = obs["provenance"]
        assert synthetic.text[prov["start"]:prov["end"]] == prov["text"]
        assert "\n" not in prov["text"] and prov["file"] == "synthetic_track.csv"


def test_tracks_events_of_a_foreign_military_landing(synthetic):
    events = track_events(synthetic)
    landing = next(e for e in events if e.type == "COOPERATE")
    assert (landing.source.code, landing.target.code, landing.date.first) == ("RUS", "CUB", "2024-03-10")
    assert landing.location.text == "Jose Marti International Airport"
    assert landing.attribution[0].kind == "data_service"
    for e in events:
        for span in [e.source, e.target, e.location, *e.equipment, *e.attribution]:
            assert synthetic.text[span.start:span.end] == span.text
        assert synthetic.text[e.evidence_start:e.evidence_end] == e.evidence_text


@dataclass(frozen=True, slots=True)
class RegisterSettings(Settings):
    """Settings with the register path the lead is asked to add (``casus run --register FILE``)."""

    register: str | None = None


def test_tracks_register_enriches_aircraft():
    doc = read(EXAMPLES / "synthetic_track.csv", RegisterSettings(register=str(EXAMPLES / "register.csv")))
    assert isinstance(doc, Document)
    landing = next(o for o in observations(doc) if o["type"] == "landing")
    assert landing["aircraft"]["registration"] == "RA-99001" and landing["aircraft"]["type"] == "Il-76MD"
    assert landing["aircraft"]["sanctioned"] is True and landing["aircraft"]["listed_by"] == "US-OFAC"
    event = next(e for e in track_events(doc) if e.type == "COOPERATE")
    assert event.equipment[0].registration == "RA-99001" and event.equipment[0].name == "Il-76MD"


def test_tracks_register_csv_and_yaml_agree():
    csv_reg, yaml_reg = load_register(EXAMPLES / "register.csv"), load_register(EXAMPLES / "register.yaml")
    for reg in ("09-0540", "63-9792", "RA-78765", "RA-99001"):
        a, b = csv_reg.by_registration(reg), yaml_reg.by_registration(reg)
        assert a is not None and b is not None
        assert (a.type, a.country, a.military, a.sanctioned) == (b.type, b.country, b.military, b.sanctioned)


@pytest.mark.parametrize(("sentence", "registration"), [
    ("Spotters saw USAF RC-135V 63-9792 off the coast on Monday.", "63-9792"),
    ("The jet, tail number AF 63-9792, returned to Nebraska.", "63-9792"),
    ("An Ilyushin registered RA78765 was parked at the apron.", "RA-78765"),
    ("The cargo plane RA-78765 landed after a long detour.", "RA-78765"),
])
def test_tracks_resolve_registration_in_sentences(sentence, registration):
    entry = resolve_registration(load_register(EXAMPLES / "register.csv"), sentence)
    assert entry is not None and entry.registration == registration
    mention = find_registrations(load_register(EXAMPLES / "register.csv"), sentence)[0]
    assert sentence[mention.start:mention.end] == mention.text


@pytest.mark.parametrize("sentence", ["Flight 163-97921 was delayed.", "RA-787650 is not registered here.",
                                      "Nothing to see in 2019."])
def test_tracks_resolve_registration_rejects_lookalikes(sentence):
    assert resolve_registration(load_register(EXAMPLES / "register.csv"), sentence) is None


def test_tracks_formats_read_alike(tmp_path, synthetic):
    records = [{k: (json.loads(v.lower()) if k != "icao24" and k != "callsign" else v) for k, v in r.items()}
               for r in rows()]
    (tmp_path / "a.json").write_text(json.dumps(records), encoding="utf-8")
    (tmp_path / "b.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    (tmp_path / "c.json.gz").write_bytes(gzip.compress(json.dumps(records).encode()))
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "d.parquet")
    iso = [{**r, "timestamp": datetime.fromtimestamp(r["timestamp"], UTC).isoformat()} for r in records]
    (tmp_path / "e.jsonl").write_text("\n".join(json.dumps(r) for r in iso), encoding="utf-8")
    for name in ("a.json", "b.jsonl", "c.json.gz", "d.parquet", "e.jsonl"):
        doc = read(tmp_path / name)
        assert isinstance(doc, Document), doc
        assert doc.text.replace(name, "X") == synthetic.text.replace("synthetic_track.csv", "X")


@pytest.mark.parametrize(("content", "reason"), [
    ('[{"icao24": "abc123", "latitude": 1.0, "longitude": 2.0, "timestamp": 1}]', "a track needs 2"),
    ('[{"icao24": "abc123", "latitude": 91.0, "longitude": 2.0, "timestamp": 1}]', "off the globe"),
    ('[{"icao24": "abc123", "latitude": 1.0, "longitude": 2.0, "timestamp": "soon"}]', "neither epoch nor ISO"),
    ('{"hello": "world"}', "neither state vectors nor a flight export"),
    ('[{"icao24": "ab', "not valid JSON"),
])
def test_tracks_bad_tracks_are_input_errors(tmp_path, content, reason):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    err = read(path)
    assert isinstance(err, InputError) and reason in err.error and "\n" not in err.error


def test_tracks_size_limits_apply(tmp_path):
    path = tmp_path / "big.json.gz"
    path.write_bytes(gzip.compress(b"[" + b" " * 5000 + b"]"))
    err = read(path, Settings(max_decompressed_bytes=1000))
    assert isinstance(err, InputError) and "decompressed size exceeds" in err.error


def test_tracks_detection_rule():
    assert is_trajectory_json({"icao24": "3c6444", "latitude": 48.1, "longitude": 11.5})
    assert is_trajectory_json({"result": {"response": {"data": {"flight": {
        "track": [{"latitude": 1.0, "longitude": 2.0, "timestamp": 3}]}}}}})
    assert not is_trajectory_json({"title": "A story", "text": "Planes landed.", "latitude": 1})


VALUE = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@given(st.lists(st.tuples(st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True), VALUE), max_size=8,
                unique_by=lambda kv: kv[0]),
       st.integers(0, 4_000_000_000), st.integers(0, 86_400))
def test_tracks_log_line_round_trips(fields, t0, dt):
    line = format_line("ORBIT", t0, t0 + dt, list(fields))
    parsed = parse_line(line)
    assert parsed.kind == "ORBIT" and parsed.start.endswith("Z")
    for key, value in fields:
        got = parsed.fields[key]
        assert got.text == clean_value(value) and line[got.start:got.end] == got.text
    assert len(line.splitlines()) == 1


@given(st.integers(100_000_001, 4_000_000_000))  # from 1973 on, where epoch ms and s cannot be confused
def test_tracks_times_parse_in_every_form(t):
    iso = datetime.fromtimestamp(t, UTC)
    assert parse_time(t) == t and parse_time(t * 1000) == t and parse_time(str(t)) == t
    assert parse_time(iso.isoformat()) == t and parse_time(iso.strftime("%Y-%m-%dT%H:%M:%SZ")) == t
