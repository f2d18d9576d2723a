"""The differential fuzzer's generator: from one integer seed, the Python source of a random
DataFrame pipeline over random small typed tables.

The source is plain PySpark. It runs in a namespace holding ``spark``, ``F``
(``pyspark.sql.functions``), ``Window``, ``Decimal``, ``datetime`` and ``math``, and leaves
two names behind:
- ``df``: the pipeline's DataFrame, not yet collected;
- ``ORDER``: the names of the columns its last step sorts by, in order, or None when the
  rows come in no defined order.

The same seed gives the same source on any CPython 3 (``random.Random`` with an integer
seed, ``randrange``, ``choice`` and ``random`` only), so one file of seeds names a run.

Tables have 0 to 10 rows. Their values lean to the edges: nulls, NaN (with either sign bit),
±0.0, infinities, the limits of INT and BIGINT, decimals near their precision, Unicode text,
dates around the epoch and the Unix limits, and timestamps at the daylight-saving changes of
America/Los_Angeles (the session time zone ``run_pipelines.py`` sets). No naive timestamp
falls in the hour the clocks repeat: PySpark reads those with ``time.mktime``, whose choice
between the two instants depends on the process's earlier calls.

Steps: ``select``, ``filter`` and ``withColumn`` with Spark functions; ``groupBy().agg``;
joins of every type; window functions; ``orderBy`` (with ``limit``); ``distinct``;
``union``; casts.

Usage: ``python generate.py SEED`` prints one pipeline's source.
"""
import random
import sys

TYPES = ["int", "bigint", "double", "string", "boolean", "decimal", "date", "timestamp"]
DDL = {
    "int": "INT", "bigint": "BIGINT", "double": "DOUBLE", "string": "STRING",
    "boolean": "BOOLEAN", "decimal": "DECIMAL(10,2)", "date": "DATE", "timestamp": "TIMESTAMP",
}
NUMERIC = ["int", "bigint", "double", "decimal"]
CAST_NAMES = {
    "int": "int", "bigint": "bigint", "double": "double", "string": "string",
    "boolean": "boolean", "decimal": "decimal(10,2)", "date": "date", "timestamp": "timestamp",
}

# The casts Spark allows from each type (most cast steps pick one of these; some pick any
# type, to check that both engines refuse the same casts).
CASTS = {
    "int": NUMERIC + ["string", "boolean"], "bigint": NUMERIC + ["string", "boolean"],
    "double": NUMERIC + ["string", "boolean"], "decimal": NUMERIC + ["string", "boolean"],
    "string": TYPES, "boolean": NUMERIC + ["string", "boolean"],
    "date": ["string", "date", "timestamp"], "timestamp": ["string", "date", "timestamp"],
}

# Edge values of each type, written as Python source.
EDGES = {
    "int": ["0", "1", "-1", "2", "7", "-3", "100", "2147483647", "-2147483648", "65"],
    "bigint": ["0", "1", "-1", "42", "9223372036854775807", "-9223372036854775808",
               "4294967296", "-7"],
    "double": ["0.0", "-0.0", "1.0", "-1.5", "2.5", "0.1", "3.14159", "1e308", "-1e308",
               "5e-324", "float('nan')", "float('inf')", "float('-inf')", "1e15", "123.456"],
    "string": ["''", "'a'", "'abc'", "'Abc Def'", "' pad '", "'ß'", "'ǅungla'", "'İ'",
               "'日本語'", "'🙂x'", "'123'", "'-7'", "'1.5'", "'1e3'", "'NaN'", "'true'",
               "'2024-03-10'", "'1970-01-01 00:00:00'", "'x,y'", "'a%b_c'"],
    "boolean": ["True", "False"],
    "decimal": ["Decimal('0.00')", "Decimal('1.50')", "Decimal('-2.25')",
                "Decimal('99999999.99')", "Decimal('-99999999.99')", "Decimal('0.01')",
                "Decimal('12345.67')", "Decimal('0.05')"],
    "date": ["datetime.date(1970, 1, 1)", "datetime.date(1969, 12, 31)",
             "datetime.date(1970, 1, 2)", "datetime.date(2000, 2, 29)",
             "datetime.date(2024, 3, 10)", "datetime.date(2024, 11, 3)",
             "datetime.date(1, 1, 1)", "datetime.date(9999, 12, 31)",
             "datetime.date(2038, 1, 19)", "datetime.date(1900, 3, 1)"],
    "timestamp": ["datetime.datetime(1970, 1, 1, 0, 0)",
                  "datetime.datetime(1969, 12, 31, 23, 59, 59, 999999)",
                  "datetime.datetime(2024, 3, 10, 1, 59, 59)",
                  "datetime.datetime(2024, 3, 10, 3, 0)",
                  "datetime.datetime(2024, 11, 3, 0, 59, 59)",
                  "datetime.datetime(2024, 11, 3, 2, 0, 0, 1)",
                  "datetime.datetime(2000, 2, 29, 12, 0)",
                  "datetime.datetime(2021, 6, 15, 8, 45, 30, 123456)"],
}


class Generator:
    """The state of one pipeline's generation: the random source and fresh names."""

    def __init__(self, seed):
        self.r = random.Random(seed)
        # The sign of each NaN comes from a stream of its own, so that the pipelines of
        # the main stream stay what they were when the regression seeds were chosen.
        self.signs = random.Random(seed + 2**40)
        self.counter = 0
        self.lines = []

    def fresh(self, prefix):
        self.counter += 1
        return f"{prefix}{self.counter}"

    def chance(self, p):
        return self.r.random() < p

    # -- values and tables ------------------------------------------------------------

    def value(self, kind):
        if self.chance(0.15):
            return "None"
        if kind == "int" and self.chance(0.4):
            return str(self.r.randrange(-5, 6))
        if kind == "double" and self.chance(0.3):
            return repr(round(self.r.uniform(-100, 100), self.r.randrange(0, 4)))
        if kind == "string" and self.chance(0.3):
            return repr("".join(self.r.choice("abcxyzAB 01é") for _ in range(self.r.randrange(0, 6))))
        value = self.r.choice(EDGES[kind])
        if value == "float('nan')" and self.signs.random() < 0.5:
            # The NaN with its sign bit set, which x86 arithmetic makes (0.0 / 0.0).
            return "-float('nan')"
        return value

    def table(self, key):
        """A new table: the columns' names and types, and the variable holding it."""
        columns = [(key, "int")]
        for _ in range(self.r.randrange(1, 4)):
            columns.append((self.fresh("c"), self.r.choice(TYPES)))
        rows = []
        for _ in range(self.r.randrange(0, 11)):
            cells = []
            for name, kind in columns:
                cells.append(self.r.choice(["0", "1", "2", "None"]) if name == key else self.value(kind))
            rows.append("(" + ", ".join(cells) + ",)")
        schema = ", ".join(f"{name} {DDL[kind]}" for name, kind in columns)
        variable = self.fresh("t")
        self.lines.append(f"{variable} = spark.createDataFrame([{', '.join(rows)}], {schema!r})")
        return variable, dict(columns)

    # -- expressions ------------------------------------------------------------------

    def literal(self, kind):
        value = self.value(kind)
        if value == "None":
            return f"F.lit(None).cast({CAST_NAMES[kind]!r})"
        return f"F.lit({value})"

    def leaf(self, kind, columns):
        names = [name for name, k in columns.items() if k == kind]
        if names and self.chance(0.75):
            return f"F.col({self.r.choice(names)!r})"
        return self.literal(kind)

    def expr(self, kind, columns, depth):
        if depth <= 0 or self.chance(0.3):
            return self.leaf(kind, columns)
        e = lambda k: self.expr(k, columns, depth - 1)  # noqa: E731
        n = lambda: self.r.choice(NUMERIC)  # noqa: E731
        choice = self.r.choice
        if kind in ("int", "bigint"):
            options = [
                lambda: f"({e(kind)} {choice(['+', '-', '*'])} {e(kind)})",
                lambda: f"({e(kind)} % {e(kind)})",
                lambda: f"F.abs({e(kind)})",
                lambda: f"F.greatest({e(kind)}, {e(kind)})",
                lambda: f"F.least({e(kind)}, {e(kind)})",
                lambda: f"F.coalesce({e(kind)}, {e(kind)})",
                lambda: f"F.when({e('boolean')}, {e(kind)}).otherwise({e(kind)})",
                lambda: f"F.pmod({e(kind)}, {e(kind)})",
                lambda: f"{e(choice(['string', 'double', 'decimal', 'boolean', 'int', 'bigint']))}.cast({kind!r})",
            ]
            if kind == "int":
                options += [
                    lambda: f"F.length({e('string')})",
                    lambda: f"F.{choice(['year', 'month', 'dayofmonth', 'dayofweek', 'dayofyear', 'weekofyear', 'quarter'])}({e('date')})",
                    lambda: f"F.datediff({e('date')}, {e('date')})",
                    lambda: f"F.instr({e('string')}, {choice(['a', 'b', '', 'é'])!r})",
                    lambda: f"F.{choice(['hour', 'minute', 'second'])}({e('timestamp')})",
                    lambda: f"F.ascii({e('string')})",
                    lambda: f"F.locate({choice(['a', 'x'])!r}, {e('string')})",
                ]
            else:
                options += [
                    lambda: f"F.{choice(['floor', 'ceil'])}({e('double')})",
                    lambda: f"F.unix_timestamp({e('timestamp')})",
                    lambda: f"F.shiftleft({e('bigint')}, {self.r.randrange(0, 70)})",
                ]
            return choice(options)()
        if kind == "double":
            options = [
                lambda: f"({e(n())} / {e(n())}).cast('double')",
                lambda: f"({e('double')} {choice(['+', '-', '*', '/'])} {e('double')})",
                lambda: f"F.{choice(['sqrt', 'exp', 'log', 'log10', 'sin', 'cos', 'atan', 'cbrt', 'signum', 'log1p', 'rint'])}({e('double')})",
                lambda: f"F.pow({e('double')}, {e('double')})",
                lambda: f"F.round({e('double')}, {self.r.randrange(-1, 4)})",
                lambda: f"F.bround({e('double')}, {self.r.randrange(0, 3)})",
                lambda: f"F.nanvl({e('double')}, {e('double')})",
                lambda: f"F.atan2({e('double')}, {e('double')})",
                lambda: f"F.abs({e('double')})",
                lambda: f"F.greatest({e('double')}, {e('double')})",
                lambda: f"{e(choice(['string', 'int', 'bigint', 'decimal', 'boolean']))}.cast('double')",
                lambda: f"F.when({e('boolean')}, {e('double')})",
            ]
            return choice(options)()
        if kind == "decimal":
            options = [
                lambda: f"({e('decimal')} {choice(['+', '-', '*'])} {e('decimal')}).cast('decimal(10,2)')",
                lambda: f"F.round({e('decimal')}, {self.r.randrange(0, 3)})",
                lambda: f"F.abs({e('decimal')})",
                lambda: f"{e(choice(['string', 'int', 'double', 'bigint']))}.cast('decimal(10,2)')",
                lambda: f"F.coalesce({e('decimal')}, {e('decimal')})",
            ]
            return choice(options)()
        if kind == "string":
            options = [
                lambda: f"F.{choice(['upper', 'lower', 'trim', 'ltrim', 'rtrim', 'reverse', 'initcap'])}({e('string')})",
                lambda: f"F.concat({e('string')}, {e('string')})",
                lambda: f"F.concat_ws({choice(['-', ',', ''])!r}, {e('string')}, {e('string')})",
                lambda: f"F.substring({e('string')}, {self.r.randrange(-3, 5)}, {self.r.randrange(0, 5)})",
                lambda: f"F.{choice(['lpad', 'rpad'])}({e('string')}, {self.r.randrange(0, 6)}, '*')",
                lambda: f"F.repeat({e('string')}, {self.r.randrange(0, 4)})",
                lambda: f"F.regexp_replace({e('string')}, {choice(['[aeiou]', 'b+', '^.', '[0-9]'])!r}, {choice(['_', '', '#'])!r})",
                lambda: f"F.translate({e('string')}, 'abc', 'x')",
                lambda: f"{e(choice(TYPES))}.cast('string')",
                lambda: f"F.date_format({e(choice(['date', 'timestamp']))}, {choice(['yyyy-MM-dd', 'yyyy-MM-dd HH:mm:ss', 'MMM d, yyyy', 'EEE HH:mm'])!r})",
                lambda: f"F.format_number({e(choice(['double', 'int', 'decimal']))}, {self.r.randrange(0, 3)})",
                lambda: f"F.substring_index({e('string')}, {choice([',', 'a', ' '])!r}, {self.r.randrange(-2, 3)})",
                lambda: f"F.coalesce({e('string')}, {e('string')})",
                lambda: f"F.when({e('boolean')}, {e('string')}).otherwise({e('string')})",
            ]
            return choice(options)()
        if kind == "boolean":
            def compare():
                k = choice([t for t in TYPES if t != "boolean"])
                op = choice(["==", "!=", "<", "<=", ">", ">="])
                return f"({e(k)} {op} {e(k)})"
            options = [
                compare, compare,
                lambda: f"{e(choice(TYPES))}.{choice(['isNull', 'isNotNull'])}()",
                lambda: f"({e('boolean')} {choice(['&', '|'])} {e('boolean')})",
                lambda: f"(~{e('boolean')})",
                lambda: f"F.isnan({e('double')})",
                lambda: f"{e('string')}.{choice(['startswith', 'endswith', 'contains'])}({choice(['a', 'A', '', 'ß'])!r})",
                lambda: f"{e('string')}.like({choice(['a%', '%b%', '_', 'a!%b'])!r})",
                lambda: f"{e('string')}.rlike({choice(['^[a-z]+$', '[0-9]', 'é'])!r})",
                lambda: f"{e('int')}.isin(0, 1, -1)",
                lambda: f"{e('double')}.between({e('double')}, {e('double')})",
                lambda: f"{e('int')}.eqNullSafe({e('int')})",
                lambda: f"{e(choice(['string', 'int']))}.cast('boolean')",
            ]
            return choice(options)()
        if kind == "date":
            options = [
                lambda: f"F.{choice(['date_add', 'date_sub'])}({e('date')}, {self.r.randrange(-40, 400)})",
                lambda: f"F.add_months({e('date')}, {self.r.randrange(-25, 25)})",
                lambda: f"F.to_date({e('timestamp')})",
                lambda: f"F.last_day({e('date')})",
                lambda: f"F.trunc({e('date')}, {choice(['month', 'year', 'week', 'quarter'])!r})",
                lambda: f"F.next_day({e('date')}, {choice(['Mon', 'Sunday', 'fri'])!r})",
                lambda: f"{e(choice(['string', 'timestamp']))}.cast('date')",
                lambda: f"F.make_date({e('int')}, {e('int')}, {e('int')})",
            ]
            return choice(options)()
        if kind == "timestamp":
            options = [
                lambda: f"{e(choice(['date', 'string']))}.cast('timestamp')",
                lambda: f"F.date_trunc({choice(['hour', 'day', 'month', 'minute'])!r}, {e('timestamp')})",
                lambda: f"F.to_timestamp({e('string')})",
                lambda: f"({e('timestamp')} + F.expr({choice(['INTERVAL 1 DAY', 'INTERVAL 90 MINUTES', 'INTERVAL -1 HOUR'])!r}))",
                lambda: f"F.coalesce({e('timestamp')}, {e('timestamp')})",
            ]
            return choice(options)()
        raise ValueError(kind)

    # -- steps ------------------------------------------------------------------------

    def any_expr(self, columns):
        kind = self.r.choice(TYPES)
        return kind, self.expr(kind, columns, self.r.randrange(1, 4))

    def step(self, columns, key, used_joins):
        """One step on ``df``: appends its source and returns the new columns and, for a
        sort, its keys."""
        r = self.r
        kinds = ["select", "filter", "withColumn", "groupBy", "join", "window", "orderBy",
                 "distinct", "union", "cast", "top"]
        step = r.choice(kinds)
        names = list(columns)
        if step == "select":
            kept = [n for n in names if self.chance(0.6)] or [r.choice(names)]
            out = {n: columns[n] for n in kept}
            parts = [repr(n) for n in kept]
            for _ in range(r.randrange(0, 3)):
                kind, source = self.any_expr(columns)
                name = self.fresh("e")
                parts.append(f"{source}.alias({name!r})")
                out[name] = kind
            self.lines.append(f"df = df.select({', '.join(parts)})")
            return out, None
        if step == "filter":
            self.lines.append(f"df = df.filter({self.expr('boolean', columns, r.randrange(1, 4))})")
            return columns, None
        if step == "withColumn":
            kind, source = self.any_expr(columns)
            name = r.choice(names) if self.chance(0.3) else self.fresh("e")
            self.lines.append(f"df = df.withColumn({name!r}, {source})")
            out = dict(columns)
            out[name] = kind
            return out, None
        if step == "cast":
            name = r.choice(names)
            valid = CASTS.get(columns[name], ["string"])
            kind = r.choice(TYPES if self.chance(0.1) else valid)
            self.lines.append(f"df = df.withColumn({name!r}, F.col({name!r}).cast({CAST_NAMES[kind]!r}))")
            out = dict(columns)
            out[name] = kind
            return out, None
        if step == "groupBy":
            keys = [n for n in names if self.chance(0.35)][:2]
            aggs, out = [], {k: columns[k] for k in keys}
            for _ in range(r.randrange(1, 4)):
                name = self.fresh("a")
                target = r.choice(names)
                kind = columns[target]
                numeric = [n for n in names if columns[n] in NUMERIC]
                pick = r.choice(["count_star", "count", "sum", "avg", "min", "max",
                                 "count_distinct", "collect"])
                if pick in ("sum", "avg") and not numeric:
                    pick = "count"
                if pick == "count_star":
                    aggs.append(f"F.count('*').alias({name!r})")
                    out[name] = "bigint"
                elif pick == "count":
                    aggs.append(f"F.count({target!r}).alias({name!r})")
                    out[name] = "bigint"
                elif pick == "count_distinct":
                    aggs.append(f"F.countDistinct({target!r}).alias({name!r})")
                    out[name] = "bigint"
                elif pick in ("sum", "avg"):
                    target = r.choice(numeric)
                    kind = columns[target]
                    aggs.append(f"F.{pick}({target!r}).alias({name!r})")
                    if kind == "decimal":
                        out[name] = "decimal"
                    elif pick == "avg" or kind == "double":
                        out[name] = "double"
                    else:
                        out[name] = "bigint"
                elif pick in ("min", "max"):
                    aggs.append(f"F.{pick}({target!r}).alias({name!r})")
                    out[name] = kind
                else:
                    aggs.append(f"F.sort_array(F.collect_list({target!r})).alias({name!r})")
                    out[name] = "array"
            self.lines.append(f"df = df.groupBy({', '.join(map(repr, keys))}).agg({', '.join(aggs)})")
            return out, None
        if step == "join" and columns.get(key) == "int" and used_joins[0] < 2:
            used_joins[0] += 1
            how = r.choice(["inner", "left", "right", "full", "left_semi", "left_anti",
                            "cross", "outer", "leftouter", "semi", "anti"])
            if how == "cross" or self.chance(0.4):
                other_key = self.fresh("k")
                table, other = self.table(other_key)
                if how == "cross":
                    self.lines.append(f"df = df.crossJoin({table})")
                else:
                    self.lines.append(f"df = df.join({table}, df[{key!r}] == {table}[{other_key!r}], {how!r})")
                joined = dict(other)
            else:
                table, other = self.table(key)
                self.lines.append(f"df = df.join({table}, {key!r}, {how!r})")
                joined = {n: k for n, k in other.items() if n != key}
            if how in ("left_semi", "left_anti", "semi", "anti"):
                return columns, None
            out = dict(columns)
            out.update(joined)
            return out, None
        if step == "window":
            orderable = [n for n in names if columns[n] != "array"]
            if not orderable:
                return columns, None
            partition = [n for n in orderable if self.chance(0.3)][:2]
            order = ", ".join(f"F.col({n!r}).{r.choice(['asc', 'desc'])}()" for n in orderable)
            spec = f"Window.partitionBy({', '.join(map(repr, partition))}).orderBy({order})"
            target = r.choice(orderable)
            kind = columns[target]
            numeric = [n for n in orderable if columns[n] in ("int", "bigint", "double")]
            pick = r.choice(["row_number", "rank", "dense_rank", "lag", "lead", "sum", "count", "min"])
            if pick == "sum" and not numeric:
                pick = "count"
            if pick in ("row_number", "rank", "dense_rank"):
                source, out_kind = f"F.{pick}()", "int"
            elif pick in ("lag", "lead"):
                source, out_kind = f"F.{pick}({target!r}, {r.randrange(1, 3)})", kind
            elif pick == "sum":
                target = r.choice(numeric)
                source = f"F.sum({target!r})"
                out_kind = "double" if columns[target] == "double" else "bigint"
            elif pick == "count":
                source, out_kind = f"F.count({target!r})", "bigint"
            else:
                source, out_kind = f"F.min({target!r})", kind
            name = self.fresh("w")
            self.lines.append(f"df = df.withColumn({name!r}, {source}.over({spec}))")
            out = dict(columns)
            out[name] = out_kind
            return out, None
        if step == "orderBy":
            orderable = [n for n in names if columns[n] != "array"] or names
            keys = [n for n in orderable if self.chance(0.5)] or [r.choice(orderable)]
            order = ", ".join(self.order_term(n) for n in keys)
            self.lines.append(f"df = df.orderBy({order})")
            return columns, keys
        if step == "top":
            orderable = [n for n in names if columns[n] != "array"]
            if len(orderable) < len(names):
                return columns, None
            order = ", ".join(self.order_term(n) for n in names)
            self.lines.append(f"df = df.orderBy({order}).limit({r.randrange(0, 6)})")
            return columns, list(names)
        if step == "distinct":
            self.lines.append("df = df.distinct()")
            return columns, None
        if step == "union":
            if self.chance(0.5):
                self.lines.append(f"df = df.union(df.filter({self.expr('boolean', columns, 2)}))")
            else:
                reordered = list(reversed(names))
                self.lines.append(f"df = df.unionByName(df.select({', '.join(map(repr, reordered))}))")
            return columns, None
        return columns, None

    def order_term(self, name):
        direction = self.r.choice(["asc", "desc", "asc_nulls_last", "desc_nulls_first"])
        return f"F.col({name!r}).{direction}()"

    def pipeline(self):
        key = "k"
        table, columns = self.table(key)
        self.lines.append(f"df = {table}")
        order = None
        used_joins = [0]
        for _ in range(self.r.randrange(1, 5)):
            columns, order = self.step(columns, key, used_joins)
        self.lines.append(f"ORDER = {order!r}")
        return "\n".join(self.lines) + "\n"


def pipeline(seed):
    """The source of the pipeline of ``seed`` (see the module's docstring)."""
    return Generator(seed).pipeline()


if __name__ == "__main__":
    sys.stdout.write(pipeline(int(sys.argv[1])))
