"""Knowing an input file unchanged without reading it, as git's index does.

A later run over a growing archive must not read and hash every file it already stored: that is
all the archive's bytes, at every add. A file is stamped when a run reads it whole without an error:
its size, modification and status-change times, inode and device, and the reading settings and
Casus version. A later run that finds the same stamp yields ``Unchanged`` items (each document's id,
corpus and content hash, as read) instead of reading the file; the pipeline then skips them by
content hash as it skips a document read again.

A stamp is trusted only when the file's times lie ``RACY_NS`` or more before the moment it was read
(a file changed in the same clock tick as the read, with the same size, would keep its stamp), and
the status-change time moves whenever a file's content is written, whatever tool sets the
modification time back. Anything else (a new stamp, a file the store lost) reads the file.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from casus import __version__
from casus.settings import Settings

RACY_NS = 2_000_000_000  # coarse file systems keep times to the second or two


def reading_context(settings: Settings) -> str:
    """What else a file's documents depend on: the Casus version and the reading limits."""
    return (f"{__version__}|{settings.max_file_bytes}|{settings.max_decompressed_bytes}|"
            f"{settings.max_record_chars}|{settings.follow_symlinks}")


@dataclass(frozen=True, slots=True)
class FileStamp:
    """An input file's identity and times, and the context it was read in."""

    size: int
    mtime_ns: int
    ctime_ns: int
    ino: int
    dev: int
    context: str

    @classmethod
    def of(cls, path: Path, context: str) -> FileStamp | None:
        """The file's stamp now (None when it cannot be taken: the file is then read)."""
        try:
            st = os.stat(path)
        except OSError:
            return None
        return cls(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev, context)


@dataclass(frozen=True, slots=True)
class ReadDocument:
    """A document as a file gave it: its id before any renaming, its corpus and content hash."""

    doc_id: str
    corpus: str
    sha256: str


@dataclass(frozen=True, slots=True)
class KnownFile:
    """A file a run read whole: its stamp, when it was read (ns since the epoch), its documents."""

    stamp: FileStamp
    read_ns: int
    documents: tuple[ReadDocument, ...]

    def to_row(self, path: str) -> tuple[object, ...]:
        """The store's row of this file (its columns: casus.store.INPUT_FILE_COLUMNS)."""
        s = self.stamp
        documents = json.dumps([[d.doc_id, d.corpus, d.sha256] for d in self.documents], ensure_ascii=False)
        return path, s.size, s.mtime_ns, s.ctime_ns, s.ino, s.dev, s.context, self.read_ns, documents

    @classmethod
    def from_row(cls, row: tuple) -> tuple[str, KnownFile]:
        path, size, mtime_ns, ctime_ns, ino, dev, context, read_ns, documents = row
        docs = tuple(ReadDocument(*d) for d in json.loads(documents))
        return path, cls(FileStamp(size, mtime_ns, ctime_ns, ino, dev, context), read_ns, docs)

    def trusted(self, now: FileStamp) -> bool:
        """Whether the file is the one read: the same stamp, and its times well before the read."""
        return now == self.stamp and max(now.mtime_ns, now.ctime_ns) <= self.read_ns - RACY_NS


@dataclass(slots=True)
class Unchanged:
    """A stored document of a file known unchanged: yielded instead of reading the file. ``doc_id``
    is renamed like a document's where two corpora give the same id; ``path`` and ``base`` let the
    pipeline read the file after all, should the store not hold the document."""

    doc_id: str
    corpus: str
    sha256: str
    read_id: str  # the id as the file gave it
    path: Path
    base: Path


@dataclass(frozen=True, slots=True)
class FileRead:
    """Yielded after the documents of a file read whole without an error: what the run stamps."""

    path: str  # absolute
    known: KnownFile


@dataclass(slots=True)
class KnownFiles:
    """The stamped files of the store (absolute path -> KnownFile), and the reading context now."""

    files: dict[str, KnownFile] = field(default_factory=dict)
    context: str = ""

    @classmethod
    def from_rows(cls, rows: list[tuple], context: str) -> KnownFiles:
        return cls(dict(KnownFile.from_row(r) for r in rows), context)

    def stamp(self, path: Path) -> tuple[FileStamp | None, int]:
        """The file's stamp now, and the time it is taken: what a ``FileRead`` records."""
        return FileStamp.of(path, self.context), time.time_ns()

    def unchanged(self, path: Path, now: FileStamp | None) -> KnownFile | None:
        known = self.files.get(os.path.abspath(path))
        return known if known is not None and now is not None and known.trusted(now) else None
