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

Raises ``ImportError`` when cloudpickle is not installed (``pip install cloudpickle``).
"""
import importlib.util
import os
import sys

_spec = importlib.util.find_spec("cloudpickle")
if _spec is None or _spec.origin is None:
    raise ImportError("pyspark.cloudpickle needs the cloudpickle package: pip install 'cloudpickle>=3.0'")
_module_spec = importlib.util.spec_from_file_location(__name__ + ".cloudpickle", os.path.join(os.path.dirname(_spec.origin), "cloudpickle.py"))
cloudpickle = importlib.util.module_from_spec(_module_spec)
sys.modules[_module_spec.name] = cloudpickle
_module_spec.loader.exec_module(cloudpickle)

from pyspark.cloudpickle.cloudpickle import *  # noqa: E402,F401,F403

__version__ = importlib.import_module("cloudpickle").__version__
