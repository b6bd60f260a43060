"""The side measures of `make eval`: GSR label mapping, the intent rule, PolNeAR span reading."""

from __future__ import annotations

from pathlib import Path

from casus.evaluate import gsr_label, overlaps, predicted_type, read_ann
from casus.records import Event


def event(type_: str, status: str, confidence: float, start: int = 0) -> Event:
    return Event("e", "d", type_, status, "asserted", start, start + 5, "xxxxx", confidence=confidence)


def test_evaluate_gsr_labels_map_to_the_contract() -> None:
    assert gsr_label({"event": "DEMAND"}) == "REQUEST"
    assert gsr_label({"event": "FIGHT"}) == "ASSAULT"
    assert gsr_label({"event": "INVESTIGATE"}) == "ACCUSE"
    assert gsr_label({"event": "AGREE"}) == "AGREE"
    assert gsr_label({"event": "CRIME"}) is None


def test_evaluate_predicted_type_takes_the_surest_and_applies_intent() -> None:
    events = [event("ACCUSE", "occurred", 0.5), event("CONSULT", "planned", 0.8, 10)]
    assert predicted_type(events, intent=False) == "CONSULT"
    assert predicted_type(events, intent=True) == "AGREE"
    assert predicted_type([event("ASSAULT", "hypothetical", 0.9)], intent=True) == "THREATEN"
    assert predicted_type([], intent=True) is None


def test_evaluate_reads_polnear_source_spans(tmp_path: Path) -> None:
    ann = tmp_path / "a.ann"
    ann.write_text("T1\tSource 10 14\tthey\nT2\tCue 15 18\tsay\nT3\tSource 30 35;40 44\tthe m en\n"
                   "E1\tAttribution:T2 Source:T1\n", encoding="utf-8")
    assert read_ann(ann) == [(10, 14), (30, 44)]
    assert overlaps((10, 14), (12, 20)) and not overlaps((10, 14), (14, 20))
