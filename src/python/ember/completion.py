"""Tab completion for Ember's shell (``src/repl/completer.rs`` calls ``complete``).

Candidates come from the live namespace without running a Spark job or a property with
side effects: attributes are looked up with ``inspect.getattr_static``, and only the
side-effect-free properties of Spark's entry points in ``SAFE_PROPERTIES`` are read.
Like IPython's completer, it offers Python names, attributes, dict keys, keyword
arguments (``inspect.signature``), DataFrame column names (from the schema, which needs
no job), ``pyspark.sql.functions`` names, file paths inside string literals, and the
magics of ``ember.magics``.
"""
import builtins
import glob
import inspect
import keyword
import os
import re

# Properties that only build objects or read a schema: reading them runs no job.
SAFE_PROPERTIES = {
    "read", "readStream", "conf", "catalog", "udf", "udtf", "sparkContext", "version",
    "write", "writeStream", "na", "stat", "columns", "dtypes", "schema", "isStreaming",
    "defaultParallelism", "master", "appName", "startTime",
}

_IDENTIFIER_TAIL = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)*\s*\.?\s*[A-Za-z0-9_]*$")
_SUBSCRIPT_STRING = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)\s*\[\s*$")
_COLUMN_CALL = re.compile(r"(?:\b[A-Za-z_][A-Za-z0-9_]*\s*\.\s*)?\b(?:col|column)\s*\(\s*$")


def _open_string(text):
    """``(quote index, quote)`` of the string literal the text ends inside, or None."""
    quote, start, i = None, None, 0
    while i < len(text):
        ch = text[i]
        if quote is None:
            if ch == "#":
                return None
            if ch in "\"'":
                triple = text[i:i + 3] == ch * 3
                quote, start = (ch * 3 if triple else ch), i
                i += 3 if triple else 1
                continue
        elif ch == "\\":
            i += 2
            continue
        elif text.startswith(quote, i):
            i += len(quote)
            quote = None
            continue
        i += 1
    return (start, quote) if quote is not None else None


def _lookup(name, namespace):
    if name in namespace:
        return True, namespace[name]
    if hasattr(builtins, name):
        return True, getattr(builtins, name)
    return False, None


def _is_dataframe(value):
    from pyspark.sql.dataframe import DataFrame

    return isinstance(value, DataFrame)


def _safe_attribute(value, name):
    """``(found, attribute)`` without running a property, except the safe ones."""
    try:
        static = inspect.getattr_static(value, name)
    except AttributeError:
        if _is_dataframe(value) and name in _columns(value):
            return True, value[name]
        return False, None
    if isinstance(static, property) or (hasattr(static, "__get__") and not callable(static) and not isinstance(static, (staticmethod, classmethod))):
        if name not in SAFE_PROPERTIES or not type(value).__module__.startswith("pyspark"):
            return False, None
    try:
        return True, getattr(value, name)
    except Exception:  # noqa: BLE001 - a failing attribute offers no completions
        return False, None


def _evaluate(expression, namespace):
    """The value of a dotted name (``a.b.c``), or (False, None)."""
    parts = [p.strip() for p in expression.split(".")]
    found, value = _lookup(parts[0], namespace)
    for part in parts[1:]:
        if not found:
            break
        found, value = _safe_attribute(value, part)
    return found, value


def _columns(frame):
    try:
        return list(frame.columns)
    except Exception:  # noqa: BLE001 - an unresolvable plan has no columns to offer
        return []


def _attributes(value):
    try:
        names = dir(value)
    except Exception:  # noqa: BLE001
        names = []
    if _is_dataframe(value):
        names = list(set(names) | {c for c in _columns(value) if c.isidentifier()})
    return names


def _keyword_arguments(text, namespace):
    """``name=`` for the parameters of the call the text ends inside."""
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        ch = text[i]
        if ch in ")]}":
            depth += 1
        elif ch in "([{":
            if depth == 0:
                if ch != "(":
                    return []
                match = re.search(r"([A-Za-z_][A-Za-z0-9_.]*)\s*$", text[:i])
                if not match:
                    return []
                found, function = _evaluate(match.group(1), namespace)
                if not found or not callable(function):
                    return []
                try:
                    parameters = inspect.signature(function).parameters.values()
                except (TypeError, ValueError):
                    return []
                return [p.name + "=" for p in parameters if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
            depth -= 1
    return []


def _in_string(text, start, quote, namespace):
    """Completions inside a string literal: dict keys and columns after ``x[``, columns
    inside ``col("``, otherwise file paths."""
    prefix = text[start + len(quote):]
    before = text[:start]
    subscript = _SUBSCRIPT_STRING.search(before)
    if subscript:
        found, value = _evaluate(subscript.group(1), namespace)
        if found and _is_dataframe(value):
            return len(text) - len(prefix), [c for c in _columns(value) if c.startswith(prefix)]
        if found and isinstance(value, dict):
            return len(text) - len(prefix), [k for k in value if isinstance(k, str) and k.startswith(prefix)]
    if _COLUMN_CALL.search(before):
        names = set()
        for value in list(namespace.values()):
            if _is_dataframe(value):
                names.update(_columns(value))
        return len(text) - len(prefix), sorted(n for n in names if n.startswith(prefix))
    return len(text) - len(prefix), _paths(prefix)


def _paths(prefix):
    expanded = os.path.expanduser(prefix)
    matches = []
    for path in sorted(glob.glob(glob.escape(expanded) + "*")):
        shown = prefix + path[len(expanded):]
        matches.append(shown + ("/" if os.path.isdir(path) else ""))
    return matches


SQL_KEYWORDS = [
    "ALL", "AND", "AS", "ASC", "BETWEEN", "BY", "CASE", "CAST", "CROSS", "DESC", "DISTINCT",
    "ELSE", "END", "EXCEPT", "EXISTS", "FALSE", "FROM", "FULL", "GROUP", "HAVING", "IN", "INNER",
    "INTERSECT", "IS", "JOIN", "LEFT", "LIKE", "LIMIT", "NOT", "NULL", "NULLS", "ON", "OR",
    "ORDER", "OUTER", "OVER", "PARTITION", "RIGHT", "SELECT", "SHOW", "TABLES", "THEN", "TRUE",
    "UNION", "USING", "VALUES", "WHEN", "WHERE", "WITH",
]


def _sql_completions(text, namespace):
    """Inside ``%sql`` / ``%%sql``: SQL keywords, the session's tables and views, and
    their columns (from the catalog and the schema: no job runs)."""
    match = re.search(r"[A-Za-z_][A-Za-z0-9_]*$", text)
    partial = match.group(0) if match else ""
    names = set(SQL_KEYWORDS)
    spark = namespace.get("spark")
    if spark is not None:
        try:
            tables = [table.name for table in spark.catalog.listTables()]
        except Exception:  # noqa: BLE001 - no catalog, no table names
            tables = []
        names.update(tables)
        mentioned = {w.lower() for w in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text)}
        for table in tables:
            if table.lower() in mentioned:
                try:
                    names.update(spark.table(table).columns)
                except Exception:  # noqa: BLE001
                    pass
    upper = partial.upper()
    candidates = sorted(n for n in names if n.startswith(partial) or (n in SQL_KEYWORDS and n.startswith(upper) and partial))
    return len(text) - len(partial), candidates


def complete(text, namespace):
    """Completions of ``text`` (the line up to the cursor) in ``namespace``.

    Returns ``(start, candidates)``: the candidates replace ``text[start:]``.
    """
    sql = re.match(r"^\s*%%?sql\b(.*)$", text, re.S)
    if sql:
        return _sql_completions(text, namespace)
    magic = re.match(r"^\s*(%%?)([A-Za-z_]*)$", text)
    if magic:
        from ember import magics as _ember_magics

        partial = magic.group(2)
        return len(text) - len(partial) - len(magic.group(1)), [magic.group(1) + n for n in _ember_magics.names() if n.startswith(partial)]
    string = _open_string(text)
    if string is not None:
        return _in_string(text, string[0], string[1], namespace)
    match = _IDENTIFIER_TAIL.search(text)
    word = match.group(0) if match else ""
    if "." in word:
        head, _, partial = word.rpartition(".")
        found, value = _evaluate(head, namespace)
        if not found:
            return len(text), []
        names = [n for n in _attributes(value) if n.startswith(partial) and (partial.startswith("_") or not n.startswith("_"))]
        return len(text) - len(partial.lstrip()), sorted(names)
    partial = word
    names = set(namespace) | set(dir(builtins)) | set(keyword.kwlist)
    names.update(_keyword_arguments(text[: len(text) - len(partial)], namespace))
    candidates = sorted(n for n in names if n.startswith(partial) and (partial.startswith("_") or not n.startswith("_")))
    return len(text) - len(partial), candidates
