"""The build under faults (issue 15, part 3), end to end through the CLI.

- ``kg build`` SIGKILLed at random moments leaves the last good outputs byte for byte, and the
  build after the kills, from the cache the killed builds filled, gives the bytes of a clean build
  (bench/faults.py, which runs it at 20 MB). The corpus comes from bench/make_corpus.py:
  ``KG_FAULT_CORPUS`` bytes (default 150KB), ``KG_FAULT_KILLS`` kills (default 10).
- A read-only or full output folder gives a one-line error and exit code 2, and leaves the
  outputs as they were with nothing half-written. Read-only: a tmpfs remounted read-only (root)
  or a chmod-ed folder (not root). Full: a tmpfs filled up to a few hundred KB (root), or a file
  size limit (RLIMIT_FSIZE: the kernel fails the write with EFBIG), which needs no privileges.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from tests.conftest import SEED, visible_outputs

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1767225600"}
CORPUS = os.environ.get("KG_FAULT_CORPUS", "150KB")
KILLS = int(os.environ.get("KG_FAULT_KILLS", "10"))

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and mounts")


def kg_build(*args: str, cwd: Path, preexec_fn=None) -> subprocess.Popen:
    """``python -m kg build ARGS -q`` in its own session (killed with its workers)."""
    return subprocess.Popen([sys.executable, "-m", "kg", "build", *args, "-q"], cwd=cwd, env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                            start_new_session=True, preexec_fn=preexec_fn)


@pytest.mark.slow
def test_issue_15_killed_builds_keep_the_last_good_outputs_and_the_cache_works(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    from faults import kill_builds, split_corpus
    from make_corpus import make_corpus, parse_size

    old, new = split_corpus(make_corpus(parse_size(CORPUS), seed=15, out=tmp_path / "new"), tmp_path / "old")
    result = kill_builds(old, new, tmp_path, kills=KILLS, seed=15)
    assert len(result.kills) == KILLS
    for i, kill in enumerate(result.kills):
        assert kill.ok, f"kill {i} ({kill.target}, at {kill.moment:.2f} s, {kill.stage}) changed the outputs"
    hits = sum(k.hit for k in result.kills)
    assert hits >= KILLS * 0.6, f"only {hits} of {KILLS} kills hit a running build"
    assert result.final_ok, "the build after the kills, from their cache, differs from a clean build"
    out = tmp_path / "out"
    assert [p.name for p in (out / ".builds").iterdir() if p.name.startswith("build-")] == [
        os.readlink(out / ".builds" / "current")]


# --- read-only and full output folders ------------------------------------------------------------


def _can_mount() -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    probe = Path(f"/tmp/envkg-mount-probe-{os.getpid()}")
    probe.mkdir(exist_ok=True)
    try:
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)],
                          capture_output=True).returncode != 0:
            return False
        subprocess.run(["umount", str(probe)], check=True)
        return True
    finally:
        probe.rmdir()


CAN_MOUNT = _can_mount()
NEEDS_MOUNT = pytest.mark.skipif(not CAN_MOUNT, reason="needs root and mount (tmpfs)")


class Mount:
    """A tmpfs mounted at `path` for the block."""

    def __init__(self, path: Path, size: str) -> None:
        self.path, self.size = path, size

    def __enter__(self) -> Path:
        self.path.mkdir(parents=True)
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={self.size}", "tmpfs", str(self.path)], check=True)
        return self.path

    def __exit__(self, *exc) -> bool:
        subprocess.run(["umount", "-l", str(self.path)], check=True)
        return False


def build_cli(*args: str):
    return CliRunner().invoke(main, ["build", *args, "-q", "--no-cache"])


def assert_one_line_error(result, out: Path, words: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"error: cannot write") and str(out) in lines[0], lines[0]
    assert words in lines[0] and lines[0].endswith("or choose another --out)"), lines[0]


def assert_untouched(out: Path, before: dict[str, bytes]) -> None:
    files, dangling = visible_outputs(out)
    assert files == before and not dangling
    current = os.readlink(out / ".builds" / "current")
    assert [p.name for p in (out / ".builds").iterdir() if p.name.startswith("build-")] == [current]
    assert not [p for p in out.iterdir() if p.name.startswith(".") and p.name != ".builds"]


@pytest.fixture()
def more_input(tmp_path):
    """The seed page and a second article: a build bigger than the seed's."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED, raw / SEED.name)
    (raw / "more.txt").write_text("晋中市生态环境局启动“利剑斩污”专项行动。汾河水质达到Ⅲ类。\n", encoding="utf-8")
    return raw


@pytest.mark.parametrize("method", ["chmod", pytest.param("read-only mount", marks=NEEDS_MOUNT)])
def test_issue_15_read_only_output_folder(tmp_path, more_input, method):
    if method == "chmod" and os.geteuid() == 0:
        pytest.skip("root writes through file permissions")
    disk = Mount(tmp_path / "disk", "8m") if method == "read-only mount" else None
    base = disk.__enter__() if disk else tmp_path
    out = base / "out"
    try:
        assert build_cli(str(SEED), "--out", str(out)).exit_code == 0
        before, _ = visible_outputs(out)
        if disk:
            subprocess.run(["mount", "-o", "remount,ro", str(base)], check=True)
        else:
            for folder in (out, out / ".builds"):
                folder.chmod(0o555)
        result = build_cli(str(more_input), "--out", str(out))
        assert_one_line_error(result, out, "make it writable" if not disk else "remount it read-write")
        assert_untouched(out, before)
    finally:
        if disk:
            disk.__exit__()
        else:
            for folder in (out, out / ".builds"):
                folder.chmod(0o755)


def _fill(disk: Path, leave: int) -> None:
    """Fill the file system of `disk` up to `leave` free bytes."""
    stat = os.statvfs(disk)
    free = stat.f_bavail * stat.f_frsize
    with open(disk / "filler", "wb") as handle:
        handle.write(b"\0" * max(0, free - leave))


def test_issue_15_full_disk_tmpfs(tmp_path, more_input):
    if not CAN_MOUNT:
        pytest.skip("needs root and mount (tmpfs)")
    with Mount(tmp_path / "disk", "8m") as disk:
        out = disk / "out"
        assert build_cli(str(SEED), "--out", str(out)).exit_code == 0
        before, _ = visible_outputs(out)
        _fill(disk, leave=300_000)  # the page alone needs about 800 KB
        result = build_cli(str(more_input), "--out", str(out), "--format", "ttl,nt")
        assert_one_line_error(result, out, "No space left on device (free some space on its disk")
        assert_untouched(out, before)
        (disk / "filler").unlink()
        assert build_cli(str(more_input), "--out", str(out)).exit_code == 0  # space again: it builds


def test_issue_15_file_size_limit(tmp_path, more_input):
    import resource

    out = tmp_path / "out"
    assert build_cli(str(SEED), "--out", str(out)).exit_code == 0
    before, _ = visible_outputs(out)

    def limit() -> None:  # graph.ttl (about 180 KB) fits, the page (about 800 KB) does not
        resource.setrlimit(resource.RLIMIT_FSIZE, (400_000, 400_000))

    process = kg_build(str(more_input), "--out", str(out), "--no-cache", cwd=tmp_path, preexec_fn=limit)
    stdout, stderr = process.communicate(timeout=300)
    assert process.returncode == 2, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot write graph.html in output folder"), stderr
    assert "File too large (raise the file size limit" in lines[0] and str(out) in lines[0]
    assert_untouched(out, before)


def _children(pid: int) -> set[int]:
    """The pids whose parent is `pid` (from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text(encoding="utf-8").rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_issue_15_workers_die_with_a_killed_build(tmp_path):
    import time

    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(40):  # enough batches for both workers
        shutil.copy(SEED, raw / f"{i:02d}.txt")
    process = subprocess.Popen([sys.executable, "-m", "kg", "build", str(raw), "--out", str(tmp_path / "out"), "-q",
                                "--no-cache", "--jobs", "2"], cwd=tmp_path, env=ENV, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while len(workers := _children(process.pid)) < 2 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(workers) == 2, "the pool's workers never started"
        process.kill()  # SIGKILL the build alone, not its process group
        process.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(map(_alive, workers)), "a worker outlived the killed build"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # the build's session: its workers, if they outlived it
