"""The error catalogue: every template formats with its named fields into one line."""

from __future__ import annotations

import string
from pathlib import Path

from casus.errors import Messages


def templates() -> dict[str, str]:
    return {k: v for k, v in vars(Messages).items() if k[0] == "E" and k[1:].isdigit()}


def test_errors_every_template_is_used():
    src = Path(__file__).resolve().parents[1] / "src" / "casus"
    code = "\n".join(p.read_text(encoding="utf-8") for p in src.rglob("*.py") if p.name != "errors.py")
    unused = [k for k in templates() if f"Messages.{k}" not in code]
    assert unused == []


def test_errors_templates_format_into_one_line():
    for code, template in templates().items():
        fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
        line = template.format(**{f: "x\ny" .replace("\n", " ") for f in fields})
        assert "\n" not in line and line, code
