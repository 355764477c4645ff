"""Disagreeing figures (issue 14.4): which groups of figures are conflicts, and the graph's conflict nodes."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import main
from kg.conflicts import find_conflicts
from kg.namespace import ENVKG

CITY = "division:140581"


def fig(value, article="a", year="2024", unit="天", indicator="优良天数", subject=CITY, begin=0):
    return (subject, indicator, value, unit, year, f"article:{article}.txt:1", begin)


@pytest.mark.parametrize("figures, values", [
    ([fig("300", "a"), fig("296", "b")], [("296", "300")]),                      # two articles disagree
    ([fig("300", "a"), fig("300.0", "b")], []),                                  # same number written twice
    ([fig("300", "a"), fig("300", "b")], []),                                    # they agree
    ([fig("300", "a"), fig("296", "a", begin=40)], []),                          # one article: a breakdown
    ([fig("300", "a", year="2023"), fig("296", "b")], []),                       # different years
    ([fig("300", "a", year=""), fig("296", "b", year="")], []),                  # no year: never compared
    ([fig("30", "a", unit="%"), fig("296", "b")], []),                           # different units
    ([fig("300", "a"), fig("296", "b", indicator="优良天数比例")], []),           # different indicators
    ([fig("300", "a"), fig("296", "b", subject="division:140522")], []),         # different subjects
    ([fig("300", "a"), fig("296", "a", begin=9), fig("300", "b"), fig("296", "b", begin=9)], []),  # same pair
    ([fig("300", "a"), fig("296", "b"), fig("310", "c")], [("296", "300", "310")]),  # three articles
    ([fig("300", "a"), fig("296", "a", begin=9), fig("300", "b")], [("296", "300")]),  # b lacks a's 296
])
def test_which_figures_conflict(figures, values):
    assert [conflict.values for conflict in find_conflicts(figures)] == values


def test_only_figures_about_known_subjects_count():
    figures = [fig("300", "a"), fig("296", "b")]
    assert find_conflicts(figures, subjects={"division:140522"}) == []
    assert len(find_conflicts(figures, subjects={CITY})) == 1


def test_one_conflict_node_per_subject_indicator_unit_and_year():
    figures = [fig("300", "a"), fig("296", "b"), fig("30", "a", indicator="PM2.5浓度", unit="微克/立方米"),
               fig("31", "b", indicator="PM2.5浓度", unit="微克/立方米")]
    conflicts = find_conflicts(figures)
    assert len({c.key for c in conflicts}) == 2
    assert [c.label for c in conflicts if c.indicator == "优良天数"] == ["优良天数 2024：296 / 300 天"]
    assert all(c.key.startswith(f"conflict:{CITY}:") for c in conflicts)


@pytest.mark.parametrize("texts, conflicts", [
    (("2024年，高平市优良天数达300天。", "2024年，高平市优良天数达296天。"), 1),
    (("2024年，高平市优良天数达300天。", "2024年，高平市优良天数达300天。"), 0),
    (("2024年，高平市优良天数达300天。", "2023年，高平市优良天数达296天。"), 0),
])
def test_the_built_graph_records_disagreements_with_both_sources(tmp_path, texts, conflicts):
    for i, text in enumerate(texts):
        (tmp_path / f"{i}.txt").write_text(f"高平市空气质量\n\n{text}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--out", str(out), "--no-page", "--no-cache", "-q"])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(out / "graph.ttl")
    nodes = [s for s in graph.subjects(predicate=None, object=ENVKG.ObservationConflict)]
    assert len(nodes) == conflicts
    for conflict in nodes:
        observations = set(graph.objects(conflict, ENVKG.conflictingObservation))
        articles = {a for o in observations for a in graph.objects(o, ENVKG.mentionedIn)}
        assert len(observations) == 2 and len(articles) == 2
        assert all((o, None, None) in graph for o in observations)  # the observations exist in the graph
    assert (out / "validation.txt").read_text(encoding="utf-8").startswith("Conforms: yes")


def test_the_page_marks_each_figure_of_a_disagreement(tmp_path):
    from kg.network import add_metrics, graph_to_network, layout
    from kg.page import page_data

    for i, value in enumerate(("300", "296")):
        (tmp_path / f"{i}.txt").write_text(f"高平市空气质量\n\n2024年，高平市优良天数达{value}天。\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--out", str(out), "--no-page", "--no-validate",
                                       "--no-cache", "-q"])
    assert result.exit_code == 0, result.output
    data = page_data(layout(add_metrics(graph_to_network(Graph().parse(out / "graph.ttl")))), "t")
    city = next(n for n in data["nodes"] if n["label"] == "高平市")
    assert sorted((o["value"], o["conflict"]) for o in city["obs"]) == [
        ("296", "优良天数 2024：296 / 300 天"), ("300", "优良天数 2024：296 / 300 天")]
