"""Near-duplicate documents: reposts and syndicated copies of one text under different boilerplate.

Each document's body (its text minus the spans the cleaner marked as not article body) becomes a set
of word 5-shingles and a MinHash; an LSH index proposes candidate pairs, which are confirmed on the
exact shingle sets (Jaccard, or containment when one copy carries extra boilerplate). Every member
of a group of copies points to the earliest one (published date, then doc_id).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from casus.link.groups import connected_roots
from casus.records import Document, DocumentInfo

Loader = Callable[[list[str]], list[Document]]  # stored documents read whole, by id

SHINGLE = 5
NUM_PERM = 64
BANDS, ROWS = 14, 4  # datasketch's MinHashLSH bands for threshold 0.5 and 64 permutations
MIN_JACCARD = 0.7
MIN_CONTAINMENT = 0.9
MIN_SIZE_RATIO = 0.5
MIN_SHINGLES = 8
WORD_RE = re.compile(r"\w+")
SEED = 1


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
    signature: np.ndarray


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The affine permutations h -> a·h + b (mod 2^32, a odd) that datasketch 2's MinHash draws for
    NUM_PERM and SEED under its "affine32" scheme (numpy's RandomState stream is frozen)."""
    gen = np.random.RandomState(SEED)  # the legacy stream: the one datasketch draws from
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (a bijection that spreads the input hashes), wrapping mod 2^32."""
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def signature(items: Iterable[bytes]) -> np.ndarray:
    """The MinHash signature (NUM_PERM uint32) of a set of byte strings, bit for bit datasketch 2's
    ``MinHash(num_perm=64, seed=1, scheme="affine32")`` (the first four bytes of each item's SHA-1,
    little-endian, mixed, then permuted; a test holds the two equal). Written out rather than imported:
    datasketch's package imports scipy, a third of a second at every run's start, for the LSH
    parameters we do not use (our banding is ``_band_keys``)."""
    hashes = np.array([int.from_bytes(hashlib.sha1(x, usedforsecurity=False).digest()[:4], "little")
                       for x in items], dtype=np.uint32)
    if not len(hashes):
        return np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    a, b = _permutations()
    return (_fmix32(hashes).reshape(-1, 1) * a + b).min(axis=0)


def sketch(doc: Document) -> Sketch:
    """The shingle set and MinHash signature of one document body (about a millisecond for a news article)."""
    sh = frozenset(shingles(body_text(doc)))
    return Sketch(doc.doc_id, sh, signature(sh))


def same_text(a: Sketch, b: Sketch) -> bool:
    """Confirm a candidate pair on the exact shingle sets."""
    small, large = sorted((len(a.shingles), len(b.shingles)))
    if small < MIN_SHINGLES:
        return a.shingles == b.shingles and small > 0
    inter = len(a.shingles & b.shingles)
    if inter / (len(a.shingles) + len(b.shingles) - inter) >= MIN_JACCARD:
        return True
    return small / large >= MIN_SIZE_RATIO and inter / small >= MIN_CONTAINMENT


def _sort_key(doc: DocumentInfo) -> tuple[str, str]:
    return (doc.published.date if doc.published else "9999-99-99", doc.doc_id)


def _whole(docs: dict[str, DocumentInfo], ids: Iterable[str], load: Loader | None) -> dict[str, Document]:
    """These documents whole: as given, or read with ``load`` (one call) where only their heads are."""
    whole = {i: d for i in ids if isinstance(d := docs[i], Document)}
    heads = sorted(i for i in ids if i not in whole)
    if heads:
        if load is None:
            raise ValueError("document heads need a loader of the whole documents")
        whole.update((d.doc_id, d) for d in load(heads))
    return whole


def _components(pairs: list[tuple[str, str]], order: dict[str, int]) -> dict[str, str]:
    """Every doc of a group of confirmed pairs mapped to the earliest doc of its group (itself excluded)."""
    return {d: root for d, root in connected_roots(pairs, order.__getitem__).items() if root != d}


@dataclass(slots=True)
class DuplicateState:
    """What a later run reuses: each document's content hash and MinHash signature (base64 of 64 uint32,
    None for an empty body) and the confirmed copy pairs. Plain data, JSON-serialisable."""

    docs: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    pairs: list[tuple[str, str]] = field(default_factory=list)


def encode(values: np.ndarray) -> str:
    return base64.b64encode(np.asarray(values, dtype="<u4").tobytes()).decode("ascii")


def decode(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype="<u4")


def _band_keys(sig: np.ndarray) -> list[tuple[int, bytes]]:
    """The LSH bands of a signature (14 bands of 4 rows: candidates from Jaccard about 0.5 up)."""
    return [(b, sig[b * ROWS:(b + 1) * ROWS].tobytes()) for b in range(BANDS)]


def _candidates(fresh: dict[str, np.ndarray], signatures: dict[str, np.ndarray]) -> set[tuple[str, str]]:
    """Unordered pairs (a < b) with a fresh member whose signatures share a band: only the bands of the
    fresh documents are indexed, every stored signature is looked up in them."""
    index: dict[tuple[int, bytes], list[str]] = defaultdict(list)
    for doc_id, sig in fresh.items():
        for key in _band_keys(sig):
            index[key].append(doc_id)
    pairs: set[tuple[str, str]] = set()
    for doc_id, sig in signatures.items():
        for key in _band_keys(sig):
            for other in index.get(key, ()):
                if other != doc_id:
                    pairs.add((min(doc_id, other), max(doc_id, other)))
    return pairs


def update_duplicates(state: DuplicateState | None, documents: Sequence[DocumentInfo],
                      changed: set[str] | frozenset[str] = frozenset(), load: Loader | None = None
                      ) -> tuple[dict[str, str], DuplicateState]:
    """doc_id -> earliest copy, reusing the signatures and pairs of ``state`` for documents whose hash is
    unchanged and not in ``changed``; only new or changed documents are sketched and looked up, and only
    they and their candidates are read whole (``load``, where ``documents`` are heads). The result
    equals a run from scratch (pairs are symmetric: two bodies sharing a band, confirmed on shingles)."""
    docs: dict[str, DocumentInfo] = {}
    for doc in sorted(documents, key=_sort_key):
        docs.setdefault(doc.doc_id, doc)
    old = state.docs if state else {}
    hashes = {i: d.sha256 for i, d in docs.items()}
    fresh = {i for i in docs if i in changed or i not in old or old[i][0] != hashes[i]}
    sketches = {i: sketch(d) for i, d in sorted(_whole(docs, fresh, load).items())}
    new_state = DuplicateState({i: old[i] for i in docs if i not in fresh})
    new_state.docs.update({i: (hashes[i], encode(sk.signature) if sk.shingles else None)
                           for i, sk in sketches.items()})
    signatures = {i: decode(v[1]) for i, v in new_state.docs.items() if v[1] is not None}
    pairs = {(a, b) for a, b in (state.pairs if state else []) if a in docs and b in docs and not {a, b} & fresh}
    candidates = sorted(_candidates({i: signatures[i] for i in fresh if i in signatures}, signatures))
    unsketched = {i for pair in candidates for i in pair} - sketches.keys()
    sketches.update((i, sketch(d)) for i, d in _whole(docs, unsketched, load).items())
    pairs.update((a, b) for a, b in candidates if same_text(sketches[a], sketches[b]))
    new_state.pairs = sorted(pairs)
    order = {i: n for n, i in enumerate(docs)}
    return _components(new_state.pairs, order), new_state


def find_duplicates(documents: list[Document]) -> dict[str, str]:
    """doc_id -> doc_id of the earliest copy, for every document that is a near-duplicate."""
    return update_duplicates(None, documents)[0]
