"""The API's reads: parameterised SQL over the store's tables (no value is ever formatted into SQL)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from casus.present.payload import Summary, page_document

Con = duckdb.DuckDBPyConnection


@dataclass(frozen=True, slots=True)
class EventFilter:
    """GET /api/events filters; the page's script applies the same rules to embedded data."""

    type: str | None = None
    status: str | None = None
    actor: str | None = None  # ISO code (exact, any case) or a part of the actor's name
    date_from: date | None = None  # events whose date interval ends on or after this day
    date_to: date | None = None  # events whose date interval starts on or before this day
    text: str | None = None  # a part of the evidence text, any case
    cluster: str | None = None
    doc_id: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        for column, value in (("type", self.type), ("status", self.status), ("cluster", self.cluster),
                              ("doc_id", self.doc_id)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        if self.actor is not None:
            clauses.append("(upper(source_code) = upper(?) OR upper(target_code) = upper(?) OR "
                           "contains(lower(source_name), lower(?)) OR contains(lower(target_name), lower(?)))")
            params += [self.actor] * 4
        if self.date_from is not None:
            clauses.append("coalesce(date_end, date_start) >= ?")
            params.append(self.date_from)
        if self.date_to is not None:
            clauses.append("date_start <= ?")
            params.append(self.date_to)
        if self.text is not None:
            clauses.append("contains(lower(evidence), lower(?))")
            params.append(self.text)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def page(items: list[Any], total: int, limit: int, offset: int, **extra: Any) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items, **extra}


def count(con: Con, sql: str, params: list[Any]) -> int:
    row = con.execute(sql, params).fetchone()
    return int(row[0]) if row else 0


def document_meta(con: Con, doc_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Title, outlet, URL and date of each document, for event listings."""
    if not doc_ids:
        return {}
    rows = con.execute("SELECT doc_id, title, outlet, doc->>'url', CAST(published AS VARCHAR) FROM documents "
                       "WHERE doc_id IN (SELECT unnest(?))", [doc_ids]).fetchall()
    return {r[0]: {"doc_id": r[0], "title": r[1], "outlet": r[2], "url": r[3],
                   "published": {"date": r[4]} if r[4] else None} for r in rows}


def events(con: Con, flt: EventFilter, limit: int, offset: int) -> dict[str, Any]:
    where, params = flt.where()
    total = count(con, "SELECT count(*) FROM events" + where, params)
    rows = con.execute(f"SELECT event FROM events{where} ORDER BY date_start NULLS LAST, doc_id, id LIMIT ? OFFSET ?",
                       [*params, limit, offset]).fetchall()
    items = [json.loads(r[0]) for r in rows]
    docs = document_meta(con, sorted({e["doc_id"] for e in items}))
    return page(items, total, limit, offset, documents=docs)


def event(con: Con, event_id: str) -> dict[str, Any] | None:
    row = con.execute("SELECT event FROM events WHERE id = ?", [event_id]).fetchone()
    return json.loads(row[0]) if row else None


def documents(con: Con, outlet: str | None, text: str | None, limit: int, offset: int) -> dict[str, Any]:
    """Documents without their text (GET /api/documents/{doc_id} has it)."""
    clauses, params = [], []
    if outlet is not None:
        clauses.append("lower(outlet) = lower(?)")
        params.append(outlet)
    if text is not None:
        clauses.append("(contains(lower(title), lower(?)) OR contains(lower(doc->>'text'), lower(?)))")
        params += [text, text]
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    total = count(con, "SELECT count(*) FROM documents" + where, params)
    rows = con.execute(
        "SELECT d.doc_id, d.title, d.outlet, d.doc->>'url', CAST(d.published AS VARCHAR), d.duplicate_of, "
        f"(SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id) FROM documents d{where} "
        "ORDER BY d.doc_id LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    items = [{"doc_id": r[0], "title": r[1], "outlet": r[2], "url": r[3], "published": r[4],
              "duplicate_of": r[5], "events": r[6]} for r in rows]
    return page(items, total, limit, offset)


def document(con: Con, doc_id: str) -> dict[str, Any] | None:
    row = con.execute("SELECT doc FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
    return page_document(json.loads(row[0])) if row else None


def link_rows(con: Con, name: str, limit: int, offset: int, key: str | None = None,
              value: str | None = None) -> dict[str, Any]:
    """Rows of one link table, optionally those whose top-level ``key`` equals ``value``."""
    where, params = "WHERE name = ?", [name]
    if key is not None and value is not None:
        where += " AND row->>? = ?"
        params += [key, value]
    total = count(con, f"SELECT count(*) FROM link_tables {where}", params)
    rows = con.execute(f"SELECT row FROM link_tables {where} ORDER BY sort LIMIT ? OFFSET ?",
                       [*params, limit, offset]).fetchall()
    return page([json.loads(r[0]) for r in rows], total, limit, offset)


@dataclass(frozen=True, slots=True)
class ObservationFilter:
    """GET /api/observations filters."""

    doc_id: str | None = None
    type: str | None = None
    registration: str | None = None  # any case; hyphens and spaces ignored ("ra99001" finds "RA-99001")

    def where(self) -> tuple[str, list[Any]]:
        clauses, params = ["name = 'observations'"], []
        if self.doc_id is not None:
            clauses.append("row->>'doc_id' = ?")
            params.append(self.doc_id)
        if self.type is not None:
            clauses.append("row->>'type' = ?")
            params.append(self.type)
        if self.registration is not None:
            clauses.append(f"{_BARE_REGISTRATION} = ?")
            params.append(bare_registration(self.registration))
        return " WHERE " + " AND ".join(clauses), params


_BARE_REGISTRATION = "upper(replace(replace(row->'aircraft'->>'registration', '-', ''), ' ', ''))"


def bare_registration(text: str) -> str:
    """A tail number as the filter compares it: upper case, no hyphens or spaces."""
    return text.replace("-", "").replace(" ", "").upper()


def observations(con: Con, flt: ObservationFilter, limit: int, offset: int) -> dict[str, Any]:
    """Flight-track observations in time order, then log order (as ``payload.observation_order``)."""
    where, params = flt.where()
    total = count(con, "SELECT count(*) FROM link_tables" + where, params)
    rows = con.execute(f"SELECT row FROM link_tables{where} ORDER BY row->>'start', row->>'doc_id', "
                       "TRY_CAST(row->'provenance'->>'start' AS BIGINT), sort LIMIT ? OFFSET ?",
                       [*params, limit, offset]).fetchall()
    return page([json.loads(r[0]) for r in rows], total, limit, offset)


def errors(con: Con, limit: int, offset: int) -> dict[str, Any]:
    total = count(con, "SELECT count(*) FROM errors", [])
    rows = con.execute("SELECT path, error FROM errors ORDER BY path LIMIT ? OFFSET ?", [limit, offset]).fetchall()
    return page([{"path": p, "error": e} for p, e in rows], total, limit, offset)


def grouped(con: Con, sql: str) -> dict[str, int]:
    return {str(k): int(n) for k, n in con.execute(sql).fetchall()}


def summary(con: Con) -> dict[str, Any]:
    """The same keys as ``payload.summarize``, computed in the database."""
    first, last = con.execute("SELECT CAST(min(date_start) AS VARCHAR), CAST(max(date_start) AS VARCHAR) "
                              "FROM events").fetchone() or (None, None)
    return {
        "documents": count(con, "SELECT count(*) FROM documents", []),
        "duplicates": count(con, "SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL", []),
        "events": count(con, "SELECT count(*) FROM events", []),
        "clusters": count(con, "SELECT count(DISTINCT cluster) FROM events", []),
        "contradictions": count(con, "SELECT count(*) FROM link_tables WHERE name = 'contradictions'", []),
        "errors": count(con, "SELECT count(*) FROM errors", []),
        "observations": count(con, "SELECT count(*) FROM link_tables WHERE name = 'observations'", []),
        "first_date": first,
        "last_date": last,
        "by_type": grouped(con, "SELECT type, count(*) n FROM events GROUP BY type ORDER BY n DESC, type"),
        "by_status": grouped(con, "SELECT status, count(*) n FROM events GROUP BY status ORDER BY n DESC, status"),
        "outlets": grouped(con, "SELECT coalesce(outlet, 'unknown') o, count(*) n FROM documents GROUP BY o "
                                "ORDER BY n DESC, o LIMIT 20"),
    }


def add_event_counts(con: Con, doc_ids: list[str], summary: Summary) -> None:
    """Count these documents' stored events into ``summary``, as ``Summary.add_event`` would one by one
    (the date from the event's JSON, like the report's), without decoding them."""
    where = "FROM events WHERE doc_id IN (SELECT unnest(?))"
    n, first, last = con.execute(f"SELECT count(*), min(d) FILTER (d <> ''), max(d) FILTER (d <> '') FROM ("
                                 f"SELECT json_extract_string(event, '$.date.start') d {where})", [doc_ids]
                                 ).fetchone() or (0, None, None)
    summary.events += int(n)
    known = sorted({*summary.dates, *(d for d in (first, last) if d)})
    summary.dates = [known[0], known[-1]] if known else []
    summary.clusters.update(c for (c,) in con.execute(f"SELECT DISTINCT cluster {where} AND cluster <> ''",
                                                      [doc_ids]).fetchall())
    for column, counter in (("type", summary.by_type), ("status", summary.by_status)):
        for key, k in con.execute(f"SELECT {column}, count(*) n {where} GROUP BY {column} ORDER BY n DESC, "
                                  f"{column}", [doc_ids]).fetchall():
            counter[str(key)] += int(k)


def first_event_documents(con: Con, doc_ids: list[str], first: int) -> tuple[set[str], set[str]]:
    """The documents and the clusters of the ``first`` stored events of these documents, in the store's
    event order."""
    rows = con.execute("SELECT DISTINCT doc_id, cluster FROM (SELECT doc_id, cluster FROM events WHERE doc_id IN "
                       "(SELECT unnest(?)) ORDER BY doc_id, id LIMIT ?)", [doc_ids, first]).fetchall()
    return {d for d, _ in rows}, {c for _, c in rows if c}
