# probe: joins.inner_on_name
a = spark.createDataFrame([(1, "a"), (2, "b"), (3, "c")], ["id", "x"])
b = spark.createDataFrame([(2, "B"), (3, "C"), (4, "D")], ["id", "y"])
r = a.join(b, "id")
print(r.columns, r.dtypes)
print(r.orderBy("id").collect())

# probe: joins.inner_on_list_of_names
a = spark.createDataFrame([(1, 1, "a"), (1, 2, "b"), (2, 1, "c")], ["k1", "k2", "x"])
b = spark.createDataFrame([(1, 1, "A"), (2, 1, "C"), (2, 2, "D")], ["k1", "k2", "y"])
r = a.join(b, ["k1", "k2"])
print(r.columns)
print(r.orderBy("k1", "k2").collect())

# probe: joins.inner_on_expression_keeps_both_keys
a = spark.createDataFrame([(1, "a"), (2, "b")], ["id", "x"])
b = spark.createDataFrame([(2, "B"), (3, "C")], ["id", "y"])
r = a.join(b, a.id == b.id)
print(r.columns)
print(r.collect())

# probe: joins.left_outer_on_name
a = spark.createDataFrame([(1, "a"), (2, "b"), (3, "c")], ["id", "x"])
b = spark.createDataFrame([(2, "B"), (4, "D")], ["id", "y"])
r = a.join(b, "id", "left")
print(r.dtypes)
print(r.orderBy("id").collect())

# probe: joins.right_outer_on_name
a = spark.createDataFrame([(1, "a"), (2, "b")], ["id", "x"])
b = spark.createDataFrame([(2, "B"), (4, "D")], ["id", "y"])
r = a.join(b, "id", "right")
print(r.columns)
print(r.orderBy("id").collect())

# probe: joins.full_outer_on_name_coalesces_key
a = spark.createDataFrame([(1, "a"), (2, "b")], ["id", "x"])
b = spark.createDataFrame([(2, "B"), (4, "D")], ["id", "y"])
r = a.join(b, "id", "full")
print(r.columns)
print(r.orderBy("id").collect())

# probe: joins.full_outer_on_expression
a = spark.createDataFrame([(1, "a"), (2, "b")], ["id", "x"])
b = spark.createDataFrame([(2, "B"), (4, "D")], ["id", "y"])
r = a.join(b, a.id == b.id, "full_outer")
print(r.columns)
print(sorted(r.collect(), key=str))

# probe: joins.how_aliases_outer
a = spark.createDataFrame([(1,), (2,)], ["id"])
b = spark.createDataFrame([(2,), (3,)], ["id"])
for how in ["outer", "fullouter", "full_outer", "leftouter", "left_outer", "rightouter", "right_outer"]:
    print(how, [r.id for r in a.join(b, "id", how).orderBy("id").collect()])

# probe: joins.left_semi
a = spark.createDataFrame([(1, "a"), (2, "b"), (3, "c")], ["id", "x"])
b = spark.createDataFrame([(2, "B"), (2, "BB"), (3, "C")], ["id", "y"])
r = a.join(b, "id", "left_semi")
print(r.columns)
print(r.orderBy("id").collect())

# probe: joins.left_anti
a = spark.createDataFrame([(1, "a"), (2, "b"), (3, "c")], ["id", "x"])
b = spark.createDataFrame([(2, "B"), (3, "C")], ["id", "y"])
r = a.join(b, "id", "left_anti")
print(r.columns)
print(r.collect())

# probe: joins.semi_anti_aliases
a = spark.createDataFrame([(1,), (2,), (3,)], ["id"])
b = spark.createDataFrame([(2,)], ["id"])
for how in ["semi", "leftsemi", "anti", "leftanti"]:
    print(how, [r.id for r in a.join(b, "id", how).orderBy("id").collect()])

# probe: joins.anti_with_null_key_in_left
a = spark.createDataFrame([(1,), (None,), (3,)], "id int")
b = spark.createDataFrame([(3,)], "id int")
print(a.join(b, "id", "anti").orderBy("id").collect())

# probe: joins.semi_with_null_keys_both_sides
a = spark.createDataFrame([(1,), (None,)], "id int")
b = spark.createDataFrame([(1,), (None,)], "id int")
print(a.join(b, "id", "semi").collect())

# probe: joins.cross_join_method
a = spark.createDataFrame([(1,), (2,)], ["a"])
b = spark.createDataFrame([("x",), ("y",), ("z",)], ["b"])
r = a.crossJoin(b)
print(r.count(), r.columns)
print(r.orderBy("a", "b").collect())

# probe: joins.cross_how_string
a = spark.createDataFrame([(1,), (2,)], ["a"])
b = spark.createDataFrame([(10,), (20,)], ["b"])
print(a.join(b, how="cross").orderBy("a", "b").collect())

# probe: joins.join_without_condition_is_cartesian
a = spark.createDataFrame([(1,), (2,)], ["a"])
b = spark.createDataFrame([(10,), (20,)], ["b"])
print(a.join(b).orderBy("a", "b").collect())

# probe: joins.null_keys_do_not_match_inner
a = spark.createDataFrame([(1, "a"), (None, "n")], "id int, x string")
b = spark.createDataFrame([(1, "A"), (None, "N")], "id int, y string")
print(a.join(b, "id").collect())

# probe: joins.null_keys_left_outer
a = spark.createDataFrame([(1, "a"), (None, "n")], "id int, x string")
b = spark.createDataFrame([(1, "A"), (None, "N")], "id int, y string")
print(a.join(b, "id", "left").orderBy("x").collect())

# probe: joins.null_keys_full_outer
a = spark.createDataFrame([(1, "a"), (None, "n")], "id int, x string")
b = spark.createDataFrame([(1, "A"), (None, "N")], "id int, y string")
r = a.join(b, "id", "full")
print(sorted(r.collect(), key=str))

# probe: joins.null_safe_equality_method
a = spark.createDataFrame([(1, "a"), (None, "n")], "id int, x string")
b = spark.createDataFrame([(1, "A"), (None, "N")], "id int, y string")
r = a.join(b, a.id.eqNullSafe(b.id))
print(r.columns)
print(sorted(r.collect(), key=str))

# probe: joins.null_safe_equality_sql
spark.createDataFrame([(1, "a"), (None, "n")], "id int, x string").createOrReplaceTempView("jl")
spark.createDataFrame([(1, "A"), (None, "N"), (2, "B")], "id int, y string").createOrReplaceTempView("jr")
spark.sql("SELECT jl.x, jr.y FROM jl JOIN jr ON jl.id <=> jr.id ORDER BY jl.x").show()

# probe: joins.null_safe_left_outer
a = spark.createDataFrame([(None, "n"), (5, "f")], "id int, x string")
b = spark.createDataFrame([(None, "N")], "id int, y string")
print(a.join(b, a.id.eqNullSafe(b.id), "left").orderBy("x").collect())

# probe: joins.duplicate_column_names_select_ambiguous
a = spark.createDataFrame([(1, "a")], ["id", "v"])
b = spark.createDataFrame([(1, "b")], ["id", "v"])
r = a.join(b, "id")
print(r.columns)
print(r.collect())
r.select("v").collect()

# probe: joins.duplicate_names_select_by_parent
a = spark.createDataFrame([(1, "a")], ["id", "v"])
b = spark.createDataFrame([(1, "b")], ["id", "v"])
r = a.join(b, "id")
print(r.select(a.v, b.v.alias("bv")).collect())

# probe: joins.alias_qualified_columns
a = spark.createDataFrame([(1, "a"), (2, "b")], ["id", "v"]).alias("l")
b = spark.createDataFrame([(1, "x"), (2, "y")], ["id", "v"]).alias("r")
r = a.join(b, F.col("l.id") == F.col("r.id"))
print(r.select("l.v", "r.v").orderBy("l.v").collect())

# probe: joins.self_join_with_alias
e = spark.createDataFrame([(1, "boss", None), (2, "ann", 1), (3, "bob", 1)], "id int, name string, mgr int")
r = e.alias("e").join(e.alias("m"), F.col("e.mgr") == F.col("m.id"), "left")
print(r.select(F.col("e.name"), F.col("m.name").alias("manager")).orderBy("e.name").collect())

# probe: joins.join_on_names_with_different_types
a = spark.createDataFrame([(1, "a")], "id int, x string")
b = spark.createDataFrame([(1, "b")], "id bigint, y string")
r = a.join(b, "id")
print(r.dtypes, r.collect())

# probe: joins.join_int_with_string_key
a = spark.createDataFrame([(1, "a"), (2, "b")], "id int, x string")
b = spark.createDataFrame([("1", "one"), ("02", "two")], "sid string, y string")
r = a.join(b, a.id == b.sid)
print(r.orderBy("id").collect())

# probe: joins.join_on_compound_expression
a = spark.createDataFrame([(1, 10), (2, 20), (3, 30)], ["id", "v"])
b = spark.createDataFrame([(1, 5), (2, 25), (3, 30)], ["id", "w"])
r = a.join(b, (a.id == b.id) & (a.v >= b.w))
print(r.select(a.id, "v", "w").orderBy(a.id).collect())

# probe: joins.non_equi_join
a = spark.createDataFrame([(1,), (5,), (9,)], ["x"])
b = spark.createDataFrame([(0, 4), (4, 8)], ["lo", "hi"])
r = a.join(b, (a.x >= b.lo) & (a.x < b.hi))
print(r.orderBy("x").collect())

# probe: joins.non_equi_left_join
a = spark.createDataFrame([(1,), (5,), (9,)], ["x"])
b = spark.createDataFrame([(0, 4), (4, 8)], ["lo", "hi"])
r = a.join(b, (a.x >= b.lo) & (a.x < b.hi), "left")
print(r.orderBy("x").collect())

# probe: joins.many_to_many_duplicates
a = spark.createDataFrame([(1, "a1"), (1, "a2"), (2, "a3")], ["k", "x"])
b = spark.createDataFrame([(1, "b1"), (1, "b2"), (1, "b3")], ["k", "y"])
r = a.join(b, "k")
print(r.count())
print(r.orderBy("x", "y").collect())

# probe: joins.empty_right_side
a = spark.createDataFrame([(1, "a"), (2, "b")], ["id", "x"])
b = spark.createDataFrame([], "id bigint, y string")
print(a.join(b, "id").collect())
print(a.join(b, "id", "left").orderBy("id").collect())
print(a.join(b, "id", "anti").orderBy("id").collect())

# probe: joins.using_column_not_present
a = spark.createDataFrame([(1,)], ["id"])
b = spark.createDataFrame([(1,)], ["key"])
a.join(b, "id").collect()

# probe: joins.invalid_join_type
a = spark.createDataFrame([(1,)], ["id"])
b = spark.createDataFrame([(1,)], ["id"])
a.join(b, "id", "sideways").collect()

# probe: joins.join_then_groupby
o = spark.createDataFrame([(1, 10.0), (1, 5.5), (2, 7.0), (3, 1.0)], ["cid", "amt"])
c = spark.createDataFrame([(1, "ann"), (2, "bob")], ["cid", "name"])
r = o.join(c, "cid").groupBy("name").agg(F.sum("amt").alias("total"), F.count("*").alias("n"))
print(r.dtypes)
print(r.orderBy("name").collect())

# probe: joins.sql_inner_join_using
spark.createDataFrame([(1, "a"), (2, "b")], ["id", "x"]).createOrReplaceTempView("ja")
spark.createDataFrame([(2, "B"), (3, "C")], ["id", "y"]).createOrReplaceTempView("jb")
spark.sql("SELECT * FROM ja JOIN jb USING (id)").show()

# probe: joins.sql_left_join_on
spark.createDataFrame([(1, "a"), (2, "b")], ["id", "x"]).createOrReplaceTempView("ja")
spark.createDataFrame([(2, "B"), (3, "C")], ["id", "y"]).createOrReplaceTempView("jb")
spark.sql("SELECT ja.id, x, y FROM ja LEFT JOIN jb ON ja.id = jb.id ORDER BY ja.id").show()

# probe: joins.sql_full_outer_join_using
spark.createDataFrame([(1, "a"), (2, "b")], ["id", "x"]).createOrReplaceTempView("ja")
spark.createDataFrame([(2, "B"), (3, "C")], ["id", "y"]).createOrReplaceTempView("jb")
spark.sql("SELECT * FROM ja FULL OUTER JOIN jb USING (id) ORDER BY id").show()

# probe: joins.sql_full_outer_select_star_on
spark.createDataFrame([(1, "a"), (2, "b")], ["id", "x"]).createOrReplaceTempView("ja")
spark.createDataFrame([(2, "B"), (3, "C")], ["id", "y"]).createOrReplaceTempView("jb")
spark.sql("SELECT * FROM ja FULL JOIN jb ON ja.id = jb.id ORDER BY x NULLS LAST").show()

# probe: joins.sql_right_join
spark.createDataFrame([(1, "a"), (2, "b")], ["id", "x"]).createOrReplaceTempView("ja")
spark.createDataFrame([(2, "B"), (3, "C")], ["id", "y"]).createOrReplaceTempView("jb")
spark.sql("SELECT jb.id, x, y FROM ja RIGHT JOIN jb ON ja.id = jb.id ORDER BY jb.id").show()

# probe: joins.sql_left_semi_and_anti
spark.createDataFrame([(1, "a"), (2, "b"), (3, "c")], ["id", "x"]).createOrReplaceTempView("ja")
spark.createDataFrame([(2, "B"), (3, "C")], ["id", "y"]).createOrReplaceTempView("jb")
print(spark.sql("SELECT * FROM ja LEFT SEMI JOIN jb ON ja.id = jb.id ORDER BY id").collect())
print(spark.sql("SELECT * FROM ja LEFT ANTI JOIN jb ON ja.id = jb.id ORDER BY id").collect())

# probe: joins.sql_cross_join
spark.sql("SELECT a.v AS a, b.v AS b FROM VALUES (1), (2) AS a(v) CROSS JOIN VALUES ('x'), ('y') AS b(v) ORDER BY a, b").show()

# probe: joins.sql_comma_join_with_where
spark.sql("SELECT a.k, a.v, b.w FROM VALUES (1, 'p'), (2, 'q') AS a(k, v), VALUES (2, 'r'), (1, 's') AS b(k, w) WHERE a.k = b.k ORDER BY a.k").show()

# probe: joins.sql_natural_join
spark.sql("SELECT * FROM VALUES (1, 'a'), (2, 'b') AS a(id, x) NATURAL JOIN VALUES (2, 'B'), (1, 'A') AS b(id, y) ORDER BY id").show()

# probe: joins.sql_in_subquery
spark.sql("SELECT v FROM VALUES (1), (2), (3) AS t(v) WHERE v IN (SELECT w FROM VALUES (2), (3), (4) AS s(w)) ORDER BY v").show()

# probe: joins.sql_not_in_subquery_with_null
spark.sql("SELECT v FROM VALUES (1), (2), (3) AS t(v) WHERE v NOT IN (SELECT w FROM VALUES (2), (CAST(NULL AS INT)) AS s(w)) ORDER BY v").show()

# probe: joins.sql_exists_subquery
spark.sql("SELECT v FROM VALUES (1), (2), (3) AS t(v) WHERE EXISTS (SELECT 1 FROM VALUES (2), (3) AS s(w) WHERE s.w = t.v) ORDER BY v").show()

# probe: joins.sql_join_null_keys_count
spark.sql("SELECT count(*) AS n FROM VALUES (1), (NULL) AS a(k) JOIN VALUES (1), (NULL) AS b(k) ON a.k = b.k").show()

# probe: joins.sql_join_with_aggregate_subquery
spark.sql("""SELECT c.name, s.total FROM VALUES (1, 'ann'), (2, 'bob') AS c(id, name)
LEFT JOIN (SELECT id, sum(a) AS total FROM VALUES (1, 3), (1, 4) AS o(id, a) GROUP BY id) s ON c.id = s.id
ORDER BY c.name""").show()

# probe: joins.broadcast_hint_same_result
a = spark.createDataFrame([(1, "a"), (2, "b"), (3, "c")], ["id", "x"])
b = spark.createDataFrame([(2, "B"), (3, "C")], ["id", "y"])
print(a.join(F.broadcast(b), "id").orderBy("id").collect())

# probe: joins.join_then_filter_on_null_side
a = spark.createDataFrame([(1, "a"), (2, "b"), (3, "c")], ["id", "x"])
b = spark.createDataFrame([(2, "B")], ["id", "y"])
print(a.join(b, "id", "left").filter(F.col("y").isNull()).orderBy("id").collect())

# probe: joins.multiple_joins_chain
a = spark.createDataFrame([(1, "a"), (2, "b")], ["id", "x"])
b = spark.createDataFrame([(1, "B1"), (2, "B2")], ["id", "y"])
c = spark.createDataFrame([(1, "C1")], ["id", "z"])
r = a.join(b, "id").join(c, "id", "left")
print(r.columns)
print(r.orderBy("id").collect())

# probe: joins.join_with_string_keys_case_sensitive
a = spark.createDataFrame([("a", 1), ("A", 2)], ["k", "v"])
b = spark.createDataFrame([("a", 10)], ["k", "w"])
print(a.join(b, "k").collect())

# probe: joins.join_on_double_nan_and_zero
a = spark.createDataFrame([(float("nan"), "nan"), (0.0, "zero")], "k double, x string")
b = spark.createDataFrame([(float("nan"), "NAN"), (-0.0, "negzero")], "k double, y string")
print(a.join(b, "k").orderBy("x").select("x", "y").collect())

# probe: joins.join_on_name_case_insensitive
a = spark.createDataFrame([(1, "a")], ["ID", "x"])
b = spark.createDataFrame([(1, "b")], ["id", "y"])
r = a.join(b, "id")
print(r.columns, r.collect())

# probe: joins.left_join_nullable_schema
a = spark.createDataFrame([(1, "a")], "id int not null, x string not null")
b = spark.createDataFrame([(2, "b")], "id int not null, y string not null")
r = a.join(b, "id", "left")
print([(f.name, f.nullable) for f in r.schema.fields])

# probe: joins.union_of_join_results
a = spark.createDataFrame([(1, "a"), (2, "b")], ["id", "x"])
b = spark.createDataFrame([(1, "A")], ["id", "y"])
r = a.join(b, "id").union(a.join(b, "id", "left"))
print(r.orderBy("id", "y").collect())

# probe: joins.join_on_column_list_objects
a = spark.createDataFrame([(1, 1, "a"), (1, 2, "b")], ["k1", "k2", "x"])
b = spark.createDataFrame([(1, 2, "B")], ["k1", "k2", "y"])
r = a.join(b, [a.k1 == b.k1, a.k2 == b.k2])
print(len(r.columns), r.select("x", "y").collect())

# probe: joins.sql_full_join_using_qualified_key
spark.createDataFrame([(1, "a"), (2, "b")], ["id", "x"]).createOrReplaceTempView("jqa")
spark.createDataFrame([(2, "B"), (3, "C")], ["id", "y"]).createOrReplaceTempView("jqb")
print(spark.sql("SELECT jqa.id, x FROM jqa FULL JOIN jqb USING (id) ORDER BY x").collect())
print(spark.sql("SELECT id, y FROM jqa RIGHT JOIN jqb USING (id) ORDER BY y").collect())

# probe: joins.computed_nan_and_negative_zero_keys
left = spark.createDataFrame([(-1.0, 1), (-0.0, 2), (2.0, 3)], "k double, v int").select(F.when(F.col("k") == -1.0, F.sqrt("k")).otherwise(F.col("k")).alias("k"), "v")
right = spark.createDataFrame([(float("nan"), "nan"), (0.0, "zero")], "k double, w string")
print(left.join(right, "k").orderBy("v").collect())
print(left.join(right, "k", "left_anti").collect(), left.join(right, "k", "left_semi").count())
print(left.select("k").intersect(right.select("k")).count(), left.select("k").subtract(right.select("k")).collect())
