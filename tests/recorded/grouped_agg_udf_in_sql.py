# A registered grouped-aggregate pandas UDF is an aggregate function in SQL, by any spelling of its name.
import pandas as pd
from pyspark.sql import SparkSession
from pyspark.sql.functions import pandas_udf

spark = SparkSession.builder.getOrCreate()


@pandas_udf("double")
def mean_of(v: pd.Series) -> float:
    return float(v.mean())


spark.udf.register("meanOf", mean_of)
q = "SELECT k, meanOf(v) FROM VALUES (1, 1.0), (1, 3.0), (2, 5.0) t(k, v) GROUP BY k ORDER BY k"
print(spark.sql(q).collect())
print(spark.sql("SELECT MEANOF(v) AS m FROM VALUES (1.0), (2.0) t(v)").collect())
spark.udf.register("meanOf", lambda x: x, "int")
print(spark.sql("SELECT meanOf(3) AS x").collect())
