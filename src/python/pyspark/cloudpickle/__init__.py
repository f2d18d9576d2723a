"""``pyspark.cloudpickle``: the installed cloudpickle package (3.x), under PySpark's name.

PySpark ships a copy of cloudpickle as ``pyspark.cloudpickle``, so the functions it pickles
(UDFs, RDD lambdas) refer to helpers such as ``pyspark.cloudpickle.cloudpickle._make_function``.
A Spark Connect server's Python workers unpickle Ember's UDFs with that copy; so Ember loads
the user's cloudpickle module a second time under this name, and what it pickles names the
same helpers as PySpark's pickles do. Use it as PySpark's::

    >>> from pyspark import cloudpickle
    >>> import pickle
    >>> pickle.loads(cloudpickle.dumps(lambda x: x + 1))(41)
    42

``dumps`` keeps each pickled function's source file name, as PySpark's copy does
(cloudpickle 3 writes ``<dynamic-code>``), so that a worker's traceback names the user's
file and shows its line.

Raises ``ImportError`` when cloudpickle is not installed (``pip install cloudpickle``).
"""
import collections
import importlib.util
import io
import os
import sys
import types

_spec = importlib.util.find_spec("cloudpickle")
if _spec is None or _spec.origin is None:
    raise ImportError("pyspark.cloudpickle needs the cloudpickle package: pip install 'cloudpickle>=3.0'")
_module_spec = importlib.util.spec_from_file_location(__name__ + ".cloudpickle", os.path.join(os.path.dirname(_spec.origin), "cloudpickle.py"))
cloudpickle = importlib.util.module_from_spec(_module_spec)
sys.modules[_module_spec.name] = cloudpickle
_module_spec.loader.exec_module(cloudpickle)

from pyspark.cloudpickle.cloudpickle import *  # noqa: E402,F401,F403

__version__ = importlib.import_module("cloudpickle").__version__


def _code_reduce_keeping_filename(code):
    """cloudpickle's reduction of a code object, with the object's own ``co_filename``
    where cloudpickle puts its placeholder."""
    constructor, arguments = cloudpickle._code_reduce(code)
    arguments = tuple(code.co_filename if a == "<dynamic-code>" and isinstance(a, str) else a for a in arguments)
    return constructor, arguments


class _Pickler(cloudpickle.Pickler):
    """cloudpickle's pickler whose code objects keep their file names."""

    dispatch_table = collections.ChainMap({types.CodeType: _code_reduce_keeping_filename}, cloudpickle.Pickler.dispatch_table)


def dumps(obj, protocol=None, buffer_callback=None):
    """``obj`` pickled by value as cloudpickle pickles it, each function keeping the name
    of the file it was defined in (PySpark's ``cloudpickle.dumps``).

    Parameters
    ----------
    obj : object
    protocol : int, optional
        The pickle protocol; cloudpickle's default when ``None``.
    buffer_callback : callable, optional
        As ``pickle.Pickler``'s.

    Returns
    -------
    bytes
    """
    with io.BytesIO() as file:
        _Pickler(file, protocol=protocol, buffer_callback=buffer_callback).dump(obj)
        return file.getvalue()
