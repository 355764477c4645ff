"""The query workers of ``kg serve``: processes forked from one that holds the loaded graph.

A query over its time limit is stopped by killing its worker process (pyoxigraph has no
cancellation, and a thread cannot be stopped). What replaces it must be ready at once, or the
other clients wait while a fresh process imports envkg and parses the graph. So the graph is
parsed once, by a *factory* process (a plain ``python -c`` subprocess) that never runs a query;
each worker is an ``os.fork()`` of it, which shares the loaded store copy-on-write and starts
in milliseconds whatever the graph's size.

Workers are handed to the waiting requests in the order they came (``queue.Queue`` lets a
newcomer overtake a request that has waited for seconds). A query that has used
``demote_after`` seconds of CPU gets a fresh fork to stand in for its worker among the idle
ones, and its worker runs only on spare CPU (Linux ``SCHED_IDLE``, else nice 19): one client's
runaway query leaves the others short of neither a worker nor a core. Such a worker is retired
(killed) once it answers or runs out of time.

A query that has run into the time limit once, after ``demote_after`` seconds of CPU, is *known
slow* (the graph never changes while it is served, so it will again): sent again, it gets a fork of its own only once no request has
been active for a moment, and that worker is stopped (``SIGSTOP``) the moment one is, and
continued (``SIGCONT``) when none has been for a moment. ``SCHED_IDLE`` alone was not enough on
a virtual machine's two cores: a ``SCHED_IDLE`` busy loop still took 15% of the others' throughput.

A request waits for a worker at most ``wait`` seconds (``kg serve --queue-timeout``), apart from
the ``timeout`` its query may run: under a burst of clients a queue answers every one of them,
later, where a wait bounded by the run time answered many with 503.

The server talks to the factory over a ``SOCK_SEQPACKET`` Unix socket: to make a worker it
sends one end of a new socket pair (``SCM_RIGHTS``); the factory forks, the child serves
pickled ``(query, Accept)`` requests on that socket, and the factory answers with its pid.
POSIX only. See ``docs/sparql.md``.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, NamedTuple

from kg.errors import InputError, KGError, QueryError
from kg.query import GRAPH_MEDIA_TYPES, negotiate, serialize_result
from kg.store import DEFAULT_BACKEND, JsonResults, is_update, load_store, query_json, run_query

__all__ = ["DEMOTED_NICE", "Reply", "WorkerConfig", "WorkerPool", "answer", "factory_entry"]

logger = logging.getLogger(__name__)

_PACKAGE_ROOT = Path(__file__).resolve().parent.parent
TEXT = "text/plain; charset=utf-8"
JSON_RESULTS = "application/sparql-results+json"
READ_ONLY = "This endpoint is read-only: SPARQL Update requests are refused. Send a query instead."
DEMOTED_NICE = 19  # the CPU priority of a worker whose query ran past demote_after (Linux: 1.5% of a nice-0 share)
_MESSAGE = 1 << 16  # largest control message (an error text of the factory)
_CHECK_EVERY = 0.05  # seconds between looks at a long query's CPU time
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
STAND_IN_AFTER = 2.0  # seconds on the clock after which a query that waits (not computes) gets a stand-in
KNOWN_SLOW = 1024  # query texts remembered (by digest) as having run into the time limit
RETRY_AFTER = "5"  # seconds, in the Retry-After of a 503 for a request no worker took in time


def _cpu_seconds(pid: int) -> float | None:
    """CPU seconds (user + system) a process has used, from ``/proc`` (None where there is none)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2:].split()  # after the command name, which may hold spaces
    return (int(fields[11]) + int(fields[12])) / _TICKS


@dataclass(frozen=True)
class WorkerConfig:
    """What the pool needs of ``kg serve``'s settings (:class:`kg.serve.ServeConfig` has them all)."""

    graph: Path
    backend: str = DEFAULT_BACKEND
    max_results: int = 10000
    workers: int = 2
    demote_after: float = 1.0


class Reply(NamedTuple):
    """An HTTP answer: status code, content type, body and any further headers."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def _text(status: int, message: str) -> Reply:
    return Reply(status, TEXT, (message + "\n").encode("utf-8"))


def _too_many(max_results: int) -> Reply:
    return _text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                 f"The answer has more than {max_results} results (the server's --max-results); "
                 "add a LIMIT or narrow the query.")


def answer(store: Any, sparql: str, accept: str | None, max_results: int) -> Reply:
    """Run one query and serialise it for the client (runs inside a worker).

    A SELECT or ASK whose client takes SPARQL JSON is written straight from the store's own
    terms (:func:`kg.store.query_json`), compact; anything else goes through
    :func:`kg.store.run_query` and :func:`kg.query.serialize_result`.

    Example:
        >>> store = load_store("tests/fixtures/mini.ttl")
        >>> answer(store, "ASK { ?s a envkg:Bureau }", "text/csv", 10).body
        b'true\\r\\n'
        >>> answer(store, "ASK { ?s a envkg:Bureau }", None, 10).body
        b'{"head":{},"boolean":true}\\n'
    """
    if is_update(sparql):
        return _text(HTTPStatus.FORBIDDEN, READ_ONLY)
    try:
        if negotiate(accept, "select") == JSON_RESULTS and negotiate(accept, "ask") == JSON_RESULTS:
            result = query_json(store, sparql, max_rows=max_results)
            if isinstance(result, JsonResults):
                if result.truncated:
                    return _too_many(max_results)
                return Reply(HTTPStatus.OK, JSON_RESULTS, result.body)
        else:
            result = run_query(store, sparql, max_rows=max_results)
    except QueryError as e:  # QuerySyntaxError included: the message has line and column
        return _text(HTTPStatus.BAD_REQUEST, str(e))
    if result.truncated:
        return _too_many(max_results)
    media = negotiate(accept, result.kind)
    if media is None:
        offered = ", ".join(GRAPH_MEDIA_TYPES) if result.kind == "graph" else (
            "application/sparql-results+json, application/sparql-results+xml, text/csv, text/tab-separated-values")
        return _text(HTTPStatus.NOT_ACCEPTABLE, f"Cannot produce {accept!r} for this query; use one of: {offered}.")
    body = serialize_result(result, media)
    charset = "" if media.endswith("+json") or media == "application/json" else "; charset=utf-8"
    return Reply(HTTPStatus.OK, media + charset, body)


def _serve_queries(conn: Connection, store: Any, max_results: int) -> None:
    """A worker's loop: answer (sparql, accept) requests until the server closes the socket."""
    conn.send(("ready", len(store)))
    while True:
        try:
            sparql, accept = conn.recv()
        except EOFError:
            return
        try:
            conn.send(answer(store, sparql, accept, max_results))
        except Exception as e:  # noqa: BLE001 - a worker must answer, never die silently
            conn.send(_text(HTTPStatus.INTERNAL_SERVER_ERROR, f"Query failed: {type(e).__name__}: {e}"))


def _fork_worker(control: socket.socket, channel: int, store: Any, max_results: int) -> int:
    """Fork a worker serving queries on the socket ``channel``; return its pid (in the factory)."""
    pid = os.fork()
    if pid:
        os.close(channel)
        return pid
    status = 0
    try:
        control.close()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        from kg.parallel import die_with_parent  # already imported by factory_entry

        die_with_parent(None)  # the factory's death (server gone, or killed) ends its workers
        _serve_queries(Connection(channel), store, max_results)
    except BaseException:  # noqa: BLE001 - a forked child must never return into the factory's loop
        status = 1
    os._exit(status)


def _warm_up(store: Any) -> None:
    """Answer a tiny query in every result format once, so that the modules and parsers they
    load lazily (rdflib's serializers, pyoxigraph's query parser) are in the factory before it
    forks: a fresh worker then starts warm instead of importing them on its first query."""
    for media in ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                  "text/tab-separated-values", "text/plain"):
        answer(store, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1", media, 1)
        answer(store, "ASK { ?s ?p ?o }", media, 1)
    for media in GRAPH_MEDIA_TYPES:
        answer(store, "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", media, 1)


def factory_entry() -> None:
    """Entry point of the factory process (``python -c``): load the graph, then fork workers on request.

    Arguments (``sys.argv``): graph, backend, max_results, the control socket's file descriptor.
    """
    os.dup2(2, 1)  # anything printed goes to stderr
    from kg.parallel import die_with_parent  # noqa: F401 - imported here, once, for every forked worker
    graph, backend, max_results = sys.argv[1], sys.argv[2], int(sys.argv[3])
    control = socket.socket(fileno=int(sys.argv[4]))
    try:
        store = load_store(graph, backend)
    except KGError as e:
        control.send(f"error {e}".encode("utf-8")[:_MESSAGE])
        return
    _warm_up(store)
    gc.freeze()  # the cyclic GC of a worker then skips the factory's objects, which stay shared, not copied
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the workers the server kills
    control.send(f"ready {len(store)}".encode("utf-8"))
    while True:
        try:
            _, channels, _, _ = socket.recv_fds(control, _MESSAGE, 1)
        except OSError:
            return
        if not channels:  # the server closed the control socket: stop
            return
        control.send(str(_fork_worker(control, channels[0], store, max_results)).encode("utf-8"))


class _Worker:
    """A forked worker: its pid and the server's end of its socket."""

    def __init__(self, pid: int, conn: Connection) -> None:
        self.pid = pid
        self.conn = conn

    def demote(self) -> None:
        """Let the worker run only on a core nothing else wants (Linux SCHED_IDLE, else nice 19)."""
        try:
            if hasattr(os, "SCHED_IDLE"):
                os.sched_setscheduler(self.pid, os.SCHED_IDLE, os.sched_param(0))
            else:
                os.setpriority(os.PRIO_PROCESS, self.pid, DEMOTED_NICE)
        except OSError as e:  # the worker may have just exited
            logger.warning("could not lower the priority of query worker %d: %s", self.pid, e)

    def kill(self, demoted: bool = False) -> None:
        """SIGKILL the worker. A demoted one first gets a normal priority back where it may
        (root, or an RLIMIT_NICE that allows it): its exit tears down memory it shares with the
        factory, whose next fork would wait for a dying process that never gets a core."""
        if demoted:
            try:
                if hasattr(os, "SCHED_OTHER"):
                    os.sched_setscheduler(self.pid, os.SCHED_OTHER, os.sched_param(0))
                os.setpriority(os.PRIO_PROCESS, self.pid, 0)
            except OSError as e:  # not allowed, or already gone: it exits at its own pace
                logger.info("query worker %d keeps its low priority while it exits: %s", self.pid, e)
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.conn.close()


class _Run:
    """One query on one worker: when it started, and what the pool has done about its length."""

    def __init__(self, worker: _Worker) -> None:
        self.worker = worker
        self.started = time.monotonic()
        self.cpu = _cpu_seconds(worker.pid)
        self.replaced = False  # a fresh worker has taken its place among the idle ones
        self.lowered = False  # it runs only on spare CPU

    def cpu_used(self, now: float) -> float:
        """CPU seconds the worker has used on this query (clock seconds where /proc is missing)."""
        spent = _cpu_seconds(self.worker.pid)
        return spent - self.cpu if spent is not None and self.cpu is not None else now - self.started


class _Throttle:
    """Holds the workers of known slow queries: stopped while any request is *active*.

    A request is active while the server works on it (its thread between :meth:`enter` and
    :meth:`leave`), except once its own query runs on spare CPU. The first request to become
    active stops (``SIGSTOP``) every held worker; once none has been active for ``grace``
    seconds a thread continues them (``SIGCONT``), so a query that timed out before may still
    finish on an idle server, but never takes a core from another client (the short gaps
    between one client's requests do not count). One condition guards the count and the held
    pids, so a retired worker's pid, which the kernel may give to another process, is never
    signalled after :meth:`release`.

    Example:
        >>> throttle = _Throttle()
        >>> throttle.enter(), throttle.enter(), throttle.active
        (True, False, 1)
        >>> throttle.leave(); throttle.active
        0
    """

    def __init__(self, grace: float = 0.2) -> None:
        self.grace = grace
        self.active = 0
        self._cond = threading.Condition()
        self._mine = threading.local()  # whether this thread's request counts
        self._held: set[int] = set()
        self._running = False  # the held workers were continued
        self._idle_since = time.monotonic()
        self._thread: threading.Thread | None = None
        self._closed = False

    def _signal(self, pids: set[int], signum: int) -> None:
        for pid in pids:
            try:
                os.kill(pid, signum)
            except ProcessLookupError:
                pass

    def enter(self) -> bool:
        """This thread's request is active; False if it was already."""
        if getattr(self._mine, "active", False):
            return False
        self._mine.active = True
        with self._cond:
            self.active += 1
            if self._running:
                self._signal(self._held, signal.SIGSTOP)
                self._running = False
        return True

    def leave(self) -> None:
        """This thread's request is answered, or its query went to spare CPU."""
        if not getattr(self._mine, "active", False):
            return
        self._mine.active = False
        with self._cond:
            self.active -= 1
            if self.active == 0:
                self._idle_since = time.monotonic()
                self._cond.notify_all()

    def wait_idle(self, deadline: float) -> bool:
        """Wait until no request has been active for ``grace`` seconds; False at ``deadline``."""
        with self._cond:
            while True:
                now = time.monotonic()
                if self.active == 0 and now >= self._idle_since + self.grace:
                    self._go()
                    return True
                if now >= deadline:
                    return False
                until = deadline if self.active else min(deadline, self._idle_since + self.grace)
                self._cond.wait(until - now)

    def _go(self) -> None:
        """The server is idle: held workers may run (lock held)."""
        if not self._running:
            self._signal(self._held, signal.SIGCONT)
            self._running = True

    def hold(self, pid: int) -> None:
        """Stop ``pid`` now, unless the server is idle, and whenever a request is active from now on."""
        with self._cond:
            self._held.add(pid)
            if not self._running:
                self._signal({pid}, signal.SIGSTOP)
            if self._thread is None:
                self._thread = threading.Thread(target=self._continue_when_idle, name="kg-serve-throttle", daemon=True)
                self._thread.start()
            self._cond.notify()

    def release(self, pid: int) -> None:
        """Forget ``pid`` (before it is killed: SIGKILL ends a stopped process too)."""
        with self._cond:
            self._held.discard(pid)

    def held_count(self) -> int:
        with self._cond:
            return len(self._held)

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify()

    def _continue_when_idle(self) -> None:
        with self._cond:
            while not self._closed:
                if self._running or not self._held or self.active:
                    self._cond.wait()
                    continue
                left = self._idle_since + self.grace - time.monotonic()
                if left > 0:
                    self._cond.wait(left)
                    continue
                self._go()


class _Handoff:
    """Idle workers, handed to the requests waiting for one in the order they came.

    ``queue.Queue`` is not fair: a request that arrives just as a worker comes back takes it
    before one that has waited for seconds (the woken waiter finds the queue empty and waits
    again, at the back), so under load a few requests waited past the time limit while the
    median stayed low. Here a returning worker goes straight to the oldest waiter.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: deque[_Worker] = deque()
        self._waiting: deque[list[Any]] = deque()  # [event, worker or None]

    def put(self, worker: _Worker) -> None:
        with self._lock:
            if self._waiting:
                waiter = self._waiting.popleft()
                waiter[1] = worker
                waiter[0].set()
            else:
                self._idle.append(worker)

    def get(self, timeout: float) -> _Worker | None:
        """The next idle worker, or None when none came within ``timeout`` seconds."""
        with self._lock:
            if self._idle:
                return self._idle.popleft()
            waiter: list[Any] = [threading.Event(), None]
            self._waiting.append(waiter)
        waiter[0].wait(timeout)
        with self._lock:
            if waiter[1] is None:
                self._waiting.remove(waiter)
            return waiter[1]

    def qsize(self) -> int:
        with self._lock:
            return len(self._idle)

    def take_all(self) -> list[_Worker]:
        with self._lock:
            idle, self._idle = list(self._idle), deque()
            return idle


class _Factory:
    """The process that holds the parsed graph and forks workers from it."""

    def __init__(self, config: WorkerConfig) -> None:
        self.config = config
        self.size = 0
        self._lock = threading.Lock()
        self._start()

    def _start(self) -> None:
        """Start the factory process and wait until it has loaded the graph."""
        control, remote = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_PACKAGE_ROOT), env.get("PYTHONPATH")]))
        config = self.config
        with remote:
            self.process = subprocess.Popen(
                [sys.executable, "-c", "from kg.serve_workers import factory_entry; factory_entry()",
                 str(Path(config.graph).resolve()), config.backend, str(config.max_results), str(remote.fileno())],
                pass_fds=[remote.fileno()], stdin=subprocess.DEVNULL, env=env,
            )
        self.control = control
        message = control.recv(_MESSAGE).decode("utf-8", errors="replace")
        status, _, detail = message.partition(" ")
        if status != "ready":
            self.close()
            raise InputError(detail or "The query worker factory died while loading the graph; see the messages above.")
        self.size = int(detail)

    def fork(self) -> _Worker:
        """A new worker, ready to answer; restarts the factory once if it has died.

        Raises:
            InputError: If no worker can be made.
        """
        with self._lock:
            try:
                return self._fork()
            except (OSError, EOFError, ValueError) as e:
                logger.error("the query worker factory failed (%s); starting it again", e)
                self.close()
                self._start()
                try:
                    return self._fork()
                except (OSError, EOFError, ValueError) as again:
                    raise InputError(f"Cannot start a query worker: {again}") from again

    def _fork(self) -> _Worker:
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        with theirs:
            socket.send_fds(self.control, [b"fork"], [theirs.fileno()])
        pid = int(self.control.recv(_MESSAGE))
        conn = Connection(mine.detach())
        status, _ = conn.recv()
        if status != "ready":
            raise ValueError(f"the new worker said {status!r}")
        return _Worker(pid, conn)

    def close(self) -> None:
        """Stop the factory; its workers die with it (PR_SET_PDEATHSIG)."""
        self.control.close()
        self.process.kill()
        self.process.wait(timeout=5)


class WorkerPool:
    """``config.workers`` idle query workers, forked from one process that parsed the graph.

    A query over ``timeout`` gets its worker killed; a query past ``config.demote_after`` seconds
    of CPU gets a fresh fork in its place at once and its worker demoted; a query that ran into
    ``timeout`` before runs only while no other request is active (see the module's docstring).
    So the pool never waits for a graph to load. At most ``config.workers`` long queries are
    stood in for at a time; past that a long query keeps its place.

    Args:
        config: Graph, backend, worker count, result cap and demotion delay.

    Raises:
        InputError: If the graph cannot be loaded.
    """

    def __init__(self, config: WorkerConfig) -> None:
        self.config = config
        self._factory = _Factory(config)
        self.size = self._factory.size
        self._idle = _Handoff()
        self._lock = threading.Lock()
        self._replaced = 0
        self._throttle = _Throttle()
        self._slow_runs = threading.BoundedSemaphore(max(1, config.workers))  # known slow queries running at once
        self._slow: OrderedDict[bytes, None] = OrderedDict()  # digests of known slow queries, latest last
        try:
            for _ in range(max(1, config.workers)):
                self._idle.put(self._factory.fork())
        except InputError:
            self.close()
            raise

    def ready_count(self) -> int:
        """Idle workers ready to take a query now."""
        return self._idle.qsize()

    def replaced_count(self) -> int:
        """Workers still running a long query, whose place a fresh one has taken."""
        with self._lock:
            return self._replaced

    def held_count(self) -> int:
        """Workers of known slow queries, stopped while other queries are active."""
        return self._throttle.held_count()

    @contextmanager
    def serving(self) -> Iterator[None]:
        """Count the calling thread's request as active (known slow queries stop) while inside;
        :meth:`execute` counts itself, this is for the work around it (an answer from a cache, sending)."""
        mine = self._throttle.enter()
        try:
            yield
        finally:
            if mine:
                self._throttle.leave()

    def _known_slow(self, key: bytes, remember: bool = False) -> bool:
        with self._lock:
            if remember:
                self._slow[key] = None
                if len(self._slow) > KNOWN_SLOW:
                    self._slow.popitem(last=False)
            if key in self._slow:
                self._slow.move_to_end(key)
                return True
            return False

    def execute(self, sparql: str, accept: str | None, timeout: float, wait: float | None = None) -> Reply:
        """Run a query on an idle worker: wait at most ``wait`` seconds for one (default: ``timeout``),
        then let the query run at most ``timeout`` seconds."""
        key = hashlib.blake2b(sparql.encode("utf-8"), digest_size=16).digest()
        wait = timeout if wait is None else wait
        if self._known_slow(key):
            return self._run_known_slow(sparql, accept, timeout)
        mine = self._throttle.enter()
        run = None
        try:
            worker = self._idle.get(wait)
            if worker is None:
                busy = _text(HTTPStatus.SERVICE_UNAVAILABLE, f"All {self.config.workers} query workers stayed busy "
                             f"for {wait:g} s (the server's --queue-timeout); try again later.")
                return busy._replace(headers=(("Retry-After", RETRY_AFTER),))
            run = _Run(worker)
            deadline = run.started + timeout
            worker.conn.send((sparql, accept))
            if self._await(run, deadline):
                reply = worker.conn.recv()
                if run.replaced:
                    self._retire(run)
                else:
                    self._idle.put(worker)
                return reply
        except (EOFError, OSError) as e:
            logger.warning("query worker failed: %s", e)
            if run is not None:
                self._retire(run)
            return _text(HTTPStatus.INTERNAL_SERVER_ERROR, "The query worker crashed; the query was not answered.")
        finally:
            if mine:
                self._throttle.leave()
        computed = run.cpu_used(time.monotonic()) >= self.config.demote_after
        self._retire(run)
        if computed:  # not a query that only waited for a core on a loaded machine
            self._known_slow(key, remember=True)
        return self._too_slow(timeout)

    def _run_known_slow(self, sparql: str, accept: str | None, timeout: float) -> Reply:
        """Run a query that ran into the time limit before, within ``timeout`` seconds, on a worker
        of its own that runs only while no other request is active (none is forked before then)."""
        deadline = time.monotonic() + timeout
        self._throttle.leave()  # this request waits for the others: it does not count as active
        if not self._slow_runs.acquire(timeout=max(0.0, deadline - time.monotonic())):
            return self._too_slow(timeout, again=True)
        worker = None
        try:
            if not self._throttle.wait_idle(deadline):
                return self._too_slow(timeout, again=True)
            worker = self._factory.fork()
            worker.demote()
            self._throttle.hold(worker.pid)  # stopped at once if a request came meanwhile
            worker.conn.send((sparql, accept))
            if worker.conn.poll(max(0.0, deadline - time.monotonic())):
                return worker.conn.recv()
            return self._too_slow(timeout, again=True)
        except InputError as e:
            return _text(HTTPStatus.INTERNAL_SERVER_ERROR, f"Cannot start a query worker: {e}")
        except (EOFError, OSError) as e:
            logger.warning("query worker failed: %s", e)
            return _text(HTTPStatus.INTERNAL_SERVER_ERROR, "The query worker crashed; the query was not answered.")
        finally:
            if worker is not None:
                self._throttle.release(worker.pid)
                worker.kill(demoted=True)
            self._slow_runs.release()

    @staticmethod
    def _too_slow(timeout: float, again: bool = False) -> Reply:
        said = (" before, so it now runs only while no other query does, and did not finish within it"
                if again else " and was stopped")
        return _text(HTTPStatus.SERVICE_UNAVAILABLE,
                     f"The query ran longer than the {timeout:g} s time limit (the server's --timeout){said}. "
                     "Add a LIMIT or make the query more selective.")

    def _lower(self, run: _Run) -> None:
        """Put a run's worker on spare CPU; its request no longer counts as active."""
        run.worker.demote()
        run.lowered = True
        self._throttle.leave()

    def _await(self, run: _Run, deadline: float) -> bool:
        """Wait for the worker's answer until ``deadline``; True if it came.

        Once the query has used ``demote_after`` seconds of CPU (of the clock where there is no
        ``/proc``) a fresh worker joins the idle ones in this one's place (``run.replaced``) and
        this one runs only on spare CPU (``run.lowered``). A query that only waits (for a core
        under load, or for a disk) keeps its priority, and gets a stand-in after
        ``STAND_IN_AFTER`` seconds on the clock: a fork on every query that waited for a core
        added a process to the cores' queue, not a core. ``workers`` workers always run at full
        priority: a long query that found no stand-in (``workers`` are stood in for already)
        keeps its own.
        """
        after = self.config.demote_after
        look_at = run.started + after  # CPU time never runs ahead of the clock
        while True:
            if run.worker.conn.poll(max(0.0, min(look_at, deadline) - time.monotonic())):
                return True
            now = time.monotonic()
            if now >= deadline:
                return False
            long = run.cpu_used(now) >= after
            if not run.replaced and (long or now - run.started >= max(after, STAND_IN_AFTER)):
                run.replaced = self._replace(run.worker)
            if run.replaced and long:
                logger.info("query worker %d demoted after %.2f s", run.worker.pid, now - run.started)
                self._lower(run)
            look_at = deadline if run.lowered else now + _CHECK_EVERY

    def _replace(self, worker: _Worker) -> bool:
        """Fork a worker to stand in for one busy with a long query; False when too many stand in."""
        with self._lock:
            if self._replaced >= self.config.workers:
                return False
            self._replaced += 1
        self._add_worker()
        return True

    def _retire(self, run: _Run) -> None:
        """Kill a run's worker; one replaced already is not replaced again."""
        run.worker.kill(run.lowered)
        if run.replaced:
            with self._lock:
                self._replaced -= 1
        else:
            self._add_worker()

    def _add_worker(self) -> None:
        try:
            self._idle.put(self._factory.fork())
        except InputError as e:
            logger.error("could not start a query worker: %s", e)

    def close(self) -> None:
        """Stop the factory, and with it every worker."""
        self._throttle.close()
        for worker in self._idle.take_all():
            worker.kill()
        self._factory.close()
