"""Hostile inputs, generated in tmp_path (never stored): each class gives exactly its InputError(s)
(path + reason), the good file beside it is still read, and nothing raises.

One row of ``CASES`` per class; ``build`` writes the hostile file(s) into a corpus that already holds
``good.txt``. ``errors`` are (file name, reason substring) in walk order, ``texts`` the exact texts
of the documents the hostile files still give.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import tracemalloc
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from casus.ingest import read_corpora
from casus.records import Document, InputError
from casus.settings import Settings

GOOD = "Coast guard vessels intercepted two boats near Aruba on Friday, officials said.\n"
ARTICLE = "Troops were deployed to the border crossing at dawn, the governor said."
MB = 1 << 20


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], None]
    errors: tuple[tuple[str, str], ...] = ()
    texts: tuple[str, ...] = ()
    settings: Settings = field(default_factory=Settings)
    unopened: str | None = None  # a file that must be refused without being opened
    peak_mb: int | None = None  # bound on memory allocated while reading
    min_docs: int | None = None  # instead of exact texts: at least this many documents before the error
    patch: Callable[[pytest.MonkeyPatch], None] | None = None  # simulate what root in a test cannot


def write(name: str, data: bytes | str) -> Callable[[Path], None]:
    def build(corpus: Path) -> None:
        (corpus / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return build


def both(*builders: Callable[[Path], None]) -> Callable[[Path], None]:
    def build(corpus: Path) -> None:
        for builder in builders:
            builder(corpus)
    return build


# --------------------------------------------------------------------------- generators


def sparse(name: str, size: int) -> Callable[[Path], None]:
    def build(corpus: Path) -> None:
        with (corpus / name).open("wb") as f:
            f.truncate(size)
    return build


def bomb_member() -> bytes:
    return gzip.compress(bytes(16 * MB), compresslevel=9, mtime=0)


def gzip_bomb(name: str) -> Callable[[Path], None]:
    """1 GiB of zeros as 64 gzip members of 16 MiB each, ~1 MB on disk, written a member at a time."""
    def build(corpus: Path) -> None:
        member = bomb_member()
        with (corpus / name).open("wb") as f:
            for _ in range(64):
                f.write(member)
    return build


def truncated_gzip_jsonl(corpus: Path) -> None:
    lines = "".join(json.dumps({"text": f"{ARTICLE} {i}"}) + "\n" for i in range(400))
    data = gzip.compress(lines.encode(), compresslevel=1)
    (corpus / "cut.jsonl.gz").write_bytes(data[: len(data) * 3 // 4])


def huge_csv_field(corpus: Path) -> None:
    with (corpus / "huge.csv").open("wb") as f:
        f.write(b"title,text\nfirst,")
        chunk = b"x" * MB
        for _ in range(100):
            f.write(chunk)
        f.write(f"\nsecond,\"{ARTICLE}\"\n".encode())


def huge_multiline_csv_field(corpus: Path) -> None:
    with (corpus / "paras.csv").open("wb") as f:
        f.write(b'title,text\nfirst,"')
        for _ in range(50_000):
            f.write(b"A paragraph of a runaway field, with a comma and a doubled \"\"quote\"\".\n")
        f.write(f'"\nsecond,"{ARTICLE}"\n'.encode())


def billion_laughs() -> bytes:
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    return (f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel><title>t</title>'
            "<item><title>&lol9;</title><description>x</description></item></channel></rss>").encode()


XXE = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       b"<rss version=\"2.0\"><channel><item><title>&xxe;</title><description>&xxe;</description></item>"
       b"</channel></rss>")


def warc_bytes(compress: bool, count: int = 3) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for i in range(count):
        body = f"<html><body><article><p>{ARTICLE} Record {i}.</p></article></body></html>".encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://w.example/{i}", "response",
                                                      payload=io.BytesIO(body), http_headers=headers))
    return buffer.getvalue()


def truncated_warc(compress: bool, name: str) -> Callable[[Path], None]:
    def build(corpus: Path) -> None:
        data = warc_bytes(compress)
        (corpus / name).write_bytes(data[: len(data) * 5 // 6])  # inside the third record
    return build


def feed_naming_a_file(corpus: Path) -> None:
    """A feed whose whole content is the path of another (valid) feed: it must not be opened."""
    elsewhere = corpus.parent / "elsewhere.dat"
    item = f"<item><description>{ARTICLE}</description></item>"
    elsewhere.write_text(f"<rss version='2.0'><channel>{item}</channel></rss>")
    (corpus / "pointer.rss").write_bytes(os.fsencode(elsewhere))


def symlink(name: str, target: str) -> Callable[[Path], None]:
    def build(corpus: Path) -> None:
        os.symlink(target, corpus / name)
    return build


def loop_dir(corpus: Path) -> None:
    (corpus / "sub").mkdir()
    os.symlink("..", corpus / "sub" / "back")


def locked_dir(corpus: Path) -> None:
    (corpus / "locked_dir").mkdir()
    (corpus / "locked_dir" / "inside.txt").write_text(ARTICLE)


def deny_scandir(monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.scandir

    def scandir(path: object) -> object:
        if str(path).endswith("locked_dir"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)


def fifo(corpus: Path) -> None:
    os.mkfifo(corpus / "pipe.txt")


def bad_bytes_name(corpus: Path) -> None:
    (Path(os.fsdecode(os.fsencode(corpus) + b"/bad\xff.txt"))).write_text(ARTICLE)


def deep_json() -> str:
    return "[" * 100_000 + "]" * 100_000


RANDOM = random.Random(7).randbytes(4096)  # noqa: S311 - test bytes, not secrets
LATIN = "Le président a déclaré à Bogotá que la frontière resterait fermée."
MIXED = "line one\r\nline two\rline three\nline four\r\n"
HTML_BROKEN = f"<html><body><div><p>{ARTICLE}<p><b>Unclosed <i>tags</div></span></body>&nbsp;&bogus;"
CSV_RAGGED = f"text,date,outlet\n\"{ARTICLE}\",2019-02-26\n\"{ARTICLE}\",2019-02-26,Wire,extra,cells\n\"{ARTICLE} B\"\n"
JSONL_BROKEN = (f'{{"text": "{ARTICLE}"}}\n{{"text": "unterminated\n[1, 2]\n\n'
                f'{{"text": "{ARTICLE} 2"}}\n{{"title": "no text"}}\n')
MANIFEST = "path,published,outlet,url,title,language\n../../etc/passwd,2019-02-26,,,,\ngood.txt,2019-02-26,,,,\n"

CASES = [
    Case("empty", write("empty.txt", b""), (("empty.txt", "empty document"),)),
    Case("whitespace_only", write("blank.txt", " \n\t\r\n \u00a0\n"), (("blank.txt", "empty document"),)),
    Case("binary_random", write("noise.txt", RANDOM), (("noise.txt", "cannot decode text"),)),
    Case("nul_bytes", write("nul.txt", f"{ARTICLE}\x00\x00{ARTICLE}"), (("nul.txt", "NUL bytes"),)),
    Case("control_characters", write("ctl.txt", "\x01\x02\x03\x04abc" * 200),
         (("ctl.txt", "binary content"),)),
    Case("zip_named_txt", write("archive.txt", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + RANDOM[:512]),
         (("archive.txt", "cannot decode text"),)),
    Case("invalid_utf8_is_detected", write("cp.txt", "Caf\u00e9 attack \u201cfailed\u201d".encode("cp1252")),
         texts=("Caf\u00e9 attack \u201cfailed\u201d",)),
    Case("latin1", write("latin.txt", LATIN.encode("latin-1")), texts=(LATIN,)),
    Case("utf16_bom", write("u16.txt", ARTICLE.encode("utf-16")), texts=(ARTICLE,)),
    Case("utf16_be_no_bom", write("u16be.txt", ARTICLE.encode("utf-16-be")), texts=(ARTICLE,)),
    Case("utf32_bom", write("u32.txt", ARTICLE.encode("utf-32")), texts=(ARTICLE,)),
    Case("utf8_bom_only_removed", write("bom.txt", "\ufeff" + ARTICLE), texts=(ARTICLE,)),
    Case("mixed_newlines_kept", write("nl.txt", MIXED), texts=(MIXED,)),
    Case("over_size_limit_not_read", sparse("big.txt", 50_000_001), (("big.txt", "larger than the limit"),),
         unopened="big.txt"),
    Case("fifo_not_read", fifo, (("pipe.txt", "not a regular file"),), unopened="pipe.txt"),
    Case("single_line_20mb_txt", write("line.txt", b"a" * (20 * MB)), (("line.txt", "longer than the limit"),)),
    Case("single_line_20mb_jsonl",
         write("line.jsonl", b'{"text": "' + b"a" * (20 * MB) + b'"}\n' + json.dumps({"text": ARTICLE}).encode()),
         (("line.jsonl", "record 1 (line 1): longer than the limit"),), texts=(ARTICLE,)),
    Case("gzip_bomb_text", gzip_bomb("bomb.txt.gz"), (("bomb.txt.gz", "text is longer than the limit"),),
         peak_mb=24),
    Case("gzip_bomb_feed", gzip_bomb("bomb.xml.gz"), (("bomb.xml.gz", "decompressed size exceeds the limit"),),
         peak_mb=260),
    Case("gzip_bomb_jsonl", gzip_bomb("bomb.jsonl.gz"), (("bomb.jsonl.gz", "decompressed size exceeds the limit"),),
         peak_mb=24),
    Case("truncated_gzip", write("cut.txt.gz", gzip.compress(ARTICLE.encode() * 50)[:-30]),
         (("cut.txt.gz", "gzip stream is broken or truncated"),)),
    Case("not_gzip", write("fake.txt.gz", ARTICLE), (("fake.txt.gz", "gzip stream is broken"),)),
    Case("truncated_gzip_jsonl_keeps_records", truncated_gzip_jsonl,
         (("cut.jsonl.gz", "gzip stream is broken or truncated"),), min_docs=100),
    Case("xml_billion_laughs", write("laughs.xml", billion_laughs()),
         (("laughs.xml", "feed is refused: entity declaration"),)),
    Case("xml_external_entity", write("xxe.rss", XXE), (("xxe.rss", "feed is refused: external entity"),)),
    Case("feed_not_xml", write("junk.atom", "this is not a feed at all"), (("junk.atom", "not valid feed"),)),
    Case("feed_content_is_a_path", feed_naming_a_file, (("pointer.rss", "not valid feed"),)),
    Case("html_malformed", write("broken.html", HTML_BROKEN), texts=(f"{ARTICLE}\nUnclosed tags",)),
    Case("html_only_scripts", write("scripts.html", "<html><head><script>var a=1;</script></head><body>"
                                    "<script>alert(1)</script><style>p{}</style></body></html>"),
         (("scripts.html", "empty document"),)),
    Case("csv_100mb_field_bounded_memory", huge_csv_field,
         (("huge.csv", "record 1 (line 2): longer than the limit"),), texts=(ARTICLE,),
         settings=Settings(max_file_bytes=200_000_000), peak_mb=40),
    Case("csv_multiline_huge_field", huge_multiline_csv_field,
         (("paras.csv", "record 1 (line 2): not valid CSV: field larger than field limit"),), texts=(ARTICLE,)),
    Case("csv_ragged_rows", write("ragged.csv", CSV_RAGGED),
         (("ragged.csv", "record 2 (line 3): 5 fields where the header has 3"),), texts=(ARTICLE, f"{ARTICLE} B")),
    Case("csv_header_only", write("header.csv", "title,text\n"), (("header.csv", "no records found"),)),
    Case("jsonl_broken_lines", write("mixed.jsonl", JSONL_BROKEN),
         (("mixed.jsonl", "record 2 (line 2): not valid JSON"), ("mixed.jsonl", "record 3 (line 3): not an object"),
          ("mixed.jsonl", "record 5 (line 6): no text field")), texts=(ARTICLE, f"{ARTICLE} 2")),
    Case("jsonl_invalid_utf8_line", write("enc.jsonl", b'{"text": "\xff\xfe bad"}\n' + json.dumps(
        {"text": ARTICLE}).encode()), (("enc.jsonl", "record 1 (line 1): cannot decode text"),), texts=(ARTICLE,)),
    Case("json_nested_too_deep", write("deep.json", deep_json()), (("deep.json", "not valid JSON"),)),
    Case("json_huge_integer", write("int.json", "1" * 5000), (("int.json", "not valid JSON"),)),
    Case("warc_truncated", truncated_warc(False, "cut.warc"), (("cut.warc", "archive is truncated"),),
         texts=(f"{ARTICLE} Record 0.", f"{ARTICLE} Record 1.")),
    Case("warc_gz_truncated", truncated_warc(True, "cut.warc.gz"), (("cut.warc.gz", "gzip stream is broken"),),
         texts=(f"{ARTICLE} Record 0.", f"{ARTICLE} Record 1.")),
    Case("warc_wrong_content_length", write("short.warc", warc_bytes(False).replace(
        b"Content-Length: 177", b"Content-Length: 150", 1)), (("short.warc", "not followed by a blank line"),),
         texts=(f"{ARTICLE} Record 0.<",)),
    Case("warc_garbage", write("junk.warc", "not an archive\n\n"), (("junk.warc", "malformed after record 0"),)),
    Case("parquet_garbage", write("junk.parquet", "PAR1 not really"), (("junk.parquet", "not valid Parquet"),)),
    Case("symlink_not_followed", symlink("link.txt", "good.txt"), (("link.txt", "symbolic link not followed"),)),
    Case("symlink_loop_followed", loop_dir, (("sub/back", "directory already visited"),),
         settings=Settings(follow_symlinks=True)),
    Case("symlink_self_loop", symlink("self.txt", "self.txt"), (("self.txt", "symbolic link is broken or loops"),),
         settings=Settings(follow_symlinks=True)),
    Case("symlink_broken", symlink("gone.txt", "nowhere.txt"), (("gone.txt", "symbolic link is broken"),),
         settings=Settings(follow_symlinks=True)),
    Case("permission_denied", write("locked.txt", ARTICLE), (("locked.txt", "cannot read file: permission denied"),)),
    Case("unreadable_directory", locked_dir, (("locked_dir", "permission denied"),), patch=deny_scandir),
    Case("name_with_newline", write("two\nlines.txt", ARTICLE), texts=(ARTICLE,)),
    Case("name_with_leading_dash", write("--rm -rf.txt", ARTICLE), texts=(ARTICLE,)),
    Case("name_unicode", write("قصة خبرية 😀.txt", ARTICLE), texts=(ARTICLE,)),
    Case("name_not_utf8", bad_bytes_name, (("bad\\xff.txt", "file name is not valid UTF-8"),)),
    Case("manifest_outside_corpus", write("manifest.csv", MANIFEST),
         (("manifest.csv", "points outside the corpus directory"),)),
    Case("unsupported_type", write("photo.jpeg", RANDOM), (("photo.jpeg", "unsupported file type '.jpeg'"),)),
    Case("hidden_junk_skipped", both(write(".DS_Store", RANDOM), write("._good.txt", RANDOM))),
]


def test_ingest_hostile_table_has_at_least_30_classes():
    assert len(CASES) >= 30
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_ingest_hostile(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                        capfd: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    case.build(corpus)
    opened = spy_on_open(monkeypatch)
    if case.patch:
        case.patch(monkeypatch)
    items = run(corpus, case)
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [d.text for d in docs if d.doc_id == "good"] == [GOOD]
    others = [d for d in docs if d.doc_id != "good"]
    if case.min_docs is None:
        assert [d.text for d in others] == list(case.texts)
    else:
        assert len(others) >= case.min_docs
        stem = others[0].doc_id.split("#")[0]
        assert [d.doc_id for d in others] == [f"{stem}#{n}" for n in range(1, len(others) + 1)]
    shown = os.fsencode(corpus).decode()
    assert len(errors) == len(case.errors), [e.error for e in errors]
    for error, (name, reason) in zip(errors, case.errors, strict=True):
        assert error.path == f"{shown}/{name}"
        assert reason in error.error, error.error
        assert "\n" not in error.error and "Traceback" not in error.error
    if case.unopened:
        assert case.unopened not in opened
    assert capfd.readouterr() == ("", "")  # the library prints nothing


def run(corpus: Path, case: Case) -> list[Document | InputError]:
    if case.peak_mb is None:
        return list(read_corpora([corpus], case.settings))
    tracemalloc.start()
    try:
        items = list(read_corpora([corpus], case.settings))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < case.peak_mb * MB, f"reading allocated {peak / MB:.0f} MB"
    return items


def spy_on_open(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the names of files opened through Path.open; 'locked.txt' cannot be opened (tests run as root)."""
    opened: list[str] = []
    real_open = Path.open

    def spy(self: Path, *args: object, **kwargs: object) -> object:
        opened.append(self.name)
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", spy)
    return opened


def test_ingest_hostile_gzip_bomb_is_1gib_of_zeros(tmp_path):
    gzip_bomb("bomb.txt.gz")(tmp_path)
    data = (tmp_path / "bomb.txt.gz").read_bytes()
    member = bomb_member()
    assert data == member * 64 and len(data) < 2 * MB
    assert zlib.decompressobj(31).decompress(member) == bytes(16 * MB)
