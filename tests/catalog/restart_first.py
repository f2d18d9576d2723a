try:
    spark
except NameError:  # PySpark: a Hive metastore in the working directory, as its shell uses
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").enableHiveSupport().getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# First run: a database, a partitioned table, a plain table and a view.
spark.sql("CREATE DATABASE kept")
spark.sql("CREATE TABLE kept.events (name STRING, n INT, day STRING) USING parquet PARTITIONED BY (day)")
spark.sql("INSERT INTO kept.events VALUES ('a', 1, 'mon'), ('b', 2, 'tue')")
spark.createDataFrame([(1, "x"), (2, "y")], "id int, tag string").write.saveAsTable("tags")
spark.sql("CREATE VIEW tag_ids AS SELECT id FROM tags WHERE tag = 'y'")
print("created")
