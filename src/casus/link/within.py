"""Two mentions of one document: what lets them be one happening.

Across documents a shared target, overlapping dates and common words are evidence of one happening.
Within one document they are not: the whole article is about the same actors, its relative dates hang
on one publication day and its vocabulary is the crisis's (an article on US pressure on Venezuela talks
of air defences in every other sentence). An author who reports a happening twice ties the second
report to the first: a definite reference ("the attack", "Wednesday's strike"), the same specific
detail (equipment, casualty figure, place), a denial answering the report, the same clause coded twice,
or the same act on the same kind of equipment at the same time. Without such a tie two mentions of one
document are two happenings; nor are two different types one happening there, except an attack and the
threat of it by the same actors. An embedded post (a quoted tweet) is a voice of its own: its mentions
are compared with the article's as with another document's.
"""

from __future__ import annotations

from functools import cache

from casus.link.features import Mention, country_wide
from casus.link.lexicon import lexicon, type_table

PLANNED = frozenset({"planned", "hypothetical"})
HAPPENED = frozenset({"occurred", "ongoing"})
def same_voice(a: Mention, b: Mention) -> bool:
    """Both told by one author in one document (not one of them inside an embedded post)."""
    return a.doc_id == b.doc_id and a.voice == b.voice


def _types_allowed(a: Mention, b: Mention) -> bool:
    """Same type; or a listed pair (a planned attack and the threat of it) with the same known source
    and the same target."""
    if a.type == b.type:
        return True
    if frozenset((a.type, b.type)) not in type_table().within_document:
        return False
    plannable = [m for m in (a, b) if m.type == "ASSAULT"]
    return a.source is not None and a.source == b.source and a.target == b.target and \
        all(m.status in PLANNED for m in plannable)


def _own_time(m: Mention) -> tuple[int, int] | None:
    return (m.first, m.last) if m.first is not None and m.last is not None and not m.weak_date else None


@cache
def _equipment_concepts() -> frozenset[str]:
    return frozenset("=" + c for c in lexicon().equipment_concepts)


def _same_act(a: Mention, b: Mention) -> bool:
    """The same trigger word at the same own date (or both undated), same stage, on the same kind of
    equipment or with another word of their own in common (not a concept: 'Aceh', 'SeaMicro')."""
    stages = {a.status, b.status}
    if a.trigger is None or a.trigger != b.trigger or (stages & PLANNED and stages & HAPPENED):
        return False
    if _own_time(a) != _own_time(b):
        return False
    common = a.tokens & b.tokens
    return bool(a.categories & b.categories or common & _equipment_concepts() or
                any(not t.startswith("=") and t != a.trigger for t in common))


def _same_detail(a: Mention, b: Mention) -> bool:
    """A specific detail in common: equipment, registration, casualty figure or a named place."""
    if a.equipment & b.equipment or a.registrations & b.registrations or a.figures & b.figures:
        return True
    return a.place is not None and b.place is not None and bool(a.place.name) and a.place.name == b.place.name \
        and not country_wide(a.place)


def _one_statement(a: Mention, b: Mention) -> bool:
    """One clause coded twice, or one sentence's conjoined predicates with the same known actors."""
    if a.span == b.span or (a.trigger_span is not None and a.trigger_span == b.trigger_span):
        return True
    same_actors = a.source is not None and a.source == b.source and a.target == b.target
    return a.sentence >= 0 and a.sentence == b.sentence and same_actors


def tied(a: Mention, b: Mention) -> bool:
    """What the text gives to tell that two of its mentions report one happening (see the module doc)."""
    later, earlier = (a, b) if (a.position, a.id) > (b.position, b.id) else (b, a)
    return later.refers_back or bool(later.described & earlier.stems) or "denied" in (a.status, b.status) or \
        _one_statement(a, b) or _same_detail(a, b) or _same_act(a, b)


def same_document_conflict(a: Mention, b: Mention) -> bool:
    """Two mentions by one author that cannot be one happening: different types (but the listed pair),
    or nothing in the text ties them."""
    return same_voice(a, b) and not (_types_allowed(a, b) and tied(a, b))
