"""WARC archives: one document per HTTP response record whose payload is HTML or plain text.

The archive is read as one stream (a ``.warc.gz`` through the capped gzip reader, so its size limit
holds). warcio returns a short payload silently when an archive is cut off, so each record's length
is checked against its declared ``Content-Length`` and the bytes after the last record against the
file's size: a truncated archive keeps the documents read and ends with an error line.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any, BinaryIO

from casus.errors import InputRejected, Messages
from casus.ingest.decode import declared_charset, decode_bytes, usable
from casus.ingest.documents import make_document, record_error
from casus.ingest.files import CHUNK, Source, input_error, open_input
from casus.ingest.html import extract_page
from casus.ingest.metadata import Meta
from casus.records import Document, InputError
from casus.settings import Settings

TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
TRAILING_SLACK = 4  # a final record may end without its closing blank lines


class Counted(io.RawIOBase):
    """A stream that counts the bytes read through it and holds back a read error until asked.

    warcio reads ahead in blocks; raising on the block that hits a broken gzip tail would lose the
    complete records before it, so the error ends the stream here and ``read_warc`` raises it after.
    """

    def __init__(self, inner: BinaryIO) -> None:
        super().__init__()
        self._inner = inner
        self.count = 0
        self.error: InputRejected | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self.error:
            return 0
        try:
            data = self._inner.read1(len(buffer))  # type: ignore[attr-defined]  # one raw read: nothing lost
        except InputRejected as exc:
            self.error = exc
            return 0
        buffer[: len(data)] = data
        self.count += len(data)
        return len(data)

    def drain(self) -> int:
        while self.read(CHUNK):
            pass
        return self.count


def read_warc(src: Source, settings: Settings) -> Iterator[Document | InputError]:
    with open_input(src, settings) as stream:
        counted = Counted(stream)
        state = _State()
        yield from warc_documents(src, counted, state, settings)
        problem = state.problem or _trailing(counted, state.end)
    if counted.error:
        raise counted.error
    if problem:
        yield input_error(src.path, Messages.E110.format(n=state.n, reason=problem))
    elif state.n == 0:
        raise InputRejected(Messages.E111 + " (no HTML or text response records)")


class _State:
    """Where the walk through the archive got to."""

    def __init__(self) -> None:
        self.n = 0
        self.end = 0
        self.problem: str | None = None


def quiet_iterator(stream: Counted) -> Any:
    """warcio's ArchiveIterator without its stderr warning (the library prints nothing); it still counts."""
    from warcio.archiveiterator import ArchiveIterator

    class QuietArchiveIterator(ArchiveIterator):  # type: ignore[misc]
        INC_RECORD = ""  # formatted and written to stderr on a malformed record boundary

    return QuietArchiveIterator(stream, arc2warc=True)


def warc_documents(src: Source, stream: Counted, state: _State, settings: Settings) -> Iterator[Document | InputError]:
    try:
        archive = quiet_iterator(stream)
        for record in archive:
            if archive.err_count:
                state.problem = "a record is not followed by a blank line (wrong Content-Length?)"
                return
            item = _record_item(src, archive, record, state, settings)
            if item is not None:
                yield item
            if state.problem:
                return
    except InputRejected:
        raise
    except Exception as exc:  # noqa: BLE001 - warcio raises many kinds (incl. AttributeError) on broken input
        state.problem = f"{type(exc).__name__}: {exc}"


def _record_item(src: Source, archive: Any, record: Any, state: _State,
                 settings: Settings) -> Document | InputError | None:
    wanted = record.rec_type == "response" and _content_type(record) in TEXT_TYPES
    payload = _payload(record, settings) if wanted else None
    archive.read_to_end(record)
    declared = int(record.rec_headers.get_header("Content-Length") or 0)
    if archive.get_record_length() < declared or getattr(record.raw_stream, "limit", 0) > 0:
        state.problem = "record cut short"
        return None
    state.end = archive.get_record_offset() + archive.get_record_length()
    if payload is None:
        return None
    state.n += 1
    if isinstance(payload, str):
        return record_error(src, state.n, payload)
    return _document(src, state.n, record, payload, settings)


def _content_type(record: Any) -> str:
    headers = record.http_headers
    value = headers.get_header("Content-Type") if headers else None
    return (value or "").split(";")[0].strip().lower()


def _payload(record: Any, settings: Settings) -> bytes | str:
    """The record's payload bytes, or the reason it is refused (too large)."""
    limit = settings.max_record_chars * 4
    data = record.content_stream().read(limit + 1)
    if len(data) > limit:
        return f"payload is larger than {limit} bytes"
    return data


def _document(src: Source, n: int, record: Any, payload: bytes, settings: Settings) -> Document | InputError:
    url = record.rec_headers.get_header("WARC-Target-URI")
    header = record.http_headers.get_header("Content-Type") or ""
    charset = usable(header.partition("charset=")[2].strip(" \"'")) if "charset=" in header else None
    try:
        text_data = decode_bytes(payload, charset or declared_charset(payload))
        if _content_type(record) == "text/plain":
            text, meta = text_data, Meta(url=url)
        else:
            text, meta = extract_page(text_data, url)
        return make_document(src, n, text, meta, settings)
    except InputRejected as exc:
        return record_error(src, n, str(exc))


def _trailing(stream: Counted, end: int) -> str | None:
    total = stream.drain()
    return None if total - end <= TRAILING_SLACK else f"{total - end} bytes after the last complete record"
