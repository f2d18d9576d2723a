"""Runs examples/wordcount.py under spark-submit, which has no predefined `sc`."""
import os
import runpy
import sys

from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
sc = spark.sparkContext
sc.setLogLevel("ERROR")
example = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "examples", "wordcount.py")
runpy.run_path(example, init_globals={"sc": sc, "spark": spark}, run_name="__main__")
