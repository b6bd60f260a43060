"""The cluster-level tables: one description per cluster (row, contradictions, timeline line and what
the escalation index needs), computed from its mentions or read back from a previous run's rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from casus.link.contradictions import contradictions
from casus.link.corroboration import Corroboration, corroboration
from casus.link.escalation import Happening, escalation_rows
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


@dataclass(frozen=True, slots=True)
class Described:
    """One cluster's share of every table."""

    row: dict[str, Any]
    contradictions: list[dict[str, Any]]
    timeline: dict[str, Any]
    happening: Happening | None  # None: reused, and its dyad's escalation rows are kept as they are


def cluster_row(cluster: str, members: list[Event], s: Summary, c: Corroboration, kinds: list[str]) -> dict[str, Any]:
    """One clusters.jsonl line: the happening, its mentions and its corroboration."""
    return {
        "cluster": cluster, "type": s.type, "types": sorted({e.type for e in members}),
        "source": s.source[0], "target": s.target[0], "status": s.status, "start": s.start, "end": s.end,
        "mentions": [e.id for e in members], "documents": sorted({e.doc_id for e in members}),
        **c.to_json(), "contradictions": sorted(set(kinds)),
    }


def earliest_published(doc_ids: Iterable[str], docs: dict[str, Document]) -> str | None:
    dates = [d.published.date[:10] for i in doc_ids if (d := docs.get(i)) and d.published]
    return min(dates) if dates else None


def describe(cid: str, members: list[Event], docs: dict[str, Document], duplicate_of: dict[str, str]) -> Described:
    """A cluster's rows from its mentions (sorted by id)."""
    rows = contradictions(cid, members, docs, duplicate_of)
    kinds = [r["kind"] for r in rows]
    summary, corr = summarise(members), corroboration(members, docs, duplicate_of)
    happening = Happening(cid, summary.source[0], summary.target[0], summary.start, summary.end,
                          earliest_published((e.doc_id for e in members), docs), summary.intensity, summary.status,
                          len(corr.origins))
    return Described(cluster_row(cid, members, summary, corr, kinds), rows,
                     timeline_row(cid, summary, len(members), len(corr.origins), kinds), happening)


def reuse(row: dict[str, Any], rows: list[dict[str, Any]], line: dict[str, Any], docs: dict[str, Document],
          happening: bool = True) -> Described:
    """A cluster's rows as a previous run wrote them (its mentions and documents unchanged); its
    happening only when asked (its dyad's escalation rows are recomputed)."""
    if not happening:
        return Described(row, rows, line, None)
    dated = bool(line["start"] and line["end"])  # the publication date only places an undated cluster
    happening = Happening(row["cluster"], line["source"]["code"], line["target"]["code"], line["start"], line["end"],
                          None if dated else earliest_published(row["documents"], docs), line["intensity"],
                          line["status"], line["corroboration"])
    return Described(row, rows, line, happening)


def dyad_of(source: str | None, target: str | None) -> str | None:
    """The escalation dyad a cluster counts in (None: it counts in none)."""
    return f"{source}->{target}" if source and target and source != target else None


def update_escalation(previous: list[dict[str, Any]], dyads: set[str], happenings: list[Happening]
                      ) -> list[dict[str, Any]]:
    """Escalation rows with those of ``dyads`` recomputed from their happenings (a dyad's rows depend on
    its own clusters only) and the previous rows of every other dyad."""
    fresh = escalation_rows([h for h in happenings if dyad_of(h.source, h.target) in dyads])
    kept = [r for r in previous if r["dyad"] not in dyads]
    return sorted(kept + fresh, key=lambda r: (r["dyad"], r["period"], r["start"]))


def assemble(duplicate_of: dict[str, str], cluster_of: dict[str, str], described: dict[str, Described],
             escalation: list[dict[str, Any]] | None = None) -> LinkResult:
    """The LinkResult of every cluster's description, in the tables' fixed orders (the escalation rows
    computed from all happenings unless given)."""
    result = LinkResult(duplicate_of=duplicate_of, cluster_of=cluster_of)
    for cid in sorted(described):
        d = described[cid]
        result.clusters.append(d.row)
        result.contradictions.extend(d.contradictions)
        result.timeline.append(d.timeline)
    result.timeline.sort(key=lambda r: (r["start"] or "9999", r["cluster"]))
    if escalation is None:
        escalation = escalation_rows([d.happening for d in described.values() if d.happening is not None])
    result.escalation = escalation
    return result
