"""What the tests of our own evaluation sets (evaldata/dev, evaldata/dev2) share: the contract's
vocabulary, reading a set's gold, articles and manifest, and the checks every set must pass."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from tests.conftest import read_jsonl

TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                   "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
STATUSES = frozenset({"occurred", "ongoing", "planned", "hypothetical", "denied"})
EVENT_KEYS = ("doc", "id", "evidence", "types", "source", "target", "status", "date", "location", "attribution",
              "quantity", "optional", "match_on", "cluster", "status_by_type")


def gold_rows(gold: Path) -> list[dict]:
    return read_jsonl(gold)


def gold_events(gold: Path) -> list[dict]:
    return [row for row in gold_rows(gold) if "evidence" in row]


def article_text(articles: Path, doc: str) -> str:
    """The text Casus gives a .txt file: its UTF-8 content, byte order mark removed."""
    return (articles / f"{doc}.txt").read_text(encoding="utf-8-sig")


def span_of(row: dict) -> str:
    return row.get("evidence") or row.get("ignore") or row.get("negative") or ""


def manifest_rows(articles: Path) -> list[dict[str, str]]:
    with (articles / "manifest.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def check_manifest(articles: Path, gold: Path, outlets: int) -> None:
    """The manifest lists exactly the articles of the gold, each dated, titled and from an outlet."""
    rows = manifest_rows(articles)
    assert list(rows[0]) == ["path", "published", "outlet", "url", "title", "language"]
    assert sorted(r["path"] for r in rows) == sorted(p.name for p in articles.glob("*.txt"))
    assert {r["path"].removesuffix(".txt") for r in rows} == {e["doc"] for e in gold_events(gold)}
    for r in rows:
        dt.date.fromisoformat(r["published"])
        assert r["outlet"] and r["title"] and r["language"] == "en"
        assert r["url"] == "" or re.match(r"https://[\w.-]+\.example\.(com|org|net)/", r["url"]), r["url"]
    assert len({r["outlet"] for r in rows}) == outlets


def check_news_length(articles: Path, low: int, high: int) -> None:
    counts = {p.stem: len(p.read_text(encoding="utf-8").split()) for p in articles.glob("*.txt")}
    assert all(low <= n <= high for n in counts.values()), counts


def check_run_documents(out: Path, gold: Path, doc_id: str, outlet: str) -> None:
    """A run over the set gives exactly its gold documents, with every gold span in its text."""
    docs = {d["doc_id"]: d for d in read_jsonl(out / "documents.jsonl")}
    assert set(docs) == {e["doc"] for e in gold_events(gold)}
    assert read_jsonl(out / "errors.jsonl") == []
    for row in gold_rows(gold):
        assert span_of(row) in docs[row["doc"]]["text"], row
    assert docs[doc_id]["outlet"] == outlet
