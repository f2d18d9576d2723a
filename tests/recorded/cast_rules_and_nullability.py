try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
import datetime
from pyspark.sql import functions as F, Window

# Casts Spark's analyzer refuses under ANSI mode, with its conditions and messages.
df = spark.range(1)
for value, target in [(F.lit(1), "date"), (F.lit(1), "timestamp_ntz"), (F.lit(1), "binary"), (F.lit(2.5), "binary"),
                      (F.lit(datetime.date(2020, 1, 1)), "int"), (F.lit(datetime.date(2020, 1, 1)), "boolean"),
                      (F.lit(True), "timestamp"), (F.lit(True), "date"), (F.lit(b"a"), "int")]:
    try:
        df.select(value.cast(target)).schema
    except Exception as e:
        print(type(e).__name__, e.getCondition(), str(e).split("SQLSTATE")[0].strip())
try:
    spark.sql("select cast(1 as date)").schema
except Exception as e:
    print(type(e).__name__, e.getCondition())
for target in ["date", "binary"]:
    try:
        df.select(F.lit(1).try_cast(target)).schema
    except Exception as e:
        print(type(e).__name__, e.getCondition(), str(e).split("SQLSTATE")[0].strip())
print(spark.range(2).selectExpr("*", "id + 1 AS b").collect())

# Which casts Spark states may give NULL (Cast.forceNullable), on non-NULL literals.
values = {"str": F.lit("1"), "int": F.lit(1), "double": F.lit(2.5), "date": F.lit(datetime.date(2020, 1, 1)),
          "ts": F.lit(datetime.datetime(2020, 1, 1)), "bool": F.lit(True)}
targets = ["int", "long", "short", "double", "decimal(10,2)", "decimal(38,0)", "string", "date", "timestamp", "timestamp_ntz", "boolean"]
for name, value in values.items():
    row = []
    for target in targets:
        try:
            row.append("N" if df.select(value.cast(target)).schema[0].nullable else "-")
        except Exception:
            row.append("x")
    print(name.ljust(7), "".join(row))
print(df.select((F.lit(2.5).cast("int") + 1).alias("x")).collect())

# Nullability of functions of non-NULL input.
t = spark.createDataFrame([(1, "a", [1, 2])], "i int, s string, a array<int>").selectExpr("*")
for e in ["space(3)", "space(i)", "space(2.5)", "date_from_unix_date(1)", "make_date(2020, 1, 2)", "if(i > 0, 1, 2)", "if(i > 0, 1, NULL)",
          "nvl(i, 0)", "abs(3)", "3 + 1", "map_from_arrays(array('a'), array(1))", "map_from_arrays(a, a)"]:
    field = t.select(F.expr(e)).schema[0]
    print(e, field.dataType.simpleString(), field.nullable, getattr(field.dataType, "valueContainsNull", ""))
g = t.groupBy("s").agg(F.collect_list("i"), F.collect_set("i"), F.array_agg("i"), F.count_if(F.col("i") > 0))
g.printSchema()
print(g.collect())
print(spark.sql("select collect_list(id), collect_set(id % 2) from range(0)").collect())
w = Window.partitionBy("s").orderBy("i")
print(t.select(F.collect_list("i").over(w).alias("running")).collect())
