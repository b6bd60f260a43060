"""Read a store while a run may be writing it: from a private copy, refreshed when the file changes.

DuckDB lets one process write a database file, and a reader that opens the file itself would lock
a run out. So readers (``casus serve``, ``casus export``) copy the file (and its WAL) into a
private directory and open the copy read-only. The copy is re-made when the store's modification
time or size changes. A copy taken while a run is writing may be torn: it is retried, and when no
good copy can be had the last good one is kept, or ``StoreBusy`` says so clearly.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from casus.errors import CasusError

log = logging.getLogger(__name__)

ATTEMPTS = 3
RETRY_SECONDS = 0.2
BACKOFF_SECONDS = 2.0  # after a failed refresh, serve the old snapshot this long before trying again

Stamp = tuple[tuple[int, int], ...]


class StoreBusy(CasusError):
    """The store is being written and no consistent copy of it could be read yet."""

    exit_code = 3


class StoreMissing(CasusError):
    exit_code = 2


def store_stamp(db_path: Path) -> Stamp:
    """(mtime_ns, size) of the database file and its WAL: changes whenever a run commits."""
    try:
        st = db_path.stat()
    except OSError as exc:
        raise StoreMissing(f"no store at {db_path}: {exc.strerror}") from exc
    wal = db_path.with_name(db_path.name + ".wal")
    wal_st = wal.stat() if wal.exists() else None
    return ((st.st_mtime_ns, st.st_size), (wal_st.st_mtime_ns, wal_st.st_size) if wal_st else (0, 0))


def copy_store(db_path: Path, dest: Path) -> None:
    """Copy the database file and its WAL (when there is one) to ``dest``."""
    shutil.copyfile(db_path, dest)
    wal = db_path.with_name(db_path.name + ".wal")
    if wal.exists():
        shutil.copyfile(wal, dest.with_name(dest.name + ".wal"))


def open_copy(db_path: Path, dest: Path) -> tuple[duckdb.DuckDBPyConnection, Stamp]:
    """A read-only connection to a fresh copy whose source did not change while it was copied."""
    last_error: Exception | None = None
    for attempt in range(ATTEMPTS):
        before = store_stamp(db_path)
        try:
            copy_store(db_path, dest)
            if store_stamp(db_path) == before:
                con = duckdb.connect(str(dest), read_only=True)
                con.execute("SELECT count(*) FROM documents").fetchone()
                return con, before
            last_error = StoreBusy(f"the store at {db_path} changed while it was copied")
        except (duckdb.Error, OSError) as exc:
            last_error = exc
        time.sleep(RETRY_SECONDS * (attempt + 1))
    raise StoreBusy(f"the store at {db_path} is being written; try again shortly ({last_error})")


class SnapshotReader:
    """Thread-safe access to the newest good copy of one store."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.generation = 0
        self._dir = Path(tempfile.mkdtemp(prefix="casus-snapshot-"))
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._stamp: Stamp | None = None
        self._next_try = 0.0

    @contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The current snapshot (refreshed first if the store changed), held for one request."""
        with self._lock:
            self._refresh()
            assert self._con is not None
            yield self._con

    def _refresh(self) -> None:
        if self._con is not None and (store_stamp(self.db_path) == self._stamp or time.monotonic() < self._next_try):
            return
        dest = self._dir / f"snapshot-{self.generation + 1}.duckdb"
        try:
            con, stamp = open_copy(self.db_path, dest)
        except StoreBusy:
            if self._con is None:
                raise
            log.warning("store busy: serving the previous snapshot")
            self._next_try = time.monotonic() + BACKOFF_SECONDS
            return
        self._replace(con, stamp)

    def _replace(self, con: duckdb.DuckDBPyConnection, stamp: Stamp) -> None:
        old = self.generation
        if self._con is not None:
            self._con.close()
        self._con, self._stamp, self.generation = con, stamp, old + 1
        for path in self._dir.glob(f"snapshot-{old}.duckdb*"):
            path.unlink(missing_ok=True)

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None
            shutil.rmtree(self._dir, ignore_errors=True)


@contextmanager
def read_snapshot(db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """One read-only copy of the store for a one-off reader (``casus export``)."""
    reader = SnapshotReader(db_path)
    try:
        with reader.connection() as con:
            yield con
    finally:
        reader.close()
