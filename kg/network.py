"""Turn the envkg rdflib graph into a networkx graph the page can draw.

Stage ``rdflib.Graph -> nx.MultiDiGraph`` (see docs/design.md), then node metrics
and a precomputed, seeded layout so that the page needs no physics simulation.
docs/page.md records the layout costs that chose the strategy in :func:`layout`.

Example:
    >>> from rdflib import Graph
    >>> G = graph_to_network(Graph())
    >>> G.number_of_nodes()
    0
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx
import numpy as np
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.namespace import DCTERMS, ENVKG, GEO, PROV, RDF, RDFS, SKOS
from kg.normalize import plain_decimal

__all__ = ["ENTITY_CLASSES", "MAP_RELATIONS", "RELATIONS", "add_metrics", "graph_to_network", "has_coordinates",
           "layout", "map_anchors"]

#: Contract entity classes; the two parents come first so that leaves win.
PARENT_CLASSES = (ENVKG.AdministrativeDivision, ENVKG.WaterBody)
ENTITY_CLASSES = PARENT_CLASSES + (
    ENVKG.Bureau, ENVKG.GovernmentBody, ENVKG.Organization,
    ENVKG.Province, ENVKG.Prefecture, ENVKG.County, ENVKG.Township, ENVKG.Village,
    ENVKG.River, ENVKG.Lake, ENVKG.Reservoir, ENVKG.Wetland,
    ENVKG.MonitoringSection, ENVKG.Landmark, ENVKG.Project, ENVKG.Measure,
    ENVKG.Regulation, ENVKG.Event, ENVKG.Person, ENVKG.Species,
)  # fmt: skip
#: The 11 contract relations between entity nodes.
RELATIONS = (
    ENVKG.partOf, ENVKG.subOrganizationOf, ENVKG.jurisdiction, ENVKG.locatedIn,
    ENVKG.flowsInto, ENVKG.implementedBy, ENVKG.targets, ENVKG.headOf,
    ENVKG.organizedBy, ENVKG.about, ENVKG.observedAt,
)  # fmt: skip

#: Relations along which a place without coordinates is drawn on the map at a place it lies in.
MAP_RELATIONS = ("locatedIn", "partOf")

#: Largest group laid out by a single spring run (dense numpy, O(n^2) per step).
SPRING_MAX = 250
#: Pixels per sqrt(node): a group of n nodes gets a disc of radius UNIT * sqrt(n).
UNIT = 100.0


def _local(iri: Node) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _text(graph: Graph, subject: Node, predicate: URIRef) -> str | None:
    """One literal value, preferring ``@zh`` and then the smallest string."""
    values = [o for o in graph.objects(subject, predicate) if isinstance(o, Literal)]
    if not values:
        return None
    values.sort(key=lambda lit: (lit.language != "zh", str(lit)))
    return str(values[0])


def _class_index(graph: Graph) -> dict[Node, str]:
    """Map each class IRI (contract class or declared subclass) to its contract class name."""
    index: dict[Node, str] = {}
    for cls in ENTITY_CLASSES:  # parents first: a later, more specific class overwrites
        for sub in graph.transitive_subjects(RDFS.subClassOf, cls):
            if sub not in ENTITY_CLASSES:
                index[sub] = _local(cls)
    index.update({cls: _local(cls) for cls in ENTITY_CLASSES})
    return index


def _documents(graph: Graph, keys: set[Node]) -> dict[str, dict]:
    """Describe every Document, Article and Gazetteer the entities and facts cite."""
    keys = set(keys)
    keys.update(graph.subjects(RDF.type, ENVKG.Document))
    keys.update(graph.subjects(RDF.type, ENVKG.Article))
    out = {}
    for key in keys:
        if not isinstance(key, URIRef):
            continue
        parent = graph.value(key, DCTERMS.isPartOf)
        file = _text(graph, key, ENVKG.sourceFile) or (parent and _text(graph, parent, ENVKG.sourceFile))
        title = _text(graph, key, DCTERMS.title)
        if (key, RDF.type, ENVKG.Gazetteer) in graph or "/gazetteer/" in str(key):
            kind, label = "Gazetteer", f"地名录 gazetteer: {title or _local(key)}"
        elif (key, RDF.type, ENVKG.Article) in graph or parent is not None:
            kind, label = "Article", " · ".join(x for x in (file, title) if x) or _local(key)
        else:
            kind, label = "Document", file or _local(key)
        out[str(key)] = {"label": label, "file": file, "title": title, "kind": kind,
                         "parent": str(parent) if parent is not None else None, "date": _text(graph, key, DCTERMS.date),
                         "outlet": _text(graph, key, DCTERMS.publisher),
                         "creators": sorted(str(c) for c in graph.objects(key, DCTERMS.creator))}
    return dict(sorted(out.items()))


def _statements(graph: Graph) -> dict[tuple, list[dict]]:
    """Reified statements by (subject, predicate, object): evidence, document, source."""
    found: dict[tuple, list[dict]] = defaultdict(list)
    for st in graph.subjects(RDF.type, RDF.Statement):
        triple = (graph.value(st, RDF.subject), graph.value(st, RDF.predicate), graph.value(st, RDF.object))
        evidence = _text(graph, st, ENVKG.evidence)
        origins = sorted(graph.objects(st, PROV.wasDerivedFrom)) or [None]
        for origin in origins:
            gazetteer = origin is not None and (
                (origin, RDF.type, ENVKG.Gazetteer) in graph or "/gazetteer/" in str(origin))
            found[triple].append({"evidence": evidence, "document": str(origin) if origin is not None else None,
                                  "source": "gazetteer" if gazetteer else "text"})
    for facts in found.values():
        facts.sort(key=lambda f: (f["source"], f["document"] or "", f["evidence"] or ""))
    return found


def _observations(graph: Graph, entities: dict[Node, str]) -> dict[Node, list[dict]]:
    """Observations by the entity they are about, each with the disagreement it is part of (or None)."""
    out: dict[Node, list[dict]] = defaultdict(list)
    conflicts = {obs: _text(graph, conflict, SKOS.prefLabel) or _local(conflict)
                 for conflict, obs in graph.subject_objects(ENVKG.conflictingObservation)}
    for obs, subject in graph.subject_objects(ENVKG.subject):
        if subject not in entities:
            continue
        indicator = graph.value(obs, ENVKG.indicator)
        value, unit, year = (graph.value(obs, p) for p in (ENVKG.value, ENVKG.unit, ENVKG.year))
        document = graph.value(obs, ENVKG.mentionedIn)
        out[subject].append({
            "indicator": (_text(graph, indicator, SKOS.prefLabel) or _local(indicator)) if indicator else None,
            "value": plain_decimal(str(value)) if value is not None else None,
            "unit": str(unit) if unit is not None else None,
            "year": str(year) if year is not None else None,
            "evidence": _text(graph, obs, ENVKG.evidence),
            "document": str(document) if document is not None else None,
            "conflict": conflicts.get(obs),  # label of the disagreement this figure is part of
        })
    for rows in out.values():
        rows.sort(key=lambda r: tuple(r[k] or "" for k in ("indicator", "year", "value", "unit", "document")))
    return out


def graph_to_network(graph: Graph) -> nx.MultiDiGraph:
    """Build one node per entity and one edge per contract relation triple.

    Node keys are IRI strings. Node attributes: ``iri``, ``label`` (skos:prefLabel),
    ``aliases`` (altLabels), ``cls`` (contract class local name), ``admin_code``,
    ``lat``, ``lon``, ``documents`` (IRIs of the Documents/Articles it is mentionedIn)
    and ``observations`` (dicts with indicator, value, unit, year, evidence, document).
    Edge key and ``relation``: the relation's local name; ``evidence``, ``document``
    and ``source`` ('text' or 'gazetteer') come from the first matching rdf:Statement,
    ``support`` lists all of them. ``G.graph["documents"]`` describes every document
    IRI (label, file, title, kind, parent, date, outlet: dcterms:publisher, creators: dcterms:creator).

    Args:
        graph: An envkg graph (docs/design.md); may include the ontology's
            rdfs:subClassOf triples, so that subclasses of contract classes count.

    Returns:
        The network, nodes and edges inserted in sorted order (deterministic).

    Example:
        >>> from rdflib import Graph, Literal, URIRef
        >>> graph = Graph()
        >>> bureau = URIRef("https://w3id.org/envkg/id/bureau/x")
        >>> _ = graph.add((bureau, RDF.type, ENVKG.Bureau))
        >>> _ = graph.add((bureau, SKOS.prefLabel, Literal("晋城市生态环境局", lang="zh")))
        >>> G = graph_to_network(graph)
        >>> G.nodes[str(bureau)]["label"], G.nodes[str(bureau)]["cls"]
        ('晋城市生态环境局', 'Bureau')
    """
    index = _class_index(graph)
    leaves = {_local(c) for c in ENTITY_CLASSES if c not in PARENT_CLASSES}
    candidates: dict[Node, set[str]] = defaultdict(set)
    for subject, cls in graph.subject_objects(RDF.type):
        if cls in index and isinstance(subject, URIRef):
            candidates[subject].add(index[cls])
    entities = {s: sorted(names, key=lambda n: (n not in leaves, n))[0] for s, names in candidates.items()}

    statements = _statements(graph)
    observations = _observations(graph, entities)
    cited: set[Node] = set()
    G = nx.MultiDiGraph()
    for entity in sorted(entities):
        label = _text(graph, entity, SKOS.prefLabel) or _local(entity)
        aliases = sorted({str(a) for a in graph.objects(entity, SKOS.altLabel)} - {label})
        documents = sorted(graph.objects(entity, ENVKG.mentionedIn))
        cited.update(documents)
        lat, lon = graph.value(entity, GEO.lat), graph.value(entity, GEO.long)
        G.add_node(
            str(entity), iri=str(entity), label=label, aliases=aliases, cls=entities[entity],
            admin_code=_text(graph, entity, ENVKG.adminCode),
            lat=float(lat) if lat is not None else None, lon=float(lon) if lon is not None else None,
            documents=[str(d) for d in documents], observations=observations.get(entity, []),
        )
        cited.update(URIRef(o["document"]) for o in observations.get(entity, []) if o["document"])
    edges = []
    for relation in RELATIONS:
        for s, o in graph.subject_objects(relation):
            if s in entities and o in entities:
                edges.append((str(s), str(o), _local(relation), statements.get((s, relation, o), [])))
    for s, o, name, support in sorted(edges, key=lambda e: e[:3]):
        first = support[0] if support else {"evidence": None, "document": None, "source": "text"}
        cited.update(URIRef(f["document"]) for f in support if f["document"])
        G.add_edge(s, o, key=name, relation=name, evidence=first["evidence"], document=first["document"],
                   source=first["source"], support=support)
    G.graph["documents"] = _documents(graph, cited)
    return G


def has_coordinates(data: dict) -> bool:
    """Whether node attributes ``data`` carry a usable WGS84 ``lat``/``lon`` pair.

    Example:
        >>> has_coordinates({"lat": 35.7977, "lon": 112.9236}), has_coordinates({"lat": None, "lon": None})
        (True, False)
    """
    lat, lon = data.get("lat"), data.get("lon")
    if lat is None or lon is None:
        return False
    return math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180


def map_anchors(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Where the map draws places that have no coordinates of their own.

    A node without coordinates that is ``locatedIn``/``partOf`` (directly or along a
    chain of those relations) a node with coordinates is drawn beside the nearest such
    node (fewest hops; ties go to the smaller node key). Nodes with coordinates, and
    nodes with no such chain, are not in the result.

    Args:
        G: Output of :func:`graph_to_network`.

    Returns:
        Node key -> the chain of node keys it lies in, ending at the anchor with
        coordinates (sorted by node key).

    Example:
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("高平市", lat=35.7977, lon=112.9236)
        >>> G.add_node("釜山景区", lat=None, lon=None)
        >>> G.add_node("法水湖", lat=None, lon=None)
        >>> _ = G.add_edge("釜山景区", "高平市", key="locatedIn")
        >>> _ = G.add_edge("法水湖", "釜山景区", key="locatedIn")
        >>> map_anchors(G)
        {'法水湖': ['釜山景区', '高平市'], '釜山景区': ['高平市']}
    """
    up: dict[str, list[str]] = defaultdict(list)
    for u, v, key in G.edges(keys=True):
        if key in MAP_RELATIONS and u != v:
            up[u].append(v)
    located = {node for node, data in G.nodes(data=True) if has_coordinates(data)}
    out = {}
    for node in sorted(G):
        if node in located or node not in up:
            continue
        parent: dict[str, str] = {node: node}
        frontier = [node]
        anchor = None
        while frontier and anchor is None:
            following = []
            for current in frontier:
                for above in sorted(set(up[current])):
                    if above in parent:
                        continue
                    parent[above] = current
                    following.append(above)
            hits = sorted(x for x in following if x in located)
            anchor = hits[0] if hits else None
            frontier = following
        if anchor is not None:
            chain = [anchor]
            while parent[chain[-1]] != node:
                chain.append(parent[chain[-1]])
            out[node] = chain[::-1]
    return out


def _pagerank(G: nx.MultiDiGraph, alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 200) -> dict:
    """PageRank by power iteration in numpy (nx.pagerank would need scipy)."""
    nodes = list(G)
    if not nodes:
        return {}
    position = {node: i for i, node in enumerate(nodes)}
    n = len(nodes)
    src = np.array([position[u] for u, _ in G.edges()], dtype=np.int64)
    dst = np.array([position[v] for _, v in G.edges()], dtype=np.int64)
    out_degree = np.bincount(src, minlength=n).astype(float)
    rank = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        new = np.zeros(n)
        if len(src):
            np.add.at(new, dst, rank[src] / out_degree[src])
        new = alpha * (new + rank[out_degree == 0].sum() / n) + (1.0 - alpha) / n
        done = np.abs(new - rank).sum() < n * tol
        rank = new
        if done:
            break
    return {node: float(rank[i]) for node, i in position.items()}


def add_metrics(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Add ``pagerank``, ``degree`` and ``size`` (8-32 px, grows with sqrt of PageRank).

    Returns:
        ``G`` itself, changed in place.
    """
    rank = _pagerank(G)
    low, high = (min(rank.values()), max(rank.values())) if rank else (0.0, 0.0)
    for node, data in G.nodes(data=True):
        share = (rank[node] - low) / (high - low) if high > low else 0.0
        data["pagerank"] = round(rank[node], 8)
        data["degree"] = G.degree(node)
        data["size"] = round(8.0 + 24.0 * math.sqrt(share), 2)
    return G


def _normalise(pos: dict, n: int) -> dict:
    """Centre positions at 0 and scale them to a disc of radius UNIT * sqrt(n)."""
    xy = np.array(list(pos.values()), dtype=float)
    xy -= xy.mean(axis=0)
    extent = np.sqrt((xy**2).sum(axis=1)).max()
    if extent > 0:
        xy *= UNIT * math.sqrt(n) / extent
    return dict(zip(pos, map(tuple, xy)))


def _separate(centres: np.ndarray, radii: np.ndarray, gap: float = UNIT / 2, passes: int = 80) -> np.ndarray:
    """Push discs apart until each pair is ``gap`` clear (vectorised relaxation passes)."""
    for _ in range(passes):
        delta = centres[:, None, :] - centres[None, :, :]
        dist = np.sqrt((delta**2).sum(axis=2)) + np.eye(len(centres))
        overlap = radii[:, None] + radii[None, :] + gap - dist
        np.fill_diagonal(overlap, 0.0)
        overlap = np.clip(overlap, 0.0, None)
        if not overlap.any():
            break
        push = (delta / np.maximum(dist, 1e-9)[:, :, None]) * (overlap / 2)[:, :, None]
        centres = centres + push.sum(axis=1) / 2
    return centres


def _spring(H: nx.Graph, seed: int, weight: str | None = None) -> dict:
    """A force layout that needs no scipy below 500 nodes (networkx's dense solver).

    At 500 nodes and more networkx's spring layout needs scipy; without it we use
    ``nx.forceatlas2_layout`` (numpy, networkx >= 3.4), else a circle. Only a group
    that Louvain cannot split (a star of 500+ leaves) gets here.
    """
    if len(H) < 500:
        return nx.spring_layout(H, seed=seed, weight=weight)
    try:
        import scipy  # noqa: F401
    except ImportError:
        if hasattr(nx, "forceatlas2_layout"):
            return nx.forceatlas2_layout(H, seed=seed, weight=weight, max_iter=100)
        return nx.circular_layout(H)
    return nx.spring_layout(H, seed=seed, weight=weight)


def _group_layout(U: nx.Graph, nodes: list, seed: int, depth: int = 0) -> dict:
    """Lay out one connected group: spring if small, else communities arranged by spring."""
    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    # a copy in sorted order: a subgraph view iterates its nodes in the order of a set of strings,
    # which changes with the process's hash seed (PYTHONHASHSEED)
    H = nx.Graph()
    H.add_nodes_from(nodes)
    H.add_edges_from(sorted(tuple(sorted(edge)) for edge in U.subgraph(nodes).edges()))
    parts = []
    if n > SPRING_MAX and depth < 4:
        # on integer labels: Louvain iterates sets of nodes, and the order of a set of strings
        # changes with the process's hash seed (PYTHONHASHSEED), that of a set of ints does not
        names = sorted(H)
        numbered = nx.relabel_nodes(H, {name: i for i, name in enumerate(names)})
        found = nx.community.louvain_communities(numbered, seed=seed)
        parts = sorted((sorted(names[i] for i in p) for p in found), key=lambda p: (-len(p), p[0]))
    if len(parts) < 2:
        pos = _normalise(_spring(H, seed), n)
        xy = _separate(np.array(list(pos.values())), np.full(n, UNIT * 0.45), gap=UNIT * 0.3)
        return dict(zip(pos, map(tuple, xy)))
    member = {node: i for i, part in enumerate(parts) for node in part}
    Q = nx.Graph()
    Q.add_nodes_from(range(len(parts)))
    for u, v in H.edges():
        a, b = member[u], member[v]
        if a != b:
            Q.add_edge(a, b, weight=Q.get_edge_data(a, b, {"weight": 0})["weight"] + 1)
    inner = [_group_layout(U, part, seed, depth + 1) for part in parts]
    radii = np.array([UNIT * math.sqrt(len(p)) for p in parts])
    spread = _spring(Q, seed, weight="weight")
    centres = np.array([spread[i] for i in range(len(parts))]) * radii.sum() / 2
    centres = _separate(centres, radii)
    return {node: (centres[i][0] + x, centres[i][1] + y) for i, pos in enumerate(inner) for node, (x, y) in pos.items()}


def _pack(blocks: list[dict]) -> dict:
    """Shelf-pack laid-out groups (largest first) by their bounding boxes into a roughly square area."""
    boxes = []
    for block in blocks:
        xy = np.array(list(block.values()), dtype=float).reshape(-1, 2)
        low, high = xy.min(axis=0), xy.max(axis=0)
        boxes.append((low, high - low + UNIT))
    width = max(max((size[0] for _, size in boxes), default=0.0),
                math.sqrt(sum(size[0] * size[1] for _, size in boxes)) * 1.1)
    out, x, y, row = {}, 0.0, 0.0, 0.0
    for block, (low, size) in zip(blocks, boxes):
        if x > 0 and x + size[0] > width:
            x, y, row = 0.0, y + row, 0.0
        for node, (px, py) in block.items():
            out[node] = (x + UNIT / 2 + px - low[0], y + UNIT / 2 + py - low[1])
        x, row = x + size[0], max(row, size[1])
    if out:
        xy = np.array(list(out.values()))
        mid = (xy.min(axis=0) + xy.max(axis=0)) / 2
        out = {node: (p[0] - mid[0], p[1] - mid[1]) for node, p in out.items()}
    return out


def layout(G: nx.MultiDiGraph, seed: int = 0) -> nx.MultiDiGraph:
    """Set ``x``/``y`` (pixels) on every node; deterministic for a given graph and seed.

    Connected components are laid out separately and shelf-packed, largest first;
    isolated nodes share one grid block ordered by class and label. A component of
    at most ``SPRING_MAX`` nodes gets ``nx.spring_layout``; a larger one is split
    into Louvain communities (recursively), each laid out by spring and placed by a
    spring layout of the community graph, then pushed apart so that discs do not
    overlap. This keeps 5,000 nodes to a few seconds without scipy (docs/page.md).

    Returns:
        ``G`` itself, changed in place.
    """
    U = nx.Graph()
    U.add_nodes_from(sorted(G))
    U.add_edges_from(sorted((u, v) for u, v in G.edges() if u != v))
    components = sorted((sorted(c) for c in nx.connected_components(U)), key=lambda c: (-len(c), c[0]))
    blocks = [_group_layout(U, c, seed) for c in components if len(c) > 1]
    singles = sorted((G.nodes[c[0]].get("cls", ""), G.nodes[c[0]].get("label", ""), c[0])
                     for c in components if len(c) == 1)
    if singles:
        cols = max(1, math.ceil(math.sqrt(len(singles))))
        step = UNIT * 1.6
        blocks.append({key[2]: ((i % cols - (cols - 1) / 2) * step, (i // cols - (len(singles) - 1) // cols / 2) * step)
                       for i, key in enumerate(singles)})
    blocks.sort(key=len, reverse=True)
    for node, (x, y) in _pack(blocks).items():
        G.nodes[node]["x"], G.nodes[node]["y"] = round(float(x), 1), round(float(y), 1)
    return G
