"""The PySpark version Ember's API follows."""
__version__ = "4.3.0"
