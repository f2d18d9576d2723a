# Python table functions with useArrow=False (PythonEvalType.SQL_TABLE_UDF, 300): row
# checks, errors inside eval and terminate, a constructor taking arguments, and a
# registered function's SQL call in a join.
from pyspark.sql import SparkSession
from pyspark.sql.functions import lit, udtf
from pyspark.errors import PythonException

spark = SparkSession.builder.getOrCreate()


def run(title, make):
    try:
        rows = make().collect()
        print(title, rows)
    except PythonException as error:
        text = str(error)
        conditions = [c for c in ["UDTF_EXEC_ERROR", "UDTF_INVALID_OUTPUT_ROW_TYPE", "UDTF_RETURN_SCHEMA_MISMATCH", "UDTF_RETURN_NOT_ITERABLE", "UDTF_CONSTRUCTOR_INVALID_NO_ANALYZE_METHOD", "UDTF_EVAL_METHOD_ARGUMENTS_DO_NOT_MATCH_SIGNATURE"] if c in text]
        print(title, type(error).__name__, conditions)


@udtf(returnType="x: int", useArrow=False)
class Scalar:
    def eval(self):
        yield 1


@udtf(returnType="x: int", useArrow=False)
class RaisesInEval:
    def eval(self, n):
        raise ValueError("bad %d" % n)


@udtf(returnType="x: int", useArrow=False)
class RaisesInTerminate:
    def eval(self):
        yield (1,)

    def terminate(self):
        raise KeyError("late")


@udtf(returnType="x: int", useArrow=False)
class NotIterable:
    def eval(self):
        return 5


@udtf(returnType="x: int", useArrow=False)
class NeedsArgument:
    def __init__(self, extra):
        self.extra = extra

    def eval(self):
        yield (1,)


@udtf(returnType="x: int", useArrow=False)
class TwoArguments:
    def eval(self, a, b):
        yield (a + b,)


@udtf(returnType="key: string, value: int", useArrow=False)
class Pairs:
    def eval(self, text: str):
        for item in text.split(","):
            key, value = item.split("=")
            yield {"value": int(value), "key": key}


print(Scalar.evalType)
run("scalar", lambda: Scalar())
run("raises in eval", lambda: RaisesInEval(lit(3)))
run("raises in terminate", lambda: RaisesInTerminate())
run("not iterable", lambda: NotIterable())
run("needs argument", lambda: NeedsArgument())
run("too few arguments", lambda: TwoArguments(lit(1)))
run("dicts", lambda: Pairs(lit("a=1,b=2")))
spark.udtf.register("pairs", Pairs)
spark.createDataFrame([("a", 10), ("c", 30)], "key string, weight int").createOrReplaceTempView("weights")
spark.sql("SELECT p.key, p.value, w.weight FROM pairs('a=1,b=2,c=3') AS p JOIN weights AS w ON p.key = w.key ORDER BY p.key").show()
spark.sql("SELECT upper(key) AS k, value * 2 AS v FROM pairs('x=4')").show()
