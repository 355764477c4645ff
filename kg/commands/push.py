"""``kg push``: load a graph into a SPARQL Graph Store Protocol server."""

import sys

import click

from kg.errors import KGError


@click.command("push")
@click.argument("graph", type=click.Path())
@click.argument("url")
@click.option("--graph-iri", default=None, help="Named graph to write (default: the default graph).")
@click.option("--merge", is_flag=True, help="POST (add to what is there) instead of PUT (replace).")
def push_command(graph, url, graph_iri, merge):
    """Load GRAPH into the Graph Store Protocol endpoint URL.

    \b
    Example:
        oxigraph serve --location db --bind 127.0.0.1:7879 &
        kg push out/graph.ttl http://127.0.0.1:7879/store
    """
    from kg.push import push_graph

    try:
        status = push_graph(graph, url, graph_iri=graph_iri, replace=not merge)
    except KGError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(e.exit_code)
    click.echo(f"pushed {graph} to {url} (HTTP {status})")
