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

Most of those pairs are not scored but bounded below the threshold from what the state keeps per
mention, a ceiling and a lift (see LinkState and ``_Bound``). A holder whose pairs all stay below the
threshold whatever its partner (``_Bound.screens``: most of them) is not even paired with its partners
one by one: its ceiling and lift grow instead, and only its old edges and its pairs with other such
holders sharing a moved word are looked at. Ten new BBC articles make about 900 holders of a store of
2,235; listing their partners was most of the linking's time.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from casus.link.clusters import (
    RARE_IDF,
    Clustering,
    DyadKey,
    anchor_keys,
    anchors_among,
    cluster_components,
    cluster_edges,
    dyad_key,
    dyads_meet,
    rare_words,
    time_buckets,
)
from casus.link.duplicates import Loader, update_duplicates
from casus.link.escalation import escalation_rows
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
from casus.link.tables import (
    Described,
    InMemoryLinks,
    LinkDelta,
    LinkResult,
    PreviousLinks,
    apply_delta,
    describe,
    dyad_of,
    reuse,
)
from casus.records import Document, DocumentInfo, Event


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
    delta, state = _link_from_scratch(documents, events)
    return apply_delta(LinkResult(), delta), state


def _link_from_scratch(documents: Sequence[DocumentInfo], events: list[Event] | MentionSource,
                       load: Loader | None = None) -> tuple[LinkDelta, LinkState]:
    duplicate_of, dup_state = update_duplicates(None, documents, load=load)
    docs = {d.doc_id: d for d in documents}
    source = _source(events, docs)
    clustering, df = _cluster_from_scratch(source, duplicate_of)
    described = {cid: describe(cid, members, docs, duplicate_of)
                 for cid, members in _groups(source.load(source.mentions), clustering.cluster_of, None).items()}
    state = LinkState(dup_state, level(len(source.mentions) + 1), {t: level(c) for t, c in df.items()},
                      _components_of(clustering.component_of),
                      LinkState.edges_by_component(clustering.component_of, clustering.edges), clustering.ceilings)
    escalation = escalation_rows([d.happening for d in described.values() if d.happening is not None])
    return LinkDelta(duplicate_of, clustering.cluster_of, described, escalation=escalation, everything=True), state


def _source(events: list[Event] | MentionSource, docs: dict[str, Any]) -> MentionSource:
    """The events' mentions (made from the events, ``docs`` whole, when not given as mentions)."""
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
    """Who shares a block with whom (the candidate pairs of casus.link.clusters): listed per mention for
    the mentions a run pairs one by one (``listed``), told per pair for any two. A time bucket's mentions
    are grouped by dyad key, so that whether two dyads meet is asked once per dyad of the bucket, not
    once per mention. Anchors are indexed only where a listed mention holds them: most mentions are
    undated and hold a dozen rare words each, and indexing every one of them cost more than the rest
    of the rescoring."""

    def __init__(self, world: _World, listed: Iterable[str]) -> None:
        soft = type_table().soft_source
        self.mentions = world.source.mentions
        self.rare = rare_words(world.idf)
        self.key: dict[str, tuple[str, tuple[int, ...], DyadKey]] = {}
        self.buckets: dict[tuple[str, int], dict[DyadKey, list[str]]] = defaultdict(dict)
        self._anchors: dict[str, frozenset[tuple[str, str]]] = {}
        for ev_id, m in self.mentions.items():
            key = (m.family, time_buckets(m.first, m.last, m.weak_date, m.published),
                   dyad_key(m.source, m.target, m.type, soft))
            self.key[ev_id] = key
            for week in key[1]:
                self.buckets[(m.family, week)].setdefault(key[2], []).append(ev_id)
        self.postings = self._postings(listed)

    def anchors(self, ev_id: str) -> frozenset[tuple[str, str]]:
        found = self._anchors.get(ev_id)
        if found is None:
            found = self._anchors[ev_id] = anchor_keys(self.mentions[ev_id], self.rare)
        return found

    def _postings(self, listed: Iterable[str]) -> dict[tuple[str, tuple[str, str]], list[str]]:
        """(family, anchor) -> the mentions holding it, for the anchors the listed mentions hold."""
        wanted: dict[str, set[str]] = defaultdict(set)
        for x in listed:
            for kind, value in self.anchors(x):
                wanted[kind].add(value)
        postings: dict[tuple[str, tuple[str, str]], list[str]] = defaultdict(list)
        for ev_id, m in self.mentions.items():
            for anchor in anchors_among(m, wanted):
                postings[(m.family, anchor)].append(ev_id)
        return postings

    def partners(self, ev_id: str) -> set[str]:
        fam, weeks, dyad = self.key[ev_id]
        anchored = (x for a in self.anchors(ev_id) for x in self.postings[(fam, a)])
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

    def meet(self, a: str, b: str) -> bool:
        """Whether a and b are a candidate pair (``b in self.partners(a)``, without listing partners)."""
        (fam_a, weeks_a, dyad_a), (fam_b, weeks_b, dyad_b) = self.key[a], self.key[b]
        if a == b or fam_a != fam_b or not dyads_meet(dyad_a, dyad_b):
            return False
        if weeks_a == (-1,) or weeks_b == (-1,):
            return not self.anchors(a).isdisjoint(self.anchors(b))
        return not set(weeks_a).isdisjoint(weeks_b)


@dataclass(slots=True)
class _Change:
    """What moved since the last link: mentions new or re-extracted (*fresh*), gone, and holding a word
    whose idf level moved (*holders*, of the *moved* words); with each mention's content words."""

    fresh: set[str]
    removed: set[str]
    holders: set[str]
    tokens: dict[str, frozenset[str]]
    moved: frozenset[str] = frozenset()

    def may_move(self, a: str, b: str) -> bool:
        """Whether the pair's score (or its being a candidate at all) may differ from the last run's."""
        if a in self.fresh or b in self.fresh or a in self.removed or b in self.removed:
            return True
        return (a in self.holders or b in self.holders) and bool(self.tokens[a] & self.tokens[b])


ROUNDING = 1e-6  # scores are rounded to six decimals
LIFT_CAP = 0.01  # the most a lift may grow to; a holder whose lift would pass it is settled (see _Bound.screens)
SHARED_CAP = 200  # screened holders of one moved word, at most: their pairs are looked at two by two


@dataclass(slots=True)
class _Bound:
    """Bounds the new score of a pair of unchanged mentions from the last run, without scoring it.

    Only the word overlap depends on idf, and it enters the score with weight ``words``: a pair that
    was no edge scored at most min(ceiling[a] + lift[b], ceiling[b] + lift[a]) (see LinkState), so now
    it scores at most that plus ``words`` times the rise of its overlap (computed from the words alone,
    under both idfs; or, for a screened holder's pairs, bounded from its words alone,
    ``rise_with_unmoved``)."""

    old_idf: dict[str, float]
    new_idf: dict[str, float]
    old_edges: set[tuple[str, str]]
    ceilings: dict[str, float]
    flipped: frozenset[str]  # words whose idf crossed RARE_IDF: sharing one may make a pair a new candidate
    tokens: dict[str, frozenset[str]]  # every mention's words
    lifts: dict[str, float] = field(default_factory=dict)  # the last run's (nought where absent)
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

    def lift(self, holder: str) -> float:
        """How far a holder's score with a mention holding no word it shares moved can have risen:
        ``words`` times ``rise_with_unmoved``."""
        return DEFAULT.words * self.rise_with_unmoved(holder)

    def screens(self, holder: str) -> bool:
        """Whether no pair of the holder with a mention that holds no moved word in common with it can
        reach the threshold now, so its partners need not be listed: its ceiling and lift then both grow
        by ``lift(holder)``, which keeps every such pair under its bound. The bound also needs the
        partner's lift, at most LIFT_CAP; a holder whose lift would pass LIFT_CAP is not screened.

        Why a pair of two screened holders sharing no moved word stays under the bound when both lifts
        grow: its common words kept their weight, so its Jaccard rises by at most I(dA + dB)/(m'm) and
        its containment by at most the larger of its two ends' rises, each of which ``rise_with_unmoved``
        bounds (dA, dB: the drop of the moved words only a, only b holds). Pairs sharing a moved word
        are scored or bounded one by one (``_screened_pairs``), and so are those sharing a word that
        crossed RARE_IDF, the only pairs that may have become candidates or stopped being ones."""
        ceiling = self.ceilings.get(holder, -math.inf)
        return self.lifts.get(holder, 0.0) + self.lift(holder) <= LIFT_CAP and \
            self._under_threshold(ceiling + LIFT_CAP, self.rise_with_unmoved(holder)) is not None

    def _ceiling(self, a: str, b: str) -> float | None:
        """The pair's last bound: min(ceiling[a] + lift[b], ceiling[b] + lift[a]); -inf when one has no
        ceiling (every compatible candidate pair of it was an edge, so this pair, no edge, is
        incompatible); None for an old edge: score it."""
        if (a, b) in self.old_edges:
            return None
        return min(self.ceilings.get(a, -math.inf) + self.lifts.get(b, 0.0),
                   self.ceilings.get(b, -math.inf) + self.lifts.get(a, 0.0))

    @staticmethod
    def _under_threshold(ceiling: float, rise: float) -> float | None:
        bound = ceiling + DEFAULT.words * max(rise, 0.0) + ROUNDING
        return bound if bound < DEFAULT.threshold else None

    def below(self, a: str, b: str, common: frozenset[str]) -> float | None:
        """An upper bound of the score of a and b (``common``: their shared words), when that is below
        the threshold; None: score the pair. The rise is the overlap's own, not a holder's bound
        (``rise_with_unmoved``): each bound raises the pair's ceilings, and looser ones made them creep
        up run after run (after 30 adds of ten to the BBC store, twice as many mentions had a ceiling
        within 0.02 of the threshold as a full link gives)."""
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
    return _Bound(old_idf, new_idf, edges, state.ceilings, flipped, tokens, state.lifts)


@dataclass(slots=True)
class _Rescoring:
    """The pairs one incremental run has looked at: those scored again, and the ceilings they raised
    (``lifts``: the run's new lifts, known before any pair is looked at)."""

    change: _Change
    world: _World
    bound: _Bound
    ceilings: dict[str, float]
    lifts: dict[str, float]
    rescored: dict[tuple[str, str], float | None] = field(default_factory=dict)
    seen: set[tuple[str, str]] = field(default_factory=set)

    def consider(self, x: str, y: str) -> None:
        """Score the pair of x (fresh or a holder) and y again, or bound it below the threshold, when its
        score may have moved (``_Change.may_move``), and raise each ceiling to what the pair is now at
        most, less the other's lift: min(ceiling a + lift b, ceiling b + lift a) must bound it, and a
        ceiling that took in its partners' lifts would creep up by as much at each run."""
        change = self.change
        either_fresh = x in change.fresh or y in change.fresh
        if not either_fresh and change.tokens[x].isdisjoint(change.tokens[y]):
            return  # x is a holder: without a common word the pair did not move
        pair = (x, y) if x < y else (y, x)
        if pair in self.seen:
            return
        self.seen.add(pair)
        if either_fresh:
            s = self.rescored[pair] = self.world.pair_score(*pair)
        else:
            s = self.bound.below(*pair, change.tokens[x] & change.tokens[y])
            if s is None:
                s = self.rescored[pair] = self.world.pair_score(*pair)
        if s is not None and -math.inf < s < DEFAULT.threshold:
            a, b = pair
            for one, other in ((a, b), (b, a)):
                least = s - self.lifts.get(other, 0.0)
                self.ceilings[one] = max(self.ceilings.get(one, least), least)


def _screened(change: _Change, bound: _Bound) -> set[str]:
    """The holders whose partners need not be listed (``_Bound.screens``), but for those holding a moved
    word more than SHARED_CAP of them hold (their pairs would be too many to look at two by two)."""
    screened = {h for h in change.holders if bound.screens(h)}
    count = Counter(t for h in screened for t in change.tokens[h] & change.moved)
    crowded = {t for t, n in count.items() if n > SHARED_CAP}
    return {h for h in screened if change.tokens[h].isdisjoint(crowded)} if crowded else screened


def _screened_pairs(screened: set[str], change: _Change, blocks: _Blocks) -> list[tuple[str, str]]:
    """The candidate pairs of two screened holders sharing a moved word: screening does not bound them."""
    by_word: dict[str, list[str]] = defaultdict(list)
    for h in sorted(screened):
        for t in change.tokens[h] & change.moved:
            by_word[t].append(h)
    pairs = {(a, b) for hs in by_word.values() for k, a in enumerate(hs) for b in hs[k + 1:]}
    return [p for p in sorted(pairs) if blocks.meet(*p)]


def _rescore(change: _Change, world: _World, bound: _Bound
             ) -> tuple[dict[tuple[str, str], float | None], dict[str, float], dict[str, float]]:
    """Every candidate pair whose score may have moved and cannot be bounded below the threshold, scored
    again ((a, b), a < b -> score, None when incompatible); and the mentions' new ceilings and lifts.

    Only a fresh mention or a holder can be in such a pair. A fresh mention's pairs are always scored;
    so are the pairs of a holder that is not screened, or bounded from the last ceilings and lifts and
    the rise of their word overlap; its lift is then settled to nought. A screened holder's partners are
    not listed (``_Bound.screens``): only its old edges and its pairs with other screened holders
    sharing a moved word are looked at, and its ceiling and lift grow by its ``_Bound.lift``."""
    fresh, holders = change.fresh, change.holders
    screened = _screened(change, bound)
    blocks = _Blocks(world, fresh | (holders - screened))
    ceilings = {k: v for k, v in bound.ceilings.items() if k in change.tokens and k not in fresh}
    lifts = {k: v for k, v in bound.lifts.items()
             if k in change.tokens and k not in fresh and (k not in holders or k in screened)}
    for h in sorted(screened & ceilings.keys()):  # without a ceiling, every pair is an edge or incompatible
        if (lift := bound.lift(h)) > 0:
            lifts[h] = lifts.get(h, 0.0) + lift
            ceilings[h] += lift
    run = _Rescoring(change, world, bound, ceilings, lifts)
    for x in sorted(fresh | (holders - screened)):
        for y in sorted(blocks.partners(x)):
            run.consider(x, y)
    for a, b in _screened_pairs(screened, change, blocks):
        run.consider(a, b)
    edges = sorted((a, b) for a, b in bound.old_edges if a in screened or b in screened)
    for a, b in edges:  # an edge that is no candidate any more is no edge
        if a in change.tokens and b in change.tokens and blocks.meet(a, b):
            run.consider(a, b) if a in screened else run.consider(b, a)
    return run.rescored, dict(sorted(ceilings.items())), dict(sorted(lifts.items()))


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
    delta, new_state = link_delta(InMemoryLinks(previous), state, documents, events, changed_doc_ids)
    return apply_delta(previous, delta), new_state


def link_delta(previous: PreviousLinks, state: LinkState | None, documents: Sequence[DocumentInfo],
               events: list[Event] | MentionSource, changed_doc_ids: Iterable[str] = (), load: Loader | None = None
               ) -> tuple[LinkDelta, LinkState]:
    """``link_incremental`` as the rows it changes: what a store applies without reading or writing
    the rows of the clusters nothing touched. ``documents`` may be heads (``DocumentHead``) with
    ``load`` reading whole the few the duplicate detection sketches; ``events`` are then mentions."""
    if state is None:
        return _link_from_scratch(documents, events, load)
    docs = {d.doc_id: d for d in documents}
    source = _source(events, docs)
    changed = set(changed_doc_ids) | {i for i, d in docs.items() if state.duplicates.docs.get(i, ("",))[0] != d.sha256}
    tokens = {i: m.tokens for i, m in source.mentions.items()}
    df = Counter(t for ts in tokens.values() for t in ts)
    if level(len(tokens) + 1) != state.n_level:
        return _link_from_scratch(documents, source, load)
    duplicate_of, dup_state = update_duplicates(state.duplicates, documents, changed, load)
    levels = {t: level(c) for t, c in df.items()}
    crossed = {t for t in levels.keys() | state.levels.keys() if levels.get(t) != state.levels.get(t)}
    fresh = {i for i, m in source.mentions.items() if m.doc_id in changed or i not in previous.cluster_of}
    holders = {i for i, ts in tokens.items() if ts & crossed} - fresh if crossed else set()
    comp = state.component_index()
    known = previous.cluster_of.keys() | comp.keys() | state.ceilings.keys()
    change = _Change(fresh, known - tokens.keys(), holders, tokens,  # a changed document's old events are gone
                     frozenset(crossed))
    world = _World(source, duplicate_of, idf_from_counts(df, len(tokens)), {})
    rescored, ceilings, lifts = _rescore(change, world, _bound(state, world.idf, tokens))
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
                          dict(sorted(kept_edges.items())), ceilings, lifts)
    return _delta(previous, source, docs, duplicate_of, cluster_of, region, fresh), new_state


def _delta(previous: PreviousLinks, source: MentionSource, docs: dict[str, Any], duplicate_of: dict[str, str],
           cluster_of: dict[str, str], region: set[str], fresh: set[str]) -> LinkDelta:
    """Rows of the clusters that are new, changed members, hold a fresh mention or a document whose
    duplicate root moved, from their mentions; every other cluster keeps its rows (a row depends on
    its mentions, their documents and duplicate roots only). Escalation rows are recomputed for the
    dyads whose clusters changed, from the happenings of all their clusters."""
    moved = {d for d in docs if duplicate_of.get(d) != previous.duplicate_of.get(d)}
    merged: dict[str, list[str]] = defaultdict(list)
    for i in sorted(region):
        merged[cluster_of[i]].append(i)
    now = set(cluster_of.values())
    with_rows, whole = previous.row_ids(), previous.described_ids()
    kept = previous.kept(merged.keys() & whole)
    redo = {cid for cid, ids in merged.items() if cid not in kept or kept[cid].row["mentions"] != ids
            or any(i in fresh for i in ids)}
    redo |= {cluster_of[i] for i, m in source.mentions.items() if m.doc_id in moved}
    redo |= now - whole
    again = source.load([i for i, c in cluster_of.items() if c in redo])
    described: dict[str, Described] = {cid: describe(cid, members, docs, duplicate_of)
                                       for cid, members in _groups(again, cluster_of, redo).items()}
    gone = (with_rows - now) | (redo & with_rows)
    happenings = [x.happening for x in described.values() if x.happening is not None]
    ends = [(r["source"], r["target"]) for r in previous.rows(gone)] + [(h.source, h.target) for h in happenings]
    dyads = {d for s, t in ends if (d := dyad_of(s, t))}
    for cid, k in sorted(previous.kept_in_dyads(dyads).items()):
        if cid in now and cid not in redo and (h := reuse(k.row, k.contradictions, k.line, docs).happening):
            happenings.append(h)
    escalation = escalation_rows([h for h in happenings if dyad_of(h.source, h.target) in dyads])
    return LinkDelta(duplicate_of, cluster_of, described, gone, dyads, escalation)
