"""Stored link mentions: made on the worker, kept beside each event, read back by linking. Reading a
stored mention must give exactly the Mention linking would make from the stored event and document,
and a store without them (or with mentions made under other linking data) must link the same."""

from __future__ import annotations

import gc
import json
import shutil
from dataclasses import asdict
from pathlib import Path

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from casus import collector
from casus.link.features import Mention, PlaceKey
from casus.link.source import MentionSource, mention_from_json, mention_tag, mention_to_json, own_mention
from casus.pipeline import run, stored_links, stored_mentions
from casus.settings import Settings
from casus.store import Store
from tests.conftest import shared_path
from tests.test_pipeline_run import write_corpus


def test_link_source_stored_seed_mentions_equal_mentions_made_from_the_stored_records(seeds_out) -> None:
    with Store(seeds_out / "casus.duckdb", read_only=True) as store:
        docs = {d.doc_id: d for d in store.documents()}
        events = {e.id: e for e in store.events()}
        stored = dict(store.event_mentions())
    assert len(stored) == len(events) > 20
    for ev_id, text in stored.items():
        made = own_mention(events[ev_id], docs[events[ev_id].doc_id])
        assert mention_from_json(text) == made, ev_id
        assert text == mention_to_json(made)
    # the mentions hold what linking compares: words, the trigger's stem, where the text tells it
    mentions = [mention_from_json(t) for t in stored.values()]
    assert all(m is not None and m.root_doc == m.doc_id and m.mass == 0.0 for m in mentions)
    assert sum(1 for m in mentions if m and m.trigger) > len(mentions) // 2
    assert all(m and m.tokens for m in mentions)


_names = st.text(alphabet="abcdefgh-é'", min_size=1, max_size=8)
_sets = st.frozensets(_names, max_size=5)
_day = st.one_of(st.none(), st.integers(730_000, 740_000))
_coord = st.one_of(st.none(), st.floats(-180, 180))
_place = st.one_of(st.none(), st.builds(PlaceKey, _names, st.one_of(st.none(), st.sampled_from(["VEN", "USA"])),
                                        _coord, _coord))
_span = st.tuples(st.integers(0, 10_000), st.integers(0, 10_000))
_mentions = st.builds(
    Mention, id=_names, doc_id=_names, root_doc=_names, type=st.sampled_from(["ASSAULT", "ACCUSE", "SANCTION"]),
    family=_names, source=st.one_of(st.none(), _names), target=st.one_of(st.none(), _names), first=_day, last=_day,
    weak_date=st.booleans(), published=_day, status=st.sampled_from(["occurred", "planned", "denied"]), place=_place,
    equipment=_sets, registrations=_sets, categories=_sets, tokens=_sets, trigger=st.one_of(st.none(), _names),
    origin=st.one_of(st.none(), _names), figures=st.frozensets(st.floats(0, 1e6), max_size=3),
    mass=st.just(0.0), span=_span, voice=st.sampled_from(["", "embed:12"]), trigger_span=st.one_of(st.none(), _span),
    position=st.integers(0, 10_000), sentence=st.integers(-1, 10_000), refers_back=st.booleans(), described=_sets,
    stems=_sets)


@settings(max_examples=200, deadline=None)
@given(_mentions)
def test_link_source_any_mention_reads_back_equal(m: Mention) -> None:
    text = mention_to_json(m)
    assert mention_from_json(text) == m
    assert mention_to_json(mention_from_json(text)) == text  # type: ignore[arg-type]


def test_link_source_unreadable_or_foreign_mentions_are_made_again() -> None:
    good = json.loads(mention_to_json(Mention("e1", "d1", "d1", "ASSAULT", "fight", None, None, None, None, False,
                                              None, "occurred", None, frozenset(), frozenset(), frozenset(),
                                              frozenset({"shell"}), None)))
    assert mention_from_json(json.dumps(good)) is not None
    assert good[0] == mention_tag()
    for text in (None, "", "not json", "[]", "{}", json.dumps(["casus-mention/0", *good[1:]]),
                 json.dumps(good[:-1]), json.dumps([good[0], *([None] * (len(good) - 1))])):
        assert mention_from_json(text) is None, text


def test_link_source_store_without_mentions_links_the_same_and_keeps_them(tmp_path, nlp) -> None:
    corpus = write_corpus(tmp_path / "c", 4)
    for seed in sorted(shared_path("seeds").glob("*.txt"))[:2]:
        shutil.copy(seed, corpus / seed.name)
    kept, old = tmp_path / "kept.duckdb", tmp_path / "old.duckdb"
    run([corpus], kept, Settings(), nlp=nlp)
    shutil.copy(kept, old)
    with duckdb.connect(str(old)) as con:  # a store written before mentions were kept
        con.execute("UPDATE events SET mention = NULL")
        con.execute("UPDATE events SET mention = '[\"x\"]' WHERE id = (SELECT min(id) FROM events)")
    write_corpus(corpus, 2, start=20)
    results = [run([corpus], db, Settings(), nlp=nlp) for db in (kept, old)]
    assert [r.processed for r in results] == [2, 2]
    with Store(kept, read_only=True) as a, Store(old, read_only=True) as b:
        assert asdict(stored_links(a)) == asdict(stored_links(b))
        assert b.event_mentions() == a.event_mentions()
        assert all(text for _, text in b.event_mentions())
        source = stored_mentions(a)
        assert source.mentions == MentionSource.of_events(a.events(), {d.doc_id: d for d in a.documents()}).mentions


def test_collector_paused_inside_and_restored_after() -> None:
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_link_source_loads_events_in_document_order(tmp_path: Path, nlp) -> None:
    corpus = write_corpus(tmp_path / "c", 3)
    db = tmp_path / "s.duckdb"
    run([corpus], db, Settings(), nlp=nlp)
    with Store(db, read_only=True) as store:
        source = stored_mentions(store)
        ids = list(reversed(sorted(source.mentions)))
        loaded = source.load(ids)
        assert sorted(e.id for e in loaded) == sorted(ids)
        assert [(e.doc_id, e.id) for e in loaded] == sorted((e.doc_id, e.id) for e in loaded)
        assert source.load([]) == []
