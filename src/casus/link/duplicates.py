"""Near-duplicate documents: reposts and syndicated copies of one text under different boilerplate.

Each document's body (its text minus the spans the cleaner marked as not article body) becomes a set
of word 5-shingles and a MinHash; an LSH index proposes candidate pairs, which are confirmed on the
exact shingle sets (Jaccard, or containment when one copy carries extra boilerplate). Every member
of a group of copies points to the earliest one (published date, then doc_id).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from casus.link.groups import connected_roots
from casus.records import Document

SHINGLE = 5
NUM_PERM = 64
LSH_THRESHOLD = 0.5
MIN_JACCARD = 0.7
MIN_CONTAINMENT = 0.9
MIN_SIZE_RATIO = 0.5
MIN_SHINGLES = 8
WORD_RE = re.compile(r"\w+")
SEED = 1
SCHEME = "affine32"


def body_text(doc: Document) -> str:
    """The document text with removed spans (related links, teasers, captions...) cut out."""
    spans = sorted((r.start, r.end) for r in doc.removed)
    parts, pos = [], 0
    for start, end in spans:
        if start > pos:
            parts.append(doc.text[pos:start])
        pos = max(pos, end)
    parts.append(doc.text[pos:])
    return " ".join(parts)


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """Word n-grams of the lowercased text, as bytes for hashing."""
    words = WORD_RE.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode("utf-8", "surrogatepass")} if words else set()
    return {" ".join(words[i:i + size]).encode("utf-8", "surrogatepass") for i in range(len(words) - size + 1)}


@dataclass(frozen=True, slots=True)
class Sketch:
    doc_id: str
    shingles: frozenset[bytes]
    minhash: MinHash


def sketch(doc: Document, permutations: np.ndarray | None = None) -> Sketch:
    """The shingle set and MinHash of one document body (about a millisecond for a news article)."""
    sh = frozenset(shingles(body_text(doc)))
    if permutations is None:
        mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    else:
        mh = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=permutations, scheme=SCHEME)
    if sh:
        mh.update_batch(list(sh))
    return Sketch(doc.doc_id, sh, mh)


def same_text(a: Sketch, b: Sketch) -> bool:
    """Confirm a candidate pair on the exact shingle sets."""
    small, large = sorted((len(a.shingles), len(b.shingles)))
    if small < MIN_SHINGLES:
        return a.shingles == b.shingles and small > 0
    inter = len(a.shingles & b.shingles)
    if inter / (len(a.shingles) + len(b.shingles) - inter) >= MIN_JACCARD:
        return True
    return small / large >= MIN_SIZE_RATIO and inter / small >= MIN_CONTAINMENT


def _sort_key(doc: Document) -> tuple[str, str]:
    return (doc.published.date if doc.published else "9999-99-99", doc.doc_id)


def _components(pairs: list[tuple[str, str]], order: dict[str, int]) -> dict[str, str]:
    """Every doc of a group of confirmed pairs mapped to the earliest doc of its group (itself excluded)."""
    return {d: root for d, root in connected_roots(pairs, order.__getitem__).items() if root != d}


def find_duplicates(documents: list[Document]) -> dict[str, str]:
    """doc_id -> doc_id of the earliest copy, for every document that is a near-duplicate."""
    docs = sorted(documents, key=_sort_key)
    order = {d.doc_id: i for i, d in enumerate(docs)}
    perms = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    sketches: dict[str, Sketch] = {}
    pairs: list[tuple[str, str]] = []
    for doc in docs:
        sk = sketch(doc, perms)
        if not sk.shingles or doc.doc_id in sketches:
            continue
        for other in sorted(lsh.query(sk.minhash), key=order.__getitem__):
            if same_text(sketches[other], sk):
                pairs.append((other, sk.doc_id))
        lsh.insert(sk.doc_id, sk.minhash)
        sketches[sk.doc_id] = sk
    return _components(pairs, order)
