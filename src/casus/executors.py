"""Where the per-document stages run: in this process, in a pool of worker processes, or on Dask.

Each executor maps batches of documents to processed batches. Results may arrive in any order:
ids are derived from content, the store writes per batch, and outputs are sorted, so the records
are identical whatever the executor. At most ``2 x workers`` batches are in flight, so memory is
bounded by the batch size, not by the corpus size.
"""

from __future__ import annotations

import atexit
import gc
import logging
import multiprocessing
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import TYPE_CHECKING, Protocol

from casus.records import Document

if TYPE_CHECKING:
    from spacy.language import Language

    from casus.pipeline import Processed


WARM_UP_TEXT = ("Troops of Ruritania shelled the port of Mariupol on Monday, killing 12 civilians and wounding "
                "30, the United Nations said on 3 March 2031, according to Reuters. Talks are planned for May.")


@cache
def worker_pipeline() -> Language:
    """The spaCy pipeline of this process, loaded once (a worker keeps it for all its batches).

    One warm-up document loads every lazy table (gazetteers, vocabularies, cue lists); then the
    long-lived objects are frozen out of the cyclic garbage collector, whose full passes would
    otherwise walk the hundreds of thousands of them again and again (about 1.5 ms per document).
    """
    from casus.annotate import load_pipeline
    from casus.pipeline import process_batch

    nlp = load_pipeline()
    process_batch(nlp, [Document(doc_id="warm-up", path="", text=WARM_UP_TEXT)], 1)
    gc.freeze()
    atexit.register(gc.unfreeze)  # let interpreter teardown see them (extension modules check for leaks)
    return nlp


def process_in_worker(docs: list[Document], batch_size: int) -> list[Processed]:
    """Top-level (picklable) task: the per-document stages for one batch."""
    from casus.pipeline import process_batch

    return process_batch(worker_pipeline(), docs, batch_size)


class Executor(Protocol):
    def map(self, batches: Iterator[list[Document]]) -> Iterator[list[Processed]]: ...

    def close(self) -> None: ...


@dataclass
class LocalExecutor:
    """This process; the model is loaded on the first batch (an unchanged re-run never loads it)."""

    batch_size: int
    nlp: Language | None = None

    def map(self, batches: Iterator[list[Document]]) -> Iterator[list[Processed]]:
        from casus.pipeline import process_batch

        for batch in batches:
            self.nlp = self.nlp or worker_pipeline()
            yield process_batch(self.nlp, batch, self.batch_size)

    def close(self) -> None:
        return None


def bounded_map(submit, batches: Iterator[list[Document]], in_flight: int) -> Iterator[list[Processed]]:
    """Submit batches keeping at most ``in_flight`` pending; yield results as they complete."""
    pending: set[Future] = {submit(b) for b in islice(batches, in_flight)}
    while pending:
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            yield future.result()
        pending |= {submit(b) for b in islice(batches, len(done))}


@dataclass
class PoolExecutor:
    """A pool of worker processes (spawned: no state shared with the parent's open database)."""

    batch_size: int
    workers: int

    def __post_init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)

    def map(self, batches: Iterator[list[Document]]) -> Iterator[list[Processed]]:
        yield from bounded_map(lambda b: self.pool.submit(process_in_worker, b, self.batch_size), batches,
                               2 * self.workers)

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


@dataclass
class DaskExecutor:
    """Dask workers: ``address`` is a scheduler address, or 'local' for a LocalCluster of ``workers``.

    Workers need the casus package and the model package installed (see docs/scale.md).
    """

    batch_size: int
    workers: int
    address: str

    def __post_init__(self) -> None:
        from distributed import Client, LocalCluster

        self.cluster = None
        if self.address == "local":
            self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None, host="127.0.0.1",
                                        silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        else:
            self.client = Client(self.address)

    def map(self, batches: Iterator[list[Document]]) -> Iterator[list[Processed]]:
        from distributed import as_completed

        n = max(1, len(self.client.scheduler_info().get("workers", {})) or self.workers)
        queue = as_completed()
        for batch in islice(batches, 2 * n):
            queue.add(self.client.submit(process_in_worker, batch, self.batch_size, pure=False))
        for future in queue:
            yield future.result()
            future.release()
            for batch in islice(batches, 1):
                queue.add(self.client.submit(process_in_worker, batch, self.batch_size, pure=False))

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_executor(batch_size: int, workers: int, dask: str | None, nlp: Language | None = None) -> Executor:
    if dask:
        return DaskExecutor(batch_size, workers, dask)
    if workers > 1:
        return PoolExecutor(batch_size, workers)
    return LocalExecutor(batch_size, nlp)
