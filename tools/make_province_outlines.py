#!/usr/bin/env python3
"""Generate data/gazetteers/provinces.geojson: simplified outlines of China's provinces.

Source: ``map/json/china.json`` of the npm package echarts 4.9.0 (Apache ECharts, Apache-2.0;
the last release that shipped maps: 5.0 dropped them). Its 34 features are the province-level
divisions (GB/T 2260 code as ``id``, short Chinese name, ``cp`` a label point), with
coordinates in ECharts' compact encoding: each ring a string of character pairs, every
character minus 64 a zigzag-encoded delta from the previous point, in units of 1/1024 degree
from the ring's ``encodeOffsets`` (echarts ``lib/coord/geo/parseGeoJson.js``).

This script decodes the rings, simplifies each with Douglas-Peucker (``TOLERANCE`` degrees),
drops rings whose area is below ``MIN_AREA`` square degrees (small islands; a division
with none left keeps its largest ring), rounds to
``DIGITS`` decimals and writes one GeoJSON FeatureCollection, one feature a line, sorted by
code, with properties ``code``, ``name`` and ``label`` ([lon, lat]). It is an outline for
orientation on the graph page's map (kg/templates/map.js), not a survey map.

Run:  .venv/bin/python tools/make_province_outlines.py PATH
where PATH is echarts' package (``npm pack echarts@4.9.0``: echarts-4.9.0.tgz) or an
unpacked ``china.json``.
"""
from __future__ import annotations

import json
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "gazetteers" / "provinces.geojson"
MEMBER = "package/map/json/china.json"
TOLERANCE = 0.03
MIN_AREA = 0.005
DIGITS = 2


def read_china_json(path: Path) -> dict:
    """The parsed china.json from echarts' npm tarball or the file itself."""
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    with tarfile.open(path, "r:gz") as tar:
        member = tar.extractfile(MEMBER)
        if member is None:
            raise SystemExit(f"{path}: no {MEMBER}")
        return json.loads(member.read().decode("utf-8"))


def decode_ring(text: str, offset: list[int], scale: float = 1024) -> list[tuple[float, float]]:
    """ECharts' UTF-8 ring encoding -> [(lon, lat)]."""
    x_prev, y_prev = offset
    out = []
    for i in range(0, len(text) - 1, 2):
        x, y = ord(text[i]) - 64, ord(text[i + 1]) - 64
        x = (x >> 1) ^ -(x & 1)
        y = (y >> 1) ^ -(y & 1)
        x_prev, y_prev = x + x_prev, y + y_prev
        out.append((x_prev / scale, y_prev / scale))
    return out


def _distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return ((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2) ** 0.5


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker on an open polyline (iterative; the end points are kept)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, None
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [p for p, k in zip(points, keep) if k]


def area(ring: list[tuple[float, float]]) -> float:
    """Unsigned shoelace area in square degrees."""
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]))) / 2


def simplify_ring(ring: list[tuple[float, float]], min_area: float = MIN_AREA) -> list[list[float]] | None:
    """A closed ring simplified and rounded, or None when too small to draw."""
    if area(ring) < min_area:
        return None
    # split at the point farthest from the start, so that both halves keep their ends
    far = max(range(len(ring)), key=lambda i: (ring[i][0] - ring[0][0]) ** 2 + (ring[i][1] - ring[0][1]) ** 2)
    half = simplify(ring[:far + 1], TOLERANCE)[:-1] + simplify(ring[far:] + ring[:1], TOLERANCE)[:-1]
    out: list[list[float]] = []
    for x, y in half:
        p = [round(x, DIGITS), round(y, DIGITS)]
        if not out or out[-1] != p:
            out.append(p)
    return out if len(out) >= 3 else None


def outlines(data: dict) -> list[dict]:
    """Simplified province features sorted by code."""
    features = []
    for feature in data["features"]:
        geometry, props = feature["geometry"], feature["properties"]
        if geometry["type"] == "Polygon":
            polygons = [list(zip(geometry["coordinates"], geometry["encodeOffsets"]))]
        else:
            polygons = [list(zip(p, o)) for p, o in zip(geometry["coordinates"], geometry["encodeOffsets"])]
        shapes = []
        for polygon in polygons:
            rings = [simplify_ring(decode_ring(text, offset)) for text, offset in polygon]
            if rings and rings[0] is not None:
                shapes.append([rings[0]] + [r for r in rings[1:] if r is not None])
        if not shapes:  # a small division (澳门): its largest ring, however small
            largest = max((decode_ring(t, o) for polygon in polygons for t, o in polygon[:1]), key=area)
            ring = simplify_ring(largest, 0)
            if ring is None:
                continue
            shapes = [[ring]]
        features.append({"type": "Feature", "properties": {
            "code": str(props["id"]), "name": props["name"],
            "label": [round(props["cp"][0], DIGITS), round(props["cp"][1], DIGITS)]},
            "geometry": {"type": "MultiPolygon", "coordinates": shapes}})
    return sorted(features, key=lambda f: f["properties"]["code"])


def generate_geojson(features: list[dict]) -> str:
    """One FeatureCollection, one feature a line (small diffs)."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":"), sort_keys=True) for f in features]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    features = outlines(read_china_json(Path(argv[1])))
    OUT.write_text(generate_geojson(features), encoding="utf-8", newline="\n")
    points = sum(len(r) for f in features for s in f["geometry"]["coordinates"] for r in s)
    sys.stderr.write(f"{OUT.relative_to(ROOT)}: {len(features)} provinces, {points} points, "
                     f"{OUT.stat().st_size} bytes\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
