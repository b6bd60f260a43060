"""Contradictions inside one cluster: where reports of one happening disagree.

Four kinds: ``quantity`` (casualty figures more than 10 % apart, across documents), ``date``
(date intervals that do not overlap), ``blame`` (different source actors for one attack) and
``denial`` (one side asserts, the other denies). Each row carries both sides' evidence spans and
sources. Copies of one document are one voice and never contradict each other.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from casus.link.corroboration import outlet_of
from casus.link.lexicon import casualty_class
from casus.records import DocumentInfo, Event, Quantity

TOLERANCE = 0.10
HAPPENED = frozenset({"occurred", "ongoing"})


def _sources(ev: Event, docs: Mapping[str, DocumentInfo]) -> list[str]:
    doc = docs.get(ev.doc_id)
    out = [doc.outlet if doc and doc.outlet else outlet_of(doc, ev.doc_id)]
    for link in ev.attribution:
        name = link.name or link.text
        if name and name not in out:
            out.append(name)
    return out


def side(ev: Event, docs: Mapping[str, DocumentInfo], value: Any, span: tuple[int, int, str] | None = None
         ) -> dict[str, Any]:
    """One side of a contradiction: the mention, its value, the evidence span and who says so."""
    start, end, text = span or (ev.evidence_start, ev.evidence_end, ev.evidence_text)
    return {"event": ev.id, "doc_id": ev.doc_id, "value": value,
            "evidence": {"doc_id": ev.doc_id, "start": start, "end": end, "text": text},
            "sources": _sources(ev, docs)}


def _range(q: Quantity) -> tuple[float, float] | None:
    lo = q.low if q.low is not None else q.value
    hi = q.high if q.high is not None else q.value
    return (lo, hi) if lo is not None and hi is not None else None


def _figures(members: list[Event]) -> dict[str, list[tuple[float, float, Event, Quantity]]]:
    out: dict[str, list[tuple[float, float, Event, Quantity]]] = {}
    for ev in members:
        for q in ev.quantities:
            cls, rng = casualty_class(q, ev.type), _range(q)
            if cls and rng:
                out.setdefault(cls, []).append((rng[0], rng[1], ev, q))
    return out


def quantity_conflicts(members: list[Event], docs: Mapping[str, DocumentInfo]) -> Iterator[dict[str, Any]]:
    for cls, figures in sorted(_figures(members).items()):
        low = min(figures, key=lambda f: (f[1], f[2].id))
        high = max(figures, key=lambda f: (f[0], f[2].id))
        if low[2].doc_id == high[2].doc_id or low[1] >= high[0]:
            continue
        if (high[0] - low[1]) / max(high[0], 1e-9) <= TOLERANCE:
            continue
        sides = [side(f[2], docs, f[3].value if f[3].value is not None else [f[0], f[1]],
                      (f[3].start, f[3].end, f[3].text)) for f in (low, high)]
        yield {"kind": "quantity", "detail": f"{cls}: {low[3].text} vs {high[3].text}", "sides": sides}


def date_conflict(members: list[Event], docs: Mapping[str, DocumentInfo]) -> dict[str, Any] | None:
    dated = [ev for ev in members if ev.date and ev.date.basis != "published" and ev.date.first and ev.date.last]
    if len(dated) < 2:
        return None
    early = min(dated, key=lambda e: (e.date.last, e.id))  # type: ignore[union-attr]
    late = max(dated, key=lambda e: (e.date.first, e.id))  # type: ignore[union-attr]
    if date.fromisoformat(late.date.first[:10]) <= date.fromisoformat(early.date.last[:10]):  # type: ignore[union-attr]
        return None
    sides = [side(e, docs, [e.date.first, e.date.last], (e.date.start, e.date.end, e.date.text))  # type: ignore[union-attr]
             for e in (early, late)]
    return {"kind": "date", "detail": f"{early.date.text} vs {late.date.text}", "sides": sides}  # type: ignore[union-attr]


def blame_conflict(members: list[Event], docs: Mapping[str, DocumentInfo]) -> dict[str, Any] | None:
    by_code: dict[str, Event] = {}
    for ev in sorted(members, key=lambda e: e.id):
        if ev.type == "ASSAULT" and ev.source and ev.source.code:
            by_code.setdefault(ev.source.code, ev)
    if len(by_code) < 2:
        return None
    sides = [side(ev, docs, code, (ev.source.start, ev.source.end, ev.source.text))  # type: ignore[union-attr]
             for code, ev in sorted(by_code.items())]
    return {"kind": "blame", "detail": " vs ".join(sorted(by_code)), "sides": sides}


def denial_conflict(members: list[Event], docs: Mapping[str, DocumentInfo]) -> dict[str, Any] | None:
    ordered = sorted(members, key=lambda e: e.id)
    denied = next((e for e in ordered if e.status == "denied"), None)
    asserted = next((e for e in ordered if e.status in HAPPENED), None)
    if denied is None or asserted is None:
        return None
    return {"kind": "denial", "detail": "asserted vs denied",
            "sides": [side(asserted, docs, asserted.status), side(denied, docs, "denied")]}


def contradictions(cluster: str, members: list[Event], docs: Mapping[str, DocumentInfo],
                   duplicate_of: dict[str, str]) -> list[dict[str, Any]]:
    """Every contradiction of one cluster; mentions from duplicate documents are left out."""
    voices = [e for e in members if e.doc_id not in duplicate_of]
    rows = list(quantity_conflicts(voices, docs))
    for finder in (date_conflict, blame_conflict, denial_conflict):
        row = finder(voices, docs)
        if row:
            rows.append(row)
    return [{"cluster": cluster, **row} for row in rows]
