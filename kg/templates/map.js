/* envkg graph page: map view (kg.page.map.v2).
 * Draws places on their longitude/latitude as SVG, with no tiles, over the bundled,
 * simplified outlines of the provinces (core.outlines, from data/gazetteers/provinces.geojson):
 * an equirectangular projection (x scaled by cos of the mid latitude) fitted to the
 * points shown, with a graticule and a scale bar. Places without coordinates that lie
 * in one with coordinates (mapVia, computed by kg.network.map_anchors) are drawn
 * hollow beside it. page.js calls window.envkgMap(core) once; all data text goes in
 * with textContent (labels, <title> tooltips), never as markup.
 */
window.envkgMap = function (core) {
  "use strict";

  // The SVG namespace name (an identifier, never fetched), written without a literal "://".
  var SVG = "http:\/\/www.w3.org\/2000\/svg";
  var NODES = core.nodes, wrap = core.container, PAD = 70, FONT_SIZE = 12, MAX_LABELS = 300, MAX_EDGES = 4000;
  var svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("id", "map-svg");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "地图 Map");
  wrap.appendChild(svg);

  // Projection: u = lon * cos(lat0), v = lat (degrees); screen = centre + (u - u0, v0 - v) * k.
  var located = NODES.filter(function (n) { return n.lat !== null && n.lon !== null; });
  var lat0 = located.length ? (Math.min.apply(null, located.map(function (n) { return n.lat; })) +
    Math.max.apply(null, located.map(function (n) { return n.lat; }))) / 2 : 0;
  var COS = Math.max(0.2, Math.cos(lat0 * Math.PI / 180));
  // touched: panned or zoomed by hand since the last fit (a resize then keeps the view).
  var view = { u0: 0, v0: 0, k: 0, fitted: false, touched: false };
  var drawn = {}, last = null, size = { w: 0, h: 0 };
  // Province outlines in projected units: rings of [u, v] decoded from hundredths of a degree
  // (first point, then differences), with each province's bounding box to skip those off screen.
  var PROVINCES = (core.outlines || []).map(function (o) {
    var box = { u0: Infinity, u1: -Infinity, v0: Infinity, v1: -Infinity };
    var rings = o.rings.map(function (flat) {
      var x = 0, y = 0, ring = [];
      for (var i = 0; i + 1 < flat.length; i += 2) {
        x += flat[i]; y += flat[i + 1];
        var u = x / 100 * COS, v = y / 100;
        ring.push([u, v]);
        box.u0 = Math.min(box.u0, u); box.u1 = Math.max(box.u1, u); box.v0 = Math.min(box.v0, v); box.v1 = Math.max(box.v1, v);
      }
      return ring;
    });
    return { code: o.code, name: o.name, label: { u: o.label[0] * COS, v: o.label[1] }, rings: rings, box: box };
  });

  function anchorOf(n) {
    if (n.lat !== null && n.lon !== null) { return n; }
    return n.mapVia ? NODES[n.mapVia[n.mapVia.length - 1]] : null;
  }
  function uv(n) { return { u: n.lon * COS, v: n.lat }; }
  function toScreen(u, v) { return { x: size.w / 2 + (u - view.u0) * view.k, y: size.h / 2 - (v - view.v0) * view.k }; }
  function measure() {
    size = { w: Math.max(50, wrap.clientWidth), h: Math.max(50, wrap.clientHeight) };
    svg.setAttribute("width", size.w); svg.setAttribute("height", size.h);
    svg.setAttribute("viewBox", "0 0 " + size.w + " " + size.h);
  }
  function fit(points) {
    var us = [], vs = [];
    points.forEach(function (n) { var a = uv(anchorOf(n)); us.push(a.u); vs.push(a.v); });
    if (!us.length) {  // nothing to show: the whole country
      PROVINCES.forEach(function (p) { us.push(p.box.u0, p.box.u1); vs.push(p.box.v0, p.box.v1); });
    }
    if (!us.length) { return; }
    var minU = Math.min.apply(null, us), maxU = Math.max.apply(null, us);
    var minV = Math.min.apply(null, vs), maxV = Math.max.apply(null, vs);
    var du = Math.max(maxU - minU, 0.2), dv = Math.max(maxV - minV, 0.2);
    view.u0 = (minU + maxU) / 2; view.v0 = (minV + maxV) / 2;
    view.k = Math.min((size.w - 2 * PAD) / du, (size.h - 2 * PAD) / dv);
    view.fitted = true; view.touched = false;
  }

  function make(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  // The legend's shapes (page.js swatch) as SVG paths of radius r.
  function shapePath(shape, x, y, r) {
    var poly = function (pts) {
      return pts.map(function (p, i) { return (i ? "L" : "M") + (x + p[0] * r).toFixed(1) + " " + (y + p[1] * r).toFixed(1); }).join("") + "Z";
    };
    if (shape === "square") { return poly([[-0.9, -0.9], [0.9, -0.9], [0.9, 0.9], [-0.9, 0.9]]); }
    if (shape === "triangle") { return poly([[0, -1.1], [1.1, 0.8], [-1.1, 0.8]]); }
    if (shape === "triangleDown") { return poly([[0, 1.1], [1.1, -0.8], [-1.1, -0.8]]); }
    if (shape === "diamond") { return poly([[0, -1.2], [1.2, 0], [0, 1.2], [-1.2, 0]]); }
    if (shape === "hexagon") { return poly([0, 1, 2, 3, 4, 5].map(function (i) { var a = Math.PI / 3 * i; return [Math.cos(a), Math.sin(a)]; })); }
    if (shape === "star") {
      return poly([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(function (i) { var a = Math.PI / 5 * i - Math.PI / 2, q = i % 2 ? 0.5 : 1.25; return [q * Math.cos(a), q * Math.sin(a)]; }));
    }
    return "M" + (x - r).toFixed(1) + " " + y.toFixed(1) + "a" + r + " " + r + " 0 1 0 " + 2 * r + " 0a" + r + " " + r + " 0 1 0 " + -2 * r + " 0Z";
  }
  function textWidth(s) {
    var w = 0;
    for (var i = 0; i < s.length; i++) { w += s.charCodeAt(i) > 0x2e7f ? FONT_SIZE : FONT_SIZE * 0.6; }
    return w;
  }
  function radius(n) { return 4 + n.size / 5; }
  function overlaps(a, b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; }

  // Screen positions: exact points at their coordinates; derived ones on rings around their anchor.
  function place(points) {
    var pos = {}, around = {};
    points.forEach(function (n) {
      var a = anchorOf(n), p = uv(a), s = toScreen(p.u, p.v);
      if (a === n) { pos[n.k] = { x: s.x, y: s.y, derived: false }; return; }
      (around[a.k] = around[a.k] || { s: s, r: radius(a), list: [] }).list.push(n);
    });
    Object.keys(around).forEach(function (key) {
      var g = around[key], ring = 0, slot = 0;
      g.list.forEach(function (n) {
        var cap = 6 * (ring + 1), dist = g.r + 10 + 12 * ring, angle = 2 * Math.PI * slot / cap - Math.PI / 2 + ring * 0.4;
        pos[n.k] = { x: g.s.x + dist * Math.cos(angle), y: g.s.y + dist * Math.sin(angle), derived: true, anchor: Number(key) };
        slot += 1;
        if (slot === cap) { ring += 1; slot = 0; }
      });
    });
    return pos;
  }

  function niceStep(span) {
    var steps = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 45];
    for (var i = 0; i < steps.length; i++) { if (span / steps[i] <= 7) { return steps[i]; } }
    return 90;
  }
  function degrees(value, step, pos, neg) {
    var digits = step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
    return Math.abs(value).toFixed(digits) + "°" + (value >= 0 ? pos : neg);
  }
  function graticule(layer) {
    var uMin = view.u0 - size.w / 2 / view.k, uMax = view.u0 + size.w / 2 / view.k;
    var vMin = view.v0 - size.h / 2 / view.k, vMax = view.v0 + size.h / 2 / view.k;
    var lonMin = uMin / COS, lonMax = uMax / COS, step = niceStep(Math.max(lonMax - lonMin, vMax - vMin));
    for (var lon = Math.ceil(lonMin / step) * step; lon <= lonMax; lon += step) {
      var x = toScreen(lon * COS, 0).x;
      layer.appendChild(make("line", { x1: x, x2: x, y1: 0, y2: size.h, "class": "grid" }));
      layer.appendChild(make("text", { x: x + 3, y: size.h - 6, "class": "grid-label" }, degrees(lon, step, "E", "W")));
    }
    for (var lat = Math.ceil(vMin / step) * step; lat <= vMax; lat += step) {
      var y = toScreen(0, lat).y;
      layer.appendChild(make("line", { x1: 0, x2: size.w, y1: y, y2: y, "class": "grid" }));
      layer.appendChild(make("text", { x: 4, y: y - 3, "class": "grid-label" }, degrees(lat, step, "N", "S")));
    }
  }
  // The provinces in view as filled paths (even-odd, so holes stay open), one <title> each.
  function outlines(layer) {
    var uMin = view.u0 - size.w / 2 / view.k, uMax = view.u0 + size.w / 2 / view.k;
    var vMin = view.v0 - size.h / 2 / view.k, vMax = view.v0 + size.h / 2 / view.k, shown = [];
    PROVINCES.forEach(function (p) {
      if (p.box.u1 < uMin || p.box.u0 > uMax || p.box.v1 < vMin || p.box.v0 > vMax) { return; }
      var d = p.rings.map(function (ring) {
        return ring.map(function (q, i) { var s = toScreen(q[0], q[1]); return (i ? "L" : "M") + s.x.toFixed(1) + " " + s.y.toFixed(1); }).join("") + "Z";
      }).join("");
      var path = make("path", { d: d, "class": "province", "fill-rule": "evenodd" });
      path.dataset.code = p.code;
      path.appendChild(make("title", {}, p.name));
      layer.appendChild(path);
      shown.push(p);
    });
    return shown;
  }
  function scaleBar(layer) {
    var kmPerPx = 111.32 / view.k, target = kmPerPx * 120, km = 1;
    [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000].forEach(function (s) { if (s <= target) { km = s; } });
    var w = km / kmPerPx, x = 16, y = size.h - 30;
    layer.appendChild(make("path", { d: "M" + x + " " + (y - 5) + "v5h" + w.toFixed(1) + "v-5", "class": "scale" }));
    layer.appendChild(make("text", { x: x + w / 2, y: y - 8, "class": "scale-label", "text-anchor": "middle" }, km + " km"));
  }

  /* Draw the map. v: {shown: [node], edges: [edge], selected: k|null, matches: {k: true}|null}. */
  function draw(v, refit) {
    last = v;
    measure();
    var points = v.shown.filter(function (n) { return anchorOf(n) !== null; });
    if (refit || !view.fitted) { fit(points); }
    var focused = svg.contains(document.activeElement) ? pointAt(document.activeElement) : null;
    svg.textContent = "";
    drawn = {};
    var land = make("g", { "class": "land" }), grid = make("g", { "class": "graticule" }), lines = make("g", { "class": "links" });
    var marks = make("g", { "class": "points" }), labels = make("g", { "class": "labels" });
    svg.appendChild(land); svg.appendChild(grid); svg.appendChild(lines); svg.appendChild(marks); svg.appendChild(labels);
    var provinces = view.k ? outlines(land) : [];
    if (!points.length) {
      svg.appendChild(make("text", { x: size.w / 2, y: size.h / 2, "text-anchor": "middle", "class": "empty" },
        "此视图中没有带坐标的地点 No places with coordinates in this view"));
      return { points: 0, derived: 0, provinces: provinces.length };
    }
    graticule(grid);
    scaleBar(grid);
    var pos = place(points), dim = v.matches !== null;
    v.edges.slice(0, MAX_EDGES).forEach(function (e) {
      var a = pos[e.from], b = pos[e.to];
      if (!a || !b) { return; }
      var attrs = { x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: b.x.toFixed(1), y2: b.y.toFixed(1),
        stroke: (core.relations[e.rel] || { color: "#9e9e9e" }).color, "class": "link" };
      if ((e.facts[0] || {}).source === "gazetteer") { attrs["stroke-dasharray"] = "4 3"; }
      lines.appendChild(make("line", attrs));
    });
    var symbols = v.symbols ? drawSymbols(v.symbols, pos, lines) : 0;
    // Larger (higher PageRank) points first in label priority, drawn last so that they are on top.
    var order = points.slice().sort(function (a, b) {
      var pa = (a.k === v.selected ? 4 : 0) + (dim && v.matches[a.k] ? 2 : 0) + (pos[a.k].derived ? 0 : 1);
      var pb = (b.k === v.selected ? 4 : 0) + (dim && v.matches[b.k] ? 2 : 0) + (pos[b.k].derived ? 0 : 1);
      return pb - pa || b.size - a.size || a.k - b.k;
    });
    var boxes = [], derived = 0;
    order.slice().reverse().forEach(function (n) {
      var p = pos[n.k], c = core.classes[n.cls] || { color: "#9e9e9e", shape: "dot" }, r = radius(n);
      var g = make("g", { "class": "point" + (p.derived ? " derived" : "") + (n.k === v.selected ? " selected" : "") +
        (dim && !v.matches[n.k] ? " dimmed" : ""), tabindex: "0", role: "button" });
      g.dataset.k = String(n.k);
      g.setAttribute("aria-label", n.label);
      var tip = [n.label, core.classLabel(n.cls)];
      if (p.derived) { tip.push("无坐标，画在 " + NODES[p.anchor].label + " 旁 no coordinates; drawn beside " + NODES[p.anchor].label); }
      else { tip.push("坐标 coordinates: " + n.lat + ", " + n.lon); }
      g.appendChild(make("title", {}, tip.join("\n")));
      if (n.k === v.selected) { g.appendChild(make("circle", { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: r + 6, "class": "halo" })); }
      g.appendChild(make("path", { d: shapePath(c.shape, p.x, p.y, r), fill: p.derived ? "#fff" : c.color,
        stroke: p.derived ? c.color : core.darker(c.color), "stroke-width": p.derived ? 2 : 1 }));
      marks.appendChild(g);
      if (n.k === focused) { g.focus({ preventScroll: true }); }  // keyboard focus survives the redraw
      drawn[n.k] = p;
      boxes.push({ x0: p.x - r, x1: p.x + r, y0: p.y - r, y1: p.y + r, k: n.k });
      if (p.derived) { derived += 1; }
    });
    var placed = [];
    order.slice(0, MAX_LABELS).forEach(function (n) {
      var p = pos[n.k], r = radius(n), w = textWidth(n.label), h = FONT_SIZE + 2, gap = r + 3;
      var options = [[gap, -h / 2], [-gap - w, -h / 2], [-w / 2, -gap - h], [-w / 2, gap], [gap, -h - 2], [gap, 2], [-gap - w, -h - 2], [-gap - w, 2]];
      for (var i = 0; i < options.length; i++) {
        var box = { x0: p.x + options[i][0], y0: p.y + options[i][1] };
        box.x1 = box.x0 + w; box.y1 = box.y0 + h;
        if (box.x0 < 0 || box.y0 < 0 || box.x1 > size.w || box.y1 > size.h) { continue; }
        var hit = placed.some(function (b) { return overlaps(box, b); }) ||
          boxes.some(function (b) { return b.k !== n.k && overlaps(box, b); });
        if (hit) { continue; }
        placed.push(box);
        labels.appendChild(make("text", { x: box.x0.toFixed(1), y: (box.y1 - 3).toFixed(1), "class": "label" +
          (dim && !v.matches[n.k] ? " dimmed" : "") + (n.k === v.selected ? " selected" : "") }, n.label));
        return;
      }
    });
    // Province names last, where no label or point is: orientation, never in the way.
    provinces.forEach(function (q) {
      var s = toScreen(q.label.u, q.label.v), w = textWidth(q.name), h = FONT_SIZE + 2;
      var box = { x0: s.x - w / 2, x1: s.x + w / 2, y0: s.y - h / 2, y1: s.y + h / 2 };
      if (box.x0 < 0 || box.y0 < 0 || box.x1 > size.w || box.y1 > size.h) { return; }
      if (placed.some(function (b) { return overlaps(box, b); }) || boxes.some(function (b) { return overlaps(box, b); })) { return; }
      placed.push(box);
      labels.insertBefore(make("text", { x: s.x.toFixed(1), y: (box.y1 - 3).toFixed(1), "text-anchor": "middle", "class": "province-label" }, q.name), labels.firstChild);
    });
    return { points: points.length, derived: derived, provinces: provinces.length, symbols: symbols };
  }
  function redraw() { if (last) { draw(last, false); } }

  // ---- scaled symbols: one circle per place, area proportional to its value ----
  var SYMBOL_MAX = 28;  // px radius of the largest value
  function symbolRadius(value, max) { return SYMBOL_MAX * Math.sqrt(value / max); }
  function niceBelow(x) {  // 1, 2 or 5 times a power of ten, at most x
    var p = Math.pow(10, Math.floor(Math.log10(x))), m = x / p;
    return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * p;
  }
  function formatValue(x) { return String(Number(x.toPrecision(6))); }
  /* s: {title, unit, items: [{k, value, text, year}]} (value > 0); drawn under the points, largest first. */
  function drawSymbols(s, pos, under) {
    var items = s.items.filter(function (it) { return pos[it.k]; });
    if (!items.length) { return 0; }
    var max = Math.max.apply(null, items.map(function (it) { return it.value; }));
    var layer = make("g", { "class": "symbols" });
    under.parentNode.insertBefore(layer, under.nextSibling);
    items.slice().sort(function (a, b) { return b.value - a.value || a.k - b.k; }).forEach(function (it) {
      var p = pos[it.k], r = symbolRadius(it.value, max);
      var c = make("circle", { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: r.toFixed(2), "class": "symbol" });
      c.dataset.k = String(it.k); c.dataset.value = it.text;
      c.appendChild(make("title", {}, NODES[it.k].label + "：" + s.title + " " + it.text + (s.unit ? " " + s.unit : "") +
        (it.year ? "（" + it.year + "）" : "")));
      layer.appendChild(c);
    });
    // Legend, bottom right: nested circles of the largest value and two round values below it.
    var values = [max], a = niceBelow(max / 4), b = niceBelow(max / 16);
    if (a < max) { values.push(a); }
    if (b < a) { values.push(b); }
    var caption = s.title + (s.unit ? "（" + s.unit + "）" : ""), note = "面积 ∝ 数值 area ∝ value · " + items.length + " 个地点 places";
    var w = Math.max(2 * SYMBOL_MAX + 70, textWidth(caption) + 16, textWidth(note) * 11 / FONT_SIZE + 16), h = 2 * SYMBOL_MAX + 50;
    var x0 = size.w - w - 10, y0 = size.h - h - 22, cx = x0 + SYMBOL_MAX + 10, base = y0 + 22 + 2 * SYMBOL_MAX;  // above the degree labels
    var legend = make("g", { "class": "symbol-legend" });
    legend.appendChild(make("rect", { x: x0.toFixed(1), y: y0.toFixed(1), width: w.toFixed(1), height: h, rx: 4 }));
    legend.appendChild(make("text", { x: (x0 + 8).toFixed(1), y: (y0 + 15).toFixed(1), "class": "caption" }, caption));
    values.forEach(function (value) {
      var r = symbolRadius(value, max), top = base - 2 * r;
      var g = make("g", { "class": "legend-value" }); g.dataset.value = formatValue(value); g.dataset.r = r.toFixed(2);
      g.appendChild(make("circle", { cx: cx.toFixed(1), cy: (base - r).toFixed(1), r: r.toFixed(2) }));
      g.appendChild(make("line", { x1: cx.toFixed(1), x2: (cx + SYMBOL_MAX + 6).toFixed(1), y1: top.toFixed(1), y2: top.toFixed(1) }));
      g.appendChild(make("text", { x: (cx + SYMBOL_MAX + 9).toFixed(1), y: (top + 4).toFixed(1) }, formatValue(value)));
      legend.appendChild(g);
    });
    legend.appendChild(make("text", { x: (x0 + 8).toFixed(1), y: (base + 16).toFixed(1) }, note));
    svg.appendChild(legend);
    return items.length;
  }

  // ---- interaction: click/double-click a point, drag to pan, wheel or buttons to zoom ----
  // A click redraws the map (selection), so the browser's dblclick, which needs one target
  // element for both clicks, never fires on a point: two clicks on one point within 400 ms are one.
  var press = null, frame = null, lastClick = { k: null, t: 0 };
  function pointAt(target) {
    var g = target && target.closest ? target.closest("g.point") : null;
    return g ? Number(g.dataset.k) : null;
  }
  function schedule() {
    if (frame === null) { frame = window.requestAnimationFrame(function () { frame = null; redraw(); }); }
  }
  function zoom(factor, x, y) {
    if (!view.k) { return; }
    var cu = view.u0 + (x - size.w / 2) / view.k, cv = view.v0 - (y - size.h / 2) / view.k;
    view.k *= factor; view.touched = true;
    view.u0 = cu - (x - size.w / 2) / view.k; view.v0 = cv + (y - size.h / 2) / view.k;
    schedule();
  }
  svg.addEventListener("pointerdown", function (ev) {
    press = { x: ev.clientX, y: ev.clientY, moved: false, k: pointAt(ev.target) };
    svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener("pointermove", function (ev) {
    if (!press) { return; }
    var dx = ev.clientX - press.x, dy = ev.clientY - press.y;
    if (!press.moved && Math.abs(dx) + Math.abs(dy) < 4) { return; }
    press.moved = true; view.touched = true;
    view.u0 -= dx / view.k; view.v0 += dy / view.k;
    press.x = ev.clientX; press.y = ev.clientY;
    svg.classList.add("panning");
    schedule();
  });
  svg.addEventListener("pointerup", function () {
    var p = press;
    press = null;
    svg.classList.remove("panning");
    if (!p || p.moved || p.k === null) { return; }
    var now = Date.now(), double = lastClick.k === p.k && now - lastClick.t < 400;
    lastClick = { k: double ? null : p.k, t: now };
    if (double) { core.onFocus(p.k); } else { core.onSelect(p.k); }
  });
  svg.addEventListener("keydown", function (ev) {
    var k = pointAt(ev.target);
    if (k !== null && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); core.onSelect(k); }
  });
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var box = svg.getBoundingClientRect();
    zoom(Math.exp(-ev.deltaY * 0.0015), ev.clientX - box.left, ev.clientY - box.top);
  }, { passive: false });
  // Redraw when the map area changes size (window, toolbar wrapping); refit unless moved by hand.
  new window.ResizeObserver(function () {
    if (last && wrap.offsetParent !== null && (Math.abs(wrap.clientWidth - size.w) > 1 || Math.abs(wrap.clientHeight - size.h) > 1)) {
      draw(last, !view.touched);
    }
  }).observe(wrap);

  return {
    draw: draw,
    zoomIn: function () { zoom(1.5, size.w / 2, size.h / 2); },
    zoomOut: function () { zoom(1 / 1.5, size.w / 2, size.h / 2); },
    fit: function () { if (last) { draw(last, true); } },
    /* Keep point k on screen (pan to it when outside the view). */
    reveal: function (k) {
      var p = drawn[k];
      if (!p || (p.x > PAD && p.x < size.w - PAD && p.y > PAD && p.y < size.h - PAD)) { return; }
      view.u0 += (p.x - size.w / 2) / view.k; view.v0 -= (p.y - size.h / 2) / view.k;
      redraw();
    },
    onMap: function (k) { return anchorOf(NODES[k]) !== null; },
    position: function (k) {
      var p = drawn[k], box = svg.getBoundingClientRect();
      return p ? { x: p.x + box.left, y: p.y + box.top } : null;
    },
    drawnKeys: function () { return Object.keys(drawn).map(Number); },
    symbols: function () {
      return Array.prototype.map.call(svg.querySelectorAll("circle.symbol"), function (c) {
        return { label: NODES[Number(c.dataset.k)].label, value: c.dataset.value, r: Number(c.getAttribute("r")) };
      });
    },
    symbolLegend: function () {
      return Array.prototype.map.call(svg.querySelectorAll(".symbol-legend g.legend-value"), function (g) {
        return { value: g.dataset.value, r: Number(g.dataset.r) };
      });
    },
    provinceCodes: function () { return Array.prototype.map.call(svg.querySelectorAll("path.province"), function (p) { return p.dataset.code; }); }
  };
};
