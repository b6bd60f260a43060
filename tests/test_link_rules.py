"""Two rules against false merges: a one-day strike is not the months-long campaign it belongs to, and
type, status and trigger alone (no actor, date, place, figure or word in common) never link."""

from __future__ import annotations

from casus.link.features import idf_weights, mention_of, with_mass
from casus.link.similarity import DEFAULT, score
from casus.records import Actor, Document, Event, Published, TimeExpr

CAMPAIGN = "Allied air forces have kept up bombing raids against insurgent positions since January"
TEXT = ("Allied air forces have kept up bombing raids against insurgent positions since January. "
        "Navy warplanes struck rebel launchers near the port on Thursday. "
        "Officials described the striking. Border guards did not strike the depot.")


def _actor(code: str | None) -> Actor | None:
    return Actor(0, 1, code, code, code) if code else None


def _event(doc: Document, words: str, trigger: str, status: str = "occurred", src: str | None = "USA",
           tgt: str | None = "YEM", first: str | None = None, last: str | None = None) -> Event:
    start = doc.text.index(words)
    t = doc.text.index(trigger, start)
    return Event(id=f"ev_{start}", doc_id=doc.doc_id, type="ASSAULT", status=status, certainty="asserted",
                 evidence_start=start, evidence_end=start + len(words), evidence_text=words,
                 source=_actor(src), target=_actor(tgt), date=TimeExpr(0, 1, "d", first, last) if first else None,
                 trigger_start=t, trigger_end=t + len(trigger))


def _scores(*events: Event, doc: Document) -> float:
    ms = [mention_of(e, doc, doc.doc_id) for e in events]
    idf = idf_weights(ms)
    a, b = with_mass(ms, idf)
    return score(a, b, idf)


def test_link_rules_a_day_inside_a_campaign_stays_apart() -> None:
    doc = Document("w", "w.txt", TEXT, published=Published("2024-03-08", "manifest"))
    campaign = _event(doc, CAMPAIGN, "bombing",
                      "ongoing", first="2024-01-01", last="2024-03-07")
    strike = _event(doc, "Navy warplanes struck rebel launchers near the port on Thursday", "struck",
                    first="2024-03-07", last="2024-03-07")
    assert _scores(campaign, strike, doc=doc) < DEFAULT.threshold
    same_day = _event(doc, CAMPAIGN, "bombing",
                      "occurred", first="2024-03-07", last="2024-03-07")
    assert _scores(same_day, strike, doc=doc) >= DEFAULT.threshold


def test_link_rules_trigger_and_denial_alone_do_not_link() -> None:
    doc = Document("w", "w.txt", TEXT, published=Published("2024-03-08", "manifest"))
    vague = _event(doc, "striking", "striking", src=None, tgt=None)
    denial = _event(doc, "Border guards did not strike the depot", "strike", "denied", src="UKR", tgt=None)
    assert _scores(vague, denial, doc=doc) == round(DEFAULT.threshold - DEFAULT.unanchored_margin, 6)
