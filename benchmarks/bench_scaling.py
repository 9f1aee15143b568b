"""Benchmark: how each command's cost grows with the length of one document.

A script, not a test: part of ``make bench`` (``python benchmarks/bench_scaling.py``).
Writes ``benchmarks/reports/scaling.md``.

One long document is what a user hands the command line when a book-length
collection of speeches or a year of a city's documents sits in one file. The
texts are the government work reports of ``../shared/corpora/`` concatenated
(read in place, never copied into the repository) and cut to about 1 MB and
5 MB of UTF-8. For each command (``outline``, ``indicators``, ``compare``,
``rhetoric``, ``tokens``) and for plain ``jieba.lcut`` in its own process,
every run is a whole process whose CPU time (user + sys) and peak memory are
read from the kernel's accounting of that process (``os.wait4``). All runs of a
round are interleaved, so a machine that slows down slows every figure alike.

Targets (issue 14): CPU on 5 MB ÷ CPU on 1 MB at most 6 for every command;
on the 5 MB document ``rhetoric`` and ``indicators`` at least 0.4 of jieba's
throughput (jieba's CPU ÷ the command's CPU); no command above 1 GiB.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# ../shared/ beside the project; POLICYTEXT_SHARED points elsewhere (a git worktree sits one level deeper).
CORPORA = Path(os.environ.get("POLICYTEXT_SHARED") or ROOT.parent / "shared") / "corpora"
WORK = ROOT / ".cache" / "bench" / "scaling"
REPORT = ROOT / "benchmarks" / "reports" / "scaling.md"
SIZES_MB = (1, 5)
COMMANDS = ("outline", "indicators", "compare", "rhetoric", "tokens")
SCALING_TARGET = 6.0
THROUGHPUT_TARGET = 0.4
THROUGHPUT_COMMANDS = ("rhetoric", "indicators")
MEMORY_LIMIT_MIB = 1024
JIEBA = "import sys, jieba; jieba.setLogLevel(60); jieba.lcut(open(sys.argv[1], encoding='utf-8').read())"


def prepare_texts() -> dict[int, Path]:
    """About 1 MB and 5 MB of UTF-8: the government work reports, one after another, repeated as needed."""
    WORK.mkdir(parents=True, exist_ok=True)
    source = CORPORA / "government_work_reports.jsonl"
    if source.is_file():
        with open(source, encoding="utf-8") as handle:
            reports = [json.loads(line)["content"] for line in handle if line.strip()]
    else:  # without shared/: the seed and the samples, repeated
        reports = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "raw").rglob("*.txt"))]
    text = "\n\n".join(reports)
    paths = {}
    for mb in SIZES_MB:
        target = mb * 1_000_000
        body = text * (target // len(text.encode("utf-8")) + 1)
        cut = body.encode("utf-8")[:target].decode("utf-8", errors="ignore")
        path = WORK / f"reports_{mb}mb.txt"
        if not path.is_file() or path.read_text(encoding="utf-8") != cut:
            path.write_text(cut, encoding="utf-8")
        paths[mb] = path
    return paths


def measure(command: list[str]) -> dict:
    """Run ``command`` to completion; its CPU seconds and peak memory from the kernel's accounting."""
    env = {**os.environ, "POLICYTEXT_CACHE_DIR": str(ROOT / ".cache")}
    load = os.getloadavg()[0]  # the machine may be shared: CPU seconds grow when other processes compete
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env=env)
    stderr = process.stderr.read() if process.stderr else b""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed ({process.returncode}): {stderr.decode()[-2000:]}")
    return {"cpu": usage.ru_utime + usage.ru_stime, "peak_mib": usage.ru_maxrss / 1024, "load": load}


def command_line(name: str, path: Path) -> list[str]:
    if name == "jieba":
        return [sys.executable, "-c", JIEBA, str(path)]
    policytext = Path(sys.executable).with_name("policytext")
    return [str(policytext), name, str(path)]


def run(rounds: int) -> dict:
    paths = prepare_texts()
    names = ("jieba", *COMMANDS)
    samples: dict[tuple[str, int], list[dict]] = {(n, mb): [] for n in names for mb in SIZES_MB}
    # Warm-up: jieba's and the package's caches in .cache/ exist before anything is timed.
    measure(command_line("rhetoric", paths[SIZES_MB[0]]))
    for _ in range(rounds):
        for mb in SIZES_MB:
            for name in names:
                print(f"bench: {name} on {mb} MB", file=sys.stderr, flush=True)
                samples[(name, mb)].append(measure(command_line(name, paths[mb])))
    figures = {}
    for (name, mb), runs in samples.items():
        figures[f"{name}/{mb}"] = {
            "cpu": statistics.median(r["cpu"] for r in runs),
            "peak_mib": max(r["peak_mib"] for r in runs),
            "runs": [round(r["cpu"], 2) for r in runs],
            "loads": [round(r["load"], 1) for r in runs],
        }
    sizes = {mb: paths[mb].stat().st_size for mb in SIZES_MB}
    return {"figures": figures, "sizes": sizes, "rounds": rounds}


def report(result: dict) -> str:
    figures = result["figures"]
    small, large = SIZES_MB[0], SIZES_MB[-1]
    lines = [
        "# Scaling with the length of one document",
        "",
        f"Made by `make bench` (`benchmarks/bench_scaling.py`) on Python {platform.python_version()}, "
        f"{os.cpu_count()} cores. Each figure is the median CPU time (user + sys) of {result['rounds']} whole "
        "processes, interleaved; peak memory is the largest maximum resident set size of those processes. "
        f"Texts: the government work reports concatenated, {result['sizes'][small]:,} and "
        f"{result['sizes'][large]:,} bytes of UTF-8.",
        "",
        f"| command | CPU s, {small} MB | CPU s, {large} MB | {large} MB ÷ {small} MB (target ≤ {SCALING_TARGET:g}) "
        f"| throughput on {large} MB, jieba = 1 | peak MiB, {large} MB (limit {MEMORY_LIMIT_MIB}) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    verdicts = []
    jieba_large = figures[f"jieba/{large}"]["cpu"]
    for name in ("jieba", *COMMANDS):
        a, b = figures[f"{name}/{small}"], figures[f"{name}/{large}"]
        scaling = b["cpu"] / a["cpu"]
        throughput = jieba_large / b["cpu"]
        mark = "" if name == "jieba" else (" ✓" if scaling <= SCALING_TARGET else " ✗")
        tmark = ""
        if name in THROUGHPUT_COMMANDS:
            tmark = " ✓" if throughput >= THROUGHPUT_TARGET else " ✗"
            verdicts.append((f"{name} throughput on {large} MB", throughput >= THROUGHPUT_TARGET, f"{throughput:.2f}"))
        if name != "jieba":
            verdicts.append((f"{name} scaling", scaling <= SCALING_TARGET, f"{scaling:.2f}"))
            verdicts.append((f"{name} peak memory", b["peak_mib"] <= MEMORY_LIMIT_MIB, f"{b['peak_mib']:.0f} MiB"))
        lines.append(
            f"| {name} | {a['cpu']:.2f} | {b['cpu']:.2f} | {scaling:.2f}{mark} | {throughput:.2f}{tmark} "
            f"| {b['peak_mib']:.0f} |"
        )
    missed = [f"{what} ({value})" for what, ok, value in verdicts if not ok]
    lines += [
        "",
        "Targets: " + ("all met." if not missed else "missed: " + "; ".join(missed) + "."),
        "",
        "All runs (CPU s): " + "; ".join(f"{key} {value['runs']}" for key, value in sorted(figures.items())),
        "",
        "1-minute load average when each run started (2 cores): "
        + "; ".join(f"{key} {value['loads']}" for key, value in sorted(figures.items())),
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    result = run(args.rounds)
    text = report(result)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
