"""Connected groups of linked items (union-find), each named by its first member by a ranking."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any


def connected_roots(pairs: Iterable[tuple[str, str]], rank: Callable[[str], Hashable | Any]) -> dict[str, str]:
    """Every item of the pairs mapped to the lowest-ranked member of its connected group."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            first, other = sorted((ra, rb), key=rank)
            parent[other] = first
    return {x: find(x) for x in parent}
