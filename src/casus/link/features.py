"""What linking compares of one event mention, computed once per mention."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache
from typing import Any

import pycountry

from casus.link.lexicon import (
    casualty_class,
    content_tokens,
    normalise_name,
    original_source,
    plain_stems,
    stem,
    type_table,
)
from casus.link.telling import description, refers_back, sentence_start
from casus.records import PUBLISHED, Document, Event

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
    voice: str = ""  # "" for the article's own text, "embed:<start>" inside an embedded post
    trigger_span: tuple[int, int] | None = None
    position: int = 0  # where it is told: the trigger's offset, else the evidence's
    sentence: int = -1  # offset of the sentence its evidence starts in (-1: text not at hand)
    refers_back: bool = False  # its trigger points back to a happening told before ("the attack")
    described: frozenset[str] = frozenset()  # stems that set a definite trigger apart ("the attacks on land")
    stems: frozenset[str] = frozenset()  # stems of its evidence, concepts not merged


@lru_cache(maxsize=65536)
def ordinal(iso: str | None) -> int | None:
    """Day ordinal of an ISO date (a datetime's date part); None when absent or unreadable."""
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


NO_KEYS: frozenset[str] = frozenset()


def _equipment_keys(event: Event) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    if not event.equipment:
        return NO_KEYS, NO_KEYS, NO_KEYS
    names = frozenset(re.sub(r"[^a-z0-9]", "", e.name.lower()) for e in event.equipment if e.name)
    regs = frozenset(re.sub(r"[^A-Z0-9]", "", e.registration.upper()) for e in event.equipment if e.registration)
    cats = frozenset(e.category.lower() for e in event.equipment if e.category)
    return names - {""}, regs - {""}, cats


@dataclass(frozen=True, slots=True)
class Anchored:
    """The fields of a Mention that blocking anchors read (``clusters.anchor_keys``), for every stored
    event without building its whole Mention (what an incremental link needs of the unchanged ones)."""

    doc_id: str
    equipment: frozenset[str]
    registrations: frozenset[str]
    place: PlaceKey | None
    tokens: frozenset[str]


def anchored(event: Event, tokens: frozenset[str]) -> Anchored:
    """``tokens`` are the event's ``content_tokens``, computed by the caller once."""
    names, regs, _cats = _equipment_keys(event)
    return Anchored(event.doc_id, names, regs, _place(event), tokens)


def _trigger(event: Event, doc: Document | None) -> str | None:
    """The trigger word's stem, when the extractor marked one and the text is at hand."""
    if doc is None or event.trigger_start is None or event.trigger_end is None:
        return None
    words = content_tokens(doc.text[event.trigger_start:event.trigger_end])
    return min(words) if words else stem(doc.text[event.trigger_start:event.trigger_end].lower().strip())


@cache
def country_keys(code: str) -> frozenset[str]:
    """Normalised names of an ISO-3 country, to tell 'Venezuela' (country-wide) from a town in it."""
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return frozenset()
    names = {getattr(country, a, None) for a in ("name", "common_name", "official_name")}
    return frozenset(normalise_name(n.split(",")[0]) for n in names if n)


def country_wide(p: PlaceKey) -> bool:
    """The place is a whole country ('Venezuela'), not a spot in it."""
    return bool(p.country) and p.name in country_keys(p.country)  # type: ignore[arg-type]


def _place(event: Event) -> PlaceKey | None:
    loc = event.location
    if loc is None or loc.basis == "context":
        return None  # a place inferred from around the clause is too loose to split or join clusters
    return PlaceKey(normalise_name(loc.name or loc.text), loc.country, loc.lat, loc.lon)


@dataclass(frozen=True, slots=True)
class When:
    """A mention's time: its own interval (day ordinals), whether that is only the publication date, and
    the publication day. Blocking needs only this and the dyad, so it is cheap for every stored event."""

    first: int | None
    last: int | None
    weak: bool
    published: int | None


def when_of(event: Event, doc: Document | None) -> When:
    date = event.date if event.date and event.date.basis != PUBLISHED else None  # assumed, not said
    first = ordinal(date.first) if date else None
    last = ordinal(date.last) if date else None
    if first is None or last is None or last < first:
        first = last = None
    return When(first, last, bool(date and date.basis in WEAK_BASES),
                ordinal(doc.published.date) if doc and doc.published else None)


def mention_of(event: Event, doc: Document | None, root_doc: str) -> Mention:
    """Reduce an Event (and its document, for the published date and trigger) to a Mention."""
    names, regs, cats = _equipment_keys(event)
    when = when_of(event, doc)
    return Mention(
        id=event.id, doc_id=event.doc_id, root_doc=root_doc, type=event.type,
        family=type_table().family_of(event.type),
        source=event.source.code if event.source else None, target=event.target.code if event.target else None,
        first=when.first, last=when.last, weak_date=when.weak, published=when.published, status=event.status,
        place=_place(event), equipment=names, registrations=regs, categories=cats,
        tokens=content_tokens(event.evidence_text), trigger=_trigger(event, doc),
        origin=original_source(event), figures=_figures(event), span=(event.evidence_start, event.evidence_end),
        **_telling(event, doc),
    )


def _telling(event: Event, doc: Document | None) -> dict[str, Any]:
    """Where and how the document tells it: its voice (article or embedded post), trigger, sentence, and
    whether the trigger refers back to a happening told before (what within-document linking needs)."""
    if doc is None:
        return {}
    trig = (event.trigger_start, event.trigger_end) if event.trigger_start is not None and \
        event.trigger_end is not None else None
    pos = trig[0] if trig else event.evidence_start
    embed = next((e for e in doc.embeds if e.start <= event.evidence_start < e.end), None)
    return {"voice": f"embed:{embed.start}" if embed else "", "trigger_span": trig, "position": pos,
            "sentence": sentence_start(doc.text, event.evidence_start),
            "refers_back": bool(trig) and refers_back(doc.text, *trig),  # type: ignore[misc]
            "described": description(doc.text, *trig) if trig else frozenset(),
            "stems": plain_stems(event.evidence_text)}


def _figures(event: Event) -> frozenset[float]:
    return frozenset(q.value for q in event.quantities
                     if q.value is not None and casualty_class(q, event.type) is not None)


def with_mass(mentions: list[Mention], idf: dict[str, float]) -> list[Mention]:
    """The mentions with their token mass filled in (the denominator of the word overlap)."""
    return [replace(m, mass=sum(idf.get(t, 1.0) for t in m.tokens)) for m in mentions]


def level(count: int) -> int:
    """Half-octave level of a count (floor of 2·log2, in exact integer arithmetic)."""
    return (max(count, 1) ** 2).bit_length() - 1


def level_value(lvl: int) -> float:
    """The geometric middle of a level's counts."""
    return 2.0 ** ((lvl + 0.5) / 2)


def idf_from_counts(df: Counter[str] | dict[str, int], n: int) -> dict[str, float]:
    """Inverse mention frequency on half-octave levels of the counts: names every mention repeats weigh
    little. Levels, not raw counts, so that adding a few mentions changes the weight of no token but
    those crossing a level (what lets linking be incremental and still equal a full run)."""
    return idf_from_levels({t: level(c) for t, c in df.items()}, level(n + 1))


def idf_from_levels(levels: dict[str, int], n_level: int) -> dict[str, float]:
    """The idf of ``idf_from_counts`` from the tokens' levels and the level of the mention count + 1
    (what a link state keeps, so a later run can tell how much a pair's word overlap moved)."""
    total = level_value(n_level)
    return {t: math.log(1.0 + total / level_value(lvl)) for t, lvl in levels.items()}


def idf_weights(mentions: list[Mention]) -> dict[str, float]:
    """Inverse mention frequency of every token (see ``idf_from_counts``)."""
    return idf_from_counts(Counter(t for m in mentions for t in m.tokens), len(mentions))
