"""Names of a package imported on first use (PEP 562's module ``__getattr__``), which
keeps their modules out of the shell's start-up and out of RDD worker processes."""
import importlib


def lazy_names(namespace, names):
    """The ``__getattr__`` and ``__dir__`` of the module whose globals are ``namespace``:
    each name of ``names`` (name to the module that defines it) is imported on first
    access and then kept in ``namespace``.

    Parameters
    ----------
    namespace : dict
        The package's ``globals()``.
    names : dict of str to str
        Attribute name to the module it comes from.

    Returns
    -------
    tuple of (function, function)
        ``__getattr__`` (raises ``AttributeError`` for other names, as a module does)
        and ``__dir__``.

    Examples
    --------
    >>> import pyspark.sql
    >>> pyspark.sql.Window.__module__
    'pyspark.sql.window'
    """

    def __getattr__(name):
        module = names.get(name)
        if module is None:
            raise AttributeError("module %r has no attribute %r" % (namespace["__name__"], name))
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def __dir__():
        return sorted(set(namespace) | set(names))

    return __getattr__, __dir__
