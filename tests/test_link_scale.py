"""Linking scales by blocking: many synthetic mentions of a few hundred happenings link quickly and
every report lands with its own happening."""

from __future__ import annotations

import random
from datetime import date, timedelta

from casus.link import link
from casus.records import Actor, Document, Event, Place, Published, TimeExpr

CODES = ["USA", "VEN", "RUS", "CHN", "IRN", "SYR", "TUR", "ISR", "LBN", "UKR", "COL", "CUB", "BRA", "IRQ", "YEM"]
TYPES = ["ASSAULT", "MOBILIZE", "THREATEN", "AID", "CONSULT", "ACCUSE", "REQUEST", "SANCTION"]
PLACES = ["market", "airport", "port", "bridge", "base", "village", "refinery", "school", "convoy", "checkpoint"]
SYLLABLES = ["ka", "ro", "mi", "tan", "vel", "dor", "ya", "bri", "zu", "sen", "lo", "qar", "ni", "pe", "hal"]
VERBS = {"ASSAULT": "struck", "MOBILIZE": "deployed troops near", "THREATEN": "threatened to hit",
         "AID": "delivered supplies to", "CONSULT": "held talks about", "ACCUSE": "accused rivals over",
         "REQUEST": "asked for help at", "SANCTION": "imposed sanctions over"}


PHRASES = ["Forces of {src} {verb} the {place} of {tgt} on {day:%A}, witnesses said.",
           "On {day:%A}, {src} {verb} the {place} in {tgt}, according to local officials.",
           "Local media reported that {src} {verb} the {place} of {tgt} on {day:%B %d}.",
           "{tgt} said {src} {verb} its {place} on {day:%A}.",
           "Sources in {tgt} told reporters {src} {verb} the {place} this week."]


def _happening(rnd: random.Random, h: int) -> dict:
    src, tgt = rnd.sample(CODES, 2)
    type_ = rnd.choice(TYPES)
    day = date(2025, 1, 1) + timedelta(days=rnd.randrange(365))
    return {"src": src, "tgt": tgt, "type": type_, "verb": VERBS[type_], "day": day,
            "town": (town := _town(rnd)), "place": f"{rnd.choice(PLACES)} of {town}"}


def _town(rnd: random.Random) -> str:
    return "".join(rnd.choice(SYLLABLES) for _ in range(3)).capitalize()


def synthetic(n_events: int, reports: int = 5, per_doc: int = 5, seed: int = 7
              ) -> tuple[list[Document], list[Event], dict[str, int]]:
    """n_events/reports happenings, each reported by `reports` outlets in their own words; every document
    is one outlet's round-up of `per_doc` happenings."""
    rnd = random.Random(seed)  # noqa: S311 - reproducible test data, not security
    happenings = [_happening(rnd, h) for h in range(n_events // reports)]
    docs, events, truth = [], [], {}
    for g in range(0, len(happenings), per_doc):
        for r in range(reports):
            doc_id, parts, spans = f"d{g}-{r}", [], []
            for h in range(g, min(g + per_doc, len(happenings))):
                sentence = PHRASES[r].format(**happenings[h])
                start = sum(len(p) + 1 for p in parts)
                parts.append(sentence)
                spans.append((h, start, sentence))
            text = "\n".join(parts)
            last = max(happenings[h]["day"] for h, _, _ in spans)
            docs.append(Document(doc_id=doc_id, path=doc_id, text=text, outlet=f"outlet {r}",
                                 published=Published((last + timedelta(days=r % 3)).isoformat(), "manifest")))
            for h, start, sentence in spans:
                hp = happenings[h]
                ev = Event(id=f"ev_{h:07d}{r}", doc_id=doc_id, type=hp["type"], status="occurred",
                           certainty="asserted", evidence_start=start, evidence_end=start + len(sentence),
                           evidence_text=sentence, source=Actor(0, 1, hp["src"], hp["src"], hp["src"]),
                           target=Actor(0, 1, hp["tgt"], hp["tgt"], hp["tgt"]),
                           date=TimeExpr(0, 1, "day", hp["day"].isoformat(), hp["day"].isoformat()),
                           location=Place(0, 1, hp["town"], hp["town"], hp["tgt"]))
                events.append(ev)
                truth[ev.id] = h
    return docs, events, truth


def link_and_check(n: int) -> None:
    docs, events, truth = synthetic(n)
    result = link(docs, events)
    members: dict[str, set[int]] = {}
    for ev_id, cl in result.cluster_of.items():
        members.setdefault(cl, set()).add(truth[ev_id])
    merged = [h for h in members.values() if len(h) > 1]
    # two talks of one dyad on one day can read alike: the synthetic world allows a few such look-alikes
    assert len(merged) <= 0.002 * (n // 5)
    assert len(members) <= 1.2 * (n // 5)  # nearly every happening in one cluster


def test_link_scale_10k_events() -> None:
    """Blocking keeps 10k mentions tractable here; the time for 100k is a figure of `make bench`."""
    link_and_check(10_000)
