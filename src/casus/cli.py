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
@click.option("-v", "--verbose", is_flag=True, help="Log each stored batch and other progress to stderr.")
def main(verbose: bool) -> None:
    """Casus: news about a geopolitical crisis in, verifiable event data out."""
    logging.basicConfig(level=logging.WARNING, format="casus: %(levelname)s: %(message)s")
    logging.getLogger("casus").setLevel(logging.INFO if verbose else logging.WARNING)


@main.command("run")
@click.argument("corpora", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path), help="Output directory.")
@click.option("--db", "db_path", type=click.Path(path_type=Path), default=None,
              help="DuckDB store to write into (default OUT_DIR/casus.duckdb); share one across runs.")
@click.option("--batch-size", type=click.IntRange(1, 1024), default=DEFAULTS.batch_size, help=HELP["batch_size"])
@click.option("--workers", type=click.IntRange(1, 64), default=DEFAULTS.workers, help=HELP["workers"])
@click.option("--max-file-bytes", type=click.IntRange(1), default=DEFAULTS.max_file_bytes,
              help=HELP["max_file_bytes"])
@click.option("--max-decompressed-bytes", type=click.IntRange(1), default=DEFAULTS.max_decompressed_bytes,
              help=HELP["max_decompressed_bytes"])
@click.option("--max-record-chars", type=click.IntRange(1), default=DEFAULTS.max_record_chars,
              help=HELP["max_record_chars"])
@click.option("--follow-symlinks", is_flag=True, help=HELP["follow_symlinks"])
@click.option("--dask", default=None, metavar="ADDRESS|local", help=HELP["dask"])
@click.option("--register", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help=HELP["register"])
@click.option("--quiet", is_flag=True, help="No progress bar.")
def run_cli(corpora: tuple[Path, ...], out_dir: Path, db_path: Path | None, batch_size: int, workers: int,
            max_file_bytes: int, max_decompressed_bytes: int, max_record_chars: int, follow_symlinks: bool,
            dask: str | None, register: Path | None, quiet: bool) -> None:
    """Process CORPORA (files or directories) into OUT_DIR, as the output contract says."""
    from casus.pipeline import run
    from casus.present import write_outputs

    for corpus in corpora:
        if not corpus.exists():
            raise click.UsageError(Messages.E011.format(path=corpus))
    if register is not None:
        check_register(register)
    settings = Settings(batch_size=batch_size, workers=workers, max_file_bytes=max_file_bytes,
                        max_decompressed_bytes=max_decompressed_bytes, max_record_chars=max_record_chars,
                        follow_symlinks=follow_symlinks, dask=dask, register=str(register) if register else None)
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


def check_register(path: Path) -> None:
    """A register that cannot be read is a usage error, before any work starts."""
    from casus.tracks import RegisterError, load_register

    try:
        load_register(path)
    except RegisterError as exc:
        raise click.UsageError(f"--register {path}: {exc}") from exc


def _progress(console: Console, quiet: bool) -> Progress:
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=console, disable=quiet or not console.is_terminal,
                    transient=True)


@main.command("serve")
@click.option("--db", "db_path", type=click.Path(path_type=Path, dir_okay=False), default=Path("out/casus.duckdb"),
              show_default=True, help="DuckDB store to serve (read from a copy: a run may write it meanwhile).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind; loopback by default.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="TCP port.")
def serve_cli(db_path: Path, host: str, port: int) -> None:
    """Serve the JSON API (/api/..., /openapi.json) and the live dashboard (/) over a store."""
    from casus.present.serve import serve

    try:
        serve(db_path, host, port)
    except CasusError as exc:
        fail(exc)


@main.command("export")
@click.option("--db", "db_path", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="DuckDB store to export (read from a copy).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True,
              help="File format of the exported tables.")
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Directory to write events.FORMAT, clusters.FORMAT and documents.FORMAT into.")
def export_cli(db_path: Path, fmt: str, out_dir: Path) -> None:
    """Export events, clusters and documents of a store, loadable by pandas and DuckDB as they are."""
    from casus.present.export import export_store

    try:
        written = export_store(db_path, fmt, out_dir)
    except CasusError as exc:
        fail(exc)
    except OSError as exc:
        click.echo(f"casus: error: cannot write {out_dir}: {exc.strerror}", err=True)
        sys.exit(1)
    for path in written.values():
        click.echo(str(path))


@main.command("annotate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True,
              help="A table per document, or one JSON object per mention on stdout.")
def annotate_cli(paths: tuple[Path, ...], fmt: str) -> None:
    """Print every actor, place and equipment mention of FILE|DIR with its resolution (for debugging)."""
    import json

    from rich.table import Table

    from casus.records import Document, InputError
    from casus.resolve.mentions import annotate_paths

    for path in paths:
        if not path.exists():
            raise click.UsageError(Messages.E011.format(path=path))
    console, table = Console(), None
    try:
        for item in annotate_paths(list(paths)):
            if isinstance(item, InputError):
                click.echo(f"casus: skipped {item.path}: {item.error}", err=True)
            elif isinstance(item, Document):
                if table is not None and fmt == "table":
                    console.print(table)
                table = Table("kind", "text", "start", "end", "resolution", title=item.doc_id)
            elif fmt == "jsonl":
                click.echo(json.dumps(item.to_json(), ensure_ascii=False))
            else:
                table.add_row(item.kind, item.text, str(item.start), str(item.end), item.summary())
    except CasusError as exc:
        fail(exc)
    if table is not None and fmt == "table":
        console.print(table)
