"""`pyspark.sql.functions` on the local engine: PySpark's signatures with their keyword
arguments, the same answer from `F.x(...)` and SQL, and Spark's result names. Expected
values were recorded from PySpark 4.3.0. Needs the built binary (PYSPARK_BIN, else
target/release/pyspark)."""
import os

import pytest

from test_rdd import run
from test_terminal import BINARY

pytestmark = pytest.mark.skipif(not os.path.exists(BINARY), reason="build the binary first")


def test_first_and_last_take_ignorenulls():
    code, out, err = run(
        """
        from pyspark.sql import functions as F
        df = spark.createDataFrame([(1, None), (1, 5), (2, 7), (2, None)], "k int, v int")
        print(df.groupBy("k").agg(F.first("v", True), F.last("v", ignorenulls=True)).orderBy("k").collect())
        print(str(F.first("v", True)), str(F.last("v")), str(F.approx_count_distinct("v", 0.1)))
        print(spark.range(5).select(F.approx_count_distinct("id", 0.1)).collect())
        df.createOrReplaceTempView("t")
        print(spark.sql("select k, first(v, true), last(v, true) from t group by k order by k").collect())
        """
    )
    assert code == 0, err
    assert out.splitlines() == [
        "[Row(k=1, first(v)=5, last(v)=5), Row(k=2, first(v)=7, last(v)=7)]",
        "Column<'first(v, true)'> Column<'last(v, false)'> Column<'approx_count_distinct(v, 0.1)'>",
        "[Row(approx_count_distinct(id)=5)]",
        "[Row(k=1, first(v)=5, last(v)=5), Row(k=2, first(v)=7, last(v)=7)]",
    ]


def test_typeof_names_spark_types_after_spark_typing():
    # The SQL cases are differential probes (casts.typeof_*); this is the DataFrame API.
    code, out, err = run(
        """
        from pyspark.sql import functions as F
        print(spark.range(3).select(F.typeof(F.col("id"))).collect())
        """
    )
    assert code == 0, err
    assert out.strip() == "[Row(typeof(id)='bigint'), Row(typeof(id)='bigint'), Row(typeof(id)='bigint')]"


def test_functions_recorded_from_pyspark():
    # Values and names printed by PySpark 4.3.0 for the same calls.
    code, out, err = run(
        r"""
        from pyspark.sql import functions as F
        df = spark.createDataFrame([(-1.0, "a,b", 3)], "d double, s string, i int")
        cols = [F.sqrt("d"), F.hash("s", "i"), F.zeroifnull("i"), F.sign("i"), F.e(), F.pi(), F.log(2.0, "i")]
        print(df.select(*cols).columns)
        print(df.select(*cols).collect())
        print(df.select(F.regexp_extract_all("s", F.lit(r"(\w)"))).collect())
        print(repr(F.months_between("a", "b")), repr(F.hash("a", "b")))
        print(spark.sql("select hash(1), hash('Spark'), hash(''), hash(true), hash(null), hash(1, 'a')").collect())
        print(spark.range(1).select(F.hash(F.lit(1.5)), F.hash(F.lit(-0.0)), F.hash(F.lit(1) + F.lit(0))).collect())
        print(spark.sql("select months_between(timestamp'1997-02-28 10:30:00', date'1996-10-30'), months_between(date'2024-03-31', date'2024-02-29'), months_between('2024-01-15', '2024-03-01', false)").collect())
        print(spark.sql(r"select regexp_extract_all('100-200, 300-400', '(\\d+)-(\\d+)', 1), regexp_extract_all('abc', 'x', 0)").collect())
        print(spark.sql("select zeroifnull(cast(null as int)), nullifzero(0), equal_null(null, null), nvl2(1, 'a', 'b'), sign(-3), current_database(), current_catalog()").collect())
        print(spark.sql("select count(distinct a, b) from values (1, 2), (1, 2), (1, null), (2, 3) as t(a, b)").collect())
        """
    )
    assert code == 0, err
    assert out.splitlines() == [
        "['SQRT(d)', 'hash(s, i)', 'zeroifnull(i)', 'sign(i)', 'E()', 'PI()', 'LOG(2.0, i)']",
        "[Row(SQRT(d)=nan, hash(s, i)=1708573423, zeroifnull(i)=3, sign(i)=1.0, E()=2.718281828459045, PI()=3.141592653589793, LOG(2.0, i)=1.584962500721156)]",
        "[Row(regexp_extract_all(s, (\\w), 1)=['a', 'b'])]",
        "Column<'months_between(a, b, true)'> Column<'hash(a, b)'>",
        "[Row(hash(1)=-559580957, hash(Spark)=228093765, hash()=142593372, hash(true)=-559580957, hash(NULL)=42, hash(1, a)=-936062819)]",
        "[Row(hash(1.5)=1290763749, hash(-0.0)=-1670924195, hash((1 + 0))=-559580957)]",
        "[Row(months_between(TIMESTAMP '1997-02-28 10:30:00', DATE '1996-10-30', true)=3.94959677, months_between(DATE '2024-03-31', DATE '2024-02-29', true)=1.0, months_between(2024-01-15, 2024-03-01, false)=-1.5483870967741935)]",
        "[Row(regexp_extract_all(100-200, 300-400, (\\d+)-(\\d+), 1)=['100', '300'], regexp_extract_all(abc, x, 0)=[])]",
        "[Row(zeroifnull(CAST(NULL AS INT))=0, nullifzero(0)=None, equal_null(NULL, NULL)=True, nvl2(1, a, b)='a', sign(-3)=-1.0, current_schema()='default', current_catalog()='spark_catalog')]",
        "[Row(count(DISTINCT a, b)=2)]",
    ]


def test_view_commands_run_at_once():
    # PySpark 4.3.0: CREATE TEMPORARY VIEW and DROP VIEW run when spark.sql is called and
    # return an empty DataFrame; errors name Spark's conditions.
    code, out, err = run(
        """
        from pyspark.errors import AnalysisException
        print(spark.sql("create temporary view v2 (x) as select 1 as a").columns)
        print(spark.table("v2").collect())
        for q in ["create temporary view v2 as select 1 as a", "drop view nope", "create temporary view v3 (a) as select 1, 2"]:
            try:
                spark.sql(q)
            except AnalysisException as e:
                print(e.getCondition())
        print(spark.sql("drop view if exists nope").collect(), spark.sql("drop view v2").columns)
        print(spark.catalog.listTables())
        """
    )
    assert code == 0, err
    assert out.splitlines() == [
        "[]",
        "[Row(x=1)]",
        "TEMP_TABLE_OR_VIEW_ALREADY_EXISTS",
        "TABLE_OR_VIEW_NOT_FOUND",
        "CREATE_VIEW_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS",
        "[] []",
        "[]",
    ]


def test_bad_input_to_array_functions_and_missing_functions():
    # An array function on a number is Spark's DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE
    # (PySpark 4.3.0's message); a Spark function Ember lacks is NOT_IMPLEMENTED, and the
    # session goes on.
    code, out, err = run(
        """
        from pyspark.errors import AnalysisException, PySparkNotImplementedError
        from pyspark.sql import functions as F
        df = spark.createDataFrame([(0.5,)], "d double")
        for query in [lambda: df.select(F.array_distinct("d")), lambda: spark.sql("select array_distinct(0.5d)")]:
            try:
                query().collect()
            except AnalysisException as e:
                print(e.getCondition(), str(e).splitlines()[0] if "array_distinct(d)" in str(e) else "")
        try:
            spark.sql("select histogram_numeric(1, 5)").collect()
        except PySparkNotImplementedError as e:
            print(e.getCondition(), "histogram_numeric" in str(e))
        print(spark.range(1).count())
        """
    )
    assert code == 0, err
    assert out.splitlines() == [
        'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE [DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "array_distinct(d)" due to data type mismatch: The first parameter requires the "ARRAY" type, however "d" has the type "DOUBLE". SQLSTATE: 42K09',
        "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE ",
        "NOT_IMPLEMENTED True",
        "1",
    ]


def test_more_functions_recorded_from_pyspark():
    # PySpark 4.3.0's rows and names: sequence and friends (Spark's RuntimeReplaceable
    # functions), fdlibm math as Java's StrictMath, VALUES of decimals and doubles typed
    # DOUBLE, and aliases named by the alias.
    code, out, err = run(
        """
        print(spark.sql("select sequence(1, 5), sequence(5, 1), sequence(1, 9, 3), sequence(date'2024-01-30', date'2024-02-02'), date_from_unix_date(1), timestamp_millis(1230219000123), timestamp_micros(1230219000123123), map_contains_key(map(1, 'a'), 1)").collect())
        print(spark.sql("select exp(1), cosh(1), power(2, 3), log(2, 3), log2(3), log10(1000), sinh(1), tanh(0.5), array_append(cast(null as array<int>), 1) as appended, log10(cast('NaN' as double))").collect())
        print(spark.sql("SELECT * FROM VALUES (0.0), (PI() / 2) AS TAB(value)").collect())
        print(spark.sql("select lcase('A'), ucase('a'), char_length('ab'), nvl(null, 1), ifnull(null, 2), instr('abc', 'b'), ceiling(1.5), pow(2, 2), trim(' a ')").columns)
        """
    )
    assert code == 0, err
    assert out.splitlines() == [
        "[Row(sequence(1, 5)=[1, 2, 3, 4, 5], sequence(5, 1)=[5, 4, 3, 2, 1], sequence(1, 9, 3)=[1, 4, 7], sequence(DATE '2024-01-30', DATE '2024-02-02')=[datetime.date(2024, 1, 30), datetime.date(2024, 1, 31), datetime.date(2024, 2, 1), datetime.date(2024, 2, 2)], date_from_unix_date(1)=datetime.date(1970, 1, 2), timestamp_millis(1230219000123)=datetime.datetime(2008, 12, 25, 15, 30, 0, 123000), timestamp_micros(1230219000123123)=datetime.datetime(2008, 12, 25, 15, 30, 0, 123123), map_contains_key(map(1, a), 1)=True)]",
        "[Row(EXP(1)=2.7182818284590455, COSH(1)=1.543080634815244, POWER(2, 3)=8.0, LOG(2, 3)=1.584962500721156, LOG2(3)=1.584962500721156, LOG10(1000)=3.0, SINH(1)=1.1752011936438014, TANH(0.5)=0.46211715726000974, appended=None, LOG10(CAST(NaN AS DOUBLE))=nan)]",
        "[Row(value=0.0), Row(value=1.5707963267948966)]",
        "['lcase(A)', 'ucase(a)', 'char_length(ab)', 'nvl(NULL, 1)', 'ifnull(NULL, 2)', 'instr(abc, b)', 'ceiling(1.5)', 'pow(2, 2)', 'trim( a )']",
    ]
