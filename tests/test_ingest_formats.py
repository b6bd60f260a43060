"""Each input format, written by the test in tmp_path: text, ids and metadata come out as the contract says."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from casus.ingest import read_corpora
from casus.records import Document, InputError
from casus.settings import Settings

ARTICLE = "Venezuelan troops moved to the Colombian border on Monday, the defence ministry said."
SECOND = "The foreign minister rejected the claim in a televised address on Tuesday."


def read(*corpora: Path, settings: Settings | None = None) -> tuple[list[Document], list[InputError]]:
    items = list(read_corpora(list(corpora), settings or Settings()))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, InputError)]


def page(body: str, head: str = "", lang: str = "en") -> str:
    return f"<!DOCTYPE html><html lang=\"{lang}\"><head>{head}</head><body>{body}</body></html>"


NEWS_HEAD = (
    "<title>Border tension | Caracas Wire</title>"
    "<meta property=\"og:site_name\" content=\"Caracas Wire\">"
    "<meta property=\"article:published_time\" content=\"2019-02-26T23:30:00-05:00\">"
    "<link rel=\"canonical\" href=\"https://wire.example/2019/02/26/border\">"
)
NEWS_BODY = (
    "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Border tension</h1>"
    f"<p>{ARTICLE}</p><p>{SECOND}</p></article><script>var tracking = 1;</script>"
)


# --------------------------------------------------------------------------- txt


def test_ingest_txt_text_is_the_decoded_file_unchanged(tmp_path):
    raw = f"\ufeff{ARTICLE}\r\n\r\n{SECOND}\n\n\n"
    (tmp_path / "a.txt").write_bytes(raw.encode("utf-8"))
    docs, errors = read(tmp_path)
    assert errors == []
    assert docs[0].text == raw[1:]  # BOM removed, \r\n and trailing blank lines kept
    assert (docs[0].doc_id, docs[0].path, docs[0].fmt) == ("a", "a.txt", "txt")
    assert docs[0].corpus == str(tmp_path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-16-le", "cp1252"])
def test_ingest_txt_other_encodings_decode_to_the_same_text(tmp_path, encoding):
    text = "El ministro de Defensa dijo que las tropas «no cruzarán» la frontera – según él."
    (tmp_path / "es.txt").write_bytes(text.encode(encoding))
    docs, errors = read(tmp_path)
    assert errors == []
    assert docs[0].text == text


def test_ingest_txt_gzip_has_the_same_id_without_gz(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt.gz").write_bytes(gzip.compress(ARTICLE.encode()))
    docs, errors = read(tmp_path)
    assert errors == []
    assert (docs[0].doc_id, docs[0].path, docs[0].text) == ("sub/b", "sub/b.txt.gz", ARTICLE)


# --------------------------------------------------------------------------- html


def test_ingest_html_extracts_article_text_and_metadata(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "border.html").write_text(page(NEWS_BODY, NEWS_HEAD, "es-VE"), encoding="utf-8")
    docs, errors = read(tmp_path)
    assert errors == []
    doc = docs[0]
    assert (doc.doc_id, doc.path, doc.fmt) == ("news/border", "news/border.html", "html")
    assert ARTICLE in doc.text and SECOND in doc.text
    assert "tracking" not in doc.text
    assert doc.title == "Border tension"
    assert doc.outlet == "Caracas Wire"
    assert doc.url == "https://wire.example/2019/02/26/border"
    assert doc.language == "es"
    assert doc.published is not None and doc.published.basis == "metadata"
    assert doc.published.date == "2019-02-26"


def test_ingest_html_gz_and_htm_and_declared_latin1(tmp_path):
    body = "<article><p>Le ministre a déclaré que les troupes resteraient à Cúcuta.</p></article>"
    html = page(body, "<meta charset=\"iso-8859-1\">", "fr").encode("latin-1")
    (tmp_path / "a.htm").write_bytes(html)
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(html))
    docs, errors = read(tmp_path)
    assert errors == []
    assert [d.doc_id for d in docs] == ["a", "b"]
    assert all("déclaré que les troupes resteraient à Cúcuta" in d.text for d in docs)
    assert all(d.language == "fr" for d in docs)


# --------------------------------------------------------------------------- csv / json / jsonl / parquet


def test_ingest_csv_rows_with_case_insensitive_fields(tmp_path):
    rows = (
        "ID,Headline,TITLE,Body,Pubdate,Source,Link,Lang\n"
        f"7,ignored,Border,\"{ARTICLE}\",26/02/2019,Caracas Wire,https://w.example/1,en-GB\n"
        "\n"
        f"8,,Reply,\"{SECOND}\nSecond paragraph, with a comma.\",\"Tue, 26 Feb 2019 10:00:00 GMT\",,,\n"
    )
    (tmp_path / "wire.csv").write_text(rows, encoding="utf-8")
    docs, errors = read(tmp_path)
    assert errors == []
    assert [d.doc_id for d in docs] == ["wire#1", "wire#2"]
    first, second = docs
    assert (first.title, first.text, first.outlet, first.url, first.language) == (
        "Border", ARTICLE, "Caracas Wire", "https://w.example/1", "en")
    assert first.published.date == "2019-02-26" and first.published.basis == "metadata"
    assert second.text == f"{SECOND}\nSecond paragraph, with a comma."
    assert second.published.date == "2019-02-26"
    assert (first.fmt, first.path) == ("csv", "wire.csv")


def test_ingest_csv_semicolon_delimiter_and_ragged_short_rows(tmp_path):
    (tmp_path / "semi.csv").write_text(f"text;date;outlet\n{ARTICLE};2019-02-26\n{SECOND}\n", encoding="utf-8")
    docs, errors = read(tmp_path)
    assert errors == []
    assert [d.text for d in docs] == [ARTICLE, SECOND]
    assert docs[0].published.date == "2019-02-26" and docs[1].published is None


def test_ingest_jsonl_one_document_per_line(tmp_path):
    lines = [
        {"Title": "Border", "Content": ARTICLE, "datetime": "2019-02-26T10:00:00Z", "publication": "Wire"},
        {"text": SECOND, "published": 1551175200, "url": "https://w.example/2"},
        {"html": page(f"<article><p>{ARTICLE}</p></article>", "<title>From html</title>")},
    ]
    (tmp_path / "feed.jsonl.gz").write_bytes(gzip.compress("\n".join(map(json.dumps, lines)).encode()))
    docs, errors = read(tmp_path)
    assert errors == []
    assert [d.doc_id for d in docs] == ["feed#1", "feed#2", "feed#3"]
    assert (docs[0].title, docs[0].text, docs[0].outlet, docs[0].published.date) == (
        "Border", ARTICLE, "Wire", "2019-02-26")
    assert docs[1].published.date == "2019-02-26"
    assert docs[2].text == ARTICLE and docs[2].title == "From html"
    assert docs[0].path == "feed.jsonl.gz"


def test_ingest_json_array_object_and_wrapped_array(tmp_path):
    (tmp_path / "array.json").write_text(json.dumps([{"text": ARTICLE}, {"body": SECOND}]), encoding="utf-8")
    (tmp_path / "one.json").write_text(json.dumps({"article": ARTICLE, "date": "26 February 2019"}), "utf-8")
    (tmp_path / "wrapped.json").write_text(json.dumps({"count": 1, "articles": [{"full_text": SECOND}]}), "utf-8")
    docs, errors = read(tmp_path)
    assert errors == []
    assert [(d.doc_id, d.text) for d in docs] == [
        ("array#1", ARTICLE), ("array#2", SECOND), ("one", ARTICLE), ("wrapped#1", SECOND)]
    assert docs[2].published.date == "2019-02-26"


def test_ingest_parquet_rows(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    table = pa.table({"text": [ARTICLE, SECOND], "title": ["One", "Two"], "date": ["2019-02-26", "2019-02-27"]})
    pq.write_table(table, tmp_path / "articles.parquet")
    docs, errors = read(tmp_path)
    assert errors == []
    assert [(d.doc_id, d.title, d.published.date, d.fmt) for d in docs] == [
        ("articles#1", "One", "2019-02-26", "parquet"), ("articles#2", "Two", "2019-02-27", "parquet")]


# --------------------------------------------------------------------------- trajectories


def test_ingest_trajectory_files_go_to_the_tracks_reader(tmp_path, monkeypatch):
    import types

    calls: list[tuple[str, str, str]] = []

    def read_track(path, doc_id, rel_path, corpus, settings):
        calls.append((Path(path).name, doc_id, rel_path))
        return Document(doc_id=doc_id, path=rel_path, text="take-off at 10:00\n", corpus=corpus, fmt="track")

    monkeypatch.setitem(__import__("sys").modules, "casus.tracks", types.SimpleNamespace(read_track=read_track))
    (tmp_path / "f.csv").write_text("icao24,timestamp,Latitude,longitude\nabc123,1551175200,10.5,-66.9\n")
    (tmp_path / "g.jsonl").write_text(json.dumps({"icao24": "abc123", "latitude": 1, "longitude": 2}) + "\n")
    (tmp_path / "h.json").write_text(json.dumps({"icao24": "abc123", "path": [[1551175200, 10.5, -66.9]]}))
    docs, errors = read(tmp_path)
    assert errors == []
    assert calls == [("f.csv", "f", "f.csv"), ("g.jsonl", "g", "g.jsonl"), ("h.json", "h", "h.json")]
    assert [d.fmt for d in docs] == ["track"] * 3


def test_ingest_trajectory_without_tracks_module_is_a_clear_error(tmp_path, monkeypatch):
    import types

    monkeypatch.setitem(__import__("sys").modules, "casus.tracks", types.SimpleNamespace())
    (tmp_path / "f.csv").write_text("icao24,latitude,longitude\nabc123,10.5,-66.9\n")
    docs, errors = read(tmp_path)
    assert docs == []
    assert [e.error for e in errors] == ["trajectory input: install casus[tracks]"]


# --------------------------------------------------------------------------- feeds


RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>World Wire</title><language>en-gb</language><link>https://w.example</link>
<item><title>Ships sail</title><link>https://w.example/1</link><pubDate>Tue, 26 Feb 2019 10:00:00 GMT</pubDate>
<description>&lt;p&gt;{ARTICLE}&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;&lt;p&gt;{SECOND}&lt;/p&gt;</description></item>
<item><title>No body</title><link>https://w.example/2</link></item>
<item><title>Plain</title><description>{SECOND}</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:x</id>
<entry><title>Talks</title><link href="https://a.example/t"/><id>urn:1</id>
<published>2019-02-26T23:30:00-05:00</published><updated>2019-02-27T01:00:00Z</updated>
<content type="html">&lt;p&gt;{ARTICLE}&lt;/p&gt;</content><summary>short</summary></entry></feed>"""


def test_ingest_rss_items_become_documents(tmp_path):
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    docs, errors = read(tmp_path)
    assert [d.doc_id for d in docs] == ["wire#1", "wire#3"]
    assert docs[0].text == f"{ARTICLE}\n{SECOND}"
    assert (docs[0].title, docs[0].url, docs[0].outlet, docs[0].language, docs[0].fmt) == (
        "Ships sail", "https://w.example/1", "World Wire", "en", "feed")
    assert docs[0].published.date == "2019-02-26"
    assert docs[1].text == SECOND
    assert len(errors) == 1 and errors[0].error.startswith("record 2: empty document")


def test_ingest_atom_entry_keeps_the_local_publication_date(tmp_path):
    (tmp_path / "desk.atom.gz").write_bytes(gzip.compress(ATOM.encode()))
    (tmp_path / "desk2.xml").write_text(ATOM, encoding="utf-8")
    docs, errors = read(tmp_path)
    assert errors == []
    assert [d.doc_id for d in docs] == ["desk#1", "desk2#1"]
    assert docs[0].text == ARTICLE  # the fuller content, not the summary
    assert docs[0].published.date == "2019-02-26"  # as written, not shifted to UTC
    assert (docs[0].url, docs[0].outlet) == ("https://a.example/t", "Atom Desk")


# --------------------------------------------------------------------------- warc


def write_warc(records: list[tuple[str, str, bytes]], compress: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for url, content_type, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    writer.write_record(writer.create_warc_record("https://x.example/", "request", payload=io.BytesIO(b"GET /")))
    return buffer.getvalue()


WARC_RECORDS = [
    ("https://w.example/a", "text/html; charset=utf-8", page(NEWS_BODY, NEWS_HEAD).encode()),
    ("https://w.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
    ("https://w.example/b.txt", "text/plain", SECOND.encode()),
]


@pytest.mark.parametrize(("name", "compress"), [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_ingest_warc_one_document_per_html_or_text_response(tmp_path, name, compress):
    (tmp_path / name).write_bytes(write_warc(WARC_RECORDS, compress))
    docs, errors = read(tmp_path)
    assert errors == []
    assert [d.doc_id for d in docs] == ["crawl#1", "crawl#2"]
    assert ARTICLE in docs[0].text and docs[0].url == "https://wire.example/2019/02/26/border"
    assert docs[0].published.date == "2019-02-26"
    assert (docs[1].text, docs[1].url, docs[1].fmt) == (SECOND, "https://w.example/b.txt", "warc")


# --------------------------------------------------------------------------- walking


def test_ingest_walk_is_sorted_and_skips_hidden_files(tmp_path):
    for rel in ["b/z.txt", "a.txt", "b/a.txt", "c.txt", ".hidden/x.txt", "b/.DS_Store", ".notes.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(f"{ARTICLE} ({rel})")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    docs, errors = read(tmp_path)
    assert [d.doc_id for d in docs] == ["a", "b/a", "b/z", "c"]
    assert [(Path(e.path).name, e.error) for e in errors] == [("notes.docx", "unsupported file type '.docx'")]


def test_ingest_corpus_given_as_a_file_uses_its_parent_as_base(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "one.txt").write_text(ARTICLE)
    docs, _ = read(tmp_path / "d" / "one.txt")
    assert (docs[0].doc_id, docs[0].path, docs[0].corpus) == ("one", "one.txt", str(tmp_path / "d"))


def test_ingest_missing_corpus_is_an_error(tmp_path):
    docs, errors = read(tmp_path / "nope")
    assert docs == [] and errors[0].error.startswith("no such corpus")


def test_ingest_json_lines_under_a_json_name_are_read_as_lines(tmp_path):
    (tmp_path / "lines.json").write_text(json.dumps({"text": ARTICLE}) + "\n" + json.dumps({"text": SECOND}) + "\n")
    (tmp_path / "scalar.json").write_text('"just a string"')
    docs, errors = read(tmp_path)
    assert [(d.doc_id, d.text) for d in docs] == [("lines#1", ARTICLE), ("lines#2", SECOND)]
    assert [e.error for e in errors] == ["not valid JSON: expected an article object or an array"]


def test_ingest_symlinks_are_read_when_following_is_on(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text(ARTICLE)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "linked").symlink_to(tmp_path / "real")
    (corpus / "b.txt").symlink_to(tmp_path / "real" / "a.txt")
    docs, errors = read(corpus, settings=Settings(follow_symlinks=True))
    assert errors == []
    assert [(d.doc_id, d.text) for d in docs] == [("b", ARTICLE), ("linked/a", ARTICLE)]
    docs, errors = read(corpus)
    assert docs == [] and [e.error for e in errors] == ["symbolic link not followed (follow_symlinks is off)"] * 2


def test_ingest_parquet_trajectory_is_detected_by_its_columns(tmp_path, monkeypatch):
    pa = pytest.importorskip("pyarrow")
    import sys
    import types

    import pyarrow.parquet as pq

    seen: list[str] = []
    monkeypatch.setitem(sys.modules, "casus.tracks", types.SimpleNamespace(
        read_track=lambda path, doc_id, rel, corpus, settings: seen.append(doc_id) or InputError(str(path), "x")))
    pq.write_table(pa.table({"ICAO24": ["abc123"], "latitude": [10.5], "longitude": [-66.9]}),
                   tmp_path / "flight.parquet")
    read(tmp_path)
    assert seen == ["flight"]


def test_ingest_trajectory_csv_end_to_end_with_the_tracks_package(tmp_path):
    tracks = pytest.importorskip("casus.tracks")
    if not callable(getattr(tracks, "read_track", None)):
        pytest.skip("casus.tracks has no read_track yet")
    rows = ["icao24,callsign,timestamp,latitude,longitude,altitude,groundspeed,track,vertical_rate,onground"]
    rows += [f"ae1234,JAKE21,{1551175200 + 30 * i},{12 + 0.01 * i:.2f},{-67 + 0.02 * i:.2f},9000,420,80,0,False"
             for i in range(120)]
    (tmp_path / "flights").mkdir()
    (tmp_path / "flights" / "jake.csv.gz").write_bytes(gzip.compress("\n".join(rows).encode()))
    (tmp_path / "note.txt").write_text(ARTICLE)
    docs, errors = read(tmp_path)
    assert errors == []
    track = next(d for d in docs if d.fmt == "track")
    assert (track.doc_id, track.path) == ("flights/jake", "flights/jake.csv.gz")
    assert "ae1234" in track.text
    assert [d.doc_id for d in docs] == ["flights/jake", "note"]
