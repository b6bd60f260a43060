"""Shared fixtures: the ../shared folder (tests that need it skip cleanly without it), the model,
and one run of the pipeline on the seeds, built once per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casus.records import Actor, Annotations, Document, Published
from casus.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT.parent / "shared").resolve()


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the calling test with the reason."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs ../shared/{'/'.join(parts)}, which is absent on this machine")
    return path


def event_spans(event: dict):
    """Every span of a contract event object that carries text."""
    yield event["evidence"]
    for key in ("source", "target", "location"):
        if event.get(key):
            yield event[key]
    for key in ("quantities", "equipment", "attribution"):
        yield from event.get(key) or []


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def nlp():
    from casus.annotate import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seeds_out(tmp_path_factory, nlp) -> Path:
    """OUT_DIR of one `casus run ../shared/seeds`, shared by every test that reads it."""
    from casus.pipeline import run
    from casus.present import write_outputs

    seeds = shared_path("seeds")
    out = tmp_path_factory.mktemp("seeds-out")
    write_outputs(out, run([seeds], out / "casus.duckdb", Settings(), nlp=nlp))
    return out


@pytest.fixture(scope="session")
def seed_docs(seeds_out) -> dict[str, dict]:
    return {d["doc_id"]: d for d in read_jsonl(seeds_out / "documents.jsonl")}


@pytest.fixture(scope="session")
def seed_events(seeds_out) -> list[dict]:
    return read_jsonl(seeds_out / "events.jsonl")


# --------------------------------------------------------------------------- present: hand-built records
# Three documents written for these tests (not from ../shared): a report with an embedded post (emoji
# before the evidence, so code-point and UTF-16 offsets differ), a second outlet that denies it, and a
# hostile article whose title, body, outlet, URL and actor names carry XSS payloads.

XSS = "window.__xss=1;document.title='pwned'"
PRESENT_TEXTS = {
    "gazette/001": (
        "WASHINGTON (Harbour Gazette) — United States forces seized an oil tanker off the coast of Venezuela "
        "on Wednesday, officials familiar with the operation told the newspaper.\n\n"
        "Related: Oil prices climb as Caribbean tensions rise\n\n"
        "@NavyWatch 🚢🚢 Boarding team on deck of the tanker this morning. — Navy Watch (@NavyWatch) "
        "December 10, 2025\n\n"
        "Venezuela's foreign minister accused Washington of piracy and said Caracas would take the matter to "
        "the United Nations. Two Venezuelan patrol boats were deployed to the area near La Guaira, the defence "
        "ministry said."),
    "wire/002": (
        "CARACAS — The Venezuelan government denied on Thursday that any tanker had been boarded by American "
        "forces, calling the reports fabricated. The United States and Colombia held talks in Bogotá about "
        "maritime security, according to a statement. Three people were killed when a drone struck a boat "
        "near Tumaco, local police said."),
    "evil/003": (
        f"Officials said </script><script>{XSS}</script> the navy of Venezuela threatened to board ships. "
        f"<img src=x onerror=\"{XSS}\"> Click javascript:{XSS} for more. "
        f"<a href=\"javascript:{XSS}\">link</a> <!-- <script>{XSS}</script>"),
}


def _span(text: str, needle: str) -> tuple[int, int, str]:
    start = text.index(needle)
    return start, start + len(needle), needle


def _present_event(doc_id: str, type_: str, evidence: str, **kw):
    from casus.records import Event, event_id

    text = PRESENT_TEXTS[doc_id]
    start, end, ev_text = _span(text, evidence)
    src, tgt = kw.pop("source", None), kw.pop("target", None)
    eid = event_id(doc_id, start, end, type_, src.code if src else None, tgt.code if tgt else None)
    return Event(id=eid, doc_id=doc_id, type=type_, evidence_start=start, evidence_end=end, evidence_text=ev_text,
                 source=src, target=tgt, **kw)


def _present_actor(doc_id: str, needle: str, name: str, code: str | None, sector: str | None = None):
    from casus.records import Actor

    return Actor(*_span(PRESENT_TEXTS[doc_id], needle), name=name, code=code, sector=sector)


def _present_time(doc_id: str, needle: str, day: str):
    from casus.records import TimeExpr

    return TimeExpr(*_span(PRESENT_TEXTS[doc_id], needle), first=day, last=day, basis="relative to published")


def _present_place(doc_id: str, needle: str, name: str, country: str, lat: float, lon: float):
    from casus.records import Place

    return Place(*_span(PRESENT_TEXTS[doc_id], needle), name=name, country=country, lat=lat, lon=lon)


def _present_attr(doc_id: str, needle: str, kind: str, name: str | None = None):
    from casus.records import Attribution

    return Attribution(*_span(PRESENT_TEXTS[doc_id], needle), kind=kind, name=name)


def _present_documents():
    from casus.records import Document, Embed, Published, RemovedSpan

    g, w, x = (PRESENT_TEXTS[k] for k in ("gazette/001", "wire/002", "evil/003"))
    rel = _span(g, "Related: Oil prices climb as Caribbean tensions rise")
    tweet = _span(g, "@NavyWatch 🚢🚢 Boarding team on deck of the tanker this morning. — Navy Watch (@NavyWatch) "
                     "December 10, 2025")
    return [
        Document("gazette/001", "gazette/001.txt", g, title="US forces seize oil tanker off Venezuelan coast",
                 outlet="Harbour Gazette", url="https://gazette.example/2025/12/tanker",
                 published=Published("2025-12-10", "manifest"), language="en",
                 removed=[RemovedSpan(rel[0], rel[1], "related_link")],
                 embeds=[Embed(tweet[0], tweet[1], "tweet", "Navy Watch", "@NavyWatch", "2025-12-10")]),
        Document("wire/002", "wire/002.txt", w, title="Caracas denies tanker was boarded", outlet="Coastal Wire",
                 url="https://wire.example/caracas-denies", published=Published("2025-12-11", "metadata")),
        Document("evil/003", "evil/003.html", x, title=f"<script>{XSS}</script><img src=x onerror=\"{XSS}\">",
                 outlet=f"\"><svg onload=\"{XSS}\">", url=f"javascript:{XSS}",
                 published=Published("2025-12-12", "inferred", f"<b onmouseover=\"{XSS}\">x</b>")),
    ]


def _present_events():
    g, w, x = "gazette/001", "wire/002", "evil/003"
    usa_g = _present_actor(g, "United States forces", "United States", "USA", "MIL")
    return [
        _present_event(g, "COERCE", "United States forces seized an oil tanker off the coast of Venezuela on "
                       "Wednesday, officials familiar with the operation told the newspaper.", mode="seize",
                       status="occurred", certainty="reported", source=usa_g,
                       target=_present_actor(g, "Venezuela", "Venezuela", "VEN"),
                       date=_present_time(g, "Wednesday", "2025-12-10"),
                       location=_present_place(g, "coast of Venezuela", "Venezuela", "VEN", 10.9, -66.5),
                       attribution=[_present_attr(g, "officials familiar with the operation", "anonymous_official"),
                                    _present_attr(g, "the newspaper", "media", "Harbour Gazette")],
                       intensity=-7.0, cluster="cl_seize"),
        _present_event(g, "ACCUSE", "Venezuela's foreign minister accused Washington of piracy", mode="allege",
                       status="occurred", certainty="asserted",
                       source=_present_actor(g, "Venezuela's foreign minister", "Venezuela", "VEN", "GOV"),
                       target=_present_actor(g, "Washington", "United States", "USA", "GOV"),
                       date=_present_time(g, "Wednesday", "2025-12-10"), intensity=-2.0, cluster="cl_accuse"),
        _present_event(g, "MOBILIZE", "Two Venezuelan patrol boats were deployed to the area near La Guaira",
                       mode="weapons", status="occurred", certainty="reported",
                       source=_present_actor(g, "Venezuelan patrol boats", "Venezuela", "VEN", "MIL"),
                       date=_present_time(g, "Wednesday", "2025-12-10"),
                       location=_present_place(g, "La Guaira", "La Guaira", "VEN", 10.6, -66.93),
                       attribution=[_present_attr(g, "the defence ministry", "government")], intensity=-6.5,
                       cluster="cl_mobilize"),
        _present_event(w, "COERCE", "The Venezuelan government denied on Thursday that any tanker had been boarded "
                       "by American forces", mode="seize", status="denied", certainty="reported",
                       source=_present_actor(w, "American forces", "United States", "USA", "MIL"),
                       target=_present_actor(w, "The Venezuelan government", "Venezuela", "VEN", "GOV"),
                       date=_present_time(w, "Thursday", "2025-12-11"),
                       attribution=[_present_attr(w, "The Venezuelan government", "government", "Venezuela")],
                       intensity=-7.0, cluster="cl_seize"),
        _present_event(w, "CONSULT", "The United States and Colombia held talks in Bogotá about maritime security",
                       status="occurred", certainty="reported",
                       source=_present_actor(w, "The United States", "United States", "USA", "GOV"),
                       target=_present_actor(w, "Colombia", "Colombia", "COL", "GOV"),
                       date=_present_time(w, "Thursday", "2025-12-11"),
                       location=_present_place(w, "Bogotá", "Bogotá", "COL", 4.71, -74.07),
                       attribution=[_present_attr(w, "a statement", "document")], intensity=1.0, cluster="cl_talks"),
        _present_event(w, "ASSAULT", "Three people were killed when a drone struck a boat near Tumaco", mode="drone",
                       status="occurred", certainty="reported",
                       target=_present_actor(w, "Three people", "civilians", "COL", "CVL"),
                       date=_present_time(w, "Thursday", "2025-12-11"),
                       location=_present_place(w, "Tumaco", "Tumaco", "COL", 1.8, -78.76),
                       attribution=[_present_attr(w, "local police", "official")], intensity=-9.5,
                       cluster="cl_drone"),
        _present_event(x, "THREATEN", f"Officials said </script><script>{XSS}</script> the navy of Venezuela "
                       "threatened to board ships.", status="planned", certainty="alleged",
                       source=_present_actor(x, "the navy of Venezuela", f"<img src=x onerror=\"{XSS}\">", "VEN",
                                             "MIL"),
                       target=_present_actor(x, "ships", f"<script>{XSS}</script>", None),
                       date=_present_time(x, "Officials", "2025-12-12"),
                       location=_present_place(x, "Venezuela", f"<svg onload=\"{XSS}\">", "VEN", 8.0, -66.0),
                       attribution=[_present_attr(x, "Officials", "official", f"javascript:{XSS}")], intensity=-3.5,
                       cluster="cl_threat"),
    ]


def _present_tables(events):
    seize = [e for e in events if e.cluster == "cl_seize"]

    def side(ev, value):
        return {"event": ev.id, "doc_id": ev.doc_id, "value": value,
                "evidence": {"doc_id": ev.doc_id, "start": ev.evidence_start, "end": ev.evidence_end,
                             "text": ev.evidence_text}, "sources": [a.name or a.text for a in ev.attribution]}

    clusters = sorted({e.cluster for e in events})

    def members(c):
        return [e for e in events if e.cluster == c]

    def code(actor):
        return actor.code if actor else None

    def esc(dyad, period, start, end, index, cl):
        src, tgt = dyad.split("->")
        return {"dyad": dyad, "source": src, "target": tgt, "period": period, "start": start, "end": end,
                "index": index, "clusters": cl}

    return {  # the shapes casus.link writes
        "clusters": [{"cluster": c, "type": members(c)[0].type, "status": members(c)[0].status,
                      "source": code(members(c)[0].source), "target": code(members(c)[0].target),
                      "start": members(c)[0].date.first, "end": members(c)[-1].date.last,
                      "mentions": [e.id for e in members(c)], "documents": sorted({e.doc_id for e in members(c)}),
                      "origins": len(members(c)), "origin_list": sorted({e.doc_id for e in members(c)}),
                      "contradictions": ["denial"] if c == "cl_seize" else []} for c in clusters],
        "contradictions": [{"cluster": "cl_seize", "kind": "denial", "detail": "asserted vs denied",
                            "sides": [side(seize[0], "occurred"), side(seize[1], "denied")]}],
        "timeline": [{"cluster": c, "start": members(c)[0].date.first, "end": members(c)[-1].date.last,
                      "type": members(c)[0].type, "status": members(c)[0].status, "mentions": len(members(c)),
                      "corroboration": len(members(c))} for c in clusters],
        "escalation": [  # in casus.link's order: dyad, period, start
            esc("USA->VEN", "day", "2025-12-10", "2025-12-10", 9.8, "cl_seize"),
            esc("USA->VEN", "day", "2025-12-11", "2025-12-11", 0.0, "cl_seize"),
            esc("USA->VEN", "week", "2025-12-08", "2025-12-14", 9.8, "cl_seize"),
            esc("VEN->USA", "day", "2025-12-10", "2025-12-10", 2.0, "cl_accuse"),
            esc("VEN->USA", "week", "2025-12-08", "2025-12-14", 2.0, "cl_accuse")],
    }


@pytest.fixture(scope="session")
def present_records():
    """(documents, events, link tables) written by hand for the presentation tests."""
    events = _present_events()
    return _present_documents(), events, _present_tables(events)


@pytest.fixture(scope="session")
def present_db(tmp_path_factory, present_records) -> Path:
    """A DuckDB store holding ``present_records``, as a run leaves it."""
    from casus.pipeline import keyed_rows
    from casus.records import InputError
    from casus.store import Store

    docs, events, tables = present_records
    path = tmp_path_factory.mktemp("present-db") / "casus.duckdb"
    with Store(path) as store:
        store.write_batch(docs, events)
        store.write_errors([InputError("bad/<b>file</b>.txt", "cannot decode text: <script>x</script>")])
        store.write_links({}, {e.id: e.cluster for e in events}, keyed_rows(tables), dict.fromkeys(tables))
    return path


@pytest.fixture(scope="session")
def traffic_samples() -> Path:
    """The real ADS-B trajectories shipped as package data by ``traffic`` (the optional ``tracks``
    extra); read in place, never copied. ``pip install --no-deps traffic==2.13`` is enough."""
    import importlib.util

    spec = importlib.util.find_spec("traffic")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("needs the 'traffic' package (pip install casus[tracks]) for its sample trajectories")
    root = Path(next(iter(spec.submodule_search_locations))) / "data" / "samples"
    if not root.is_dir():
        pytest.skip(f"the installed 'traffic' has no sample data at {root}")
    return root


@pytest.fixture(scope="session")
def seed_mentions(nlp) -> dict[str, dict]:
    """Language-layer output on the three seeds (Documents built from the files + manifest dates):
    doc_id -> {"doc", "actors", "places", "equipment"}."""
    import csv

    from casus.annotate import parse
    from casus.records import Document, Published
    from casus.resolve.actors import resolve_actors
    from casus.resolve.equipment import find_equipment
    from casus.resolve.places import resolve_places

    seeds = shared_path("seeds")
    with (seeds / "manifest.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    docs = [Document(doc_id=r["path"].rsplit(".", 1)[0], path=r["path"],
                     text=(seeds / r["path"]).read_text(encoding="utf-8-sig"),
                     published=Published(r["published"], "manifest")) for r in rows]
    return {doc.doc_id: {"doc": doc, "actors": resolve_actors(doc, parsed), "places": resolve_places(doc, parsed),
                         "equipment": find_equipment(doc, parsed)} for doc, parsed in parse(nlp, docs)}


# --------------------------------------------------------------------------- present: flight tracks
# One short article written for these tests (not from ../shared) beside the repository's synthetic track.
TRACKS_ARTICLE = """Russian military transport lands in Havana after circling off the coast

A Russian Il-76 military transport aircraft, registration RA-99001, landed at José Martí International \
Airport in Havana on Sunday after flying two loops over the Florida Straits, Cuban officials said.

The Cuban foreign ministry said the aircraft brought spare parts for the island's power stations. \
The United States accused Russia of using the flight to probe American air defences.
"""
TRACKS_MANIFEST = ("path,published,outlet,url,title,language\n"
                   "havana_landing.txt,2024-03-11,Caribbean Ledger,https://ledger.example.org/havana-landing,"
                   "Russian military transport lands in Havana after circling off the coast,en\n")


@pytest.fixture(scope="session")
def tracks_out(tmp_path_factory, nlp) -> Path:
    """OUT_DIR of `casus run examples/tracks/synthetic_track.csv ARTICLE --register register.csv`."""
    from casus.pipeline import run
    from casus.present import write_outputs

    base = tmp_path_factory.mktemp("tracks-out")
    articles = base / "articles"
    articles.mkdir()
    (articles / "havana_landing.txt").write_text(TRACKS_ARTICLE, encoding="utf-8")
    (articles / "manifest.csv").write_text(TRACKS_MANIFEST, encoding="utf-8")
    examples = ROOT / "examples" / "tracks"
    out = base / "out"
    result = run([examples / "synthetic_track.csv", articles], out / "casus.duckdb",
                 Settings(register=str(examples / "register.csv")), nlp=nlp)
    write_outputs(out, result)
    return out


def state_annotations(text: str, states: dict[str, str]) -> Annotations:
    """Hand-built annotations: every occurrence of a listed name is a state actor with its code."""
    actors = []
    for name, code in states.items():
        at = text.find(name)
        while at >= 0:
            actors.append(Actor(at, at + len(name), name, name, code, "GOV", "state"))
            at = text.find(name, at + len(name))
    return Annotations("t", actors=sorted(actors, key=lambda a: a.start))


def extract_with_states(nlp, text: str, states: dict[str, str]) -> list:
    """Events of one sentence, parsed by the real model, with the listed names as the only actors."""
    from casus.extract import extract_events

    doc = Document("t", "t.txt", text, published=Published("2024-05-10", "manifest"))
    return extract_events(doc, nlp(text), state_annotations(text, states))


def pipeline_out(tmp_path_factory, nlp, corpus: Path, name: str) -> Path:
    """OUT_DIR of one in-process run of the pipeline over a corpus."""
    from casus.pipeline import run
    from casus.present import write_outputs

    out = tmp_path_factory.mktemp(name)
    write_outputs(out, run([corpus], out / "casus.duckdb", Settings(), nlp=nlp))
    return out


def run_scorer(gold: Path, out: Path):
    """The shared scorer over a run's OUT_DIR (skips without ../shared)."""
    import subprocess
    import sys

    scorer = shared_path("tools", "score_events.py")
    return subprocess.run([sys.executable, str(scorer), "--gold", str(gold), "--out", str(out)],
                          capture_output=True, text=True, timeout=120, check=False)
