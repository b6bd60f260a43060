"""The run as a whole: incremental re-runs, executors giving identical records, bad inputs beside good
ones, the store's lock and crash safety under SIGKILL."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from casus.pipeline import run
from casus.present import write_outputs
from casus.settings import Settings
from tests.conftest import read_jsonl, shared_path

CASUS = [sys.executable, "-m", "casus"]


def write_corpus(root: Path, n: int, start: int = 0) -> Path:
    """A small corpus of short reports we write ourselves."""
    root.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        (root / f"report_{i:03d}.txt").write_text(
            f"Officials in Lisbon said on Tuesday that {i + 3} fishing boats had been seized by the coast guard "
            f"of Morocco near the Strait of Gibraltar. The foreign ministry of Portugal protested.\n",
            encoding="utf-8")
    return root


def records(out: Path) -> tuple[list[dict], list[dict]]:
    return read_jsonl(out / "documents.jsonl"), read_jsonl(out / "events.jsonl")


def run_into(corpora: list[Path], out: Path, nlp=None, **settings) -> None:
    write_outputs(out, run(corpora, out / "casus.duckdb", Settings(**settings), nlp=nlp))


def test_pipeline_rerun_skips_unchanged_documents(tmp_path, nlp):
    corpus = write_corpus(tmp_path / "c", 4)
    db = tmp_path / "store.duckdb"
    first = run([corpus], db, Settings(), nlp=nlp)
    again = run([corpus], db, Settings(), nlp=nlp)
    assert (first.processed, again.processed, again.skipped) == (4, 0, 4)
    assert [d.to_json() for d in again.documents] == [d.to_json() for d in first.documents]
    write_corpus(corpus, 1, start=10)
    added = run([corpus], db, Settings(), nlp=nlp)
    assert (added.processed, added.skipped, len(added.documents)) == (1, 4, 5)


def test_pipeline_changed_text_is_processed_again(tmp_path, nlp):
    corpus = write_corpus(tmp_path / "c", 2)
    db = tmp_path / "store.duckdb"
    run([corpus], db, Settings(), nlp=nlp)
    (corpus / "report_000.txt").write_text("Protesters marched in Rabat on Monday.\n", encoding="utf-8")
    result = run([corpus], db, Settings(), nlp=nlp)
    assert result.processed == 1
    assert result.documents[0].text == "Protesters marched in Rabat on Monday.\n"


def test_pipeline_same_doc_id_in_two_corpora_is_prefixed(tmp_path, nlp):
    a = write_corpus(tmp_path / "alpha", 1)
    b = write_corpus(tmp_path / "beta", 1)
    result = run([a, b], tmp_path / "s.duckdb", Settings(), nlp=nlp)
    assert [d.doc_id for d in result.documents] == ["beta/report_000", "report_000"]


def test_pipeline_bad_file_among_good_ones(tmp_path, nlp):
    corpus = write_corpus(tmp_path / "c", 2)
    (corpus / "broken.txt").write_bytes(b"")
    out = tmp_path / "out"
    run_into([corpus], out, nlp=nlp)
    docs, _ = records(out)
    errors = read_jsonl(out / "errors.jsonl")
    assert [d["doc_id"] for d in docs] == ["report_000", "report_001"]
    assert len(errors) == 1 and errors[0]["path"].endswith("broken.txt")


def test_pipeline_executors_give_identical_records(tmp_path, nlp):
    corpus = write_corpus(tmp_path / "c", 6)
    run_into([corpus], tmp_path / "local", nlp=nlp, batch_size=2)
    run_into([corpus], tmp_path / "pool", workers=2, batch_size=2)
    run_into([corpus], tmp_path / "dask", workers=2, batch_size=2, dask="local")
    expected = records(tmp_path / "local")
    assert records(tmp_path / "pool") == expected
    assert records(tmp_path / "dask") == expected


def test_pipeline_second_writer_gets_a_clear_lock_error(tmp_path):
    db = tmp_path / "held.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb,time; c=duckdb.connect({str(db)!r}); "
                               "print('ready', flush=True); time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        corpus = write_corpus(tmp_path / "c", 1)
        done = subprocess.run([*CASUS, "run", str(corpus), "--out", str(tmp_path / "o"), "--db", str(db)],
                              capture_output=True, text=True, timeout=120)
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 3
    assert done.stderr.strip().startswith("casus: error: the store at")
    assert "locked by another process" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def bbc_subset(target: Path, n: int) -> Path:
    articles = shared_path("corpora", "bbc_news_2225", "articles", "business")
    target.mkdir(parents=True)
    for path in sorted(articles.glob("*.txt"))[:n]:
        shutil.copyfile(path, target / path.name)
    return target


def committed_batches(proc: subprocess.Popen, wanted: int) -> list[str]:
    """Read the run's --verbose log until it reports `wanted` committed batches."""
    stored: list[str] = []
    while proc.stderr and len(stored) < wanted:
        line = proc.stderr.readline()
        if not line:
            break
        if "stored" in line:
            stored.append(line)
    return stored


@pytest.mark.slow
def test_pipeline_sigkill_mid_run_loses_and_doubles_nothing(tmp_path):
    corpus = bbc_subset(tmp_path / "bbc", 60)
    cmd = [*CASUS, "--verbose", "run", str(corpus), "--batch-size", "4", "--quiet"]
    subprocess.run([*cmd, "--out", str(tmp_path / "clean")], check=True, timeout=600, capture_output=True)
    victim = subprocess.Popen([*cmd, "--out", str(tmp_path / "killed")], start_new_session=True,
                              stderr=subprocess.PIPE, text=True)
    stored = committed_batches(victim, 3)
    os.killpg(victim.pid, signal.SIGKILL)  # after the third batch is committed: mid-run, deterministically
    victim.wait()
    assert len(stored) == 3 and "(12 this run)" in stored[-1]
    rerun = subprocess.run([*cmd, "--out", str(tmp_path / "killed")], check=True, timeout=600,
                           capture_output=True, text=True)
    assert "(48 this run)" in rerun.stderr  # the 12 stored before the kill are not redone
    clean_docs, clean_events = records(tmp_path / "clean")
    docs, events = records(tmp_path / "killed")
    assert docs == clean_docs
    assert events == clean_events
    assert len({e["id"] for e in events}) == len(events)


def test_pipeline_cli_help_and_version():
    assert "run" in subprocess.run([*CASUS, "--help"], capture_output=True, text=True, check=True).stdout
    version = subprocess.run([*CASUS, "--version"], capture_output=True, text=True, check=True).stdout
    assert version.startswith("casus, version ")


def test_pipeline_cli_missing_corpus_is_a_usage_error(tmp_path):
    done = subprocess.run([*CASUS, "run", str(tmp_path / "nope"), "--out", str(tmp_path / "o")],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert "no such corpus" in done.stderr


def test_pipeline_outputs_describe_stored_documents(tmp_path, nlp):
    corpus = write_corpus(tmp_path / "c", 3)
    db = tmp_path / "shared.duckdb"
    run([corpus], db, Settings(), nlp=nlp)
    out = tmp_path / "second"
    write_outputs(out, run([corpus], db, Settings(), nlp=nlp))
    assert len(read_jsonl(out / "documents.jsonl")) == 3
    assert json.loads((out / "documents.jsonl").read_text().splitlines()[0])["doc_id"] == "report_000"
