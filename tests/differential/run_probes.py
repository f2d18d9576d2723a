"""Runs the differential probes in one Spark session and prints each probe's output.

Every file in ``probes/`` holds probes separated by ``# probe: NAME`` lines. Each probe
runs in a fresh namespace holding ``spark``, ``sc``, ``F`` (``pyspark.sql.functions``),
``T`` (``pyspark.sql.types``), ``Row``, ``Window`` and ``DATA`` (the ``data/`` folder beside
this script) and ``TMP`` (a fresh temporary directory of its own). Its output is printed
under a ``=== NAME`` header; an exception it raises is printed as one line
``!! ClassName: CONDITION`` (the Spark error condition, or ``-`` for a plain Python error),
so that outputs compare between engines without messages or tracebacks.

Usage:
    python run_probes.py [--out DIR] [FILE …]      # real PySpark: a local[2] session
    target/release/pyspark run_probes.py [--out DIR] [FILE …]   # Ember: the shell's session

With ``--out DIR`` each probe file's output is written to ``DIR/<file>.out`` instead of
standard output. Records are made from PySpark 4.3.0 by ``scripts/record_differential.sh``.
"""
import contextlib
import io
import os
import shutil
import sys
import tempfile
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
PROBES = os.path.join(HERE, "probes")
MARK = "# probe: "


def split_probes(path):
    """The (name, source) pairs of one probe file, in file order."""
    probes, name, lines = [], None, []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith(MARK):
                if name is not None:
                    probes.append((name, "".join(lines)))
                name, lines = line[len(MARK):].strip(), []
            elif name is not None:
                lines.append(line)
    if name is not None:
        probes.append((name, "".join(lines)))
    return probes


def error_line(error):
    condition = None
    getter = getattr(error, "getCondition", None) or getattr(error, "getErrorClass", None)
    if callable(getter):
        try:
            condition = getter()
        except Exception:  # a getter that fails says nothing about the probe
            condition = None
    return f"!! {type(error).__name__}: {condition or '-'}"


def run_probe(spark, source, filename, name=""):
    from pyspark.sql import Row, Window
    from pyspark.sql import functions, types
    namespace = {
        "spark": spark, "sc": spark.sparkContext, "F": functions, "T": types, "Row": Row,
        "Window": Window, "DATA": os.path.join(HERE, "data"),
        "TMP": tempfile.mkdtemp(prefix="ember-probe-"), "__name__": "__probe__",
    }
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        try:
            exec(compile(source, filename, "exec"), namespace)
        except Exception as error:  # every failure is part of the probe's output
            print(error_line(error))
            if os.environ.get("EMBER_PROBE_TRACE"):
                print(f"##### {name}", file=sys.stderr)
                traceback.print_exc(file=sys.stderr)
        finally:
            shutil.rmtree(namespace["TMP"], ignore_errors=True)
    return buffer.getvalue()


def session():
    existing = globals().get("spark")
    if existing is not None:
        return existing
    from pyspark.sql import SparkSession
    return (SparkSession.builder.master("local[2]").appName("differential")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.ui.enabled", "false").getOrCreate())


def main(arguments):
    out = None
    if arguments[:1] == ["--out"]:
        out, arguments = arguments[1], arguments[2:]
    files = arguments or sorted(f for f in os.listdir(PROBES) if f.endswith(".py"))
    spark = session()
    for name in files:
        path = os.path.join(PROBES, os.path.basename(name))
        text = "".join(f"=== {probe}\n{run_probe(spark, source, path, probe)}"
                       for probe, source in split_probes(path))
        if out:
            os.makedirs(out, exist_ok=True)
            with open(os.path.join(out, os.path.basename(path)[:-3] + ".out"), "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            sys.stdout.write(text)
            sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
