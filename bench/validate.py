"""Benchmark SHACL validation engines side by side on the bench corpora's graphs (issue 14.2).

Each engine validates the same graph file against ``ontology/shapes.ttl`` in a fresh child
process (one core), and the bench records wall time (load + validation), CPU time, peak RSS
and the number of results:

* ``sparql``: kg's shapes-as-SPARQL on pyoxigraph (:mod:`kg.shacl_sparql`), the build's engine;
* ``pyshacl``: the reference engine on an rdflib Graph (what builds used before);
* ``pyrudof``: rudof's native Rust SHACL engine, when ``pyrudof`` can be imported (it is not a
  dependency: ``pip install pyrudof`` to include it).

The graph files come from building the bench corpora (``bench/make_corpus.py``, seed 1).
A copy of the graph with one violation inserted (a malformed admin code on a county) checks
that each engine finds it.

Usage:
    .venv/bin/python bench/validate.py --sizes 1MB,10MB
    .venv/bin/python bench/validate.py --sizes 1MB --engines sparql,pyshacl --timeout 900
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

SHAPES = ROOT / "ontology" / "shapes.ttl"
ONTOLOGY = ROOT / "ontology" / "envkg.ttl"
ENGINES = ("sparql", "pyshacl", "pyrudof")
COUNTY = "<https://w3id.org/envkg/ontology#County>"


def broken_copy(graph: Path) -> Path:
    """`graph` with one violation inserted: a second, malformed admin code on its first county."""
    text = graph.read_text(encoding="utf-8")
    county = next(line.split(" ", 1)[0] for line in text.splitlines() if line.endswith(f"a> {COUNTY} .")
                  or line.endswith(f"type> {COUNTY} ."))
    bad = graph.with_name("graph-bad.nt")
    bad.write_text(text + f'{county} <https://w3id.org/envkg/ontology#adminCode> "bad" .\n', encoding="utf-8")
    return bad


def child(engine: str, graph: str) -> dict:
    """Validate `graph` with `engine` in this process; the figures as a dict."""
    start, cpu = time.perf_counter(), time.process_time()
    if engine == "sparql":
        from kg.validate import validate_file

        result = validate_file(graph)
        conforms, results = result.conforms, len(result.violations)
    elif engine == "pyshacl":
        from kg.validate import validate_file

        result = validate_file(graph, engine="pyshacl")
        conforms, results = result.conforms, len(result.violations)
    else:
        import pyrudof

        rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        rudof.read_data(graph, format=pyrudof.RDFFormat.NTriples)
        rudof.read_data(str(ONTOLOGY), merge=True)  # rdfs:subClassOf for the class targets
        rudof.read_shacl(str(SHAPES))
        report = rudof.validate_shacl()
        conforms, results = bool(report.conforms), len(report)
    return {"engine": engine, "seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "conforms": conforms,
            "results": results}


def measure(engine: str, graph: Path, timeout: float) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "child", engine, str(graph)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                              env={**os.environ, "OMP_NUM_THREADS": "1", "RAYON_NUM_THREADS": "1"})
    except subprocess.TimeoutExpired:
        return {"engine": engine, "timeout": timeout}
    if done.returncode != 0:
        return {"engine": engine, "error": (done.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def graph_of(size: str, work: Path) -> Path:
    """The N-Triples graph of the bench corpus of `size` (built once under `work`)."""
    from kg.build import build
    from run import ensure_corpus

    out = work / f"out-{size}"
    if not (out / "graph.nt").exists():
        corpus = ensure_corpus(size, 1, work / "corpora")
        build([corpus], out, formats=("nt",), page=False, validate=False, jobs=2)
    return out / "graph.nt"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["child"]:
        print(json.dumps(child(argv[1], argv[2])))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1MB,10MB")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--timeout", type=float, default=900, help="seconds per engine and graph")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "envkg-bench-validate")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in args.sizes.split(","):
        graph = graph_of(size, args.work)
        triples = sum(1 for _ in graph.open(encoding="utf-8"))
        bad = broken_copy(graph)
        for engine in args.engines.split(","):
            clean, broken = measure(engine, graph, args.timeout), measure(engine, bad, args.timeout)
            row = {"size": size, "triples": triples, **clean, "finds_inserted": broken.get("conforms") is False}
            rows.append(row)
            sys.stderr.write(json.dumps(row) + "\n")
    print("| corpus | triples | engine | wall s (load + validate) | CPU s | peak RSS MB | conforms | finds the inserted violation |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        if "seconds" in r:
            print(f"| {r['size']} | {r['triples']:,} | {r['engine']} | {r['seconds']:.1f} | {r['cpu']:.1f} | "
                  f"{r['peak_rss_mb']:.0f} | {r['conforms']} | {r['finds_inserted']} |")
        else:
            print(f"| {r['size']} | {r['triples']:,} | {r['engine']} | {r.get('error') or 'timeout'} | | | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
