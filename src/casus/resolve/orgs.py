"""Organisations and groups the vocabulary does not know, from spaCy's ORG/NORP entities.

- code from the owner written before ("the People's Liberation Army's Eastern Theater Command" -> CHN,
  "China's Taiwan Affairs Office" -> CHN), from a country inside the name ('Iran Air' -> IRN), or from
  'in <capital>' after a government body ('the Department of Migrant Workers in Manila' -> PHL);
- sector from the last word(s) of the name ('... Ministry' GOV, '... Command' MIL, '... Airlines' BUS);
- news outlets by their name ('the Harbour Post', 'Levant Observer'): kind media, sector MED;
- an ORG entity that wraps a country name ('Iran Air', 'Brussels Briefing') beats the bare country.

Junk entities (headline fragments, datelines, ships) are dropped first (``junk``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from casus.records import Actor
from casus.resolve.candidates import NER, TERM, Candidate, candidate
from casus.resolve.gazetteer import is_city_name
from casus.resolve.junk import junk_entity, junk_group
from casus.resolve.terms import POSSESSIVE, STATE_LAYERS, TermSpan, entities
from casus.vocab.collectives import facility_words
from casus.vocab.entries import actor_entries, place_entries
from casus.vocab.terms import name_heads, outlet_words

COMPOUND_SUFFIX = frozenset({"-", "–"})  # 'Russian-made', 'US-backed': origin, not an actor
GOVERNMENT_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD"})
NOT_STATES = frozenset({"IGO", "NGO"})
WRAPPED_LAYERS = STATE_LAYERS | {"place"}  # 'Crimea Affairs Office', 'Gaza Humanitarian Foundation'


def org_candidates(parsed: Doc, terms: list[TermSpan]) -> list[Candidate]:
    """Unknown organisations and groups from NER, with code and sector where the text gives them."""
    by_end = {t.span.end: t for t in terms}
    by_start = {t.span.start: t for t in terms}
    out: list[Candidate] = []
    for ent in entities(parsed):
        if ent.label_ not in {"ORG", "NORP"} or not _looks_like_name(ent) or _modifier(ent):
            continue
        inside = [t for t in terms if t.start < ent.end_char and ent.start_char < t.end]
        if inside and not _wraps_states(ent, inside):
            continue
        ent = without_article(ent)
        if _junk(ent) or _place_named(ent):
            continue  # 'Eilat', 'El Fasher' tagged ORG; 'Saudi Hospital' is a building
        out.append(_org(ent, inside, by_end, by_start))
    return out


def _place_named(ent: Span) -> bool:
    """A city's name or a facility ('Saudi Hospital', 'Al-Shifa Hospital'): a place, not an actor."""
    return ent[-1].lower_ in facility_words() or (ent[-1].is_title and is_city_name(ent.text)
                                                   and ent[-1].lower_ not in name_heads())


def _junk(ent: Span) -> bool:
    return junk_group(ent) if ent.label_ == "NORP" else junk_entity(ent)


def _org(ent: Span, inside: list[TermSpan], by_end: dict[int, TermSpan], by_start: dict[int, TermSpan]) -> Candidate:
    kind, sector = _kind_sector(ent)
    owner = _owner(ent, by_end)
    code = owner[0] if owner else _state_inside(inside)
    if code is None and sector in GOVERNMENT_SECTORS:
        code = _state_after(ent, by_start)
    if sector is None and owner is not None:
        sector = owner[1]
    actor = Actor(ent.start_char, ent.end_char, ent.text, ent.text, code, sector, kind)
    return candidate(actor, TERM if inside else NER)


def _kind_sector(ent: Span) -> tuple[str, str | None]:
    if ent.label_ == "NORP":
        return "group", None
    words = [t.lower_ for t in ent if not t.is_punct]
    if len(ent) > 1 and words and words[-1] in outlet_words():
        return "media", "MED"
    for size in (2, 1):
        if len(words) > size and (sector := name_heads().get(" ".join(words[-size:]))) is not None:
            return "org", sector
    if "of" in words[1:] and (sector := name_heads().get(words[words.index("of", 1) - 1])) is not None:
        return "org", sector  # 'Ministry of Foreign Affairs', 'Department of Migrant Workers'
    return "org", None


def _wraps_states(ent: Span, inside: list[TermSpan]) -> bool:
    """An ORG name made of a country and other capitalised words ('Iran Air', 'Taiwan Affairs Office')."""
    if ent.label_ != "ORG" or any(t.layer not in WRAPPED_LAYERS for t in inside):
        return False
    covered = {i for t in inside for i in range(t.span.start, t.span.end)}
    rest = [t for t in ent if t.i not in covered and t.lower_ not in {"the", *POSSESSIVE}]
    return bool(rest) and all(t.is_title or t.is_upper or t.lower_ in {"of", "and", "for"} for t in rest) and \
        (rest[-1].is_title or rest[-1].is_upper)


def _state_inside(inside: list[TermSpan]) -> str | None:
    """The one country named in the name, or the possessive one ("China's Taiwan Affairs Office")."""
    codes = {_country(t) for t in inside} - {None}
    if len(codes) == 1:
        return codes.pop()
    owner = next((t for t in inside if _possessive_after(t.span)), None)
    return _country(owner) if owner is not None else None


def _country(term: TermSpan) -> str | None:
    if term.layer == "place":
        return place_entries()[term.entry_id].country
    return term.entry_id.removeprefix("state-")


def _possessive_after(span: Span) -> bool:
    return span.end < len(span.doc) and span.doc[span.end].text in POSSESSIVE


def _owner(ent: Span, by_end: dict[int, TermSpan]) -> tuple[str, str | None] | None:
    """The country right before the name ('Ukrainian', "Russia's"), or a known institution with a
    possessive ("the PLA's"); a bare institution before a name is no owner ('USAF Boeing')."""
    doc, i = ent.doc, ent.start
    possessive = i > 0 and doc[i - 1].text in POSSESSIVE
    term = by_end.get(i - 1 if possessive else i)
    if term is None:
        return None
    if term.layer in STATE_LAYERS:
        return term.entry_id.removeprefix("state-"), None
    if not possessive:
        return None
    entry = actor_entries().get(term.entry_id)
    if term.layer == "actor" and entry is not None and entry.code and entry.code not in NOT_STATES:
        return entry.code, entry.sector
    return None


def _state_after(ent: Span, by_start: dict[int, TermSpan]) -> str | None:
    """'the Department of Migrant Workers in Manila', '... of Ukraine': a government body's country."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].lower_ not in {"in", "of"}:
        return None
    term = by_start.get(ent.end + 1)
    return term.entry_id.removeprefix("state-") if term is not None and term.layer in STATE_LAYERS else None


def _modifier(ent: Span) -> bool:
    """A NORP used as an adjective ('Western airspace', 'Kurdish-led') is no actor; a plural ('Kurds') is."""
    return ent.label_ == "NORP" and (ent[-1].dep_ in {"amod", "compound", "nmod"} or is_compound(ent))


def is_compound(span: Span) -> bool:
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return nxt is not None and nxt.text in COMPOUND_SUFFIX and nxt.idx == span.end_char


def without_article(ent: Span) -> Span:
    """'the Guardian' -> 'Guardian', "Baghdadi's" -> 'Baghdadi'."""
    if len(ent) > 1 and ent[-1].text in POSSESSIVE:
        ent = ent[:-1]
    return ent[1:] if len(ent) > 1 and ent[0].lower_ == "the" else ent


def _looks_like_name(ent: Span) -> bool:
    """Not a URL, handle or hashtag run, and starting with a capital or a digit-free acronym."""
    first = without_article(ent)[0]
    return (first.is_title or first.is_upper) and not any(t.like_url or t.text.startswith("@") for t in ent)
