"""The streaming parts of the DataFrame API as they behave on batch DataFrames, the only
kind the embedded engine makes: ``withWatermark``, ``dropDuplicatesWithinWatermark`` and
``writeStream``. Mixed into :class:`pyspark.sql.DataFrame`."""
from pyspark.errors import AnalysisException
from pyspark.sql._checks import require_type


class StreamingMethods:
    def withWatermark(self, eventTime, delayThreshold):
        """Declares ``eventTime`` as the event time column, late by at most
        ``delayThreshold``. A batch DataFrame keeps all its rows: Spark drops the watermark
        from a batch plan.

        Parameters
        ----------
        eventTime : str
            The name of the event time column.
        delayThreshold : str
            The allowed lateness as interval text, e.g. ``"10 minutes"``.

        Returns
        -------
        :class:`DataFrame`
            The same rows and columns.

        Raises
        ------
        PySparkTypeError
            ``NOT_EXPECTED_TYPE`` when either argument is not a str.
        AnalysisException
            ``CANNOT_PARSE_INTERVAL`` when ``delayThreshold`` is not interval text.

        Examples
        --------
        >>> from pyspark.sql.functions import current_timestamp
        >>> stamped = spark.range(3).withColumn("at", current_timestamp())
        >>> stamped.withWatermark("at", "10 minutes").count()
        3

        Mirrors PySpark's ``DataFrame.withWatermark`` (Spark Connect's ``WithWatermark``).
        """
        require_type("eventTime", eventTime, str, "str")
        require_type("delayThreshold", delayThreshold, str, "str")
        watermarked = self._new("WithWatermark", event_time=eventTime, delay_threshold=delayThreshold)
        watermarked.schema  # Spark parses the delay when the method is called.
        return watermarked

    def dropDuplicatesWithinWatermark(self, subset=None):
        """Drops duplicate rows of a streaming DataFrame within its watermark. A batch
        DataFrame is refused when an action runs, as in Spark.

        Parameters
        ----------
        subset : list or tuple of str, optional
            The columns that make two rows duplicates; all columns when omitted.

        Returns
        -------
        :class:`DataFrame`

        Raises
        ------
        PySparkTypeError
            ``NOT_EXPECTED_TYPE`` when ``subset`` is not a list or tuple.
        AnalysisException
            ``_LEGACY_ERROR_TEMP_3102`` at the first action over a batch DataFrame, after
            ``UNRESOLVED_COLUMN`` for a column of ``subset`` that does not exist.

        Examples
        --------
        >>> pending = spark.range(3).dropDuplicatesWithinWatermark()
        >>> try:
        ...     pending.count()
        ... except Exception as refused:
        ...     print(refused.getCondition())
        _LEGACY_ERROR_TEMP_3102

        Mirrors PySpark's ``DataFrame.dropDuplicatesWithinWatermark`` (Spark Connect's
        ``Deduplicate`` with ``within_watermark``).
        """
        if subset is not None:
            require_type("subset", subset, (list, tuple), "list or tuple")
        return self._new("Deduplicate", columns=list(subset) if subset else None, within_watermark=True)

    drop_duplicates_within_watermark = dropDuplicatesWithinWatermark

    @property
    def writeStream(self):
        """The writer of a streaming DataFrame. The embedded engine has no streaming
        sources, so every DataFrame here is a batch one and is refused, as Spark refuses it.

        Raises
        ------
        AnalysisException
            ``WRITE_STREAM_NOT_ALLOWED``.

        Mirrors PySpark's ``DataFrame.writeStream``.
        """
        raise AnalysisException(errorClass="WRITE_STREAM_NOT_ALLOWED", messageParameters={})
