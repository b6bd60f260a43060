"""Link: across documents — near-duplicates, event clusters, corroboration, contradictions,
timeline and escalation.

Public entry point: ``link(documents, events) -> LinkResult``. It runs where all records are
(after the per-document stages), and is deterministic whatever the order of its inputs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from casus.records import Document, Event


@dataclass(slots=True)
class LinkResult:
    """What linking adds: ``duplicate_of`` per document, ``cluster`` per event, and cluster-level tables."""

    duplicate_of: dict[str, str] = field(default_factory=dict)  # doc_id -> earlier doc_id
    cluster_of: dict[str, str] = field(default_factory=dict)  # event id -> cluster id
    clusters: list[dict[str, Any]] = field(default_factory=list)
    contradictions: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    escalation: list[dict[str, Any]] = field(default_factory=list)


def link(documents: list[Document], events: list[Event]) -> LinkResult:
    """Link every event mention to the cluster of its real-world event."""
    return LinkResult(cluster_of={e.id: "cl_" + e.id[3:] for e in events})
