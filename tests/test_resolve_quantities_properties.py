"""Property tests of the quantity scanner and number parser."""

from __future__ import annotations

import functools

from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.lang.en import English

from casus.records import Document
from casus.resolve.numbers import parse_number
from casus.resolve.quantities import find_quantities
from casus.resolve.quantscan import scan_quantities

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
SCALES = [(10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (10**3, "thousand")]


def spell(n: int) -> str:
    """English words for 0 <= n < 10**15, written independently of the parser."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("-" + ONES[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        return ONES[n // 100] + " hundred" + (" and " + spell(rest) if rest else "")
    for size, word in SCALES:
        if n >= size:
            rest = n % size
            return spell(n // size) + " " + word + (" " + spell(rest) if rest else "")
    raise ValueError(n)


FRAGMENTS = ["about 5,000", "four to six", "15 thousand soldiers", "S-300", "63-9792", "1,000km", "600 mile",
             "more than 200", "at least 12", "nearly 3 million", "a dozen", "dozens of", "$5m", "2019", "10:30",
             "1.", "(2)", "between 3 and", "Resolution 2254", "twenty-one", "several hundred", "5%", "-", "1e9",
             "9" * 30, "one", "and", "to", "or", "half of the", "a third of", "two-thirds of", "£5m", "€300 million",
             "500 pounds", "of the 200", "5m", "$2 billion"]
TEXTS = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=12).map(" ".join),
)


@functools.cache
def _blank() -> English:
    """A tokenizer-only pipeline: no parse, no entities (the fallbacks must hold)."""
    return English()


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_resolve_quantities_number_words_round_trip(n):
    assert parse_number(spell(n)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_resolve_quantities_digit_groups_round_trip(n):
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=2, max_value=10**9))
def test_resolve_quantities_spelled_amount_is_found(n):
    text = f"Officials counted {spell(n)} soldiers."
    (found,) = scan_quantities(text)
    assert found.quantity.value == n


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_resolve_quantities_scan_faithful_and_ordered(text):
    for found in scan_quantities(text):
        q = found.quantity
        assert text[q.start:q.end] == q.text
        assert q.start <= found.number_end <= q.end
        if q.low is not None and q.high is not None:
            assert q.low <= q.high


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_resolve_quantities_find_without_parse_never_raises(text):
    doc = Document("p", "p.txt", text)
    for q in find_quantities(doc, _blank()(text)):
        assert text[q.start:q.end] == q.text
