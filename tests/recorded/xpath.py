try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
from pyspark.sql import functions as sf

doc = "<a><b id='1'>b1</b><b id='2'>b2</b><b>3</b><c>c1</c><c>4.5</c></a>"
df = spark.createDataFrame([(doc,), ("<a><b>7</b></a>",), ("",), (None,)], "x string")
df.select(
    sf.xpath("x", sf.lit("a/b/text()")).alias("texts"),
    sf.xpath("x", sf.lit("a/b")).alias("elements"),
    sf.xpath("x", sf.lit("a/b/@id")).alias("ids"),
).show(truncate=False)
df.select(
    sf.xpath_string("x", sf.lit("a/c")).alias("s"),
    sf.xpath_boolean("x", sf.lit("a/c")).alias("has_c"),
    sf.xpath_double("x", sf.lit("a/c[2]")).alias("d"),
    sf.xpath_number("x", sf.lit("count(a/b)")).alias("n"),
    sf.xpath_float("x", sf.lit("a/b[3] div 2")).alias("f"),
).show()
df.select(
    sf.xpath_int("x", sf.lit("a/c[2]")).alias("i"),
    sf.xpath_long("x", sf.lit("sum(a/b)")).alias("l"),
    sf.xpath_short("x", sf.lit("a/b[3] * 3")).alias("sh"),
    sf.xpath_int("x", sf.lit("a/c")).alias("nan"),
).show()
spark.sql("SELECT xpath_string('<r><v>hello</v></r>', 'r/v'), xpath_int('<r><v>12</v></r>', 'r/v'), xpath('<r><v>1</v><v>2</v></r>', '//v/text()')").show()
df.select(sf.xpath_string("x", sf.lit("a/b")), sf.xpath_boolean("x", sf.lit("a/zzz"))).printSchema()
for bad in ["<a><b>", "not xml"]:
    try:
        spark.createDataFrame([(bad,)], "x string").select(sf.xpath_string("x", sf.lit("a"))).collect()
    except Exception as e:
        # PySpark shows the JVM's exception (a Py4JJavaError); only its raising is compared.
        print("raised")
try:
    df.select(sf.xpath_string("x", sf.lit("a/["))).collect()
except Exception as e:
    print("raised")
