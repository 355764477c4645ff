"""The graph page in headless Chromium, opened from file:// with no network (issue 6).

Every request that is not a file:// URL is aborted and recorded; the page must
attempt none, log no console error, and behave: search, class and document
filters, node panel with evidence, focus, overview, the map view, and no script
injection. Each run saves screenshots to out/page.png and out/page-map.png.
"""

from __future__ import annotations

import base64
import csv
import io
import struct
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from test_network import ENTITY_COUNT, EVIDENCE, fixture_graph
from test_page import XSS_TTL, network

from kg.network import add_metrics, layout
from kg.page import load_style, write_html

ROOT = Path(__file__).resolve().parent.parent

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOT = Path(__file__).resolve().parent.parent / "out" / "page.png"
MAP_SCREENSHOT = SCREENSHOT.with_name("page-map.png")
# The fixture plus a prefecture with coordinates and a township and park in 高平市 without.
MAP_TTL = """
<https://w3id.org/envkg/id/division/140500> geo:lat "35.4907"^^xsd:decimal ; geo:long "112.8515"^^xsd:decimal .
<https://w3id.org/envkg/id/township/米山镇> a envkg:Township ; skos:prefLabel "米山镇"@zh ;
    envkg:partOf <https://w3id.org/envkg/id/division/140581> ;
    envkg:mentionedIn <https://w3id.org/envkg/id/article/000_test.txt/1> .
<https://w3id.org/envkg/id/landmark/米山公园> a envkg:Landmark ; skos:prefLabel "米山公园"@zh ;
    envkg:locatedIn <https://w3id.org/envkg/id/township/米山镇> ;
    envkg:mentionedIn <https://w3id.org/envkg/id/article/000_test.txt/1> .
"""
MAP_LABELS = sorted(["高平市", "晋城市", "法水湖", "米山镇", "米山公园"])

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (apt-get install chromium)"),
]
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Session:
    """One opened page plus what it tried to load and what it logged."""

    def __init__(self, browser, path: Path, fragment: str = "") -> None:
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)
        self.url = path.as_uri()
        self.page.goto(self.url + fragment)
        self.page.wait_for_function("() => window.envkgPage && window.envkgPage.ready()", timeout=30_000)

    def _route(self, route) -> None:
        url = route.request.url
        self.requests.append(url)
        if url.startswith("file:"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def api(self, call: str):
        return self.page.evaluate(f"() => window.envkgPage.{call}")

    def click_node(self, label: str) -> None:
        pos = self.page.evaluate("(label) => window.envkgPage.domPosition(label)", label)
        assert pos is not None, f"{label} is not drawn"
        self.page.mouse.click(pos["x"], pos["y"])

    def click_point(self, label: str, count: int = 1) -> None:
        pos = self.page.evaluate("(label) => window.envkgPage.mapPosition(label)", label)
        assert pos is not None, f"{label} is not on the map"
        self.page.mouse.click(pos["x"], pos["y"], click_count=count)

    def panel(self) -> str:
        return self.page.inner_text("#panel")

    def assert_offline_and_clean(self) -> None:
        assert self.blocked == [], f"page tried the network: {self.blocked}"
        assert self.requests == [self.url], f"unexpected requests: {self.requests}"
        assert self.errors == [], f"console errors: {self.errors}"


@pytest.fixture()
def session(browser, tmp_path):
    opened = Session(browser, write_html(network(), tmp_path / "graph.html"))
    yield opened
    opened.page.close()


def test_loads_offline_with_all_linked_nodes(session):
    assert session.api("nodeCount()") == ENTITY_COUNT
    assert session.api("visibleNodeCount()") == ENTITY_COUNT - 1  # 丹河 has no relation: hidden
    assert session.api("isOverview()") is False
    assert "河流 river" in session.page.inner_text("#class-filters")
    session.assert_offline_and_clean()


def test_search_finds_alias(session):
    session.page.fill("#search", "高平分局")
    results = session.page.inner_text("#search-results")
    assert "晋城市生态环境局高平分局" in results
    session.page.click("#search-results [role=option]")
    assert "晋城市生态环境局高平分局" in session.panel()
    session.assert_offline_and_clean()


def test_search_is_a_combobox_for_the_keyboard(session):
    page = session.page
    box = page.locator("#search")
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("aria-controls") == "search-results"
    assert page.get_attribute("#search-results", "role") == "listbox"
    page.focus("#search")
    page.keyboard.type("晋城")
    options = page.locator("#search-results [role=option]")
    names = [options.nth(i).locator(".name").inner_text().strip() for i in range(options.count())]
    assert set(names) == {"晋城市", "晋城市生态环境局", "晋城市生态环境局高平分局", "高平市"}  # 高平市: alias 晋城高平市
    assert box.get_attribute("aria-expanded") == "true"
    assert page.inner_text("#search-status") == "4 个结果 results"
    assert page.get_attribute("#search-status", "aria-live") == "polite"
    active = lambda: box.get_attribute("aria-activedescendant")  # noqa: E731
    assert active() is None
    page.keyboard.press("ArrowDown")
    assert active() == options.nth(0).get_attribute("id")
    assert options.nth(0).get_attribute("aria-selected") == "true"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert active() == options.nth(1).get_attribute("id")
    assert [options.nth(i).get_attribute("aria-selected") for i in range(4)] == ["false", "true", "false", "false"]
    page.keyboard.press("Enter")
    assert session.panel().startswith(names[1])
    assert box.get_attribute("aria-expanded") == "false" and page.is_hidden("#search-results")
    selected = page.evaluate("() => window.envkgPage.network.getSelectedNodes()")
    labels = "(ids) => ids.map((id) => window.envkgPage.network.body.data.nodes.get(id).label)"
    assert page.evaluate(labels, selected) == [names[1]]
    pos = session.api(f"domPosition({names[1]!r})")  # centred in the graph
    graph = page.locator("#graph").bounding_box()
    assert abs(pos["x"] - (graph["x"] + graph["width"] / 2)) < 5 and abs(pos["y"] - (graph["y"] + graph["height"] / 2)) < 5
    page.fill("#search", "没有这个")
    assert page.inner_text("#search-status") == "无结果 No match" and box.get_attribute("aria-expanded") == "false"
    page.fill("#search", "晋城")
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    session.assert_offline_and_clean()


def test_class_filter_hides_lakes(session):
    assert "法水湖" in session.api("visibleLabels()")
    session.page.uncheck('#class-filters input[data-name="Lake"]')
    assert "法水湖" not in session.api("visibleLabels()")
    assert session.api("visibleNodeCount()") == ENTITY_COUNT - 2
    session.page.check('#class-filters input[data-name="Lake"]')
    assert "法水湖" in session.api("visibleLabels()")


def test_unlinked_nodes_hidden_behind_a_counted_toggle(session):
    page = session.page
    assert "丹河" not in session.api("visibleLabels()")
    assert page.is_visible("#unlinked-toggle")
    assert page.inner_text("#unlinked-toggle").strip() == "显示无关系节点 Show 1 unlinked"
    page.check("#show-unlinked")
    assert "丹河" in session.api("visibleLabels()")
    assert session.api("visibleNodeCount()") == ENTITY_COUNT
    page.uncheck("#show-unlinked")
    assert "丹河" not in session.api("visibleLabels()")
    page.uncheck('#class-filters input[data-name="River"]')  # no unlinked node left in scope
    assert page.is_hidden("#unlinked-toggle")
    page.check('#class-filters input[data-name="River"]')
    page.fill("#search", "丹河")  # selecting an unlinked node shows it
    page.press("#search", "Enter")
    assert "丹河" in session.api("visibleLabels()") and page.is_checked("#show-unlinked")
    page.click("#reset")
    assert "丹河" not in session.api("visibleLabels()") and not page.is_checked("#show-unlinked")
    session.assert_offline_and_clean()


VIEW_JS = """() => {
  const net = window.envkgPage.network, box = document.getElementById('graph').getBoundingClientRect();
  const ids = net.body.data.nodes.getIds();
  const inside = ids.every((id) => { const p = net.canvasToDOM(net.getPositions([id])[id]);
    return p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height; });
  return { scale: net.getScale(), inside: inside, n: ids.length };
}"""


def test_filters_refit_the_view_to_what_is_visible(session):
    page = session.page
    page.evaluate("() => window.envkgPage.network.moveTo({ position: { x: 5000, y: 5000 }, scale: 0.2 })")
    assert page.evaluate(VIEW_JS)["inside"] is False
    page.click('#legend button[data-bulk="classes"][data-on="0"]')
    page.check('#class-filters input[data-name="Species"]')
    page.check('#class-filters input[data-name="Lake"]')
    view = page.evaluate(VIEW_JS)
    assert view["n"] == 2 and view["inside"] is True and view["scale"] > 0.2
    page.evaluate("() => window.envkgPage.network.moveTo({ position: { x: 5000, y: 5000 }, scale: 0.2 })")
    page.click('#legend button[data-bulk="classes"][data-on="1"]')
    view = page.evaluate(VIEW_JS)
    assert view["inside"] is True and view["n"] == session.api("visibleNodeCount()")
    page.evaluate("() => window.envkgPage.network.moveTo({ position: { x: 5000, y: 5000 }, scale: 0.2 })")
    page.select_option("#doc-select", label="\u3000小天鹅北归法水湖")
    assert page.evaluate(VIEW_JS)["inside"] is True
    page.evaluate("() => window.envkgPage.network.moveTo({ position: { x: 5000, y: 5000 }, scale: 0.2 })")
    page.select_option("#doc-select", label="全部文档 All documents")
    page.evaluate("() => window.envkgPage.network.moveTo({ position: { x: 5000, y: 5000 }, scale: 0.2 })")
    page.click("#show-unlinked")  # the toggle refits too
    assert page.evaluate(VIEW_JS)["inside"] is True


def test_relation_filter_hides_edges(session):
    before = session.api("visibleEdgeCount()")
    session.page.uncheck('#relation-filters input[data-name="jurisdiction"]')
    assert session.api("visibleEdgeCount()") == before - 2


def test_click_bureau_shows_measure_with_evidence(session):
    session.click_node("晋城市生态环境局高平分局")
    panel = session.panel()
    assert panel.startswith("晋城市生态环境局高平分局")
    assert "首违不罚+警示教育" in panel and "实施主体 implementedBy" in panel
    assert EVIDENCE in panel
    assert "000_test.txt · 一泓清水入黄河" in panel
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    session.page.screenshot(path=str(SCREENSHOT))
    session.assert_offline_and_clean()


CONTRAST_JS = """() => {
  const rgb = (s) => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => { const v = c.map((x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const b = document.querySelector('#panel .badge'), st = getComputedStyle(b);
  const l = [lum(rgb(st.color)), lum(rgb(st.backgroundColor))].sort((x, y) => y - x);
  return (l[0] + 0.05) / (l[1] + 0.05);
}"""


def test_class_badges_have_readable_text(session):
    for label in ("法水湖", "首违不罚+警示教育", "高平市", "晋城市"):  # light and dark class colours
        session.api(f"select({label!r})")
        assert session.page.evaluate(CONTRAST_JS) >= 4.5, label


def test_county_panel_has_code_coordinates_and_observations(session):
    session.click_node("高平市")
    panel = session.panel()
    for text in ("140581", "35.7977", "112.9236", "优良天数", "300", "天", "2025", "县级 county"):
        assert text in panel


def test_focus_and_reset(session):
    session.click_node("高平市")
    session.page.click("text=聚焦 1 跳 Focus 1 hop")
    one_hop = sorted(["高平市", "晋城市", "晋城市生态环境局高平分局", "法水湖"])
    assert session.api("visibleLabels()") == one_hop
    session.page.click("text=聚焦 2 跳 Focus 2 hops")
    assert session.api("visibleNodeCount()") == ENTITY_COUNT - 1  # all but the isolated 丹河
    session.page.click("#reset")
    assert session.api("visibleNodeCount()") == ENTITY_COUNT - 1


def test_document_selector(session):
    session.page.select_option("#doc-select", label="\u3000小天鹅北归法水湖")
    assert session.api("visibleLabels()") == ["小天鹅", "法水湖"]
    session.page.select_option("#doc-select", label="全部文档 All documents")
    assert session.api("visibleNodeCount()") == ENTITY_COUNT - 1


def test_keyboard_reaches_the_nodes(session):
    page = session.page
    page.keyboard.press("Tab")  # the first tab stop skips to the graph
    assert page.evaluate("() => document.activeElement.id") == "skip-graph"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "graph"
    start = session.api("cursor()")
    assert start is not None and page.inner_text("#graph-status").startswith(start + " · ")
    pos = lambda: page.evaluate("(l) => window.envkgPage.domPosition(l)", session.api("cursor()"))  # noqa: E731
    seen = {start}
    for key, axis, sign in [("ArrowRight", "x", 1), ("ArrowDown", "y", 1), ("ArrowLeft", "x", -1), ("ArrowUp", "y", -1)]:
        for _ in range(3):
            before, label = pos(), session.api("cursor()")
            page.keyboard.press(key)
            after = pos()
            if session.api("cursor()") == label:  # nothing further that way
                break
            assert (after[axis] - before[axis]) * sign > 0, (key, label, session.api("cursor()"))
            # within 60° of the arrow
            other = "y" if axis == "x" else "x"
            assert abs(after[other] - before[other]) <= 1.74 * abs(after[axis] - before[axis]) + 1
            seen.add(session.api("cursor()"))
    assert len(seen) >= 4
    label = session.api("cursor()")
    assert page.evaluate("() => window.envkgPage.network.getSelectedNodes().length") == 1
    page.keyboard.press("Enter")
    assert session.panel().startswith(label)
    assert page.evaluate("() => document.activeElement.id") == "graph"  # the focus stays for the next move
    page.keyboard.press("Escape")
    assert session.api("cursor()") is None and page.inner_text("#graph-status") == ""
    session.assert_offline_and_clean()


LONG_LABEL = "推进山水林田湖草沙一体化保护和系统治理示范工程建设"  # 25 characters


def test_long_labels_wrap(browser, tmp_path):
    extra = f"""
    <https://w3id.org/envkg/id/measure/long> a envkg:Measure ; skos:prefLabel "{LONG_LABEL}"@zh ;
        envkg:implementedBy <https://w3id.org/envkg/id/bureau/晋城市生态环境局高平分局> .
    <https://w3id.org/envkg/id/measure/longer> a envkg:Measure ; skos:prefLabel "{LONG_LABEL * 2}"@zh ;
        envkg:implementedBy <https://w3id.org/envkg/id/bureau/晋城市生态环境局高平分局> .
    """
    opened = Session(browser, write_html(network(extra), tmp_path / "graph.html"))
    drawn = opened.page.evaluate("(l) => window.envkgPage.drawnLabel(l)", LONG_LABEL)
    lines = drawn.split("\n")
    assert "".join(lines) == LONG_LABEL and [len(x) for x in lines] == [9, 9, 7]  # three balanced lines <= 10
    assert opened.page.evaluate("(l) => window.envkgPage.drawnLabel(l)", "晋城市生态环境局高平分局") == "晋城市生态环\n境局高平分局"
    assert opened.page.evaluate("(l) => window.envkgPage.drawnLabel(l)", "高平市") == "高平市"
    longer = opened.page.evaluate("(l) => window.envkgPage.drawnLabel(l)", LONG_LABEL * 2).split("\n")
    assert len(longer) == 3 and all(len(x) <= 10 for x in longer) and longer[-1].endswith("…")
    assert LONG_LABEL in opened.api("visibleLabels()")  # whole in the API, the tooltip and the panel
    opened.api(f"select('{LONG_LABEL}')")
    assert opened.panel().startswith(LONG_LABEL)
    # the canvas draws it narrower than one line would be (vis-network's own label box, canvas units)
    box = opened.page.evaluate("""() => { const net = window.envkgPage.network;
      const id = net.body.data.nodes.getIds().find((i) => net.body.data.nodes.get(i).label.startsWith('推进山水'));
      return net.body.nodes[id].labelModule.size; }""")
    one_line = opened.page.evaluate("""(t) => { const c = document.createElement('canvas').getContext('2d');
      c.font = window.envkgPage.network.body.nodes[window.envkgPage.network.getSelectedNodes()[0]].options.font.size + 'px ' + getComputedStyle(document.body).fontFamily;
      return c.measureText(t).width; }""", LONG_LABEL)
    assert box["width"] < one_line / 2.5 and box["height"] > 2.5 * box["width"] / 10
    opened.assert_offline_and_clean()
    opened.page.close()


DOC_TTL = """
<https://w3id.org/envkg/id/article/000_test.txt/1> dcterms:publisher "晋城日报"@zh ; dcterms:date "2024-06-05" ;
    dcterms:creator "王小明"@zh , "李华"@zh .
"""
ARTICLE_1 = "https://w3id.org/envkg/id/article/000_test.txt/1"


def test_document_page_title_outlet_date_then_facts(browser, tmp_path):
    opened = Session(browser, write_html(network(DOC_TTL), tmp_path / "graph.html"), fragment="#doc=" + ARTICLE_1)
    page, panel = opened.page, opened.panel
    assert page.input_value("#doc-select") != ""  # the address chose the article
    text = panel()
    assert text.startswith("一泓清水入黄河") and "文章 Article" in text
    assert "来源 Outlet\n晋城日报" in text and "日期 Date\n2024-06-05" in text and "李华、王小明" in text
    assert "属于 Part of\n000_test.txt" in text and ARTICLE_1 in text
    relations = page.inner_text("#panel ul.doc-relations")
    assert EVIDENCE in relations and "实施主体 implementedBy" in relations
    assert "200余只北归小天鹅在法水湖结伴而至。" not in relations  # that sentence is article 2's
    obs = page.locator("#panel table.obs tr.obs-row")
    assert obs.count() == 1 and "高平市" in obs.inner_text() and "优良天数" in obs.inner_text() and "300" in obs.inner_text()
    entities = page.inner_text("#panel ul.doc-entities")
    assert "高平市" in entities and "丹河" in entities and "法水湖" not in entities
    assert page.locator("#panel ul.doc-entities li").first.inner_text().startswith(
        page.evaluate("() => document.querySelector('#class-filters li span:not(.count)').textContent"))  # legend order
    page.click('#panel ul.doc-entities button.link:text-is("高平市")')  # an entity of the article
    assert panel().startswith("高平市") and "entity=" in page.url and "doc=" in page.url
    page.go_back()
    page.wait_for_timeout(100)
    assert panel().startswith("一泓清水入黄河") and "entity=" not in page.url
    page.click('#panel dd button.link:text-is("000_test.txt")')  # the document it is part of: both articles
    text = panel()
    assert text.startswith("000_test.txt") and "文档 Document" in text and "文章 Articles (2)" in text
    assert "200余只北归小天鹅在法水湖结伴而至。" in page.inner_text("#panel ul.doc-relations")
    page.click('#panel ul.doc-articles button.link:text-is("小天鹅北归法水湖")')
    assert panel().startswith("小天鹅北归法水湖") and "doc=https://w3id.org/envkg/id/article/000_test.txt/2" in page.url
    assert opened.api("visibleLabels()") == ["小天鹅", "法水湖"]
    page.select_option("#doc-select", label="全部文档 All documents")
    assert panel().startswith("点击节点")
    page.select_option("#doc-select", label="\u3000一泓清水入黄河 · 2024-06-05 · 晋城日报")
    assert panel().startswith("一泓清水入黄河")
    opened.assert_offline_and_clean()
    page.close()


# Pixel [r, g, b] of a data: URL image at page point (x, y) relative to the element sel (device pixels).
PIXEL_JS = """async ([url, sel, points]) => {
  const img = new Image();
  await new Promise((ok) => { img.onload = ok; img.src = url; });
  const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
  const g = c.getContext('2d'); g.drawImage(img, 0, 0);
  const box = document.querySelector(sel).getBoundingClientRect(), r = window.devicePixelRatio;
  return points.map(([x, y]) => Array.from(g.getImageData(Math.round((x - box.left) * r), Math.round((y - box.top) * r), 1, 1).data.slice(0, 3)));
}"""


def read_csv(download) -> list[dict]:
    raw = Path(download.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"\r\n")  # UTF-8 with BOM, CRLF
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_export_the_view_as_csv_and_png(session):
    page = session.page
    with page.expect_download() as info:
        page.click("#export-csv")
    assert info.value.suggested_filename == "envkg-network.csv"
    rows = read_csv(info.value)
    assert list(rows[0]) == ["kind", "label", "class", "class_label", "iri", "from_iri", "from_label", "to_iri",
                             "to_label", "evidence", "documents"]
    nodes, edges = [r for r in rows if r["kind"] == "node"], [r for r in rows if r["kind"] == "edge"]
    assert len(nodes) == session.api("visibleNodeCount()") == ENTITY_COUNT - 1
    assert len(edges) == session.api("visibleEdgeCount()") == 7
    gaoping = next(r for r in nodes if r["label"] == "高平市")
    assert gaoping["class"] == "County" and gaoping["iri"] == "https://w3id.org/envkg/id/division/140581"
    measure = next(r for r in edges if r["class"] == "implementedBy")
    assert measure["to_label"] == "晋城市生态环境局高平分局" and measure["evidence"] == EVIDENCE
    assert measure["to_iri"].endswith("晋城市生态环境局高平分局") and measure["documents"]
    page.uncheck('#class-filters input[data-name="Lake"]')  # the view changes, so does the export
    rows = read_csv_text(session.api("exportCsv()"))
    assert "法水湖" not in {r["label"] for r in rows} | {r["from_label"] for r in rows} | {r["to_label"] for r in rows}
    assert len([r for r in rows if r["kind"] == "node"]) == session.api("visibleNodeCount()") == ENTITY_COUNT - 2
    with page.expect_download() as info:
        page.click("#export-png")
    assert info.value.suggested_filename == "envkg-network.png"
    data = Path(info.value.path()).read_bytes()
    canvas = page.evaluate("() => { const c = document.querySelector('#graph canvas'); return [c.width, c.height]; }")
    assert png_size(data) == tuple(canvas)
    # the picture is the canvas: at the nodes, the exported pixels are the drawn ones, and not white
    url = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
    spots = [page.evaluate("(l) => window.envkgPage.domPosition(l)", label) for label in ("高平市", "晋城市生态环境局高平分局")]
    points = [[p["x"], p["y"]] for p in spots]
    exported = page.evaluate(PIXEL_JS, [url, "#graph", points])
    live = page.evaluate(PIXEL_JS, [page.evaluate("() => document.querySelector('#graph canvas').toDataURL()"), "#graph", points])
    assert all(px != [255, 255, 255] for px in exported)
    assert all(max(abs(a - b) for a, b in zip(e, l)) <= 2 for e, l in zip(exported, live)), (exported, live)
    session.assert_offline_and_clean()


def read_csv_text(text: str) -> list[dict]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def twelve_article_network():
    """A synthetic graph of the size of 12 articles: 240 linked nodes and 120 without a relation."""
    sys.path.insert(0, str(ROOT / "bench"))
    from page_render import synthetic_network

    G = synthetic_network(240, seed=12)
    for i in range(120):
        node = f"https://w3id.org/envkg/id/person/iso{i}"
        G.add_node(node, iri=node, label=f"无关系人物{i}", aliases=[], cls="Person", documents=["doc:0"], observations=[])
    return layout(add_metrics(G))


# Every label vis-network draws now in the view: on-screen font size (px) and box (canvas units, as
# vis-network measured it when drawing).
LABELS_JS = """() => {
  const net = window.envkgPage.network, scale = net.getScale(), out = [];
  const box = document.getElementById('graph').getBoundingClientRect();
  net.body.data.nodes.getIds().forEach((id) => {
    const node = net.body.nodes[id], px = node.options.font.size * scale, p = net.canvasToDOM({ x: node.x, y: node.y });
    if (p.x < 0 || p.y < 0 || p.x > box.width || p.y > box.height) { return; }
    if (!node.options.label || px < node.options.scaling.label.drawThreshold - 1) { return; }
    const s = node.labelModule.size;
    out.push({ id: id, px: px, x0: s.left, y0: s.top, x1: s.left + s.width, y1: s.top + s.height });
  });
  return out;
}"""


def overlapping(labels):
    return [(a["id"], b["id"]) for i, a in enumerate(labels) for b in labels[i + 1:]
            if a["x0"] < b["x1"] - 1 and b["x0"] < a["x1"] - 1 and a["y0"] < b["y1"] - 1 and b["y0"] < a["y1"] - 1]


def test_labels_readable_and_apart_at_the_first_view(browser, tmp_path):
    opened = Session(browser, write_html(twelve_article_network(), tmp_path / "graph.html"))
    page = opened.page
    page.wait_for_timeout(200)
    assert opened.api("visibleNodeCount()") < 260  # the 120 unlinked persons are hidden
    assert page.evaluate("() => window.envkgPage.network.getScale()") < 0.5  # fitted: a 14 px font would be < 7 px
    labels = page.evaluate(LABELS_JS)
    assert len(labels) >= 40
    assert min(label["px"] for label in labels) >= 10
    assert overlapping(labels) == []
    box = page.locator("#graph").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(20):  # wheel in: labels go back to their 14 px font, more of them fit
        page.mouse.wheel(0, -300)
        page.wait_for_timeout(30)
    page.wait_for_timeout(300)
    scale = page.evaluate("() => window.envkgPage.network.getScale()")
    assert scale > 0.8
    zoomed = page.evaluate(LABELS_JS)
    assert overlapping(zoomed) == [] and min(label["px"] for label in zoomed) >= 10
    assert max(label["px"] for label in zoomed) <= 14 * scale + 0.01
    assert len(opened.api("labelSizes()")) >= len(zoomed)
    opened.assert_offline_and_clean()
    page.close()


def test_address_restores_entity_document_and_filters(browser, tmp_path):
    path = write_html(network(), tmp_path / "graph.html")
    iri = "https://w3id.org/envkg/id/division/140581"
    opened = Session(browser, path, fragment="#entity=" + quote(iri, safe=":/"))
    assert opened.panel().startswith("高平市")
    selected = opened.page.evaluate("() => window.envkgPage.network.getSelectedNodes()")
    assert len(selected) == 1 and opened.page.evaluate(
        "(id) => window.envkgPage.network.body.data.nodes.get(id).label", selected[0]) == "高平市"
    opened.assert_offline_and_clean()
    opened.page.close()

    article = "https://w3id.org/envkg/id/article/000_test.txt/2"
    opened = Session(browser, path, fragment="#doc=" + quote(article, safe=":/") + "&hide=Species")
    assert opened.api("visibleLabels()") == ["法水湖"]
    assert opened.page.input_value("#doc-select") != ""
    assert not opened.page.is_checked('#class-filters input[data-name="Species"]')
    assert opened.page.is_checked('#class-filters input[data-name="Lake"]')
    opened.page.close()


def test_address_follows_the_page_and_back_forward_work(session):
    page = session.page
    session.click_node("高平市")
    assert "entity=https://w3id.org/envkg/id/division/140581" in page.url
    page.wait_for_timeout(400)  # two quick clicks would be a double-click (focus)
    session.click_node("晋城市")
    assert session.panel().startswith("晋城市")
    assert "entity=https://w3id.org/envkg/id/division/140500" in page.url
    page.uncheck('#class-filters input[data-name="Lake"]')
    assert "hide=Lake" in page.url and "140500" in page.url
    page.go_back()
    page.wait_for_timeout(100)
    assert session.panel().startswith("高平市") and "140581" in page.url
    assert page.is_checked('#class-filters input[data-name="Lake"]')  # the filter came after 晋城市
    page.go_forward()
    page.wait_for_timeout(100)
    assert session.panel().startswith("晋城市")
    assert not page.is_checked('#class-filters input[data-name="Lake"]')
    page.select_option("#doc-select", label="\u3000小天鹅北归法水湖")
    assert "doc=https://w3id.org/envkg/id/article/000_test.txt/2" in page.url
    page.go_back()
    page.wait_for_timeout(100)
    assert page.input_value("#doc-select") == "" and session.api("visibleNodeCount()") == ENTITY_COUNT - 2
    session.assert_offline_and_clean()


def observation(name: str, subject: str, indicator: str, value: str, unit: str, year: str, evidence: str,
                article: str = "000_test.txt/1") -> str:
    return f"""
<https://w3id.org/envkg/id/observation/{name}> a envkg:Observation ;
    envkg:subject <https://w3id.org/envkg/id/division/{subject}> ;
    envkg:indicator <https://w3id.org/envkg/id/indicator/{indicator}> ;
    envkg:value "{value}"^^xsd:decimal ; envkg:unit "{unit}" ; envkg:year "{year}"^^xsd:gYear ;
    envkg:evidence "{evidence}"@zh ; envkg:mentionedIn <https://w3id.org/envkg/id/article/{article}> .
"""


# 高平市: 优良天数 in 2023, 2024 and 2025 (the fixture's, here repeated by a second article);
# 晋城市: 优良天数 2025 and PM2.5 2025 (13.0 in the graph's canonical decimal form).
OBS_TTL = """
<https://w3id.org/envkg/id/indicator/PM2.5> a envkg:Indicator ; skos:prefLabel "PM2.5"@zh .
""" + "".join([
    observation("g23", "140581", "优良天数", "280", "天", "2023", "2023年高平市优良天数为280天。"),
    observation("g24", "140581", "优良天数", "290.0", "天", "2024", "2024年高平市优良天数为290天。"),
    observation("g25", "140581", "优良天数", "300", "天", "2025", "2025年高平市优良天数达300天。", "000_test.txt/2"),
    observation("j25", "140500", "优良天数", "310", "天", "2025", "晋城市全年优良天数310天，比上年增加，"
                "这一句故意写得很长，用来检查整句证据在面板里换行显示而不是被截断。"),
    observation("p25", "140500", "PM2.5", "13.0", "微克/立方米", "2025", "晋城市PM2.5平均浓度为13微克/立方米。"),
])


@pytest.fixture()
def obs_session(browser, tmp_path):
    opened = Session(browser, write_html(network(OBS_TTL), tmp_path / "graph.html"))
    yield opened
    opened.page.close()


def test_observations_merged_as_written_with_a_chart_over_years(obs_session):
    s = obs_session
    s.api("select('高平市')")
    page = s.page
    rows = page.locator("#panel table.obs tr.obs-row")
    assert rows.count() == 3  # 2023, 2024, and 2025 twice (two articles, same sentence) merged
    assert [rows.nth(i).locator("td.num").inner_text() for i in range(3)] == ["280", "290", "300"]
    evidence = page.locator("#panel table.obs tr.obs-evidence").nth(2).inner_text()
    assert "×2" in evidence and "2025年高平市优良天数达300天。" in evidence
    assert "一泓清水入黄河" in evidence and "小天鹅北归法水湖" in evidence  # both articles
    chart = page.locator('#panel figure.chart[data-kind="years"]')
    assert chart.count() == 1 and "优良天数" in chart.inner_text()
    bars = chart.locator("g.bar")
    assert [bars.nth(i).get_attribute("data-label") for i in range(bars.count())] == ["2023", "2024", "2025"]
    heights = [float(bars.nth(i).locator("rect").get_attribute("height")) for i in range(3)]
    assert heights[0] < heights[1] < heights[2]
    s.assert_offline_and_clean()


def test_indicator_search_view_and_full_evidence(obs_session):
    s, page = obs_session, obs_session.page
    page.fill("#search", "PM2.5")
    options = page.locator("#search-results [role=option]")
    texts = [options.nth(i).inner_text() for i in range(options.count())]
    assert texts[0].startswith("PM2.5") and "指标 indicator" in texts[0]
    assert any(t.startswith("晋城市") and "指标 indicator: PM2.5" in t for t in texts[1:])
    assert s.api("search('pm2.5')") == ["晋城市"]
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # 晋城市
    page.keyboard.press("Enter")
    panel = s.panel()
    assert panel.startswith("晋城市") and "13" in panel and "13.0" not in panel
    cell = page.locator("#panel table.obs tr.obs-evidence .evidence").filter(has_text="故意写得很长")
    box, panel_box = cell.bounding_box(), page.locator("#panel").bounding_box()
    assert box["x"] + box["width"] <= panel_box["x"] + panel_box["width"]
    assert box["height"] > 20  # wrapped onto more than one line
    assert cell.evaluate("(e) => e.scrollWidth <= e.clientWidth")
    assert cell.inner_text().endswith("而不是被截断。")
    page.click('#panel button.link:text-is("优良天数")')  # the indicator view
    assert s.panel().startswith("优良天数")
    charts = page.locator('#panel figure.chart[data-kind="places"]')
    assert charts.count() == 1 and "2025" in charts.inner_text()  # 2023 and 2024 have one place each
    bars = charts.locator("g.bar")
    assert [bars.nth(i).get_attribute("data-label") for i in range(bars.count())] == ["晋城市", "高平市"]
    assert page.locator("#panel table.obs tr.obs-row").count() == 4
    s.assert_offline_and_clean()


# Both cities on the map: PM2.5 52 (高平市) and 13 (晋城市); 优良天数 of 高平市 in four years, the
# latest (2026, article 1) the smallest.
SYMBOL_TTL = MAP_TTL + OBS_TTL + observation("gp25", "140581", "PM2.5", "52", "微克/立方米", "2025", "高平市PM2.5浓度52微克/立方米。") \
    + observation("g26", "140581", "优良天数", "250", "天", "2026", "2026年高平市优良天数为250天。")


def test_map_scaled_symbols_of_one_indicator(browser, tmp_path):
    opened = Session(browser, write_html(network(SYMBOL_TTL), tmp_path / "graph.html"), fragment="#view=map")
    page = opened.page
    assert page.is_visible("#map-symbols")
    assert page.locator("#symbol-select option").all_inner_texts() == [
        "无 None", "PM2.5（微克/立方米） · 2 个地点 places", "优良天数（天） · 2 个地点 places"]
    assert opened.api("mapSymbols()") == [] and page.locator("#map-svg .symbol-legend").count() == 0
    page.select_option("#symbol-select", label="PM2.5（微克/立方米） · 2 个地点 places")
    symbols = {s["label"]: s for s in opened.api("mapSymbols()")}
    assert {k: v["value"] for k, v in symbols.items()} == {"高平市": "52", "晋城市": "13"}  # as written
    # area proportional to the value: 52 / 13 = 4 -> radius twice
    assert abs((symbols["高平市"]["r"] / symbols["晋城市"]["r"]) ** 2 - 52 / 13) < 0.01
    legend = opened.api("mapSymbolLegend()")
    assert [v["value"] for v in legend] == ["52", "10", "2"]  # the largest, then 1-2-5 values below 52/4 and 52/16
    assert abs(legend[0]["r"] - symbols["高平市"]["r"]) < 0.01
    assert abs((legend[0]["r"] / legend[1]["r"]) ** 2 - 5.2) < 0.01
    text = page.text_content("#map-svg .symbol-legend")
    assert "PM2.5（微克/立方米）" in text and "面积 ∝ 数值" in text and "2 个地点 places" in text
    assert "symbol=PM2.5" in page.url and "symunit=" in page.url
    # the latest year's value of 高平市 (250 in 2026, not the larger 280, 290, 300 of before)
    page.select_option("#symbol-select", label="优良天数（天） · 2 个地点 places")
    assert {s["label"]: s["value"] for s in opened.api("mapSymbols()")} == {"高平市": "250", "晋城市": "310"}
    # only the articles in view: the second article states 高平市's 2025 value and nothing of 晋城市
    page.select_option("#doc-select", label="\u3000小天鹅北归法水湖")
    assert {s["label"]: s["value"] for s in opened.api("mapSymbols()")} == {"高平市": "300"}
    page.select_option("#doc-select", label="\u3000一泓清水入黄河")
    assert {s["label"]: s["value"] for s in opened.api("mapSymbols()")} == {"高平市": "250", "晋城市": "310"}
    page.select_option("#symbol-select", "")
    assert opened.api("mapSymbols()") == [] and "symbol=" not in page.url
    opened.assert_offline_and_clean()
    page.close()
    reopened = Session(browser, tmp_path / "graph.html", fragment="#view=map&symbol=PM2.5&symunit=%E5%BE%AE%E5%85%8B/%E7%AB%8B%E6%96%B9%E7%B1%B3")
    assert sorted(s["label"] for s in reopened.api("mapSymbols()")) == ["晋城市", "高平市"]
    reopened.assert_offline_and_clean()
    reopened.page.close()


YEAR_TTL = MAP_TTL + """
<https://w3id.org/envkg/id/article/000_test.txt/1> dcterms:date "2024-06-05" .
<https://w3id.org/envkg/id/article/000_test.txt/2> dcterms:date "2023年3月1日" .
"""


def test_year_control_filters_graph_and_map(browser, tmp_path):
    opened = Session(browser, write_html(network(YEAR_TTL), tmp_path / "graph.html"))
    page = opened.page
    assert page.is_visible("#year-select")
    assert opened.api("years()") == ["2023", "2024"]
    assert page.locator("#year-select option").all_inner_texts() == [
        "全部年份 All years", "2024 年（1 篇 articles）", "2023 年（1 篇 articles）"]
    page.select_option("#year-select", "2023")
    assert opened.api("visibleLabels()") == ["小天鹅", "法水湖"]
    assert "year=2023" in page.url
    page.select_option("#year-select", "2024")
    labels = opened.api("visibleLabels()")
    assert "法水湖" not in labels and {"晋城市生态环境局高平分局", "高平市", "米山公园"} <= set(labels)
    # implementedBy, read from the 2024 article, and partOf 高平市 -> 晋城市 from the (timeless) gazetteer
    assert opened.api("visibleEdgeCount()") == 2
    page.click("#view-map")
    assert "法水湖" not in opened.api("mapLabels()") and "米山公园" in opened.api("mapLabels()")
    page.select_option("#year-select", "2023")
    assert opened.api("mapLabels()") == ["法水湖"]
    page.select_option("#year-select", "")
    assert opened.api("mapPointCount()") == 5
    opened.assert_offline_and_clean()
    page.close()
    reopened = Session(browser, tmp_path / "graph.html", fragment="#year=2023")
    assert reopened.page.input_value("#year-select") == "2023"
    assert reopened.api("visibleLabels()") == ["小天鹅", "法水湖"]
    reopened.page.close()


def test_phone_layout_graph_first_drawer_and_bottom_sheet(browser, tmp_path):
    path = write_html(twelve_article_network(), tmp_path / "graph.html")
    opened = Session(browser, path)
    page = opened.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(200)
    graph = page.locator("#graph").bounding_box()
    assert graph["y"] < 200 and graph["height"] > 500 and graph["width"] >= 380
    boxes = page.locator("#class-filters input[type=checkbox]")
    assert boxes.count() > 5 and all(not boxes.nth(i).is_visible() for i in range(boxes.count()))
    assert page.is_hidden("#doc-select") and page.is_hidden("#panel")
    toggle = page.locator("#drawer-toggle")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert boxes.first.is_visible() and page.is_visible("#doc-select")
    boxes.first.uncheck()  # the drawer's filters work
    assert boxes.first.is_checked() is False
    toggle.click()
    assert not boxes.first.is_visible()
    chosen = opened.api("search('生态环境局')")[0]
    page.fill("#search", chosen)
    page.press("#search", "Enter")  # the panel opens as a bottom sheet over the graph
    sheet = page.locator("#panel").bounding_box()
    assert page.is_visible("#panel") and abs(sheet["y"] + sheet["height"] - 844) < 1 and sheet["y"] > 844 * 0.4
    assert sheet["width"] >= 389
    node = opened.api(f"domPosition({chosen!r})")
    assert graph["y"] < node["y"] < sheet["y"]  # the chosen node is in sight above the sheet
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390  # nothing sticks out sideways
    page.click("#panel .sheet-close")
    assert page.is_hidden("#panel")
    opened.assert_offline_and_clean()
    page.close()
    desktop = Session(browser, path)  # at 1400 px: no drawer, the filters beside the graph
    assert desktop.page.is_hidden("#drawer-toggle") and desktop.page.is_visible("#class-filters input")
    assert desktop.page.is_visible("#panel")
    desktop.page.close()


def test_overview_groups_by_class_and_expands(browser, tmp_path):
    opened = Session(browser, write_html(network(), tmp_path / "graph.html", overview_threshold=3))
    assert opened.api("isOverview()") is True
    assert opened.api("visibleNodeCount()") == 6  # one node per class with a linked node (丹河 has none)
    opened.click_node("生态环境部门 (2)\nbureau")
    labels = opened.api("visibleLabels()")
    assert {"晋城市生态环境局", "晋城市生态环境局高平分局"} <= set(labels)
    opened.assert_offline_and_clean()
    opened.page.close()


def test_xss_labels_do_not_run(browser, tmp_path):
    opened = Session(browser, write_html(network(XSS_TTL), tmp_path / "graph.html"))
    page = opened.page
    page.fill("#search", "img")
    assert '<img src=x onerror="window.__pwned=1">' in page.inner_text("#search-results")
    page.press("#search", "Escape")
    page.check("#show-unlinked")  # the XSS river has no relation
    opened.click_node("晋城市生态环境局高平分局")  # its panel lists the XSS measure and evidence
    assert "</script><script>window.__pwned=1</script>" in opened.panel()
    for label in ('"><script>window.__pwned=1</script>', '<img src=x onerror="window.__pwned=1">'):
        pos = page.evaluate("(label) => window.envkgPage.domPosition(label)", label)
        page.mouse.move(pos["x"], pos["y"])  # tooltip
        page.wait_for_timeout(400)
        page.mouse.click(pos["x"], pos["y"])  # side panel
    assert '<img src=x onerror="window.__pwned=1">' in opened.panel()  # shown as text
    assert page.evaluate("() => window.__pwned") is None
    assert page.query_selector("#panel img, #panel script, #search-results img, div.vis-tooltip img") is None
    opened.assert_offline_and_clean()
    page.close()


def test_map_shows_places_with_coordinates(browser, tmp_path):
    """The plain fixture: 高平市 has coordinates; 法水湖 lies in it and is drawn beside it."""
    opened = Session(browser, write_html(network(), tmp_path / "graph.html"), fragment="#map")
    assert opened.api("view()") == "map"
    assert opened.page.is_visible("#map-svg") and opened.page.is_hidden("#show-all")
    assert opened.api("mapLabels()") == ["法水湖", "高平市"]
    assert opened.page.locator("#map-svg g.point.derived").count() == 1
    opened.click_point("高平市")
    assert opened.panel().startswith("高平市") and "35.7977, 112.9236" in opened.panel()
    opened.assert_offline_and_clean()
    opened.page.close()


@pytest.fixture()
def map_session(browser, tmp_path):
    opened = Session(browser, write_html(network(MAP_TTL), tmp_path / "graph.html"))
    opened.page.click("#view-map")
    yield opened
    opened.page.close()


def test_map_toggle_points_and_panel(map_session):
    s = map_session
    assert s.api("view()") == "map" and s.page.get_attribute("#view-map", "aria-selected") == "true"
    assert s.api("mapPointCount()") == 5
    assert s.api("mapLabels()") == MAP_LABELS
    assert s.page.locator("#map-svg g.point.derived").count() == 3  # 法水湖, 米山镇, 米山公园
    assert s.page.locator("#map-svg text.label").count() == 5  # room for every label
    assert "5 个地点 places" in s.page.inner_text("#stats")
    s.click_point("晋城市")
    assert s.panel().startswith("晋城市") and "140500" in s.panel()
    s.click_point("米山公园")
    panel = s.panel()
    assert panel.startswith("米山公园")
    assert "画在 高平市 旁（位于 米山镇 → 高平市）" in panel
    s.page.click('#panel button.link:text-is("米山镇")')  # the relation link selects the township
    assert s.panel().startswith("米山镇")
    assert s.page.locator("#map-svg g.point.selected").count() == 1
    MAP_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    s.page.screenshot(path=str(MAP_SCREENSHOT))
    s.page.click("#view-network")
    assert s.api("view()") == "network" and s.page.is_hidden("#map")
    s.assert_offline_and_clean()


# The province outlines under a point, by the browser's own hit test at the point's centre.
PROVINCE_AT_JS = """(label) => {
  const p = window.envkgPage.mapPosition(label);
  return document.elementsFromPoint(p.x, p.y).filter((e) => e.matches('path.province')).map((e) => e.dataset.code);
}"""


def test_map_draws_the_province_outlines_under_the_points(map_session):
    s = map_session
    codes = s.api("mapProvinces()")
    assert "140000" in codes and len(codes) < 34  # Shanxi and its neighbours in view, not all of China
    assert s.page.evaluate("(l) => window.envkgPage.mapPosition(l) !== null", "高平市")
    assert s.page.evaluate(PROVINCE_AT_JS, "高平市") == ["140000"]
    assert s.page.evaluate(PROVINCE_AT_JS, "晋城市") == ["140000"]
    assert s.page.text_content('#map-svg path.province[data-code="140000"] title') == "山西"
    # under the graticule, the relations and the points
    order = s.page.evaluate("() => Array.from(document.querySelector('#map-svg').children).map((g) => g.getAttribute('class'))")
    assert order == ["land", "graticule", "links", "points", "labels"]
    for _ in range(4):
        s.page.click("#map-zoom-out")
    s.page.wait_for_timeout(150)
    assert len(s.api("mapProvinces()")) > len(codes)  # zoomed out: more provinces in view
    assert s.page.evaluate(PROVINCE_AT_JS, "高平市") == ["140000"]
    s.assert_offline_and_clean()


def test_export_the_map_view(map_session):
    s = map_session
    rows = read_csv_text(s.api("exportCsv()"))
    labels = {r["label"] for r in rows if r["kind"] == "node"}
    assert set(MAP_LABELS) <= labels and "晋城市生态环境局高平分局" in labels  # no position, but in the view
    with s.page.expect_download() as info:
        s.page.click("#export-png")
    assert info.value.suggested_filename == "envkg-map.png"
    data = Path(info.value.path()).read_bytes()
    box = s.page.locator("#map-svg").bounding_box()
    assert png_size(data) == (round(box["width"]), round(box["height"]))
    url = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
    point = s.page.evaluate("() => window.envkgPage.mapPosition('晋城市')")
    # the prefecture's point in its class colour; beside it, Shanxi in the outline's fill (the styles came along)
    spot, land = s.page.evaluate(PIXEL_JS, [url, "#map-svg", [[point["x"], point["y"]], [point["x"] + 40, point["y"] + 40]]])
    colour = s.page.evaluate("() => getComputedStyle(document.querySelector('#map-svg path.province')).fill")
    assert colour == "rgb(241, 239, 232)" and land == [241, 239, 232]
    prefecture = load_style()[0]["Prefecture"]["color"]
    assert max(abs(a - int(prefecture[i:i + 2], 16)) for a, i in zip(spot, (1, 3, 5))) <= 3, (spot, prefecture)
    s.assert_offline_and_clean()


def test_map_respects_filters_document_search_and_focus(map_session):
    s = map_session
    s.page.uncheck('#class-filters input[data-name="Lake"]')
    assert "法水湖" not in s.api("mapLabels()") and s.api("mapPointCount()") == 4
    s.page.check('#class-filters input[data-name="Lake"]')
    s.page.select_option("#doc-select", label="\u3000小天鹅北归法水湖")
    assert s.api("mapLabels()") == ["法水湖"]
    s.page.select_option("#doc-select", label="全部文档 All documents")
    assert s.api("mapPointCount()") == 5
    s.page.fill("#search", "高平")  # 高平市 matches; the others fade
    assert s.page.locator("#map-svg g.point.dimmed").count() == 4
    assert s.page.locator("#map-svg g.point:not(.dimmed)").get_attribute("aria-label") == "高平市"
    s.page.press("#search", "Enter")  # selects 高平市
    assert s.panel().startswith("高平市")
    s.page.fill("#search", "")
    assert s.page.locator("#map-svg g.point.dimmed").count() == 0
    s.click_point("高平市", count=2)  # double-click: 1-hop neighbourhood (the bureau has no position)
    assert s.api("mapLabels()") == sorted(["高平市", "晋城市", "法水湖", "米山镇"])
    s.page.click("#reset")
    assert s.api("mapPointCount()") == 5 and s.api("view()") == "map"
    s.page.fill("#search", "高平分局")
    s.page.press("#search", "Enter")
    assert "不在地图上" in s.panel()
    s.assert_offline_and_clean()


def test_map_pan_zoom_and_keyboard(map_session):
    s = map_session
    before = s.page.evaluate("() => window.envkgPage.mapPosition('晋城市')")
    s.page.click("#map-zoom-out")
    s.page.wait_for_timeout(100)
    box = s.page.locator("#map-svg").bounding_box()
    s.page.mouse.move(box["x"] + 40, box["y"] + 40)
    s.page.mouse.down()
    s.page.mouse.move(box["x"] + 90, box["y"] + 60, steps=4)
    s.page.mouse.up()
    s.page.wait_for_timeout(100)
    after = s.page.evaluate("() => window.envkgPage.mapPosition('晋城市')")
    assert after != before
    assert s.panel().startswith("点击节点")  # a drag is no click
    s.click_point("晋城市")
    assert s.panel().startswith("晋城市")
    s.page.click("#map-fit")
    s.page.focus('#map-svg g.point[aria-label="米山镇"]')  # keyboard: Tab to a point, Enter opens it
    s.page.keyboard.press("Enter")
    assert s.panel().startswith("米山镇")
    assert s.page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "米山镇"
    s.assert_offline_and_clean()


def test_map_labels_are_text(browser, tmp_path):
    extra = XSS_TTL + """
    <https://w3id.org/envkg/id/landmark/xss3> a envkg:Landmark ;
        skos:prefLabel "<img src=x onerror=\\"window.__pwned=1\\">"@zh ;
        envkg:locatedIn <https://w3id.org/envkg/id/division/140581> .
    """
    opened = Session(browser, write_html(network(extra), tmp_path / "graph.html"), fragment="#map")
    assert '<img src=x onerror="window.__pwned=1">' in opened.api("mapLabels()")
    opened.click_point('<img src=x onerror="window.__pwned=1">')
    assert opened.panel().startswith('<img src=x onerror="window.__pwned=1">')
    assert opened.page.query_selector("#map img, #panel img") is None
    assert opened.page.evaluate("() => window.__pwned") is None
    opened.assert_offline_and_clean()
    opened.page.close()


SHARED = "高平分局推行网格化监管、错峰生产和夜间巡查三项措施。"  # one sentence, three implementedBy facts
BUREAU = "https://w3id.org/envkg/id/bureau/晋城市生态环境局高平分局"


def panel_ttl(extra_measures: int = 0) -> str:
    """Three measures implemented by the bureau, read from one sentence, and more from their own."""
    ttl = [f'<{BUREAU}> skos:altLabel "GP分局"@zh .']
    measures = [(f"m{i}", name, SHARED) for i, name in enumerate(("网格化监管", "错峰生产", "夜间巡查"))]
    measures += [(f"x{i:02d}", f"专项措施{i:02d}", f"专项措施{i:02d}由ＧＰ分局落实。") for i in range(extra_measures)]
    for key, name, sentence in measures:
        ttl.append(f"""
<https://w3id.org/envkg/id/measure/{key}> a envkg:Measure ; skos:prefLabel "{name}"@zh ;
    envkg:implementedBy <{BUREAU}> ; envkg:mentionedIn <{ARTICLE_1}> .
<https://w3id.org/envkg/id/statement/{key}> a rdf:Statement ;
    rdf:subject <https://w3id.org/envkg/id/measure/{key}> ; rdf:predicate envkg:implementedBy ; rdf:object <{BUREAU}> ;
    prov:wasDerivedFrom <{ARTICLE_1}> ; envkg:evidence "{sentence}"@zh .""")
    return "".join(ttl)


GROUPS_JS = """() => Array.from(document.querySelectorAll('#panel section.rel-group')).map((s) => ({
  head: s.querySelector('h4').textContent, rel: s.dataset.rel, dir: s.dataset.dir,
  items: Array.from(s.querySelectorAll('ul.facts > li')).map((li) => ({
    others: Array.from(li.querySelectorAll('.others button.link')).map((b) => b.textContent),
    evidence: li.querySelector('blockquote') ? li.querySelector('blockquote').textContent : null,
    marks: Array.from(li.querySelectorAll('blockquote mark')).map((m) => m.textContent),
    source: li.querySelector('.source').textContent })) }))"""


def test_entity_panel_groups_relations_merges_evidence_and_marks_the_entity(browser, tmp_path):
    opened = Session(browser, write_html(network(panel_ttl(13)), tmp_path / "graph.html"))
    page = opened.page
    opened.api("select('晋城市生态环境局高平分局')")
    groups = page.evaluate(GROUPS_JS)
    # a heading per relation and direction, with its count, in the legend's order
    legend = page.evaluate("() => Array.from(document.querySelectorAll('#relation-filters input')).map((b) => b.dataset.name)")
    assert [g["head"] for g in groups] == ["← 实施主体 implementedBy (17)", "→ 管辖 jurisdiction (1)", "→ 隶属 subOrganizationOf (1)"]
    assert [g["rel"] for g in groups] == sorted((g["rel"] for g in groups), key=legend.index)
    assert "关系 Relations (19)" in opened.panel()
    measures = groups[0]["items"]
    # the shared sentence once, first (it supports most facts), with its three measures and ×3
    shared = [it for it in measures if it["evidence"] == SHARED]
    assert len(shared) == 1 and measures[0] == shared[0]
    assert shared[0]["others"] == sorted(["网格化监管", "错峰生产", "夜间巡查"])
    assert shared[0]["source"].startswith("×3 文本 text · 000_test.txt · 一泓清水入黄河")
    assert page.locator("#panel blockquote.evidence", has_text="夜间巡查三项").count() == 1
    # the entity marked in each sentence: its label, else an alias (also one written in full-width letters)
    assert shared[0]["marks"] == ["高平分局"]
    assert measures[1]["others"] == ["专项措施00"] and measures[1]["marks"] == ["ＧＰ分局"]
    assert not measures[1]["source"].startswith("×")
    # 12 sentences shown of the 15, then all of them
    assert len(measures) == 12 and page.locator("#panel button.more").count() == 1
    page.click("#panel button.more:text-is('显示全部 15 条 Show all 15')")
    measures = page.evaluate(GROUPS_JS)[0]["items"]
    assert len(measures) == 15 and page.locator("#panel button.more").count() == 0
    own = measures[-1]
    assert own["others"] == ["首违不罚+警示教育"] and own["marks"] == ["晋城市生态环境局高平分局"]
    # a gazetteer fact: no sentence, its source named; the link moves to the other entity
    opened.api("select('高平市')")
    part = next(g for g in page.evaluate(GROUPS_JS) if g["rel"] == "partOf")
    assert part["head"] == "→ 隶属区划 partOf (1)" and part["items"][0]["evidence"] is None
    assert part["items"][0]["source"].startswith("地名录 gazetteer")
    assert page.locator("#panel mark").count() >= 1  # the observation's sentence marks 高平市
    assert page.evaluate("() => document.querySelector('#panel table.obs mark').textContent") == "高平市"
    page.click("#panel section.rel-group[data-rel=partOf] .others button.link")
    assert opened.panel().startswith("晋城市")
    opened.assert_offline_and_clean()
    page.close()


def dated_network(n: int = 1200, docs: int = 40):
    """A synthetic graph whose articles have a date (2023 or 2024) and an outlet (one of three)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from page_render import synthetic_network

    G = synthetic_network(n, seed=5, docs=docs)
    for key, d in G.graph["documents"].items():
        i = int(key.split(":")[1])
        d.update(date=f"{2023 + i % 2}-{1 + i % 9:02d}-{10 + i % 10}", outlet=("晋城日报", "山西日报", "央视网")[i % 3])
    return layout(add_metrics(G))


# The drawn nodes: position now, position in the whole graph's layout, and whether on screen.
POSITIONS_JS = """() => { const net = window.envkgPage.network, data = JSON.parse(document.getElementById('envkg-data').textContent);
  const ids = net.body.data.nodes.getIds().sort(), pos = net.getPositions(ids), box = document.getElementById('graph').getBoundingClientRect();
  return ids.map((id) => { const k = Number(id.slice(1)), p = net.canvasToDOM(pos[id]);
    return { id: id, x: pos[id].x, y: pos[id].y, x0: data.nodes[k].x, y0: data.nodes[k].y,
             inside: p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height }; }); }"""


@pytest.fixture(scope="module")
def dated_page(tmp_path_factory):
    return write_html(dated_network(), tmp_path_factory.mktemp("dated") / "graph.html")


def test_document_view_gets_a_layout_of_its_own(browser, dated_page):
    opened = Session(browser, dated_page)
    page = opened.page
    assert opened.api("isOverview()") is False
    page.select_option("#doc-select", label="第36篇报道 · 2023-01-16 · 晋城日报")
    page.wait_for_timeout(200)
    drawn = page.evaluate(POSITIONS_JS)
    assert 30 <= len(drawn) == opened.api("visibleNodeCount()") < 100
    assert all(p["inside"] for p in drawn)
    # not the whole graph's places: the same nodes there would fit at a sixth of the scale or less
    graph = page.locator("#graph").bounding_box()
    spread = max(max(p[k] for p in drawn) - min(p[k] for p in drawn) for k in ("x0", "y0"))
    scale = page.evaluate("() => window.envkgPage.network.getScale()")
    assert all(abs(p["x"] - p["x0"]) + abs(p["y"] - p["y0"]) > 1 for p in drawn)
    assert scale > 4 * min(graph["width"], graph["height"]) / spread and scale > 0.3
    # readable: nearly every node labelled, at 10 px or more on screen, no two labels overlapping
    labels = page.evaluate(LABELS_JS)
    assert len(labels) >= 0.9 * len(drawn) and min(label["px"] for label in labels) >= 10
    assert overlapping(labels) == []
    # back to the whole graph and its places; the document again: the same layout (deterministic)
    page.select_option("#doc-select", label="全部文档 All documents")
    assert all(abs(p["x"] - p["x0"]) < 1 and abs(p["y"] - p["y0"]) < 1 for p in page.evaluate(POSITIONS_JS))  # getPositions truncates
    page.select_option("#doc-select", label="第36篇报道 · 2023-01-16 · 晋城日报")
    assert page.evaluate(POSITIONS_JS) == drawn
    opened.assert_offline_and_clean()
    page.close()


VISIBLE_OPTIONS_JS = """() => Array.from(document.querySelectorAll('#doc-select option'))
  .filter((o) => o.value && !o.hidden && !(o.parentElement.tagName === 'OPTGROUP' && o.parentElement.hidden)).map((o) => o.textContent)"""


def test_document_selector_titles_groups_and_filter(browser, dated_page, session):
    # a few documents: one flat list, no filter box; a file of two articles lists them under it
    assert session.page.is_hidden("#doc-filter") and session.page.locator("#doc-select optgroup").count() == 0
    assert session.page.evaluate(VISIBLE_OPTIONS_JS)[:3] == ["000_test.txt（2 篇 articles）", "\u3000一泓清水入黄河", "\u3000小天鹅北归法水湖"]
    opened = Session(browser, dated_page)
    page = opened.page
    groups = page.evaluate("() => Array.from(document.querySelectorAll('#doc-select optgroup')).map((g) => g.label)")
    assert groups == ["2024 年（20）", "2023 年（20）"]  # newest first
    options = page.evaluate(VISIBLE_OPTIONS_JS)
    assert len(options) == 40 and "第7篇报道 · 2024-08-17 · 山西日报" in options
    assert not [o for o in options if "synthetic.txt" in o]  # titles, not file names
    assert page.evaluate("""() => document.querySelector('#doc-select optgroup').querySelector('option').textContent""").startswith("第1篇报道")
    page.fill("#doc-filter", "第7篇")
    assert page.evaluate(VISIBLE_OPTIONS_JS) == ["第7篇报道 · 2024-08-17 · 山西日报"]
    assert page.inner_text("#doc-filter-status") == "1 / 40"
    assert page.evaluate("() => Array.from(document.querySelectorAll('#doc-select optgroup')).map((g) => g.hidden)") == [False, True]
    page.press("#doc-filter", "Enter")  # opens the first match
    assert opened.panel().startswith("第7篇报道") and "山西日报" in opened.panel()
    assert page.input_value("#doc-select") != ""
    page.fill("#doc-filter", "央视网")  # outlets (and dates, files, bylines) match too
    assert page.inner_text("#doc-filter-status") == "13 / 40" and all(o.endswith("央视网") for o in page.evaluate(VISIBLE_OPTIONS_JS))
    page.fill("#doc-filter", "")
    assert len(page.evaluate(VISIBLE_OPTIONS_JS)) == 40 and page.inner_text("#doc-filter-status") == ""
    opened.assert_offline_and_clean()
    page.close()


def hub_network():
    """3,000 synthetic nodes (the page opens on the overview) and a bureau that 160 of them are about."""
    sys.path.insert(0, str(ROOT / "bench"))
    import random

    from page_render import synthetic_network

    G = synthetic_network(3000, seed=7)
    nodes = sorted(G)
    for other in random.Random(1).sample(nodes[1:], 160):
        fact = {"evidence": "某句。", "document": "doc:1", "source": "text"}
        G.add_edge(other, nodes[0], key="about", relation="about", support=[fact], **fact)
    return layout(add_metrics(G)), nodes[0]


@pytest.fixture(scope="module")
def hub_page(tmp_path_factory):
    G, hub = hub_network()
    nodes = sorted(G)
    one = sorted({G.nodes[x]["label"] for x in set(G.successors(hub)) | set(G.predecessors(hub))})
    return {"path": write_html(G, tmp_path_factory.mktemp("hub") / "graph.html"), "label": G.nodes[hub]["label"],
            "id": f"n{nodes.index(hub)}", "neighbours": one, "edges": G.degree(hub),
            "small": next(G.nodes[x]["label"] for x in nodes if 2 <= G.degree(x) <= 4
                          and all(G.degree(y) <= 8 for y in set(G.successors(x)) | set(G.predecessors(x))))}


# Drawn edges: id, ends, on-screen width and whether vis-network draws its label now.
EDGES_JS = """() => { const net = window.envkgPage.network, s = net.getScale();
  return net.body.data.edges.getIds().map((id) => { const e = net.body.edges[id];
    return { id: id, from: e.fromId, to: e.toId, px: e.options.width * s,
             label: !!e.options.label && e.options.font.size * s >= e.options.scaling.label.drawThreshold }; }); }"""
CLASS_NODES_JS = """() => { const net = window.envkgPage.network, s = net.getScale();
  return net.body.data.nodes.getIds().filter((id) => id.startsWith('c:')).map((id) => ({ size: net.body.nodes[id].options.size * s,
    font: net.body.nodes[id].options.font.size * s })); }"""


def test_overview_selection_pulls_out_the_real_neighbours(browser, hub_page):
    opened = Session(browser, hub_page["path"])
    page = opened.page
    assert opened.api("isOverview()") is True and opened.api("visibleNodeCount()") < 30
    opened.api(f"select({hub_page['label']!r})")
    assert opened.api("isOverview()") is True  # still the overview: the other nodes stay in their classes
    labels = set(opened.api("visibleLabels()"))
    assert set(hub_page["neighbours"]) <= labels and hub_page["label"] in labels
    edges = page.evaluate(EDGES_JS)
    real = [e for e in edges if e["id"].startswith("e") and hub_page["id"] in (e["from"], e["to"])]
    assert len(real) == hub_page["edges"]  # each of its relations drawn, to the neighbour itself
    summary = [e for e in edges if e["id"].startswith("a:")]
    assert summary and all(e["from"].startswith("c:") and e["to"].startswith("c:") for e in summary)
    # the neighbours are in view around it, their labels apart; it is not inside a class summary
    drawn = [p for p in page.evaluate(POSITIONS_JS.replace("getIds().sort()", "getIds().filter((i) => i[0] === 'n').sort()"))]
    assert len(drawn) == len(hub_page["neighbours"]) + 1 and all(p["inside"] for p in drawn)
    shown = page.evaluate(LABELS_JS)
    assert len(shown) >= 40 and overlapping(shown) == []
    # summary edges and class nodes keep their size on screen, here and zoomed in (wheel) over three times
    for step in range(2):
        assert max(e["px"] for e in page.evaluate(EDGES_JS) if e["id"].startswith("a:")) <= 6.5, step
        assert all(c["size"] <= 24.5 and c["font"] <= 15.5 for c in page.evaluate(CLASS_NODES_JS)), step
        graph = page.locator("#graph").bounding_box()
        page.mouse.move(graph["x"] + graph["width"] / 2, graph["y"] + graph["height"] / 2)
        before = page.evaluate("() => window.envkgPage.network.getScale()")
        for _ in range(12):
            page.mouse.wheel(0, -300)
            page.wait_for_timeout(30)
        page.wait_for_timeout(300)  # the labels and sizes follow the zoom (60 ms debounce)
        assert page.evaluate("() => window.envkgPage.network.getScale()") > 3 * before
    # another node of the overview: its own neighbours, the hub's go back into their classes
    opened.api("reset()")
    assert opened.api("visibleNodeCount()") < 30
    opened.assert_offline_and_clean()
    page.close()


def test_two_hop_focus_on_a_hub_thins_the_labels(browser, hub_page):
    opened = Session(browser, hub_page["path"])
    page = opened.page
    opened.api(f"focus({hub_page['label']!r}, 2)")
    page.wait_for_timeout(150)
    assert opened.api("visibleNodeCount()") > 400
    box = page.locator("#graph").bounding_box()
    labels = page.evaluate(LABELS_JS)
    assert 20 <= len(labels) <= box["width"] * box["height"] / 7000 and overlapping(labels) == []
    first = {hub_page["id"]} | {i for i in (page.evaluate(
        "(l) => window.envkgPage.network.body.data.nodes.get({ filter: (n) => l.includes(n.title.split('\\n')[0]) }).map((n) => n.id)",
        hub_page["neighbours"]))}
    assert hub_page["id"] in {label["id"] for label in labels}
    assert sum(label["id"] in first for label in labels) >= 0.8 * len(labels)  # the hub and its neighbours first
    # 700+ relations drawn: no relation label but the focus's, and the hub's 169 would pile up: none
    assert [e for e in page.evaluate(EDGES_JS) if e["label"]] == []
    opened.api(f"focus({hub_page['small']!r}, 1)")  # a small neighbourhood keeps its relation labels
    edges = page.evaluate(EDGES_JS)
    assert 2 <= len(edges) < 40 and all(e["label"] for e in edges)
    opened.assert_offline_and_clean()
    page.close()


# Edges drawn whole on screen, long, with a midpoint at least 14 px from every drawn node: their
# midpoints (canvas pixels), so that a pixel there is the edge's or the background's.
FREE_MIDPOINTS_JS = """() => { const net = window.envkgPage.network, box = document.getElementById('graph').getBoundingClientRect();
  const ids = net.body.data.nodes.getIds(), pos = net.getPositions(ids), dom = ids.map((id) => net.canvasToDOM(pos[id]));
  const at = {}; ids.forEach((id, i) => { at[id] = dom[i]; });
  const inside = (p) => p.x > 60 && p.y > 60 && p.x < box.width - 60 && p.y < box.height - 60;
  const out = [];
  net.body.data.edges.forEach((e) => { const a = at[e.from], b = at[e.to];
    if (!a || !b || !inside(a) || !inside(b) || Math.hypot(a.x - b.x, a.y - b.y) < 80) { return; }
    const m = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    if (dom.every((p) => Math.hypot(p.x - m.x, p.y - m.y) >= 14)) { out.push(m); } });
  return out.slice(0, 40); }"""
# Whether any of the 3x3 canvas pixels around each point is not white (drawn on).
INKED_JS = """(points) => { const c = document.querySelector('#graph canvas'), g = c.getContext('2d'), r = window.devicePixelRatio || 1;
  return points.map((p) => { const d = g.getImageData(Math.round(p.x * r) - 1, Math.round(p.y * r) - 1, 3, 3).data;
    for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 0 && (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235)) { return true; } }
    return false; }); }"""


def test_large_graph_pans_with_plain_edges_and_draws_arrowheads_only_where_visible(browser, hub_page):
    """3,000 nodes drawn whole (#full): zoomed out, no arrowheads (under 4 px) and the edges drawn by the
    page as plain lines, at rest and while dragged; zoomed in, vis-network's own edges with arrowheads."""
    opened = Session(browser, hub_page["path"], "#full")
    page = opened.page
    assert opened.api("isOverview()") is False and opened.api("visibleNodeCount()") > 2000
    scale = page.evaluate("() => window.envkgPage.network.getScale()")
    assert scale < 0.3 and opened.api("arrows()") is False
    arrows = page.evaluate("() => { const net = window.envkgPage.network; return net.body.data.edges.getIds().map((id) => "
                           "net.body.edges[id].options.arrows.to.enabled); }")
    assert arrows and not any(arrows)
    # colours given as rgba: vis-network takes them as they are (a hex colour with an opacity is parsed on every draw)
    assert page.evaluate("() => window.envkgPage.network.body.data.edges.get().every((e) => e.color.color.startsWith('rgba('))")
    # at rest and zoomed out the page draws the edges (plain lines: no arrowhead, no label at this scale)
    # and vis-network skips its edge pass; its edges are still there for clicks
    assert opened.api("batchedEdges()") is True and opened.api("stillDraws()") > 0
    points = page.evaluate(FREE_MIDPOINTS_JS)
    assert len(points) >= 20
    assert sum(page.evaluate(INKED_JS, points)) >= 0.8 * len(points)
    graph = page.locator("#graph").bounding_box()
    x, y = graph["x"] + graph["width"] / 2, graph["y"] + graph["height"] / 2
    before = opened.api("motionDraws()")
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 30, y + 20, steps=6)
    page.wait_for_timeout(80)
    moved = [{"x": p["x"] + 30, "y": p["y"] + 20} for p in points]
    assert page.evaluate("() => window.envkgPage.network.renderer.dragging") is True
    inked = page.evaluate(INKED_JS, moved)
    page.mouse.up()
    assert opened.api("motionDraws()") > before
    assert sum(inked) >= 0.8 * len(points), f"{sum(inked)} of {len(points)} edge midpoints drawn while dragging"
    # zoomed in (a node selected: scale 0.8 or more) the arrowheads come back
    opened.api(f"select({hub_page['label']!r})")
    page.wait_for_timeout(100)
    assert opened.api("arrows()") is True and opened.api("batchedEdges()") is False
    assert page.evaluate("() => { const net = window.envkgPage.network; return net.body.data.edges.getIds().every((id) => "
                         "net.body.edges[id].options.arrows.to.enabled); }")
    opened.assert_offline_and_clean()
    page.close()


def test_kg_serve_live_page_explores_a_graph_through_the_endpoint(browser, tmp_path):
    """Above the whole-graph limit there is no graph.html: a real ``kg serve`` process serves the
    page one neighbourhood at a time; its search asks /sparql; every other request is refused."""
    import os
    import re
    import subprocess

    mini = ROOT / "tests" / "fixtures" / "mini.ttl"
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", str(mini), "--port", "0", "--page", str(tmp_path / "missing.html")],
        stderr=subprocess.PIPE, text=True, encoding="utf-8", env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=tmp_path)
    page = None
    try:
        line = process.stderr.readline()
        found = re.search(r"(http://[\d.:]+)/sparql", line)
        assert found, line
        base = found[1]
        requests, blocked, errors = [], [], []
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))

        def route(r):
            requests.append((r.request.method, r.request.url))
            if r.request.url.startswith(base + "/"):
                r.continue_()
            else:
                blocked.append(r.request.url)
                r.abort()
        page.route("**/*", route)
        ready = "() => window.envkgPage && window.envkgPage.ready()"
        page.goto(base + "/")
        page.wait_for_function(ready, timeout=30_000)
        # it opens on the entity with the most relations, 高平市, and its 10 neighbours
        assert "服务器模式 Live" in page.inner_text("#banner") and "高平市" in page.inner_text("#banner")
        assert page.evaluate("() => window.envkgPage.visibleNodeCount()") == 11
        assert "黄河" not in page.evaluate("() => window.envkgPage.visibleLabels()")
        # 黄河 is not on this page: the endpoint finds it
        page.click("#search")
        page.keyboard.type("黄河")
        page.wait_for_selector("#search-results li:has-text('端点 endpoint')", timeout=10_000)
        options = page.locator("#search-results li").all_inner_texts()
        assert options[0].startswith("黄河") and "一泓清水入黄河生态保护工程" in " ".join(options)
        assert any(m == "POST" and u == base + "/sparql" for m, u in requests)
        page.locator("#search-results li", has_text="黄河").first.click()
        page.wait_for_url(lambda url: "?entity=" in url and "%E9%BB%84%E6%B2%B3" in url, timeout=10_000)  # 黄河
        page.wait_for_function(ready, timeout=30_000)
        page.wait_for_function("() => document.querySelector('#panel h2') && document.querySelector('#panel h2').textContent === '黄河'")
        assert sorted(page.evaluate("() => window.envkgPage.visibleLabels()")) == sorted(["黄河", "汾河", "一泓清水入黄河生态保护工程"])
        # opened on its whole neighbourhood (fitted: the view centred on the nodes' box), not centred on 黄河
        assert all(p["inside"] for p in page.evaluate(POSITIONS_JS))
        view = page.evaluate("""() => { const net = window.envkgPage.network, ids = net.body.data.nodes.getIds(), pos = net.getPositions(ids);
          const xs = ids.map((i) => pos[i].x), ys = ids.map((i) => pos[i].y), c = net.getViewPosition(), k = ids.find((i) => net.body.nodes[i].options.label === '黄河');
          return { box: [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2], view: [c.x, c.y], centre: [pos[k].x, pos[k].y] }; }""")
        l1 = lambda a, b: abs(a[0] - b[0]) + abs(a[1] - b[1])
        assert l1(view["view"], view["box"]) < 30 < l1(view["view"], view["centre"]), view
        panel = page.inner_text("#panel")
        assert "汇入 flowsInto" in panel and "一泓清水入黄河" in panel and "载入 2 跳邻域" in panel
        # a neighbour's panel loads its own neighbourhood: 汾河 and the river it flows into
        page.locator("#panel button.link", has_text="汾河").first.click()
        page.locator("#panel button", has_text="载入其邻域").click()
        page.wait_for_url(lambda url: "?entity=" in url and "%E6%B1%BE%E6%B2%B3" in url, timeout=10_000)  # 汾河
        page.wait_for_function(ready, timeout=30_000)
        assert page.evaluate("() => window.envkgPage.visibleLabels()") == ["汾河", "黄河"]
        assert "汾河 的 1 跳邻域" in page.inner_text("#banner")
        assert blocked == [] and errors == []
        assert all(u.startswith(base + "/") for _, u in requests)
    finally:
        if page is not None:
            page.close()
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()


@pytest.fixture(scope="module")
def star_page(tmp_path_factory):
    """A 300-node graph with one node that 24 others are about, and one that 5 are about (the cut is 10)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from page_render import synthetic_network

    G = synthetic_network(300, seed=3)
    nodes = sorted(G)
    isolated = [x for x in nodes if G.degree(x) == 0]
    fact = {"evidence": "某句。", "document": "doc:1", "source": "text"}
    for other in isolated[2:26]:
        G.add_edge(other, isolated[0], key="about", relation="about", support=[fact], **fact)
    for other in isolated[26:31]:
        G.add_edge(other, isolated[1], key="about", relation="about", support=[fact], **fact)
    G = layout(add_metrics(G))
    return {"path": write_html(G, tmp_path_factory.mktemp("star") / "graph.html"),
            "hub": G.nodes[isolated[0]]["label"], "small": G.nodes[isolated[1]]["label"]}


def test_a_ring_of_many_relations_shows_no_relation_labels(browser, star_page):
    # 24 labels around one node sit on top of each other (docs/screenshots/graph-5000-panel.png): none;
    # 5 keep theirs
    opened = Session(browser, star_page["path"])
    page = opened.page
    opened.api(f"focus({star_page['hub']!r}, 1)")
    page.wait_for_timeout(150)
    edges = page.evaluate(EDGES_JS)
    assert len(edges) >= 24 and not any(e["label"] for e in edges)
    opened.api(f"focus({star_page['small']!r}, 1)")
    page.wait_for_timeout(150)
    edges = page.evaluate(EDGES_JS)
    assert len(edges) == 5 and all(e["label"] for e in edges)
    opened.assert_offline_and_clean()
    page.close()
