#!/usr/bin/env python3
"""The differential fuzzer, in one command: random DataFrame pipelines
(tests/fuzz/generate.py) run in Ember and in real PySpark 4.3.0, and their results must
agree (tests/fuzz/compare.py).

    python3 scripts/fuzz.py --count 5000            # seeds 0..4999
    python3 scripts/fuzz.py --start 7000 --count 500
    python3 scripts/fuzz.py --seeds tests/fuzz/seeds.txt
    python3 scripts/fuzz.py --record                # re-records tests/fuzz/expected.jsonl

Ember runs ``--bin`` (target/release/pyspark); PySpark runs in the virtualenv of
``scripts/connect-server.sh install`` (``--python``, Java 17). Both run chunks of
``--chunk`` pipelines in one session each, side by side; a process that dies mid-chunk
costs one pipeline (reported as ``CRASH``) and the chunk goes on in a new process.
PySpark's results are kept in ``--out`` (default ``target/fuzz``) by the pipeline's source,
so a run over seeds already run only re-runs Ember.

Writes ``--out``/report.md: every mismatch with its seed, reason and source. A mismatch
listed in tests/fuzz/known_differences.txt (``SEED  REASON``) is counted apart. Exits 1
when any unlisted mismatch remains.

``--record`` runs the seeds of tests/fuzz/seeds.txt in PySpark only and writes their
sources and results to tests/fuzz/expected.jsonl, which the suite's short run
(tests/python/test_fuzz.py) compares Ember with.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FUZZ = os.path.join(ROOT, "tests", "fuzz")
sys.path.insert(0, FUZZ)

import compare  # noqa: E402
import generate  # noqa: E402

RUNNER = os.path.join(FUZZ, "run_pipelines.py")
SEEDS = os.path.join(FUZZ, "seeds.txt")
EXPECTED = os.path.join(FUZZ, "expected.jsonl")
KNOWN = os.path.join(FUZZ, "known_differences.txt")
ENVIRONMENT = dict(os.environ, TZ="America/Los_Angeles")


def digest(source):
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def read_seeds(path):
    """The seeds of a seeds file: one integer a line; ``#`` starts a comment."""
    seeds = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.split("#", 1)[0].strip()
            if line:
                seeds.append(int(line))
    return seeds


def read_known(path=KNOWN):
    """{seed: reason} of the known differences file."""
    known = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                line = line.strip()
                if line and not line.startswith("#"):
                    seed, _, reason = line.partition(" ")
                    known[int(seed)] = reason.strip()
    return known


def run_chunks(command, items, work, label, size):
    """Runs ``items`` ({seed, source}) through ``command`` + [IN, OUT] in chunks of ``size``; returns
    {seed: result}. A process that ends before its chunk's end costs the pipeline it was
    running, which is reported as a CRASH with the process's exit code."""
    results = {}
    pending = list(items)
    while pending:
        chunk, pending = pending[:size], pending[size:]
        while chunk:
            source = os.path.join(work, f"{label}-in.jsonl")
            out = os.path.join(work, f"{label}-out.jsonl")
            with open(source, "w", encoding="utf-8") as handle:
                for item in chunk:
                    handle.write(json.dumps(item, ensure_ascii=False) + "\n")
            if os.path.exists(out):
                os.remove(out)
            run = subprocess.run(command + [source, out], env=ENVIRONMENT, cwd=work,
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, text=True)
            done = []
            if os.path.exists(out):
                with open(out, encoding="utf-8") as handle:
                    done = [json.loads(line) for line in handle if line.endswith("\n")]
            for result in done:
                results[result["seed"]] = result
            chunk = chunk[len(done):]
            if chunk:
                crashed = chunk.pop(0)
                tail = run.stderr.strip().splitlines()[-1:] if run.stderr else []
                results[crashed["seed"]] = {"seed": crashed["seed"],
                                            "error": f"CRASH: exit {run.returncode} {' '.join(tail)}"[:300]}
        print(f"  {label}: {len(results)}/{len(items)}", file=sys.stderr, flush=True)
    return results


def pyspark_results(items, python, work, cache_path, size):
    """PySpark's results of ``items``, from the cache where their source was run before."""
    cache = {}
    if os.path.exists(cache_path):
        with open(cache_path, encoding="utf-8") as handle:
            for line in handle:
                entry = json.loads(line)
                cache[entry["digest"]] = entry["result"]
    missing = [item for item in items if digest(item["source"]) not in cache]
    if missing:
        fresh = run_chunks([python, RUNNER], missing, work, "pyspark", size)
        with open(cache_path, "a", encoding="utf-8") as handle:
            for item in missing:
                result = fresh[item["seed"]]
                if result.get("error", "").startswith("CRASH"):
                    continue
                cache[digest(item["source"])] = result
                handle.write(json.dumps({"digest": digest(item["source"]), "result": result},
                                        ensure_ascii=False) + "\n")
    results = {}
    for item in items:
        result = cache.get(digest(item["source"]))
        results[item["seed"]] = dict(result, seed=item["seed"]) if result else {
            "seed": item["seed"], "error": "CRASH: PySpark"}
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seeds", help="a seeds file instead of --start/--count")
    parser.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "pyspark"))
    parser.add_argument("--python", default=os.path.expanduser("~/.cache/ember-spark/venv/bin/python"))
    parser.add_argument("--out", default=os.path.join(ROOT, "target", "fuzz"))
    parser.add_argument("--chunk", type=int, default=250)
    parser.add_argument("--record", action="store_true")
    options = parser.parse_args()
    os.makedirs(options.out, exist_ok=True)
    ENVIRONMENT["PYSPARK_PYTHON"] = options.python
    ENVIRONMENT["PYSPARK_DRIVER_PYTHON"] = options.python
    cache = os.path.join(options.out, "pyspark-cache.jsonl")

    if options.record:
        seeds = read_seeds(SEEDS)
        items = [{"seed": s, "source": generate.pipeline(s)} for s in seeds]
        with tempfile.TemporaryDirectory(prefix="ember-fuzz-") as work:
            expected = pyspark_results(items, options.python, work, cache, options.chunk)
        with open(EXPECTED, "w", encoding="utf-8") as handle:
            for item in items:
                handle.write(json.dumps({"seed": item["seed"], "source": item["source"],
                                         "result": expected[item["seed"]]}, ensure_ascii=False) + "\n")
        print(f"recorded {len(items)} pipelines in {os.path.relpath(EXPECTED, ROOT)}")
        return 0

    seeds = read_seeds(options.seeds) if options.seeds else list(range(options.start, options.start + options.count))
    items = [{"seed": s, "source": generate.pipeline(s)} for s in seeds]
    started = time.monotonic()
    outcome = {}
    with tempfile.TemporaryDirectory(prefix="ember-fuzz-") as work:
        os.makedirs(os.path.join(work, "ember"))
        os.makedirs(os.path.join(work, "pyspark"))
        thread = threading.Thread(target=lambda: outcome.update(
            expected=pyspark_results(items, options.python, os.path.join(work, "pyspark"), cache, options.chunk)))
        thread.start()
        actual = run_chunks([options.bin, "--master", "local[2]", RUNNER], items,
                            os.path.join(work, "ember"), "ember", options.chunk)
        thread.join()
    expected = outcome["expected"]
    known = read_known()
    mismatches, listed, errors_both = [], [], 0
    for item in items:
        seed = item["seed"]
        if "error" in expected[seed] and "error" in actual[seed]:
            errors_both += 1
        reason = compare.difference(expected[seed], actual[seed])
        if reason is None:
            continue
        (listed if seed in known else mismatches).append((seed, reason, item["source"]))
    report = os.path.join(options.out, "report.md")
    with open(report, "w", encoding="utf-8") as handle:
        handle.write(f"# Fuzz run: {len(items)} pipelines\n\n")
        for title, entries in (("Mismatches", mismatches), ("Known differences", listed)):
            handle.write(f"## {title} ({len(entries)})\n\n")
            for seed, reason, source in entries:
                note = f" (known: {known[seed]})" if seed in known else ""
                handle.write(f"### seed {seed}{note}\n{reason}\n```python\n{source}```\n\n")
    print(f"{len(items)} pipelines in {time.monotonic() - started:.0f} s: "
          f"{len(items) - len(mismatches) - len(listed)} agree "
          f"({errors_both} of them raise in both), {len(listed)} known differences, "
          f"{len(mismatches)} mismatches; report: {os.path.relpath(report, ROOT)}")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
