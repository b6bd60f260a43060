"""The command line: thin commands that parse options and call the library.

Every ``CasusError`` becomes one line on stderr and its exit code; per-input problems are printed
one line each and recorded in errors.jsonl while the run goes on.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from casus import __version__
from casus.errors import CasusError, Messages
from casus.settings import HELP, Settings

DEFAULTS = Settings()


def fail(exc: CasusError) -> None:
    click.echo(f"casus: error: {exc}", err=True)
    sys.exit(exc.exit_code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="casus")
def main() -> None:
    """Casus: news about a geopolitical crisis in, verifiable event data out."""
    logging.basicConfig(level=logging.WARNING, format="casus: %(levelname)s: %(message)s")


@main.command("run")
@click.argument("corpora", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path), help="Output directory.")
@click.option("--db", "db_path", type=click.Path(path_type=Path), default=None,
              help="DuckDB store to write into (default OUT_DIR/casus.duckdb); share one across runs.")
@click.option("--batch-size", type=click.IntRange(1, 1024), default=DEFAULTS.batch_size, help=HELP["batch_size"])
@click.option("--workers", type=click.IntRange(1, 64), default=DEFAULTS.workers, help=HELP["workers"])
@click.option("--max-file-bytes", type=click.IntRange(1), default=DEFAULTS.max_file_bytes,
              help=HELP["max_file_bytes"])
@click.option("--dask", default=None, metavar="ADDRESS|local", help=HELP["dask"])
@click.option("--quiet", is_flag=True, help="No progress bar.")
def run_cli(corpora: tuple[Path, ...], out_dir: Path, db_path: Path | None, batch_size: int, workers: int,
            max_file_bytes: int, dask: str | None, quiet: bool) -> None:
    """Process CORPORA (files or directories) into OUT_DIR, as the output contract says."""
    from casus.pipeline import run
    from casus.present import write_outputs

    for corpus in corpora:
        if not corpus.exists():
            raise click.UsageError(Messages.E011.format(path=corpus))
    settings = Settings(batch_size=batch_size, workers=workers, max_file_bytes=max_file_bytes, dask=dask)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        click.echo(f"casus: error: cannot create {out_dir}: {exc.strerror}", err=True)
        sys.exit(1)
    console = Console(stderr=True)
    try:
        with _progress(console, quiet) as bar:
            task = bar.add_task("documents", total=None)
            result = run(list(corpora), db_path or out_dir / "casus.duckdb", settings,
                         progress=lambda n: bar.advance(task, n))
        for err in result.errors:
            click.echo(f"casus: skipped {err.path}: {err.error}", err=True)
        write_outputs(out_dir, result)
    except CasusError as exc:
        fail(exc)
    if not quiet:
        console.print(f"{len(result.documents)} documents ({result.processed} processed, {result.skipped} "
                      f"unchanged), {len(result.events)} events, {len(result.errors)} errors -> {out_dir}")


def _progress(console: Console, quiet: bool) -> Progress:
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=console, disable=quiet or not console.is_terminal,
                    transient=True)
