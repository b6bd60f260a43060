"""casus export: every format loads as-is in DuckDB and pyarrow with the values it was given."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from casus.cli import main
from casus.present.export import export_store, flat_rows
from casus.store import Store

READERS = {"jsonl": "read_json_auto", "csv": "read_csv_auto", "parquet": "read_parquet"}


def _duck(path: Path, fmt: str, sql: str = "SELECT * FROM t") -> list[tuple]:
    con = duckdb.connect()
    quoted = str(path).replace("'", "''")
    con.execute(f"CREATE VIEW t AS SELECT * FROM {READERS[fmt]}('{quoted}')")
    return con.execute(sql).fetchall()


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_present_export_loads_in_duckdb(tmp_path: Path, present_db, present_records, fmt):
    written = export_store(present_db, fmt, tmp_path)
    assert set(written) == {"events", "clusters", "documents"}
    docs, events, _ = present_records
    assert _duck(written["events"], fmt, "SELECT count(*) FROM t") == [(7,)]
    assert _duck(written["clusters"], fmt, "SELECT count(*) FROM t") == [(6,)]
    assert _duck(written["documents"], fmt, "SELECT count(*) FROM t") == [(3,)]
    evil = next(e for e in events if e.doc_id == "evil/003")
    evidence_col = "evidence.text" if fmt == "jsonl" else "evidence"
    got = _duck(written["events"], fmt, f"SELECT {evidence_col} FROM t WHERE id = '{evil.id}'")
    assert got == [(evil.evidence_text,)]
    text = _duck(written["documents"], fmt, "SELECT text FROM t WHERE doc_id = 'gazette/001'")[0][0]
    assert text == docs[0].text  # newlines, emoji and quotes survive


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_present_export_flat_tables_are_typed(tmp_path: Path, present_db, fmt):
    written = export_store(present_db, fmt, tmp_path)
    types = dict(_duck(written["events"], fmt, "SELECT column_name, column_type FROM (DESCRIBE t)"))
    assert types["date_start"] == "DATE" and types["lat"] == "DOUBLE" and types["evidence_start"] == "BIGINT"
    rows = _duck(written["events"], fmt, "SELECT source_code, target_name, date_start::VARCHAR, attribution "
                                         "FROM t WHERE type = 'COERCE' AND status = 'occurred'")
    assert rows == [("USA", "Venezuela", "2025-12-10", "officials familiar with the operation <- Harbour Gazette")]


def test_present_export_parquet_and_csv_load_in_pyarrow(tmp_path: Path, present_db):
    parquet = export_store(present_db, "parquet", tmp_path / "p")
    csv = export_store(present_db, "csv", tmp_path / "c")
    table = pq.read_table(parquet["events"])
    assert table.num_rows == 7 and str(table.schema.field("date_start").type) == "date32[day]"
    assert pacsv.read_csv(csv["documents"]).num_rows == 3
    clusters = pq.read_table(parquet["clusters"]).to_pylist()
    seize = next(r for r in clusters if r["cluster"] == "cl_seize")
    assert len(json.loads(seize["mentions"])) == 2  # nested values as JSON text


def test_present_export_jsonl_keeps_contract_objects(tmp_path: Path, present_db, present_records):
    written = export_store(present_db, "jsonl", tmp_path)
    lines = [json.loads(x) for x in written["events"].read_text(encoding="utf-8").splitlines()]
    _, events, _ = present_records
    assert sorted(lines, key=lambda e: e["id"]) == sorted((e.to_json() for e in events), key=lambda e: e["id"])


def test_present_export_empty_store(tmp_path: Path):
    db = tmp_path / "empty.duckdb"
    Store(db).close()
    for fmt in ("csv", "parquet", "jsonl"):
        written = export_store(db, fmt, tmp_path / fmt)
        if fmt != "jsonl":
            assert _duck(written["events"], fmt, "SELECT count(*) FROM t") == [(0,)]
        else:
            assert written["events"].read_text() == ""


def test_present_flat_rows_make_each_column_one_type():
    rows = flat_rows([{"a": 1, "b": [1, 2]}, {"a": "x", "c": 2.5}, {"a": None}])
    assert rows == [{"a": "1", "b": "[1, 2]", "c": None}, {"a": "x", "b": None, "c": 2.5},
                    {"a": None, "b": None, "c": None}]


def test_present_export_cli(tmp_path: Path, present_db):
    result = CliRunner().invoke(main, ["export", "--db", str(present_db), "--format", "parquet", "--out",
                                       str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(Path(p).name for p in result.output.split()) == ["clusters.parquet", "documents.parquet",
                                                                   "events.parquet"]
    missing = CliRunner().invoke(main, ["export", "--db", str(tmp_path / "nope.duckdb"), "--out", str(tmp_path)])
    assert missing.exit_code == 2 and "no store at" in missing.output
    bad = CliRunner().invoke(main, ["export", "--db", str(present_db), "--format", "xml", "--out", str(tmp_path)])
    assert bad.exit_code == 2


def test_present_export_while_another_process_writes(tmp_path: Path, present_db):
    """A writer holding the store open in another process is neither blocked nor blocks the export."""
    db = tmp_path / "busy.duckdb"
    shutil.copyfile(present_db, db)
    script = ("import sys, time; from pathlib import Path; from casus.store import Store\n"
              "s = Store(Path(sys.argv[1])); print('open', flush=True); sys.stdin.readline()\n"
              "s.con.execute(\"DELETE FROM events WHERE type = 'AID'\"); s.close(); print('closed', flush=True)\n")
    writer = subprocess.Popen([sys.executable, "-c", script, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "open"
        written = export_store(db, "csv", tmp_path / "out")
        assert _duck(written["events"], "csv", "SELECT count(*) FROM t") == [(7,)]
    finally:
        writer.stdin.close()  # lets the writer go on: it commits and closes
        assert writer.stdout.readline().strip() == "closed"
        writer.wait(30)
    assert writer.returncode == 0
