"""A persistent Oxigraph store for large graphs: load a graph file once, then query it without re-parsing.

``kg load out/graph.nt --store out/store`` writes a folder that ``kg query out/store`` and
``kg serve out/store`` open read-only in well under a second, whatever the graph's size
(parsing a 50 MB corpus graph takes most of a minute). The folder holds Oxigraph's RocksDB
files and ``envkg-store.json`` (the graph it was loaded from, its triples, when), by which envkg
knows a folder is a store it may replace.

A new store is written to a sibling folder and switched in by renames, so a failed or killed
load leaves the previous store intact.

Example:
    >>> import tempfile
    >>> from kg.store import load_store, run_query
    >>> folder = Path(tempfile.mkdtemp()) / "store"
    >>> write_store("tests/fixtures/mini.ttl", folder).triples > 0
    True
    >>> run_query(load_store(folder), 'SELECT ?l WHERE { ?p a envkg:Person ; skos:prefLabel ?l }').values()
    [('赵庆国',)]
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError, OutputError

MARKER = "envkg-store.json"


@dataclass(frozen=True)
class StoreInfo:
    """What ``envkg-store.json`` records about a store."""

    source: str  # the graph file it was loaded from
    triples: int
    seconds: float  # time the load took
    bytes: int  # disk size of the folder


def is_store(folder: str | Path) -> bool:
    """True when `folder` is a store written by :func:`write_store`."""
    return (Path(folder) / MARKER).is_file()


def store_info(folder: str | Path) -> StoreInfo:
    """The record of the store in `folder`.

    Raises:
        InputError: `folder` is no envkg store.
    """
    marker = Path(folder) / MARKER
    try:
        return StoreInfo(**json.loads(marker.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError) as e:
        raise InputError(f"{folder} is no envkg store (no readable {MARKER}); "
                         "write one with `kg load GRAPH --store DIR`") from e


def open_store(folder: str | Path) -> ox.Store:
    """Open the store in `folder` read-only (several processes may hold it open at once).

    Raises:
        InputError: `folder` is no envkg store, or Oxigraph cannot open it.
    """
    store_info(folder)
    try:
        return ox.Store.read_only(str(folder))
    except OSError as e:
        raise InputError(f"cannot open the store {folder} ({e}); rewrite it with `kg load`") from e


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def write_store(graph: str | Path, folder: str | Path) -> StoreInfo:
    """Load the graph file `graph` into a new persistent store at `folder`, replacing an older store there.

    Raises:
        InputError: `graph` is missing or does not parse.
        OutputError: `folder` exists and is no envkg store (it is never overwritten), or it cannot be written.
    """
    from kg.store import _FORMATS

    graph, folder = Path(graph), Path(folder)
    formats = _FORMATS.get(graph.suffix.lower())
    if formats is None:
        raise InputError(f"cannot tell the RDF format of {graph}: use one of {', '.join(sorted(_FORMATS))}")
    if not graph.is_file():
        raise InputError(f"graph file not found: {graph}; build it first with `kg build`")
    if folder.exists() and not is_store(folder):
        raise OutputError(f"{folder} exists and is no envkg store; give a new folder or remove it")
    staging = folder.with_name(f".{folder.name}.loading-{os.getpid()}")
    old = folder.with_name(f".{folder.name}.old-{os.getpid()}")
    start = time.perf_counter()
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
        native = ox.Store(str(staging))
        try:
            native.bulk_load(path=str(graph), format=formats[1])
        except (SyntaxError, ValueError) as e:
            raise InputError(f"cannot read graph file {graph}: {e}") from e
        native.flush()
        native.optimize()
        triples = len(native)
        del native  # closes the database before it is moved
        info = StoreInfo(str(graph), triples, round(time.perf_counter() - start, 3), 0)
        info = StoreInfo(info.source, info.triples, info.seconds, _size(staging))
        (staging / MARKER).write_text(json.dumps(asdict(info), ensure_ascii=False, indent=1) + "\n",
                                      encoding="utf-8")
        if folder.exists():
            folder.rename(old)
        try:
            staging.rename(folder)
        except OSError:
            if old.exists():
                old.rename(folder)  # the previous store stays in place
            raise
    except OSError as e:
        raise OutputError(f"cannot write the store {folder} ({e}); check the folder and the free space") from e
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if folder.exists():
            shutil.rmtree(old, ignore_errors=True)
    return info
