"""Calls every name of `pyspark.sql.functions.__all__` on a one-row DataFrame inside the
shell and prints one JSON object: {name: outcome}. Outcomes:
  "works"            some argument choice evaluated (collect() returned a row)
  "not implemented"  PySparkNotImplementedError naming the function
  "class"            an exported class (UserDefinedFunction, PandasUDFType, ...)
  "error: ..."       every argument choice failed with another error (the first one)
Arguments are tried from the signature: each column parameter gets one column of a
type (the same for all), literal parameters a small value by their name.
Run by tests/python/test_functions_all.py."""
import datetime
import inspect
import json

from pyspark.errors import PySparkNotImplementedError
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = SparkSession.builder.getOrCreate()  # the shell's session
ROW = spark.createDataFrame(
    [(2, 0.5, "a,b", datetime.date(2024, 1, 31), datetime.datetime(2024, 1, 31, 10, 0), [1, 2], {"k": 1}, True, '{"k": 1}', b"ab")],
    "i int, d double, s string, dt date, ts timestamp, a array<int>, m map<string,int>, b boolean, j string, bin binary",
)
COLUMNS = ["d", "i", "s", "dt", "ts", "a", "m", "b", "j", "bin"]
LITERALS = {
    "format": "yyyy-MM-dd", "pattern": ",", "regexp": "a", "regex": "a", "delimiter": ",", "sep": ",",
    "timezone": "UTC", "tz": "UTC", "unit": "day", "field": "year", "part": "year", "path": "$.k",
    "url": "http://x/y?q=1", "partToExtract": "HOST", "key": "k", "dayOfWeek": "Mon", "windowDuration": "1 hour",
    "schema": "k int", "funcName": "abs", "udfName": "abs", "charset": "utf-8", "json": '{"k": 1}',
}


def literal(name):
    return LITERALS.get(name, 1)


# Names whose arguments are not columns of the row.
SPECIAL = {
    "col": ["d"], "column": ["d"], "lit": [1], "expr": ["d + 1"], "broadcast": [ROW],
    "call_function": ["abs", "d"], "call_udf": ["abs", "d"], "when": [F.col("b"), 1],
    "named_struct": [F.lit("x"), "d"], "udf": [lambda x: x],
    # Higher-order functions take a Python function of 1 to 3 Columns.
    "transform": ["a", lambda x: x + 1], "filter": ["a", lambda x: x > 1], "exists": ["a", lambda x: x > 1],
    "forall": ["a", lambda x: x > 1], "aggregate": ["a", F.lit(0), lambda acc, x: acc + x],
    "reduce": ["a", F.lit(0), lambda acc, x: acc + x], "zip_with": ["a", "a", lambda x, y: x + y],
    "map_filter": ["m", lambda k, v: v > 0], "transform_keys": ["m", lambda k, v: F.upper(k)],
    "transform_values": ["m", lambda k, v: v + 1], "map_zip_with": ["m", "m", lambda k, v1, v2: v1 + v2],
}


def attempts(name, function):
    if name in SPECIAL:
        yield SPECIAL[name]
        return
    params = list(inspect.signature(function).parameters.values())
    for column in COLUMNS:
        # The first column parameter takes `column`; later ones the same, an int or a string.
        for other in (column, "i", "s"):
            args, columns_given = [], 0
            for param in params:
                if param.kind == param.VAR_POSITIONAL:
                    args.append(F.col(column if not columns_given else other))
                elif param.kind == param.KEYWORD_ONLY or param.default is not param.empty:
                    continue
                elif param.name in LITERALS or param.name in ("n", "len", "pos", "scale", "offset", "numBuckets", "count", "idx", "ordinal", "index"):
                    args.append(literal(param.name))
                else:
                    args.append(F.col(column if not columns_given else other))
                    columns_given += 1
            yield args


def outcome(name):
    function = getattr(F, name)
    if inspect.isclass(function):
        return "class"
    first_error = None
    for args in attempts(name, function):
        try:
            result = function(*args)
            if hasattr(result, "_expr"):
                ROW.select(result).collect()
            elif name == "udf":
                ROW.select(result("d")).collect()
            return "works"
        except PySparkNotImplementedError as error:
            if name in str(error):
                return "not implemented"
            first_error = first_error or error
        except Exception as error:  # classified below; the walk goes on
            first_error = first_error or error
    text = str(first_error).splitlines()[0] if str(first_error) else ""
    return "error: %s: %s" % (type(first_error).__name__, text[:160])


if __name__ == "__main__":
    print(json.dumps({name: outcome(name) for name in F.__all__}))
