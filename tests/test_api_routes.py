"""The JSON API through FastAPI's TestClient: every route, filters, caps, the one error shape, and
reading a store while a run holds it open for writing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from casus.present.api import create_app
from casus.present.payload import summarize
from casus.records import Document, Published
from casus.store import Store


@pytest.fixture(scope="module")
def client(present_db):
    with TestClient(create_app(present_db)) as c:
        yield c


def _error(response, status: int, code: str) -> dict:
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == status and body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and isinstance(body["error"]["details"], list)
    return body["error"]


def test_api_summary_matches_the_report_summary(client, present_records):
    docs, events, tables = present_records
    expected = summarize([d.to_json() for d in docs], [e.to_json() for e in events], tables, 1)
    assert client.get("/api/summary").json() == expected


def test_api_events_page_and_total(client):
    body = client.get("/api/events", params={"limit": 2, "offset": 1}).json()
    assert (body["total"], body["limit"], body["offset"], len(body["items"])) == (7, 2, 1, 2)
    assert set(body["documents"]) == {e["doc_id"] for e in body["items"]}
    everything = client.get("/api/events").json()["items"]
    assert [e["id"] for e in everything[1:3]] == [e["id"] for e in body["items"]]
    assert [e["date"]["start"] for e in everything] == sorted(e["date"]["start"] for e in everything)


@pytest.mark.parametrize(("params", "expected"), [
    ({"type": "COERCE"}, {("COERCE", "occurred"), ("COERCE", "denied")}),
    ({"status": "denied"}, {("COERCE", "denied")}),
    ({"actor": "col"}, {("CONSULT", "occurred"), ("ASSAULT", "occurred")}),
    ({"actor": "Colombia"}, {("CONSULT", "occurred")}),
    ({"date_from": "2025-12-11", "date_to": "2025-12-11"},
     {("COERCE", "denied"), ("CONSULT", "occurred"), ("ASSAULT", "occurred")}),
    ({"text": "PATROL BOATS"}, {("MOBILIZE", "occurred")}),
    ({"type": "COERCE", "actor": "USA", "date_to": "2025-12-10"}, {("COERCE", "occurred")}),
    ({"cluster": "cl_seize"}, {("COERCE", "occurred"), ("COERCE", "denied")}),
    ({"doc_id": "evil/003"}, {("THREATEN", "planned")}),
    ({"text": "no such words anywhere"}, set()),
])
def test_api_events_filters(client, params, expected):
    items = client.get("/api/events", params=params).json()["items"]
    assert {(e["type"], e["status"]) for e in items} == expected


def test_api_event_and_document_by_id(client, present_records):
    docs, events, _ = present_records
    ev = client.get(f"/api/events/{events[0].id}").json()
    assert ev["evidence"]["text"] == events[0].evidence_text
    doc = client.get("/api/documents/gazette/001").json()  # a doc_id with a slash, as a path
    assert doc["text"] == docs[0].text and doc["embeds"][0]["handle"] == "@NavyWatch"
    assert client.get("/api/documents/evil%2F003").json()["url"].startswith("javascript:")


def test_api_documents_list_without_text(client):
    body = client.get("/api/documents", params={"outlet": "coastal wire"}).json()
    assert body["total"] == 1
    assert body["items"][0] == {"doc_id": "wire/002", "title": "Caracas denies tanker was boarded",
                                "outlet": "Coastal Wire", "url": "https://wire.example/caracas-denies",
                                "published": "2025-12-11", "duplicate_of": None, "events": 3}
    assert client.get("/api/documents", params={"text": "La Guaira"}).json()["total"] == 1


def test_api_link_tables(client):
    assert client.get("/api/clusters").json()["total"] == 6
    contradiction = client.get("/api/contradictions", params={"cluster": "cl_seize"}).json()["items"][0]
    assert [s["value"] for s in contradiction["sides"]] == ["occurred", "denied"]
    assert client.get("/api/contradictions", params={"cluster": "cl_talks"}).json()["total"] == 0
    series = client.get("/api/escalation", params={"dyad": "USA->VEN"}).json()["items"]
    assert [(r["period"], r["start"], r["index"]) for r in series] == [
        ("day", "2025-12-10", 9.8), ("day", "2025-12-11", 0.0), ("week", "2025-12-08", 9.8)]
    assert client.get("/api/timeline", params={"limit": 1}).json()["total"] == 6
    assert client.get("/api/errors").json()["items"][0]["path"] == "bad/<b>file</b>.txt"


@pytest.mark.parametrize(("url", "field"), [
    ("/api/events?limit=501", "limit"), ("/api/events?limit=0", "limit"), ("/api/events?offset=-1", "offset"),
    ("/api/events?type=BOMB", "type"), ("/api/events?status=maybe", "status"),
    ("/api/events?date_from=yesterday", "date_from"), ("/api/events?actor=", "actor"),
    ("/api/events?text=" + "x" * 201, "text"), ("/api/clusters?limit=100000", "limit"),
    ("/api/documents?offset=abc", "offset"),
])
def test_api_invalid_parameters_are_422(client, url, field):
    error = _error(client.get(url), 422, "invalid_parameter")
    assert error["details"][0]["loc"] == ["query", field]


def test_api_reversed_dates_are_422(client):
    _error(client.get("/api/events?date_from=2025-12-12&date_to=2025-12-01"), 422, "invalid_parameter")


@pytest.mark.parametrize("url", ["/api/events/ev_nope", "/api/documents/../../etc/passwd",
                                 "/api/documents/..%2F..%2Fetc%2Fpasswd", "/etc/passwd", "/static/../../etc/passwd",
                                 "/docs", "/api"])
def test_api_unknown_paths_are_404_in_one_shape(client, url):
    _error(client.get(url), 404, "not_found")


def test_api_refuses_large_bodies_and_other_methods(client):
    _error(client.post("/api/events", content=b"x" * 20_000), 413, "too_large")
    _error(client.post("/api/events", content=b"{}"), 405, "method_not_allowed")


def test_api_openapi_describes_every_route(client):
    spec = client.get("/openapi.json").json()
    routes = {"/api/summary", "/api/events", "/api/events/{event_id}", "/api/documents", "/api/documents/{doc_id}",
              "/api/clusters", "/api/contradictions", "/api/timeline", "/api/escalation", "/api/errors"}
    assert routes <= set(spec["paths"])
    limit = next(p for p in spec["paths"]["/api/events"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 500


def test_api_dashboard_page_has_headers(client):
    response = client.get("/")
    assert response.headers["content-type"].startswith("text/html")
    assert "connect-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert '"mode":"live"' in response.text


def test_api_host_check_guards_loopback(present_db):
    with TestClient(create_app(present_db, allowed_hosts=["127.0.0.1", "localhost"]),
                    base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/summary").status_code == 200
        _error(c.get("/api/summary", headers={"host": "attacker.example"}), 400, "bad_host")


def test_api_reads_while_a_run_writes_and_sees_its_commits(tmp_path: Path, present_db):
    db = tmp_path / "live.duckdb"
    shutil.copyfile(present_db, db)
    with TestClient(create_app(db)) as c:
        assert c.get("/api/summary").json()["documents"] == 3
        with Store(db) as writer:  # a run opens the store for writing while the API is serving it
            writer.write_batch([Document("late/004", "late/004.txt", "Chile and Peru signed a fisheries pact.",
                                         title="Pact", published=Published("2025-12-13", "manifest"))], [])
            assert c.get("/api/documents/late/004").json()["title"] == "Pact"
        assert c.get("/api/summary").json()["documents"] == 4


def test_api_missing_store_is_503_busy_shape(tmp_path: Path):
    with TestClient(create_app(tmp_path / "absent.duckdb")) as c:
        error = _error(c.get("/api/summary"), 503, "busy")
        assert "no store" in error["message"]


def test_api_serve_cli_binds_loopback_and_answers(tmp_path: Path, present_db):
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "casus", "serve", "--db", str(present_db), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline, body = time.monotonic() + 30, None
        while body is None and time.monotonic() < deadline and server.poll() is None:
            try:
                body = httpx.get(f"http://127.0.0.1:{port}/api/summary", timeout=2).json()
            except httpx.TransportError:
                time.sleep(0.2)
        assert body is not None and body["events"] == 7
        spoofed = httpx.get(f"http://127.0.0.1:{port}/api/summary", headers={"host": "rebind.example"}, timeout=2)
        assert spoofed.status_code == 400
    finally:
        server.terminate()
        server.wait(10)


def test_api_serve_cli_refuses_a_missing_store(tmp_path: Path):
    from click.testing import CliRunner

    from casus.cli import main

    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "absent.duckdb")])
    assert result.exit_code == 2 and "no store at" in result.output
