"""The calling thread's job properties and the session's progress handlers, for Ember's
jobs model (the Rust ``jobs`` registry that both engines feed).

Each thread has its own job group and description (``sc.setJobGroup``), local properties,
and tags (``sc.addJobTag``, ``spark.addTag``), as in Spark. The engines read them through
``current_properties()`` when an action starts a job. Progress handlers
(``spark.registerProgressHandler``) are called through ``report`` with Spark Connect's
``ProgressHandler`` arguments.
"""
import os
import sys
import threading

_local = threading.local()

# The registered progress handlers, in order (Spark Connect's ``SparkSession._progress_handlers``).
handlers = []
_handlers_lock = threading.Lock()

# The directory of the embedded package's files: frames there are not the user's.
_PACKAGE = os.path.dirname(__file__) + "/"


def state():
    """This thread's job properties, created on first use."""
    if not hasattr(_local, "group"):
        _local.group = None
        _local.description = None
        _local.properties = {}
        _local.job_tags = set()
        _local.session_tags = set()
    return _local


def call_site():
    """Spark's call site of the running action: the outermost ``pyspark`` function the user
    called and the user's file and line, ``collect at <stdin>:3``."""
    frame = sys._getframe(1)
    action = None
    while frame is not None:
        filename = frame.f_code.co_filename
        if filename.startswith(_PACKAGE):
            action = frame.f_code.co_name
        elif action is not None:
            return "%s at %s:%d" % (action, os.path.basename(filename) if not filename.startswith("<") else filename, frame.f_lineno)
        frame = frame.f_back
    return action or ""


def current_properties():
    """``(group, description, tags, call_site)`` of the job this thread starts now."""
    local = state()
    return (local.group, local.description, sorted(local.job_tags | local.session_tags), call_site())


def validate_tag(tag):
    """Raises Spark Connect's errors for a tag that is None, empty or contains a comma."""
    from pyspark.errors import PySparkValueError

    if tag is None:
        raise PySparkValueError(errorClass="CANNOT_BE_NONE", messageParameters={"arg_name": "Spark Connect tag"})
    if "," in tag:
        raise PySparkValueError(errorClass="VALUE_ALLOWED", messageParameters={"arg_name": "Spark Connect tag", "disallowed_value": ","})
    if len(tag) == 0:
        raise PySparkValueError(errorClass="VALUE_NOT_NON_EMPTY_STR", messageParameters={"arg_name": "Spark Connect tag", "arg_value": tag})


def _update_hook(interval_ms=None):
    from pyspark import _native

    _native.set_progress_hook(report if handlers else None, interval_ms if interval_ms is not None else _interval[0])


# How often handlers hear of a running job, in milliseconds (the console bar's interval).
_interval = [200]


def add_handler(handler):
    with _handlers_lock:
        handlers.append(handler)
        _update_hook()


def remove_handler(handler):
    with _handlers_lock:
        if handler in handlers:
            handlers.remove(handler)
        _update_hook()


def clear_handlers():
    with _handlers_lock:
        handlers.clear()
        _update_hook()


def report(stages, inflight_tasks, operation_id, done):
    """Calls every handler with Spark Connect's arguments: ``stages`` (a list of
    ``StageInfo``), ``inflight_tasks``, ``operation_id`` and ``done``."""
    from pyspark.sql.connect.shell.progress import StageInfo

    infos = [StageInfo(stage_id=s, num_tasks=n, num_completed_tasks=c, num_bytes_read=b, done=d) for s, n, c, b, d in stages]
    for handler in list(handlers):
        handler(stages=infos, inflight_tasks=inflight_tasks, operation_id=operation_id, done=done)


def configure_progress(conf_get):
    """Applies ``spark.ui.showConsoleProgress`` (default true in the shell; drawn only on
    a terminal) and ``spark.ui.consoleProgress.update.interval`` (ms, default 200), read
    with ``conf_get(key, default)``. Returns whether the bar is on."""
    from pyspark import _native

    show = str(conf_get("spark.ui.showConsoleProgress", "true")).strip().lower() == "true"
    try:
        interval = int(str(conf_get("spark.ui.consoleProgress.update.interval", "200")).strip().rstrip("ms"))
    except ValueError:
        interval = 200
    interval = max(interval, 10)
    _interval[0] = interval
    with _handlers_lock:
        _update_hook(interval)
    return _native.configure_progress_bar(show, interval)
