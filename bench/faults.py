"""``kg build`` SIGKILLed at random moments on a large corpus (issue 15, part 3), at bench scale.

Makes a corpus with make_corpus.py (``--size``, default 20MB) and its first half; builds the half
into OUT (the last good build, with the cache), times a clean ``--no-cache`` build of the whole,
then starts ``--kills`` builds of the whole into OUT and SIGKILLs each (with its workers) at a
random moment of the first 70% of the clean build's time. After each kill OUT must hold the last
good outputs byte for byte; the build after the kills, from the cache they filled, must give the
clean build's bytes (stage timings aside). Prints one row per kill and a summary for
docs/benchmarks.md; exits 1 if any check fails. tests/test_faults.py runs a 150 KB version.

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
    t0 = time.perf_counter()
    process = start(args, cwd)
    _, err = process.communicate()
    if process.returncode:
        sys.exit(f"build failed: {err}")
    return time.perf_counter() - t0


def staged_at_kill(out: Path) -> str:
    """What the killed build had staged: the stage it was in."""
    builds = out / ".builds"
    current = os.readlink(builds / "current") if (builds / "current").is_symlink() else ""
    staging = [p for p in builds.glob("build-*") if p.name != current]
    if not staging:
        return "extracting (nothing staged)"
    names = sorted(p.name for p in staging[0].iterdir())
    return "staged " + (", ".join(names) if names else "nothing yet")


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
    new, old, out, clean = work / "new", work / "old", work / "out", work / "clean"
    files = make_corpus(args.size, seed=args.seed, out=new)
    old.mkdir()
    for path in sorted(files)[: len(files) // 2]:
        shutil.copy(path, old / path.name)
    print(f"corpus: {len(files)} files, {args.size:,} bytes; first half {len(files) // 2} files")
    good_seconds = run([str(old), "--out", str(out)], work)
    good, _ = outputs(out)
    clean_seconds = run([str(new), "--out", str(clean), "--no-cache", "--format", "ttl,nt"], work)
    reference, _ = outputs(clean)
    print(f"last good build (half, cache filled): {good_seconds:.1f} s; clean build (whole): {clean_seconds:.1f} s, "
          f"outputs {', '.join(sorted(reference))}")

    rng = random.Random(args.seed)
    jobs = args.jobs.split(",")
    failures, killed = 0, 0
    print("| kill | --jobs | at (s) | cache entries | what the build had done | outputs after |")
    print("|---|---|---|---|---|---|")
    for i in range(args.kills):
        moment = rng.uniform(0, 0.7 * clean_seconds)
        process = start([str(new), "--out", str(out), "--format", "ttl,nt", "--jobs", jobs[i % len(jobs)]], work)
        try:
            process.wait(timeout=moment)
        except subprocess.TimeoutExpired:
            stage = staged_at_kill(out)
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            killed += 1
        else:
            process.communicate()
            good, _ = outputs(out)
            print(f"| {i + 1} | {jobs[i % len(jobs)]} | {moment:.1f} | - | finished first: the new last good build | "
                  f"{'same as clean' if comparable(good) == comparable(reference) else 'DIFFERS from clean'} |")
            continue
        entries = sum(1 for _ in (work / ".cache" / "envkg").rglob("*.pkl"))
        files_now, dangling = outputs(out)
        ok = files_now == good and dangling <= {"graph.nt"} - set(good)
        failures += not ok
        print(f"| {i + 1} | {jobs[i % len(jobs)]} | {moment:.1f} | {entries} | {stage} | "
              f"{'last good, byte for byte' if ok else 'CHANGED'} |")
    cached_seconds = run([str(new), "--out", str(out), "--format", "ttl,nt"], work)
    after, dangling = outputs(out)
    same = comparable(after) == comparable(reference) and not dangling
    failures += not same
    print(f"kills that hit a running build: {killed} of {args.kills}; outputs changed by a kill: "
          f"{failures - (not same)}")
    print(f"build after the kills, from their cache: {cached_seconds:.1f} s, "
          f"{'byte-identical to the clean build' if same else 'DIFFERENT from the clean build'} (timings aside)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
