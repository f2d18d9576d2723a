# show() widths with wide (CJK) characters and Java's double formatting; printSchema.
df = spark.createDataFrame([("日本語", 1.0e10, 0.0001), ("ab", -2.5, 123.0)], ["s", "big", "small"])
df.show()
df.printSchema()
