"""Writes synthetic_track.csv: a made-up state aircraft (icao24 f0c001, registration RA-99001 in the
example register) that flies towards Havana, goes dark for 12 minutes, holds north of the coast for
two and a half turns, and lands at José Martí airport (MUHA). Run: python make_synthetic.py"""

from __future__ import annotations

import csv
import math
from pathlib import Path

STEP_S = 20
KM_PER_DEG = 111.2
START = 1710064800  # 2024-03-10T10:00:00Z
RUNWAY = (22.9892, -82.4091)  # MUHA reference point


def move(lat: float, lon: float, heading: float, km: float) -> tuple[float, float]:
    rad = math.radians(heading)
    return (lat + km * math.cos(rad) / KM_PER_DEG,
            lon + km * math.sin(rad) / (KM_PER_DEG * math.cos(math.radians(lat))))


def rows() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    t, lat, lon, alt, heading = START, 24.2, -79.6, 24000.0, 250.0

    def emit(gs: float, vr: float, ground: bool) -> None:
        out.append({"timestamp": t, "icao24": "f0c001", "callsign": "RFF9101", "latitude": round(lat, 5),
                    "longitude": round(lon, 5), "altitude": round(alt), "groundspeed": gs,
                    "track": round(heading % 360, 1), "vertical_rate": vr, "onground": ground})

    for n in range(60):  # cruise west-south-west, with 12 minutes of silence in the middle
        if not 20 <= n < 56:
            emit(420, 0, ground=False)
        t += STEP_S
        lat, lon = move(lat, lon, heading, 420 * 1.852 * STEP_S / 3600)
    for _ in range(2 * 45 + 20):  # hold: 2.5 full turns of 8 degrees per step, descending to 8000 ft
        heading -= 8
        alt = max(8000.0, alt - 300)
        emit(220, -900 if alt > 8000 else 0, ground=False)
        t += STEP_S
        lat, lon = move(lat, lon, heading, 220 * 1.852 * STEP_S / 3600)
    while (dist := math.dist((lat, lon), RUNWAY) * KM_PER_DEG) > 0.4:  # straight in to the runway
        heading = math.degrees(math.atan2((RUNWAY[1] - lon) * math.cos(math.radians(lat)), RUNWAY[0] - lat))
        alt = max(0.0, min(alt, dist * 320))
        emit(160, -800, ground=False)
        t += STEP_S
        lat, lon = move(lat, lon, heading, min(dist, 160 * 1.852 * STEP_S / 3600))
    for _ in range(8):  # roll-out and taxi
        alt = 0.0
        emit(25, 0, ground=True)
        t += STEP_S
        lat, lon = move(lat, lon, heading, 0.1)
    return out


def main() -> None:
    data = rows()
    with (Path(__file__).parent / "synthetic_track.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(data[0]))
        writer.writeheader()
        writer.writerows(data)


if __name__ == "__main__":
    main()
