"""Word lists of the time and quantity normalisers, read once from ``resolve/data/*.json``.

The vocabularies are data (validated by their JSON Schemas in the same folder); this module
turns them into frozen values and into regex fragments. ``cue_windows`` is the shared
pre-filter: rules only run in windows around the cue words they need.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
FILES = ("times", "numbers", "quantities")


def _freeze(value: Any) -> Any:
    """JSON data as read-only values: dicts become mappings, lists tuples."""
    if isinstance(value, dict):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


@functools.cache
def load(name: str) -> Mapping[str, Any]:
    """One data file, frozen (read once per process)."""
    with (DATA / f"{name}.json").open(encoding="utf-8") as fh:
        return _freeze(json.load(fh))


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one data file (for the validating test)."""
    with (DATA / f"{name}.schema.json").open(encoding="utf-8") as fh:
        return json.load(fh)


def alternation(words: Iterable[str]) -> str:
    """Regex alternation of literal words, longest first, spaces flexible, apostrophes either kind."""
    forms = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in forms)


def cased(words: Iterable[str]) -> str:
    """Alternation of each word in Title and UPPER case, longest first ("May", "MAY", never "may")."""
    return alternation(f for w in words for f in (_title(w), w.upper()))


def _title(phrase: str) -> str:
    """'new year's eve' -> "New Year's Eve" (str.title would give "Year'S")."""
    return " ".join(w[:1].upper() + w[1:] for w in phrase.split())


def trie(words: Iterable[str]) -> str:
    """A regex matching exactly ``words`` (lower-case literals), factored as a trie: fast to scan."""
    root: dict[str, dict] = {}
    for word in set(words):
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(root)


def _trie_regex(node: dict[str, dict]) -> str:
    branches = [re.escape(c) + _trie_regex(sub) for c, sub in sorted(node.items()) if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    if "" in node:
        return f"(?:{body})?" if len(branches) == 1 else f"{body}?"
    return body


def merged_windows(positions: Iterable[int], before: int, after: int, length: int) -> list[tuple[int, int]]:
    """Windows [p - before, p + after) around the positions, clipped and merged."""
    out: list[tuple[int, int]] = []
    for p in sorted(positions):
        lo, hi = max(0, p - before), min(length, p + after)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out
