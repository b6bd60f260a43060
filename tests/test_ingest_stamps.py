"""Input files known unchanged by their stamp are not read again (casus.ingest.stamps)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import casus.ingest as ingest
from casus.ingest import stamps
from casus.ingest.stamps import FileStamp, KnownFile, ReadDocument
from casus.pipeline import run
from casus.settings import Settings
from casus.store import Store

REPORTS = {
    "a.txt": "Troops of Ruritania shelled the port of Odesa on Monday, killing 12 civilians, officials said.\n",
    "b.txt": "Police arrested 40 demonstrators in Nairobi on Wednesday, witnesses said.\n",
}
STAMP = FileStamp(100, 5_000_000_000, 5_000_000_000, 7, 1, "ctx")


@given(st.integers(0, 10**6), st.integers(-(10**10), 10**10), st.integers(-(10**10), 10**10))
def test_stamps_trusted_only_the_same_and_well_before_the_read(size, d_mtime, d_ctime):
    now = FileStamp(STAMP.size + size, STAMP.mtime_ns + d_mtime, STAMP.ctime_ns + d_ctime, 7, 1, "ctx")
    known = KnownFile(STAMP, 9_000_000_000, ())
    assert known.trusted(now) == (size == d_mtime == d_ctime == 0)
    assert not KnownFile(STAMP, STAMP.ctime_ns + stamps.RACY_NS - 1, ()).trusted(STAMP)  # racy: read too soon
    assert KnownFile(STAMP, STAMP.ctime_ns + stamps.RACY_NS, ()).trusted(STAMP)


def test_stamps_row_round_trip():
    known = KnownFile(STAMP, 9, (ReadDocument("x/é", "/c", "ab"), ReadDocument("y", "", "cd")))
    assert KnownFile.from_row(known.to_row("/c/x.csv")) == ("/c/x.csv", known)


@pytest.fixture()
def corpus(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(stamps, "RACY_NS", 0)  # the files are seconds old: trust them at once
    root = tmp_path / "corpus"
    root.mkdir()
    for name, text in REPORTS.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def _reads(monkeypatch) -> list[str]:
    """The files read by the text reader from now on."""
    seen: list[str] = []
    real = ingest.READERS["txt"]
    monkeypatch.setitem(ingest.READERS, "txt", lambda src, settings: (seen.append(src.rel), real(src, settings))[1])
    return seen


def test_stamps_unchanged_files_are_not_read_again(corpus, tmp_path, nlp, monkeypatch):
    db = tmp_path / "store.duckdb"
    first = run([corpus], db, Settings(), nlp=nlp)
    reads = _reads(monkeypatch)
    again = run([corpus], db, Settings(), nlp=nlp)
    assert (first.processed, again.processed, again.skipped) == (2, 0, 2)
    assert reads == []
    assert list(again.documents) == list(first.documents) and list(again.events) == list(first.events)
    with Store(db, read_only=True) as store:
        rows = store.input_files(stamps.reading_context(Settings()))
    assert {Path(r[0]).name for r in rows} == set(REPORTS)
    assert run([corpus], db, Settings(max_record_chars=10**6), nlp=nlp).skipped == 2
    assert reads == ["a.txt", "b.txt"]  # other reading limits: the stamps do not hold


def test_stamps_a_file_rewritten_with_its_old_size_and_time_is_read_again(corpus, tmp_path, nlp, monkeypatch):
    db = tmp_path / "store.duckdb"
    run([corpus], db, Settings(), nlp=nlp)
    path = corpus / "a.txt"
    before = os.stat(path)
    changed = REPORTS["a.txt"].replace("12", "13")
    assert len(changed) == len(REPORTS["a.txt"])
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the change time still moves
    reads = _reads(monkeypatch)
    again = run([corpus], db, Settings(), nlp=nlp)
    assert reads == ["a.txt"] and again.processed == 1 and again.skipped == 1
    assert "13 civilians" in next(d.text for d in again.documents if d.doc_id == "a")


def test_stamps_a_document_the_store_lost_is_read_from_its_file(corpus, tmp_path, nlp, monkeypatch):
    db = tmp_path / "store.duckdb"
    first = run([corpus], db, Settings(), nlp=nlp)
    with Store(db) as store:
        store.con.execute("DELETE FROM events WHERE doc_id = 'b'; DELETE FROM documents WHERE doc_id = 'b'")
    reads = _reads(monkeypatch)
    again = run([corpus], db, Settings(), nlp=nlp)
    assert reads == ["b.txt"] and (again.processed, again.skipped) == (1, 1)
    assert list(again.events) == list(first.events)


def test_stamps_keep_renamed_ids_of_two_corpora(tmp_path, nlp, monkeypatch):
    """Two corpora giving the same id: the later is renamed, as when its file is read."""
    monkeypatch.setattr(stamps, "RACY_NS", 0)
    corpora = [tmp_path / "east", tmp_path / "west"]
    for root, text in zip(corpora, REPORTS.values(), strict=True):
        root.mkdir()
        (root / "a.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "store.duckdb"
    first = run(corpora, db, Settings(), nlp=nlp)
    reads = _reads(monkeypatch)
    again = run(corpora, db, Settings(), nlp=nlp)
    assert [d.doc_id for d in first.documents] == ["a", "west/a"] == [d.doc_id for d in again.documents]
    assert (again.processed, again.skipped, reads) == (0, 2, [])


def test_stamps_a_file_with_an_error_is_read_and_reported_again(corpus, tmp_path, nlp, monkeypatch):
    (corpus / "bad.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 40)
    db = tmp_path / "store.duckdb"
    first = run([corpus], db, Settings(), nlp=nlp)
    reads = _reads(monkeypatch)
    again = run([corpus], db, Settings(), nlp=nlp)
    assert [e.path for e in first.errors] == [e.path for e in again.errors] and len(again.errors) == 1
    assert "bad.txt" in again.errors[0].path and reads == ["bad.txt"]
