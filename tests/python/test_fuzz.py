"""The differential fuzzer's short run: the pipelines of tests/fuzz/seeds.txt (the first
200 seeds, then the seeds of every mismatch the fuzzer found and that was fixed) run in
Ember, and each result must agree with PySpark 4.3.0's, recorded in
tests/fuzz/expected.jsonl by ``scripts/fuzz.py --record``.

A seed listed in tests/fuzz/known_differences.txt may differ, for the reason given
there; it must still differ, so that a fixed one leaves the list.
"""
import json
import os
import subprocess
import sys

import pytest

from test_terminal import BINARY

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FUZZ = os.path.join(ROOT, "tests", "fuzz")
sys.path.insert(0, FUZZ)

import compare  # noqa: E402
import generate  # noqa: E402

pytestmark = pytest.mark.skipif(not os.path.exists(BINARY), reason="build the binary first")


def recorded():
    with open(os.path.join(FUZZ, "expected.jsonl"), encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def seeds():
    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    import fuzz
    return fuzz.read_seeds(fuzz.SEEDS), fuzz.read_known()


def test_recording_matches_the_seeds_and_the_generator():
    entries = recorded()
    listed, _ = seeds()
    assert [e["seed"] for e in entries] == listed, "re-record: python3 scripts/fuzz.py --record"
    assert len(listed) >= 200
    assert len(set(listed)) == len(listed), "a seed is listed twice"
    for entry in entries:
        assert generate.pipeline(entry["seed"]) == entry["source"], f"seed {entry['seed']}: re-record"
        assert not entry["result"].get("error", "").startswith("CRASH"), entry


def test_generator_is_deterministic_and_varied():
    first = [generate.pipeline(s) for s in range(50)]
    assert first == [generate.pipeline(s) for s in range(50)]
    assert len(set(first)) == 50
    text = "".join(generate.pipeline(s) for s in range(300))
    for step in (".join(", ".groupBy(", ".over(Window", ".orderBy(", ".distinct()", ".union",
                 ".cast(", ".filter(", ".select(", ".withColumn("):
        assert step in text, step


def test_compare_tells_rows_order_and_errors_apart():
    rows = {"schema": "struct<a:int,b:string>", "rows": [[1, "x"], [2, "y"]], "order": None}
    assert compare.difference(rows, dict(rows, rows=[[2, "y"], [1, "x"]])) is None
    assert compare.difference(dict(rows, order=["a"]), dict(rows, rows=[[2, "y"], [1, "x"]])) is not None
    assert compare.difference(rows, dict(rows, rows=[[1, "x"]])) is not None
    assert compare.difference(rows, dict(rows, schema="struct<a:bigint,b:string>")) is not None
    error = {"error": "ArithmeticException: DIVIDE_BY_ZERO"}
    assert compare.difference(error, dict(error)) is None
    assert compare.difference(error, {"error": "ArithmeticException: ARITHMETIC_OVERFLOW"}) is not None
    assert compare.difference(error, rows) is not None


def test_short_run_agrees_with_pyspark(tmp_path):
    entries = recorded()
    _, known = seeds()
    source = tmp_path / "pipelines.jsonl"
    out = tmp_path / "ember.jsonl"
    with open(source, "w", encoding="utf-8") as handle:
        for entry in entries:
            handle.write(json.dumps({"seed": entry["seed"], "source": entry["source"]}) + "\n")
    run = subprocess.run(
        [BINARY, "--master", "local[2]", os.path.join(FUZZ, "run_pipelines.py"), str(source), str(out)],
        capture_output=True, text=True, timeout=900, stdin=subprocess.DEVNULL, cwd=tmp_path,
        env=dict(os.environ, TZ="America/Los_Angeles"),
    )
    assert run.returncode == 0, run.stderr[-3000:]
    with open(out, encoding="utf-8") as handle:
        actual = {r["seed"]: r for r in map(json.loads, handle)}
    assert len(actual) == len(entries)
    wrong, fixed = [], []
    for entry in entries:
        seed = entry["seed"]
        reason = compare.difference(entry["result"], actual[seed])
        if reason is not None and seed not in known:
            wrong.append(f"seed {seed}: {reason}")
        elif reason is None and seed in known:
            fixed.append(f"seed {seed} now agrees: take it out of known_differences.txt")
    assert not wrong and not fixed, "\n".join(wrong + fixed)
