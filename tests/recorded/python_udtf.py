# Python user-defined table functions (udtf): DataFrame calls, SQL calls after
# spark.udtf.register, terminate and cleanup, analyze, and PySpark's errors.
from pyspark.sql import SparkSession
from pyspark.sql.functions import lit, udtf
from pyspark.sql.types import IntegerType, Row, StringType, StructField, StructType
from pyspark.sql.udtf import AnalyzeResult
from pyspark.errors import PySparkAttributeError, PySparkTypeError, PythonException

spark = SparkSession.builder.getOrCreate()


@udtf(returnType="n: int, square: int")
class Squares:
    def eval(self, start: int, end: int):
        for n in range(start, end + 1):
            yield n, n * n


Squares(lit(1), lit(3)).show()
print(Squares(lit(2), lit(2)).collect())
print(Squares.returnType.simpleString(), Squares.evalType, Squares.deterministic)


class Words:
    def eval(self, text: str):
        for position, word in enumerate(text.split()):
            yield (word, position)


words = udtf(Words, returnType=StructType([StructField("word", StringType()), StructField("pos", IntegerType())]))
words(lit("the quick brown fox")).orderBy("pos").show()
print(words(lit("a b")).schema)


@udtf(returnType="total: int, count: int")
class Summed:
    def __init__(self):
        self.total = 0
        self.count = 0

    def eval(self, *values):
        for value in values:
            self.total += value
            self.count += 1

    def terminate(self):
        yield self.total, self.count


Summed(lit(1), lit(2), lit(3)).show()

spark.udtf.register("squares", Squares)
spark.sql("SELECT * FROM squares(3, 5)").show()
spark.sql("SELECT n, square FROM squares(1, 4) WHERE square > 3 ORDER BY n DESC").show()
spark.sql("SELECT s.square * 10 AS big FROM squares(1, 2) AS s").show()
spark.sql("SELECT count(*) FROM squares(1, 100)").show()


@udtf(returnType="value: string")
class Rows:
    def eval(self, kind: str):
        if kind == "row":
            yield Row(value="from a Row")
        elif kind == "list":
            yield ["from a list"]
        elif kind == "empty":
            return
        else:
            yield ("from a tuple",)


for kind in ["row", "empty", "tuple"]:
    print(kind, Rows(lit(kind)).collect())


@udtf
class Analyzed:
    @staticmethod
    def analyze(a, b):
        return AnalyzeResult(StructType().add("a", a.dataType).add("b", b.dataType))

    def eval(self, a, b):
        yield a, b


print(Analyzed(lit(1), lit("x")).collect())
print(Analyzed(lit(1), lit("x")).schema)


@udtf(returnType="x: int")
class Failing:
    def eval(self, n: int):
        yield 1,
        raise ValueError("no more rows for %d" % n)


try:
    Failing(lit(7)).collect()
except PythonException as error:
    print(type(error).__name__, "ValueError: no more rows for 7" in str(error), "UDTF_EXEC_ERROR" in str(error))


@udtf(returnType="x: int, y: int")
class WrongWidth:
    def eval(self):
        yield 1,


try:
    WrongWidth().collect()
except PythonException as error:
    print(type(error).__name__, "UDTF_RETURN_SCHEMA_MISMATCH" in str(error))


@udtf(returnType="x: int")
class NotATuple:
    def eval(self):
        yield 1


try:
    NotATuple().collect()
except PythonException as error:
    print(type(error).__name__, "UDTF_INVALID_OUTPUT_ROW_TYPE" in str(error))


class NoEval:
    def run(self):
        yield 1,


for make in [lambda: udtf(NoEval, returnType="x: int"), lambda: udtf(Squares.func), lambda: udtf(lambda: 1, returnType="x: int"), lambda: udtf(Words, returnType="int")]:
    try:
        make()
    except (PySparkAttributeError, PySparkTypeError) as error:
        print(type(error).__name__, error.getCondition(), str(error)[:400])

try:
    spark.udtf.register("nope", lambda: 1)
except PySparkTypeError as error:
    print(type(error).__name__, error.getCondition(), str(error))
print(spark.sql("SELECT * FROM squares(0, 1)").collect())
