# The text of a PythonException raised by a UDF: PySpark's message and the traceback of
# the user's own code (file, line and source), and the results of Arrow-optimized UDFs
# whose values Arrow casts or refuses.
from pyspark.sql import SparkSession, functions as F

spark = SparkSession.builder.getOrCreate()


@F.udf("int")
def boom(x):
    raise ValueError("no")


try:
    spark.range(1).select(boom("id")).collect()
except Exception as e:
    print(type(e).__name__, e.getCondition())
    # The traceback's file is this script, wherever the test runs it from.
    print(str(e).replace(__file__, "SCRIPT"))

df = spark.range(2)
cases = [
    F.udf(lambda x: "text", "int"), F.udf(lambda x: x + 0.5, "bigint"), F.udf(lambda x: x == 1),
    F.udf(lambda x: x), F.udf(lambda x: "7", "int"), F.udf(lambda x: 1, "string"),
    F.udf(lambda x: [x], "string"), F.udf(lambda x: x * 1.0, "string"), F.udf(lambda x: True, "int"),
    F.udf(lambda x: x * 1.5, "int"), F.udf(lambda x: x, "double"),
]
for f in cases:
    try:
        print(df.select(f("id").alias("v")).collect())
    except Exception as e:
        print(type(e).__name__, [line for line in str(e).splitlines() if line.strip()][-1])
