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


# --- precision of the extracted rows (helper-obs2): what a row must be, or must not be --------

def extracted(nlp, text):
    doc = nlp(text)
    label = {k: e.label for k, e in doc._.entities.items()}
    return [(label.get(o.subject, o.subject), o.indicator, o.value, o.unit, o.year) for o in doc._.observations]


# an approximation word before a count's number (近, 超, 逾) is the figure's, not what it counts
# fmt: off
PRECISION_ROWS = [
    ("宁海县建成近300个口袋公园。", ("宁海县", "建成口袋公园", "300", "个", "")),
    ("宁海县推广超40项节能技术。", ("宁海县", "推广节能技术", "40", "项", "")),
    ("宁海县白溪沿岸建成逾20个水质监测站。", ("宁海县", "沿岸建成水质监测站", "20", "个", "")),
    # a sum after a list of places closed by their count (三市) is the group's, no member's; a level stays each one's
    ("浙江宁波、台州、温州三市累计创建绿色工厂120家。", ("浙江省", "创建绿色工厂", "120", "家", "")),
    ("浙江宁波、台州、温州三市空气优良天数比例达到95%。", ("温州市", "空气优良天数比例", "95", "%", "")),
    # the count of places that closes such a list (3市, 两市) names the group, not what is measured
    ("其中，浙江宁波、台州、温州3市先后建成36套噪声自动监测系统。", ("浙江省", "先后建成噪声自动监测系统", "36", "套", "")),
    ("浙江宁波、台州两市累计建成污水厂30座。", ("浙江省", "建成污水厂", "30", "座", "")),
    # a year followed by 相比 is the baseline of a change, not its time
    ("2024年，宁海县召开会议。与疫情前的2019年同期相比，宁海县PM2.5浓度下降了15%。",
     ("宁海县", "PM2.5浓度下降", "15", "%", "2024")),
    # the ends of a span (2021年到2024年, 2015-2020年) date their own sentence only
    ("宁海县推进治理。2021年到2024年，宁海县累计监测到土著鱼类34种。宁海县12座非法码头彻底整改。",
     ("宁海县", "非法码头", "12", "座", "")),
    ("宁海县推进治理。2021年到2024年，宁海县累计监测到土著鱼类34种。", ("宁海县", "监测到土著鱼类", "34", "种", "2024")),
    ("宁海县推进治理。2015-2020年宁海县生态系统面积变化11平方公里。宁海县优良自然生态系统面积占比超过43%。",
     ("宁海县", "优良自然生态系统面积占比", "43", "%", "")),
    # a start point in the figure's own sentence (从2013年起) opens the span the figure sums (累计, 连续, 现在…),
    # it is not its year
    ("从2013年起，宁海县累计淘汰涉重金属污染企业120家。", ("宁海县", "淘汰涉重金属污染企业", "120", "家", "")),
    ("从2011年起，宁海县连续投入2.8亿元对燃煤锅炉进行治理。", ("宁海县", "连续投入", "2.8", "亿元", "")),
    ("宁海县从2016年开始推进清洁取暖，清洁取暖率现在已经达到83%。", ("宁海县", "清洁取暖率", "83", "%", "")),
    # time words and adverbs left right before a figure are no part of its indicator
    ("宁海县推进治理，森林覆盖率现在已达62%。", ("宁海县", "森林覆盖率", "62", "%", "")),
    ("这几年，宁海县17万亩的种植面积却一直没有增加。", ("宁海县", "种植面积", "17", "万亩", "")),
    ("宁海县生态环境局每年开展督查不少于2次。", ("宁海县生态环境局", "每年开展督查", "2", "次", "")),
    ("宁海县白溪和宁丰河的直线距离不到500米。", ("宁丰河", "直线距离", "500", "米", "")),
    # the dash of a span whose years are cut (2015—|2020年) opens no indicator
    ("宁海县生态持续改善，2015—2020年生态系统质量等级提升的区域面积占比为11.67%。",
     ("宁海县", "生态系统质量等级提升的区域面积占比", "11.67", "%", "2020")),
    # a national body or campaign before a figure whose sentence names no place: the country's figure
    ("宁海县召开会议，我国生态持续改善。七年来，中央生态环保督察共受理转办群众举报28.7万件。",
     ("中国", "中央生态环保督察共受理转办群众举报", "28.7", "万件", "")),
    ("宁海县召开会议，全国推进治理。中央财政已累计下达资金500亿元。", ("中国", "中央财政已累计下达资金", "500", "亿元", "")),
    # the noun phrase after a figure is cut at a word's end, not inside a word (…有效保|护)
    ("宁海县加强保护，74%的重点保护野生动植物物种得到有效保护。",
     ("宁海县", "重点保护野生动植物物种得到有效保护", "74", "%", "")),
    ("宁海县所在的12345市民服务热线受理诉求200件。", ("宁海县", "市民服务热线受理诉求", "200", "件", "")),
]
# fmt: on


@pytest.mark.parametrize("text,expected", PRECISION_ROWS)
def test_precision_row(nlp, text, expected):
    got = extracted(nlp, text)
    assert expected in got, got


# figures that are no reported measurement: the row must not be there at all
# fmt: off
NO_ROWS = [
    # the provinces a piece of work covered (8个省（区、市）): where, not a reported figure
    ("宁海县检查组先后到8个省（区、市）开展检查。", "8"),
    ("2015年，督察从浙江开始试点，完成了31个省（区、市）的全覆盖。", "31"),
    ("宁海县铁海联运覆盖全国18个省（区、市）。", "18"),
    # population, ages, share listings, ships: society and economy, no figure of the environment
    ("目前，宁海县百岁以上老人达到81人。", "81"),
    ("宁海县白溪村全村总人口3000余人。", "3000"),
    ("宁海县一家环保公司开启申购，发行价格为45元/股。", "45"),
    ("宁海县港区这艘油轮最大载重量30.8万吨。", "30.8"),
    # ... and with no country node in the article, no subject at all rather than the article's place
    ("宁海县召开会议。通过评审的项目，中央财政按照每个项目奖补4亿元安排资金。", "4"),
]
# fmt: on


@pytest.mark.parametrize("text,value", NO_ROWS)
def test_precision_no_row(nlp, text, value):
    got = extracted(nlp, text)
    assert not [g for g in got if g[2] == value], got
