"""``kg query``: run a SPARQL query (typed, from a file, or from the library) on a graph file.

Exit codes: 0 answered, 2 error (bad graph file, unknown library name, SPARQL syntax error:
reported on one line with its line and column).
"""

from __future__ import annotations

from pathlib import Path

import click

from kg.errors import KGError
from kg.query import format_csv, format_json, format_rows, format_table, format_tsv, get_query, list_queries
from kg.store import BACKENDS, DEFAULT_BACKEND, Result, load_store, run_query

__all__ = ["FORMATTERS", "answer_query", "query_command"]

FORMATTERS = {"table": format_table, "csv": format_csv, "tsv": format_tsv, "json": format_json}


def answer_query(graph_path: Path, sparql: str, fmt: str = "table", backend: str = DEFAULT_BACKEND) -> str:
    """Load ``graph_path``, run ``sparql`` and return the answer formatted as ``fmt``.

    Args:
        graph_path: A Turtle, N-Triples or JSON-LD graph file.
        sparql: The query; the usual prefixes (envkg:, skos:, id: ...) are pre-declared.
        fmt: ``table``, ``csv``, ``tsv`` or ``json``.
        backend: ``oxigraph`` or ``rdflib``.

    Raises:
        KGError: If the graph cannot be read or the query is malformed.
    """
    result: Result = run_query(load_store(graph_path, backend), sparql)
    return FORMATTERS[fmt](result)


def _listing() -> str:
    queries = list_queries()
    return format_rows(("name", "answers"), [(q.name, q.description) for q in queries], max_width=120) + (
        f"({len(queries)} queries; run one with --name NAME)\n"
    )


@click.command("query")
@click.argument("graph_path", metavar="GRAPH", type=click.Path(path_type=Path))
@click.argument("sparql", metavar="[QUERY]", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Read the query from a .rq file.")
@click.option("-n", "--name", help="Run the library query NAME (see --list).")
@click.option("--list", "list_queries_flag", is_flag=True, help="List the library queries and what they answer.")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATTERS)), default="table", show_default=True,
              help="table: aligned text; csv/tsv/json: the SPARQL 1.1 result formats.")
@click.option("--store", "backend", type=click.Choice(BACKENDS), default=DEFAULT_BACKEND, show_default=True,
              help="SPARQL engine to load the graph into.")
def query_command(graph_path: Path, sparql: str | None, query_file: Path | None, name: str | None,
                  list_queries_flag: bool, fmt: str, backend: str) -> None:
    """Run a SPARQL query on GRAPH (a graph file, or a store folder from kg load) and print the answer.

    Give exactly one of QUERY, -f FILE.rq, --name NAME or --list. The prefixes envkg:,
    skos:, prov:, org:, rdf:, rdfs:, owl:, xsd:, sosa:, geo:, dcterms:, nif: and
    id: (instances) are declared for you.

    \b
    Example:
        kg query out/graph.ttl --list
        kg query out/graph.ttl --name measures_by_bureau
        kg query out/graph.ttl 'SELECT ?name WHERE { ?p a envkg:Person ; skos:prefLabel ?name }'
        kg query out/graph.ttl -f my.rq --format csv > answer.csv
        kg query out/graph.ttl --name entity_counts_by_class --store rdflib
        kg query out/store --name entity_counts_by_class    # a store folder written by kg load
    """
    given = [x for x in (sparql, query_file, name, list_queries_flag or None) if x is not None]
    if len(given) != 1:
        raise click.UsageError("Give exactly one of QUERY, -f FILE.rq, --name NAME or --list.")
    try:
        if list_queries_flag:
            click.echo(_listing(), nl=False)
            return
        if query_file is not None:
            sparql = query_file.read_text(encoding="utf-8")
        elif name is not None:
            sparql = get_query(name).sparql
        click.echo(answer_query(graph_path, sparql, fmt, backend), nl=False)
    except KGError as e:
        click.echo(f"Error: {e}", err=True)
        raise SystemExit(e.exit_code) from e
