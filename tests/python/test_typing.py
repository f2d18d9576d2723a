"""The typed API (``py.typed`` and inline annotations of PySpark's public signatures):
``mypy --strict`` passes on ``examples/``, and a script that misuses the API gets mypy's
errors. Ember's Python package is read from ``src/python`` (MYPYPATH); its own modules
are followed silently, so only the scripts are judged."""
import os
import subprocess
import sys
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def mypy(*targets):
    env = dict(os.environ, MYPYPATH=os.path.join(ROOT, "src", "python"))
    command = [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", "--no-incremental", *targets]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    return result.returncode, result.stdout


def test_the_package_ships_py_typed():
    assert os.path.isfile(os.path.join(ROOT, "src", "python", "pyspark", "py.typed"))


def test_examples_pass_mypy_strict():
    code, out = mypy("examples")
    assert code == 0, out


def test_a_misuse_of_the_api_is_a_mypy_error(tmp_path):
    script = tmp_path / "misuse.py"
    script.write_text(textwrap.dedent(
        """
        from pyspark.sql import SparkSession
        from pyspark import SparkContext

        spark = SparkSession.builder.appName("typed").getOrCreate()
        df = spark.range("ten")
        df.show(n="5")
        total: str = df.count()
        words = SparkContext.getOrCreate().textFile("/usr/share/dict/words")
        lengths: list[str] = words.map(len).collect()
        """
    ))
    code, out = mypy(str(script))
    assert code == 1, out
    assert 'Argument 1 to "range" of "SparkSession" has incompatible type "str"; expected "int"' in out
    assert 'Argument "n" to "show" of "DataFrame" has incompatible type "str"; expected "int"' in out
    assert 'Incompatible types in assignment (expression has type "int", variable has type "str")' in out
    assert 'Incompatible types in assignment (expression has type "list[int]", variable has type "list[str]")' in out


def test_columns_and_windows_are_typed(tmp_path):
    script = tmp_path / "windows.py"
    script.write_text(textwrap.dedent(
        """
        from pyspark.sql import SparkSession, Window
        from pyspark.sql import functions as F
        from pyspark.sql.column import Column

        spark = SparkSession.builder.getOrCreate()
        ranked: Column = F.rank().over(Window.partitionBy("g").orderBy(F.col("v").desc()))
        frame = Window.orderBy("v").rowsBetween(Window.unboundedPreceding, Window.currentRow)
        spark.range(3).select(ranked.alias("r"), F.sum("id").over(frame).cast("long"))
        bad_frame = Window.orderBy("v").rowsBetween("start", 0)
        value: Column = F.col("v")
        text: str = value.isNull()
        """
    ))
    code, out = mypy(str(script))
    assert code == 1, out
    assert 'Argument 1 to "rowsBetween" of "WindowSpec" has incompatible type "str"; expected "int"' in out
    assert 'Incompatible types in assignment (expression has type "Column", variable has type "str")' in out
    assert out.count("error:") == 2, out


def test_the_functions_stub_is_current():
    command = [sys.executable, os.path.join(ROOT, "scripts", "function_stubs.py"), "--check"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, "builtin.pyi is stale: run python3 scripts/function_stubs.py\n" + result.stderr


def test_functions_are_typed(tmp_path):
    script = tmp_path / "functions_misuse.py"
    script.write_text(textwrap.dedent(
        """
        from pyspark.sql import SparkSession
        from pyspark.sql import functions as F
        from pyspark.sql.column import Column

        spark = SparkSession.builder.getOrCreate()
        fine: Column = F.split(F.upper("name"), ",", 2).getItem(0)
        spark.range(3).select(F.date_add("d", 1), F.transform("xs", lambda x: x + 1), fine)
        unnamed = F.col(5)
        count: int = F.count("*")
        """
    ))
    code, out = mypy(str(script))
    assert code == 1, out
    assert 'Argument 1 to "col" has incompatible type "int"; expected "str"' in out
    assert 'Incompatible types in assignment (expression has type "Column", variable has type "int")' in out
    assert out.count("error:") == 2, out
