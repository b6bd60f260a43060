"""Linking from scratch, and linking again after documents were added or changed, to the same result.

Why the incremental run equals a full one: clusters only ever merge along edges of the merge graph
(candidate pairs scoring at or above the threshold), and the greedy merging of one connected component
depends on nothing but its edges and its members' pair scores. A pair's score depends only on the two
mentions and the idf of their words; idf is taken on half-octave levels of the counts, so a new mention
moves the weight of no word whose count stays on its level. The state keeps the graph's edges. A later
run rescores only the pairs that can have moved: every pair with a new or changed mention, and every
pair sharing a word with a mention that holds a word whose level moved (a *holder*; without a common
word the overlap is nought under any idf). It then merges again the old components that removed
mentions, new edges and holders in multi-member components (whose merging averages moved scores)
touch, from their kept and rescored edges; every other component keeps its clusters and rows. A change
of the mention count's level (about every 41 % of growth) makes everything dirty: a full run.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from casus.link.clusters import (
    RARE_IDF,
    Clustering,
    DyadKey,
    anchor_keys,
    cluster_components,
    cluster_edges,
    dyad_key,
    dyads_meet,
    rare_words,
    time_buckets,
)
from casus.link.duplicates import update_duplicates
from casus.link.features import (
    Mention,
    idf_from_counts,
    idf_from_levels,
    level,
)
from casus.link.lexicon import type_table
from casus.link.similarity import DEFAULT, incompatible, overlap, score
from casus.link.source import MentionSource
from casus.link.state import LinkState
from casus.link.tables import Described, LinkResult, assemble, describe, dyad_of, reuse, update_escalation
from casus.records import Document, Event


def _components_of(comp_of: dict[str, str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for ev_id, key in comp_of.items():
        groups[key].append(ev_id)
    return {k: sorted(v) for k, v in sorted(groups.items()) if len(v) > 1}


def _groups(events: Iterable[Event], cluster_of: dict[str, str], wanted: set[str] | None) -> dict[str, list[Event]]:
    groups: dict[str, list[Event]] = defaultdict(list)
    for ev in sorted(events, key=lambda e: e.id):
        cid = cluster_of[ev.id]
        if wanted is None or cid in wanted:
            groups[cid].append(ev)
    return groups


def assign_clusters(documents: list[Document], events: list[Event], duplicate_of: dict[str, str]) -> dict[str, str]:
    """Event id -> cluster id over everything (see casus.link.clusters)."""
    source = MentionSource.of_events(events, {d.doc_id: d for d in documents})
    return _cluster_from_scratch(source, duplicate_of)[0].cluster_of


def _cluster_from_scratch(source: MentionSource, duplicate_of: dict[str, str]) -> tuple[Clustering, Counter[str]]:
    """Every mention clustered from scratch, and the words' mention counts (what the idf is made of)."""
    df = Counter(t for m in source.mentions.values() for t in m.tokens)
    idf = idf_from_counts(df, len(source.mentions))
    mentions = [source.rooted(i, duplicate_of, sum(idf.get(t, 1.0) for t in m.tokens))
                for i, m in source.mentions.items()]
    return cluster_components(mentions, idf), df


def link_with_state(documents: list[Document], events: list[Event] | MentionSource
                    ) -> tuple[LinkResult, LinkState]:
    """Link everything from scratch, and the state a later ``link_incremental`` starts from."""
    duplicate_of, dup_state = update_duplicates(None, documents)
    docs = {d.doc_id: d for d in documents}
    source = _source(events, docs)
    clustering, df = _cluster_from_scratch(source, duplicate_of)
    described = {cid: describe(cid, members, docs, duplicate_of)
                 for cid, members in _groups(source.load(source.mentions), clustering.cluster_of, None).items()}
    state = LinkState(dup_state, level(len(source.mentions) + 1), {t: level(c) for t, c in df.items()},
                      _components_of(clustering.component_of),
                      LinkState.edges_by_component(clustering.component_of, clustering.edges), clustering.ceilings)
    return assemble(duplicate_of, clustering.cluster_of, described), state


def _source(events: list[Event] | MentionSource, docs: dict[str, Document]) -> MentionSource:
    return events if isinstance(events, MentionSource) else MentionSource.of_events(events, docs)


def link(documents: list[Document], events: list[Event]) -> LinkResult:
    """Mark duplicate documents, cluster event mentions, and describe every cluster."""
    return link_with_state(documents, events)[0]


@dataclass(slots=True)
class _World:
    """Everything stored as mentions, with duplicate roots and idf masses filled in on demand."""

    source: MentionSource
    duplicate_of: dict[str, str]
    idf: dict[str, float]
    cache: dict[str, Mention]

    def mention(self, ev_id: str) -> Mention:
        m = self.cache.get(ev_id)
        if m is None:
            mass = sum(self.idf.get(t, 1.0) for t in self.source.mentions[ev_id].tokens)
            m = self.cache[ev_id] = self.source.rooted(ev_id, self.duplicate_of, mass)
        return m

    def pair_score(self, a: str, b: str) -> float | None:
        """The pair's score (a < b, the order a run from scratch scores them in); None: incompatible."""
        ma, mb = self.mention(a), self.mention(b)
        return None if incompatible(ma, mb, DEFAULT) else score(ma, mb, self.idf, DEFAULT)


class _Blocks:
    """Who shares a block with whom (the candidate pairs of casus.link.clusters, looked up per mention).
    A time bucket's mentions are grouped by dyad key, so that whether two dyads meet is asked once per
    dyad of the bucket, not once per mention."""

    def __init__(self, world: _World) -> None:
        soft = type_table().soft_source
        self.key: dict[str, tuple[str, tuple[int, ...], DyadKey]] = {}
        self.buckets: dict[tuple[str, int], dict[DyadKey, list[str]]] = defaultdict(dict)
        self.anchors: dict[str, frozenset[tuple[str, str]]] = {}
        self.postings: dict[tuple[str, tuple[str, str]], list[str]] = defaultdict(list)
        rare = rare_words(world.idf)
        for ev_id, m in world.source.mentions.items():
            key = (m.family, time_buckets(m.first, m.last, m.weak_date, m.published),
                   dyad_key(m.source, m.target, m.type, soft))
            self.key[ev_id] = key
            self.anchors[ev_id] = anchor_keys(m, rare)
            for anchor in self.anchors[ev_id]:
                self.postings[(m.family, anchor)].append(ev_id)
            for week in key[1]:
                self.buckets[(m.family, week)].setdefault(key[2], []).append(ev_id)

    def partners(self, ev_id: str) -> set[str]:
        fam, weeks, dyad = self.key[ev_id]
        anchored = (x for a in self.anchors[ev_id] for x in self.postings[(fam, a)])
        if weeks == (-1,):
            found = {x for x in anchored if dyads_meet(dyad, self.key[x][2])}
        else:
            found = {x for x in anchored if self.key[x][1] == (-1,) and dyads_meet(dyad, self.key[x][2])}
            for week in weeks:
                for other, ids in self.buckets.get((fam, week), {}).items():
                    if dyads_meet(dyad, other):
                        found.update(ids)
        found.discard(ev_id)
        return found


@dataclass(slots=True)
class _Change:
    """What moved since the last link: mentions new or re-extracted (*fresh*), gone, and holding a word
    whose idf level moved (*holders*); with each mention's content words."""

    fresh: set[str]
    removed: set[str]
    holders: set[str]
    tokens: dict[str, frozenset[str]]

    def may_move(self, a: str, b: str) -> bool:
        """Whether the pair's score (or its being a candidate at all) may differ from the last run's."""
        if a in self.fresh or b in self.fresh or a in self.removed or b in self.removed:
            return True
        return (a in self.holders or b in self.holders) and bool(self.tokens[a] & self.tokens[b])


ROUNDING = 1e-6  # scores are rounded to six decimals


@dataclass(slots=True)
class _Bound:
    """Bounds the new score of a pair of unchanged mentions from the last run, without scoring it.

    Only the word overlap depends on idf, and it enters the score with weight ``words``: a pair that
    was no edge scored at most the smaller of its two ceilings, so now it scores at most that plus
    ``words`` times the rise of its overlap (computed from the words alone, under both idfs)."""

    old_idf: dict[str, float]
    new_idf: dict[str, float]
    old_edges: set[tuple[str, str]]
    ceilings: dict[str, float]
    flipped: frozenset[str]  # words whose idf crossed RARE_IDF: sharing one may make a pair a new candidate
    tokens: dict[str, frozenset[str]]  # every mention's words
    masses: dict[str, tuple[float, float]] = field(default_factory=dict)  # id -> mass under new, old idf
    rises: dict[str, float] = field(default_factory=dict)  # holder id -> ``rise_with_unmoved``

    def mass(self, ev_id: str) -> tuple[float, float]:
        m = self.masses.get(ev_id)
        if m is None:
            tokens = self.tokens[ev_id]
            m = self.masses[ev_id] = (sum(self.new_idf.get(t, 1.0) for t in tokens),
                                      sum(self.old_idf.get(t, 1.0) for t in tokens))
        return m

    def rise_with_unmoved(self, holder: str) -> float:
        """A bound of how much a holder's word overlap with any mention holding no moved word can rise.

        Their common words kept their idf (the other holds none that moved), so the intersection's
        weight I is the same, and so is the other's mass n; the holder's mass moved from m = U + W to
        m' = U + W', W and W' its moved words' weights, U the rest's (I ≤ U, I ≤ n). Nothing rises when
        W' ≥ W. Else the Jaccard I/(m'+n−I) − I/(m+n−I) = I(W−W')/((m'+n−I)(m+n−I)) ≤ U(W−W')/(m'm),
        reached when the other's words are exactly the holder's unmoved ones; the containment
        c·I/min(·, n) rises by at most c·I(1/m' − 1/m) ≤ c·U(W−W')/(m'm); their maximum by at most the
        larger rise."""
        rise = self.rises.get(holder)
        if rise is None:
            new, old = self.mass(holder)
            moved = [t for t in self.tokens[holder] if self.new_idf.get(t, 1.0) != self.old_idf.get(t, 1.0)]
            drop = sum(self.old_idf.get(t, 1.0) for t in moved) - sum(self.new_idf.get(t, 1.0) for t in moved)
            rest = old - sum(self.old_idf.get(t, 1.0) for t in moved)
            rise = self.rises[holder] = max(1.0, DEFAULT.containment) * max(rest, 0.0) * max(drop, 0.0) / (new * old) \
                if new > 0 and old > 0 else math.inf
        return rise

    def _ceiling(self, a: str, b: str) -> float | None:
        """The smaller of the pair's ceilings; -inf when one has none (every compatible candidate pair of
        it was an edge, so this pair, no edge, is incompatible); None for an old edge: score it."""
        if (a, b) in self.old_edges:
            return None
        return min(self.ceilings.get(a, -math.inf), self.ceilings.get(b, -math.inf))

    @staticmethod
    def _under_threshold(ceiling: float, rise: float) -> float | None:
        bound = ceiling + DEFAULT.words * max(rise, 0.0) + ROUNDING
        return bound if bound < DEFAULT.threshold else None

    def below_unmoved(self, a: str, b: str, holder: str) -> float | None:
        """``below`` for a holder and a mention holding no moved word (no flipped word in common either),
        from the holder alone (``rise_with_unmoved``): cheaper, looser; None: try ``below``."""
        ceiling = self._ceiling(a, b)
        if ceiling is None or ceiling == -math.inf:
            return ceiling
        return self._under_threshold(ceiling, self.rise_with_unmoved(holder))

    def below(self, a: str, b: str, common: frozenset[str]) -> float | None:
        """An upper bound of the score of a and b (``common``: their shared words), when that is below
        the threshold; None: score the pair."""
        ceiling = None if common & self.flipped else self._ceiling(a, b)
        if ceiling is None or ceiling == -math.inf:
            return ceiling
        (new_a, old_a), (new_b, old_b) = self.mass(a), self.mass(b)
        rise = overlap(common, new_a, new_b, self.new_idf) - overlap(common, old_a, old_b, self.old_idf)
        return self._under_threshold(ceiling, rise)


def _bound(state: LinkState, new_idf: dict[str, float], tokens: dict[str, frozenset[str]]) -> _Bound:
    old_idf = idf_from_levels(state.levels, state.n_level)
    flipped = frozenset(t for t in old_idf.keys() | new_idf.keys()
                        if (old_idf.get(t, 0.0) >= RARE_IDF) != (new_idf.get(t, 0.0) >= RARE_IDF))
    edges = {(a, b) for rows in state.edges.values() for a, b, _ in rows}
    return _Bound(old_idf, new_idf, edges, state.ceilings, flipped, tokens)


def _rescore(change: _Change, world: _World, bound: _Bound) -> tuple[dict[tuple[str, str], float | None],
                                                                     dict[str, float]]:
    """Every candidate pair whose score may have moved and cannot be bounded below the threshold, scored
    again ((a, b), a < b -> score, None when incompatible); and the mentions' new ceilings. Only a fresh
    mention or a holder can be in such a pair; a fresh mention's pairs are always scored."""
    blocks = _Blocks(world)
    rescored: dict[tuple[str, str], float | None] = {}
    seen: set[tuple[str, str]] = set()
    fresh, holders, tokens, threshold = change.fresh, change.holders, change.tokens, DEFAULT.threshold
    ceilings = {k: v for k, v in bound.ceilings.items() if k in tokens and k not in fresh}
    for x in sorted(fresh | holders):
        tx, x_fresh = tokens[x], x in fresh
        for y in sorted(blocks.partners(x)):
            if not (x_fresh or y in fresh) and tx.isdisjoint(tokens[y]):
                continue  # x is a holder: without a common word the pair did not move (``_Change.may_move``)
            pair = (x, y) if x < y else (y, x)
            if pair in seen:
                continue
            seen.add(pair)
            if x_fresh or y in fresh:
                s = rescored[pair] = world.pair_score(*pair)
            else:
                s = bound.below_unmoved(*pair, x) if y not in holders else None
                if s is None:
                    s = bound.below(*pair, tx & tokens[y])
                if s is None:
                    s = rescored[pair] = world.pair_score(*pair)
            if s is not None and -math.inf < s < threshold:
                a, b = pair
                ceilings[a] = max(ceilings.get(a, s), s)
                ceilings[b] = max(ceilings.get(b, s), s)
    return rescored, dict(sorted(ceilings.items()))


def _region_edges(change: _Change, state: LinkState, comp: dict[str, str],
                  rescored: dict[tuple[str, str], float | None]
                  ) -> tuple[set[str], set[str], dict[tuple[str, str], float]]:
    """(touched old component keys, the mentions to merge again, the merge graph's edges among them).

    Touched: the components of fresh and removed mentions, multi-member components with a holder, and
    both ends' components of every rescored pair that is an edge now. Their edges are the old ones
    whose score cannot have moved and the rescored ones (``comp``: the state's component index)."""
    touched = {comp.get(i, i) for i in change.fresh | change.removed}
    touched |= {comp[i] for i in change.holders if i in comp}
    new_edges = {pair: s for pair, s in rescored.items() if s is not None and s >= DEFAULT.threshold}
    touched |= {comp.get(i, i) for pair in new_edges for i in pair}
    region = {m for key in touched for m in state.components.get(key, [key]) if m in change.tokens}
    edges = {(a, b): s for key in touched for a, b, s in state.edges.get(key, ()) if not change.may_move(a, b)}
    edges.update(new_edges)
    return touched, region, edges


def link_incremental(previous: LinkResult, state: LinkState | None, documents: list[Document],
                     events: list[Event] | MentionSource, changed_doc_ids: Iterable[str] = ()
                     ) -> tuple[LinkResult, LinkState]:
    """Link after documents were added, changed or removed, redoing only the components they touch.

    ``previous`` and ``state`` are what the last run returned (``state`` None: a full run);
    ``documents``/``events`` are everything stored now (events as a list or as their mentions, see
    casus.link.source); ``changed_doc_ids`` the documents (re)processed since (documents whose text
    hash differs from the state's are found anyway). Equal to ``link``."""
    if state is None:
        return link_with_state(documents, events)
    docs = {d.doc_id: d for d in documents}
    source = _source(events, docs)
    changed = set(changed_doc_ids) | {i for i, d in docs.items() if state.duplicates.docs.get(i, ("",))[0] != d.sha256}
    tokens = {i: m.tokens for i, m in source.mentions.items()}
    df = Counter(t for ts in tokens.values() for t in ts)
    if level(len(tokens) + 1) != state.n_level:
        return link_with_state(documents, source)
    duplicate_of, dup_state = update_duplicates(state.duplicates, documents, changed)
    levels = {t: level(c) for t, c in df.items()}
    crossed = {t for t in levels.keys() | state.levels.keys() if levels.get(t) != state.levels.get(t)}
    fresh = {i for i, m in source.mentions.items() if m.doc_id in changed or i not in previous.cluster_of}
    holders = {i for i, ts in tokens.items() if ts & crossed} - fresh if crossed else set()
    comp = state.component_index()
    known = previous.cluster_of.keys() | comp.keys() | state.ceilings.keys()
    change = _Change(fresh, known - tokens.keys(), holders, tokens)  # a changed document's old events are gone
    world = _World(source, duplicate_of, idf_from_counts(df, len(tokens)), {})
    rescored, ceilings = _rescore(change, world, _bound(state, world.idf, tokens))
    touched, region, edges = _region_edges(change, state, comp, rescored)
    ms = sorted((world.mention(i) for i in region), key=lambda m: m.id)
    index = {m.id: k for k, m in enumerate(ms)}
    clustering = cluster_edges(ms, {(index[a], index[b]): s for (a, b), s in edges.items()}, world.idf)
    cluster_of = {i: clustering.cluster_of[i] if i in region else previous.cluster_of[i] for i in tokens}
    components = {k: v for k, v in state.components.items() if k not in touched}
    components.update(_components_of(clustering.component_of))
    kept_edges = {k: v for k, v in state.edges.items() if k not in touched}
    kept_edges.update(LinkState.edges_by_component(clustering.component_of, clustering.edges))
    new_state = LinkState(dup_state, state.n_level, levels, dict(sorted(components.items())),
                          dict(sorted(kept_edges.items())), ceilings)
    return _tables(previous, source, docs, duplicate_of, cluster_of, region, fresh), new_state


def _tables(previous: LinkResult, source: MentionSource, docs: dict[str, Document], duplicate_of: dict[str, str],
            cluster_of: dict[str, str], region: set[str], fresh: set[str]) -> LinkResult:
    """Rows of the clusters that are new, changed members, hold a fresh mention or a document whose
    duplicate root moved, from their mentions; the previous rows for all others (a row depends on
    its mentions, their documents and duplicate roots only); escalation rows recomputed for the dyads
    whose clusters changed."""
    moved = {d for d in docs if duplicate_of.get(d) != previous.duplicate_of.get(d)}
    rows = {r["cluster"]: r for r in previous.clusters}
    merged: dict[str, list[str]] = defaultdict(list)
    for i in sorted(region):
        merged[cluster_of[i]].append(i)
    redo = {cid for cid, ids in merged.items()
            if cid not in rows or rows[cid]["mentions"] != ids or any(i in fresh for i in ids)}
    redo |= {cluster_of[i] for i, m in source.mentions.items() if m.doc_id in moved}
    lines = {r["cluster"]: r for r in previous.timeline}
    redo |= {c for c in set(cluster_of.values()) if c not in rows or c not in lines}
    contra: dict[str, list[dict]] = defaultdict(list)
    for r in previous.contradictions:
        contra[r["cluster"]].append(r)
    again = source.load([i for i, c in cluster_of.items() if c in redo])
    described: dict[str, Described] = {cid: describe(cid, members, docs, duplicate_of)
                                       for cid, members in _groups(again, cluster_of, redo).items()}
    gone = (rows.keys() - set(cluster_of.values())) | (redo & rows.keys())
    dyads = {dyad_of(rows[c]["source"], rows[c]["target"]) for c in gone}
    dyads |= {dyad_of(h.source, h.target) for d in described.values() if (h := d.happening)}
    dyads.discard(None)
    for cid in set(cluster_of.values()) - redo:
        row = rows[cid]
        described[cid] = reuse(row, contra.get(cid, []), lines[cid], docs,
                               dyad_of(row["source"], row["target"]) in dyads)
    happenings = [d.happening for d in described.values() if d.happening is not None]
    escalation = update_escalation(previous.escalation, dyads, happenings)
    return assemble(duplicate_of, cluster_of, described, escalation)
