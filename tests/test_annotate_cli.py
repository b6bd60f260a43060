"""`casus annotate`: every mention with its resolution, as a table or JSON lines."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from casus.cli import main

TEXT = ("Venezuelan Defense Minister Vladimir Padrino López said the Venezuelan army moved S-300 batteries "
        "to La Orchila, while the Pentagon sent F-35 jets to Puerto Rico.\n")


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "crisis.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_annotate_cli_jsonl_lists_resolved_mentions(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["annotate", str(_write(tmp_path)), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    by_text = {(r["kind"], r["text"]): r for r in rows}
    for r in rows:
        assert TEXT[r["start"]:r["end"]] == r["text"]
    assert by_text[("actor", "Vladimir Padrino López")]["resolution"]["code"] == "VEN"
    assert by_text[("actor", "Venezuelan army")]["resolution"]["sector"] == "MIL"
    assert by_text[("actor", "Pentagon")]["resolution"]["code"] == "USA"
    assert by_text[("equipment", "S-300")]["resolution"]["origin"] == "RUS"
    assert by_text[("place", "La Orchila")]["resolution"]["country"] == "VEN"
    assert by_text[("place", "Puerto Rico")]["resolution"]["country"] == "PRI"


def test_annotate_cli_table_and_missing_path(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["annotate", str(_write(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "crisis" in result.output and "Pentagon" in result.output and "equipment" in result.output
    missing = CliRunner().invoke(main, ["annotate", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 2


def test_annotate_cli_jsonl_output_is_only_json(tmp_path):
    """With --format jsonl every stdout line is one JSON object, even over several documents."""
    import json

    from click.testing import CliRunner

    from casus.cli import main

    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text("Russian troops entered Kharkiv on Monday.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["annotate", str(tmp_path), "--format", "jsonl"])
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert result.exit_code == 0 and lines
    assert all(isinstance(json.loads(line), dict) for line in lines)
