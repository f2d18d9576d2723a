"""For every function of `pyspark.sql.functions.__all__` that runs on the walk's one-row
DataFrame (functions_walk.py), makes the same call three more ways and compares the
output column's name, type and value:
  F.x(...)                       the DataFrame API
  selectExpr("x(...)")           Spark SQL expression text on the DataFrame
  spark.sql("SELECT x(...) ...") a SQL query over the same row as a view
  call_function("x", ...)        the DataFrame API by name
Spark resolves all four through one function registry, so they agree. Prints one JSON
object: {name: {"args": the arguments, "ways": {way: [name, type, value] or "raises X"}}}.
The arguments are the walk's first choice that runs, or, with AGREEMENT_CALLS naming a
recording of this script under PySpark, the recording's, so both engines make one call.
Run by tests/python/test_functions_all.py."""
import json
import os

from pyspark.sql import Column
from pyspark.sql import functions as F

import functions_walk as walk

ROW = walk.ROW
ROW.createOrReplaceTempView("walk_row")

# Python-side helpers, or calls whose text form is not a plain function call.
NOT_CALLS = {
    "col", "column", "lit", "expr", "broadcast", "call_function", "call_udf", "udf", "udtf", "pandas_udf",
    "arrow_udf", "arrow_udtf", "when", "asc", "desc", "asc_nulls_first", "asc_nulls_last", "desc_nulls_first",
    "desc_nulls_last", "named_struct", "transform", "filter", "exists", "forall", "aggregate", "reduce",
    "zip_with", "map_filter", "transform_keys", "transform_values", "map_zip_with", "window", "session_window",
    "window_time", "grouping_id", "grouping", "input_file_name", "monotonically_increasing_id",
    "spark_partition_id", "rand", "randn", "uuid", "shuffle", "random", "randstr", "uniform", "current_timestamp",
    "now", "localtimestamp", "current_date", "curdate", "current_timezone", "current_time", "current_user", "user", "session_user", "unwrap_udt", "struct", "bucket",
    "years", "months", "days", "hours", "try_reflect", "reflect", "java_method",
}


def argument_text(value):
    """The SQL text of a walk argument: a column of the row or a literal; else None."""
    if isinstance(value, Column):
        name = str(value)
        # Column<'d'>: a plain column of the row.
        inner = name[len("Column<'"):-2] if name.startswith("Column<'") else None
        return inner if inner in walk.COLUMNS else None
    if isinstance(value, str):
        return value if value in walk.COLUMNS else "'%s'" % value.replace("'", "\\'")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return None


def observed(run):
    """[name, type, value] of a one-column result, or the error class it raises."""
    try:
        frame = run()
        field = frame.schema.fields[0]
        rows = frame.collect()
        return [field.name, field.dataType.simpleString(), repr(rows[0][0] if rows else None)]
    except Exception as error:  # recorded as an outcome
        return "raises " + type(error).__name__


def to_json(value):
    if isinstance(value, Column):
        return {"col": argument_text(value)}
    return value


def from_json(value):
    return F.col(value["col"]) if isinstance(value, dict) else value


def ways(name, args):
    """The call's outcome each way, by the same arguments."""
    call = "%s(%s)" % (name, ", ".join(argument_text(a) for a in args))
    as_columns = [F.col(a) if isinstance(a, str) and a in walk.COLUMNS else (a if isinstance(a, Column) else F.lit(a)) for a in args]
    return {
        "F": observed(lambda: ROW.select(getattr(F, name)(*args))),
        "selectExpr": observed(lambda: ROW.selectExpr(call)),
        "spark.sql": observed(lambda: walk.spark.sql("SELECT %s FROM walk_row" % call)),
        "call_function": observed(lambda: ROW.select(F.call_function(name, *as_columns))),
    }


def chosen_arguments(name):
    """The walk's first argument choice that runs here, or None."""
    if name in NOT_CALLS:
        return None
    function = getattr(F, name)
    if not callable(function) or isinstance(function, type):
        return None
    for args in walk.attempts(name, function):
        if any(callable(a) and not isinstance(a, Column) for a in args) or any(argument_text(a) is None for a in args):
            return None
        try:
            ROW.select(function(*args)).collect()
        except Exception:  # this choice of arguments does not run; try the next
            continue
        return args
    return None


if __name__ == "__main__":
    given = os.environ.get("AGREEMENT_CALLS")
    if given:
        with open(given) as recorded:
            calls = {name: [from_json(a) for a in entry["args"]] for name, entry in json.load(recorded).items()}
    else:
        calls = {name: args for name, args in ((n, chosen_arguments(n)) for n in F.__all__) if args is not None}
    print(json.dumps({name: {"args": [to_json(a) for a in args], "ways": ways(name, args)} for name, args in calls.items()}, sort_keys=True))
