"""Scripts in tests/recorded print column names, rows and error conditions; each
`<name>.expected` is what PySpark 4.3.0 printed for `<name>.py` (run with the
connect-server virtualenv's Python). The shell must print the same."""
import glob
import os
import subprocess

import pytest

from test_terminal import BINARY

RECORDED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "recorded")
SCRIPTS = sorted(os.path.basename(p)[:-3] for p in glob.glob(os.path.join(RECORDED, "*.py")))

pytestmark = pytest.mark.skipif(not os.path.exists(BINARY), reason="build the binary first")


def test_every_script_has_expected_output():
    assert SCRIPTS, "no recorded scripts found"
    for name in SCRIPTS:
        assert os.path.exists(os.path.join(RECORDED, name + ".expected")), name


@pytest.mark.parametrize("name", SCRIPTS)
def test_prints_what_pyspark_prints(name):
    run = subprocess.run(
        [BINARY, "--master", "local[2]", os.path.join(RECORDED, name + ".py")],
        capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL,
    )
    assert run.returncode == 0, run.stderr
    with open(os.path.join(RECORDED, name + ".expected")) as f:
        expected = f.read().splitlines()
    assert run.stdout.splitlines() == expected
