"""Builds the ``pyspark.sql.functions`` functions that are plain Spark function calls from
their rows in ``_table``: PySpark 4.3's signature (keyword arguments included), how each
argument becomes a Column, and a docstring of the argument and result types and errors.

Functions with behaviour of their own (``col``, ``lit``, ``when``, ``udf``, ...) are
written out in ``builtin``; ``define`` only adds the names that are still missing.
"""
import ast
import inspect

from pyspark.sql.functions._table import CLASSES, FUNCTIONS, UNLISTED

# How a parameter's Python value becomes an argument of the Spark call:
# col     PySpark's ColumnOrName: a Column, or a string naming a column (else a literal)
# value   a Column, or a Python value taken as a literal (strings are text)
# lit     a Python value taken as a literal
# schema  a DataType or DDL string, passed as its DDL text
# options a dict of reader options, passed as a map of strings
# fn      a Python function over Columns (Spark's higher-order functions)
KINDS = ("col", "value", "lit", "schema", "options", "fn", "df")


def parameters(spec):
    """``inspect.Parameter``s and kinds from a row's ``name:kind[=default]`` list."""
    result, kinds = [], []
    for item in [part.strip() for part in spec.split(",") if part.strip()]:
        if item.startswith("**"):
            style, item = inspect.Parameter.KEYWORD_ONLY, item[2:]
        elif item.startswith("*"):
            style, item = inspect.Parameter.VAR_POSITIONAL, item[1:]
        else:
            style = inspect.Parameter.POSITIONAL_OR_KEYWORD
        declaration, _, default = item.partition("=")
        name, _, kind = declaration.partition(":")
        if kind not in KINDS:
            raise ValueError("unknown parameter kind %r in %r" % (kind, spec))
        value = ast.literal_eval(default) if default else inspect.Parameter.empty
        result.append(inspect.Parameter(name, style, default=value))
        kinds.append(kind)
    return result, kinds


def define(namespace, public):
    """Adds every table function and class missing from ``namespace`` (the ``builtin``
    module's globals) and lists it in ``public`` (its ``__all__``); ``UNLISTED`` ones
    are added but not listed, as in PySpark."""
    for name, row in FUNCTIONS.items():
        if name not in namespace:
            namespace[name] = function(name, row, namespace)
        elif not (namespace[name].__doc__ or "").strip():
            # A function written by hand in ``builtin`` is documented from its row.
            spec, result, summary, errors = row
            params, kinds = parameters(spec)
            namespace[name].__doc__ = docstring(name, params, kinds, result, summary, errors)
        if name not in public:
            public.append(name)
    for name, row in UNLISTED.items():
        if name not in namespace:
            namespace[name] = function(name, row, namespace)
    for name, (source, summary) in CLASSES.items():
        if name not in namespace:
            namespace[name] = placeholder_class(name, source, summary, namespace)
        if name not in public:
            public.append(name)


def function(name, row, namespace):
    spec, result, summary, errors = row
    params, kinds = parameters(spec)
    signature = inspect.Signature(params)

    def call(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        return build_call(name, params, kinds, bound.arguments, namespace)

    call.__name__ = call.__qualname__ = name
    call.__module__ = "pyspark.sql.functions"
    call.__signature__ = signature
    call.__doc__ = docstring(name, params, kinds, result, summary, errors)
    return call


def build_call(name, params, kinds, values, namespace):
    """The Column of the Spark call ``name(...)``; trailing arguments left at ``None``
    are omitted, so Spark's own defaults apply."""
    lit, call = namespace["lit"], namespace["_call"]
    arguments = []
    for param, kind in zip(params, kinds):
        value = values.get(param.name)
        if kind == "fn" and value is not None:
            from pyspark.sql.functions._lambda import lambda_column

            arguments.append(lambda_column(value))
            continue
        if param.kind == inspect.Parameter.VAR_POSITIONAL:
            items = list(value or ())
            if len(items) == 1 and isinstance(items[0], (list, tuple)):
                items = list(items[0])
            arguments.extend(argument(item, kind, namespace) for item in items)
            continue
        if value is None and param.default is None:
            arguments.append(None)
            continue
        arguments.append(argument(value, kind, namespace))
    while arguments and arguments[-1] is None:
        arguments.pop()
    return call(name, *[lit(None) if a is None else a for a in arguments])


def argument(value, kind, namespace):
    lit = namespace["lit"]
    if isinstance(value, namespace["Column"]):
        return value
    if kind == "col" and isinstance(value, str):
        return namespace["col"](value)
    if kind == "schema" and not isinstance(value, str):
        return lit(value.simpleString())
    if kind == "options" and isinstance(value, dict):
        pairs = []
        for key, item in value.items():
            pairs += [lit(str(key)), lit(str(item))]
        return namespace["_call"]("map", *pairs)
    return lit(value)


PHRASES = {
    "col": "Column or str\n        A column, or the name of one.",
    "value": "Column or a Python value\n        A column, or a value taken as a literal.",
    "lit": "a Python value\n        Taken as a literal.",
    "schema": "DataType or str\n        A type, or its DDL text.",
    "options": "dict, optional\n        Options, as string keys and values.",
    "fn": "function\n        A Python function from Columns to a Column.",
    "df": "DataFrame",
}


def docstring(name, params, kinds, result, summary, errors):
    lines = [summary, "", "Spark's ``%s`` function." % name, "", "Parameters", "----------"]
    for param, kind in zip(params, kinds):
        prefix = "*" if param.kind == inspect.Parameter.VAR_POSITIONAL else ""
        default = "" if param.default is inspect.Parameter.empty else ", default %r" % (param.default,)
        phrase = PHRASES[kind]
        first, _, rest = phrase.partition("\n")
        lines.append("%s%s : %s%s" % (prefix, param.name, first, default))
        if rest:
            lines.append(rest)
    lines += ["", "Returns", "-------", "Column", "    " + result, "", "Raises", "------"]
    lines += [
        "AnalysisException",
        "    ``DATATYPE_MISMATCH`` for arguments of types the function does not take,",
        "    ``WRONG_NUM_ARGS`` for a wrong number of arguments in SQL.",
        "PySparkNotImplementedError",
        "    ``NOT_IMPLEMENTED`` when Ember does not have this function yet.",
    ]
    if errors:
        lines += ["Run-time errors", "    " + errors]
    lines += ["", "Examples", "--------", ">>> from pyspark.sql import functions as F", ">>> F.%s" % name, "<function %s ...>" % name]
    return "\n".join(lines)


def placeholder_class(name, source, summary, namespace):
    """A PySpark class Ember does not have: importable, and constructing it raises
    ``PySparkNotImplementedError`` naming it."""

    def __init__(self, *args, **kwargs):
        raise namespace["_not_implemented"]("`%s` (%s)" % (name, source))

    return type(name, (), {"__init__": __init__, "__doc__": summary + "\n\nNot implemented in Ember: constructing one raises PySparkNotImplementedError.", "__module__": "pyspark.sql.functions"})
