"""What Ember's web UI asks of the Python side (the server is Rust's ``ui`` module).

``start`` starts the UI for a new ``SparkContext`` (Spark's ``SparkUI`` on
``spark.ui.port``); ``environment_json`` and ``storage_json`` answer the UI's
Environment and Storage pages in the shapes of Spark's REST API
(``/api/v1/applications/<id>/environment`` and ``.../storage/rdd``).
"""
import json
import os
import sys

__all__ = ["start", "environment_json", "storage_json"]


def _int_conf(conf, key, default):
    """An int setting; Spark's typed-conf error (``ConfigHelpers.toNumber``) otherwise."""
    value = str(conf.get(key, str(default))).strip()
    try:
        return int(value)
    except ValueError:
        from pyspark.errors import IllegalArgumentException

        raise IllegalArgumentException(message="%s should be int, but was %s" % (key, value)) from None


def start(sc):
    """Starts the web UI for ``sc`` unless ``spark.ui.enabled`` is false; returns its
    URL (with its access token) or None.

    Parameters
    ----------
    sc : SparkContext
        The new context (its engine session must exist); its ``_conf`` gives ``spark.ui.enabled`` (default true),
        ``spark.ui.port`` (default 4040; 0 for any free port) and
        ``spark.port.maxRetries`` (default 16: the ports after ``spark.ui.port`` tried
        when it is taken, as Spark does).

    Returns
    -------
    str or None
        ``http://127.0.0.1:<port>/?token=<token>``; None when the UI is off or no port
        was free (a warning is printed to stderr, and the session goes on).

    Raises
    ------
    IllegalArgumentException
        ``spark.ui.port`` or ``spark.port.maxRetries`` is not an int.

    Examples
    --------
    >>> sc.uiWebUrl is None or sc.uiWebUrl.startswith("http://127.0.0.1:")
    True
    """
    from pyspark import _native

    conf = sc._conf
    if str(conf.get("spark.ui.enabled", "true")).strip().lower() != "true":
        return None
    port = _int_conf(conf, "spark.ui.port", 4040)
    retries = _int_conf(conf, "spark.port.maxRetries", 16)
    user = os.environ.get("SPARK_USER") or os.environ.get("USER") or os.environ.get("LOGNAME") or ""
    try:
        return _native.start_ui(sc._native, port, retries, sc.applicationId, sc.appName, sc._start_time, user)
    except OSError as error:
        sys.stderr.write(
            "WARN SparkUI: the web UI could not start on 127.0.0.1:%d-%d (%s); "
            "set spark.ui.port to a free port, or spark.ui.enabled=false\n" % (port, port + retries, error)
        )
        return None


def _conf_pairs(sc):
    pairs = dict(sc._conf.getAll())
    return sorted([key, str(value)] for key, value in pairs.items())


def environment_json():
    """Spark's environment document as JSON text: ``runtime`` (no JVM: its Java and Scala
    fields are null; Python's version and executable are added), ``sparkProperties``
    (the SparkConf), ``systemProperties`` (the process: Python, working directory, user),
    ``classpathEntries`` (Python's ``sys.path``, Ember's class path), and Spark's other
    lists, empty."""
    from pyspark.core.context import SparkContext

    sc = SparkContext._active_spark_context
    runtime = {
        "javaVersion": None,
        "javaHome": None,
        "scalaVersion": None,
        "pythonVersion": sys.version.split()[0],
        "pythonExecutable": sys.executable,
    }
    system = [
        ["python.version", sys.version],
        ["python.executable", sys.executable],
        ["python.prefix", sys.prefix],
        ["os.name", sys.platform],
        ["user.dir", os.getcwd()],
        ["user.name", os.environ.get("USER", "")],
        ["process.id", str(os.getpid())],
    ]
    for name in ("PYSPARK_PYTHON", "VIRTUAL_ENV", "SPARK_HOME", "SPARK_CONF_DIR"):
        if os.environ.get(name):
            system.append(["env." + name, os.environ[name]])
    document = {
        "runtime": runtime,
        "sparkProperties": _conf_pairs(sc) if sc is not None else [],
        "hadoopProperties": [],
        "systemProperties": sorted(system),
        "metricsProperties": [],
        "classpathEntries": [[path, "Python sys.path"] for path in sys.path if path],
        "resourceProfiles": [],
    }
    return json.dumps(document)


def _storage_entry(rdd_id, name, level, partitions, cached, memory, disk):
    return {
        "id": rdd_id,
        "name": name,
        "numPartitions": partitions,
        "numCachedPartitions": cached,
        "storageLevel": level,
        "memoryUsed": memory,
        "diskUsed": disk,
    }


def storage_json():
    """Spark's ``storage/rdd`` list as JSON text: the cached DataFrames and tables (ids
    from -1 down, as they are not RDDs) and the cached RDDs (their RDD ids) with their
    sizes in bytes. A plan cached but not yet computed has no cached partitions."""
    from pyspark.core.context import SparkContext

    sc = SparkContext._active_spark_context
    entries = []
    if sc is not None:
        for number, (name, level, filled, rows, size, batches) in enumerate(sc._native.cached_plans(), start=1):
            entries.append(_storage_entry(-number, name, level, max(batches, 1), batches if filled else 0, size, 0))
        rdds = sc._rdd_context
        if rdds is not None:
            for rdd_id, partitions, cached, memory, disk in rdds.cached_rdds():
                entries.append(_storage_entry(rdd_id, "RDD %d" % rdd_id, "Memory Serialized 1x Replicated", partitions, cached, memory, disk))
    return json.dumps(entries)
