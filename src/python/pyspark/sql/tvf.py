"""``spark.tvf``: Spark's table-valued functions as DataFrame calls. Mirrors
``pyspark.sql.tvf.TableValuedFunction``.

A generator function (``explode``, ``inline``, ``stack``...) called this way gives the
rows it generates from one input row, under the generator's own column names, as
``SELECT * FROM explode(...)`` does in Spark SQL.
"""


class TableValuedFunction:
    """The table-valued functions of a session (``spark.tvf``).

    Examples
    --------
    >>> from pyspark.sql import functions as sf
    >>> spark.tvf.explode(sf.array(sf.lit(1), sf.lit(2))).collect()
    [Row(col=1), Row(col=2)]
    """

    def __init__(self, sparkSession):
        self._spark = sparkSession

    def _generate(self, generator):
        """The rows ``generator`` gives for one row (Spark's ``OneRowRelation``)."""
        return self._spark.range(1).select(generator)

    def range(self, start, end=None, step=1, numPartitions=None):
        """``spark.range``: a column ``id`` of longs from ``start`` (inclusive) to ``end``
        (exclusive) by ``step``.

        >>> spark.tvf.range(3).count()
        3
        """
        return self._spark.range(start, end, step, numPartitions)

    def explode(self, collection):
        """One row per element of an array (column ``col``) or entry of a map (``key``,
        ``value``); none for NULL or empty.

        >>> from pyspark.sql import functions as sf
        >>> spark.tvf.explode(sf.array(sf.lit("a"))).collect()
        [Row(col='a')]
        """
        from pyspark.sql import functions as F

        return self._generate(F.explode(collection))

    def explode_outer(self, collection):
        """``explode``, with one row of NULLs for a NULL or empty collection."""
        from pyspark.sql import functions as F

        return self._generate(F.explode_outer(collection))

    def inline(self, input):
        """One row per struct of an array of structs, a column per field."""
        from pyspark.sql import functions as F

        return self._generate(F.inline(input))

    def inline_outer(self, input):
        """``inline``, with one row of NULLs for a NULL or empty array."""
        from pyspark.sql import functions as F

        return self._generate(F.inline_outer(input))

    def json_tuple(self, input, *fields):
        """The fields of a JSON object string, as columns ``c0``, ``c1``, ...

        Raises ``PySparkValueError`` (``CANNOT_BE_EMPTY``) without fields.
        """
        from pyspark.errors import PySparkValueError
        from pyspark.sql import functions as F

        if not fields:
            raise PySparkValueError(errorClass="CANNOT_BE_EMPTY", messageParameters={"item": "field"})
        return self._generate(F.json_tuple(input, *fields))

    def posexplode(self, collection):
        """``explode`` with each element's position (column ``pos``)."""
        from pyspark.sql import functions as F

        return self._generate(F.posexplode(collection))

    def posexplode_outer(self, collection):
        """``posexplode``, with one row of NULLs for a NULL or empty collection."""
        from pyspark.sql import functions as F

        return self._generate(F.posexplode_outer(collection))

    def stack(self, n, *fields):
        """``fields`` laid out in ``n`` rows (columns ``col0``, ``col1``, ...)."""
        from pyspark.sql import functions as F

        return self._generate(F.stack(n, *fields))

    def variant_explode(self, input):
        """One row per element of a variant array or object (``pos``, ``key``, ``value``)."""
        return self._sql_call("variant_explode", input)

    def variant_explode_outer(self, input):
        """``variant_explode``, with one row of NULLs for a NULL or non-collection input."""
        return self._sql_call("variant_explode_outer", input)

    def collations(self):
        """The collations Spark knows, as rows."""
        return self._spark.sql("SELECT * FROM collations()")

    def sql_keywords(self):
        """Spark SQL's keywords, as rows."""
        return self._spark.sql("SELECT * FROM sql_keywords()")

    def _sql_call(self, name, input):
        from pyspark.sql import functions as F

        return self._generate(F.call_function(name, input))
