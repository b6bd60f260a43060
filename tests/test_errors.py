"""The error catalogue: every template formats with its named fields into one line."""

from __future__ import annotations

import string

from casus.errors import Messages


def templates() -> dict[str, str]:
    return {k: v for k, v in vars(Messages).items() if k[0] == "E" and k[1:].isdigit()}


def test_errors_codes_are_unique_and_sequential():
    codes = sorted(int(k[1:]) for k in templates())
    assert codes == list(range(1, len(codes) + 1))


def test_errors_templates_format_into_one_line():
    for code, template in templates().items():
        fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
        line = template.format(**{f: "x\ny" .replace("\n", " ") for f in fields})
        assert "\n" not in line and line, code
