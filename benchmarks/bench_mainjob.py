"""Benchmark: the main job on all cores, and a rerun with nothing changed.

A script, not a test: part of ``make bench`` (``python benchmarks/bench_mainjob.py``).
Writes ``benchmarks/reports/main_job.md``.

Three ways to run the same notebooks on the default speech, each a whole
``policytext run`` process (cold kernels, warm environment) writing to its own
folder under ``.cache/bench/``, interleaved round by round:

- serial: ``--force --jobs 1``, one notebook after another, the baseline;
- parallel: ``--force`` with the default jobs (one per core);
- rerun: plain ``policytext run`` right after a parallel run into the same
  folders, where nothing changed, so every notebook should be skipped; its
  outputs are hashed before and after and must be byte-identical.

Targets (issue 14): parallel wall time at most 0.6 of serial; the rerun at
most 0.1 of a full (parallel) run, leaving every output byte-identical.

Before each forced run the shared analysis tables (``.cache/analysis/``) are
removed, so the run that comes second in a round does not load what the first
computed; inside one run the kernels share them as they would for a user. The
1-minute load average is recorded before every run: the machine may be shared.
The warm-up run also records how long each notebook takes, as any earlier run
of the user's would: both timed runs start the longest first from it.

The report ends with each notebook's timeline in the last round's serial and
parallel runs, from the times papermill records in the executed copies: when
its kernel was asked for, when the first cell ran (the kernel's start), the
setup cell (imports and the analysis object), the cells that draw and save
figures, the other cells, and when it ended; all from the start of the run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / ".cache" / "bench" / "main_job"
REPORT = ROOT / "benchmarks" / "reports" / "main_job.md"
PARALLEL_TARGET = 0.6
RERUN_TARGET = 0.1


def policytext_run(out: Path, *options: str, loads: list[float] | None = None,
                   timeline: dict | None = None) -> float:
    if "--force" in options:
        shutil.rmtree(ROOT / ".cache" / "analysis", ignore_errors=True)
    if loads is not None:
        loads.append(os.getloadavg()[0])
    command = [str(Path(sys.executable).with_name("policytext")), "run", "--out", str(out), *options]
    started_at = time.time()
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed: {result.stderr[-2000:]}")
    if timeline is not None:
        timeline.clear()
        timeline.update(notebook_timeline(out / "notebooks", started_at), total=seconds)
    return seconds


def _when(stamp: str) -> float:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


def notebook_timeline(folder: Path, started_at: float) -> dict[str, dict[str, float]]:
    """Per executed notebook: seconds from the run's start to each phase (see the module doc)."""
    timeline = {}
    for path in sorted(folder.glob("[0-9]*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        cells = [(cell, cell["metadata"]["papermill"]) for cell in notebook["cells"]
                 if cell["cell_type"] == "code" and cell["metadata"].get("papermill", {}).get("start_time")]
        code = [(cell, times) for cell, times in cells
                if not {"parameters", "injected-parameters"} & set(cell["metadata"].get("tags", []))]
        if not code:
            continue
        source = lambda cell: "".join(cell["source"])  # noqa: E731
        figures = sum(times["duration"] or 0 for cell, times in code if "save_figure(" in source(cell))
        setup = code[0][1]["duration"] or 0
        run = notebook["metadata"]["papermill"]
        timeline[path.stem] = {
            "asked": _when(run["start_time"]) - started_at,
            "first_cell": _when(cells[0][1]["start_time"]) - started_at,
            "setup": setup,
            "figures": figures,
            "other": sum(times["duration"] or 0 for _, times in code) - setup - figures,
            "end": _when(run["end_time"]) - started_at,
        }
    return timeline


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def run(rounds: int) -> dict:
    serial, parallel, rerun, identical = [], [], [], []
    loads: dict[str, list[float]] = {"serial": [], "parallel": [], "rerun": []}
    timelines: dict[str, dict] = {"serial": {}, "parallel": {}}
    policytext_run(WORK / "warmup", "--force")  # caches, compiled files and durations exist before timing
    for number in range(rounds):
        print(f"bench: main job, round {number + 1} of {rounds}", file=sys.stderr, flush=True)
        serial.append(policytext_run(WORK / "serial", "--force", "--jobs", "1", loads=loads["serial"],
                                     timeline=timelines["serial"]))
        parallel.append(policytext_run(WORK / "parallel", "--force", loads=loads["parallel"],
                                       timeline=timelines["parallel"]))
        outputs = [WORK / "parallel" / "figures", WORK / "parallel" / "processed"]
        before = [tree_digest(folder) for folder in outputs]
        rerun.append(policytext_run(WORK / "parallel", loads=loads["rerun"]))
        identical.append(before == [tree_digest(folder) for folder in outputs])
    return {"serial": serial, "parallel": parallel, "rerun": rerun, "identical": all(identical), "rounds": rounds,
            "loads": loads, "timelines": timelines}


def timeline_table(timelines: dict[str, dict]) -> list[str]:
    lines = [
        "## Where the time goes (last round)",
        "",
        "Seconds from the start of the `policytext run` process: when the notebook's kernel was asked for, when its "
        "first cell ran, its setup cell (imports and the analysis object), its figure cells, its other cells, and "
        "its end; the last row is the whole process (the reading page and figures/README.md come after the last "
        "notebook).",
        "",
        "| notebook | run | asked | first cell | setup | figures | other cells | end |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    names = sorted({name for timeline in timelines.values() for name in timeline if name != "total"})
    for name in names:
        for mode, timeline in timelines.items():
            if name in timeline:
                t = timeline[name]
                lines.append(f"| {name} | {mode} | {t['asked']:.1f} | {t['first_cell']:.1f} | {t['setup']:.1f} | "
                             f"{t['figures']:.1f} | {t['other']:.1f} | {t['end']:.1f} |")
    for mode, timeline in timelines.items():
        if "total" in timeline:
            lines.append(f"| whole run | {mode} | | | | | | {timeline['total']:.1f} |")
    return lines


def report(result: dict) -> str:
    serial, parallel, rerun = (statistics.median(result[key]) for key in ("serial", "parallel", "rerun"))
    ratio_parallel = statistics.median(p / s for p, s in zip(result["parallel"], result["serial"]))
    ratio_rerun = statistics.median(r / p for r, p in zip(result["rerun"], result["parallel"]))
    ok_parallel = ratio_parallel <= PARALLEL_TARGET
    ok_rerun = ratio_rerun <= RERUN_TARGET and result["identical"]
    fmt = lambda values: ", ".join(f"{v:.1f}" for v in values)  # noqa: E731
    loads = result["loads"]
    return "\n".join([
        "# The main job on all cores, and a rerun with nothing changed",
        "",
        f"Made by `make bench` (`benchmarks/bench_mainjob.py`) on Python {platform.python_version()}, "
        f"{len(os.sched_getaffinity(0))} cores usable. Each figure is the wall time of a whole `policytext run` "
        f"process (cold kernels, warm environment), median of {result['rounds']} interleaved rounds; ratios are "
        "taken round by round, then the median.",
        "",
        "| run | wall s (median) | all rounds | load average before each (1 min) | ratio | target |",
        "|---|---:|---|---|---:|---|",
        f"| serial (`--force --jobs 1`) | {serial:.1f} | {fmt(result['serial'])} | {fmt(loads['serial'])} | 1.00 | baseline |",
        f"| parallel (`--force`, one per core) | {parallel:.1f} | {fmt(result['parallel'])} | {fmt(loads['parallel'])} | "
        f"{ratio_parallel:.2f} of serial | ≤ {PARALLEL_TARGET} {'✓' if ok_parallel else '✗'} |",
        f"| rerun, nothing changed | {rerun:.1f} | {fmt(result['rerun'])} | {fmt(loads['rerun'])} | {ratio_rerun:.2f} of parallel | "
        f"≤ {RERUN_TARGET} {'✓' if ok_rerun else '✗'} |",
        "",
        "Outputs after the rerun: " + ("byte-identical to before it." if result["identical"] else "CHANGED (target missed)."),
        "",
        *timeline_table(result.get("timelines", {})),
        "",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    text = report(run(args.rounds))
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
