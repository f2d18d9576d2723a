"""Python functions given to Spark's higher-order functions (``transform``, ``filter``,
``aggregate``, ...) as Spark lambda functions.

The function is called once, at definition time, with one Column per parameter; each such
Column is a lambda variable (Spark's ``UnresolvedNamedLambdaVariable``), so the Column it
returns is the lambda's body. Variables are named ``x_N``, ``y_N``, ``z_N`` by position, N
counting up over the session, as PySpark names them.
"""
import inspect
import itertools

from pyspark.errors import PySparkValueError
from pyspark.sql import _plan
from pyspark.sql.column import Column

_counter = itertools.count()

_POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)


def _refuse(condition, **parameters):
    """Raises ``PySparkValueError`` with ``condition`` and its message parameters."""
    raise PySparkValueError(errorClass=condition, messageParameters=parameters)


def lambda_column(fn):
    """The Column of a Spark lambda function built from the Python function ``fn``.

    Raises ``PySparkValueError`` with PySpark's conditions, checked in this order:
    ``WRONG_NUM_ARGS_FOR_HIGHER_ORDER_FUNCTION`` unless it takes 1 to 3 parameters,
    ``UNSUPPORTED_PARAM_TYPE_FOR_HIGHER_ORDER_FUNCTION`` for ``*args``/keyword-only
    parameters, and ``HIGHER_ORDER_FUNCTION_SHOULD_RETURN_COLUMN`` when it does not
    return a Column. Mirrors PySpark's ``functions._create_lambda``.
    """
    name = getattr(fn, "__name__", repr(fn))
    parameters = list(inspect.signature(fn).parameters.values())
    if not 1 <= len(parameters) <= 3:
        _refuse("WRONG_NUM_ARGS_FOR_HIGHER_ORDER_FUNCTION", func_name=name, num_args=str(len(parameters)))
    if any(p.kind not in _POSITIONAL for p in parameters):
        _refuse("UNSUPPORTED_PARAM_TYPE_FOR_HIGHER_ORDER_FUNCTION", func_name=name)
    names = ["%s_%d" % (letter, next(_counter)) for letter in "xyz"[: len(parameters)]]
    variables = [Column({"type": "LambdaVariable", "name": n}, n) for n in names]
    body = fn(*variables)
    if not isinstance(body, Column):
        _refuse("HIGHER_ORDER_FUNCTION_SHOULD_RETURN_COLUMN", func_name=name, return_type=type(body).__name__)
    expr = {"type": "LambdaFunction", "function": body._expr, "arguments": names}
    return Column(expr, "lambdafunction(%s, %s)" % (body._repr, ", ".join(names)))
