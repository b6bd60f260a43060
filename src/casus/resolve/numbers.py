"""Numbers written in digits, words or both ("15 thousand", "twenty-one", "3.5bn", "a dozen").

Shared by the time rules ("two days ago") and the quantity scanner. ``NUMBER`` is a regex
fragment (no capturing groups) for one number expression; ``parse_number`` turns such a text into
its value.
"""

from __future__ import annotations

import re

ONES: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}
SCALES: dict[str, int] = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
SUFFIXES: dict[str, int] = {"k": 10**3, "mn": 10**6, "mln": 10**6, "bn": 10**9, "tn": 10**12}

_WORD = "|".join(sorted([*ONES, *TENS, "hundred", *SCALES], key=len, reverse=True))
_SCALE = "|".join(SCALES)
WORD_NUMBER = rf"(?:{_WORD})(?:(?:-|\s+and\s+|\s+|,\s+)(?:{_WORD}))*"
DIGIT_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
SCALED_DIGITS = rf"{DIGIT_NUMBER}(?:\s*(?:{_SCALE})s?\b|\s?(?:{'|'.join(SUFFIXES)})\b)?"
NUMBER = rf"(?:{SCALED_DIGITS}|(?:a\s+)?{WORD_NUMBER}|a\s+dozen|a\s+hundred|a\s+thousand|a\s+million|a\s+billion)"

_MULTIPLIERS: dict[str, int] = {"hundred": 100, "dozen": 12}
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[a-z]+")


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
    seen = False
    for token in tokens:
        step = _step(token, current)
        if step is None:
            return None
        current, flush = step
        if flush:
            total += current
            current = 0.0
        seen = True
    return total + current if seen else None


def _step(token: str, current: float) -> tuple[float, bool] | None:
    """New running group value and whether it closes the group (after a scale word)."""
    if token[0].isdigit():
        return current + float(token), False
    if token in ONES:
        return current + ONES[token], False
    if token in TENS:
        return current + TENS[token], False
    if token in _MULTIPLIERS:
        return (current or 1) * _MULTIPLIERS[token], False
    scale = SCALES.get(token.rstrip("s")) or SUFFIXES.get(token)
    if scale is not None:
        return (current or 1) * scale, True
    return None


def is_word_number(text: str) -> bool:
    """True when the number is spelled in words only ("five", not "5")."""
    return not any(c.isdigit() for c in text)
