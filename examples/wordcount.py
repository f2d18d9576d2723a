# Word count over a 50 MB English corpus (see examples/make_corpus.py), the classic RDD job.
#   bin/pyspark --master "local[2]" examples/wordcount.py [CORPUS]
from pyspark import SparkContext

sc = SparkContext.getOrCreate()  # the shell's own `sc`; a new context in plain Python
import os
import subprocess
import sys
from operator import add

if len(sys.argv) > 1:
    path = sys.argv[1]
else:
    maker = os.path.join(os.path.dirname(os.path.abspath(__file__)), "make_corpus.py")
    path = subprocess.run([sys.executable if os.path.basename(sys.executable).startswith("python") else "python3", maker],
                          check=True, capture_output=True, text=True).stdout.strip()

counts = (sc.textFile(path)
          .flatMap(lambda line: line.split())
          .map(lambda word: (word, 1))
          .reduceByKey(add))
for word, count in counts.takeOrdered(10, key=lambda kv: (-kv[1], kv[0])):
    print(f"{word}\t{count}")
