"""Tests for kg.page (the offline graph page) and ``kg view`` (issue 6)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_network import ENTITY_COUNT, GAOPING_BUREAU, fixture_graph

from kg.commands.view import view_command
from kg.lexicon import read_tsv
from kg.network import ENTITY_CLASSES, RELATIONS, add_metrics, graph_to_network, layout
from kg.lexicon import data_path
from kg.page import (OUTLINE_FILE, STYLE_FILE, TEMPLATES, contrast_ratio, document_year, generate_html, load_style,
                     page_data, province_outlines, script_json, text_color, write_html)

XSS_LABELS = ['"><script>window.__pwned=1</script>', '<img src=x onerror="window.__pwned=1">']
XSS_TTL = """
<https://w3id.org/envkg/id/measure/xss1> a envkg:Measure ; skos:prefLabel "\\"><script>window.__pwned=1</script>"@zh ;
    skos:altLabel "<img src=x onerror=\\"window.__pwned=1\\">"@zh ;
    envkg:implementedBy <https://w3id.org/envkg/id/bureau/晋城市生态环境局高平分局> ;
    envkg:mentionedIn <https://w3id.org/envkg/id/article/000_test.txt/1> .
<https://w3id.org/envkg/id/river/xss2> a envkg:River ; skos:prefLabel "<img src=x onerror=\\"window.__pwned=1\\">"@zh ;
    envkg:mentionedIn <https://w3id.org/envkg/id/article/000_test.txt/1> .
<https://w3id.org/envkg/id/statement/xss> a rdf:Statement ;
    rdf:subject <https://w3id.org/envkg/id/measure/xss1> ; rdf:predicate envkg:implementedBy ;
    rdf:object <https://w3id.org/envkg/id/bureau/晋城市生态环境局高平分局> ;
    prov:wasDerivedFrom <https://w3id.org/envkg/id/article/000_test.txt/1> ;
    envkg:evidence "</script><script>window.__pwned=1</script>"@zh .
"""
# A resource reference with an http(s) URL: src/href attributes, CSS url() and @import.
RESOURCE_URL = re.compile(r"""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//)"""
                          r"""|(?:url\(\s*["']?\s*(?:https?:)?//)|@import""", re.IGNORECASE)


def network(extra: str = ""):
    return layout(add_metrics(graph_to_network(fixture_graph(extra))))


@pytest.fixture(scope="module")
def html() -> str:
    return generate_html(network())


def blob(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="envkg-data">(.*?)</script>', page, re.S)
    assert match, "data blob missing"
    return json.loads(match.group(1))


def test_page_is_a_document_with_the_data(html):
    assert html.startswith("<!DOCTYPE html>")
    data = blob(html)
    assert len(data["nodes"]) == ENTITY_COUNT
    assert len(data["edges"]) == 7
    bureau = next(n for n in data["nodes"] if n["iri"] == GAOPING_BUREAU)
    assert bureau["aliases"] == ["高平分局"] and bureau["cls"] == "Bureau"
    assert {d["label"] for d in data["documents"]} >= {"000_test.txt · 一泓清水入黄河", "000_test.txt"}


def test_no_network_resources(html):
    assert not RESOURCE_URL.search(html)
    assert "http://" not in html and "https://" not in html
    assert "sourceMappingURL" not in html


def test_content_security_policy_allows_only_our_scripts(html):
    csp = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1))
    assert "default-src 'none'" in csp and "unsafe-eval" not in csp
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 4  # vis-network, map.js, layout.js, page.js
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
        assert f"'sha256-{digest}'" in csp


def test_only_the_live_page_may_query_its_own_server(html):
    from kg.live import page_settings

    csp = lambda page: unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))
    assert "connect-src" not in csp(html)  # default-src 'none': the file page fetches nothing
    G = network()
    G.graph["live"] = {"centre": GAOPING_BUREAU, "hops": 1, "truncated": False, "limit": 400}
    live = generate_html(G, live=page_settings(G))
    assert "connect-src 'self'" in csp(live) and "default-src 'none'" in csp(live)
    assert "http://" not in live and "https://" not in live  # the query's prefixes are written :\/\/
    data = json.loads(re.search(r'id="envkg-data">(.*?)</script>', live, re.S).group(1))
    assert data["live"]["centre"] == GAOPING_BUREAU and data["live"]["endpoint"] == "/sparql"
    assert data["live"]["styles"]["Person"]["zh"] and data["live"]["mark"] in data["live"]["search"]


def test_chinese_labels_and_system_fonts(html):
    assert '<meta charset="utf-8">' in html
    assert "晋城市生态环境局高平分局" in html
    assert "@font-face" not in html and "Noto Sans CJK SC" in html


def test_xss_labels_only_escaped(html):
    page = generate_html(network(XSS_TTL))
    for label in XSS_LABELS + ["</script><script>window.__pwned=1</script>"]:
        assert label not in page
    for tag in ("<script", "</script", "<img"):  # "onerror=" stays, inert, inside the escaped JSON
        assert page.lower().count(tag) == html.lower().count(tag)
    labels = {n["label"] for n in blob(page)["nodes"]}
    assert set(XSS_LABELS) <= labels  # round-trips exactly through the escaped JSON


def test_script_json_escapes():
    text = script_json({"a": "<>&/\u2028"})
    assert not set("<>&") & set(text) and "\u2028" not in text
    assert json.loads(text) == {"a": "<>&/\u2028"}


@pytest.mark.parametrize("name", ["page.js", "map.js", "layout.js"])
def test_page_script_never_parses_data_as_html(name):
    script = (TEMPLATES / name).read_text(encoding="utf-8")
    # the export's download link points at a blob the page made (docs/page.md), never at data text
    download_link = 'var a = el("a"), url = URL.createObjectURL(blob);\n    a.href = url;'
    assert script.count(download_link) == (1 if name == "page.js" else 0)
    script = script.replace(download_link, "")
    # the live page's search posts SPARQL to its own server's endpoint (kg.live; the page from a file has no LIVE)
    live_search = "window.fetch(LIVE.endpoint, { method: \"POST\", body: sparql,"
    assert script.count(live_search) == (1 if name == "page.js" else 0)
    script = script.replace(live_search, "")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                 "href", "fetch(", "XMLHttpRequest"):
        assert sink not in script


def test_map_data_positions_and_anchors():
    extra = """
    <https://w3id.org/envkg/id/landmark/釜山景区> a envkg:Landmark ; skos:prefLabel "釜山景区"@zh ;
        envkg:locatedIn <https://w3id.org/envkg/id/division/140581> .
    <https://w3id.org/envkg/id/division/999999> a envkg:County ; skos:prefLabel "坏坐标县"@zh ;
        geo:lat "200"^^xsd:decimal ; geo:long "112.9"^^xsd:decimal .
    """
    data = page_data(network(extra), "t")
    nodes = {n["label"]: n for n in data["nodes"]}
    index = {n["label"]: i for i, n in enumerate(data["nodes"])}
    gaoping = nodes["高平市"]
    assert (gaoping["lat"], gaoping["lon"], gaoping["mapVia"]) == (35.7977, 112.9236, None)
    assert nodes["法水湖"]["mapVia"] == [index["高平市"]]
    assert nodes["釜山景区"]["mapVia"] == [index["高平市"]]
    assert nodes["晋城市生态环境局高平分局"]["mapVia"] is None  # jurisdiction does not place a bureau
    assert (nodes["坏坐标县"]["lat"], nodes["坏坐标县"]["lon"]) == (None, None)  # latitude out of range


def test_deterministic(html):
    assert generate_html(network()) == html


def test_overview_threshold_in_data():
    data = page_data(network(), "t", overview_threshold=3)
    assert data["threshold"] == 3


def test_missing_metrics_are_computed_on_a_copy():
    G = graph_to_network(fixture_graph())
    data = page_data(G, "t")
    assert all("x" in n and n["size"] >= 8 for n in data["nodes"])
    assert all("x" not in d for _, d in G.nodes(data=True))


def test_style_covers_the_contract():
    rows = read_tsv(STYLE_FILE)
    classes = {r["name"] for r in rows if r["kind"] == "class"}
    relations = {r["name"] for r in rows if r["kind"] == "relation"}
    assert classes == {str(c).rsplit("#", 1)[1] for c in ENTITY_CLASSES}
    assert relations == {str(r).rsplit("#", 1)[1] for r in RELATIONS}
    assert all(re.fullmatch(r"#[0-9a-f]{6}", r["color"]) for r in rows)


def test_edge_labels_are_bilingual(html):
    data = blob(html)
    sub = next(r for r in data["relations"] if r["name"] == "subOrganizationOf")
    assert (sub["zh"], sub["en"]) == ("隶属", "subOrganizationOf")


def test_write_html_atomic(tmp_path: Path):
    target = tmp_path / "out" / "graph.html"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    write_html(network(), target)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in target.parent.iterdir()] == ["graph.html"]


def test_empty_graph_renders():
    data = blob(generate_html(layout(add_metrics(graph_to_network(fixture_graph().__class__())))))
    assert data["nodes"] == [] and data["edges"] == []


def test_view_prints_path(tmp_path: Path):
    (tmp_path / "graph.html").write_text("<!DOCTYPE html>", encoding="utf-8")
    result = CliRunner().invoke(view_command, [str(tmp_path), "--print-path"])
    assert result.exit_code == 0
    assert result.output.strip() == str((tmp_path / "graph.html").resolve())


def test_view_opens_file_uri(tmp_path: Path, monkeypatch):
    (tmp_path / "graph.html").write_text("<!DOCTYPE html>", encoding="utf-8")
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    result = CliRunner().invoke(view_command, [str(tmp_path)])
    assert result.exit_code == 0 and opened == [(tmp_path / "graph.html").resolve().as_uri()]


def test_view_missing_page(tmp_path: Path):
    result = CliRunner().invoke(view_command, [str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1 and "not found" in result.output


def test_view_help_has_example():
    result = CliRunner().invoke(view_command, ["--help"])
    assert result.exit_code == 0 and "Example:" in result.output


@pytest.mark.parametrize(("date", "file", "year"), [
    ("2024-06-05", "a.txt", "2024"), ("2023年3月1日", None, "2023"), ("8月17日", "12_news_20230815.txt", "2023"),
    (None, "07_news_nodate.txt", None), (None, "000_86313f0a6bb92235.txt", None), (None, "x_2023-08-15.txt", "2023"),
    (None, "report_20231345.txt", None), (None, None, None),
])
def test_document_year(date, file, year):
    assert document_year(date, file) == year


def test_documents_carry_iri_and_year():
    data = page_data(network('<https://w3id.org/envkg/id/article/000_test.txt/2> dcterms:date "2023-03-01" .'), "t")
    docs = {d["iri"]: d for d in data["documents"]}
    assert docs["https://w3id.org/envkg/id/article/000_test.txt/2"]["year"] == "2023"
    assert docs["https://w3id.org/envkg/id/article/000_test.txt/1"]["year"] is None
    assert docs["https://w3id.org/envkg/id/gazetteer/divisions"]["year"] is None


def test_contrast_ratio_matches_wcag():
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic just-failing grey
    assert contrast_ratio("#2e7d32", "#ffffff") == contrast_ratio("#ffffff", "#2e7d32")


@pytest.mark.parametrize("name", sorted(load_style()[0]))
def test_class_colour_text_contrast(name):
    """Text on every class colour (the panel's class badge) reaches WCAG AA, 4.5:1."""
    color = load_style()[0][name]["color"]
    assert contrast_ratio(text_color(color), color) >= 4.5, (name, color, text_color(color))


def test_page_data_gives_each_class_its_text_colour():
    for c in page_data(network(), "t")["classes"]:
        assert c["text"] == text_color(c["color"]) and contrast_ratio(c["text"], c["color"]) >= 4.5


# The page's own text colours on their backgrounds (kg/templates/page.css).
CSS_TEXT_PAIRS = [("#1f2933", "#ffffff"), ("#5f6b76", "#ffffff"), ("#5f6b76", "#f7f9fa"), ("#5f6b76", "#fafbfc"),
                  ("#ffffff", "#2e7d32"), ("#ffffff", "#455a64"), ("#0b57d0", "#ffffff"), ("#37474f", "#ffffff"),
                  ("#8a4b00", "#fff4e5"), ("#1f2933", "#e8f0e8"), ("#5f6b76", "#fbfcfd")]


@pytest.mark.parametrize(("fg", "bg"), CSS_TEXT_PAIRS)
def test_page_text_contrast(fg, bg):
    css = (TEMPLATES / "page.css").read_text(encoding="utf-8").lower()
    assert fg in css or fg == "#ffffff"
    assert contrast_ratio(fg, bg) >= 4.5


def _rings(outline: dict) -> list[list[tuple[float, float]]]:
    """Decode page_data's delta rings (hundredths of a degree) to (lon, lat) points."""
    out = []
    for flat in outline["rings"]:
        x = y = 0
        ring = []
        for i in range(0, len(flat), 2):
            x, y = x + flat[i], y + flat[i + 1]
            ring.append((x / 100, y / 100))
        out.append(ring)
    return out


def _inside(point: tuple[float, float], rings: list[list[tuple[float, float]]]) -> bool:
    """Even-odd point in polygon over all rings (as the page fills them)."""
    lon, lat, hit = point[0], point[1], False
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
            if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
                hit = not hit
    return hit


def test_province_outlines_hold_their_divisions():
    """Decoded as the page decodes them, the outlines put 99 % of the gazetteer's divisions in their own province."""
    assert data_path(OUTLINE_FILE).stat().st_size < 300_000
    outlines = {o["code"]: _rings(o) for o in province_outlines()}
    provinces = {r["code"] for r in read_tsv("gazetteers/divisions.tsv") if r["level"] == "province"}
    assert set(outlines) == provinces | {"710000"}  # and 台湾, which the division list does not have
    placed = [r for r in read_tsv("gazetteers/divisions.tsv") if r["lon"] and r["code"][:2] + "0000" in outlines]
    assert len(placed) > 3000
    outside = [r["name"] for r in placed if not _inside((float(r["lon"]), float(r["lat"])), outlines[r["code"][:2] + "0000"])]
    assert len(outside) <= len(placed) // 100, outside
    assert "高平市" not in outside and "太原市" not in outside
    # a point in the neighbouring province is not in Shanxi
    assert not _inside((114.51, 38.04), outlines["140000"]) and _inside((114.51, 38.04), outlines["130000"])


def test_outlines_go_in_the_page_only_with_a_mapped_place():
    assert [o["code"] for o in page_data(network(), "t")["outlines"]] == [o["code"] for o in province_outlines()]
    G = network()
    for _, d in G.nodes(data=True):
        d.pop("lat", None), d.pop("lon", None)
    assert page_data(G, "t")["outlines"] == []


def test_documents_carry_outlet_date_and_byline():
    extra = """
    <https://w3id.org/envkg/id/article/000_test.txt/1> dcterms:publisher "晋城日报"@zh ; dcterms:date "2024-06-05" ;
        dcterms:creator "王小明"@zh , "李华"@zh .
    """
    docs = {d["iri"]: d for d in page_data(network(extra), "t")["documents"]}
    article = docs["https://w3id.org/envkg/id/article/000_test.txt/1"]
    assert (article["outlet"], article["date"], article["creators"], article["title"]) == (
        "晋城日报", "2024-06-05", ["李华", "王小明"], "一泓清水入黄河")
    other = docs["https://w3id.org/envkg/id/article/000_test.txt/2"]
    assert (other["outlet"], other["date"], other["creators"]) == (None, None, [])
