"""Linking on the real seed run: the Il-76 landing and the carrier deployment reported by two
articles share a cluster, and every link table validates against its schema."""

from __future__ import annotations

import json
from importlib import resources

from jsonschema import Draft202012Validator

from conftest import read_jsonl


def cluster_with(events: list[dict], doc_prefix: str, words: str) -> str:
    hits = [e["cluster"] for e in events if e["doc_id"].startswith(doc_prefix) and words in e["evidence"]["text"]]
    assert hits, (doc_prefix, words)
    return hits[0]


def test_link_seeds_il76_and_carrier_link_across_articles(seed_events) -> None:
    assert cluster_with(seed_events, "000_", "landed in Caracas") == cluster_with(seed_events, "002_", "Il-76")
    assert cluster_with(seed_events, "000_", "aircraft carrier") == \
        cluster_with(seed_events, "002_", "carrier strike group and F-35")
    il76, carrier = cluster_with(seed_events, "000_", "landed in Caracas"), cluster_with(seed_events, "000_", "carrier")
    assert il76 != carrier


def test_link_seeds_tables_validate(seeds_out, seed_events) -> None:
    for name, file in (("cluster", "clusters.jsonl"), ("contradiction", "contradictions.jsonl"),
                       ("timeline", "timeline.jsonl")):
        schema = json.loads(resources.files("casus").joinpath("schemas", f"{name}.schema.json").read_text("utf-8"))
        validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        for row in read_jsonl(seeds_out / file):
            validator.validate(row)
    clusters = read_jsonl(seeds_out / "clusters.jsonl")
    assert {e["cluster"] for e in seed_events} == {c["cluster"] for c in clusters}
    assert sum(len(c["mentions"]) for c in clusters) == len(seed_events)
