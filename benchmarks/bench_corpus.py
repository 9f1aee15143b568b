"""Benchmark: the corpus view on at least 200 documents with 1 and with 2 worker processes.

A script, not a test: ``python benchmarks/bench_corpus.py`` (``make bench`` runs it).
The documents are the government work reports in ``../shared/corpora/`` where
present (each written to ``.cache/bench/corpus/`` as a file, not copied into the
repository), topped up to 200 with the seed and the samples; without the
corpora, the seed and the samples repeated. Writes
``benchmarks/reports/corpus.md``: wall time for each worker count and the
speed-up, in the same run.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# ../shared/ beside the project; POLICYTEXT_SHARED points elsewhere (a git worktree sits one level deeper).
CORPUS = Path(os.environ.get("POLICYTEXT_SHARED") or ROOT.parent / "shared") / "corpora" / "government_work_reports.jsonl"
WORK = ROOT / ".cache" / "bench" / "corpus"
REPORT = ROOT / "benchmarks" / "reports" / "corpus.md"
DOCUMENTS = 200
# The longest reports take minutes each through the full analysis; the view is
# about many speech-length documents, so only records of up to this length count.
MAX_CHARACTERS = 20_000


def prepare() -> tuple[list[Path], str]:
    WORK.mkdir(parents=True, exist_ok=True)
    for old in WORK.glob("*.txt"):
        old.unlink()
    texts: list[str] = []
    origin = "the seed and the samples in data/raw/, repeated"
    if CORPUS.is_file():
        with CORPUS.open(encoding="utf-8") as handle:
            records = [json.loads(line) for line in handle if line.strip()]
        texts = [r["content"] for r in records if r.get("content") and len(r["content"]) <= MAX_CHARACTERS]
        origin = f"{len(texts)} government work reports of at most {MAX_CHARACTERS:,} characters from ../shared/corpora/, topped up with the seed and the samples"
    base = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "raw").rglob("*.txt"))]
    while len(texts) < DOCUMENTS:
        texts.append(base[len(texts) % len(base)])
    paths = []
    for number, text in enumerate(texts[:DOCUMENTS]):
        path = WORK / f"{number:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths, origin


def main() -> int:
    from policytext.corpus import analyse_corpus, profiles_frame

    paths, origin = prepare()
    characters = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    rows = []
    tables = {}
    for workers in (1, 2):
        start = time.perf_counter()
        results = analyse_corpus(paths, workers=workers, progress=False)
        seconds = time.perf_counter() - start
        tables[workers] = profiles_frame(results)
        rows.append((workers, seconds))
        print(f"bench: {workers} worker(s): {seconds:.1f} s", file=sys.stderr)
    same = tables[1].equals(tables[2])
    base = rows[0][1]
    lines = [
        "# Benchmark: the corpus view with 1 and 2 workers",
        "",
        f"{len(paths)} documents, {characters:,} characters: {origin}. "
        f"{platform.python_implementation()} {platform.python_version()} on {platform.system()} {platform.machine()}, {os.cpu_count()} cores; both runs in the same process, one after the other.",
        "",
        "| workers | seconds | documents per second | speed-up |",
        "|---|---|---|---|",
    ]
    for workers, seconds in rows:
        lines.append(f"| {workers} | {seconds:.1f} | {len(paths) / seconds:.1f} | {base / seconds:.2f}× |")
    failed = int((tables[1].error != "").sum())
    lines += [
        "",
        f"The two runs give {'the same' if same else '**different**'} profile table. {failed} documents could not be read and are rows with their error.",
        "Each worker loads jieba's dictionary and the central corpus once; the first worker count pays that start-up inside its time too.",
        "",
    ]
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(lines), encoding="utf-8")
    print(f"bench: report written to {REPORT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
