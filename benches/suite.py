"""Ember's benchmark suite: each workload of benches/suite_workloads.py on each engine of
benches/suite_engines.py that can run it, the engines in alternation, with the peak
resident memory of each run's whole process tree.

Writes OUT/results.json (every run), OUT/results.md (a table of medians and ratios to
Ember) and, with matplotlib, OUT/ratios.png; with ``--readme`` it also puts the table and
the chart into the README's Performance section. Ratios matter, not absolute times: the
machines are shared and noisy. Not a test; ``--smoke`` runs tiny inputs to check that the
suite itself works (tests/python/test_bench_suite.py).

Usage: python3 benches/suite.py [--smoke] [--runs N] [--engines ember,pyspark,...]
                                [--workloads tpch,...] [--out DIR] [--readme]
scripts/bench.sh installs the peers and runs the full suite.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from suite_engines import CACHE, ROOT, engines  # noqa: E402
from suite_workloads import WORKLOADS, Sizes  # noqa: E402

README_START = "<!-- benchmark suite: start -->"
README_END = "<!-- benchmark suite: end -->"


def tree_rss(root):
    """Resident bytes of ``root`` and all its descendants, following each thread's
    ``/proc/PID/task/TID/children`` (no scan of every process)."""
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as f:
                    todo.extend(int(child) for child in f.read().split())
        except OSError:
            continue
    return total


def run(engine, script, outside, options=()):
    """Runs ``script`` on ``engine``; returns the result it printed (with ``seconds`` the
    whole process's wall time when ``outside``) and ``peak_rss``, the largest resident
    size of its process tree sampled every 50 ms."""
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(engine.prelude + script)
    try:
        start = time.perf_counter()
        process = subprocess.Popen(engine.argv(f.name, options), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=engine.env, cwd=ROOT)
        peak = [0]

        def sample():
            while process.poll() is None:
                peak[0] = max(peak[0], tree_rss(process.pid))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        out, err = process.communicate()
        wall = time.perf_counter() - start
        sampler.join()
    finally:
        os.unlink(f.name)
    if process.returncode != 0:
        lines = err.strip().splitlines() or ["exit %d" % process.returncode]
        # The exception's own line rather than the end of a Java stack trace.
        named = [line.strip() for line in lines if "Error:" in line or "Exception:" in line]
        return {"error": (named or lines)[-1][:300]}
    result = {"seconds": wall} if outside else None
    for line in out.splitlines():
        if line.startswith("RESULT "):
            result = json.loads(line[len("RESULT "):])
    if result is None:
        return {"error": "printed no RESULT line"}
    result["peak_rss"] = peak[0]
    return result


def tpch_data(scale, data_dir):
    """The folder of TPC-H's tables at ``scale`` as Parquet, made by tpchgen-cli once."""
    folder = os.path.join(data_dir, "tpch-sf" + scale)
    if not os.path.exists(os.path.join(folder, "lineitem.parquet")):
        tpchgen = shutil.which("tpchgen-cli") or os.path.join(sysconfig.get_path("scripts"), "tpchgen-cli")
        subprocess.run([tpchgen, "parquet", "-s", scale, "--output-dir", folder], check=True, capture_output=True)
    return folder


def prepare_data(sizes, workloads, data_dir):
    """Generates the inputs the chosen workloads read, once per size, under ``data_dir``."""
    data = {}
    names = {w.name for w in workloads}
    if "tpch" in names:
        data["tpch"] = tpch_data(sizes.tpch_scale, data_dir)
    if "tpch_spill" in names:
        data["tpch_spill"] = tpch_data(sizes.spill_scale, data_dir)
    if "h2o_groupby" in names:
        data["h2o"] = os.path.join(data_dir, "h2o-groupby-%d.parquet" % sizes.h2o_rows)
        if not os.path.exists(data["h2o"]):
            subprocess.run([sys.executable, os.path.join(ROOT, "benches", "h2o_data.py"), str(sizes.h2o_rows), data["h2o"]], check=True)
    if "word_count" in names:
        data["corpus"] = os.path.join(data_dir, "corpus-%d.txt" % sizes.corpus_bytes)
        if not os.path.exists(data["corpus"]):
            full = subprocess.run([sys.executable, os.path.join(ROOT, "examples", "make_corpus.py"), os.path.join(data_dir, "corpus.txt")], check=True, capture_output=True, text=True).stdout.strip()
            with open(full, "rb") as source, open(data["corpus"] + ".partial", "wb") as target:
                target.write(source.read(sizes.corpus_bytes).rsplit(b"\n", 1)[0] + b"\n")
            os.replace(data["corpus"] + ".partial", data["corpus"])
    return data


def measure(workloads, chosen, sizes, data, runs):
    """Every run's result: workload name to engine name to a list of results. Each
    repetition runs the engines in a rotated order, so no engine always goes first."""
    results = {}
    for workload in workloads:
        contenders = [chosen[name] for name in workload.engines if name in chosen]
        results[workload.name] = {engine.name: [] for engine in contenders}
        for repetition in range(runs):
            shift = repetition % max(len(contenders), 1)
            for engine in contenders[shift:] + contenders[:shift]:
                result = run(engine, workload.body(engine, sizes, data), workload.outside, workload.options.get(engine.name, ()))
                results[workload.name][engine.name].append(result)
                shown = "error: " + result["error"] if "error" in result else "%.3f s, peak %.0f MiB" % (result["seconds"], result["peak_rss"] / 2**20)
                print(f"{workload.name:16} {engine.name:11} {shown}", flush=True)
    return results


def summary(results):
    """Per workload and engine: median seconds and peak RSS over the runs that worked, or
    the error; and whether each engine's check agreed with Ember's (None when unknown)."""
    table = {}
    for workload, by_engine in results.items():
        table[workload] = {}
        reference = next((r.get("check") for r in by_engine.get("ember", []) if "error" not in r), None)
        for engine, runs in by_engine.items():
            good = [r for r in runs if "error" not in r]
            if not good:
                table[workload][engine] = {"error": runs[0]["error"] if runs else "not run"}
                continue
            check = good[-1].get("check")
            table[workload][engine] = {
                "seconds": statistics.median(r["seconds"] for r in good),
                "peak_rss": max(r["peak_rss"] for r in good),
                "agrees": None if reference is None or check is None else check == reference,
            }
    return table


def markdown(table, sizes, engine_names):
    """The table of medians with each engine's ratio to Ember (its time over Ember's:
    above 1 means Ember is faster), then peak memory."""
    titles = {w.name: w.title for w in WORKLOADS}
    lines = [
        "| workload | " + " | ".join(engine_names) + " |",
        "|---|" + "---|" * len(engine_names),
    ]
    for workload, cells in table.items():
        ember = cells.get("ember", {}).get("seconds")
        row = []
        for engine in engine_names:
            cell = cells.get(engine)
            if cell is None:
                row.append("")
            elif "error" in cell:
                row.append("failed")
            else:
                text = "%.3f s" % cell["seconds"] if cell["seconds"] >= 0.01 else "%.2f ms" % (cell["seconds"] * 1000)
                if ember and engine != "ember":
                    text += " (%.2fx)" % (cell["seconds"] / ember)
                if cell["agrees"] is False:
                    text += " (differs)"
                row.append(text)
        lines.append(f"| {titles[workload]} | " + " | ".join(row) + " |")
    lines.append("| peak RSS, TPC-H run (MiB) | " + " | ".join(
        "%.0f" % (table["tpch"][e]["peak_rss"] / 2**20) if "tpch" in table and "peak_rss" in table["tpch"].get(e, {}) else "" for e in engine_names) + " |")
    failures = [f"{engine} failed {titles[workload].split(',')[0]}: {cell['error']}" for workload, cells in table.items() for engine, cell in cells.items() if "error" in cell]
    note = ("Smoke sizes. " if sizes.smoke else "") + (
        f"TPC-H SF{sizes.tpch_scale}; H2O groupby {sizes.h2o_rows:,} rows; word count over {sizes.corpus_bytes >> 20} MiB of English;"
        f" lambda pipeline over {sizes.integers:,} integers; toPandas of {sizes.pandas_rows:,} rows. Two cores, `local[2]` or its equivalent."
        " In brackets: the engine's time over Ember's (above 1, Ember is faster); \"differs\": its row counts"
        " (or top words) differ from Ember's.")
    return "\n".join(lines) + "\n\n" + note + "\n" + "".join(f"\n- {failure}" for failure in failures) + ("\n" if failures else "")


def chart(table, path):
    """A bar chart of each engine's time over Ember's per workload (log scale); skipped
    with a message when matplotlib is missing."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no chart", file=sys.stderr)
        return False
    workloads = [w for w in table if table[w].get("ember", {}).get("seconds")]
    others = sorted({e for w in workloads for e in table[w] if e != "ember"})
    figure, axes = plt.subplots(figsize=(10, 4.5))
    width = 0.8 / max(len(others), 1)
    for i, engine in enumerate(others):
        values = [table[w][engine]["seconds"] / table[w]["ember"]["seconds"] if "seconds" in table[w].get(engine, {}) else 0 for w in workloads]
        axes.bar([x + i * width for x in range(len(workloads))], values, width, label=engine)
    axes.axhline(1, color="black", linewidth=0.8)
    axes.set_yscale("log")
    axes.set_xticks([x + width * (len(others) - 1) / 2 for x in range(len(workloads))])
    axes.set_xticklabels([w.replace("_", " ") for w in workloads], rotation=15)
    axes.set_ylabel("time / Ember's time (log)")
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return True


def update_readme(readme, table_text, chart_name):
    """Replaces the README's Performance section's text between the suite's markers."""
    with open(readme) as f:
        text = f.read()
    if README_START not in text or README_END not in text:
        sys.exit(f"{readme} has no {README_START} ... {README_END} markers")
    before, rest = text.split(README_START, 1)
    after = rest.split(README_END, 1)[1]
    image = f"\n![time over Ember's, per workload]({chart_name})\n" if chart_name else ""
    with open(readme, "w") as f:
        f.write(before + README_START + "\n" + table_text + image + README_END + after)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny inputs, one run: checks the suite works")
    parser.add_argument("--runs", type=int, default=None, help="repetitions per workload and engine (default 3, smoke 1)")
    parser.add_argument("--engines", default=None, help="comma-separated; default: every installed one")
    parser.add_argument("--workloads", default=None, help="comma-separated; default: all but tpch_spill (TPC-H SF10 in 2 GiB)")
    parser.add_argument("--out", default=None, help="where results go (default ~/.cache/ember-bench/results[-smoke])")
    parser.add_argument("--readme", action="store_true", help="write the table and chart into README.md")
    parser.add_argument("--report-only", action="store_true", help="rewrite the table and chart from OUT/results.json without running")
    args = parser.parse_args()
    sizes = Sizes(args.smoke)
    runs = args.runs or (1 if args.smoke else 3)
    every = engines()
    wanted = args.engines.split(",") if args.engines else list(every)
    unknown = [name for name in wanted if name not in every]
    if unknown:
        sys.exit(f"unknown engines: {', '.join(unknown)}")
    chosen = {name: every[name] for name in wanted if every[name].available()}
    for name in wanted:
        if name not in chosen:
            print(f"{name}: not installed ({every[name].python}); scripts/bench.sh installs it", file=sys.stderr)
    if "ember" not in chosen:
        sys.exit("Ember's binary is missing: cargo build --release")
    workloads = [w for w in WORKLOADS if (w.name in args.workloads.split(",") if args.workloads else w.default)]
    out = args.out or os.path.join(CACHE, "results-smoke" if args.smoke else "results")
    os.makedirs(out, exist_ok=True)
    if args.report_only:
        with open(os.path.join(out, "results.json")) as f:
            results = json.load(f)["runs"]
    else:
        data = prepare_data(sizes, workloads, os.path.join(CACHE, "data"))
        results = measure(workloads, chosen, sizes, data, runs)
    table = summary(results)
    engine_names = [name for name in every if name in chosen]
    text = markdown(table, sizes, engine_names)
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump({"sizes": vars(sizes), "runs": results, "summary": table}, f, indent=1)
    with open(os.path.join(out, "results.md"), "w") as f:
        f.write(text)
    drew = chart(table, os.path.join(out, "ratios.png"))
    print(text)
    if args.readme:
        chart_name = None
        if drew:
            chart_name = "benches/results/ratios.png"
            os.makedirs(os.path.join(ROOT, "benches", "results"), exist_ok=True)
            shutil.copy(os.path.join(out, "ratios.png"), os.path.join(ROOT, chart_name))
        update_readme(os.path.join(ROOT, "README.md"), text, chart_name)


if __name__ == "__main__":
    main()
