# An aggregate's arguments must be deterministic (AGGREGATE_FUNCTION_WITH_NONDETERMINISTIC_EXPRESSION);
# a nondeterministic grouping key, or a random column computed before the aggregate, is fine.
from pyspark.sql import SparkSession
from pyspark.sql.functions import col, count, max, rand, randn, sum

spark = SparkSession.builder.getOrCreate()
two = spark.range(0, 30000, 1, 2)
one = spark.range(0, 100, 1, 1)
failing = [
    lambda: two.agg(max(rand(1))),
    lambda: two.groupBy((col("id") % 2).alias("k")).agg(max(rand(1))),
    lambda: two.select(max(col("id") + rand(1))),
    lambda: one.agg(sum(randn(3) + 1)),
]
for build in failing:
    try:
        build().collect()
        print("no error")
    except Exception as error:
        print(type(error).__name__, error.getCondition(), error.getSqlState(), error.getMessageParameters())
print(two.select(rand(1).alias("r")).agg(max("r")).collect())
print(two.groupBy((rand(1) > 0.5).alias("k")).count().orderBy("k").collect())
print(two.agg(count("*")).collect())
