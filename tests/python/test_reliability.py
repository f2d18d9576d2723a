"""Reliability: a Rust panic inside the engine reaches Python as Spark's INTERNAL_ERROR and
the session goes on. Needs the built binary (PYSPARK_BIN, else target/release/pyspark)."""
import os
import subprocess
import textwrap

import pytest

from test_terminal import BINARY

pytestmark = pytest.mark.skipif(not os.path.exists(BINARY), reason="build the binary first")


def run(script):
    result = subprocess.run([BINARY, "--master", "local[2]"], input=textwrap.dedent(script), capture_output=True, text=True, timeout=120)
    return result.returncode, result.stdout, result.stderr


@pytest.mark.parametrize("place", ["engine", "rdd"])
def test_a_panic_is_an_internal_error_and_the_session_goes_on(place):
    code, out, err = run(
        f"""
        from pyspark import _native
        from pyspark.errors import SparkRuntimeException
        spark.range(3).createOrReplaceTempView("kept")
        try:
            _native.panic_for_tests(sc._native, "{place}")
        except SparkRuntimeException as error:
            print(type(error).__name__, error.getCondition(), error.getSqlState())
            print("panicked" in str(error), "forced by a test ({place})" in str(error))
        print(spark.table("kept").count(), sc.parallelize(range(4), 2).sum())
        """
    )
    assert code == 0, err
    assert out.splitlines() == ["SparkRuntimeException INTERNAL_ERROR XX000", "True True", "3 6"], (out, err)


def test_unreadable_parquet_files_raise_sparks_footer_error_quietly(tmp_path):
    (tmp_path / "garbage.parquet").write_bytes(b"PAR1garbage-not-parquetPAR1")
    good = tmp_path / "good"
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    (mixed / "notes.csv").write_text("a,b\n1,2\n")
    code, out, err = run(
        f"""
        import glob, shutil
        from pyspark.errors import SparkRuntimeException
        spark.range(1000).write.parquet({str(good)!r})
        part = sorted(glob.glob({str(good)!r} + "/*.parquet"))[0]
        data = open(part, "rb").read()
        open({str(tmp_path / "truncated.parquet")!r}, "wb").write(data[: len(data) // 2])
        shutil.copy(part, {str(mixed / "part.parquet")!r})
        for name in ["garbage.parquet", "truncated.parquet", "mixed"]:
            try:
                spark.read.parquet({str(tmp_path)!r} + "/" + name).count()
            except SparkRuntimeException as error:
                print(name, error.getCondition(), error.getMessageParameters()["path"].rsplit("/", 1)[1])
        print(spark.read.parquet({str(good)!r}).count())
        """
    )
    assert code == 0, err
    assert out.splitlines() == [
        "garbage.parquet FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER garbage.parquet",
        "truncated.parquet FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER truncated.parquet",
        "mixed FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER notes.csv",
        "1000",
    ], (out, err)
    assert "panicked" not in err
