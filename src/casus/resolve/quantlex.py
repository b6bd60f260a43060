"""Vocabulary of quantities: hedges and bounds, measurement units, vague amounts, designators.

Frozen data; the scanner (``quantscan``) builds its regexes from it.
"""

from __future__ import annotations

import re

APPROXIMATE = ("about", "around", "nearly", "some", "roughly", "approximately", "almost", "an estimated",
               "estimated", "close to", "circa", "an approximate", "as many as", "just over", "just under", "~")
LOWER_BOUND = ("more than", "over", "at least", "upwards of", "in excess of", "well over", "just over",
               "no fewer than", "no less than", "a minimum of")
UPPER_BOUND = ("fewer than", "less than", "under", "at most", "up to", "no more than", "as many as", "just under",
               "a maximum of", "below")

# surface form -> normalised unit (matched case-insensitively, longest first)
UNITS: dict[str, str] = {
    "km": "km", "kms": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
    "nautical miles": "nautical miles", "nautical mile": "nautical miles", "nm": "nautical miles",
    "miles": "miles", "mile": "miles", "metres": "m", "meters": "m", "metre": "m", "meter": "m",
    "feet": "feet", "foot": "feet", "ft": "feet", "kg": "kg", "kilograms": "kg", "kilogram": "kg",
    "tonnes": "tonnes", "tonne": "tonnes", "tons": "tonnes", "ton": "tonnes",
    "hours": "hours", "hour": "hours", "hrs": "hours", "minutes": "minutes", "minute": "minutes",
    "mins": "minutes", "seconds": "seconds", "second": "seconds", "days": "days", "day": "days",
    "weeks": "weeks", "week": "weeks", "months": "months", "month": "months", "years": "years", "year": "years",
    "decades": "decades", "percent": "%", "per cent": "%", "percentage points": "percentage points", "%": "%",
    "knots": "knots", "mph": "mph", "km/h": "km/h", "kph": "km/h", "barrels": "barrels", "square km": "km²",
    "sq km": "km²", "square kilometres": "km²", "square kilometers": "km²", "square miles": "square miles",
    "dollars": "USD", "euros": "EUR", "roubles": "RUB", "rubles": "RUB", "yuan": "CNY", "bolivars": "VES",
}
GLUED_UNITS: dict[str, str] = {"km": "km", "kg": "kg", "mph": "mph", "ft": "feet", "%": "%", "nm": "nautical miles"}
CURRENCIES: dict[str, str] = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB"}
MONEY_SCALES: dict[str, int] = {"m": 10**6, "bn": 10**9, "b": 10**9, "k": 10**3, "tn": 10**12, "mn": 10**6}

# vague amounts -> (low, high)
VAGUE: dict[str, tuple[float, float]] = {
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 9_999_999), "tens of millions": (20_000_000, 99_999_999),
    "hundreds of millions": (200_000_000, 999_999_999), "billions": (2e9, 9.999e9),
}
FEW_SCALES: dict[str, float] = {"dozen": 12, "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9}

# a number right after one of these words names a thing, not an amount ("Resolution 2254", "Boeing 737")
DESIGNATORS = frozenset([
    "resolution", "article", "section", "chapter", "clause", "paragraph", "page", "flight", "route", "highway",
    "road", "no", "no.", "number", "model", "type", "boeing", "airbus", "tupolev", "ilyushin", "antonov", "sukhoi",
    "mig", "yakovlev", "embraer", "cessna", "lockheed", "project", "block", "batch", "phase", "stage", "level",
    "grade", "category", "code", "channel", "platform", "gate", "terminal", "room", "apartment", "building", "unit",
    "squadron", "regiment", "brigade", "division", "battalion", "wing", "fleet", "district", "precinct", "zone",
    "sector", "area", "ward", "bill", "act", "decree", "order", "law", "covid", "kilo", "pier", "berth", "hull",
    "tail", "serial", "callsign", "registration", "hangar", "runway", "plot", "lot", "kit", "version", "series",
    "season", "episode", "volume", "vol", "issue", "grid", "index", "item", "rule", "line"
])

CASUALTIES: dict[str, str] = {
    "kill": "killed", "die": "killed", "dead": "killed", "perish": "killed", "death": "killed",
    "wound": "wounded", "injure": "wounded", "hurt": "wounded", "injured": "wounded", "wounded": "wounded",
    "missing": "missing", "arrest": "arrested", "detain": "arrested", "capture": "captured",
    "displace": "displaced", "evacuate": "evacuated", "abduct": "abducted", "kidnap": "abducted",
}


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """Regex alternation of literal words, longest first, spaces flexible."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
