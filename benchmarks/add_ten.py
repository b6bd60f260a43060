"""Adding ten documents to a processed store against processing those ten alone: fresh `casus run`s.

The case `make bench` times, repeated in alternated rounds and, with ``--src``, for other checkouts
of Casus (their ``src`` directories put first on PYTHONPATH), so two commits compare on the same
store and the same ten documents; their output files are compared byte for byte.

    python benchmarks/add_ten.py CORPUS --work DIR [--rounds 2] [--src OTHER/src ...]

DIR keeps what is built once: the store of CORPUS plus a first ten new documents (``extra``, made
like bench.py's from CORPUS's first ten documents with a new first line), and a second ten
(``more``, from the next ten). Each round copies the store, times a fresh ``casus run CORPUS extra
more`` on the copy (the ten of ``more`` are added), then a fresh ``casus run more`` on a new store.
"""

from __future__ import annotations

import argparse
import filecmp
import itertools
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

HERE = Path(__file__).resolve().parents[1] / "src"


def write_new_documents(directory: Path, docs: list, first_line: str) -> None:
    """New documents made from corpus documents: each text under a new first line (``{i}``: its number)."""
    directory.mkdir(parents=True, exist_ok=True)
    for i, doc in enumerate(docs):
        (directory / f"new_{i}.txt").write_text(f"{first_line.format(i=i)}\n{doc.text}", encoding="utf-8")


def prepare(corpus: Path, work: Path) -> tuple[Path, Path, Path]:
    """The processed store (CORPUS and ``extra``) and the two directories of ten new documents."""
    store, extra, more = work / "store.duckdb", work / "extra", work / "more"
    if store.exists():
        return store, extra, more
    from casus.ingest import read_corpora
    from casus.pipeline import run
    from casus.records import Document
    from casus.settings import Settings

    docs = [d for d in itertools.islice(read_corpora([corpus], Settings()), 40) if isinstance(d, Document)]
    for target, chosen in ((extra, docs[:10]), (more, docs[10:20])):
        write_new_documents(target, chosen, "Update {i}: a follow-up report.")
    building = work / "building.duckdb"
    run([corpus], building, Settings())
    run([corpus, extra], building, Settings())
    building.replace(store)
    return store, extra, more


def fresh_run(src: Path, corpora: list[Path], out: Path, db: Path) -> float:
    """Wall seconds of one ``casus run`` process with ``src`` first on its import path."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "casus", "run", *map(str, corpora), "--out", str(out), "--db", str(db),
                    "--quiet"], check=True, env=env, capture_output=True)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--work", type=Path, required=True, help="where the store and the new documents are kept")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--src", type=Path, action="append", default=[], help="another checkout's src directory")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    store, extra, more = prepare(args.corpus, args.work)
    sources = [HERE, *args.src]
    table = Table(title=f"adding ten documents to {args.corpus}")
    for column in ("round", "src", "adding (s)", "ten alone (s)", "adding / alone"):
        table.add_column(column)
    for round_ in range(1, args.rounds + 1):
        for k, src in enumerate(sources):
            out, copy, alone = args.work / f"out_{k}", args.work / "copy.duckdb", args.work / "alone.duckdb"
            shutil.rmtree(out, ignore_errors=True)
            shutil.copy(store, copy)
            adding = fresh_run(src, [args.corpus, extra, more], out, copy)
            alone.unlink(missing_ok=True)
            shutil.rmtree(args.work / "alone_out", ignore_errors=True)
            ten = fresh_run(src, [more], args.work / "alone_out", alone)
            table.add_row(str(round_), str(src), f"{adding:.1f}", f"{ten:.1f}", f"{adding / ten:.2f}")
    Console().print(table)
    for k in range(1, len(sources)):
        files = sorted(p.name for p in (args.work / "out_0").iterdir())
        _, differ, missing = filecmp.cmpfiles(args.work / "out_0", args.work / f"out_{k}", files, shallow=False)
        print(f"output files of {sources[k]} against this checkout's: "
              f"{'identical' if not differ and not missing else f'differ: {differ + missing}'} ({len(files)} files)")


if __name__ == "__main__":
    main()
