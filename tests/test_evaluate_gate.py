"""Quality gate (trafilatura's eval gate is the model): the seed event F1 must not fall below the
floor pinned in tests/eval_baseline.json."""

from __future__ import annotations

import json
from pathlib import Path

from casus.evaluate import load_scorer
from conftest import read_jsonl, shared_path

BASELINE = Path(__file__).with_name("eval_baseline.json")


def test_evaluate_gate_seed_f1_at_or_above_floor(seeds_out) -> None:
    gold = shared_path("gold", "seeds.gold.jsonl")
    scorer = load_scorer(shared_path())
    docs = {d["doc_id"]: d["text"] for d in read_jsonl(seeds_out / "documents.jsonl")}
    result = scorer.score(read_jsonl(gold), docs, read_jsonl(seeds_out / "events.jsonl"))
    floor = json.loads(BASELINE.read_text(encoding="utf-8"))["seed_f1"]
    assert result["f1"] >= floor, f"seed event F1 {result['f1']} fell below the pinned floor {floor}"
    assert result["predictions_on_boilerplate"] == 0
    faithful, total = (int(x) for x in result["spans_faithful"].split("/"))
    assert faithful == total
