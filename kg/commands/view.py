"""``kg view``: open the built graph page (``graph.html``) in the default browser.

The page is self-contained, so opening the file needs no server and no network.
Exit codes: 0 opened (or printed), 2 the page is missing or no browser could be started.
"""

from __future__ import annotations

import webbrowser
from pathlib import Path

import click

PAGE_NAME = "graph.html"


def page_path(out_dir: Path) -> Path:
    """Path of the graph page inside a build output directory.

    Example:
        >>> page_path(Path("out")).name
        'graph.html'
    """
    return out_dir / PAGE_NAME


@click.command("view")
@click.argument("out_dir", metavar="[DIR]", required=False, default="out",
                type=click.Path(path_type=Path, file_okay=False))
@click.option("--print-path", is_flag=True, help="Only print the page's path; do not open a browser.")
def view_command(out_dir: Path, print_path: bool) -> None:
    """Open DIR/graph.html (default DIR: out/) in the default web browser.

    The page works offline: search, class/relation/document filters, a side
    panel with evidence sentences, and neighbourhood focus.

    \b
    Example:
        kg view
        kg view out/ --print-path
    """
    path = page_path(out_dir).resolve()
    if not path.is_file():
        click.echo(f"Error: {path} not found; build it first with `kg build` (or pass its directory).", err=True)
        raise SystemExit(2)
    if print_path:
        click.echo(str(path))
        return
    if not webbrowser.open(path.as_uri()):
        click.echo(f"Error: no web browser could be started; open {path} by hand.", err=True)
        raise SystemExit(2)
    click.echo(f"Opened {path}")
