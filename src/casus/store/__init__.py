"""Store: the embedded DuckDB database every run writes into.

Only this module writes the database. Writes are one transaction per batch: a batch's documents
and their events land together or not at all, so an interrupted run leaves no half-written
document, and a re-run finds every stored document by ``doc_id`` and content hash.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb

from casus import __version__
from casus.errors import Messages, StoreLocked, StoreUnavailable
from casus.records import Document, Event, InputError, event_from_json

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY, sha256 VARCHAR NOT NULL, path VARCHAR, outlet VARCHAR,
    published DATE, title VARCHAR, duplicate_of VARCHAR, processed_with VARCHAR, doc JSON NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, type VARCHAR, mode VARCHAR, status VARCHAR,
    certainty VARCHAR, source_code VARCHAR, source_name VARCHAR, target_code VARCHAR, target_name VARCHAR,
    date_start DATE, date_end DATE, location VARCHAR, intensity DOUBLE, cluster VARCHAR, evidence VARCHAR,
    event JSON NOT NULL);
CREATE TABLE IF NOT EXISTS errors (path VARCHAR, error VARCHAR);
CREATE TABLE IF NOT EXISTS link_tables (name VARCHAR, n INTEGER, row JSON);
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
"""

LINK_TABLES = ("clusters", "contradictions", "timeline", "escalation", "observations")


def _date_or_none(value: str | None) -> str | None:
    return value if value else None


def _event_row(event: Event) -> tuple[Any, ...]:
    obj = event.to_json()
    src, tgt = event.source, event.target
    return (
        event.id, event.doc_id, event.type, event.mode, event.status, event.certainty,
        src.code if src else None, src.name if src else None, tgt.code if tgt else None,
        tgt.name if tgt else None, _date_or_none(event.date.first if event.date else None),
        _date_or_none(event.date.last if event.date else None),
        event.location.country if event.location else None, event.intensity, event.cluster,
        event.evidence_text, json.dumps(obj, ensure_ascii=False),
    )


def _doc_row(doc: Document) -> tuple[Any, ...]:
    return (
        doc.doc_id, doc.sha256, doc.path, doc.outlet, doc.published.date if doc.published else None,
        doc.title, doc.duplicate_of, __version__, json.dumps(doc.to_json(), ensure_ascii=False),
    )


class Store:
    """A DuckDB database opened for one run (read-write) or one reader (read-only)."""

    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = path
        try:
            if not read_only:
                path.parent.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(str(path), read_only=read_only)
        except (duckdb.IOException, OSError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
            if "lock" in reason.lower():
                raise StoreLocked(Messages.E010.format(path=path, reason=reason)) from exc
            raise StoreUnavailable(Messages.E016.format(path=path, reason=reason)) from exc
        if not read_only:
            self.con.execute(SCHEMA)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ incremental bookkeeping
    def stored_hashes(self) -> dict[str, str]:
        """doc_id -> sha256 of every document stored by this version of Casus (others are redone)."""
        return dict(self.con.execute("SELECT doc_id, sha256 FROM documents WHERE processed_with = ?",
                                     [__version__]).fetchall())

    def content_state(self) -> str:
        """A digest of every stored (doc_id, sha256, event count): changes whenever the content does."""
        row = self.con.execute(
            "SELECT count(*), coalesce(bit_xor(hash(doc_id || ':' || sha256)), 0) FROM documents").fetchone()
        n_events = self.con.execute("SELECT count(*) FROM events").fetchone()
        return f"{row[0]}:{row[1]}:{n_events[0]}" if row and n_events else ""

    def get_meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    # ------------------------------------------------------------------ writes
    def write_batch(self, docs: list[Document], events: list[Event]) -> None:
        """Replace these documents and their events in one transaction."""
        ids = [d.doc_id for d in docs]
        self.con.execute("BEGIN TRANSACTION")
        try:
            if ids:
                self.con.execute("DELETE FROM events WHERE doc_id IN (SELECT unnest(?))", [ids])
                self.con.execute("DELETE FROM documents WHERE doc_id IN (SELECT unnest(?))", [ids])
                self.con.executemany("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                     [_doc_row(d) for d in docs])
            if events:
                self.con.executemany("INSERT INTO events VALUES (" + ", ".join("?" * 17) + ")",
                                     [_event_row(e) for e in events])
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def write_errors(self, errors: Iterable[InputError]) -> None:
        rows = [(e.path, e.error) for e in errors]
        self.con.execute("BEGIN TRANSACTION")
        self.con.execute("DELETE FROM errors")
        if rows:
            self.con.executemany("INSERT INTO errors VALUES (?, ?)", rows)
        self.con.execute("COMMIT")

    def write_links(self, duplicate_of: dict[str, str], cluster_of: dict[str, str],
                    tables: dict[str, list[dict[str, Any]]]) -> None:
        """Store what linking computed: duplicates, clusters and the cluster-level tables."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._update_json_column("documents", "doc_id", "doc", "duplicate_of", duplicate_of)
            self._update_json_column("events", "id", "event", "cluster", cluster_of)
            for name, rows in tables.items():
                self.con.execute("DELETE FROM link_tables WHERE name = ?", [name])
                if rows:
                    self.con.executemany("INSERT INTO link_tables VALUES (?, ?, ?)",
                                         [(name, i, json.dumps(r, ensure_ascii=False)) for i, r in enumerate(rows)])
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def _update_json_column(self, table: str, key: str, blob: str, column: str, values: dict[str, str]) -> None:
        """Set a plain column and the same field inside the JSON blob, for every row (None where absent)."""
        rows = self.con.execute(f"SELECT {key}, {blob} FROM {table}").fetchall()
        updates = []
        for row_key, raw in rows:
            obj = json.loads(raw)
            new = values.get(row_key)
            if obj.get(column) != new:
                obj[column] = new
                updates.append((new, json.dumps(obj, ensure_ascii=False), row_key))
        if updates:
            self.con.executemany(
                f"UPDATE {table} SET {column} = ?, {blob} = ? WHERE {key} = ?", updates)

    # ------------------------------------------------------------------ reads
    def documents(self, doc_ids: list[str] | None = None) -> list[Document]:
        if doc_ids is None:
            rows = self.con.execute("SELECT doc FROM documents ORDER BY doc_id").fetchall()
        else:
            rows = self.con.execute("SELECT doc FROM documents WHERE doc_id IN (SELECT unnest(?)) ORDER BY doc_id",
                                    [doc_ids]).fetchall()
        return [Document.from_json(json.loads(r[0])) for r in rows]

    def events(self, doc_ids: list[str] | None = None) -> list[Event]:
        if doc_ids is None:
            rows = self.con.execute("SELECT event FROM events ORDER BY doc_id, id").fetchall()
        else:
            rows = self.con.execute(
                "SELECT event FROM events WHERE doc_id IN (SELECT unnest(?)) ORDER BY doc_id, id",
                [doc_ids]).fetchall()
        return [event_from_json(json.loads(r[0])) for r in rows]

    def duplicates(self) -> dict[str, str]:
        return dict(self.con.execute(
            "SELECT doc_id, duplicate_of FROM documents WHERE duplicate_of IS NOT NULL").fetchall())

    def clusters_of_events(self) -> dict[str, str]:
        return dict(self.con.execute("SELECT id, cluster FROM events WHERE cluster IS NOT NULL").fetchall())

    def errors(self) -> list[InputError]:
        return [InputError(p, e) for p, e in self.con.execute("SELECT path, error FROM errors").fetchall()]

    def link_table(self, name: str) -> list[dict[str, Any]]:
        rows = self.con.execute("SELECT row FROM link_tables WHERE name = ? ORDER BY n", [name]).fetchall()
        return [json.loads(r[0]) for r in rows]
