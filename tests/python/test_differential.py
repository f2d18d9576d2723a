"""The differential suite: every probe of tests/differential/probes runs in Ember (one
shell process) and its output must equal what PySpark 4.3.0 printed, byte for byte
(tests/differential/expected, recorded by scripts/record_differential.sh).

A probe may differ only when tests/differential/known_differences.txt lists it, with one
of these kinds and a reason:
- ``missing``: a feature Ember lacks; Ember must raise an error for it (a ``!!`` line),
  never print other values.
- ``order``: Spark does not define the order of the printed rows; the lines must be equal
  once sorted.
- ``open``: a value difference still being fixed (an open defect of issue 13). The probe
  must still differ: once it matches, the line must go.
Any other difference fails.
"""
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SUITE = os.path.join(ROOT, "tests", "differential")
EXPECTED = os.path.join(SUITE, "expected")
KNOWN = os.path.join(SUITE, "known_differences.txt")
KINDS = {"missing", "order", "open"}


def split_output(text):
    """{probe name: output} of a run_probes.py output."""
    probes, name, lines = {}, None, []
    for line in text.splitlines(keepends=True):
        if line.startswith("=== "):
            if name is not None:
                probes[name] = "".join(lines)
            name, lines = line[4:].strip(), []
        elif name is not None:
            lines.append(line)
    if name is not None:
        probes[name] = "".join(lines)
    return probes


def expected_outputs():
    outputs = {}
    for file in sorted(os.listdir(EXPECTED)):
        if file.endswith(".out"):
            with open(os.path.join(EXPECTED, file), encoding="utf-8") as handle:
                outputs.update(split_output(handle.read()))
    return outputs


def known_differences():
    """{probe name: (kind, reason)} of known_differences.txt."""
    known = {}
    with open(KNOWN, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, kind, reason = (line.split(None, 2) + ["", ""])[:3]
            assert kind in KINDS, f"known_differences.txt:{number}: unknown kind {kind!r}"
            assert reason, f"known_differences.txt:{number}: {name} has no reason"
            known[name] = (kind, reason)
    return known


EXPECTED_OUTPUTS = expected_outputs()
KNOWN_DIFFERENCES = known_differences()


@pytest.fixture(scope="module")
def ember_outputs(tmp_path_factory):
    binary = os.environ.get("PYSPARK_BIN", os.path.join(ROOT, "target", "release", "pyspark"))
    out = tmp_path_factory.mktemp("differential")
    result = subprocess.run(
        [binary, os.path.join(SUITE, "run_probes.py"), "--out", str(out)],
        cwd=SUITE, capture_output=True, text=True, timeout=1800, env=dict(os.environ, TZ="UTC"),
    )
    assert result.returncode == 0, result.stderr[-4000:]
    outputs = {}
    for file in os.listdir(out):
        with open(os.path.join(out, file), encoding="utf-8") as handle:
            outputs.update(split_output(handle.read()))
    return outputs


def test_every_known_difference_names_a_recorded_probe():
    unknown = sorted(set(KNOWN_DIFFERENCES) - set(EXPECTED_OUTPUTS))
    assert not unknown, f"known_differences.txt names probes that have no recording: {unknown}"


def test_the_suite_is_large_enough():
    assert len(EXPECTED_OUTPUTS) >= 600


@pytest.mark.parametrize("probe", sorted(EXPECTED_OUTPUTS))
def test_probe_matches_pyspark(probe, ember_outputs):
    expected = EXPECTED_OUTPUTS[probe]
    actual = ember_outputs.get(probe)
    assert actual is not None, f"{probe} did not run in Ember"
    kind, reason = KNOWN_DIFFERENCES.get(probe, (None, None))
    if kind == "order":
        assert sorted(actual.splitlines()) == sorted(expected.splitlines())
        return
    if actual == expected:
        assert kind is None, f"{probe} now matches PySpark: remove it from known_differences.txt ({kind}: {reason})"
        return
    if kind == "missing":
        assert any(line.startswith("!! ") for line in actual.splitlines()), (
            f"{probe} is listed as a missing feature but Ember printed values instead of an error:\n{actual}"
        )
        return
    if kind == "open":
        pytest.xfail(f"open defect: {reason}")
    assert actual == expected
