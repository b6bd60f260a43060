"""Scale mechanics of the store and the outputs: vectorised writes that keep the JSON blob and its
columns in step, outputs streamed from the store, the report's cap, and the worker's frozen heap."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from casus.pipeline import run
from casus.present import outputs, write_outputs
from casus.settings import Settings
from casus.store import Store, StoredRecords
from tests.conftest import read_jsonl

REPORTS = [
    "Troops of Ruritania shelled the port of Odesa on Monday, killing 12 civilians, officials said.",
    "Ruritanian artillery shelled Odesa on Monday and killed 12 civilians, the regional governor said.",
    "Protesters marched in Rabat on Tuesday against rising bread prices.",
    "The government of Japan imposed sanctions on two Iranian banks on Friday.",
    "Police arrested 40 demonstrators in Nairobi on Wednesday, witnesses said.",
]


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory, nlp):
    root = tmp_path_factory.mktemp("streaming")
    corpus = root / "corpus"
    corpus.mkdir()
    for i, text in enumerate(REPORTS):
        (corpus / f"r{i}.txt").write_text(text + "\n", encoding="utf-8")
    db = root / "store.duckdb"
    return db, run([corpus], db, Settings(batch_size=2), nlp=nlp)


def test_store_blob_and_columns_agree_after_linking(corpus_run):
    db, _ = corpus_run
    with Store(db, read_only=True) as store:
        events = store.con.execute("SELECT id, cluster, event FROM events").fetchall()
        docs = store.con.execute("SELECT doc_id, duplicate_of, doc FROM documents").fetchall()
    assert len(events) >= 4
    assert all(json.loads(blob)["cluster"] == cluster for _, cluster, blob in events)
    assert all(json.loads(blob)["duplicate_of"] == dup for _, dup, blob in docs)
    clusters = [c for _, c, _ in events]
    assert all(clusters) and len(set(clusters)) < len(clusters)  # the two Odesa reports share one


def test_store_streams_in_chunks_in_the_same_order(corpus_run):
    db, _ = corpus_run
    with Store(db, read_only=True) as store:
        whole = [e.to_json() for e in store.events()]
        chunked = [e.to_json() for e in store.iter_events(chunk=1)]
        some = [d.doc_id for d in store.iter_documents(["r3", "r1"], chunk=1)]
        assert chunked == whole
        assert [e["doc_id"] for e in whole] == sorted(e["doc_id"] for e in whole)
        assert some == ["r1", "r3"]
        assert store.count("events", ["r2"]) == sum(1 for e in whole if e["doc_id"] == "r2")


def test_store_run_result_reads_the_store_lazily(corpus_run):
    _, result = corpus_run
    assert isinstance(result.documents, StoredRecords)
    assert len(result.documents) == len(REPORTS)
    assert [d.doc_id for d in result.documents] == [f"r{i}" for i in range(len(REPORTS))]
    assert result.documents[2].text == REPORTS[2] + "\n"
    assert result.events[:] == list(result.events)


def test_store_unknown_record_kind_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown record kind"):
        StoredRecords(tmp_path / "x.duckdb", [], "clusters")


def test_present_report_embeds_the_first_events_and_counts_all(corpus_run, tmp_path, monkeypatch):
    _, result = corpus_run
    monkeypatch.setattr(outputs, "REPORT_MAX_EVENTS", 2)
    monkeypatch.setattr(outputs, "REPORT_MAX_DOCUMENTS", 0)
    write_outputs(tmp_path, result)
    events = read_jsonl(tmp_path / "events.jsonl")
    assert len(events) == len(result.events) > 2
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    data = json.loads(html.split('<script type="application/json" id="casus-data">', 1)[1].split("</script>", 1)[0])
    assert [e["id"] for e in data["events"]] == [e["id"] for e in events[:2]]
    assert set(data["documents"]) == {e["doc_id"] for e in events[:2]}
    assert data["summary"]["events"] == len(events)
    assert data["summary"]["documents"] == len(REPORTS)
    assert not list(tmp_path.glob(".*.tmp"))


def test_present_failed_output_leaves_no_temporary_file(tmp_path):
    with pytest.raises(RuntimeError), outputs.atomic_file(tmp_path / "x.jsonl") as f:
        f.write("half")
        raise RuntimeError("disk full")
    assert list(tmp_path.iterdir()) == []


def test_executors_worker_freezes_its_warm_heap():
    code = ("import gc; from casus.executors import worker_pipeline; worker_pipeline(); "
            "print(gc.get_freeze_count())")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.split()[-1]) > 100_000  # the model, vocabularies and gazetteers
    assert "leaked" not in done.stderr
