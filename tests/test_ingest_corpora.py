"""Real corpora under ../shared, the manifest, and doc_id rules across corpora."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from casus.ingest import read_corpora
from casus.records import Document, InputError
from casus.settings import Settings
from conftest import shared_path


def read(*corpora: Path) -> tuple[list[Document], list[InputError]]:
    items = list(read_corpora(list(corpora), Settings()))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, InputError)]


# --------------------------------------------------------------------------- ../shared


def test_ingest_bbc_corpus_gives_all_2225_articles():
    docs, errors = read(shared_path("corpora", "bbc_news_2225", "articles"))
    assert errors == []
    assert len(docs) == 2225
    assert Counter(d.doc_id.split("/")[0] for d in docs) == {
        "business": 510, "entertainment": 386, "politics": 417, "sport": 511, "tech": 401}
    first = docs[0]
    assert (first.doc_id, first.path, first.fmt) == ("business/001", "business/001.txt", "txt")
    assert first.text.startswith("Ad sales boost Time Warner profit\n\n")
    assert len({d.doc_id for d in docs}) == 2225
    assert [d.doc_id for d in docs] == sorted(d.doc_id for d in docs)


def test_ingest_guardian_csv_dates_come_from_its_date_column():
    path = shared_path("corpora", "guardian_2019_world_sample", "Guardian_SDF_sample.csv")
    docs, errors = read(path)
    assert errors == []
    assert len(docs) == 249
    assert docs[0].doc_id == "Guardian_SDF_sample#1" and docs[-1].doc_id == "Guardian_SDF_sample#249"
    assert {d.published.basis for d in docs} == {"metadata"}
    dates = sorted(d.published.date for d in docs)
    assert (dates[0], dates[-1]) == ("2017-08-06", "2019-04-10")
    assert docs[0].published.date == "2019-04-10"
    assert {d.outlet for d in docs} == {"Guardian"}
    assert docs[0].text.startswith("Baghdad and Washington are in talks")


def test_ingest_seeds_take_their_dates_and_outlet_from_the_manifest():
    docs, _ = read(shared_path("seeds"))
    by_id = {d.doc_id: d for d in docs}
    assert sorted(by_id) == ["000_c0ff3ef44d43a569", "001_65038b45502a56eb", "002_c792ef4a2a4e1e8e"]
    sputnik = by_id["001_65038b45502a56eb"]
    assert (sputnik.published.date, sputnik.published.basis) == ("2019-02-26", "manifest")
    assert sputnik.outlet == "Sputnik"
    assert sputnik.url == "https://sputnikglobe.com/20190226/venezuela-us-spy-plane-president-maduro-1072761744.html"
    assert sputnik.language == "en"
    assert by_id["000_c0ff3ef44d43a569"].published.date == "2025-10-31"
    assert by_id["002_c792ef4a2a4e1e8e"].published.date == "2025-11-01"
    raw = (shared_path("seeds") / "001_65038b45502a56eb.txt").read_bytes().decode("utf-8-sig")
    assert sputnik.text == raw


# --------------------------------------------------------------------------- manifest


ARTICLE = "Naval units left Puerto Cabello on Sunday, according to port officials."


def test_ingest_manifest_wins_over_document_metadata(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": ARTICLE, "date": "2018-01-01", "outlet": "Own"}) + "\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(ARTICLE)
    (tmp_path / "c.txt").write_text(ARTICLE)
    (tmp_path / "manifest.csv").write_text(
        "path,published,outlet,url,title,language\n"
        "a.jsonl,26/02/2019,Manifest Wire,,,\n"
        "sub/b.txt,2019-02-27,,https://m.example/b,Bee,EN-us\n"
        "../outside.txt,2019-01-01,,,,\n"
        "/etc/passwd,,,,,\n"
        "c.txt,not a date,Sea,,,\n"
    )
    docs, errors = read(tmp_path)
    by_id = {d.doc_id: d for d in docs}
    assert sorted(by_id) == ["a#1", "c", "sub/b"]  # manifest.csv itself is not a document
    a = by_id["a#1"]
    assert (a.published.date, a.published.basis, a.outlet) == ("2019-02-26", "manifest", "Manifest Wire")
    b = by_id["sub/b"]
    assert (b.published.date, b.url, b.title, b.language) == ("2019-02-27", "https://m.example/b", "Bee", "en")
    assert (by_id["c"].outlet, by_id["c"].published) == ("Sea", None)
    messages = sorted(e.error for e in errors)
    assert messages == [
        "manifest row 4: manifest path '../outside.txt' points outside the corpus directory",
        "manifest row 5: manifest path '/etc/passwd' points outside the corpus directory",
        "manifest row 6: unrecognised date 'not a date'",
    ]
    assert {e.path for e in errors} == {str(tmp_path / "manifest.csv")}


def test_ingest_manifest_in_parent_applies_to_a_file_corpus(tmp_path):
    (tmp_path / "x.txt").write_text(ARTICLE)
    (tmp_path / "manifest.csv").write_text("path,published\nx.txt,2019-02-26\nmissing.txt,2019-02-26\n")
    docs, errors = read(tmp_path / "x.txt")
    assert docs[0].published.date == "2019-02-26" and errors == []


def test_ingest_manifest_row_for_a_missing_file_is_reported(tmp_path):
    (tmp_path / "x.txt").write_text(ARTICLE)
    (tmp_path / "manifest.csv").write_text("path,published\nx.txt,2019-02-26\nmissing.txt,2019-02-26\n")
    _, errors = read(tmp_path)
    assert [e.error for e in errors] == ["manifest row 3: no such file 'missing.txt'"]


# --------------------------------------------------------------------------- doc ids across corpora


def test_ingest_same_doc_id_in_two_corpora_is_prefixed_by_the_pipeline(tmp_path):
    pipeline = pytest.importorskip("casus.pipeline")
    for name in ("alpha", "beta"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "report.txt").write_text(f"{ARTICLE} ({name})")
    items = list(pipeline.unique_doc_ids(read_corpora([tmp_path / "alpha", tmp_path / "beta"], Settings())))
    assert [(i.doc_id, i.corpus) for i in items] == [
        ("report", str(tmp_path / "alpha")), ("beta/report", str(tmp_path / "beta"))]


def test_ingest_ids_are_stable_when_a_record_breaks(tmp_path):
    (tmp_path / "f.jsonl").write_text(f'{{"text": "{ARTICLE}"}}\n{{broken\n\n{{"text": "{ARTICLE} 3"}}\n')
    docs, errors = read(tmp_path)
    assert [d.doc_id for d in docs] == ["f#1", "f#3"]
    assert errors[0].error.startswith("record 2 (line 2): not valid JSON:")


def test_ingest_corpus_notes_are_not_articles(tmp_path):
    """A README.md or SOURCE.md beside the articles is the corpus's own note: skipped, not an error."""
    from casus.ingest import read_corpora
    from casus.records import Document, InputError
    from casus.settings import Settings

    (tmp_path / "SOURCE.md").write_text("# Where these came from\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Troops crossed the border on Monday.\n", encoding="utf-8")
    items = list(read_corpora([tmp_path], Settings()))
    assert [i.doc_id for i in items if isinstance(i, Document)] == ["a"]
    assert [i for i in items if isinstance(i, InputError)] == []
