"""Ten documents added again and again to one processed store: does incremental linking drift?

Each add stores ten new documents (a corpus document with a new first line) and links incrementally.
The link state's ceilings and lifts only bound the pairs they cover, and every add raises some of them
by worst-case rises (docs/linking.md), so the bounds loosen from add to add until the next full link.
Looser bounds leave more pairs to score and fewer holders to screen: this prints, per add, the time of
linking, the holders and how many were screened, and how many mentions have a ceiling within 0.02
of the threshold; at the end, the same count for a full link of the final store (the exact ceilings)
and whether the incremental result equals it.

    python benchmarks/successive_adds.py CORPUS --store PROCESSED.duckdb --work DIR [--adds 30]

PROCESSED is a store of CORPUS already linked (``benchmarks/add_ten.py`` leaves one as
``WORK/store.duckdb``); it is copied, never written.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import time
from dataclasses import asdict
from pathlib import Path

from add_ten import write_new_documents
from rich.console import Console
from rich.table import Table

import casus.link.incremental as incremental
import casus.pipeline as pipeline
from casus import collector
from casus.annotate import load_pipeline
from casus.ingest import read_corpora
from casus.link.similarity import DEFAULT
from casus.link.state import LinkState
from casus.records import Document
from casus.settings import Settings
from casus.store import Store

NEAR = 0.02  # a ceiling this close to the threshold bounds little
SKIP = 20  # add_ten.py's new documents are made from the corpus's first twenty


def near_threshold(ceilings: dict[str, float]) -> int:
    return sum(1 for v in ceilings.values() if v >= DEFAULT.threshold - NEAR)


def full_link_check(db: Path) -> tuple[bool, int, int]:
    """(the stored links equal a full link, mentions near the threshold: stored, exact)."""
    with Store(db, read_only=True) as store, collector.paused():
        documents = store.documents()
        full, full_state = incremental.link_with_state(documents, pipeline.stored_mentions(store))
        stored = pipeline.stored_links(store)
        state = LinkState.from_rows(store.link_table("link_state"))
    assert state is not None
    return asdict(stored) == asdict(full), near_threshold(state.ceilings), near_threshold(full_state.ceilings)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--store", type=Path, required=True, help="a processed, linked store of CORPUS")
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--adds", type=int, default=30)
    args = ap.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    db = args.work / "store.duckdb"
    shutil.copy(args.store, db)
    docs = [d for d in itertools.islice(read_corpora([args.corpus], Settings()), 10 * args.adds + 60)
            if isinstance(d, Document)][SKIP:]
    nlp = load_pipeline()
    seen: dict[str, object] = {}
    link, screened = pipeline.update_links, incremental._screened

    def timed_link(store: Store, changed: set[str]):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        result = link(store, changed)
        seen["seconds"] = time.perf_counter() - t0
        return result

    def counted(change, bound):  # type: ignore[no-untyped-def]
        found = screened(change, bound)
        seen["holders"], seen["screened"] = len(change.holders), len(found)
        return found

    pipeline.update_links, incremental._screened = timed_link, counted
    table = Table(title=f"ten documents added {args.adds} times to {args.store}")
    for column in ("add", "linking (s)", "holders", "screened", "near threshold", "lifts"):
        table.add_column(column)
    corpora = [args.corpus]  # documents stored from elsewhere stay stored and linked
    for k in range(args.adds):
        seen.clear()
        added = args.work / f"add_{k:03d}"
        write_new_documents(added, docs[10 * k:10 * k + 10], f"Later {k}.{{i}}: another follow-up.")
        corpora.append(added)
        pipeline.run(corpora, db, Settings(), nlp=nlp)
        with Store(db, read_only=True) as store:
            state = LinkState.from_rows(store.link_table("link_state"))
        assert state is not None
        table.add_row(str(k + 1), f"{seen.get('seconds', 0.0):.2f}", str(seen.get("holders", "full")),
                      str(seen.get("screened", "-")), str(near_threshold(state.ceilings)), str(len(state.lifts)))
    Console().print(table)
    equal, near_stored, near_exact = full_link_check(db)
    print(f"after {args.adds} adds: the incremental links {'equal' if equal else 'DIFFER FROM'} a full link; "
          f"{near_stored} mentions have a ceiling within {NEAR} of the threshold, {near_exact} in a full link")


if __name__ == "__main__":
    main()
