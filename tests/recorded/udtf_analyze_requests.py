# Python table functions whose analyze method gives the schema and asks for the TABLE
# argument's partitioning, ordering and columns; and such functions registered for SQL,
# called with named arguments.
from pyspark.sql import SparkSession
from pyspark.sql.functions import udtf, lit
from pyspark.sql.udtf import AnalyzeArgument, AnalyzeResult, PartitioningColumn, OrderingColumn, SelectedColumn
from pyspark.sql.types import StructType, StringType
spark = SparkSession.builder.getOrCreate()

@udtf
class Keys:
    @staticmethod
    def analyze(row, label):
        return AnalyzeResult(
            StructType().add("k", row.dataType["key"].dataType).add("label", StringType()),
            partitionBy=[PartitioningColumn("key")],
            orderBy=[OrderingColumn("v", ascending=False)],
        )
    def __init__(self, result):
        self.vals = []
    def eval(self, row, label):
        self.vals.append(row.v); self.k = row.key; self.label = label
    def terminate(self):
        yield self.k, "%s:%s" % (self.label, self.vals)

df = spark.createDataFrame([(1, 10), (2, 20), (1, 5), (3, 7), (2, 1)], ["key", "v"])
Keys(df.asTable(), lit("L")).orderBy("k").show()
spark.udtf.register("keys", Keys)
df.createOrReplaceTempView("t")
spark.sql("SELECT * FROM keys(TABLE(t), 'S') ORDER BY k").show()

@udtf
class Picked:
    @staticmethod
    def analyze(row):
        return AnalyzeResult(StructType().add("doubled", "long"), withSinglePartition=True, select=[SelectedColumn("v * 2", alias="w")])
    def __init__(self, result):
        self.total = 0
    def eval(self, row):
        self.total += row.w
        self.fields = list(row.asDict())
    def terminate(self):
        yield self.total,
Picked(df.asTable()).show()

@udtf
class Kw:
    @staticmethod
    def analyze(a, b, **kwargs):
        return AnalyzeResult(StructType().add("a", a.dataType).add("b", b.dataType).add("x", kwargs["x"].dataType))
    def eval(self, a, b, **kwargs):
        yield a, b, kwargs["x"]
spark.udtf.register("kw", Kw)
spark.sql("SELECT * FROM kw(1, x => 'x', b => 'b')").show()
spark.sql("SELECT a, x FROM kw(2, 'y', x => 3.5) AS t").show()
