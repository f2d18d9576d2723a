# atexit functions run when the script ends, last registered first, after the last line
# of the script, and a thread that is not a daemon is waited for before them.
import atexit
import threading
import time

from pyspark.sql import SparkSession

spark = SparkSession.builder.master("local[2]").getOrCreate()


def farewell(name, count):
    print("atexit", name, count)


atexit.register(farewell, "first", 1)
atexit.register(farewell, "second", spark.range(2).count())
done = []
worker = threading.Thread(target=lambda: (time.sleep(0.3), done.append(1), print("thread done")))
worker.start()
atexit.register(lambda: print("thread finished before atexit:", bool(done)))
print("end of script")
