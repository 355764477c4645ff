"""Extraction over batches of documents: in this process, in a process pool, or on a Dask cluster.

Files are read in their sorted order, cut into batches of about ``batch_bytes``, and each
batch goes to :func:`extract_batch`, which reads, splits and runs the NLP pipeline (one
pipeline per worker, made on first use). :func:`iter_document_facts` yields each file's
result in the input order whatever the executor, and keeps only a bounded window of
batches in flight, so a corpus of any size streams through in constant memory and the
merged facts (hence the graph's bytes) do not depend on ``jobs`` or the cluster.

A :class:`~kg.cache.DocumentCache`, when given, serves unchanged files without
extracting them and stores the facts of the others.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from functools import partial
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath

from kg.errors import InputError, KGError
from kg.facts import SharedFacts
from kg.rdf import RenderedSubjects
from kg.types import ArticleFacts, Document, Skipped

MIN_BATCH_BYTES = 16_000
MAX_BATCH_BYTES = 512_000
DASK_CONNECT_TIMEOUT = "20s"


@dataclass(frozen=True)
class Blob:
    """A file's path and bytes, read once by the parent and shipped to a worker.

    It quacks like the :class:`~pathlib.Path` that :func:`kg.ingest.read_document` reads,
    so workers need no shared file system (a Dask cluster elsewhere).
    """

    path: str
    data: bytes

    @property
    def name(self) -> str:
        """The file's base name."""
        return PurePath(self.path).name

    def read_bytes(self) -> bytes:
        """The bytes read by the parent."""
        return self.data

    def __fspath__(self) -> str:
        return self.path

    def __str__(self) -> str:
        return self.path


@dataclass
class DocumentFacts:
    """What one document says: the document (without its text), each article's facts, and
    the part of the graph only this document makes, already serialised (:func:`render_document`)."""

    document: Document
    articles: list[ArticleFacts] = field(default_factory=list)
    rendered: RenderedSubjects | None = None  # this document's own subjects, serialised
    formats: tuple[str, ...] = ()  # the formats `rendered` holds
    shared: SharedFacts | None = None  # in place of `articles` once rendered


def render_document(item: DocumentFacts, formats: tuple[str, ...]) -> DocumentFacts:
    """Serialise the subjects only this document makes (kg.rdf.document_subjects) in `formats`,
    and keep of its facts only what the shared subjects need (:class:`~kg.facts.SharedFacts`)."""
    from kg.export import render
    from kg.facts import collect_facts, shared_facts
    from kg.rdf import document_subjects

    subjects = document_subjects(collect_facts([item.document], item.articles))
    return DocumentFacts(item.document, [], render(subjects, formats), tuple(formats),
                         shared_facts(item.articles))


def usable(hit: DocumentFacts, formats: tuple[str, ...]) -> bool:
    """Whether a cached document serves a build that wants its own subjects in `formats`
    (or, with no formats, its full facts)."""
    return set(formats) <= set(hit.formats) if formats else hit.shared is None


@dataclass
class BatchResult:
    """A worker's answer for one batch, with the pipeline version it ran and its stage times."""

    version: str
    items: list[DocumentFacts | Skipped]
    timings: dict[str, float]


_LOCAL = threading.local()


def worker_nlp():
    """This worker's NLP pipeline (one per process and thread, made on first use)."""
    nlp = getattr(_LOCAL, "nlp", None)
    if nlp is None:
        from kg.nlp.pipeline import make_nlp

        nlp = _LOCAL.nlp = make_nlp()
    return nlp


def _strip_text(item: DocumentFacts) -> DocumentFacts:
    """Drop the document and article texts: facts keep offsets and evidence sentences, not whole texts."""
    articles = [replace(a, article=replace(a.article, text="")) for a in item.articles]
    return replace(item, document=replace(item.document, text=""), articles=articles)


def extract_batch(blobs: list[Blob | Path], formats: tuple[str, ...] = ()) -> BatchResult:
    """Read, split and extract a batch of files, and serialise each document's own subjects in
    `formats` (this runs in the workers).

    A file that cannot be read comes back as :class:`~kg.types.Skipped`, as from
    :func:`kg.ingest.read_documents`.
    """
    from kg.cache import pipeline_version
    from kg.facts import extract_articles
    from kg.ingest import read_document, split_articles

    timings: dict[str, float] = {}

    def lap(stage: str, t0: float) -> float:
        t1 = time.perf_counter()
        timings[stage] = timings.get(stage, 0.0) + t1 - t0
        return t1

    t = time.perf_counter()
    nlp = worker_nlp()
    t = lap("load_pipeline", t)
    items: list[DocumentFacts | Skipped] = []
    articles = []
    for blob in blobs:
        try:
            document = read_document(blob)
        except InputError as e:
            items.append(Skipped(path=str(blob), reason=str(e)))
            continue
        t = lap("read", t)
        item = DocumentFacts(document)
        items.append(item)
        for article in split_articles(document):
            articles.append((item, article))
        t = lap("split", t)
    for (item, _), facts in zip(articles, extract_articles(nlp, [a for _, a in articles])):
        item.articles.append(facts)
    t = lap("extract", t)
    items = [_strip_text(i) if isinstance(i, DocumentFacts) else i for i in items]
    if formats:
        items = [render_document(i, formats) if isinstance(i, DocumentFacts) else i for i in items]
        lap("render", t)
    return BatchResult(pipeline_version(), items, timings)


# --- executors -----------------------------------------------------------------------------------


class InlineExecutor:
    """Runs each batch at once in this process (``jobs=1``)."""

    slots = 1

    def submit(self, fn: Callable, arg) -> Future:
        """Run ``fn(arg)`` now; return a finished future."""
        future: Future = Future()
        try:
            future.set_result(fn(arg))
        except BaseException as e:  # handed to whoever asks for the result, as a pool would
            future.set_exception(e)
        return future


@contextmanager
def process_pool(jobs: int):
    """A pool of `jobs` worker processes, each with its own pipeline.

    Workers are forked when this process runs no other thread: the pipeline is made once,
    here, and every worker inherits it (no start-up cost). Otherwise they come from a forkserver, which, like spawn, imports the main module again:
    a script that builds with ``jobs > 1`` needs the ``if __name__ == "__main__":`` guard.
    """
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        context = multiprocessing.get_context("fork")
        worker_nlp()
    elif "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["kg.parallel", "kg.nlp.pipeline"])
    else:
        context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_warm_up,
                             initargs=(os.getpid() if context.get_start_method() == "fork" else None,)) as pool:
        pool.slots = jobs
        yield pool


def _warm_up(parent: int | None = None) -> None:
    """Tie the worker's life to the build's, then make its pipeline, so the first batch does not wait for it."""
    die_with_parent(parent)
    gc.set_threshold(*GC_THRESHOLDS)
    worker_nlp()


def die_with_parent(parent: int | None) -> None:
    """On Linux, have the kernel SIGKILL this process when the one that made it (`parent`, if known) dies.

    A pool's workers otherwise outlive a build that was killed (SIGKILL, out of memory), waiting
    forever on their queue. (A worker from a forkserver is tied to the forkserver, which itself
    exits with the build.) Elsewhere this does nothing.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # no prctl in this libc
        return
    if parent is not None and os.getppid() != parent:  # the build died before the line above
        os._exit(1)


#: Cyclic-GC thresholds while building: the build allocates millions of small acyclic records
#: (facts, terms), and the default (700 allocations) scans them over and over; measured on the
#: 10 MB corpus: an incremental build 1.8 -> 1.3 CPU s.
GC_THRESHOLDS = (20_000, 10, 10)


@contextmanager
def relaxed_gc():
    """Run the block with :data:`GC_THRESHOLDS` (workers forked in it inherit them), then restore."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextmanager
def acyclic_phase():
    """Run extraction, the merge and the writers with the cyclic garbage collector off.

    They make no reference cycles (tests/test_parallel.py checks extraction), so reference
    counting frees all their garbage, and the collector would only scan the growing facts over
    and over (about 0.1 s per full pass on the 10 MB corpus). At the end, what the phase made
    joins the oldest generation without a scan (a freeze and unfreeze), unless the host program
    keeps frozen objects of its own.
    """
    enabled = gc.isenabled()
    own_freeze = gc.get_freeze_count() == 0
    gc.disable()
    try:
        yield
    finally:
        if own_freeze:
            gc.freeze()
            gc.unfreeze()
        if enabled:
            gc.enable()


class DaskExecutor:
    """Submits batches to a dask.distributed client."""

    def __init__(self, client) -> None:
        self.client = client
        self.slots = max(1, sum(client.nthreads().values()))

    def submit(self, fn: Callable, arg):
        """Submit ``fn(arg)`` as one task (not hashed: the bytes of a batch are not worth hashing)."""
        return self.client.submit(fn, arg, pure=False)


@contextmanager
def dask_executor(address: str, jobs: int = 0):
    """A :class:`DaskExecutor` on the cluster at `address`, or on a new local cluster for ``"local"``.

    Raises:
        KGError: dask.distributed is not installed, or the scheduler cannot be reached.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:
        raise KGError("--dask needs dask.distributed: pip install 'dask[distributed]'") from e
    if address == "local":
        workers = jobs if jobs > 1 else (os.cpu_count() or 1)
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            yield DaskExecutor(client)
        return
    try:
        client = Client(address, timeout=DASK_CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as e:
        raise KGError(f"cannot reach the Dask scheduler at {address}: {e} "
                      "(start one with `dask scheduler`, or use --dask local)") from e
    with client:
        yield DaskExecutor(client)


# --- streaming in order ----------------------------------------------------------------------------


def batch_bytes_for(files: list[Path], slots: int) -> int:
    """Batch size: enough batches to keep every worker busy (8 per slot), within sane bounds."""
    total = 0
    for path in files:
        try:
            total += path.stat().st_size
        except OSError:
            continue
    return max(MIN_BATCH_BYTES, min(MAX_BATCH_BYTES, total // max(1, 8 * slots)))


def iter_document_facts(files: Iterable[Path], executor=None, cache=None, batch_bytes: int = 256_000,
                        timings: dict[str, float] | None = None,
                        formats: tuple[str, ...] = ()) -> Iterator[DocumentFacts | Skipped]:
    """Yield, for each file in order, its :class:`DocumentFacts` or a :class:`Skipped` record.

    Args:
        files: The input files, in the order results are wanted.
        executor: Where batches run (:class:`InlineExecutor` when None, a process pool, Dask).
        cache: A :class:`~kg.cache.DocumentCache` to read from and fill, or None.
        batch_bytes: About how many bytes of text go into one batch.
        timings: Stage times are added here: ``read`` (read and hash in this process),
            ``cache``, and the worker stages (inline) or ``extract`` (waiting on workers).
        formats: Serialise each document's own subjects in these formats (``ttl``, ``nt``)
            and keep only its shared facts; a cached document without one of them is
            extracted again.

    Raises:
        KGError: a worker ran a different pipeline version (a cluster with another envkg).
    """
    from kg.cache import pipeline_version

    executor = executor or InlineExecutor()
    inline = isinstance(executor, InlineExecutor)
    timings = timings if timings is not None else {}
    version = pipeline_version()
    window = 2 * executor.slots
    queue: deque = deque()  # (file, cache key, ready value | (future, index in batch))
    in_flight: deque = deque()
    batch: list[Blob | Path] = []
    keys: list[str | None] = []
    size = 0

    def add(stage: str, seconds: float) -> None:
        timings[stage] = timings.get(stage, 0.0) + seconds

    def flush() -> None:
        nonlocal batch, keys, size
        if batch:
            future = executor.submit(partial(extract_batch, formats=tuple(formats)), batch)
            in_flight.append(future)
            for i, key in enumerate(keys):
                queue.append((batch[i], key, (future, i)))
        batch, keys, size = [], [], 0

    results: dict[int, BatchResult] = {}

    def pop() -> DocumentFacts | Skipped:
        path, key, value = queue.popleft()
        if not isinstance(value, tuple):
            return value
        future, index = value
        t0 = time.perf_counter()
        result = results.get(id(future))
        if result is None:
            result = results[id(future)] = future.result()
            if result.version != version:
                raise KGError(f"a worker runs envkg pipeline {result.version}, this process {version}: "
                              "install the same envkg (and data/) on every worker; if envkg's code or data/ "
                              "changed since this process started, run the build again")
            if inline:
                for stage, seconds in result.timings.items():
                    add(stage, seconds)
            else:
                add("extract", time.perf_counter() - t0)
        item = result.items[index]
        if index == len(result.items) - 1:
            del results[id(future)]
            in_flight.remove(future)
        if cache is not None and key is not None and isinstance(item, DocumentFacts):
            t0 = time.perf_counter()
            cache.put(key, item)
            add("cache", time.perf_counter() - t0)
        if isinstance(item, DocumentFacts) and item.document.path != str(path):
            item = replace(item, document=replace(item.document, path=str(path)))
        return item

    for path in files:
        t0 = time.perf_counter()
        try:
            data = path.read_bytes()
        except OSError:
            data = None  # the worker reads it again and reports why it cannot
        add("read", time.perf_counter() - t0)
        key = None
        if cache is not None and data is not None:
            t0 = time.perf_counter()
            key = cache.key(path.name, data)
            hit = cache.get(key)
            add("cache", time.perf_counter() - t0)
            if hit is not None and not usable(hit, formats):  # made for other formats: extract it again
                cache.hits, cache.misses, hit = cache.hits - 1, cache.misses + 1, None
            if hit is not None:
                queue.append((path, None, replace(hit, document=replace(hit.document, path=str(path)))))
                while queue and not isinstance(queue[0][2], tuple):
                    yield pop()
                continue
        batch.append(Blob(str(path), data) if data is not None else path)
        keys.append(key)
        size += len(data or b"")
        if size >= batch_bytes:
            flush()
        while queue and (len(in_flight) > window or not isinstance(queue[0][2], tuple)):
            yield pop()
    flush()
    while queue:
        yield pop()
