"""Writes the H2O.ai db-benchmark "groupby" table as one Parquet file.

The columns follow the db-benchmark generator's formula (groupby-datagen.R) with K = 100
groups and no NULLs: ``id1``, ``id2`` strings of K values (``id001``...), ``id3`` a string
of N/K values (``id0000000001``...), ``id4``, ``id5`` integers in 1..K, ``id6`` an
integer in 1..N/K, ``v1`` in 1..5, ``v2`` in 1..15, and ``v3`` a double in [0, 100)
rounded to 6 places. The generator is numpy's (seed 108, the R script's seed), so the
rows are not the R script's rows, only their distribution.

Usage: python3 benches/h2o_data.py ROWS OUT.parquet
"""
import os
import sys

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

K = 100


def labels(width, count):
    """``id`` followed by 1..count, zero-padded to ``width`` digits, as Arrow strings."""
    return pa.array([f"id{i:0{width}d}" for i in range(1, count + 1)])


def build(rows, out):
    rng = np.random.default_rng(108)
    groups = max(rows // K, 1)
    small, large = labels(3, K), labels(10, groups)
    columns = {
        "id1": small.take(pa.array(rng.integers(0, K, rows))),
        "id2": small.take(pa.array(rng.integers(0, K, rows))),
        "id3": large.take(pa.array(rng.integers(0, groups, rows))),
        "id4": pa.array(rng.integers(1, K + 1, rows, dtype=np.int32)),
        "id5": pa.array(rng.integers(1, K + 1, rows, dtype=np.int32)),
        "id6": pa.array(rng.integers(1, groups + 1, rows, dtype=np.int32)),
        "v1": pa.array(rng.integers(1, 6, rows, dtype=np.int32)),
        "v2": pa.array(rng.integers(1, 16, rows, dtype=np.int32)),
        "v3": pa.array(np.round(rng.uniform(0, 100, rows), 6)),
    }
    partial = out + ".partial"
    pq.write_table(pa.table(columns), partial, row_group_size=1 << 20)
    os.replace(partial, out)


if __name__ == "__main__":
    build(int(float(sys.argv[1])), sys.argv[2])
