"""Ember's Python package is its own code: scripts/provenance.py, run against the pip
``pyspark==4.3.0`` that scripts/connect-server.sh installs in its virtualenv, finds no file
of 20 or more counted lines that is 15% or more identical to PySpark's, and no run of 6
identical lines (issue 14)."""
import glob
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "scripts", "provenance.py")
VENV = os.environ.get("EMBER_SPARK_VENV", os.path.expanduser("~/.cache/ember-spark/venv"))


def reference():
    found = sorted(glob.glob(os.path.join(VENV, "lib", "python3*", "site-packages", "pyspark")))
    return found[-1] if found else None


def run(*args):
    return subprocess.run([sys.executable, SCRIPT, *args], capture_output=True, text=True, timeout=300)


def test_every_file_is_under_the_limits():
    pyspark = reference()
    assert pyspark, "no pip pyspark in %s: run scripts/connect-server.sh install" % VENV
    result = run(pyspark)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_measure_catches_a_copy(tmp_path):
    """A file under src/python that repeats its reference is reported (checked on a
    made-up reference, so the check itself can fail)."""
    pyspark = reference()
    assert pyspark
    # A reference tree whose 'storagelevel.py' is Ember's own file: every counted line
    # then matches, so the script must report it and exit 1.
    fake = tmp_path / "pyspark"
    fake.mkdir()
    with open(os.path.join(ROOT, "src", "python", "pyspark", "storagelevel.py"), encoding="utf-8") as handle:
        (fake / "storagelevel.py").write_text(handle.read(), encoding="utf-8")
    result = run(str(fake))
    assert result.returncode == 1
    assert "pyspark/storagelevel.py" in result.stderr


def test_a_missing_reference_is_an_error(tmp_path):
    result = run(str(tmp_path / "absent"))
    assert result.returncode == 2
