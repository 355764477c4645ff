"""vis-network (the page, #full) against sigma.js 3 (WebGL): first render and pan/zoom frame times.

Not part of the page: sigma.js and graphology come from an npm folder of your own
(``npm install sigma@3.0.3 graphology@0.26.0``). Figures: docs/page.md, "Renderer".

Example:
    .venv/bin/python bench/renderers.py --npm /tmp/npm/node_modules --nodes 5000 --out /tmp/rb
"""
import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from page_render import CHROMIUM, CHROMIUM_ARGS, synthetic_network  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from kg.network import add_metrics, layout  # noqa: E402
from kg.page import generate_html  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--npm", type=Path, required=True, help="a node_modules folder with sigma and graphology")
parser.add_argument("--nodes", type=int, default=5000)
parser.add_argument("--out", type=Path, default=Path("/tmp/envkg-renderers"))
args = parser.parse_args()
N, EXTRA, npm, out = args.nodes, [], args.npm, args.out
out.mkdir(parents=True, exist_ok=True)
G = layout(add_metrics(synthetic_network(N)))
html = generate_html(G)
(out / "vis.html").write_text(html, encoding="utf-8")
data = json.loads(re.search(r'id="envkg-data">(.*?)</script>', html, re.S).group(1))
colors = {c["name"]: c["color"] for c in data["classes"]}
nodes = [{"key": f"n{i}", "attributes": {"x": n["x"], "y": -n["y"], "size": n["size"] / 3, "label": n["label"],
          "color": colors.get(n["cls"], "#999")}} for i, n in enumerate(data["nodes"])]
edges = [{"key": f"e{i}", "source": f"n{e['from']}", "target": f"n{e['to']}", "attributes": {"size": 1, "color": "#bbb"}}
         for i, e in enumerate(data["edges"])]
lib = ((npm / "graphology/dist/graphology.umd.min.js").read_text(encoding="utf-8") + "\n"
       + (npm / "sigma/dist/sigma.min.js").read_text(encoding="utf-8"))
(out / "sigma.html").write_text(f"""<!DOCTYPE html><html><head><meta charset="utf-8"><style>html,body{{margin:0;height:100%}}#g{{position:absolute;left:270px;top:80px;width:750px;height:820px}}</style></head>
<body><div id="g"></div><script>{lib}</script><script>
const t0 = performance.now();
const graph = new graphology.Graph({{multi: true}});
graph.import({json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False)});
window.renderer = new Sigma(graph, document.getElementById('g'), {{ renderEdgeLabels: false, labelRenderedSizeThreshold: 4 }});
window.firstRender = performance.now() - t0;
window.ready = true;
</script></body></html>""", encoding="utf-8")

# pan then zoom: 40 camera steps each; sync = camera change + synchronous draw (gl.finish for WebGL);
# frames = rAF intervals while doing one step per frame
VIS = """async () => {
  const net = window.envkgPage.network, c = net.getViewPosition(), s0 = net.getScale(), sync = [], stamps = [];
  const step = (i) => { const pan = i < 40; const k = pan ? i : i - 40;
    net.moveTo({ position: { x: c.x + (pan ? k * 8 / s0 : 0), y: c.y }, scale: pan ? s0 : s0 * Math.pow(1.03, k), animation: false }); };
  for (let i = 0; i < 80; i++) { const t = performance.now(); step(i); net.redraw(); sync.push(performance.now() - t); }
  net.moveTo({ position: c, scale: s0, animation: false });
  await new Promise((done) => { let i = 0; const f = (ts) => { stamps.push(ts); if (i >= 80) { done(); return; } step(i++); requestAnimationFrame(f); }; requestAnimationFrame(f); });
  return { sync: sync, frames: stamps.slice(1).map((t, i) => t - stamps[i]) };
}"""
SIGMA = """async () => {
  const r = window.renderer, cam = r.getCamera(), st = cam.getState(), sync = [], stamps = [];
  const gl = r.webGLContexts ? Object.values(r.webGLContexts)[0] : null;
  const step = (i) => { const pan = i < 40; const k = pan ? i : i - 40;
    cam.setState({ x: st.x + (pan ? k * 0.002 : 0), y: st.y, ratio: pan ? st.ratio : st.ratio / Math.pow(1.03, k) }); };
  for (let i = 0; i < 80; i++) { const t = performance.now(); step(i); r.render(); if (gl) { gl.finish(); } sync.push(performance.now() - t); }
  cam.setState(st);
  await new Promise((done) => { let i = 0; const f = (ts) => { stamps.push(ts); if (i >= 80) { done(); return; } step(i++); requestAnimationFrame(f); }; requestAnimationFrame(f); });
  return { sync: sync, frames: stamps.slice(1).map((t, i) => t - stamps[i]), gl: !!gl };
}"""
def summary(xs):
    xs = sorted(xs); return f"median {statistics.median(xs):6.1f} ms, p90 {xs[int(len(xs) * .9)]:6.1f} ms"
with sync_playwright() as p:
    b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + EXTRA)
    for name, url, js, wait in (("vis-network", (out / "vis.html").as_uri() + "#full", VIS, "window.envkgPage && window.envkgPage.ready()"),
                                ("sigma.js", (out / "sigma.html").as_uri(), SIGMA, "window.ready")):
        page = b.new_page(viewport={"width": 1400, "height": 900})
        errors = []; page.on("console", lambda m: m.type == "error" and errors.append(m.text)); page.on("pageerror", lambda e: errors.append(str(e)))
        t = time.perf_counter(); page.goto(url); page.wait_for_function(wait, timeout=300_000); first = time.perf_counter() - t
        page.wait_for_timeout(500)
        r = page.evaluate(js)
        page.screenshot(path=str(out / f"{name}.png"))
        print(f"{name:12s} n={N} first render {first:5.2f} s | draw after camera change: {summary(r['sync'])} | rAF frames: {summary(r['frames'])} {errors[:2]} {r.get('gl', '')}", flush=True)
        page.close()
    b.close()
