"""Golden Turtle: a small article must give exactly these bytes (run with --update-golden to accept a change)."""

import difflib
from pathlib import Path

from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.cli import main

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden" / "汾河简讯.ttl"
INPUT = HERE / "fixtures" / "golden"


def test_golden_turtle(tmp_path, monkeypatch, request):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(INPUT), "--out", str(out), "--no-page", "--no-validate", "-q"])
    assert result.exit_code == 0, result.output
    got = (out / "graph.ttl").read_text(encoding="utf-8")
    if request.config.getoption("--update-golden"):
        GOLDEN.write_text(got, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    if got != expected:
        a, b = Graph().parse(data=expected, format="turtle"), Graph().parse(data=got, format="turtle")
        _, only_expected, only_got = graph_diff(to_isomorphic(a), to_isomorphic(b))
        diff = "".join(difflib.unified_diff(expected.splitlines(True), got.splitlines(True), "golden", "built", n=1))
        report = [f"only in golden: {t}" for t in sorted(only_expected)][:20]
        report += [f"only in built:  {t}" for t in sorted(only_got)][:20]
        raise AssertionError("graph.ttl differs from tests/golden (rerun with --update-golden to accept):\n"
                             + diff[:6000] + "\n" + "\n".join(report))
    assert isomorphic(Graph().parse(data=got, format="turtle"), Graph().parse(GOLDEN))
