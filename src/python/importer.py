"""Serves the `pyspark` package embedded in the Ember binary, ahead of any installed one."""
import marshal
import sys
from importlib.machinery import ModuleSpec

# importlib.util's MAGIC_NUMBER, read where importlib.util reads it: importing importlib.util
# or importlib.abc at start-up would load importlib.resources, tempfile and zipfile (about
# 20 ms on Python 3.11) for nothing.
from _frozen_importlib_external import MAGIC_NUMBER


class EmbeddedFinder:
    """A meta path finder and loader (the protocols of importlib.abc's MetaPathFinder and
    Loader) over {module name: (origin, index, is_package, bytecode)}; ``bytecode`` is
    the marshalled code the build compiled with this Python version (``magic``), used as
    a ``.pyc`` would be, or empty; ``source_of(index)`` gives a file's source text."""

    def __init__(self, sources, magic, source_of):
        self.sources = sources
        self.precompiled = magic == MAGIC_NUMBER
        self.source_of = source_of

    def find_spec(self, fullname, path=None, target=None):
        entry = self.sources.get(fullname)
        if entry is None:
            return None
        origin, _, is_package, _ = entry
        return ModuleSpec(fullname, self, origin=origin, is_package=is_package)

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        origin, index, is_package, bytecode = self.sources[module.__name__]
        module.__file__ = origin
        if is_package:
            module.__path__ = []
        code = marshal.loads(bytecode) if bytecode and self.precompiled else compile(self.source_of(index), origin, "exec")
        exec(code, module.__dict__)

    def get_source(self, fullname):
        entry = self.sources.get(fullname)
        return None if entry is None else self.source_of(entry[1])


def install(sources, magic, source_of):
    for name in [n for n in sys.modules if n == "pyspark" or n.startswith("pyspark.")]:
        del sys.modules[name]
    sys.meta_path.insert(0, EmbeddedFinder(sources, magic, source_of))
