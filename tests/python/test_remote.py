"""`--remote sc://…`: connection strings refused with PySpark's errors, and, against a
real Spark 4.3.0 Spark Connect server on loopback (started by scripts/connect-server.sh,
which needs Java 17 and pip's pyspark==4.3.0), DataFrames and SQL, errors, the banner,
RDDs refused, and an interrupt by tag. Needs the built binary (PYSPARK_BIN, else
target/release/pyspark)."""
import json
import os
import subprocess
import textwrap
import time

import pytest

from test_terminal import BINARY
from test_repl import Shell, plain

pytestmark = pytest.mark.skipif(not os.path.exists(BINARY), reason="build the binary first")

SCRIPT = os.path.join(os.path.dirname(__file__), "..", "..", "scripts", "connect-server.sh")


def shell(script, *args, env=None):
    environment = dict(os.environ, **(env or {}))
    environment.pop("SPARK_REMOTE", None)
    result = subprocess.run([BINARY, *args], input=textwrap.dedent(script), capture_output=True, text=True, timeout=300, env=environment)
    return result.returncode, result.stdout, result.stderr


@pytest.fixture(scope="module")
def server():
    """The URL of a running Spark Connect server: started here, stopped at the end if it
    was started here."""
    running = subprocess.run(["python3", "-c", "import socket,sys; s=socket.socket(); s.settimeout(0.5); sys.exit(s.connect_ex(('127.0.0.1', int(sys.argv[1]))))", os.environ.get("EMBER_CONNECT_PORT", "15002")]).returncode == 0
    url = subprocess.run(["bash", SCRIPT, "start"], capture_output=True, text=True, timeout=900, check=True).stdout.strip()
    yield url
    if not running:
        subprocess.run(["bash", SCRIPT, "stop"], timeout=120)


TOKEN = "ember-test-token"


@pytest.fixture(scope="module")
def token_server(tmp_path_factory):
    """A second server, on port 15003, that wants the bearer token TOKEN and accepts
    uploads to its file system; the tests that stop and restart a server use this one. Yields the environment that drives the script."""
    environment = dict(os.environ, EMBER_CONNECT_PORT="15003", EMBER_CONNECT_TOKEN=TOKEN, EMBER_CONNECT_ALLOW_DEST_LOCAL="true", EMBER_CONNECT_STATE=str(tmp_path_factory.mktemp("token-server")))
    subprocess.run(["bash", SCRIPT, "start"], capture_output=True, text=True, timeout=900, check=True, env=environment)
    yield environment
    subprocess.run(["bash", SCRIPT, "stop"], timeout=120, env=environment)


def test_bad_connection_strings_get_pysparks_errors():
    code, out, err = shell("print(1)\n", "--remote", "http://localhost:15002")
    assert code == 1 and "INVALID_CONNECT_URL" in err and "The URL must start with 'sc://'" in err
    code, out, err = shell("print(1)\n", "--remote", "sc://localhost:15002/path")
    assert code == 1 and "The path component '/path' must be empty" in err
    code, out, err = shell("print(1)\n", "--remote", "sc://localhost/;token")
    assert code == 1 and "Parameter 'token' should be provided as a key-value pair" in err
    code, out, err = shell("print(1)\n", "--remote", "sc://localhost/;session_id=nope")
    assert code == 1 and "INVALID_SESSION_UUID_ID" in err
    code, out, err = shell("print(1)\n", "--remote", "sc://localhost", "--master", "local[2]")
    assert code == 2 and err.strip() == "Remote cannot be specified with master and/or deploy mode."


def test_an_unreachable_server_is_a_clear_error_without_the_token():
    code, out, err = shell("print(1)\n", "--remote", "sc://127.0.0.1:1/;token=sekret")
    assert code == 1 and "SparkConnectGrpcException" in err and "127.0.0.1:1" in err
    assert "sekret" not in err


def test_dataframes_and_sql_run_on_the_server(server):
    code, out, err = shell(
        """
        from pyspark.sql import functions as F
        df = spark.createDataFrame([(1, "a"), (2, "b"), (3, None)], "id INT, name STRING")
        df.filter(F.col("id") > 1).show()
        df.createOrReplaceTempView("people")
        print(spark.sql("SELECT count(*) AS n FROM people").collect())
        print(spark.range(10).count(), spark.range(3).collect())
        df.printSchema()
        print(spark.conf.get("spark.sql.shuffle.partitions"))
        spark.conf.set("spark.sql.shuffle.partitions", "3")
        print(spark.conf.get("spark.sql.shuffle.partitions"))
        """,
        "--remote", server,
    )
    assert code == 0, err
    assert out.splitlines() == [
        "+---+----+",
        "| id|name|",
        "+---+----+",
        "|  2|   b|",
        "|  3|NULL|",
        "+---+----+",
        "",
        "[Row(n=3)]",
        "10 [Row(id=0), Row(id=1), Row(id=2)]",
        "root",
        " |-- id: integer (nullable = true)",
        " |-- name: string (nullable = true)",
        "",
        "200",
        "3",
    ]


def test_server_errors_keep_their_classes_and_rdds_are_refused(server):
    code, out, err = shell(
        """
        from pyspark.errors import AnalysisException, PySparkRuntimeError
        try:
            spark.table("no_such_table").collect()
        except AnalysisException as error:
            print(type(error).__name__, error.getCondition())
        try:
            sc.parallelize([1, 2, 3]).count()
        except PySparkRuntimeError as error:
            print(error.getCondition())
        print(spark.range(2).count())
        """,
        "--master", server,
    )
    assert code == 0, err
    assert out.splitlines() == ["AnalysisException TABLE_OR_VIEW_NOT_FOUND", "UNSUPPORTED_CONNECT_FEATURE.RDD", "2"]


def test_tls_asked_for_is_never_dropped(server):
    endpoint = server[len("sc://"):]
    code, out, err = shell("print(spark.range(3).count())\n", "--remote", "sc://%s/;use_ssl=true" % endpoint)
    assert code == 1 and out == "", out
    assert "SparkConnectGrpcException" in err, err
    # A token to a host other than localhost means TLS too (PySpark's rule).
    code, out, err = shell("print(spark.range(3).count())\n", "--remote", "sc://%s/;token=abc" % endpoint)
    assert code == 1 and out == "" and "abc" not in err, err


def test_python_udfs_run_in_the_servers_python_workers(server):
    code, out, err = shell(
        """
        import os
        from pyspark.sql import functions as F
        from pyspark.errors import PythonException
        df = spark.createDataFrame([("alice", 3), ("bob", None)], ["name", "n"])
        @F.udf("int")
        def plus_one(x):
            return None if x is None else x + 1
        where = F.udf(lambda x: os.getpid())
        print(df.select(F.udf(lambda s: s.upper() + "!")("name"), plus_one("n").alias("m")).collect())
        print(df.select(where("n")).first()[0] != str(os.getpid()))
        spark.udf.register("twice", lambda x: x * 2 if x is not None else None, "int")
        df.createOrReplaceTempView("t")
        print(spark.sql("SELECT name, twice(n) AS t FROM t ORDER BY name").collect())
        try:
            spark.range(3).select(F.udf(lambda x: 10 // (x - 1), "int")("id")).collect()
        except PythonException as e:
            print(e.getCondition(), "ZeroDivisionError" in str(e))
        """,
        "--master", server,
    )
    assert code == 0, err
    assert out.splitlines() == [
        "[Row(<lambda>(name)='ALICE!', m=4), Row(<lambda>(name)='BOB!', m=None)]",
        "True",
        "[Row(name='alice', t=6), Row(name='bob', t=None)]",
        "PYTHON_EXCEPTION True",
    ]


def test_interrupt_by_tag_stops_the_servers_operation(server):
    code, out, err = shell(
        """
        import threading, time
        outcome = {}
        def run():
            spark.addTag("slow")
            try:
                spark.range(0, 10**13).selectExpr("sum(id % 7)").collect()
                outcome["r"] = "finished"
            except Exception as error:
                outcome["r"] = getattr(error, "getCondition", lambda: type(error).__name__)()
        worker = threading.Thread(target=run)
        worker.start()
        time.sleep(3)
        started = time.time()
        print(len(spark.interruptTag("slow")))
        worker.join(60)
        print(outcome, time.time() - started < 30)
        print(spark.range(3).count())
        """,
        env={"SPARK_REMOTE": server},
    )
    assert code == 0, err
    assert out.splitlines() == ["1", "{'r': 'SPARK_JOB_CANCELLED'} True", "3"]


def test_a_wrong_token_is_refused_and_the_right_one_from_the_environment_works(token_server):
    code, out, err = shell("print(spark.range(3).count())\n", "--remote", "sc://localhost:15003/;token=not-the-token")
    assert code == 1, out
    assert "SparkConnectGrpcException" in err and "not-the-token" not in err, err
    code, out, err = shell("print(spark.range(3).count())\nprint(repr(spark.sparkContext.master))\n", "--remote", "sc://localhost:15003", env={"SPARK_CONNECT_AUTHENTICATE_TOKEN": TOKEN})
    assert code == 0, err
    assert out.splitlines()[0] == "3" and TOKEN not in out and TOKEN not in err


def test_a_server_that_goes_away_mid_query_is_a_clear_error_and_the_session_reconnects(token_server):
    code, out, err = shell(
        """
        import json, os, subprocess, sys, threading, time
        environment = json.loads(os.environ["EMBER_TEST_SERVER_ENV"])
        outcome = {}
        def run():
            try:
                spark.range(0, 10**13).selectExpr("sum(id % 7)").collect()
                outcome["r"] = "finished"
            except Exception as error:
                # The channel breaks (SparkConnectGrpcException), or the stopping server
                # reports its stopped SparkContext first (UnknownException).
                outcome["r"] = type(error).__name__ in ("SparkConnectGrpcException", "UnknownException") and bool(str(error))
        worker = threading.Thread(target=run)
        worker.start()
        time.sleep(3)
        subprocess.run(["bash", os.environ["EMBER_TEST_SCRIPT"], "stop"], env=environment, check=True)
        worker.join(120)
        print(outcome)
        subprocess.run(["bash", os.environ["EMBER_TEST_SCRIPT"], "start"], env=environment, check=True, capture_output=True)
        try:
            spark.range(4).count()
        except Exception as error:
            print(error.getCondition())
        print(spark.range(4).count())
        """,
        "--remote", "sc://localhost:15003",
        env={"SPARK_CONNECT_AUTHENTICATE_TOKEN": TOKEN, "EMBER_TEST_SERVER_ENV": json.dumps(token_server), "EMBER_TEST_SCRIPT": SCRIPT},
    )
    assert code == 0, err
    # Spark reports once that the restarted server lost the session; then it goes on.
    assert out.splitlines() == ["{'r': True}", "INVALID_HANDLE.SESSION_CHANGED", "4"], err


def test_ctrl_c_interrupts_the_servers_operation_and_the_session_goes_on(server, tmp_path):
    session = Shell(tmp_path, master=server)
    session.send(b"spark.range(0, 10**13).selectExpr('sum(id % 7)').collect()\n", 3, until=b"never printed")
    started = time.time()
    os.write(session.fd, b"\x03")
    interrupted = plain(session.read(60))
    assert "KeyboardInterrupt" in interrupted and time.time() - started < 30, interrupted
    assert "\n7\n" in plain(session.send(b"spark.range(7).count()\n", 60)).replace("\r\n", "\n")
    assert session.close() == 0


def test_is_local_and_is_streaming_ask_the_server_and_agree_with_the_local_engine(server):
    script = """
        local = spark.createDataFrame([(1, "a")], ["n", "s"])
        print(local.isLocal(), local.filter("n > 0").select("s").isLocal(), local.groupBy("s").count().isLocal(), spark.range(3).isLocal())
        print(local.isStreaming, spark.range(3).isStreaming)
        """
    expected = ["True False False False", "False False"]
    for master in (server, "local[2]"):
        code, out, err = shell(script, "--master", master)
        assert code == 0, err
        assert out.splitlines() == expected, master


def test_stop_releases_the_session_on_the_server(server):
    code, out, err = shell(
        """
        spark.range(2).createOrReplaceTempView("v")
        print(spark.table("v").count())
        spark.stop()
        try:
            spark.table("v").count()
        except Exception as error:
            print(error.getCondition())
        """,
        "--master", server,
    )
    assert code == 0, err
    assert out.splitlines() == ["2", "INVALID_HANDLE.SESSION_CLOSED"]


CONFORMANCE = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "conformance")


@pytest.mark.skipif(not os.path.exists(os.path.join(CONFORMANCE, "run")), reason="../shared/conformance not found")
def test_the_dataframe_conformance_cases_pass_through_the_server(server):
    """The cases of tests/conformance-remote.txt print, through --remote, exactly what
    PySpark 4.3.0 printed (the others need an RDD, or tie in an order Spark leaves open)."""
    with open(os.path.join(os.path.dirname(__file__), "..", "conformance-remote.txt")) as listing:
        cases = listing.read().split()
    result = subprocess.run(["python3", os.path.join(CONFORMANCE, "run"), "--bin", BINARY, "--master", server, *cases], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0 and "%d passed, 0 failed" % len(cases) in result.stdout, result.stdout + result.stderr


def test_copy_from_local_to_fs_uploads_where_the_server_allows_it(server, token_server, tmp_path):
    source = tmp_path / "people.csv"
    source.write_text("name,age\n" + "".join("p%d,%d\n" % (i, i % 90) for i in range(5000)))
    target = str(tmp_path / "uploaded" / "people.csv")
    script = """
        try:
            spark.copyFromLocalToFs(%r, "hdfs:/x")
        except Exception as error:
            print(error.getCondition())
        try:
            spark.copyFromLocalToFs(%r, %r)
            print(spark.read.csv(%r, header=True).count())
        except Exception as error:
            print(type(error).__name__)
        """ % (str(source), str(source), target, target)
    # The default server refuses uploads to its local file system: a clear error.
    code, out, err = shell(script, "--master", server)
    assert code == 0, err
    assert out.splitlines() == ["NO_SCHEMA_AND_DRIVER_DEFAULT_SCHEME", "UnsupportedOperationException"], err
    # One started with spark.sql.artifact.copyFromLocalToFs.allowDestLocal=true takes the file
    # (over 32 KiB, so it goes in chunks).
    code, out, err = shell(script, "--remote", "sc://localhost:15003", env={"SPARK_CONNECT_AUTHENTICATE_TOKEN": TOKEN})
    assert code == 0, err
    assert out.splitlines() == ["NO_SCHEMA_AND_DRIVER_DEFAULT_SCHEME", "5000"], err
    assert os.path.getsize(target) == os.path.getsize(source)


def test_the_banner_names_the_server(server, tmp_path):
    session = Shell(tmp_path, master=server)
    banner = plain(session.banner)
    endpoint = server[len("sc://"):]
    assert "Client connected to the Spark Connect server at %s" % endpoint in banner
    assert "\n5\n" in plain(session.send(b"spark.range(5).count()\n", 60)).replace("\r\n", "\n")
    assert session.close() == 0
