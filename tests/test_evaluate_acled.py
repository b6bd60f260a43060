"""The ACLED -> PLOVER table and the development-set row of `make eval`."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from casus.evaluate import ACLED_TO_PLOVER, DEV_SETS, acled_rows, as_body, score_measures
from casus.extract.filters import TERMINAL
from casus.extract.lexicon import PLOVER_TYPES
from conftest import shared_path


def test_evaluate_acled_table_maps_only_to_contract_types() -> None:
    assert all(types and types <= set(PLOVER_TYPES) for types in ACLED_TO_PLOVER.values())
    assert ACLED_TO_PLOVER["PEACE_PROTEST"] == {"PROTEST"}
    assert ACLED_TO_PLOVER["ARREST"] == {"COERCE"}
    assert "NATURAL_DISASTER" not in ACLED_TO_PLOVER


def test_evaluate_acled_rows_leave_out_labels_without_counterpart() -> None:
    rows = acled_rows(shared_path())
    assert len(rows) == 863  # 1,019 snippets less disasters, organised crime, group changes and OTHER
    assert all(i.startswith("acled-") and text and accepted for i, text, accepted in rows)


def test_evaluate_score_measures_report_the_dev_row_like_the_seeds() -> None:
    result = {"f1": 0.5, "precision": 0.4, "recall": 0.6, "matched_required": 3, "gold_required": 5,
              "predicted": 7, "attributes": {"source": 1.0, "location": 0.25},
              "attribute_counts": {k: "1/4" for k in ("source", "target", "status", "date", "location",
                                                      "attribution", "status_marked")},
              "predictions_on_boilerplate": 0, "spans_faithful": "9/9"}
    rows = score_measures("dev", result)
    assert rows[0].name == "dev event F1" and rows[0].value == 0.5 and "(3/5, 7 predicted)" in rows[0].detail
    assert {r.name: r.value for r in rows}["dev location accuracy"] == 0.25
    assert all((folder / "gold.jsonl").is_file() for folder in DEV_SETS.values())


def test_evaluate_acled_table_follows_the_acled_definitions() -> None:
    # ACLED's Agreement covers talks, ceasefires, prisoner releases and surrenders; DIPLO snippets are
    # mostly expulsions and sanctions; Protest with intervention includes non-lethal force
    assert ACLED_TO_PLOVER["AGREEMENT"] == {"AGREE", "CONSULT", "RETREAT"}
    assert {"SANCTION", "ACCUSE"} <= ACLED_TO_PLOVER["DIPLO"] and "ASSAULT" not in ACLED_TO_PLOVER["DIPLO"]
    assert ACLED_TO_PLOVER["PROTEST_WITH_INTER"] == {"PROTEST", "COERCE", "ASSAULT"}


def test_evaluate_snippet_without_full_stop_reads_as_body() -> None:
    assert as_body("Police arrested 12 protesters in the capital") == "Police arrested 12 protesters in the capital."
    assert as_body("Troops withdrew on Monday.  ") == "Troops withdrew on Monday."


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60))
def test_evaluate_as_body_keeps_offsets_and_ends_a_sentence(text: str) -> None:
    body = as_body(text)
    assert body.startswith(text.rstrip())
    assert body.endswith(TERMINAL)
