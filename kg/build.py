"""``build``: compose every stage, from input paths to graph.ttl, graph.html and report.json.

All outputs, report.json included, are staged in a private build folder and switched to as one
set at the end (:mod:`kg.outputs`), so a failed or killed run leaves the last good outputs as they were.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from rdflib import Graph

from kg import __version__
from kg.export import FORMATS, STREAMED, generate_jsonld, write_subjects
from kg.facts import Facts
from kg.ingest import find_text_files
from kg.outputs import StagedOutputs
from kg.rdf import GraphStats, facts_to_subjects, new_graph
from kg.types import Document, Skipped

#: Above this many triples the page is skipped: it holds the whole graph in rdflib (measured on the
#: 10 MB corpus, 849k triples: 2.1 GB). Validation runs on pyoxigraph at any size.
WHOLE_GRAPH_LIMIT = 500_000

CONTRACT_RELATIONS = ("partOf", "subOrganizationOf", "jurisdiction", "locatedIn", "flowsInto", "implementedBy",
                      "targets", "headOf", "organizedBy", "about", "observedAt")


@dataclass
class BuildReport:
    """What a build read, made and how long each stage took."""

    documents_read: list[str] = field(default_factory=list)
    documents_skipped: list[dict] = field(default_factory=list)
    articles: int = 0
    classes: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    observations: int = 0
    triples: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)
    validation: dict | None = None
    skipped_stages: list[dict] = field(default_factory=list)

    def to_json(self) -> bytes:
        """The report as sorted, indented UTF-8 JSON."""
        data = {
            "envkg_version": __version__,
            "documents": {"read": len(self.documents_read), "skipped": len(self.documents_skipped),
                          "read_files": self.documents_read, "skipped_files": self.documents_skipped},
            "articles": self.articles,
            "classes": dict(sorted(self.classes.items())),
            "relations": dict(sorted(self.relations.items())),
            "observations": self.observations,
            "triples": self.triples,
            "timings_seconds": {k: round(v, 3) for k, v in self.timings.items()},
            "outputs": self.outputs,
            "validation": self.validation,
            "skipped_stages": self.skipped_stages,
        }
        return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


class _Timer:
    """``with timer("stage"):`` adds the block's wall time to ``timings["stage"]``."""

    def __init__(self, timings: dict[str, float]) -> None:
        self.timings = timings
        self._started: list[tuple[str, float]] = []

    def __call__(self, stage: str) -> _Timer:
        self._started.append((stage, time.perf_counter()))
        return self

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc) -> bool:
        stage, t0 = self._started.pop()
        self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - t0
        return False


def build_time(documents: Iterable[Document]) -> datetime:
    """The build's timestamp: SOURCE_DATE_EPOCH if set, else the newest input's modification time.

    Either way the same inputs give the same bytes (reproducible builds).
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    mtimes = [Path(d.path).stat().st_mtime for d in documents if Path(d.path).exists()]
    return datetime.fromtimestamp(int(max(mtimes)) if mtimes else 0, tz=timezone.utc)


def extract(paths: Iterable[str | Path], progress: Callable[[Iterable], Iterable] | None = None,
            timings: dict[str, float] | None = None, jobs: int = 1, cache_dir: Path | None = None,
            dask: str | None = None, formats: tuple[str, ...] = (),
            rendered: list | None = None) -> tuple[Facts, list[Skipped]]:
    """Read, split and extract every document under `paths`, streaming batches of documents.

    Documents are extracted in batches (in this process, in `jobs` processes, or on the Dask
    cluster at `dask`: an address or ``"local"``) and merged into the facts one at a time in
    the sorted order of the files, so the result does not depend on `jobs` or the cluster.
    With `cache_dir`, unchanged documents are served from the cache (:mod:`kg.cache`).
    The facts keep documents and articles without their texts (offsets and evidence
    sentences point into them). With `formats` and a `rendered` list, each document's own
    subjects are serialised where it is extracted and appended to `rendered` (one
    :class:`kg.rdf.RenderedSubjects` per document), for :func:`kg.rdf.facts_to_subjects` to merge.
    """
    import contextlib

    from kg.cache import DocumentCache
    from kg.parallel import InlineExecutor, batch_bytes_for, dask_executor, iter_document_facts, process_pool

    timings = timings if timings is not None else {}
    timer = _Timer(timings)
    files = find_text_files(paths)
    cache = DocumentCache(cache_dir) if cache_dir is not None else None
    if dask:
        runner = dask_executor(dask, jobs)
    elif jobs > 1:
        runner = process_pool(jobs)
    else:
        runner = contextlib.nullcontext(InlineExecutor())
    facts, skipped = Facts(), []
    with runner as executor:
        stream = iter_document_facts(files, executor, cache, batch_bytes_for(files, executor.slots), timings,
                                     formats if rendered is not None else ())
        for _, item in zip(progress(files) if progress else files, stream):
            if isinstance(item, Skipped):
                skipped.append(item)
                continue
            with timer("collect"):
                if item.shared is not None:
                    facts.add_shared(item.document, item.shared)
                else:
                    facts.documents[item.document.source_file] = item.document
                    for article_facts in item.articles:
                        facts.add_article(article_facts)
                if rendered is not None and item.rendered is not None:
                    rendered.append(item.rendered)
    if cache is not None:
        cache.prune()
    return facts, skipped


def load_graph(path: Path, rdflib_format: str) -> Graph:
    """An rdflib Graph of a written graph file, with envkg's prefixes bound."""
    return new_graph().parse(path, format=rdflib_format)


def _timed(items: Iterable, timings: dict[str, float], stage: str) -> Iterator:
    """Yield from `items`, adding the time spent producing them to ``timings[stage]``."""
    iterator = iter(items)
    while True:
        t0 = time.perf_counter()
        try:
            item = next(iterator)
        except StopIteration:
            return
        finally:
            timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - t0
        yield item


def build(paths: Iterable[str | Path], out_dir: str | Path = "out", formats: tuple[str, ...] = ("ttl",),
          page: bool = True, validate: bool = True,
          progress: Callable[[Iterable], Iterable] | None = None, jobs: int = 1, cache_dir: Path | None = None,
          dask: str | None = None, whole_graph_limit: int = WHOLE_GRAPH_LIMIT) -> BuildReport:
    """Build the graph of every .txt file under `paths` and write the outputs to `out_dir`.

    The graph is streamed subject by subject into Turtle/N-Triples (:mod:`kg.export`); an
    rdflib Graph is made only for the page, SHACL validation and JSON-LD, from the written
    file. Validation reads the written file into pyoxigraph (:func:`kg.validate.validate_file`),
    at any size. The page is skipped (and the report says why) for a graph of more than
    `whole_graph_limit` triples (0: no limit). Every output is staged in a private folder
    and the folder's outputs switch to the new ones all at once, only when all are written.

    Raises:
        InputError: a path does not exist.
        OutputError: an output cannot be written.
    """
    from kg.parallel import relaxed_gc

    with relaxed_gc():
        return _build(paths, Path(out_dir), formats, page, validate, progress, jobs, cache_dir, dask,
                      whole_graph_limit)


def _build(paths: Iterable[str | Path], out_dir: Path, formats: tuple[str, ...], page: bool, validate: bool,
           progress: Callable[[Iterable], Iterable] | None, jobs: int, cache_dir: Path | None, dask: str | None,
           whole_graph_limit: int) -> BuildReport:
    from kg.parallel import acyclic_phase

    out_dir = Path(out_dir)
    report = BuildReport()
    timer = _Timer(report.timings)
    streamed = [fmt for fmt in formats if fmt in STREAMED]
    needs_graph = page or validate or "jsonld" in formats
    if needs_graph and not streamed:
        streamed = ["nt"]  # written for the rdflib Graph only, then dropped
    rendered: list = []
    with acyclic_phase():
        facts, skipped = extract(paths, progress, report.timings, jobs=jobs, cache_dir=cache_dir, dask=dask,
                                 formats=tuple(streamed), rendered=rendered)
    report.documents_read = sorted(facts.documents)
    report.documents_skipped = [{"path": s.path, "reason": s.reason} for s in skipped]
    report.articles = len(facts.articles)
    when = build_time(facts.documents.values())
    stats = GraphStats()
    with StagedOutputs(out_dir) as staged:
        with timer("serialise"), acyclic_phase():
            sinks = {fmt: staged.open(FORMATS[fmt][1]) for fmt in streamed}
            try:
                subjects = facts_to_subjects(facts, when, stats, rendered=rendered)
                write_subjects(_timed(subjects, report.timings, "rdf"), sinks)
            finally:
                for sink in sinks.values():
                    sink.close()
        report.timings["serialise"] -= report.timings.get("rdf", 0.0)
        if whole_graph_limit and stats.triples > whole_graph_limit and page:
            report.skipped_stages.append({"stage": "page", "reason": (
                f"{stats.triples:,} triples is more than the whole-graph limit of {whole_graph_limit:,} "
                "(raise it with --whole-graph-limit, or run kg view on the graph file)")})
            page = False
        if validate:  # the SPARQL engine reads the written file into pyoxigraph: at any size
            from kg.validate import summarize, validate_file

            with timer("validate"):
                fmt = "nt" if "nt" in streamed else streamed[0]  # N-Triples loads fastest
                result = validate_file(staged.path(FORMATS[fmt][1]))
                staged.write("validation.ttl", result.results_graph.serialize(format="turtle", encoding="utf-8"))
                staged.write("validation.txt", summarize(result, limit=None).encode("utf-8"))
                report.validation = {"conforms": result.conforms, "violations": len(result.violations)}
        needs_graph = page or "jsonld" in formats
        graph = None
        if needs_graph:
            with timer("rdf"):
                fmt = streamed[0]
                graph = load_graph(staged.path(FORMATS[fmt][1]), FORMATS[fmt][0])
        if streamed and streamed[0] not in formats:
            staged.discard(FORMATS[streamed[0]][1])
        if "jsonld" in formats:
            with timer("serialise"):
                staged.write(FORMATS["jsonld"][1], generate_jsonld(graph))
        if page:
            from kg.network import add_metrics, graph_to_network, layout
            from kg.page import generate_html

            with timer("page"):
                G = layout(add_metrics(graph_to_network(graph)))
                staged.write("graph.html", generate_html(G).encode("utf-8"))
        report.classes = dict(stats.classes)
        report.relations = {name: stats.relations.get(name, 0) for name in CONTRACT_RELATIONS}
        report.observations = stats.classes.get("Observation", 0)
        report.triples = stats.triples
        report.outputs = sorted([*staged.names, "report.json"])
        with timer("write"):
            staged.sync()
        staged.write("report.json", report.to_json())
        staged.commit()
    return report
