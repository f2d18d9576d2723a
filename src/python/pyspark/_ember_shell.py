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
    ``namespace``; its ``runsource`` compiles with ``codeop`` and says whether more input
    is needed, as Python's own console does."""
    import code

    return code.InteractiveInterpreter(namespace)
