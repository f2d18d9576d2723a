"""Storage levels: where and how a persisted RDD or DataFrame keeps its partitions.

Ember's version of ``pyspark.storagelevel``. Ember holds every cached partition in the
driver's memory, whatever level is asked for; the level itself is remembered and reported
(``getStorageLevel``, ``DataFrame.storageLevel``) exactly as Spark reports it.
"""
# The words of ``str(level)`` for the three placement flags, in the order Spark prints them.
_PLACES = (("useDisk", "Disk"), ("useMemory", "Memory"), ("useOffHeap", "OffHeap"))


class StorageLevel:
    """A storage level, as given to ``RDD.persist`` and ``DataFrame.persist``
    (mirrors ``pyspark.StorageLevel``).

    Parameters
    ----------
    useDisk : bool
        Partitions may spill to (or live on) disk.
    useMemory : bool
        Partitions are kept in memory.
    useOffHeap : bool
        Memory outside the JVM heap is used.
    deserialized : bool
        Partitions are kept as objects rather than as serialized bytes.
    replication : int, optional
        How many copies are kept (1 by default).

    Levels compare equal when all five settings are equal. As in PySpark, a level
    defines equality but no hash, so it cannot be a dict key or a set member.

    The usual levels are class attributes: ``NONE``, ``DISK_ONLY``, ``DISK_ONLY_2``,
    ``DISK_ONLY_3``, ``MEMORY_ONLY``, ``MEMORY_ONLY_2``, ``MEMORY_AND_DISK``,
    ``MEMORY_AND_DISK_2``, ``OFF_HEAP`` and ``MEMORY_AND_DISK_DESER``.

    Examples
    --------
    >>> level = StorageLevel(True, False, False, True, 2)
    >>> level
    StorageLevel(True, False, False, True, 2)
    >>> print(level)
    Disk Deserialized 2x Replicated
    >>> StorageLevel(True, True, False, False) == StorageLevel.MEMORY_AND_DISK
    True
    """

    def __init__(self, useDisk, useMemory, useOffHeap, deserialized, replication=1):
        self.useDisk, self.useMemory, self.useOffHeap = useDisk, useMemory, useOffHeap
        self.deserialized, self.replication = deserialized, replication

    def _settings(self):
        """The five settings, in constructor order."""
        return (self.useDisk, self.useMemory, self.useOffHeap, self.deserialized, self.replication)

    def __repr__(self):
        # Each setting is formatted with str(), as PySpark does: StorageLevel(True, ...).
        return "StorageLevel(" + ", ".join(str(setting) for setting in self._settings()) + ")"

    def __str__(self):
        # For example "Disk Memory Serialized 1x Replicated"; only flags that are set appear.
        words = [word for flag, word in _PLACES if getattr(self, flag)]
        words.append("Deserialized" if self.deserialized else "Serialized")
        words.append("{}x Replicated".format(self.replication))
        return " ".join(words)

    def __eq__(self, other):
        if not isinstance(other, StorageLevel):
            return False
        return self._settings() == other._settings()

    # Defining __eq__ alone leaves instances unhashable, which is what PySpark does too.
    __hash__ = None  # type: ignore[assignment]


def _define_levels():
    """Attaches the named levels to ``StorageLevel`` (flags: disk, memory, off-heap,
    deserialized; then the replication)."""
    table = {
        "NONE": (False, False, False, False, 1),
        "DISK_ONLY": (True, False, False, False, 1),
        "DISK_ONLY_2": (True, False, False, False, 2),
        "DISK_ONLY_3": (True, False, False, False, 3),
        "MEMORY_ONLY": (False, True, False, False, 1),
        "MEMORY_ONLY_2": (False, True, False, False, 2),
        "MEMORY_AND_DISK": (True, True, False, False, 1),
        "MEMORY_AND_DISK_2": (True, True, False, False, 2),
        "OFF_HEAP": (True, True, True, False, 1),
        "MEMORY_AND_DISK_DESER": (True, True, False, True, 1),
    }
    for name, settings in table.items():
        setattr(StorageLevel, name, StorageLevel(*settings))


_define_levels()

__all__ = [StorageLevel.__name__]
