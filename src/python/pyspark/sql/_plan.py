"""Builders for Ember's unresolved plan (Spark Connect's Relation/Expression, as JSON).

Internal: DataFrame and Column methods call these; the native engine resolves the tree.
"""
import datetime
import decimal
import itertools
import json
import math
from collections.abc import Mapping

_ids = itertools.count(1)


def next_plan_id():
    """A fresh DataFrame id (Spark Connect's ``plan_id``)."""
    return next(_ids)


def relation(_type, **fields):
    """A relation node of type ``_type`` with a fresh plan id."""
    node = {"type": _type, "plan_id": next_plan_id()}
    node.update(fields)
    return node


def to_json(node):
    """The JSON text sent to the native engine; a :class:`Deferred` node is computed here,
    when a plan holding it is first sent."""
    return json.dumps(node, separators=(",", ":"), default=_computed)


def _computed(value):
    if isinstance(value, Deferred):
        return value.node()
    raise TypeError("a plan holds a %s, which is not JSON" % type(value).__name__)


class Deferred(Mapping):
    """A relation node whose rows are computed on first use, for transformations whose
    Python function runs when an action needs their rows, as Spark's run lazily
    (``mapInPandas``, ``mapInArrow``). ``compute`` returns the node of the computed rows;
    it runs once, when a plan holding this node is sent to the engine or the node is
    read. Its ``plan_id`` is known before, so that columns can refer to it. A failed
    computation is tried again by the next use."""

    def __init__(self, compute):
        self._compute = compute
        self._node = None
        self.plan_id = next_plan_id()

    def node(self):
        if self._node is None:
            self._node = dict(self._compute(), plan_id=self.plan_id)
            self._compute = None
        return self._node

    def __getitem__(self, key):
        if key == "plan_id":
            return self.plan_id
        return self.node()[key]

    def __iter__(self):
        return iter(self.node())

    def __len__(self):
        return len(self.node())


def column(name, plan_id=None):
    return {"type": "Column", "name": name, "plan_id": plan_id}


def function(name, arguments, is_distinct=False, by_sql_name=False):
    """A call of the Spark function ``name``; ``by_sql_name`` when called as SQL would
    call it (``call_function``), where DataFrame-only names are not found."""
    return {"type": "Function", "name": name, "arguments": list(arguments), "is_distinct": is_distinct, "by_sql_name": by_sql_name}


def literal(value, data_type=None):
    """A literal with Spark's type inference for Python values (``F.lit``)."""
    if data_type is not None:
        return {"type": "Literal", "data_type": data_type, "value": _json_value(value)}
    if value is None:
        return {"type": "Literal", "data_type": "void", "value": None}
    if isinstance(value, bool):
        return {"type": "Literal", "data_type": "boolean", "value": value}
    if isinstance(value, int):
        kind = "integer" if -(2**31) <= value < 2**31 else "long"
        return {"type": "Literal", "data_type": kind, "value": value}
    if isinstance(value, float):
        return {"type": "Literal", "data_type": "double", "value": _json_value(value)}
    if isinstance(value, str):
        return {"type": "Literal", "data_type": "string", "value": value}
    if isinstance(value, datetime.datetime):
        # The instant PySpark's TimestampType reads (a naive value is local time), sent
        # as UTC text so that the engine reads it whatever the session time zone.
        from pyspark.sql.types import TimestampType

        micros = TimestampType().toInternal(value)
        moment = datetime.datetime(1970, 1, 1) + datetime.timedelta(microseconds=micros)
        return {"type": "Literal", "data_type": "timestamp", "value": moment.isoformat(sep=" ") + "Z"}
    if isinstance(value, datetime.date):
        return {"type": "Literal", "data_type": "date", "value": value.isoformat()}
    if isinstance(value, datetime.timedelta):
        # Spark's DayTimeIntervalType, in microseconds.
        micros = (value.days * 86400 + value.seconds) * 1_000_000 + value.microseconds
        return {"type": "Literal", "data_type": "interval day to second", "value": micros}
    if isinstance(value, decimal.Decimal):
        sign, digits, exponent = value.as_tuple()
        scale = max(0, -exponent)
        precision = max(len(digits), scale, 1)
        return {"type": "Literal", "data_type": f"decimal({precision},{scale})", "value": str(value)}
    if isinstance(value, (bytes, bytearray)):
        return {"type": "Literal", "data_type": "binary", "value": bytes(value).hex()}
    from pyspark.errors import PySparkTypeError

    raise PySparkTypeError(
        errorClass="UNSUPPORTED_LITERAL",
        messageParameters={"literal": repr(value)},
    )


def _json_value(value):
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, (datetime.date, decimal.Decimal)):
        return str(value)
    return value
