"""The interactive shell on a pseudo-terminal: completion, multi-line input with
auto-indent, Ctrl-C at the prompt and during a job, history across runs (mode 0600),
highlighting with a theme, NO_COLOR, and show() as a terminal table. Needs the built
binary (PYSPARK_BIN, else target/release/pyspark)."""
import fcntl
import os
import pty
import select
import stat
import struct
import subprocess
import termios
import time

import pytest

from test_terminal import BINARY, plain

pytestmark = pytest.mark.skipif(not os.path.exists(BINARY), reason="build the binary first")

class Shell:
    """The shell on a pseudo-terminal of 100 columns, with its own home directory."""

    def __init__(self, home, *args, env=None, master="local[2]"):
        environment = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"), TERM="xterm-256color")
        environment.pop("NO_COLOR", None)
        environment.update(env or {})
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(BINARY, [BINARY, "--master", master, *args], environment)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
        self.banner = self.read(30)

    def send(self, data, seconds=20, until=b">>> "):
        """Types ``data``; returns what the terminal shows until its text (without ANSI
        codes) ends with ``until``, or ``seconds`` pass. When ``data`` ends a line, only a
        ``until`` printed after the line break counts: rustyline redraws the prompt and the
        line itself on Enter, and a read can end between the two."""
        os.write(self.fd, data)
        return self.read(seconds, until, after_line_break=data.endswith(b"\n"))

    def read(self, seconds, until=b">>> ", after_line_break=False):
        data = b""
        end = time.time() + seconds
        while time.time() < end:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self.fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
            text = plain(data.decode(errors="replace"))
            if text.endswith(until.decode()) and (not after_line_break or "\n" in text):
                break
        return data.decode(errors="replace")

    def close(self):
        os.write(self.fd, b"\x04")
        self.read(10, until=b"\x00never printed")
        _, status = os.waitpid(self.pid, 0)
        return os.waitstatus_to_exitcode(status)


def test_tab_completes_attributes_columns_and_keywords(tmp_path):
    shell = Shell(tmp_path)
    assert "SparkSession available as 'spark'." in shell.banner
    assert "spark.read" in plain(shell.send(b"spark.rea\t", 5, until=b"read"))
    shell.send(b"\x15", 2)  # Ctrl-U clears the line
    shell.send(b"df = spark.createDataFrame([(1, 2)], ['alpha', 'beta'])\n")
    assert "df.alpha" in plain(shell.send(b"df.alp\t", 5, until=b"alpha"))
    shell.send(b"\x15", 2)
    assert 'df["beta' in plain(shell.send(b'df["be\t', 5, until=b"beta"))
    shell.send(b"\x15", 2)
    shell.send(b"from pyspark.sql import functions as F\n")
    assert "collect_list" in plain(shell.send(b"F.co\t\t", 5, until=b"collect_list"))
    shell.send(b"\x15", 2)
    assert "truncate=" in plain(shell.send(b"df.show(trun\t", 5, until=b"truncate="))
    shell.send(b"\x15", 2)
    out = plain(shell.send(b"print(df.alpha)\n"))
    assert "Column<'alpha'>" in out
    assert shell.close() == 0


def test_multi_line_def_with_continuation_prompt_and_auto_indent(tmp_path):
    shell = Shell(tmp_path)
    out = shell.send(b"def twice(x):\n", 5, until=b"...     ")
    assert plain(out).endswith("...     ")
    shell.send(b"y = x * 2\n", 5, until=b"...     ")
    shell.send(b"return y\n", 5, until=b"... ")
    out = plain(shell.send(b"\n"))
    out = plain(shell.send(b"twice(21)\n"))
    assert "42" in out
    assert shell.close() == 0


def test_ctrl_c_clears_the_line_and_cancels_a_job_within_a_second(tmp_path):
    shell = Shell(tmp_path)
    shell.send(b"spark.range(5).createOrReplaceTempView('kept')\n")
    shell.send(b"half typed", 2)
    out = plain(shell.send(b"\x03", 5))
    assert out.endswith(">>> ")
    assert "half typed1" not in plain(shell.send(b"1\n"))
    os.write(shell.fd, b'spark.range(10**11).selectExpr("sum(id)").collect()\n')
    shell.read(1.5, until=b"never printed")
    start = time.time()
    out = plain(shell.send(b"\x03", 10))
    latency = time.time() - start
    assert "KeyboardInterrupt" in out
    assert latency < 1.0, latency
    out = plain(shell.send(b"spark.table('kept').count()\n"))
    assert "\n5\n" in out
    assert shell.close() == 0


def test_history_is_kept_across_runs_with_mode_0600(tmp_path):
    shell = Shell(tmp_path)
    shell.send(b"marker_value = 41 + 1\n")
    os.write(shell.fd, b"exit()\n")
    shell.read(10, until=b"\x00never printed")
    _, status = os.waitpid(shell.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    history = tmp_path / "data" / "ember" / "history"
    assert "marker_value = 41 + 1" in history.read_text()
    assert stat.S_IMODE(history.stat().st_mode) == 0o600
    shell = Shell(tmp_path)
    out = plain(shell.send(b"\x1b[A", 3, until=b"41 + 1"))
    assert "marker_value = 41 + 1" in out
    shell.send(b"\n")
    assert "42" in plain(shell.send(b"marker_value\n"))
    # Ctrl-R searches the history.
    assert "marker_value = 41 + 1" in plain(shell.send(b"\x12= 41", 3, until=b"41 + 1"))
    shell.send(b"\x07\x15", 2)
    assert shell.close() == 0


def test_a_bracketed_paste_runs_as_typed(tmp_path):
    shell = Shell(tmp_path)
    shell.send(b"\x1b[200~def five():\n    return 5\n\x1b[201~", 5, until=b"... ")
    shell.send(b"\n")
    assert "\n5\n" in plain(shell.send(b"five()\n"))
    assert shell.close() == 0


def test_settings_come_from_the_command_line_then_the_environment_then_config_toml(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('master = "local[3]"\ntable_style = "spark"\ntheme = "light"\n')
    script = "print(sc.defaultParallelism, spark.conf.get('spark.ember.repl.tableStyle'))\n"

    def run(*args, **env):
        environment = {k: v for k, v in os.environ.items() if k not in ("MASTER", "EMBER_TABLE_STYLE", "EMBER_THEME")}
        environment.update(EMBER_CONFIG=str(config), **env)
        result = subprocess.run([BINARY, *args], input=script, capture_output=True, text=True, env=environment, timeout=60)
        return result.returncode, result.stdout.strip(), result.stderr

    assert run()[:2] == (0, "3 spark")
    assert run("--master", "local[2]", MASTER="local[1]")[:2] == (0, "2 spark")
    assert run(MASTER="local[1]")[:2] == (0, "1 spark")
    assert run("--table-style", "unicode", EMBER_TABLE_STYLE="spark")[:2] == (0, "3 unicode")
    assert run(EMBER_TABLE_STYLE="unicode")[:2] == (0, "3 unicode")
    code, _, err = run("--theme", "pink")
    assert code == 1 and "Invalid theme 'pink': expected one of dark, light, none" in err
    config.write_text("colour = 1\n")
    code, _, err = run()
    assert code == 1 and "Invalid config file" in err and "colour" in err


def test_a_missing_home_never_stops_the_shell(tmp_path):
    shell = Shell(tmp_path / "absent", env={"XDG_DATA_HOME": "/proc/ember-cannot-write"})
    assert "\n3\n" in plain(shell.send(b"spark.range(3).count()\n"))
    assert shell.close() == 0


def test_lines_are_highlighted_with_the_theme_and_plain_with_no_color(tmp_path):
    shell = Shell(tmp_path, "--theme", "dark")
    time.sleep(1.0)  # the grammars load on a thread
    out = shell.send(b"def", 3, until=b"def")
    # The dark theme's keyword colour, #E06C75.
    assert "\x1b[38;2;224;108;117m" in out
    shell.send(b"\x15", 2)
    assert shell.close() == 0
    shell = Shell(tmp_path, env={"NO_COLOR": "1"})
    time.sleep(1.0)
    out = shell.send(b"def", 2, until=b"def")
    assert "\x1b[38;2" not in out
    shell.send(b"\x15", 2)
    assert shell.close() == 0


def test_show_draws_a_fitted_table_and_the_spark_style_stays_available(tmp_path):
    shell = Shell(tmp_path)
    shell.send(b"df = spark.createDataFrame([(1, 'a'), (None, 'bb')], 'n int, s string')\n")
    out = plain(shell.send(b"df.show()\n"))
    assert "┌──────┬────┐\n│ n    ┆ s  │\n╞══════╪════╡\n│    1 ┆ a  │\n│ NULL ┆ bb │\n└──────┴────┘\n" in out
    out = plain(shell.send(b"spark.conf.set('spark.ember.repl.tableStyle', 'spark'); df.show()\n"))
    assert "+----+---+\n|   n|  s|\n+----+---+\n|   1|  a|\n|NULL| bb|\n+----+---+" in out
    out = plain(shell.send(b"spark.conf.set('spark.ember.repl.tableStyle', 'unicode'); df\n"))
    assert "DataFrame[n: int, s: string]" in out
    out = plain(shell.send(b"spark.conf.set('spark.sql.repl.eagerEval.enabled', True); df\n"))
    assert "│ NULL ┆ bb │" in out
    assert shell.close() == 0


def test_lines_typed_in_one_burst_all_run_in_order(tmp_path):
    # Twenty statements reach the terminal in one write, before the first prompt has come
    # back (a fast typist, an `expect` script, a terminal without bracketed paste): every
    # one runs, in order, as in Python's own REPL.
    shell = Shell(tmp_path)
    lines = [b"ran = []\n"] + [b"ran.append(%d)\n" % i for i in range(18)] + [b"print('ran', len(ran), ran == list(range(18)))\n"]
    assert len(lines) == 20
    os.write(shell.fd, b"".join(lines))
    text, end = "", time.time() + 30
    while "ran 18 True" not in text and time.time() < end:
        text += plain(shell.read(1, until=b"\x00never printed"))
    assert "ran 18 True" in text, text
    assert shell.close() == 0
