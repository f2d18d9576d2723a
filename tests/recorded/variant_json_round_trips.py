try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# VARIANT: parse_json, try_parse_json, to_json, variant_get and try_variant_get with paths and
# target types, schema_of_variant(_agg), is_variant_null, to_variant_object; show(),
# printSchema, dtypes, and collect() as VariantVal.
spark.conf.set("spark.sql.session.timeZone", "UTC")
from pyspark.sql import functions as F
df = spark.createDataFrame([('{ "b" : 1, "a": [1.50, 2e3, -7, 12345678901, "x", null, true], "c": {"z": 99999999999999999999} }', '$.b'), ('null', '$.a'), ('"text"', '$'), (None, '$.b')], ['j', 'p'])
v = df.select(F.parse_json('j').alias('v'), 'p')
v.printSchema()
print(v.schema.simpleString(), v.dtypes)
v.show(truncate=False)
print([r.p for r in v.collect()])
r = v.collect()[0].v
print(type(r).__name__, str(r), r.toJson())
v.select(F.to_json('v')).show(truncate=False)
v.select(F.schema_of_variant('v'), F.is_variant_null('v')).show(truncate=False)
v.select(F.schema_of_variant_agg('v')).show(truncate=False)
v.select(F.variant_get('v', '$.b', 'int'), F.variant_get('v', '$.a[0]', 'double'), F.variant_get('v', '$.a[1]', 'string'), F.variant_get('v', '$.c', 'string'), F.try_variant_get('v', '$.a[4]', 'int')).show(truncate=False)
v.select(F.variant_get('v', F.col('p'), 'string')).show(truncate=False)
v.select(F.variant_get('v', '$.a', 'array<string>')).show(truncate=False)
v.select(F.variant_get('v', '$.c', 'map<string,string>')).show(truncate=False)
v.select(F.variant_get('v', '$.c.z', 'decimal(20,0)').alias('z')).printSchema()
spark.sql("select to_variant_object(named_struct('b', 1, 'a', array(1.5D, null), 'm', map('k', date'2024-01-02')))  as o").show(truncate=False)
spark.sql("select to_variant_object(named_struct('t', timestamp'2024-01-02 03:04:05', 'bin', X'0102', 'd', 1.25BD, 'f', 1.5F)) as o").show(truncate=False)
spark.sql("select variant_get(parse_json('[1,2]'), '$[1]'), variant_get(parse_json('{\"a b\":{\"c\":[1]}}'), '$[\"a b\"].c[0]', 'int')").show(truncate=False)
spark.sql("select parse_json('1.0'), parse_json('1e2'), parse_json('-0'), parse_json('[]'), parse_json('1.5e400'), try_parse_json('{a: 1}')").show(truncate=False)
spark.sql("select schema_of_variant(parse_json('{\"a b\":1, \"x\":[1, 2.5], \"y\":[1, 1e2], \"z\":[{\"p\":1},{\"q\":\"s\"}], \"w\":[0.05, 12.5]}')) AS s").show(truncate=False)
for q in ["select parse_json('{a: 1}')", "select parse_json('{\"a\":1,\"a\":2}')", "select variant_get(parse_json('{\"a\":1}'), 'a', 'int')", "select variant_get(parse_json('300'), '$', 'tinyint')"]:
    try:
        spark.sql(q).collect()
    except Exception as e:
        print([c for c in ("MALFORMED_RECORD_IN_PARSING", "INVALID_VARIANT_GET_PATH", "INVALID_VARIANT_CAST") if c in str(e)])
