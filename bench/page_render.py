"""Measure the graph page: layout cost and first render in headless Chromium.

Synthetic networks shaped like envkg output (division trees, bureaus under
bureaus, measures implemented by bureaus, many small components, a few hubs)
are generated with the same attributes as ``kg.network.graph_to_network``.

Usage (numbers go into docs/page.md)::

    .venv/bin/python bench/page_render.py layouts --sizes 500,2000,5000
    .venv/bin/python bench/page_render.py render --sizes 500,1500,2000,5000
    .venv/bin/kg serve big/graph.nt --page none.html &   # the live page (above the whole-graph limit)
    .venv/bin/python bench/page_render.py live --base http://127.0.0.1:7878 --search 黄河,生态环境局
    .venv/bin/python bench/page_render.py pan --pages /tmp/before/g5000.html,/tmp/after/g5000.html --runs 3
    .venv/bin/kg build data/raw --out /tmp/seed-out
    .venv/bin/python bench/page_render.py screenshots --seed /tmp/seed-out/graph.html --out docs/screenshots

``layouts`` also times networkx's own layouts for comparison; those that need
scipy (kamada_kawai, spring above 500 nodes, spectral above 500) are skipped
when scipy is missing. ``render`` and ``screenshots`` need /usr/bin/chromium and
playwright; ``screenshots`` writes the PNGs docs/page.md shows.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.network import add_metrics, layout  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# Milliseconds of one full redraw at the fitted (whole graph) zoom, median of 5.
REDRAW_JS = """() => {
  const network = window.envkgPage.network, times = [];
  for (let i = 0; i < 5; i++) { const t = performance.now(); network.redraw(); times.push(performance.now() - t); }
  return times.sort((a, b) => a - b)[2];
}"""
# Milliseconds to apply one view change and redraw: expand the largest class (overview)
# or search-and-select a node (full view).
CHANGE_JS = """() => {
  const api = window.envkgPage, t = performance.now();
  if (api.isOverview()) { api.expandClass(document.querySelector('#class-filters input').dataset.name); }
  else { api.select(api.search('1')[0]); }
  api.network.redraw();
  return performance.now() - t;
}"""
# Milliseconds to switch to the map view and draw it (SVG, synchronous).
MAP_JS = """() => {
  const api = window.envkgPage, t = performance.now();
  api.setView('map');
  const ms = performance.now() - t, points = api.mapPointCount();
  api.setView('network');
  return [ms, points];
}"""
# Pan and zoom, one camera step per animation frame, in three ways: "steps" moves the camera from
# script (network.moveTo: vis-network draws the edges proper, as for the keyboard cursor); "drag"
# and "wheel" dispatch pointer and wheel events on the canvas, as a mouse does (vis-network's own
# handlers run, with hideEdgesOnDrag/hideEdgesOnZoom on large graphs). Per frame: the interval
# between animation frames (what the viewer sees; it includes rasterising) and the time in
# vis-network's draw call.
PAN_JS = """async (how) => {
  const api = window.envkgPage, net = api.network, r = net.renderer, orig = r._redraw, draws = [], stamps = [];
  r._redraw = function () { const t = performance.now(); const out = orig.apply(r, arguments); draws.push(performance.now() - t); return out; };
  const canvas = document.querySelector('#graph canvas'), box = canvas.getBoundingClientRect();
  const cx = box.left + box.width / 2, cy = box.top + box.height / 2, c = net.getViewPosition(), s0 = net.getScale();
  const ptr = (type, x, y, buttons) => new PointerEvent(type, { bubbles: true, cancelable: true, composed: true, clientX: x, clientY: y,
    pointerId: 1, pointerType: 'mouse', isPrimary: true, button: 0, buttons: buttons });
  const motion0 = api.motionDraws ? api.motionDraws() : 0;
  if (how === 'drag') { canvas.dispatchEvent(ptr('pointerdown', cx, cy, 1)); }
  const step = (i) => {
    if (how === 'steps') {
      const pan = i < 40, k = pan ? i : i - 40;
      net.moveTo({ position: { x: c.x + (pan ? k * 8 / s0 : 0), y: c.y }, scale: pan ? s0 : s0 * Math.pow(1.03, k), animation: false });
    } else if (how === 'drag') {
      canvas.dispatchEvent(ptr('pointermove', cx + 6 * (i + 1), cy + 2 * (i + 1), 1));
    } else {
      canvas.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, clientX: cx, clientY: cy, deltaY: i < 40 ? -20 : 20, deltaMode: 0 }));
    }
  };
  await new Promise((done) => { let i = 0; const f = (ts) => { stamps.push(ts); if (i >= 80) { done(); return; } step(i++); requestAnimationFrame(f); }; requestAnimationFrame(f); });
  if (how === 'drag') { canvas.dispatchEvent(ptr('pointerup', cx + 480, cy + 160, 0)); }
  r._redraw = orig;
  net.moveTo({ position: c, scale: s0, animation: false });
  await new Promise((done) => setTimeout(done, 400));
  return { frames: stamps.slice(2).map((t, i) => t - stamps[i + 1]), draws: draws, motion: (api.motionDraws ? api.motionDraws() : 0) - motion0 };
}"""
#: Classes that carry coordinates in synthetic networks (the gazetteer's divisions), and their
#: bounding box (Shanxi, degrees).
LOCATED = ("Province", "Prefecture", "County")
BOX = ((34.6, 40.7), (110.2, 114.6))
# (class, share of nodes)
CLASSES = [("Village", 0.12), ("Township", 0.08), ("County", 0.06), ("Prefecture", 0.02), ("Province", 0.01),
           ("Bureau", 0.08), ("GovernmentBody", 0.1), ("Organization", 0.06), ("River", 0.04), ("Lake", 0.02),
           ("Reservoir", 0.02), ("MonitoringSection", 0.02), ("Landmark", 0.04), ("Project", 0.06),
           ("Measure", 0.09), ("Regulation", 0.03), ("Event", 0.06), ("Person", 0.05), ("Species", 0.04)]
# relation: (from classes, to classes)
RULES = {
    "partOf": (["Village", "Township", "County", "Prefecture"], ["Township", "County", "Prefecture", "Province"]),
    "subOrganizationOf": (["Bureau", "GovernmentBody"], ["Bureau", "GovernmentBody"]),
    "jurisdiction": (["Bureau", "GovernmentBody"], ["County", "Prefecture", "Township"]),
    "locatedIn": (["Landmark", "Project", "Event", "Lake", "Reservoir", "MonitoringSection"], ["County", "Township"]),
    "flowsInto": (["River", "Lake", "Reservoir"], ["River"]),
    "implementedBy": (["Measure", "Project"], ["Bureau", "GovernmentBody", "Organization"]),
    "targets": (["Measure", "Project"], ["River", "Lake", "County", "Landmark"]),
    "headOf": (["Person"], ["Bureau", "GovernmentBody"]),
    "organizedBy": (["Event"], ["Bureau", "GovernmentBody"]),
    "about": (["Event", "Measure"], ["Regulation"]),
    "observedAt": (["Species"], ["Lake", "Wetland", "Landmark", "River"]),
}


def synthetic_network(n: int, seed: int = 0, docs: int = 0) -> nx.MultiDiGraph:
    """A random envkg-like network of ``n`` nodes (about 1.3 edges per node).

    Args:
        n: Number of entity nodes.
        seed: Random seed.
        docs: Number of articles to spread mentions over (default n // 8).
    """
    rng = random.Random(seed)
    places = random.Random(seed + 1)  # coordinates draw from their own stream: same structure as before
    docs = docs or max(1, n // 8)
    names = [c for c, _ in CLASSES]
    weights = [w for _, w in CLASSES]
    G = nx.MultiDiGraph()
    by_class: dict[str, list[str]] = {c: [] for c in names}
    G.graph["documents"] = {f"doc:{d}": {"label": f"{d:03d}_synthetic.txt · 第{d}篇报道", "file": f"{d:03d}_synthetic.txt",
                                         "title": f"第{d}篇报道", "kind": "Article", "parent": None}
                            for d in range(docs)}
    for i in range(n):
        cls = rng.choices(names, weights)[0]
        node = f"https://w3id.org/envkg/id/{cls.lower()}/{i:05d}"
        by_class[cls].append(node)
        lat, lon = (None, None)
        if cls in LOCATED:
            lat, lon = round(places.uniform(*BOX[0]), 4), round(places.uniform(*BOX[1]), 4)
        G.add_node(node, iri=node, label=f"{cls}{i}号{'生态环境局' if cls == 'Bureau' else ''}",
                   aliases=[f"别名{i}"], cls=cls, admin_code=f"{140000 + i}" if cls == "County" else None,
                   lat=lat, lon=lon, documents=[f"doc:{rng.randrange(docs)}"],
                   observations=[{"indicator": "优良天数", "value": "300", "unit": "天", "year": "2025",
                                  "evidence": "全年优良天数达300天。", "document": "doc:0"}] if i % 20 == 0 else [])
    for _ in range(int(n * 1.3)):
        relation = rng.choice(list(RULES))
        sources = [x for c in RULES[relation][0] for x in by_class.get(c, [])]
        targets = [x for c in RULES[relation][1] for x in by_class.get(c, [])]
        if not sources or not targets:
            continue
        # preferential: targets early in their list are hubs
        s, o = rng.choice(sources), targets[min(int(rng.expovariate(4 / len(targets))), len(targets) - 1)]
        if s != o:
            doc = G.nodes[s]["documents"][0]
            fact = {"evidence": f"{G.nodes[s]['label']}与{G.nodes[o]['label']}有关。", "document": doc, "source": "text"}
            G.add_edge(s, o, key=relation, relation=relation, support=[fact], **fact)
    return G


def bench_layouts(sizes: list[int]) -> None:
    """Print seconds per layout method and size."""
    try:
        import scipy  # noqa: F401
        has_scipy = True
    except ImportError:
        has_scipy = False
    for n in sizes:
        G = synthetic_network(n)
        U = nx.Graph(G.to_undirected())
        comps = nx.number_connected_components(U)
        print(f"n={n} edges={G.number_of_edges()} components={comps} largest={len(max(nx.connected_components(U), key=len))}")
        runs = {"kg.network.layout": lambda: layout(G),
                "forceatlas2(max_iter=100)": lambda: nx.forceatlas2_layout(U, seed=0, max_iter=100),
                "spring(method=force)": lambda: nx.spring_layout(U, seed=0, method="force"),
                "spring(auto: energy >=500)": lambda: nx.spring_layout(U, seed=0),
                "spectral": lambda: nx.spectral_layout(U),
                "kamada_kawai": lambda: nx.kamada_kawai_layout(U)}
        for name, run in runs.items():
            # networkx uses scipy for spring and spectral at >= 500 nodes, and for kamada_kawai always
            if not has_scipy and (name.startswith("kamada") or (n >= 500 and name.startswith(("spring", "spectral")))):
                print(f"  {name:32s} needs scipy")
                continue
            if (n >= 5000 and name.startswith(("spring(method", "forceatlas2", "kamada"))) or (
                    n > 2000 and name.startswith("kamada")):
                print(f"  {name:32s} skipped (see docs/page.md for the one-off 5,000-node runs)")
                continue
            start = time.perf_counter()
            run()
            print(f"  {name:32s} {time.perf_counter() - start:7.2f} s", flush=True)


def bench_render(sizes: list[int], screenshot_dir: Path | None = None) -> None:
    """Print build and first-render seconds in headless Chromium per size."""
    from playwright.sync_api import sync_playwright

    from kg.page import generate_html

    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for n in sizes:
            G = synthetic_network(n)
            start = time.perf_counter()
            add_metrics(G)
            layout(G)
            html = generate_html(G)
            built = time.perf_counter() - start
            path = Path(tmp) / f"graph_{n}.html"
            path.write_text(html, encoding="utf-8")
            for mode in ("auto", "full"):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                url = path.as_uri() + ("#full" if mode == "full" else "")
                start = time.perf_counter()
                page.goto(url)
                page.wait_for_function("window.envkgPage && window.envkgPage.ready()", timeout=300_000)
                rendered = time.perf_counter() - start
                shown = page.evaluate("window.envkgPage.visibleNodeCount()")
                redraw = page.evaluate(REDRAW_JS)
                change = page.evaluate(CHANGE_JS)
                map_ms, points = page.evaluate(MAP_JS)
                print(f"n={n:5d} {mode:4s} html={len(html) / 1e6:5.2f} MB build={built:5.2f} s "
                      f"first render={rendered:6.2f} s redraw={redraw:6.1f} ms change={change:6.1f} ms "
                      f"map={map_ms:6.1f} ms ({points} points) visible nodes={shown}", flush=True)
                if screenshot_dir:
                    page.screenshot(path=str(screenshot_dir / f"bench_{n}_{mode}.png"))
                page.close()
        browser.close()


def _median_p90(xs: list[float]) -> str:
    xs = sorted(xs)
    return f"{statistics.median(xs):5.1f} / {xs[int(len(xs) * 0.9)]:5.1f}" if xs else "  -  /   -  "


def bench_pan(pages: list[Path], runs: int = 3, hash_: str = "#full") -> None:
    """Print first render, one still redraw and pan/zoom frame times per page, the pages alternating.

    Args:
        pages: Page files (e.g. the same graph built before and after a change); measured in turn,
            ``runs`` rounds, so that the load of a shared machine falls on all of them alike.
        runs: Rounds.
        hash_: Address fragment the pages open with (``#full``: every node drawn).
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for run in range(runs):
            for path in pages:
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                errors: list[str] = []
                page.on("pageerror", lambda e: errors.append(str(e)))
                start = time.perf_counter()
                page.goto(path.resolve().as_uri() + hash_)
                page.wait_for_function("window.envkgPage && window.envkgPage.ready()", timeout=300_000)
                first = time.perf_counter() - start
                page.wait_for_timeout(300)
                shown = page.evaluate("[window.envkgPage.visibleNodeCount(), window.envkgPage.visibleEdgeCount()]")
                redraw = page.evaluate(REDRAW_JS)
                change = page.evaluate(CHANGE_JS)
                page.evaluate("window.envkgPage.reset()")
                page.wait_for_timeout(300)
                out = {how: page.evaluate(PAN_JS, how) for how in ("steps", "drag", "wheel")}
                load = os.getloadavg()[0]
                print(f"run {run} {path.parent.name}/{path.name} nodes/edges drawn {shown[0]}/{shown[1]} "
                      f"first render {first:5.2f} s, redraw {redraw:5.1f} ms, change {change:6.1f} ms, load {load:.1f}", flush=True)
                for how, r in out.items():
                    print(f"    {how:5s} frame median/p90 {_median_p90(r['frames'])} ms, draw {_median_p90(r['draws'])} ms "
                          f"({len(r['draws'])} draws, {r['motion']} with moving edges) {errors[:1]}", flush=True)
                page.close()
        browser.close()


def bench_live(base: str, searches: list[str]) -> None:
    """Print, for a running ``kg serve`` that serves the live page (no page file, or ``--live``):
    the neighbourhood page's time in the server, its first render in chromium, and the search's
    round trip to the endpoint, for the start page and the first hit of each search.

    Args:
        base: The server (``http://127.0.0.1:7878``).
        searches: Texts to search; each one's first endpoint hit is opened in turn (1 and 2 hops).
    """
    from urllib.parse import quote
    from urllib.request import urlopen

    from playwright.sync_api import sync_playwright

    ready = "() => window.envkgPage && window.envkgPage.ready()"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        targets = [("start", base + "/")]
        for text in searches:
            page.goto(base + "/")
            page.wait_for_function(ready, timeout=300_000)
            page.click("#search")
            start = time.perf_counter()
            page.keyboard.type(text)
            page.wait_for_selector("#search-results li:has-text('端点 endpoint'), #search-status:has-text('无结果')", timeout=60_000)
            found = time.perf_counter() - start
            hits = page.locator("#search-results li").count()
            print(f"search {text!r}: endpoint results shown {found:5.2f} s after typing (250 ms debounce included), "
                  f"{hits} listed", flush=True)
            iri = page.evaluate("() => { const li = Array.from(document.querySelectorAll('#search-results li'))"
                                ".find((x) => x.textContent.includes('端点 endpoint')); return li ? li.textContent : null; }")
            if iri:
                page.locator("#search-results li", has_text="端点 endpoint").first.click()
                page.wait_for_url(lambda url: "?entity=" in url, timeout=120_000)
                page.wait_for_function(ready, timeout=300_000)
                url = page.url.split("#")[0]
                targets += [(text, url), (text + " 2 hops", url + "&hops=2")]
        for name, url in targets:
            start = time.perf_counter()
            body = urlopen(url.replace(" ", quote(" ")), timeout=300).read()
            served = time.perf_counter() - start
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            # the page as served above (not made again): first render in the browser alone
            page.route(url, lambda route: route.fulfill(status=200, body=body, content_type="text/html; charset=utf-8"))
            start = time.perf_counter()
            page.goto(url)
            page.wait_for_function(ready, timeout=300_000)
            first = time.perf_counter() - start
            shown = page.evaluate("[window.envkgPage.nodeCount(), window.envkgPage.edgeCount()]")
            print(f"{name:20s} served in {served:5.2f} s ({len(body) / 1e6:.2f} MB, {shown[0]} nodes, {shown[1]} edges), "
                  f"first render {first:5.2f} s, load {os.getloadavg()[0]:.1f}", flush=True)
            page.close()
        browser.close()


def screenshots(seed: Path, out: Path, size: int = 5000, articles: Path | None = None,
                select: str = "青岛市") -> None:
    """Write the PNGs of docs/page.md at 1280x800 (the phone one 390x844).

    seed.png (network, a bureau's grouped panel), seed-document.png (its article's page), seed-map.png
    (map view); graph-5000.png (the overview), graph-5000-panel.png (its best-connected node selected:
    its neighbours drawn around it, its grouped panel), graph-5000-document.png (an article's view and
    page); with ``articles``, articles-12.png (its first view), articles-12-panel.png (``select``'s
    panel), articles-12-document.png (the page of ``select``'s first article) and articles-12-phone.png
    (``select``'s bottom sheet).

    Args:
        seed: The seed graph's page (``kg build data/raw --out DIR`` writes DIR/graph.html).
        out: Directory for the PNGs (docs/screenshots).
        size: Node count of the synthetic graph.
        articles: A page built from a dozen articles, or None.
        select: The entity whose panel the articles screenshots show.
    """
    from playwright.sync_api import sync_playwright

    from kg.page import write_html

    first_document = """() => { const h = Array.from(document.querySelectorAll('#panel h3'))
      .find((x) => x.textContent.startsWith('提及文档')); h.nextElementSibling.querySelector('button').click(); }"""
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def open_page(url: str, width: int = 1280, height: int = 800):
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(url)
            page.wait_for_function("window.envkgPage && window.envkgPage.ready()", timeout=300_000)
            return page

        def shot(page, name: str) -> None:
            page.wait_for_timeout(400)
            page.screenshot(path=str(out / name))
            names.append(name)

        names: list[str] = []
        if articles is not None:
            page = open_page(articles.resolve().as_uri())
            shot(page, "articles-12.png")
            page.fill("#search", select)
            page.press("#search", "Enter")
            shot(page, "articles-12-panel.png")
            page.evaluate(first_document)
            shot(page, "articles-12-document.png")
            page.close()
            page = open_page(articles.resolve().as_uri(), 390, 844)
            page.fill("#search", select)
            page.press("#search", "Enter")
            shot(page, "articles-12-phone.png")
            page.close()
        page = open_page(seed.resolve().as_uri())
        page.fill("#search", "高平分局")
        page.press("#search", "Enter")
        page.fill("#search", "")
        shot(page, "seed.png")
        page.evaluate(first_document)  # the bureau's first article: its document page
        shot(page, "seed-document.png")
        page.evaluate("window.envkgPage.setDocument(null)")
        page.click("#view-map")
        page.evaluate("window.envkgPage.select('高平市')")
        shot(page, "seed-map.png")
        page.close()

        G = synthetic_network(size)
        layout(add_metrics(G))
        path = write_html(G, Path(tmp) / f"graph_{size}.html")
        page = open_page(path.as_uri())
        shot(page, f"graph-{size}.png")
        hub = page.evaluate("""() => JSON.parse(document.getElementById('envkg-data').textContent).nodes
          .reduce((a, b) => (b.degree > a.degree ? b : a)).label""")
        page.evaluate("(label) => window.envkgPage.select(label)", hub)
        shot(page, f"graph-{size}-panel.png")
        page.evaluate(first_document)
        shot(page, f"graph-{size}-document.png")
        page.close()
        browser.close()
    for name in names:
        print(f"{out / name}: {(out / name).stat().st_size / 1e3:.0f} kB")


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["layouts", "render", "pan", "live", "screenshots"])
    parser.add_argument("--base", default="http://127.0.0.1:7878", help="a kg serve serving the live page (live)")
    parser.add_argument("--search", default="黄河,生态环境局", help="comma-separated search texts (live)")
    parser.add_argument("--pages", default="", help="comma-separated page files (pan)")
    parser.add_argument("--runs", type=int, default=3, help="rounds over the pages (pan)")
    parser.add_argument("--hash", default="#full", help="address fragment the pages open with (pan)")
    parser.add_argument("--sizes", default="500,2000,5000")
    parser.add_argument("--screenshots", type=Path, default=None, help="directory for screenshots (render)")
    parser.add_argument("--seed", type=Path, default=Path("/tmp/seed-out/graph.html"), help="seed page (screenshots)")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"), help="PNG directory (screenshots)")
    parser.add_argument("--articles", type=Path, default=None, help="a page built from a dozen articles (screenshots)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.what == "layouts":
        bench_layouts(sizes)
    elif args.what == "live":
        bench_live(args.base, [x for x in args.search.split(",") if x])
    elif args.what == "pan":
        bench_pan([Path(x) for x in args.pages.split(",") if x], args.runs, args.hash)
    elif args.what == "screenshots":
        screenshots(args.seed, args.out, articles=args.articles)
    else:
        bench_render(sizes, args.screenshots)


if __name__ == "__main__":
    main()
