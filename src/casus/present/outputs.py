"""Write OUT_DIR: documents.jsonl, events.jsonl, errors.jsonl, the link tables and report.html.

Every file is written to a temporary name and renamed into place, so a reader never sees half a file.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from casus import collector
from casus.link.tables import dyad_of
from casus.present.payload import LINK_TABLE_NAMES, Serialised, Summary, page_document
from casus.present.queries import add_event_counts, first_event_documents
from casus.present.report import report_pieces
from casus.store import Store, StoredRecords, StoredTable, row_json

if TYPE_CHECKING:
    from casus.link import LinkResult
    from casus.pipeline import RunResult
    from casus.records import Document, Event

ESCALATION_COLUMNS = ["dyad", "source", "target", "period", "start", "end", "index", "clusters"]


REPORT_MAX_EVENTS = 20_000  # as many as the live dashboard loads; the summary counts all
REPORT_MAX_DOCUMENTS = 2_000  # documents embedded beyond those of the shown events
REPORT_MAX_ESCALATION = 50_000  # escalation rows embedded (whole dyads, those of the shown clusters)


@contextmanager
def atomic_file(path: Path) -> Iterator[TextIO]:
    """A file written under a temporary name and renamed into place, so a reader never sees half of it."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def atomic_write(path: Path, content: str) -> None:
    with atomic_file(path) as f:
        f.write(content)


def jsonl(rows: Iterable[dict[str, Any]]) -> str:
    return "".join(json_line(r) for r in rows)


def json_line(row: dict[str, Any]) -> str:
    return row_json(row) + "\n"


def csv_writer(f: TextIO, columns: list[str]) -> csv.DictWriter:
    """A CSV writer of these columns, its header written (rows' other keys ignored)."""
    writer = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    return writer


def csv_text(rows: list[dict[str, Any]], columns: list[str]) -> str:
    buf = io.StringIO()
    csv_writer(buf, columns).writerows(rows)
    return buf.getvalue()


def record_texts(records: Iterable[Document | Event], store: Store | None) -> Iterator[str]:
    """Each record's contract JSON: stored records' as the store keeps it (not remade and serialised
    again; ``store``: their database, open), others' serialised the same way."""
    if isinstance(records, StoredRecords):
        return records.json_texts(store)
    return (row_json(r.to_json()) for r in records)


def keyed_texts(table: Iterable[dict[str, Any]], name: str, store: Store | None
                ) -> Iterator[tuple[str | None, str | None, str]]:
    """(key, dyad, JSON text) of a link table's rows, in order: a stored table's as the store keeps them
    (not decoded). The key is the row's cluster, or an escalation row's dyad; the dyad is a cluster
    row's escalation dyad."""
    if isinstance(table, StoredTable):
        return table.keyed_texts(store if store is not None and store.path == table.path else None)
    if name == "escalation":
        return ((row["dyad"], None, row_json(row)) for row in table)
    return ((row.get("cluster"), dyad_of(row.get("source"), row.get("target")) if name == "clusters" else None,
             row_json(row)) for row in table)


def copy_lines(path: Path, texts: Iterable[str], keep: Callable[[str], None]) -> None:
    """One line per JSON text, written as the texts arrive; ``keep`` sees each."""
    with atomic_file(path) as f:
        for text in texts:
            f.write(text)
            f.write("\n")
            keep(text)


def count_events(records: Iterable[Event], summary: Summary, first: int, store: Store | None
                 ) -> tuple[set[str], set[str]]:
    """Count the events into ``summary`` (stored ones in their database, ``store``, undecoded) and
    return the documents and the clusters of the ``first`` of them: the report shows those."""
    if isinstance(records, StoredRecords) and store is not None:
        add_event_counts(store.con, records.doc_ids, summary)
        return first_event_documents(store.con, records.doc_ids, first)
    events = list(records)
    for event in events:
        summary.add_event(event.to_json())
    return {e.doc_id for e in events[:first]}, {e.cluster for e in events[:first] if e.cluster}


@dataclass(slots=True)
class ShownRows:
    """The link rows report.html embeds: those of the shown events' clusters, and the escalation rows
    of the dyads those count in (whole dyads, while at most REPORT_MAX_ESCALATION rows); so the page
    stays bounded by its events, whatever the store holds. ``rows`` (name -> texts) fills as the
    tables are copied out."""

    clusters: set[str]
    rows: dict[str, list[str]] = field(default_factory=lambda: {name: [] for name in LINK_TABLE_NAMES})
    dyads: set[str] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=dict)
    last_dyad: str | None = None  # of the last escalation row kept

    def keep(self, name: str, key: str | None, dyad: str | None, text: str) -> None:
        self.counts[name] = self.counts.get(name, 0) + 1
        if name != "escalation":
            if key in self.clusters:
                self.rows[name].append(text)
                if dyad:
                    self.dyads.add(dyad)
        elif key in self.dyads and (len(self.rows[name]) < REPORT_MAX_ESCALATION or key == self.last_dyad):
            self.rows[name].append(text)
            self.last_dyad = key


def write_link_tables(out_dir: Path, links: LinkResult, shown: ShownRows, store: Store | None) -> None:
    """clusters.jsonl, contradictions.jsonl, timeline.jsonl and escalation.csv, streamed row by row (the
    stored texts copied), keeping the rows the report shows."""
    for name in ("clusters", "contradictions", "timeline"):
        with atomic_file(out_dir / f"{name}.jsonl") as f:
            for key, dyad, text in keyed_texts(getattr(links, name), name, store):
                f.write(text)
                f.write("\n")
                shown.keep(name, key, dyad, text)
    with atomic_file(out_dir / "escalation.csv") as f:
        writer = csv_writer(f, ESCALATION_COLUMNS)
        for key, _, text in keyed_texts(links.escalation, "escalation", store):
            writer.writerow(json.loads(text))
            shown.keep("escalation", key, None, text)


def stored_records_reader(result: RunResult) -> AbstractContextManager[Store | None]:
    """One read-only connection for a run's stored documents and events (None for records in memory):
    opening the database costs more than reading a small run's records."""
    stored = [r for r in (result.documents, result.events) if isinstance(r, StoredRecords)]
    paths = {r.path for r in stored}
    return Store(paths.pop(), read_only=True) if len(stored) == 2 and len(paths) == 1 else nullcontext()


def write_outputs(out_dir: Path, result: RunResult) -> None:
    """Write every output file of a run. Documents and events are streamed (from the store, for a
    ``run`` result) one at a time; the report embeds the first ``REPORT_MAX_EVENTS`` events and their
    documents, and counts everything."""
    with collector.paused():
        _write_outputs(out_dir, result)


def _write_outputs(out_dir: Path, result: RunResult) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    links = result.links
    summary = Summary()
    shown: list[str] = []
    pages: list[dict[str, Any]] = []

    def keep_event(text: str) -> None:
        if len(shown) < REPORT_MAX_EVENTS:
            shown.append(text)

    def keep_document(text: str) -> None:
        obj = json.loads(text)
        summary.add_document(obj)
        if obj["doc_id"] in wanted or summary.documents <= REPORT_MAX_DOCUMENTS:
            pages.append(page_document(obj))

    with stored_records_reader(result) as store:
        copy_lines(out_dir / "events.jsonl", record_texts(result.events, store), keep_event)
        wanted, clusters = count_events(result.events, summary, len(shown), store)
        wanted |= {o.get("doc_id") for o in result.observations}
        copy_lines(out_dir / "documents.jsonl", record_texts(result.documents, store), keep_document)
        rows = ShownRows(clusters)
        write_link_tables(out_dir, links, rows, store)
    summary.contradictions = rows.counts.get("contradictions", 0)
    atomic_write(out_dir / "errors.jsonl", jsonl(e.to_json() for e in result.errors))
    atomic_write(out_dir / "observations.jsonl", jsonl(result.observations))
    tables = {name: Serialised(texts) for name, texts in rows.rows.items()}
    with atomic_file(out_dir / "report.html") as f:
        f.writelines(report_pieces(pages, Serialised(shown), result.errors, tables, result.observations, summary))
