"""Files on disk: the sorted walk, symlink and size policy, format by suffix, capped gzip streams.

Everything that touches the file system for ingest goes through here, so the limits in ``Settings``
are enforced in one place: a file's size is checked with ``os.stat`` before it is opened, and a gzip
stream is cut off as soon as its decompressed size passes the limit (gzip bombs never fill memory).
"""

from __future__ import annotations

import gzip
import io
import os
import re
import stat
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from casus.errors import InputRejected, Messages
from casus.records import InputError
from casus.settings import Settings

FORMATS: dict[str, str] = {
    ".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".json": "json", ".csv": "csv",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".warc": "warc", ".parquet": "parquet",
}
MANIFEST = "manifest.csv"
CHUNK = 1 << 20
BUFFER = 1 << 16
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


def display(path: Path) -> str:
    """The path as the user gave it, safe to write as JSON (undecodable name bytes escaped)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def one_line(message: str, limit: int = 400) -> str:
    """Error text on one line and of bounded length: library messages may quote hostile input."""
    flat = _UNPRINTABLE.sub(" ", message).strip()
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def input_error(path: Path | str, message: str) -> InputError:
    shown = path if isinstance(path, str) else display(path)
    return InputError(shown, one_line(message))


@dataclass(frozen=True, slots=True)
class Source:
    """One input file: where it is, what it is, and the ids its documents take."""

    path: Path  # as walked: the corpus argument joined with the relative path
    base: Path  # the corpus directory (the file's parent when the corpus is a file)
    rel: str  # path relative to base, '/' separators
    doc_id: str  # rel without '.gz' and without the format extension
    kind: str  # a value of FORMATS
    gz: bool

    @property
    def shown(self) -> str:
        return display(self.path)

    @property
    def corpus(self) -> str:
        return os.path.abspath(self.base)

    def record_id(self, n: int) -> str:
        return f"{self.doc_id}#{n}"


def classify(rel: str) -> tuple[str | None, str, bool]:
    """(format, doc_id, gzipped) of a relative path; format None when the suffix is not supported."""
    gz = rel.lower().endswith(".gz")
    core = rel[:-3] if gz else rel
    suffix = PurePosixPath(core).suffix
    kind = FORMATS.get(suffix.lower())
    return kind, (core[: -len(suffix)] if kind else core), gz


def doc_id_for(rel: str) -> str:
    """The contract's doc_id of a single-document file at ``rel`` (relative, '/' separators)."""
    return classify(rel)[1]


def unsupported_suffix(name: str) -> str:
    suffixes = PurePosixPath(name).suffixes
    return "".join(suffixes[-2:]) if suffixes else "(none)"


def is_hidden(name: str) -> bool:
    return name.startswith(".")


# --------------------------------------------------------------------------- walking


def walk(corpus: Path, settings: Settings) -> Iterator[Path | InputError]:
    """Files of a corpus argument in sorted, deterministic order; problems as ``InputError``.

    Hidden entries and manifests are skipped. Symlinks inside the corpus are followed only when
    ``settings.follow_symlinks``; a directory reached twice (a link loop) is reported, never re-entered.
    """
    if not os.path.isdir(corpus):
        yield corpus
        return
    yield from _walk_dir(corpus, settings, set())


def _walk_dir(folder: Path, settings: Settings, seen: set[tuple[int, int]]) -> Iterator[Path | InputError]:
    try:
        info = os.stat(folder)
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield input_error(folder, Messages.E006.format(reason=os_reason(exc)))
        return
    if (info.st_dev, info.st_ino) in seen:
        yield input_error(folder, Messages.E105)
        return
    seen.add((info.st_dev, info.st_ino))
    for entry in entries:
        if is_hidden(entry.name) or entry.name == MANIFEST:
            continue
        try:
            yield from _walk_entry(Path(entry.path), entry, settings, seen)
        except OSError as exc:  # an entry that vanished or cannot be examined
            yield input_error(Path(entry.path), Messages.E006.format(reason=os_reason(exc)))


def _walk_entry(path: Path, entry: os.DirEntry[str], settings: Settings,
                seen: set[tuple[int, int]]) -> Iterator[Path | InputError]:
    if entry.is_symlink():
        if not settings.follow_symlinks:
            yield input_error(path, Messages.E103)
            return
        try:
            target_is_dir = stat.S_ISDIR(os.stat(path).st_mode)
        except OSError as exc:
            yield input_error(path, Messages.E104.format(reason=os_reason(exc)))
            return
    else:
        target_is_dir = entry.is_dir(follow_symlinks=False)
    if target_is_dir:
        yield from _walk_dir(path, settings, seen)
    else:
        yield path


def os_reason(exc: OSError) -> str:
    """An OSError as a short reason without the path (paths may hold newlines)."""
    return (exc.strerror or exc.__class__.__name__).lower()


# --------------------------------------------------------------------------- opening and limits


def check_file(path: Path, settings: Settings) -> str | None:
    """Why this file cannot be read, decided from ``os.stat`` alone (before any byte is read)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        if os.path.islink(path):
            return Messages.E104.format(reason=os_reason(exc))
        return Messages.E006.format(reason=os_reason(exc))
    if not stat.S_ISREG(info.st_mode):
        return Messages.E106
    if info.st_size > settings.max_file_bytes:
        return Messages.E001.format(limit=settings.max_file_bytes, size=info.st_size)
    return None


def open_raw(path: Path) -> BinaryIO:
    """The one place ingest opens an input file (buffered enough for encoding sniffing to peek at)."""
    return path.open("rb", buffering=BUFFER)


class CappedGzip(io.RawIOBase):
    """A gzip stream that raises ``InputRejected`` past ``limit`` decompressed bytes or on a broken stream."""

    def __init__(self, raw: BinaryIO, limit: int) -> None:
        super().__init__()
        self._raw = raw
        self._gz = gzip.GzipFile(fileobj=raw, mode="rb")
        self._limit = limit
        self._total = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        try:
            data = self._gz.read1(len(buffer))  # one step at a time: what precedes a broken tail is kept
        except EOFError as exc:
            raise InputRejected(Messages.E007.format(reason=str(exc) or "unexpected end of file")) from exc
        except (gzip.BadGzipFile, zlib.error) as exc:
            raise InputRejected(Messages.E007.format(reason=str(exc))) from exc
        n = len(data)
        buffer[:n] = data
        self._total += n
        if self._total > self._limit:
            raise InputRejected(Messages.E008.format(limit=self._limit))
        return n

    def close(self) -> None:
        self._gz.close()
        self._raw.close()
        super().close()


def open_input(src: Source, settings: Settings) -> BinaryIO:
    """A buffered binary stream of the file's content, decompressed (and capped) when it is gzip."""
    raw = open_raw(src.path)
    if not src.gz:
        return raw
    return io.BufferedReader(CappedGzip(raw, settings.max_decompressed_bytes), CHUNK)  # type: ignore[return-value]


def read_all(src: Source, settings: Settings, text_only: bool = False) -> bytes:
    """The whole (decompressed) content, read in chunks and bounded by the size limits.

    ``text_only``: the content is the document's text itself, so reading stops as soon as it is
    certainly longer than ``max_record_chars`` (a gzip bomb of text costs a few MB, not the cap).
    """
    limit = settings.max_decompressed_bytes if src.gz else settings.max_file_bytes
    text_bytes = settings.max_record_chars * 4 + 4 if text_only else limit  # 4 bytes a character, a BOM
    chunks: list[bytes] = []
    total = 0
    with open_input(src, settings) as stream:
        while chunk := stream.read(CHUNK):
            total += len(chunk)
            if total > text_bytes:
                raise InputRejected(Messages.E115.format(limit=settings.max_record_chars, size=text_bytes))
            if total > limit:
                message = Messages.E008 if src.gz else Messages.E001
                raise InputRejected(message.format(limit=limit, size=total))
            chunks.append(chunk)
    return b"".join(chunks)
