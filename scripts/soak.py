#!/usr/bin/env python3
"""A soak of the interactive shell: many mixed statements in one session on a
pseudo-terminal, some interrupted with Ctrl-C while they run, with the shell's resident
memory, open file descriptors, threads and RDD worker processes sampled as it goes. They
should stay flat: a leak shows as a series that keeps rising.

    python3 scripts/soak.py [--statements 2000] [--every 100] [--seed 7] [--bin PATH]

Prints one line per sample (statements run, RSS in MiB, fds, threads, workers) and exits
with status 1 when a statement did not give its prompt back or the session lost its state.
``tests/python/test_soak.py`` runs a short soak of the same kind.
"""
import argparse
import fcntl
import os
import pty
import random
import re
import select
import struct
import sys
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROMPT = b">>> "
ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")

# Statements that finish quickly; each must give the prompt back.
STATEMENTS = [
    "df = spark.range(1000).selectExpr('id', 'id % 7 AS k')",
    "df.groupBy('k').count().orderBy('k').collect()[:2]",
    "spark.range(50).createOrReplaceTempView('numbers')",
    "spark.sql('SELECT count(*) AS n, sum(id) AS s FROM numbers').collect()",
    "df.join(spark.range(7).withColumnRenamed('id', 'k'), 'k').count()",
    "df.filter('id > 990').show()",
    "sc.parallelize(range(100), 4).map(lambda x: (x % 5, 1)).reduceByKey(lambda a, b: a + b).collect()[:1]",
    "sc.parallelize(range(20), 2).sum()",
    "from pyspark.sql import functions as F",
    "df.select(F.udf(lambda x: x + 1, 'long')('id').alias('p')).limit(3).collect()",
    "cached = spark.range(200).cache(); cached.count(); cached.unpersist()",
    "x = [i * i for i in range(100)]",
    "spark.sql('SELECT no_such_column FROM numbers')",
    "1 / 0",
    "df.toPandas().shape if False else df.limit(5).count()",
    "spark.range(3).selectExpr('id', 'uuid() AS u').count()",
]

# Statements that run long enough to be interrupted.
LONG = [
    "import time; sc.parallelize(range(4), 2).map(lambda x: time.sleep(3) or x).count()",
    "spark.range(0, 400_000_000).selectExpr('sum(id * 2)').collect()",
    "import time; time.sleep(3)",
]


def plain(data):
    return ANSI.sub(b"", data).replace(b"\r", b"")


class Session:
    """The shell on a pseudo-terminal."""

    def __init__(self, binary, home):
        environment = dict(os.environ, HOME=home, XDG_DATA_HOME=os.path.join(home, "data"), XDG_CONFIG_HOME=os.path.join(home, "config"), TERM="xterm-256color", NO_COLOR="1")
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(home)
            os.execve(binary, [binary, "--master", "local[2]"], environment)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.wait_for_prompt(60)

    def wait_for_prompt(self, seconds):
        """Reads until the output ends with a prompt after a line break; returns what it
        read, or None when the prompt did not come in time."""
        data = b""
        end = time.time() + seconds
        while time.time() < end:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return None
            if not chunk:
                return None
            data += chunk
            text = plain(data)
            if text.endswith(PROMPT) and b"\n" in text:
                return text
        return None

    def run(self, statement, seconds=60):
        os.write(self.fd, statement.encode() + b"\n")
        return self.wait_for_prompt(seconds)

    def interrupt(self, statement, after):
        os.write(self.fd, statement.encode() + b"\n")
        time.sleep(after)
        os.write(self.fd, b"\x03")
        return self.wait_for_prompt(60)

    def close(self):
        os.write(self.fd, b"\x04")
        deadline = time.time() + 20
        while time.time() < deadline:
            finished, status = os.waitpid(self.pid, os.WNOHANG)
            if finished:
                return os.waitstatus_to_exitcode(status)
            try:
                if select.select([self.fd], [], [], 0.1)[0]:
                    os.read(self.fd, 65536)
            except OSError:
                pass
        os.kill(self.pid, 9)
        return None


def sample(pid):
    """(RSS in MiB, open fds, threads, live child processes) of the shell."""
    status = open(f"/proc/{pid}/status").read()
    rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024
    threads = int(re.search(r"Threads:\s+(\d+)", status).group(1))
    fds = len(os.listdir(f"/proc/{pid}/fd"))
    children = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                children += 1
    return rss, fds, threads, children


def soak(binary, statements, every, seed, home, interrupt_share=0.05, report=print):
    """Runs the soak; returns (samples, failures): samples are (statements run, RSS MiB,
    fds, threads, workers) every ``every`` statements."""
    chooser = random.Random(seed)
    session = Session(binary, home)
    samples, failures = [], []
    session.run("kept = 41")
    for number in range(1, statements + 1):
        if chooser.random() < interrupt_share:
            statement = chooser.choice(LONG)
            output = session.interrupt(statement, chooser.uniform(0.2, 1.2))
        else:
            statement = chooser.choice(STATEMENTS)
            output = session.run(statement)
        if output is None:
            failures.append(f"statement {number} gave no prompt back: {statement}")
            break
        if number % every == 0:
            row = (number, *sample(session.pid))
            samples.append(row)
            report("%5d statements  RSS %7.1f MiB  fds %3d  threads %3d  workers %d" % row)
    check = session.run("print('kept', kept + 1)")
    if check is None or b"kept 42" not in check:
        failures.append("the session lost its state")
    status = session.close()
    if status != 0:
        failures.append(f"the shell exited with status {status}")
    return samples, failures


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=int, default=2000)
    parser.add_argument("--every", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--bin", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "pyspark"))
    args = parser.parse_args()
    import tempfile

    with tempfile.TemporaryDirectory() as home:
        samples, failures = soak(os.path.abspath(args.bin), args.statements, args.every, args.seed, home)
    for failure in failures:
        print("FAILED:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
