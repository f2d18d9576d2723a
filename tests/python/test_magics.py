"""Magics through piped stdin (transcripts) and at the prompt (pseudo-terminal): timing,
SQL with binding and interpolation, the environment, conf, the namespace, help, shell
commands, object help, unknown magics, and Python's own `%` left alone. Needs the built
binary (PYSPARK_BIN, else target/release/pyspark)."""
import fcntl
import os
import re
import struct
import subprocess
import termios
import textwrap

import pytest

from test_terminal import BINARY
from test_repl import Shell, plain

pytestmark = pytest.mark.skipif(not os.path.exists(BINARY), reason="build the binary first")


def piped(script):
    result = subprocess.run([BINARY, "--master", "local[2]"], input=textwrap.dedent(script), capture_output=True, text=True, timeout=120)
    return result.returncode, result.stdout, result.stderr


def test_python_percent_is_untouched_and_magics_run_at_line_starts():
    code, out, err = piped(
        """
        x = 10 % 3
        text = "%d items" % 4
        query = '''
        %not_a_magic inside a string
        '''
        print(x, text, query.strip())
        if x:
            %pwd
        """
    )
    assert code == 0, err
    assert out.splitlines() == ["1 4 items %not_a_magic inside a string", os.getcwd()]


def test_time_and_timeit_print_ipython_formats():
    code, out, err = piped(
        """
        %time y = sum(range(1000))
        print(y)
        %timeit -n 10 -r 3 sum(range(100))
        %%time
        z = 2 ** 10

        print(z)
        """
    )
    assert code == 0, err
    lines = out.splitlines()
    time_line = r"CPU times: user [\d.e+]+ (s|ms|µs|ns), sys: [\d.e+]+ (s|ms|µs|ns), total: [\d.e+]+ (s|ms|µs|ns)"
    assert re.fullmatch(time_line, lines[0]), lines[0]
    assert re.fullmatch(r"Wall time: [\d.e+]+ (s|ms|µs|ns)", lines[1]), lines[1]
    assert lines[2] == "499500"
    assert re.fullmatch(r"[\d.e+]+ (s|ms|µs|ns) ± [\d.e+]+ (s|ms|µs|ns) per loop \(mean ± std\. dev\. of 3 runs, 10 loops each\)", lines[3]), lines[3]
    assert re.fullmatch(time_line, lines[4]) and lines[6] == "1024"


def test_sql_binds_interpolates_and_shows_spark_text_when_piped():
    code, out, err = piped(
        """
        spark.range(3).createOrReplaceTempView("t")
        n = 2
        %sql -o small SELECT id FROM t WHERE id < {n}
        print(small.count())
        %%sql big <<
        SELECT count(*) AS c FROM t

        print(big.collect())
        spark.conf.set("spark.ember.sql.maxRows", "1")
        %sql SELECT id FROM t
        """
    )
    assert code == 0, err
    assert out == "+---+\n| id|\n+---+\n|  0|\n|  1|\n+---+\n\n2\n+---+\n|  c|\n+---+\n|  3|\n+---+\n\n[Row(c=3)]\n+---+\n| id|\n+---+\n|  0|\n+---+\nonly showing top 1 row\n"


def test_environment_conf_namespace_help_and_shell_commands(tmp_path):
    code, out, err = piped(
        f"""
        %cd {tmp_path}
        %pwd
        %cd -
        %env EMBER_DEMO=1
        %env EMBER_DEMO
        %conf spark.sql.shuffle.partitions=7
        %conf spark.sql.shuffle.partitions
        frame = spark.range(2)
        count = 3
        %who
        %whos
        files = !echo one; echo two
        print(files)
        !echo shell says hi
        %lsmagic
        %help pwd
        len?
        %nosuch
        print("still running")
        """
    )
    assert code == 0, err
    assert out.splitlines()[:14] == [
        str(tmp_path),
        str(tmp_path),
        os.getcwd(),
        "env: EMBER_DEMO=1",
        "1",
        "7",
        "count\tframe",
        "Variable   Type        Data/Info",
        "--------------------------------",
        "count      int         3",
        "frame      DataFrame   [id: bigint]",
        "['one', 'two']",
        "shell says hi",
        "Available line magics:",
    ]
    assert "%pwd\n    Prints the working directory.\n" in out
    assert "Signature: len(obj, /)\nDocstring:\nReturn the number of items in a container.\n" in out
    assert out.endswith("still running\n")
    assert "UsageError: Line magic function `%nosuch` not found." in err


def test_magics_at_the_prompt(tmp_path):
    shell = Shell(tmp_path)
    assert "%timeit" in plain(shell.send(b"%ti\t\t", 5, until=b"%timeit"))
    shell.send(b"\x15", 2)
    shell.send(b"spark.createDataFrame([(1, 2)], ['alpha', 'beta']).createOrReplaceTempView('people')\n")
    assert "%sql SELECT" in plain(shell.send(b"%sql sel\t", 5, until=b"SELECT"))
    assert "people" in plain(shell.send(b" * FROM peo\t", 5, until=b"people"))
    assert "alpha" in plain(shell.send(b" WHERE alp\t", 5, until=b"alpha"))
    shell.send(b"\x15", 2)
    assert "Wall time:" in plain(shell.send(b"%time sum(range(10))\n"))
    shell.send(b"%%sql\n", 5, until=b"... ")
    shell.send(b"SELECT 42 AS answer\n", 5, until=b"... ")
    out = plain(shell.send(b"\n"))
    assert "answer" in out and "42" in out
    out = plain(shell.send(b"%nosuch\n"))
    assert "UsageError: Line magic function `%nosuch` not found." in out
    assert "Docstring:" in plain(shell.send(b"len?\n"))
    assert "\n7\n" in plain(shell.send(b"17 % 10\n"))
    assert shell.close() == 0


def test_run_reset_and_quickref_piped(tmp_path):
    script = tmp_path / "job.py"
    script.write_text("import sys\nresult = spark.range(4).count()\nprint('args', sys.argv[1:], __name__)\n")
    code, out, err = piped(
        f"""
        %run {script} a b
        print(result)
        keep = 1
        %reset -f
        print(sorted(n for n in ("keep", "result", "spark", "sc") if n in globals()))
        result = 0
        %run -i {script}
        print(result)
        %magic reset
        %quickref
        """
    )
    assert code == 0, err
    lines = out.splitlines()
    assert lines[:5] == ["args ['a', 'b'] __main__", "4", "['sc', 'spark']", "args [] __main__", "4"]
    assert "%reset\n    Removes the names you defined: %reset [-f].\n" in out
    assert "%cpaste, %%cpaste\n    Runs pasted lines" in out
    assert "Ember shell -- quick reference" in out and "%quickref\n    A short reference" in out


def test_history_and_save_at_the_prompt(tmp_path):
    shell = Shell(tmp_path)
    shell.send(b"a = 1\n")
    shell.send(b"b = a + 1\n")
    out = plain(shell.send(b"%history -n 1-2\n"))
    assert "1: a = 1\n2: b = a + 1\n" in out
    target = tmp_path / "saved"
    out = plain(shell.send(b"%save " + str(target).encode() + b" 2\n"))
    assert "The following commands were written to file" in out
    assert (tmp_path / "saved.py").read_text() == "b = a + 1\n"
    shell.send(b"%history -f " + str(tmp_path / "all.txt").encode() + b"\n")
    assert (tmp_path / "all.txt").read_text().startswith("a = 1\nb = a + 1\n%history -n 1-2\n")
    assert shell.close() == 0


def test_explain_shows_the_engines_three_plans():
    code, out, err = piped(
        """
        spark.range(10).createOrReplaceTempView("t")
        %explain spark.table("t").filter("id > 5")
        %explain "SELECT count(*) FROM t"
        %explain 42
        spark.range(2).explain()
        """
    )
    assert code == 0, err
    assert out.count("== Logical Plan ==") == 2 and out.count("== Optimized Logical Plan ==") == 2
    first = out.split("== Logical Plan ==")[1]
    assert "Filter" in first and "== Physical Plan ==" in first and "FilterExec" in first
    assert "AggregateExec" in out.split("== Logical Plan ==")[2]
    assert "UsageError: %explain needs a DataFrame or a SQL string, not int" in err
    assert out.rstrip().split("\n== Physical Plan ==\n")[-1].strip()


def test_load_and_cpaste_piped(tmp_path):
    code_file = tmp_path / "snippet.py"
    code_file.write_text("loaded = spark.range(5).count()\n")
    code, out, err = piped(
        f"""
        %load {code_file}
        print(loaded)
        %cpaste
        >>> pasted = 6
        ... print("in paste", pasted * 7)
        --
        print("after", pasted)
        """
    )
    assert code == 0, err
    assert out.splitlines() == ["5", "in paste 42", "after 6"]


def test_load_and_cpaste_at_the_prompt(tmp_path):
    code_file = tmp_path / "snippet.py"
    code_file.write_text("loaded = 40 + 2\n")
    shell = Shell(tmp_path)
    out = plain(shell.send(b"%load " + str(code_file).encode() + b"\n", 5, until=b"loaded = 40 + 2"))
    assert "# %load" in out
    shell.send(b"\r")
    assert "\n42\n" in plain(shell.send(b"loaded\n"))
    out = plain(shell.send(b"%cpaste\n", 5, until=b":"))
    assert "Pasting code; enter '--' alone on the line to stop or use Ctrl-D." in out
    shell.send(b">>> pasted = 6\n", 5, until=b":")
    shell.send(b"--\n")
    assert "\n6\n" in plain(shell.send(b"pasted\n"))
    assert shell.close() == 0


def test_history_and_source_help_in_a_piped_script(tmp_path):
    code, out, err = piped(
        f"""
        def double(x):
            "Twice x."
            return 2 * x

        %%time
        y = double(4)

        %history -n
        %save {tmp_path / "kept"} 1
        double??
        """
    )
    assert code == 0, err
    history = out[out.index("1: def"):]
    assert history.startswith('1: def double(x):\n    "Twice x."\n    return 2 * x\n2: %%time\ny = double(4)\nThe following commands were written')
    assert (tmp_path / "kept.py").read_text() == 'def double(x):\n    "Twice x."\n    return 2 * x\n'
    assert 'Source:\ndef double(x):\n    "Twice x."\n    return 2 * x\n' in out


def test_a_piped_syntax_error_runs_nothing_and_a_traceback_starts_at_the_script():
    code, out, err = piped(
        """
        print("never")
        x = (
        """
    )
    assert code == 1 and out == ""
    assert "SyntaxError" in err
    code, out, err = piped(
        """
        print("first")
        1 / 0
        """
    )
    assert code == 1 and out == "first\n"
    assert err.startswith('Traceback (most recent call last):\n  File "<stdin>", line 3, in <module>\n'), err
    assert "ZeroDivisionError: division by zero" in err


def test_source_help_at_the_prompt_and_paging_of_long_help(tmp_path):
    shell = Shell(tmp_path, env={"PAGER": "less -R"})
    shell.send(b"def triple(x):\n", 5, until=b"... ")
    shell.send(b"return 3 * x\n", 5, until=b"... ")
    shell.send(b"\n")
    out = plain(shell.send(b"triple??\n"))
    assert "Source:\ndef triple(x):\n    return 3 * x" in out.replace("\r\n", "\n")
    # On a terminal of 12 rows this help is taller than the screen, so it goes through the
    # pager, which holds the screen (its `:` prompt) until `q`.
    fcntl.ioctl(shell.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 12, 100, 0, 0))
    out = plain(shell.send(b"spark.createDataFrame?\n", 10, until=b":"))
    assert "Signature: spark.createDataFrame(" in out
    assert "Examples" not in out, "the pager showed more than a screen"
    out = plain(shell.send(b"q", 10))
    assert out.endswith(">>> ")
    assert "\n6\n" in plain(shell.send(b"triple(2)\n")).replace("\r\n", "\n")
    assert shell.close() == 0


def test_spark_connect_tokens_are_masked_in_the_history():
    code, out, err = piped(
        """
        url = "sc://example.com/;token=s3cr3t;use_ssl=true"
        %history -n
        """
    )
    assert code == 0, err
    assert '1: url = "sc://example.com/;token=***;use_ssl=true"' in out and "s3cr3t" not in out
