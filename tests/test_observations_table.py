"""``kg observations``: the table of a graph's observations (issue 14.4), golden CSV and row builder."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import OptionalDependencyError
from kg.observations_table import COLUMNS, generate_csv, generate_parquet, observation_rows
from kg.store import load_store

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden" / "observations.csv"
INPUT = HERE / "fixtures" / "conflict"
ID = "https://w3id.org/envkg/id/"

PREFIXES = """
@prefix envkg: <https://w3id.org/envkg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@base <https://w3id.org/envkg/id/> .
"""
CITY = """<division/140581> a envkg:County ; skos:prefLabel "高平市"@zh ; envkg:adminCode "140581" .
<lake/x> a envkg:Lake ; skos:prefLabel "某湖"@zh .
<indicator/优良天数> a envkg:Indicator ; skos:prefLabel "优良天数"@zh ; skos:broader <indicator-concept/good_days> .
<indicator-concept/good_days> a envkg:Indicator ; skos:prefLabel "优良天数"@zh .
<indicator/提高> a envkg:Indicator ; skos:prefLabel "提高"@zh .
<article/a.txt/1> a envkg:Article ; dcterms:date "2025-03-02" ; dcterms:publisher "某报"@zh .
<article/b.txt/1> a envkg:Article .
"""


def obs(name, subject="division/140581", indicator="优良天数", value="300.0", unit="天", year="2024",
        article="a.txt/1", evidence="句子。"):
    parts = [f"<observation/{name}> a envkg:Observation", f"envkg:subject <{subject}>",
             f"envkg:indicator <indicator/{indicator}>", f'envkg:value "{value}"^^xsd:decimal',
             f'envkg:unit "{unit}"', f"envkg:mentionedIn <article/{article}>", f'envkg:evidence "{evidence}"@zh']
    if year:
        parts.append(f'envkg:year "{year}"^^xsd:gYear')
    return " ;\n  ".join(parts) + " .\n"


def rows_of(tmp_path, body, backend="oxigraph"):
    path = tmp_path / "g.ttl"
    path.write_text(PREFIXES + CITY + body, encoding="utf-8")
    return observation_rows(load_store(path, backend=backend))


# --- the CSV golden file, end to end through the CLI -----------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        result = CliRunner().invoke(main, ["build", str(INPUT), "--out", str(out), "--no-page", "--no-validate",
                                           "--no-cache", "-q"])
    assert result.exit_code == 0, result.output
    return out / "graph.ttl"


def test_csv_golden(built, request):
    result = CliRunner().invoke(main, ["observations", str(built)])
    assert result.exit_code == 0, result.output
    got = result.stdout
    if request.config.getoption("--update-golden"):
        GOLDEN.write_text(got, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), got.splitlines(True), "golden", "table", n=0))
    assert got == expected, "observations.csv differs (rerun with --update-golden to accept):\n" + diff


def test_out_file_is_the_same_table(built, tmp_path):
    target = tmp_path / "sub" / "obs.csv"
    result = CliRunner().invoke(main, ["observations", str(built), "--out", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == GOLDEN.read_text(encoding="utf-8")
    assert "wrote 4 observations" in result.stderr


def test_parquet_round_trip(built, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    target = tmp_path / "obs.parquet"
    result = CliRunner().invoke(main, ["observations", str(built), "--format", "parquet", "--out", str(target)])
    assert result.exit_code == 0, result.output
    table = pq.read_table(target)
    assert table.column_names == list(COLUMNS)
    rows = observation_rows(load_store(built))
    assert table.column("value").to_pylist() == [float(r.value) for r in rows]
    assert table.column("year").to_pylist() == [int(r.year) for r in rows]
    assert table.column("observation").to_pylist() == [r.observation for r in rows]


@pytest.mark.parametrize("args,message", [
    (["--format", "parquet"], "give a file with --out"),
    (["--format", "xlsx"], "Invalid value for '--format'"),
])
def test_bad_options(built, args, message):
    result = CliRunner().invoke(main, ["observations", str(built), *args])
    assert result.exit_code == 2
    assert message in result.output


def test_missing_graph_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(main, ["observations", str(tmp_path / "none.ttl")])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "kg build" in result.stderr


def test_parquet_without_pyarrow_says_what_to_install(monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "pyarrow", None)
    with pytest.raises(OptionalDependencyError, match=r"pip install 'envkg\[parquet\]'"):
        generate_parquet([])


def test_help_has_an_example():
    result = CliRunner().invoke(main, ["observations", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output and "kg observations out/graph.ttl" in result.output


# --- the row builder ---------------------------------------------------------------------------

# fmt: off
FIELD_CASES = [
    # (observation keywords, column, expected cell)
    ({},                                   "subject_label", "高平市"),
    ({},                                   "subject_class", "County"),
    ({},                                   "subject_admin_code", "140581"),
    ({"subject": "lake/x"},                "subject_admin_code", ""),
    ({"subject": "lake/x"},                "subject_class", "Lake"),
    ({},                                   "concept", ID + "indicator-concept/good_days"),
    ({"indicator": "提高"},                "concept", ""),
    ({"indicator": "提高"},                "indicator_label", "提高"),
    ({"value": "300.0"},                   "value", "300"),
    ({"value": "96.3"},                    "value", "96.3"),
    ({"value": "0.05"},                    "value", "0.05"),
    ({"unit": "天"},                       "unit_qudt", "http://qudt.org/vocab/unit/DAY"),
    ({"unit": "%"},                        "unit_qudt", "http://qudt.org/vocab/unit/PERCENT"),
    ({"unit": "个百分点"},                 "unit_qudt", ""),
    ({"unit": "没有的单位"},               "unit_qudt", ""),
    ({"year": ""},                         "year", ""),
    ({"year": "2023"},                     "year", "2023"),
    ({},                                   "article_date", "2025-03-02"),
    ({},                                   "article_outlet", "某报"),
    ({"article": "b.txt/1"},               "article_date", ""),
    ({"article": "b.txt/1"},               "article_outlet", ""),
    ({"evidence": '他说\\"好\\"，'},       "evidence", '他说"好"，'),
    ({},                                   "conflicts_with", ""),
]
# fmt: on


@pytest.mark.parametrize("kwargs,column,expected", FIELD_CASES)
def test_row_field(tmp_path, kwargs, column, expected):
    (row,) = rows_of(tmp_path, obs("o1", **kwargs))
    assert getattr(row, column) == expected
    assert row.observation == ID + "observation/o1"


def test_rows_are_sorted_whatever_the_file_order(tmp_path):
    body = [obs("o3", year="2024"), obs("o1", subject="lake/x"), obs("o2", year="2023"), obs("o4", indicator="提高")]
    forward = rows_of(tmp_path, "".join(body))
    backward = rows_of(tmp_path, "".join(reversed(body)))
    assert forward == backward
    # 某湖 < 高平市 by code point; within 高平市: no concept ("" first), then by year
    assert [r.observation.rsplit("/", 1)[1] for r in forward] == ["o1", "o4", "o2", "o3"]


@pytest.mark.parametrize("backend", ["oxigraph", "rdflib"])
def test_both_backends_give_the_same_rows(tmp_path, backend):
    body = obs("o1") + obs("o2", value="296.0", article="b.txt/1") + obs("o3", subject="lake/x", year="")
    assert rows_of(tmp_path, body, backend) == rows_of(tmp_path, body, "oxigraph")
    assert len(rows_of(tmp_path, body, backend)) == 3


def test_conflict_node_is_shown_on_each_of_its_observations(tmp_path):
    body = obs("o1") + obs("o2", value="296.0", article="b.txt/1") + obs("o3", value="310.0", article="b.txt/1")
    body += "<conflict/c1> a envkg:ObservationConflict ; envkg:conflictingObservation <observation/o1>, " \
            "<observation/o2>, <observation/o3> .\n"
    rows = {r.observation.rsplit("/", 1)[1]: r for r in rows_of(tmp_path, body)}
    assert rows["o1"].conflicts_with == f"{ID}observation/o2 {ID}observation/o3"
    assert rows["o2"].conflicts_with == f"{ID}observation/o1 {ID}observation/o3"
    assert {r.conflict for r in rows.values()} == {ID + "conflict/c1"}


def test_csv_quotes_commas_and_keeps_the_header_order(tmp_path):
    (row,) = rows_of(tmp_path, obs("o1", evidence="一，二,三"))
    lines = generate_csv([row]).splitlines()
    assert lines[0] == ",".join(COLUMNS)
    assert '"一，二,三"' in lines[1]
