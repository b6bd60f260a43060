"""People: vocabulary persons and spaCy PERSON entities, with the title and institution or country
written before them. 'White House Spokesperson Anna Kelly' gives Anna Kelly (not in any vocabulary)
the White House's country and sector; 'Venezuelan President Nicolás Maduro' claims the adjective and
title, so they do not become actors of their own. 'The President of Venezuela' and 'the Venezuelan
president' without a name resolve to the vocabulary's office holder of that year.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from casus.records import Actor
from casus.resolve.candidates import PERSON, Candidate, candidate, entry_actor, state_entry
from casus.resolve.context import context_country
from casus.resolve.gazetteer import is_city_name
from casus.resolve.junk import junk_person
from casus.resolve.terms import STATE_LAYERS, TermSpan, entities, tokens_with_lower
from casus.vocab.entries import ActorEntry, Role, actor_entries
from casus.vocab.terms import is_cabinet, is_title, one_word_titles, title_last_words, title_sector

MAX_TITLE_TOKENS = 5
POSSESSIVE = frozenset({"'s", "’s"})
ARTICLES = frozenset({"the", "a", "an"})
TITLE_MODIFIERS = frozenset({"acting", "former", "deputy", "senior", "chief", "top", "then"})
NAME_PUNCT = frozenset({".", "-", "'", "’"})


@dataclass(frozen=True, slots=True)
class Affiliation:
    """What the words before a name say: a title and the state or institution it belongs to."""

    start: int  # token index where the affiliation begins
    title: str | None
    code: str | None
    sector: str | None


def person_candidates(parsed: Doc, terms: list[TermSpan], year: int | None) -> list[Candidate]:
    by_end = {t.span.end: t for t in terms}  # terms by the token they end before
    by_start = {t.span.start: t for t in terms}
    out = [_vocab_person(t, by_end, year) for t in terms
           if t.layer == "actor" and actor_entries()[t.entry_id].kind == "person"]
    taken = [(t.start, t.end) for t in terms]
    for ent in entities(parsed):
        if ent.label_ == "PERSON" and not junk_person(ent):
            out += _ner_person(ent, (by_end, by_start), taken, terms)
    out += _descriptions(parsed, by_end, year)
    return out


def _vocab_person(term: TermSpan, by_end: dict[int, TermSpan], year: int | None) -> Candidate:
    aff = affiliation(term.span.doc, term.span.start, by_end)
    actor = entry_actor(term.span, actor_entries()[term.entry_id], year)
    return candidate(actor, PERSON, term.span.doc[aff.start:term.span.end])


def _ner_person(ent: Span, index: tuple[dict[int, TermSpan], dict[int, TermSpan]],
                taken: list[tuple[int, int]], terms: list[TermSpan]) -> list[Candidate]:
    """A PERSON entity not named in the vocabulary (whose name part overlaps no vocabulary term)."""
    by_end, by_start = index
    name, inner_title = _strip_title(ent)
    if name is None or not _is_name(name) or any(s < name.end_char and name.start_char < e for s, e in taken):
        return []
    if len(name) == 1 and inner_title is None and is_city_name(name.text):
        return []  # 'Kharkiv' tagged PERSON
    if inner_title is not None:
        aff = _affiliation_of_title(ent.doc, ent.start, inner_title, by_end)
    else:
        aff = affiliation(ent.doc, name.start, by_end)
    if aff.title is None:
        aff = _apposition(ent.doc, ent.end, by_start) or aff
    code = aff.code
    if code is None and aff.title is not None and is_cabinet(aff.title):
        code = context_country(ent.doc, terms, name.start_char)
    actor = Actor(name.start_char, name.end_char, name.text, name.text, code, aff.sector, "person",
                  f"person:{name.text}")
    return [candidate(actor, PERSON, ent.doc[min(aff.start, ent.start):ent.end])]


def _apposition(doc: Doc, end: int, by_start: dict[int, TermSpan]) -> Affiliation | None:
    """'Sarah Sanders, the White House press secretary': the affiliation written after the name."""
    i = end + 1 if end < len(doc) and doc[end].text == "," else end
    if i == end:
        return None
    i += 1 if i < len(doc) and doc[i].lower_ in ARTICLES else 0
    term = by_start.get(i)
    j = term.span.end if term is not None else i
    j += 1 if j < len(doc) and doc[j].text in POSSESSIVE else 0
    j += 1 if j < len(doc) and doc[j].lower_ in TITLE_MODIFIERS else 0
    title = next((w for size in (4, 3, 2, 1) if is_title(w := doc[j:j + size].text.lower())), None)
    if title is None:
        return None
    code, sector = _term_affiliation(term, title) if term is not None else (None, title_sector(title))
    return Affiliation(end, title, code, sector)


def _strip_title(ent: Span) -> tuple[Span | None, str | None]:
    """'Spokesperson Anna Kelly' -> ('Anna Kelly', 'spokesperson')."""
    for k in range(ent.end - 1, ent.start, -1):
        words = ent.doc[ent.start:k].text.lower()
        if is_title(words):
            return ent.doc[k:ent.end], words
    return ent, None


def _is_name(span: Span) -> bool:
    return span[0].is_title and all(t.is_alpha or t.text in NAME_PUNCT for t in span)


def affiliation(doc: Doc, start: int, by_end: dict[int, TermSpan]) -> Affiliation:
    """Read leftwards from token ``start``: a title, then a country, adjective or institution."""
    title, i = _title_before(doc, start)
    if title is None:
        return Affiliation(start, None, None, None)
    return _affiliation_of_title(doc, i, title, by_end)


def _affiliation_of_title(doc: Doc, i: int, title: str, by_end: dict[int, TermSpan]) -> Affiliation:
    """The title starting at token ``i``, and the country or institution right before it (over
    modifiers: "Hezbollah's chief spokesman", 'the acting Venezuelan transport minister')."""
    while i > 0 and doc[i - 1].lower_ in TITLE_MODIFIERS:
        i -= 1
    j = i - 1 if i > 0 and doc[i - 1].text in POSSESSIVE else i
    term = by_end.get(j)
    if term is None:
        return Affiliation(i, title, None, title_sector(title))
    code, sector = _term_affiliation(term, title)
    return Affiliation(term.span.start, title, code, sector)


def _title_before(doc: Doc, start: int) -> tuple[str | None, int]:
    """The title right before token ``start``, or before a comma there ('the defence secretary, X')."""
    ends = (start, start - 1) if start > 0 and doc[start - 1].text == "," else (start,)
    for end in ends:
        if end == 0 or doc[end - 1].lower_ not in title_last_words():
            continue
        for size in range(MAX_TITLE_TOKENS, 0, -1):
            if end - size >= 0 and is_title(words := doc[end - size:end].text.lower()):
                return words, end - size
    return None, start


def _term_affiliation(term: TermSpan, title: str) -> tuple[str | None, str | None]:
    entry = actor_entries().get(term.entry_id)
    if entry is None or term.layer not in {*STATE_LAYERS, "actor"}:
        return None, title_sector(title)
    if term.layer == "actor" and entry.kind != "person":
        return entry.code, _institution_sector(entry, title)
    return entry.code, title_sector(title)


def _institution_sector(entry: ActorEntry, title: str) -> str | None:
    """A government body's person acts for its sector ('Pentagon spokesman' MIL); an armed group's,
    party's or outlet's person for the group, whatever the title ('Houthi military spokesman' REB)."""
    if entry.sector in {"GOV", None}:
        return title_sector(title) or entry.sector
    return entry.sector


def _descriptions(parsed: Doc, by_end: dict[int, TermSpan], year: int | None) -> list[Candidate]:
    """'the Venezuelan president', 'The President of Venezuela': the office holder, when known."""
    out: list[Candidate] = []
    by_start = {t.span.start: t for t in by_end.values()}
    for i in tokens_with_lower(parsed, one_word_titles()):
        tok = parsed[i]
        title = tok.lower_
        state = _described_state(parsed, tok.i, by_end, by_start)
        if state is not None and (c := _office_holder(parsed, tok.i, state, title, year)):
            out.append(c)
    return out


def _described_state(parsed: Doc, i: int, by_end: dict[int, TermSpan],
                     by_start: dict[int, TermSpan]) -> tuple[TermSpan, Span] | None:
    before = by_end.get(i - 1 if i > 0 and parsed[i - 1].text in POSSESSIVE else i)
    if before is not None and before.layer in STATE_LAYERS and i > before.span.start:
        return before, parsed[before.span.start:i + 1]
    after = by_start.get(i + 2)
    if i + 1 < len(parsed) and parsed[i + 1].lower_ == "of" and after is not None and after.layer == "state":
        return after, parsed[i:after.span.end]
    return None


def _office_holder(parsed: Doc, i: int, found: tuple[TermSpan, Span], title: str,
                   year: int | None) -> Candidate | None:
    term, phrase = found
    if i + 1 < len(parsed) and (parsed[i + 1].is_title or parsed[i + 1].ent_type_ == "PERSON"):
        return None  # a name follows: the person rules handle it
    code = term.entry_id.removeprefix("state-")
    holder = _holder(code, title, year)
    if holder is None:
        entry = state_entry(code)
        name = f"{entry.name if entry else code} {title}"
        actor = Actor(phrase.start_char, phrase.end_char, phrase.text, name, code, title_sector(title), "person")
        return candidate(actor, PERSON)
    return candidate(entry_actor(phrase, holder, year), PERSON)


def _holder(code: str, title: str, year: int | None) -> ActorEntry | None:
    """The vocabulary person who held ``title`` for ``code`` in ``year``, if exactly one did (cabinet
    offices only: a state has many ambassadors and spokespeople)."""
    if not is_cabinet(title):
        return None
    found = [e for e in actor_entries().values() if e.kind == "person" and e.code == code
             and (r := e.role_at(year)) is not None and r.title == title and _current(r, year)]
    return found[0] if len(found) == 1 else None


def _current(role: Role, year: int | None) -> bool:
    """Held in ``year``; without a year, still held (open-ended)."""
    return role.covers(year) if year is not None else role.end is None
