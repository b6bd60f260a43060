"""Fractions and currencies, on sentences written here."""

from __future__ import annotations

import pytest

from casus.annotate import masked_text
from casus.records import Document, Quantity
from casus.resolve.quantities import find_quantities


def _found(nlp, text: str) -> dict[str, Quantity]:
    doc = Document("q", "q.txt", text)
    return {q.text: q for q in find_quantities(doc, nlp(masked_text(doc)))}


@pytest.mark.parametrize(("sentence", "span", "value", "unit"), [
    ("Half of the 200 soldiers deserted.", "Half of the 200", 100, "soldiers"),
    ("A third of the 600 troops were killed.", "A third of the 600", 200, "troops killed"),
    ("Two-thirds of residents have fled.", "Two-thirds", 66.67, "%"),
    ("About a quarter of the city lost power.", "a quarter", 25, "%"),
    ("The fund lost £5m in the scandal.", "£5m", 5e6, "GBP"),
    ("Washington pledged $2 billion in aid.", "$2 billion", 2e9, "USD"),
    ("Brussels approved €300 million for Kyiv.", "€300 million", 3e8, "EUR"),
    ("Fines of 500 pounds were imposed.", "500 pounds", 500, "GBP"),
    ("Smugglers paid 40,000 rupees per crossing.", "40,000 rupees", 40000, "INR"),
])
def test_resolve_quantities_gap_sentences(nlp, sentence, span, value, unit):
    found = _found(nlp, sentence)
    assert span in found, list(found)
    q = found[span]
    assert q.value == pytest.approx(value) and q.unit == unit


def test_resolve_quantities_glued_m_is_millions_only_after_currency(nlp):
    assert _found(nlp, "The wall is 5m high.") == {}
    assert _found(nlp, "The wall cost £5m.")["£5m"].value == 5e6


def test_resolve_quantities_fraction_needs_a_numerator_and_no_year(nlp):
    found = _found(nlp, "The third of March was quiet; half of 2004 was not.")
    assert not any("third" in k or "half" in k for k in found), list(found)
    assert "a quarter" not in _found(nlp, "They waited a quarter of an hour.")


def test_resolve_quantities_hyphenated_pound_is_not_money(nlp):
    found = _found(nlp, "Jets dropped a 500-pound bomb.")
    assert all(q.unit != "GBP" for q in found.values())
