"""The per-document facts cache (kg/cache.py) and incremental builds (issue 7)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import kg.cache
import kg.parallel
from kg.build import build
from kg.cache import DocumentCache, pipeline_version

SEED = Path(__file__).resolve().parent.parent / "data" / "raw" / "000_86313f0a6bb92235.txt"
# fmt: off
ARTICLES = {
    "a.txt": "晋中市生态环境局启动“利剑斩污”专项行动。\n2025年，晋中市优良天数达300天。",
    "b.txt": "太原市生态环境局举办学习宣传贯彻《生态环境监测条例》提升执法效能专题培训班。",
    "c.txt": "汾河流入黄河。吕梁市生态环境局柳林分局推行“首违不罚+警示教育”。",
}
# fmt: on


@pytest.fixture()
def corpus(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, text in ARTICLES.items():
        (raw / name).write_text(text, encoding="utf-8")
    return raw


@pytest.fixture()
def extracted(monkeypatch):
    """The names of the files each build sends to the NLP pipeline."""
    seen: list[str] = []
    real = kg.parallel.extract_batch

    def counting(blobs, formats=()):
        seen.extend(Path(str(b)).name for b in blobs)
        return real(blobs, formats)

    monkeypatch.setattr(kg.parallel, "extract_batch", counting)
    return seen


def test_put_get_roundtrip_and_miss(tmp_path):
    cache = DocumentCache(tmp_path, version="v1")
    key = cache.key("a.txt", "汾河".encode("utf-8"))
    assert cache.get(key) is None
    cache.put(key, {"facts": ["汾河"]})
    assert cache.get(key) == {"facts": ["汾河"]}
    assert (cache.hits, cache.misses) == (1, 1)
    assert list(tmp_path.glob("v-v1/*/*.pkl")) and not list(tmp_path.glob("v-v1/*/.*"))


def test_key_depends_on_name_and_bytes(tmp_path):
    cache = DocumentCache(tmp_path, version="v1")
    keys = {cache.key("a.txt", b"x"), cache.key("b.txt", b"x"), cache.key("a.txt", b"y")}
    assert len(keys) == 3  # article ids carry the file name: a renamed file is new


def test_corrupt_entry_is_a_miss_and_removed(tmp_path):
    cache = DocumentCache(tmp_path, version="v1")
    key = cache.key("a.txt", b"x")
    cache.put(key, [1, 2, 3])
    path = next(tmp_path.glob("v-v1/*/*.pkl"))
    path.write_bytes(path.read_bytes()[:5])
    assert cache.get(key) is None
    assert not path.exists()


def test_versions_are_separate_and_pruned(tmp_path):
    for n, version in enumerate(["old1", "old2", "old3"]):
        DocumentCache(tmp_path, version=version).put("ab" * 32, n)
        os.utime(tmp_path / f"v-{version}", (1000 + n, 1000 + n))
    current = DocumentCache(tmp_path, version="new")
    assert current.get("ab" * 32) is None
    removed = current.prune(keep=2)
    assert [p.name for p in removed] == ["v-old1"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v-old2", "v-old3"]


def test_pipeline_version_follows_data_files(tmp_path, monkeypatch):
    data = tmp_path / "data"
    (data / "lexicons").mkdir(parents=True)
    (data / "raw").mkdir()
    (data / "lexicons" / "x.tsv").write_text("a\n", encoding="utf-8")
    monkeypatch.setattr(kg.cache, "DATA_DIR", data)
    pipeline_version.cache_clear()
    try:
        first = pipeline_version()
        (data / "raw" / "input.txt").write_text("不是词表", encoding="utf-8")
        pipeline_version.cache_clear()
        assert pipeline_version() == first  # input articles are not part of the pipeline
        (data / "lexicons" / "x.tsv").write_text("b\n", encoding="utf-8")
        pipeline_version.cache_clear()
        assert pipeline_version() != first
    finally:
        pipeline_version.cache_clear()


@pytest.mark.parametrize("source", ["nlp/recognizers/base.py", "nlp/recognizers/water.py", "facts.py", "rdf.py", "export.py", "indicators.py"])
def test_pipeline_version_follows_the_code_whose_output_is_cached(tmp_path, monkeypatch, source):
    package = tmp_path / "kg"
    shutil.copytree(kg.cache.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(kg.cache, "PACKAGE_DIR", package)
    pipeline_version.cache_clear()
    try:
        first = pipeline_version()
        with (package / source).open("a", encoding="utf-8") as handle:
            handle.write("\n# changed\n")
        pipeline_version.cache_clear()
        assert pipeline_version() != first
    finally:
        pipeline_version.cache_clear()


def test_adding_an_article_extracts_only_it_and_gives_the_clean_bytes(corpus, tmp_path, extracted):
    cache = tmp_path / "cache"
    build([corpus], tmp_path / "first", page=False, validate=False, cache_dir=cache)
    assert sorted(extracted) == sorted(ARTICLES)
    extracted.clear()
    (corpus / "d.txt").write_text("晋城市生态环境局高平分局开展“环保体检”。", encoding="utf-8")
    build([corpus], tmp_path / "incremental", page=False, validate=False, cache_dir=cache)
    assert extracted == ["d.txt"]
    build([corpus], tmp_path / "clean", page=False, validate=False)
    assert (tmp_path / "incremental" / "graph.ttl").read_bytes() == (tmp_path / "clean" / "graph.ttl").read_bytes()


def test_changed_and_renamed_files_are_extracted_again(corpus, tmp_path, extracted):
    cache = tmp_path / "cache"
    build([corpus], tmp_path / "first", page=False, validate=False, cache_dir=cache)
    extracted.clear()
    (corpus / "a.txt").write_text(ARTICLES["a.txt"] + "\n2024年，晋中市优良天数达290天。", encoding="utf-8")
    (corpus / "b.txt").rename(corpus / "b2.txt")
    report = build([corpus], tmp_path / "second", page=False, validate=False, cache_dir=cache)
    assert sorted(extracted) == ["a.txt", "b2.txt"]
    assert report.documents_read == ["a.txt", "b2.txt", "c.txt"]
    build([corpus], tmp_path / "clean", page=False, validate=False)
    assert (tmp_path / "second" / "graph.ttl").read_bytes() == (tmp_path / "clean" / "graph.ttl").read_bytes()


def test_cached_document_keeps_its_current_path(corpus, tmp_path):
    from kg.build import extract

    cache = tmp_path / "cache"
    extract([corpus], cache_dir=cache)
    moved = tmp_path / "moved"
    shutil.copytree(corpus, moved)
    facts, _ = extract([moved], cache_dir=cache)
    assert {d.path for d in facts.documents.values()} == {str(moved / name) for name in ARTICLES}


def test_skipped_files_are_reported_with_the_cache_too(corpus, tmp_path):
    (corpus / "empty.txt").write_bytes(b"")
    for _ in range(2):
        report = build([corpus], tmp_path / "out", page=False, validate=False, cache_dir=tmp_path / "cache")
        assert [Path(s["path"]).name for s in report.documents_skipped] == ["empty.txt"]
        assert "empty file" in report.documents_skipped[0]["reason"]


def test_cli_cache_flag(corpus, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from kg.cli import main

    monkeypatch.chdir(tmp_path)
    args = ["build", str(corpus), "--no-page", "--no-validate", "-q"]
    assert CliRunner().invoke(main, [*args, "--out", "a", "--no-cache"]).exit_code == 0
    assert not (tmp_path / ".cache").exists()
    assert CliRunner().invoke(main, [*args, "--out", "b"]).exit_code == 0
    assert list((tmp_path / ".cache" / "envkg").glob("v-*/*/*.pkl"))
    assert (tmp_path / "a" / "graph.ttl").read_bytes() == (tmp_path / "b" / "graph.ttl").read_bytes()


def test_seed_page_from_cache_is_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED, raw / SEED.name)
    outs = []
    for n in range(3):  # clean, filling the cache, from the cache
        out = tmp_path / f"out{n}"
        build([raw], out, page=False, validate=False, cache_dir=tmp_path / "cache" if n else None)
        outs.append((out / "graph.ttl").read_bytes())
    assert outs[0] == outs[1] == outs[2]


def test_a_cached_document_is_dated_by_the_file_read_now(tmp_path, monkeypatch):
    """The build time comes from the inputs' modification times: those of the files read now,
    not of wherever the cached document was first read."""
    import json

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    cache = tmp_path / "cache"
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, mtime in ((first, 1_700_000_000), (second, 1_750_000_000)):
        folder.mkdir()
        page = folder / "page.txt"
        page.write_text("晋中市生态环境局启动“利剑斩污”专项行动。", encoding="utf-8")
        os.utime(page, (mtime, mtime))
    build([first], tmp_path / "out1", page=False, validate=False, cache_dir=cache)
    build([second], tmp_path / "out2", page=False, validate=False, cache_dir=cache)
    ttl = (tmp_path / "out2" / "graph.ttl").read_text(encoding="utf-8")
    assert '"2025-06-15T' in ttl and "2023-11-14T" not in ttl
    assert json.loads((tmp_path / "out2" / "report.json").read_text(encoding="utf-8"))["documents"]["read"] == 1


def test_issue_15_prune_removes_what_killed_writers_left(tmp_path):
    import subprocess
    import sys

    cache = DocumentCache(tmp_path, version="v1")
    cache.put("ab" * 32, 1)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True).stdout.strip()
    shard = tmp_path / "v-v1" / "ab"
    (shard / f".abababab.{dead}.x1").write_bytes(b"half a pickle")
    (shard / f".abababab.{os.getpid()}.x2").write_bytes(b"being written")
    cache.prune()
    assert sorted(p.name for p in shard.iterdir()) == [f".abababab.{os.getpid()}.x2", f"{'ab' * 32}.pkl"]
    assert cache.get("ab" * 32) == 1
