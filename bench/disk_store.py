"""Benchmark the persistent store (``kg load``, :mod:`kg.disk_store`) against loading the graph file in memory.

For the graphs of the bench corpora (``bench/make_corpus.py``, seed 1; built once, as in
``bench/validate.py``), in one process per size:

* in memory: the time to load ``graph.nt`` into pyoxigraph (what ``kg query`` and ``kg serve``
  did on every start), and the library queries' median and p95 time on it;
* on disk: the time of ``kg load`` (bulk load, flush, optimise), the folder's size, the time to
  open it read-only, and the library queries' median and p95 on it.

Every library query must give the same rows from both. Each query runs ``--repeat`` times
(its median counts).

Usage:
    .venv/bin/python bench/disk_store.py --sizes 1MB,10MB,50MB
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))


def _query_times(store, repeat: int) -> tuple[dict[str, float], dict[str, list]]:
    from kg.query import list_queries
    from kg.store import run_query

    times, answers = {}, {}
    for query in list_queries():
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            result = run_query(store, query.sparql)
            runs.append(time.perf_counter() - start)
        times[query.name] = statistics.median(runs)
        answers[query.name] = sorted(tuple(str(c) for c in row) for row in result.rows)
    return times, answers


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def child(graph: str, folder: str, repeat: int) -> dict:
    from kg.disk_store import write_store
    from kg.store import load_store

    start = time.perf_counter()
    memory = load_store(graph)
    memory_load = time.perf_counter() - start
    memory_times, memory_answers = _query_times(memory, repeat)
    del memory
    info = write_store(graph, folder)
    start = time.perf_counter()
    disk = load_store(folder)
    disk_open = time.perf_counter() - start
    disk_times, disk_answers = _query_times(disk, repeat)
    return {"triples": info.triples, "memory_load": memory_load, "store_load": info.seconds,
            "store_mb": info.bytes / 2**20, "store_open": disk_open,
            "memory_median_ms": 1000 * statistics.median(memory_times.values()),
            "memory_p95_ms": 1000 * _p95(list(memory_times.values())),
            "store_median_ms": 1000 * statistics.median(disk_times.values()),
            "store_p95_ms": 1000 * _p95(list(disk_times.values())),
            "same_answers": memory_answers == disk_answers, "queries": len(disk_times)}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["child"]:
        print(json.dumps(child(argv[1], argv[2], int(argv[3]))))
        return 0
    from validate import graph_of

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1MB,10MB,50MB")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "envkg-bench-validate")
    args = parser.parse_args(argv)
    rows = []
    for size in args.sizes.split(","):
        graph = graph_of(size, args.work)
        folder = args.work / f"store-{size}"
        done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "child", str(graph), str(folder),
                               str(args.repeat)], capture_output=True, text=True, cwd=ROOT, check=True)
        row = {"size": size, **json.loads(done.stdout.strip().splitlines()[-1])}
        rows.append(row)
        sys.stderr.write(json.dumps(row) + "\n")
    print("| corpus | triples | in memory: load s | median / p95 ms | kg load s | store MB | open s | "
          "median / p95 ms | same answers |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['size']} | {r['triples']:,} | {r['memory_load']:.1f} | {r['memory_median_ms']:.1f} / "
              f"{r['memory_p95_ms']:.0f} | {r['store_load']:.1f} | {r['store_mb']:.0f} | {r['store_open']:.2f} | "
              f"{r['store_median_ms']:.1f} / {r['store_p95_ms']:.0f} | {r['same_answers']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
