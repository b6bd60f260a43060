"""spaCy ORG/PERSON/NORP entities that are no actor, whatever NER says.

- headline fragments in Title Case ('Using Humanitarian Crisis', from 'Maduro Accuses US of Using
  Humanitarian Crisis as Cover'): an entity with a verb in it, or without any proper noun;
- datelines and lists ('CARACAS/WASHINGTON');
- ships named after a vessel noun ('the cargo ship True Confidence', 'the Rubymar, a cargo ship'), which
  are equipment, not organisations or peoples;
- a capitalised common noun at the start of a sentence ('Riot police used ...' tagged PERSON);
- an unknown NORP that is no plural noun ('Rubymar') or sits after 'in the' ('in the Carpathians').

Real unknown organisations ('Department of Migrant Workers', 'Eastern Theater Command') pass: they
have proper nouns and no verb.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

VERB_TAGS = frozenset({"VBG", "VBZ", "VBD", "VBP", "MD"})  # not VB: 'Mark', 'Will', 'Bill' are names
NAME_POS = frozenset({"PROPN"})
FUNCTION_POS = frozenset({"ADP", "PART", "PRON", "AUX", "SCONJ"})
VESSEL_NOUNS = frozenset({"ship", "vessel", "tanker", "freighter", "carrier", "destroyer", "frigate", "corvette",
                          "cruiser", "submarine", "boat", "ferry", "yacht", "trawler", "warship", "containership",
                          "supertanker", "bulker", "dhow", "ship's"})
LOCATIVE = frozenset({"in", "into", "across", "over", "through", "near", "from", "to"})
SKIPPED = frozenset({"the", "a", "an", "'s", "’s", "'", "-", "&", "of", "and", "for", "de", "la", "el", "al"})


def junk_entity(ent: Span) -> bool:
    """Not an actor: a headline fragment, a dateline list or a ship's name."""
    return "/" in ent.text or _has_verb(ent) or _without_name(ent) or _vessel(ent)


def junk_person(ent: Span) -> bool:
    """As ``junk_entity``, but a name spaCy tags NOUN in a headline still counts as a name."""
    return "/" in ent.text or _has_verb(ent) or _vessel(ent) or _sentence_initial_modifier(ent)


def junk_group(ent: Span) -> bool:
    """An unknown NORP: groups are plural nouns ('Kurds', 'Alawites'), not places or ships."""
    last = ent[-1]
    if not last.text.endswith("s") or "/" in ent.text or _has_verb(ent) or _vessel(ent):
        return True
    before = ent.doc[ent.start - 2:ent.start] if ent.start >= 2 else None
    return before is not None and before[0].lower_ in LOCATIVE and before[1].lower_ == "the"


def _words(ent: Span) -> list[Token]:
    return [t for t in ent if t.lower_ not in SKIPPED and not t.is_punct]


def _has_verb(ent: Span) -> bool:
    """A finite verb or gerund, or a capitalised preposition or pronoun inside ('Plot Against'):
    headline casing, not a name ('Bank of England' keeps its 'of' lower-case)."""
    return any(t.tag_ in VERB_TAGS for t in _words(ent)) or \
        any(t.pos_ in FUNCTION_POS and t.is_title for t in ent[1:])


def _without_name(ent: Span) -> bool:
    words = _words(ent)
    return bool(words) and not any(t.pos_ in NAME_POS or t.is_upper for t in words)


def _vessel(ent: Span) -> bool:
    """'the cargo ship True Confidence' (a vessel noun right before), 'the Rubymar, a cargo ship'."""
    doc = ent.doc
    if ent.start > 0 and doc[ent.start - 1].lower_ in VESSEL_NOUNS:
        return True
    root = ent.root
    if root.dep_ == "appos" and root.head.lower_ in VESSEL_NOUNS:
        return True
    return any(c.dep_ == "appos" and c.lower_ in VESSEL_NOUNS for c in root.children)


def _sentence_initial_modifier(ent: Span) -> bool:
    """'Riot police used water cannon': one capitalised word opening a sentence, modifying a common noun."""
    tok = ent[0]
    head = tok.head
    return (len(ent) == 1 and tok.is_sent_start and tok.dep_ in {"compound", "amod"} and head is not tok
            and head.pos_ == "NOUN" and head.is_lower)
