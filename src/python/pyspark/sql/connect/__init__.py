"""``pyspark.sql.connect``: Spark Connect's client package. Ember keeps here the parts
that its local engine shares with Spark Connect (the progress handlers' types)."""
