"""Outputs committed as one set (kg/outputs.py): a process killed at every step of a commit.

Each case starts from an output folder in some state, then a child process (os.fork) stages a
new set of outputs and commits it, and is SIGKILLed at its k-th file-system call (mkdir, write
open, fsync, link, symlink, rename, unlink, rmdir), for every k until the commit runs through.
After each kill the folder must show exactly the old outputs or exactly the new ones, byte for
byte, beside the untouched files no build made; then a later build must succeed and leave no
trace of the killed one.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
from pathlib import Path

import pytest

from kg.errors import OutputError
from kg.outputs import BUILDS, StagedOutputs, write_atomic
from tests.conftest import visible_outputs as visible

pytestmark = pytest.mark.skipif(sys.platform == "win32" or not hasattr(os, "fork"), reason="needs os.fork")

FOREIGN = {"notes.txt": b"my notes", "dev/misses.txt": "漏检".encode("utf-8")}
CALLS = ("mkdir", "open", "fsync", "link", "symlink", "replace", "rename", "unlink", "rmdir")


def commit(out: Path, files: dict[str, bytes]) -> None:
    with StagedOutputs(out) as staged:
        for name, data in sorted(files.items()):
            staged.write(name, data)
        staged.commit()


def plain(out: Path, files: dict[str, bytes]) -> None:
    """Outputs as an older envkg left them: plain files."""
    out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)


def committed(out: Path, files: dict[str, bytes]) -> None:
    commit(out, files)


def validated(out: Path, files: dict[str, bytes]) -> None:
    """A committed build whose validation.txt kg validate then rewrote as a plain file."""
    commit(out, files)
    write_atomic(out / "validation.txt", b"rewritten by kg validate")


def kill_at(k: int, out: Path, files: dict[str, bytes]) -> int:
    """Commit `files` in a child that SIGKILLs itself at its k-th file-system call; its wait status."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            count = [0]

            def trap(original):
                def call(*args, **kwargs):
                    count[0] += 1
                    if count[0] == k:
                        os.kill(os.getpid(), signal.SIGKILL)
                    return original(*args, **kwargs)
                return call

            for name in CALLS:
                setattr(os, name, trap(getattr(os, name)))
            import builtins
            builtins.open = trap(builtins.open)
            commit(out, files)
        except BaseException:
            os._exit(3)
        os._exit(0)
    return os.waitpid(pid, 0)[1]


OLD = {"graph.ttl": "旧图".encode("utf-8"), "report.json": b'{"old": 1}', "validation.txt": b"old report"}
# fmt: off
CASES = [
    # (how the folder was left, the old outputs, the new outputs)
    ("first build", None, {}, {"graph.ttl": b"new ttl", "report.json": b"{}"}),
    ("plain files of an older envkg", plain, OLD, {"graph.ttl": b"new", "graph.nt": b"new nt", "report.json": b"{}"}),
    ("a committed build, a format dropped", committed, {**OLD, "graph.nt": b"old nt"},
     {"graph.ttl": b"new", "report.json": b"{}", "validation.txt": b"new report"}),
    ("a committed build, a format added", committed, OLD, {**OLD, "graph.ttl": b"new", "graph.jsonld": b"[]"}),
    ("validation.txt rewritten by kg validate", validated, OLD,
     {"graph.ttl": b"new", "report.json": b"{}", "validation.txt": b"new report"}),
    ("the same bytes again", committed, OLD, dict(OLD)),
]
# fmt: on


@pytest.mark.parametrize("case,prepare,old,new", CASES, ids=[c[0] for c in CASES])
def test_a_commit_killed_at_any_call_leaves_the_old_or_the_new_outputs(tmp_path, case, prepare, old, new):
    kills = 0
    for k in range(1, 400):
        out = tmp_path / f"out-{k}"
        plain(out, FOREIGN)
        if prepare is not None:
            prepare(out, old)
        before_files, _ = visible(out)
        # files no build made (plain ones included) stay, unless the new build writes their name
        kept = {rel: data for rel, data in before_files.items() if not (out / rel).is_symlink() and rel not in new}
        status = kill_at(k, out, new)
        if os.WIFEXITED(status):
            assert os.WEXITSTATUS(status) == 0, f"the commit failed at k={k}"
            assert visible(out) == ({**kept, **new}, set())
            break
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        kills += 1
        files, dangling = visible(out)
        if files == before_files:  # killed before the switch: names new to the folder may dangle
            assert dangling <= set(new) - set(before_files), k
        else:  # killed after it: names the new build lacks may dangle until the next build
            assert files == {**kept, **new}, f"a mix of old and new outputs after a kill at call {k}"
            assert dangling <= set(before_files) - set(new), k
        again = {name: data + b" again" for name, data in new.items()}
        commit(out, again)
        assert visible(out) == ({**kept, **again}, set()), k
        assert len(list((out / BUILDS).glob("build-*"))) == 1, f"a killed build's folder was left at call {k}"
        assert not [p for p in out.iterdir() if p.name.startswith(".") and p.name != BUILDS]
    else:
        pytest.fail("the commit never ran through")
    assert kills >= 10, f"only {kills} crash points"


def test_plain_files_become_links_and_the_adopted_build_goes(tmp_path):
    out = tmp_path / "out"
    plain(out, {"graph.ttl": b"old", "report.json": b"{}"})
    inode = (out / "graph.ttl").stat().st_ino
    with StagedOutputs(out) as staged:
        staged.write("graph.ttl", b"new")
        staged.write("report.json", b"{}")
        staged.commit()
    assert (out / "graph.ttl").is_symlink() and (out / "graph.ttl").read_bytes() == b"new"
    assert inode not in {p.stat().st_ino for p in (out / BUILDS).rglob("*") if p.is_file()}  # old build gone


def test_an_unfinished_build_leaves_nothing(tmp_path):
    out = tmp_path / "out"
    commit(out, {"graph.ttl": b"good"})
    with pytest.raises(RuntimeError), StagedOutputs(out) as staged:
        with staged.open("graph.ttl") as handle:
            handle.write(b"half")
        raise RuntimeError("failed half-way")
    assert visible(out) == ({"graph.ttl": b"good"}, set())
    assert len(list((out / BUILDS).glob("build-*"))) == 1


def test_a_folder_in_the_way_is_an_error(tmp_path):
    out = tmp_path / "out"
    (out / "graph.ttl").mkdir(parents=True)
    with pytest.raises(OutputError, match="is a folder where the build writes a file"), StagedOutputs(out) as staged:
        staged.write("graph.ttl", b"x")
        staged.commit()


def test_without_symlinks_files_are_renamed_one_by_one(tmp_path, monkeypatch):
    def no_symlinks(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "symlink", no_symlinks)
    out = tmp_path / "out"
    plain(out, {"graph.ttl": b"old"})
    commit(out, {"graph.ttl": b"new", "report.json": b"{}"})
    assert not (out / "graph.ttl").is_symlink()
    assert visible(out) == ({"graph.ttl": b"new", "report.json": b"{}"}, set())
    assert not list((out / BUILDS).glob("build-*"))


# fmt: off
ERRORS = [
    (errno.ENOSPC, "No space left on device", "free some space on its disk"),
    (errno.EROFS, "Read-only file system", "remount it read-write"),
    (errno.EACCES, "Permission denied", "make it writable"),
]
# fmt: on


@pytest.mark.parametrize("code,strerror,advice", ERRORS)
def test_write_errors_name_the_folder_and_what_to_do(tmp_path, code, strerror, advice):
    from kg.outputs import output_error

    message = str(output_error(tmp_path / "out", OSError(code, strerror), "graph.ttl"))
    assert message == (f"cannot write graph.ttl in output folder {tmp_path / 'out'}: {strerror} "
                       f"({advice}, or choose another --out)")
