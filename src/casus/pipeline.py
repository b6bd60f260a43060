"""The stage sequence: ingest -> clean -> annotate -> resolve -> extract -> store -> link -> present.

Per-document stages are pure functions of a ``Document`` (and the spaCy pipeline), so the same
code runs in one process, a process pool or on Dask workers. Linking runs once, where all records
are. Documents already stored with the same ``doc_id`` and content hash are not processed again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from casus import collector
from casus.annotate import parse
from casus.clean import clean_document
from casus.errors import Messages
from casus.executors import make_executor
from casus.extract import extract_events
from casus.ingest import FileRead, Item, KnownFile, KnownFiles, Unchanged, read_again, read_corpora
from casus.ingest.files import input_error
from casus.ingest.stamps import reading_context
from casus.link import LinkResult, LinkState
from casus.link.features import Mention
from casus.link.incremental import link_delta
from casus.link.source import MentionSource, mention_from_json, mention_to_json, own_mention
from casus.link.tables import TABLE_NAMES, Kept, dyad_of, sort_key
from casus.records import Document, Event, InputError
from casus.resolve import resolve, with_published
from casus.settings import Settings
from casus.store import LinkRow, Store, StoredRecords, StoredTable, row_json

log = logging.getLogger(__name__)

Progress = Callable[[int], None]


@dataclass(slots=True)
class RunResult:
    """What one run produced and what the outputs describe. ``run`` gives the documents and events as
    ``StoredRecords`` (streamed from the store when read); tests may give plain lists."""

    documents: Sequence[Document] = field(default_factory=list)
    events: Sequence[Event] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    links: LinkResult = field(default_factory=LinkResult)
    observations: list[dict] = field(default_factory=list)  # of the run's trajectory documents
    processed: int = 0
    skipped: int = 0


@dataclass(slots=True)
class Processed:
    """One document after the per-document stages."""

    document: Document
    events: list[Event]
    error: InputError | None = None
    mentions: dict[str, str] = field(default_factory=dict)  # event id -> its link mention (casus.link.source)

    @classmethod
    def of(cls, document: Document, events: list[Event]) -> Processed:
        """With each event's link mention, made here where the document is at hand (on the worker)."""
        return cls(document, events, mentions={e.id: mention_to_json(own_mention(e, document)) for e in events})


def process_batch(nlp: Language, docs: list[Document], batch_size: int) -> list[Processed]:
    """Clean, parse, resolve and extract one batch of documents (track logs go to the tracks stage)."""
    out = [process_track(d) for d in docs if d.fmt == "track"]
    cleaned = [clean_document(d) for d in docs if d.fmt != "track"]
    for doc, parsed in parse(nlp, cleaned, batch_size):
        try:
            doc = with_published(doc, parsed)
            annotations = resolve(doc, parsed)
            out.append(Processed.of(doc, extract_events(doc, parsed, annotations)))
        except Exception as exc:  # one bad document must not stop the run
            log.exception("extraction failed on %s", doc.doc_id)
            out.append(Processed(doc, [], InputError(doc.path, f"processing failed: {exc.__class__.__name__}: {exc}")))
    return out


def process_track(doc: Document) -> Processed:
    """A trajectory's observation log: its events come from the tracks stage, not from the parse."""
    from casus.tracks import track_events

    try:
        return Processed.of(doc, track_events(doc))
    except Exception as exc:  # one bad track must not stop the run
        log.exception("track fusion failed on %s", doc.doc_id)
        return Processed(doc, [], InputError(doc.path, f"track processing failed: {exc.__class__.__name__}: {exc}"))


def unique_doc_ids(items: Iterable[Item]) -> Iterator[Item]:
    """Where two corpora yield the same doc_id, prefix the later one with its corpus directory's name
    (a document known unchanged, ``Unchanged``, takes its id as the document read would)."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Document | Unchanged):
            if item.doc_id in seen and item.corpus:
                item.doc_id = f"{Path(item.corpus).name}/{item.doc_id}"
            seen.add(item.doc_id)
        yield item


def batched(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(corpora: list[Path], db_path: Path, settings: Settings, progress: Progress | None = None,
        nlp: Language | None = None) -> RunResult:
    """Process the corpora into the store, link, and return what the outputs must describe."""
    result = RunResult()
    with Store(db_path) as store:
        stored = store.stored_hashes()
        context = reading_context(settings)
        known = KnownFiles.from_rows(store.input_files(context), context)
        read: dict[str, KnownFile] = {}
        run_ids: list[str] = []

        def pending() -> Iterator[Document]:
            for item in unique_doc_ids(read_corpora(corpora, settings, known)):
                if isinstance(item, InputError):
                    result.errors.append(item)
                    continue
                if isinstance(item, FileRead):
                    read[item.path] = item.known
                    continue
                run_ids.append(item.doc_id)
                if stored.get(item.doc_id) == item.sha256:
                    result.skipped += 1
                    if progress:
                        progress(1)
                    continue
                doc = read_again(item, settings) if isinstance(item, Unchanged) else item
                if doc is None:
                    result.errors.append(input_error(item.path, Messages.E006.format(reason="it changed while read")))
                    continue
                yield doc

        changed: set[str] = set()
        executor = make_executor(settings.batch_size, settings.workers, settings.dask, nlp)
        try:
            for done in executor.map(batched(pending(), settings.batch_size)):
                store.write_batch([p.document for p in done], [e for p in done for e in p.events],
                                  {i: m for p in done for i, m in p.mentions.items()})
                changed.update(p.document.doc_id for p in done)
                result.errors.extend(p.error for p in done if p.error)
                result.processed += len(done)
                log.info("stored %d documents (%d this run)", len(done), result.processed)
                if progress:
                    progress(len(done))
        finally:
            executor.close()
        store.write_errors(result.errors)
        store.write_input_files([k.to_row(path) for path, k in sorted(read.items())])
        with collector.paused():
            result.links = update_links(store, changed)
        in_run = set(run_ids)
        result.observations = [o for o in store.link_table("observations") if o.get("doc_id") in in_run]
    result.documents = StoredRecords(db_path, run_ids, "documents")
    result.events = StoredRecords(db_path, run_ids, "events")
    return result


def update_links(store: Store, changed_ids: set[str]) -> LinkResult:
    """Link the store: nothing when it is unchanged since the last linking, else only what the
    changed documents touch (the result equals a full re-link; see casus.link.incremental), and
    write only the rows that moved. The tables come back as the store's (``StoredTable``)."""
    content = store.content_state()
    if store.get_meta("links_state") == content and not changed_ids:
        return stored_links(store)
    heads = store.document_heads()
    state = LinkState.from_rows(store.link_table("link_state"))
    previous = StoredLinks(store)
    delta, new_state = link_delta(previous, state, heads, stored_mentions(store), changed_ids, store.documents)
    track_ids = [d.doc_id for d in heads if d.fmt == "track"]
    tracks = store.documents(track_ids) if track_ids else []
    rows = keyed_rows(delta.rows() | {"observations": track_observations(tracks), "link_state": new_state.to_rows()})
    drop = delta.dropped() | {"observations": None, "link_state": None}  # those two: rewritten whole
    store.write_links(delta.duplicate_of, delta.cluster_of, rows, drop)
    store.set_meta("links_state", content)
    return stored_links(store, delta.duplicate_of, delta.cluster_of)


def keyed_rows(tables: dict[str, list[dict]]) -> dict[str, list[LinkRow]]:
    """Link-table rows as the store keeps them: keyed by their cluster (escalation: its dyad), with the
    dyad a cluster counts in, and their sort text (in the tables' orders; others keep the given one)."""
    return {name: [_link_row(name, row, n) for n, row in enumerate(rows)] for name, rows in tables.items()}


def _link_row(name: str, row: dict, n: int) -> LinkRow:
    if name == "escalation":
        return row["dyad"], None, sort_key(name, row), row_json(row)
    if name not in TABLE_NAMES:
        return None, None, f"{n:012d}", row_json(row)
    dyad = dyad_of(row.get("source"), row.get("target")) if name == "clusters" else None
    return row["cluster"], dyad, sort_key(name, row, n), row_json(row)


class StoredLinks:
    """The last linking as the store holds it (``PreviousLinks``): the rows of the clusters asked for,
    read by key."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.duplicate_of, self.cluster_of = store.duplicates(), store.clusters_of_events()

    def row_ids(self) -> set[str]:
        return self.store.link_keys("clusters")

    def described_ids(self) -> set[str]:
        return self.store.link_keys("clusters") & self.store.link_keys("timeline")

    def rows(self, cids: Iterable[str]) -> list[dict]:
        return [row for _, row in self.store.link_rows_by_key("clusters", cids)]

    def kept(self, cids: Iterable[str]) -> dict[str, Kept]:
        wanted = set(cids)
        rows = dict(self.store.link_rows_by_key("clusters", wanted))
        lines = dict(self.store.link_rows_by_key("timeline", wanted))
        contra: dict[str, list[dict]] = {}
        for key, row in self.store.link_rows_by_key("contradictions", wanted):
            contra.setdefault(key, []).append(row)
        return {c: Kept(rows[c], contra.get(c, []), lines[c]) for c in sorted(rows.keys() & lines.keys())}

    def kept_in_dyads(self, dyads: set[str]) -> dict[str, Kept]:
        return self.kept(self.store.cluster_keys_in_dyads(dyads)) if dyads else {}


def stored_mentions(store: Store) -> MentionSource:
    """Every stored event's link mention, decoded; made again from the event and its document, and
    kept, where none was stored (a store from before mentions were kept) or it was made under other
    linking data."""
    mentions: dict[str, Mention] = {}
    missing: list[str] = []
    for ev_id, text in store.event_mentions():
        if (m := mention_from_json(text)) is None:
            missing.append(ev_id)
        else:
            mentions[ev_id] = m
    if missing:
        events = store.events_by_id(missing)
        docs = {d.doc_id: d for d in store.documents(sorted({e.doc_id for e in events}))}
        made = {e.id: own_mention(e, docs.get(e.doc_id)) for e in events}
        store.write_mentions({i: mention_to_json(m) for i, m in made.items()})
        mentions.update(made)
    return MentionSource(dict(sorted(mentions.items())), store.events_by_id)


def stored_links(store: Store, duplicate_of: dict[str, str] | None = None,
                 cluster_of: dict[str, str] | None = None) -> LinkResult:
    """The LinkResult of the last linking: its tables as the store's, read when the outputs are."""
    tables = {name: StoredTable(store.path, name) for name in TABLE_NAMES}
    return LinkResult(duplicate_of=store.duplicates() if duplicate_of is None else duplicate_of,
                      cluster_of=store.clusters_of_events() if cluster_of is None else cluster_of, **tables)


def track_observations(documents: list[Document]) -> list[dict]:
    """Observation records of the trajectory documents, re-derived from their logs."""
    if not any(d.fmt == "track" for d in documents):
        return []
    from casus.tracks import observations

    return [o for d in documents if d.fmt == "track" for o in observations(d)]
