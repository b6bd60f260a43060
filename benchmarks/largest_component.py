"""What holds a store's largest merge component together (the unit an add merges again whole).

Reads the stored link state and the events' clusters, and prints for the largest connected
component of the merge graph: its mentions, edges and final clusters; how many edges join
mentions of one final cluster (the rest are merges the average linkage refused); the largest
piece left with those edges alone, or with only edges inside a document; and what asking more of
edges between documents (a margin over the threshold) would leave, and cost in kept edges.

    python benchmarks/largest_component.py STORE.duckdb [--margins 0.02 0.05 0.1 0.15]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from casus.link.clusters import components
from casus.link.similarity import DEFAULT
from casus.link.state import LinkState
from casus.store import Store

Edge = tuple[str, str, float]


def largest_piece(members: list[str], edges: list[Edge]) -> tuple[int, int]:
    """(the largest connected piece, the number of pieces) of members under these edges."""
    index = {m: i for i, m in enumerate(members)}
    pieces = components(len(members), [(index[a], index[b]) for a, b, _ in edges])
    return max(len(p) for p in pieces), len(pieces)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store", type=Path)
    ap.add_argument("--margins", type=float, nargs="+", default=[0.02, 0.05, 0.1, 0.15])
    args = ap.parse_args()
    with Store(args.store, read_only=True) as store:
        state = LinkState.from_rows(store.link_table("link_state"))
        rows = store.con.execute("SELECT id, cluster, doc_id FROM events").fetchall()
    if state is None or not state.components:
        raise SystemExit(f"{args.store}: no link state of this version, or no component of two mentions")
    cluster = {i: c for i, c, _ in rows}
    doc = {i: d for i, _, d in rows}
    key, members = max(state.components.items(), key=lambda kv: len(kv[1]))
    edges = state.edges[key]
    kept = [e for e in edges if cluster[e[0]] == cluster[e[1]]]
    inside = [e for e in edges if doc[e[0]] == doc[e[1]]]
    sizes = Counter(cluster[m] for m in members)
    print(f"largest component: {len(members):,} mentions, {len(edges):,} edges, {len(sizes):,} final clusters "
          f"({sum(1 for n in sizes.values() if n > 1):,} of more than one mention)")
    print(f"edges within one final cluster: {len(kept):,}; refused merges: {len(edges) - len(kept):,}")
    for label, chosen in (("with those edges alone", kept), ("with edges inside a document alone", inside)):
        size, pieces = largest_piece(members, chosen)
        print(f"{label}: largest piece {size:,} of {pieces:,} pieces")
    for margin in args.margins:
        bar = DEFAULT.threshold + margin

        def stays(e: Edge, bar: float = bar) -> bool:
            return doc[e[0]] == doc[e[1]] or e[2] >= bar

        lost = sum(1 for e in kept if not stays(e))
        size, pieces = largest_piece(members, [e for e in edges if stays(e)])
        print(f"edges between documents need {bar:.2f}: largest piece {size:,} of {pieces:,} pieces; "
              f"edges within one final cluster lost: {lost:,} of {len(kept):,}")


if __name__ == "__main__":
    main()
