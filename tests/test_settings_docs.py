"""Every setting is documented in docs/settings.md with its default and the help text the CLI shows
(datasette's test_docs is the model): the docs cannot drift from the code."""

from __future__ import annotations

from pathlib import Path

from casus.settings import HELP, Settings, setting_names

DOCS = Path(__file__).resolve().parents[1] / "docs" / "settings.md"


def test_settings_every_setting_has_help():
    assert set(HELP) == set(setting_names())


def test_settings_docs_list_each_setting_with_default_and_help():
    rows = {line.split("|")[1].strip().strip("`"): line for line in DOCS.read_text().splitlines()
            if line.startswith("| `")}
    defaults = Settings()
    for name in setting_names():
        assert name in rows, f"docs/settings.md lacks {name}"
        assert f"| {getattr(defaults, name)} |" in rows[name]
        assert HELP[name] in rows[name]


def test_settings_every_setting_is_a_run_option():
    from click.testing import CliRunner

    from casus.cli import main

    help_text = CliRunner().invoke(main, ["run", "--help"], terminal_width=1000).output
    for name in setting_names():
        assert f"--{name.replace('_', '-')}" in help_text, name
