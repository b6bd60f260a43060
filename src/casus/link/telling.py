"""How a document tells an event mention: the sentence it sits in, and whether its trigger points back
to a happening the text told before ("the attack", "Wednesday's strike") or tells a new one ("attacks on
boats", "the attacks on land targets"). Plain text heuristics, no parse: the link stage has only offsets."""

from __future__ import annotations

import re

from casus.link.lexicon import lexicon, plain_stems

DETERMINERS = ("the", "this", "these", "those", "such")
TIME_OWNERS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
               "today", "tonight", "weekend", "week", "night", "month", "year")
# what after a noun adds new content that sets it apart (the attacks *on land targets*) rather than
# pointing back to one already told; after a verb, an object or particle (the missile struck *the* ship)
RESTRICTIVE = frozenset({"on", "against", "targeting", "at", "near", "upon", "into", "of", "in", "off", "from"})
OBJECT_START = frozenset({"the", "a", "an", "its", "their", "his", "her", "them", "him", "it", "that", "what",
                          "whether", "down", "up", "out", "about", "some", "any", "two", "three"})
# "denied it.", "calling it a provocation", not "said it would"
PRONOUN_OBJECT_NEXT = frozenset({"", ".", ",", ";", ":", "as", "a", "an"})
NOMINAL_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ure", "ings")
_BEFORE = re.compile(
    r"(?:\b(?:" + "|".join(DETERMINERS) + r")|\b(?:" + "|".join(TIME_OWNERS) + r")\s?['’]s)"
    r"\s+(?P<gap>[\w\-]+\s+)?$", re.IGNORECASE)
_AFTER = re.compile(r"\s*(?P<word>[\w\-]+)?(?P<rest>\s*[\w,.;:]*)")
_DESCRIPTION = re.compile(r"\s*(?:" + "|".join(sorted(RESTRICTIVE)) + r")\s+(?P<words>[^.,;:!?()\n]{1,60})",
                          re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+|\n")
LOOKBACK = 600


def refers_back(text: str, start: int, end: int) -> bool:
    """Whether the trigger text[start:end] points back to a happening told before: a definite noun
    ('the attacks.', 'Wednesday's strike', 'these reckless attacks by ...') not followed by what sets it
    apart ('the attacks on land targets'), or a verb whose object is 'it' ('denied it')."""
    after = _AFTER.match(text, end, min(len(text), end + 40))
    nxt = (after.group("word") or "").lower() if after else ""
    if nxt == "it" and after is not None and after.group("rest").strip() in PRONOUN_OBJECT_NEXT:
        return True
    before = _BEFORE.search(text, max(0, start - 60), start)
    if before is None or nxt in RESTRICTIVE:
        return False
    if before.group("gap") is None:
        return True
    return nxt not in OBJECT_START and _event_noun(text[start:end].lower())


def description(text: str, start: int, end: int) -> frozenset[str]:
    """The stems of what sets a definite trigger apart ('the attacks *on possible land targets*'): such a
    noun points back to the happening told before with those words. Empty for any other trigger."""
    after = _AFTER.match(text, end, min(len(text), end + 40))
    nxt = (after.group("word") or "").lower() if after else ""
    if nxt not in RESTRICTIVE or _BEFORE.search(text, max(0, start - 60), start) is None:
        return frozenset()
    found = _DESCRIPTION.match(text, end)
    words = found.group("words").split()[:5] if found else []
    return plain_stems(" ".join(words))


def _event_noun(word: str) -> bool:
    """A word that names a happening as a noun (after a modifier: 'the US strike', 'the deadly clash')."""
    return word in lexicon().event_nouns or word.endswith(NOMINAL_SUFFIXES)


def sentence_start(text: str, pos: int) -> int:
    """Offset where the sentence holding ``pos`` starts (a cheap splitter: . ! ? or a line break)."""
    lo = max(0, pos - LOOKBACK)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, lo, pos)]
    return ends[-1] if ends else lo
