"""Vocabularies: general data files (``vocab/data/*.json``, each with a JSON Schema beside it).

Every file names where its facts come from in a ``source`` field. Loaders are cached, so a
vocabulary is read and compiled once per process, never per document.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_name("data")

#: The data files of this package that have a schema (``<name>.schema.json``) beside them.
VOCABULARIES = ("demonyms", "country_aliases", "organizations", "media", "people", "titles", "institutions",
                "equipment", "places", "collectives")


@cache
def load(name: str) -> dict[str, Any]:
    """One vocabulary file as parsed JSON (read once per process)."""
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


@cache
def schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one vocabulary file."""
    return json.loads((DATA / f"{name}.schema.json").read_text(encoding="utf-8"))
