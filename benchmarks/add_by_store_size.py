"""What adding ten documents costs as the store grows: the part that grows with the store, per document.

For each fraction 1/F of CORPUS (the first files of each of its directories, copied), this builds a
store of the fraction plus ten new documents (as ``add_ten.py`` does), then times fresh ``casus run``s
that add the same second ten to copies of it, with timers around each stage inside the run (as
``run_stages.py`` does). It prints, per store size, the ten documents' own work (parse, resolve,
extract, store writes), and the work that grows with the store: linking (with its rescoring, its
merging again of the touched components, and its reading and writing of the stored link data), the
output files (which must describe every stored document) and reading the corpus again to skip what
is stored; and the merge graph's largest connected component after the add. A straight
line through those sums gives the cost per stored document, and the store size at which an add costs
twice the ten documents' own work.

    python benchmarks/add_by_store_size.py CORPUS --work DIR [--fractions 4 2 1] [--rounds 3]

DIR keeps the subsets and their stores between runs (building them processes each subset once).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from rich.console import Console
from rich.table import Table

OWN = ("parse", "with_published", "resolve", "extract_events", "store writes")
GROWING = ("update_links", "output files", "read_corpora")
LINK_DATA = ("documents", "stored_links", "stored_mentions", "write_links")  # reading and writing it


def subset(corpus: Path, fraction: int, target: Path) -> Path:
    """The first 1/fraction of the files of every directory of CORPUS (sorted), copied under target;
    CORPUS itself for 1 (symbolic links would be refused as input)."""
    if fraction == 1:
        return corpus
    if target.exists():
        return target
    by_dir: dict[Path, list[Path]] = defaultdict(list)
    for path in sorted(p for p in corpus.rglob("*") if p.is_file()):
        by_dir[path.parent].append(path)
    building = target.with_name(target.name + ".partial")
    shutil.rmtree(building, ignore_errors=True)
    for files in by_dir.values():
        for path in files[:max(1, len(files) // fraction)]:
            copy = building / path.relative_to(corpus)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copy)
    building.replace(target)
    return target


def child(corpora: list[Path], db: Path) -> None:
    """One timed run (in its own process: start-up and model load as a user meets them)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import run_stages

    import casus.link.incremental as incremental
    import casus.pipeline as pipeline
    from casus.link.state import LinkState
    from casus.store import Store

    seconds: dict[str, float] = {}
    run_stages.instrument(seconds)
    for owner, name in ((incremental, "_rescore"), (incremental, "cluster_edges"), (pipeline, "stored_links"),
                        (pipeline, "stored_mentions"), (Store, "documents"), (Store, "write_links")):
        setattr(owner, name, run_stages.timed(seconds, name, getattr(owner, name)))
    with tempfile.TemporaryDirectory() as tmp:
        processed, run_seconds = run_stages.run_timed(corpora, db, Path(tmp) / "out")
    with Store(db, read_only=True) as store:
        docs, mentions = store.con.execute(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events)").fetchone()
        state = LinkState.from_rows(store.link_table("link_state"))
    largest = max((len(members) for members in state.components.values()), default=1) if state else 0
    print(json.dumps({"processed": processed, "documents": docs, "mentions": mentions, "largest": largest,
                      "seconds": {**seconds, **run_seconds}}))


def timed_add(corpus: Path, work: Path) -> dict:
    from add_ten import prepare

    store, extra, more = prepare(corpus, work)
    copy = work / "copy.duckdb"
    shutil.copy(store, copy)
    cmd = [sys.executable, __file__, "--child", "--db", str(copy), str(corpus), str(extra), str(more)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, nargs="+")
    ap.add_argument("--work", type=Path)
    ap.add_argument("--fractions", type=int, nargs="+", default=[4, 2, 1])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.corpus, args.db)
        return
    if args.work is None or len(args.corpus) != 1:
        ap.error("give one CORPUS and --work DIR")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    corpus = args.corpus[0].resolve()
    runs: dict[int, list[dict]] = defaultdict(list)
    for _ in range(args.rounds):  # alternated: the machine's speed drifts by minutes
        for f in args.fractions:
            work = args.work / f"1of{f}"
            work.mkdir(parents=True, exist_ok=True)
            runs[f].append(timed_add(subset(corpus, f, work / "corpus"), work))
    report(runs)


def median_of(rows: list[dict], names: tuple[str, ...]) -> float:
    return statistics.median(sum(r["seconds"].get(n, 0.0) for n in names) for r in rows)


def report(runs: dict[int, list[dict]]) -> None:
    table = Table(title="adding ten documents, by store size (medians over the rounds, seconds)")
    for column in ("store documents", "mentions", "largest merge component", "ten's own work", "linking",
                   "of which rescoring", "merging again", "reading and writing link data", "output files",
                   "reading the corpus", "growing part"):
        table.add_column(column, justify="right")
    sizes, growing, own = [], [], []
    for f in sorted(runs, reverse=True):
        rows = runs[f]
        docs = rows[0]["documents"]
        linking, outputs, reading = (median_of(rows, (name,)) for name in GROWING)
        parts = [linking, median_of(rows, ("_rescore",)), median_of(rows, ("cluster_edges",)),
                 median_of(rows, LINK_DATA), outputs, reading]
        grow = median_of(rows, GROWING)
        sizes.append(docs)
        growing.append(grow)
        own.append(median_of(rows, OWN))
        table.add_row(f"{docs:,}", f"{rows[0]['mentions']:,}", f"{rows[0]['largest']:,}", f"{own[-1]:.2f}",
                      *(f"{p:.2f}" for p in parts), f"{grow:.2f}")
    Console(width=160).print(table)
    if len(sizes) > 1:
        slope, base = statistics.linear_regression(sizes, growing)
        ten = statistics.median(own)
        print(f"growing part ≈ {base:.2f} s + {1000 * slope:.2f} ms × stored documents; the ten's own work "
              f"{ten:.2f} s; an add costs twice that work from about {max(0.0, (ten - base) / slope):,.0f} "
              "stored documents")


if __name__ == "__main__":
    main()
