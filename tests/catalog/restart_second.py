try:
    spark
except NameError:  # PySpark: a Hive metastore in the working directory, as its shell uses
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").enableHiveSupport().getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# Second run, a new process: what the first created is still there.
print(sorted(d.name for d in spark.catalog.listDatabases()))
print(sorted(t.name for t in spark.catalog.listTables("kept")), sorted(t.name for t in spark.catalog.listTables()))
spark.sql("SELECT * FROM kept.events ORDER BY name").show()
spark.table("tags").orderBy("id").show()
spark.sql("SELECT * FROM tag_ids").show()
spark.sql("INSERT INTO kept.events VALUES ('c', 3, 'wed')")
print(spark.table("kept.events").count())
print([p.partition for p in spark.catalog.listPartitions("kept.events")])
spark.sql("DROP VIEW tag_ids")
spark.sql("DROP TABLE tags")
spark.sql("DROP DATABASE kept CASCADE")
print(sorted(d.name for d in spark.catalog.listDatabases()))
