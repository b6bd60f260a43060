"""Vocabulary of quantities: hedges and bounds, measurement units, vague amounts, designators.

Read once from ``data/quantities.json`` (frozen); the scanner (``quantscan``) builds its regexes
from it.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from casus.resolve.lexicon import alternation, load

__all__ = ["alternation", "approximate", "casualties", "currencies", "designators", "few_scales", "glued_units",
           "lower_bound", "money_scales", "units", "upper_bound", "vague"]


def _data() -> Mapping[str, Any]:
    return load("quantities")


@functools.cache
def approximate() -> frozenset[str]:
    return frozenset(_data()["approximate"])


@functools.cache
def lower_bound() -> frozenset[str]:
    return frozenset(_data()["lower_bound"])


@functools.cache
def upper_bound() -> frozenset[str]:
    return frozenset(_data()["upper_bound"])


@functools.cache
def designators() -> frozenset[str]:
    """A number right after one of these words names a thing, not an amount ('Resolution 2254')."""
    return frozenset(_data()["designators"])


def units() -> Mapping[str, str]:
    """Surface form -> normalised unit (matched case-insensitively, longest first)."""
    return _data()["units"]


def glued_units() -> Mapping[str, str]:
    return _data()["glued_units"]


def currencies() -> Mapping[str, str]:
    """Currency symbol -> ISO 4217 code."""
    return _data()["currencies"]


def money_scales() -> Mapping[str, int]:
    """Scale glued to an amount after a currency symbol ('£5m', '$2bn')."""
    return _data()["money_scales"]


def vague() -> Mapping[str, tuple[float, float]]:
    """Vague amounts -> (low, high): 'dozens' -> (24, 99)."""
    return _data()["vague"]


def few_scales() -> Mapping[str, float]:
    return _data()["few_scales"]


def casualties() -> Mapping[str, str]:
    """Lemma of a casualty verb or adjective -> what it makes of the counted noun ('kill' -> 'killed')."""
    return _data()["casualties"]
