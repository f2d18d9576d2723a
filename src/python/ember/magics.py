"""IPython-like magics for Ember's shell, at the prompt and in piped scripts.

``transform(source)`` rewrites, at the start of a logical line only, ``%name args`` into a
call of the line magic, ``%%name args`` plus the following lines (up to a blank line) into
a call of the cell magic, ``!cmd`` and ``x = !cmd`` into a shell command, and ``obj?`` /
``obj??`` into help. Any other line, and any ``%`` inside Python code, is left as it is,
so line numbers stay those of the source. Magics are rows of ``MAGICS`` (name, kind, help,
handler); ``%lsmagic``, ``%help`` and completion are generated from that table. The
formats follow IPython's (``CPU times: ...``, ``Wall time: ...``, ``UsageError: ...``).
"""
import io
import os
import re
import subprocess
import sys
import time
import tokenize
from collections import namedtuple

Magic = namedtuple("Magic", "name kind help handler")

_LINE_MAGIC = re.compile(r"^(\s*)(?:([A-Za-z_][A-Za-z0-9_]*)\s*=\s*)?%([A-Za-z_][A-Za-z0-9_]*)(.*)$")
_SHELL = re.compile(r"^(\s*)(?:([A-Za-z_][A-Za-z0-9_]*)\s*=\s*)?!(.*)$")
_HELP = re.compile(r"^(\s*)([A-Za-z_][A-Za-z0-9_.]*)(\?\??)\s*$")
_CELL = re.compile(r"^%%([A-Za-z_][A-Za-z0-9_]*)(.*)$")


# Whether magics run at the prompt (set by the shell) rather than in a piped script.
_interactive = [False]


class UsageError(Exception):
    """A magic used wrongly (IPython's ``UsageError``): printed as ``UsageError: ...``."""


def _logical_starts(lines):
    """The indexes of the lines that start a logical line (not inside brackets or strings)."""
    starts = {0}
    text = "".join(line + "\n" for line in lines)
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type in (tokenize.NEWLINE, tokenize.NL):
                starts.add(token.end[0])
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return starts


def transform(source):
    """The source with magic, shell and help lines turned into Python calls."""
    lines = source.split("\n")
    starts = _logical_starts(lines)
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if i in starts:
            cell = _CELL.match(line)
            if cell:
                body = []
                j = i + 1
                while j < len(lines) and lines[j].strip():
                    body.append(lines[j])
                    j += 1
                call = "_ember_magics.run_cell_magic(%r, %r, %r, globals())" % (cell.group(1), cell.group(2).strip(), "\n".join(body) + "\n")
                out.append("import ember.magics as _ember_magics; " + call)
                out.extend("" for _ in body)
                i = j
                continue
            if not _interactive[0] and re.match(r"^%cpaste\s*$", line):
                body = []
                j = i + 1
                while j < len(lines) and lines[j].strip() != "--":
                    body.append(lines[j])
                    j += 1
                call = "_ember_magics.run_cell_magic('cpaste', '', %r, globals())" % "\n".join(body)
                out.append("import ember.magics as _ember_magics; " + call)
                # The call takes the %cpaste line; blank lines keep the paste's and `--`'s.
                consumed = j - i + (1 if j < len(lines) else 0)
                out.extend("" for _ in range(consumed - 1))
                i = j + 1
                continue
            replaced = _transform_line(line)
            if replaced is not None:
                out.append(replaced)
                i += 1
                continue
        out.append(line)
        i += 1
    return "\n".join(out)


def _transform_line(line):
    prefix = "import ember.magics as _ember_magics; "
    match = _LINE_MAGIC.match(line)
    if match and not line.lstrip().startswith("%%"):
        indent, target, name, rest = match.groups()
        call = "_ember_magics.run_line_magic(%r, %r, globals())" % (name, rest.strip())
        return indent + prefix + ("%s = %s" % (target, call) if target else call)
    match = _SHELL.match(line)
    if match and not line.lstrip().startswith("!="):
        indent, target, command = match.groups()
        call = "_ember_magics.system(%r, %s)" % (command.strip(), bool(target))
        return indent + prefix + ("%s = %s" % (target, call) if target else call)
    match = _HELP.match(line)
    if match:
        indent, name, marks = match.groups()
        return indent + prefix + "_ember_magics.inspect_object(%r, %d, globals())" % (name, len(marks))
    return None


def _find(name, kind):
    for magic in MAGICS:
        if magic.name == name and (magic.kind == kind or magic.kind == "line/cell"):
            return magic
    return None


def _run_magic(kind, name, line, cell, namespace):
    """Runs a magic of ``kind``; an unknown magic or bad use prints IPython's ``UsageError``."""
    magic = _find(name, kind)
    try:
        if magic is None:
            missing = "Line magic function `%%%s` not found." if kind == "line" else "Cell magic `%%%%%s` not found."
            raise UsageError(missing % name)
        return magic.handler(line, cell, namespace)
    except UsageError as error:
        print("UsageError: %s" % error, file=sys.stderr)
        return None


def run_line_magic(name, line, namespace):
    """Runs ``%name line``."""
    return _run_magic("line", name, line, None, namespace)


def run_cell_magic(name, line, cell, namespace):
    """Runs ``%%name line`` over ``cell``."""
    return _run_magic("cell", name, line, cell, namespace)


def system(command, capture):
    """``!cmd``: runs ``cmd`` in the shell; ``x = !cmd`` gets its output lines as a list."""
    if capture:
        result = subprocess.run(command, shell=True, capture_output=True, text=True)
        return result.stdout.splitlines()
    sys.stdout.flush()
    subprocess.run(command, shell=True)
    return None


def remember_source(filename, source):
    """Puts ``source`` in ``linecache`` under ``filename``, so that tracebacks and
    ``inspect.getsource`` (``obj??``) find code typed at the prompt or piped on stdin, as
    Python 3.13's REPL does for its ``<python-input-N>`` inputs."""
    import linecache

    lines = [line + "\n" for line in source.split("\n")]
    linecache.cache[filename] = (len(source), None, lines, filename)


def page(text):
    """Prints ``text``, through the pager (``$PAGER``, else ``less -R``) when the shell is
    at a terminal and the text is taller than it, as IPython's ``page.page`` does."""
    import shutil

    if _interactive[0] and sys.stdout.isatty() and text.count("\n") >= shutil.get_terminal_size().lines - 1:
        sys.stdout.flush()
        try:
            result = subprocess.run(os.environ.get("PAGER") or "less -R", shell=True, input=text, text=True)
            if result.returncode != 127:
                return
        except OSError:
            pass
    sys.stdout.write(text)


def inspect_object(name, level, namespace):
    """``obj?``: the signature and docstring; ``obj??``: the source too (IPython's pinfo).
    Paged when taller than the terminal."""
    import inspect

    try:
        value = eval(name, namespace)
    except Exception:  # noqa: BLE001 - IPython prints "Object `x` not found."
        print("Object `%s` not found." % name)
        return
    parts = ["Type:      %s" % type(value).__name__]
    try:
        parts.append("Signature: %s%s" % (name, inspect.signature(value)))
    except (TypeError, ValueError):
        text = repr(value)
        parts.append("String form: %s" % (text if len(text) < 200 else text[:200] + "..."))
    doc = inspect.getdoc(value)
    parts.append("Docstring:\n%s" % (doc if doc else "<no docstring>"))
    if level > 1:
        try:
            parts.append("Source:\n%s" % inspect.getsource(value))
        except (TypeError, OSError):
            pass
    page("\n".join(parts) + "\n")


# ------------------------------------------------------------------ the magics


def _format_time(seconds):
    """A duration as IPython prints it: 3 significant digits in s, ms, µs or ns."""
    import math

    if seconds >= 60:
        minutes, rest = divmod(seconds, 60)
        hours, minutes = divmod(int(minutes), 60)
        parts = [("h", hours), ("min", minutes), ("s", round(rest))]
        return " ".join("%d%s" % (value, unit) for unit, value in parts if value)
    units = ["s", "ms", "\xb5s", "ns"]
    order = 3 if seconds <= 0 else max(0, min(-(math.floor(math.log10(seconds)) // 3), 3))
    return "%.3g %s" % (seconds * 1000 ** order, units[order])


def _compile(source, namespace):
    """``(code, value_code)``: the statements, and the last expression's code if any."""
    import ast

    tree = ast.parse(source, "<timed exec>", "exec")
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
        return compile(tree, "<timed exec>", "exec"), compile(last, "<timed eval>", "eval")
    return compile(tree, "<timed exec>", "exec"), None


def _time(line, cell, namespace):
    """Times a statement once: ``CPU times: user …, sys: …, total: …`` and ``Wall time: …``."""
    source = transform(cell if cell is not None else line)
    if not source.strip():
        raise UsageError("%time needs a statement to time")
    import resource

    code, value_code = _compile(source, namespace)
    start_cpu, start_wall = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    exec(code, namespace)
    value = eval(value_code, namespace) if value_code is not None else None
    end_cpu, end_wall = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    user, system_ = end_cpu.ru_utime - start_cpu.ru_utime, end_cpu.ru_stime - start_cpu.ru_stime
    print("CPU times: user %s, sys: %s, total: %s" % (_format_time(user), _format_time(system_), _format_time(user + system_)))
    print("Wall time: %s" % _format_time(end_wall - start_wall))
    return value


def _timeit(line, cell, namespace):
    """``%timeit [-n N] [-r R] stmt``: the mean ± std. dev. per loop of R runs of N loops."""
    import statistics
    import timeit as timeit_module

    options = re.match(r"^\s*((?:-[nr]\s*\d+\s*)*)(.*)$", line, re.S)
    flags = dict(re.findall(r"-([nr])\s*(\d+)", options.group(1)))
    number = int(flags["n"]) if "n" in flags else None
    repeat = int(flags["r"]) if "r" in flags else None
    statement = cell if cell is not None else options.group(2)
    if not statement.strip():
        raise UsageError("%timeit needs a statement to time")
    timer = timeit_module.Timer(transform(statement), globals=namespace)
    repeat = repeat or 7
    if number is None:
        number, _ = timer.autorange()
    runs = [t / number for t in timer.repeat(repeat=repeat, number=number)]
    mean = statistics.mean(runs)
    deviation = statistics.stdev(runs) if len(runs) > 1 else 0.0
    print("%s \xb1 %s per loop (mean \xb1 std. dev. of %d run%s, %d loop%s each)" % (
        _format_time(mean), _format_time(deviation), repeat, "" if repeat == 1 else "s", number, "" if number == 1 else "s"))


def _interpolate(text, namespace):
    """``{name}`` in SQL text is the value of ``name`` (IPython's variable expansion)."""
    return re.sub(r"\{([A-Za-z_][A-Za-z0-9_.]*)\}", lambda m: str(eval(m.group(1), namespace)), text)


def _sql(line, cell, namespace):
    """``%sql [-o name] QUERY`` / ``%%sql [-o name]`` or ``%%sql name <<``: runs Spark SQL
    and shows at most ``spark.ember.sql.maxRows`` rows (default 20); ``-o name`` or
    ``name <<`` binds the DataFrame to ``name``."""
    words = line.split()
    target = None
    if len(words) >= 2 and words[0] == "-o":
        target, line = words[1], line.split(None, 2)[2] if len(words) > 2 else ""
    elif len(words) >= 2 and words[1] == "<<":
        target, line = words[0], line.split("<<", 1)[1]
    query = _interpolate((cell if cell is not None else line).strip(), namespace)
    if not query:
        raise UsageError("%sql needs a query")
    spark = namespace.get("spark")
    if spark is None:
        from pyspark.sql import SparkSession

        spark = SparkSession.getActiveSession()
    frame = spark.sql(query)
    if target:
        namespace[target] = frame
    rows = int(spark.conf.get("spark.ember.sql.maxRows", "20"))
    frame.show(rows)
    return None


def _explain(line, cell, namespace):
    """``%explain EXPR``: the logical, optimized and physical plans of a DataFrame
    expression, or of a SQL string, from the engine."""
    from pyspark.sql.dataframe import DataFrame

    text = (cell if cell is not None else line).strip()
    if not text:
        raise UsageError("%explain needs a DataFrame expression or a SQL string")
    try:
        value = eval(text, namespace)
    except SyntaxError:
        value = text
    if isinstance(value, str):
        value = namespace["spark"].sql(_interpolate(value, namespace))
    if not isinstance(value, DataFrame):
        raise UsageError("%%explain needs a DataFrame or a SQL string, not %s" % type(value).__name__)
    logical, optimized, physical, _ = value._native.explain(value._json())
    print("== Logical Plan ==\n%s\n\n== Optimized Logical Plan ==\n%s\n\n== Physical Plan ==\n%s" % (logical, optimized, physical))


def _pwd(line, cell, namespace):
    """Prints the working directory."""
    print(os.getcwd())


_previous_directory = [None]


def _cd(line, cell, namespace):
    """``%cd DIR`` changes the working directory (``%cd -`` goes back, ``%cd`` goes home)."""
    target = line.strip() or os.path.expanduser("~")
    if target == "-":
        if _previous_directory[0] is None:
            raise UsageError("%cd -: no previous directory")
        target = _previous_directory[0]
    target = os.path.expanduser(target)
    previous = os.getcwd()
    try:
        os.chdir(target)
    except OSError as error:
        raise UsageError("%s" % error) from None
    _previous_directory[0] = previous
    print(os.getcwd())


def _env(line, cell, namespace):
    """``%env`` lists the environment, ``%env NAME`` prints one variable, ``%env NAME=VALUE``
    (or ``NAME VALUE``) sets one."""
    text = line.strip()
    if not text:
        print(dict(os.environ))
        return
    if "=" in text or " " in text:
        name, value = re.split(r"\s*=\s*|\s+", text, maxsplit=1)
        os.environ[name] = value
        print("env: %s=%s" % (name, value))
        return
    if text not in os.environ:
        raise UsageError("Environment does not have key: %s" % text)
    print(os.environ[text])


def _conf(line, cell, namespace):
    """``%conf`` lists the session's Spark conf, ``%conf KEY`` gets one, ``%conf KEY=VALUE``
    sets one (``spark.conf``)."""
    spark = namespace.get("spark")
    text = line.strip()
    if not text:
        for key, value in sorted(spark.conf.getAll().items()):
            print("%s=%s" % (key, value))
        return
    if "=" in text:
        key, value = (part.strip() for part in text.split("=", 1))
        spark.conf.set(key, value)
        return
    print(spark.conf.get(text))


def _user_names(namespace):
    hidden = {"spark", "sc", "sql", "sqlContext", "In", "Out", "exit", "quit", "get_ipython", "_ember_magics"}
    return sorted(n for n in namespace if not n.startswith("_") and n not in hidden and not isinstance(namespace[n], type(sys)))


def _who(line, cell, namespace):
    """Lists the names the user defined."""
    names = _user_names(namespace)
    print("\t".join(names) if names else "Interactive namespace is empty.")


def _whos(line, cell, namespace):
    """A table of the user's names: Variable, Type and Data/Info (a DataFrame's columns)."""
    from pyspark.sql.dataframe import DataFrame

    names = _user_names(namespace)
    if not names:
        print("Interactive namespace is empty.")
        return
    rows = []
    for name in names:
        value = namespace[name]
        if isinstance(value, DataFrame):
            info = "[%s]" % ", ".join("%s: %s" % pair for pair in value.dtypes)
        else:
            info = repr(value) if not callable(value) else "<%s>" % type(value).__name__
        rows.append((name, type(value).__name__, info if len(info) <= 60 else info[:57] + "..."))
    widths = [max(len(r[i]) for r in rows + [("Variable", "Type", "Data/Info")]) for i in range(3)]
    header = "%-*s   %-*s   %s" % (widths[0], "Variable", widths[1], "Type", "Data/Info")
    print(header)
    print("-" * len(header))
    for row in rows:
        print("%-*s   %-*s   %s" % (widths[0], row[0], widths[1], row[1], row[2]))


def _lsmagic(line, cell, namespace):
    """Lists the magics."""
    line_magics = ["%" + m.name for m in MAGICS if m.kind in ("line", "line/cell")]
    cell_magics = ["%%" + m.name for m in MAGICS if m.kind in ("cell", "line/cell")]
    print("Available line magics:\n%s\n\nAvailable cell magics:\n%s" % ("  ".join(line_magics), "  ".join(cell_magics)))


def _help(line, cell, namespace):
    """``%help`` (``%magic``): every magic with its help; ``%help NAME`` one of them."""
    name = line.strip().lstrip("%")
    for magic in MAGICS:
        if not name or magic.name == name:
            forms = {"line": ["%"], "cell": ["%%"], "line/cell": ["%", "%%"]}[magic.kind]
            print("%s\n    %s" % (", ".join(p + magic.name for p in forms), magic.help))
    if name and not any(m.name == name for m in MAGICS):
        raise UsageError("Line magic function `%%%s` not found." % name)


# The inputs typed at the prompt, in order (IPython's ``In`` without the empty first entry).
history = []


_TOKEN = re.compile(r"""(?i)(\btoken=)[^;'"\s)]+""")


def record(source):
    """Adds one executed input to the session's history (``%history``, ``%save``), with
    Spark Connect tokens (``;token=…``) masked as ``***``, as in the history file."""
    if source.strip():
        history.append(_TOKEN.sub(r"\1***", source.rstrip("\n")))


def _select(ranges):
    """The history entries of IPython-style ranges (``3``, ``2-4``, several), 1-based; all
    entries when none are given."""
    if not ranges:
        return list(enumerate(history, 1))
    chosen = []
    for part in ranges:
        match = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
        if not match:
            raise UsageError("invalid history range: %s" % part)
        first = int(match.group(1))
        last = int(match.group(2) or first)
        chosen.extend((i, history[i - 1]) for i in range(first, last + 1) if 1 <= i <= len(history))
    return chosen


def _history(line, cell, namespace):
    """``%history [-n] [RANGES] [-f FILE]``: the inputs of this session; ``-n`` numbers
    them, ``-f`` writes them to FILE instead."""
    words = line.split()
    numbered = "-n" in words
    target = None
    if "-f" in words:
        at = words.index("-f")
        if at + 1 >= len(words):
            raise UsageError("%history -f needs a file name")
        target = words[at + 1]
        del words[at:at + 2]
    entries = _select([w for w in words if w != "-n"])
    text = "".join(("%d: %s\n" % (i, source) if numbered else source + "\n") for i, source in entries)
    if target:
        with open(target, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


def _save(line, cell, namespace):
    """``%save FILE [RANGES]``: writes inputs of this session to FILE (``.py`` added)."""
    words = line.split()
    if not words:
        raise UsageError("%save needs a file name")
    target = words[0] if words[0].endswith(".py") else words[0] + ".py"
    entries = _select(words[1:])
    with open(target, "w", encoding="utf-8") as f:
        f.write("".join(source + "\n" for _, source in entries))
    print("The following commands were written to file `%s`:" % target)
    print("\n".join(source for _, source in entries))


def _run(line, cell, namespace):
    """``%run [-i] FILE [ARGS]``: runs FILE as ``__main__`` with ``sys.argv = [FILE, ARGS]``,
    in a fresh namespace (``-i``: in this one); its names are then copied here."""
    words = line.split()
    inside = bool(words) and words[0] == "-i"
    if inside:
        words = words[1:]
    if not words:
        raise UsageError("%run needs a file name")
    path = os.path.expanduser(words[0])
    try:
        with open(path, encoding="utf-8") as f:
            source = f.read()
    except OSError as error:
        raise UsageError("File `%s` not found." % words[0]) from error
    scope = namespace if inside else {k: namespace[k] for k in ("spark", "sc", "sql", "sqlContext") if k in namespace}
    scope.update(__name__="__main__", __file__=path)
    saved = sys.argv
    sys.argv = [path] + words[1:]
    try:
        exec(compile(source, path, "exec"), scope)
    finally:
        sys.argv = saved
    if not inside:
        namespace.update({k: v for k, v in scope.items() if not k.startswith("__")})


def _reset(line, cell, namespace):
    """``%reset [-f]``: removes the names you defined (``-f``: without asking); ``spark``,
    ``sc``, ``sql`` and ``sqlContext`` stay."""
    if "-f" not in line.split():
        answer = input("Once deleted, variables cannot be recovered. Proceed (y/[n])? ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing done.")
            return
    for name in _user_names(namespace):
        del namespace[name]


_QUICKREF = """Ember shell -- quick reference
------------------------------
obj?, obj??      : signature and docstring of obj (?? adds the source)
%magic args      : a line magic; %%magic starts a cell (ended by a blank line)
!cmd             : runs cmd in the system shell; x = !cmd keeps its output lines
%lsmagic         : lists the magics; %help NAME explains one
<TAB>            : completes names, attributes, columns, keyword arguments and paths
Ctrl-C           : clears the line; during a job, cancels it
Ctrl-R           : searches the history
Ctrl-D, exit()   : leaves the shell
"""


# Text the next prompt starts with (``%load``), taken by the shell's loop.
_next_input = []


def take_next_input():
    """The text ``%load`` left for the next prompt, or ``""``."""
    return _next_input.pop() if _next_input else ""


def _load(line, cell, namespace):
    """``%load FILE``: at the prompt, the file's code becomes the next input, to edit and
    run; in a piped script it runs at once."""
    path = os.path.expanduser(line.strip())
    if not path:
        raise UsageError("%load needs a file name")
    try:
        with open(path, encoding="utf-8") as f:
            source = f.read()
    except OSError as error:
        raise UsageError("File `%s` not found." % line.strip()) from error
    if _interactive[0]:
        _next_input[:] = ["# %load " + line.strip() + "\n" + source.rstrip("\n")]
    else:
        exec(compile(source, path, "exec"), namespace)


def _cpaste(line, cell, namespace):
    """``%cpaste``: reads pasted lines until ``--`` alone on a line (or end of input) and
    runs them; leading ``>>>`` / ``...`` prompts are removed. In a piped script the lines
    that follow, up to ``--``, are the paste."""
    if cell is None:
        print("Pasting code; enter '--' alone on the line to stop or use Ctrl-D.")
        lines = []
        while True:
            try:
                text = input(":")
            except EOFError:
                break
            if text.strip() == "--":
                break
            lines.append(text)
        cell = "\n".join(lines)
    source = "\n".join(re.sub(r"^(>>> ?|\.\.\. ?)", "", text) for text in cell.split("\n"))
    exec(compile(transform(source), "<cpaste>", "exec"), namespace)


def _quickref(line, cell, namespace):
    """Prints a short reference of the shell."""
    sys.stdout.write(_QUICKREF)
    print()
    _help("", None, namespace)


MAGICS = [
    Magic("time", "line/cell", "Times a statement or cell once: CPU and wall time.", _time),
    Magic("timeit", "line/cell", "Times a statement over repeated loops: %timeit [-n N] [-r R] stmt.", _timeit),
    Magic("sql", "line/cell", "Runs Spark SQL and shows the result: %sql [-o name] QUERY; {var} is interpolated.", _sql),
    Magic("explain", "line/cell", "The engine's logical, optimized and physical plans of a DataFrame or SQL string.", _explain),
    Magic("pwd", "line", "Prints the working directory.", _pwd),
    Magic("cd", "line", "Changes the working directory: %cd DIR, %cd -.", _cd),
    Magic("env", "line", "Gets, sets or lists environment variables.", _env),
    Magic("conf", "line", "Lists, gets or sets the session's Spark conf: %conf [KEY[=VALUE]].", _conf),
    Magic("who", "line", "Lists the names you defined.", _who),
    Magic("whos", "line", "A table of the names you defined, with type and a summary.", _whos),
    Magic("lsmagic", "line", "Lists the magics.", _lsmagic),
    Magic("help", "line", "Help on the magics: %help [NAME].", _help),
    Magic("magic", "line", "Help on the magics (as %help).", _help),
    Magic("quickref", "line", "A short reference of the shell and its magics.", _quickref),
    Magic("history", "line", "The inputs of this session: %history [-n] [RANGES] [-f FILE].", _history),
    Magic("save", "line", "Writes inputs of this session to a file: %save FILE [RANGES].", _save),
    Magic("run", "line", "Runs a Python file as __main__: %run [-i] FILE [ARGS].", _run),
    Magic("reset", "line", "Removes the names you defined: %reset [-f].", _reset),
    Magic("load", "line", "Loads a file's code as the next input: %load FILE.", _load),
    Magic("cpaste", "line/cell", "Runs pasted lines, ended by '--' alone on a line.", _cpaste),
]


def names():
    """The magic names, for completion."""
    return sorted({m.name for m in MAGICS})
