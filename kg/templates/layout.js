/* envkg graph page: a fresh layout of a subgraph (kg.page.v1), for the per-document view.
 * window.envkgLayout(nodes, edges) -> [[x, y], ...] in canvas units, centred on 0 (and
 * window.envkgLayout.radial(nodes): nodes[0] at 0, the others on rings around it). Deterministic
 * (no randomness): each connected component starts on a spiral in breadth-first order from its
 * hub and is laid out by stress majorization; then the label boxes are pushed apart, and the components
 * are shelf-packed, largest first. Nodes with no edge share a grid after them, in the order given.
 * page.js takes the function and deletes the global.
 */
(function () {
  "use strict";
  var L = 130;  // edge length (canvas units)
  var GAP = 8;  // clearance between label boxes

  // The box a node and its label take: the node's disc, then the label under it.
  function box(node, x, y) {
    var half = Math.max(node.w / 2, node.size);
    return { x0: x - half, x1: x + half, y0: y - node.size, y1: y + node.size + node.h };
  }

  // Breadth-first order of one component from its best-connected node (ties: first given).
  function bfsOrder(members, adj) {
    var start = members[0];
    members.forEach(function (i) { if (adj[i].length > adj[start].length) { start = i; } });
    var seen = {}, order = [start];
    seen[start] = true;
    for (var q = 0; q < order.length; q++) {
      adj[order[q]].slice().sort(function (a, b) { return a - b; }).forEach(function (j) {
        if (!seen[j]) { seen[j] = true; order.push(j); }
      });
    }
    return order;
  }

  // Stress majorization (as neato does): each pair of nodes is drawn as far apart as L times
  // the number of edges between them, weighted by 1 / distance^2; localized SMACOF updates from a
  // golden-angle spiral in breadth-first order. Above STRESS_MAX nodes the spiral is kept.
  var STRESS_MAX = 800;
  function stressLayout(order, adj) {
    var m = order.length, at = {}, x = new Float64Array(m), y = new Float64Array(m);
    order.forEach(function (i, p) {
      at[i] = p;
      var r = L * 0.6 * Math.sqrt(p), a = p * 2.399963;
      x[p] = r * Math.cos(a); y[p] = r * Math.sin(a);
    });
    if (m <= STRESS_MAX && m > 2) {
      var dist = new Float64Array(m * m), queue = new Int32Array(m);
      for (var s = 0; s < m; s++) {  // hop distances by breadth-first search
        var row = s * m, head = 0, tail = 0;
        for (var t = 0; t < m; t++) { dist[row + t] = -1; }
        dist[row + s] = 0; queue[tail++] = s;
        while (head < tail) {
          var u = queue[head++];
          adj[order[u]].forEach(function (j) { var v = at[j]; if (dist[row + v] < 0) { dist[row + v] = dist[row + u] + 1; queue[tail++] = v; } });
        }
      }
      var iterations = m <= 100 ? 200 : Math.max(30, Math.floor(20000 / m));
      for (var it = 0; it < iterations; it++) {
        var change = 0;
        for (var a = 0; a < m; a++) {
          var sx = 0, sy = 0, sw = 0;
          for (var b = 0; b < m; b++) {
            if (a === b) { continue; }
            var d = dist[a * m + b] * L, w = 1 / (d * d), ux = x[a] - x[b], uy = y[a] - y[b];
            var len = Math.sqrt(ux * ux + uy * uy) || 1e-3;
            sx += w * (x[b] + d * ux / len); sy += w * (y[b] + d * uy / len); sw += w;
          }
          var nx = sx / sw, ny = sy / sw;
          change += Math.abs(nx - x[a]) + Math.abs(ny - y[a]);
          x[a] = nx; y[a] = ny;
        }
        if (change < m * 0.05) { break; }
      }
    }
    return order.map(function (i, p) { return [x[p], y[p]]; });
  }

  // Push overlapping label boxes apart along the axis of least overlap (a few passes).
  function separate(members, nodes, xy) {
    for (var pass = 0; pass < 60; pass++) {
      var moved = false, boxes = members.map(function (i, p) { return box(nodes[i], xy[p][0], xy[p][1]); });
      for (var a = 0; a < members.length; a++) {
        for (var b = a + 1; b < members.length; b++) {
          var A = boxes[a], B = boxes[b];
          var ox = Math.min(A.x1, B.x1) - Math.max(A.x0, B.x0) + GAP, oy = Math.min(A.y1, B.y1) - Math.max(A.y0, B.y0) + GAP;
          if (ox <= 0 || oy <= 0) { continue; }
          moved = true;
          if (ox < oy) {
            var sx = (xy[a][0] < xy[b][0] || (xy[a][0] === xy[b][0] && a < b) ? -1 : 1) * ox / 2;
            xy[a][0] += sx; xy[b][0] -= sx;
          } else {
            var sy = (xy[a][1] < xy[b][1] || (xy[a][1] === xy[b][1] && a < b) ? -1 : 1) * oy / 2;
            xy[a][1] += sy; xy[b][1] -= sy;
          }
          boxes[a] = box(nodes[members[a]], xy[a][0], xy[a][1]);
          boxes[b] = box(nodes[members[b]], xy[b][0], xy[b][1]);
        }
      }
      if (!moved) { break; }
    }
    return xy;
  }

  // Nodes without an edge: a grid of equal cells, about as wide as tall.
  function grid(members, nodes) {
    var cw = 0, ch = 0;
    members.forEach(function (i) { var b = box(nodes[i], 0, 0); cw = Math.max(cw, b.x1 - b.x0); ch = Math.max(ch, b.y1 - b.y0); });
    cw += GAP * 2; ch += GAP * 2;
    var cols = Math.max(1, Math.ceil(Math.sqrt(members.length * ch / cw)));
    return members.map(function (i, p) { return [(p % cols) * cw, Math.floor(p / cols) * ch]; });
  }

  // nodes[0] at the centre, the others on concentric rings in the order given (a ring holds as many
  // label boxes as its circumference fits; each ring spreads its nodes evenly, every other ring
  // turned by half a step). For a node selected in the overview and its neighbours.
  function radial(nodes) {
    var cw = 0, pitch = 0, out = [[0, 0]];
    nodes.slice(1).forEach(function (node) {
      var b = box(node, 0, 0);
      cw = Math.max(cw, b.x1 - b.x0 + GAP * 2); pitch = Math.max(pitch, b.y1 - b.y0 + GAP * 2);
    });
    var placed = 1, ring = 0, r = Math.max(nodes[0].size + pitch, cw * 0.75);
    while (placed < nodes.length) {
      var fits = Math.max(1, Math.floor(2 * Math.PI * r / cw)), count = Math.min(fits, nodes.length - placed);
      var step = 2 * Math.PI / count, turn = -Math.PI / 2 + (ring % 2 ? step / 2 : 0);
      for (var i = 0; i < count; i++) {
        var a = turn + i * step;
        out.push([Math.round(r * Math.cos(a) * 10) / 10, Math.round(r * Math.sin(a) * 10) / 10]);
      }
      placed += count; ring += 1; r += pitch;
    }
    return out;
  }

  window.envkgLayout = function (nodes, edges) {
    var n = nodes.length, adj = nodes.map(function () { return []; });
    edges.forEach(function (e) {
      if (e[0] !== e[1] && adj[e[0]].indexOf(e[1]) < 0) { adj[e[0]].push(e[1]); adj[e[1]].push(e[0]); }
    });
    var comp = new Array(n).fill(-1), blocks = [], singles = [];
    for (var i = 0; i < n; i++) {
      if (comp[i] >= 0) { continue; }
      if (!adj[i].length) { singles.push(i); continue; }
      var members = [i];
      comp[i] = blocks.length;
      for (var q = 0; q < members.length; q++) {
        adj[members[q]].forEach(function (j) { if (comp[j] < 0) { comp[j] = blocks.length; members.push(j); } });
      }
      var order = bfsOrder(members, adj);
      blocks.push({ members: order, xy: separate(order, nodes, stressLayout(order, adj)) });
    }
    blocks.sort(function (a, b) { return b.members.length - a.members.length || a.members[0] - b.members[0]; });
    if (singles.length) { blocks.push({ members: singles, xy: grid(singles, nodes) }); }
    // shelf-pack the blocks by their bounding boxes into a roughly square area
    var area = 0, widest = 0;
    blocks.forEach(function (bl) {
      var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
      bl.members.forEach(function (i, p) {
        var b = box(nodes[i], bl.xy[p][0], bl.xy[p][1]);
        x0 = Math.min(x0, b.x0); x1 = Math.max(x1, b.x1); y0 = Math.min(y0, b.y0); y1 = Math.max(y1, b.y1);
      });
      bl.x0 = x0; bl.y0 = y0; bl.w = x1 - x0 + L / 2; bl.h = y1 - y0 + L / 2;
      area += bl.w * bl.h; widest = Math.max(widest, bl.w);
    });
    var width = Math.max(widest, Math.sqrt(area) * 1.15), out = new Array(n), cx = 0, cy = 0, row = 0;
    var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    blocks.forEach(function (bl) {
      if (cx > 0 && cx + bl.w > width) { cx = 0; cy += row; row = 0; }
      bl.members.forEach(function (i, p) {
        var x = cx + bl.xy[p][0] - bl.x0, y = cy + bl.xy[p][1] - bl.y0;
        out[i] = [x, y];
        minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
      });
      cx += bl.w; row = Math.max(row, bl.h);
    });
    var mx = (minX + maxX) / 2, my = (minY + maxY) / 2;
    return out.map(function (p) { return [Math.round((p[0] - mx) * 10) / 10, Math.round((p[1] - my) * 10) / 10]; });
  };
  window.envkgLayout.radial = radial;
})();
