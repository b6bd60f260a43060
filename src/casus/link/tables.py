"""The cluster-level tables: one description per cluster (row, contradictions, timeline line and what
the escalation index needs), computed from its mentions or read back from a previous run's rows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from casus.link.contradictions import contradictions
from casus.link.corroboration import Corroboration, corroboration
from casus.link.escalation import Happening, escalation_rows
from casus.link.timeline import Summary, summarise, timeline_row
from casus.records import DocumentInfo, Event


@dataclass(slots=True)
class LinkResult:
    """What linking adds: ``duplicate_of`` per document, ``cluster`` per event, and cluster-level tables."""

    duplicate_of: dict[str, str] = field(default_factory=dict)  # doc_id -> earlier doc_id
    cluster_of: dict[str, str] = field(default_factory=dict)  # event id -> cluster id
    # lists, or the store's tables read on demand (casus.store.StoredTable)
    clusters: Sequence[dict[str, Any]] = field(default_factory=list)
    contradictions: Sequence[dict[str, Any]] = field(default_factory=list)
    timeline: Sequence[dict[str, Any]] = field(default_factory=list)
    escalation: Sequence[dict[str, Any]] = field(default_factory=list)


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


def earliest_published(doc_ids: Iterable[str], docs: Mapping[str, DocumentInfo]) -> str | None:
    dates = [d.published.date[:10] for i in doc_ids if (d := docs.get(i)) and d.published]
    return min(dates) if dates else None


def describe(cid: str, members: list[Event], docs: Mapping[str, DocumentInfo], duplicate_of: dict[str, str]
             ) -> Described:
    """A cluster's rows from its mentions (sorted by id)."""
    rows = contradictions(cid, members, docs, duplicate_of)
    kinds = [r["kind"] for r in rows]
    summary, corr = summarise(members), corroboration(members, docs, duplicate_of)
    happening = Happening(cid, summary.source[0], summary.target[0], summary.start, summary.end,
                          earliest_published((e.doc_id for e in members), docs), summary.intensity, summary.status,
                          len(corr.origins))
    return Described(cluster_row(cid, members, summary, corr, kinds), rows,
                     timeline_row(cid, summary, len(members), len(corr.origins), kinds), happening)


def reuse(row: dict[str, Any], rows: list[dict[str, Any]], line: dict[str, Any], docs: Mapping[str, DocumentInfo],
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


TABLE_NAMES = ("clusters", "contradictions", "timeline", "escalation")
CLUSTER_TABLES = ("clusters", "contradictions", "timeline")  # rows keyed by their cluster


def sort_key(name: str, row: dict[str, Any], n: int = 0) -> str:
    """The text a table's rows sort by, in the order ``assemble`` gives them (``n``: a contradiction's
    place among its cluster's); parts joined by \\x01, which sorts below every character they hold."""
    if name == "timeline":
        parts = [row["start"] or "9999", row["cluster"]]
    elif name == "escalation":
        parts = [row["dyad"], row["period"], row["start"]]
    elif name == "contradictions":
        parts = [row["cluster"], f"{n:09d}"]
    else:
        parts = [row["cluster"]]
    return "\x01".join(parts)


@dataclass(frozen=True, slots=True)
class Kept:
    """A cluster's rows as the last linking left them."""

    row: dict[str, Any]
    contradictions: list[dict[str, Any]]
    line: dict[str, Any]


class PreviousLinks(Protocol):
    """What an incremental linking reads of the last one: everything per event and document, and the
    rows of only the clusters it asks for (a store answers with a query, not by reading every row)."""

    duplicate_of: dict[str, str]
    cluster_of: dict[str, str]

    def row_ids(self) -> set[str]:
        """The clusters with a row."""
        ...

    def described_ids(self) -> set[str]:
        """The clusters with a row and a timeline line: those ``kept`` answers."""
        ...

    def rows(self, cids: Iterable[str]) -> list[dict[str, Any]]:
        """The rows of these clusters (those that have one)."""
        ...

    def kept(self, cids: Iterable[str]) -> dict[str, Kept]: ...

    def kept_in_dyads(self, dyads: set[str]) -> dict[str, Kept]:
        """The clusters counted in these escalation dyads (``dyad_of`` their row's source and target)."""
        ...


@dataclass(slots=True)
class LinkDelta:
    """What one linking changed in the tables: the rows of ``described`` clusters replace those of
    ``gone`` (old clusters, redone or no more), and ``escalation`` the escalation rows of ``dyads``.
    ``everything``: a linking from scratch, whose rows replace all."""

    duplicate_of: dict[str, str]
    cluster_of: dict[str, str]
    described: dict[str, Described]
    gone: set[str] = field(default_factory=set)
    dyads: set[str] = field(default_factory=set)
    escalation: list[dict[str, Any]] = field(default_factory=list)
    everything: bool = False

    def dropped(self) -> dict[str, set[str] | None]:
        """The keys of each table whose rows the delta's replace (None: all its rows)."""
        if self.everything:
            return dict.fromkeys(TABLE_NAMES)
        return {**{name: self.gone for name in CLUSTER_TABLES}, "escalation": self.dyads}

    def rows(self) -> dict[str, list[dict[str, Any]]]:
        """The new rows of each table, in the tables' orders (``assemble``'s)."""
        result = assemble(self.duplicate_of, self.cluster_of, self.described, self.escalation)
        return {"clusters": list(result.clusters), "contradictions": list(result.contradictions),
                "timeline": list(result.timeline), "escalation": list(result.escalation)}


class InMemoryLinks:
    """A LinkResult in memory as the previous linking (``PreviousLinks``)."""

    def __init__(self, result: LinkResult) -> None:
        self.duplicate_of, self.cluster_of = result.duplicate_of, result.cluster_of
        self.result = result
        self.by_cluster = {r["cluster"]: r for r in result.clusters}
        self.lines = {r["cluster"]: r for r in result.timeline}
        self.contra: dict[str, list[dict[str, Any]]] = {}
        for r in result.contradictions:
            self.contra.setdefault(r["cluster"], []).append(r)

    def row_ids(self) -> set[str]:
        return set(self.by_cluster)

    def described_ids(self) -> set[str]:
        return self.by_cluster.keys() & self.lines.keys()

    def rows(self, cids: Iterable[str]) -> list[dict[str, Any]]:
        return [self.by_cluster[c] for c in cids if c in self.by_cluster]

    def kept(self, cids: Iterable[str]) -> dict[str, Kept]:
        return {c: Kept(self.by_cluster[c], self.contra.get(c, []), self.lines[c])
                for c in cids if c in self.by_cluster and c in self.lines}

    def kept_in_dyads(self, dyads: set[str]) -> dict[str, Kept]:
        return self.kept(c for c, r in self.by_cluster.items() if dyad_of(r["source"], r["target"]) in dyads)


def apply_delta(previous: LinkResult, delta: LinkDelta) -> LinkResult:
    """The tables after ``delta``, from ``previous``'s: what a store holds after ``Store.apply_links``."""
    if delta.everything:
        return assemble(delta.duplicate_of, delta.cluster_of, delta.described, delta.escalation)
    old = InMemoryLinks(previous)
    kept = old.kept(old.described_ids() - delta.gone)
    described = {c: Described(k.row, k.contradictions, k.line, None) for c, k in kept.items()} | delta.described
    escalation = [r for r in previous.escalation if r["dyad"] not in delta.dyads] + delta.escalation
    escalation.sort(key=lambda r: (r["dyad"], r["period"], r["start"]))
    return assemble(delta.duplicate_of, delta.cluster_of, described, escalation)
