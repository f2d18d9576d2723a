# Typed literals (TIMESTAMP_NTZ, TIMESTAMP, DATE) in a VALUES list keep their types, with
# and without a NULL row.
from pyspark.sql import SparkSession

spark = SparkSession.builder.config("spark.sql.session.timeZone", "UTC").getOrCreate()

for query in [
    "SELECT * FROM VALUES (TIMESTAMP_NTZ'2024-03-01 10:11:12'), (NULL) AS t(ts)",
    "SELECT * FROM VALUES (TIMESTAMP_NTZ'2024-03-01 10:11:12.000013', 1) AS t(ts, n)",
    "SELECT * FROM VALUES (DATE'2024-02-29', TIMESTAMP_NTZ'1999-12-31 23:59:59'), (NULL, NULL) AS t(d, ts)",
    "SELECT ts, ts + INTERVAL 1 DAY AS next FROM VALUES (TIMESTAMP_NTZ'2024-03-01 00:00:00') AS t(ts)",
]:
    frame = spark.sql(query)
    print(frame.schema.simpleString())
    print(frame.collect())
    frame.show()
