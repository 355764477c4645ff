"""``kg serve`` under sustained load (issue 15): 200 clients for 5 s, no lost request.

A real ``python -m kg serve`` process on a free port, real HTTP clients in threads
(bench/load.py, the same code as the full-size benchmark in docs/benchmarks.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

MINI = Path(__file__).parent / "fixtures" / "mini.ttl"


@pytest.fixture(scope="module")
def endpoint():
    from load import free_port, start_server

    port = free_port()
    proc = start_server(MINI, port, workers=2)
    yield proc, f"http://127.0.0.1:{port}/sparql"
    proc.terminate()
    proc.wait(timeout=30)


def test_200_clients_for_5_seconds_lose_no_request(endpoint):
    from load import library_queries, run_load

    proc, url = endpoint
    result = run_load(url, clients=200, seconds=5, queries=library_queries(), server_pid=proc.pid)
    assert result.errors == 0, result.error_kinds
    assert result.requests > 200  # every client got answers
    assert set(result.statuses) == {200}, result.statuses
    assert result.server_rss_mib and result.server_rss_mib > 0


def test_a_query_over_its_time_limit_is_answered_503_under_load(tmp_path):
    from load import free_port, library_queries, run_load, start_server

    port = free_port()
    proc = start_server(MINI, port, workers=2, timeout=0.5)
    try:
        result = run_load(f"http://127.0.0.1:{port}/sparql", clients=20, seconds=3, queries=library_queries(),
                          slow=True)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert result.errors == 0
    assert set(result.slow_statuses) == {503}
    assert set(result.statuses) <= {200, 503} and result.statuses[200] > 0
