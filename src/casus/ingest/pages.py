"""Single-document files: plain text (exactly as decoded) and HTML pages (extracted article text)."""

from __future__ import annotations

from collections.abc import Iterator

from casus.ingest.decode import declared_charset, decode_bytes
from casus.ingest.documents import make_document
from casus.ingest.files import Source, read_all
from casus.ingest.html import extract_page
from casus.ingest.metadata import Meta
from casus.records import Document, InputError
from casus.settings import Settings


def read_txt(src: Source, settings: Settings) -> Iterator[Document | InputError]:
    """The file's content decoded, byte order mark removed, nothing else changed."""
    text = decode_bytes(read_all(src, settings, text_only=True))
    yield make_document(src, None, text, Meta(), settings)


def read_html(src: Source, settings: Settings) -> Iterator[Document | InputError]:
    data = read_all(src, settings)
    text, meta = extract_page(decode_bytes(data, declared_charset(data)))
    yield make_document(src, None, text, meta, settings)
