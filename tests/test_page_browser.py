"""The graph page in headless Chromium, opened from file:// with no network (issue 6).

Every request that is not a file:// URL is aborted and recorded; the page must
attempt none, log no console error, and behave: search, class and document
filters, node panel with evidence, focus, overview, and no script injection.
Each run saves a screenshot to out/page.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_network import ENTITY_COUNT, EVIDENCE, fixture_graph
from test_page import XSS_TTL, network

from kg.page import write_html

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOT = Path(__file__).resolve().parent.parent / "out" / "page.png"

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

    def __init__(self, browser, path: Path) -> None:
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)
        self.url = path.as_uri()
        self.page.goto(self.url)
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


def test_loads_offline_with_all_nodes(session):
    assert session.api("nodeCount()") == ENTITY_COUNT
    assert session.api("visibleNodeCount()") == ENTITY_COUNT
    assert session.api("isOverview()") is False
    assert "河流 river" in session.page.inner_text("#class-filters")
    session.assert_offline_and_clean()


def test_search_finds_alias(session):
    session.page.fill("#search", "高平分局")
    results = session.page.inner_text("#search-results")
    assert "晋城市生态环境局高平分局" in results
    session.page.click("#search-results button")
    assert "晋城市生态环境局高平分局" in session.panel()
    session.assert_offline_and_clean()


def test_class_filter_hides_rivers(session):
    assert "丹河" in session.api("visibleLabels()")
    session.page.uncheck('#class-filters input[data-name="River"]')
    assert "丹河" not in session.api("visibleLabels()")
    assert session.api("visibleNodeCount()") == ENTITY_COUNT - 1
    session.page.check('#class-filters input[data-name="River"]')
    assert "丹河" in session.api("visibleLabels()")


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
    assert session.api("visibleNodeCount()") == ENTITY_COUNT


def test_document_selector(session):
    session.page.select_option("#doc-select", label="\u3000000_test.txt · 小天鹅北归法水湖")
    assert session.api("visibleLabels()") == ["小天鹅", "法水湖"]
    session.page.select_option("#doc-select", label="全部文档 All documents")
    assert session.api("visibleNodeCount()") == ENTITY_COUNT


def test_overview_groups_by_class_and_expands(browser, tmp_path):
    opened = Session(browser, write_html(network(), tmp_path / "graph.html", overview_threshold=3))
    assert opened.api("isOverview()") is True
    assert opened.api("visibleNodeCount()") == 7  # one node per class
    opened.click_node("生态环境部门 bureau (2)")
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
