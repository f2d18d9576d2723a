"""toArrow peak memory: how much the process's peak resident memory grows while
``toArrow()`` builds a table, as a multiple of that table's own size (issue: under 1.5x).

The peak (VmHWM) is reset just before the call through ``/proc/self/clear_refs`` (Linux),
so only the export is measured; the table is ``spark.range(ROWS).selectExpr("id",
"id * 2 AS b")``. Not a test: prints the figures.

Usage: python3 benches/to_arrow_memory.py   (ROWS=4000000)
"""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EMBER = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "pyspark")
ROWS = int(os.environ.get("ROWS", "4000000"))

SCRIPT = """
import gc

def resident(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024

frame = spark.range({rows}).selectExpr("id", "id * 2 AS b")
spark.range(10).toArrow()  # pyarrow imported; the big table is built once, measured
gc.collect()
with open("/proc/self/clear_refs", "w") as refs:
    refs.write("5")
base = resident("VmRSS")
table = frame.toArrow()
peak = resident("VmHWM")
print("RESULT", table.nbytes, peak - base)
"""


def main():
    result = subprocess.run([EMBER, "--master", "local[2]"], input=SCRIPT.format(rows=ROWS), capture_output=True, text=True, cwd=ROOT)
    line = next((l for l in result.stdout.splitlines() if l.startswith("RESULT ")), None)
    if line is None:
        sys.exit(result.stdout[-1000:] + result.stderr[-2000:])
    size, grown = (int(v) for v in line.split()[1:])
    print(f"rows: {ROWS}; Arrow table {size / 2**20:.1f} MiB; peak resident growth during toArrow {grown / 2**20:.1f} MiB = {grown / size:.2f}x the table")


if __name__ == "__main__":
    main()
