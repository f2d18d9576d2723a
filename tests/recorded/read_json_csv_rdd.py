try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# spark.read.json and spark.read.csv over an RDD of strings instead of files.
sc = spark.sparkContext
docs = sc.parallelize(['{"name": "ann", "age": 31}', '{"name": "bob", "tags": ["x", "y"]}', '{"name": "cid", "age": null}'])
df = spark.read.json(docs)
df.printSchema()
df.orderBy("name").show()
print(spark.read.json(docs, schema="name string, age int").collect())
lines = sc.parallelize(["id,city", "1,oslo", "2,rome"])
spark.read.csv(lines, header=True, inferSchema=True).show()
print(spark.read.csv(sc.parallelize(["a;b", "c;d"]), sep=";").collect())
