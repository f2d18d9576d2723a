"""What the web UI costs at start-up: the time from launch to the printed result of
``spark.range(10).count()`` piped on stdin, with the UI (the default) and with
``spark.ui.enabled=false``, alternating in one run so that the machine's noise falls on
both. Prints the medians and their difference in milliseconds. Not a test.

    python3 benches/ui_startup.py [--runs 31] [--bin target/release/pyspark]
"""
import argparse
import os
import statistics
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPT = "print(spark.range(10).count())\n"


def once(binary, *conf):
    started = time.perf_counter()
    result = subprocess.run([binary, "--master", "local[2]", *conf], input=SCRIPT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.stdout.strip() != "10":
        raise SystemExit(f"unexpected output: {result.stdout!r} {result.stderr!r}")
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=31)
    parser.add_argument("--bin", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "pyspark"))
    args = parser.parse_args()
    with_ui, without_ui = [], []
    once(args.bin)  # warms the page cache
    for run in range(args.runs):
        # Alternate which goes first, so that neither always follows the other.
        pair = [(with_ui, ()), (without_ui, ("--conf", "spark.ui.enabled=false"))]
        for times, conf in pair if run % 2 == 0 else reversed(pair):
            times.append(once(args.bin, *conf))
    on, off = statistics.median(with_ui), statistics.median(without_ui)
    print(f"with the UI      {on * 1000:7.1f} ms (median of {args.runs})")
    print(f"without the UI   {off * 1000:7.1f} ms")
    print(f"difference       {(on - off) * 1000:+7.1f} ms")


if __name__ == "__main__":
    main()
