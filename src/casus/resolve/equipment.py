"""Resolve equipment: vocabulary systems ('S-300', 'Ilyushin Il-76', 'RC-135V Rivet joint'), named
ships by prefix ('USS Gerald R. Ford', 'HMS Prince of Wales'), and an adjacent tail number or
registration kept as ``registration`` ('RC-135V Rivet joint 63-9792', 'Il-76 RA-78765').
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from casus.records import Document, Equipment
from casus.resolve.terms import TermSpan, doc_text, share_text, term_spans
from casus.vocab.entries import equipment_context, equipment_entries

SHIPS_KEY = "casus_ships"  # Doc.user_data cache
CONTEXT_WINDOW = 4  # tokens either side that may confirm an ambiguous name ('Patriot' ... 'missiles')

#: Navy ship prefixes and the state whose navy uses them.
SHIP_PREFIXES = {"USS": "USA", "USNS": "USA", "HMS": "GBR", "HMAS": "AUS", "HMCS": "CAN", "HMNZS": "NZL",
                 "INS": "IND", "RFS": "RUS", "TCG": "TUR", "ROKS": "KOR", "ARA": "ARG", "BAP": "PER",
                 "ESPS": "ESP", "HNLMS": "NLD", "NRP": "PRT", "FGS": "DEU", "HDMS": "DNK", "HNoMS": "NOR"}
SHIP = re.compile(r"\b(" + "|".join(SHIP_PREFIXES) + r")[ \t]+((?:[A-Z]\.|[A-Z][\w'’-]*)"
                  r"(?:[ \t]+(?:[A-Z]\.|[A-Z][\w'’-]*(?![\w.])|of|the|de|del|la)){0,4})")
CONNECTIVES = re.compile(r"(?:[ \t]+(?:of|the|de|del|la))+$")
HULL = re.compile(r"[ \t]*\((?:[A-Z]{2,4}-\d{1,3})\)")
REGISTRATION = re.compile(
    r"[ \t]{1,2}(?:\(|tail number[ \t]+|registration[ \t]+|serial[ \t]+)?"
    r"(\d{2}-\d{4,5}|[A-Z]{1,2}-\d{3,5}[A-Z]?|[A-Z]-[A-Z]{4}|[A-Z]{2}-[A-Z]{3}|N\d{1,5}[A-Z]{0,2}|[A-Z]{2,4}-\d{1,3})"
    r"(?![\w-])")


def find_equipment(doc: Document, parsed: Doc) -> list[Equipment]:
    """Every equipment mention, in text order, offsets into ``doc.text``."""
    share_text(doc, parsed)
    text = doc_text(parsed)
    found = [_from_term(t, text) for t in term_spans(parsed) if t.layer == "equipment" and _confirmed(t)]
    taken = [(e.start, e.end) for e in found]
    found += [e for e in ships(parsed) if not any(s < e.end and e.start < t for s, t in taken)]
    return sorted(found, key=lambda e: (e.start, e.end))


def _confirmed(term: TermSpan) -> bool:
    """An ambiguous name ('Patriot', 'Abrams') needs NER calling it a product or a military word nearby,
    and is never a person's name."""
    if not term.ambiguous:
        return True
    span = term.span
    if span[0].ent_type_ in {"PRODUCT", "PERSON"}:
        return span[0].ent_type_ == "PRODUCT"
    window = span.doc[max(0, span.start - CONTEXT_WINDOW):span.end + CONTEXT_WINDOW]
    return any(t.lower_ in equipment_context() for t in window if not span.start <= t.i < span.end)


def _from_term(term: TermSpan, text: str) -> Equipment:
    entry = equipment_entries()[term.entry_id]
    return Equipment(term.start, term.end, term.span.text, entry.name, entry.category, entry.origin,
                     registration(text, term.end))


def registration(text: str, end: int) -> str | None:
    """A tail number, serial or registration written right after an equipment name."""
    m = REGISTRATION.match(text, end) or HULL.match(text, end)
    if m is None:
        return None
    return m.group(1) if m.lastindex else m.group(0).strip(" ()\t")


def ships(parsed: Doc) -> list[Equipment]:
    """Named ships ('USS Carney'), found once per Doc: actors use them too (a ship is no person)."""
    if SHIPS_KEY not in parsed.user_data:
        parsed.user_data[SHIPS_KEY] = _ships(doc_text(parsed))
    return parsed.user_data[SHIPS_KEY]


def _ships(text: str) -> list[Equipment]:
    out: list[Equipment] = []
    for m in SHIP.finditer(text):
        start, end = m.start(), _trim_name(m)
        name = text[start:end]
        out.append(Equipment(start, end, name, name, "ship", SHIP_PREFIXES[m.group(1)], registration(text, end)))
    return out


def _trim_name(m: re.Match[str]) -> int:
    """End of the ship's name, without a trailing connective ('HMS Prince of Wales of' cannot be)."""
    return m.start() + len(CONNECTIVES.sub("", m.group(0)))
