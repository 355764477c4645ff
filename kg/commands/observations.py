"""``kg observations``: every observation of a graph as one table row (CSV or Parquet)."""

from __future__ import annotations

import sys

import click

from kg.errors import KGError


@click.command("observations")
@click.argument("graph", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", default="csv", show_default=True, type=click.Choice(["csv", "parquet"]),
              help="csv: UTF-8 text with a header line; parquet: needs pyarrow (pip install 'envkg[parquet]').")
@click.option("--out", "out_path", default=None, type=click.Path(dir_okay=False),
              help="File to write (atomically); default: standard output (CSV only).")
def observations_command(graph, fmt, out_path):
    """Write one row per observation of GRAPH: subject, indicator, value, unit, year, article, evidence, conflicts.

    \b
    Example:
        kg observations out/graph.ttl > observations.csv
        kg observations out/graph.ttl --format parquet --out observations.parquet
    """
    from kg.observations_table import generate_table, observation_rows, write_table
    from kg.store import load_store

    if fmt == "parquet" and out_path is None:
        click.echo("error: Parquet is binary: give a file with --out FILE.", err=True)
        sys.exit(2)
    try:
        rows = observation_rows(load_store(graph))
        if out_path is None:
            click.echo(generate_table(rows, fmt).decode("utf-8"), nl=False)
        else:
            write_table(rows, out_path, fmt)
            click.echo(f"wrote {len(rows):,} observations to {out_path}", err=True)
    except KGError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(e.exit_code)
