"""Resolve quantities: amounts with hedges, ranges, units and what is counted.

The scanner (``quantscan``) finds the numbers in the masked text; the parse then says what they
count: the noun the number modifies with its compound modifiers ("air defense missile systems"),
or the object of "of" ("dozens of people"). Casualty verbs turn the counted noun into a casualty
unit with one rule: "40 people lost their lives" / "40 people were killed" -> "people killed",
"12 injured" -> "people wounded".
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Token

from casus.annotate import masked_text
from casus.records import Document, Quantity
from casus.resolve import quantlex as ql
from casus.resolve.numbers import is_word_number
from casus.resolve.quantscan import Found, scan_quantities

_NAME_LABELS = frozenset({"ORG", "PRODUCT", "LAW", "WORK_OF_ART", "FAC", "EVENT", "PERSON", "GPE", "NORP"})
_MODIFIER_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "det"})
_NOUNS = frozenset({"NOUN", "PROPN"})
_LIFE = frozenset({"life", "lives"})


def find_quantities(doc: Document, parsed: Doc) -> list[Quantity]:
    """Quantities of the document body in text order (offsets into ``doc.text``)."""
    text = masked_text(doc)  # what ``parsed`` was built from; Doc.text would rebuild it token by token
    out = []
    has_dep = parsed.has_annotation("DEP")
    for found in scan_quantities(text):
        quantity = _with_counted(parsed, found, has_dep)
        if quantity is not None and not _inside_name(parsed, quantity):
            out.append(dataclasses.replace(quantity, text=doc.text[quantity.start:quantity.end]))
    return out


def _with_counted(parsed: Doc, found: Found, has_dep: bool) -> Quantity | None:
    """The quantity with its counted noun as unit; None for a bare 'one' ('one of them')."""
    q = found.quantity
    if q.unit is None:
        q = dataclasses.replace(q, unit=counted_unit(parsed, found, has_dep))
    if q.unit is None and q.value is not None and q.value <= 1 and is_word_number(q.text):
        return None
    return q


def _inside_name(parsed: Doc, q: Quantity) -> bool:
    """Numbers inside names ('Channel 4', 'Group of 77') are not amounts."""
    span = parsed.char_span(q.start, q.end, alignment_mode="expand")
    return span is not None and any(t.ent_type_ in _NAME_LABELS for t in span)


def counted_unit(parsed: Doc, found: Found, has_dep: bool) -> str | None:
    """What the number counts, from the dependency parse (or the next noun without one)."""
    end = found.number_end
    span = parsed.char_span(max(found.quantity.start, end - 1), end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span[-1]
    if has_dep:
        whole = parsed.char_span(found.quantity.start, end, alignment_mode="expand") or span
        noun = next((n for t in reversed(whole) if (n := _counted_noun(t)) is not None), None)
    else:
        noun = _next_noun(token)
    if noun is None:
        return _casualty_of_number(token)
    phrase = _noun_phrase(noun)
    casualty = _casualty(noun)
    return f"{phrase} {casualty}" if casualty else phrase


def _counted_noun(token: Token) -> Token | None:
    head = token.head
    if token.dep_ in _MODIFIER_DEPS and head.pos_ in _NOUNS and head.i > token.i:
        return head
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.lower_ == "of" and token.lower_ != "one":
        objects = [c for c in nxt.children if c.dep_ == "pobj" and c.pos_ in _NOUNS]
        return objects[0] if objects else None
    return None


def _next_noun(token: Token) -> Token | None:
    """Without a parse: the first noun within three tokens after the number."""
    doc = token.doc
    for i in range(token.i + 1, min(token.i + 4, len(doc))):
        if doc[i].pos_ in _NOUNS:
            return doc[i]
        if doc[i].is_punct and doc[i].text not in "-":
            return None
    return None


def _noun_phrase(noun: Token) -> str:
    """The noun with the compounds right before it: 'air defense missile systems'."""
    doc = noun.doc
    first = noun.i
    while first > 0 and _joins(doc[first - 1], noun):
        first -= 1
    words = [t.lower_ if t.pos_ == "NOUN" and t.text[1:].islower() else t.text for t in doc[first: noun.i + 1]]
    return " ".join(words).replace(" - ", "-")


def _joins(token: Token, noun: Token) -> bool:
    if token.dep_ == "compound" and noun.i - 6 <= token.head.i <= noun.i:
        return True
    return token.text == "-" and token.head.i <= noun.i and token.i > noun.i - 6


def _casualty(noun: Token) -> str | None:
    """'killed' when the counted people died, were killed or lost their lives; and so on."""
    for child in noun.children:
        if child.dep_ in ("acl", "amod", "relcl") and child.lemma_ in ql.casualties():
            return ql.casualties()[child.lemma_]
    whole = _of_phrase(noun)  # 'a third of the troops were killed': the phrase is the subject
    head = whole.head
    if whole.dep_ in ("nsubj", "nsubjpass", "dobj") and head.lemma_ in ql.casualties():
        return ql.casualties()[head.lemma_]
    if whole.dep_ == "nsubj" and head.lemma_ == "lose" and any(c.lower_ in _LIFE for c in head.children):
        return "killed"
    return None


def _of_phrase(noun: Token) -> Token:
    """The head of 'X of <noun>' when the noun is the object of that 'of', else the noun."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head is not noun.head:
        return noun.head.head
    return noun


def _casualty_of_number(token: Token) -> str | None:
    """'killing at least 12', '12 were injured': the number itself counts casualties."""
    head = token.head
    if token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and head.lemma_ in ql.casualties():
        return f"people {ql.casualties()[head.lemma_]}"
    return None
