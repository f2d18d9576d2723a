"""Ember's shell, embedded beside ``pyspark``: the interpreter loop (``shell``), IPython-like
magics (``magics``) and tab completion (``completion``). The ``pyspark`` package never
imports this one; the shell imports both."""
