"""``kg build`` SIGKILLed at random moments on a large corpus (issue 15, part 3), at bench scale.

Makes a corpus with make_corpus.py (``--size``, default 20MB): ``new``, and its first half, ``old``
(built as ttl; ``new`` as ttl and nt). Clean ``--no-cache`` builds of both are the references.
``old`` is built into OUT with the cache: the last good build. Then ``--kills`` builds into OUT,
each of the input the last good build was *not* made from (so a half-switched folder shows), are
SIGKILLed with their workers at a random moment of the first 80% of how long that input's build
last took (the cache makes builds faster as it fills). After each kill OUT must hold the last good
outputs byte for byte, or, if the kill came after the build's switch, exactly its reference's
outputs (it is then the last good one); a build that finishes before its kill must give its
reference's bytes and becomes the last good one. The build after the kills, from the cache they filled, must give the
reference's bytes (stage timings aside). Prints one row per kill for docs/benchmarks.md; exits 1
if a check fails. tests/test_faults.py runs it on a 150 KB corpus.

Usage:
    .venv/bin/python bench/faults.py --size 20MB --kills 10 --work /tmp/faults20
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1767225600"}


def outputs(out: Path) -> tuple[dict[str, bytes], set[str]]:
    """The readable files of `out` (hidden names aside) and its dangling links."""
    files, dangling = {}, set()
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out)
        if rel.parts[0].startswith("."):
            continue
        if path.is_symlink() and not path.exists():
            dangling.add(str(rel))
        elif path.is_file():
            files[str(rel)] = path.read_bytes()
    return files, dangling


def comparable(files: dict[str, bytes]) -> dict[str, bytes]:
    """Outputs without what differs between equal builds: the stage timings."""
    out = dict(files)
    if "report.json" in out:
        report = json.loads(out["report.json"])
        report.pop("timings_seconds", None)
        out["report.json"] = json.dumps(report, sort_keys=True).encode("utf-8")
    if "validation.txt" in out:
        out["validation.txt"] = re.sub(rb"\(SHACL, [\d.]+ s\)", b"(SHACL)", out["validation.txt"], count=1)
    return out


def start(args: list[str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg", "build", *args, "-q"], cwd=cwd, env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)


def run(args: list[str], cwd: Path) -> float:
    """Run a build to its end; its wall time in seconds."""
    t0 = time.perf_counter()
    process = start(args, cwd)
    _, err = process.communicate()
    if process.returncode:
        raise RuntimeError(f"kg build {' '.join(args)} failed: {err}")
    return time.perf_counter() - t0


def staged_at_kill(out: Path, pid: int) -> str:
    """What the build of process `pid` had staged: the stage it was in."""
    staging = sorted((out / ".builds").glob(f"build-{pid}-*"))
    if not staging:
        return "extracting (nothing staged)"
    names = sorted(p.name for p in staging[0].iterdir())
    return "staged " + (", ".join(names) if names else "nothing yet")


@dataclass
class Kill:
    """One killed (or finished) build."""

    target: str  # "old" or "new"
    jobs: str
    moment: float  # seconds after the start
    hit: bool  # the build was still running
    stage: str  # what it had staged when killed
    cache_entries: int
    ok: bool  # the last good outputs intact (or, finished: its reference's bytes)


@dataclass
class Result:
    kills: list[Kill]
    seconds: dict[str, float]  # the clean builds and the build after the kills
    final_ok: bool

    @property
    def ok(self) -> bool:
        return self.final_ok and all(k.ok for k in self.kills)


def kill_builds(old: Path, new: Path, work: Path, kills: int = 10, seed: int = 15,
                jobs: tuple[str, ...] = ("1", "2")) -> Result:
    """Run the kills described in the module docstring in `work` (its cwd holds the cache)."""
    inputs = {"old": [str(old), "--format", "ttl"], "new": [str(new), "--format", "ttl,nt"]}
    out = work / "out"
    reference, seconds = {}, {}
    for name, args in inputs.items():
        seconds[f"clean {name}"] = run([*args, "--out", str(work / f"clean-{name}"), "--no-cache"], work)
        reference[name] = comparable(outputs(work / f"clean-{name}")[0])
    last_took = {"old": seconds["clean old"], "new": seconds["clean new"]}
    last_took["old"] = run([*inputs["old"], "--out", str(out)], work)
    last, good = "old", outputs(out)[0]
    rng = random.Random(seed)
    records = []
    for i in range(kills):
        target = "new" if last == "old" else "old"
        moment = rng.uniform(0, 0.8 * last_took[target])
        t0 = time.perf_counter()
        process = start([*inputs[target], "--out", str(out), "--jobs", jobs[i % len(jobs)]], work)
        try:
            process.wait(timeout=moment)
        except subprocess.TimeoutExpired:
            stage = staged_at_kill(out, process.pid)
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            files, dangling = outputs(out)
            if files == good:  # killed before its switch: a name new to the folder may dangle
                ok = dangling <= set(reference[target]) - set(good)
            else:  # killed after it (cleaning up, exiting): every new output, or it is a mix
                ok = comparable(files) == reference[target] and dangling <= set(good) - set(files)
                stage += ", switched"
                last, good = target, files
            records.append(Kill(target, jobs[i % len(jobs)], moment, True, stage, _entries(work), ok))
            continue
        last_took[target] = time.perf_counter() - t0
        process.communicate()
        files, dangling = outputs(out)
        ok = process.returncode == 0 and comparable(files) == reference[target] and not dangling
        records.append(Kill(target, jobs[i % len(jobs)], moment, False, "finished first", _entries(work), ok))
        last, good = target, files
    seconds["after the kills"] = run([*inputs["new"], "--out", str(out)], work)
    files, dangling = outputs(out)
    return Result(records, seconds, comparable(files) == reference["new"] and not dangling)


def _entries(work: Path) -> int:
    return sum(1 for _ in (work / ".cache" / "envkg").rglob("*.pkl"))


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT / "bench"))
    from make_corpus import make_corpus, parse_size

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_size, default=parse_size("20MB"))
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--jobs", default="1,2", help="comma-separated --jobs values the killed builds cycle through")
    parser.add_argument("--work", type=Path, required=True, help="scratch folder (emptied first)")
    args = parser.parse_args(argv)

    work = args.work
    shutil.rmtree(work, ignore_errors=True)
    old, new = split_corpus(make_corpus(args.size, seed=args.seed, out=work / "new"), work / "old")
    print(f"corpus: {len(list(new.glob('*.txt')))} files, {args.size:,} bytes; old: its first "
          f"{len(list(old.glob('*.txt')))} files")
    result = kill_builds(old, new, work, args.kills, args.seed, tuple(args.jobs.split(",")))
    print("| kill | input | --jobs | at (s) | what the build had done | cache entries after | outputs after |")
    print("|---|---|---|---:|---|---:|---|")
    for i, k in enumerate(result.kills, 1):
        if not k.hit or k.stage.endswith("switched"):  # the build's outputs are the folder's now
            verdict = "its reference's bytes: the new last good" if k.ok else "DIFFERENT from its reference (a mix)"
        else:
            verdict = "last good, byte for byte" if k.ok else "CHANGED"
        print(f"| {i} | {k.target} | {k.jobs} | {k.moment:.1f} | {k.stage} | {k.cache_entries} | {verdict} |")
    print("seconds: " + ", ".join(f"{name} {s:.1f}" for name, s in result.seconds.items()))
    print(f"kills that hit a running build: {sum(k.hit for k in result.kills)} of {len(result.kills)}; "
          f"build after the kills {'byte-identical to' if result.final_ok else 'DIFFERENT from'} the clean build "
          "(timings aside)")
    return 0 if result.ok else 1


def split_corpus(files: list[Path], old: Path) -> tuple[Path, Path]:
    """Copy the first half of `files` to `old`; return (old, the folder of `files`)."""
    old.mkdir(parents=True)
    for path in sorted(files)[: len(files) // 2]:
        shutil.copy(path, old / path.name)
    return old, sorted(files)[0].parent


if __name__ == "__main__":
    sys.exit(main())
