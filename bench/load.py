"""Sustained load on `kg serve` (issue 15): N clients loop over the query library for a while.

Each client is a thread with its own HTTP connection per request (as curl or a notebook would
do), picks a random query of ``kg/queries/*.rq``, POSTs it as a form and reads the whole
answer. Bounded twice: by time (``--seconds``) and by count (``--max-requests``). Reports
requests per second, latency percentiles, connection errors (refused, reset, timed out), HTTP
statuses and the server's resident memory.

    .venv/bin/python bench/load.py out/graph.ttl --clients 50 200 500 --seconds 60
    .venv/bin/python bench/load.py --url http://127.0.0.1:7878/sparql --clients 10 --seconds 5

With a graph, the script starts ``python -m kg serve GRAPH`` on a free port and stops it at the end.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# a cartesian product over all triples: runs into any server time limit
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@dataclass
class LoadResult:
    clients: int
    seconds: float
    requests: int = 0
    errors: int = 0
    statuses: Counter = field(default_factory=Counter)
    error_kinds: Counter = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    server_rss_mib: float | None = None
    server_pss_mib: float | None = None
    slow_statuses: Counter = field(default_factory=Counter)  # of the one client sending SLOW_QUERY

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]

    def summary(self) -> dict:
        return {
            "clients": self.clients, "seconds": round(self.seconds, 2), "requests": self.requests,
            "requests_per_s": round(self.requests / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": round(self.percentile(50) * 1000, 1), "p95_ms": round(self.percentile(95) * 1000, 1),
            "p99_ms": round(self.percentile(99) * 1000, 1), "connection_errors": self.errors,
            "error_kinds": dict(self.error_kinds), "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "server_rss_mib": self.server_rss_mib, "server_pss_mib": self.server_pss_mib,
            **({"slow_query_statuses": {str(k): v for k, v in sorted(self.slow_statuses.items())}}
               if self.slow_statuses else {}),
        }


def library_queries() -> list[str]:
    """The query library's texts (kg/queries/*.rq)."""
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "kg" / "queries").glob("*.rq"))]


def run_load(url: str, clients: int, seconds: float, queries: list[str], max_requests: int = 1_000_000,
             server_pid: int | None = None, request_timeout: float = 180.0, slow: bool = False) -> LoadResult:
    """Run `clients` threads against `url` for `seconds` (or until `max_requests` in all); with `slow`,
    one more client sends SLOW_QUERY over and over, and its answers are counted apart."""
    parts = urllib.parse.urlsplit(url)
    result = LoadResult(clients=clients, seconds=seconds)
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    bodies = [urllib.parse.urlencode({"query": q}).encode("utf-8") for q in queries]
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json, text/turtle;q=0.9"}
    start_gate = threading.Barrier(clients + 1 + int(slow))
    slow_body = urllib.parse.urlencode({"query": SLOW_QUERY}).encode("utf-8")

    def slow_client() -> None:
        start_gate.wait()
        while time.monotonic() < stop_at:
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=request_timeout)
            try:
                conn.request("POST", parts.path or "/sparql", body=slow_body, headers=headers)
                response = conn.getresponse()
                response.read()
                with lock:
                    result.slow_statuses[response.status] += 1
            except (OSError, http.client.HTTPException) as e:
                with lock:
                    result.slow_statuses[type(e).__name__] += 1
            finally:
                conn.close()

    def client(seed: int) -> None:
        rng = random.Random(seed)
        start_gate.wait()
        while time.monotonic() < stop_at:
            with lock:
                if result.requests + result.errors >= max_requests:
                    return
            body = rng.choice(bodies)
            began = time.perf_counter()
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=request_timeout)
            try:
                conn.request("POST", parts.path or "/sparql", body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as e:
                with lock:
                    result.errors += 1
                    result.error_kinds[type(e).__name__] += 1
                continue
            finally:
                conn.close()
            elapsed = time.perf_counter() - began
            with lock:
                result.requests += 1
                result.statuses[status] += 1
                result.latencies.append(elapsed)

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    if slow:
        threads.append(threading.Thread(target=slow_client, daemon=True))
    for t in threads:
        t.start()
    start_gate.wait()
    began = time.monotonic()
    rss, pss = [], []
    while any(t.is_alive() for t in threads):
        if server_pid is not None:
            rss.append(process_tree_rss_mib(server_pid))
            pss.append(process_tree_rss_mib(server_pid, "Pss:", "smaps_rollup"))
        time.sleep(0.5)
    result.seconds = time.monotonic() - began
    result.server_rss_mib = round(max(rss), 1) if rss else None
    result.server_pss_mib = round(max(pss), 1) if pss else None
    return result


def process_tree_rss_mib(pid: int, field: str = "VmRSS:", source: str = "status") -> float:
    """Resident memory of a process and all its descendants (the server, the factory, its query
    workers), in MiB. RSS counts the pages forked workers share with the factory once per
    process; ``process_tree_rss_mib(pid, "Pss:", "smaps_rollup")`` splits them (proportional set size)."""
    total = 0
    pids = [pid]
    while pids:
        p = pids.pop()
        try:
            status = Path(f"/proc/{p}/{source}").read_text(encoding="utf-8")
            total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith(field))
            children = Path(f"/proc/{p}/task/{p}/children").read_text(encoding="utf-8").split()
        except (OSError, StopIteration):
            continue
        pids.extend(int(c) for c in children)
    return total / 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(graph: Path, port: int, workers: int = 2, timeout: float = 10.0,
                 demote_after: float | None = None, cache_mb: int | None = None,
                 queue_timeout: float | None = None) -> subprocess.Popen:
    """``python -m kg serve GRAPH`` on `port`, returned once it answers."""
    extra = [] if demote_after is None else ["--demote-after", str(demote_after)]
    extra += [] if cache_mb is None else ["--cache-mb", str(cache_mb)]
    extra += [] if queue_timeout is None else ["--queue-timeout", str(queue_timeout)]
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(graph), "--port", str(port),
                             "--workers", str(workers), "--timeout", str(timeout), "--page", os.devnull, *extra],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"kg serve exited: {proc.stderr.read().decode('utf-8', 'replace')[-500:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("kg serve did not start listening within 120 s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graph", nargs="?", type=Path, help="graph to serve (else --url)")
    parser.add_argument("--url", help="an endpoint already running, e.g. http://127.0.0.1:7878/sparql")
    parser.add_argument("--clients", type=int, nargs="+", default=[50, 200, 500])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--max-requests", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=10.0, help="the server's query time limit")
    parser.add_argument("--slow", action="store_true", help="one more client sends a cartesian product")
    parser.add_argument("--alternate", action="store_true",
                        help="each client count twice in a row, with and without the slow client: without first "
                             "on odd repeats, with first on even ones, so a drift in the machine's load favours neither")
    parser.add_argument("--repeat", type=int, default=1, help="run the whole list of client counts this many times")
    parser.add_argument("--demote-after", type=float, default=None, help="the server's --demote-after")
    parser.add_argument("--cache-mb", type=int, default=None, help="the server's --cache-mb (0: every query runs)")
    parser.add_argument("--queue-timeout", type=float, default=None, help="the server's --queue-timeout")
    parser.add_argument("--request-timeout", type=float, default=180.0,
                        help="seconds a client waits for an answer before it counts a connection error (timeout); "
                             "above the server's --queue-timeout plus --timeout")
    args = parser.parse_args(argv)
    if args.graph is None and args.url is None:
        parser.error("give a graph to serve or --url")
    proc = None
    url = args.url
    if args.graph is not None:
        port = free_port()
        proc = start_server(args.graph, port, args.workers, args.timeout, args.demote_after, args.cache_mb,
                            args.queue_timeout)
        url = f"http://127.0.0.1:{port}/sparql"
    try:
        for repeat in range(args.repeat):
            for n in args.clients:
                for slow in (((False, True), (True, False))[repeat % 2] if args.alternate else (args.slow,)):
                    result = run_load(url, n, args.seconds, library_queries(), args.max_requests,
                                      server_pid=proc.pid if proc else None, request_timeout=args.request_timeout,
                                      slow=slow)
                    sys.stdout.write(json.dumps({**result.summary(), "slow": slow}, ensure_ascii=False) + "\n")
                    sys.stdout.flush()
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
