"""Container files of article records: CSV, JSON Lines, JSON, Parquet.

CSV and JSONL are read a line at a time (each line bounded by ``max_record_chars``), so a file with
one enormous field costs one bounded line of memory, not the file. Documents are numbered by their
position among the file's records (CSV data rows, JSONL lines, JSON array items, Parquet rows);
a bad record keeps its number, so the others keep their ids when it is fixed.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from typing import Any

from casus.errors import InputRejected, Messages
from casus.ingest.decode import decode_bytes
from casus.ingest.documents import record_error
from casus.ingest.files import Source, open_input, read_all
from casus.ingest.lines import LineProblem, Lines
from casus.ingest.metadata import TEXT_FIELDS, lower_keys
from casus.ingest.records import (
    is_track_record,
    is_trajectory_json,
    read_trajectory,
    record_document,
    single_document,
)
from casus.records import Document, InputError
from casus.settings import Settings

DELIMITERS = (",", ";", "\t", "|")

Item = Document | InputError


# --------------------------------------------------------------------------- CSV


def read_csv(src: Source, settings: Settings) -> Iterator[Item]:
    """One document per data row under a header row; short rows are padded, blank rows skipped."""
    csv.field_size_limit(settings.max_record_chars)
    with open_input(src, settings) as stream:
        lines = Lines(stream, settings.max_record_chars)
        header, delimiter = read_header(lines)
        if is_track_record(header):
            yield read_trajectory(src, settings)
            return
        count = yield from csv_rows(src, lines, header, delimiter, settings)
    if count == 0:
        raise InputRejected(Messages.E111)


def read_header(lines: Lines) -> tuple[list[str], str]:
    """The header row (the first non-blank line) and the delimiter it uses."""
    try:
        first = next((line for line in lines if line.strip()), None)
    except LineProblem as exc:
        raise InputRejected(Messages.E004.format(fmt="CSV", reason=f"header: {exc.reason}")) from exc
    if first is None:
        raise InputRejected(Messages.E111)
    delimiter = max(DELIMITERS, key=lambda d: unquoted(first).count(d))
    header = next(csv.reader([first], delimiter=delimiter), [])
    return [cell.strip().lower() for cell in header], delimiter


def unquoted(line: str) -> str:
    """The line without its quoted parts (delimiters inside quotes do not count)."""
    return "".join(part for i, part in enumerate(line.split('"')) if i % 2 == 0)


def csv_rows(src: Source, lines: Lines, header: list[str], delimiter: str, settings: Settings) -> Iterator[Item]:
    reader = csv.reader(lines, delimiter=delimiter)
    n = 0
    while True:
        start, lines.quotes = lines.line + 1, 0
        try:
            row = next(reader)
        except StopIteration:
            return n
        except (LineProblem, csv.Error) as exc:
            n += 1
            reason = exc.reason if isinstance(exc, LineProblem) else f"not valid CSV: {exc}"
            yield record_error(src, n, reason, start)
            lines.skip_quoted()
            continue
        if not any(cell.strip() for cell in row):
            continue
        n += 1
        yield row_document(src, n, header, row, settings, start)


def row_document(src: Source, n: int, header: list[str], row: list[str], settings: Settings,
                 line: int) -> Item:
    extra = [cell for cell in row[len(header):] if cell.strip()]
    if extra:
        return record_error(src, n, f"{len(row)} fields where the header has {len(header)}", line)
    record: dict[str, str] = {}
    for name, cell in zip(header, row, strict=False):
        record.setdefault(name, cell)
    return record_document(src, n, record, settings, line)


# --------------------------------------------------------------------------- JSON Lines


def read_jsonl(src: Source, settings: Settings) -> Iterator[Item]:
    """One article object per non-blank line; a broken line is one error, the others are read."""
    with open_input(src, settings) as stream:
        lines = Lines(stream, settings.max_record_chars, legacy=False)
        count = yield from jsonl_records(src, lines, settings)
    if count == 0:
        raise InputRejected(Messages.E111)


def jsonl_records(src: Source, lines: Lines, settings: Settings) -> Iterator[Item]:
    n = 0
    seen_object = False
    while True:
        try:
            line = next(lines)
        except StopIteration:
            return n
        except LineProblem as exc:
            n += 1
            yield record_error(src, n, exc.reason, exc.line)
            continue
        if not line.strip():
            continue
        n += 1
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as exc:
            yield record_error(src, n, f"not valid JSON: {exc}", lines.line)
            continue
        if not seen_object and isinstance(record, Mapping) and is_track_record(record.keys()):
            yield read_trajectory(src, settings)
            return n
        seen_object = seen_object or isinstance(record, Mapping)
        yield record_document(src, n, record, settings, lines.line)


# --------------------------------------------------------------------------- JSON


def read_json(src: Source, settings: Settings) -> Iterator[Item]:
    """An article object, an array of them, or an object wrapping one such array."""
    text = decode_bytes(read_all(src, settings))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and "\n" in text.strip():  # JSON Lines under a .json name
            yield from read_jsonl(src, settings)
            return
        raise InputRejected(Messages.E004.format(fmt="JSON", reason=str(exc))) from exc
    except (ValueError, RecursionError) as exc:
        raise InputRejected(Messages.E004.format(fmt="JSON", reason=str(exc) or "nested too deeply")) from exc
    if is_trajectory_json(data):
        yield read_trajectory(src, settings)
        return
    yield from json_documents(src, data, settings)


def json_documents(src: Source, data: Any, settings: Settings) -> Iterator[Item]:
    if isinstance(data, Mapping):
        items = wrapped_list(data)
        if items is None:
            yield single_document(src, data, settings)
            return
        data = items
    if not isinstance(data, list):
        raise InputRejected(Messages.E004.format(fmt="JSON", reason="expected an article object or an array"))
    if not data:
        raise InputRejected(Messages.E111)
    for n, item in enumerate(data, 1):
        yield record_document(src, n, item, settings)


def wrapped_list(obj: Mapping[str, Any]) -> list[Any] | None:
    """The article array of an object like {"articles": [...]} (no text field, one list of objects)."""
    if any(name in lower_keys(obj) for name in TEXT_FIELDS):
        return None
    lists = [v for v in obj.values() if isinstance(v, list) and v and isinstance(v[0], Mapping)]
    return lists[0] if len(lists) == 1 else None


# --------------------------------------------------------------------------- Parquet


def read_parquet(src: Source, settings: Settings) -> Iterator[Item]:
    """One document per row; the uncompressed size the file declares is checked before reading rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        with open_input(src, settings) as stream:
            handle = io.BytesIO(stream.read()) if src.gz else stream
            table = pq.ParquetFile(handle)
            if is_track_record(table.schema_arrow.names):
                yield read_trajectory(src, settings)
                return
            check_parquet_size(table, settings)
            yield from parquet_rows(src, table, settings)
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise InputRejected(Messages.E004.format(fmt="Parquet", reason=str(exc))) from exc


def check_parquet_size(table: Any, settings: Settings) -> None:
    meta = table.metadata
    size = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    if size > settings.max_decompressed_bytes:
        raise InputRejected(Messages.E008.format(limit=settings.max_decompressed_bytes))


def parquet_rows(src: Source, table: Any, settings: Settings) -> Iterator[Item]:
    n = 0
    for batch in table.iter_batches(batch_size=256):
        for row in batch.to_pylist():
            n += 1
            yield record_document(src, n, row, settings)
    if n == 0:
        raise InputRejected(Messages.E111)
