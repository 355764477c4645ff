"""Benchmark the two SPARQL backends of kg.store: rdflib's memory store vs pyoxigraph.

For the seed graph (``out/graph.ttl``, or ``tests/fixtures/mini.ttl`` until the pipeline has
built it) and for a graph 100 times larger (the seed replicated with every instance IRI
renamed, ``id/x`` -> ``id/r<k>/x``), it measures:

* parse time of the Turtle file (``kg.store.load_store``) and the memory it took;
* the time of every library query (``kg/queries/*.rq``) through ``kg.store.run_query``,
  i.e. including the conversion to the uniform ``Result``; and checks that both backends
  give the same answers;
* whether a running query lets other Python threads run (does the backend release the GIL?).

Usage:
    .venv/bin/python bench/sparql_stores.py [--graph out/graph.ttl] [--copies 100] [--repeat 3]

Prints Markdown tables (paste them into docs/benchmarks.md, section "SPARQL stores").
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import pyoxigraph as ox
import rdflib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.query import list_queries  # noqa: E402
from kg.store import BACKENDS, load_store, run_query, store_from_graph  # noqa: E402

ID = "<https://w3id.org/envkg/id/"
# A synthetic graph of N triples and a cross join that takes each backend about 1-3 s.
GIL_PROBE = {
    "rdflib": (400, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d }"),
    "oxigraph": (200, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"),
}


def replicate(seed: Path, copies: int, out: Path) -> int:
    """Write ``copies`` renamed copies of ``seed`` to ``out`` (Turtle); return triple count."""
    store = ox.Store()
    store.load(path=str(seed))
    ntriples = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode("utf-8")
    big = ox.Store()
    for k in range(copies):
        big.load(ntriples.replace(ID, f"{ID}r{k}/"), format=ox.RdfFormat.N_TRIPLES)
    big.dump(str(out), format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(),
             prefixes={"envkg": "https://w3id.org/envkg/ontology#", "skos": "http://www.w3.org/2004/02/skos/core#"})
    return len(big)


def timed(fn, repeat: int) -> tuple[float, object]:
    """Median wall time of ``repeat`` calls, and the last return value."""
    times, value = [], None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def answers(result) -> object:
    """A comparable form of a Result: python values, triples as a set."""
    if result.kind == "graph":
        return set(result.triples)
    if result.kind == "ask":
        return result.boolean
    return result.values()


def bench_graph(path: Path, repeat: int) -> dict:
    """Parse and query timings for both backends on one graph file."""
    process = psutil.Process()
    report: dict = {"parse": {}, "rss": {}, "queries": {}, "same": {}, "triples": 0}
    stores = {}
    for backend in BACKENDS:
        gc.collect()
        before = process.memory_info().rss
        report["parse"][backend], stores[backend] = timed(lambda b=backend: load_store(path, b), repeat)
        report["rss"][backend] = (process.memory_info().rss - before) / 2**20
        report["triples"] = len(stores[backend])
    for query in list_queries():
        results = {}
        for backend in BACKENDS:
            seconds, results[backend] = timed(lambda b=backend: run_query(stores[b], query.sparql), repeat)
            report["queries"].setdefault(query.name, {})[backend] = (seconds, len(results[backend]))
        report["same"][query.name] = answers(results["oxigraph"]) == answers(results["rdflib"])
    return report


def gil_probe() -> dict:
    """Mean/max lateness (ms) of a 10 ms sleep in the main thread while a query runs in another."""
    out = {}
    for backend, (size, sparql) in GIL_PROBE.items():
        graph = rdflib.Graph()
        for i in range(size):
            graph.add((rdflib.URIRef(f"urn:x:{i}"), rdflib.URIRef("urn:x:p"), rdflib.Literal(i)))
        store = store_from_graph(graph, backend)
        done = threading.Event()
        worker = threading.Thread(target=lambda s=store, q=sparql: (run_query(s, q), done.set()))
        late = []
        start = time.perf_counter()
        worker.start()
        while not done.is_set():
            t = time.perf_counter()
            time.sleep(0.01)
            late.append((time.perf_counter() - t - 0.01) * 1000)
        worker.join()
        out[backend] = (statistics.mean(late), max(late), time.perf_counter() - start)
    return out


def endpoint_probe(path: Path, requests: int = 50) -> tuple[float, float]:
    """Seconds until ``kg serve``'s 2 workers are ready, and the median GET round trip of a small query."""
    import urllib.parse
    import urllib.request

    from kg.serve import ServeConfig, make_server

    start = time.perf_counter()
    server = make_server(ServeConfig(graph=path, port=0, workers=2))
    ready = time.perf_counter() - start
    threading.Thread(target=server.serve_forever, daemon=True).start()
    query = urllib.parse.urlencode({"query": "SELECT ?n WHERE { ?p a envkg:Person ; skos:prefLabel ?n }"})
    url = f"http://127.0.0.1:{server.server_address[1]}/sparql?{query}"
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        with urllib.request.urlopen(url) as response:
            response.read()
        times.append(time.perf_counter() - start)
    server.shutdown()
    server.server_close()
    server.pool.close()
    return ready, statistics.median(times)


def ratio(slow: float, fast: float) -> str:
    """Speed-up as text: one decimal below 10x."""
    value = slow / fast if fast else float("inf")
    return f"{value:.1f}x" if value < 10 else f"{value:,.0f}x"


def print_report(label: str, path: Path, report: dict) -> None:
    print(f"\n#### {label}: `{path.name}`, {report['triples']:,} triples\n")
    print("| | rdflib | oxigraph | speed-up |")
    print("|---|---:|---:|---:|")
    r, o = report["parse"]["rdflib"], report["parse"]["oxigraph"]
    print(f"| parse Turtle | {r * 1000:,.1f} ms | {o * 1000:,.1f} ms | {ratio(r, o)} |")
    print(f"| memory (RSS growth) | {report['rss']['rdflib']:,.0f} MiB | {report['rss']['oxigraph']:,.0f} MiB | |")
    total = {"rdflib": 0.0, "oxigraph": 0.0}
    for name, by_backend in report["queries"].items():
        (r, rows), (o, _) = by_backend["rdflib"], by_backend["oxigraph"]
        total["rdflib"] += r
        total["oxigraph"] += o
        same = "" if report["same"][name] else " **answers differ**"
        print(f"| `{name}` ({rows:,} results){same} | {r * 1000:,.1f} ms | {o * 1000:,.1f} ms | {ratio(r, o)} |")
    print(f"| **all {len(report['queries'])} queries** | {total['rdflib'] * 1000:,.1f} ms | "
          f"{total['oxigraph'] * 1000:,.1f} ms | {ratio(total['rdflib'], total['oxigraph'])} |")
    differ = [name for name, same in report["same"].items() if not same]
    print(f"\nSame answers on both stores: {'yes, all queries' if not differ else 'NO: ' + ', '.join(differ)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_graph = ROOT / "out" / "graph.ttl"
    if not default_graph.is_file():
        default_graph = ROOT / "tests" / "fixtures" / "mini.ttl"
    parser.add_argument("--graph", type=Path, default=default_graph)
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    print(f"Load average before: {os.getloadavg()[0]:.2f}. Python {platform.python_version()}, "
          f"rdflib {rdflib.__version__}, pyoxigraph {ox.__version__}, "
          f"{os.cpu_count()} CPUs, {platform.machine()}; median of {args.repeat} runs")
    seed = bench_graph(args.graph, args.repeat)
    print_report("Seed graph", args.graph, seed)
    with tempfile.TemporaryDirectory() as tmp:
        big_path = Path(tmp) / f"graph_x{args.copies}.ttl"
        replicate(args.graph, args.copies, big_path)
        big = bench_graph(big_path, args.repeat)
        print_report(f"{args.copies}x seed", big_path, big)
    probe = gil_probe()
    print("\n#### Does a running query block other threads? (lateness of a 10 ms sleep meanwhile)\n")
    print("| store | mean lateness | max lateness | query time |")
    print("|---|---:|---:|---:|")
    for backend, (mean, worst, seconds) in probe.items():
        print(f"| {backend} | {mean:.2f} ms | {worst:.2f} ms | {seconds:.2f} s |")
    ready, round_trip = endpoint_probe(args.graph)
    print(f"\n`kg serve` on the seed graph: 2 workers ready in {ready * 1000:,.0f} ms; "
          f"GET round trip of a small query {round_trip * 1000:.1f} ms (median of 50).")
    same = all(seed["same"].values()) and all(big["same"].values())
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
