"""report.html without a browser: self-contained, data escaped, CSP bound to the page's one script."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casus.link import LinkResult
from casus.present.payload import Serialised, report_payload, safe_json, summarize
from casus.present.report import asset, render_dashboard, render_report
from casus.records import InputError

JSON_BLOCK = re.compile(r'<script type="application/json" id="casus-data">(.*?)</script>', re.S)


def _report(present_records, errors=()) -> str:
    docs, events, tables = present_records
    links = LinkResult(**tables)
    return render_report([d.to_json() for d in docs], [e.to_json() for e in events], list(errors), links)


def _data(html: str) -> dict:
    return json.loads(JSON_BLOCK.search(html).group(1))


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4),
                    max_leaves=20))
def test_present_safe_json_round_trips_and_never_closes_a_script(value):
    text = safe_json(value)
    assert json.loads(text) == value
    assert "<" not in text and ">" not in text and "&" not in text


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                           lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids,
                                                                                     max_size=4), max_leaves=12)


@given(st.dictionaries(st.text(max_size=8), JSON_VALUES, max_size=4), st.text(max_size=8),
       st.lists(JSON_VALUES, max_size=4), st.lists(JSON_VALUES, max_size=3))
def test_present_safe_json_splices_serialised_values_as_if_encoded(obj, key, first, second):
    """Stored JSON texts (with the store's separators) spliced in read back as the values themselves,
    wherever the marker's key falls and whatever the other strings hold; escaping covers them too."""
    texts = [json.dumps(v, ensure_ascii=False) for v in first]
    spliced = {**obj, key: Serialised(texts), "\u0000other": Serialised([json.dumps(v) for v in second])}
    text = safe_json(spliced)
    assert json.loads(text) == {**obj, key: first, "\u0000other": second}
    assert "<" not in text and ">" not in text and "&" not in text


def test_present_safe_json_escapes_a_spliced_closer():
    text = safe_json({"events": Serialised(['{"t": "</script><!-- & \u2028"}'])})
    assert "</" not in text and "<!--" not in text
    assert json.loads(text) == {"events": [{"t": "</script><!-- & \u2028"}]}


def test_present_report_embeds_every_record_and_escapes_payloads(present_records):
    html = _report(present_records, [InputError("bad/<b>x</b>.txt", "cannot decode text: </script>")])
    data = _data(html)
    _, events, _ = present_records
    assert data["mode"] == "report"
    assert {e["id"] for e in data["events"]} == {e.id for e in events}
    assert data["documents"]["evil/003"]["title"].startswith("<script>window.__xss=1")
    assert data["errors"] == [{"path": "bad/<b>x</b>.txt", "error": "cannot decode text: </script>"}]
    assert data["contradictions"][0]["kind"] == "denial"
    # the only </script> closers in the page are the page's own three script elements
    assert html.lower().count("</script") == 3
    assert "window.__xss" not in html.split('id="casus-data">', 1)[0]


def test_present_report_summary_counts(present_records):
    data = _data(_report(present_records))
    assert data["summary"]["documents"] == 3
    assert data["summary"]["events"] == 7
    assert data["summary"]["clusters"] == 6
    assert data["summary"]["by_type"] == {"COERCE": 2, "ACCUSE": 1, "MOBILIZE": 1, "CONSULT": 1, "ASSAULT": 1,
                                          "THREATEN": 1}
    assert data["summary"]["by_status"]["denied"] == 1
    assert (data["summary"]["first_date"], data["summary"]["last_date"]) == ("2025-12-10", "2025-12-12")


def test_present_report_csp_allows_exactly_the_inline_script(present_records):
    html = _report(present_records)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    script = re.search(r"<script>(.*)</script>\s*</body>", html, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp and "unsafe-eval" not in csp


def test_present_report_loads_nothing_from_outside(present_records):
    html = _report(present_records)
    assert not re.search(r"""<(?:script|link|img|iframe)[^>]+(?:src|href)="(?!data:)""", html, re.I)
    assert "@import" not in html and "url(" not in asset("style.css")
    assert "innerHTML" not in html and "insertAdjacentHTML" not in html and "eval(" not in html


def test_present_report_template_slots_are_filled_once(present_records):
    docs = present_records[0]
    doc = docs[0].to_json() | {"text": "{{SCRIPT}} {{DATA}} {{CSP}}"}
    html = render_report([doc], [], [], LinkResult())
    assert _data(html)["documents"][doc["doc_id"]]["text"] == "{{SCRIPT}} {{DATA}} {{CSP}}"
    assert html.count("use strict") == 4  # the four script files, inserted once


def test_present_dashboard_embeds_only_its_api_address():
    html = render_dashboard("api")
    assert _data(html) == {"mode": "live", "api": "api"}
    assert "connect-src 'self'" in html


def test_present_world_geometry_is_plausible():
    world = json.loads(asset("world.json"))
    assert len(world["land"]) > 100 and len(world["borders"]) > 300
    coords = [c for ring in world["land"] for c in ring]
    lons, lats = coords[0::2], coords[1::2]
    assert min(lons) >= -180 and max(lons) <= 180 and min(lats) >= -90 and max(lats) <= 90


def test_present_summarize_ignores_missing_keys():
    counts = summarize([{"doc_id": "a"}, {"doc_id": "b", "duplicate_of": "a", "outlet": "X"}],
                       [{"type": "AID", "status": "occurred", "cluster": None, "date": None}], {}, 2)
    assert counts["duplicates"] == 1 and counts["clusters"] == 0 and counts["errors"] == 2
    assert counts["first_date"] is None and counts["outlets"] == {"unknown": 1, "X": 1}


def test_present_payload_tolerates_absent_link_tables(present_records):
    docs, events, _ = present_records
    data = report_payload([d.to_json() for d in docs], [e.to_json() for e in events], [], {"clusters": None})
    assert data["clusters"] == [] and data["escalation"] == [] and data["summary"]["contradictions"] == 0


def test_present_write_outputs_writes_report(tmp_path: Path, present_records):
    from casus.pipeline import RunResult
    from casus.present import write_outputs

    docs, events, tables = present_records
    write_outputs(tmp_path, RunResult(documents=docs, events=events, links=LinkResult(**tables)))
    data = _data((tmp_path / "report.html").read_text(encoding="utf-8"))
    assert len(data["events"]) == 7 and set(data["documents"]) == {"gazette/001", "wire/002", "evil/003"}


def test_present_report_embeds_the_link_rows_of_its_shown_events_only(tmp_path: Path, present_records, monkeypatch):
    """When the report shows only the first events, it embeds only their clusters' rows and the
    escalation rows of their dyads (whole dyads, up to REPORT_MAX_ESCALATION rows), and still counts
    every contradiction; the files keep every row."""
    from casus.pipeline import RunResult
    from casus.present import outputs, write_outputs
    from tests.conftest import read_jsonl

    docs, events, tables = present_records
    monkeypatch.setattr(outputs, "REPORT_MAX_EVENTS", 2)  # cl_seize (USA->VEN) and cl_accuse (VEN->USA)
    monkeypatch.setattr(outputs, "REPORT_MAX_ESCALATION", 1)
    write_outputs(tmp_path, RunResult(documents=docs, events=events, links=LinkResult(**tables)))
    data = _data((tmp_path / "report.html").read_text(encoding="utf-8"))
    assert [e["id"] for e in data["events"]] == [e.id for e in events[:2]]
    assert [r["cluster"] for r in data["clusters"]] == ["cl_accuse", "cl_seize"]
    assert [r["cluster"] for r in data["timeline"]] == ["cl_accuse", "cl_seize"]
    assert data["contradictions"] == tables["contradictions"]  # cl_seize's
    assert data["escalation"] == tables["escalation"][:3]  # USA->VEN whole; VEN->USA past the cap
    monkeypatch.setattr(outputs, "REPORT_MAX_EVENTS", 1)
    write_outputs(tmp_path, RunResult(documents=docs, events=events[1:], links=LinkResult(**tables)))
    data = _data((tmp_path / "report.html").read_text(encoding="utf-8"))
    assert [r["cluster"] for r in data["clusters"]] == ["cl_accuse"]
    assert data["contradictions"] == [] and data["summary"]["contradictions"] == 1
    assert data["escalation"] == tables["escalation"][3:]
    for name in ("clusters", "contradictions", "timeline"):
        assert read_jsonl(tmp_path / f"{name}.jsonl") == tables[name]


def test_present_seed_report_counts_and_embeds_what_the_run_wrote(seeds_out):
    """The seeds' report (events spliced from the store, counted in SQL) against the run's own files."""
    from tests.conftest import read_jsonl

    data = _data((seeds_out / "report.html").read_text(encoding="utf-8"))
    docs, events = read_jsonl(seeds_out / "documents.jsonl"), read_jsonl(seeds_out / "events.jsonl")
    tables = {name: read_jsonl(seeds_out / f"{name}.jsonl") for name in ("contradictions", "observations")}
    assert data["summary"] == summarize(docs, events, tables, len(read_jsonl(seeds_out / "errors.jsonl")))
    assert data["events"] == events
    assert data["clusters"] == read_jsonl(seeds_out / "clusters.jsonl")
    dates = sorted(e["date"]["start"] for e in events if e["date"] and e["date"]["start"])
    assert len(dates) > 20 and (data["summary"]["first_date"], data["summary"]["last_date"]) == (dates[0], dates[-1])


def test_present_report_payload_refuses_serialised_events_without_their_summary():
    """Stored event texts are not decoded, so the payload cannot count them itself."""
    with pytest.raises(ValueError, match="need their summary"):
        report_payload([], Serialised(['{"id": "e1"}']), [], {})
