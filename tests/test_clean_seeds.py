"""The clean stage on the three seed articles: exactly the residue, nothing of the bodies."""

from __future__ import annotations

import pytest

from casus.clean import clean_document
from casus.records import Document
from tests.conftest import shared_path


def cleaned(name: str) -> Document:
    path = next(shared_path("seeds").glob(f"{name}_*.txt"))
    return clean_document(Document(doc_id=path.stem, path=str(path), text=path.read_text(encoding="utf-8")))


def removed_texts(doc: Document) -> list[tuple[str, str]]:
    return [(r.kind, doc.text[r.start:r.end]) for r in doc.removed]


def test_clean_seed_000_subheadings_only() -> None:
    doc = cleaned("000")
    assert removed_texts(doc) == [
        ("subheading", "Destinations include airports and sea bases"),
        ("subheading", "Venezuela's Russian-made air defense systems are in operation"),
        ("subheading", "US increased military presence in the Caribbean"),
    ]
    assert doc.embeds == []


def test_clean_seed_001_related_links_and_tweet_credits() -> None:
    doc = cleaned("001")
    assert removed_texts(doc) == [
        ("related_link", "READ MORE: 'People Worldwide Will Rise' to Defend Venezuela if US 'Empire' Invades — Maduro"),
        ("embed_credit", "— Manu Gómez (@GDarkconrad) 25 февраля 2019 г."),
        ("embed_credit", "— Babak Taghvaee (@BabakTaghvaee) 25 февраля 2019 г."),
        ("related_link", "READ MORE: Maduro Accuses US of Using Humanitarian Crisis as Cover for Military Plans"),
    ]


def test_clean_seed_001_embeds_cover_post_and_credit() -> None:
    doc = cleaned("001")
    got = [(e.kind, e.author, e.handle, e.date) for e in doc.embeds]
    assert got == [("tweet", "Manu Gómez", "GDarkconrad", "2019-02-25"),
                   ("tweet", "Babak Taghvaee", "BabakTaghvaee", "2019-02-25")]
    first, second = (doc.text[e.start:e.end] for e in doc.embeds)
    assert first.startswith("USAF RC-135V Rivet joint 63-9792 tracking off the coast of #Venezuela")
    assert first.endswith("(@GDarkconrad) 25 февраля 2019 г.")
    assert first.count("\n") == 1  # the post line and its credit line, no body paragraph
    assert second.startswith("#BREAKING: After a 6 hours flight from Offutt AFB")
    assert second.count("\n") == 1
    credits = [r for r in doc.removed if r.kind == "embed_credit"]
    assert [(c.end == e.end) for c, e in zip(credits, doc.embeds, strict=True)] == [True, True]


def test_clean_seed_002_teaser_and_no_bullets() -> None:
    doc = cleaned("002")
    kinds_texts = removed_texts(doc)
    assert [k for k, _ in kinds_texts] == ["teaser", "teaser"]
    assert kinds_texts[0][1] == "Iranian Assassination Plot Against President-Elect Trump Unveiled"
    assert kinds_texts[1][1].startswith("Explore the details of the U.S. Justice Department's charges")
    assert kinds_texts[1][1].endswith("President-elect Donald Trump. Learn...")
    body = " ".join(t for _, t in kinds_texts)
    assert "Passive Detection" not in body and "This request highlights" not in body


@pytest.mark.parametrize("name", ["000", "001", "002"])
def test_clean_seed_text_unchanged_and_spans_are_lines(name: str) -> None:
    path = next(shared_path("seeds").glob(f"{name}_*.txt"))
    text = path.read_text(encoding="utf-8")
    doc = cleaned(name)
    assert doc.text == text
    for span in doc.removed:
        piece = text[span.start:span.end]
        assert piece == piece.strip() and "\n" not in piece and span.reason
        assert span.start == 0 or text[span.start - 1] == "\n"
