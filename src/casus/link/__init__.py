"""Link: across documents — near-duplicates, event clusters, corroboration, contradictions,
timeline and escalation.

Public entry point: ``link(documents, events) -> LinkResult``. It runs where all records are
(after the per-document stages), and is deterministic whatever the order of its inputs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from casus.link.clusters import cluster_mentions
from casus.link.contradictions import contradictions
from casus.link.corroboration import Corroboration, corroboration
from casus.link.duplicates import find_duplicates
from casus.link.escalation import Happening, escalation_rows
from casus.link.features import idf_weights, mention_of, with_mass
from casus.link.timeline import Summary, summarise, timeline_row
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


def assign_clusters(documents: list[Document], events: list[Event], duplicate_of: dict[str, str]) -> dict[str, str]:
    """Event id -> cluster id (see casus.link.clusters)."""
    docs = {d.doc_id: d for d in documents}
    mentions = [mention_of(e, docs.get(e.doc_id), duplicate_of.get(e.doc_id, e.doc_id)) for e in events]
    idf = idf_weights(mentions)
    return cluster_mentions(with_mass(mentions, idf), idf)


def cluster_row(cluster: str, members: list[Event], s: Summary, c: Corroboration, kinds: list[str]) -> dict[str, Any]:
    """One clusters.jsonl line: the happening, its mentions and its corroboration."""
    return {
        "cluster": cluster, "type": s.type, "types": sorted({e.type for e in members}),
        "source": s.source[0], "target": s.target[0], "status": s.status, "start": s.start, "end": s.end,
        "mentions": [e.id for e in members], "documents": sorted({e.doc_id for e in members}),
        **c.to_json(), "contradictions": sorted(set(kinds)),
    }


def _earliest_published(members: list[Event], docs: dict[str, Document]) -> str | None:
    dates = [d.published.date[:10] for e in members if (d := docs.get(e.doc_id)) and d.published]
    return min(dates) if dates else None


def link(documents: list[Document], events: list[Event]) -> LinkResult:
    """Mark duplicate documents, cluster event mentions, and describe every cluster."""
    duplicate_of = find_duplicates(documents)
    cluster_of = assign_clusters(documents, events, duplicate_of)
    docs = {d.doc_id: d for d in documents}
    groups: dict[str, list[Event]] = defaultdict(list)
    for ev in sorted(events, key=lambda e: e.id):
        groups[cluster_of[ev.id]].append(ev)
    result = LinkResult(duplicate_of=duplicate_of, cluster_of=cluster_of)
    happenings = []
    for cid, members in sorted(groups.items()):
        rows = contradictions(cid, members, docs, duplicate_of)
        kinds = [r["kind"] for r in rows]
        summary, corr = summarise(members), corroboration(members, docs, duplicate_of)
        result.contradictions.extend(rows)
        result.clusters.append(cluster_row(cid, members, summary, corr, kinds))
        result.timeline.append(timeline_row(cid, summary, len(members), len(corr.origins), kinds))
        happenings.append(Happening(cid, summary.source[0], summary.target[0], summary.start, summary.end,
                                    _earliest_published(members, docs), summary.intensity, summary.status,
                                    len(corr.origins)))
    result.timeline.sort(key=lambda r: (r["start"] or "9999", r["cluster"]))
    result.escalation = escalation_rows(happenings)
    return result
