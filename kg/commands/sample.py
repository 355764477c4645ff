"""``kg sample``: a fixed-seed random sample of a graph's entities and observations, for a precision audit."""

import sys

import click

from kg.errors import KGError


@click.command("sample")
@click.argument("graph", type=click.Path())
@click.option("--per-class", default=50, show_default=True, type=click.IntRange(min=1),
              help="Items drawn from each class family and from the observations.")
@click.option("--seed", default=1, show_default=True, type=int, help="Random seed: the same seed, the same sample.")
@click.option("--texts", default=None, type=click.Path(file_okay=False),
              help="Folder of the input files, to show the sentence an entity with no statement was read from.")
@click.option("--format", "fmt", default="text", show_default=True, type=click.Choice(["text", "tsv"]),
              help="text: readable blocks; tsv: one row per item with an empty verdict column.")
def sample_command(graph, per_class, seed, texts, fmt):
    """Print a random sample of GRAPH's entities per class family, and of its observations, each with a sentence.

    \b
    Example:
        kg sample out/graph.ttl --per-class 50 --seed 1 --texts data/raw
        kg sample out/corpus/graph.ttl --texts ../shared/corpus/real --format tsv > audit.tsv
    """
    from kg.sample import format_items, sample

    try:
        items = sample(graph, per_class=per_class, seed=seed, texts=texts)
    except KGError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(e.exit_code)
    click.echo(format_items(items, fmt), nl=False)
