# groupBy with NULL keys (sorted first), a left join on a column name, global aggregates.
from pyspark.sql import functions as F
emp = spark.createDataFrame([("a", "x", 10), ("b", "x", 20), ("c", "y", 5), ("d", None, 7)], ["name", "dept", "pay"])
dept = spark.createDataFrame([("x", "X Dept"), ("y", "Y Dept"), ("z", "Z Dept")], ["dept", "title"])
emp.groupBy("dept").agg(F.sum("pay").alias("total"), F.count("*").alias("n")).orderBy("dept").show()
emp.join(dept, "dept", "left").select("name", "title").orderBy("name").show()
print(emp.filter(F.col("pay") > 6).count(), emp.select(F.max("pay")).first()[0])
