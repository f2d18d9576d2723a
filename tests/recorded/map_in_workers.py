# mapInPandas and mapInArrow are lazy: the function runs at the action, in the Python
# workers, once per partition, and its errors come back as PythonException.
import os

from pyspark.sql import SparkSession
from pyspark.errors import PythonException

spark = SparkSession.builder.getOrCreate()
driver = os.getpid()
calls = []


def tagged(frames):
    calls.append(1)  # only counted where the function runs
    seen = 0
    for frame in frames:
        seen += len(frame)
        yield frame.assign(id=frame.id * 10, worker=int(os.getpid() != driver))
    print("never printed in the driver's output" if seen < 0 else "", end="")


mapped = spark.range(0, 8, 1, 4).mapInPandas(tagged, "id long, worker int")
print("after mapInPandas", len(calls))
print(sorted(mapped.collect()))
print("after collect", len(calls))
print(mapped.schema.simpleString())
print(mapped.filter("id > 30").count())


def failing(frames):
    for frame in frames:
        raise ValueError("no frame wanted: %d rows" % len(frame))
        yield frame


lazy = spark.range(3).mapInPandas(failing, "id long")
print("no error yet", lazy.schema.simpleString())
try:
    lazy.collect()
except PythonException as error:
    print(type(error).__name__, "ValueError: no frame wanted" in str(error))


def batches_seen(batches):
    rows = sum(batch.num_rows for batch in batches)
    import pyarrow as pa
    yield pa.RecordBatch.from_pydict({"rows": [rows]})


print(sorted(r.rows for r in spark.range(0, 10, 1, 2).mapInArrow(batches_seen, "rows long").collect()))
print(spark.range(0, 10, 1, 3).mapInArrow(batches_seen, "rows long").count())
