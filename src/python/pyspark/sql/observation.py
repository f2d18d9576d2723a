"""Named metrics computed over a DataFrame's rows while an action runs over it:
:class:`Observation`, PySpark's ``pyspark.sql.Observation``."""

from pyspark.errors import PySparkAssertionError, PySparkValueError
from pyspark.sql._checks import require_type

__all__ = ("Observation",)


class Observation:
    """A handle on the metrics of one ``DataFrame.observe`` call.

    Pass it to :meth:`DataFrame.observe` with aggregate Columns; once an action (``collect``,
    ``count``, ``show``, a write) has run over the observed DataFrame, :attr:`get` returns
    the metrics. Mirrors PySpark's ``pyspark.sql.Observation`` (Spark's ``CollectMetrics``).

    Parameters
    ----------
    name : str, optional
        The metrics' name; a fresh unique name when omitted.

    Raises
    ------
    PySparkTypeError
        ``NOT_EXPECTED_TYPE`` when ``name`` is not a str.
    PySparkValueError
        ``VALUE_NOT_NON_EMPTY_STR`` when ``name`` is empty.

    Notes
    -----
    On the embedded engine the metrics are computed by a second pass over the observed
    rows after the action, so a ``limit`` or ``show`` still observes every row.

    Examples
    --------
    >>> from pyspark.sql import Observation, functions as sf
    >>> seen = Observation("sizes")
    >>> frame = spark.range(10).observe(seen, sf.count(sf.lit(1)).alias("rows"), sf.max("id"))
    >>> frame.where("id > 6").count()
    3
    >>> seen.get
    {'rows': 10, 'max(id)': 9}
    """

    def __init__(self, name=None):
        if name is not None:
            require_type("name", name, str, "str")
            if name == "":
                raise PySparkValueError(errorClass="VALUE_NOT_NON_EMPTY_STR", messageParameters={"arg_name": "name", "arg_value": name})
        import uuid  # here: 2 ms of the shell's start when imported at the top

        self._name = name if name is not None else str(uuid.uuid4())
        self._session = None

    def _on(self, frame, *exprs):
        """``frame`` with this observation's metrics attached; an Observation serves once."""
        if self._session is not None:
            raise PySparkAssertionError(errorClass="REUSE_OBSERVATION", messageParameters=dict())
        self._session = frame._session
        return _observed(frame, self._name, exprs)

    @property
    def get(self):
        """The observed metrics as a dict from metric name to value, in the order given
        to ``observe``.

        Returns
        -------
        dict

        Raises
        ------
        PySparkAssertionError
            ``NO_OBSERVE_BEFORE_GET`` before ``DataFrame.observe`` was called with this
            Observation, or before an action ran over the observed DataFrame (where
            Spark Connect raises the same).
        """
        rows = None if self._session is None else self._session._native.observed_metrics(self._name)
        if not rows:
            raise PySparkAssertionError(errorClass="NO_OBSERVE_BEFORE_GET", messageParameters=dict())
        return rows[0].asDict()


def _observed(frame, name, exprs):
    """``frame`` under a ``CollectMetrics`` node named ``name`` over the Columns ``exprs``."""
    from pyspark.sql.column import _to_expr

    return frame._new("CollectMetrics", name=name, metrics=[_to_expr(c) for c in exprs])


def _observe(frame, observation, exprs):
    """``DataFrame.observe``: checks the arguments as PySpark does, then attaches the
    metrics under an Observation or a plain name."""
    from pyspark.sql.column import Column

    if len(exprs) == 0:
        raise PySparkValueError(errorClass="CANNOT_BE_EMPTY", messageParameters={"item": "exprs"})
    if any(not isinstance(metric, Column) for metric in exprs):
        # PySpark names the type of the whole tuple, not of the item.
        require_type("exprs", exprs, Column, "list[Column]")
    require_type("observation", observation, (Observation, str), "Observation or str")
    if isinstance(observation, str):
        return _observed(frame, observation, exprs)
    return observation._on(frame, *exprs)
