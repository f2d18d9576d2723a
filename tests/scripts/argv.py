import sys
print(__name__, sys.argv, sc.defaultParallelism, spark.range(3).count())
