"""What linking reads of the stored events: each event's Mention, made once when the event is extracted.

Building a Mention reads the event and its document's text (trigger stem, sentence, words) and costs
about 80 µs; decoding a stored one costs a third of that, and linking again after ten documents were
added needs every stored event's words and blocking keys, but the full Event only of the clusters it
describes again. So the per-document stages store each event's Mention as JSON beside the event, and
linking reads mentions, loading full events on demand (``MentionSource``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, fields, replace
from typing import Any

from casus.link.features import Mention, PlaceKey, mention_of
from casus.link.state import state_version
from casus.records import Document, Event

_FIELDS = tuple(f.name for f in fields(Mention))
_SETS = frozenset(f.name for f in fields(Mention) if str(f.type).startswith("frozenset"))
_SET_AT = tuple(k for k, name in enumerate(_FIELDS) if name in _SETS)
_PAIR_AT = tuple(k for k, f in enumerate(fields(Mention)) if str(f.type).startswith("tuple"))
_PLACE_AT = _FIELDS.index("place")


def mention_tag() -> str:
    """What a stored mention was made under: the field list and the linking data and weights (a
    mention stored under another tag is made again from its event)."""
    return f"{len(_FIELDS)}:{state_version()}"


def own_mention(event: Event, doc: Document | None) -> Mention:
    """The event's Mention as stored: its own document as root (duplicates are known only when
    linking) and no idf mass (the corpus's idf neither)."""
    return mention_of(event, doc, event.doc_id)


def mention_to_json(m: Mention) -> str:
    """One JSON array: the tag, then every field in declaration order (sets sorted, so equal mentions
    give equal text)."""
    return json.dumps([mention_tag(), *(_plain(name, getattr(m, name)) for name in _FIELDS)], ensure_ascii=False)


def _plain(name: str, value: Any) -> Any:
    if name in _SETS:
        return sorted(value)
    if isinstance(value, PlaceKey):
        return [value.name, value.country, value.lat, value.lon]
    return value


def mention_from_json(text: str | None) -> Mention | None:
    """The stored Mention; None when absent, unreadable or made under another tag (make it again)."""
    if not text:
        return None
    try:
        tag, *values = json.loads(text)
        if tag != mention_tag() or len(values) != len(_FIELDS):
            return None
        for k in _SET_AT:
            values[k] = frozenset(values[k])
        for k in _PAIR_AT:
            if values[k] is not None:
                values[k] = tuple(values[k])
        if values[_PLACE_AT] is not None:
            values[_PLACE_AT] = PlaceKey(*values[_PLACE_AT])
        return Mention(*values)
    except (ValueError, TypeError):
        return None


@dataclass(slots=True)
class MentionSource:
    """Every stored event as its own Mention (``own_mention``), by event id, and a loader of the full
    events of some ids (in (doc_id, id) order): what linking needs, without decoding every event."""

    mentions: dict[str, Mention]
    load: Callable[[Collection[str]], list[Event]]

    @classmethod
    def of_events(cls, events: Iterable[Event], docs: dict[str, Document]) -> MentionSource:
        """A source over events in memory (tests, and callers holding every event anyway)."""
        by_id = {e.id: e for e in events}
        mentions = {i: own_mention(e, docs.get(e.doc_id)) for i, e in by_id.items()}

        def load(ids: Collection[str]) -> list[Event]:
            return sorted((by_id[i] for i in ids), key=lambda e: (e.doc_id, e.id))

        return cls(mentions, load)

    def rooted(self, ev_id: str, duplicate_of: dict[str, str], mass: float) -> Mention:
        """The mention with its duplicate root and idf mass filled in."""
        m = self.mentions[ev_id]
        return replace(m, root_doc=duplicate_of.get(m.doc_id, m.doc_id), mass=mass)
