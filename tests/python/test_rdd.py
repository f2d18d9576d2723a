"""The RDD engine through the real binary: partition layouts, the shuffle (in memory and
spilled), worker processes and in-process tasks, lambda exceptions, a dying worker,
cancellation and Ctrl-C. Needs the built binary (PYSPARK_BIN, else target/release/pyspark)."""
import os
import subprocess
import textwrap

import pytest

from test_terminal import BINARY, interrupt_session

pytestmark = pytest.mark.skipif(not os.path.exists(BINARY), reason="build the binary first")


def run(script, master="local[2]", *args, timeout=120):
    """Pipes a script into the shell; returns (exit code, stdout, stderr)."""
    result = subprocess.run(
        [BINARY, "--master", master, *args],
        input=textwrap.dedent(script),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return result.returncode, result.stdout, result.stderr


def test_parallelize_slices_as_pyspark():
    # Expected layouts are what PySpark 4.3.0 prints for the same calls.
    code, out, err = run(
        """
        print(sc.parallelize(range(10), 3).glom().collect())
        print(sc.parallelize(["a", "b", "c", "d", "e"], 2).glom().collect())
        print(sc.parallelize(range(3), 5).glom().collect())
        print(sc.parallelize([0, 2, 3, 4, 6], 5).glom().collect())
        print(sc.parallelize(range(0, 6, 2), 5).glom().collect())
        print(sc.parallelize(list(range(10)), 4).glom().collect())
        print(sc.emptyRDD().getNumPartitions(), sc.parallelize([], 3).glom().collect())
        """
    )
    assert code == 0, err
    assert out.splitlines() == [
        "[[0, 1, 2], [3, 4, 5], [6, 7, 8, 9]]",
        "[['a', 'b'], ['c', 'd', 'e']]",
        "[[], [0], [], [1], [2]]",
        "[[0], [2], [3], [4], [6]]",
        "[[], [0], [], [2], [4]]",
        "[[0, 1], [2, 3], [4, 5], [6, 7, 8, 9]]",
        "0 [[], [], []]",
    ]


def test_text_file_partitions_keep_every_line_once(tmp_path):
    lines = ["line %d %s" % (i, "x" * (i % 7)) for i in range(1000)]
    path = tmp_path / "lines.txt"
    path.write_text("\n".join(lines) + "\n")
    code, out, err = run(
        f"""
        rdd = sc.textFile({str(path)!r}, 5)
        parts = rdd.glom().collect()
        print(rdd.getNumPartitions(), sum(parts, []) == [l.rstrip(chr(10)) for l in open({str(path)!r})])
        print(min(len(p) for p in parts) > 100)
        """
    )
    assert code == 0, err
    assert out.splitlines() == ["5 True", "True"]


def test_text_file_lines_decode_as_python_decodes(tmp_path):
    # Lines are built in Rust; they must equal Python's decode("utf-8", "replace") and
    # split: invalid bytes, a sequence cut by a line end, CRLF, empty lines, no final end.
    data = b"caf\xc3\xa9\r\n\xff\xfe bad\n\n\xe2\x82\n\xe2\x82\xac euro\n\xf0\x9f\x94\xa5 last"
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    code, out, err = run(
        f"""
        data = open({str(path)!r}, "rb").read().replace(b"\\r\\n", b"\\n")
        expected = data.decode("utf-8", "replace").split("\\n")
        print(sc.textFile({str(path)!r}).collect() == expected, len(expected))
        print(sc.textFile({str(path)!r}, 3).collect() == expected)
        """
    )
    assert code == 0, err
    assert out.splitlines() == ["True 6", "True"]


def test_shuffle_places_keys_by_portable_hash():
    code, out, err = run(
        """
        pairs = sc.parallelize([(k, k * 10) for k in range(12)], 4)
        print(pairs.partitionBy(3).glom().map(lambda p: sorted(k for k, _ in p)).collect())
        words = sc.parallelize(["spark", "ember", "rust", "arrow", "python"], 2).map(lambda w: (w, 1))
        from pyspark.core.rdd import portable_hash
        layout = words.partitionBy(4).glom().map(lambda p: [k for k, _ in p]).collect()
        print(all(portable_hash(w) % 4 == i for i, part in enumerate(layout) for w in part))
        print(sorted(words.reduceByKey(lambda a, b: a + b).collect()))
        """
    )
    assert code == 0, err
    assert out.splitlines() == [
        "[[0, 3, 6, 9], [1, 4, 7, 10], [2, 5, 8, 11]]",
        "True",
        "[('arrow', 1), ('ember', 1), ('python', 1), ('rust', 1), ('spark', 1)]",
    ]


def test_shuffle_spills_to_disk_and_gives_the_same_answer():
    script = """
        data = sc.parallelize([(i % 97, i) for i in range(50000)], 4)
        grouped = data.groupByKey().mapValues(lambda vs: (len(vs), sum(vs))).collect()
        print(sorted(grouped)[:3], len(grouped))
        """
    in_memory = run(script)
    spilled = run(script, "local[2]", "--conf", "spark.ember.shuffle.memoryBytes=1000")
    assert in_memory[0] == 0 and spilled[0] == 0, in_memory[2] + spilled[2]
    assert spilled[1] == in_memory[1]
    assert in_memory[1].strip().endswith(" 97")


def test_in_process_tasks_match_worker_processes():
    script = """
        counter = 0
        def bump(x):
            global counter
            counter += 1
            return x * 2
        acc = sc.accumulator(0)
        rdd = sc.parallelize(range(20), 4).map(bump)
        rdd.foreach(lambda x: acc.add(x))
        print(rdd.collect(), counter, acc.value)
        """
    local1 = run(script, "local[1]")
    local2 = run(script, "local[2]")
    assert local1[0] == 0 and local2[0] == 0, local1[2] + local2[2]
    assert local1[1] == local2[1]
    assert local1[1].strip().endswith("] 0 380")


def test_lambda_exception_is_a_python_exception_and_the_session_survives():
    code, out, err = run(
        """
        from pyspark.errors import PythonException
        cached = sc.parallelize(range(5), 2).map(lambda x: x + 1).cache()
        print(cached.collect())
        try:
            sc.parallelize([1, 0], 2).map(lambda x: 1 / x).collect()
        except PythonException as e:
            text = str(e)
            print("PythonException", "ZeroDivisionError: division by zero" in text, "Traceback" in text)
        print(cached.collect(), cached.sum())
        """
    )
    assert code == 0, err
    assert out.splitlines() == ["[1, 2, 3, 4, 5]", "PythonException True True", "[1, 2, 3, 4, 5] 15"]


def test_uncaught_task_failure_exits_with_status_1():
    code, out, err = run("sc.parallelize([1]).map(lambda x: {}[x]).collect()\n")
    assert code == 1
    assert "pyspark.errors.exceptions.base.PythonException" in err
    assert "KeyError: 1" in err


def test_a_dying_worker_is_a_task_failure_not_a_hang():
    code, out, err = run(
        """
        import os
        from pyspark.errors import PythonException
        try:
            sc.parallelize([1, 2], 2).map(lambda x: os._exit(3)).collect()
        except PythonException as e:
            print("failed:", "exit status: 3" in str(e))
        print(sc.parallelize(range(4), 2).map(lambda x: x * x).collect())
        """,
        timeout=60,
    )
    assert code == 0, err
    assert out.splitlines() == ["failed: True", "[0, 1, 4, 9]"]


def test_cancel_all_jobs_from_another_thread():
    code, out, err = run(
        """
        import threading, time
        def cancel():
            time.sleep(1.0)
            sc.cancelAllJobs()
        threading.Thread(target=cancel).start()
        start = time.time()
        try:
            sc.parallelize(range(4), 2).map(lambda x: time.sleep(60)).collect()
            print("not cancelled")
        except Exception as e:
            print(type(e).__name__, "cancelled" in str(e), time.time() - start < 10)
        print(sc.parallelize([1, 2, 3]).sum())
        """,
        timeout=60,
    )
    assert code == 0, err
    assert out.splitlines() == ["SparkRuntimeException True True", "6"]


def test_ctrl_c_cancels_an_rdd_job_and_keeps_the_session():
    interrupted, after = interrupt_session(
        b"kept = sc.parallelize(range(3)).cache(); kept.count()\n",
        b"import time; sc.parallelize(range(4), 2).map(lambda x: time.sleep(60)).collect()\n",
        b"kept.collect()\n",
        wait=2.0,
    )
    assert "KeyboardInterrupt" in interrupted
    assert "[0, 1, 2]\n>>> " in after


def test_py_files_reach_the_driver_and_every_worker(tmp_path):
    module = tmp_path / "ember_helper_mod.py"
    module.write_text("def triple(x):\n    return 3 * x\n")
    late = tmp_path / "late" / "ember_late_mod.py"
    late.parent.mkdir()
    late.write_text("OFFSET = 100\n")
    code, out, err = run(
        f"""
        import ember_helper_mod
        print(sc.parallelize(range(4), 2).map(lambda x: ember_helper_mod.triple(x)).collect())
        sc.addPyFile({str(late)!r})
        import ember_late_mod
        print(sc.parallelize(range(4), 2).map(lambda x: x + ember_late_mod.OFFSET).collect())
        """,
        "local[2]",
        "--py-files",
        str(module),
    )
    assert code == 0, err
    assert out.splitlines() == ["[0, 3, 6, 9]", "[100, 101, 102, 103]"]


def test_without_cloudpickle_tasks_run_in_the_driver_and_the_shell_says_so_once(tmp_path):
    (tmp_path / "cloudpickle.py").write_text("raise ImportError('hidden by the test')\n")
    result = subprocess.run(
        [BINARY, "--master", "local[2]"],
        input="print(sc.parallelize(range(6), 3).map(lambda x: x * x).collect())\nprint(sc.parallelize([1, 2]).sum())\n",
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ, PYTHONPATH=str(tmp_path)),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["[0, 1, 4, 9, 16, 25]", "3"]
    assert result.stderr.count("cloudpickle is not installed") == 1


def test_combine_by_key_matches_python_for_every_shape():
    # The native loop sums str keys and int values in Rust; every other shape (a bool, a
    # float, an int past i64, a non-str key, a surrogate) must give what Python's `+` gives,
    # with keys in first-seen order, from whichever item it arrives at.
    code, out, err = run(
        """
        from operator import add
        from pyspark import _native

        def reference(items, create, merge):
            out = {}
            for key, value in items:
                out[key] = merge(out[key], value) if key in out else (value if create is None else create(value))
            return out

        words = [("a", 1), ("b", 2), ("a", 3), ("c", 4), ("b", 5)]
        cases = {
            "words": words,
            "bool value": words + [("a", True), ("d", 1)],
            "float value": words[:2] + [("b", 0.5)] + words[2:],
            "past i64": words + [("c", 2**63 - 1), ("c", 10), ("e", 2**70)],
            "negative": words + [("a", -(2**63)), ("a", -1)],
            "int key": words + [(7, 1), ("a", 1), (7, 2)],
            "surrogate": words + [("\\udc80", 1), ("\\udc80", 2)],
            "long key": [("k" * 40, 1), ("k" * 23, 2), ("k" * 40, 3), ("k" * 22, 4), ("k" * 23, 5)],
            "list pair": [["a", 1], ("a", 2)],
        }
        for name, items in cases.items():
            for create in (None, lambda v: v * 10):
                got = _native.combine_by_key(iter(items), create, add)
                want = reference(items, create, add)
                assert list(got.items()) == list(want.items()), (name, got, want)
                assert [type(v) for v in got.values()] == [type(v) for v in want.values()], name
            got = _native.combine_by_key(iter(items), None, lambda x, y: x + y)
            assert list(got.items()) == list(reference(items, None, add).items()), name
        print("same", len(cases))
        print(sorted(sc.parallelize(words * 3, 2).reduceByKey(add).collect()))
        """
    )
    assert code == 0, err
    assert out.splitlines() == ["same 9", "[('a', 12), ('b', 21), ('c', 12)]"]


def test_workers_read_their_text_splits_and_a_cached_rdd_keeps_what_it_read(tmp_path):
    path = tmp_path / "lines.txt"
    path.write_text("".join(f"line {i}\n" for i in range(5000)))
    code, out, err = run(
        f"""
        lines = sc.textFile({str(path)!r}, 3)
        cached = sc.textFile({str(path)!r}, 3).cache()
        print(lines.getNumPartitions(), lines.count(), cached.count())
        open({str(path)!r}, "a").write("one more\\n")
        print(lines.count(), cached.count(), cached.map(len).sum() == sc.textFile({str(path)!r}).map(len).sum() - 8)
        """
    )
    assert code == 0, err
    assert out.splitlines() == ["3 5000 5000", "5001 5000 True"]
