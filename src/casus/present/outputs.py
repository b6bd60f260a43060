"""Write OUT_DIR: documents.jsonl, events.jsonl, errors.jsonl, the link tables and report.html.

Every file is written to a temporary name and renamed into place, so a reader never sees half a file.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from casus import collector
from casus.present.payload import Summary, page_document
from casus.present.report import render_report
from casus.store import StoredRecords

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
    return json.dumps(row, ensure_ascii=False) + "\n"


def csv_text(rows: list[dict[str, Any]], columns: list[str]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def stream_jsonl(path: Path, records: Iterable[Document | Event], keep: Callable[[dict[str, Any]], None]) -> None:
    """One JSON line per record, written as the records arrive; ``keep`` sees each line's object.
    Stored records are copied as the store keeps their JSON, not remade and serialised again."""
    with atomic_file(path) as f:
        if isinstance(records, StoredRecords):
            for text in records.json_texts():
                f.write(text + "\n")
                keep(json.loads(text))
            return
        for record in records:
            obj = record.to_json()
            f.write(json_line(obj))
            keep(obj)


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
    shown: list[dict[str, Any]] = []
    pages: list[dict[str, Any]] = []

    def keep_event(obj: dict[str, Any]) -> None:
        summary.add_event(obj)
        if len(shown) < REPORT_MAX_EVENTS:
            shown.append(obj)

    def keep_document(obj: dict[str, Any]) -> None:
        summary.add_document(obj)
        if obj["doc_id"] in wanted or summary.documents <= REPORT_MAX_DOCUMENTS:
            pages.append(page_document(obj))

    stream_jsonl(out_dir / "events.jsonl", result.events, keep_event)
    wanted = {e["doc_id"] for e in shown} | {o.get("doc_id") for o in result.observations}
    stream_jsonl(out_dir / "documents.jsonl", result.documents, keep_document)
    atomic_write(out_dir / "errors.jsonl", jsonl(e.to_json() for e in result.errors))
    atomic_write(out_dir / "clusters.jsonl", jsonl(links.clusters))
    atomic_write(out_dir / "contradictions.jsonl", jsonl(links.contradictions))
    atomic_write(out_dir / "timeline.jsonl", jsonl(links.timeline))
    atomic_write(out_dir / "observations.jsonl", jsonl(result.observations))
    atomic_write(out_dir / "escalation.csv", csv_text(links.escalation, ESCALATION_COLUMNS))
    report = render_report(pages, shown, result.errors, links, result.observations, summary)
    atomic_write(out_dir / "report.html", report)
