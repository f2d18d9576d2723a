# Spark's SQLSTATE of engine errors: getSqlState() and the message's first line.
from pyspark.errors import PySparkException

def show(run):
    try:
        run()
    except PySparkException as e:
        print(type(e).__name__, e.getCondition(), e.getSqlState())
        print(str(e).split("\n")[0])

show(lambda: spark.sql("SELECT 7 % 0").collect())
show(lambda: spark.sql("SELECT CAST('x' AS INT)").collect())
