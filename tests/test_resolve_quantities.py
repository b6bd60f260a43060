"""Quantities on the seeds and on sentences written here: values, ranges, hedges and units."""

from __future__ import annotations

import pytest

from casus.annotate import masked_text
from casus.records import Document, Quantity
from casus.resolve.quantities import find_quantities
from tests.conftest import shared_path

SEEDS = ("000_c0ff3ef44d43a569.txt", "001_65038b45502a56eb.txt", "002_c792ef4a2a4e1e8e.txt")


def _quantities(nlp, text: str) -> list[Quantity]:
    doc = Document("q", "q.txt", text)
    return find_quantities(doc, nlp(masked_text(doc)))


def _by_text(nlp, text: str) -> dict[str, Quantity]:
    return {q.text: q for q in _quantities(nlp, text)}


def _seed(nlp, name: str) -> dict[str, Quantity]:
    return _by_text(nlp, shared_path("seeds", name).read_text(encoding="utf-8"))


def test_resolve_quantities_seed_000(nlp):
    found = _seed(nlp, SEEDS[0])
    systems = found["four to six"]
    assert (systems.value, systems.low, systems.high) == (None, 4, 6)
    assert "systems" in systems.unit
    assert found["about 5,000"].value == 5000 and found["about 5,000"].approximate
    assert "systems" in found["about 5,000"].unit
    assert (found["15 thousand"].value, found["15 thousand"].unit) == (15000, "soldiers")
    assert (found["about 40"].value, found["about 40"].unit) == (40, "people killed")
    assert "One" not in found  # 'One of the officials' is not an amount


def test_resolve_quantities_seed_001_and_002(nlp):
    first = _seed(nlp, SEEDS[1])
    assert (first["six hours"].value, first["six hours"].unit) == (6, "hours")
    assert not [t for t in first if "63" in t or "135" in t or "2019" in t or "25" in t]
    second = _seed(nlp, SEEDS[2])
    assert (second["1,000 km"].value, second["1,000 km"].unit) == (1000, "km")
    assert (second["600 mile"].value, second["600 mile"].unit) == (600, "miles")
    assert (second["1,000km"].value, second["1,000km"].unit) == (1000, "km")
    assert not [t for t in second if "35" in t or "76" in t or "26" in t]


def test_resolve_quantities_seed_offsets_are_faithful(nlp):
    for name in SEEDS:
        text = shared_path("seeds", name).read_text(encoding="utf-8")
        for q in _quantities(nlp, text):
            assert text[q.start:q.end] == q.text


@pytest.mark.parametrize(("sentence", "span", "value", "low", "high", "unit", "approximate"), [
    ("At least 12 civilians were killed in the shelling.", "At least 12", 12, 12, None, "civilians killed", False),
    ("The strike killed 40 people near Kherson.", "40", 40, None, None, "people killed", False),
    ("Some 5,000 troops were moved to the border.", "Some 5,000", 5000, None, None, "troops", True),
    ("Nearly 3 million people have fled Sudan.", "Nearly 3 million", 3_000_000, None, None, "people", True),
    ("More than 200 protesters were arrested in Tbilisi.", "More than 200", 200, 200, None, "protesters arrested",
     False),
    ("Dozens of drones struck Odesa overnight.", "Dozens", None, 24, 99, "drones", True),
    ("Hundreds of migrants reached Lampedusa.", "Hundreds", None, 200, 999, "migrants", True),
    ("Iran supplied a dozen Shahed drones.", "a dozen", 12, None, None, "Shahed drones", False),
    ("Between 300 and 400 fighters surrendered.", "Between 300 and 400", None, 300, 400, "fighters", False),
    ("Thirty-five soldiers died in the ambush.", "Thirty-five", 35, None, None, "soldiers killed", False),
    ("The EU pledged $1.2bn in aid.", "$1.2bn", 1.2e9, None, None, "USD", False),
    ("Inflation reached 40% in Caracas.", "40%", 40, None, None, "%", False),
    ("The blackout lasted roughly 18 hours.", "roughly 18 hours", 18, None, None, "hours", True),
    ("The missile flew 2,500 kilometres.", "2,500 kilometres", 2500, None, None, "km", False),
    ("Up to 20 ships were seen off Taiwan.", "Up to 20", 20, None, 20, "ships", False),
])
def test_resolve_quantities_written_sentences(nlp, sentence, span, value, low, high, unit, approximate):
    found = _by_text(nlp, sentence)
    assert span in found, list(found)
    q = found[span]
    assert (q.value, q.low, q.high, q.unit, q.approximate) == (value, low, high, unit, approximate)


@pytest.mark.parametrize("sentence", [
    "Russia sent S-400 systems and Su-35 jets, and an Il-76 landed.",
    "The RC-135V with tail number 63-9792 flew on 25 October 2025.",
    "UN Security Council Resolution 2254 was adopted in 2015.",
    "The meeting starts at 10:30 a.m. on Monday.",
    "1. Passive detection\n2. GPS scramblers",
    "Boeing 737 jets fly from Terminal 2.",
])
def test_resolve_quantities_skip_designations_dates_and_markers(nlp, sentence):
    assert _quantities(nlp, sentence) == []
