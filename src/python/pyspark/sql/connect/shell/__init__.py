"""``pyspark.sql.connect.shell``: the Spark Connect shell's helpers (``progress``)."""
