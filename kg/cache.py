"""A per-document cache of extracted facts, for incremental builds.

Each document's facts (its :class:`~kg.types.Document` and the
:class:`~kg.types.ArticleFacts` of its articles) are pickled under
``<cache_dir>/v-<pipeline version>/<2 hex>/<key>.pkl``. The key hashes the file's
name and bytes (article ids contain the file name), so an unchanged file is never
read by the NLP pipeline twice; the pipeline version hashes everything that decides
what extraction returns, so a change to it can never serve stale facts.

    >>> import tempfile
    >>> from kg.types import Document
    >>> cache = DocumentCache(Path(tempfile.mkdtemp()), version="test")
    >>> key = cache.key("a.txt", "汾河".encode("utf-8"))
    >>> cache.get(key) is None
    True
    >>> cache.put(key, ("facts", 1))
    >>> cache.get(key)
    ('facts', 1)
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from kg import __version__
from kg.errors import OutputError

DEFAULT_CACHE_DIR = Path(".cache") / "envkg"
KEEP_VERSIONS = 2  # older pipeline versions kept beside the current one, newest first
PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR.parent / "data"
# What decides a cached document besides its bytes: the code of extraction and of the serialisation
# of its own subjects (the cache keeps both)
EXTRACTION_SOURCES = ("ingest.py", "normalize.py", "lexicon.py", "facts.py", "types.py", "parallel.py", "nlp/*.py", "nlp/recognizers/*.py",
                      "rdf.py", "export.py", "dataset.py", "indicators.py", "namespace.py")


def _hash_files(digest, files: list[Path], root: Path) -> None:
    for path in sorted(files):
        digest.update(str(path.relative_to(root)).encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """A hash of everything besides a document's bytes that decides what extraction returns.

    That is envkg's version, the versions of spaCy and the segmenter (rjieba), every file under ``data/``
    except the input articles of ``data/raw``, and the source of the extraction and serialisation stages
    (so a rule changed during development, without a version bump, also invalidates the cache).
    It is computed once per process, as close as possible to when the process loaded that code.
    """
    from importlib.metadata import version

    import spacy

    digest = hashlib.sha256()
    for part in (__version__, spacy.__version__, version("rjieba"), f"py{sys.version_info[0]}.{sys.version_info[1]}"):
        digest.update(part.encode("utf-8") + b"\0")
    if DATA_DIR.is_dir():
        data = [p for p in DATA_DIR.rglob("*") if p.is_file() and "raw" not in p.relative_to(DATA_DIR).parts[:1]]
        _hash_files(digest, data, DATA_DIR)
    code = [p for pattern in EXTRACTION_SOURCES for p in PACKAGE_DIR.glob(pattern) if p.is_file()]
    _hash_files(digest, code, PACKAGE_DIR)
    return digest.hexdigest()[:20]


class DocumentCache:
    """Pickled per-document facts under ``cache_dir``, one folder per pipeline version.

    Args:
        cache_dir: The cache's root folder (created on the first write).
        version: The pipeline version; default :func:`pipeline_version`.
    """

    def __init__(self, cache_dir: Path, version: str | None = None) -> None:
        self.root = Path(cache_dir)
        self.version = version or pipeline_version()
        self.dir = self.root / f"v-{self.version}"
        self.hits = 0
        self.misses = 0

    def key(self, name: str, data: bytes) -> str:
        """The cache key of a file: a hash of its base name and bytes."""
        digest = hashlib.sha256(name.encode("utf-8") + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.pkl"

    def get(self, key: str) -> object | None:
        """The cached value of `key`, or None (a missing or unreadable entry is a miss)."""
        path = self._path(key)
        try:
            with path.open("rb") as handle:
                value = pickle.load(handle)
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            path.unlink(missing_ok=True)  # truncated or from an incompatible envkg: rebuild it
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: object) -> None:
        """Store a value atomically (a temporary file renamed into place).

        Raises:
            OutputError: the cache folder cannot be written.
        """
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{key[:8]}.{os.getpid()}.", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as handle:
                    pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as e:
            raise OutputError(f"cannot write the build cache {self.root}: {e.strerror} "
                              "(give a writable folder, or build with --no-cache)") from e

    def prune(self, keep: int = KEEP_VERSIONS) -> list[Path]:
        """Delete the folders of all but the `keep` most recent other pipeline versions; return them.

        Also deletes the temporary files that writers killed in the middle of :meth:`put` left.
        """
        if not self.root.is_dir():
            return []
        for tmp in self.dir.glob("*/.*"):
            pid = tmp.name.split(".")[2] if tmp.name.count(".") >= 3 else ""
            if pid.isdigit() and not _alive(int(pid)):
                tmp.unlink(missing_ok=True)
        others = sorted((p for p in self.root.glob("v-*") if p.is_dir() and p != self.dir),
                        key=lambda p: p.stat().st_mtime, reverse=True)
        removed = others[keep:]
        for path in removed:
            shutil.rmtree(path, ignore_errors=True)
        return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
