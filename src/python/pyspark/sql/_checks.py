"""Argument checks of the DataFrame API that end in PySpark's own conditions."""
from pyspark.errors import PySparkTypeError


def require_type(arg_name, value, types, expected_type):
    """Passes when ``value`` is an instance of ``types``; otherwise raises
    ``PySparkTypeError`` with ``NOT_EXPECTED_TYPE``, naming ``arg_name`` and the
    ``expected_type`` text (``"str"``, ``"list or tuple"``)."""
    if isinstance(value, types):
        return
    parameters = {"arg_name": arg_name, "expected_type": expected_type, "arg_type": type(value).__name__}
    raise PySparkTypeError(errorClass="NOT_EXPECTED_TYPE", messageParameters=parameters)
