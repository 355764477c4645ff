"""The query workers of ``kg serve`` (issue 15): forked, handed out fairly, long queries stood in for.

Real worker processes over the fixture graph; no timing asserts beyond generous bounds (the
speed figures are bench/load.py's, in docs/benchmarks.md).
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path

import pytest

from kg.query import format_json, list_queries
from kg.serve import AnswerCache, Reply
from kg.serve_workers import WorkerConfig, WorkerPool, _Handoff
from kg.store import JsonResults, Result, load_store, query_json, run_query

MINI = Path(__file__).parent / "fixtures" / "mini.ttl"
PERSONS = "SELECT ?name WHERE { ?p a envkg:Person ; skos:prefLabel ?name }"
# Three-way cross product of the fixture's ~460 triples: ~10^8 solutions, far over any of these limits.
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
JSON = "application/sparql-results+json"


@pytest.fixture()
def pool():
    pool = WorkerPool(WorkerConfig(graph=MINI, workers=2, demote_after=0.05))
    yield pool
    pool.close()


def wait_until(condition, seconds=10.0):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)
    return condition()


def factory_children(pool):
    pid = pool._factory.process.pid
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="utf-8").split()]


def test_issue_15_a_timed_out_query_leaves_the_pool_full_at_once(pool):
    """The killed worker's place is taken before the 503 is returned: no graph to load again."""
    reply = pool.execute(EXPENSIVE, JSON, 0.5)
    assert reply.status == 503 and b"time limit" in reply.body
    assert pool.ready_count() == 2  # a worker started fresh (the old way) is still importing envkg here
    assert pool.replaced_count() == 0
    started = time.monotonic()
    for _ in range(4):  # both the old and the new worker answer
        reply = pool.execute(PERSONS, JSON, 5.0)
        assert reply.status == 200 and "赵庆国" in reply.body.decode("utf-8")
    assert time.monotonic() - started < 5.0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SCHED_IDLE and /proc are Linux's")
def test_issue_15_a_long_query_is_stood_in_for_and_runs_on_spare_cpu(pool):
    replies = []
    slow = threading.Thread(target=lambda: replies.append(pool.execute(EXPENSIVE, JSON, 3.0)))
    slow.start()
    assert wait_until(lambda: pool.replaced_count() == 1, 5.0)
    assert wait_until(lambda: pool.ready_count() == 2, 5.0)  # the stand-in and the other idle worker
    assert wait_until(lambda: any(os.sched_getscheduler(p) == os.SCHED_IDLE for p in factory_children(pool)), 5.0)
    reply = pool.execute(PERSONS, JSON, 5.0)  # answered while the long query still runs
    assert reply.status == 200 and slow.is_alive()
    slow.join()
    assert replies[0].status == 503
    assert pool.replaced_count() == 0 and pool.ready_count() == 2
    assert wait_until(lambda: len(factory_children(pool)) == 2, 5.0)  # the demoted worker was retired


def test_issue_15_a_long_query_that_finishes_is_answered_and_its_worker_retired(tmp_path):
    pool = WorkerPool(WorkerConfig(graph=MINI, workers=1, demote_after=0.0))
    try:
        reply = pool.execute(PERSONS, JSON, 5.0)  # every query is 'long' at 0 s: stood in for, then retired
        assert reply.status == 200 and "赵庆国" in reply.body.decode("utf-8")
        assert pool.ready_count() == 1 and pool.replaced_count() == 0
    finally:
        pool.close()


def test_waiting_requests_get_workers_in_arrival_order():
    handoff = _Handoff()
    got = {}

    def wait(name):
        got[name] = handoff.get(5.0)

    threads = []
    for k, name in enumerate(["first", "second", "third"]):
        threads.append(threading.Thread(target=wait, args=(name,)))
        threads[-1].start()
        assert wait_until(lambda k=k: len(handoff._waiting) == k + 1, 5.0)
    for worker in ["a", "b"]:
        handoff.put(worker)
    assert handoff.get(0.0) is None  # a newcomer does not overtake the third waiter
    handoff.put("c")
    for t in threads:
        t.join()
    assert got == {"first": "a", "second": "b", "third": "c"}
    handoff.put("d")
    assert handoff.qsize() == 1 and handoff.get(0.0) == "d"


def test_a_wait_that_times_out_leaves_no_waiter_behind():
    handoff = _Handoff()
    assert handoff.get(0.05) is None
    handoff.put("a")
    assert handoff.qsize() == 1  # kept for the next request, not handed to the one that gave up


@pytest.mark.parametrize("query", [q for q in list_queries()], ids=lambda q: q.name)
def test_query_json_gives_format_json_s_document(query):
    store = load_store(MINI)
    fast = query_json(store, query.sparql, max_rows=10000)
    plain = run_query(store, query.sparql, max_rows=10000)
    if plain.kind == "graph":
        assert isinstance(fast, Result) and set(fast.triples) == set(plain.triples)
    else:
        assert isinstance(fast, JsonResults) and not fast.truncated
        assert json.loads(fast.body) == json.loads(format_json(plain))


def test_query_json_truncates_and_asks():
    store = load_store(MINI)
    assert query_json(store, "SELECT ?s WHERE { ?s ?p ?o }", max_rows=3) == JsonResults(b"", truncated=True)
    assert json.loads(query_json(store, "ASK { ?s a envkg:Person }").body) == {"head": {}, "boolean": True}
    assert isinstance(query_json(load_store(MINI, "rdflib"), PERSONS), Result)  # rdflib: the plain path


def test_answer_cache_keeps_the_latest_answers_within_its_size():
    cache = AnswerCache(100)
    cache.put("q1", None, Reply(200, JSON, b"x" * 40))
    cache.put("q2", None, Reply(200, JSON, b"y" * 40))
    assert cache.get("q1", None) is not None  # q1 is now the most recently used
    cache.put("q3", None, Reply(413, JSON, b"z" * 40))
    assert cache.get("q2", None) is None and cache.get("q1", None) and cache.get("q3", None)
    cache.put("q4", None, Reply(503, JSON, b"busy"))
    cache.put("q5", None, Reply(500, JSON, b"crash"))
    cache.put("q6", None, Reply(200, JSON, b"w" * 200))  # larger than the whole cache
    assert cache.get("q4", None) is None and cache.get("q5", None) is None and cache.get("q6", None) is None
    assert cache.get("q1", "text/csv") is None  # by Accept too
    assert AnswerCache(0).get("q1", None) is None


def proc_state(pid):
    """One letter of /proc/PID/stat: R running, S sleeping, T stopped (None once gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return None
    return stat[stat.rindex(")") + 2]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc is Linux's")
def test_issue_15_a_known_slow_query_runs_only_while_no_other_request_is_active(pool):
    """A query that ran into its time limit once gets no worker while others are served, and
    its own worker, on an idle server, is stopped (SIGSTOP) the moment a request comes."""
    assert pool.execute(EXPENSIVE, JSON, 0.5).status == 503  # now known slow
    assert wait_until(lambda: len(factory_children(pool)) == 2, 5.0)
    busy = threading.Event()
    done = threading.Event()

    def other_request():  # a request being served, as the HTTP handler marks one
        with pool.serving():
            busy.set()
            done.wait(10.0)

    other = threading.Thread(target=other_request)
    other.start()
    busy.wait(5.0)
    started = time.monotonic()
    reply = pool.execute(EXPENSIVE, JSON, 0.6)  # waits for an idle server that never comes
    assert reply.status == 503 and b"before" in reply.body and time.monotonic() - started >= 0.5
    assert len(factory_children(pool)) == 2  # no worker was forked for it
    done.set()
    other.join()

    replies = []
    slow = threading.Thread(target=lambda: replies.append(pool.execute(EXPENSIVE, JSON, 4.0)))
    slow.start()  # the server is idle: it gets a worker of its own
    assert wait_until(lambda: len(factory_children(pool)) == 3 and pool.held_count() == 1, 5.0)
    own = next(p for p in factory_children(pool) if os.sched_getscheduler(p) == os.SCHED_IDLE)
    assert wait_until(lambda: proc_state(own) == "R", 5.0)
    with pool.serving():  # a request comes: the known slow query's worker stops at once
        assert wait_until(lambda: proc_state(own) == "T", 0.5)  # the signal's delivery takes microseconds
        assert pool.execute(PERSONS, JSON, 5.0).status == 200
        assert proc_state(own) == "T"
    assert wait_until(lambda: proc_state(own) in ("R", "S"), 5.0)  # idle again: it goes on
    slow.join()
    assert replies[0].status == 503 and pool.held_count() == 0
    assert wait_until(lambda: len(factory_children(pool)) == 2, 5.0)  # its worker retired
    assert pool.ready_count() == 2 and pool.replaced_count() == 0


def test_issue_15_a_request_waits_for_a_worker_up_to_its_own_limit_not_the_query_s():
    pool = WorkerPool(WorkerConfig(graph=MINI, workers=1, demote_after=100.0))
    try:
        slow = threading.Thread(target=lambda: pool.execute(EXPENSIVE, JSON, 1.5))
        slow.start()
        assert wait_until(lambda: pool.ready_count() == 0, 5.0)
        busy = pool.execute(PERSONS, JSON, 0.3)  # waited as long as a query may run: refused
        assert busy.status == 503 and dict(busy.headers).get("Retry-After") == "5"
        queued = pool.execute(PERSONS, JSON, 0.3, wait=10.0)  # queued past the other's 1.5 s: answered
        assert queued.status == 200 and "赵庆国" in queued.body.decode("utf-8")
        slow.join()
    finally:
        pool.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc is Linux's")
def test_issue_15_a_query_that_timed_out_without_computing_is_not_marked_slow():
    """On a loaded machine a normal query can reach its limit waiting for a core: it must not be
    held from then on (10 MB graph, load average 15: library queries became 'known slow')."""
    import signal

    pool = WorkerPool(WorkerConfig(graph=MINI, workers=1, demote_after=0.3))
    try:
        (worker,) = pool._idle.take_all()
        os.kill(worker.pid, signal.SIGSTOP)  # it gets no CPU at all
        pool._idle.put(worker)
        assert pool.execute(PERSONS, JSON, 0.5).status == 503
        reply = pool.execute(PERSONS, JSON, 5.0)  # the fresh worker answers it as any query
        assert reply.status == 200 and "赵庆国" in reply.body.decode("utf-8")
        assert pool.execute(EXPENSIVE, JSON, 0.8).status == 503  # 0.3 s of CPU and more: marked
        assert pool._known_slow(__import__("hashlib").blake2b(EXPENSIVE.encode(), digest_size=16).digest())
    finally:
        pool.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc is Linux's")
def test_issue_15_a_query_that_waits_for_a_core_gets_no_stand_in_before_a_second(pool):
    """Stand-ins follow CPU time: a worker that gets no core (stopped here) is not forked around."""
    import signal

    stopped = pool._idle.take_all()
    for worker in stopped:
        os.kill(worker.pid, signal.SIGSTOP)
        pool._idle.put(worker)
    try:
        replies = []
        waiting = threading.Thread(target=lambda: replies.append(pool.execute(PERSONS, JSON, 0.7)))
        waiting.start()
        time.sleep(0.5)
        assert pool.replaced_count() == 0  # at 0.05 s on the clock it used to get one
        waiting.join()
        assert replies[0].status == 503
    finally:
        for worker in stopped:
            try:
                os.kill(worker.pid, signal.SIGCONT)
            except ProcessLookupError:  # the one that timed out was killed
                pass
