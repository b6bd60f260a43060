"""Shared fixtures: the ../shared folder (tests that need it skip cleanly without it), the model,
and one run of the pipeline on the seeds, built once per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casus.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT.parent / "shared").resolve()


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the calling test with the reason."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs ../shared/{'/'.join(parts)}, which is absent on this machine")
    return path


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
