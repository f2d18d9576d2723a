"""Start-up of Ember's shell: creates ``sc``, ``spark``, ``sql`` and ``sqlContext``
(PySpark's ``pyspark/shell.py``)."""


def bootstrap(namespace, master, app_name, confs):
    """Creates the session objects in ``namespace`` (the ``__main__`` globals)."""
    from pyspark.conf import SparkConf
    from pyspark.context import SparkContext
    from pyspark.sql import SparkSession

    conf = SparkConf().setAll(confs).setMaster(master).setAppName(app_name)
    sc = SparkContext.getOrCreate(conf=conf)
    spark = SparkSession(sc, options={k: v for k, v in confs if not k in ("spark.master",)})
    namespace["sc"] = sc
    namespace["spark"] = spark
    namespace["sql"] = spark.sql
    namespace["sqlContext"] = spark
    return namespace


def interpreter(namespace):
    """The interactive shell's interpreter: ``code.InteractiveInterpreter`` over
    ``namespace`` whose ``runsource`` first turns magic, ``!`` and ``?`` lines into calls
    (``ember.magics.transform``), then compiles with ``codeop`` and says whether
    more input is needed, as Python's own console does. A ``%%`` cell ends at a blank line."""
    import code

    from ember import magics as _ember_magics

    _ember_magics._interactive[0] = True

    class ShellInterpreter(code.InteractiveInterpreter):
        # Each complete input is compiled as `<python-input-N>` and kept in linecache, as
        # Python 3.13's REPL does, so that tracebacks show it and `obj??` finds its source.
        inputs = 0

        def runsource(self, source, filename="<input>", symbol="single"):
            if source.lstrip().startswith("%%") and not source.endswith("\n"):
                return True
            transformed = _ember_magics.transform(source)
            if transformed != source:
                symbol = "exec" if "\n" in transformed.strip() else symbol
            filename = "<python-input-%d>" % self.inputs
            _ember_magics.remember_source(filename, source)
            more = super().runsource(transformed, filename, symbol)
            if not more:
                self.inputs += 1
                _ember_magics.record(source)
            return more

    return ShellInterpreter(namespace)
