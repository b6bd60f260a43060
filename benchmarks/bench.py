"""`make bench`: Casus throughput against the bare spaCy pipeline, time per stage, peak memory.

Each measurement runs in its own subprocess so its peak RSS is its own. Prints a rich table and
writes the figures as JSON (bench-out/bench.json). Speed targets live here, not in timed tests.

    python benchmarks/bench.py --shared ../shared [--limit N] [--corpus bbc|guardian|both]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

CORPORA = {
    "bbc": "corpora/bbc_news_2225/articles",
    "guardian": "corpora/guardian_2019_world_sample/Guardian_SDF_sample.csv",
}


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def load_documents(corpus: Path, limit: int | None) -> list:
    from casus.clean import clean_document
    from casus.ingest import read_corpora
    from casus.records import Document
    from casus.settings import Settings

    docs = [d for d in read_corpora([corpus], Settings()) if isinstance(d, Document)]
    return [clean_document(d) for d in docs[:limit]]


def measure_bare(corpus: Path, limit: int | None, batch_size: int, workers: int) -> dict[str, Any]:
    """The reference: the model's own pipeline (no Casus component), ``nlp.pipe`` alone on the same
    (cleaned, masked) texts, same batch size and processes."""
    import spacy

    from casus.annotate import MODEL_NAME

    return pipe_alone(spacy.load(MODEL_NAME), corpus, limit, batch_size, workers)


def measure_parse(corpus: Path, limit: int | None, batch_size: int, workers: int) -> dict[str, Any]:
    """Casus's own parse: ``nlp.pipe`` alone with the pipeline Casus runs (the model with the faster,
    equivalent attribute ruler and the vocabulary matcher), so Casus's stages can be read apart."""
    from casus.annotate import load_pipeline

    return pipe_alone(load_pipeline(), corpus, limit, batch_size, workers)


def pipe_alone(nlp, corpus: Path, limit: int | None, batch_size: int, workers: int) -> dict[str, Any]:
    from casus.annotate import masked_text

    texts = [masked_text(d) for d in load_documents(corpus, limit)]
    t0 = time.perf_counter()
    n = sum(1 for _ in nlp.pipe(texts, batch_size=batch_size, n_process=workers))
    return {"seconds": time.perf_counter() - t0, "docs": n, "words": sum(len(t.split()) for t in texts)}


def measure_casus(corpus: Path, limit: int | None, batch_size: int, workers: int) -> dict[str, Any]:
    """What ``casus run`` does (model load, ingest to store, link, output files), then an unchanged
    re-run on the same store, then the same corpus with ten new documents."""
    from casus.pipeline import run
    from casus.present import write_outputs
    from casus.settings import Settings

    subset = materialise(corpus, limit)
    settings = Settings(batch_size=batch_size, workers=workers)
    with tempfile.TemporaryDirectory() as tmp:
        db, out = Path(tmp) / "bench.duckdb", Path(tmp) / "out"

        def casus_run(corpora: list[Path]) -> tuple[Any, float]:
            t0 = time.perf_counter()
            result = run(corpora, db, settings)
            write_outputs(out, result)
            return result, time.perf_counter() - t0

        result, first = casus_run([subset])
        again, rerun = casus_run([subset])
        extra = ten_new_documents(result.documents, Path(tmp) / "extra")
        added, add_ten = casus_run([subset, extra])
        more = ten_new_documents(result.documents[10:], Path(tmp) / "more")
        add_ten_cli = cli_seconds([subset, extra, more], out, db, workers)
        ten_alone_cli = cli_seconds([more], Path(tmp) / "alone", Path(tmp) / "alone.duckdb", workers)
        words = sum(len(d.text.split()) for d in result.documents)
        return {"seconds": first, "rerun_seconds": rerun, "docs": len(result.documents), "words": words,
                "events": len(result.events), "rerun_skipped": again.skipped, "add10_seconds": add_ten,
                "add10_processed": added.processed, "add10_cli_seconds": add_ten_cli,
                "ten_alone_cli_seconds": ten_alone_cli}


def cli_seconds(corpora: list[Path], out: Path, db: Path, workers: int) -> float:
    """Wall time of one fresh ``casus run`` process (imports and model load included)."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "casus", "run", *map(str, corpora), "--out", str(out), "--db", str(db),
                    "--quiet", "--workers", str(workers)], check=True, capture_output=True)
    return time.perf_counter() - t0


def ten_new_documents(documents: list, target: Path) -> Path:
    """Ten new reports (stored texts given a new first line) in a corpus of their own."""
    target.mkdir(parents=True)
    for i, doc in enumerate(documents[:10]):
        (target / f"new_{i}.txt").write_text(f"Update {i}: a follow-up report.\n{doc.text}", encoding="utf-8")
    return target


def measure_stages(corpus: Path, limit: int | None, batch_size: int, workers: int) -> dict[str, Any]:
    """Seconds spent in each stage, one process, called one after the other."""
    from casus.annotate import load_pipeline, parse
    from casus.clean import clean_document
    from casus.extract import extract_events
    from casus.ingest import read_corpora
    from casus.link import link
    from casus.records import Document
    from casus.resolve import resolve, with_published
    from casus.settings import Settings

    times: dict[str, float] = {}

    def timed(name: str, fn: Callable[[], Any]) -> Any:
        t0 = time.perf_counter()
        value = fn()
        times[name] = times.get(name, 0.0) + time.perf_counter() - t0
        return value

    docs = timed("ingest", lambda: [d for d in read_corpora([corpus], Settings()) if isinstance(d, Document)][:limit])
    docs = timed("clean", lambda: [clean_document(d) for d in docs])
    nlp = load_pipeline()
    parsed = timed("annotate (spaCy)", lambda: list(parse(nlp, docs, batch_size)))
    events = []
    for doc, p in parsed:
        doc = timed("resolve", lambda d=doc, p=p: with_published(d, p))
        ann = timed("resolve", lambda d=doc, p=p: resolve(d, p))
        events.extend(timed("extract", lambda d=doc, p=p, a=ann: extract_events(d, p, a)))
    timed("link", lambda: link([d for d, _ in parsed], events))
    return {"stages": times, "docs": len(docs)}


def materialise(corpus: Path, limit: int | None) -> Path:
    """A corpus of the first LIMIT documents (a directory of .txt files), or the corpus itself."""
    if limit is None:
        return corpus
    target = Path(tempfile.mkdtemp(prefix="casus-bench-"))
    for doc in load_documents(corpus, limit):
        path = target / f"{doc.doc_id.replace('#', '_')}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(doc.text, encoding="utf-8")
    return target


def measure_link_scale(corpus: Path, limit: int | None, batch_size: int, workers: int) -> dict[str, Any]:
    """Linking alone on 100k synthetic event mentions (20k happenings, 5 reports each)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from casus.link import link
    from tests.test_link_scale import synthetic

    docs, events, _ = synthetic(100_000)
    t0 = time.perf_counter()
    link(docs, events)
    return {"seconds": time.perf_counter() - t0, "events": len(events)}


MODES = {"bare": measure_bare, "parse": measure_parse, "casus": measure_casus, "stages": measure_stages,
         "link": measure_link_scale}


def child(args: argparse.Namespace) -> None:
    figures = MODES[args.mode](Path(args.path), args.limit, args.batch_size, args.workers)
    figures["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(figures))


def spawn(mode: str, path: Path, args: argparse.Namespace, workers: int) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", mode, "--path", str(path), "--batch-size", str(args.batch_size),
           "--workers", str(workers)] + (["--limit", str(args.limit)] if args.limit else [])
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"bench: the {mode} measurement failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_corpus(name: str, path: Path, args: argparse.Namespace) -> dict[str, Any]:
    """One worker: bare, Casus's own parse and casus alternated for ``--rounds`` rounds (the machine's
    speed drifts by minutes, so each ratio compares neighbours); then two workers, stages, a tenth."""
    figures: dict[str, Any] = {"corpus": name, "rounds": []}
    for _ in range(args.rounds):
        bare, parse, casus = (spawn(mode, path, args, 1) for mode in ("bare", "parse", "casus"))
        figures["rounds"].append({"bare": bare, "parse": parse, "casus": casus,
                                  "ratio": rate(casus, "words") / rate(bare, "words"),
                                  "parse_ratio": rate(parse, "words") / rate(bare, "words"),
                                  "own_ratio": rate(casus, "words") / rate(parse, "words")})
    first = figures["rounds"][0]
    figures["bare_w1"], figures["parse_w1"], figures["casus_w1"] = first["bare"], first["parse"], first["casus"]
    figures["bare_w2"] = spawn("bare", path, args, 2)
    figures["casus_w2"] = spawn("casus", path, args, 2)
    figures["stages"] = spawn("stages", path, args, 1)
    tenth = argparse.Namespace(**{**vars(args), "limit": max(1, figures["casus_w1"]["docs"] // 10)})
    figures["casus_w1_tenth"] = spawn("casus", path, tenth, 1)  # memory against corpus size
    return figures


def rate(fig: dict[str, Any], key: str) -> float:
    return fig[key] / fig["seconds"] if fig["seconds"] else 0.0


ROUND_RATIOS = (("ratio", "casus run / bare"), ("parse_ratio", "Casus's own parse / bare (same annotations)"),
                ("own_ratio", "casus run / Casus's own parse"))


def print_table(all_figures: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Casus benchmark (2 CPU cores)")
    for col in ("corpus", "run", "docs/s", "words/s", "peak RSS MB", "vs bare"):
        table.add_column(col)
    for figs in all_figures:
        for key in ("bare_w1", "casus_w1", "bare_w2", "casus_w2"):
            fig = figs[key]
            bare = figs[key.replace("casus", "bare")]
            ratio = rate(fig, "words") / rate(bare, "words") if key.startswith("casus") else 1.0
            table.add_row(figs["corpus"], key, f"{rate(fig, 'docs'):.1f}", f"{rate(fig, 'words'):.0f}",
                          f"{fig['peak_rss_mb']:.0f}", f"{ratio:.2f}")
        for key, label in ROUND_RATIOS:
            ratios = [r[key] for r in figs["rounds"]]
            table.add_row(figs["corpus"], f"{label}, 1 worker, {len(ratios)} alternated rounds", "", "", "",
                          ", ".join(f"{r:.2f}" for r in ratios) + f" (median {statistics.median(ratios):.2f})")
        w1, w2 = figs["casus_w1"], figs["casus_w2"]
        table.add_row(figs["corpus"], "workers 2 / 1", "", "", "", f"{w1['seconds'] / w2['seconds']:.2f}")
        table.add_row(figs["corpus"], "unchanged re-run / first", "", "", "",
                      f"{w1['rerun_seconds'] / w1['seconds']:.3f}")
        table.add_row(figs["corpus"], "adding 10 documents (s)", "", "", "",
                      f"{w1['add10_seconds']:.1f} ({w1['add10_processed']} processed)")
        table.add_row(figs["corpus"], "adding 10 more, fresh `casus run` (s)", "", "", "",
                      f"{w1['add10_cli_seconds']:.1f} (model load included)")
        alone = w1["ten_alone_cli_seconds"]
        table.add_row(figs["corpus"], "the same 10 alone on a new store, fresh `casus run` (s)", "", "", "",
                      f"{alone:.1f} (adding / alone {w1['add10_cli_seconds'] / alone:.2f})")
        tenth = figs["casus_w1_tenth"]
        table.add_row(figs["corpus"], f"peak RSS, {tenth['docs']} vs {w1['docs']} documents", "", "", "",
                      f"{tenth['peak_rss_mb']:.0f} vs {w1['peak_rss_mb']:.0f} MB")
        for stage, seconds in figs["stages"]["stages"].items():
            per_doc = 1000 * seconds / max(1, figs["stages"]["docs"])
            table.add_row(figs["corpus"], f"stage {stage}", "", "", "", f"{per_doc:.1f} ms/doc")
    Console(width=150).print(table)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--corpus", choices=["bbc", "guardian", "both"], default="both")
    ap.add_argument("--limit", type=int, default=None, help="only the first N documents of each corpus")
    ap.add_argument("--batch-size", type=int, default=48)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=2, help="alternated bare/casus rounds with one worker")
    ap.add_argument("--child", choices=sorted(MODES), help=argparse.SUPPRESS)
    ap.add_argument("--path", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        args.mode = args.child
        child(args)
        return
    names = ["bbc", "guardian"] if args.corpus == "both" else [args.corpus]
    missing = [n for n in names if not (args.shared / CORPORA[n]).exists()]
    if missing:
        sys.exit(f"bench: corpora missing under {args.shared}: {', '.join(missing)}")
    results = [bench_corpus(n, args.shared / CORPORA[n], args) for n in names]
    link_scale = spawn("link", Path("."), args, 1)
    print_table(results)
    print(f"link stage on {link_scale['events']:,} synthetic event mentions: {link_scale['seconds']:.1f} s, "
          f"peak RSS {link_scale['peak_rss_mb']:.0f} MB")
    results.append({"link_scale": link_scale})
    out = Path("bench-out")
    out.mkdir(exist_ok=True)
    (out / "bench.json").write_text(json.dumps(results, indent=2))
    shutil.rmtree(Path(tempfile.gettempdir()) / "casus-bench", ignore_errors=True)


if __name__ == "__main__":
    main()
