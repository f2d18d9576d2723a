# A registered Python table function called with LATERAL on each row of a table or an
# aliased VALUES list, its rows after the row's columns.
from pyspark.sql import SparkSession
from pyspark.sql.functions import udtf

spark = SparkSession.builder.getOrCreate()


@udtf(returnType="c1: int, c2: int")
class PlusOne:
    def eval(self, x: int):
        yield x, x + 1


@udtf(returnType="letter: string, position: int")
class Letters:
    def eval(self, word: str):
        for position, letter in enumerate(word or ""):
            yield letter, position


spark.udtf.register("plus_one", PlusOne)
spark.udtf.register("letters", Letters)
spark.sql("SELECT * FROM VALUES (0, 1), (1, 2) t(x, y), LATERAL plus_one(x)").show()
spark.createDataFrame([(1, "ab"), (3, "c"), (5, None)], "n int, word string").createOrReplaceTempView("words")
spark.sql("SELECT word, u.c2 FROM words, LATERAL plus_one(n) AS u ORDER BY word").show()
spark.sql("SELECT * FROM words, LATERAL plus_one(n * 10) WHERE c1 > 10 ORDER BY n").show()
spark.sql("SELECT w.n, l.letter, l.position FROM words w, LATERAL letters(w.word) l ORDER BY w.n, l.position").show()
spark.sql("SELECT word, count(*) AS letters FROM words, LATERAL letters(word) GROUP BY word ORDER BY word").show()
