"""DataFrame methods that Ember builds from other DataFrame methods: ``transform``, ``to``,
``sample``, ``randomSplit``, ``unpivot``/``melt``, ``toJSON``, ``foreach``,
``foreachPartition``, ``withMetadata``, ``zipWithIndex``, ``zip``, ``sampleBy``,
``transpose``, ``freqItems``, ``checkpoint`` and ``localCheckpoint``. Mixed into :class:`pyspark.sql.DataFrame`.
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
        """A random sample of the rows, drawn per partition as Spark's ``Sample`` does:
        without replacement each row is kept with probability ``fraction`` (Spark's
        Bernoulli sampler); with replacement each row is repeated a Poisson-distributed
        number of times of mean ``fraction`` (Spark's Poisson sampler). A given ``seed``
        and input give the same rows every time, and Spark's rows.

        Accepts PySpark's forms: ``sample(0.5)``, ``sample(0.5, seed)``,
        ``sample(True, 0.5, seed)`` and keywords.

        Parameters
        ----------
        withReplacement : bool, optional
            Whether a row may be drawn more than once (default False).
        fraction : float
            Without replacement, each row's probability of being kept, in [0, 1]; with
            replacement, the expected number of copies of each row, at least 0.
        seed : int, optional
            The random seed; a random one when not given.

        Returns
        -------
        :class:`DataFrame`
            The sampled rows, in their partitions' order (their count varies around
            ``fraction`` times the input's).

        Raises
        ------
        PySparkTypeError
            ``NOT_EXPECTED_TYPE`` when the arguments fit none of the forms (the fraction
            must be a float).
        ValueError
            When ``seed`` is not a number (it is read with ``int``).
        IllegalArgumentException
            When ``fraction`` is outside [0, 1] without replacement, or negative with it.

        Examples
        --------
        >>> df = spark.range(0, 100, 1, 2)
        >>> df.sample(0.3, seed=11).count() == df.sample(fraction=0.3, seed=11).count()
        True
        >>> 0 < df.sample(True, 2.0, seed=5).count()
        True

        Mirrors PySpark's ``DataFrame.sample`` (Spark's ``Sample``: ``BernoulliCellSampler``
        seeded with ``seed + partitionIndex``, or ``PoissonSampler`` seeded from
        ``java.util.Random(seed)``).
        """
        from pyspark.errors import IllegalArgumentException, PySparkTypeError

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
        if withReplacement and fraction < 0.0:
            raise IllegalArgumentException("requirement failed: Sampling fraction (%s) must be nonnegative with replacement" % fraction)
        if not withReplacement and not 0.0 <= fraction <= 1.0:
            raise IllegalArgumentException("requirement failed: Sampling fraction (%s) must be on interval [0, 1] without replacement" % fraction)
        return self._new("Sample", lower_bound=0.0, upper_bound=float(fraction), with_replacement=bool(withReplacement), seed=seed)

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

        Mirrors PySpark's ``DataFrame.randomSplit`` (Spark's ``randomSplit``: each partition
        sorted by its orderable columns, then one draw per row from the partition's
        generator, each part the rows whose draw falls in its share).
        """
        from pyspark.errors import PySparkValueError

        for weight in weights:
            if weight < 0.0:
                raise PySparkValueError(errorClass="VALUE_NOT_POSITIVE", messageParameters={"arg_name": "weights", "arg_value": str(weight)})
        seed = _random.randint(0, 2**63 - 1) if seed is None else seed
        total = float(sum(weights))
        bounds = [0.0]
        for weight in weights:
            bounds.append(bounds[-1] + weight / total)
        # Spark sorts each partition by its orderable columns first, so that every split
        # sees the rows in one order.
        from pyspark.sql.types import MapType, VariantType

        orderable = [self[f.name] for f in self.schema.fields if not isinstance(f.dataType, (MapType, VariantType))]
        source = self.sortWithinPartitions(*orderable) if orderable else self
        return [source._new("Sample", lower_bound=lower, upper_bound=upper, with_replacement=False, seed=seed) for lower, upper in zip(bounds, bounds[1:])]

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

    def zipWithIndex(self, indexColName="index"):
        """The rows with a consecutive 0-based index in their order (partition by
        partition), as a last column of type bigint.

        Parameters
        ----------
        indexColName : str, default "index"
            The name of the index column.

        Returns
        -------
        :class:`DataFrame`

        Examples
        --------
        >>> spark.createDataFrame([("x",), ("y",)], ["v"]).zipWithIndex().collect()
        [Row(v='x', index=0), Row(v='y', index=1)]

        Mirrors PySpark's ``DataFrame.zipWithIndex`` (Spark's ``RDD.zipWithIndex`` order).
        """
        from pyspark.sql import functions as F
        from pyspark.sql.window import Window

        position = F.row_number().over(Window.orderBy(F.monotonically_increasing_id())) - F.lit(1)
        return self.select("*", position.cast("bigint").alias(indexColName))

    def transpose(self, indexColumn=None):
        """The DataFrame turned on its side: one column per row, named by the row's
        ``indexColumn`` value (rows in ascending order of it, rows with NULL left out),
        and one row per other column, named in a first column ``key``. The values are
        cast to their common type.

        Parameters
        ----------
        indexColumn : str or :class:`Column`, optional
            The column whose values become the column names; the first column by default.

        Returns
        -------
        :class:`DataFrame`

        Raises
        ------
        AnalysisException
            ``TRANSPOSE_INVALID_INDEX_COLUMN`` when the index column is not of an atomic
            type; ``TRANSPOSE_NO_LEAST_COMMON_TYPE`` when the values have no common type.

        Examples
        --------
        >>> spark.createDataFrame([("A", 1, 2), ("B", 3, 4)], ["id", "v1", "v2"]).transpose().collect()
        [Row(key='v1', A=1, B=3), Row(key='v2', A=2, B=4)]

        Mirrors PySpark's ``DataFrame.transpose`` (Spark's ``Transpose``). Ember reads the
        rows to the driver to build the result.
        """
        from pyspark.errors import AnalysisException
        from pyspark.sql import functions as F
        from pyspark.sql.column import Column
        from pyspark.sql.types import ArrayType, MapType, StructType, StringType, VariantType

        fields = self.schema.fields
        if not fields:
            return self
        if indexColumn is None:
            index_name = fields[0].name
        elif isinstance(indexColumn, Column):
            index_name = _names([indexColumn])[0]
        else:
            index_name = indexColumn
        index_field = next((f for f in fields if f.name == index_name), None)
        if index_field is None:
            return self.select(indexColumn)  # raises Spark's unresolved-column error
        if isinstance(index_field.dataType, (ArrayType, MapType, StructType, VariantType)):
            raise AnalysisException(
                errorClass="TRANSPOSE_INVALID_INDEX_COLUMN",
                messageParameters={"reason": "Index column must be of atomic type, but found: %s" % index_field.dataType.simpleString()},
            )
        others = [f for f in fields if f.name != index_name]
        values = [F.col(_quoted(f.name)) for f in others]
        common = self.select(F.array(*values).alias("v")).schema.fields[0].dataType.elementType if others else StringType()
        ordered = self.where(F.col(_quoted(index_name)).isNotNull()).orderBy(F.col(_quoted(index_name))).collect()
        names = [str(row[index_name]) for row in ordered]
        schema = StructType().add("key", StringType(), False)
        for name in names:
            schema.add(name, common, True)
        rows = [tuple([field.name] + [row[field.name] for row in ordered]) for field in others]
        return self.sparkSession.createDataFrame(rows, schema)

    def freqItems(self, cols, support=None):
        """The values that appear in at least ``support`` of the rows, per column, as
        arrays in one row (columns named ``<col>_freqItems``).

        Parameters
        ----------
        cols : list or tuple of str
            The columns.
        support : float, optional
            The minimum frequency, above 1e-4; 0.01 by default.

        Returns
        -------
        :class:`DataFrame`
            One row with an array column per input column.

        Raises
        ------
        PySparkTypeError
            ``NOT_EXPECTED_TYPE`` when ``cols`` is neither a list nor a tuple.
        IllegalArgumentException
            When ``support`` is not above 1e-4.

        Examples
        --------
        >>> df = spark.createDataFrame([(1, 8), (1, 8), (3, 9)], ["a", "b"])
        >>> [sorted(v) for v in df.freqItems(["a"], 0.5).first()]
        [[1]]

        Mirrors PySpark's ``DataFrame.freqItems``. Spark's single-pass algorithm (Karp,
        Schenker and Papadimitriou) may add false positives; Ember counts exactly, so it
        returns the values whose frequency reaches ``support`` and no others.
        """
        from pyspark.errors import IllegalArgumentException, PySparkTypeError
        from pyspark.sql import functions as F

        if isinstance(cols, tuple):
            cols = list(cols)
        if not isinstance(cols, list):
            raise PySparkTypeError(errorClass="NOT_EXPECTED_TYPE", messageParameters={"arg_name": "cols", "expected_type": "list or tuple", "arg_type": type(cols).__name__})
        support = float(support) if support else 0.01
        if support < 1e-4:
            raise IllegalArgumentException("requirement failed: Support must be in [1e-4, 1], but got %s." % support)
        from pyspark.sql.types import StructType

        total = self.count()
        row, schema = [], StructType()
        for name in cols:
            column = F.col(_quoted(name))
            frequent = self.groupBy(column.alias("v")).count().where(F.col("count") >= F.lit(support * total))
            row.append([r.v for r in frequent.collect()])
            schema.add(name + "_freqItems", self.select(F.array(column)).schema.fields[0].dataType, False)
        return self.sparkSession.createDataFrame([tuple(row)], schema)

    def localCheckpoint(self, eager=True, storageLevel=None):
        """This DataFrame with its plan cut: the rows computed once (now when ``eager``)
        and kept in memory, as a new DataFrame over them.

        Parameters
        ----------
        eager : bool, default True
            Compute the rows now, else at the first action.
        storageLevel : :class:`StorageLevel`, optional
            Where to keep them; Ember keeps them in memory.

        Returns
        -------
        :class:`DataFrame`

        Examples
        --------
        >>> spark.range(3).localCheckpoint().count()
        3

        Mirrors PySpark's ``DataFrame.localCheckpoint``.
        """
        frame = self.select("*")
        frame.persist(storageLevel) if storageLevel is not None else frame.cache()
        if eager:
            frame.count()
        return frame

    def checkpoint(self, eager=True):
        """Like ``localCheckpoint``, for a SparkContext with a checkpoint directory.

        Parameters
        ----------
        eager : bool, default True

        Returns
        -------
        :class:`DataFrame`

        Raises
        ------
        PySparkRuntimeError
            When ``sc.setCheckpointDir`` has not been called (Spark raises its JVM
            ``SparkException`` with this message).

        Mirrors PySpark's ``DataFrame.checkpoint``. Ember keeps the rows in memory, not in
        the checkpoint directory.
        """
        from pyspark.errors import PySparkRuntimeError

        if not self.sparkSession.sparkContext.getCheckpointDir():
            raise PySparkRuntimeError("Checkpoint directory has not been set in the SparkContext")
        return self.localCheckpoint(eager)

    def sampleBy(self, col, fractions, seed=None):
        """A stratified sample: each row kept with the probability its ``col`` value has
        in ``fractions`` (0 for values not listed), one draw per row from the partition's
        generator as in ``sample``.

        Parameters
        ----------
        col : str or :class:`Column`
            The strata column.
        fractions : dict
            The sampling fraction of each stratum, each in [0, 1].
        seed : int, optional
            The random seed; a random one when not given.

        Returns
        -------
        :class:`DataFrame`

        Raises
        ------
        PySparkTypeError
            ``NOT_EXPECTED_TYPE`` for a ``col`` or ``fractions`` of another type, and
            ``DISALLOWED_TYPE_FOR_CONTAINER`` for a key that is not a float, int or str.
        IllegalArgumentException
            When a fraction is outside [0, 1].

        Examples
        --------
        >>> df = spark.range(0, 1000, 1, 1).selectExpr("id % 2 AS k")
        >>> df.sampleBy("k", {0: 1.0}, seed=5).count()
        500

        Mirrors PySpark's ``DataFrame.sampleBy`` (Spark's ``stat.sampleBy``: a filter on
        ``rand(seed)`` below the row's fraction).
        """
        from pyspark.errors import IllegalArgumentException, PySparkTypeError
        from pyspark.sql import functions as F
        from pyspark.sql.column import Column

        if isinstance(col, str):
            col = F.col(col)
        elif not isinstance(col, Column):
            raise PySparkTypeError(errorClass="NOT_EXPECTED_TYPE", messageParameters={"expected_type": "Column or str", "arg_name": "col", "arg_type": type(col).__name__})
        if not isinstance(fractions, dict):
            raise PySparkTypeError(errorClass="NOT_EXPECTED_TYPE", messageParameters={"expected_type": "dict", "arg_name": "fractions", "arg_type": type(fractions).__name__})
        for key, value in fractions.items():
            if not isinstance(key, (float, int, str)):
                raise PySparkTypeError(
                    errorClass="DISALLOWED_TYPE_FOR_CONTAINER",
                    messageParameters={"arg_name": "fractions", "arg_type": type(fractions).__name__, "allowed_types": "float, int, str", "item_type": type(key).__name__},
                )
            fractions[key] = float(value)
        if any(not 0.0 <= v <= 1.0 for v in fractions.values()):
            raise IllegalArgumentException("requirement failed: Fractions must be in [0, 1], but got %s." % "Map(%s)" % ", ".join("%s -> %s" % kv for kv in fractions.items()))
        seed = _random.randint(0, 2**63 - 1) if seed is None else int(seed)
        threshold = F.lit(0.0)
        for key, value in reversed(list(fractions.items())):
            threshold = F.when(col == F.lit(key), F.lit(value)).otherwise(threshold)
        return self.where(F.rand(seed) < threshold)

    def zip(self, other):
        """The columns of this DataFrame and of ``other`` side by side, row by row. Both
        must come from one source through projections only (``select``,
        ``withColumn``, ...), so that their rows line up.

        Parameters
        ----------
        other : :class:`DataFrame`

        Returns
        -------
        :class:`DataFrame`
            This DataFrame's columns, then ``other``'s.

        Raises
        ------
        AnalysisException
            ``ZIP_PLANS_NOT_MERGEABLE`` when the two do not share their source below the
            projections.

        Examples
        --------
        >>> df = spark.createDataFrame([(1, 2)], ["a", "b"])
        >>> df.select("a").zip(df.select((df.b * 10).alias("c"))).collect()
        [Row(a=1, c=20)]

        Mirrors PySpark's ``DataFrame.zip`` (Spark 4.3).
        """
        from pyspark.errors import AnalysisException

        if _projection_source(self._plan) != _projection_source(other._plan):
            raise AnalysisException(errorClass="ZIP_PLANS_NOT_MERGEABLE", messageParameters={})
        left = self.zipWithIndex("__ember_zip_index")
        right = other.zipWithIndex("__ember_zip_index")
        joined = left.join(right, left["__ember_zip_index"] == right["__ember_zip_index"]).orderBy(left["__ember_zip_index"])
        return joined.select([left[_quoted(c)] for c in self.columns] + [right[_quoted(c)] for c in other.columns])


_PROJECTIONS = ("Project", "WithColumns", "WithColumnsRenamed", "Drop", "ToDF", "SubqueryAlias")


def _projection_source(plan):
    """The plan below a chain of projections, with its DataFrame ids left out, as text."""
    import json

    while plan.get("type") in _PROJECTIONS:
        plan = plan["input"]

    def strip(node):
        from pyspark.sql._plan import Deferred

        if isinstance(node, Deferred):
            # Rows not computed yet: the same only as themselves.
            return {"deferred": node.plan_id}
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k != "plan_id"}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    return json.dumps(strip(plan), sort_keys=True)
