"""A short soak of the shell (scripts/soak.py): 300 mixed statements on a pseudo-terminal,
some interrupted with Ctrl-C, after which the session keeps its state and its file
descriptors, threads and worker processes have not grown. Needs the built binary
(PYSPARK_BIN, else target/release/pyspark)."""
import importlib.util
import os

import pytest

from test_terminal import BINARY, ROOT

pytestmark = pytest.mark.skipif(not os.path.exists(BINARY), reason="build the binary first")


def load_soak():
    spec = importlib.util.spec_from_file_location("soak", os.path.join(ROOT, "scripts", "soak.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_short_soak_stays_flat(tmp_path):
    soak = load_soak()
    samples, failures = soak.soak(BINARY, 300, 100, seed=11, home=str(tmp_path), interrupt_share=0.05, report=lambda *_: None)
    assert failures == []
    assert len(samples) == 3
    first, last = samples[0], samples[-1]
    _, first_rss, first_fds, first_threads, _ = first
    _, last_rss, last_fds, last_threads, last_workers = last
    # Idle workers hold two pipes each; with them counted out the descriptors are flat.
    assert last_fds - 2 * last_workers <= first_fds - 2 * first[4] + 1, samples
    assert last_threads <= first_threads + 1, samples
    assert last_workers <= 2, samples
    assert last_rss - first_rss < 64, samples
