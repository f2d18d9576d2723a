try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# The session catalog: databases, managed tables written by SQL and by the DataFrame
# writer, their metadata, and Spark's errors. Runs in a fresh directory so its warehouse
# is new.
import os
import tempfile

os.chdir(tempfile.mkdtemp(prefix="ember-catalog-"))


def error(run):
    try:
        run()
        print("no error")
    except Exception as e:  # the condition, without the path-dependent message
        print(type(e).__name__, getattr(e, "getCondition", lambda: None)())


spark.sql("CREATE TABLE people (name STRING, age INT) USING parquet")
spark.sql("INSERT INTO people VALUES ('ann', 31), ('bob', 25)")
spark.sql("INSERT INTO people SELECT 'cid', 40L")
spark.sql("SELECT * FROM people ORDER BY name").show()
spark.table("default.people").where("age > 30").orderBy("name").show()
print(spark.sql("SELECT count(*) AS n FROM spark_catalog.default.people").collect())
spark.sql("SHOW TABLES").show()
spark.sql("DESCRIBE TABLE people").show()
print([(c.name, c.dataType, c.nullable, c.isPartition) for c in spark.catalog.listColumns("people")])
print(spark.catalog.getTable("people"))
print(spark.catalog.tableExists("people"), spark.catalog.tableExists("default.people"), spark.catalog.tableExists("nope"))
error(lambda: spark.sql("CREATE TABLE people (x INT) USING parquet"))
error(lambda: spark.sql("INSERT INTO people VALUES (1)"))
error(lambda: spark.table("missing_table"))
spark.sql("CREATE TABLE IF NOT EXISTS people (x INT) USING parquet")

# Partitioned tables.
spark.sql("CREATE TABLE sales (item STRING, amount INT, day STRING) USING parquet PARTITIONED BY (day)")
spark.sql("INSERT INTO sales VALUES ('a', 1, 'mon'), ('b', 2, 'tue')")
spark.sql("INSERT INTO sales PARTITION (day = 'wed') SELECT 'c', 3")
spark.sql("SELECT * FROM sales ORDER BY item").show()
spark.sql("SHOW PARTITIONS sales").show()
spark.sql("DESCRIBE sales").show()
spark.sql("INSERT OVERWRITE sales PARTITION (day = 'mon') SELECT 'd', 4")
spark.sql("SELECT * FROM sales ORDER BY item").show()

# Databases.
spark.sql("CREATE DATABASE shop")
error(lambda: spark.sql("CREATE DATABASE shop"))
spark.sql("CREATE DATABASE IF NOT EXISTS shop")
spark.sql("SHOW DATABASES").show()
spark.sql("USE shop")
print(spark.catalog.currentDatabase())
spark.range(3).write.saveAsTable("ids")
error(lambda: spark.range(3).write.saveAsTable("ids"))
spark.range(5, 7).write.mode("append").saveAsTable("ids")
spark.range(1).write.mode("ignore").saveAsTable("ids")
print(sorted(r.id for r in spark.table("ids").collect()))
spark.range(2).write.mode("overwrite").saveAsTable("ids")
print(sorted(r.id for r in spark.table("shop.ids").collect()))
spark.createDataFrame([(9,)], "x long").write.insertInto("ids")
print(sorted(r.id for r in spark.table("ids").collect()))
spark.createDataFrame([(7,)], "x long").write.insertInto("ids", overwrite=True)
print(sorted(r.id for r in spark.table("ids").collect()))
spark.sql("SHOW TABLES IN default").show()
spark.sql("USE default")
error(lambda: spark.sql("DROP DATABASE shop"))
error(lambda: spark.sql("USE nowhere"))
spark.sql("DROP DATABASE shop CASCADE")
print([d.name for d in spark.catalog.listDatabases()])

# ALTER TABLE, views, TRUNCATE, DROP.
spark.sql("ALTER TABLE people ADD COLUMNS (city STRING)")
spark.sql("INSERT INTO people VALUES ('dee', 22, 'oslo')")
spark.sql("SELECT * FROM people ORDER BY name").show()
spark.sql("ALTER TABLE people RENAME TO persons")
print(spark.catalog.tableExists("people"), spark.catalog.tableExists("persons"))
spark.sql("CREATE VIEW adults AS SELECT name FROM persons WHERE age >= 30")
spark.sql("SELECT * FROM adults ORDER BY name").show()
print(spark.catalog.getTable("adults").tableType)
error(lambda: spark.sql("DROP VIEW persons"))
spark.sql("DROP VIEW adults")
spark.sql("TRUNCATE TABLE persons")
print(spark.table("persons").count())
spark.sql("DROP TABLE persons")
spark.sql("DROP TABLE sales")
error(lambda: spark.sql("DROP TABLE persons"))
spark.sql("DROP TABLE IF EXISTS persons")
print([t.name for t in spark.catalog.listTables()])
