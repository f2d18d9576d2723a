"""DataFrame methods that Ember builds from other DataFrame methods: ``transform``, ``to``,
``sample``, ``randomSplit``, ``unpivot``/``melt``, ``toJSON``, ``foreach``,
``foreachPartition``, ``withMetadata``. Mixed into :class:`pyspark.sql.DataFrame`.
"""

import random as _random


def _quoted(name):
    return "`%s`" % name.replace("`", "``")


def _names(columns):
    from pyspark.sql.column import Column

    names = []
    for column in columns:
        if isinstance(column, Column):
            names.append(column._expr.get("name") or column._repr)
        else:
            names.append(column)
    return names


class ComposedMethods:
    def transform(self, func, *args, **kwargs):
        """This DataFrame passed through ``func``, for chaining custom transformations.

        Parameters
        ----------
        func : callable
            Takes this DataFrame (and ``args``/``kwargs``) and returns a DataFrame.
        *args, **kwargs
            More arguments for ``func``.

        Returns
        -------
        :class:`DataFrame`
            What ``func`` returned.

        Raises
        ------
        AssertionError
            When ``func`` returns something other than a DataFrame (as PySpark asserts).

        Examples
        --------
        >>> spark.range(3).transform(lambda df, n: df.where(df.id >= n), 1).count()
        2

        Mirrors PySpark's ``DataFrame.transform``.
        """
        from pyspark.sql.dataframe import DataFrame

        result = func(self, *args, **kwargs)
        assert isinstance(result, DataFrame), "Func returned an instance of type [%s], should have been DataFrame." % type(result)
        return result

    def sample(self, withReplacement=None, fraction=None, seed=None):
        """A random sample of the rows: each row kept with probability ``fraction`` (Spark's
        Bernoulli sampler), deterministic for a given ``seed`` and input.

        Accepts PySpark's forms: ``sample(0.5)``, ``sample(0.5, seed)``,
        ``sample(False, 0.5, seed)`` and keywords.

        Parameters
        ----------
        withReplacement : bool, optional
            Sampling with replacement (Spark's Poisson sampler) is not implemented in Ember.
        fraction : float
            The expected fraction of rows kept, in [0, 1].
        seed : int, optional
            The random seed; a random one when not given.

        Returns
        -------
        :class:`DataFrame`
            The kept rows (their count varies around ``fraction`` times the input's).

        Raises
        ------
        PySparkTypeError
            ``NOT_EXPECTED_TYPE`` when the arguments fit none of the forms (the fraction
            must be a float).
        ValueError
            When ``seed`` is not a number (it is read with ``int``).
        IllegalArgumentException
            When ``fraction`` is outside [0, 1].
        PySparkNotImplementedError
            ``NOT_IMPLEMENTED`` for ``withReplacement=True``.

        Examples
        --------
        >>> df = spark.range(1000)
        >>> 350 < df.sample(0.5, seed=3).count() < 650
        True
        >>> df.sample(0.5, seed=3).count() == df.sample(fraction=0.5, seed=3).count()
        True

        Mirrors PySpark's ``DataFrame.sample`` (Spark's ``Sample`` with a Bernoulli sampler).
        """
        from pyspark.errors import IllegalArgumentException, PySparkNotImplementedError, PySparkTypeError
        from pyspark.sql import functions as F

        if isinstance(withReplacement, bool) and isinstance(fraction, float):
            pass
        elif withReplacement is None and isinstance(fraction, float):
            withReplacement = False
        elif isinstance(withReplacement, float):
            # sample(fraction[, seed]): the first argument is the fraction.
            withReplacement, fraction, seed = False, withReplacement, fraction
        else:
            raise PySparkTypeError(
                errorClass="NOT_EXPECTED_TYPE",
                messageParameters={
                    "expected_type": "bool, float or int",
                    "arg_name": "withReplacement (optional), fraction (required) and seed (optional)",
                    "arg_type": ", ".join(type(a).__name__ for a in (withReplacement, fraction, seed)),
                },
            )
        seed = _random.randint(0, 2**63 - 1) if seed is None else int(seed)
        if withReplacement:
            raise PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "DataFrame.sample with replacement"})
        if not 0.0 <= fraction <= 1.0:
            raise IllegalArgumentException("requirement failed: Sampling fraction (%s) must be on interval [0, 1] without replacement" % fraction)
        return self.where(F.rand(seed) < F.lit(float(fraction)))

    def randomSplit(self, weights, seed=None):
        """The rows split at random into DataFrames whose sizes follow ``weights``: each row
        lands in exactly one part, deterministically for a given ``seed`` and input.

        Parameters
        ----------
        weights : list of float
            The parts' relative sizes (normalized to sum to 1); each must be at least 0.
        seed : int, optional
            The random seed; a random one when not given.

        Returns
        -------
        list of :class:`DataFrame`
            One DataFrame per weight.

        Raises
        ------
        PySparkValueError
            ``VALUE_NOT_POSITIVE`` for a negative weight.

        Examples
        --------
        >>> parts = spark.range(100).randomSplit([1.0, 3.0], seed=7)
        >>> sum(p.count() for p in parts)
        100

        Mirrors PySpark's ``DataFrame.randomSplit`` (Spark's ``randomSplit``: one draw per
        row, each part the rows whose draw falls in its share).
        """
        from pyspark.errors import PySparkValueError
        from pyspark.sql import functions as F

        for weight in weights:
            if weight < 0.0:
                raise PySparkValueError(errorClass="VALUE_NOT_POSITIVE", messageParameters={"arg_name": "weights", "arg_value": str(weight)})
        seed = _random.randint(0, 2**63 - 1) if seed is None else seed
        total = float(sum(weights))
        bounds = [0.0]
        for weight in weights:
            bounds.append(bounds[-1] + weight / total)
        draw = F.rand(seed)
        return [self.where((draw >= F.lit(lower)) & (draw < F.lit(upper))) for lower, upper in zip(bounds, bounds[1:])]

    def unpivot(self, ids, values, variableColumnName, valueColumnName):
        """Turns columns into rows: for each input row, one row per column of ``values``,
        with the ``ids`` columns, the column's name and its value (Spark's ``Unpivot``).

        Parameters
        ----------
        ids : str, Column, or list
            The columns kept as they are.
        values : str, Column, list, or None
            The columns turned into rows; ``None`` takes every column not in ``ids``.
        variableColumnName : str
            The name of the column holding the value columns' names.
        valueColumnName : str
            The name of the column holding their values (of the values' common type).

        Returns
        -------
        :class:`DataFrame`

        Examples
        --------
        >>> df = spark.createDataFrame([(1, 11, 1.1), (2, 12, 1.2)], ["id", "int", "double"])
        >>> df.unpivot("id", ["int", "double"], "var", "val").show()
        +---+------+----+
        | id|   var| val|
        +---+------+----+
        |  1|   int|11.0|
        |  1|double| 1.1|
        |  2|   int|12.0|
        |  2|double| 1.2|
        +---+------+----+

        Mirrors PySpark's ``DataFrame.unpivot``.
        """
        ids = _names(ids if isinstance(ids, (list, tuple)) else [ids])
        if values is None:
            values = [c for c in self.columns if c not in ids]
        else:
            values = _names(values if isinstance(values, (list, tuple)) else [values])
        from pyspark.sql import functions as F

        pairs = ", ".join("'%s', %s" % (v.replace("'", "\\'"), _quoted(v)) for v in values)
        stacked = F.expr("stack(%d, %s)" % (len(values), pairs)).alias(variableColumnName, valueColumnName)
        return self.select(*([F.col(_quoted(i)) for i in ids] + [stacked]))

    def melt(self, ids, values, variableColumnName, valueColumnName):
        """Another name of :meth:`unpivot` (PySpark's ``DataFrame.melt``).

        >>> spark.createDataFrame([(1, 2)], ["a", "b"]).melt("a", None, "k", "v").collect()
        [Row(a=1, k='b', v=2)]
        """
        return self.unpivot(ids, values, variableColumnName, valueColumnName)

    def toJSON(self, use_unicode=True):
        """The rows as an RDD of JSON texts, one object per row (Spark's ``toJSON``).

        Parameters
        ----------
        use_unicode : bool
            Accepted for PySpark's signature; the texts are ``str``.

        Returns
        -------
        :class:`RDD` of str

        Examples
        --------
        >>> spark.createDataFrame([(2, "Alice")], ["age", "name"]).toJSON().first()
        '{"age":2,"name":"Alice"}'

        Mirrors PySpark's ``DataFrame.toJSON``.
        """
        from pyspark.sql import functions as F

        return self.select(F.to_json(F.struct("*")).alias("value")).rdd.map(lambda row: row[0])

    def foreach(self, f):
        """Runs ``f`` on every row (a :class:`Row`), for its side effects.

        Examples
        --------
        >>> spark.range(3).foreach(lambda row: None)

        Mirrors PySpark's ``DataFrame.foreach`` (``self.rdd.foreach(f)``).
        """
        self.rdd.foreach(f)

    def foreachPartition(self, f):
        """Runs ``f`` on each partition's rows (an iterator of :class:`Row`).

        Examples
        --------
        >>> spark.range(3).foreachPartition(lambda rows: None)

        Mirrors PySpark's ``DataFrame.foreachPartition``.
        """
        self.rdd.foreachPartition(f)

    def to(self, schema):
        """This DataFrame's columns matched by name to ``schema``: put in its order, cast to
        its types and given its metadata; columns the schema does not name are dropped, and
        a field this DataFrame lacks is a NULL column.

        Parameters
        ----------
        schema : :class:`StructType`
            The schema to match.

        Returns
        -------
        :class:`DataFrame`

        Raises
        ------
        AttributeError
            When ``schema`` is not a StructType (as in PySpark).
        AnalysisException
            A cast Spark refuses raises its ``DATATYPE_MISMATCH`` condition.

        Examples
        --------
        >>> from pyspark.sql.types import StructType, StructField, StringType
        >>> df = spark.createDataFrame([("a", 1)], ["i", "j"])
        >>> df.to(StructType([StructField("j", StringType()), StructField("i", StringType())])).collect()
        [Row(j='1', i='a')]

        Mirrors PySpark's ``DataFrame.to`` (Spark's ``Dataset.to``). Unlike Spark, a NULL-able
        column matched to a non-NULL field is not refused.
        """
        from pyspark.sql import functions as F

        present = {name.lower() for name in self.columns}
        columns = []
        for field in schema.fields:
            source = F.col(_quoted(field.name)) if field.name.lower() in present else F.lit(None)
            column = source.cast(field.dataType)
            columns.append(column.alias(field.name, metadata=field.metadata) if field.metadata else column.alias(field.name))
        return self.select(*columns)

    def withMetadata(self, columnName, metadata):
        """This DataFrame with ``metadata`` as the Spark field metadata of one column.

        Parameters
        ----------
        columnName : str
            The column's name.
        metadata : dict
            The metadata, replacing the column's.

        Returns
        -------
        :class:`DataFrame`

        Raises
        ------
        PySparkTypeError
            ``NOT_EXPECTED_TYPE`` when ``metadata`` is not a dict.

        Examples
        --------
        >>> spark.range(1).withMetadata("id", {"unit": "rows"}).schema["id"].metadata
        {'unit': 'rows'}

        Mirrors PySpark's ``DataFrame.withMetadata``.
        """
        from pyspark.errors import PySparkTypeError
        from pyspark.sql import functions as F

        if not isinstance(metadata, dict):
            raise PySparkTypeError(errorClass="NOT_EXPECTED_TYPE", messageParameters={"expected_type": "dict", "arg_name": "metadata", "arg_type": type(metadata).__name__})
        return self.withColumn(columnName, F.col(_quoted(columnName)).alias(columnName, metadata=metadata))
