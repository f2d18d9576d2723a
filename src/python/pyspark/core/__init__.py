"""``pyspark.core``: SparkContext, RDD and Broadcast on Ember's RDD engine."""
