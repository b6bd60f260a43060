"""Store: the embedded DuckDB database every run writes into.

Only this module writes the database. Writes are one transaction per batch: a batch's documents
and their events land together or not at all, so an interrupted run leaves no half-written
document, and a re-run finds every stored document by ``doc_id`` and content hash.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar, overload

import duckdb
import pyarrow as pa

from casus import __version__
from casus.errors import Messages, StoreLocked, StoreUnavailable
from casus.records import Document, DocumentHead, Event, InputError, Published, event_from_json

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY, sha256 VARCHAR NOT NULL, path VARCHAR, outlet VARCHAR,
    published DATE, title VARCHAR, duplicate_of VARCHAR, processed_with VARCHAR, doc JSON NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, type VARCHAR, mode VARCHAR, status VARCHAR,
    certainty VARCHAR, source_code VARCHAR, source_name VARCHAR, target_code VARCHAR, target_name VARCHAR,
    date_start DATE, date_end DATE, location VARCHAR, intensity DOUBLE, cluster VARCHAR, evidence VARCHAR,
    event JSON NOT NULL);
ALTER TABLE events ADD COLUMN IF NOT EXISTS mention VARCHAR;
CREATE TABLE IF NOT EXISTS errors (path VARCHAR, error VARCHAR);
CREATE TABLE IF NOT EXISTS link_tables (name VARCHAR, key VARCHAR, dyad VARCHAR, sort VARCHAR, row JSON);
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS input_files (
    path VARCHAR PRIMARY KEY, size BIGINT, mtime_ns BIGINT, ctime_ns BIGINT, ino UBIGINT, dev UBIGINT,
    context VARCHAR, read_ns BIGINT, documents JSON);
"""
# Link tables from before rows were keyed (name, n, row): dropped, and the store linked again once.
OLD_LINK_TABLES = """
DROP TABLE link_tables;
DELETE FROM meta WHERE key = 'links_state';
"""
OLD_STORE = "an older Casus wrote its link tables; `casus run` on it once brings it up to date"

Record = TypeVar("Record", Document, Event)
READ_CHUNK = 512
MEMORY_LIMIT = "512MB"  # DuckDB's own buffers; sorts and joins beyond it spill to disk beside the database
LINK_TABLES = ("clusters", "contradictions", "timeline", "escalation", "observations")
LinkRow = tuple[str | None, str | None, str, str]  # key (a cluster, a dyad), dyad of a cluster, sort text, JSON
RECORD_JSON = {"documents": ("doc", "doc_id"), "events": ("event", "doc_id, id")}  # kind -> JSON column, order


DOCUMENT_COLUMNS = ("doc_id", "sha256", "path", "outlet", "published", "title", "duplicate_of", "processed_with", "doc")
INPUT_FILE_COLUMNS = ("path", "size", "mtime_ns", "ctime_ns", "ino", "dev", "context", "read_ns", "documents")
EVENT_COLUMNS = ("id", "doc_id", "type", "mode", "status", "certainty", "source_code", "source_name", "target_code",
                 "target_name", "date_start", "date_end", "location", "intensity", "cluster", "evidence", "event")


class JsonRow(dict):
    """A link-table row read from the store that keeps its stored JSON text: a row carried over
    unchanged into the next tables is written back and out by copying the text, not encoded again.
    Rows are never edited in place (the tables are rebuilt from new rows), so the text stays true;
    one made like a dict (a copy) has none."""

    __slots__ = ("text",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.text: str | None = None

    @classmethod
    def read(cls, text: str) -> JsonRow:
        row = cls(json.loads(text))
        row.text = text
        return row


def row_json(row: dict[str, Any]) -> str:
    """A row's JSON text: a stored row's own, else ``json.dumps`` (what the store keeps)."""
    text = row.text if type(row) is JsonRow else None
    return text if text is not None else json.dumps(row, ensure_ascii=False)


def _date_or_none(value: str | None) -> str | None:
    return value if value else None


def _where_doc_ids(doc_ids: list[str] | None) -> tuple[str, list[Any]]:
    return ("", []) if doc_ids is None else (" WHERE doc_id IN (SELECT unnest(?))", [doc_ids])


def _arrow(columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> pa.Table:
    """Rows as an Arrow table: DuckDB inserts it in one vectorised statement (executemany is row by row)."""
    return pa.table({name: pa.array([row[i] for row in rows]) for i, name in enumerate(columns)})


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
        self.con.execute(f"SET enable_progress_bar = false; SET memory_limit = '{MEMORY_LIMIT}'")
        if not read_only:
            if self._old_link_tables():
                self.con.execute(OLD_LINK_TABLES)
            self.con.execute(SCHEMA)
        elif self._old_link_tables():
            self.con.close()
            raise StoreUnavailable(Messages.E016.format(path=path, reason=OLD_STORE))

    def _old_link_tables(self) -> bool:
        columns = {c for (c,) in self.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'link_tables'").fetchall()}
        return bool(columns) and "sort" not in columns

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
    def write_batch(self, docs: list[Document], events: list[Event], mentions: dict[str, str] | None = None) -> None:
        """Replace these documents and their events in one transaction; ``mentions``: event id -> what
        linking reads of it (casus.link.source), kept beside the event."""
        ids = [d.doc_id for d in docs]
        self.con.execute("BEGIN TRANSACTION")
        try:
            if ids:
                self.con.execute("DELETE FROM events WHERE doc_id IN (SELECT unnest(?))", [ids])
                self.con.execute("DELETE FROM documents WHERE doc_id IN (SELECT unnest(?))", [ids])
                self._insert("documents", DOCUMENT_COLUMNS, [_doc_row(d) for d in docs])
            if events:
                known = mentions or {}
                self._insert("events", (*EVENT_COLUMNS, "mention"),
                             [(*_event_row(e), known.get(e.id)) for e in events])
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def write_input_files(self, rows: list[tuple[Any, ...]]) -> None:
        """Stamp input files (rows of INPUT_FILE_COLUMNS, see casus.ingest.stamps), replacing older stamps."""
        if not rows:
            return
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("DELETE FROM input_files WHERE path IN (SELECT unnest(?))", [[r[0] for r in rows]])
            self._insert("input_files", INPUT_FILE_COLUMNS, rows)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def input_files(self, context: str) -> list[tuple[Any, ...]]:
        """The rows (INPUT_FILE_COLUMNS) of the input files stamped under this reading context."""
        return self.con.execute(f"SELECT {', '.join(INPUT_FILE_COLUMNS)} FROM input_files WHERE context = ?",
                                [context]).fetchall()

    def write_errors(self, errors: Iterable[InputError]) -> None:
        rows = [(e.path, e.error) for e in errors]
        self.con.execute("BEGIN TRANSACTION")
        self.con.execute("DELETE FROM errors")
        if rows:
            self._insert("errors", ("path", "error"), rows)
        self.con.execute("COMMIT")

    def write_links(self, duplicate_of: dict[str, str], cluster_of: dict[str, str],
                    rows: dict[str, list[LinkRow]], drop: dict[str, set[str] | None]) -> None:
        """Store what linking computed, in one transaction: duplicates, clusters, and the link tables'
        rows: ``drop`` the rows of each named table with these keys (None: all its rows), then add
        ``rows`` (a linking that moved a few clusters writes their rows, not the tables)."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._update_json_column("documents", "doc_id", "doc", "duplicate_of", duplicate_of)
            self._update_json_column("events", "id", "event", "cluster", cluster_of)
            for name, keys in drop.items():
                if keys is None:
                    self.con.execute("DELETE FROM link_tables WHERE name = ?", [name])
                elif keys:
                    self.con.execute("DELETE FROM link_tables WHERE name = ? AND key IN (SELECT unnest(?))",
                                     [name, sorted(keys)])
            staged = [(name, *row) for name, table in rows.items() for row in table]
            if staged:
                self._insert("link_tables", ("name", "key", "dyad", "sort", "row"), staged)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def write_mentions(self, mentions: dict[str, str]) -> None:
        """Keep these events' link mentions (made again for a store from before they were kept)."""
        if mentions:
            with self._staged(("k", "m"), list(mentions.items())):
                self.con.execute("UPDATE events SET mention = s.m FROM casus_staged s WHERE events.id = s.k")

    @contextmanager
    def _staged(self, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> Iterator[None]:
        """The rows as the view ``casus_staged``, an Arrow table: one vectorised statement reads it."""
        self.con.register("casus_staged", _arrow(columns, rows))
        try:
            yield
        finally:
            self.con.unregister("casus_staged")

    def _insert(self, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        """Insert rows in one statement through an Arrow table (columns cast to the table's types)."""
        with self._staged(columns, rows):
            self.con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM casus_staged")

    def _update_json_column(self, table: str, key: str, blob: str, column: str, values: dict[str, str]) -> None:
        """Set a plain column and the same field inside the JSON blob where it changed (None where absent).

        Only rows whose column differs are read back and rewritten, in one statement: a re-link that
        moves a few clusters touches a few rows, not the whole table.
        """
        current = dict(self.con.execute(f"SELECT {key}, {column} FROM {table}").fetchall())
        changed = [k for k, old in current.items() if values.get(k) != old]
        if not changed:
            return
        rows = self.con.execute(f"SELECT {key}, {blob} FROM {table} WHERE {key} IN (SELECT unnest(?))",
                                [changed]).fetchall()
        updates = []
        for row_key, raw in rows:
            obj = json.loads(raw)
            obj[column] = values.get(row_key)
            updates.append((row_key, obj[column], json.dumps(obj, ensure_ascii=False)))
        with self._staged(("k", "v", "b"), updates):
            self.con.execute(f"UPDATE {table} SET {column} = s.v, {blob} = s.b FROM casus_staged s "
                             f"WHERE {table}.{key} = s.k")

    # ------------------------------------------------------------------ reads
    def documents(self, doc_ids: list[str] | None = None) -> list[Document]:
        return list(self.iter_documents(doc_ids))

    def document_heads(self) -> list[DocumentHead]:
        """Every stored document without its text (what linking reads of most), by doc_id; the JSON
        fields are read by DuckDB, not decoded here."""
        rows = self.con.execute(  # one parse of each JSON for all the paths
            "SELECT doc_id, sha256, json_extract_string(doc, ['$.outlet', '$.url', '$.published.date', "
            "'$.published.basis', '$.published.evidence', '$.format']) FROM documents ORDER BY doc_id").fetchall()
        return [DocumentHead(doc_id, sha, outlet, url, Published(date, basis, evidence) if date is not None else None,
                             fmt or "txt") for doc_id, sha, (outlet, url, date, basis, evidence, fmt) in rows]

    def events(self, doc_ids: list[str] | None = None) -> list[Event]:
        return list(self.iter_events(doc_ids))

    def iter_documents(self, doc_ids: list[str] | None = None, chunk: int = READ_CHUNK) -> Iterator[Document]:
        """Stored documents (all, or these ids) in doc_id order, read ``chunk`` rows at a time."""
        for raw in self.iter_json("documents", doc_ids, chunk):
            yield Document.from_json(json.loads(raw))

    def iter_events(self, doc_ids: list[str] | None = None, chunk: int = READ_CHUNK) -> Iterator[Event]:
        """Stored events (all, or those of these documents) in (doc_id, id) order, ``chunk`` rows at a time."""
        for raw in self.iter_json("events", doc_ids, chunk):
            yield event_from_json(json.loads(raw))

    def iter_json(self, kind: str, doc_ids: list[str] | None = None, chunk: int = READ_CHUNK) -> Iterator[str]:
        """The stored contract JSON of each document or event (``kind``), as text, in the orders above."""
        column, order = RECORD_JSON[kind]
        return self._stream(column, kind, order, doc_ids, chunk)

    def count(self, table: str, doc_ids: list[str] | None = None) -> int:
        where, params = _where_doc_ids(doc_ids)
        row = self.con.execute(f"SELECT count(*) FROM {table}{where}", params).fetchone()
        return int(row[0]) if row else 0

    def _stream(self, column: str, table: str, order: str, doc_ids: list[str] | None, chunk: int) -> Iterator[str]:
        """One column of a query, streamed as Arrow record batches: memory is one chunk, not the table."""
        where, params = _where_doc_ids(doc_ids)
        with self.con.cursor() as cursor:  # its own result stream: the connection stays free meanwhile
            reader = cursor.sql(f"SELECT {column} FROM {table}{where} ORDER BY {order}",
                                params=params).to_arrow_reader(chunk)
            for batch in reader:
                yield from batch.column(0).to_pylist()

    def event_mentions(self) -> list[tuple[str, str | None]]:
        """(event id, its stored mention JSON or None) for every event, by id."""
        return self.con.execute("SELECT id, mention FROM events ORDER BY id").fetchall()

    def events_by_id(self, ids: Iterable[str]) -> list[Event]:
        """These events, in (doc_id, id) order."""
        rows = self.con.execute("SELECT event FROM events WHERE id IN (SELECT unnest(?)) ORDER BY doc_id, id",
                                [list(ids)]).fetchall()
        return [event_from_json(json.loads(r[0])) for r in rows]

    def duplicates(self) -> dict[str, str]:
        return dict(self.con.execute(
            "SELECT doc_id, duplicate_of FROM documents WHERE duplicate_of IS NOT NULL").fetchall())

    def clusters_of_events(self) -> dict[str, str]:
        return dict(self.con.execute("SELECT id, cluster FROM events WHERE cluster IS NOT NULL").fetchall())

    def errors(self) -> list[InputError]:
        return [InputError(p, e) for p, e in self.con.execute("SELECT path, error FROM errors").fetchall()]

    def link_table(self, name: str) -> list[dict[str, Any]]:
        """A link table's rows in its order, each keeping its stored text (``JsonRow``)."""
        return [JsonRow.read(text) for text in self.link_texts(name)]

    def link_texts(self, name: str) -> Iterator[str]:
        """A link table's rows as their stored JSON texts, in its order, streamed."""
        return (text for _, _, text in self.keyed_link_texts(name))

    def keyed_link_texts(self, name: str, keys: Iterable[str] | None = None
                         ) -> Iterator[tuple[str | None, str | None, str]]:
        """(key, dyad, stored JSON text) of a link table's rows (all, or those with these keys), in its
        order, streamed (the dyad: a cluster row's escalation dyad)."""
        where, params = "WHERE name = ?", [name]
        if keys is not None:
            where += " AND key IN (SELECT unnest(?))"
            params.append(sorted(set(keys)))
        with self.con.cursor() as cursor:
            reader = cursor.sql(f"SELECT key, dyad, row FROM link_tables {where} ORDER BY sort",
                                params=params).to_arrow_reader(READ_CHUNK)
            for batch in reader:
                yield from zip(*(batch.column(i).to_pylist() for i in range(3)), strict=True)

    def link_count(self, name: str) -> int:
        row = self.con.execute("SELECT count(*) FROM link_tables WHERE name = ?", [name]).fetchone()
        return int(row[0]) if row else 0

    def link_keys(self, name: str) -> set[str]:
        return {k for (k,) in self.con.execute("SELECT key FROM link_tables WHERE name = ?", [name]).fetchall()}

    def link_rows_by_key(self, name: str, keys: Iterable[str]) -> list[tuple[str, dict[str, Any]]]:
        """(key, row) of a table's rows with these keys, in the table's order."""
        rows = self.con.execute("SELECT key, row FROM link_tables WHERE name = ? AND key IN (SELECT unnest(?)) "
                                "ORDER BY sort", [name, sorted(set(keys))]).fetchall()
        return [(k, JsonRow.read(text)) for k, text in rows]

    def cluster_keys_in_dyads(self, dyads: Iterable[str]) -> set[str]:
        return {k for (k,) in self.con.execute(
            "SELECT key FROM link_tables WHERE name = 'clusters' AND dyad IN (SELECT unnest(?))",
            [sorted(set(dyads))]).fetchall()}

class StoredTable(Sequence[dict[str, Any]]):
    """A link table as stored: counted and streamed from the database on demand, like ``StoredRecords``
    (a run's output files copy its rows' texts; indexing loads the rows, for small runs and tests)."""

    def __init__(self, path: Path, name: str) -> None:
        self.path, self.name = path, name
        self._len: int | None = None
        self._all: list[dict[str, Any]] | None = None

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (JsonRow.read(text) for text in self.texts())

    def texts(self, store: Store | None = None) -> Iterator[str]:
        """The rows' stored JSON texts (``store``: a reader of this database already open)."""
        return (text for _, _, text in self.keyed_texts(store))

    def keyed_texts(self, store: Store | None = None) -> Iterator[tuple[str | None, str | None, str]]:
        """(key, dyad, stored JSON text) of the rows (``store``: a reader of this database already open)."""
        if store is not None:
            yield from store.keyed_link_texts(self.name)
            return
        with Store(self.path, read_only=True) as opened:
            yield from opened.keyed_link_texts(self.name)

    def __len__(self) -> int:
        if self._len is None:
            with Store(self.path, read_only=True) as store:
                self._len = store.link_count(self.name)
        return self._len

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if self._all is None:
            self._all = list(self)
        return self._all[index]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


class StoredRecords(Sequence[Record]):
    """A run's documents or events as stored: counted and streamed from the database on demand, so a
    run's outputs are written in chunks and never held whole (indexing loads the list, for small runs)."""

    def __init__(self, path: Path, doc_ids: list[str], kind: str) -> None:
        if kind not in RECORD_JSON:
            raise ValueError(f"unknown record kind {kind!r}")
        self.path, self.doc_ids, self.kind = path, doc_ids, kind
        self._len: int | None = None
        self._all: list[Record] | None = None

    def __iter__(self) -> Iterator[Record]:
        with Store(self.path, read_only=True) as store:
            read = store.iter_documents if self.kind == "documents" else store.iter_events
            yield from read(self.doc_ids)  # type: ignore[misc]

    def json_texts(self, store: Store | None = None) -> Iterator[str]:
        """Each record's contract JSON as stored (``json.dumps`` of ``to_json()``), without making the
        record: what the output files copy. ``store``: a reader of this database already open."""
        if store is not None:
            yield from store.iter_json(self.kind, self.doc_ids)
            return
        with Store(self.path, read_only=True) as opened:
            yield from opened.iter_json(self.kind, self.doc_ids)

    def __len__(self) -> int:
        if self._len is None:
            with Store(self.path, read_only=True) as store:
                self._len = store.count(self.kind, self.doc_ids)
        return self._len

    @overload
    def __getitem__(self, index: int) -> Record: ...

    @overload
    def __getitem__(self, index: slice) -> list[Record]: ...

    def __getitem__(self, index: int | slice) -> Record | list[Record]:
        if self._all is None:
            self._all = list(self)
        return self._all[index]
