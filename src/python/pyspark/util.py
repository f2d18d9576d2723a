"""``pyspark.util``: ``InheritableThread``, a thread that carries the job group and tags
of the thread that created it (PySpark's ``InheritableThread``)."""
import threading

__all__ = ["InheritableThread"]


class InheritableThread(threading.Thread):
    """A ``threading.Thread`` whose jobs keep the creating thread's job group, description,
    tags and local properties."""

    def __init__(self, target, *args, session=None, **kwargs):
        from pyspark import _ember_jobs

        inherited = dict(vars(_ember_jobs.state()))

        def copy_local_properties(*a, **k):
            local = _ember_jobs.state()
            for key, value in inherited.items():
                setattr(local, key, set(value) if isinstance(value, set) else dict(value) if isinstance(value, dict) else value)
            return target(*a, **k)

        super().__init__(target=copy_local_properties, *args, **kwargs)
