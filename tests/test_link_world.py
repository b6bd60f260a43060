"""A small hand-written news world for the link tests: several outlets on the same happenings, with
the disagreements real coverage has (12 vs 15 dead, Saturday vs Sunday, blame, denial), a syndicated
copy, a relayed newspaper report, and look-alike events that must stay apart. Every span is located
in its document's text, so offsets are faithful by construction (checked below)."""

from __future__ import annotations

from dataclasses import dataclass, field

from casus.records import (
    Actor,
    Attribution,
    Document,
    Equipment,
    Event,
    Place,
    Published,
    Quantity,
    RemovedSpan,
    TimeExpr,
    event_id,
)

ACTOR_NAMES = {"SYR": "Syria", "RUS": "Russia", "TUR": "Turkey", "USA": "United States", "VEN": "Venezuela",
               "ISR": "Israel", "LBN": "Lebanon", "IRN": "Iran"}

TEXTS = {
    "reuters-1": (
        "An air strike on a crowded market in Maarat al-Numan killed 12 people on Saturday, local medics said.\n"
        "Witnesses blamed Syrian government jets for the raid on the market.\n"
        "A week later, a second air strike hit a bakery in Ariha, killing four civilians.\n"
        "Turkey moved additional troops and armoured vehicles to its border posts in Idlib province."),
    "yahoo-1": (
        "An air strike on a crowded market in Maarat al-Numan killed 12 people on Saturday, local medics said.\n"
        "Witnesses blamed Syrian government jets for the raid on the market.\n"
        "A week later, a second air strike hit a bakery in Ariha, killing four civilians.\n"
        "Turkey moved additional troops and armoured vehicles to its border posts in Idlib province.\n"
        "Read more: Oil prices climb as markets weigh supply risks. Sign up for our newsletter."),
    "ap-1": (
        "Fifteen people were killed when warplanes bombed a busy market in Maarat al-Numan on Sunday, "
        "rescue workers said.\n"
        "The Syrian defence ministry denied that its aircraft struck the market and blamed militants.\n"
        "Separately, Russian military police patrolled the M4 highway with Turkish troops."),
    "aljaz-1": (
        "Opposition activists said Russian jets carried out the bombing of the Maarat al-Numan market, "
        "which killed at least 12 people.\n"
        "Iran's foreign minister met his Syrian counterpart in Damascus to discuss the offensive."),
    "tass-1": (
        "A Russian Il-76 transport aircraft, registration RA-78765, landed in Caracas on Sunday, "
        "flight tracking data showed.\n"
        "The Venezuelan government said the cargo plane carried humanitarian supplies."),
    "blog-1": (
        "Plane spotters reported that Russian military cargo jet RA-78765 touched down at Maiquetia airport "
        "near Caracas last weekend.\n"
        "Washington has threatened Caracas with new sanctions over the election."),
    "cnn-1": (
        "The White House is preparing strikes on military targets inside Venezuela, the Wall Street Journal "
        "reported, citing officials familiar with the matter.\n"
        "The president warned that Maduro's days were numbered."),
    "fox-1": (
        "According to the Wall Street Journal, US officials have drawn up plans for strikes on Venezuelan "
        "military sites.\n"
        "The Pentagon sent an aircraft carrier group to the Caribbean."),
    "nbc-1": (
        "Plans for US strikes against military installations in Venezuela are ready, officials told the WSJ.\n"
        "The US Navy deployed the carrier strike group led by the USS Gerald R. Ford to the Caribbean Sea."),
}

META = {  # doc_id: (published, outlet)
    "reuters-1": ("2019-08-25", "Reuters"), "yahoo-1": ("2019-08-26", "Yahoo News"),
    "ap-1": ("2019-08-26", "Associated Press"), "aljaz-1": ("2019-08-26", "Al Jazeera"),
    "tass-1": ("2025-10-27", "TASS"), "blog-1": ("2025-10-28", None),
    "cnn-1": ("2025-10-31", "CNN"), "fox-1": ("2025-10-31", "Fox News"), "nbc-1": ("2025-11-01", "NBC News"),
}


def find(doc: Document, needle: str) -> tuple[int, int]:
    start = doc.text.index(needle)
    return start, start + len(needle)


def documents() -> dict[str, Document]:
    out = {}
    for doc_id, text in TEXTS.items():
        pub, outlet = META[doc_id]
        doc = Document(doc_id=doc_id, path=f"{doc_id}.txt", text=text, outlet=outlet,
                       published=Published(pub, "manifest"), language="en")
        if "Read more:" in text:
            s = text.index("Read more:")
            doc.removed.append(RemovedSpan(s, len(text), "related_link"))
        out[doc_id] = doc
    return out


@dataclass
class Spec:
    """One event mention as a test writes it: substrings of the document, located on build."""

    doc: str
    evidence: str
    type: str
    status: str = "occurred"
    source: tuple[str, str] | None = None  # (code, surface text)
    target: tuple[str, str] | None = None
    date: tuple[str, str, str] | None = None  # (surface text, first, last)
    place: tuple[str, str, float, float] | None = None  # (surface text, country, lat, lon)
    quantities: list[tuple[str, float, str]] = field(default_factory=list)  # (text, value, unit)
    equipment: list[tuple[str, str, str | None]] = field(default_factory=list)  # (text, name, registration)
    attribution: list[tuple[str, str, str]] = field(default_factory=list)  # (text, kind, name)
    certainty: str = "asserted"


def _actor(doc: Document, spec: tuple[str, str] | None) -> Actor | None:
    if spec is None:
        return None
    code, text = spec
    s, e = find(doc, text)
    return Actor(s, e, text, ACTOR_NAMES.get(code, code), code, "GOV", "state")


def build(doc: Document, spec: Spec) -> Event:
    """An Event whose every span is found in the document text."""
    es, ee = find(doc, spec.evidence)
    src, tgt = _actor(doc, spec.source), _actor(doc, spec.target)
    ev = Event(id=event_id(doc.doc_id, es, ee, spec.type, src and src.code, tgt and tgt.code), doc_id=doc.doc_id,
               type=spec.type, status=spec.status, certainty=spec.certainty, evidence_start=es, evidence_end=ee,
               evidence_text=spec.evidence, source=src, target=tgt)
    if spec.date:
        s, e = find(doc, spec.date[0])
        ev.date = TimeExpr(s, e, spec.date[0], spec.date[1], spec.date[2], "relative to published")
    if spec.place:
        s, e = find(doc, spec.place[0])
        ev.location = Place(s, e, spec.place[0], spec.place[0], spec.place[1], spec.place[2], spec.place[3])
    ev.quantities = [Quantity(*find(doc, t), t, v, u) for t, v, u in spec.quantities]
    ev.equipment = [Equipment(*find(doc, t), t, n, "aircraft", None, r) for t, n, r in spec.equipment]
    ev.attribution = [Attribution(*find(doc, t), t, k, n) for t, k, n in spec.attribution]
    return ev


MARKET = ("Maarat al-Numan", "SYR", 35.6437, 36.6726)
SPECS: dict[str, Spec] = {
    "market-reuters": Spec("reuters-1", "An air strike on a crowded market in Maarat al-Numan killed 12 people",
                           "ASSAULT", source=("SYR", "Syrian government"),
                           date=("Saturday", "2019-08-24", "2019-08-24"), place=MARKET,
                           quantities=[("12 people", 12, "people")],
                           attribution=[("local medics", "other", "local medics")]),
    "market-yahoo": Spec("yahoo-1", "An air strike on a crowded market in Maarat al-Numan killed 12 people",
                         "ASSAULT", source=("SYR", "Syrian government"), date=("Saturday", "2019-08-24", "2019-08-24"),
                         place=MARKET, quantities=[("12 people", 12, "people")]),
    "market-ap": Spec("ap-1", "Fifteen people were killed when warplanes bombed a busy market in Maarat al-Numan",
                      "ASSAULT", date=("Sunday", "2019-08-25", "2019-08-25"), place=MARKET,
                      quantities=[("Fifteen people", 15, "people")]),
    "market-denial": Spec("ap-1", "denied that its aircraft struck the market", "ASSAULT", status="denied",
                          source=("SYR", "Syrian defence ministry"), certainty="reported"),
    "market-aljaz": Spec("aljaz-1", "Russian jets carried out the bombing of the Maarat al-Numan market",
                         "ASSAULT", source=("RUS", "Russian"), place=MARKET, quantities=[("12 people", 12, "killed")],
                         certainty="alleged", attribution=[("Opposition activists", "other", "opposition activists")]),
    "bakery-reuters": Spec("reuters-1", "a second air strike hit a bakery in Ariha, killing four civilians", "ASSAULT",
                           date=("A week later", "2019-08-31", "2019-08-31"),
                           place=("Ariha", "SYR", 35.8126, 36.6083), quantities=[("four civilians", 4, "civilians")]),
    "turkey-troops": Spec("reuters-1", "Turkey moved additional troops and armoured vehicles to its border posts",
                          "MOBILIZE", source=("TUR", "Turkey")),
    "patrol-ap": Spec("ap-1", "Russian military police patrolled the M4 highway with Turkish troops", "COOPERATE",
                      source=("RUS", "Russian"), target=("TUR", "Turkish")),
    "iran-meets": Spec("aljaz-1", "Iran's foreign minister met his Syrian counterpart in Damascus", "CONSULT",
                       source=("IRN", "Iran"), target=("SYR", "Syrian")),
    "il76-tass": Spec("tass-1", "A Russian Il-76 transport aircraft, registration RA-78765, landed in Caracas",
                      "AID", source=("RUS", "Russian"), target=("VEN", "Venezuelan"),
                      date=("Sunday", "2025-10-26", "2025-10-26"), place=("Caracas", "VEN", 10.48, -66.90),
                      equipment=[("Il-76", "Il-76", "RA-78765")],
                      attribution=[("flight tracking data", "data_service", "flight tracking data")]),
    "il76-blog": Spec("blog-1", "Russian military cargo jet RA-78765 touched down at Maiquetia airport", "COOPERATE",
                      source=("RUS", "Russian"), date=("last weekend", "2025-10-25", "2025-10-26"),
                      place=("Maiquetia", "VEN", 10.60, -66.99), equipment=[("RA-78765", "Il-76", "RA-78765")]),
    "sanction-threat": Spec("blog-1", "Washington has threatened Caracas with new sanctions", "THREATEN",
                            source=("USA", "Washington"), target=("VEN", "Caracas")),
    "plan-cnn": Spec("cnn-1", "The White House is preparing strikes on military targets inside Venezuela", "ASSAULT",
                     status="planned", source=("USA", "White House"), target=("VEN", "Venezuela"), certainty="reported",
                     attribution=[("officials familiar with the matter", "anonymous_official", None),
                                  ("the Wall Street Journal", "media", "The Wall Street Journal")]),
    "plan-fox": Spec("fox-1", "US officials have drawn up plans for strikes on Venezuelan military sites", "ASSAULT",
                     status="planned", source=("USA", "US"), target=("VEN", "Venezuelan"), certainty="reported",
                     attribution=[("the Wall Street Journal", "media", "Wall Street Journal")]),
    "plan-nbc": Spec("nbc-1", "Plans for US strikes against military installations in Venezuela are ready", "ASSAULT",
                     status="planned", source=("USA", "US"), target=("VEN", "Venezuela"), certainty="reported",
                     attribution=[("officials", "anonymous_official", None), ("the WSJ", "media", "WSJ")]),
    "warn-cnn": Spec("cnn-1", "The president warned that Maduro's days were numbered", "THREATEN",
                     source=("USA", "president"), target=("VEN", "Maduro")),
    "carrier-fox": Spec("fox-1", "The Pentagon sent an aircraft carrier group to the Caribbean", "MOBILIZE",
                        source=("USA", "Pentagon"), place=("Caribbean", None, 15.0, -75.0)),
    "carrier-nbc": Spec("nbc-1", "The US Navy deployed the carrier strike group led by the USS Gerald R. Ford to "
                        "the Caribbean Sea", "MOBILIZE", source=("USA", "US Navy"),
                        place=("Caribbean Sea", None, 15.0, -75.0)),
}

SAME = [  # groups of mentions of one happening
    {"market-reuters", "market-yahoo", "market-ap", "market-denial", "market-aljaz"},
    {"il76-tass", "il76-blog"},
    {"plan-cnn", "plan-fox", "plan-nbc"},
    {"carrier-fox", "carrier-nbc"},
]


def world() -> tuple[list[Document], dict[str, Event]]:
    """The documents and the named events of the world."""
    docs = documents()
    return list(docs.values()), {name: build(docs[s.doc], s) for name, s in SPECS.items()}


def test_link_world_spans_are_faithful() -> None:
    docs, events = world()
    texts = {d.doc_id: d.text for d in docs}
    for ev in events.values():
        text = texts[ev.doc_id]
        assert text[ev.evidence_start:ev.evidence_end] == ev.evidence_text
        for span in [ev.source, ev.target, ev.date, ev.location, *ev.quantities, *ev.equipment, *ev.attribution]:
            if span is not None:
                assert text[span.start:span.end] == span.text
    assert len({e.id for e in events.values()}) == len(events)
