"""What one linking run leaves for the next, as plain JSON-serialisable data.

The pipeline stores it beside the link tables (``LinkState.to_rows()`` as the ``link_state`` table) and
hands it back with the previous ``LinkResult``. A state written by another version of the linking
(other weights, other data files) is not reused: ``from_rows`` returns None and linking starts over.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from casus.link.duplicates import DuplicateState
from casus.link.similarity import DEFAULT

FORMAT = "casus-link-state/4"  # 2: within-document ties, hyphenated words split; 3: merge-graph edges kept;
# 4: lifts kept (ceilings are no longer each an upper bound of all their mention's pairs alone)


@cache
def state_version() -> str:
    """A digest of everything a stored state depends on: format, weights and the linking data files."""
    h = hashlib.sha256(f"{FORMAT}|{DEFAULT!r}".encode())
    for path in sorted(resources.files("casus.link").joinpath("data").iterdir(), key=lambda p: p.name):
        if path.name.endswith(".json"):
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


@dataclass(slots=True)
class LinkState:
    """Duplicate signatures and pairs; the idf levels of every token and of the mention count; the
    merge-graph components with more than one member (key: smallest member id) and their edges
    (pairs of ids with their score: rescoring only the pairs a change touches rebuilds the graph); and
    per mention a *ceiling* and a *lift*, which bound the score of every candidate pair of a and b that
    is no edge and shares a word (the only pairs whose score can move) without scoring it:
    score ≤ min(ceiling[a] + lift[b], ceiling[b] + lift[a]). After a run
    from scratch the ceilings are exact (each mention's highest score below the threshold) and the lifts
    nought; later runs raise both (see casus.link.incremental)."""

    duplicates: DuplicateState = field(default_factory=DuplicateState)
    n_level: int = 0
    levels: dict[str, int] = field(default_factory=dict)
    components: dict[str, list[str]] = field(default_factory=dict)
    edges: dict[str, list[tuple[str, str, float]]] = field(default_factory=dict)
    ceilings: dict[str, float] = field(default_factory=dict)  # upper bounds (see clusters.MergeGraph)
    lifts: dict[str, float] = field(default_factory=dict)  # nought where absent
    version: str = field(default_factory=state_version)

    def component_index(self) -> dict[str, str]:
        """Event id -> component key, for the events of the stored multi-member components."""
        return {m: key for key, members in self.components.items() for m in members}

    @staticmethod
    def edges_by_component(component_of: dict[str, str], edges: dict[tuple[str, str], float]
                           ) -> dict[str, list[tuple[str, str, float]]]:
        """Edges grouped under their component's key, sorted: the ``edges`` field from a clustering."""
        grouped: dict[str, list[tuple[str, str, float]]] = {}
        for (a, b), s in edges.items():
            grouped.setdefault(component_of[a], []).append((a, b, s))
        return {k: sorted(v) for k, v in sorted(grouped.items())}

    def to_rows(self) -> list[dict[str, Any]]:
        """The state as a few JSON rows (one per part) for the store's link tables."""
        return [
            {"part": "meta", "version": self.version, "n_level": self.n_level},
            {"part": "documents", "documents": {k: list(v) for k, v in self.duplicates.docs.items()}},
            {"part": "pairs", "pairs": [list(p) for p in self.duplicates.pairs]},
            {"part": "levels", "levels": self.levels},
            {"part": "components", "components": self.components},
            {"part": "edges", "edges": {k: [list(e) for e in v] for k, v in self.edges.items()}},
            {"part": "ceilings", "ceilings": self.ceilings},
            {"part": "lifts", "lifts": self.lifts},
        ]

    @classmethod
    def from_rows(cls, rows: list[dict[str, Any]]) -> LinkState | None:
        """The state back from ``to_rows``; None when absent, incomplete or of another version."""
        parts = {r.get("part"): r for r in rows}
        meta = parts.get("meta")
        if meta is None or meta.get("version") != state_version() or len(parts) < 8:
            return None
        docs = {k: (v[0], v[1]) for k, v in parts["documents"]["documents"].items()}
        pairs = [(a, b) for a, b in parts["pairs"]["pairs"]]
        return cls(DuplicateState(docs, pairs), int(meta["n_level"]), dict(parts["levels"]["levels"]),
                   {k: list(v) for k, v in parts["components"]["components"].items()},
                   {k: [(a, b, float(s)) for a, b, s in v] for k, v in parts["edges"]["edges"].items()},
                   {k: float(v) for k, v in parts["ceilings"]["ceilings"].items()},
                   {k: float(v) for k, v in parts["lifts"]["lifts"].items()}, meta["version"])
