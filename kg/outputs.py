"""Write a build's outputs as one set: stage them all, then switch to them with one atomic rename.

An output folder holds one symlink per output and the builds they point into::

    out/graph.ttl   -> .builds/current/graph.ttl
    out/report.json -> .builds/current/report.json
    out/.builds/current -> build-4242-k3j9      (the committed build)
    out/.builds/build-4242-k3j9/graph.ttl, report.json, ...

A build writes every output into a fresh ``.builds/build-<pid>-<random>/`` folder and fsyncs it;
then it makes sure each output's name in ``out/`` is the symlink ``.builds/current/<name>`` (a
name that was a plain file keeps its bytes: they are linked into the current build first), and
renames a new ``current`` symlink over the old one. ``rename(2)`` is atomic, so a reader, or a
build killed at any moment, sees every old output or every new one, never a mix. Afterwards the
previous build's folder and the links of outputs this build no longer makes are removed. Files
in ``out/`` that no build made (``out/dev/``, notes) are never touched.

One case is weaker: an output *name* new to the folder (the first build, or ``--format nt``
added) appears as a link just before the switch; a build killed in between leaves that name
dangling (not a readable file) beside the intact old outputs, and the next build removes it.

Where symlinks cannot be made (some Windows setups, FAT), each staged file is renamed over its
target in turn: every file is whole, but a kill during the renames can leave a mix.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> with StagedOutputs(out) as staged:
    ...     staged.write("a.txt", "汾河".encode("utf-8"))
    ...     staged.commit()
    >>> (out / "a.txt").read_text(encoding="utf-8")
    '汾河'
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from kg.errors import OutputError

BUILDS = ".builds"
CURRENT = "current"
_TEMP_LINK = ".builds-link-"  # a symlink being renamed over an output name
_BUILD_DIR = re.compile(r"build-(\d+)-")

_ADVICE = {errno.ENOSPC: "free some space on its disk", errno.EDQUOT: "free some of your disk quota",
           errno.EFBIG: "raise the file size limit (ulimit -f)", errno.EROFS: "remount it read-write",
           errno.EACCES: "make it writable", errno.EPERM: "make it writable"}


def output_error(out_dir: Path, error: OSError, name: str | None = None) -> OutputError:
    """A one-line OutputError naming the output folder, the cause and what to do."""
    advice = _ADVICE.get(error.errno, "check the folder")
    what = f"{name} in output folder {out_dir}" if name else f"to output folder {out_dir}"
    return OutputError(f"cannot write {what}: {error.strerror or error} ({advice}, or choose another --out)")


class _Sink:
    """A staged file open for writing whose OSErrors become :class:`OutputError`."""

    __slots__ = ("_file", "_out_dir", "_name")

    def __init__(self, file: BinaryIO, out_dir: Path, name: str) -> None:
        self._file, self._out_dir, self._name = file, out_dir, name

    def write(self, data) -> int:
        try:
            return self._file.write(data)
        except OSError as e:
            raise output_error(self._out_dir, e, self._name) from e

    def close(self) -> None:
        try:
            self._file.close()
        except OSError as e:
            raise output_error(self._out_dir, e, self._name) from e

    def __enter__(self) -> _Sink:
        return self

    def __exit__(self, *exc) -> bool:
        self.close()
        return False


class StagedOutputs:
    """Outputs staged in a private build folder and committed as one set (see the module docstring).

    Used as a context manager: on an exception, or if :meth:`commit` is never called, the staged
    build is removed and the previous outputs stay as they were.

    Raises:
        OutputError: the output folder cannot be created or written (read-only, full, a folder
            where an output should go).
    """

    def __init__(self, out_dir: str | Path) -> None:
        self.out_dir = Path(out_dir)
        self.builds = self.out_dir / BUILDS
        self.dir: Path | None = None
        self.linked = True  # False: symlinks do not work here, files are renamed one by one
        self._staged: dict[str, Path] = {}
        self._committed = False

    def __enter__(self) -> StagedOutputs:
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            self.builds.mkdir(exist_ok=True)
            with _locked(self.builds):
                self.linked = _symlinks_work(self.builds)
                if self.linked:
                    _repair(self.out_dir)
                self.dir = Path(tempfile.mkdtemp(prefix=f"build-{os.getpid()}-", dir=self.builds))
            os.chmod(self.dir, 0o777 & ~_umask())
        except OSError as e:
            raise output_error(self.out_dir, e) from e
        return self

    def __exit__(self, *exc) -> bool:
        if self.dir is not None and not self._committed:
            shutil.rmtree(self.dir, ignore_errors=True)
        self._staged.clear()
        return False

    def open(self, name: str) -> _Sink:
        """A new binary file that becomes ``out_dir/name`` on :meth:`commit`."""
        path = self.dir / name
        try:
            handle = open(path, "xb", buffering=1 << 20)
        except OSError as e:
            raise output_error(self.out_dir, e, name) from e
        self._staged[name] = path
        return _Sink(handle, self.out_dir, name)

    def write(self, name: str, data: bytes) -> None:
        """Stage `data` as ``out_dir/name``."""
        with self.open(name) as handle:
            handle.write(data)

    def path(self, name: str) -> Path:
        """Where a staged output is until it is committed."""
        return self._staged[name]

    def discard(self, name: str) -> None:
        """Drop a staged output: it will not be written."""
        self._staged.pop(name).unlink(missing_ok=True)

    @property
    def names(self) -> list[str]:
        return sorted(self._staged)

    def sync(self) -> None:
        """Flush every staged file to the disk (done again by :meth:`commit` for later files)."""
        for name, path in sorted(self._staged.items()):
            try:
                _fsync(path)
            except OSError as e:
                raise output_error(self.out_dir, e, name) from e

    def commit(self) -> None:
        """Make the staged outputs the folder's outputs, all at once."""
        self.sync()
        name = None
        try:
            _fsync(self.dir)
            if not self.linked:
                for name in self.names:
                    os.replace(self._staged[name], self.out_dir / name)
                self._committed = True
                shutil.rmtree(self.dir, ignore_errors=True)
                return
            with _locked(self.builds):
                current = _current_dir(self.builds)
                for name in self.names:
                    current = _link_name(self.out_dir, name, current)
                name = None
                _fsync(self.out_dir)
                _switch(self.builds, self.dir.name)
                self._committed = True
                with contextlib.suppress(OSError):  # committed: what is left, the next build removes
                    _repair(self.out_dir)
        except OSError as e:
            raise output_error(self.out_dir, e, name) from e


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to a temporary file beside `path`, then rename it over `path`.

    Raises:
        OutputError: the file cannot be written.
    """
    path = Path(path)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as e:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise output_error(path.parent, e, path.name) from e


def _link_target(name: str) -> str:
    return f"{BUILDS}/{CURRENT}/{name}"


def _current_dir(builds: Path) -> Path | None:
    """The committed build's folder, or None before the first build."""
    try:
        current = builds / os.readlink(builds / CURRENT)
    except FileNotFoundError:
        return None
    return current if current.is_dir() else None


def _link_name(out_dir: Path, name: str, current: Path | None) -> Path | None:
    """Make ``out_dir/name`` the link into the current build, showing the same bytes as before.

    Returns the current build's folder (made here when plain files are adopted)."""
    target = out_dir / name
    want = _link_target(name)
    try:
        have = os.readlink(target)
    except FileNotFoundError:
        if current is not None:
            (current / name).unlink(missing_ok=True)  # not visible now: must not appear
        os.symlink(want, target)
        return current
    except OSError:  # not a symlink
        have = None
    if have == want:
        return current
    if target.is_dir():
        raise OutputError(f"{target} is a folder where the build writes a file: move it away or choose another --out")
    if current is None:  # a folder of plain files from an older envkg: adopt them as the current build
        current = Path(tempfile.mkdtemp(prefix=f"build-{os.getpid()}-", dir=out_dir / BUILDS))
        os.chmod(current, 0o777 & ~_umask())
        _switch(out_dir / BUILDS, current.name)
    _preserve(target, current / name)
    tmp = out_dir / f"{_TEMP_LINK}{name}"
    tmp.unlink(missing_ok=True)
    os.symlink(want, tmp)
    os.replace(tmp, target)
    return current


def _preserve(source: Path, dest: Path) -> None:
    """Put the bytes of `source` at `dest` (a hard link where possible, else a copy), atomically."""
    tmp = dest.with_name(f".{dest.name}.adopt")
    tmp.unlink(missing_ok=True)
    try:
        os.link(source, tmp)
    except OSError:
        shutil.copy2(source, tmp)
        _fsync(tmp)
    os.replace(tmp, dest)
    _fsync(dest.parent)


def _switch(builds: Path, build_name: str) -> None:
    """Point ``current`` at `build_name` with one rename, and flush the folder."""
    tmp = builds / f"{CURRENT}.{os.getpid()}"
    tmp.unlink(missing_ok=True)
    os.symlink(build_name, tmp)
    os.replace(tmp, builds / CURRENT)
    _fsync(builds)


def _repair(out_dir: Path) -> None:
    """Remove what a killed build leaves: links to outputs the current build lacks, temporary
    links, and build folders that are neither current nor being written by a live process."""
    builds = out_dir / BUILDS
    for entry in os.scandir(out_dir):
        if not entry.is_symlink():
            continue
        if entry.name.startswith(_TEMP_LINK):
            os.unlink(entry.path)
        elif os.readlink(entry.path) == _link_target(entry.name) and not os.path.exists(entry.path):
            os.unlink(entry.path)
    current = _current_dir(builds)
    for entry in os.scandir(builds):
        if entry.name.startswith(f"{CURRENT}.") and entry.is_symlink():
            pid = entry.name.rpartition(".")[2]
            if not (pid.isdigit() and _alive(int(pid))):
                os.unlink(entry.path)
            continue
        match = _BUILD_DIR.match(entry.name)
        if not match or not entry.is_dir(follow_symlinks=False):
            continue
        if current is not None and entry.name == current.name:
            continue
        pid = int(match.group(1))
        if pid == os.getpid() or not _alive(pid):
            shutil.rmtree(entry.path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _symlinks_work(folder: Path) -> bool:
    probe = folder / f".probe-{os.getpid()}"
    try:
        probe.unlink(missing_ok=True)
        os.symlink(CURRENT, probe)
    except (OSError, NotImplementedError):
        return False
    probe.unlink()
    return True


def _fsync(path: Path) -> None:
    """fsync a file or a folder (folders: where the system allows it)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except PermissionError:
        if path.is_dir():  # Windows opens no folders
            return
        raise
    try:
        os.fsync(fd)
    except OSError as e:
        if not path.is_dir() or e.errno not in (errno.EINVAL, errno.EBADF):
            raise
    finally:
        os.close(fd)


@contextlib.contextmanager
def _locked(builds: Path) -> Iterator[None]:
    """Hold an exclusive lock on the folder's builds (two builds into one folder commit in turn)."""
    try:
        import fcntl
    except ImportError:  # not POSIX
        yield
        return
    fd = os.open(builds / "lock", os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
