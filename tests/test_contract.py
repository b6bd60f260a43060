"""Every output line of a run on the seeds validates against the contract's schemas, and every span
that carries text is faithful to the document text."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from tests.conftest import event_spans, read_jsonl, shared_path


def validator(name: str) -> Draft202012Validator:
    schema = json.loads(shared_path("contract", name).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def test_contract_documents_validate(seeds_out):
    check = validator("document.schema.json")
    docs = read_jsonl(seeds_out / "documents.jsonl")
    assert [d["doc_id"] for d in docs] == ["000_c0ff3ef44d43a569", "001_65038b45502a56eb", "002_c792ef4a2a4e1e8e"]
    for doc in docs:
        errors = [e.message for e in check.iter_errors(doc)]
        assert errors == [], (doc["doc_id"], errors)


def test_contract_events_validate(seeds_out):
    check = validator("event.schema.json")
    for event in read_jsonl(seeds_out / "events.jsonl"):
        errors = [e.message for e in check.iter_errors(event)]
        assert errors == [], (event["id"], errors)


def test_contract_spans_are_faithful(seed_docs, seed_events):
    for event in seed_events:
        text = seed_docs[event["doc_id"]]["text"]
        for span in event_spans(event):
            assert text[span["start"]:span["end"]] == span["text"], (event["id"], span)


def test_contract_text_is_the_file_content(seed_docs):
    for doc_id, doc in seed_docs.items():
        raw = shared_path("seeds", f"{doc_id}.txt").read_bytes().decode("utf-8-sig")
        assert doc["text"] == raw


def test_contract_manifest_dates(seed_docs):
    published = {k: d["published"] for k, d in seed_docs.items()}
    assert published["001_65038b45502a56eb"] == {"date": "2019-02-26", "basis": "manifest", "evidence": None}
    assert seed_docs["001_65038b45502a56eb"]["outlet"] == "Sputnik"


@pytest.mark.parametrize("name", ["errors.jsonl", "report.html", "documents.jsonl", "events.jsonl"])
def test_contract_outputs_exist(seeds_out, name):
    assert (seeds_out / name).is_file()
