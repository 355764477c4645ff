"""Shared fixtures: one NLP pipeline and one build of the seed page per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "raw" / "000_86313f0a6bb92235.txt"


def pytest_addoption(parser):
    """``--update-golden`` rewrites tests/golden/ from the current output (review the diff!)."""
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files")


def pytest_collection_modifyitems(config, items):
    """Guard against a suite that shrinks silently: fail loudly if far fewer tests are collected."""
    if config.getoption("-k") or config.getoption("-m"):
        return
    if config.args and sorted(config.args) != sorted(config.getini("testpaths")):
        return  # a selection, not the whole suite
    minimum = int((ROOT / "tests" / "MIN_TESTS").read_text(encoding="utf-8").strip())
    if len(items) < minimum:
        raise pytest.UsageError(f"only {len(items)} tests collected, expected at least {minimum}: "
                                "a test file was lost or a parametrize table shrank (tests/MIN_TESTS)")


@pytest.fixture(scope="session")
def nlp():
    """The envkg pipeline."""
    from kg.nlp.pipeline import make_nlp

    return make_nlp()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """Build the seed page once (page and validation included): returns the output folder."""
    from kg.build import build

    raw = tmp_path_factory.mktemp("raw")
    shutil.copy(SEED, raw / SEED.name)
    out = tmp_path_factory.mktemp("out")
    build([raw], out, formats=("ttl", "nt", "jsonld"))
    return out


@pytest.fixture(scope="session")
def seed_graph(seed_build):
    """The seed's graph, parsed back with rdflib."""
    from rdflib import Graph

    graph = Graph()
    graph.parse(seed_build / "graph.ttl", format="turtle")
    return graph


def visible_outputs(out: Path) -> tuple[dict[str, bytes], set[str]]:
    """The readable files under `out` (hidden names aside) with their bytes, and its dangling links."""
    files, dangling = {}, set()
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out)
        if rel.parts[0].startswith("."):
            continue
        if path.is_symlink() and not path.exists():
            dangling.add(str(rel))
        elif path.is_file():
            files[str(rel)] = path.read_bytes()
    return files, dangling
