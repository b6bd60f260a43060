"""Actor candidates: an ``Actor`` plus the text it claims (``cover``, which may be wider than the
actor's own span, e.g. 'Venezuelan President' before 'Nicolás Maduro') and a priority. The
resolver keeps the best non-overlapping candidates."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from casus.records import Actor
from casus.vocab.entries import ActorEntry, actor_entries

#: Priorities, highest first: phrases built by rules beat single vocabulary terms beat bare NER.
PHRASE, PERSON, TERM, STATE, NER = 5, 4, 3, 2, 1


@dataclass(frozen=True, slots=True)
class Candidate:
    actor: Actor
    priority: int
    cover_start: int
    cover_end: int

    @property
    def size(self) -> int:
        return self.cover_end - self.cover_start


def candidate(actor: Actor, priority: int, cover: Span | None = None) -> Candidate:
    start = min(actor.start, cover.start_char) if cover is not None else actor.start
    end = max(actor.end, cover.end_char) if cover is not None else actor.end
    return Candidate(actor, priority, start, end)


def entry_actor(span: Span, entry: ActorEntry, year: int | None) -> Actor:
    """The actor a vocabulary entry names, with its code and sector in the publication year."""
    code, sector = entry.at(year)
    return Actor(span.start_char, span.end_char, span.text, entry.name, code, sector, entry.kind, entry.id)


def state_entry(code: str) -> ActorEntry | None:
    return actor_entries().get(f"state-{code}")


def select(candidates: list[Candidate]) -> list[Actor]:
    """Best candidates first (priority, then longer cover), keeping those that overlap no kept one.
    A person's affiliation ("Iran's foreign ministry" before 'spokesman, Esmaeil Baghaei') is claimed
    by the person first: it says whose the person is, and is no actor of its own."""
    kept: list[Candidate] = []
    claimed = [(c.cover_start, c.actor.start) for c in candidates
               if c.priority == PERSON and c.cover_start < c.actor.start]
    candidates = [c for c in candidates if c.priority == PERSON or not _inside_any(c, claimed)]
    for cand in sorted(candidates, key=lambda c: (-c.priority, -c.size, c.cover_start)):
        if not any(k.cover_start < cand.cover_end and cand.cover_start < k.cover_end for k in kept):
            kept.append(cand)
    return sorted((k.actor for k in kept), key=lambda a: (a.start, a.end))


def _inside_any(cand: Candidate, regions: list[tuple[int, int]]) -> bool:
    return any(start <= cand.cover_start and cand.cover_end <= end for start, end in regions)
