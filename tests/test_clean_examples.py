"""The clean stage on the bundled sample corpus (examples/corpus, fiction written for the project)."""

from __future__ import annotations

import json
from pathlib import Path

from casus.clean import clean_document
from casus.records import Document

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def cleaned_txt(name: str) -> Document:
    path = CORPUS / name
    return clean_document(Document(path.stem, str(path), path.read_text(encoding="utf-8")))


def spans(doc: Document) -> list[tuple[str, str]]:
    return [(r.kind, doc.text[r.start:r.end]) for r in doc.removed]


def test_clean_examples_harbour_herald_tweets_subheading_teaser() -> None:
    doc = cleaned_txt("harbour_herald_2031-03-12_clash.txt")
    assert spans(doc) == [
        ("embed_credit", "— Maritim Malaysia Desk (@mmea_desk_demo) 11 Mac 2031"),
        ("subheading", "Conflicting accounts of the shooting"),
        ("embed_credit", "— Dewi Lestari (@dewi_tracks_demo) March 11, 2031"),
        ("teaser", "Monsoon Rains Threaten Rice Harvest Across the Region"),
        ("teaser", "Farmers in three countries are racing to bring in the crop before the heaviest rains in a "
                   "decade arrive. Read more"),
    ]
    assert [(e.handle, e.author, e.date) for e in doc.embeds] == [
        ("mmea_desk_demo", "Maritim Malaysia Desk", "2031-03-11"), ("dewi_tracks_demo", "Dewi Lestari", "2031-03-11")]
    assert doc.text[doc.embeds[0].start:doc.embeds[0].end].startswith("Kapal Bendahara diserang")


def test_clean_examples_meridian_links_and_advertisement() -> None:
    assert spans(cleaned_txt("meridian_2031-03-09_trawler.txt")) == [
        ("related_link", "READ MORE: Fishing communities on both coasts fear a summer of tension at sea")]
    assert spans(cleaned_txt("meridian_2031-03-12_clash.txt")) == [
        ("advertisement", "Advertisement"),
        ("related_link", "READ MORE: Explainer - Who owns the waters around One Fathom Bank?"),
    ]


def test_clean_examples_jsonl_dump() -> None:
    rows = [json.loads(line) for line in (CORPUS / "equator_post_dump.jsonl").read_text("utf-8").splitlines()]
    docs = [clean_document(Document(f"equator_post_dump#{i}", "x.jsonl", r["text"])) for i, r in enumerate(rows, 1)]
    assert [k for k, _ in spans(docs[0])] == ["related_link"]
    assert spans(docs[1])[0] == ("advertisement", "Advertisement")
    assert next(t for k, t in spans(docs[1]) if k == "teaser") == "Harbour Fees to Rise Next Year"


def test_clean_examples_manifest_lists_every_text_file() -> None:
    lines = (CORPUS / "manifest.csv").read_text("utf-8").splitlines()
    assert lines[0] == "path,published,outlet,url,title,language"
    listed = {line.split(",", 1)[0] for line in lines[1:]}
    assert listed == {p.name for p in CORPUS.glob("*.txt")}
