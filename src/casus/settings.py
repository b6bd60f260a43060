"""Settings declared once, with defaults and help text (datasette's ``Setting`` is the model).

The CLI exposes them as options and ``docs/settings.md`` lists them; a test checks both agree.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class Settings:
    max_file_bytes: int = 50_000_000
    max_decompressed_bytes: int = 200_000_000
    max_record_chars: int = 2_000_000
    batch_size: int = 48
    workers: int = 1
    follow_symlinks: bool = False
    dask: str | None = None
    register: str | None = None


HELP: dict[str, str] = {
    "max_file_bytes": "Refuse any input file larger than this many bytes, before reading it.",
    "max_decompressed_bytes": "Refuse a gzip input whose decompressed content grows past this many bytes.",
    "max_record_chars": "Skip one article record (CSV field, JSON line, feed item) longer than this.",
    "batch_size": "Documents per spaCy batch and per store transaction (32-64: memory grows steeply beyond).",
    "workers": "Worker processes for the per-document stages.",
    "follow_symlinks": "Follow symbolic links inside corpus directories.",
    "dask": "Run the per-document stages on Dask: a scheduler address, or 'local' for a LocalCluster of WORKERS.",
    "register": "Aircraft register (CSV or YAML: icao24, registration, type, operator, country, military, sanctioned).",
}


def setting_names() -> list[str]:
    return [f.name for f in fields(Settings)]
