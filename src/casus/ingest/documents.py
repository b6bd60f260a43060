"""From extracted text and metadata to a ``Document``, and the error records of one container record."""

from __future__ import annotations

from casus.errors import InputRejected, Messages
from casus.ingest.files import Source, input_error
from casus.ingest.metadata import Meta
from casus.records import Document, InputError, Published
from casus.settings import Settings


def check_text(text: str, settings: Settings) -> None:
    """Refuse text that is empty or longer than one article may be."""
    if not text.strip():
        raise InputRejected(Messages.E003)
    if len(text) > settings.max_record_chars:
        raise InputRejected(Messages.E102.format(limit=settings.max_record_chars, size=len(text)))


def make_document(src: Source, n: int | None, text: str, meta: Meta, settings: Settings,
                  fmt: str | None = None) -> Document:
    """The document ``n`` (1-based) of a container file, or the file's only document when ``n`` is None."""
    check_text(text, settings)
    return Document(
        doc_id=src.record_id(n) if n is not None else src.doc_id,
        path=src.rel,
        text=text,
        title=meta.title,
        outlet=meta.outlet,
        url=meta.url,
        published=Published(meta.published, "metadata") if meta.published else None,
        language=meta.language,
        corpus=src.corpus,
        fmt=fmt or src.kind,
    )


def record_error(src: Source, n: int, reason: str, line: int | None = None) -> InputError:
    """One bad record of a container: the file's error line names the record (and its line)."""
    if line is None:
        return input_error(src.path, Messages.E014.format(n=n, reason=reason))
    return input_error(src.path, Messages.E101.format(n=n, line=line, reason=reason))
