"""B³ of Casus event clustering on the ECB+ gold event mentions.

    python -m casus.link.ecb_eval --shared ../shared [--topics 36-45]

What the figure measures: gold mentions (triggers) are given; ECB+ gold topics are used as the
document clustering (each topic is linked on its own, the usual "gold topic" setting); Casus's
``link`` then clusters the mentions of a topic with the same similarity, blocking and average
linkage it uses on news, the trigger's class standing in for the PLOVER type. B³ (Bagga & Baldwin
1998) is computed over every mention, within and across documents. Two baselines are printed beside
it: every mention alone (singletons) and one cluster per trigger class per topic (lemma match).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from casus.link import link
from casus.link.ecb import EcbDoc, read_topics


def b_cubed(gold: dict[str, str], predicted: dict[str, str]) -> tuple[float, float, float]:
    """(precision, recall, F1) of B³ over the mentions of ``gold`` (mention -> cluster label)."""
    if not gold:
        return 0.0, 0.0, 0.0
    g_sets: dict[str, set[str]] = defaultdict(set)
    p_sets: dict[str, set[str]] = defaultdict(set)
    for m in gold:
        g_sets[gold[m]].add(m)
        p_sets[predicted.get(m, f"alone:{m}")].add(m)
    p = r = 0.0
    for m in gold:
        g, pr = g_sets[gold[m]], p_sets[predicted.get(m, f"alone:{m}")]
        common = len(g & pr)
        p += common / len(pr)
        r += common / len(g)
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _topic_range(spec: str | None) -> set[str] | None:
    if not spec:
        return None
    lo, _, hi = spec.partition("-")
    return {str(t) for t in range(int(lo), int(hi or lo) + 1)}


def evaluate(topics: dict[str, list[EcbDoc]]) -> dict[str, tuple[float, float, float]]:
    """B³ of Casus and of the two baselines over the given topics."""
    gold: dict[str, str] = {}
    casus: dict[str, str] = {}
    lemma: dict[str, str] = {}
    for topic, docs in topics.items():
        events = [e for d in docs for e in d.events]
        result = link([d.document for d in docs], events)
        for d in docs:
            gold.update({k: f"{topic}:{v}" for k, v in d.gold.items()})
        casus.update(result.cluster_of)
        lemma.update({e.id: f"{topic}:{e.type}" for e in events})
    singletons = {m: m for m in gold}
    return {"casus": b_cubed(gold, casus), "lemma": b_cubed(gold, lemma), "singleton": b_cubed(gold, singletons),
            "mentions": (float(len(gold)), 0.0, 0.0)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--topics", help="a topic range such as 36-45 (the usual test split); all when absent")
    args = ap.parse_args(argv)
    root = args.shared / "corpora" / "ecbplus_event_coref"
    if not root.is_dir():
        ap.error(f"no ECB+ corpus at {root}")
    wanted = _topic_range(args.topics)
    topics = {t: d for t, d in read_topics(root).items() if wanted is None or t in wanted}
    scores = evaluate(topics)
    lines = [f"ECB+ topics={len(topics)} mentions={int(scores['mentions'][0])} (gold mentions, gold topics)"]
    for name in ("casus", "lemma", "singleton"):
        p, r, f = scores[name]
        lines.append(f"B3 {name:<9} P={p:.3f} R={r:.3f} F1={f:.3f}")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
