"""The shell on a pseudo-terminal: PySpark's banner, a prompt, results, and a failing
statement that leaves the session (and its temp views) usable. Needs the built binary
(PYSPARK_BIN, else target/release/pyspark)."""
import os
import pty
import re
import select
import time

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("PYSPARK_BIN") or os.path.join(ROOT, "target", "release", "pyspark")


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def plain(text):
    """What the terminal shows, as text: without ANSI control sequences and carriage returns."""
    return ANSI.sub("", text).replace("\r", "")


def _read(fd, seconds, until=None):
    """Reads the terminal for ``seconds``, or until its text (without ANSI codes) ends
    with ``until``; returns the plain text as bytes."""
    data = b""
    end = time.time() + seconds
    while time.time() < end:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
            if until is not None and plain(data.decode(errors="replace")).endswith(until.decode()):
                break
    return plain(data.decode(errors="replace")).encode()


@pytest.mark.skipif(not os.path.exists(BINARY), reason="build the binary first")
def test_interactive_session_on_a_terminal():
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(BINARY, [BINARY, "--master", "local[2]"])
    transcript = _read(fd, 20, until=b">>> ")
    for line in [
        b"spark.range(3).count()\n",
        b"spark.range(4).createOrReplaceTempView('t')\n",
        b"spark.sql('SELEC 1')\n",
        b"spark.conf.set('spark.ember.repl.tableStyle', 'spark')\n",
        b"spark.sql('SELECT count(*) AS n FROM t').show()\n",
    ]:
        os.write(fd, line)
        transcript += _read(fd, 20, until=b">>> ")
    os.write(fd, b"\x04")
    transcript += _read(fd, 10)
    _, status = os.waitpid(pid, 0)
    text = transcript.decode().replace("\r\n", "\n")
    assert text.startswith("Welcome to\n      ____              __\n")
    assert "version 4.3.0" in text
    assert "SparkSession available as 'spark'." in text
    # PySpark's shell names its web UI and the application id of its `sc`.
    ui = re.search(r"Spark context Web UI available at (http://127\.0\.0\.1:\d+/\?token=[0-9a-f]{32})\n", text)
    assert ui, text
    assert re.search(r"Spark context available as 'sc' \(master = local\[2\], app id = local-\d{13}\)\.\n", text), text
    assert ">>> spark.range(3).count()\n3\n>>> " in text
    # Spark's ParseException text starts on a new line and ends with where the error is.
    assert "ParseException: \n[PARSE_SYNTAX_ERROR]" in text
    assert "== SQL ==\nSELEC 1\n^^^\n" in text
    assert "+---+\n|  n|\n+---+\n|  4|\n+---+\n" in text
    assert os.waitstatus_to_exitcode(status) == 0


def interrupt_session(setup, job, check, wait=1.0):
    """On a pseudo-terminal: runs ``setup``, starts ``job``, presses Ctrl-C after ``wait``
    seconds, then runs ``check``; returns (what the interrupt printed, what check printed)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(BINARY, [BINARY, "--master", "local[2]"])
    _read(fd, 20, until=b">>> ")
    os.write(fd, setup)
    _read(fd, 20, until=b">>> ")
    os.write(fd, job)
    _read(fd, wait)
    os.write(fd, b"\x03")
    interrupted = _read(fd, 20, until=b">>> ").decode().replace("\r\n", "\n")
    # rustyline drops keys typed before it reads again; on a loaded machine the prompt
    # can show a moment before that.
    time.sleep(0.5)
    os.write(fd, check)
    after = _read(fd, 20, until=b">>> ").decode().replace("\r\n", "\n")
    os.write(fd, b"\x04")
    _read(fd, 10)
    os.waitpid(pid, 0)
    return interrupted, after


@pytest.mark.skipif(not os.path.exists(BINARY), reason="build the binary first")
def test_ctrl_c_interrupts_a_query_and_keeps_the_session():
    interrupted, after = interrupt_session(
        b"spark.range(3).createOrReplaceTempView('kept')\n",
        b"spark.range(0, 10**12).selectExpr('sum(id)').collect()\n",
        b"spark.table('kept').count()\n",
    )
    assert "KeyboardInterrupt" in interrupted
    assert "\n3\n>>> " in after
