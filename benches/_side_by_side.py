"""What the side-by-side benchmarks share: where Ember and the PySpark virtualenv are,
running a script that prints ``RESULT {json timings}`` in a contender, and printing the
medians with their ratios to Ember."""
import json
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EMBER = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "pyspark")
VENV = os.path.expanduser(os.environ.get("PYSPARK_VENV", "~/.cache/ember-spark/venv"))


def pyspark_python():
    """The PySpark virtualenv's python and the environment to run it in, or None."""
    python = os.path.join(VENV, "bin", "python")
    return (python, dict(os.environ, PYSPARK_PYTHON=python)) if os.path.exists(python) else None


def run_timed(command, script, env=None):
    """The timings a contender's run of ``script`` printed; exits when it failed."""
    result = subprocess.run(command, input=script, capture_output=True, text=True, env=env, cwd=ROOT)
    for line in result.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):])
    sys.exit(f"{command[0]} failed:\n{result.stdout[-1000:]}\n{result.stderr[-2000:]}")


def print_ratios(samples, heading):
    """Each contender's median seconds per timing and its ratio to Ember's."""
    ember = {key: statistics.median(s[key] for s in samples["ember"]) for key in samples["ember"][0]}
    print(f"{heading} (median seconds; ratio = contender / ember)")
    for name, runs in samples.items():
        for key in runs[0]:
            value = statistics.median(r[key] for r in runs)
            print(f"{name:22} {key:18} {value:8.3f} s   x{value / ember[key]:.2f}")


def compare(ember_script, pyspark_scripts, runs, heading):
    """Runs Ember (``local[2]``) on ``ember_script`` and, when the PySpark virtualenv
    exists, PySpark on each of ``pyspark_scripts`` (contender name to script), in turn,
    ``runs`` times; prints the medians and their ratios to Ember's."""
    contenders = {"ember": ([EMBER, "--master", "local[2]"], ember_script, None)}
    pyspark = pyspark_python()
    if pyspark is not None:
        for name, script in pyspark_scripts.items():
            contenders[name] = ([pyspark[0], "-"], script, pyspark[1])
    samples = {name: [] for name in contenders}
    for _ in range(runs):
        for name, (command, script, env) in contenders.items():
            samples[name].append(run_timed(command, script, env))
    print_ratios(samples, heading)
