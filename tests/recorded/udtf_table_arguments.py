# Python table functions over a TABLE argument (DataFrame.asTable(), SQL's TABLE(...)
# with PARTITION BY / WITH SINGLE PARTITION / ORDER BY): one instance per partition, eval
# per row, terminate once; and arrow_udtf, whose eval takes pyarrow batches and arrays.
from pyspark.sql import SparkSession, Row
from pyspark.sql.functions import udtf, lit, col, arrow_udtf
from pyspark.sql.udtf import AnalyzeArgument, AnalyzeResult, PartitioningColumn, OrderingColumn
from pyspark.sql.types import StructType, IntegerType
import datetime
import pyarrow as pa
import pyarrow.compute as pc
spark = SparkSession.builder.getOrCreate()

@udtf(returnType="key: int, total: int, n: int")
class Sum:
    def __init__(self):
        self.key = None; self.total = 0; self.n = 0
    def eval(self, row):
        self.key = row["key"]; self.total += row["v"]; self.n += 1
    def terminate(self):
        yield self.key, self.total, self.n

df = spark.createDataFrame([(1, 10), (2, 20), (1, 5), (3, 7), (2, 1)], ["key", "v"])
Sum(df.asTable().partitionBy("key")).orderBy("key").show()
Sum(df.asTable().withSinglePartition()).show()
print(Sum(df.asTable().partitionBy(col("key"))).columns)
# per-partition without partitionBy
print(sorted(Sum(df.repartition(1).asTable()).collect()))

@udtf(returnType="k: int, seen: string")
class Seq:
    def __init__(self):
        self.seen = []
    def eval(self, row):
        self.seen.append(row.v)
        self.k = row.key
    def terminate(self):
        yield self.k, ",".join(map(str, self.seen))
Seq(df.asTable().partitionBy("key").orderBy(col("v").desc())).orderBy("k").show()
spark.udtf.register("seq", Seq)
df.createOrReplaceTempView("t")
spark.sql("SELECT * FROM seq(TABLE(t) PARTITION BY key ORDER BY v)").orderBy("k").show()
spark.sql("SELECT * FROM seq(TABLE(SELECT key, v FROM t WHERE v > 5) PARTITION BY key ORDER BY v DESC)").orderBy("k").show()
spark.sql("SELECT * FROM seq(TABLE(t) WITH SINGLE PARTITION ORDER BY v)").show()
try:
    spark.sql("SELECT * FROM seq(TABLE t PARTITION BY key ORDER BY v)").orderBy("k").show()
except Exception as e:
    print(type(e).__name__, str(e).strip().splitlines()[0])
spark.sql("SELECT * FROM seq(TABLE(t) PARTITION BY (key) ORDER BY (v, key))").orderBy("k").show()

@udtf(returnType="a: int, b: string, c: date")
class Echo:
    def eval(self, row, extra: int):
        yield row[0] + extra, str(type(row).__name__) + str(row), row[2]
d2 = spark.createDataFrame([(1, "x", datetime.date(2020,1,2))], ["i", "s", "d"])
Echo(d2.asTable(), lit(5)).show(truncate=False)
try:
    Sum(df.asTable().orderBy("v"))
except Exception as e:
    print(type(e).__name__, e)
try:
    Sum(df.asTable().withSinglePartition().partitionBy("key"))
except Exception as e:
    print(type(e).__name__, e)
try:
    Sum(df.asTable().partitionBy("key").withSinglePartition())
except Exception as e:
    print(type(e).__name__, e)
try:
    spark.sql("SELECT * FROM seq(TABLE(t) ORDER BY v)").show()
except Exception as e:
    print(type(e).__name__, e.getCondition())
try:
    Seq(lit(1)).show()
except Exception as e:
    print(type(e).__name__, str(e).splitlines()[0][:300])
print(type(df.asTable()).__name__)

# arrow_udtf

@arrow_udtf(returnType="x int, y int")
class MyUDTF:
    def eval(self, batch: pa.RecordBatch):
        pass
        yield pa.table({'x': batch.column('x'), 'y': pc.multiply(batch.column('y'), 2)})
df = spark.range(5).selectExpr("cast(id as int) as x", "cast(id as int) as y")
MyUDTF(df.asTable()).show()

@arrow_udtf(returnType="x int, y int")
class MyUDTF2:
    def eval(self, x: pa.Array, y: pa.Array):
        yield pa.table({'x': x, 'y': y})
MyUDTF2(lit(1), lit(2)).show()

@arrow_udtf(returnType="s string, n bigint")
class Types:
    def eval(self, x, y):
        yield pa.table({'s': pa.array([str(x.type), str(y.type)]), 'n': pa.array([len(x), len(y)])})
Types(lit(1), lit("a")).show()

@arrow_udtf(returnType="k bigint, total bigint")
class Sum:
    def __init__(self):
        self.total = 0; self.k = None
    def eval(self, batch):
        self.total += pc.sum(batch.column("v")).as_py()
        self.k = batch.column("k")[0].as_py()
    def terminate(self):
        yield pa.table({"k": [self.k], "total": [self.total]})
d = spark.createDataFrame([(1, 10), (2, 20), (1, 5)], ["k", "v"])
Sum(d.asTable().partitionBy("k")).orderBy("k").show()

@arrow_udtf(returnType="x int")
class Bad:
    def eval(self, x):
        yield pa.table({'x': pa.array(["a"])})
try:
    Bad(lit(1)).show()
except Exception as e:
    print(type(e).__name__, [l for l in str(e).splitlines() if "Error" in l or "UDTF" in l][-1:])
@arrow_udtf(returnType="x bigint")
class Wider:
    def eval(self, x):
        yield pa.table({'x': pa.array([1], pa.int32())})
try:
    Wider(lit(1)).show()
except Exception as e:
    print(type(e).__name__, [l for l in str(e).splitlines() if "Error" in l or "UDTF" in l][-1:])
@arrow_udtf(returnType="x int")
class Rows:
    def eval(self, x):
        yield (1,)
try:
    Rows(lit(1)).show()
except Exception as e:
    print(type(e).__name__, [l for l in str(e).splitlines() if "Error" in l or "UDTF" in l][-1:])
spark.udtf.register("arrow_sum", Sum)
d.createOrReplaceTempView("d")
spark.sql("SELECT * FROM arrow_sum(TABLE(d) PARTITION BY k) ORDER BY k").show()
print(MyUDTF.evalType, MyUDTF.returnType)
