"""Quantity scanner over plain text: numbers with their hedge, range and measurement unit.

Pure (no spaCy), so it can be property-tested on any text. What is counted ("soldiers") is found
later from the parse (``quantities``). Dates, times of day, years, list markers and designations
("S-300", "63-9792", "Boeing 737") are not quantities and are skipped here. The regexes only run
in windows around digits and number words (the cues of ``timescan.cues``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from casus.records import Quantity
from casus.resolve import quantlex as ql
from casus.resolve.embeddates import foreign_dates
from casus.resolve.lexicon import alternation, load, merged_windows
from casus.resolve.numbers import fraction, number_pattern, number_words, parse_number
from casus.resolve.timescan import DIGIT, cues, scan_times

_BEFORE, _AFTER = 40, 56  # how far a quantity reaches before its first and after its last number cue
_AFTER_NOT_AMOUNT = re.compile(r"[A-Za-z0-9]|[-–][A-Za-z0-9]|[.,:/]\d"
                               r"|\s*(?i:a\.m\.|p\.m\.|am\b|pm\b|gmt|utc|hrs?\b|local)")
_YEAR_ONLY = re.compile(r"(?:1[6-9]|20)\d\d")
_PLURAL_NEXT = re.compile(r"\s+[a-z]+s\b")
_LIST_PREFIX = re.compile(r"\s*\(?")
_LIST_SUFFIX = re.compile(r"[.)]\s")
_PREVIOUS_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\s*#?\s*$")
_DETERMINERS = r"(?:the|its|their|his|her|our|all|those|these|some)"


@functools.cache
def _quantity_re() -> re.Pattern[str]:
    hedge = alternation(ql.approximate() | ql.lower_bound() | ql.upper_bound())
    currency, number = alternation(ql.currencies()), number_pattern()
    return re.compile(
        rf"(?<![\w#@/.,:$€£-])(?:(?P<hedge>{hedge})\s+)?(?:(?P<between>between|from)\s+)?"
        rf"(?:(?P<cur>{currency})\s?)?(?P<n1>{number})(?:(?<=\d)(?P<mscale>{alternation(ql.money_scales())})\b)?"
        rf"(?:\s*(?P<join>-|–|\bto\b|\band\b|\bor\b)\s*(?P<cur2>{currency})?(?P<n2>{number}))?"
        rf"(?:(?P<glue>(?<=\d)(?:{alternation(ql.glued_units())}))|[\s-]?(?P<unit>{alternation(ql.units())})(?![\w/]))?",
        re.IGNORECASE)


@functools.cache
def _vague_re() -> re.Pattern[str]:
    few = "|".join(ql.few_scales())
    return re.compile(rf"\b(?:(?P<vague>{alternation(ql.vague())})(?=\s+of\b)"
                      rf"|(?P<few>several|a\s+few|a\s+couple\s+of)\s+(?P<scale>{few})s?\b)", re.IGNORECASE)


@functools.cache
def _fraction_re() -> re.Pattern[str]:
    """'half of the 200', 'a third of', 'two-thirds of': a numerator is needed except for 'half'."""
    tops = alternation(["a", "an", *load("numbers")["ones"]])
    bottoms = alternation(load("numbers")["fractions"])
    return re.compile(rf"\b(?P<frac>(?:(?P<top>{tops})[\s-]+)?(?P<bottom>{bottoms}))\s+of\s+(?!an?\b)"
                      rf"(?:{_DETERMINERS}\s+)?(?:(?P<base>{number_pattern()})(?![\w,.]\d))?", re.IGNORECASE)


@functools.cache
def _anchor_words() -> frozenset[str]:
    """Cue words of which every number expression holds one: digits and number words."""
    return number_words() | {DIGIT}


@functools.cache
def _vague_words() -> frozenset[str]:
    return frozenset({w for phrase in ql.vague() for w in phrase.split()} | set(ql.few_scales()))


@functools.cache
def _fraction_words() -> frozenset[str]:
    return frozenset(load("numbers")["fractions"])


@dataclass(frozen=True, slots=True)
class Found:
    """A scanned quantity and where its last number ends (the counted noun follows)."""

    quantity: Quantity
    number_end: int


def scan_quantities(text: str) -> list[Found]:
    """Quantities of ``text`` that are not dates, times, years, list markers or designations."""
    found = cues(text)
    positions = [p for word in _anchor_words() for p in found.get(word, ())]
    candidates = _numbers(text, merged_windows(positions, _BEFORE, _AFTER, len(text)))
    candidates += [_vague(m) for m in _near(_vague_re(), text, _vague_words(), found)]
    candidates += [f for m in _near(_fraction_re(), text, _fraction_words(), found) if (f := _fraction(m))]
    if not candidates:
        return []
    blocked = [(s.start, s.end) for s in scan_times(text)] + [(s, e) for s, e, _ in foreign_dates(text)]
    kept: list[Found] = []
    for f in sorted(candidates, key=lambda f: (f.quantity.start - f.quantity.end, f.quantity.start)):
        q = f.quantity
        if not any(q.start < e and s < q.end for s, e in blocked):
            kept.append(f)
            blocked.append((q.start, q.end))
    return sorted(kept, key=lambda f: f.quantity.start)


def _near(pattern: re.Pattern[str], text: str, words: frozenset[str],
          found: Mapping[str, tuple[int, ...]]) -> list[re.Match[str]]:
    """Matches of ``pattern`` in windows around the cue ``words`` ('dozens', 'third' ...)."""
    positions = [p for word in words for p in found.get(word, ())]
    out: list[re.Match[str]] = []
    for lo, hi in merged_windows(positions, _BEFORE, _AFTER + 64, len(text)):
        out.extend(pattern.finditer(text, max(lo, out[-1].end() if out else 0), hi))
    return out


def _numbers(text: str, windows: list[tuple[int, int]]) -> list[Found]:
    """Number expressions left to right; a rejected range gives back its second number."""
    out: list[Found] = []
    pos = 0
    for lo, hi in windows:
        pos = max(pos, lo)
        while (m := _quantity_re().search(text, pos, hi)) is not None:
            found = _from_match(text, m)
            if found is None and m["n2"] and m["join"].lower() in ("and", "or", "to") and not m["between"]:
                found = _single(text, m)
                pos = m.end("join")
            else:
                pos = m.end()
            if found is not None:
                out.append(found)
    return out


def _single(text: str, m: re.Match[str]) -> Found | None:
    """The first number of a failed range ('$5m and $1.2bn'), scanned on its own."""
    end = m.end("mscale") if m["mscale"] else m.end("n1")
    alone = _quantity_re().match(text[:end], m.start())
    return _from_match(text[:end], alone) if alone is not None and not alone["n2"] else None


def _from_match(text: str, m: re.Match[str]) -> Found | None:
    if _not_an_amount(text, m):
        return None
    if m["n2"] and m["join"].lower() == "and" and not m["between"]:
        return None
    if m["mscale"] and not m["cur"]:
        return None  # a glued 'm' is millions after a currency only ('£5m'), never '5m' alone
    scale = ql.money_scales()[m["mscale"].lower()] if m["mscale"] else 1
    low = _scaled(parse_number(m["n1"]), scale)
    high = _scaled(parse_number(m["n2"]), scale) if m["n2"] else None
    if low is None or (m["n2"] and (high is None or not _is_range(m, low, high))):
        return None
    hedge = " ".join((m["hedge"] or "").lower().split())
    value, low_b, high_b = (None, low, high) if high is not None else _bounds(low, hedge)
    q = Quantity(m.start(), m.end(), m[0], value, _unit(m), low_b, high_b,
                 approximate=hedge in ql.approximate() or hedge == "~")
    return Found(q, m.end("n2") if m["n2"] else m.end("n1"))


def _scaled(value: float | None, scale: float) -> float | None:
    return None if value is None else value * scale


def _bounds(value: float, hedge: str) -> tuple[float | None, float | None, float | None]:
    if hedge in ql.lower_bound():
        return value, value, None
    if hedge in ql.upper_bound() and hedge not in ql.approximate():
        return value, None, value
    return value, None, None


def _unit(m: re.Match[str]) -> str | None:
    currency = m["cur"] or m["cur2"]
    if currency:
        return ql.currencies()[currency.lower()]
    if m["glue"]:
        return ql.glued_units()[m["glue"].lower()]
    if m["unit"]:
        return ql.units()[" ".join(m["unit"].lower().replace("’", "'").split())]
    return None


def _is_range(m: re.Match[str], low: float, high: float) -> bool:
    """'four to six', '10-15': increasing, and not a serial number like '63-9792'."""
    if high <= low:
        return False
    return m["join"] not in "-–" or high <= max(low * 20, 10)


def _not_an_amount(text: str, m: re.Match[str]) -> bool:
    """Designations, years, times of day, list markers and number-like pronouns."""
    end, start = m.end(), m.start()
    if _AFTER_NOT_AMOUNT.match(text, end, end + 12):
        return True
    if _previous_word(text, start) in ql.designators():
        return True
    if _YEAR_ONLY.fullmatch(m["n1"]) and not (m["unit"] or m["glue"] or m["cur"]):
        return _PLURAL_NEXT.match(text, end, end + 12) is None
    line_start = text.rfind("\n", 0, start) + 1
    if _LIST_PREFIX.fullmatch(text, line_start, start) and _LIST_SUFFIX.match(text, end, end + 12):
        return True
    return text[start - 1: start] == "(" and text[end: end + 1] == ")"


def _previous_word(text: str, start: int) -> str:
    hit = _PREVIOUS_WORD.search(text, max(0, start - 24), start)
    return hit[1].lower() if hit else ""


def _vague(m: re.Match[str]) -> Found:
    if m["vague"]:
        low, high = ql.vague()[" ".join(m["vague"].lower().split())]
    else:
        scale = ql.few_scales()[m["scale"].lower()]
        low, high = (2 * scale, 3 * scale) if "couple" in m["few"].lower() else (2 * scale, 9 * scale)
        if "few" in m["few"].lower():
            high = 5 * scale
    q = Quantity(m.start(), m.end(), m[0], None, None, float(low), float(high), approximate=True)
    return Found(q, m.end())


def _fraction(m: re.Match[str]) -> Found | None:
    """'half of the 200' -> 100 (what is counted follows the 200); a bare 'a third of' -> 33.3 %."""
    top = m["top"]
    if top is None and m["bottom"].lower() not in ("half", "halves"):
        return None
    share = fraction(top, m["bottom"])
    base = parse_number(m["base"]) if m["base"] else None
    if share is None or share > 1 or (m["base"] and (base is None or _YEAR_ONLY.fullmatch(m["base"]))):
        return None
    if base is not None:
        q = Quantity(m.start(), m.end("base"), m[0][: m.end("base") - m.start()], share * base)
        return Found(q, m.end("base"))
    q = Quantity(m.start(), m.end("frac"), m["frac"], round(share * 100, 2), "%")
    return Found(q, m.end("frac"))
