"""Write OUT_DIR: documents.jsonl, events.jsonl, errors.jsonl, the link tables and report.html.

Every file is written to a temporary name and renamed into place, so a reader never sees half a file.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casus.present.report import render_report

if TYPE_CHECKING:
    from casus.pipeline import RunResult

ESCALATION_COLUMNS = ["dyad", "source", "target", "period", "start", "end", "index", "clusters"]


def atomic_write(path: Path, content: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8", newline="") as f:
        f.write(content)
        f.flush()
        os.fsync(f.fileno())
    tmp.replace(path)


def jsonl(rows: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def csv_text(rows: list[dict[str, Any]], columns: list[str]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def write_outputs(out_dir: Path, result: RunResult) -> None:
    """Write every output file of a run."""
    out_dir.mkdir(parents=True, exist_ok=True)
    docs = [d.to_json() for d in result.documents]
    events = [e.to_json() for e in result.events]
    links = result.links
    atomic_write(out_dir / "documents.jsonl", jsonl(docs))
    atomic_write(out_dir / "events.jsonl", jsonl(events))
    atomic_write(out_dir / "errors.jsonl", jsonl(e.to_json() for e in result.errors))
    atomic_write(out_dir / "clusters.jsonl", jsonl(links.clusters))
    atomic_write(out_dir / "contradictions.jsonl", jsonl(links.contradictions))
    atomic_write(out_dir / "timeline.jsonl", jsonl(links.timeline))
    atomic_write(out_dir / "observations.jsonl", jsonl(result.observations))
    atomic_write(out_dir / "escalation.csv", csv_text(links.escalation, ESCALATION_COLUMNS))
    report = render_report(docs, events, result.errors, links, result.observations)
    atomic_write(out_dir / "report.html", report)
