try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# Storage levels of DataFrames, the catalog's cache of tables and temporary views, and
# what a new session shares. (That a cached DataFrame is not computed again is checked in
# tests/python/test_catalog.py.)
import os
import tempfile

from pyspark.sql import functions as F
from pyspark.storagelevel import StorageLevel

os.chdir(tempfile.mkdtemp(prefix="ember-cache-"))
df = spark.range(4).select((F.col("id") * 10).alias("v"))
print(df.storageLevel, df.is_cached)
df.cache()
print(df.storageLevel, df.is_cached)
print(df.count(), sorted(r.v for r in df.collect()), df.agg(F.sum("v")).collect())
df.filter("v > 10").show()
df.unpersist()
print(df.storageLevel, df.is_cached)
print(spark.range(2).persist(StorageLevel.DISK_ONLY).storageLevel)

# Tables and views cached through the catalog.
spark.range(3).createOrReplaceTempView("small")
print(spark.catalog.isCached("small"))
spark.catalog.cacheTable("small")
print(spark.catalog.isCached("small"), spark.table("small").count())
spark.sql("SELECT sum(id) AS s FROM small").show()
spark.catalog.uncacheTable("small")
print(spark.catalog.isCached("small"))
spark.sql("CACHE TABLE small")
print(spark.catalog.isCached("small"))
spark.sql("UNCACHE TABLE small")
print(spark.catalog.isCached("small"))
spark.catalog.cacheTable("small")
spark.catalog.clearCache()
print(spark.catalog.isCached("small"))
try:
    spark.catalog.isCached("no_such_view")
except Exception as e:
    print(type(e).__name__, e.getCondition())

# A new session has its own temporary views and conf and shares the global ones.
other = spark.newSession()
print(other is spark, other.sparkContext is spark.sparkContext)
print(spark.catalog.tableExists("small"), other.catalog.tableExists("small"))
other.range(5).createOrReplaceTempView("small")
print(spark.table("small").count(), other.table("small").count())
spark.range(7).createOrReplaceGlobalTempView("shared")
print(other.table("global_temp.shared").count(), other.sql("SELECT count(*) FROM global_temp.shared").collect()[0][0])
other.conf.set("spark.sql.shuffle.partitions", "3")
print(spark.conf.get("spark.sql.shuffle.partitions"), other.conf.get("spark.sql.shuffle.partitions"))
spark.sql("CREATE TABLE both_see (x INT) USING parquet")
other.sql("INSERT INTO both_see VALUES (1), (2)")
print(spark.table("both_see").count(), [t.name for t in other.catalog.listTables()])
spark.sql("DROP TABLE both_see")
print(spark.catalog.dropGlobalTempView("shared"), spark.catalog.dropGlobalTempView("shared"))
