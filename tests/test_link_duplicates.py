"""Near-duplicate documents: syndicated copies under other boilerplate point to the earliest copy."""

from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st

from casus.link.duplicates import body_text, find_duplicates, shingles, sketch, update_duplicates
from casus.records import Document, Published, RemovedSpan
from test_link_world import documents


def test_link_duplicates_syndicated_copy_points_to_the_earlier_one() -> None:
    docs = documents()
    assert find_duplicates(list(docs.values())) == {"yahoo-1": "reuters-1"}


def test_link_duplicates_earliest_by_date_then_doc_id() -> None:
    base = documents()["reuters-1"]
    copies = [Document(doc_id=i, path=f"{i}.txt", text=base.text, published=Published(d, "manifest") if d else None)
              for i, d in (("c", "2020-01-02"), ("b", "2020-01-02"), ("a", None), ("z", "2020-01-01"))]
    assert find_duplicates(copies) == {"a": "z", "b": "z", "c": "z"}
    assert find_duplicates(list(reversed(copies))) == {"a": "z", "b": "z", "c": "z"}


def test_link_duplicates_same_story_rewritten_is_not_a_copy() -> None:
    docs = documents()
    rewritten = Document(doc_id="other", path="other.txt", text=(
        "Rescue workers pulled bodies from the rubble of a market in Maarat al-Numan after an air strike on "
        "Saturday. Medics counted 12 people dead. Residents said government jets flew over the town twice."))
    assert "other" not in find_duplicates([docs["reuters-1"], rewritten])


def test_link_duplicates_removed_spans_are_not_compared() -> None:
    doc = documents()["yahoo-1"]
    assert "Read more" in doc.text and "Read more" not in body_text(doc)
    assert body_text(doc).startswith("An air strike on a crowded market")


@given(st.text(alphabet="ab .", max_size=60), st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=4))
def test_link_duplicates_body_text_keeps_everything_outside_removed_spans(text: str, spans: list) -> None:
    removed = [RemovedSpan(s, min(s + n, len(text)), "teaser") for s, n in spans if s <= len(text)]
    doc = Document(doc_id="d", path="d.txt", text=text, removed=removed)
    covered = {i for r in removed for i in range(r.start, r.end)}
    kept = "".join(c for i, c in enumerate(text) if i not in covered)
    assert body_text(doc).replace(" ", "") == kept.replace(" ", "")


def test_link_duplicates_shingles_are_five_word_windows() -> None:
    assert shingles("One two three four five six") == {b"one two three four five", b"two three four five six"}
    assert shingles("Too short") == {b"too short"}


def test_link_duplicates_minhash_of_an_article_is_cheap() -> None:
    doc = documents()["reuters-1"]
    article = Document(doc_id="long", path="long.txt", text=(doc.text + "\n") * 8)  # ~3,000 characters
    sketch(article)
    t0 = time.perf_counter()
    for _ in range(50):
        sketch(article)
    assert (time.perf_counter() - t0) / 50 < 0.005


def test_link_duplicates_nothing_new_imports_no_datasketch() -> None:
    """datasketch's package imports scipy (a third of a second): a run with nothing new to sketch, such
    as an unchanged re-run, must not pay for it (the state is made here, the re-run in a fresh process)."""
    import json
    import subprocess
    import sys

    doc = documents()["reuters-1"]
    _, state = update_duplicates(None, [doc])
    assert state.docs[doc.doc_id][1]  # a real signature
    script = (
        "import json, sys\n"
        "import casus.pipeline\n"
        "from casus.link.duplicates import DuplicateState, update_duplicates\n"
        "from casus.records import Document\n"
        "doc_id, text, docs = json.loads(sys.argv[1])\n"
        "doc = Document(doc_id=doc_id, path=doc_id + '.txt', text=text)\n"
        "found, _ = update_duplicates(DuplicateState({k: tuple(v) for k, v in docs.items()}), [doc])\n"
        "print(found, sorted({m.split('.')[0] for m in sys.modules} & {'datasketch', 'scipy'}))\n"
    )
    given_state = json.dumps([doc.doc_id, doc.text, state.docs])
    out = subprocess.run([sys.executable, "-c", script, given_state], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "{} []"
