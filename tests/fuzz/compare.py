"""How the fuzzer decides that two engines agree on one pipeline (``run_pipelines.py``'s
results): the same error class and condition, or the same schema and the same rows. Rows
compare as a multiset; when the pipeline ends in a sort they must also come in the same
order of the sort's columns (rows that tie on those may come in either order, as in Spark).
"""
import json


def _key(row):
    return json.dumps(row, sort_keys=True, ensure_ascii=False)


def difference(expected, actual):
    """None when ``actual`` agrees with ``expected``, else a one-line reason."""
    if "error" in expected or "error" in actual:
        if expected.get("error") == actual.get("error"):
            return None
        return f"PySpark: {expected.get('error') or 'rows'}; Ember: {actual.get('error') or 'rows'}"
    if expected["schema"] != actual["schema"]:
        return f"schema: PySpark {expected['schema']}; Ember {actual['schema']}"
    want, got = expected["rows"], actual["rows"]
    if sorted(map(_key, want)) != sorted(map(_key, got)):
        missing = sorted(set(map(_key, want)) - set(map(_key, got)))[:2]
        extra = sorted(set(map(_key, got)) - set(map(_key, want)))[:2]
        return (f"rows: {len(want)} in PySpark, {len(got)} in Ember; "
                f"only in PySpark {missing}; only in Ember {extra}")
    order = expected.get("order")
    if order:
        names = _field_names(expected["schema"])
        positions = [names.index(n) for n in order if n in names]
        project = lambda rows: [_key([row[i] for i in positions]) for row in rows]  # noqa: E731
        if project(want) != project(got):
            return f"order of {order} differs"
    return None


def _field_names(schema):
    """The top-level field names of a ``struct<a:int,b:string>`` simple string."""
    body = schema[len("struct<"):-1]
    names, depth, start = [], 0, 0
    for i, ch in enumerate(body + ","):
        if ch in "<(":
            depth += 1
        elif ch in ">)":
            depth -= 1
        elif ch == "," and depth == 0:
            field = body[start:i]
            names.append(field.split(":", 1)[0].strip("`"))
            start = i + 1
    return names
