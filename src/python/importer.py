"""Serves the `pyspark` package embedded in the Ember binary, ahead of any installed one."""
import importlib.abc
import importlib.util
import marshal
import sys


class EmbeddedFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """A meta path finder and loader over {module name: (origin, source, is_package,
    bytecode)}; ``bytecode`` is the marshalled code the build compiled with this Python
    version (``magic``), used as a ``.pyc`` would be, or empty."""

    def __init__(self, sources, magic):
        self.sources = sources
        self.precompiled = magic == importlib.util.MAGIC_NUMBER

    def find_spec(self, fullname, path=None, target=None):
        entry = self.sources.get(fullname)
        if entry is None:
            return None
        origin, _, is_package, _ = entry
        return importlib.util.spec_from_loader(fullname, self, origin=origin, is_package=is_package)

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        origin, source, is_package, bytecode = self.sources[module.__name__]
        module.__file__ = origin
        if is_package:
            module.__path__ = []
        code = marshal.loads(bytecode) if bytecode and self.precompiled else compile(source, origin, "exec")
        exec(code, module.__dict__)

    def get_source(self, fullname):
        entry = self.sources.get(fullname)
        return None if entry is None else entry[1]


def install(sources, magic):
    for name in [n for n in sys.modules if n == "pyspark" or n.startswith("pyspark.")]:
        del sys.modules[name]
    sys.meta_path.insert(0, EmbeddedFinder(sources, magic))
