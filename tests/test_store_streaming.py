"""Scale mechanics of the store and the outputs: vectorised writes that keep the JSON blob and its
columns in step, outputs streamed from the store, the report's cap, and the worker's frozen heap."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from casus.errors import StoreUnavailable
from casus.link.tables import TABLE_NAMES
from casus.pipeline import run
from casus.present import outputs, write_outputs
from casus.present.payload import LINK_TABLE_NAMES, report_payload
from casus.records import DocumentHead
from casus.settings import Settings
from casus.store import JsonRow, Store, StoredRecords, row_json
from tests.conftest import read_jsonl, shared_path

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


def _report_data(out) -> dict:
    html = (out / "report.html").read_text(encoding="utf-8")
    return json.loads(html.split('<script type="application/json" id="casus-data">', 1)[1].split("</script>", 1)[0])


def test_present_report_from_the_store_equals_one_encoded_from_the_records(corpus_run, tmp_path):
    """The run's report splices the stored event and row texts and counts the events in SQL: it
    reads back as the payload made from the decoded records, counts included."""
    _, result = corpus_run
    write_outputs(tmp_path, result)
    events = [e.to_json() for e in result.events]
    tables = {name: getattr(result.links, name) for name in LINK_TABLE_NAMES}
    expected = report_payload([d.to_json() for d in result.documents], events,
                              [e.to_json() for e in result.errors], tables, result.observations)
    data = _report_data(tmp_path)
    assert data == json.loads(json.dumps(expected))
    assert data["summary"]["events"] == len(events) >= 4
    assert data["summary"]["clusters"] == len({e["cluster"] for e in events}) < len(events)
    dates = [e["date"]["start"] for e in events if e["date"] and e["date"]["start"]]
    assert data["summary"]["first_date"] == (min(dates) if dates else None)


def test_store_link_rows_keep_their_stored_text(corpus_run, tmp_path):
    """A re-run links nothing new: its rows come from the store with their text, and are written
    back and out as that text, to the same files."""
    db, result = corpus_run
    write_outputs(tmp_path / "first", result)
    with Store(db, read_only=True) as store:
        rows = store.link_table("clusters")
        texts = [t for (t,) in store.con.execute("SELECT row FROM link_tables WHERE name = 'clusters' ORDER BY sort"
                                                  ).fetchall()]
    assert rows and all(type(r) is JsonRow for r in rows)
    assert [row_json(r) for r in rows] == texts
    assert [json.loads(t) for t in texts] == rows
    copy = JsonRow(rows[0])  # made like a dict: no text of its own, encoded
    assert copy.text is None and row_json(copy) == json.dumps(rows[0], ensure_ascii=False)
    again = run([db.parent / "corpus"], db, Settings(batch_size=2))
    assert again.processed == 0 and type(again.links.clusters[0]) is JsonRow
    write_outputs(tmp_path / "again", again)
    for name in ("clusters.jsonl", "timeline.jsonl", "escalation.csv", "events.jsonl"):
        assert (tmp_path / "again" / name).read_bytes() == (tmp_path / "first" / name).read_bytes()
    assert _report_data(tmp_path / "again") == _report_data(tmp_path / "first")


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


def test_store_link_tables_after_an_add_equal_a_run_from_scratch(tmp_path, nlp, monkeypatch):
    """An add rewrites only the rows of the clusters it touched and the escalation rows of their dyads;
    what the store then holds, and the files written from it, are what linking from scratch gives.
    The added report (written for this test) joins a cluster of the seeds, so one old cluster's rows
    are replaced and its dyad's escalation rows recomputed."""
    seeds = shared_path("seeds")
    more = tmp_path / "more"
    more.mkdir()
    (more / "added.txt").write_text("Russia delivered military aid to Venezuela on 26 October 2025, Russian "
                                    "officials said, expanding its cooperation with Caracas.\n", encoding="utf-8")
    db = tmp_path / "store.duckdb"
    run([seeds], db, Settings(), nlp=nlp)
    written: list[tuple[dict, dict]] = []
    write_links = Store.write_links
    monkeypatch.setattr(Store, "write_links", lambda self, d, c, rows, drop: (
        written.append((rows, drop)), write_links(self, d, c, rows, drop))[-1])
    added = run([seeds, more], db, Settings(), nlp=nlp)
    [(rows, drop)] = written
    monkeypatch.undo()
    scratch = run([seeds, more], tmp_path / "scratch.duckdb", Settings(), nlp=nlp)
    assert added.processed == 1 and scratch.processed == 4
    assert len(drop["clusters"]) == 1 and len(drop["escalation"]) == 1  # keys, not None (all rows)
    assert len(rows["clusters"]) == 2 < len(added.links.clusters)  # the joined cluster and the new one
    assert 0 < len(rows["escalation"]) < len(added.links.escalation)
    for name in TABLE_NAMES:
        assert list(getattr(added.links, name)) == list(getattr(scratch.links, name)), name
    write_outputs(tmp_path / "added", added)
    write_outputs(tmp_path / "scratch", scratch)
    for name in ("clusters.jsonl", "contradictions.jsonl", "timeline.jsonl", "escalation.csv"):
        assert (tmp_path / "added" / name).read_bytes() == (tmp_path / "scratch" / name).read_bytes(), name




def test_store_from_before_keyed_link_rows_is_linked_again(corpus_run, tmp_path, nlp):
    """A store whose link tables are of the old shape (rows numbered, not keyed) has them dropped
    when opened for writing, and the next run links it from scratch to the same tables."""
    db, result = corpus_run
    copy = tmp_path / "store.duckdb"
    copy.write_bytes(db.read_bytes())
    with Store(copy) as store:
        store.con.execute("DROP TABLE link_tables; CREATE TABLE link_tables (name VARCHAR, n INTEGER, row JSON); "
                          "INSERT INTO link_tables VALUES ('clusters', 0, '{\"cluster\": \"old\"}')")
    with pytest.raises(StoreUnavailable, match=r"older Casus wrote its link tables.*casus run"):
        Store(copy, read_only=True)  # a reader cannot bring it up to date: it says how
    with Store(copy) as store:
        assert store.get_meta("links_state") is None and store.link_count("clusters") == 0
    again = run([db.parent / "corpus"], copy, Settings(batch_size=2), nlp=nlp)
    assert again.processed == 0
    for name in TABLE_NAMES:
        assert list(getattr(again.links, name)) == list(getattr(result.links, name)), name
    assert len(again.links.clusters) == 6


def test_store_document_heads_are_the_documents_without_their_text(seeds_out):
    """What linking reads of every stored document at an add, read by DuckDB from the stored JSON."""
    with Store(seeds_out / "casus.duckdb", read_only=True) as store:
        heads, docs = store.document_heads(), store.documents()
    assert heads == [DocumentHead(d.doc_id, d.sha256, d.outlet, d.url, d.published, d.fmt) for d in docs]
    assert len(heads) == 3 and all(h.published for h in heads) and any(h.outlet for h in heads)
