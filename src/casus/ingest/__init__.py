"""Ingest: files on disk -> ``Document`` records (or ``InputError`` for what cannot be read).

Public entry point: ``read_corpora(corpora, settings)``. Formats: ``.txt`` (pages.py), ``.html``/``.htm``
(pages.py, html.py), ``.csv``/``.jsonl``/``.json``/``.parquet`` (tabular.py, records.py), RSS/Atom
(feeds.py), WARC (warc.py), each optionally ``.gz`` (files.py); ``manifest.csv`` (manifest.py) wins over
metadata found in the documents (metadata.py). Nothing here raises on bad input: every problem
becomes one ``InputError`` with the file's path and a one-line reason, and the run goes on.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from casus.errors import InputRejected, Messages
from casus.ingest.feeds import read_feed
from casus.ingest.files import (
    MANIFEST,
    Source,
    check_file,
    classify,
    doc_id_for,
    input_error,
    os_reason,
    unsupported_suffix,
    walk,
)
from casus.ingest.manifest import Manifests, apply
from casus.ingest.metadata import normalise_date
from casus.ingest.pages import read_html, read_txt
from casus.ingest.stamps import FileRead, KnownFile, KnownFiles, ReadDocument, Unchanged
from casus.ingest.tabular import read_csv, read_json, read_jsonl, read_parquet
from casus.ingest.warc import read_warc
from casus.records import Document, InputError
from casus.settings import Settings

__all__ = ["FileRead", "Item", "KnownFile", "KnownFiles", "Unchanged", "doc_id_for", "normalise_date", "read_again",
           "read_corpora", "read_corpus", "read_file"]

log = logging.getLogger(__name__)

Reader = Callable[[Source, Settings], Iterator[Document | InputError]]
Item = Document | InputError | Unchanged | FileRead  # what reading corpora yields (see casus.ingest.stamps)
READERS: dict[str, Reader] = {
    "txt": read_txt, "html": read_html, "csv": read_csv, "jsonl": read_jsonl, "json": read_json,
    "parquet": read_parquet, "feed": read_feed, "warc": read_warc,
}


def read_corpora(corpora: list[Path], settings: Settings, known: KnownFiles | None = None) -> Iterator[Item]:
    """Every document of every corpus argument, in a stable order; bad inputs as ``InputError``.
    With ``known`` (the files a store read before), a file known unchanged yields ``Unchanged`` items
    instead of being read, and a file read whole is followed by a ``FileRead`` (casus.ingest.stamps)."""
    for corpus in corpora:
        yield from read_corpus(Path(corpus), settings, known)


CORPUS_NOTES = frozenset({".md", ".rst"})


def read_corpus(corpus: Path, settings: Settings, known: KnownFiles | None = None) -> Iterator[Item]:
    """One corpus argument: a directory (walked recursively, sorted) or a single file."""
    if not os.path.lexists(corpus):
        yield input_error(corpus, Messages.E011.format(path=corpus))
        return
    is_dir = os.path.isdir(corpus)
    base = corpus if is_dir else corpus.parent
    manifests = Manifests(base, settings)
    for item in walk(corpus, settings):
        if isinstance(item, InputError):
            yield item
            continue
        if is_dir and item.suffix.lower() in CORPUS_NOTES:
            continue  # a corpus's own README/SOURCE notes, not articles
        yield from read_file(item, base, manifests, settings, known)
    if is_dir:
        yield from manifests.missing()


def read_file(path: Path, base: Path, manifests: Manifests, settings: Settings, known: KnownFiles | None = None
              ) -> Iterator[Item]:
    """The documents of one file, the manifest applied; a failure of the file is its last item."""
    rel = path.relative_to(base).as_posix()
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        yield input_error(path, Messages.E108)
        return
    yield from manifests.prepare(rel)
    if path.name == MANIFEST:
        yield input_error(path, Messages.E113)
        return
    kind, doc_id, gz = classify(rel)
    problem = Messages.E005.format(suffix=unsupported_suffix(path.name)) if kind is None else None
    problem = problem or check_file(path, settings)
    if problem or kind is None:
        yield input_error(path, problem or Messages.E006.format(reason="unknown"))
        return
    src = Source(path=path, base=base, rel=rel, doc_id=doc_id, kind=kind, gz=gz)
    row = manifests.row(rel)
    stamp, read_ns = known.stamp(path) if known is not None else (None, 0)
    if known is not None and (same := known.unchanged(path, stamp)) is not None:
        yield from (Unchanged(d.doc_id, d.corpus, d.sha256, d.doc_id, path, base) for d in same.documents)
        return
    documents: list[ReadDocument] = []
    for item in guarded(READERS[kind], src, settings):
        if isinstance(item, Document):
            item = apply(item, row)
            if stamp is not None:
                documents.append(ReadDocument(item.doc_id, item.corpus, item.sha256))
        else:
            stamp = None  # a file with an error is read again next time, to report it again
        yield item
    if stamp is not None:
        yield FileRead(os.path.abspath(path), KnownFile(stamp, read_ns, tuple(documents)))


def read_again(item: Unchanged, settings: Settings) -> Document | None:
    """The document an ``Unchanged`` item stands for, read from its file after all (None: the file
    gives it no more), under the item's (perhaps renamed) id."""
    for doc in read_file(item.path, item.base, Manifests(item.base, settings), settings):
        if isinstance(doc, Document) and doc.doc_id == item.read_id:
            doc.doc_id = item.doc_id
            return doc
    return None


def guarded(reader: Reader, src: Source, settings: Settings) -> Iterator[Document | InputError]:
    """Run one reader; whatever it raises becomes one error line after the documents it gave."""
    try:
        yield from reader(src, settings)
    except InputRejected as exc:
        yield input_error(src.path, str(exc))
    except OSError as exc:
        yield input_error(src.path, Messages.E006.format(reason=os_reason(exc)))
    except (UnicodeError, MemoryError, RecursionError) as exc:
        yield input_error(src.path, Messages.E006.format(reason=f"{type(exc).__name__}: {exc}"))
    except Exception as exc:  # third-party parsers on hostile input: one file must not stop a run
        log.debug("reading %s failed", src.shown, exc_info=True)
        yield input_error(src.path, Messages.E006.format(reason=f"{type(exc).__name__}: {exc}"))
