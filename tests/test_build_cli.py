"""End to end through the CLI: build the seed page and check concrete facts."""

import json
from decimal import Decimal
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from kg.cli import main
from kg.namespace import ENVKG, PROV, RDF, SKOS

SEED = Path(__file__).resolve().parent.parent / "data" / "raw" / "000_86313f0a6bb92235.txt"


def node(graph, label, cls):
    hits = [s for s in graph.subjects(SKOS.prefLabel, Literal(label, lang="zh")) if (s, RDF.type, ENVKG[cls]) in graph]
    assert len(hits) == 1, f"{label} ({cls}): {hits}"
    return hits[0]


def test_bureau_branch_facts(seed_graph):
    g = seed_graph
    branch = node(g, "晋城市生态环境局高平分局", "Bureau")
    parent = node(g, "晋城市生态环境局", "Bureau")
    gaoping = node(g, "高平市", "County")
    assert (branch, ENVKG.subOrganizationOf, parent) in g
    assert (branch, ENVKG.jurisdiction, gaoping) in g
    assert str(g.value(gaoping, ENVKG.adminCode)) == "140581"
    assert Literal("高平", lang="zh") in set(g.objects(gaoping, SKOS.altLabel))


def test_every_text_relation_has_evidence_and_source(seed_graph):
    g = seed_graph
    statements = list(g.subjects(RDF.type, RDF.Statement))
    assert len(statements) > 50
    for st in statements:
        source = g.value(st, PROV.wasDerivedFrom)
        assert source is not None
        if "/gazetteer/" not in str(source):
            evidence = g.value(st, ENVKG.evidence)
            assert evidence is not None and evidence.language == "zh" and len(evidence) > 5


def test_documents_articles_and_mentions(seed_graph):
    g = seed_graph
    docs = list(g.subjects(RDF.type, ENVKG.Document))
    assert [str(g.value(d, ENVKG.sourceFile)) for d in docs] == [SEED.name]
    articles = list(g.subjects(RDF.type, ENVKG.Article))
    assert len(articles) == 4
    entities = {s for s, _ in g.subject_objects(SKOS.prefLabel)} - set(g.subjects(RDF.type, ENVKG.Indicator))
    assert all(g.value(e, ENVKG.mentionedIn) is not None or g.value(e, PROV.wasDerivedFrom) is not None
               for e in entities)


def test_observation_shape(seed_graph):
    g = seed_graph
    jinzhong = node(g, "晋中市", "Prefecture")
    values = {}
    for obs in g.subjects(ENVKG.subject, jinzhong):
        label = str(g.value(g.value(obs, ENVKG.indicator), SKOS.prefLabel))
        values[label] = (Decimal(str(g.value(obs, ENVKG.value))), str(g.value(obs, ENVKG.unit)),
                         str(g.value(obs, ENVKG.year)))
    assert values["办结率"] == (Decimal("96.3"), "%", "2025")
    assert values["PM2.5年均浓度"] == (Decimal("30"), "微克/立方米", "2025")


def test_turtle_parses_with_a_second_parser(seed_build):
    pyoxigraph = pytest.importorskip("pyoxigraph")
    store = pyoxigraph.Store()
    store.load(path=str(seed_build / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    rdflib_graph = Graph().parse(seed_build / "graph.ttl", format="turtle")
    assert len(store) == len(rdflib_graph) > 1000


@pytest.mark.parametrize("name,fmt", [("graph.nt", "nt"), ("graph.jsonld", "json-ld")])
def test_other_formats_hold_the_same_graph(seed_build, seed_graph, name, fmt):
    other = Graph().parse(seed_build / name, format=fmt)
    assert len(other) == len(seed_graph)


def test_page_references_no_remote_resource(seed_build):
    html = (seed_build / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html)
    assert "@import" not in html and "晋城市生态环境局高平分局" in html


def test_report(seed_build):
    report = json.loads((seed_build / "report.json").read_text(encoding="utf-8"))
    assert report["documents"] == {"read": 1, "skipped": 0, "read_files": [SEED.name], "skipped_files": []}
    assert report["articles"] == 4
    assert report["classes"]["Bureau"] >= 7 and report["relations"]["jurisdiction"] >= 7
    assert {"read", "extract", "rdf", "serialise", "page", "write"} <= set(report["timings_seconds"])


def test_cli_build_and_bad_inputs(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "page.txt").write_bytes("晋中市生态环境局启动“利剑斩污”专项行动。".encode("gb18030"))
    (raw / "bom.txt").write_bytes("\ufeff太原市生态环境局举办培训班。".encode("utf-8"))
    (raw / "empty.txt").write_bytes(b"")
    (raw / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00" * 30)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(raw), "--out", str(out), "--no-validate"])
    assert result.exit_code == 0, result.output
    assert "skipped" in result.output and "empty.txt" in result.output and "image.txt" in result.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["documents"]["read"] == 2 and report["documents"]["skipped"] == 2
    graph = Graph().parse(out / "graph.ttl")
    labels = {str(o) for o in graph.objects(None, SKOS.prefLabel)}
    assert {"利剑斩污", "晋中市生态环境局", "太原市生态环境局"} <= labels


def test_missing_path_exits_non_zero(tmp_path):
    result = CliRunner().invoke(main, ["build", str(tmp_path / "missing"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "not found" in result.output and "missing" in result.output
    assert not (tmp_path / "out").exists()


def test_failed_build_keeps_the_last_good_outputs(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED, raw)
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(raw), "--out", str(out), "--no-validate"]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")}

    def broken_page(G):
        raise RuntimeError("page generation failed")

    import kg.page

    monkeypatch.setattr(kg.page, "generate_html", broken_page)
    (raw / "more.txt").write_text("汾河流入黄河。", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(raw), "--out", str(out), "--no-validate"])
    assert result.exit_code != 0
    assert {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".")} == before


def test_same_input_same_bytes_in_any_order(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    a, b = tmp_path / "a", tmp_path / "b"
    for folder, names in ((a, ["x.txt", "y.txt"]), (b, ["y.txt", "x.txt"])):
        folder.mkdir()
        for name in names:  # created in a different order
            text = "晋中市生态环境局启动“利剑斩污”专项行动。" if name == "x.txt" else "太原市生态环境局举办培训班。"
            (folder / name).write_text(text, encoding="utf-8")
    outs = []
    for folder in (a, b):
        out = tmp_path / f"out-{folder.name}"
        assert CliRunner().invoke(main, ["build", str(folder), "--out", str(out), "--no-validate",
                                         "--no-page"]).exit_code == 0
        outs.append((out / "graph.ttl").read_bytes())
    assert outs[0] == outs[1]


def test_the_command_set():
    assert {"build", "validate", "evaluate", "query", "serve", "view", "push"} <= set(main.commands)


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help_with_an_example(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "Example" in result.output


def test_readme_documents_every_command():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for command in main.commands:
        assert f"kg {command}" in readme, f"kg {command} is not in README.md"
    assert "make run" in readme and "make test" in readme


def test_dataset_description(seed_graph):
    from kg.dataset import VOID

    g = seed_graph
    [dataset] = list(g.subjects(RDF.type, VOID.Dataset))
    assert int(g.value(dataset, VOID.triples)) == len(g)
    parts = {str(g.value(p, VOID["class"])).rsplit("#", 1)[1]: int(g.value(p, VOID.entities))
             for p in g.objects(dataset, VOID.classPartition)}
    assert parts["Bureau"] == sum(1 for _ in g.subjects(RDF.type, ENVKG.Bureau))
    assert parts["Article"] == 4
    assert g.value(dataset, URIRef("http://purl.org/dc/terms/license")) is not None
    assert {str(g.value(d, ENVKG.sourceFile)) for d in g.objects(dataset, URIRef("http://purl.org/dc/terms/source"))} \
        == {SEED.name}


def test_evidence_offsets_point_into_the_article_text(seed_graph):
    """Offsets index the article's text as kg.ingest.split_articles reads it from the source file."""
    from kg.ingest import read_document, split_articles
    from kg.namespace import NIF

    g = seed_graph
    texts = {f"/{a.source_file}/{a.index}": a.text for a in split_articles(read_document(SEED))}
    checked = 0
    for st in g.subjects(RDF.type, RDF.Statement):
        evidence = g.value(st, ENVKG.evidence)
        if evidence is None:
            continue
        article = str(g.value(st, NIF.referenceContext))
        text = next(t for suffix, t in texts.items() if article.endswith(suffix))
        begin, end = int(g.value(st, NIF.beginIndex)), int(g.value(st, NIF.endIndex))
        assert text[begin:end].strip() == str(evidence)
        checked += 1
    assert checked > 50


def test_seed_conforms_to_the_shapes(seed_build):
    report = json.loads((seed_build / "report.json").read_text(encoding="utf-8"))
    assert report["validation"] == {"conforms": True, "violations": 0}
    assert (seed_build / "validation.txt").read_text(encoding="utf-8").startswith("Conforms: yes")


def test_whole_graph_limit_skips_only_the_page_with_a_reason(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(SEED), "--out", str(out), "--no-cache",
                                       "--whole-graph-limit", "1000"])
    assert result.exit_code == 0, result.output
    assert "warning: no page:" in result.output and "no validate" not in result.output
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "graph.ttl", "report.json", "validation.ttl", "validation.txt"]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [s["stage"] for s in report["skipped_stages"]] == ["page"]
    assert report["validation"] == {"conforms": True, "violations": 0}
    assert "whole-graph limit of 1,000" in report["skipped_stages"][0]["reason"]
