"""Start-to-prompt benchmark: on a pseudo-terminal, the time from launch until the first
`>>> ` prompt, for Ember's shell (`local[2]`) and for `python3 -q`, interleaved RUNS
times in one run. Prints the medians and their ratio. Not a test: machines are noisy.

Usage: python3 benches/prompt.py   (RUNS=9, EMBER_BIN=target/release/pyspark)
"""
import os
import pty
import re
import select
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EMBER = os.environ.get("EMBER_BIN") or os.path.join(ROOT, "target", "release", "pyspark")
RUNS = int(os.environ.get("RUNS", "9"))


def to_prompt(argv):
    """Seconds from fork to the first `>>> ` on the terminal; then ends the process."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(argv[0], argv)
    seen = b""
    # The prompt is followed by the editor's cursor and screen-update codes.
    while not re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]|\r", b"", seen).endswith(b">>> "):
        ready, _, _ = select.select([fd], [], [], 30)
        if not ready:
            raise SystemExit(f"{argv[0]} printed no prompt: {seen[-200:]!r}")
        seen += os.read(fd, 4096)
    elapsed = time.perf_counter() - start
    os.write(fd, b"\x04")
    try:
        while os.read(fd, 4096):
            pass
    except OSError:
        pass
    os.waitpid(pid, 0)
    return elapsed


def main():
    contenders = {"ember pyspark": [EMBER, "--master", "local[2]"], "python3 -q": [sys.executable, "-q"]}
    times = {name: [] for name in contenders}
    for _ in range(RUNS):
        for name, argv in contenders.items():
            times[name].append(to_prompt(argv))
    for name, values in times.items():
        print(f"{name:14s} median {statistics.median(values) * 1000:6.0f} ms  (min {min(values) * 1000:.0f} ms)")
    ratio = statistics.median(times["ember pyspark"]) / statistics.median(times["python3 -q"])
    print(f"ember / python3 -q: {ratio:.2f}x")


if __name__ == "__main__":
    main()
