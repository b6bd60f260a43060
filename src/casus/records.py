"""The typed records every stage shares.

Flow: ingest -> ``Document`` (text + metadata) -> clean (fills ``removed`` / ``embeds``)
-> annotate + resolve -> ``Annotations`` (actors, places, times, quantities, equipment)
-> extract -> ``Event`` -> link (clusters, duplicates, contradictions) -> store -> present.

Every record that comes from text carries ``start``/``end``: Python string indices (code points,
end exclusive) into ``Document.text``, and where it has a ``text`` field,
``document.text[start:end] == record.text``.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


def sha256_text(text: str) -> str:
    """Content hash of a document's text (UTF-8), the identity used for incremental runs."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(slots=True)
class RemovedSpan:
    """A span that is not article body (related links, teasers, embed credits ...)."""

    start: int
    end: int
    kind: str
    reason: str | None = None


@dataclass(slots=True)
class Embed:
    """An embedded post (tweet and the like) quoted in the article: a source of its own."""

    start: int
    end: int
    kind: str
    author: str | None = None
    handle: str | None = None
    date: str | None = None  # ISO date


@dataclass(slots=True)
class Published:
    date: str  # ISO date
    basis: str  # manifest | metadata | inferred
    evidence: str | None = None


@dataclass(slots=True)
class Document:
    doc_id: str
    path: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: Published | None = None
    language: str | None = None
    removed: list[RemovedSpan] = field(default_factory=list)
    embeds: list[Embed] = field(default_factory=list)
    duplicate_of: str | None = None
    corpus: str = ""  # the corpus directory the document came from (not part of the contract)
    fmt: str = "txt"  # input format: txt, html, jsonl, csv, feed, warc, track

    @property
    def sha256(self) -> str:
        return sha256_text(self.text)

    def to_json(self) -> dict[str, Any]:
        """The contract's document object (document.schema.json)."""
        return {
            "doc_id": self.doc_id,
            "path": self.path,
            "sha256": self.sha256,
            "text": self.text,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "published": asdict(self.published) if self.published else None,
            "language": self.language,
            "removed": [asdict(r) for r in self.removed],
            "embeds": [asdict(e) for e in self.embeds],
            "duplicate_of": self.duplicate_of,
            "format": self.fmt,
        }

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Document:
        pub = obj.get("published")
        return cls(
            doc_id=obj["doc_id"],
            path=obj["path"],
            text=obj["text"],
            title=obj.get("title"),
            outlet=obj.get("outlet"),
            url=obj.get("url"),
            published=Published(**pub) if pub else None,
            language=obj.get("language"),
            removed=[RemovedSpan(**r) for r in obj.get("removed") or []],
            embeds=[Embed(**e) for e in obj.get("embeds") or []],
            duplicate_of=obj.get("duplicate_of"),
            fmt=obj.get("format") or "txt",
        )


@dataclass(frozen=True, slots=True)
class DocumentHead:
    """What linking reads of most stored documents: not their text. Their content hash comes from
    the store, and only the documents linking must read (new ones, duplicate candidates) are loaded
    whole, so a store's texts are not all in memory at each add."""

    doc_id: str
    sha256: str
    outlet: str | None = None
    url: str | None = None
    published: Published | None = None
    fmt: str = "txt"


DocumentInfo = Document | DocumentHead  # what linking needs of a stored document (heads for most)


@dataclass(slots=True)
class InputError:
    """One input that could not be read: becomes one line of errors.jsonl and one line on stderr."""

    path: str
    error: str

    def to_json(self) -> dict[str, str]:
        return {"path": self.path, "error": self.error}


# --------------------------------------------------------------------------- mentions (annotate/resolve)


@dataclass(slots=True)
class Actor:
    """A resolved actor mention: who, as the contract's actor object."""

    start: int
    end: int
    text: str
    name: str  # canonical: 'Nicolás Maduro', 'United States'
    code: str | None = None  # ISO-3, IGO, NGO or None
    sector: str | None = None  # GOV MIL LEG JUD POL MED BUS CRM REB CVL IGO NGO
    kind: str = "org"  # person | state | org | media | group
    entity_id: str | None = None  # vocabulary id, for short-name coreference

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "name": self.name,
                "code": self.code, "sector": self.sector}


@dataclass(slots=True)
class Place:
    start: int
    end: int
    text: str
    name: str
    country: str | None = None  # ISO-3
    lat: float | None = None
    lon: float | None = None
    kind: str = "city"  # country | city | region | sea | strait | base | airport
    basis: str | None = None  # an event's location: "context" when taken from around its clause

    def to_json(self) -> dict[str, Any]:
        obj = {"text": self.text, "start": self.start, "end": self.end, "name": self.name,
               "country": self.country, "lat": self.lat, "lon": self.lon}
        return obj if self.basis is None else {**obj, "basis": self.basis}


PUBLISHED = "published"  # the basis of an event date assumed from its document's publication date


@dataclass(slots=True)
class TimeExpr:
    """A temporal expression normalised to an inclusive ISO interval."""

    start: int
    end: int
    text: str
    first: str  # ISO date
    last: str  # ISO date
    basis: str = "explicit"  # explicit | relative to published | published

    def to_json(self) -> dict[str, Any]:
        if self.basis == PUBLISHED:  # assumed from the publication date: no characters say it
            return {"text": None, "start": self.first, "end": self.last, "basis": self.basis,
                    "start_offset": None, "end_offset": None}
        return {"text": self.text, "start": self.first, "end": self.last, "basis": self.basis,
                "start_offset": self.start, "end_offset": self.end}


@dataclass(slots=True)
class Quantity:
    start: int
    end: int
    text: str
    value: float | None
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    approximate: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "value": self.value,
                "low": self.low, "high": self.high, "unit": self.unit}


@dataclass(slots=True)
class Equipment:
    start: int
    end: int
    text: str
    name: str  # canonical designation
    category: str | None = None
    origin: str | None = None  # ISO-3
    registration: str | None = None  # tail number / registration when the text gives one

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "name": self.name,
                "category": self.category, "origin": self.origin, "registration": self.registration}


@dataclass(slots=True)
class Annotations:
    """Everything the language layer found in one document, offsets into its text."""

    doc_id: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    equipment: list[Equipment] = field(default_factory=list)


# --------------------------------------------------------------------------- events (extract/link)


@dataclass(slots=True)
class Attribution:
    """One link of a who-says-so chain (nearest source first)."""

    start: int
    end: int
    text: str
    kind: str  # official anonymous_official government media document social_media expert data_service other
    name: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "name": self.name, "kind": self.kind}


@dataclass(slots=True)
class Event:
    """One event mention as one document reports it (event.schema.json)."""

    id: str
    doc_id: str
    type: str
    status: str
    certainty: str
    evidence_start: int
    evidence_end: int
    evidence_text: str
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    source: Actor | None = None
    target: Actor | None = None
    date: TimeExpr | None = None
    location: Place | None = None
    quantities: list[Quantity] = field(default_factory=list)
    equipment: list[Equipment] = field(default_factory=list)
    attribution: list[Attribution] = field(default_factory=list)
    intensity: float | None = None
    confidence: float | None = None
    cluster: str | None = None
    trigger_start: int | None = None  # the word that signals the event, for linking and the report
    trigger_end: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "type": self.type,
            "mode": self.mode,
            "contexts": list(self.contexts),
            "status": self.status,
            "certainty": self.certainty,
            "source": self.source.to_json() if self.source else None,
            "target": self.target.to_json() if self.target else None,
            "date": self.date.to_json() if self.date else None,
            "location": self.location.to_json() if self.location else None,
            "quantities": [q.to_json() for q in self.quantities],
            "equipment": [e.to_json() for e in self.equipment],
            "attribution": [a.to_json() for a in self.attribution],
            "evidence": {"text": self.evidence_text, "start": self.evidence_start, "end": self.evidence_end},
            "intensity": self.intensity,
            "confidence": self.confidence,
            "cluster": self.cluster,
            "trigger": self.trigger_json(),
        }

    def trigger_json(self) -> dict[str, Any] | None:
        """The word that signals the event (not in the contract; readers may ignore it)."""
        if self.trigger_start is None or self.trigger_end is None:
            return None
        offset = self.trigger_start - self.evidence_start
        text = self.evidence_text[offset:offset + self.trigger_end - self.trigger_start]
        inside = offset >= 0 and self.trigger_end <= self.evidence_end
        return {"text": text, "start": self.trigger_start, "end": self.trigger_end} if inside else None


def event_id(doc_id: str, evidence_start: int, evidence_end: int, type_: str, source: str | None,
             target: str | None) -> str:
    """Deterministic event id: the same inputs give the same id whatever the processing order."""
    key = f"{doc_id}|{evidence_start}|{evidence_end}|{type_}|{source}|{target}"
    return "ev_" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def event_from_json(obj: dict[str, Any]) -> Event:
    """Rebuild an Event from its contract JSON (the store keeps events as JSON)."""
    def actor(a: dict[str, Any] | None) -> Actor | None:
        if not a:
            return None
        return Actor(a["start"], a["end"], a["text"], a["name"], a.get("code"), a.get("sector"))

    d = obj.get("date")
    loc = obj.get("location")
    ev = obj["evidence"]
    return Event(
        id=obj["id"], doc_id=obj["doc_id"], type=obj["type"], status=obj["status"],
        certainty=obj["certainty"], evidence_start=ev["start"], evidence_end=ev["end"],
        evidence_text=ev["text"], mode=obj.get("mode"), contexts=list(obj.get("contexts") or []),
        source=actor(obj.get("source")), target=actor(obj.get("target")),
        date=TimeExpr(d.get("start_offset") or 0, d.get("end_offset") or 0, d.get("text") or "",
                      d["start"], d["end"], d.get("basis") or "explicit") if d else None,
        location=Place(loc["start"], loc["end"], loc["text"], loc["name"], loc.get("country"),
                       loc.get("lat"), loc.get("lon"), basis=loc.get("basis")) if loc else None,
        quantities=[Quantity(q["start"], q["end"], q["text"], q.get("value"), q.get("unit"), q.get("low"),
                             q.get("high")) for q in obj.get("quantities") or []],
        equipment=[Equipment(e["start"], e["end"], e["text"], e["name"], e.get("category"), e.get("origin"),
                             e.get("registration")) for e in obj.get("equipment") or []],
        attribution=[Attribution(a["start"], a["end"], a["text"], a["kind"], a.get("name"))
                     for a in obj.get("attribution") or []],
        intensity=obj.get("intensity"), confidence=obj.get("confidence"), cluster=obj.get("cluster"),
        trigger_start=(obj.get("trigger") or {}).get("start"), trigger_end=(obj.get("trigger") or {}).get("end"),
    )
