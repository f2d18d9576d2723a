# The seed example: words of the Debian word list (package wamerican) that start with "spar".
from pyspark import SparkContext

sc = SparkContext.getOrCreate()  # the shell's own `sc`; a new context in plain Python
print(sc.textFile("/usr/share/dict/words").filter(lambda w: w.startswith("spar")).take(5))
