try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
from pyspark.sql import functions as sf

for q in ["to_number('$78.12', '$99.99')", "to_number('454', '999')", "to_number('454.00', '000.00')", "to_number('12,454', '99,999')",
          "to_number('-12.5', 'S99.9')", "to_number('12.5-', '99.9MI')", "to_number('<12.5>', '99.9PR')", "to_number('5.1', '9.99')",
          "try_to_number('77', '$99.99')", "to_char(78.12, '$99.99')", "to_char(454, '999')", "to_char(5, '999')", "to_char(5, '000')",
          "to_char(-12454.8, '99,999.9S')", "to_char(3.14159, '9.99')", "to_char(-5, '9MI')", "to_char(-5.5, '99.9PR')",
          "to_char(5.5, '99.9PR')", "to_varchar(454, '999')", "to_char(1234, '99')", "to_char(0.5, '9.9')", "to_char(12.5, '$999.99')",
          "to_char(5, 'S9')", "to_char(cast(null as int), '99')"]:
    row = spark.sql("SELECT " + q + " AS r, typeof(" + q + ") AS t").first()
    print(q, "=>", repr(row.r), row.t)
df = spark.createDataFrame([("$78.12", 78.12), ("$1.5", -1.5), (None, None)], ["s", "d"])
df.select(sf.to_number("s", sf.lit("$99.99")), sf.try_to_number("s", sf.lit("99")), sf.to_char("d", sf.lit("99.99S")), sf.to_varchar("d", sf.lit("$99.99"))).show()
for q in ["to_number('77', '$99.99')", "to_number('1234', '99')", "to_number('12', 'abc')"]:
    try:
        spark.sql("SELECT " + q).collect()
    except Exception as e:
        print(q, type(e).__name__, str(e).splitlines()[0].split("; line ")[0])
