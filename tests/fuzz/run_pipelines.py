"""Runs fuzzer pipelines in one Spark session and writes one JSON line per pipeline.

Input: a JSON-lines file of ``{"seed": S, "source": CODE}`` (``generate.py``'s sources).
Output: a JSON-lines file of results, one per input line, written as each ends:
- ``{"seed": S, "schema": "struct<...>", "rows": [...], "order": [...] | null}`` where
  ``rows`` are the collected rows with each value in ``canonical`` form; or
- ``{"seed": S, "error": "ClassName: CONDITION"}`` when the pipeline raised (the Spark
  error condition, or ``-`` for an error without one).

The same script runs in both engines:
    python run_pipelines.py IN OUT                    # real PySpark: a local[2] session
    target/release/pyspark run_pipelines.py IN OUT    # Ember: the shell's session
Both use the session time zone America/Los_Angeles, whose daylight-saving changes the
generated timestamps sit on; run both with ``TZ=America/Los_Angeles`` so that Python's
naive datetimes mean the same instants.
"""
import datetime
import decimal
import json
import math
import os
import signal
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "differential"))
from run_probes import error_line  # noqa: E402

TIME_ZONE = "America/Los_Angeles"
SECONDS = 120  # a pipeline still running after this long is reported as TIMEOUT


def canonical(value):
    """A JSON value that compares equal across engines exactly when the values are equal.
    Doubles keep 12 significant digits (the engines may add in another order), and keep
    their sign, NaN and infinities."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return "double:NaN"
        return "double:" + ("%.12g" % value)
    if isinstance(value, decimal.Decimal):
        return "decimal:" + str(value)
    if isinstance(value, datetime.datetime):
        return "timestamp:" + value.isoformat()
    if isinstance(value, datetime.date):
        return "date:" + value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return "binary:" + bytes(value).hex()
    if isinstance(value, dict):
        return {"map": sorted([canonical(k), canonical(v)] for k, v in value.items())}
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    return "other:" + repr(value)


def error_text(error):
    """``ClassName: CONDITION`` of an error, as the differential probes print it."""
    return error_line(error)[len("!! "):]


class Timeout(Exception):
    def getCondition(self):
        return "TIMEOUT"


def on_alarm(signum, frame):
    raise Timeout()


def run_one(spark, seed, source):
    from pyspark.sql import Window
    from pyspark.sql import functions
    namespace = {"spark": spark, "F": functions, "Window": Window, "Decimal": decimal.Decimal,
                 "datetime": datetime, "math": math, "__name__": "__fuzz__"}
    signal.alarm(SECONDS)
    try:
        exec(compile(source, f"<pipeline {seed}>", "exec"), namespace)
        df = namespace["df"]
        rows = df.collect()
        return {"seed": seed, "schema": df.schema.simpleString(),
                "rows": [canonical(list(row)) for row in rows], "order": namespace.get("ORDER")}
    except Exception as error:  # every failure is the pipeline's result
        return {"seed": seed, "error": error_text(error)}
    finally:
        signal.alarm(0)


def session():
    existing = globals().get("spark")
    if existing is not None:
        existing.conf.set("spark.sql.session.timeZone", TIME_ZONE)
        return existing
    from pyspark.sql import SparkSession
    return (SparkSession.builder.master("local[2]").appName("fuzz")
            .config("spark.sql.session.timeZone", TIME_ZONE)
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.ui.enabled", "false").getOrCreate())


def main(arguments):
    source_path, out_path = arguments
    spark = session()
    signal.signal(signal.SIGALRM, on_alarm)
    with open(source_path, encoding="utf-8") as inputs, open(out_path, "a", encoding="utf-8") as out:
        for line in inputs:
            item = json.loads(line)
            result = run_one(spark, item["seed"], item["source"])
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
            out.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
