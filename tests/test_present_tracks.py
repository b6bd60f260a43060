"""Flight tracks in the presentation layer: observations and their routes travel in report.html's data,
and GET /api/observations lists, filters, pages and validates them like the other routes.

The data is ``tracks_out`` (conftest): a real run of the pipeline over examples/tracks/synthetic_track.csv
(with its register) and one short article written for these tests."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from casus.present.api import create_app
from casus.present.payload import observation_order, report_payload
from casus.present.queries import bare_registration

JSON_BLOCK = re.compile(r'<script type="application/json" id="casus-data">(.*?)</script>', re.S)


def report_data(out: Path) -> dict:
    return json.loads(JSON_BLOCK.search((out / "report.html").read_text(encoding="utf-8")).group(1))


def observations_of(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "observations.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def client(tracks_out):
    with TestClient(create_app(tracks_out / "casus.duckdb")) as c:
        yield c


def test_present_tracks_report_carries_observations_and_routes(tracks_out):
    data = report_data(tracks_out)
    obs = data["observations"]
    assert [o["type"] for o in obs] == ["flight", "detour", "gap", "orbit", "loiter", "landing"]
    assert obs == sorted(observations_of(tracks_out), key=observation_order)
    flight = obs[0]
    assert flight["aircraft"]["registration"] == "RA-99001" and flight["aircraft"]["type"] == "Il-76MD"
    route = flight["details"]["route"]
    assert len(route) >= 10 and route[0] == [24.2, -79.6] and route[-1] == [22.992, -82.398]
    landing = obs[-1]
    assert (landing["place"]["airport"], landing["place"]["city"], landing["place"]["country"]) == (
        "MUHA", "Havana", "CUB")
    assert (landing["start"], landing["end"]) == ("2024-03-10T11:05:20Z", "2024-03-10T11:07:20Z")
    assert data["summary"]["observations"] == 6


def test_present_tracks_log_document_is_in_the_report_with_its_lines(tracks_out):
    data = report_data(tracks_out)
    log = data["documents"]["synthetic_track"]
    assert log["format"] == "track" and log["outlet"] == "ADS-B track"
    for ob in data["observations"]:
        prov = ob["provenance"]
        assert log["text"][prov["start"]:prov["end"]] == prov["text"]
        assert prov["text"].split(" ", 2)[1] == ob["type"].upper()
    assert data["documents"]["havana_landing"]["format"] == "txt"


def test_present_tracks_payload_without_observations_is_empty():
    data = report_payload([], [], [], {})
    assert data["observations"] == [] and data["summary"]["observations"] == 0


def test_present_tracks_api_lists_in_report_order(client, tracks_out):
    body = client.get("/api/observations").json()
    assert (body["total"], body["limit"], body["offset"]) == (6, 100, 0)
    assert body["items"] == report_data(tracks_out)["observations"]
    page = client.get("/api/observations", params={"limit": 2, "offset": 3}).json()
    assert [o["type"] for o in page["items"]] == ["orbit", "loiter"]
    assert client.get("/api/summary").json()["observations"] == 6


@pytest.mark.parametrize(("params", "types"), [
    ({"type": "landing"}, ["landing"]),
    ({"type": "orbit"}, ["orbit"]),
    ({"type": "takeoff"}, []),
    ({"doc_id": "synthetic_track", "type": "gap"}, ["gap"]),
    ({"doc_id": "havana_landing"}, []),
    ({"registration": "RA-99001", "type": "loiter"}, ["loiter"]),
    ({"registration": "ra 99001", "type": "flight"}, ["flight"]),
    ({"registration": "RA-78765"}, []),
])
def test_present_tracks_api_filters(client, params, types):
    items = client.get("/api/observations", params=params).json()["items"]
    assert [o["type"] for o in items] == types


@pytest.mark.parametrize(("url", "field"), [
    ("/api/observations?limit=501", "limit"), ("/api/observations?limit=0", "limit"),
    ("/api/observations?offset=-1", "offset"), ("/api/observations?type=LANDING", "type"),
    ("/api/observations?type=parade", "type"), ("/api/observations?registration=", "registration"),
    ("/api/observations?registration=%3Cscript%3E", "registration"),
    ("/api/observations?registration=" + "A" * 41, "registration"), ("/api/observations?doc_id=", "doc_id"),
])
def test_present_tracks_api_rejects_bad_parameters_in_the_one_shape(client, url, field):
    response = client.get(url)
    assert response.status_code == 422
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (422, "invalid_parameter")
    assert error["message"] == "invalid request parameters"
    assert error["details"][0]["loc"] == ["query", field]


def test_present_tracks_api_route_is_described(client):
    spec = client.get("/openapi.json").json()
    params = {p["name"] for p in spec["paths"]["/api/observations"]["get"]["parameters"]}
    assert params == {"limit", "offset", "doc_id", "type", "registration"}


@pytest.mark.parametrize(("text", "bare"), [("RA-99001", "RA99001"), ("ra 99001", "RA99001"),
                                            ("63-9792", "639792"), ("AF 63-9792", "AF639792")])
def test_present_tracks_registration_forms_compare_equal(text, bare):
    assert bare_registration(text) == bare


@given(st.text(alphabet=st.sampled_from("AaRr09- 7x"), max_size=20))
def test_present_tracks_bare_registration_is_an_idempotent_normal_form(text):
    bare = bare_registration(text)
    assert bare == bare.upper() and "-" not in bare and " " not in bare
    assert bare_registration(bare) == bare
    assert bare_registration(text.lower().replace("-", " ")) == bare
