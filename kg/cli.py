"""The ``kg`` command line: a thin layer over the library's functions."""

from __future__ import annotations

import sys

import click

from kg import __version__
from kg.errors import KGError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="envkg")
def main() -> None:
    """envkg: build a knowledge graph from Chinese environmental-governance news.

    \b
    Example:
        kg build data/raw --out out
        kg query out/graph.ttl --list
    """


def _progress(items):
    """A progress bar on stderr when there are several documents."""
    items = list(items)
    if len(items) < 2:
        return items
    from tqdm import tqdm

    return tqdm(items, desc="documents", unit="doc", file=sys.stderr)


@main.command("build")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--out", "out_dir", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Folder for graph.ttl, graph.html, report.json and validation.*")
@click.option("--format", "formats", default="ttl", show_default=True,
              help="Comma-separated graph formats: ttl, nt, jsonld.")
@click.option("--no-page", is_flag=True, help="Skip graph.html.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(min=1),
              help="Worker processes for extraction (the output is the same for any number).")
@click.option("--cache/--no-cache", default=True, show_default=True,
              help="Reuse the facts of unchanged documents from .cache/envkg (incremental builds).")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS|local",
              help="Extract on a Dask cluster: a scheduler address (tcp://host:8786) or 'local'.")
@click.option("--whole-graph-limit", default=500_000, show_default=True, type=click.IntRange(min=0),
              help="Skip the page above this many triples (it holds the whole graph); 0: no limit. "
                   "Validation runs at any size.")
def build_command(paths, out_dir, formats, no_page, no_validate, quiet, jobs, cache, dask_address, whole_graph_limit):
    """Build the graph from .txt files (default: data/raw) into OUT.

    \b
    Example:
        kg build                          # data/raw -> out/
        kg build data/raw more/ --out out --format ttl,nt
        kg build big/ --out out --jobs 2  # two worker processes
        kg build big/ --out out --dask tcp://scheduler:8786
    """
    from kg.build import build
    from kg.cache import DEFAULT_CACHE_DIR
    from kg.export import FORMATS

    fmts = tuple(f.strip() for f in formats.split(",") if f.strip())
    unknown = [f for f in fmts if f not in FORMATS]
    if unknown:
        raise click.BadParameter(f"unknown format {unknown[0]!r}; choose from {', '.join(FORMATS)}",
                                 param_hint="--format")
    try:
        report = build(paths or ("data/raw",), out_dir, formats=fmts, page=not no_page, validate=not no_validate,
                       progress=None if quiet else _progress, jobs=jobs,
                       cache_dir=DEFAULT_CACHE_DIR if cache else None, dask=dask_address,
                       whole_graph_limit=whole_graph_limit)
    except KGError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(e.exit_code)
    for skipped in report.documents_skipped:
        click.echo(f"warning: skipped {skipped['reason']}", err=True)
    for skipped in report.skipped_stages:
        click.echo(f"warning: no {skipped['stage']}: {skipped['reason']}", err=True)
    if not quiet:
        click.echo(_summary(report, out_dir))


def _summary(report, out_dir) -> str:
    rows = [("documents read", len(report.documents_read)), ("documents skipped", len(report.documents_skipped)),
            ("articles", report.articles)]
    rows += [(f"  {cls}", n) for cls, n in sorted(report.classes.items())]
    rows += [(f"  {rel}", n) for rel, n in sorted(report.relations.items()) if n]
    rows += [("observations", report.observations), ("triples", report.triples)]
    if report.validation is not None:
        rows.append(("conforms to shapes", "yes" if report.validation["conforms"] else
                     f"no ({report.validation['violations']} violations, see validation.txt)"))
    rows.append(("seconds", round(sum(report.timings.values()), 2)))
    width = max(len(k) for k, _ in rows)
    lines = [f"{k.ljust(width)}  {v}" for k, v in rows]
    lines.append(f"wrote {', '.join(report.outputs)} to {out_dir}/")
    return "\n".join(lines)


def _attach_commands() -> None:
    """Attach the commands that live in kg/commands/ (one module each)."""
    from kg.commands.evaluate import evaluate_command
    from kg.commands.load import load_command
    from kg.commands.observations import observations_command
    from kg.commands.push import push_command
    from kg.commands.query import query_command
    from kg.commands.sample import sample_command
    from kg.commands.serve import serve_command
    from kg.commands.validate import validate_command
    from kg.commands.view import view_command

    for command in (validate_command, evaluate_command, query_command, serve_command, view_command, push_command,
                    sample_command, observations_command, load_command):
        main.add_command(command)


_attach_commands()

if __name__ == "__main__":
    main()
