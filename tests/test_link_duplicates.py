"""Near-duplicate documents: syndicated copies under other boilerplate point to the earliest copy."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from casus.link.duplicates import NUM_PERM, SEED, body_text, find_duplicates, shingles, signature, update_duplicates
from casus.records import Document, DocumentHead, Published, RemovedSpan
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


def test_link_duplicates_signatures_agree_as_often_as_the_sets_overlap() -> None:
    """What the LSH bands rely on: the share of equal signature positions estimates the Jaccard of the
    two shingle sets (64 positions: within 0.2 of it at these sizes)."""
    words = [f"w{i}" for i in range(600)]
    a = {w.encode() for w in words[:300]}
    for shared, jaccard in ((300, 1.0), (200, 0.5), (100, 0.2), (0, 0.0)):  # shared / (600 - shared)
        b = {w.encode() for w in words[300 - shared:600 - shared]} if shared else {b"x" + w for w in a}
        agree = float(np.mean(signature(a) == signature(b)))
        assert abs(agree - jaccard) <= 0.2, (shared, agree)


@settings(max_examples=200, deadline=None)
@given(st.sets(st.binary(max_size=40), max_size=60))
def test_link_duplicates_signature_is_datasketchs_minhash(items: set[bytes]) -> None:
    """Our signature is datasketch 2's MinHash bit for bit (stores keep signatures from either), and an
    empty set has datasketch's empty signature."""
    from datasketch import MinHash

    reference = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32")
    reference.update_batch(sorted(items))
    got = signature(items)
    assert got.dtype == np.uint32 and got.tolist() == reference.hashvalues.tolist()


def test_link_duplicates_run_imports_no_scipy() -> None:
    """datasketch's package imports scipy (a third of a second at every run's start): linking, new
    documents sketched included, imports neither (in a fresh process)."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "import casus.pipeline\n"
        "from casus.link.duplicates import find_duplicates\n"
        "from casus.records import Document\n"
        "text = ' '.join(f'word{i}' for i in range(40))\n"
        "docs = [Document(doc_id=i, path=i + '.txt', text=text) for i in ('a', 'b')]\n"
        "print(find_duplicates(docs), sorted({m.split('.')[0] for m in sys.modules} & {'datasketch', 'scipy'}))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "{'b': 'a'} []"


def _head(doc: Document) -> DocumentHead:
    return DocumentHead(doc.doc_id, doc.sha256, doc.outlet, doc.url, doc.published, doc.fmt)


def test_link_duplicates_from_heads_reads_whole_only_the_new_and_their_candidates() -> None:
    """An add gives linking the stored documents' heads: the new document and the candidates of its
    bands are read whole (one call), the others not, and the result is the same."""
    docs = documents()
    old = [d for i, d in docs.items() if i != "yahoo-1"]
    _, state = update_duplicates(None, old)
    loads: list[list[str]] = []

    def load(ids: list[str]) -> list[Document]:
        loads.append(ids)
        return [docs[i] for i in ids]

    heads = [_head(d) for d in old] + [docs["yahoo-1"]]  # the new one whole, as a run has it
    assert update_duplicates(state, heads, {"yahoo-1"}, load) == update_duplicates(state, list(docs.values()),
                                                                                  {"yahoo-1"})
    assert loads == [["reuters-1"]] and len(docs) > 3
    loads.clear()
    assert update_duplicates(None, [_head(d) for d in docs.values()], load=load)[0] == {"yahoo-1": "reuters-1"}
    assert loads == [sorted(docs)]
