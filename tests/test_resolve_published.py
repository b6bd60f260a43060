"""Publication-date inference from embeds, explicit dates and weekday mentions."""

from __future__ import annotations

from casus.annotate import masked_text
from casus.records import Document, Embed, Published
from casus.resolve.published import infer_published
from tests.conftest import shared_path

SEED_001 = "001_65038b45502a56eb.txt"


def _infer(nlp, doc: Document) -> Published | None:
    return infer_published(doc, nlp(masked_text(doc)))


def _credit_embeds(text: str) -> list[Embed]:
    """Embed records built from the seed's own credit lines (what the clean stage supplies)."""
    embeds = []
    for handle in ("GDarkconrad", "BabakTaghvaee"):
        credit_end = text.index("г.", text.index(f"(@{handle})")) + 2
        line_start = text.rfind("\n", 0, text.rfind("\n", 0, credit_end - 60)) + 1
        embeds.append(Embed(line_start, credit_end, "tweet", None, handle, "2019-02-25"))
    return embeds


def test_resolve_published_seed_001_from_embeds_and_weekdays(nlp):
    text = shared_path("seeds", SEED_001).read_text(encoding="utf-8")
    published = _infer(nlp, Document("001", SEED_001, text, embeds=_credit_embeds(text)))
    assert published is not None
    assert published.date in ("2019-02-26", "2019-02-27")
    assert published.basis == "inferred"
    assert "2019-02-25" in published.evidence and "Tuesday" in published.evidence


def test_resolve_published_seed_001_from_credit_lines_alone(nlp):
    text = shared_path("seeds", SEED_001).read_text(encoding="utf-8")
    published = _infer(nlp, Document("001", SEED_001, text))
    assert published is not None and published.date in ("2019-02-26", "2019-02-27")


def test_resolve_published_seeds_without_dates_give_none(nlp):
    for name in ("000_c0ff3ef44d43a569.txt", "002_c792ef4a2a4e1e8e.txt"):
        text = shared_path("seeds", name).read_text(encoding="utf-8")
        assert _infer(nlp, Document(name, name, text)) is None


def test_resolve_published_latest_explicit_date_ignores_planned_dates(nlp):
    text = ("Protests began in Dhaka on 3 March 2024. Police detained dozens on 5 March 2024. "
            "An election will be held on 9 December 2024.")
    published = _infer(nlp, Document("d", "d.txt", text))
    assert published is not None and published.date == "2024-03-05"


def test_resolve_published_weekday_after_written_date(nlp):
    text = ("Floods hit the delta on 3 March 2024, a Sunday. Rescuers reached the villages on Wednesday, "
            "officials said on Thursday.")
    published = _infer(nlp, Document("w", "w.txt", text))
    assert published is not None and published.date == "2024-03-07"


def test_resolve_published_url_date_wins(nlp):
    doc = Document("u", "u.txt", "Officials said on Monday that talks stalled.",
                   url="https://example.org/news/2023/07/14/talks-stall")
    published = _infer(nlp, doc)
    assert published == Published("2023-07-14", "inferred", "date in the URL https://example.org/news/2023/07/14/talks-stall")


def test_resolve_published_nothing_to_go_on(nlp):
    assert _infer(nlp, Document("n", "n.txt", "Officials said on Monday that talks stalled last week.")) is None


def test_resolve_published_fixture_time_is_not_a_year(nlp):
    """A fixture listing ('Saturday, 26 February', then '1600 GMT') once made 1600 the latest full date."""
    text = ("France v Wales (Sat)\n\nStade de France, Paris\n\nSaturday, 26 February\n\n1600 GMT\n\n"
            "The visitors beat England on 5 February 2005 and travel to Paris unbeaten.\n")
    published = _infer(nlp, Document("f", "f.txt", text))
    assert published is not None and published.date >= "2005-02-05"
