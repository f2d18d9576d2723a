"""The joins that keep, for each left row, only its best-ranked right rows: the as-of join
(``_joinAsOf``) and the nearest-by join (``nearestByJoin``). Both are built from a join and
a ranking window over each left row's candidates. Mixed into :class:`pyspark.sql.DataFrame`.
"""

_LEFT_ROW = "__ember_left_row"
_RIGHT_ROW = "__ember_right_row"
_RANK = "__ember_rank"

# Spark's JoinType names, for the as-of join's error on the types it does not support.
_JOIN_TYPE_NAMES = {
    "inner": "Inner", "cross": "Cross",
    "outer": "FullOuter", "full": "FullOuter", "fullouter": "FullOuter", "full_outer": "FullOuter",
    "left": "LeftOuter", "leftouter": "LeftOuter", "left_outer": "LeftOuter",
    "right": "RightOuter", "rightouter": "RightOuter", "right_outer": "RightOuter",
    "semi": "LeftSemi", "leftsemi": "LeftSemi", "left_semi": "LeftSemi",
    "anti": "LeftAnti", "leftanti": "LeftAnti", "left_anti": "LeftAnti",
}


def _as_column(frame, column):
    from pyspark.sql.column import Column

    return column if isinstance(column, Column) else frame[column]


def _best_ranked(left, right, condition, outer, order, keep):
    """The rows of ``left`` joined to ``right`` on ``condition`` (a left outer join when
    ``outer``), keeping for each left row its first ``keep`` candidates in the order of
    ``order``, a list of (value, descending) (ties go to the right row met first), with ``left``'s columns then
    ``right``'s. References to ``left``'s and ``right``'s columns (``left.a``) still resolve
    in the result, as after a plain join."""
    from pyspark.sql import functions as F
    from pyspark.sql.window import Window

    numbered_left = _same_frame(left, left.withColumn(_LEFT_ROW, F.monotonically_increasing_id()))
    numbered_right = _same_frame(right, right.withColumn(_RIGHT_ROW, F.monotonically_increasing_id()))
    joined = numbered_left.join(numbered_right, condition, "left" if outer else "inner")
    # The ranking values as columns first: the window then sorts by plain columns.
    keys = ["__ember_key_%d" % i for i in range(len(order))]
    for key, (value, descending) in zip(keys, order):
        joined = joined.withColumn(key, value)
    sorts = [F.col(key).desc_nulls_last() if descending else F.col(key).asc_nulls_last() for key, (_, descending) in zip(keys, order)]
    window = Window.partitionBy(numbered_left[_LEFT_ROW]).orderBy(*sorts, numbered_right[_RIGHT_ROW].asc())
    ranked = joined.withColumn(_RANK, F.row_number().over(window)).where(F.col(_RANK) <= F.lit(keep))
    return ranked.drop(_RANK, _LEFT_ROW, _RIGHT_ROW, *keys)


def _same_frame(original, derived):
    """``derived`` under ``original``'s DataFrame id, so that the join qualifies its columns
    as ``original``'s and ``original["a"]`` finds them (Spark Connect resolves such a
    reference through the plan; the local resolver by the join side's id)."""
    from pyspark.sql.dataframe import DataFrame

    plan = dict(derived._plan)
    plan["plan_id"] = original._plan["plan_id"]
    return DataFrame(plan, derived._session)


class RankedJoins:
    def _joinAsOf(self, other, leftAsOfColumn, rightAsOfColumn, on=None, how=None, *, tolerance=None, allowExactMatches=True, direction="backward"):
        """An as-of join: each row of this DataFrame matched to the one row of ``other``
        whose as-of key is nearest its own (among the rows equal on ``on``), rather than to
        rows of an equal key. The result has this DataFrame's columns, then ``other``'s.

        Parameters
        ----------
        other : :class:`DataFrame`
            The right side.
        leftAsOfColumn, rightAsOfColumn : str or :class:`Column`
            The as-of keys of this side and of ``other``.
        on : str, list of str, :class:`Column` or list of :class:`Column`, optional
            Columns that must also be equal (names present on both sides), or conditions.
        how : str, optional
            ``inner`` (default: left rows without a match are dropped) or ``left`` (they
            are kept, with NULLs for ``other``'s columns).
        tolerance : :class:`Column`, optional
            A literal: the largest distance between the keys that still matches.
        allowExactMatches : bool, default True
            Whether equal keys match.
        direction : str, default "backward"
            ``backward`` (the nearest key at or below the left one), ``forward`` (at or
            above) or ``nearest`` (either side).

        Returns
        -------
        :class:`DataFrame`

        Raises
        ------
        AnalysisException
            ``AS_OF_JOIN.UNSUPPORTED_DIRECTION`` for another direction;
            ``AS_OF_JOIN.TOLERANCE_IS_UNFOLDABLE`` when ``tolerance`` is not a literal;
            ``AS_OF_JOIN.TOLERANCE_IS_NON_NEGATIVE`` when it is negative.
        IllegalArgumentException
            For a join type other than inner or left outer.

        Examples
        --------
        >>> quotes = spark.createDataFrame([(1, 10.0), (4, 11.5), (9, 12.0)], ["t", "price"])
        >>> trades = spark.createDataFrame([(3, "x"), (10, "y")], ["t", "id"])
        >>> trades._joinAsOf(quotes, "t", "t").select("id", "price").sort("id").collect()
        [Row(id='x', price=10.0), Row(id='y', price=12.0)]

        Mirrors PySpark's ``DataFrame._joinAsOf`` (Spark's ``AsOfJoin``, which
        ``RewriteAsOfJoin`` turns into a join and a per-row minimum).
        """
        from pyspark.errors import AnalysisException, IllegalArgumentException
        from pyspark.sql import functions as F
        from pyspark.sql.column import Column

        how = "inner" if how is None else how
        kind = _JOIN_TYPE_NAMES.get(how.lower(), how)
        if kind not in ("Inner", "LeftOuter"):
            raise IllegalArgumentException("requirement failed: Unsupported as-of join type %s" % kind)
        if direction not in ("forward", "backward", "nearest"):
            raise AnalysisException(
                errorClass="AS_OF_JOIN.UNSUPPORTED_DIRECTION",
                messageParameters={"direction": direction, "supported": "'forward', 'backward', 'nearest'"},
            )
        left_key = _as_column(self, leftAsOfColumn)
        right_key = _as_column(other, rightAsOfColumn)
        if tolerance is not None:
            literal = tolerance._expr if isinstance(tolerance, Column) else None
            if not literal or literal.get("type") != "Literal":
                raise AnalysisException(errorClass="AS_OF_JOIN.TOLERANCE_IS_UNFOLDABLE", messageParameters={})
            value = literal.get("value")
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
                raise AnalysisException(errorClass="AS_OF_JOIN.TOLERANCE_IS_NON_NEGATIVE", messageParameters={})

        conditions = []
        if on is not None:
            for item in on if isinstance(on, (list, tuple)) else [on]:
                conditions.append(item if isinstance(item, Column) else self[item] == other[item])
        if direction == "backward":
            conditions.append(left_key >= right_key if allowExactMatches else left_key > right_key)
            distance = left_key - right_key
        elif direction == "forward":
            conditions.append(left_key <= right_key if allowExactMatches else left_key < right_key)
            distance = right_key - left_key
        else:
            if not allowExactMatches:
                conditions.append(left_key != right_key)
            distance = F.when(left_key > right_key, left_key - right_key).otherwise(right_key - left_key)
        if tolerance is not None:
            if direction in ("backward", "nearest"):
                conditions.append(right_key >= left_key - tolerance)
            if direction in ("forward", "nearest"):
                conditions.append(right_key <= left_key + tolerance)
        condition = conditions[0] if conditions else F.lit(True)
        for more in conditions[1:]:
            condition = condition & more
        return _best_ranked(self, other, condition, kind == "LeftOuter", [(distance, False)], 1)

    def nearestByJoin(self, other, rankingExpression, numResults, mode, direction, *, joinType="inner"):
        """A top-k ranking join: each row of this DataFrame with the ``numResults`` rows of
        ``other`` that rank best by ``rankingExpression``. The result has this DataFrame's
        columns, then ``other``'s; ties between equally ranked rows are broken arbitrarily.

        Parameters
        ----------
        other : :class:`DataFrame`
            The candidates (base side).
        rankingExpression : :class:`Column`
            A value of an orderable type computed from both sides' columns.
        numResults : int
            The most rows kept per left row, from 1 to 100000.
        mode : str
            ``exact`` or ``approx``; Ember always ranks every candidate, so both are exact.
        direction : str
            ``distance`` (smallest values first) or ``similarity`` (largest first).
        joinType : str, keyword-only, default "inner"
            ``inner``, or ``leftouter`` to keep left rows without candidates (with NULLs).

        Returns
        -------
        :class:`DataFrame`

        Raises
        ------
        AnalysisException
            ``NEAREST_BY_JOIN.NUM_RESULTS_OUT_OF_RANGE``, ``NEAREST_BY_JOIN.UNSUPPORTED_MODE``,
            ``NEAREST_BY_JOIN.UNSUPPORTED_DIRECTION`` or ``NEAREST_BY_JOIN.UNSUPPORTED_JOIN_TYPE``
            for an argument outside those listed.

        Examples
        --------
        >>> from pyspark.sql import functions as sf
        >>> points = spark.createDataFrame([(1, 0.0), (2, 9.0)], ["id", "x"])
        >>> sites = spark.createDataFrame([("p", 1.0), ("q", 8.0)], ["site", "y"])
        >>> points.nearestByJoin(sites, sf.abs(points.x - sites.y), 1, "exact", "distance").select("id", "site").sort("id").collect()
        [Row(id=1, site='p'), Row(id=2, site='q')]

        Mirrors PySpark's ``DataFrame.nearestByJoin`` (Spark 4.2's nearest-by join, a
        bounded cross product).
        """
        from pyspark.errors import AnalysisException
        from pyspark.sql import functions as F

        k = int(numResults)
        if not 1 <= k <= 100000:
            raise AnalysisException(errorClass="NEAREST_BY_JOIN.NUM_RESULTS_OUT_OF_RANGE", messageParameters={"numResults": str(k), "min": "1", "max": "100000"})
        if str(mode).lower() not in ("approx", "exact"):
            raise AnalysisException(errorClass="NEAREST_BY_JOIN.UNSUPPORTED_MODE", messageParameters={"mode": str(mode), "supported": "'approx', 'exact'"})
        if str(direction).lower() not in ("distance", "similarity"):
            raise AnalysisException(errorClass="NEAREST_BY_JOIN.UNSUPPORTED_DIRECTION", messageParameters={"direction": str(direction), "supported": "'distance', 'similarity'"})
        kind = _JOIN_TYPE_NAMES.get(str(joinType).lower())
        if kind not in ("Inner", "LeftOuter"):
            raise AnalysisException(errorClass="NEAREST_BY_JOIN.UNSUPPORTED_JOIN_TYPE", messageParameters={"joinType": str(joinType), "supported": "'INNER', 'LEFT OUTER'"})
        return _best_ranked(self, other, F.lit(True), kind == "LeftOuter", [(rankingExpression, str(direction).lower() == "similarity")], k)
