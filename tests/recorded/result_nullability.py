try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# Spark's nullability of function results: NULL-intolerant functions of non-nullable
# columns are non-nullable, greatest/least need every argument nullable, hash and
# current_date never are.
import pyspark.sql.functions as F
df = spark.createDataFrame([("Ab c", 2, 1.5)], "s string not null, i int not null, d double not null")
names = ["upper", "lower", "length", "trim", "ltrim", "rtrim", "reverse", "initcap", "ascii", "base64", "md5", "sha1", "crc32", "hex", "soundex", "bit_length", "octet_length", "abs", "negative", "sqrt", "exp", "ln", "log10", "ceil", "signum", "sin", "cos", "bin", "factorial", "degrees", "rint", "cbrt", "isnan", "isnull", "hash", "xxhash64", "year", "lcase", "ucase", "char_length", "left", "bitwise_not", "unhex", "sha2", "format_number", "round", "bround", "pmod", "greatest", "least", "nanvl", "concat", "concat_ws", "repeat", "lpad", "substring", "instr", "locate", "translate", "replace", "split", "regexp_replace", "date_add", "shiftleft", "sign", "positive", "try_add", "e", "pi"]
cols = []
for n in names:
    f = getattr(F, n)
    try:
        if n in ("left", "repeat"): c = f("s", F.lit(2)) if n == "left" else f("s", 2)
        elif n in ("sha2",): c = f("s", 256)
        elif n in ("format_number", "round", "bround"): c = f("d", 1)
        elif n in ("pmod", "greatest", "least", "try_add"): c = f("i", F.lit(3))
        elif n == "nanvl": c = f("d", F.lit(1.0))
        elif n == "concat": c = f("s", "s")
        elif n == "concat_ws": c = f(",", "s", "s")
        elif n == "lpad": c = f("s", 6, "x")
        elif n == "substring": c = f("s", 1, 2)
        elif n == "instr": c = f("s", "b")
        elif n == "locate": c = f("b", "s")
        elif n == "translate": c = f("s", "A", "B")
        elif n == "replace": c = f("s", F.lit("A"))
        elif n == "split": c = f("s", " ")
        elif n == "regexp_replace": c = f("s", "A", "B")
        elif n == "date_add": c = f(F.current_date(), 1)
        elif n in ("shiftleft",): c = f("i", 1)
        elif n in ("e", "pi"): c = f()
        elif n in ("sqrt", "exp", "ln", "log10", "ceil", "signum", "sin", "cos", "degrees", "rint", "cbrt", "isnan", "nanvl", "sign"): c = f("d")
        elif n in ("abs", "negative", "bin", "factorial", "bitwise_not", "positive"): c = f("i")
        elif n == "year": c = f(F.current_date())
        else: c = f("s")
        cols.append(c.alias(n))
    except Exception as e:
        print("skip", n, e)
for f in df.select(*cols).schema.fields:
    print(f.name, f.dataType.simpleString(), f.nullable)
r = spark.range(2)
r.select((F.col("id") + 1).alias("a"), (F.col("id") * 2).alias("m"), (F.col("id") - 1).alias("s"), (F.col("id") / 2).alias("d"), (F.col("id") % 2).alias("r"), (-F.col("id")).alias("n"), F.abs("id").alias("ab"), (F.col("id") + 1.5).alias("f"), F.lit(1).alias("l"), (F.col("id") == 1).alias("eq"), F.upper(F.col("id").cast("string")).alias("u"), F.col("id").cast("int").alias("c"), F.coalesce("id", F.lit(0)).alias("co"), F.concat(F.lit("a"), F.col("id").cast("string")).alias("cc")).printSchema()
spark.sql("select id + 1 a, id * 2 m, 1 + 1 k, cast(id as string) s, id div 2 q from range(2)").printSchema()
