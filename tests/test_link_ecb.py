"""ECB+ gold mentions as Casus records, and the B³ measure the evaluation reports."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from casus.link.ecb import read_file, selected_sentences, trigger_class
from casus.link.ecb_eval import b_cubed, evaluate
from conftest import shared_path


def test_link_ecb_b_cubed_known_values() -> None:
    gold = {"a": "1", "b": "1", "c": "2"}
    assert b_cubed(gold, {"a": "x", "b": "x", "c": "y"}) == (1.0, 1.0, 1.0)
    p, r, _ = b_cubed(gold, {"a": "x", "b": "x", "c": "x"})
    assert (round(p, 4), r) == (round((2 / 3 + 2 / 3 + 1 / 3) / 3, 4), 1.0)


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.sampled_from("abc"), min_size=1))
def test_link_ecb_b_cubed_singletons_have_full_precision(gold: dict[str, str]) -> None:
    p, r, f = b_cubed(gold, {m: m for m in gold})
    assert p == 1.0 and 0 < r <= 1.0 and 0 < f <= 1.0


def test_link_ecb_reads_gold_mentions_with_faithful_spans() -> None:
    root = shared_path("corpora", "ecbplus_event_coref")
    doc = read_file(root / "ECB+" / "1" / "1_1ecb.xml", "1", selected_sentences(root))
    assert doc.events and all(doc.document.text[e.trigger_start:e.trigger_end] for e in doc.events)
    for ev in doc.events:
        assert doc.document.text[ev.evidence_start:ev.evidence_end] == ev.evidence_text
        assert ev.type == trigger_class(doc.document.text[ev.trigger_start:ev.trigger_end])
    assert len(set(doc.gold.values())) < len(doc.gold)  # some mentions corefer within the document


def test_link_ecb_casus_beats_singletons_on_one_topic() -> None:
    root = shared_path("corpora", "ecbplus_event_coref")
    selected = selected_sentences(root)
    docs = [read_file(p, "1", selected) for p in sorted((root / "ECB+" / "1").glob("*.xml"))]
    scores = evaluate({"1": docs})
    assert scores["casus"][2] > scores["singleton"][2]
    assert scores["casus"][0] > 0.8
