"""Linking from scratch, and linking again after documents were added or changed, to the same result.

Why the incremental run equals a full one: clusters only ever merge along edges of the merge graph
(candidate pairs scoring at or above the threshold), and the greedy merging of one connected component
depends on nothing outside it; a pair's score depends only on the two mentions and the idf of their
words, and idf is taken on half-octave levels of the counts, so a new mention changes the weight of no
word whose count stays on its level. A later run therefore redoes the *region*: new mentions, mentions
holding a word whose level moved, everything in the old components of those and of removed mentions,
and the old components they now have an edge to; every other component keeps its clusters and rows.
A change of the mention count's level (about every 41 % of growth) makes everything dirty: a full run.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from casus.link.clusters import anchor_keys, cluster_components, dyad_key, dyads_meet, time_buckets
from casus.link.duplicates import update_duplicates
from casus.link.features import Mention, anchored, idf_from_counts, level, mention_of, when_of, with_mass
from casus.link.lexicon import content_tokens, type_table
from casus.link.similarity import DEFAULT, incompatible, score
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
    docs = {d.doc_id: d for d in documents}
    mentions = [mention_of(e, docs.get(e.doc_id), duplicate_of.get(e.doc_id, e.doc_id)) for e in events]
    df = Counter(t for m in mentions for t in m.tokens)
    idf = idf_from_counts(df, len(mentions))
    return cluster_components(with_mass(mentions, idf), idf)[0]


def link_with_state(documents: list[Document], events: list[Event]) -> tuple[LinkResult, LinkState]:
    """Link everything from scratch, and the state a later ``link_incremental`` starts from."""
    duplicate_of, dup_state = update_duplicates(None, documents)
    docs = {d.doc_id: d for d in documents}
    mentions = [mention_of(e, docs.get(e.doc_id), duplicate_of.get(e.doc_id, e.doc_id)) for e in events]
    df = Counter(t for m in mentions for t in m.tokens)
    idf = idf_from_counts(df, len(mentions))
    cluster_of, comp_of = cluster_components(with_mass(mentions, idf), idf)
    described = {cid: describe(cid, members, docs, duplicate_of)
                 for cid, members in _groups(events, cluster_of, None).items()}
    state = LinkState(dup_state, level(len(mentions) + 1), {t: level(c) for t, c in df.items()},
                      _components_of(comp_of))
    return assemble(duplicate_of, cluster_of, described), state


def link(documents: list[Document], events: list[Event]) -> LinkResult:
    """Mark duplicate documents, cluster event mentions, and describe every cluster."""
    return link_with_state(documents, events)[0]


@dataclass(slots=True)
class _World:
    """Everything stored, with the cheap per-event keys blocking needs; full mentions made on demand."""

    events: dict[str, Event]
    docs: dict[str, Document]
    duplicate_of: dict[str, str]
    idf: dict[str, float]
    cache: dict[str, Mention]

    def mention(self, ev_id: str) -> Mention:
        m = self.cache.get(ev_id)
        if m is None:
            ev = self.events[ev_id]
            m = mention_of(ev, self.docs.get(ev.doc_id), self.duplicate_of.get(ev.doc_id, ev.doc_id))
            m = self.cache[ev_id] = replace(m, mass=sum(self.idf.get(t, 1.0) for t in m.tokens))
        return m

    def linked(self, a: str, b: str) -> bool:
        """An edge of the merge graph between two mentions."""
        ma, mb = self.mention(a), self.mention(b)
        return not incompatible(ma, mb, DEFAULT) and score(ma, mb, self.idf, DEFAULT) >= DEFAULT.threshold


class _Blocks:
    """Who shares a block with whom (the candidate pairs of casus.link.clusters, looked up per mention)."""

    def __init__(self, world: _World, tokens: dict[str, frozenset[str]]) -> None:
        soft = type_table().soft_source
        self.key: dict[str, tuple[str, tuple[int, ...], tuple[str, str, bool]]] = {}
        self.buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        self.anchors: dict[str, frozenset[tuple[str, str]]] = {}
        self.postings: dict[tuple[str, tuple[str, str]], list[str]] = defaultdict(list)
        for ev in world.events.values():
            w = when_of(ev, world.docs.get(ev.doc_id))
            fam = type_table().family_of(ev.type)
            key = (fam, time_buckets(w.first, w.last, w.weak, w.published),
                   dyad_key(ev.source.code if ev.source else None, ev.target.code if ev.target else None, ev.type,
                            soft))
            self.key[ev.id] = key
            self.anchors[ev.id] = anchor_keys(anchored(ev, tokens[ev.id]), world.idf)
            for anchor in self.anchors[ev.id]:
                self.postings[(fam, anchor)].append(ev.id)
            for week in key[1]:
                self.buckets[(fam, week)].append(ev.id)

    def partners(self, ev_id: str) -> set[str]:
        fam, weeks, dyad = self.key[ev_id]
        if weeks == (-1,):
            pool: Iterable[str] = [x for a in self.anchors[ev_id] for x in self.postings[(fam, a)]]
        else:
            undated = [x for a in self.anchors[ev_id] for x in self.postings[(fam, a)] if self.key[x][1] == (-1,)]
            pool = [x for week in weeks for x in self.buckets.get((fam, week), ())] + undated
        return {x for x in pool if x != ev_id and dyads_meet(dyad, self.key[x][2])}


def _region(seeds: set[str], world: _World, comp: dict[str, str], components: dict[str, list[str]],
            tokens: dict[str, frozenset[str]]) -> set[str]:
    """The seeds and every old component one of them now has an edge to (old components are closed)."""
    blocks = _Blocks(world, tokens)
    joined: set[str] = set()
    for x in sorted(seeds):
        for y in sorted(blocks.partners(x) - seeds):
            key = comp.get(y, y)
            if key not in joined and world.linked(x, y):
                joined.add(key)
    return seeds | {m for key in joined for m in components.get(key, [key])}


def link_incremental(previous: LinkResult, state: LinkState | None, documents: list[Document], events: list[Event],
                     changed_doc_ids: Iterable[str] = ()) -> tuple[LinkResult, LinkState]:
    """Link after documents were added, changed or removed, redoing only the components they touch.

    ``previous`` and ``state`` are what the last run returned (``state`` None: a full run);
    ``documents``/``events`` are everything stored now; ``changed_doc_ids`` the documents (re)processed
    since (documents whose text hash differs from the state's are found anyway). Equal to ``link``."""
    if state is None:
        return link_with_state(documents, events)
    docs = {d.doc_id: d for d in documents}
    changed = set(changed_doc_ids) | {i for i, d in docs.items() if state.duplicates.docs.get(i, ("",))[0] != d.sha256}
    tokens = {e.id: content_tokens(e.evidence_text) for e in events}
    df = Counter(t for ts in tokens.values() for t in ts)
    if level(len(tokens) + 1) != state.n_level:
        return link_with_state(documents, events)
    duplicate_of, dup_state = update_duplicates(state.duplicates, documents, changed)
    levels = {t: level(c) for t, c in df.items()}
    crossed = {t for t in levels.keys() | state.levels.keys() if levels.get(t) != state.levels.get(t)}
    fresh = {e.id for e in events if e.doc_id in changed or e.id not in previous.cluster_of}
    dirty = fresh | ({i for i, ts in tokens.items() if ts & crossed} if crossed else set())
    comp = state.component_index()
    touched = {comp.get(i, i) for i in dirty | (previous.cluster_of.keys() - tokens.keys())}
    seeds = {i for i in tokens if comp.get(i, i) in touched}
    world = _World({e.id: e for e in events}, docs, duplicate_of, idf_from_counts(df, len(tokens)), {})
    region = _region(seeds, world, comp, state.components, tokens)
    r_clusters, r_comps = cluster_components([world.mention(i) for i in region], world.idf)
    cluster_of = {i: r_clusters[i] if i in region else previous.cluster_of[i] for i in tokens}
    components = {k: v for k, v in state.components.items() if k not in touched and v[0] not in region}
    components.update(_components_of(r_comps))
    new_state = LinkState(dup_state, state.n_level, levels, dict(sorted(components.items())))
    return _tables(previous, events, docs, duplicate_of, cluster_of, region), new_state


def _tables(previous: LinkResult, events: list[Event], docs: dict[str, Document], duplicate_of: dict[str, str],
            cluster_of: dict[str, str], region: set[str]) -> LinkResult:
    """Rows of the clusters the region or a changed duplicate root touches, from their mentions; the
    previous rows for all others; escalation rows recomputed for the dyads whose clusters changed."""
    moved = {d for d in docs if duplicate_of.get(d) != previous.duplicate_of.get(d)}
    redo = {cluster_of[e.id] for e in events if e.id in region or e.doc_id in moved}
    rows = {r["cluster"]: r for r in previous.clusters}
    lines = {r["cluster"]: r for r in previous.timeline}
    redo |= {c for c in set(cluster_of.values()) if c not in rows or c not in lines}
    contra: dict[str, list[dict]] = defaultdict(list)
    for r in previous.contradictions:
        contra[r["cluster"]].append(r)
    described: dict[str, Described] = {cid: describe(cid, members, docs, duplicate_of)
                                       for cid, members in _groups(events, cluster_of, redo).items()}
    gone = (rows.keys() - set(cluster_of.values())) | (redo & rows.keys())
    dyads = {dyad_of(rows[c]["source"], rows[c]["target"]) for c in gone}
    dyads |= {dyad_of(d.happening.source, d.happening.target) for d in described.values()}
    dyads.discard(None)
    for cid in set(cluster_of.values()) - redo:
        described[cid] = reuse(rows[cid], contra.get(cid, []), lines[cid], docs)
    happenings = [d.happening for d in described.values()]
    escalation = update_escalation(previous.escalation, dyads, happenings)  # type: ignore[arg-type]
    return assemble(duplicate_of, cluster_of, described, escalation)
