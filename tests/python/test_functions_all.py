"""Every name of PySpark 4.3's `pyspark.sql.functions.__all__` is a real function of
`pyspark.sql.functions` with PySpark's signature: called on a small input it works or
raises PySparkNotImplementedError naming itself, never TypeError (a signature Ember lacks)
or UNRESOLVED_ROUTINE (a Spark function the engine does not know). The walk is
tests/python/functions_walk.py, in one shell process."""
import json
import os

import pytest

from test_terminal import BINARY

HERE = os.path.dirname(os.path.abspath(__file__))
pytestmark = pytest.mark.skipif(not os.path.exists(BINARY), reason="build the binary first")

# PySpark 4.3.0's `pyspark.sql.functions.__all__` has 562 names; some that every script uses.
EXPECTED_COUNT = 562
SAMPLE = ["col", "lit", "when", "sum", "months_between", "transform", "pandas_udf", "UserDefinedFunction", "try_add"]


@pytest.fixture(scope="module")
def outcomes():
    import subprocess

    run = subprocess.run(
        [BINARY, os.path.join(HERE, "functions_walk.py")],
        capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_all_names_are_exported(outcomes):
    assert len(outcomes) == EXPECTED_COUNT
    assert set(SAMPLE) <= set(outcomes)


def test_no_name_fails_with_type_error_or_unresolved_routine(outcomes):
    bad = {name: result for name, result in outcomes.items() if "TypeError" in result or "UNRESOLVED_ROUTINE" in result}
    assert bad == {}


def test_outcome_counts(outcomes, capsys):
    counts = {}
    for result in outcomes.values():
        key = result if not result.startswith("error") else "error"
        counts[key] = counts.get(key, 0) + 1
    with capsys.disabled():
        print("\nfunctions.__all__ outcomes:", json.dumps(counts, sort_keys=True))
    assert counts.get("works", 0) >= 250


@pytest.fixture(scope="module")
def agreement():
    """Each function of the walk called four ways (functions_agreement.py), with the
    arguments PySpark 4.3.0 ran, beside what PySpark gave (functions_agreement.expected.json,
    recorded from PySpark 4.3.0)."""
    import subprocess

    recorded = os.path.join(HERE, "functions_agreement.expected.json")
    run = subprocess.run(
        [BINARY, os.path.join(HERE, "functions_agreement.py")],
        capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL, cwd=HERE,
        env=dict(os.environ, AGREEMENT_CALLS=recorded),
    )
    assert run.returncode == 0, run.stderr
    with open(recorded) as expected:
        return json.loads(run.stdout.strip().splitlines()[-1]), json.load(expected)


def known_disagreements():
    with open(os.path.join(HERE, "functions_agreement_known.txt")) as listed:
        return {line.split()[0] for line in listed if line.strip() and not line.startswith("#")}


def test_call_forms_agree_with_pyspark(agreement, capsys):
    ember, pyspark = agreement
    assert set(ember) == set(pyspark)
    differing = {name for name, entry in pyspark.items() if ember[name]["ways"] != entry["ways"]}
    with capsys.disabled():
        print("\nfunction call forms matching PySpark: %d of %d" % (len(pyspark) - len(differing), len(pyspark)))
    known = known_disagreements()
    assert differing - known == set(), "call forms that differ from PySpark: %s" % sorted(differing - known)
    assert known - differing == set(), "now agree with PySpark; delete from functions_agreement_known.txt: %s" % sorted(known - differing)
