"""Build src/casus/present/assets/world.json from Natural Earth 110m TopoJSON (npm package world-atlas).

Run once by hand when the geometry should change (nothing fetches it at run time):
    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_world_geometry.py package/ src/casus/present/assets/world.json
Output: {"land": [ring, ...], "borders": [line, ...]}, each a flat list [lon0, lat0, lon1, lat1, ...]
rounded to 0.1 degree, for an equirectangular plot. Natural Earth is in the public domain.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Undo TopoJSON's quantisation and delta encoding."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def flat(points: list[tuple[float, float]]) -> list[float]:
    """Round to 0.1 degree and drop repeated points."""
    out: list[float] = []
    for lon, lat in points:
        pair = [round(lon, 1), round(lat, 1)]
        if out[-2:] != pair:
            out.extend(pair)
    return out


def polygons(geometry: dict[str, Any]) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def land_rings(topo: dict[str, Any]) -> list[list[float]]:
    arcs = decode_arcs(topo)
    rings = []
    for geometry in topo["objects"]["land"]["geometries"]:
        for polygon in polygons(geometry):
            rings.extend(flat(ring_points(ring, arcs)) for ring in polygon)
    return [r for r in rings if len(r) >= 8]


def border_lines(topo: dict[str, Any]) -> list[list[float]]:
    lines = [flat(arc) for arc in decode_arcs(topo)]
    return [line for line in lines if len(line) >= 4]


def main(src: Path, dest: Path) -> None:
    land = json.loads((src / "land-110m.json").read_text())
    countries = json.loads((src / "countries-110m.json").read_text())
    data = {"source": "Natural Earth 1:110m via world-atlas 2.0.2 (public domain)",
            "land": land_rings(land), "borders": border_lines(countries)}
    dest.write_text(json.dumps(data, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
