"""``kg load``: write a persistent Oxigraph store of a graph, for ``kg query`` and ``kg serve`` on large graphs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.errors import KGError


@click.command("load")
@click.argument("graph_path", metavar="GRAPH", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("store_dir", metavar="DIR", type=click.Path(path_type=Path, file_okay=False))
def load_command(graph_path: Path, store_dir: Path) -> None:
    """Load GRAPH (a graph file) into a persistent Oxigraph store in the folder DIR.

    kg query DIR and kg serve DIR then open it read-only at once, without parsing the
    graph again. An older store in DIR is replaced only once the new one is complete;
    a folder that is no envkg store is never overwritten.

    \b
    Example:
        kg load out/graph.nt out/store
        kg query out/store --name entity_counts_by_class
        kg serve out/store
    """
    from kg.disk_store import write_store

    try:
        info = write_store(graph_path, store_dir)
    except KGError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(e.exit_code)
    click.echo(f"loaded {info.triples:,} triples into {store_dir} in {info.seconds:.1f} s "
               f"({info.bytes / 2**20:.1f} MB on disk)", err=True)
