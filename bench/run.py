"""`make bench`: this book against a default Jupyter Book 1, measured in one run.

    .venv/bin/python bench/run.py [--runs 3] [--test-runs N] [--out bench/results.md]

For both books: cold build time (after set-up, nothing built), no-change rebuild time, every
page's transferred bytes and request count, and Lighthouse performance and accessibility
(mobile and desktop) for the intro, a chart chapter and a quiz chapter; for this book also
`make test` time, Lighthouse mobile on every chapter page of both editions, and each chapter's readability.
Each measure is taken --runs times and the median reported. Results go to bench/results.md
with the machine and date; the targets are checked there, and the exit status is 1 when one
is missed. Run it on an otherwise idle machine: Lighthouse times the CPU work it observes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import baseline  # noqa: E402
import lighthouse  # noqa: E402
import readability  # noqa: E402
from report import CHART, QUIZ, write  # noqa: E402
import serve  # noqa: E402
import weight  # noqa: E402

BIN = ROOT / ".venv" / "bin"
WORK = ROOT / "_build" / "bench"


def timed(command: list[str], cwd: Path = ROOT, env: dict | None = None) -> tuple[float, bool]:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        print(f"  failed: {' '.join(command)}\n{done.stderr[-1500:]}", file=sys.stderr)
    return seconds, done.returncode == 0


def build_times(book: Path, out: Path, runs: int, extra: list[str], env: dict | None) -> dict:
    """Median cold build (output removed first) and no-change rebuild, in seconds."""
    command = [str(BIN / "jupyter-book"), "build", str(book), "--path-output", str(out), *extra]
    cold, warm, ok = [], [], True
    for _ in range(runs):
        shutil.rmtree(out / "_build", ignore_errors=True)
        seconds, passed = timed(command, env=env)
        cold.append(seconds)
        seconds, passed_again = timed(command, env=env)
        warm.append(seconds)
        ok = ok and passed and passed_again
    return {"cold": statistics.median(cold), "rebuild": statistics.median(warm), "ok": ok, "html": out / "_build" / "html"}


def median_audits(results: list[dict]) -> dict:
    keys = [k for k in results[0] if k != "runtime_error"]
    merged = {k: statistics.median(r[k] for r in results) for k in keys}
    merged["errors"] = sorted({r["runtime_error"] for r in results if r["runtime_error"]})
    return merged


def lighthouse_runs(jobs: list[tuple[str, str, str]], runs: int) -> dict[tuple[str, str], dict]:
    """jobs: (label, url, form factor). Interleaved runs, medians per (label, form factor)."""
    collected: dict[tuple[str, str], list[dict]] = {}
    for run in range(runs):
        for label, url, form in jobs:
            print(f"  lighthouse {run + 1}/{runs} {form:<7} {label}", flush=True)
            collected.setdefault((label, form), []).append(lighthouse.audit(url, form))
    return {key: median_audits(values) for key, values in collected.items()}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
        memory = f"{mem_kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        memory = "unknown memory"
    chromium = subprocess.run([lighthouse.chromium(), "--version"], capture_output=True, text=True).stdout.strip()
    book = subprocess.run([str(BIN / "jupyter-book"), "--version"], capture_output=True, text=True).stdout
    book = re.search(r"Jupyter Book\s*:\s*(\S+)", book)
    lh_version = subprocess.run([str(lighthouse.BINARY), "--version"], capture_output=True, text=True).stdout.strip()
    return (f"{cpu}, {os.cpu_count()} cores, {memory}; {platform.platform()}; Python {platform.python_version()}; "
            f"Jupyter Book {book.group(1) if book else '?'}; {chromium}; Lighthouse {lh_version}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--test-runs", type=int, default=None, help="runs of `make test` (default: --runs)")
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    args = parser.parse_args(argv)
    test_runs = args.runs if args.test_runs is None else args.test_runs
    lighthouse.ensure_installed()
    started = dt.datetime.now()

    print("building this book", flush=True)
    ours = build_times(ROOT, WORK / "ours", args.runs, ["--builder", "html", "-W", "-n", "--keep-going"], None)
    print("building the Spanish edition (measured with the English: same pages, same targets)", flush=True)
    spanish = build_times(ROOT / "es", WORK / "ours-es", 1, ["--builder", "html", "-W", "-n", "--keep-going"], None)
    ours["ok"] = ours["ok"] and spanish["ok"]
    shutil.rmtree(ours["html"] / "es", ignore_errors=True)
    shutil.copytree(spanish["html"], ours["html"] / "es")
    print("building the baseline", flush=True)
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("KNOWTHELINE")}
    base_book = baseline.create(WORK / "baseline-src", BIN / "jupyter-book")
    base = build_times(base_book, WORK / "baseline", args.runs, [], base_env)
    if not (ours["ok"] and base["ok"]):
        raise SystemExit("make bench: a build failed (see above); its times would mean nothing")

    tests = []
    for run in range(test_runs):
        print(f"make test {run + 1}/{test_runs}", flush=True)
        tests.append(timed(["make", "test"]))
    ours["test"] = statistics.median(t[0] for t in tests) if tests else None
    ours["test_ok"] = all(t[1] for t in tests)

    ours_server, ours_url = serve.start(ours["html"])
    base_server, base_url = serve.start(base["html"])
    try:
        print("page weight", flush=True)
        our_pages = weight.pages(ours["html"])
        ours["weight"] = weight.measure(ours_url, our_pages)
        base["weight"] = weight.measure(base_url, weight.pages(base["html"]))
        chapters = [p for p in our_pages if p.startswith(("chapters/", "es/chapters/"))]
        jobs = [(page, f"{ours_url}/{page}", "mobile") for page in ["intro.html", *chapters]]
        jobs += [(page, f"{ours_url}/{page}", "desktop") for page in ["intro.html", CHART, QUIZ]]
        jobs += [("baseline:" + page, f"{base_url}/{page}", form)
                 for page in ("intro.html", CHART) for form in ("mobile", "desktop")]
        audits = lighthouse_runs(jobs, args.runs)
    finally:
        ours_server.shutdown()
        base_server.shutdown()

    text, met = write(ours, base, audits, readability.report(ROOT), machine(), started, args.runs,
                      test_runs, chapters)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    print(f"wrote {args.out}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
