"""Incremental linking: adding, changing or removing documents gives exactly what a full relink gives,
while re-clustering only the components the change touches."""

from __future__ import annotations

import json
import random
from dataclasses import asdict, replace

import casus.link.incremental as incremental
from casus.link import LinkResult, LinkState, link, link_incremental, link_with_state
from casus.records import Document, Event
from test_link_scale import synthetic
from test_link_world import world


def _subset(docs: list[Document], events: list[Event], keep: set[str]) -> tuple[list[Document], list[Event]]:
    return [d for d in docs if d.doc_id in keep], [e for e in events if e.doc_id in keep]


def _stored(result: LinkResult, state: LinkState) -> tuple[LinkResult, LinkState]:
    """What the store gives back: the result and the state through JSON."""
    rows = json.loads(json.dumps(state.to_rows()))
    back = LinkState.from_rows(rows)
    assert back is not None
    return LinkResult(**json.loads(json.dumps(asdict(result)))), back


def _same(docs: list[Document], events: list[Event], got: tuple[LinkResult, LinkState]) -> None:
    full, full_state = link_with_state(list(reversed(docs)), list(reversed(events)))
    assert asdict(got[0]) == asdict(full)
    assert got[1].to_rows() == full_state.to_rows()


def test_link_incremental_world_every_document_added_last() -> None:
    docs, named = world()
    events = list(named.values())
    for doc in docs:
        before = _subset(docs, events, {d.doc_id for d in docs} - {doc.doc_id})
        previous = _stored(*link_with_state(*before))
        _same(docs, events, link_incremental(*previous, docs, events, {doc.doc_id}))


def test_link_incremental_world_removed_and_changed_documents() -> None:
    docs, named = world()
    events = list(named.values())
    previous = _stored(*link_with_state(docs, events))
    # the market report removed: its cluster loses a mention, the rest is reused
    gone = named["market-ap"].doc_id
    _same(*_subset(docs, events, {d.doc_id for d in docs} - {gone}),
          link_incremental(*previous, *_subset(docs, events, {d.doc_id for d in docs} - {gone})))
    # a changed text (found by its hash even when the caller names nothing) with its re-extracted events
    edited = [replace(d, text=d.text + " Updated.") if d.doc_id == gone else d for d in docs]
    _same(edited, events, link_incremental(*previous, edited, events))


def test_link_incremental_world_previous_run_of_nothing() -> None:
    docs, named = world()
    events = list(named.values())
    _same(docs, events, link_incremental(*_stored(*link_with_state([], [])), docs, events))
    assert link_incremental(LinkResult(), None, docs, events)[0] == link(docs, events)


def test_link_incremental_synthetic_ten_documents_redo_a_small_region(monkeypatch) -> None:
    docs, events, _ = synthetic(10_000)
    rnd = random.Random(3)  # noqa: S311 - reproducible test data
    added = {d.doc_id for d in rnd.sample(docs, 10)}
    previous = _stored(*link_with_state(*_subset(docs, events, {d.doc_id for d in docs} - added)))
    sizes: list[int] = []
    real = incremental.cluster_components

    def counting(mentions, idf, w=incremental.DEFAULT):  # type: ignore[no-untyped-def]
        sizes.append(len(mentions))
        return real(mentions, idf, w)

    monkeypatch.setattr(incremental, "cluster_components", counting)
    got = link_incremental(*previous, docs, events, added)
    monkeypatch.undo()
    _same(docs, events, got)
    assert len(sizes) == 1 and 50 <= sizes[0] <= 0.05 * len(events)  # the 50 new mentions and their neighbours
