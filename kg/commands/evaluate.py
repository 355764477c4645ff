"""``kg evaluate``: score a graph against gold annotations."""

import sys

import click

from kg.errors import KGError


@click.command("evaluate")
@click.argument("graph", type=click.Path())
@click.option("--gold", "gold_dir", default="data/gold", show_default=True, type=click.Path(file_okay=False),
              help="Folder of gold *.json files.")
def evaluate_command(graph, gold_dir):
    """Score GRAPH against the gold annotations of the documents it holds.

    \b
    Example:
        kg evaluate out/graph.ttl --gold data/gold
    """
    from kg.evaluate import evaluate

    try:
        results = evaluate(graph, gold_dir)
    except KGError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(e.exit_code)
    if not results:
        click.echo("no gold document is in the graph", err=True)
        sys.exit(1)
    for r in results:
        for part in ("entities", "relations", "observations"):
            s = getattr(r, part)
            click.echo(f"  {part:<13} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} (tp={s.tp} fp={s.fp} fn={s.fn})")
        click.echo(r.summary())
