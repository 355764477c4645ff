"""``kg evaluate``: score a graph against gold annotations."""

import sys
from pathlib import Path

import click

from kg.errors import KGError


@click.command("evaluate")
@click.argument("graph", type=click.Path())
@click.option("--gold", "gold_dir", default="data/gold", show_default=True, type=click.Path(file_okay=False),
              help="Folder of gold *.json files.")
@click.option("--halves", is_flag=True,
              help="Score the dev set's halves (A: odd-numbered files, B: even) with per-class and per-relation tables.")
@click.option("--misses", "misses_path", default=None, type=click.Path(dir_okay=False),
              help="Write every miss and false positive, by document, to this file.")
def evaluate_command(graph, gold_dir, halves, misses_path):
    """Score GRAPH against the gold annotations of the documents it holds.

    \b
    Example:
        kg evaluate out/graph.ttl --gold data/gold
        kg evaluate out/dev/graph.ttl --gold ../shared/dev/gold --halves --misses out/dev/misses.txt
    """
    from kg.evaluate import by_half, evaluate, half_report, misses_report
    from kg.outputs import write_atomic

    try:
        results = evaluate(graph, gold_dir)
        if not results:
            click.echo("error: no gold document is in the graph (build the gold's articles first)", err=True)
            sys.exit(1)
        if misses_path:
            write_atomic(Path(misses_path), misses_report(results).encode("utf-8"))
        if halves:
            for half, summary in by_half(results).items():
                click.echo("\n".join(half_report(half, summary)))
            return
    except KGError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(e.exit_code)
    for r in results:
        for part in ("entities", "relations", "observations"):
            s = getattr(r, part)
            click.echo(f"  {part:<13} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} (tp={s.tp} fp={s.fp} fn={s.fn})")
        click.echo(r.summary())
