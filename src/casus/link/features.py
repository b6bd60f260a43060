"""What linking compares of one event mention, computed once per mention."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from casus.link.lexicon import casualty_class, content_tokens, normalise_name, original_source, stem, type_table
from casus.records import Document, Event

WEAK_BASES = frozenset({"published"})


@dataclass(frozen=True, slots=True)
class PlaceKey:
    name: str
    country: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class Mention:
    """One event mention reduced to the features the similarity uses (dates as day ordinals)."""

    id: str
    doc_id: str
    root_doc: str
    type: str
    family: str
    source: str | None
    target: str | None
    first: int | None
    last: int | None
    weak_date: bool
    published: int | None
    status: str
    place: PlaceKey | None
    equipment: frozenset[str]
    registrations: frozenset[str]
    categories: frozenset[str]
    tokens: frozenset[str]
    trigger: str | None
    origin: str | None = None  # farthest media/document source of the attribution chain
    figures: frozenset[float] = frozenset()  # casualty figures
    mass: float = 0.0  # idf weight of all its tokens, set once the corpus idf is known
    span: tuple[int, int] = (0, 0)  # evidence offsets in its document


def ordinal(iso: str | None) -> int | None:
    """Day ordinal of an ISO date (a datetime's date part); None when absent or unreadable."""
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def _equipment_keys(event: Event) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    names = frozenset(re.sub(r"[^a-z0-9]", "", e.name.lower()) for e in event.equipment if e.name)
    regs = frozenset(re.sub(r"[^A-Z0-9]", "", e.registration.upper()) for e in event.equipment if e.registration)
    cats = frozenset(e.category.lower() for e in event.equipment if e.category)
    return names - {""}, regs - {""}, cats


def _trigger(event: Event, doc: Document | None) -> str | None:
    """The trigger word's stem, when the extractor marked one and the text is at hand."""
    if doc is None or event.trigger_start is None or event.trigger_end is None:
        return None
    words = content_tokens(doc.text[event.trigger_start:event.trigger_end])
    return min(words) if words else stem(doc.text[event.trigger_start:event.trigger_end].lower().strip())


def _place(event: Event) -> PlaceKey | None:
    loc = event.location
    if loc is None:
        return None
    return PlaceKey(normalise_name(loc.name or loc.text), loc.country, loc.lat, loc.lon)


def mention_of(event: Event, doc: Document | None, root_doc: str) -> Mention:
    """Reduce an Event (and its document, for the published date and trigger) to a Mention."""
    names, regs, cats = _equipment_keys(event)
    first = ordinal(event.date.first) if event.date else None
    last = ordinal(event.date.last) if event.date else None
    if first is None or last is None or last < first:
        first = last = None
    return Mention(
        id=event.id, doc_id=event.doc_id, root_doc=root_doc, type=event.type,
        family=type_table().family_of(event.type),
        source=event.source.code if event.source else None, target=event.target.code if event.target else None,
        first=first, last=last, weak_date=bool(event.date and event.date.basis in WEAK_BASES),
        published=ordinal(doc.published.date) if doc and doc.published else None, status=event.status,
        place=_place(event), equipment=names, registrations=regs, categories=cats,
        tokens=content_tokens(event.evidence_text), trigger=_trigger(event, doc),
        origin=original_source(event), figures=_figures(event), span=(event.evidence_start, event.evidence_end),
    )


def _figures(event: Event) -> frozenset[float]:
    return frozenset(q.value for q in event.quantities
                     if q.value is not None and casualty_class(q, event.type) is not None)


def with_mass(mentions: list[Mention], idf: dict[str, float]) -> list[Mention]:
    """The mentions with their token mass filled in (the denominator of the word overlap)."""
    return [replace(m, mass=sum(idf.get(t, 1.0) for t in m.tokens)) for m in mentions]


def idf_weights(mentions: list[Mention]) -> dict[str, float]:
    """Inverse mention frequency of every token: names every mention repeats weigh little."""
    df = Counter(t for m in mentions for t in m.tokens)
    n = len(mentions)
    return {t: math.log(1.0 + (n + 1) / c) for t, c in df.items()}
