"""``casus export``: events, clusters and documents of a store as JSONL, CSV or Parquet.

JSONL keeps the contract's nested objects; CSV and Parquet get flat tables (one column per field,
nested values as JSON text) that ``pandas.read_csv``/``read_parquet`` and DuckDB's
``read_csv_auto``/``read_parquet`` load as they are. The store is read from a snapshot copy, so an
export never locks out a run.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from casus.present.outputs import atomic_write, jsonl
from casus.present.snapshot import read_snapshot

FORMATS = ("jsonl", "csv", "parquet")
TABLES = ("events", "clusters", "documents")

Row = dict[str, Any]
COLUMN_TYPES = {"date_start": pa.date32(), "date_end": pa.date32(), "published": pa.date32(), "lat": pa.float64(),
                "lon": pa.float64(), "intensity": pa.float64(), "confidence": pa.float64(),
                "evidence_start": pa.int64(), "evidence_end": pa.int64()}


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _actor(prefix: str, actor: dict[str, Any] | None) -> Row:
    actor = actor or {}
    return {f"{prefix}_code": actor.get("code"), f"{prefix}_name": actor.get("name"),
            f"{prefix}_sector": actor.get("sector"), f"{prefix}_text": actor.get("text")}


def flat_event(ev: dict[str, Any]) -> Row:
    """One event as a flat row: actors, date, place and evidence spread over columns."""
    date, loc, evidence = ev.get("date") or {}, ev.get("location") or {}, ev.get("evidence") or {}
    return {
        "id": ev["id"], "doc_id": ev["doc_id"], "type": ev.get("type"), "mode": ev.get("mode"),
        "status": ev.get("status"), "certainty": ev.get("certainty"),
        **_actor("source", ev.get("source")), **_actor("target", ev.get("target")),
        "date_start": _day(date.get("start")), "date_end": _day(date.get("end")), "date_text": date.get("text"),
        "location_name": loc.get("name"), "location_country": loc.get("country"),
        "lat": loc.get("lat"), "lon": loc.get("lon"),
        "intensity": ev.get("intensity"), "confidence": ev.get("confidence"), "cluster": ev.get("cluster"),
        "attribution": " <- ".join(a.get("name") or a.get("text") or "" for a in ev.get("attribution") or []) or None,
        "quantities": json.dumps(ev.get("quantities") or [], ensure_ascii=False),
        "equipment": json.dumps(ev.get("equipment") or [], ensure_ascii=False),
        "contexts": ";".join(ev.get("contexts") or []) or None,
        "evidence_start": evidence.get("start"), "evidence_end": evidence.get("end"), "evidence": evidence.get("text"),
    }


def flat_document(doc: dict[str, Any]) -> Row:
    published = doc.get("published") or {}
    return {
        "doc_id": doc["doc_id"], "path": doc.get("path"), "sha256": doc.get("sha256"), "title": doc.get("title"),
        "outlet": doc.get("outlet"), "url": doc.get("url"), "published": _day(published.get("date")),
        "published_basis": published.get("basis"), "language": doc.get("language"),
        "duplicate_of": doc.get("duplicate_of"), "removed": json.dumps(doc.get("removed") or []),
        "embeds": json.dumps(doc.get("embeds") or [], ensure_ascii=False), "text": doc.get("text"),
    }


def _cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list, tuple)) else value


def flat_rows(rows: list[Row]) -> list[Row]:
    """Link-table rows with nested values as JSON text, every row with every column, each column of
    one type (a column mixing kinds becomes text)."""
    columns = list(dict.fromkeys(k for r in rows for k in r)) or ["cluster"]
    table = [{c: _cell(r.get(c)) for c in columns} for r in rows]
    for c in columns:
        kinds = {type(r[c]) for r in table if r[c] is not None}
        if len(kinds) > 1 and kinds != {int, float}:
            for r in table:
                r[c] = None if r[c] is None else str(r[c])
    return table


def read_tables(con: Any) -> dict[str, tuple[list[Row], list[Row]]]:
    """(nested rows, flat rows) of each exported table."""
    events = [json.loads(r[0]) for r in con.execute("SELECT event FROM events ORDER BY doc_id, id").fetchall()]
    docs = [json.loads(r[0]) for r in con.execute("SELECT doc FROM documents ORDER BY doc_id").fetchall()]
    clusters = [json.loads(r[0]) for r in
                con.execute("SELECT row FROM link_tables WHERE name = 'clusters' ORDER BY sort").fetchall()]
    return {"events": (events, [flat_event(e) for e in events]),
            "clusters": (clusters, flat_rows(clusters)),
            "documents": (docs, [flat_document(d) for d in docs])}


def _empty_columns(name: str) -> list[str]:
    sample = {"events": flat_event({"id": "", "doc_id": ""}), "documents": flat_document({"doc_id": ""})}
    return list(sample.get(name, {"cluster": None}))


def write_jsonl(path: Path, nested: list[Row], flat: list[Row], name: str) -> None:
    atomic_write(path, jsonl(nested))


def write_csv(path: Path, nested: list[Row], flat: list[Row], name: str) -> None:
    columns = list(flat[0]) if flat else _empty_columns(name)
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(flat)
    tmp.replace(path)


def arrow_table(flat: list[Row], name: str) -> pa.Table:
    """Events and documents get a fixed schema (an all-null column keeps its type); link rows are inferred."""
    if name == "clusters" and flat:
        return pa.Table.from_pylist(flat)
    columns = list(flat[0]) if flat else _empty_columns(name)
    schema = pa.schema([(c, COLUMN_TYPES.get(c, pa.string())) for c in columns])
    return pa.Table.from_pylist(flat, schema=schema)


def write_parquet(path: Path, nested: list[Row], flat: list[Row], name: str) -> None:
    table = arrow_table(flat, name)
    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, tmp)
    tmp.replace(path)


WRITERS: dict[str, Callable[[Path, list[Row], list[Row], str], None]] = {
    "jsonl": write_jsonl, "csv": write_csv, "parquet": write_parquet}


def export_store(db_path: Path, fmt: str, out_dir: Path) -> dict[str, Path]:
    """Write events, clusters and documents of the store at ``db_path`` into ``out_dir`` as ``fmt``."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    with read_snapshot(db_path) as con:
        tables = read_tables(con)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for name in TABLES:
        nested, flat = tables[name]
        path = out_dir / f"{name}.{fmt}"
        WRITERS[fmt](path, nested, flat, name)
        written[name] = path
    return written
