"""Quantity scanner over plain text: numbers with their hedge, range and measurement unit.

Pure (no spaCy), so it can be property-tested on any text. What is counted ("soldiers") is found
later from the parse (``quantities``). Dates, times of day, years, list markers and designations
("S-300", "63-9792", "Boeing 737") are not quantities and are skipped here.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from casus.records import Quantity
from casus.resolve import quantlex as ql
from casus.resolve.embeddates import foreign_dates
from casus.resolve.numbers import NUMBER, parse_number
from casus.resolve.timescan import scan_times

_HEDGE = ql.alternation(ql.APPROXIMATE + ql.LOWER_BOUND + ql.UPPER_BOUND)
_UNIT = ql.alternation(list(ql.UNITS))
_CURRENCY = ql.alternation(list(ql.CURRENCIES))


@functools.cache
def _quantity_re() -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\w#@/.,:$€£-])(?:(?P<hedge>{_HEDGE})\s+)?(?:(?P<between>between|from)\s+)?"
        rf"(?:(?P<cur>{_CURRENCY})\s?)?(?P<n1>{NUMBER})(?:(?<=\d)(?P<mscale>m|bn|b)\b)?"
        rf"(?:\s*(?P<join>-|–|\bto\b|\band\b|\bor\b)\s*(?P<cur2>{_CURRENCY})?(?P<n2>{NUMBER}))?"
        rf"(?:(?P<glue>(?<=\d)(?:{ql.alternation(list(ql.GLUED_UNITS))}))|[\s-]?(?P<unit>{_UNIT})(?![\w/]))?",
        re.IGNORECASE)


@functools.cache
def _vague_re() -> re.Pattern[str]:
    few = "|".join(ql.FEW_SCALES)
    return re.compile(rf"\b(?:(?P<vague>{ql.alternation(list(ql.VAGUE))})(?=\s+of\b)"
                      rf"|(?P<few>several|a\s+few|a\s+couple\s+of)\s+(?P<scale>{few})s?\b)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Found:
    """A scanned quantity and where its last number ends (the counted noun follows)."""

    quantity: Quantity
    number_end: int


def scan_quantities(text: str) -> list[Found]:
    """Quantities of ``text`` that are not dates, times, years, list markers or designations."""
    blocked = [(s.start, s.end) for s in scan_times(text)] + [(s, e) for s, e, _ in foreign_dates(text)]
    found = _numbers(text)
    found += [_vague(text, m) for m in _vague_re().finditer(text)]
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: (f.quantity.start - f.quantity.end, f.quantity.start)):
        q = f.quantity
        if not any(q.start < e and s < q.end for s, e in blocked):
            kept.append(f)
            blocked.append((q.start, q.end))
    return sorted(kept, key=lambda f: f.quantity.start)


def _numbers(text: str) -> list[Found]:
    """Number expressions left to right; a rejected range gives back its second number."""
    out: list[Found] = []
    pos = 0
    while (m := _quantity_re().search(text, pos)) is not None:
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
    scale = ql.MONEY_SCALES[m["mscale"].lower()] if m["mscale"] and m["cur"] else 1
    if m["mscale"] and not m["cur"]:
        return None
    low = _scaled(parse_number(m["n1"]), scale)
    high = _scaled(parse_number(m["n2"]), scale) if m["n2"] else None
    if low is None or (m["n2"] and (high is None or not _is_range(m, low, high))):
        return None
    unit = _unit(m)
    hedge = " ".join((m["hedge"] or "").lower().split())
    value, low_b, high_b = (None, low, high) if high is not None else _bounds(low, hedge)
    q = Quantity(m.start(), m.end(), m[0], value, unit, low_b, high_b,
                 approximate=hedge in ql.APPROXIMATE or hedge == "~")
    return Found(q, m.end("n2") if m["n2"] else m.end("n1"))


def _scaled(value: float | None, scale: float) -> float | None:
    return None if value is None else value * scale


def _bounds(value: float, hedge: str) -> tuple[float | None, float | None, float | None]:
    if hedge in ql.LOWER_BOUND:
        return value, value, None
    if hedge in ql.UPPER_BOUND and hedge not in ql.APPROXIMATE:
        return value, None, value
    return value, None, None


def _unit(m: re.Match[str]) -> str | None:
    currency = m["cur"] or m["cur2"]
    if currency:
        return ql.CURRENCIES[currency.lower()]
    if m["glue"]:
        return ql.GLUED_UNITS[m["glue"].lower()]
    if m["unit"]:
        return ql.UNITS[" ".join(m["unit"].lower().split())]
    return None


def _is_range(m: re.Match[str], low: float, high: float) -> bool:
    """'four to six', '10-15': increasing, and not a serial number like '63-9792'."""
    if high <= low:
        return False
    return m["join"] not in "-–" or high <= max(low * 20, 10)


def _not_an_amount(text: str, m: re.Match[str]) -> bool:
    """Designations, years, times of day, list markers and number-like pronouns."""
    after = text[m.end(): m.end() + 12]
    n1 = m["n1"]
    if re.match(r"[A-Za-z0-9]|[-–][A-Za-z0-9]|[.,:/]\d|\s*(?i:a\.m\.|p\.m\.|am\b|pm\b|gmt|utc|hrs?\b|local)", after):
        return True
    if _previous_word(text, m.start()) in ql.DESIGNATORS:
        return True
    if re.fullmatch(r"(?:1[6-9]|20)\d\d", n1) and not (m["unit"] or m["glue"] or m["cur"]):
        return re.match(r"\s+[a-z]+s\b", after) is None
    line_start = text.rfind("\n", 0, m.start()) + 1
    if re.fullmatch(r"\s*\(?", text[line_start: m.start()]) and re.match(r"[.)]\s", after):
        return True
    return text[m.start() - 1: m.start()] == "(" and after.startswith(")")


def _previous_word(text: str, start: int) -> str:
    hit = re.search(r"([A-Za-z][A-Za-z.]*)\s*#?\s*$", text[max(0, start - 24): start])
    return hit[1].lower() if hit else ""


def _vague(text: str, m: re.Match[str]) -> Found:
    if m["vague"]:
        low, high = ql.VAGUE[" ".join(m["vague"].lower().split())]
    else:
        scale = ql.FEW_SCALES[m["scale"].lower()]
        low, high = (2 * scale, 3 * scale) if "couple" in m["few"].lower() else (2 * scale, 9 * scale)
        if "few" in m["few"].lower():
            high = 5 * scale
    q = Quantity(m.start(), m.end(), m[0], None, None, float(low), float(high), approximate=True)
    return Found(q, m.end())
