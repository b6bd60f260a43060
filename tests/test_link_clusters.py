"""Event clusters on the hand-written world: reports of one happening meet, look-alikes stay apart,
and the result does not depend on input order."""

from __future__ import annotations

import json
from importlib import resources

from hypothesis import given, settings
from hypothesis import strategies as st

from casus.link import link
from casus.link.clusters import cluster_id
from casus.link.features import idf_weights, mention_of
from casus.link.lexicon import content_tokens, type_table
from casus.link.similarity import incompatible, score
from test_link_world import SAME, SPECS, world

PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def clusters_by_name() -> dict[str, str]:
    docs, events = world()
    cluster_of = link(docs, list(events.values())).cluster_of
    return {name: cluster_of[ev.id] for name, ev in events.items()}


def test_link_clusters_reports_of_one_happening_share_a_cluster() -> None:
    by_name = clusters_by_name()
    for group in SAME:
        assert len({by_name[n] for n in group}) == 1, group


def test_link_clusters_no_false_merges() -> None:
    by_name = clusters_by_name()
    group_of = {n: i for i, g in enumerate(SAME) for n in g}
    for a in SPECS:
        for b in SPECS:
            if a < b and by_name[a] == by_name[b]:
                assert group_of.get(a) is not None and group_of.get(a) == group_of.get(b), (a, b)
    assert by_name["bakery-reuters"] != by_name["market-reuters"]  # same dyad and town, a week later
    assert by_name["warn-cnn"] != by_name["sanction-threat"]  # two threats by one dyad


def test_link_clusters_id_is_hash_of_smallest_member() -> None:
    docs, events = world()
    result = link(docs, list(events.values()))
    members: dict[str, list[str]] = {}
    for ev_id, cl in result.cluster_of.items():
        members.setdefault(cl, []).append(ev_id)
    assert all(cl == cluster_id(min(ids)) for cl, ids in members.items())
    assert len(result.clusters) == len(members) == 10  # 4 multi-report happenings + 6 single ones


@settings(max_examples=15, deadline=None)
@given(st.randoms(use_true_random=False))
def test_link_clusters_shuffled_inputs_give_identical_output(rnd) -> None:
    docs, events = world()
    expected = link(docs, list(events.values()))
    evs, ds = list(events.values()), list(docs)
    rnd.shuffle(evs)
    rnd.shuffle(ds)
    got = link(ds, evs)
    assert json.dumps([got.cluster_of, got.clusters, got.contradictions, got.timeline, got.escalation],
                      sort_keys=True) == json.dumps([expected.cluster_of, expected.clusters, expected.contradictions,
                                                     expected.timeline, expected.escalation], sort_keys=True)


def test_link_clusters_type_table_is_valid_plover() -> None:
    data = json.loads(resources.files("casus.link").joinpath("data", "type_compat.json").read_text("utf-8"))
    for a, b, weight, why in data["pairs"]:
        assert {a, b} <= PLOVER and a != b and 0 < weight < 1 and why
    table = type_table()
    assert table.compatibility("ASSAULT", "THREATEN") == 0.6
    assert table.compatibility("AID", "ASSAULT") == 0.0
    assert table.family_of("COOPERATE") == table.family_of("AID") != table.family_of("ASSAULT")


def test_link_clusters_hard_conflicts() -> None:
    docs, events = world()
    d = {x.doc_id: x for x in docs}
    m = {n: mention_of(e, d[e.doc_id], e.doc_id) for n, e in events.items()}
    assert incompatible(m["market-reuters"], m["bakery-reuters"])  # a week apart
    assert incompatible(m["il76-tass"], m["plan-cnn"])  # AID vs ASSAULT
    assert not incompatible(m["market-reuters"], m["market-aljaz"])  # blame differs: allowed for ASSAULT
    assert incompatible(m["patrol-ap"], m["iran-meets"])  # different source, not an attack
    idf = idf_weights(list(m.values()))
    assert score(m["il76-tass"], m["il76-blog"], idf) > 1.0  # registration, date, place, words


def test_link_clusters_words_meet_through_concepts() -> None:
    assert content_tokens("Warplanes bombed the market") == content_tokens("jets struck a market")
    assert "=deploy" in content_tokens("The Navy sent a carrier") & content_tokens("deployed the carrier group")
