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
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from casus import collector
from casus.present.payload import LINK_TABLE_NAMES, Serialised, Summary, page_document
from casus.present.queries import add_event_counts, first_event_documents
from casus.present.report import render_report
from casus.store import Store, StoredRecords, StoredTable, row_json

if TYPE_CHECKING:
    from casus.pipeline import RunResult
    from casus.records import Document, Event

ESCALATION_COLUMNS = ["dyad", "source", "target", "period", "start", "end", "index", "clusters"]


REPORT_MAX_EVENTS = 20_000  # as many as the live dashboard loads; the summary counts all
REPORT_MAX_DOCUMENTS = 2_000  # documents embedded beyond those of the shown events


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


def csv_text(rows: list[dict[str, Any]], columns: list[str]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def record_texts(records: Iterable[Document | Event], store: Store | None) -> Iterator[str]:
    """Each record's contract JSON: stored records' as the store keeps it (not remade and serialised
    again; ``store``: their database, open), others' serialised the same way."""
    if isinstance(records, StoredRecords):
        return records.json_texts(store)
    return (row_json(r.to_json()) for r in records)


def table_texts(rows: Iterable[dict[str, Any]], store: Store | None) -> list[str]:
    """A link table's rows as JSON texts: a stored table's as the store keeps them (not decoded)."""
    if isinstance(rows, StoredTable):
        return list(rows.texts(store if store is not None and store.path == rows.path else None))
    return [row_json(r) for r in rows]


def write_lines(path: Path, texts: list[str]) -> None:
    atomic_write(path, "".join(t + "\n" for t in texts))


def copy_lines(path: Path, texts: Iterable[str], keep: Callable[[str], None]) -> None:
    """One line per JSON text, written as the texts arrive; ``keep`` sees each."""
    with atomic_file(path) as f:
        for text in texts:
            f.write(text)
            f.write("\n")
            keep(text)


def count_events(records: Iterable[Event], summary: Summary, first: int, store: Store | None) -> set[str]:
    """Count the events into ``summary`` (stored ones in their database, ``store``, undecoded) and
    return the documents of the ``first`` of them: the report shows those documents."""
    if isinstance(records, StoredRecords) and store is not None:
        add_event_counts(store.con, records.doc_ids, summary)
        return first_event_documents(store.con, records.doc_ids, first)
    events = list(records)
    for event in events:
        summary.add_event(event.to_json())
    return {e.doc_id for e in events[:first]}


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
        wanted = count_events(result.events, summary, len(shown), store)
        wanted |= {o.get("doc_id") for o in result.observations}
        copy_lines(out_dir / "documents.jsonl", record_texts(result.documents, store), keep_document)
        tables = {name: Serialised(table_texts(getattr(links, name), store)) for name in LINK_TABLE_NAMES}
    atomic_write(out_dir / "errors.jsonl", jsonl(e.to_json() for e in result.errors))
    for name in ("clusters", "contradictions", "timeline"):
        write_lines(out_dir / f"{name}.jsonl", tables[name].texts)
    atomic_write(out_dir / "observations.jsonl", jsonl(result.observations))
    escalation = [json.loads(t) for t in tables["escalation"].texts]
    atomic_write(out_dir / "escalation.csv", csv_text(escalation, ESCALATION_COLUMNS))
    report = render_report(pages, Serialised(shown), result.errors, tables, result.observations, summary)
    atomic_write(out_dir / "report.html", report)
