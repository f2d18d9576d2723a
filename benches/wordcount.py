"""Word-count benchmark: Ember local[2] vs PySpark 4.3.0 local[2] vs collections.Counter.

Runs examples/wordcount.py on the 50 MB corpus of examples/make_corpus.py under Ember and
under real PySpark (when found), and benches/wordcount_counter.py under python3, in one
run, RUNS times each, interleaved. Checks that all three print the same top words, then
prints the median wall times and their ratios. Not a test: machines are shared and noisy.

Usage: python3 benches/wordcount.py   (REAL_PYSPARK=/path/to/venv/bin/pyspark, RUNS=3)
"""
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EMBER = os.path.join(ROOT, "target", "release", "pyspark")
EXAMPLE = os.path.join(ROOT, "examples", "wordcount.py")
RUNS = int(os.environ.get("RUNS", "3"))


def timed(command, env=None):
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{command[0]} failed:\n{result.stderr[-2000:]}")
    return elapsed, result.stdout


def main():
    corpus = subprocess.run([sys.executable, os.path.join(ROOT, "examples", "make_corpus.py")], check=True, capture_output=True, text=True).stdout.strip()
    print(f"corpus: {corpus} ({os.path.getsize(corpus) / 2**20:.0f} MiB)")
    real = os.environ.get("REAL_PYSPARK") or shutil.which("pyspark")
    real_env = None
    if real:
        python = os.path.join(os.path.dirname(real), "python")
        real_env = dict(os.environ, PYSPARK_PYTHON=python, PYSPARK_DRIVER_PYTHON=python)
    contenders = {
        "ember local[2]": ([EMBER, "--master", "local[2]", EXAMPLE, corpus], None),
        "python Counter": ([sys.executable, os.path.join(ROOT, "benches", "wordcount_counter.py"), corpus], None),
    }
    if real:
        # spark-submit runs the same script; it needs `sc`, which the example takes from the shell.
        wrapper = os.path.join(ROOT, "benches", "wordcount_pyspark_submit.py")
        contenders["pyspark local[2]"] = ([os.path.join(os.path.dirname(real), "spark-submit"), "--master", "local[2]", wrapper, corpus], real_env)
    times = {name: [] for name in contenders}
    outputs = {}
    for _ in range(RUNS):
        for name, (command, env) in contenders.items():
            elapsed, out = timed(command, env)
            times[name].append(elapsed)
            outputs[name] = out
    reference = outputs["python Counter"]
    for name, out in outputs.items():
        if out != reference:
            sys.exit(f"{name} printed different counts:\n{out}\nvs\n{reference}")
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, value in medians.items():
        print(f"{name:18s} median {value:6.2f} s  (runs: {', '.join(f'{v:.2f}' for v in times[name])})")
    ember = medians["ember local[2]"]
    print(f"ember vs python Counter: {medians['python Counter'] / ember:.2f}x")
    if "pyspark local[2]" in medians:
        print(f"ember vs pyspark:        {medians['pyspark local[2]'] / ember:.2f}x")
    else:
        print("pyspark not found: set REAL_PYSPARK to compare")


if __name__ == "__main__":
    main()
