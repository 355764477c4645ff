"""Scoring by halves (A: odd-numbered files, B: even), per class and per relation, with a misses file;
and the floor each half of the real dev set (../shared/dev) must stay at or above."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.evaluate import by_half, evaluate, half_of

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "dev"
FLOORS = json.loads((Path(__file__).parent / "dev_floor.json").read_text(encoding="utf-8"))

# two tiny articles of our own, one per half
ARTICLES = {
    "01_a.txt": "太原市生态环境局启动“碧水行动”。汾河水质改善。",
    "02_b.txt": "晋中市平遥县推进工作。",
}
GOLDS = {
    "01_a.json": {"document": "01_a.txt", "entities": [
        {"id": "b", "types": ["Bureau"], "name": "太原市生态环境局"},
        {"id": "m", "types": ["Measure"], "name": "碧水行动"},
        {"id": "r", "types": ["River"], "name": "汾河"},
        {"id": "x", "types": ["Landmark"], "name": "迎泽公园"},  # not in the text: a miss
    ], "relations": [{"s": "m", "p": "implementedBy", "o": "b"}], "observations": []},
    "02_b.json": {"document": "02_b.txt", "entities": [
        {"id": "p", "types": ["Prefecture"], "name": "晋中市", "adminCode": "140700"},
        {"id": "c", "types": ["County"], "name": "平遥县", "adminCode": "140728"},
    ], "relations": [{"s": "c", "p": "partOf", "o": "p"}], "observations": []},
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("halves")
    (root / "articles").mkdir()
    (root / "gold").mkdir()
    for name, text in ARTICLES.items():
        (root / "articles" / name).write_text(text, encoding="utf-8")
    for name, gold in GOLDS.items():
        (root / "gold" / name).write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(root / "articles"), "--out", str(root / "out"), "-q",
                                       "--no-page", "--no-validate", "--no-cache"])
    assert result.exit_code == 0, result.output
    return root


@pytest.mark.parametrize("document,half", [("23_crud.txt", "A"), ("44_xwlb.txt", "B"), ("1_x.txt", "A"),
                                           ("000_86313f0a6bb92235.txt", "B")])
def test_half_of(document, half):
    assert half_of(document) == half


def test_half_of_needs_a_number():
    with pytest.raises(Exception, match="no leading number"):
        half_of("seed.txt")


def test_halves_score_per_class_and_relation(built):
    halves = by_half(evaluate(built / "out" / "graph.ttl", built / "gold"))
    assert set(halves) == {"A", "B"}
    a, b = halves["A"], halves["B"]
    assert a.documents == b.documents == 1
    assert a.by_class["Landmark"].fn == 1 and a.by_class["Bureau"].tp == 1
    assert b.by_class["County"].tp == 1 and "Bureau" not in b.by_class
    assert b.by_relation["partOf"].tp == 1 and a.by_relation["implementedBy"].tp == 1
    assert a.entities.fn >= 1 and b.entities.fn == 0


def test_cli_halves_and_misses_file(built, tmp_path):
    misses = tmp_path / "misses.txt"
    result = CliRunner().invoke(main, ["evaluate", str(built / "out" / "graph.ttl"), "--gold", str(built / "gold"),
                                       "--halves", "--misses", str(misses)])
    assert result.exit_code == 0, result.output
    assert "== half A: 1 documents" in result.output and "== half B: 1 documents" in result.output
    assert "  County " in result.output and "  partOf " in result.output
    text = misses.read_text(encoding="utf-8")
    assert "== A 01_a.txt" in text and "missed entity   Landmark          迎泽公园" in text


@pytest.mark.slow
@pytest.mark.skipif(not (DEV / "gold").is_dir(), reason="the real dev set ../shared/dev is not here")
def test_dev_halves_stay_at_or_above_their_floor(tmp_path):
    result = CliRunner().invoke(main, ["build", str(DEV / "articles"), "--out", str(tmp_path), "-q", "--no-page",
                                       "--no-validate", "--no-cache"])
    assert result.exit_code == 0, result.output
    halves = by_half(evaluate(tmp_path / "graph.ttl", DEV / "gold"))
    for half, floors in FLOORS.items():
        for part, floor in floors.items():
            got = getattr(halves[half], part).f1
            assert got >= floor, f"half {half} {part} F1 {got:.3f} fell below its floor {floor}"
