"""The development evaluation set in evaldata/dev: eight articles written for Casus (not the seeds) and
their hand-made gold. These tests keep the gold placeable (every span is in its article), its codes in
the contract's vocabulary, the manifest in step with the files, and the set runnable end to end."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tests import evalset
from tests.conftest import ROOT, pipeline_out, run_scorer
from tests.evalset import EVENT_KEYS, STATUSES, TYPES, check_manifest, check_news_length, check_run_documents, span_of

DEV = ROOT / "evaldata" / "dev"
ARTICLES = DEV / "articles"
GOLD = DEV / "gold.jsonl"
CODE = re.compile(r"[A-Z]{3}")


def gold_rows() -> list[dict]:
    return evalset.gold_rows(GOLD)


def gold_events() -> list[dict]:
    return evalset.gold_events(GOLD)


def article_text(doc: str) -> str:
    return evalset.article_text(ARTICLES, doc)


def manifest_rows() -> list[dict[str, str]]:
    return evalset.manifest_rows(ARTICLES)


def test_evaldata_gold_spans_occur_in_their_articles() -> None:
    rows = gold_rows()
    assert len(rows) >= 150
    missing = [(r["doc"], span_of(r)) for r in rows if not span_of(r) or span_of(r) not in article_text(r["doc"])]
    assert missing == []


def test_evaldata_gold_spans_are_unambiguous() -> None:
    """The scorer places a span at its first occurrence; each one occurs exactly once, so that is the one meant."""
    repeated = [(r["doc"], span_of(r)) for r in gold_rows() if article_text(r["doc"]).count(span_of(r)) != 1]
    assert repeated == []


def test_evaldata_gold_evidence_is_one_paragraph_clause() -> None:
    too_long = [r["id"] for r in gold_events() if "\n" in r["evidence"] or not 10 <= len(r["evidence"]) <= 350]
    assert too_long == []


def test_evaldata_gold_events_have_the_seed_fields() -> None:
    events = gold_events()
    assert [tuple(e) for e in events] == [EVENT_KEYS] * len(events)
    ids = [e["id"] for e in events]
    assert len(ids) == len(set(ids))


def test_evaldata_gold_types_and_statuses_are_the_contracts() -> None:
    for e in gold_events():
        assert e["types"] and set(e["types"]) <= TYPES, e["id"]
        assert e["status"] and set(e["status"]) <= STATUSES, e["id"]
        assert set(e["status_by_type"]) <= set(e["types"]), e["id"]
        assert all(v and set(v) <= STATUSES for v in e["status_by_type"].values()), e["id"]


def test_evaldata_gold_codes_are_three_capitals() -> None:
    for e in gold_events():
        for key in ("source", "target", "location"):
            codes = e[key]
            assert codes is None or (codes and all(CODE.fullmatch(c) for c in codes)), (e["id"], key, codes)


def test_evaldata_gold_match_on_names_a_given_actor() -> None:
    for e in gold_events():
        assert set(e["match_on"]) <= {"source", "target"}, e["id"]
        assert all(e[key] for key in e["match_on"]), e["id"]


def test_evaldata_gold_dates_are_iso_windows() -> None:
    for e in gold_events():
        if e["date"] is None:
            continue
        first, last = (dt.date.fromisoformat(d) for d in e["date"])
        assert first <= last, e["id"]


def test_evaldata_gold_attribution_and_quantity_are_well_formed() -> None:
    """Attribution keys are matched as substrings, so two-letter keys ('EU', 'He') would match almost anything."""
    for e in gold_events():
        assert e["attribution"] is None or all(len(k) >= 3 for k in e["attribution"]), e["id"]
        assert e["quantity"] is None or (isinstance(e["quantity"], int | float) and e["quantity"] > 0), e["id"]
        assert isinstance(e["optional"], bool), e["id"]


def test_evaldata_gold_covers_each_article_and_links_the_red_sea_reports() -> None:
    events = gold_events()
    per_doc: dict[str, int] = {}
    for e in events:
        per_doc[e["doc"]] = per_doc.get(e["doc"], 0) + (not e["optional"])
    assert len(per_doc) == 8
    assert min(per_doc.values()) >= 8
    docs_of: dict[str, set[str]] = {}
    for e in events:
        if e["cluster"]:
            docs_of.setdefault(e["cluster"], set()).add(e["doc"])
    assert docs_of["true-confidence-2024-03-06"] == {"d01_redsea_gulfwire", "d02_redsea_harbourpost"}


def test_evaldata_gold_marks_the_boilerplate() -> None:
    rows = gold_rows()
    negatives = [r["negative"] for r in rows if "negative" in r]
    assert sum(n.startswith("READ MORE:") for n in negatives) == 6
    assert "Strikes on launch sites" in [r["ignore"] for r in rows if "ignore" in r]


def test_evaldata_manifest_matches_the_files() -> None:
    check_manifest(ARTICLES, GOLD, outlets=8)


def test_evaldata_articles_are_news_length() -> None:
    check_news_length(ARTICLES, 180, 450)


@pytest.fixture(scope="module")
def dev_out(tmp_path_factory: pytest.TempPathFactory, nlp) -> Path:
    """OUT_DIR of one run of the pipeline over the development articles."""
    return pipeline_out(tmp_path_factory, nlp, ARTICLES, "evaldata-dev-out")


def test_evaldata_run_gives_the_gold_documents(dev_out: Path) -> None:
    check_run_documents(dev_out, GOLD, "d02_redsea_harbourpost", "The Harbour Post")


def test_evaldata_scorer_runs_on_the_dev_set(dev_out: Path) -> None:
    done = run_scorer(GOLD, dev_out)
    assert done.returncode in (0, 1), done.stderr
    assert re.match(r"events F1=\d\.\d{3} P=\d\.\d{3} R=\d\.\d{3} \(\d+/113 required", done.stdout), done.stdout
    assert "documents missing" not in done.stderr
