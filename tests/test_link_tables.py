"""Cluster-level tables on the hand-written world: corroboration, contradictions, timeline, escalation,
and their JSON Schemas."""

from __future__ import annotations

import csv
import io
import json
import math
from importlib import resources

import pytest
from jsonschema import Draft202012Validator

from casus.link import LinkResult, link
from casus.link.corroboration import unify
from casus.link.escalation import Happening, escalation_rows
from casus.present.outputs import ESCALATION_COLUMNS, csv_text
from test_link_world import world


@pytest.fixture(scope="module")
def linked() -> tuple[LinkResult, dict[str, str], dict[str, str]]:
    docs, events = world()
    result = link(docs, list(events.values()))
    return result, {n: result.cluster_of[e.id] for n, e in events.items()}, {d.doc_id: d.text for d in docs}


def row_of(rows: list[dict], cluster: str) -> dict:
    return next(r for r in rows if r["cluster"] == cluster)


def schema(name: str) -> Draft202012Validator:
    text = resources.files("casus").joinpath("schemas", f"{name}.schema.json").read_text("utf-8")
    return Draft202012Validator(json.loads(text), format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_link_tables_relayed_report_is_one_origin(linked) -> None:
    result, by_name, _ = linked
    plan = row_of(result.clusters, by_name["plan-cnn"])
    assert plan["origins"] == 1 and plan["origin_list"] == ["wall street journal"]
    assert plan["outlets"] == ["cnn", "fox news", "nbc news"]


def test_link_tables_duplicate_is_not_corroboration(linked) -> None:
    result, by_name, _ = linked
    market = row_of(result.clusters, by_name["market-yahoo"])
    assert "yahoo-1" in market["documents"] and "yahoo-1" not in market["independent_documents"]
    assert market["origin_list"] == ["al jazeera", "associated press", "reuters"]
    assert market["origins"] == 3


def test_link_tables_unify_acronyms_only_one_way() -> None:
    assert unify({"wsj", "wall street journal"}) == {"wsj": "wall street journal",
                                                     "wall street journal": "wall street journal"}
    assert unify({"new york times", "national youth trust"}) == {"new york times": "new york times",
                                                                "national youth trust": "national youth trust"}


def test_link_tables_contradictions_with_both_sides(linked) -> None:
    result, by_name, texts = linked
    rows = {r["kind"]: r for r in result.contradictions if r["cluster"] == by_name["market-reuters"]}
    assert set(rows) == {"quantity", "date", "blame", "denial"}
    assert [s["value"] for s in rows["quantity"]["sides"]] == [12, 15]
    assert [s["evidence"]["text"] for s in rows["date"]["sides"]] == ["Saturday", "Sunday"]
    assert [s["value"] for s in rows["blame"]["sides"]] == ["RUS", "SYR"]
    assert [s["value"] for s in rows["denial"]["sides"]] == ["occurred", "denied"]
    assert rows["quantity"]["sides"][0]["sources"] == ["Reuters", "local medics"]
    for row in rows.values():
        for side in row["sides"]:
            ev = side["evidence"]
            assert texts[ev["doc_id"]][ev["start"]:ev["end"]] == ev["text"]
    assert all(r["cluster"] == by_name["market-reuters"] for r in result.contradictions)


def test_link_tables_timeline_hull_when_dates_conflict(linked) -> None:
    result, by_name, _ = linked
    market = row_of(result.timeline, by_name["market-ap"])
    assert (market["start"], market["end"], market["date_basis"], market["date_conflict"]) == \
        ("2019-08-24", "2019-08-25", "hull", True)
    il76 = row_of(result.timeline, by_name["il76-blog"])
    assert (il76["start"], il76["end"], il76["date_basis"], il76["corroboration"]) == \
        ("2025-10-26", "2025-10-26", "intersection", 2)
    assert market["status"] == "occurred" and market["contradictions"] == ["blame", "date", "denial", "quantity"]


def test_link_tables_escalation_formula(linked) -> None:
    result, _, _ = linked
    week = [r for r in result.escalation if r["dyad"] == "USA->VEN" and r["period"] == "week"]
    assert len(week) == 1 and week[0]["start"] == "2025-10-27" and week[0]["end"] == "2025-11-02"
    # planned strikes (1 origin): 9 * log2(2) * 0.5; two threats: 3.5 * 1 * 1 each
    assert week[0]["index"] == pytest.approx(4.5 + 3.5 + 3.5)
    aid = [r for r in result.escalation if r["dyad"] == "RUS->VEN" and r["period"] == "day"]
    assert [(r["start"], r["index"]) for r in aid] == [("2025-10-26", round(-10 * math.log2(3), 4))]


def test_link_tables_escalation_spreads_over_days_and_ignores_denied() -> None:
    rows = escalation_rows([
        Happening("cl_a", "USA", "VEN", "2025-01-01", "2025-01-04", None, -8.0, "occurred", 1),
        Happening("cl_b", "USA", "VEN", "2025-01-02", "2025-01-02", None, -9.0, "denied", 5),
        Happening("cl_c", None, "VEN", "2025-01-02", "2025-01-02", None, -9.0, "occurred", 5)])
    days = [r for r in rows if r["period"] == "day"]
    assert [r["index"] for r in days] == [2.0, 2.0, 2.0, 2.0]
    assert days[1]["clusters"] == "cl_a cl_b"
    assert [(r["start"], r["index"]) for r in rows if r["period"] == "week"] == [("2024-12-30", 8.0)]


def test_link_tables_rows_validate_against_schemas(linked) -> None:
    result, _, _ = linked
    for name, rows in (("cluster", result.clusters), ("contradiction", result.contradictions),
                       ("timeline", result.timeline), ("escalation", result.escalation)):
        validator = schema(name)
        assert rows, name
        for row in rows:
            validator.validate(json.loads(json.dumps(row)))


def test_link_tables_escalation_csv_round_trip(linked) -> None:
    result, _, _ = linked
    rows = list(csv.DictReader(io.StringIO(csv_text(result.escalation, ESCALATION_COLUMNS))))
    assert set(rows[0]) == set(ESCALATION_COLUMNS)
    validator = schema("escalation")
    for row in rows:
        validator.validate({**row, "index": float(row["index"])})
