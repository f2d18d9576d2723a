"""SQL calls of Python table functions that the engine's SQL planner does not plan: calls
with a ``TABLE`` argument (``f(TABLE(t) PARTITION BY k ORDER BY v)``) and calls of a
function whose columns come from its ``analyze`` method. Each such call in a ``FROM``
clause is made through the DataFrame API (:class:`~pyspark.sql.table_arg.TableArg` and
``UserDefinedTableFunction.__call__``) and replaced in the query text by the name of a
temporary view of its rows, as ``spark.sql``'s ``{df}`` fields are.

The grammar followed is Spark's ``functionTableSubqueryArgument``: ``TABLE(name)`` or
``TABLE(query)``, then ``PARTITION BY`` expressions or ``WITH SINGLE PARTITION``, then
``ORDER BY`` sort items; a partition or order list may be parenthesized.
"""
import re

_TOKEN = re.compile(
    r"""(?P<space>\s+|--[^\n]*|/\*.*?\*/)
       |(?P<string>'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*")
       |(?P<quoted>`(?:[^`]|``)*`)
       |(?P<word>[A-Za-z_][A-Za-z0-9_]*)
       |(?P<arrow>=>)
       |(?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)
_VIEW = "__ember_udtf_call_%d"


class _Token:
    __slots__ = ("kind", "text", "start", "end")

    def __init__(self, match):
        self.kind = match.lastgroup
        self.text = match.group()
        self.start, self.end = match.span()

    def word(self, *words):
        return self.kind == "word" and self.text.upper() in words


def _tokens(text):
    return [_Token(m) for m in _TOKEN.finditer(text) if m.lastgroup != "space"]


def _closing(tokens, opening):
    """The index of the parenthesis closing the one at ``opening``."""
    depth = 0
    for i in range(opening, len(tokens)):
        if tokens[i].text == "(":
            depth += 1
        elif tokens[i].text == ")":
            depth -= 1
            if depth == 0:
                return i
    return None


def _split(tokens):
    """``tokens`` split at their top-level commas."""
    parts, depth, current = [], 0, []
    for token in tokens:
        if token.text == "," and depth == 0:
            parts.append(current)
            current = []
            continue
        depth += token.text == "("
        depth -= token.text == ")"
        current.append(token)
    if current:
        parts.append(current)
    return parts


def _syntax_error(near):
    from pyspark.errors import ParseException

    raise ParseException(errorClass="PARSE_SYNTAX_ERROR", messageParameters={"error": "'%s'" % near, "hint": ""})


class _Rewriter:
    def __init__(self, session, text):
        self.session = session
        self.text = text

    def source(self, tokens):
        return self.text[tokens[0].start:tokens[-1].end] if tokens else ""

    def items(self, tokens):
        """A PARTITION BY or ORDER BY list: its items' tokens, one outer pair of
        parentheses around the whole list dropped."""
        if tokens and tokens[0].text == "(" and _closing(tokens, 0) == len(tokens) - 1:
            tokens = tokens[1:-1]
        return _split(tokens)

    def sort_column(self, tokens):
        from pyspark.sql import functions as F
        from pyspark.sql.table_arg import _sort_column

        ascending, nulls_first = True, None
        if len(tokens) > 2 and tokens[-2].word("NULLS") and tokens[-1].word("FIRST", "LAST"):
            nulls_first = tokens[-1].word("FIRST")
            tokens = tokens[:-2]
        if len(tokens) > 1 and tokens[-1].word("ASC", "DESC"):
            ascending = tokens[-1].word("ASC")
            tokens = tokens[:-1]
        return _sort_column(F.expr(self.source(tokens)), ascending, nulls_first)

    def table_argument(self, tokens):
        """``TABLE(...) [PARTITION BY ... | WITH SINGLE PARTITION] [ORDER BY ...]`` as a
        :class:`TableArg`."""
        from pyspark.errors import ParseException
        from pyspark.sql import functions as F

        if len(tokens) < 2 or tokens[1].text != "(":
            name = tokens[1].text if len(tokens) > 1 else ""
            raise ParseException(
                errorClass="INVALID_SQL_SYNTAX.INVALID_TABLE_FUNCTION_IDENTIFIER_ARGUMENT_MISSING_PARENTHESES",
                messageParameters={"argumentName": "`%s`" % name.strip("`")},
            )
        end = _closing(tokens, 1)
        if end is None:
            _syntax_error("end of input")
        inner = tokens[2:end]
        if all(t.kind in ("word", "quoted") or t.text == "." for t in inner):
            df = self.session.table(self.source(inner))
        else:
            df = self.session.sql(self.source(inner))
        table = df.asTable()
        rest = tokens[end + 1:]
        if len(rest) >= 2 and rest[0].word("PARTITION") and rest[1].word("BY"):
            stop = next((i for i, t in enumerate(rest) if t.word("ORDER") and i + 1 < len(rest) and rest[i + 1].word("BY")), len(rest))
            table = table.partitionBy(*[F.expr(self.source(item)) for item in self.items(rest[2:stop])])
            rest = rest[stop:]
        elif len(rest) >= 3 and rest[0].word("WITH") and rest[1].word("SINGLE") and rest[2].word("PARTITION"):
            table = table.withSinglePartition()
            rest = rest[3:]
        if len(rest) >= 2 and rest[0].word("ORDER") and rest[1].word("BY"):
            if not table._partition and not table._single:
                _syntax_error("ORDER")
            table = table.orderBy(*[self.sort_column(item) for item in self.items(rest[2:])])
            rest = []
        if rest:
            _syntax_error(rest[0].text)
        return table

    def call(self, function, tokens):
        """The DataFrame of a call of ``function`` on the argument tokens."""
        from pyspark.sql import functions as F

        positional, named = [], {}
        for argument in _split(tokens):
            target = None
            if len(argument) > 2 and argument[0].kind in ("word", "quoted") and argument[1].kind == "arrow":
                target, argument = argument[0].text.strip("`"), argument[2:]
            if argument and argument[0].word("TABLE") and (len(argument) == 1 or argument[1].text == "(" or argument[1].kind in ("word", "quoted")):
                value = self.table_argument(argument)
            else:
                value = F.expr(self.source(argument))
            if target is None:
                positional.append(value)
            else:
                named[target] = value
        return function(*positional, **named)

    def rewrite(self, functions):
        tokens = _tokens(self.text)
        pieces, last, i = [], 0, 0
        while i < len(tokens):
            token = tokens[i]
            placed = i > 0 and (tokens[i - 1].word("FROM", "JOIN") or tokens[i - 1].text == ",")
            function = functions.get(token.text.lower()) if token.kind == "word" and placed else None
            if function is None or i + 1 >= len(tokens) or tokens[i + 1].text != "(":
                i += 1
                continue
            end = _closing(tokens, i + 1)
            if end is None:
                break
            arguments = tokens[i + 2:end]
            has_table = any(t.word("TABLE") for t in arguments)
            if function.returnType is not None and not has_table:
                i = end + 1
                continue
            frame = self.call(function, arguments)
            name = _VIEW % frame._plan_id
            frame.createOrReplaceTempView(name)
            pieces.append(self.text[last:token.start])
            pieces.append(name)
            last = tokens[end].end
            i = end + 1
        pieces.append(self.text[last:])
        return "".join(pieces)


def rewrite(session, query):
    """``query`` with each call of a registered Python table function that has a
    ``TABLE`` argument, or whose schema comes from ``analyze``, replaced by a temporary
    view of its rows."""
    functions = getattr(session, "_python_table_functions", None)
    if not functions or "(" not in query:
        return query
    return _Rewriter(session, query).rewrite(functions)
