/* envkg graph page script (kg.page.v1).
 * Reads the JSON blob #envkg-data and drives vis-network. All data text is
 * inserted with textContent or as plain-text vis titles; never as HTML.
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("envkg-data").textContent);
  // Served by kg serve above the whole-graph limit: one neighbourhood, the search asks the endpoint.
  var LIVE = DATA.live || null;
  var FONT = window.getComputedStyle(document.body).fontFamily;
  var NODES = DATA.nodes, EDGES = DATA.edges, DOCS = DATA.documents;
  var CLASS = {}, REL = {};
  DATA.classes.forEach(function (c) { CLASS[c.name] = c; });
  DATA.relations.forEach(function (r) { REL[r.name] = r; });
  var OUT = NODES.map(function () { return []; }), IN = NODES.map(function () { return []; });
  EDGES.forEach(function (e, k) { e.k = k; OUT[e.from].push(e); IN[e.to].push(e); });
  // Nodes with no relation at all ("unlinked") are hidden in the network unless state.unlinked.
  var LINKED = NODES.map(function (n, k) { return OUT[k].length + IN[k].length > 0; });
  NODES.forEach(function (n, k) {
    n.k = k;
    n.keys = [n.label].concat(n.aliases || []).map(norm);
    n.indKeys = n.obs.map(function (o) { return norm(o.indicator); });
  });
  // Indicator name -> the observations of it: [{k: node index, o: observation}].
  var INDICATORS = {};
  NODES.forEach(function (n) {
    n.obs.forEach(function (o) { if (o.indicator) { (INDICATORS[o.indicator] = INDICATORS[o.indicator] || []).push({ k: n.k, o: o }); } });
  });
  var INDICATOR_NAMES = Object.keys(INDICATORS).sort();
  // A Document's scope also covers the Articles that are part of it.
  var SCOPE = DOCS.map(function (d, i) { var s = {}; s[i] = true; return s; });
  DOCS.forEach(function (d, i) { if (d.parent !== null && d.parent !== undefined) { SCOPE[d.parent][i] = true; } });

  var state = {
    classes: {}, relations: {}, doc: null, year: null, focus: null, hops: 1, expanded: {}, unlinked: false,
    full: false, selected: null, view: "network", symbol: null
  };
  DATA.classes.forEach(function (c) { state.classes[c.name] = true; });
  DATA.relations.forEach(function (r) { state.relations[r.name] = true; });

  var $ = function (id) { return document.getElementById(id); };
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }
  function norm(s) {
    return String(s || "").normalize("NFKC").replace(/[\s“”"《》「」]/g, "").toLowerCase();
  }
  function relLabel(name) { var r = REL[name]; return r ? (r.zh + " " + r.en).trim() : name; }
  function classLabel(name) { var c = CLASS[name] || (DATA.live && DATA.live.styles[name]); return c ? c.zh + " " + c.en : name; }
  function docLabel(i) { return i === null || i === undefined ? "" : DOCS[i].label; }
  function darker(hex) {
    var v = parseInt(hex.slice(1), 16), f = 0.7;
    return "rgb(" + [(v >> 16) & 255, (v >> 8) & 255, v & 255].map(function (c) { return Math.round(c * f); }).join(",") + ")";
  }

  // ---- visibility -------------------------------------------------------
  // The documents in view: those of the chosen document (with its articles) and of the chosen
  // year (articles dated in it); null when neither is chosen. Refreshed by computeView.
  var activeScope = null;
  function refreshScope() {
    if (state.doc === null && state.year === null) { activeScope = null; return; }
    activeScope = {};
    DOCS.forEach(function (d, i) {
      if (state.doc !== null && !SCOPE[state.doc][i]) { return; }
      if (state.year !== null && d.year !== state.year) { return; }
      activeScope[i] = true;
    });
  }
  // Under a year alone, gazetteer facts (timeless) still draw between entities in view.
  function factInScope(f, viaGazetteer) {
    if (f.doc === null || f.doc === undefined) { return false; }
    return !!activeScope[f.doc] || (viaGazetteer && state.doc === null && f.source === "gazetteer");
  }
  function edgeShown(e) {
    if (!state.relations[e.rel]) { return false; }
    if (activeScope === null) { return true; }
    return e.facts.some(function (f) { return factInScope(f, true); });
  }
  function nodeShown(n) {
    if (!state.classes[n.cls]) { return false; }
    if (activeScope === null) { return true; }
    if (n.docs.some(function (d) { return activeScope[d]; })) { return true; }
    if (n.obs.some(function (o) { return o.doc !== null && activeScope[o.doc]; })) { return true; }
    return OUT[n.k].concat(IN[n.k]).some(function (e) {
      return state.relations[e.rel] && e.facts.some(function (f) { return factInScope(f, false); });
    });
  }
  var focusHops = {};  // node index -> hops from the focus, for the last focus set
  function focusSet() {
    var seen = {}, frontier = [state.focus];
    seen[state.focus] = true;
    focusHops = {}; focusHops[state.focus] = 0;
    for (var hop = 0; hop < state.hops; hop++) {
      var next = [];
      frontier.forEach(function (k) {
        OUT[k].concat(IN[k]).forEach(function (e) {
          var other = e.from === k ? e.to : e.from;
          if (!seen[other] && edgeShown(e) && nodeShown(NODES[other])) { seen[other] = true; focusHops[other] = hop + 1; next.push(other); }
        });
      });
      frontier = next;
    }
    return seen;
  }
  function computeView() {
    refreshScope();
    var shown = [], byClass = {}, inScope = [];
    if (state.focus !== null) {
      var f = focusSet();
      NODES.forEach(function (n) { if (f[n.k]) { inScope.push(n); } });
    } else {
      NODES.forEach(function (n) { if (nodeShown(n)) { inScope.push(n); } });
    }
    // The network leaves out unlinked nodes unless asked; the map keeps them (a place's position is its news).
    var unlinked = inScope.filter(function (n) { return !LINKED[n.k]; }).length;
    shown = inScope.filter(function (n) { return state.unlinked || LINKED[n.k] || n.k === state.focus; });
    var overview = !state.full && state.focus === null && shown.length > DATA.threshold;
    // In the overview a selected node is drawn with its neighbours, pulled out of their class
    // summaries (ego); pulled nodes keep only their real edges, no summary edges.
    var ego = null, pulled = {}, inShown = {};
    if (overview && state.selected !== null) {
      shown.forEach(function (n) { inShown[n.k] = true; });
      if (inShown[state.selected]) {
        ego = [state.selected];
        OUT[state.selected].concat(IN[state.selected]).forEach(function (e) {
          var other = e.from === state.selected ? e.to : e.from;
          if (edgeShown(e) && inShown[other] && ego.indexOf(other) < 0) { ego.push(other); }
        });
        ego.forEach(function (k) { if (!state.expanded[NODES[k].cls]) { pulled[k] = true; } });
      }
    }
    var isShown = {}, nodes = [], edges = [], agg = {}, drawn = [], pairs = [];
    shown.forEach(function (n) {
      if (overview && !state.expanded[n.cls] && !pulled[n.k]) { (byClass[n.cls] = byClass[n.cls] || []).push(n); } else { isShown[n.k] = true; drawn.push(n); }
    });
    var end = function (k) { return isShown[k] ? "n" + k : (overview && byClass[NODES[k].cls] ? "c:" + NODES[k].cls : null); };
    EDGES.forEach(function (e) {
      if (!edgeShown(e)) { return; }
      if (isShown[e.from] && isShown[e.to]) { pairs.push(e); return; }
      if (pulled[e.from] || pulled[e.to]) { return; }
      var a = end(e.from), b = end(e.to);
      if (a === null || b === null || a === b) { return; }
      var key = a + ">" + b;
      (agg[key] = agg[key] || { from: a, to: b, rels: {}, n: 0 }).n += 1;
      agg[key].rels[e.rel] = (agg[key].rels[e.rel] || 0) + 1;
    });
    // Past EDGE_LABELS_MAX drawn relations only those of the selected or focused node keep their label.
    // Nor do the relations of a node that has more than EDGE_LABELS_PER_NODE of them drawn: their
    // labels would sit on top of each other around it (its panel groups them by relation).
    var thin = pairs.length > EDGE_LABELS_MAX, degree = {};
    pairs.forEach(function (e) { degree[e.from] = (degree[e.from] || 0) + 1; degree[e.to] = (degree[e.to] || 0) + 1; });
    var keep = function (e) {
      if (degree[e.from] > EDGE_LABELS_PER_NODE || degree[e.to] > EDGE_LABELS_PER_NODE) { return false; }
      var ks = [state.selected, state.focus];
      return !thin || ks.indexOf(e.from) >= 0 || ks.indexOf(e.to) >= 0;
    };
    pairs.forEach(function (e) { edges.push(visEdge(e, !keep(e))); });
    Object.keys(agg).forEach(function (key) { edges.push(aggEdge(key, agg[key])); });
    // a chosen document is drawn on a layout of its own, not at its entities' places in the whole graph;
    // the pulled neighbours of a node selected in the overview around it
    var pos = state.doc !== null && !overview ? documentLayout(drawn, pairs) : ego ? egoLayout(ego, pulled, pairs) : null;
    drawn.forEach(function (n) { nodes.push(visNode(n, pos && pos[n.k])); });
    Object.keys(byClass).forEach(function (c) { nodes.push(classNode(c, byClass[c].length)); });
    return { nodes: nodes, edges: edges, overview: overview, shownCount: shown.length, shown: shown,
      mapShown: inScope, unlinked: unlinked, ego: ego, thin: thin };
  }

  // ---- vis objects -------------------------------------------------------
  function nodeTitle(n) {
    var lines = [n.label, classLabel(n.cls)];
    if (n.aliases.length) { lines.push("别名 aliases: " + n.aliases.join("、")); }
    if (n.adminCode) { lines.push("行政区划代码 admin code: " + n.adminCode); }
    return lines.join("\n");
  }
  // Long labels are drawn on several balanced lines of at most WRAP_WIDTH (a CJK character is 1, a
  // Latin one about half), breaking after punctuation where one is near; past WRAP_LINES lines the
  // label ends in "…" (the tooltip and the panel always give it whole).
  var WRAP_WIDTH = 10, WRAP_LINES = 3, WRAP_AFTER = /[\s、，,·—：:；;\/）)]/;
  function charWidth(ch) { return ch.charCodeAt(0) > 0x2e7f ? 1 : 0.55; }
  function packLines(chars, target) {
    var lines = [], line = [], width = 0;
    chars.forEach(function (ch) {
      var w = charWidth(ch);
      if (line.length && width + w > target + 0.01) {
        var cut = -1;  // a break after punctuation in the line's last third keeps words whole
        for (var i = line.length - 1; i >= Math.ceil(line.length * 2 / 3); i--) { if (WRAP_AFTER.test(line[i])) { cut = i + 1; break; } }
        var rest = cut > 0 && cut < line.length ? line.splice(cut) : [];
        lines.push(line.join("").trim());
        line = rest; width = 0;
        rest.forEach(function (r) { width += charWidth(r); });
      }
      line.push(ch); width += w;
    });
    if (line.length) { lines.push(line.join("").trim()); }
    return lines;
  }
  function wrapLabel(text) {
    var chars = Array.from(String(text)), total = 0;
    chars.forEach(function (ch) { total += charWidth(ch); });
    if (total <= WRAP_WIDTH) { return String(text); }
    // balanced: the narrowest width (in half-character steps from total / lines) that needs no more lines
    var count = Math.ceil(total / WRAP_WIDTH), target = count > WRAP_LINES ? WRAP_WIDTH : total / count, lines;
    for (;; target += 0.5) {
      lines = packLines(chars, Math.min(target, WRAP_WIDTH));
      if (lines.length <= count || target >= WRAP_WIDTH) { break; }
    }
    if (lines.length > WRAP_LINES) {
      lines = lines.slice(0, WRAP_LINES);
      lines[WRAP_LINES - 1] = Array.from(lines[WRAP_LINES - 1]).slice(0, -1).join("") + "…";
    }
    return lines.join("\n");
  }
  // A fresh layout of the nodes drawn for a document (layout.js), cached for the same nodes and edges.
  var subLayout = window.envkgLayout, docLayout = { key: null, pos: null };  // and subLayout.radial
  delete window.envkgLayout;
  var CLASS_ORDER = {};
  DATA.classes.forEach(function (c, i) { CLASS_ORDER[c.name] = i; });
  function documentLayout(drawn, pairs) {
    var list = drawn.slice().sort(function (a, b) {  // the grid of unconnected nodes reads by class, then label
      return CLASS_ORDER[a.cls] - CLASS_ORDER[b.cls] || (a.label < b.label ? -1 : a.label > b.label ? 1 : a.k - b.k);
    });
    var key = list.map(function (n) { return n.k; }).join(",") + "|" + pairs.map(function (e) { return e.k; }).join(",");
    if (docLayout.key === key) { return docLayout.pos; }
    var at = {}, view = $("graph").getBoundingClientRect();
    list.forEach(function (n, i) { at[n.k] = i; });
    var links = pairs.map(function (e) { return [at[e.from], at[e.to]]; });
    // Label boxes as relabel() measures them, at the font the fitted view will draw: first at the base
    // font; when the result would fit below the scale that keeps it, once more at the font of that fit.
    var boxes = function (fs) { return list.map(function (n) { return labelBox(n, fs); }); };
    var xy = subLayout(boxes(LABEL_BASE), links), scale = fitScale(xy);
    function fitScale(points) {
      var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
      points.forEach(function (p) { x0 = Math.min(x0, p[0]); x1 = Math.max(x1, p[0]); y0 = Math.min(y0, p[1]); y1 = Math.max(y1, p[1]); });
      return Math.min((view.width || 800) / (x1 - x0 + 200), (view.height || 600) / (y1 - y0 + 200));
    }
    if (scale * LABEL_BASE < LABEL_PX) { xy = subLayout(boxes(LABEL_PX / scale), links); }
    var pos = {};
    list.forEach(function (n, i) { pos[n.k] = xy[i]; });
    docLayout = { key: key, pos: pos };
    return pos;
  }
  // The ego of a node selected in the overview: it and its pulled neighbours on rings around it,
  // moved so that it stays at its own place; nodes drawn because their class is expanded keep theirs.
  var egoCache = { key: null, pos: null };
  function egoLayout(ego, pulled, pairs) {
    var members = ego.filter(function (k, i) { return i === 0 || pulled[k]; });
    var key = members.join(",");
    if (egoCache.key === key) { return egoCache.pos; }
    // the neighbours by class (legend order), then label, on rings around it; at the font of the fit
    // when the base font's rings would fit below the scale that keeps labels at the base font
    var byClassLabel = function (a, b) {
      return CLASS_ORDER[NODES[a].cls] - CLASS_ORDER[NODES[b].cls] || (NODES[a].label < NODES[b].label ? -1 : NODES[a].label > NODES[b].label ? 1 : a - b);
    };
    members = [members[0]].concat(members.slice(1).sort(byClassLabel));
    var view = $("graph").getBoundingClientRect();
    var rings = function (fs) { return subLayout.radial(members.map(function (k) { return labelBox(NODES[k], fs); })); };
    var xy = rings(LABEL_BASE), extent = 0;
    xy.forEach(function (p) { extent = Math.max(extent, Math.abs(p[0]), Math.abs(p[1])); });
    var scale = Math.min(view.width || 800, view.height || 600) / (2 * extent + 200);
    if (scale * LABEL_BASE < LABEL_PX) { xy = rings(LABEL_PX / scale); }
    var centre = NODES[members[0]], pos = {};
    members.forEach(function (k, i) {
      if (i === 0 || pulled[k]) { pos[k] = [centre.x + xy[i][0] - xy[0][0], centre.y + xy[i][1] - xy[0][1]]; }
    });
    egoCache = { key: key, pos: pos };
    return pos;
  }
  function labelBox(n, fs) {  // a node's label box at font fs, as relabel() measures it
    var label = n.wrapped === undefined ? (n.wrapped = wrapLabel(n.label)) : n.wrapped;
    return { w: labelWidth(label) * fs / 100 + fs * 0.3, h: fs * 1.25 * String(label).split("\n").length + fs * 0.15, size: n.size };
  }
  function visNode(n, at) {
    var c = CLASS[n.cls] || { color: "#9e9e9e", shape: "dot" };
    return {
      id: "n" + n.k, x: at ? at[0] : n.x, y: at ? at[1] : n.y, label: n.wrapped === undefined ? (n.wrapped = wrapLabel(n.label)) : n.wrapped, title: nodeTitle(n), shape: c.shape, size: n.size,
      color: { background: c.color, border: darker(c.color), highlight: { background: c.color, border: "#000" } }
    };
  }
  var EDGE_LABELS_MAX = 200, EDGE_LABELS_PER_NODE = 10;  // a ring of 13 or 30 labels around a hub overlaps (docs/screenshots/graph-5000-panel.png)
  function visEdge(e, bare) {
    var r = REL[e.rel] || { color: "#9e9e9e" }, f = e.facts[0] || {};
    var title = [relLabel(e.rel) + "：" + NODES[e.from].label + " → " + NODES[e.to].label];
    if (f.evidence) { title.push("证据 evidence: " + f.evidence); }
    if (f.doc !== null && f.doc !== undefined) { title.push("来源 source: " + docLabel(f.doc)); }
    return {
      id: "e" + e.k, from: "n" + e.from, to: "n" + e.to, label: relLabel(e.rel), title: title.join("\n"),
      // a thinned label is set below vis-network's drawThreshold (an update cannot take a label away)
      font: { size: bare ? 0.01 : 10 },
      // rgba given whole: vis-network would parse a hex colour with an opacity on every draw
      color: { color: rgba(r.color, 0.85), highlight: "#000" }, dashes: f.source === "gazetteer"
    };
  }
  function rgba(hex, alpha) {
    var v = parseInt(String(hex).slice(1), 16);
    return /^#[0-9a-f]{6}$/i.test(hex) ? "rgba(" + ((v >> 16) & 255) + "," + ((v >> 8) & 255) + "," + (v & 255) + "," + alpha + ")" : hex;
  }
  // Overview: one node per class on a ring around the laid-out graph, drawn in ring units so
  // that it reads the same at any graph size; expanded classes show inside the ring.
  var ring = (function () {
    var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    NODES.forEach(function (n) { minX = Math.min(minX, n.x); maxX = Math.max(maxX, n.x); minY = Math.min(minY, n.y); maxY = Math.max(maxY, n.y); });
    if (!NODES.length) { return { r: 600, cx: 0, cy: 0, u: 1 }; }
    var r = Math.max(600, Math.max(maxX - minX, maxY - minY) / 2 + 300);
    return { r: r, cx: (minX + maxX) / 2, cy: (minY + maxY) / 2, u: r / 600 };
  })();
  function classNode(name, count) {
    var i = DATA.classes.findIndex(function (c) { return c.name === name; });
    var angle = 2 * Math.PI * i / DATA.classes.length - Math.PI / 2, c = CLASS[name] || { color: "#9e9e9e", shape: "dot" };
    var max = DATA.classes[0] ? DATA.classes[0].count : 1;
    return {
      id: "c:" + name, x: ring.cx + ring.r * Math.cos(angle), y: ring.cy + ring.r * Math.sin(angle),
      // two lines (Chinese and count, then English): neighbours on the ring's top and bottom sit side by side
      count: count, label: (c.zh ? c.zh + " (" + count + ")\n" + c.en : name + " (" + count + ")"), title: classLabel(name) + "：" + count + " 个节点 nodes\n点击展开 click to expand",
      shape: c.shape, size: ring.u * (10 + 22 * Math.sqrt(count / max)),
      font: { size: ring.u * 26, face: FONT, strokeWidth: ring.u * 5 },
      color: { background: c.color, border: "#222" }, borderWidth: 2
    };
  }
  function aggEdge(key, a) {
    var parts = Object.keys(a.rels).sort().map(function (r) { return relLabel(r) + " ×" + a.rels[r]; });
    return {
      id: "a:" + key, from: a.from, to: a.to, n: a.n, label: String(a.n), title: parts.join("\n"),
      width: ring.u * (1 + Math.min(8, Math.log2(1 + a.n))), color: { color: rgba("#90a4ae", 0.6) },
      font: { size: ring.u * 18, face: FONT, strokeWidth: ring.u * 4 }, arrows: { to: { enabled: true, scaleFactor: 0.5 } }
    };
  }

  // ---- network -----------------------------------------------------------
  var large = NODES.length > 1000;
  var nodesDS = new vis.DataSet(), edgesDS = new vis.DataSet(), signatures = {};
  var network = new vis.Network($("graph"), { nodes: nodesDS, edges: edgesDS }, {
    physics: false, layout: { improvedLayout: false },
    interaction: { hover: !large, tooltipDelay: 250, hideEdgesOnDrag: large, hideEdgesOnZoom: large, navigationButtons: false },
    nodes: { font: { face: FONT, size: 14, strokeWidth: 3, strokeColor: "#fff" }, borderWidth: 1 },
    edges: { smooth: false, arrows: { to: { enabled: true, scaleFactor: 0.6 } }, width: 1.2, selectionWidth: 2,
      font: { face: FONT, size: 10, color: "#37474f", strokeWidth: 3, strokeColor: "#fff", align: "horizontal" } }
  });
  var ready = false, lastView = null, mapStats = { points: 0, derived: 0 };
  network.once("afterDrawing", function () { ready = true; });

  // ---- drawing cost at thousands of nodes ------------------------------------------------------
  // Most of a frame is vis-network's edges: each is drawn on its own (options, colour, save and
  // restore, a stroke, an arrowhead). Two savings, measured in docs/page.md ("Pan and zoom"):
  // * arrowheads are drawn only where they are big enough to see (ARROW_MIN_SCALE and over);
  // * while a large graph is dragged or zoomed, vis-network leaves its edges out (hideEdgesOnDrag,
  //   hideEdgesOnZoom) and the page draws them instead as plain 1 px lines, one path per colour,
  //   so that the picture keeps its structure while it moves; the edges proper (arrows, dashes,
  //   labels) come back when it stops.
  var ARROW_MIN_SCALE = 0.3, MOTION_EDGES_MAX = 12000, arrowsOn = true, motionEdges = [];
  // The flag is set on vis-network's edge objects (9.1.2, inlined: its draw reads it each frame):
  // network.setOptions would re-parse every edge, 70-230 ms at 6,500 edges, at each crossing.
  // The overview's summary edges keep theirs.
  function arrowsFor(scale) {
    if (!large) { return; }
    arrowsOn = scale >= ARROW_MIN_SCALE;
    batchEdges = !arrowsOn && !!lastView && !lastView.overview;
    var edges = network.body.edges;
    Object.keys(edges).forEach(function (id) {
      var to = edges[id].options.arrows.to;
      if (id.charAt(0) === "e" && to.enabled !== arrowsOn) { to.enabled = arrowsOn; }
    });
  }
  // [colour, dashed, [edge ids], [from id, to id, ...]] of the edges drawn
  function collectMotionEdges() {
    var groups = {};
    edgesDS.forEach(function (item) {
      var c = (item.color && item.color.color) || "#9e9e9e", key = c + (item.dashes ? "|d" : "");
      var g = groups[key] = groups[key] || [c, !!item.dashes, [], []];
      g[2].push(item.id); g[3].push(item.from, item.to);
    });
    motionEdges = Object.keys(groups).sort().map(function (key) { return groups[key]; });
  }
  // Zoomed out below ARROW_MIN_SCALE on a large graph drawn node by node (not the overview, whose
  // summary edges have labels and widths of their own), vis-network's edges are plain lines anyway
  // (no arrowhead, labels under its draw threshold): the page draws them as they are (colour,
  // 1.2 units wide, at least 1 px with the ink of a thinner line, dashed from a gazetteer; selected ones black and
  // wider), one path per colour,
  // and vis-network skips its own edge pass (its edges stay, for clicks and tooltips).
  var batchEdges = false, stillDraws = 0;
  var visDrawEdges = network.renderer._drawEdges, visDrawArrows = network.renderer._drawArrows;
  network.renderer._drawEdges = function (ctx) { if (!batchEdges) { visDrawEdges.call(this, ctx); } };
  network.renderer._drawArrows = function (ctx) { if (!batchEdges) { visDrawArrows.call(this, ctx); } };
  function strokeGroups(ctx, width, still) {
    var nodes = network.body.nodes, edges = network.body.edges, selected = [];
    ctx.save();
    ctx.lineWidth = width;
    // a line under 1 px is drawn by the canvas as a faint hairline: 1 px at the alpha that gives the same ink
    // (measured: the mean grey of the 5,000-node view at rest matches vis-network's at 0.3)
    ctx.globalAlpha = Math.max(0.3, Math.min(1, 1.2 * network.getScale()));
    motionEdges.forEach(function (group) {
      var ids = group[2], ends = group[3];
      ctx.strokeStyle = group[0];
      ctx.setLineDash(group[1] && still ? [5, 5] : []);
      ctx.beginPath();
      for (var i = 0; i < ends.length; i += 2) {
        var a = nodes[ends[i]], b = nodes[ends[i + 1]], e = edges[ids[i / 2]];
        if (!a || !b || (e && e.options.hidden)) { continue; }
        if (still && e && e.selected) { selected.push([a, b, group[1]]); continue; }
        ctx.moveTo(a.x, a.y); ctx.lineTo(b.x, b.y);
      }
      ctx.stroke();
    });
    ctx.strokeStyle = "#000"; ctx.lineWidth = width + 2;  // vis-network: width + selectionWidth
    selected.forEach(function (s) { ctx.setLineDash(s[2] ? [5, 5] : []); ctx.beginPath(); ctx.moveTo(s[0].x, s[0].y); ctx.lineTo(s[1].x, s[1].y); ctx.stroke(); });
    ctx.restore();
  }
  network.on("beforeDrawing", function (ctx) {
    var r = network.renderer;
    if (large && ((r.dragging && r.options.hideEdgesOnDrag) || (r.zooming && r.options.hideEdgesOnZoom))) {
      // past MOTION_EDGES_MAX drawn edges the lines cost more than the frame can spare (26,000 of the
      // 20,000-node graph: a drag frame 83 -> 100 ms): they are left out while moving, as vis-network does
      if (edgesDS.length > MOTION_EDGES_MAX) { return; }
      strokeGroups(ctx, 1 / network.getScale(), false);
      motionDraws += 1;
    } else if (batchEdges) {
      strokeGroups(ctx, Math.max(1.2, 1 / network.getScale()), true);
      stillDraws += 1;
    }
  });
  var motionDraws = 0;

  // ---- readable labels ------------------------------------------------------
  // A label is drawn at LABEL_PX screen pixels or more: its font grows in canvas units as the
  // view zooms out. Labels that would then overlap a label already placed are hidden (font size
  // LABEL_HIDDEN, below vis-network's drawThreshold, so it is not drawn and takes no room);
  // the selected node first, then by PageRank (node size). Runs after each render and zoom.
  var LABEL_PX = 11, LABEL_BASE = 14, LABEL_HIDDEN = 0.01, labelFont = {}, labelScale = null;
  var measureCtx = document.createElement("canvas").getContext("2d");
  var labelWidths = {};
  function labelWidth(text) {  // width of text at 100 px
    if (labelWidths[text] === undefined) {
      measureCtx.font = "100px " + FONT;
      labelWidths[text] = Math.max.apply(null, String(text).split("\n").map(function (t) { return measureCtx.measureText(t).width; }));
    }
    return labelWidths[text];
  }
  // Where many nodes are drawn (more than LABEL_CAP_NODES), at most one label per LABEL_AREA square
  // pixels of the view is placed in it, so that a 2-hop focus on a hub is not a wall of text; the
  // selected node's neighbours (overview) or the nearest hops (focus) come first, then PageRank.
  var LABEL_CAP_NODES = 300, LABEL_AREA = 7000;
  function relabel() {
    var scale = network.getScale(), fs = Math.max(LABEL_BASE, LABEL_PX / scale), cell = fs * 3;
    var items = nodesDS.get({ filter: function (item) { return item.id.charAt(0) === "n"; } });
    var sel = state.selected === null ? null : "n" + state.selected;
    var first = function (item) { return item.id === sel || item.id === cursor; };
    var egoSet = {};
    if (lastView && lastView.ego) { lastView.ego.forEach(function (k) { egoSet["n" + k] = true; }); }
    var rank = function (item) {
      if (egoSet[item.id]) { return 0; }
      var hop = state.focus === null ? undefined : focusHops[Number(item.id.slice(1))];
      return hop === undefined ? 9 : 1 + hop;
    };
    items.sort(function (a, b) { return first(b) - first(a) || rank(a) - rank(b) || b.size - a.size || (a.id < b.id ? -1 : 1); });
    var dense = items.length > LABEL_CAP_NODES, frame = $("graph").getBoundingClientRect(), cap = Infinity, inFrame = 0, view = null;
    if (dense && frame.width && frame.height) {
      var tl = network.DOMtoCanvas({ x: 0, y: 0 }), br = network.DOMtoCanvas({ x: frame.width, y: frame.height });
      view = { x0: tl.x, y0: tl.y, x1: br.x, y1: br.y };
      cap = Math.max(1, Math.floor(frame.width * frame.height / LABEL_AREA));
    }
    var seen = function (b) { return view !== null && b.x0 < view.x1 && view.x0 < b.x1 && b.y0 < view.y1 && view.y0 < b.y1; };
    var grid = {}, updates = [], placed = 0;
    var key = function (i, j) { return i + "," + j; };
    items.forEach(function (item) {
      var w = labelWidth(item.label) * fs / 100, h = fs * 1.25 * String(item.label).split("\n").length;
      var pad = fs * 0.15, box = { x0: item.x - w / 2 - pad, x1: item.x + w / 2 + pad, y0: item.y + item.size, y1: item.y + item.size + h + pad };
      var i0 = Math.floor(box.x0 / cell), i1 = Math.floor(box.x1 / cell), j0 = Math.floor(box.y0 / cell), j1 = Math.floor(box.y1 / cell);
      var free = !(seen(box) && inFrame >= cap);
      for (var i = i0; i <= i1 && free; i++) {
        for (var j = j0; j <= j1 && free; j++) {
          (grid[key(i, j)] || []).forEach(function (b) { if (b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1) { free = false; } });
        }
      }
      if (free || first(item)) {
        placed += 1;
        if (seen(box)) { inFrame += 1; }
        for (i = i0; i <= i1; i++) { for (j = j0; j <= j1; j++) { (grid[key(i, j)] = grid[key(i, j)] || []).push(box); } }
      }
      var size = free || first(item) ? fs : LABEL_HIDDEN;
      if (labelFont[item.id] !== size) { labelFont[item.id] = size; updates.push({ id: item.id, font: { size: size } }); }
    });
    labelScale = scale;
    if (updates.length) { nodesDS.update(updates); }
    arrowsFor(scale);
    viewScale(scale);
    return placed;
  }
  // The overview's class nodes and summary edges keep their size on screen at any zoom (sizes in
  // screen pixels, divided by the scale): zoomed in on a node they stay thin lines and small marks,
  // not bands as wide as the view.
  var viewScaled = {};
  function viewScale(scale) {
    if (!lastView || !lastView.overview) { return; }
    var max = DATA.classes[0] ? DATA.classes[0].count : 1, nodeUpdates = [], edgeUpdates = [];
    nodesDS.get({ filter: function (item) { return item.id.charAt(0) === "c"; } }).forEach(function (item) {
      if (viewScaled[item.id] === scale) { return; }
      viewScaled[item.id] = scale;
      nodeUpdates.push({ id: item.id, size: (8 + 16 * Math.sqrt(item.count / max)) / scale,
        font: { size: 15 / scale, face: FONT, strokeWidth: 4 / scale } });
    });
    edgesDS.get({ filter: function (item) { return item.id.charAt(0) === "a"; } }).forEach(function (item) {
      if (viewScaled[item.id] === scale) { return; }
      viewScaled[item.id] = scale;
      edgeUpdates.push({ id: item.id, width: 0.7 * (1 + Math.min(8, Math.log2(1 + item.n))) / scale,
        font: { size: 11 / scale, face: FONT, strokeWidth: 3 / scale } });
    });
    if (nodeUpdates.length) { nodesDS.update(nodeUpdates); }
    if (edgeUpdates.length) { edgesDS.update(edgeUpdates); }
  }
  // ---- keyboard: Tab into the graph, arrow keys move a cursor between the drawn nodes, Enter opens ----
  // The cursor is vis-network's selection highlight plus an announcement (#graph-status); the
  // next node is the nearest one within 60° of the arrow's direction, on screen.
  var cursor = null;
  function announce(id) {
    var text = "";
    if (id && id.charAt(0) === "n") {
      var n = NODES[Number(id.slice(1))];
      text = n.label + " · " + classLabel(n.cls) + " · " + (OUT[n.k].length + IN[n.k].length) + " 个关系 relations";
    } else if (id) {
      text = classLabel(id.slice(2)) + " · 概览 overview";
    }
    $("graph-status").textContent = text;
  }
  function setCursor(id) {
    cursor = id;
    if (id === null) { announce(null); return; }
    network.selectNodes([id]);
    var pos = network.getPositions([id])[id], dom = network.canvasToDOM(pos), box = $("graph").getBoundingClientRect();
    if (dom.x < 30 || dom.y < 30 || dom.x > box.width - 30 || dom.y > box.height - 30) {
      network.moveTo({ position: pos, animation: false });
    }
    relabel();
    announce(id);
  }
  function startCursor() {
    var ids = nodesDS.getIds();
    if (!ids.length) { return null; }
    if (state.selected !== null && nodesDS.get("n" + state.selected)) { return "n" + state.selected; }
    var centre = network.getViewPosition(), pos = network.getPositions(ids), best = null, bestD = Infinity;
    ids.forEach(function (id) {
      var d = Math.pow(pos[id].x - centre.x, 2) + Math.pow(pos[id].y - centre.y, 2);
      if (d < bestD || (d === bestD && id < best)) { best = id; bestD = d; }
    });
    return best;
  }
  var ARROWS = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };
  function nextNode(from, dir) {
    var ids = nodesDS.getIds(), pos = network.getPositions(ids), p = pos[from], best = null, bestScore = Infinity;
    ids.forEach(function (id) {
      if (id === from) { return; }
      var dx = pos[id].x - p.x, dy = pos[id].y - p.y, d = Math.sqrt(dx * dx + dy * dy);
      if (!d) { return; }
      var along = (dx * dir[0] + dy * dir[1]) / d;  // cos of the angle to the arrow
      if (along < 0.5) { return; }
      var score = d * (2 - along);  // nearer first, straighter first
      if (score < bestScore || (score === bestScore && id < best)) { best = id; bestScore = score; }
    });
    return best;
  }
  $("graph").addEventListener("focus", function () {  // from the keyboard (a click selects by itself)
    if (!$("graph").matches(":focus-visible")) { return; }
    if (cursor === null || !nodesDS.get(cursor)) { setCursor(startCursor()); } else { announce(cursor); }
  });
  $("graph").addEventListener("keydown", function (ev) {
    if (ev.target !== $("graph") || ev.altKey || ev.ctrlKey || ev.metaKey) { return; }
    if (cursor !== null && !nodesDS.get(cursor)) { cursor = null; }
    if (ARROWS[ev.key]) {
      ev.preventDefault();
      if (cursor === null) { setCursor(startCursor()); return; }
      var next = nextNode(cursor, ARROWS[ev.key]);
      if (next !== null) { setCursor(next); }
    } else if ((ev.key === "Enter" || ev.key === " ") && cursor !== null) {
      ev.preventDefault();
      if (cursor.indexOf("c:") === 0) { var name = cursor.slice(2); cursor = null; showClass(name); expandClass(name); }
      else { showNode(Number(cursor.slice(1))); }
    } else if (ev.key === "Escape" && cursor !== null) {
      cursor = null; network.unselectAll(); announce(null); relabel();
    }
  });
  $("skip-graph").addEventListener("click", function () {  // to the network, or on the map to its first point
    var point = state.view === "map" ? $("map-svg").querySelector("g.point") : null;
    if (point) { point.focus(); } else { $("graph").focus(); }
  });

  var relabelTimer = null;
  function relabelSoon() {
    if (relabelTimer !== null) { window.clearTimeout(relabelTimer); }
    relabelTimer = window.setTimeout(function () { relabelTimer = null; relabel(); }, 60);
  }
  network.on("zoom", relabelSoon);
  network.on("dragEnd", relabelSoon);  // the label cap counts the labels in view
  network.on("resize", relabelSoon);  // vis-network rescales the view when the canvas changes size

  // ---- map view (map.js) -------------------------------------------------
  var map = window.envkgMap({
    nodes: NODES, classes: CLASS, relations: REL, outlines: DATA.outlines, container: $("map-canvas"), classLabel: classLabel, darker: darker,
    onSelect: function (k) { showNode(k); drawMap(false); },
    onFocus: function (k) { focusOn(k, 1); }
  });
  delete window.envkgMap;

  // ---- scaled symbols: one indicator (and unit) drawn on the map as circles, area ∝ value ----
  // Options: the indicator-unit pairs with a positive numeric value on a node the map can place.
  function symbolKey(indicator, unit) { return indicator + "\u0001" + (unit || ""); }
  var SYMBOLS = {}, SYMBOL_KEYS = [];
  Object.keys(INDICATORS).forEach(function (name) {
    INDICATORS[name].forEach(function (it) {
      var v = numeric(it.o.value);
      if (v === null || v <= 0 || !map.onMap(it.k)) { return; }
      var key = symbolKey(name, it.o.unit);
      if (!SYMBOLS[key]) { SYMBOLS[key] = { indicator: name, unit: it.o.unit || "", places: {} }; SYMBOL_KEYS.push(key); }
      SYMBOLS[key].places[it.k] = true;
    });
  });
  var placeCount = function (key) { return Object.keys(SYMBOLS[key].places).length; };
  SYMBOL_KEYS.sort(function (a, b) {  // the indicators reported by the most places first
    return placeCount(b) - placeCount(a) || SYMBOLS[a].indicator.localeCompare(SYMBOLS[b].indicator) ||
      SYMBOLS[a].unit.localeCompare(SYMBOLS[b].unit);
  });
  (function () {
    var select = $("symbol-select");
    SYMBOL_KEYS.forEach(function (key) {
      var sy = SYMBOLS[key], o = el("option", sy.indicator + (sy.unit ? "（" + sy.unit + "）" : "") + " · " +
        Object.keys(sy.places).length + " 个地点 places");
      o.value = key; select.appendChild(o);
    });
    $("map-symbols").hidden = !SYMBOL_KEYS.length;
    select.addEventListener("change", function () { setSymbol(select.value); });
  })();
  function setSymbol(key) {
    state.symbol = key && SYMBOLS[key] ? key : null;
    $("symbol-select").value = state.symbol === null ? "" : state.symbol;
    render(false);
  }
  // A place's value: of its observations of the indicator and unit from the articles in view, those of
  // the latest year; of these the value stated most often, then the largest.
  function symbolItems(shown) {
    if (state.symbol === null) { return null; }
    var sy = SYMBOLS[state.symbol], items = [];
    shown.forEach(function (n) {
      var best = null, counts = {};
      n.obs.forEach(function (o) {
        var v = numeric(o.value);
        if (o.indicator !== sy.indicator || (o.unit || "") !== sy.unit || v === null || v <= 0) { return; }
        if (activeScope !== null && !(o.doc !== null && o.doc !== undefined && activeScope[o.doc])) { return; }
        var year = String(o.year || ""), key = year + "\u0001" + v;
        counts[key] = (counts[key] || 0) + 1;
        var cand = { k: n.k, value: v, text: String(o.value), year: o.year || null, yearKey: year, key: key };
        if (best === null || year > best.yearKey || (year === best.yearKey && (counts[key] > counts[best.key] ||
            (counts[key] === counts[best.key] && v > best.value)))) { best = cand; }
      });
      if (best !== null) { items.push({ k: best.k, value: best.value, text: best.text, year: best.year }); }
    });
    return { title: sy.indicator, unit: sy.unit, items: items };
  }
  function searchMatches() {
    var q = $("search").value.trim();
    if (!q) { return null; }
    var matches = {};
    search(q).forEach(function (n) { matches[n.k] = true; });
    return matches;
  }
  function drawMap(fit) {
    if (state.view !== "map" || !lastView || $("map").hidden) { return; }
    var isShown = {};
    lastView.mapShown.forEach(function (n) { isShown[n.k] = true; });
    var edges = EDGES.filter(function (e) { return isShown[e.from] && isShown[e.to] && edgeShown(e); });
    mapStats = map.draw({ shown: lastView.mapShown, edges: edges, selected: state.selected, matches: searchMatches(),
      symbols: symbolItems(lastView.mapShown) }, fit);
    stats();
  }
  function stats() {
    var text = nodesDS.length + " / " + NODES.length + " 节点 nodes · " + edgesDS.length + " / " + EDGES.length + " 边 edges";
    if (state.view === "map" && lastView) {
      text = "地图 Map: " + mapStats.points + " 个地点 places（" + mapStats.derived + " 个画在区划旁 beside a division）· " +
        (lastView.mapShown.length - mapStats.points) + " 个无位置 without position · " + lastView.mapShown.length + " / " + NODES.length + " 节点 nodes";
    }
    $("stats").textContent = text;
  }
  function setView(name) {
    state.view = name === "map" ? "map" : "network";
    $("map").hidden = state.view !== "map";
    $("view-map").setAttribute("aria-selected", String(state.view === "map"));
    $("view-network").setAttribute("aria-selected", String(state.view !== "map"));
    render(false);
    if (state.view === "network") { network.redraw(); }
  }

  function prune(ds, items) {
    var want = {};
    items.forEach(function (item) { want[item.id] = true; });
    var drop = ds.getIds().filter(function (id) { return !want[id]; });
    drop.forEach(function (id) { delete signatures[id]; delete labelFont[id]; delete viewScaled[id]; });
    ds.remove(drop);
  }
  function refresh(ds, items) {
    var changed = items.filter(function (item) {
      var sig = JSON.stringify(item);
      if (signatures[item.id] === sig) { return false; }
      signatures[item.id] = sig;
      delete viewScaled[item.id];
      return true;
    });
    ds.update(changed);
  }
  function render(fit) {
    var view = computeView();
    prune(edgesDS, view.edges);
    prune(nodesDS, view.nodes);
    refresh(nodesDS, view.nodes);
    refresh(edgesDS, view.edges);
    if (large) { collectMotionEdges(); }
    lastView = view;
    $("show-all").hidden = !view.overview || state.view === "map";
    $("unlinked-label").textContent = "显示无关系节点 Show " + view.unlinked + " unlinked";
    $("unlinked-toggle").hidden = view.unlinked === 0 || state.view === "map" || state.focus !== null;
    $("show-unlinked").checked = state.unlinked;
    var banner = $("banner");
    banner.textContent = "";
    if (state.focus !== null) {
      banner.appendChild(el("span", "邻域聚焦 Focus: " + NODES[state.focus].label + "（" + state.hops + " 跳 hop" + (state.hops > 1 ? "s" : "") + "）"));
      var exit = el("button", "退出聚焦 Exit focus"); exit.type = "button";
      exit.addEventListener("click", function () { state.focus = null; render(true); });
      banner.appendChild(exit);
    } else if (view.overview && state.view === "network") {
      banner.appendChild(el("span", "概览：共 " + view.shownCount + " 个节点，超过 " + DATA.threshold +
        "，按类别汇总；点击类别节点展开。Overview: " + view.shownCount + " nodes, grouped by class; click a class to expand it."));
    }
    if (LIVE && state.focus === null) { liveBanner(banner); }
    banner.hidden = !banner.textContent;
    stats();
    if (state.selected !== null && nodesDS.get("n" + state.selected)) { network.selectNodes(["n" + state.selected]); }
    if (fit) { fitView(); }
    relabel();
    drawMap(fit);
    writeHash();
  }

  // Fit the view to the nodes drawn, never closer than MAX_FIT_SCALE (one or two nodes would fill the screen).
  var MAX_FIT_SCALE = 1.2;
  // The fit is computed from the nodes' discs (class nodes: with room for their label) and a margin of screen
  // pixels for the labels: vis-network's own fit measures the labels at the fonts of the last view,
  // which relabel() sets for that view's scale, so a fit after a change depended on the view before.
  var FIT_MARGIN = { x: 60, y: 45 };
  function fitView(only) {
    var ids = only || nodesDS.getIds(), box = $("graph").getBoundingClientRect();
    if (!ids.length || !box.width || !box.height) { network.fit({ nodes: ids, animation: false }); return; }
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    ids.forEach(function (id) {
      // a class node's label (ring units, two lines of up to ~12 characters) is wider than the margin
      var node = network.body.nodes[id], r = node.options.size, wide = id.charAt(0) === "c" ? 150 * ring.u : r;
      x0 = Math.min(x0, node.x - wide); x1 = Math.max(x1, node.x + wide);
      y0 = Math.min(y0, node.y - r); y1 = Math.max(y1, node.y + r + (id.charAt(0) === "c" ? 70 * ring.u : 0));
    });
    var scale = Math.min((box.width - 2 * FIT_MARGIN.x) / Math.max(x1 - x0, 1), (box.height - 2 * FIT_MARGIN.y) / Math.max(y1 - y0, 1));
    network.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, scale: Math.max(1e-3, Math.min(scale, MAX_FIT_SCALE)), animation: false });
  }

  // ---- side panel ----------------------------------------------------------
  // On a phone the panel is a bottom sheet: it opens when something is shown in it.
  function openSheet(open) { document.body.classList.toggle("sheet-open", open); }
  var panelDoc = null;  // the document whose page the panel shows, else null
  function panel() {
    var p = $("panel"); p.textContent = "";
    panelDoc = null;
    var close = el("button", "× 关闭 Close", "sheet-close"); close.type = "button";
    close.setAttribute("aria-label", "关闭面板 Close the panel");
    close.addEventListener("click", function () { openSheet(false); });
    p.appendChild(close);
    openSheet(true);
    return p;
  }
  function button(text, onClick, className) {
    var b = el("button", text, className || "action"); b.type = "button"; b.addEventListener("click", onClick); return b;
  }
  function badge(name) {
    var c = CLASS[name] || { color: "#9e9e9e", text: "#111111" }, b = el("span", classLabel(name), "badge");
    b.style.background = c.color; b.style.color = c.text || "#111111"; return b;  // text colour: kg.page.text_color
  }
  function namesOf(k) { return [NODES[k].label].concat(NODES[k].aliases); }
  function factList(facts, names) {
    var ul = el("ul", null, "facts");
    facts.forEach(function (f) {
      var li = el("li");
      if (f.evidence) { li.appendChild(markedText("blockquote", f.evidence, names || [], "evidence")); }
      var src = (f.source === "gazetteer" ? "地名录 gazetteer" : "文本 text") + (f.doc !== null && f.doc !== undefined ? " · " + docLabel(f.doc) : "");
      li.appendChild(el("div", src, "source"));
      ul.appendChild(li);
    });
    return ul;
  }
  function showNode(k) {
    var n = NODES[k], p = panel(), moved = state.selected !== k;
    state.selected = k;
    // the overview draws the selection's neighbours, and a thinned view its relations' labels
    if (moved && lastView && (lastView.overview || lastView.thin)) {
      render(false);
      if (lastView.ego) { fitView(lastView.ego.map(function (x) { return "n" + x; })); relabel(); }
    }
    writeHash();
    p.appendChild(el("h2", n.label));
    p.appendChild(badge(n.cls));
    var dl = el("dl");
    var row = function (term, value) { if (value === null || value === undefined || value === "") { return; } dl.appendChild(el("dt", term)); dl.appendChild(el("dd", value)); };
    row("别名 Aliases", n.aliases.join("、"));
    row("行政区划代码 Admin code", n.adminCode);
    if (n.lat !== null && n.lon !== null) { row("坐标 Coordinates", n.lat + ", " + n.lon); }
    if (n.mapVia) {
      row("地图位置 On the map", "无坐标，画在 " + NODES[n.mapVia[n.mapVia.length - 1]].label + " 旁（位于 " +
        n.mapVia.map(function (i) { return NODES[i].label; }).join(" → ") + "） No coordinates; drawn beside the place it lies in");
    } else if (state.view === "map" && !map.onMap(k)) {
      row("地图位置 On the map", "不在地图上：无坐标，也不位于有坐标的地点 Not on the map: no coordinates and not located in a place with coordinates");
    }
    row("关系数 Degree", n.degree);
    row("PageRank", n.pagerank === null ? null : Number(n.pagerank).toFixed(5));
    row("IRI", n.iri);
    p.appendChild(dl);
    var actions = el("div", null, "actions");
    actions.appendChild(button("聚焦 1 跳 Focus 1 hop", function () { focusOn(k, 1); }));
    actions.appendChild(button("聚焦 2 跳 Focus 2 hops", function () { focusOn(k, 2); }));
    actions.appendChild(button("重置 Reset", resetAll));
    if (LIVE) {  // the relations shown are those of the neighbourhood loaded; its own has them all
      if (n.iri !== LIVE.centre) { actions.appendChild(button("载入其邻域 Load its neighbourhood", function () { loadNeighbourhood(n.iri, 1); })); }
      else if (LIVE.hops < 2) { actions.appendChild(button("载入 2 跳邻域 Load 2 hops", function () { loadNeighbourhood(n.iri, 2); })); }
    }
    p.appendChild(actions);
    if (n.obs.length) {
      var rows = mergeObs(n.obs.map(function (o) { return { k: k, o: o }; }));
      p.appendChild(el("h3", "观测数据 Observations (" + rows.length + ")"));
      chartsOverYears(n).forEach(function (c) { p.appendChild(c); });
      p.appendChild(obsTable(rows, false));
    }
    var groups = relationGroups(k), names = namesOf(k);
    p.appendChild(el("h3", "关系 Relations (" + (OUT[k].length + IN[k].length) + ")"));
    groups.forEach(function (g) { p.appendChild(relationGroup(g, names)); });
    if (n.docs.length) {
      p.appendChild(el("h3", "提及文档 Mentioned in (" + n.docs.length + ")"));
      var docs = el("ul", null, "facts");
      n.docs.forEach(function (d) {
        var li = el("li");
        li.appendChild(button(docLabel(d), function () { setDocument(d); }, "link"));
        docs.appendChild(li);
      });
      p.appendChild(docs);
    }
  }
  // ---- entity panel: relations by type, each sentence once, the entity marked in it ----------
  var REL_ORDER = {};
  DATA.relations.forEach(function (r, i) { REL_ORDER[r.name] = i; });
  // Where the entity's names occur in a sentence: [start, end) in characters, longest name first,
  // not overlapping, in order; compared after NFKC and case folding, character by character, so
  // that full-width letters and digits match too.
  function markRanges(chars, names) {
    var folded = "", at = [], taken = [];
    chars.forEach(function (ch, i) {
      var f = ch.normalize("NFKC").toLowerCase();
      for (var j = 0; j < f.length; j++) { at.push(i); }
      folded += f;
    });
    var keys = unique(names.map(function (x) { return String(x || "").normalize("NFKC").toLowerCase(); }));
    keys.sort(function (a, b) { return b.length - a.length || (a < b ? -1 : 1); });
    keys.forEach(function (key) {
      for (var i = folded.indexOf(key); i >= 0; i = folded.indexOf(key, i + 1)) {
        var r = [at[i], at[i + key.length - 1] + 1];
        if (!taken.some(function (t) { return t[0] < r[1] && r[0] < t[1]; })) { taken.push(r); }
      }
    });
    return taken.sort(function (a, b) { return a[0] - b[0]; });
  }
  // An element with text in which the names are <mark>ed (text nodes only: nothing is parsed).
  function markedText(tag, text, names, className) {
    var node = el(tag, null, className), chars = Array.from(String(text)), pos = 0;
    var put = function (a, b) { if (b > a) { node.appendChild(document.createTextNode(chars.slice(a, b).join(""))); } };
    markRanges(chars, names).forEach(function (r) { put(pos, r[0]); node.appendChild(el("mark", chars.slice(r[0], r[1]).join(""))); pos = r[1]; });
    put(pos, chars.length);
    return node;
  }
  // The relations of node k by relation and direction (the legend's order, outgoing first). In a
  // group, one item per evidence sentence: the entities it links k to and the number of facts
  // (relation x article) it supports; facts without a sentence (gazetteer, else none) come last.
  function relationGroups(k) {
    var groups = {}, list = [];
    var add = function (e, out) {
      var key = (out ? "o:" : "i:") + e.rel, g = groups[key], other = out ? e.to : e.from;
      if (!g) { g = groups[key] = { rel: e.rel, out: out, edges: 0, items: [], byEvidence: {} }; list.push(g); }
      g.edges += 1;
      e.facts.forEach(function (f) {
        var ek = f.evidence ? "t" + f.evidence : f.source === "gazetteer" ? "g" : "n", it = g.byEvidence[ek];
        if (!it) { it = g.byEvidence[ek] = { evidence: f.evidence || null, source: f.evidence ? "text" : f.source, others: [], count: 0, docs: [] }; g.items.push(it); }
        it.count += 1;
        if (it.others.indexOf(other) < 0) { it.others.push(other); }
        if (f.doc !== null && f.doc !== undefined && it.docs.indexOf(f.doc) < 0) { it.docs.push(f.doc); }
      });
    };
    OUT[k].forEach(function (e) { add(e, true); });
    IN[k].forEach(function (e) { add(e, false); });
    var byLabel = function (a, b) { return NODES[a].label < NODES[b].label ? -1 : NODES[a].label > NODES[b].label ? 1 : a - b; };
    list.forEach(function (g) {
      g.items.forEach(function (it) { it.others.sort(byLabel); });
      g.items.sort(function (a, b) {
        return (!a.evidence) - (!b.evidence) || b.count - a.count || byLabel(a.others[0], b.others[0]) ||
          (a.evidence < b.evidence ? -1 : a.evidence > b.evidence ? 1 : 0);
      });
    });
    return list.sort(function (a, b) { return (REL_ORDER[a.rel] || 0) - (REL_ORDER[b.rel] || 0) || b.out - a.out; });
  }
  var GROUP_ITEMS = 12;  // sentences shown per relation before "show all"
  function relationGroup(g, names) {
    var section = el("section", null, "rel-group"), ul = el("ul", null, "facts");
    section.dataset.rel = g.rel; section.dataset.dir = g.out ? "out" : "in";
    var head = el("h4", (g.out ? "→ " : "← ") + relLabel(g.rel) + " (" + g.edges + ")");
    head.title = g.out ? "本实体 → 关系 → 对方 this entity is the subject" : "对方 → 关系 → 本实体 this entity is the object";
    section.appendChild(head);
    var item = function (it) {
      var li = el("li"), who = el("div", null, "others");
      it.others.forEach(function (o, i) {
        if (i) { who.appendChild(el("span", "、")); }
        var b = button(NODES[o].label, function () { selectNode(o); }, "link"); b.title = classLabel(NODES[o].cls);
        who.appendChild(b);
      });
      li.appendChild(who);
      if (it.evidence) { li.appendChild(markedText("blockquote", it.evidence, names, "evidence")); }
      var src = el("div", null, "source");
      if (it.count > 1) { src.appendChild(el("span", "×" + it.count + " ", "count")); }
      src.appendChild(document.createTextNode(it.source === "gazetteer" ? "地名录 gazetteer" + (it.docs.length ? " · " + it.docs.map(docLabel).join("；") : "")
        : it.docs.length || it.evidence ? "文本 text" + (it.docs.length ? " · " + it.docs.map(docLabel).join("；") : "") : "无出处 no source recorded"));
      li.appendChild(src);
      return li;
    };
    g.items.slice(0, GROUP_ITEMS).forEach(function (it) { ul.appendChild(item(it)); });
    section.appendChild(ul);
    if (g.items.length > GROUP_ITEMS) {
      var more = button("显示全部 " + g.items.length + " 条 Show all " + g.items.length, function () {
        g.items.slice(GROUP_ITEMS).forEach(function (it) { ul.appendChild(item(it)); });
        more.remove();
      }, "action more");
      section.appendChild(more);
    }
    return section;
  }
  // A document page: the article's title, outlet, date and byline, then what the graph read from
  // it (a Document: from its articles too): relations with their sentences, observations, entities.
  function showDocument(d) {
    var doc = DOCS[d], scope = SCOPE[d], p = panel();
    panelDoc = d;
    var inScope = function (i) { return i !== null && i !== undefined && !!scope[i]; };
    p.appendChild(el("h2", doc.title || doc.label));
    p.appendChild(el("span", doc.kind === "Article" ? "文章 Article" : doc.kind === "Gazetteer" ? "地名录 Gazetteer" : "文档 Document", "badge doc"));
    var dl = el("dl");
    var row = function (term, value) {
      if (value === null || value === undefined || value === "") { return null; }
      dl.appendChild(el("dt", term)); var dd = el("dd", typeof value === "string" ? value : null);
      if (typeof value !== "string") { dd.appendChild(value); }
      dl.appendChild(dd); return dd;
    };
    row("来源 Outlet", doc.outlet);
    row("日期 Date", doc.date);
    row("作者 Byline", (doc.creators || []).join("、"));
    row("文件 File", doc.file);
    if (doc.parent !== null && doc.parent !== undefined) {
      row("属于 Part of", button(DOCS[doc.parent].label, function () { setDocument(doc.parent); }, "link"));
    }
    row("IRI", doc.iri);
    p.appendChild(dl);
    var actions = el("div", null, "actions");
    actions.appendChild(button("全部文档 All documents", function () { setDocument(null); }));
    p.appendChild(actions);
    var articles = DOCS.map(function (a, i) { return i; }).filter(function (i) { return DOCS[i].parent === d; });
    if (articles.length) {
      p.appendChild(el("h3", "文章 Articles (" + articles.length + ")"));
      var list = el("ul", null, "facts doc-articles");
      articles.forEach(function (i) {
        var li = el("li"); li.appendChild(button(DOCS[i].title || DOCS[i].label, function () { setDocument(i); }, "link"));
        list.appendChild(li);
      });
      p.appendChild(list);
    }
    // relations read from it, grouped by relation in the legend's order
    var rels = [];
    EDGES.forEach(function (e) {
      var facts = e.facts.filter(function (f) { return inScope(f.doc); });
      if (facts.length) { rels.push({ e: e, facts: facts }); }
    });
    var order = {};
    DATA.relations.forEach(function (r, i) { order[r.name] = i; });
    rels.sort(function (a, b) { return (order[a.e.rel] || 0) - (order[b.e.rel] || 0) || a.e.k - b.e.k; });
    p.appendChild(el("h3", "关系 Relations (" + rels.length + ")"));
    var ul = el("ul", null, "facts doc-relations");
    rels.forEach(function (r) {
      var li = el("li"), line = el("div");
      line.appendChild(button(NODES[r.e.from].label, function () { selectNode(r.e.from); }, "link"));
      line.appendChild(el("span", " → " + relLabel(r.e.rel) + " → ", "rel"));
      line.appendChild(button(NODES[r.e.to].label, function () { selectNode(r.e.to); }, "link"));
      li.appendChild(line);
      li.appendChild(factList(r.facts, namesOf(r.e.from).concat(namesOf(r.e.to))));
      ul.appendChild(li);
    });
    p.appendChild(ul);
    var obs = [];
    NODES.forEach(function (n) { n.obs.forEach(function (o) { if (inScope(o.doc)) { obs.push({ k: n.k, o: o }); } }); });
    if (obs.length) {
      var rows = mergeObs(obs);
      p.appendChild(el("h3", "观测数据 Observations (" + rows.length + ")"));
      p.appendChild(obsTable(rows, true, true));
    }
    // the entities it mentions, by class
    var mentioned = NODES.filter(function (n) { return n.docs.some(inScope); });
    p.appendChild(el("h3", "提及实体 Entities (" + mentioned.length + ")"));
    var groups = el("ul", null, "facts doc-entities");
    DATA.classes.forEach(function (c) {
      var members = mentioned.filter(function (n) { return n.cls === c.name; });
      if (!members.length) { return; }
      var li = el("li"); li.appendChild(el("span", classLabel(c.name) + " (" + members.length + ")： ", "rel"));
      members.forEach(function (n, i) {
        if (i) { li.appendChild(el("span", "、")); }
        li.appendChild(button(n.label, function () { selectNode(n.k); }, "link"));
      });
      groups.appendChild(li);
    });
    p.appendChild(groups);
  }
  function showClass(name) {
    var p = panel(), members = NODES.filter(function (n) { return n.cls === name && nodeShown(n); });
    p.appendChild(el("h2", classLabel(name)));
    p.appendChild(el("p", members.length + " 个节点 nodes"));
    p.appendChild(button("展开此类 Expand this class", function () { expandClass(name); }));
    p.appendChild(el("h3", "PageRank 最高 Top nodes"));
    var ul = el("ul", null, "facts");
    members.sort(function (a, b) { return b.pagerank - a.pagerank; }).slice(0, 50).forEach(function (n) {
      var li = el("li"); li.appendChild(button(n.label, function () { selectNode(n.k); }, "link")); ul.appendChild(li);
    });
    p.appendChild(ul);
  }
  function showEdge(k) {
    var e = EDGES[k], p = panel();
    p.appendChild(el("h2", relLabel(e.rel)));
    var line = el("div");
    line.appendChild(button(NODES[e.from].label, function () { selectNode(e.from); }, "link"));
    line.appendChild(el("span", " → "));
    line.appendChild(button(NODES[e.to].label, function () { selectNode(e.to); }, "link"));
    p.appendChild(line);
    p.appendChild(factList(e.facts, namesOf(e.from).concat(namesOf(e.to))));
  }

  function hintPanel() {
    var p = panel(); p.appendChild(el("p", "点击节点查看详情；双击聚焦邻域。Click a node for details; double-click to focus.", "hint"));
    openSheet(false);
  }
  function openDrawer(open) {
    document.body.classList.toggle("drawer-open", open);
    $("drawer-toggle").setAttribute("aria-expanded", String(open));
  }
  $("drawer-toggle").addEventListener("click", function () { openDrawer(!document.body.classList.contains("drawer-open")); });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && document.body.classList.contains("drawer-open")) { openDrawer(false); $("drawer-toggle").focus(); }
  });

  // ---- address (URL fragment) ----------------------------------------------------
  // #entity=<iri>&doc=<iri>&hide=<classes>&hiderel=<relations>&focus=<iri>&hops=<n>&unlinked&view=map&full
  // (bare #map and #full as before). A new entity or document is a new history entry (back and
  // forward move between them); other changes replace the current entry.
  function enc(s) { return encodeURIComponent(s).replace(/%3A/g, ":").replace(/%2F/g, "/").replace(/%2C/g, ","); }
  function parseHash(hash) {
    var out = {};
    String(hash || "").replace(/^#/, "").split("&").forEach(function (part) {
      if (!part) { return; }
      var i = part.indexOf("="), key = i < 0 ? part : part.slice(0, i), value = i < 0 ? "1" : part.slice(i + 1);
      try { value = decodeURIComponent(value); } catch (err) { /* keep it as written */ }
      out[key] = value;
    });
    if (out.map) { out.view = "map"; }
    return out;
  }
  function hashOf() {
    var parts = [], off = function (m) { return Object.keys(m).filter(function (x) { return !m[x]; }).sort(); };
    if (state.selected !== null) { parts.push("entity=" + enc(NODES[state.selected].iri)); }
    if (state.doc !== null) { parts.push("doc=" + enc(DOCS[state.doc].iri)); }
    if (state.year !== null) { parts.push("year=" + enc(state.year)); }
    if (off(state.classes).length) { parts.push("hide=" + off(state.classes).map(enc).join(",")); }
    if (off(state.relations).length) { parts.push("hiderel=" + off(state.relations).map(enc).join(",")); }
    if (state.focus !== null) { parts.push("focus=" + enc(NODES[state.focus].iri), "hops=" + state.hops); }
    if (state.unlinked) { parts.push("unlinked"); }
    if (state.view === "map") { parts.push("view=map"); }
    if (state.symbol !== null) {
      parts.push("symbol=" + enc(SYMBOLS[state.symbol].indicator));
      if (SYMBOLS[state.symbol].unit) { parts.push("symunit=" + enc(SYMBOLS[state.symbol].unit)); }
    }
    if (state.full) { parts.push("full"); }
    return parts.length ? "#" + parts.join("&") : "";
  }
  var applyingHash = false, lastAddress = { entity: null, doc: null };
  function writeHash() {
    if (applyingHash || !started) { return; }
    var target = hashOf(), current = window.location.hash;
    if (target === current || (target === "" && current === "#")) { return; }
    var url = window.location.pathname + window.location.search + target;
    var moved = state.selected !== lastAddress.entity || state.doc !== lastAddress.doc;
    lastAddress = { entity: state.selected, doc: state.doc };
    try {
      if (moved) { window.history.pushState(null, "", url); } else { window.history.replaceState(null, "", url); }
    } catch (err) { /* history unavailable (sandboxed frame): the address just does not follow */ }
  }
  function findIri(iri) { return NODES.findIndex(function (n) { return n.iri === iri; }); }
  function stateFromHash(h) {
    var names = function (v) { var m = {}; String(v || "").split(",").forEach(function (x) { if (x) { m[x] = true; } }); return m; };
    var hide = names(h.hide), hideRel = names(h.hiderel);
    Object.keys(state.classes).forEach(function (c) { state.classes[c] = !hide[c]; });
    Object.keys(state.relations).forEach(function (r) { state.relations[r] = !hideRel[r]; });
    var d = h.doc ? DOCS.findIndex(function (x) { return x.iri === h.doc; }) : -1;
    state.doc = d < 0 ? null : d;
    $("doc-select").value = state.doc === null ? "" : String(state.doc);
    state.year = h.year && YEARS[h.year] ? h.year : null;
    $("year-select").value = state.year === null ? "" : state.year;
    var f = h.focus ? findIri(h.focus) : -1;
    state.focus = f < 0 ? null : f; state.hops = Number(h.hops) === 2 ? 2 : 1;
    state.unlinked = !!h.unlinked; state.full = !!h.full || initialFull;
    var sym = h.symbol ? symbolKey(h.symbol, h.symunit) : null;
    state.symbol = sym !== null && SYMBOLS[sym] ? sym : null;
    $("symbol-select").value = state.symbol === null ? "" : state.symbol;
    syncChecks();
  }
  function selectFromHash(h) {
    var k = h.entity ? findIri(h.entity) : -1;
    if (k >= 0) {
      selectNode(k);
    } else {
      if (state.selected !== null) { state.selected = null; network.unselectAll(); drawMap(false); }
      // no entity: the document's page, else the hint (when the panel showed something)
      if (state.doc !== null) { showDocument(state.doc); } else if ($("panel").querySelector("h2")) { hintPanel(); }
    }
    lastAddress = { entity: state.selected, doc: state.doc };
  }
  function applyHash(h) {
    applyingHash = true;
    stateFromHash(h);
    var view = h.view === "map" ? "map" : "network";
    if (view !== state.view) { setView(view); }
    render(true);
    selectFromHash(h);
    applyingHash = false;
  }
  function onAddressChange() { if (window.location.hash !== hashOf()) { applyHash(parseHash(window.location.hash)); } }
  window.addEventListener("popstate", onAddressChange);
  window.addEventListener("hashchange", onAddressChange);

  // ---- observations ------------------------------------------------------------
  // Rows with the same indicator, value, unit, year and sentence are one row with a count.
  function mergeObs(items) {
    var rows = [], byKey = {};
    items.forEach(function (it) {
      var o = it.o, key = [it.k, o.indicator, o.value, o.unit, o.year, o.evidence].join("\u0001");
      var row = byKey[key];
      if (!row) { row = byKey[key] = { k: it.k, o: o, count: 0, docs: [], conflicts: [] }; rows.push(row); }
      row.count += 1;
      if (o.doc !== null && o.doc !== undefined && row.docs.indexOf(o.doc) < 0) { row.docs.push(o.doc); }
      if (o.conflict && row.conflicts.indexOf(o.conflict) < 0) { row.conflicts.push(o.conflict); }
    });
    return rows;
  }
  function obsTable(rows, withSubject, withIndicator) {
    var table = el("table", null, "obs"), head = el("tr");
    var both = withSubject && withIndicator;
    var cols = (withSubject ? ["对象 Subject"] : []).concat(withIndicator || !withSubject ? ["指标 Indicator"] : [])
      .concat(["数值 Value", "单位 Unit", "年份 Year"]);
    cols.forEach(function (h) { head.appendChild(el("th", h)); });
    table.appendChild(head);
    rows.forEach(function (row) {
      var o = row.o, tr = el("tr", null, "obs-row");
      var first = el("td");
      if (withSubject) { first.appendChild(button(NODES[row.k].label, function () { selectNode(row.k); }, "link")); }
      else { first.appendChild(button(o.indicator, function () { showIndicator(o.indicator); }, "link")); }
      tr.appendChild(first);
      if (both) {
        var ind = el("td"); ind.appendChild(button(o.indicator, function () { showIndicator(o.indicator); }, "link"));
        tr.appendChild(ind);
      }
      var value = el("td", o.value, "num");  // as written in the graph: 13, not 13.0
      if (row.conflicts.length) {  // another article gives a different value for the same year
        value.appendChild(el("div", "≠ 分歧 Conflict: " + row.conflicts.join("；"), "conflict"));
        tr.className += " conflict";
      }
      tr.appendChild(value);
      tr.appendChild(el("td", o.unit)); tr.appendChild(el("td", o.year));
      table.appendChild(tr);
      var ev = el("tr", null, "obs-evidence" + (row.conflicts.length ? " conflict" : "")), td = el("td");
      td.colSpan = cols.length;
      if (o.evidence) { td.appendChild(markedText("div", o.evidence, namesOf(row.k), "evidence")); }  // its subject marked
      var src = row.docs.map(docLabel).join("；");
      if (row.count > 1) { td.appendChild(el("span", "×" + row.count + " ", "count")); }
      if (src) { td.appendChild(el("span", src, "source")); }
      ev.appendChild(td); table.appendChild(ev);
    });
    return table;
  }
  function numeric(v) { var x = Number(v); return v === null || v === undefined || v === "" || !isFinite(x) ? null : x; }
  var SVGNS = "http:\/\/www.w3.org\/2000\/svg";
  function svgEl(tag, attrs, text) {
    var node = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  // A small bar chart: bars [{label, value, text}] (value numeric, text as written).
  function barChart(title, bars, unit, kind) {
    var W = 340, H = 150, top = 18, bottom = 30, left = 8, n = bars.length, gap = 6;
    var max = Math.max.apply(null, bars.map(function (b) { return b.value; }).concat([0]));
    var min = Math.min.apply(null, bars.map(function (b) { return b.value; }).concat([0]));
    var span = max - min || 1, bw = Math.min(48, (W - 2 * left - gap * (n - 1)) / n);
    var zero = top + (H - top - bottom) * max / span;
    var figure = el("figure", null, "chart"); figure.dataset.kind = kind;
    figure.appendChild(el("figcaption", title + (unit ? "（" + unit + "）" : "")));
    var svg = svgEl("svg", { viewBox: "0 0 " + W + " " + H, width: "100%", role: "img", "aria-label": title });
    svg.appendChild(svgEl("line", { x1: left, x2: W - left, y1: zero, y2: zero, "class": "axis" }));
    bars.forEach(function (b, i) {
      var x = left + i * (bw + gap), h = (H - top - bottom) * Math.abs(b.value) / span, y = b.value >= 0 ? zero - h : zero;
      var g = svgEl("g", { "class": "bar" }); g.dataset.label = b.label; g.dataset.value = b.text;
      g.appendChild(svgEl("title", {}, b.label + "：" + b.text + (unit ? " " + unit : "")));
      g.appendChild(svgEl("rect", { x: x.toFixed(1), y: y.toFixed(1), width: bw.toFixed(1), height: Math.max(1, h).toFixed(1) }));
      g.appendChild(svgEl("text", { x: (x + bw / 2).toFixed(1), y: (y - 4).toFixed(1), "text-anchor": "middle", "class": "value" }, b.text));
      var name = b.label.length > 6 && n > 4 ? b.label.slice(0, 5) + "…" : b.label;
      g.appendChild(svgEl("text", { x: (x + bw / 2).toFixed(1), y: H - bottom + 14, "text-anchor": "middle", "class": "name" }, name));
      svg.appendChild(g);
    });
    figure.appendChild(svg);
    return figure;
  }
  // For one entity: a chart per indicator and unit that it has in two years or more.
  function chartsOverYears(n) {
    var groups = {}, order = [];
    n.obs.forEach(function (o) {
      var v = numeric(o.value);
      if (v === null || !o.year) { return; }
      var key = o.indicator + "\u0001" + (o.unit || "");
      if (!groups[key]) { groups[key] = { indicator: o.indicator, unit: o.unit, years: {} }; order.push(key); }
      if (!groups[key].years[o.year]) { groups[key].years[o.year] = { label: String(o.year), value: v, text: String(o.value) }; }
    });
    return order.filter(function (key) { return Object.keys(groups[key].years).length >= 2; }).map(function (key) {
      var g = groups[key], years = Object.keys(g.years).sort();
      return barChart(g.indicator + " · 历年 by year", years.map(function (y) { return g.years[y]; }), g.unit, "years");
    });
  }
  // For one indicator: a chart per year and unit across the places that report it (two or more).
  function chartsAcrossPlaces(name) {
    var groups = {}, order = [];
    INDICATORS[name].forEach(function (it) {
      var o = it.o, v = numeric(o.value);
      if (v === null || !o.year) { return; }
      var key = o.year + "\u0001" + (o.unit || "");
      if (!groups[key]) { groups[key] = { year: o.year, unit: o.unit, places: {}, order: [] }; order.push(key); }
      if (!groups[key].places[it.k]) { groups[key].places[it.k] = { label: NODES[it.k].label, value: v, text: String(o.value) }; groups[key].order.push(it.k); }
    });
    order.sort().reverse();
    return order.filter(function (key) { return groups[key].order.length >= 2; }).map(function (key) {
      var g = groups[key];
      var bars = g.order.map(function (k) { return g.places[k]; }).sort(function (a, b) { return b.value - a.value; });
      return barChart(name + " · " + g.year + " 年各地 across places", bars, g.unit, "places");
    });
  }
  function showIndicator(name) {
    var p = panel(), items = INDICATORS[name] || [];
    p.appendChild(el("h2", name));
    p.appendChild(el("span", "指标 Indicator", "badge indicator"));
    var subjects = {};
    items.forEach(function (it) { subjects[it.k] = true; });
    p.appendChild(el("p", items.length + " 条观测 observations · " + Object.keys(subjects).length + " 个对象 subjects", "muted"));
    chartsAcrossPlaces(name).forEach(function (c) { p.appendChild(c); });
    p.appendChild(el("h3", "观测数据 Observations"));
    var rows = mergeObs(items.slice().sort(function (a, b) {
      return String(b.o.year || "").localeCompare(String(a.o.year || "")) || NODES[a.k].label.localeCompare(NODES[b.k].label);
    }));
    p.appendChild(obsTable(rows, true));
  }

  // ---- actions -----------------------------------------------------------------
  function focusOn(k, hops) { state.focus = k; state.hops = hops; render(true); selectNode(k); }
  function expandClass(name) { state.expanded[name] = true; render(false); }
  function ensureVisible(k) {
    var n = NODES[k];
    if (!state.classes[n.cls]) { state.classes[n.cls] = true; syncChecks(); }
    refreshScope();
    if (activeScope !== null && !nodeShown(n)) {
      state.doc = null; state.year = null; $("doc-select").value = ""; $("year-select").value = ""; refreshScope();
    }
    if (state.focus !== null && !focusSet()[k]) { state.focus = null; }
    if (!LINKED[k] && !state.unlinked) { state.unlinked = true; }
    render(false);  // in the overview the selected node is drawn with its neighbours (computeView)
  }
  function selectNode(k) {
    state.selected = k;
    ensureVisible(k);
    network.selectNodes(["n" + k]);
    showNode(k);
    if (lastView.ego) {  // the overview: fit the node and its neighbours
      fitView(lastView.ego.map(function (x) { return "n" + x; }));
      relabel(); drawMap(false); map.reveal(k);
      return;
    }
    if (LIVE && !started && NODES[k].iri === LIVE.centre) {  // a live page opens on its whole neighbourhood
      relabel(); drawMap(false); map.reveal(k);
      return;
    }
    // centred in the part of the graph the panel leaves free (on a phone the panel is a bottom sheet)
    var sheet = $("panel"), over = window.getComputedStyle(sheet).position === "fixed" ? sheet.getBoundingClientRect().height : 0;
    network.focus("n" + k, { scale: Math.max(network.getScale(), 0.8), offset: { x: 0, y: -over / 2 }, animation: false });
    relabel();
    drawMap(false);
    map.reveal(k);
  }
  // Choosing a document shows it (and only it) and opens its page in the panel; the entity
  // selection gives way to it.
  function setDocument(d) {
    state.doc = d === null || d === "" ? null : Number(d);
    $("doc-select").value = state.doc === null ? "" : String(state.doc);
    state.focus = null;
    if (state.doc !== null) { state.selected = null; network.unselectAll(); }
    render(true);
    if (state.doc !== null) { showDocument(state.doc); } else if (panelDoc !== null) { hintPanel(); }
  }
  function resetAll() {
    state.focus = null; state.doc = null; state.year = null; state.expanded = {}; state.selected = null; state.unlinked = false;
    state.symbol = null; $("symbol-select").value = "";
    $("year-select").value = "";
    Object.keys(state.classes).forEach(function (c) { state.classes[c] = true; });
    Object.keys(state.relations).forEach(function (r) { state.relations[r] = true; });
    state.full = initialFull;
    $("doc-select").value = ""; $("search").value = ""; $("search-status").textContent = ""; setExpanded(false);
    syncChecks(); network.unselectAll(); render(true);
    hintPanel();
  }

  // ---- search --------------------------------------------------------------------
  function search(query) {
    var q = norm(query);
    if (!q) { return []; }
    var has = function (keys) { return keys.some(function (key) { return key.indexOf(q) >= 0; }); };
    // names and aliases first, then subjects found through one of their indicators
    var rank = function (n) { return n.keys[0] === q ? 0 : has(n.keys) ? 1 : 2; };
    var hits = NODES.filter(function (n) { return has(n.keys) || has(n.indKeys); });
    hits.sort(function (a, b) {
      return rank(a) - rank(b) || b.pagerank - a.pagerank || a.label.localeCompare(b.label);
    });
    return hits;
  }
  function searchIndicators(query) {
    var q = norm(query);
    return q ? INDICATOR_NAMES.filter(function (name) { return norm(name).indexOf(q) >= 0; }) : [];
  }
  // The search box is an ARIA combobox: the list is a listbox of options; arrow keys move
  // aria-activedescendant, Enter selects (the first result when none is active), Escape closes;
  // #search-status (a live region) says how many results there are.
  var MAX_RESULTS = 30, searchHits = [], activeHit = -1;
  function setExpanded(open) {
    $("search-results").hidden = !open;
    $("search").setAttribute("aria-expanded", String(open));
    if (!open) { setActive(-1); }
  }
  function setActive(i) {
    var options = $("search-results").querySelectorAll("[role=option]");
    activeHit = i;
    options.forEach(function (o, j) { o.setAttribute("aria-selected", String(j === i)); });
    if (i >= 0 && options[i]) {
      $("search").setAttribute("aria-activedescendant", options[i].id);
      options[i].scrollIntoView({ block: "nearest" });
    } else {
      $("search").removeAttribute("aria-activedescendant");
    }
  }
  function chooseHit(i) {
    var hit = searchHits[i];
    if (!hit) { return; }
    setExpanded(false);
    if (hit.remote) { loadNeighbourhood(hit.iri, 1); } else if (hit.indicator) { showIndicator(hit.indicator); } else { selectNode(hit.k); }
  }
  function showResults() {
    var list = $("search-results"), query = $("search").value.trim(), q = norm(query), hits = search(query);
    var indicators = searchIndicators(query).slice(0, 5).map(function (name) { return { indicator: name }; });
    searchHits = indicators.concat(hits).slice(0, MAX_RESULTS);
    var remote = liveHits(query);
    searchHits = searchHits.concat(remote.slice(0, Math.max(0, MAX_RESULTS - searchHits.length)));
    list.textContent = "";
    searchHits.forEach(function (n, i) {
      var li = el("li"); li.id = "search-option-" + i; li.setAttribute("role", "option"); li.setAttribute("aria-selected", "false");
      if (n.remote) {
        li.appendChild(el("span", n.label + " ", "name"));
        li.appendChild(el("span", classLabel(n.cls), "cls"));
        li.appendChild(el("span", "端点 endpoint · 载入邻域 load its neighbourhood", "via"));
      } else if (n.indicator) {
        li.appendChild(el("span", n.indicator + " ", "name"));
        li.appendChild(el("span", "指标 indicator · " + INDICATORS[n.indicator].length + " 条观测 observations", "cls"));
      } else {
        li.appendChild(el("span", n.label + " ", "name"));
        li.appendChild(el("span", classLabel(n.cls), "cls"));
        if (!n.keys.some(function (key) { return key.indexOf(q) >= 0; })) {
          var via = n.obs.map(function (o) { return o.indicator; }).filter(function (x, j, all) { return norm(x).indexOf(q) >= 0 && all.indexOf(x) === j; });
          li.appendChild(el("span", "指标 indicator: " + via.join("、"), "via"));
        }
      }
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); });  // the box keeps the focus
      li.addEventListener("click", function () { chooseHit(i); });
      list.appendChild(li);
    });
    var total = indicators.length + hits.length + remote.length;
    $("search-status").textContent = !query ? "" : !total ? (LIVE && liveSearch.pending ? "正在搜索端点 Searching the endpoint…" : "无结果 No match") :
      total + " 个结果 results" + (total > MAX_RESULTS ? "（显示前 " + MAX_RESULTS + " shown）" : "") +
      (LIVE && liveSearch.pending ? " · 正在搜索端点 searching the endpoint…" : "");
    setExpanded(searchHits.length > 0);
    return hits;
  }
  $("search").addEventListener("input", function () { askEndpoint($("search").value.trim()); showResults(); drawMap(false); });

  // ---- live page: search the whole graph at the endpoint, load another neighbourhood ------------
  // The search sends LIVE.search (SPARQL, the text as a string literal, lower case) to the page's own
  // server 250 ms after the last keystroke; the answers not loaded here are listed after the local
  // ones, and choosing one loads the page of its neighbourhood (/?entity=IRI).
  var liveSearch = { query: null, hits: [], pending: false, timer: null, failed: false };
  function loadNeighbourhood(iri, hops) {
    window.location.assign(window.location.pathname + "?entity=" + encodeURIComponent(iri) + (hops > 1 ? "&hops=2" : "") +
      "#entity=" + enc(iri));
  }
  var LOADED = {};  // IRIs of the nodes on this page (the local search finds them)
  NODES.forEach(function (n) { LOADED[n.iri] = true; });
  function liveHits(query) {
    if (!LIVE || liveSearch.query !== query) { return []; }
    return liveSearch.hits.filter(function (h) { return !LOADED[h.iri]; });
  }
  function askEndpoint(query) {
    if (!LIVE) { return; }
    if (liveSearch.timer !== null) { window.clearTimeout(liveSearch.timer); liveSearch.timer = null; }
    if (!query) { liveSearch.query = null; liveSearch.hits = []; liveSearch.pending = false; return; }
    liveSearch.pending = true;
    liveSearch.timer = window.setTimeout(function () {
      liveSearch.timer = null;
      var sparql = LIVE.prefixes + LIVE.search.split(LIVE.mark).join(JSON.stringify(query.toLowerCase()));
      window.fetch(LIVE.endpoint, { method: "POST", body: sparql,
        headers: { "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json" } })
        .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
        .then(function (json) {
          if ($("search").value.trim() !== query) { return; }
          var byIri = {}, hits = [];
          json.results.bindings.forEach(function (b) {
            var iri = b.e.value, cls = b.cls.value.replace(/^.*[#\/]/, "");
            if (!byIri[iri]) { byIri[iri] = { remote: true, iri: iri, label: b.label.value, cls: cls }; hits.push(byIri[iri]); }
            else if (byIri[iri].cls === "AdministrativeDivision" || byIri[iri].cls === "WaterBody") { byIri[iri].cls = cls; }
          });
          hits.sort(function (a, b) { return a.label.length - b.label.length || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0); });
          liveSearch.query = query; liveSearch.hits = hits; liveSearch.pending = false; liveSearch.failed = false;
          showResults();
        })
        .catch(function () {
          liveSearch.pending = false; liveSearch.failed = true;
          $("search-status").textContent = "端点搜索失败 The endpoint search failed";
        });
    }, 250);
  }
  function liveBanner(banner) {
    var centre = NODES.find(function (n) { return n.iri === LIVE.centre; });
    banner.appendChild(el("span", "服务器模式 Live: " + (centre ? centre.label + " 的 " + LIVE.hops + " 跳邻域 the " + LIVE.hops +
      "-hop neighbourhood of " + centre.label + "（" + NODES.length + " 个节点 nodes" +
      (LIVE.truncated ? "，只取前 " + LIVE.limit + " 个邻居 first " + LIVE.limit + " neighbours" : "") + "）"
      : "图为空 the graph is empty") + " · 搜索查询整个图 the search looks in the whole graph"));
    if (centre && LIVE.hops < 2) {
      var two = el("button", "2 跳 2 hops"); two.type = "button";
      two.addEventListener("click", function () { loadNeighbourhood(LIVE.centre, 2); });
      banner.appendChild(two);
    }
  }
  $("search").addEventListener("keydown", function (ev) {
    var open = !$("search-results").hidden;
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (!open) { showResults(); }
      if (!searchHits.length) { return; }
      var down = ev.key === "ArrowDown";
      setActive(activeHit < 0 ? (down ? 0 : searchHits.length - 1) : Math.max(0, Math.min(searchHits.length - 1, activeHit + (down ? 1 : -1))));
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      var active = open ? activeHit : -1;
      showResults();
      chooseHit(active >= 0 ? active : 0);
    } else if (ev.key === "Escape") {
      setExpanded(false);
    }
  });
  $("search").addEventListener("blur", function () { setExpanded(false); });

  // ---- legend / filters ------------------------------------------------------------
  function swatch(shape, color) {
    var c = document.createElement("canvas"), g = c.getContext("2d"), s = 14, m = s / 2, r = 5.5;
    c.width = s; c.height = s; g.fillStyle = color; g.strokeStyle = darker(color); g.beginPath();
    var poly = function (pts) { pts.forEach(function (p, i) { if (i) { g.lineTo(m + p[0] * r, m + p[1] * r); } else { g.moveTo(m + p[0] * r, m + p[1] * r); } }); g.closePath(); };
    if (shape === "square") { g.rect(m - r, m - r, 2 * r, 2 * r); }
    else if (shape === "triangle") { poly([[0, -1], [1, 0.8], [-1, 0.8]]); }
    else if (shape === "triangleDown") { poly([[0, 1], [1, -0.8], [-1, -0.8]]); }
    else if (shape === "diamond") { poly([[0, -1.2], [1.2, 0], [0, 1.2], [-1.2, 0]]); }
    else if (shape === "hexagon") { poly([0, 1, 2, 3, 4, 5].map(function (i) { var a = Math.PI / 3 * i; return [Math.cos(a), Math.sin(a)]; })); }
    else if (shape === "star") { poly([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(function (i) { var a = Math.PI / 5 * i - Math.PI / 2, q = i % 2 ? 0.45 : 1.2; return [q * Math.cos(a), q * Math.sin(a)]; })); }
    else { g.arc(m, m, r, 0, 2 * Math.PI); }
    g.fill(); g.stroke();
    return c;
  }
  function line(color) {
    var c = document.createElement("canvas"), g = c.getContext("2d");
    c.width = 18; c.height = 10; g.strokeStyle = color; g.lineWidth = 3; g.beginPath(); g.moveTo(0, 5); g.lineTo(18, 5); g.stroke();
    return c;
  }
  function filterRow(list, kind, name, icon, text, count) {
    var li = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox"; box.checked = true; box.dataset.kind = kind; box.dataset.name = name;
    box.addEventListener("change", function () { state[kind][name] = box.checked; render(true); });
    label.appendChild(box); label.appendChild(icon); label.appendChild(el("span", text)); label.appendChild(el("span", count, "count"));
    li.appendChild(label); list.appendChild(li);
  }
  DATA.classes.forEach(function (c) { filterRow($("class-filters"), "classes", c.name, swatch(c.shape, c.color), c.zh + " " + c.en, c.count); });
  DATA.relations.forEach(function (r) { filterRow($("relation-filters"), "relations", r.name, line(r.color), relLabel(r.name), r.count); });
  function syncChecks() {
    document.querySelectorAll("#legend input[type=checkbox]").forEach(function (box) { box.checked = !!state[box.dataset.kind][box.dataset.name]; });
  }
  document.querySelectorAll("#legend .bulk button").forEach(function (b) {
    b.addEventListener("click", function () {
      var on = b.dataset.on === "1", map = state[b.dataset.bulk];
      Object.keys(map).forEach(function (key) { map[key] = on; });
      syncChecks(); render(true);
    });
  });
  $("show-unlinked").addEventListener("change", function () { state.unlinked = $("show-unlinked").checked; render(true); });

  // ---- documents ---------------------------------------------------------------------
  // The selector names an article by its title, date and outlet. A file of one article is listed
  // as that article (its own option is kept, hidden, for an address that names the file); a file
  // of several as the file with its articles under it. Past DOC_GROUP_MIN entries the options are
  // grouped (by year when the articles have years, else by outlet) and a filter box narrows them.
  var DOC_GROUP_MIN = 20, DOC_TITLE_MAX = 40;
  function clip(text, max) { var c = Array.from(String(text)); return c.length > max ? c.slice(0, max - 1).join("") + "…" : String(text); }
  function docOptionText(d) {
    var doc = DOCS[d];
    return [clip(doc.title || doc.label, DOC_TITLE_MAX), doc.date, doc.outlet].filter(function (x) { return x; }).join(" · ");
  }
  var docOptions = [];  // [{option, keys, listed}]
  (function () {
    var select = $("doc-select"), children = DOCS.map(function () { return []; });
    DOCS.forEach(function (d, i) { if (d.parent !== null && d.parent !== undefined) { children[d.parent].push(i); } });
    var byYear = DOCS.some(function (d) { return d.year; });
    var entries = [];  // top-level entries: {group, rows: [{d, text, listed}]}
    DOCS.forEach(function (d, i) {
      if (d.parent !== null && d.parent !== undefined) { return; }
      var kids = children[i], rows;
      if (d.kind === "Document" && kids.length === 1) {
        rows = [{ d: kids[0], text: docOptionText(kids[0]), listed: true }, { d: i, text: docOptionText(kids[0]), listed: false }];
      } else {
        rows = [{ d: i, text: kids.length ? (d.title || d.label) + "（" + kids.length + " 篇 articles）" : docOptionText(i), listed: true }]
          .concat(kids.map(function (j) { return { d: j, text: "\u3000" + docOptionText(j), listed: true }; }));
      }
      var lead = DOCS[rows[0].d], first = kids.length ? DOCS[kids[0]] : d;
      var group = d.kind === "Gazetteer" ? "\uffff" : byYear ? (lead.year || first.year || "") : (lead.outlet || first.outlet || "");
      entries.push({ group: group, rows: rows });
    });
    var grouped = entries.length > DOC_GROUP_MIN, groups = {}, names = [];
    entries.forEach(function (e) { if (!groups[e.group]) { groups[e.group] = []; names.push(e.group); } groups[e.group].push(e); });
    names.sort(function (a, b) {  // gazetteers and the undated / no-outlet group last; years newest first, outlets largest first
      var last = function (g) { return g === "\uffff" ? 2 : g === "" ? 1 : 0; };
      return last(a) - last(b) || (byYear ? (a < b ? 1 : a > b ? -1 : 0) : groups[b].length - groups[a].length || (a < b ? -1 : a > b ? 1 : 0));
    });
    names.forEach(function (g) {
      var parent = select;
      if (grouped) {
        var label = g === "\uffff" ? "地名录 Gazetteers" : byYear ? (g ? g + " 年" : "未注明年份 undated") : (g ? "来源 " + g : "未注明来源 no outlet");
        parent = el("optgroup"); parent.label = label + "（" + groups[g].length + "）"; select.appendChild(parent);
      }
      groups[g].forEach(function (e) {
        e.rows.forEach(function (r) {
          var doc = DOCS[r.d], o = el("option", r.text);
          o.value = String(r.d); o.hidden = !r.listed;
          o.title = [doc.title, doc.file, doc.date, doc.outlet].filter(function (x) { return x; }).join(" · ");
          parent.appendChild(o);
          docOptions.push({ option: o, group: parent, listed: r.listed,
            key: norm([doc.title, doc.label, doc.file, doc.date, doc.outlet].concat(doc.creators || []).join(" ")) });
        });
      });
    });
    $("doc-filter").hidden = !grouped;
    select.addEventListener("change", function () { setDocument(select.value); });
  })();
  // Narrow the document options to those whose title, file, date, outlet or byline contain the query.
  function filterDocuments(query) {
    var q = norm(query), shown = 0, listed = 0;
    docOptions.forEach(function (it) {
      var match = !q || it.key.indexOf(q) >= 0;
      it.option.hidden = !it.listed || !match;
      if (it.listed) { listed += 1; if (match) { shown += 1; } }
    });
    $("doc-select").querySelectorAll("optgroup").forEach(function (g) {
      g.hidden = !Array.prototype.some.call(g.children, function (o) { return !o.hidden; });
    });
    $("doc-filter-status").textContent = q ? shown + " / " + listed : "";
    return shown;
  }
  $("doc-filter").addEventListener("input", function () { filterDocuments($("doc-filter").value); });
  $("doc-filter").addEventListener("keydown", function (ev) {  // Enter opens the first document that matches
    if (ev.key !== "Enter") { return; }
    ev.preventDefault();
    var first = docOptions.find(function (it) { return !it.option.hidden; });
    if (first) { setDocument(first.option.value); }
  });
  // Years of the articles (dcterms:date, else a date in the file name), with their article counts.
  var YEARS = {};
  DOCS.forEach(function (d) { if (d.year && d.kind !== "Document") { YEARS[d.year] = (YEARS[d.year] || 0) + 1; } });
  DOCS.forEach(function (d, i) {  // a document whose articles carry no year of their own counts once
    if (d.year && d.kind === "Document" && !DOCS.some(function (a) { return a.parent === i && a.year; })) { YEARS[d.year] = (YEARS[d.year] || 0) + 1; }
  });
  (function () {
    var select = $("year-select");
    Object.keys(YEARS).sort().reverse().forEach(function (y) {
      var o = el("option", y + " 年（" + YEARS[y] + " 篇 articles）"); o.value = y; select.appendChild(o);
    });
    $("year-control").hidden = !Object.keys(YEARS).length;
    select.addEventListener("change", function () { setYear(select.value); });
  })();
  function setYear(y) {
    state.year = y ? String(y) : null;
    $("year-select").value = state.year === null ? "" : state.year;
    state.focus = null;
    render(true);
  }

  // ---- export the current view -------------------------------------------------------------
  // CSV: the entities of the view (drawn, or inside a class summary of the overview; on the map,
  // every place in scope) and the relations shown between them; PNG: the network canvas or the map.
  var CSV_COLUMNS = ["kind", "label", "class", "class_label", "iri", "from_iri", "from_label", "to_iri", "to_label",
    "evidence", "documents"];
  function csvField(value) {
    var s = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(s)) { s = "'" + s; }  // never read as a formula by a spreadsheet
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function unique(list) { return list.filter(function (x, i) { return x && list.indexOf(x) === i; }); }
  function viewRows() {
    var inView = state.view === "map" ? lastView.mapShown : lastView.shown, isIn = {}, rows = [];
    inView.forEach(function (n) { isIn[n.k] = true; });
    NODES.forEach(function (n) {
      if (!isIn[n.k]) { return; }
      rows.push({ kind: "node", label: n.label, "class": n.cls, class_label: classLabel(n.cls), iri: n.iri,
        documents: n.docs.map(docLabel).join("；") });
    });
    EDGES.forEach(function (e) {
      if (!isIn[e.from] || !isIn[e.to] || !edgeShown(e)) { return; }
      var facts = activeScope === null ? e.facts : e.facts.filter(function (f) { return factInScope(f, true); });
      rows.push({ kind: "edge", label: relLabel(e.rel), "class": e.rel, class_label: relLabel(e.rel),
        from_iri: NODES[e.from].iri, from_label: NODES[e.from].label, to_iri: NODES[e.to].iri, to_label: NODES[e.to].label,
        evidence: unique(facts.map(function (f) { return f.evidence; })).join(" | "),
        documents: unique(facts.map(function (f) { return f.source === "gazetteer" ? "地名录 gazetteer" : docLabel(f.doc); })).join("；") });
    });
    return rows;
  }
  // RFC 4180 (CRLF, quoted where needed) with a UTF-8 byte order mark, so that spreadsheets read the Chinese.
  function viewCsv() {
    var lines = [CSV_COLUMNS.join(",")].concat(viewRows().map(function (r) {
      return CSV_COLUMNS.map(function (c) { return csvField(r[c]); }).join(",");
    }));
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }
  function download(name, blob) {
    var a = el("a"), url = URL.createObjectURL(blob);
    a.href = url;  // the one link the page makes: to the blob it just made
    a.download = name; a.hidden = true;
    document.body.appendChild(a); a.click(); a.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }
  // The view as a canvas on white: the network's own canvas, or the map's SVG drawn as an image
  // with the page's map styles inside it (a data: image; the page's CSP allows img-src data:).
  function viewCanvas(done) {
    var out = document.createElement("canvas"), g = out.getContext("2d");
    if (state.view !== "map") {
      var src = $("graph").querySelector("canvas");
      out.width = src.width; out.height = src.height;
      g.fillStyle = "#fff"; g.fillRect(0, 0, out.width, out.height); g.drawImage(src, 0, 0);
      done(out); return;
    }
    var svg = $("map-svg"), clone = svg.cloneNode(true), css = [], ratio = window.devicePixelRatio || 1;
    Array.prototype.forEach.call(document.styleSheets, function (sheet) {
      Array.prototype.forEach.call(sheet.cssRules, function (rule) {
        if (rule.selectorText && rule.selectorText.indexOf("#map-svg") >= 0) { css.push(rule.cssText.replace(/var\(--font\)/g, FONT)); }
      });
    });
    clone.setAttribute("xmlns", SVGNS);
    var style = document.createElementNS(SVGNS, "style"); style.textContent = css.join("\n");
    clone.insertBefore(style, clone.firstChild);
    var w = Number(svg.getAttribute("width")), h = Number(svg.getAttribute("height")), img = new Image();
    img.onload = function () {
      out.width = Math.round(w * ratio); out.height = Math.round(h * ratio);
      g.fillStyle = "#fbfcfd"; g.fillRect(0, 0, out.width, out.height); g.drawImage(img, 0, 0, out.width, out.height);
      done(out);
    };
    img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(new XMLSerializer().serializeToString(clone));
  }
  function exportName(ext) { return "envkg-" + (state.view === "map" ? "map" : "network") + "." + ext; }
  $("export-csv").addEventListener("click", function () {
    download(exportName("csv"), new Blob([viewCsv()], { type: "text/csv;charset=utf-8" }));
  });
  $("export-png").addEventListener("click", function () {
    viewCanvas(function (canvas) { canvas.toBlob(function (blob) { download(exportName("png"), blob); }, "image/png"); });
  });

  // ---- events ---------------------------------------------------------------------------
  network.on("click", function (params) {
    var id = params.nodes[0];
    if (id !== undefined) {
      cursor = id;  // the keyboard goes on from the node clicked
      if (id.indexOf("c:") === 0) { showClass(id.slice(2)); expandClass(id.slice(2)); } else { showNode(Number(id.slice(1))); }
    } else if (params.edges.length && params.edges[0].charAt(0) === "e") {
      showEdge(Number(params.edges[0].slice(1)));
    }
  });
  network.on("doubleClick", function (params) {
    var id = params.nodes[0];
    if (id !== undefined && id.charAt(0) === "n") { focusOn(Number(id.slice(1)), 1); }
  });
  $("reset").addEventListener("click", resetAll);
  $("show-all").addEventListener("click", function () { state.full = true; render(true); });
  $("view-network").addEventListener("click", function () { setView("network"); });
  $("view-map").addEventListener("click", function () { setView("map"); });
  $("map-zoom-in").addEventListener("click", map.zoomIn);
  $("map-zoom-out").addEventListener("click", map.zoomOut);
  $("map-fit").addEventListener("click", map.fit);

  var started = false, initialHash = parseHash(window.location.hash), initialFull = !!initialHash.full;
  stateFromHash(initialHash);
  if (initialHash.view === "map") { state.view = "map"; }
  render(true);
  if (state.view === "map") { setView("map"); }
  selectFromHash(initialHash);
  started = true;

  // ---- API for tests and scripting -----------------------------------------------------------
  function find(labelOrIri) {
    var n = NODES.find(function (x) { return x.label === labelOrIri || x.iri === labelOrIri; });
    return n ? n.k : -1;
  }
  window.envkgPage = {
    ready: function () { return ready; },
    nodeCount: function () { return NODES.length; },
    edgeCount: function () { return EDGES.length; },
    visibleNodeCount: function () { return nodesDS.length; },
    visibleEdgeCount: function () { return edgesDS.length; },
    unlinkedCount: function () { return lastView.unlinked; },
    // On-screen font size (px) of every label vis-network draws now, from its own node options.
    labelSizes: function () {
      var scale = network.getScale(), out = [];
      nodesDS.getIds().forEach(function (id) {
        var node = network.body.nodes[id], size = node.options.font.size * scale;
        if (node.options.label && size >= node.options.scaling.label.drawThreshold - 1) { out.push(size); }
      });
      return out;
    },
    // the labels of the nodes drawn, whole (a drawn label may be wrapped: drawnLabel)
    visibleLabels: function () {
      return nodesDS.get().map(function (n) { return n.id.charAt(0) === "n" ? NODES[Number(n.id.slice(1))].label : n.label; }).sort();
    },
    drawnLabel: function (labelOrIri) { var k = find(labelOrIri), item = k < 0 ? null : nodesDS.get("n" + k); return item ? item.label : null; },
    cursor: function () { return cursor === null ? null : cursor.charAt(0) === "n" ? NODES[Number(cursor.slice(1))].label : cursor; },
    isOverview: function () { return !!(lastView && lastView.overview); },
    search: function (q) { return search(q).map(function (n) { return n.label; }); },
    showIndicator: showIndicator,
    select: function (labelOrIri) { var k = find(labelOrIri); if (k >= 0) { selectNode(k); } return k >= 0; },
    focus: function (labelOrIri, hops) { var k = find(labelOrIri); if (k >= 0) { focusOn(k, hops || 1); } return k >= 0; },
    domPosition: function (labelOrIri) {
      var k = find(labelOrIri), id = "n" + k;
      if (k < 0 || !nodesDS.get(id)) {
        var drawn = nodesDS.get({ filter: function (n) { return n.label === labelOrIri; } });
        if (!drawn.length) { return null; }
        id = drawn[0].id;
      }
      var pos = network.canvasToDOM(network.getPositions([id])[id]), box = $("graph").getBoundingClientRect();
      return { x: pos.x + box.left, y: pos.y + box.top };
    },
    setYear: setYear,
    years: function () { return Object.keys(YEARS).sort(); },
    setDocument: function (label) { var i = DOCS.findIndex(function (d) { return d.label === label; }); setDocument(i < 0 ? null : i); },
    expandClass: expandClass,
    reset: resetAll,
    setView: setView,
    view: function () { return state.view; },
    mapPointCount: function () { return map.drawnKeys().length; },
    mapProvinces: function () { return map.provinceCodes(); },
    mapSymbols: function () { return map.symbols(); },
    exportCsv: viewCsv,
    // The PNG the export button would save, as a data: URL (a Promise).
    exportPng: function () { return new Promise(function (ok) { viewCanvas(function (c) { ok(c.toDataURL("image/png")); }); }); },
    mapSymbolLegend: function () { return map.symbolLegend(); },
    setSymbol: function (indicator, unit) { setSymbol(indicator ? symbolKey(indicator, unit) : null); },
    mapLabels: function () { return map.drawnKeys().map(function (k) { return NODES[k].label; }).sort(); },
    mapPosition: function (labelOrIri) { var k = find(labelOrIri); return k < 0 ? null : map.position(k); },
    // arrowheads drawn now (false when zoomed out below ARROW_MIN_SCALE); frames drawn with the plain moving edges
    arrows: function () { return arrowsOn; },
    motionDraws: function () { return motionDraws; },
    // whether the page draws the edges at rest now (zoomed out on a large graph), and how often it did
    batchedEdges: function () { return batchEdges; },
    stillDraws: function () { return stillDraws; },
    network: network
  };
})();
