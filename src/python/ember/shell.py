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
    ``namespace`` whose ``runsource`` reads each input with the shell's one input
    classifier (:func:`ember.inputs.classify`): ``True`` while more lines are needed, as
    Python's own console answers. A ``%%`` cell ends at a blank line."""
    import code

    from ember import inputs as _ember_inputs
    from ember import magics as _ember_magics

    _ember_magics._interactive[0] = True

    class ShellInterpreter(code.InteractiveInterpreter):
        # Each complete input is compiled as `<python-input-N>` and kept in linecache, as
        # Python 3.13's REPL does, so that tracebacks show it and `obj??` finds its source.
        inputs = 0

        def runsource(self, source, filename="<input>", symbol="single"):
            filename = "<python-input-%d>" % self.inputs
            try:
                statements = _ember_inputs.classify(source, filename, True, self.compile)
            except (OverflowError, SyntaxError, ValueError):
                statements = []
                self.showsyntaxerror(filename)
            if statements is None:
                return True
            for _text, compiled in statements:
                self.runcode(compiled)
            self.inputs += 1
            _ember_magics.record(source)
            return False

    return ShellInterpreter(namespace)
