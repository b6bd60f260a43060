"""The data a page is built from: one JSON object shared by report.html and the live dashboard.

Article text is untrusted. It travels only inside a ``<script type="application/json">`` block,
escaped by ``safe_json`` so that no byte of it can close the block, and the page's script renders
it with ``textContent``.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from casus.store import row_json

LINK_TABLE_NAMES = ("clusters", "contradictions", "timeline", "escalation")
DOC_FIELDS = ("doc_id", "title", "outlet", "url", "published", "language", "text", "removed", "embeds",
              "duplicate_of", "format")

_JSON_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                 ("\u2029", "\\u2029"))


@dataclass(frozen=True, slots=True)
class Serialised:
    """A list of values already serialised as JSON (a stored record's text): a page's JSON takes them
    as they are, so a large run's report does not decode and encode every event again."""

    texts: list[str]

    def __len__(self) -> int:
        return len(self.texts)

    @classmethod
    def rows(cls, rows: Iterable[dict[str, Any]]) -> Serialised:
        """Rows as their JSON texts (a row read from the store keeps its own, see ``JsonRow``)."""
        return cls([row_json(r) for r in rows])


SPLICE_CHUNK = 1_000  # stored texts escaped and written per piece: no string of them all is built


def safe_json(obj: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element: ``</script>`` or ``<!--`` cannot appear
    (the pieces of ``safe_json_pieces``, joined)."""
    return "".join(safe_json_pieces(obj))


def safe_json_pieces(obj: Any) -> Iterator[str]:
    """``safe_json`` in pieces, for writing to a file without building it whole.

    One ``str.replace`` per character (no replacement holds another escaped character), which is
    many times faster than ``str.translate`` with a mapping on a report's megabytes of text. A dict's
    ``Serialised`` values are spliced in where a marker stood, their texts escaped SPLICE_CHUNK at a
    time (the report's megabytes are not copied again for each splice)."""
    spliced = {k: v for k, v in obj.items() if isinstance(v, Serialised)} if isinstance(obj, dict) else {}
    markers = {key: f'"casus-splice-{uuid.uuid4().hex}"' for key in spliced}
    rest = json.dumps({**obj, **{k: m[1:-1] for k, m in markers.items()}} if markers else obj,
                      ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for key, marker in markers.items():  # in the dict's order, as encoded; a marker is one whole string
        before, found, rest = rest.partition(marker)
        if not found:
            raise RuntimeError(f"splice marker of {key!r} not found")
        yield _escaped(before)
        yield "["
        texts = spliced[key].texts
        for start in range(0, len(texts), SPLICE_CHUNK):
            yield ("," if start else "") + _escaped(",".join(texts[start:start + SPLICE_CHUNK]))
        yield "]"
    yield _escaped(rest)


def _escaped(text: str) -> str:
    for char, escape in _JSON_ESCAPES:
        text = text.replace(char, escape)
    return text


def page_document(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of a contract document the page shows (no hash, no path)."""
    return {key: doc.get(key) for key in DOC_FIELDS}


def event_date(event: Mapping[str, Any]) -> str | None:
    date = event.get("date") or {}
    return date.get("start") if isinstance(date, Mapping) else None


@dataclass
class Summary:
    """The summary panel's counts, accumulated one record at a time (a run's outputs stream their
    records once and never hold them all); ``api.summary`` computes the same keys with SQL."""

    documents: int = 0
    duplicates: int = 0
    events: int = 0
    dates: list[str] = field(default_factory=list)  # first and last only
    clusters: set[str] = field(default_factory=set)
    by_type: Counter = field(default_factory=Counter)
    by_status: Counter = field(default_factory=Counter)
    outlets: Counter = field(default_factory=Counter)
    contradictions: int | None = None  # all of them, where the page embeds only some

    def add_document(self, doc: Mapping[str, Any]) -> None:
        self.documents += 1
        self.duplicates += bool(doc.get("duplicate_of"))
        self.outlets[str(doc.get("outlet") or "unknown")] += 1

    def add_event(self, event: Mapping[str, Any]) -> None:
        self.events += 1
        date = event_date(event)
        if date:
            self.dates = [min([date, *self.dates[:1]]), max([date, *self.dates[-1:]])]
        if event.get("cluster"):
            self.clusters.add(event["cluster"])
        self.by_type[str(event.get("type"))] += 1
        self.by_status[str(event.get("status"))] += 1

    def as_dict(self, tables: Mapping[str, list[Any]], n_errors: int) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "duplicates": self.duplicates,
            "events": self.events,
            "clusters": len(self.clusters),
            "contradictions": len(tables.get("contradictions") or []) if self.contradictions is None
            else self.contradictions,
            "errors": n_errors,
            "observations": len(tables.get("observations") or []),
            "first_date": self.dates[0] if self.dates else None,
            "last_date": self.dates[-1] if self.dates else None,
            "by_type": dict(self.by_type.most_common()),
            "by_status": dict(self.by_status.most_common()),
            "outlets": dict(self.outlets.most_common(20)),
        }


def summarize(documents: Iterable[Mapping[str, Any]], events: Iterable[Mapping[str, Any]],
              tables: Mapping[str, list[Any]], n_errors: int) -> dict[str, Any]:
    """Counts the summary panel shows, of these records."""
    summary = Summary()
    for doc in documents:
        summary.add_document(doc)
    for event in events:
        summary.add_event(event)
    return summary.as_dict(tables, n_errors)


def observation_order(observation: Mapping[str, Any]) -> tuple[str, str, int]:
    """Time order, then log order: the order GET /api/observations lists them in."""
    provenance = observation.get("provenance") or {}
    return (str(observation.get("start") or ""), str(observation.get("doc_id") or ""),
            int(provenance.get("start") or 0))


def report_payload(documents: list[Mapping[str, Any]], events: list[Mapping[str, Any]] | Serialised,
                   errors: list[Mapping[str, Any]], tables: Mapping[str, list[Any]],
                   observations: Iterable[Mapping[str, Any]] = (), summary: Summary | None = None) -> dict[str, Any]:
    """Everything report.html shows, in one object (the page needs nothing else). ``observations``
    are the run's flight-track observations (observation.schema.json): the map draws their routes and
    places, the timeline their intervals. ``summary``, when given, counts more records than the page
    embeds (a large run's report shows its first events; the counts are of all). ``events`` may be
    their stored JSON texts (``Serialised``), with ``summary`` given."""
    tables = {name: t if isinstance(t := tables.get(name), Serialised) else list(t or [])
              for name in LINK_TABLE_NAMES}
    tables["observations"] = sorted(observations, key=observation_order)
    if summary is not None:
        counts = summary.as_dict(tables, len(errors))
    elif isinstance(events, Serialised):
        raise ValueError("serialised events need their summary")
    else:
        counts = summarize(documents, events, tables, len(errors))
    return {
        "mode": "report",
        "summary": counts,
        "documents": {d["doc_id"]: page_document(d) for d in documents},
        "events": events if isinstance(events, Serialised) else list(events),
        "errors": list(errors),
        **tables,
    }


def live_payload(api_base: str) -> dict[str, Any]:
    """The live dashboard embeds only where its API is; it fetches the rest."""
    return {"mode": "live", "api": api_base}
