"""Numbers written in digits, words or both ("15 thousand", "twenty-one", "3.5bn", "a dozen").

Shared by the time rules ("two days ago") and the quantity scanner. ``number_pattern()`` is a regex
fragment (no capturing groups) for one number expression; ``parse_number`` turns such a text into
its value. The words come from ``data/numbers.json``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from casus.resolve.lexicon import load

DIGIT_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[a-z]+")


def _table(key: str) -> Mapping[str, int]:
    return load("numbers")[key]


@functools.cache
def number_words() -> frozenset[str]:
    """Every word that can be (part of) a number: the cue words of the quantity scanner."""
    words = {*_table("ones"), *_table("tens"), *_table("multipliers"), *_table("scales")}
    return frozenset(words | {f"{w}s" for w in _table("scales")} | {"hundreds", "dozens"})


@functools.cache
def number_pattern() -> str:
    """Regex fragment for one number expression in digits, words or both."""
    words = "|".join(sorted([*_table("ones"), *_table("tens"), "hundred", *_table("scales")], key=len, reverse=True))
    word_number = rf"(?:{words})(?:(?:-|\s+and\s+|\s+|,\s+)(?:{words}))*"
    scales = "|".join(_table("scales"))
    scaled = rf"{DIGIT_NUMBER}(?:\s*(?:{scales})s?\b|\s?(?:{'|'.join(_table('suffixes'))})\b)?"
    singles = "|".join(rf"a\s+{w}" for w in ("dozen", "hundred", *_table("scales")))
    return rf"(?:{scaled}|(?:a\s+)?{word_number}|{singles})"


def parse_number(text: str) -> float | None:
    """Value of a number expression ("15 thousand" -> 15000.0), None when it is not one."""
    cleaned = text.lower().replace(",", "").replace("-", " ")
    tokens = [t for t in _TOKEN.findall(cleaned) if t not in ("and", "a", "an")]
    if not tokens:
        return None
    return _combine(tokens)


def _combine(tokens: list[str]) -> float | None:
    """Fold tokens left to right: units add, 'hundred' multiplies, scales close a group."""
    total = 0.0
    current = 0.0
    for token in tokens:
        step = _step(token, current)
        if step is None:
            return None
        current, flush = step
        if flush:
            total += current
            current = 0.0
    return total + current


def _step(token: str, current: float) -> tuple[float, bool] | None:
    """New running group value and whether it closes the group (after a scale word)."""
    if token[0].isdigit():
        return current + float(token), False
    ones, tens, multipliers = _table("ones"), _table("tens"), _table("multipliers")
    if token in ones:
        return current + ones[token], False
    if token in tens:
        return current + tens[token], False
    if token in multipliers:
        return (current or 1) * multipliers[token], False
    scale = _table("scales").get(token.rstrip("s")) or _table("suffixes").get(token)
    if scale is not None:
        return (current or 1) * scale, True
    return None


def fraction(numerator: str | None, denominator: str) -> float | None:
    """'a third' -> 1/3, 'two-thirds' -> 2/3, 'half' -> 1/2; None for an unknown word."""
    parts = _table("fractions").get(denominator.lower())
    if parts is None:
        return None
    top = 1.0 if numerator is None or numerator.lower() in ("a", "an", "one") else parse_number(numerator)
    return None if top is None else top / parts


def is_word_number(text: str) -> bool:
    """True when the number is spelled in words only ("five", not "5")."""
    return not any(c.isdigit() for c in text)
