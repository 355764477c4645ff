"""``kg sample``: a fixed-seed sample per class family, each item with the sentence it was read from."""

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.sample import FAMILIES, sample

TEXT = ("太原市生态环境局局长王建国表示，汾河水质持续改善。晋中市平遥县实施汾河三坝生态修复工程。"
        "太原市召开全市生态环境保护工作推进会。2023年，太原市优良天数达到260天。"
        "迎泽公园内观测到小天鹅。《山西省汾河保护条例》正式施行。")


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    root = tmp_path_factory.mktemp("sample")
    (root / "in").mkdir()
    (root / "in" / "01_a.txt").write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(root / "in"), "--out", str(root / "out"), "-q", "--no-page",
                                       "--no-validate", "--no-cache"])
    assert result.exit_code == 0, result.output
    return root


def test_every_family_and_the_observations_are_sampled_with_a_sentence(graph):
    items = sample(graph / "out" / "graph.ttl", per_class=50, seed=1, texts=graph / "in")
    assert {i.family for i in items} == set(FAMILIES) | {"observations"}
    for item in items:
        assert item.sentence and item.sentence in TEXT, item
    assert any(i.cls == "Person" and i.label == "王建国" for i in items)


@pytest.mark.parametrize("per_class", [1, 2])
def test_per_class_bounds_each_family(graph, per_class):
    items = sample(graph / "out" / "graph.ttl", per_class=per_class, seed=3, texts=graph / "in")
    for family in {i.family for i in items}:
        assert len([i for i in items if i.family == family]) <= per_class


def test_same_seed_same_sample_other_seed_other_sample(graph):
    args = ["sample", str(graph / "out" / "graph.ttl"), "--per-class", "1", "--texts", str(graph / "in")]
    runs = {seed: CliRunner().invoke(main, [*args, "--seed", seed]).output for seed in ("1", "2", "3", "4")}
    assert CliRunner().invoke(main, [*args, "--seed", "1"]).output == runs["1"]
    assert len(set(runs.values())) > 1


def test_tsv_has_a_verdict_column(graph):
    result = CliRunner().invoke(main, ["sample", str(graph / "out" / "graph.ttl"), "--format", "tsv"])
    assert result.exit_code == 0
    header, *rows = result.output.splitlines()
    assert header == "family\tclass\tlabel\tsentence\tverdict" and rows
    assert all(row.count("\t") == 4 for row in rows)


def test_missing_graph_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(main, ["sample", str(tmp_path / "none.ttl")])
    assert result.exit_code != 0 and result.output.strip().startswith("error: graph not found")


def test_a_label_stored_without_its_quotes_finds_its_sentence(tmp_path):
    # 美丽乡村工程 is written “美丽乡村”工程: the sample still prints the sentence it was read from
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "01_a.txt").write_text("宁海县召开会议。宁海县全面推进“美丽乡村”工程建设。", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-q", "--no-page",
                                       "--no-validate", "--no-cache"])
    assert result.exit_code == 0, result.output
    items = sample(tmp_path / "out" / "graph.ttl", per_class=50, seed=1, texts=tmp_path / "in")
    project = [i for i in items if i.label == "美丽乡村工程"]
    assert project and "“美丽乡村”工程" in project[0].sentence, items
