"""``manifest.csv``: metadata for the files of a corpus directory, which wins over in-document metadata.

Columns ``path,published,outlet,url,title,language``; ``path`` is relative to the manifest's own
directory and may not leave it. A bad row is reported (as an ``InputError`` on the manifest) and the
other rows still apply. A manifest in a sub-directory describes the files under it.
"""

from __future__ import annotations

import csv
import io
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from casus.errors import InputRejected, Messages
from casus.ingest.decode import decode_bytes
from casus.ingest.files import MANIFEST, check_file, input_error, open_raw
from casus.ingest.metadata import lower_keys, normalise_date, normalise_language
from casus.records import Document, InputError, Published
from casus.settings import Settings

_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True, slots=True)
class ManifestRow:
    """One manifest row: the file's metadata; ``None`` where the column is empty."""

    manifest: str
    line: int
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    language: str | None = None


class Manifests:
    """The manifests of one corpus, read as the walk reaches their directories (each once)."""

    def __init__(self, base: Path, settings: Settings) -> None:
        self._base = base
        self._settings = settings
        self._rows: dict[str, ManifestRow] = {}
        self._loaded: set[str] = set()
        self._used: set[str] = set()

    def prepare(self, rel: str) -> list[InputError]:
        """Load the manifests of every directory from the corpus down to the file ``rel``."""
        errors: list[InputError] = []
        parts = rel.split("/")[:-1]
        for depth in range(len(parts) + 1):
            folder = "/".join(parts[:depth])
            if folder not in self._loaded:
                self._loaded.add(folder)
                errors.extend(self._load(folder))
        return errors

    def row(self, rel: str) -> ManifestRow | None:
        found = self._rows.get(rel)
        if found:
            self._used.add(rel)
        return found

    def missing(self) -> Iterator[InputError]:
        """Rows naming files that do not exist (checked after a whole directory was walked)."""
        for rel, row in sorted(self._rows.items()):
            if rel not in self._used and not (self._base / rel).exists():
                yield InputError(row.manifest, Messages.E109.format(n=row.line, reason=f"no such file '{rel}'"))

    def _load(self, folder: str) -> list[InputError]:
        path = self._base / folder / MANIFEST if folder else self._base / MANIFEST
        if not path.exists():
            return []
        try:
            rows, errors = read_manifest(path, folder, self._settings)
        except (InputRejected, OSError, csv.Error) as exc:
            return [input_error(path, Messages.E004.format(fmt="manifest", reason=str(exc)))]
        self._rows.update(rows)
        return errors


def read_manifest(path: Path, folder: str, settings: Settings) -> tuple[dict[str, ManifestRow], list[InputError]]:
    """Rows keyed by corpus-relative path, and the rows that could not be used."""
    problem = check_file(path, settings)
    if problem:
        raise InputRejected(problem)
    with open_raw(path) as stream:
        text = decode_bytes(stream.read())  # its size was checked above
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if "path" not in {str(f).strip().lower() for f in reader.fieldnames or []}:
        raise InputRejected("no 'path' column")
    rows: dict[str, ManifestRow] = {}
    errors: list[InputError] = []
    for record in reader:
        rel, row, reason = parse_row(lower_keys(record), folder, str(path), reader.line_num)
        if reason:
            errors.append(input_error(path, Messages.E109.format(n=reader.line_num, reason=reason)))
        if rel and row:
            rows[rel] = row
    return rows, errors


def parse_row(record: dict[str, object], folder: str, manifest: str,
              line: int) -> tuple[str | None, ManifestRow | None, str | None]:
    """(corpus-relative path, row, problem) of one manifest record."""
    raw = _text(record.get("path"))
    if not raw:
        return None, None, None
    rel = inside(raw, folder)
    if rel is None:
        return None, None, Messages.E009.format(path=raw)
    published_raw = _text(record.get("published"))
    published = normalise_date(published_raw) if published_raw else None
    row = ManifestRow(manifest, line, published, _text(record.get("outlet")), _text(record.get("url")),
                      _text(record.get("title")), normalise_language(_text(record.get("language"))))
    problem = Messages.E114.format(value=published_raw) if published_raw and not published else None
    return rel, row, problem


def inside(raw: str, folder: str) -> str | None:
    """The corpus-relative path of a manifest entry, or None when it leaves the manifest's directory."""
    entry = raw.replace("\\", "/")
    if entry.startswith("/") or _DRIVE.match(entry):
        return None
    normal = posixpath.normpath(entry)
    if normal == ".." or normal.startswith("../") or normal == ".":
        return None
    return posixpath.join(folder, normal) if folder else normal


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def apply(doc: Document, row: ManifestRow | None) -> Document:
    """The manifest's values over the document's own (the manifest wins where it has a value)."""
    if row is None:
        return doc
    changes: dict[str, object] = {}
    for name in ("outlet", "url", "title", "language"):
        value = getattr(row, name)
        if value:
            changes[name] = value
    if row.published:
        changes["published"] = Published(row.published, "manifest")
    return replace(doc, **changes) if changes else doc
