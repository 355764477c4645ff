"""Streaming, parallel and Dask extraction (kg/parallel.py): same bytes whatever runs it (issue 7)."""

from __future__ import annotations

import sys
from concurrent.futures import Future
from pathlib import Path

import pytest

from kg.build import build, extract
from kg.errors import KGError
from kg.ingest import read_document
from kg.parallel import Blob, InlineExecutor, batch_bytes_for, extract_batch, iter_document_facts
from kg.types import Skipped

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


@pytest.fixture(autouse=True)
def fresh_pipeline_version():
    """Workers that do not fork hash envkg's files as they start: let this process hash them anew too
    (a long test session may have outlived an edit of the working tree)."""
    from kg.cache import pipeline_version

    pipeline_version.cache_clear()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """About 60 KB of generated articles, one empty file and one binary file."""
    from make_corpus import make_corpus

    raw = tmp_path_factory.mktemp("corpus")
    make_corpus(60_000, seed=7, out=raw)
    (raw / "000100_empty.txt").write_bytes(b"")
    (raw / "000101_image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00" * 30)
    return raw


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    """The --jobs 1 build without cache: graph.ttl bytes and report."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1767225600")
        out = tmp_path_factory.mktemp("jobs1")
        report = build([corpus], out, page=False, validate=False)
    return (out / "graph.ttl").read_bytes(), report


def test_blob_reads_like_its_path():
    path = ROOT / "data" / "raw" / "000_86313f0a6bb92235.txt"
    assert read_document(Blob(str(path), path.read_bytes())) == read_document(path)


def test_small_batches_stream_in_file_order(corpus):
    files = sorted(corpus.glob("*.txt"), key=lambda p: p.name)
    items = list(iter_document_facts(files, InlineExecutor(), batch_bytes=1))  # one file per batch
    names = [Path(i.path).name if isinstance(i, Skipped) else i.document.source_file for i in items]
    assert names == [p.name for p in files]
    assert all(i.document.text == "" and all(a.article.text == "" for a in i.articles)
               for i in items if not isinstance(i, Skipped))


def test_batch_size_bounds(corpus):
    files = list(corpus.glob("*.txt"))
    assert 16_000 <= batch_bytes_for(files, 2) <= 512_000


def test_jobs_2_is_byte_identical(corpus, reference, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    report = build([corpus], tmp_path, page=False, validate=False, jobs=2)
    ttl, ref_report = reference
    assert (tmp_path / "graph.ttl").read_bytes() == ttl
    assert report.documents_read == ref_report.documents_read
    assert report.documents_skipped == ref_report.documents_skipped
    assert [Path(s["path"]).name for s in report.documents_skipped] == ["000100_empty.txt", "000101_image.txt"]


def test_worker_errors_reach_the_caller(corpus, monkeypatch):
    import kg.parallel
    from kg.errors import DataFileError

    def broken(blobs, formats=()):
        raise DataFileError("data file missing: x.tsv")

    monkeypatch.setattr(kg.parallel, "extract_batch", broken)
    with pytest.raises(DataFileError, match="x.tsv"):
        extract([corpus])


class OtherVersionExecutor(InlineExecutor):
    """Answers like a worker running another envkg."""

    def submit(self, fn, arg):
        result = fn(arg)
        result.version = "another"
        future: Future = Future()
        future.set_result(result)
        return future


def test_a_worker_with_another_pipeline_is_refused(corpus):
    files = sorted(corpus.glob("*.txt"))[:2]
    with pytest.raises(KGError, match="pipeline"):
        list(iter_document_facts(files, OtherVersionExecutor()))


def test_extract_batch_reports_unreadable_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = extract_batch([tmp_path / "empty.txt", tmp_path / "missing.txt"])
    assert [type(i).__name__ for i in result.items] == ["Skipped", "Skipped"]
    assert "empty file" in result.items[0].reason and "cannot read" in result.items[1].reason


@pytest.mark.slow
def test_dask_local_cluster_is_byte_identical(corpus, reference, tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        report = build([corpus], tmp_path, page=False, validate=False, dask=cluster.scheduler_address)
    ttl, ref_report = reference
    assert (tmp_path / "graph.ttl").read_bytes() == ttl
    assert report.documents_skipped == ref_report.documents_skipped


def test_unreachable_scheduler_is_a_kg_error(corpus, monkeypatch):
    import kg.parallel

    pytest.importorskip("distributed")
    monkeypatch.setattr(kg.parallel, "DASK_CONNECT_TIMEOUT", "1s")
    with pytest.raises(KGError, match="Dask scheduler"):
        extract([corpus], dask="tcp://127.0.0.1:9")


CYCLE_CHECK = """
import gc, io, sys
from pathlib import Path

def cyclic_garbage(run):
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    run()
    gc.collect()
    return sorted({type(o).__name__ for o in gc.garbage})

def extract_and_write():
    from kg.build import extract
    from kg.export import write_subjects
    from kg.rdf import facts_to_subjects

    for _ in range(2):  # the second time from the cache
        rendered = []
        facts, _ = extract([Path(f) for f in FILES], formats=("ttl", "nt"), rendered=rendered, cache_dir=Path(CACHE))
        write_subjects(facts_to_subjects(facts, rendered=rendered), {"ttl": io.BytesIO(), "nt": io.BytesIO()})

class Node:
    pass

def make_a_cycle():
    a, b = Node(), Node()
    a.other, b.other = b, a

from kg.parallel import extract_batch
extract_batch([Path(FILES[0])], formats=("ttl",))  # the pipeline is made once and kept
print(" ".join(cyclic_garbage(RUN)))
"""


def _cyclic_garbage(run: str, files: list[Path], cache: Path) -> list[str]:
    """Type names of the objects `run` leaves in reference cycles (only the collector could free
    them), in a fresh process: other tests' threads and event loops leave garbage of their own."""
    import subprocess

    code = f"FILES = {[str(f) for f in files]!r}\nCACHE = {str(cache)!r}\n" + CYCLE_CHECK.replace("RUN", run)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.split()


def _check_files(corpus: Path) -> list[Path]:
    return sorted(corpus.glob("*.txt"))[:20] + sorted((ROOT / "data" / "raw").glob("*.txt"))


def test_extraction_and_writing_make_no_reference_cycles(corpus, tmp_path):
    """acyclic_phase runs them with the cyclic collector off: any cycle they made would stay in
    memory until the build ends."""
    assert _cyclic_garbage("extract_and_write", _check_files(corpus), tmp_path / "cache") == []


def test_a_cycle_is_seen_by_the_check(corpus, tmp_path):
    assert "Node" in _cyclic_garbage("make_a_cycle", _check_files(corpus), tmp_path / "cache")


@pytest.mark.parametrize("host_freezes", [False, True])
def test_acyclic_phase_turns_the_collector_off_and_back_on(host_freezes):
    import gc

    from kg.parallel import acyclic_phase

    kept = [[] for _ in range(10)]
    if host_freezes:
        gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with acyclic_phase():
            assert not gc.isenabled()
            made = [[] for _ in range(1000)]
        assert gc.isenabled() and made and kept
        assert gc.get_freeze_count() == frozen  # the host's frozen objects stay frozen; none of ours
    finally:
        gc.unfreeze()
