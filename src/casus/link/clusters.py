"""Event clusters: blocking, scored pairs, and greedy average-linkage merging under hard constraints.

Blocking keeps the work linear in practice: two mentions are compared only when they share a type
family (connected types of the compatibility table), a compatible actor dyad and a time bucket (ISO
weeks their date interval — or, undated, the two weeks before publication — touches). Merging goes
best pair first; two clusters merge only when no member pair is incompatible and the average score
over all their member pairs reaches the threshold, so one strong pair cannot chain two events.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import combinations, product

from casus.link.features import Anchored, Mention
from casus.link.lexicon import type_table
from casus.link.similarity import DEFAULT, Weights, incompatible, score

WIDE_DAYS = 35
UNDATED_WINDOW = 14
EXACT_LINKAGE = 2500
SAMPLE = 50


def cluster_id(smallest_member: str) -> str:
    """Deterministic cluster id: a hash of its smallest member event id."""
    return "cl_" + hashlib.sha256(smallest_member.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def time_buckets(first: int | None, last: int | None, weak: bool, published: int | None) -> tuple[int, ...]:
    """ISO-week-sized buckets (day ordinal // 7) a mention may share with another report of its event."""
    if first is not None and last is not None and not weak:
        lo, hi = (first, last) if last - first <= WIDE_DAYS else (last - UNDATED_WINDOW, last)
    elif published is not None:
        lo, hi = published - UNDATED_WINDOW, published
    else:
        return (-1,)
    return tuple(range(lo // 7, hi // 7 + 1))


def _time_buckets(m: Mention) -> tuple[int, ...]:
    return time_buckets(m.first, m.last, m.weak_date, m.published)


DyadKey = tuple[str, str, bool]  # source, target ("" when unknown), type may carry conflicting blame


def dyad_key(source: str | None, target: str | None, type_: str, soft_types: frozenset[str]) -> DyadKey:
    return (source or "", target or "", type_ in soft_types)


def dyads_meet(k1: DyadKey, k2: DyadKey) -> bool:
    (s1, t1, soft1), (s2, t2, soft2) = k1, k2
    if t1 and t2 and t1 != t2:
        return False
    return (soft1 and soft2) or not s1 or not s2 or s1 == s2


def _bucket_pairs(members: list[int], mentions: list[Mention], soft_types: frozenset[str]
                  ) -> Iterator[tuple[int, int]]:
    by_dyad: dict[DyadKey, list[int]] = defaultdict(list)
    for i in members:
        m = mentions[i]
        by_dyad[dyad_key(m.source, m.target, m.type, soft_types)].append(i)
    keys = sorted(by_dyad)
    for a, b in combinations(keys, 2):
        if dyads_meet(a, b):
            yield from product(by_dyad[a], by_dyad[b])
    for k in keys:
        yield from combinations(by_dyad[k], 2)


# An undated mention in a corpus without publication dates has no time block: it is paired only with
# mentions of its family that share an anchor (its document, equipment, a registration, a named place, or
# a word rarer than this idf), not with the whole family, which would be quadratic in the corpus.
RARE_IDF = 5.0


def rare_words(idf: dict[str, float]) -> frozenset[str]:
    """The words rare enough to anchor an undated mention (idf at or above RARE_IDF)."""
    return frozenset(t for t, v in idf.items() if v >= RARE_IDF)


def anchor_keys(m: Mention | Anchored, rare: frozenset[str]) -> frozenset[tuple[str, str]]:
    """What an undated mention must share with another to be compared with it at all (``rare``: the
    corpus's ``rare_words``)."""
    keys = {("doc", m.doc_id)} | {("eq", e) for e in m.equipment} | {("reg", r) for r in m.registrations}
    if m.place is not None:
        keys.add(("place", m.place.name.lower()))
    keys |= {("tok", t) for t in m.tokens & rare}
    return frozenset(keys)


def anchors_among(m: Mention | Anchored, wanted: dict[str, set[str]]) -> list[tuple[str, str]]:
    """The anchors of ``anchor_keys`` that m holds among ``wanted`` (kind -> values, the kinds of
    ``anchor_keys``), without building all of m's: what indexing a few mentions' anchors needs."""
    held = [("doc", m.doc_id)] if m.doc_id in wanted["doc"] else []
    held += [("eq", e) for e in m.equipment & wanted["eq"]]
    held += [("reg", r) for r in m.registrations & wanted["reg"]]
    if m.place is not None and m.place.name.lower() in wanted["place"]:
        held.append(("place", m.place.name.lower()))
    held += [("tok", t) for t in m.tokens & wanted["tok"]]  # wanted tokens come from anchors: rare ones
    return held


def candidate_pairs(mentions: list[Mention], idf: dict[str, float]) -> set[tuple[int, int]]:
    """Index pairs (i < j) that share a time block, or where one is undated, an anchor (see anchor_keys)."""
    soft_types = type_table().soft_source
    buckets: dict[tuple[str, int], list[int]] = defaultdict(list)
    postings: dict[tuple[str, tuple[str, str]], list[int]] = defaultdict(list)
    undated: list[int] = []
    rare = rare_words(idf)
    for i, m in enumerate(mentions):
        weeks = _time_buckets(m)
        if weeks == (-1,):
            undated.append(i)
        else:
            for week in weeks:
                buckets[(m.family, week)].append(i)
        for key in anchor_keys(m, rare):
            postings[(m.family, key)].append(i)
    pairs: set[tuple[int, int]] = set()
    for idx in buckets.values():
        pairs.update((min(i, j), max(i, j)) for i, j in _bucket_pairs(idx, mentions, soft_types) if i != j)
    for i in undated:
        m = mentions[i]
        key_i = dyad_key(m.source, m.target, m.type, soft_types)
        for j in {j for key in anchor_keys(m, rare) for j in postings[(m.family, key)]}:
            o = mentions[j]
            if j != i and dyads_meet(key_i, dyad_key(o.source, o.target, o.type, soft_types)):
                pairs.add((min(i, j), max(i, j)))
    return pairs


@dataclass(slots=True)
class _Group:
    """A growing cluster and the summaries its hard constraints are checked on."""

    members: list[int]
    types: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    max_first: int | None = None
    min_last: int | None = None

    @classmethod
    def of(cls, i: int, m: Mention) -> _Group:
        g = cls([i], {m.type}, {m.source} - {None}, {m.target} - {None},  # type: ignore[arg-type]
                {m.place.country} - {None} if m.place else set())  # type: ignore[arg-type]
        if m.first is not None and not m.weak_date:
            g.max_first, g.min_last = m.first, m.last
        return g

    def absorb(self, other: _Group) -> None:
        self.members.extend(other.members)
        self.types |= other.types
        self.sources |= other.sources
        self.targets |= other.targets
        self.countries |= other.countries
        if other.max_first is None or other.min_last is None:
            return
        if self.max_first is None or self.min_last is None:
            self.max_first, self.min_last = other.max_first, other.min_last
        else:
            self.max_first, self.min_last = max(self.max_first, other.max_first), min(self.min_last, other.min_last)


def _groups_compatible(a: _Group, b: _Group, w: Weights) -> bool:
    table = type_table()
    if any(table.compatibility(t, u) == 0.0 for t in a.types for u in b.types):
        return False
    if len(a.targets | b.targets) > 1 or len(a.countries | b.countries) > 1:
        return False
    if len(a.sources | b.sources) > 1 and not (a.types | b.types) <= table.soft_source:
        return False
    firsts = [x for x in (a.max_first, b.max_first) if x is not None]
    lasts = [x for x in (a.min_last, b.min_last) if x is not None]
    return not firsts or max(firsts) - min(lasts) <= w.max_gap_days


def _average(a: _Group, b: _Group, mentions: list[Mention], idf: dict[str, float], w: Weights,
             known: dict[tuple[int, int], float]) -> float:
    """Average pair score between two groups (a fixed sample of each when both are large)."""
    xs, ys = a.members, b.members
    if len(xs) * len(ys) > EXACT_LINKAGE:
        xs, ys = sorted(xs)[:SAMPLE], sorted(ys)[:SAMPLE]
    total = 0.0
    for i, j in product(xs, ys):
        pair = (min(i, j), max(i, j))
        if pair in known:
            total += known[pair]
            continue
        if incompatible(mentions[i], mentions[j], w):
            return float("-inf")
        total += score(mentions[i], mentions[j], idf, w)
    return total / (len(xs) * len(ys))


@dataclass(slots=True)
class MergeGraph:
    """The merge graph's edges (index pairs i < j -> score), and each mention's *ceiling*: the highest
    score below the threshold of a compatible candidate pair it is in (none: every such pair is an edge).
    A later incremental run bounds a pair's new score from the ceilings without rescoring it."""

    edges: dict[tuple[int, int], float]
    ceilings: dict[int, float]


def merge_graph(ms: list[Mention], idf: dict[str, float], w: Weights = DEFAULT) -> MergeGraph:
    """Candidate pairs that are compatible and score at or above the threshold, and the ceilings."""
    graph = MergeGraph({}, {})
    ceilings = graph.ceilings
    for i, j in candidate_pairs(ms, idf):
        if not incompatible(ms[i], ms[j], w):
            s = score(ms[i], ms[j], idf, w)
            if s >= w.threshold:
                graph.edges[(i, j)] = s
            else:
                ceilings[i] = max(ceilings.get(i, s), s)
                ceilings[j] = max(ceilings.get(j, s), s)
    return graph


def components(n: int, edges: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected components of the merge graph over indices 0..n-1, each sorted, in order of first member."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(i)
    return [groups[r] for r in sorted(groups)]


def _greedy(ms: list[Mention], scored: list[tuple[float, int, int]], known: dict[tuple[int, int], float],
            idf: dict[str, float], w: Weights) -> dict[int, int]:
    """Best pair first, average linkage under hard constraints, within one component: index -> root index."""
    root: dict[int, int] = {}
    groups: dict[int, _Group] = {}
    for _, i, j in scored:
        for k in (i, j):
            if k not in root:
                root[k], groups[k] = k, _Group.of(k, ms[k])
    rejected: set[tuple[int, int, int, int]] = set()
    for _, i, j in scored:
        ri, rj = root[i], root[j]
        if ri == rj:
            continue
        attempt = (ri, len(groups[ri].members), rj, len(groups[rj].members))
        if attempt in rejected:
            continue
        if not _groups_compatible(groups[ri], groups[rj], w) or \
                _average(groups[ri], groups[rj], ms, idf, w, known) < w.threshold:
            rejected.add(attempt)
            continue
        keep, gone = min(ri, rj), max(ri, rj)
        for k in groups[gone].members:
            root[k] = keep
        groups[keep].absorb(groups.pop(gone))
    return root


@dataclass(slots=True)
class Clustering:
    """Event id -> cluster id; event id -> component key (its smallest member id; singletons: their own
    id); the merge graph's edges as (smaller id, larger id) -> score, and the mentions' ceilings: what a
    later incremental link reuses instead of scoring every pair again."""

    cluster_of: dict[str, str]
    component_of: dict[str, str]
    edges: dict[tuple[str, str], float]
    ceilings: dict[str, float] = field(default_factory=dict)  # of a run from scratch (see MergeGraph)


def cluster_components(mentions: list[Mention], idf: dict[str, float], w: Weights = DEFAULT) -> Clustering:
    """Cluster from scratch: score the candidate pairs, then merge (see ``cluster_edges``)."""
    ms = sorted(mentions, key=lambda m: m.id)
    graph = merge_graph(ms, idf, w)
    clustering = cluster_edges(ms, graph.edges, idf, w)
    clustering.ceilings = {ms[i].id: c for i, c in sorted(graph.ceilings.items())}
    return clustering


def cluster_edges(ms: list[Mention], known: dict[tuple[int, int], float], idf: dict[str, float],
                  w: Weights = DEFAULT) -> Clustering:
    """Merge mentions ordered by id along the given merge-graph edges (index pairs i < j -> score).

    Deterministic: pairs go by (score, ids). Merges only follow edges, so each connected component of
    the merge graph is clustered on its own, the same whatever else is linked: the unit incremental
    linking redoes, from edges it keeps or rescored."""
    comps = components(len(ms), known)
    comp_of = [0] * len(ms)
    for c, members in enumerate(comps):
        for i in members:
            comp_of[i] = c
    by_comp: dict[int, list[tuple[float, int, int]]] = defaultdict(list)
    for (i, j), s in known.items():
        by_comp[comp_of[i]].append((-s, i, j))
    root = list(range(len(ms)))
    for pairs in by_comp.values():
        for k, r in _greedy(ms, sorted(pairs), known, idf, w).items():
            root[k] = r
    return Clustering({m.id: cluster_id(ms[root[i]].id) for i, m in enumerate(ms)},
                      {m.id: ms[comps[comp_of[i]][0]].id for i, m in enumerate(ms)},
                      {(ms[i].id, ms[j].id): s for (i, j), s in known.items()})


def cluster_mentions(mentions: list[Mention], idf: dict[str, float], w: Weights = DEFAULT) -> dict[str, str]:
    """Event id -> cluster id (see ``cluster_components``)."""
    return cluster_components(mentions, idf, w).cluster_of
