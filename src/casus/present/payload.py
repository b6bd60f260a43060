"""The data a page is built from: one JSON object shared by report.html and the live dashboard.

Article text is untrusted. It travels only inside a ``<script type="application/json">`` block,
escaped by ``safe_json`` so that no byte of it can close the block, and the page's script renders
it with ``textContent``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

LINK_TABLE_NAMES = ("clusters", "contradictions", "timeline", "escalation")
DOC_FIELDS = ("doc_id", "title", "outlet", "url", "published", "language", "text", "removed", "embeds",
              "duplicate_of", "format")

_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                 0x2028: "\\u2028", 0x2029: "\\u2029"}


def safe_json(obj: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element: ``</script>`` or ``<!--`` cannot appear."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False).translate(_JSON_ESCAPES)


def page_document(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of a contract document the page shows (no hash, no path)."""
    return {key: doc.get(key) for key in DOC_FIELDS}


def event_date(event: Mapping[str, Any]) -> str | None:
    date = event.get("date") or {}
    return date.get("start") if isinstance(date, Mapping) else None


def summarize(documents: Iterable[Mapping[str, Any]], events: list[Mapping[str, Any]],
              tables: Mapping[str, list[Any]], n_errors: int) -> dict[str, Any]:
    """Counts the summary panel shows; ``api.summary`` computes the same keys with SQL."""
    docs = list(documents)
    dates = sorted(d for d in (event_date(e) for e in events) if d)
    return {
        "documents": len(docs),
        "duplicates": sum(1 for d in docs if d.get("duplicate_of")),
        "events": len(events),
        "clusters": len({e.get("cluster") for e in events if e.get("cluster")}),
        "contradictions": len(tables.get("contradictions") or []),
        "errors": n_errors,
        "observations": len(tables.get("observations") or []),
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
        "by_type": dict(Counter(str(e.get("type")) for e in events).most_common()),
        "by_status": dict(Counter(str(e.get("status")) for e in events).most_common()),
        "outlets": dict(Counter(str(d.get("outlet") or "unknown") for d in docs).most_common(20)),
    }


def observation_order(observation: Mapping[str, Any]) -> tuple[str, str, int]:
    """Time order, then log order: the order GET /api/observations lists them in."""
    provenance = observation.get("provenance") or {}
    return (str(observation.get("start") or ""), str(observation.get("doc_id") or ""),
            int(provenance.get("start") or 0))


def report_payload(documents: list[Mapping[str, Any]], events: list[Mapping[str, Any]],
                   errors: list[Mapping[str, Any]], tables: Mapping[str, list[Any]],
                   observations: Iterable[Mapping[str, Any]] = ()) -> dict[str, Any]:
    """Everything report.html shows, in one object (the page needs nothing else). ``observations``
    are the run's flight-track observations (observation.schema.json): the map draws their routes and
    places, the timeline their intervals."""
    tables = {name: list(tables.get(name) or []) for name in LINK_TABLE_NAMES}
    tables["observations"] = sorted(observations, key=observation_order)
    return {
        "mode": "report",
        "summary": summarize(documents, events, tables, len(errors)),
        "documents": {d["doc_id"]: page_document(d) for d in documents},
        "events": list(events),
        "errors": list(errors),
        **tables,
    }


def live_payload(api_base: str) -> dict[str, Any]:
    """The live dashboard embeds only where its API is; it fetches the rest."""
    return {"mode": "live", "api": api_base}
