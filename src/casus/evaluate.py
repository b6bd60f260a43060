"""`make eval`: the event-extraction quality gate and its side measures, in one table.

    python -m casus.evaluate --shared ../shared [--json] [--polnear-limit N]

1. Seeds: the pipeline over ``shared/seeds`` scored by ``shared/tools/score_events.py``.
2. Dev sets: the same pipeline and scorer over ``evaldata/dev`` and ``evaldata/dev2`` (our own articles on
   other crises; dev2 was written blind, without seeing the extractor).
3. PLOVER GSR: event-type accuracy on the 322 coded sentences, each run as a tiny document.
4. ACLED snippets (CASE 2021 task 2): event-type accuracy through the ACLED -> PLOVER table below.
5. PolNeAR dev: attribution-source precision/recall (metric defined in docs/evaluation.md).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from spacy.language import Language

from casus.records import Document, Event, Published

REPO = Path(__file__).resolve().parents[2]
DEV_SETS = {"dev": REPO / "evaldata" / "dev", "dev2": REPO / "evaldata" / "dev2"}
# ACLED sub-event types (CASE 2021 task 2) -> the PLOVER types a correct extraction may take;
# labels with no PLOVER counterpart (disasters, organised crime, group changes, OTHER) are left out.
ACLED_TO_PLOVER: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in {
    "ABDUCT_DISSAP": {"ASSAULT", "COERCE"}, "AGREEMENT": {"AGREE", "CONSULT", "RETREAT"}, "AIR_STRIKE": {"ASSAULT"},
    "ARMED_CLASH": {"ASSAULT"}, "ARREST": {"COERCE"}, "ART_MISS_ATTACK": {"ASSAULT"}, "ATTACK": {"ASSAULT"},
    "CHEM_WEAP": {"ASSAULT"}, "DISR_WEAP": {"COERCE", "ASSAULT"}, "FORCE_AGAINST_PROTEST": {"COERCE", "ASSAULT"},
    "GOV_REGAINS_TERIT": {"ASSAULT", "COERCE"}, "GRENADE": {"ASSAULT"}, "HQ_ESTABLISHED": {"MOBILIZE"},
    "MOB_VIOL": {"PROTEST", "ASSAULT"}, "NON_STATE_ACTOR_OVERTAKES_TER": {"ASSAULT", "COERCE"},
    "NON_VIOL_TERRIT_TRANSFER": {"RETREAT", "COERCE", "CONCEDE"}, "PEACE_PROTEST": {"PROTEST"},
    "PROTEST_WITH_INTER": {"PROTEST", "COERCE", "ASSAULT"}, "REM_EXPLOS": {"ASSAULT"}, "SEX_VIOL": {"ASSAULT"},
    "SUIC_BOMB": {"ASSAULT"}, "VIOL_DEMONSTR": {"PROTEST"}, "PROPERTY_DISTRUCT": {"ASSAULT", "COERCE"},
    "DIPLO": {"CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION"},
    "ATTRIB": {"ACCUSE", "ASSAULT"},
}.items()}
GSR_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "AGREE"})
HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "THREATEN"})


@dataclass(slots=True)
class Measure:
    name: str
    value: float | None
    detail: str


def load_scorer(shared: Path) -> ModuleType:
    """The shared scorer, imported from its file (it is not a package)."""
    path = shared / "tools" / "score_events.py"
    spec = importlib.util.spec_from_file_location("casus_score_events", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corpus_score(shared: Path, nlp: Language, corpus: Path, gold: Path) -> dict[str, Any]:
    """Run the pipeline on a corpus into a temporary folder and score it against its gold."""
    from casus.pipeline import run
    from casus.present import write_outputs
    from casus.settings import Settings

    scorer = load_scorer(shared)
    with tempfile.TemporaryDirectory(prefix="casus-eval-") as tmp:
        out = Path(tmp)
        write_outputs(out, run([corpus], out / "casus.duckdb", Settings(), nlp=nlp))
        docs = {d["doc_id"]: d["text"] for d in scorer.load_jsonl(out / "documents.jsonl")}
        events = scorer.load_jsonl(out / "events.jsonl")
    return scorer.score(scorer.load_jsonl(gold), docs, events)


def seed_score(shared: Path, nlp: Language) -> dict[str, Any]:
    return corpus_score(shared, nlp, shared / "seeds", shared / "gold" / "seeds.gold.jsonl")


def dev_score(shared: Path, nlp: Language, name: str = "dev") -> dict[str, Any]:
    """A development set (other crises, our own articles): the same pipeline and scorer as the seeds."""
    return corpus_score(shared, nlp, DEV_SETS[name] / "articles", DEV_SETS[name] / "gold.jsonl")


def score_measures(name: str, result: dict[str, Any]) -> list[Measure]:
    """The table rows of one scored corpus: F1, attribute accuracies, boilerplate."""
    a = result["attributes"]
    rows = [Measure(f"{name} event F1", result["f1"],
                    f"P={result['precision']:.3f} R={result['recall']:.3f} "
                    f"({result['matched_required']}/{result['gold_required']}, {result['predicted']} predicted)")]
    rows += [Measure(f"{name} {k} accuracy", a.get(k), result["attribute_counts"][k])
             for k in ("source", "target", "status", "date", "location", "attribution", "status_marked")]
    rows.append(Measure(f"{name} on boilerplate", float(result["predictions_on_boilerplate"]),
                        f"spans faithful {result['spans_faithful']}"))
    return rows


def as_body(text: str) -> str:
    """A snippet as a body paragraph: datasets strip the final full stop of many sentences, and a
    short line without one reads as a heading, which extraction skips (``extract/filters.py``)."""
    from casus.extract.filters import TERMINAL

    body = text.rstrip()
    return body if body.endswith(TERMINAL) else body + "."


def snippet_events(nlp: Language, texts: list[tuple[str, str]]) -> dict[str, list[Event]]:
    """Each (id, text) run as a one-paragraph document published 2000-01-01."""
    from casus.pipeline import process_batch

    docs = [Document(i, i, as_body(t), published=Published("2000-01-01", "manifest"), language="en")
            for i, t in texts]
    return {p.document.doc_id: p.events for p in process_batch(nlp, docs, 64)}


def acled_rows(shared: Path) -> list[tuple[str, str, frozenset[str]]]:
    """(id, snippet, accepted PLOVER types) for the ACLED-typed snippets with a PLOVER counterpart."""
    path = shared / "corpora" / "case2021_task2_acled_snippets" / "task2" / "test_set_final_release_with_labels.tsv"
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) == 3 and parts[2].strip() in ACLED_TO_PLOVER:
            rows.append((f"acled-{parts[0]}", parts[1], ACLED_TO_PLOVER[parts[2].strip()]))
    return rows


def acled_accuracy(shared: Path, nlp: Language) -> tuple[float, int]:
    """Share of ACLED snippets whose surest extracted type is one the ACLED label maps to."""
    rows = acled_rows(shared)
    done = snippet_events(nlp, [(i, t) for i, t, _ in rows])
    hits = sum(predicted_type(done[i], False) in accepted for i, _t, accepted in rows)
    return hits / len(rows), len(rows)


def gsr_label(record: dict[str, Any]) -> str | None:
    label = record.get("event")
    return GSR_LABELS.get(label, label) if label and label != "CRIME" else None


def predicted_type(events: list[Event], intent: bool) -> str | None:
    """The type of the surest event; with ``intent``, PLOVER's convention that a stated intention
    to cooperate is AGREE and one to do harm is THREATEN."""
    if not events:
        return None
    best = max(events, key=lambda e: (e.confidence or 0.0, -e.evidence_start))
    if intent and best.status in {"planned", "hypothetical"}:
        if best.type in COOPERATIVE:
            return "AGREE"
        if best.type in HOSTILE:
            return "THREATEN"
    return best.type


def gsr_rows(shared: Path) -> list[tuple[int, str, str]]:
    """(index, sentence, contract type) of the PLOVER GSR records with a contract label."""
    records = json.loads((shared / "corpora" / "plover_gsr" / "PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8"))
    return [(i, r["text"].strip(" {}"), label) for i, r in enumerate(records)
            if r.get("text") and (label := gsr_label(r))]


def gsr_accuracy(shared: Path, nlp: Language) -> tuple[float, float, int]:
    """Share of PLOVER GSR sentences whose extracted type is the gold one (strict, with intent rule)."""
    rows = gsr_rows(shared)
    done = snippet_events(nlp, [(f"gsr-{i}", text) for i, text, _ in rows])
    strict = sum(predicted_type(done[f"gsr-{i}"], False) == gold for i, _t, gold in rows)
    intent = sum(predicted_type(done[f"gsr-{i}"], True) == gold for i, _t, gold in rows)
    return strict / len(rows), intent / len(rows), len(rows)


def read_ann(path: Path) -> list[tuple[int, int]]:
    """Gold Source spans of a PolNeAR brat file (discontinuous spans give their outer bounds)."""
    spans = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].startswith("T") and parts[1].startswith("Source "):
            offsets = [int(x) for x in parts[1][len("Source "):].replace(";", " ").split()]
            spans.append((min(offsets), max(offsets)))
    return spans


def polnear_pairs(shared: Path, limit: int | None) -> list[tuple[Path, Path]]:
    base = shared / "corpora" / "polnear_attribution" / "dev"
    pairs = []
    for text in sorted((base / "text").glob("*.txt")):
        anns = sorted((base / "attributions").glob(f"{text.stem}_*.ann"))
        if anns:
            pairs.append((text, anns[0]))
    return pairs[:limit] if limit else pairs


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def polnear_scores(shared: Path, nlp: Language, limit: int | None) -> tuple[float, float, int, int]:
    """Attribution-source precision and recall on the PolNeAR dev split (span overlap, one-to-one)."""
    from casus.annotate import parse
    from casus.extract.attribution import find_sources
    from casus.extract.roles import ActorIndex

    pairs = polnear_pairs(shared, limit)
    docs = [Document(t.stem, str(t), t.read_text(encoding="utf-8")) for t, _a in pairs]
    tp_pred = tp_gold = n_pred = n_gold = 0
    for (doc, parsed), (_t, ann) in zip(parse(nlp, docs, 16), pairs, strict=True):
        gold = read_ann(ann)
        pred = [(a.start, a.end) for a in find_sources(doc, parsed, ActorIndex({}))]
        n_pred, n_gold = n_pred + len(pred), n_gold + len(gold)
        tp_pred += sum(any(overlaps(p, g) for g in gold) for p in pred)
        tp_gold += sum(any(overlaps(g, p) for p in pred) for g in gold)
    return (tp_pred / n_pred if n_pred else 0.0), (tp_gold / n_gold if n_gold else 0.0), n_pred, n_gold


def evaluate(shared: Path, polnear_limit: int | None = None) -> tuple[list[Measure], dict[str, Any]]:
    from casus.annotate import load_pipeline

    nlp = load_pipeline()
    t0 = time.perf_counter()
    seeds = seed_score(shared, nlp)
    measures = score_measures("seeds", seeds)
    for name, folder in DEV_SETS.items():
        if (folder / "gold.jsonl").is_file():
            measures += score_measures(name, dev_score(shared, nlp, name))
    strict, intent, n = gsr_accuracy(shared, nlp)
    measures += [Measure("PLOVER GSR type accuracy", strict, f"{n} sentences"),
                 Measure("PLOVER GSR type accuracy (intent rule)", intent,
                         "planned cooperation = AGREE, harm = THREATEN")]
    acc, n_acled = acled_accuracy(shared, nlp)
    measures.append(Measure("ACLED snippets type accuracy", acc, f"{n_acled} snippets, ACLED->PLOVER table"))
    p, r, n_pred, n_gold = polnear_scores(shared, nlp, polnear_limit)
    measures += [Measure("PolNeAR dev source precision", p, f"{n_pred} predicted"),
                 Measure("PolNeAR dev source recall", r, f"{n_gold} gold")]
    measures.append(Measure("wall seconds", time.perf_counter() - t0, ""))
    return measures, seeds


def print_table(measures: list[Measure]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Casus event extraction")
    for col in ("measure", "value", "detail"):
        table.add_column(col)
    for m in measures:
        table.add_row(m.name, "-" if m.value is None else f"{m.value:.3f}", m.detail)
    Console().print(table)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared research folder")
    ap.add_argument("--json", action="store_true", help="print the measures as JSON instead of a table")
    ap.add_argument("--polnear-limit", type=int, default=None, help="score only the first N PolNeAR dev articles")
    args = ap.parse_args(argv)
    if not (args.shared / "seeds").is_dir():
        ap.error(f"no seeds under {args.shared}")
    measures, _seeds = evaluate(args.shared.resolve(), args.polnear_limit)
    if args.json:
        print(json.dumps({m.name: m.value for m in measures}, indent=2))
    else:
        print_table(measures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
