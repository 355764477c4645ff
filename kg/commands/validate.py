"""``kg validate``: check a built graph against the envkg SHACL shapes.

Exit codes: 0 the graph conforms, 1 it does not, 2 validation could not run.
"""

from __future__ import annotations

from pathlib import Path

import click

from kg.errors import KGError
from kg.validate import ENGINES, summarize, validate_file, write_report


@click.command("validate")
@click.argument("graph_path", metavar="GRAPH", type=click.Path(path_type=Path))
@click.option(
    "--shapes", type=click.Path(path_type=Path, dir_okay=False), default=None,
    help="SHACL shapes file (default: ontology/shapes.ttl).",
)
@click.option(
    "--report-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
    help="Also write validation.ttl and validation.txt into this directory.",
)
@click.option("--limit", type=int, default=50, show_default=True, help="Results to print in detail (0: all).")
@click.option("--engine", type=click.Choice(ENGINES), default="sparql", show_default=True,
              help="sparql: the shapes as SPARQL on pyoxigraph (fast, any size); pyshacl: the reference engine.")
def validate_command(graph_path: Path, shapes: Path | None, report_dir: Path | None, limit: int, engine: str) -> None:
    """Validate GRAPH (any RDF format rdflib reads) against the envkg SHACL shapes.

    Prints a summary; exits 0 if the graph conforms, 1 if it does not, 2 on error.

    \b
    Example:
        kg validate out/graph.ttl
        kg validate out/graph.ttl --report-dir out/
        kg validate out/graph.nt --engine pyshacl
        kg validate out/store                    # a store folder written by kg load
    """
    try:
        result = validate_file(graph_path, shapes, engine=engine)
        if report_dir is not None:
            write_report(result, report_dir)
    except KGError as e:
        click.echo(f"Error: {e}", err=True)
        raise SystemExit(2) from e
    click.echo(summarize(result, limit=limit or None), nl=False)
    raise SystemExit(0 if result.conforms else 1)
