"""Render the network as one self-contained, offline HTML page (issue 6).

Stage ``nx.MultiDiGraph -> HTML`` (docs/design.md). The page inlines
vis-network 9.1.2 (JS and CSS) from the installed pyvis package and our own
scripts (``page.js``, ``map.js`` for the map view and ``layout.js`` for the per-document
layout) and style from
``kg/templates/``; it loads nothing from any network, and
a Content-Security-Policy with script hashes forbids it to. All graph data goes
into one ``<script type="application/json">`` blob with ``<``, ``>``, ``&`` and
``/`` escaped; the script inserts text only with ``textContent``. docs/page.md
describes what the page shows.

Example:
    >>> import networkx as nx
    >>> html = generate_html(nx.MultiDiGraph())
    >>> html.startswith("<!DOCTYPE html>") and "https://" not in html
    True
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from functools import lru_cache
from pathlib import Path

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from kg.outputs import write_atomic
from kg.errors import DataFileError
from kg.lexicon import data_path, read_tsv
from kg.network import add_metrics, has_coordinates, layout, map_anchors

__all__ = ["OVERVIEW_THRESHOLD", "contrast_ratio", "document_year", "text_color", "generate_html", "load_style",
           "page_data", "province_outlines", "write_html"]

#: Above this many nodes the page opens on the per-class overview (docs/page.md).
OVERVIEW_THRESHOLD = 1500
TEMPLATES = Path(__file__).resolve().parent / "templates"
VIS_DIR = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
STYLE_FILE = "lexicons/page_style.tsv"
OUTLINE_FILE = "gazetteers/provinces.geojson"
DEFAULT_CLASS = {"zh": "其他", "en": "other", "color": "#9e9e9e", "shape": "dot"}
DEFAULT_RELATION = {"zh": "", "en": "", "color": "#9e9e9e"}
_YEAR_IN_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_DATE_IN_FILE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_]?(?:0[1-9]|1[0-2])[-_]?(?:0[1-9]|[12]\d|3[01])(?!\d)")
_SOURCE_MAP = re.compile(r"^[ \t]*(//|/\*)# sourceMappingURL=[^\n]*$", re.MULTILINE)
#: JSON text -> text safe inside a <script> element and free of "://".
_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "/": "\\/",
                                 "\u2028": "\\u2028", "\u2029": "\\u2029"})


@lru_cache(maxsize=1)
def load_style() -> tuple[dict[str, dict], dict[str, dict]]:
    """Class and relation styles from ``data/lexicons/page_style.tsv``.

    Returns:
        ``(classes, relations)``: name -> {zh, en, color[, shape]}.
    """
    classes, relations = {}, {}
    for row in read_tsv(STYLE_FILE):
        entry = {"zh": row["zh"], "en": row["en"], "color": row["color"]}
        if row["kind"] == "class":
            classes[row["name"]] = {**entry, "shape": row["shape"] or "dot"}
        elif row["kind"] == "relation":
            relations[row["name"]] = entry
        else:
            raise DataFileError(f"{STYLE_FILE}: unknown kind {row['kind']!r} (use class or relation)")
    return classes, relations


def document_year(date: str | None, file: str | None) -> str | None:
    """The year of an article: from its ``dcterms:date``, else from a date in its file name.

    A date without a year (``8月17日``) gives none; a file name gives one only when it holds a
    whole date (``20230815``, ``2023-08-15``), not a bare number.

    Example:
        >>> document_year("2024-06-05", "a.txt"), document_year("8月17日", "12_news_20230815.txt")
        ('2024', '2023')
        >>> document_year(None, "000_86313f0a6bb92235.txt") is None
        True
    """
    found = _YEAR_IN_DATE.search(date or "")
    if found:
        return found.group(1)
    found = _DATE_IN_FILE.search(file or "")
    return found.group(1) if found else None


@lru_cache(maxsize=1)
def province_outlines() -> tuple[dict, ...]:
    """The provinces' simplified outlines (``data/gazetteers/provinces.geojson``) for the map view.

    Each ring is one flat list of integers in hundredths of a degree: the first point's
    longitude and latitude, then each next point's difference from the one before (a third
    of the size of the GeoJSON numbers in the page).

    Returns:
        ``({"code", "name", "label": [lon, lat], "rings": [[x0, y0, dx1, dy1, ...], ...]}, ...)``
        sorted by code; the rings of all of a province's polygons, holes included (drawn even-odd).

    Example:
        >>> beijing = province_outlines()[0]
        >>> beijing["code"], beijing["name"], len(beijing["rings"][0]) % 2
        ('110000', '北京', 0)
    """
    path = data_path(OUTLINE_FILE)
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
    except (OSError, ValueError, KeyError) as e:
        raise DataFileError(f"{path}: cannot read the province outlines ({e}); "
                            "regenerate with tools/make_province_outlines.py") from e
    out = []
    for f in sorted(features, key=lambda f: f["properties"]["code"]):
        rings = []
        for polygon in f["geometry"]["coordinates"]:
            for ring in polygon:
                flat, px, py = [], 0, 0
                for lon, lat in ring:
                    x, y = round(lon * 100), round(lat * 100)
                    flat += [x - px, y - py]
                    px, py = x, y
                rings.append(flat)
        props = f["properties"]
        out.append({"code": props["code"], "name": props["name"], "label": props["label"], "rings": rings})
    return tuple(out)


def _luminance(color: str) -> float:
    """WCAG 2 relative luminance of a ``#rrggbb`` colour."""
    channels = [int(color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours (1 to 21).

    Example:
        >>> round(contrast_ratio("#ffffff", "#000000"), 1), round(contrast_ratio("#ffffff", "#2e7d32"), 2)
        (21.0, 5.13)
    """
    high, low = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_color(background: str) -> str:
    """Text colour for a class colour: white or near-black, whichever contrasts more (always >= 4.5:1).

    Example:
        >>> text_color("#283593"), text_color("#f9a825")
        ('#ffffff', '#111111')
    """
    return max(("#ffffff", "#111111"), key=lambda fg: contrast_ratio(fg, background))


def _ensure_drawable(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Return ``G``, or a copy with metrics and layout when any node lacks them."""
    if all("x" in d and "size" in d for _, d in G.nodes(data=True)):
        return G
    H = G.copy()
    return layout(add_metrics(H))


def page_data(G: nx.MultiDiGraph, title: str, overview_threshold: int = OVERVIEW_THRESHOLD,
              live: dict | None = None) -> dict:
    """The JSON-ready data the page script reads (pure; deterministic order).

    Args:
        G: Output of ``kg.network.graph_to_network`` (metrics and layout are
            computed on a copy when missing).
        title: Page title.
        overview_threshold: Node count above which the page opens on the overview.

    Returns:
        A dict with ``title``, ``threshold``, ``classes``, ``relations``,
        ``documents``, ``nodes``, ``edges`` and ``outlines`` (:func:`province_outlines`
        when any node has coordinates, else empty); nodes, edges and documents refer
        to each other by list index. A node's ``lat``/``lon`` are set only when
        valid; ``mapVia`` lists the places (node indices) a node without
        coordinates lies in, up to the one the map draws it beside
        (:func:`kg.network.map_anchors`), else null. ``live`` is the live page's
        settings (:func:`kg.live.page_settings`) or null, with ``styles``: every class's style.
    """
    G = _ensure_drawable(G)
    class_style, relation_style = load_style()
    doc_info = dict(G.graph.get("documents", {}))
    cited = {d for _, n in G.nodes(data=True) for d in n.get("documents", [])}
    cited |= {o["document"] for _, n in G.nodes(data=True) for o in n.get("observations", []) if o.get("document")}
    cited |= {f["document"] for *_, e in G.edges(data=True) for f in e.get("support", []) if f.get("document")}
    for key in cited - doc_info.keys():
        doc_info[key] = {"label": key.rsplit("/", 1)[-1], "kind": "Document", "file": None, "title": None,
                         "parent": None, "date": None, "outlet": None, "creators": []}
    doc_keys = sorted(doc_info, key=lambda k: (doc_info[k].get("label") or "", k))
    doc_index = {key: i for i, key in enumerate(doc_keys)}
    documents = [{"iri": k, "label": doc_info[k].get("label") or k, "kind": doc_info[k].get("kind", "Document"),
                  "file": doc_info[k].get("file"), "title": doc_info[k].get("title"),
                  "parent": doc_index.get(doc_info[k].get("parent")), "date": doc_info[k].get("date"),
                  "outlet": doc_info[k].get("outlet"), "creators": list(doc_info[k].get("creators") or []),
                  "year": None if doc_info[k].get("kind") == "Gazetteer"
                  else document_year(doc_info[k].get("date"), doc_info[k].get("file"))} for k in doc_keys]

    order = sorted(G)
    node_index = {node: i for i, node in enumerate(order)}
    anchors = map_anchors(G)
    nodes = []
    for node in order:
        d = G.nodes[node]
        located = has_coordinates(d)
        nodes.append({
            "iri": d.get("iri", node), "label": d.get("label", node), "aliases": d.get("aliases", []),
            "cls": d.get("cls", ""), "adminCode": d.get("admin_code"),
            "lat": d["lat"] if located else None, "lon": d["lon"] if located else None,
            "mapVia": [node_index[x] for x in anchors[node]] if node in anchors else None,
            "docs": sorted(doc_index[x] for x in d.get("documents", [])),
            "obs": [{"indicator": o.get("indicator"), "value": o.get("value"), "unit": o.get("unit"),
                     "year": o.get("year"), "evidence": o.get("evidence"), "doc": doc_index.get(o.get("document")),
                     "conflict": o.get("conflict")}
                    for o in d.get("observations", [])],
            "x": d["x"], "y": d["y"], "size": d["size"], "pagerank": d.get("pagerank"), "degree": d.get("degree"),
        })
    edges = []
    for u, v, key, e in sorted(G.edges(keys=True, data=True), key=lambda t: (t[0], t[1], str(t[2]))):
        support = e.get("support") or [{"evidence": e.get("evidence"), "document": e.get("document"),
                                        "source": e.get("source", "text")}]
        edges.append({"from": node_index[u], "to": node_index[v], "rel": e.get("relation", str(key)),
                      "facts": [{"evidence": f.get("evidence"), "doc": doc_index.get(f.get("document")),
                                 "source": f.get("source", "text")} for f in support]})

    class_counts: dict[str, int] = {}
    for n in nodes:
        class_counts[n["cls"]] = class_counts.get(n["cls"], 0) + 1
    relation_counts: dict[str, int] = {}
    for e in edges:
        relation_counts[e["rel"]] = relation_counts.get(e["rel"], 0) + 1
    classes = [{"name": name, **class_style.get(name, DEFAULT_CLASS), "count": count,
                "text": text_color(class_style.get(name, DEFAULT_CLASS)["color"])}
               for name, count in sorted(class_counts.items(), key=lambda t: (-t[1], t[0]))]
    relations = [{"name": name, **relation_style.get(name, {**DEFAULT_RELATION, "en": name}), "count": count}
                 for name, count in sorted(relation_counts.items(), key=lambda t: (-t[1], t[0]))]
    outlines = list(province_outlines()) if any(n["lat"] is not None for n in nodes) else []
    if live is not None:  # search results may be of any class, loaded or not
        live = {**live, "styles": {name: {**style, "text": text_color(style["color"])} for name, style in class_style.items()}}
    return {"title": title, "threshold": overview_threshold, "classes": classes, "relations": relations,
            "documents": documents, "nodes": nodes, "edges": edges, "outlines": outlines, "live": live}


def script_json(data: object) -> str:
    """Serialise ``data`` for a ``<script type="application/json">`` element.

    ``<``, ``>``, ``&``, ``/`` and the JS line separators are escaped, so no data
    string can close the element or read as markup or a URL.

    Example:
        >>> script_json({"label": "</script><b>"})
        '{"label":"\\\\u003c\\\\/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return text.translate(_SCRIPT_ESCAPES)


def _inline_safe(text: str, tag: str, name: str) -> str:
    """Make third-party JS/CSS text fit to inline: no source maps, no literal URL scheme."""
    text = _SOURCE_MAP.sub("", text)
    # ":\/\/" means "://" inside JS strings, regexes and comments; no other JS token contains "://".
    if tag == "script":
        text = text.replace("://", ":\\/\\/")
    if f"</{tag}" in text.lower() or "<!--" in text:
        raise DataFileError(f"{name} cannot be inlined: it contains '</{tag}' or '<!--'")
    return text


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    """vis-network and our page scripts (map view, document layout, page) and style, ready to inline."""
    files = {"vis_js": VIS_DIR / "vis-network.min.js", "vis_css": VIS_DIR / "vis-network.css",
             "map_js": TEMPLATES / "map.js", "layout_js": TEMPLATES / "layout.js", "page_js": TEMPLATES / "page.js",
             "page_css": TEMPLATES / "page.css"}
    out = {}
    for key, path in files.items():
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as e:
            raise DataFileError(f"page asset missing: {path} (reinstall pyvis or restore kg/templates)") from e
        out[key] = _inline_safe(text, "script" if key.endswith("js") else "style", path.name)
    if "://" in out["vis_css"] + out["page_css"]:
        raise DataFileError("page CSS references a URL; only data: images may be inlined")
    return out


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def generate_html(G: nx.MultiDiGraph, title: str = "envkg 环境治理知识图谱",
                  overview_threshold: int = OVERVIEW_THRESHOLD, live: dict | None = None) -> str:
    """Render ``G`` as a self-contained HTML page (no network access at all).

    Args:
        G: Output of ``kg.network.graph_to_network`` (ideally after
            ``add_metrics`` and ``layout``; otherwise they run on a copy).
        title: Page title.
        overview_threshold: Node count above which the page opens on the
            per-class overview instead of drawing every node.
        live: For ``kg serve`` above the whole-graph limit (:func:`kg.live.page_settings`):
            the page shows one neighbourhood, its search asks the endpoint, and its
            Content-Security-Policy lets it query its own server (``connect-src 'self'``);
            None: the self-contained page, which may load nothing.

    Returns:
        The page as a string.
    """
    assets = _assets()
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]),
                      keep_trailing_newline=True)
    csp = ("default-src 'none'; base-uri 'none'; form-action 'none'; img-src data:; style-src 'unsafe-inline'; "
           + ("connect-src 'self'; " if live is not None else "")
           + "script-src " + " ".join(_csp_hash(assets[key]) for key in ("vis_js", "map_js", "layout_js", "page_js")))
    return env.get_template("page.html").render(
        title=title, csp=csp, data_json=Markup(script_json(page_data(G, title, overview_threshold, live))),
        **{key: Markup(value) for key, value in assets.items()},
    )


def write_html(G: nx.MultiDiGraph, path: str | os.PathLike, **kwargs) -> Path:
    """Write :func:`generate_html` output to ``path`` atomically (UTF-8, temp file + os.replace).

    Raises:
        OutputError: the file cannot be written.
    """
    target = Path(path)
    write_atomic(target, generate_html(G, **kwargs).encode("utf-8"))
    return target
