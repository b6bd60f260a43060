"""Where one real `casus run` spends its time: timers around each stage, inside the run itself.

Unlike bench.py's per-stage child (which keeps every parsed Doc in a list), this times the stages
as `casus run` streams them, plus imports, the model load and the output files. Give a second
corpus with ``--add`` to time adding it to the store the first run left (the incremental case).

    python benchmarks/run_stages.py CORPUS [--add MORE] [--db PATH]
"""

from __future__ import annotations

import time

START = time.perf_counter()

import argparse  # noqa: E402
import tempfile  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import casus.executors as executors  # noqa: E402
import casus.pipeline as pipeline  # noqa: E402
from casus.present import write_outputs  # noqa: E402
from casus.settings import Settings  # noqa: E402
from casus.store import Store  # noqa: E402

IMPORTS = time.perf_counter() - START
STAGES = ("read_corpora", "parse", "with_published", "resolve", "extract_events", "update_links")


def timed(seconds: dict[str, float], name: str, fn: Callable) -> Callable:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - t0
    return wrapper


def timed_generator(seconds: dict[str, float], name: str, fn: Callable) -> Callable:
    """Time only the generator's own steps, not what its consumer does between them."""
    def wrapper(*args: Any, **kwargs: Any) -> Iterator:
        items = fn(*args, **kwargs)
        while True:
            t0 = time.perf_counter()
            try:
                item = next(items)
            except StopIteration:
                return
            finally:
                seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - t0
            yield item
    return wrapper


def instrument(seconds: dict[str, float]) -> None:
    for name in STAGES:
        wrap = timed_generator if name in {"read_corpora", "parse"} else timed
        setattr(pipeline, name, wrap(seconds, name, getattr(pipeline, name)))
    Store.write_batch = timed(seconds, "store writes", Store.write_batch)
    executors.worker_pipeline = timed(seconds, "model load", executors.worker_pipeline)


def run_timed(corpora: list[Path], db: Path, out: Path) -> tuple[int, dict[str, float]]:
    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    result = pipeline.run(corpora, db, Settings())
    seconds["whole run"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    write_outputs(out, result)
    seconds["output files"] = time.perf_counter() - t0
    return result.processed, seconds


def report(title: str, processed: int, seconds: dict[str, float]) -> None:
    print(f"{title}: {processed} documents processed")
    for name, value in seconds.items():
        per_doc = f"{1000 * value / processed:8.2f} ms/doc" if processed else ""
        print(f"  {name:16s} {value:8.2f} s {per_doc}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--add", type=Path, help="a corpus added to the first in a second run on the same store")
    ap.add_argument("--db", type=Path, help="an existing store to start from (default: a new one)")
    args = ap.parse_args()
    seconds: dict[str, float] = {}
    instrument(seconds)
    with tempfile.TemporaryDirectory() as tmp:
        db, out = args.db or Path(tmp) / "stages.duckdb", Path(tmp) / "out"
        print(f"imports {IMPORTS:.2f} s")
        processed, run_seconds = run_timed([args.corpus], db, out)
        report("first run" if args.db is None else "run on the given store", processed, {**seconds, **run_seconds})
        if args.add:
            seconds.clear()
            processed, run_seconds = run_timed([args.corpus, args.add], db, out)
            report(f"adding {args.add}", processed, {**seconds, **run_seconds})


if __name__ == "__main__":
    main()
