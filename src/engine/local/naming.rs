//! Spark's names for unaliased output columns (Spark's `toPrettySQL`), computed from
//! resolved DataFusion expressions: `(age + 1)`, `max(age)`, `count(1)`, `upper(Label)`.
use datafusion::common::ScalarValue;
use datafusion::arrow::datatypes::DataType;
use datafusion::logical_expr::{expr::AggregateFunctionParams, Expr, Operator};

use super::types::spark_sql_type_name;


fn operator_symbol(op: &Operator) -> String {
    match op {
        Operator::Eq => "=".into(),
        Operator::NotEq => "!=".into(),
        Operator::And => "AND".into(),
        Operator::Or => "OR".into(),
        Operator::IsNotDistinctFrom => "<=>".into(),
        Operator::BitwiseXor => "^".into(),
        Operator::BitwiseAnd => "&".into(),
        Operator::BitwiseOr => "|".into(),
        other => other.to_string(),
    }
}

/// Whether `alias` is the name DataFusion's SQL planner gives a function called by one of
/// its aliases (`array(1,2)` for `make_array`): `name(arg,arg)` in DataFusion's own text,
/// not a name the query chose.
pub fn is_planner_alias(alias: &datafusion::logical_expr::expr::Alias) -> bool {
    let arguments: &[Expr] = match alias.expr.as_ref() {
        Expr::ScalarFunction(function) => &function.args,
        Expr::HigherOrderFunction(function) => &function.args,
        _ => return false,
    };
    let Some((name, _)) = alias.name.split_once('(') else { return false };
    let text = arguments.iter().map(|a| a.to_string()).collect::<Vec<_>>().join(",");
    alias.name == format!("{name}({text})")
}

/// `expr` without the name DataFusion's SQL planner gave a call by an alias.
fn without_planner_alias(expr: &Expr) -> &Expr {
    match expr {
        Expr::Alias(alias) if is_planner_alias(alias) => alias.expr.as_ref(),
        other => other,
    }
}

/// The name Spark gives a select-list item that has no alias: a cast of a column keeps
/// the column's name (`cast(a AS STRING)` is `a`, as Spark's `ResolveAliases` names a
/// top-level `Cast` of an attribute); anything else is named by `spark_name`.
pub fn spark_output_name(expr: &Expr) -> String {
    let child = match expr {
        Expr::Cast(cast) if date_part_name(&cast.expr).is_none() => Some(cast.expr.as_ref()),
        Expr::TryCast(cast) => Some(cast.expr.as_ref()),
        Expr::ScalarFunction(function) if function.args.len() == 1 && (function.name().starts_with("CAST AS ") || function.name().starts_with("TRY_CAST AS ")) => Some(&function.args[0]),
        _ => None,
    };
    match (child, expr) {
        (Some(Expr::Column(column)), _) => column.name.clone(),
        // A struct field selected by itself is named by the field alone (`col("s.f")`).
        (None, Expr::ScalarFunction(function)) if function.name() == "get_field" && function.args.len() == 2 => match &function.args[1] {
            Expr::Literal(ScalarValue::Utf8(Some(field)), _) => field.clone(),
            _ => spark_name(expr),
        },
        _ => spark_name(expr),
    }
}

/// The Spark column name of an expression.
pub fn spark_name(expr: &Expr) -> String {
    match expr {
        Expr::Alias(alias) if is_planner_alias(alias) => {
            let name = alias.name.split('(').next().unwrap_or_default();
            // Spark names `curdate()` as the CurrentDate it is.
            let name = if name == "curdate" { "current_date" } else { name };
            match alias.expr.as_ref() {
                Expr::ScalarFunction(function) => {
                    format!("{name}({})", function.args.iter().map(spark_name).collect::<Vec<_>>().join(", "))
                }
                other => spark_name(other),
            }
        }
        Expr::Alias(alias) => alias.name.clone(),
        // A SQL call the registry builds, before it is built (`sql_calls`).
        Expr::ScalarFunction(_) if super::sql_calls::parts(expr).is_some() => match super::sql_calls::parts(expr) {
            Some((name, arguments)) => format!("{name}({})", arguments.iter().map(spark_name).collect::<Vec<_>>().join(", ")),
            None => String::new(),
        },
        Expr::ScalarFunction(_) if super::udfs::spark_named::parts(expr).is_some() => super::udfs::spark_named::parts(expr).map(|(_, name)| name.to_string()).unwrap_or_default(),
        Expr::Column(column) => column.name.clone(),
        Expr::Literal(value, _) => super::udfs::intervals::literal_name(expr).unwrap_or_else(|| literal_name(value)),
        Expr::ScalarFunction(function) if function.name() == super::udfs::intervals::INTERVAL_LITERAL => {
            super::udfs::intervals::literal_name(expr).unwrap_or_else(|| "INTERVAL".to_string())
        }
        Expr::BinaryExpr(binary) => {
            // Spark has no `~` operator: a regular-expression match is its RLIKE.
            if binary.op == Operator::RegexMatch {
                return format!("RLIKE({}, {})", spark_name(&binary.left), spark_name(&binary.right));
            }
            // Spark's `a || b` on strings is its concat.
            if binary.op == Operator::StringConcat {
                return format!("concat({}, {})", spark_name(&binary.left), spark_name(&binary.right));
            }
            if binary.op == Operator::NotEq {
                return format!("(NOT ({} = {}))", spark_name(&binary.left), spark_name(&binary.right));
            }
            format!("({} {} {})", spark_name(&binary.left), operator_symbol(&binary.op), spark_name(&binary.right))
        }
        Expr::Not(inner) => format!("(NOT {})", spark_name(inner)),
        Expr::Negative(inner) => format!("(- {})", spark_name(inner)),
        Expr::IsNull(inner) => format!("({} IS NULL)", spark_name(inner)),
        Expr::IsNotNull(inner) => format!("({} IS NOT NULL)", spark_name(inner)),
        // Spark's ranking functions give INT: the cast to it is not named.
        Expr::Cast(cast) if matches!(cast.expr.as_ref(), Expr::WindowFunction(_)) => spark_name(&cast.expr),
        // year(d), month(d), ... resolve to CAST(date_part(...) AS INT).
        Expr::Cast(cast) if date_part_name(&cast.expr).is_some() => date_part_name(&cast.expr).unwrap_or_default(),
        Expr::Cast(cast) => format!("CAST({} AS {})", spark_name(&cast.expr), spark_sql_type_name(cast.field.data_type())),
        Expr::TryCast(cast) => format!("TRY_CAST({} AS {})", spark_name(&cast.expr), spark_sql_type_name(cast.field.data_type())),
        Expr::Between(between) => format!(
            "(({} >= {}) AND ({} <= {}))",
            spark_name(&between.expr),
            spark_name(&between.low),
            spark_name(&between.expr),
            spark_name(&between.high)
        ),
        Expr::InList(in_list) => format!(
            "({} IN ({}))",
            spark_name(&in_list.expr),
            in_list.list.iter().map(spark_name).collect::<Vec<_>>().join(", ")
        ),
        Expr::Like(like) => format!("{} LIKE {}", spark_name(&like.expr), spark_name(&like.pattern)),
        Expr::Case(case) => {
            let mut text = String::from("CASE");
            if let Some(operand) = &case.expr {
                text.push_str(&format!(" {}", spark_name(operand)));
            }
            for (when, then) in &case.when_then_expr {
                text.push_str(&format!(" WHEN {} THEN {}", spark_name(when), spark_name(then)));
            }
            if let Some(otherwise) = &case.else_expr {
                text.push_str(&format!(" ELSE {}", spark_name(otherwise)));
            }
            text.push_str(" END");
            text
        }
        Expr::ScalarFunction(function)
            if [super::cast::TIMESTAMP_SECONDS, super::sql::INT_LITERAL, super::cast::LOCAL_TIME, super::cast::ZONE_INSTANT, super::udfs::normalize_floats::NAME, super::udfs::normalize_floats::POSITIVE_NAN].contains(&function.name())
                && function.args.len() == 1
                || function.name() == super::udfs::intervals::WITH_FIELDS =>
        {
            spark_name(&function.args[0])
        }
        Expr::ScalarFunction(function) if function.args.len() == 1 && (function.name().starts_with("CAST AS ") || function.name().starts_with("TRY_CAST AS ")) => {
            let (cast, target) = function.name().split_once(" AS ").unwrap_or(("CAST", ""));
            format!("{cast}({} AS {target})", spark_name(&function.args[0]))
        }
        // A SQL typed literal before it is read (`sql::TYPED_LITERAL`), named by its value.
        Expr::ScalarFunction(function) if function.name() == super::sql::TYPED_LITERAL && function.args.len() == 2 => match (&function.args[0], &function.args[1]) {
            (Expr::Literal(ScalarValue::Utf8(Some(kind)), _), Expr::Literal(ScalarValue::Utf8(Some(text)), _)) => match super::sql::typed_literal_value(kind, text) {
                Some(value) => literal_name(&value),
                None => format!("{kind} '{text}'"),
            },
            _ => format!("{}({})", function.name(), function.args.iter().map(spark_name).collect::<Vec<_>>().join(", ")),
        },
        Expr::ScalarFunction(function) if function.name() == super::udfs::datetime::SUBTRACT_DATETIMES && function.args.len() == 2 => {
            format!("({} - {})", spark_name(&function.args[0]), spark_name(&function.args[1]))
        }
        Expr::ScalarFunction(function) if function.name() == super::udfs::collection::SUBSCRIPT && function.args.len() == 2 => {
            format!("{}[{}]", spark_name(&function.args[0]), spark_name(&function.args[1]))
        }
        // SQL's isnull(x), isnotnull(x) and positive(x) are Spark's IsNull, IsNotNull and
        // UnaryPositive, named as the operators.
        Expr::ScalarFunction(function) if function.args.len() == 1 && matches!(function.name(), "isnull" | "isnotnull" | "positive") => match function.name() {
            "isnull" => format!("({} IS NULL)", spark_name(&function.args[0])),
            "isnotnull" => format!("({} IS NOT NULL)", spark_name(&function.args[0])),
            _ => format!("(+ {})", spark_name(&function.args[0])),
        },
        // Spark names `from_json`, `to_json` and the CSV ones by their input alone (`JsonToStructs.sql`).
        Expr::ScalarFunction(function) if matches!(function.name(), "from_json" | "to_json" | "schema_of_json" | "from_csv" | "to_csv" | "schema_of_csv") && !function.args.is_empty() => {
            format!("{}({})", function.name(), spark_name(&function.args[0]))
        }
        // Spark names variant_get by the variant and the path, not the target type
        // (`VariantGet.sql`).
        Expr::ScalarFunction(function) if matches!(function.name(), "variant_get" | "try_variant_get") && function.args.len() == 3 => {
            format!("{}({}, {})", function.name(), spark_name(&function.args[0]), spark_name(&function.args[1]))
        }
        // A struct field inside an expression is `s.f` (Spark's `GetStructField.sql`).
        Expr::ScalarFunction(function) if function.name() == "get_field" && function.args.len() == 2 => match &function.args[1] {
            Expr::Literal(ScalarValue::Utf8(Some(field)), _) => format!("{}.{field}", spark_name(&function.args[0])),
            other => format!("{}[{}]", spark_name(&function.args[0]), spark_name(other)),
        },
        // Decimal arithmetic is named by its operation (`(d + 1)`): the result check and
        // cast to Spark's result type are not named.
        Expr::ScalarFunction(function) if function.name() == super::arithmetic::DECIMAL_RESULT && function.args.len() == 1 => match &function.args[0] {
            Expr::Cast(cast) => spark_name(&cast.expr),
            other => spark_name(other),
        },
        Expr::ScalarFunction(function) if function.name() == super::udfs::collection::ARRAYS_ZIP => {
            let arrays = &function.args[..function.args.len() / 2];
            format!("arrays_zip({})", arrays.iter().map(spark_name).collect::<Vec<_>>().join(", "))
        }
        // Spark's implicit casts are not named (`udfs::replaceable::IMPLICIT_DATE`).
        Expr::ScalarFunction(function) if function.name().starts_with("ember_implicit_") && function.args.len() == 1 => spark_name(&function.args[0]),
        // SQL's `map(k1, v1, ...)` is planned as `map([k1, ...], [v1, ...])`; Spark names the pairs.
        Expr::ScalarFunction(function) if function.name() == "map" && function.args.len() == 2 => match (without_planner_alias(&function.args[0]), without_planner_alias(&function.args[1])) {
            (Expr::ScalarFunction(keys), Expr::ScalarFunction(values)) if keys.name() == "make_array" && values.name() == "make_array" && keys.args.len() == values.args.len() => {
                let pairs: Vec<String> = keys.args.iter().zip(&values.args).flat_map(|(k, v)| [spark_name(k), spark_name(v)]).collect();
                format!("map({})", pairs.join(", "))
            }
            _ => format!("map({}, {})", spark_name(&function.args[0]), spark_name(&function.args[1])),
        },
        // Spark's `ceil`/`floor` with a scale (`RoundCeil`, `RoundFloor`) are named in lower
        // case; without one, in capitals (`CEIL(x)`).
        Expr::ScalarFunction(function) if matches!(function.name(), "ceil" | "floor") && function.args.len() == 2 => {
            format!("{}({}, {})", function.name(), spark_name(&function.args[0]), spark_name(&function.args[1]))
        }
        // Spark's two-argument `Logarithm` is named in capitals; one-argument `ln` is not.
        Expr::ScalarFunction(function) if function.name() == "log" && function.args.len() == 2 => {
            format!("LOG({}, {})", spark_name(&function.args[0]), spark_name(&function.args[1]))
        }
        Expr::ScalarFunction(function) if function.name() == "like" && function.args.len() == 2 => {
            format!("{} LIKE {}", spark_name(&function.args[0]), spark_name(&function.args[1]))
        }
        Expr::ScalarFunction(function) if function.func.inner().downcast_ref::<super::python_udf::PythonUdf>().is_some() => {
            let arguments = function.args.iter().map(spark_name).collect::<Vec<_>>();
            function.func.inner().downcast_ref::<super::python_udf::PythonUdf>().map_or_else(String::new, |udf| udf.call_name(&arguments))
        }
        Expr::ScalarFunction(function) => {
            let name = crate::spark::function_names::spark_name(function.name());
            let arguments = function.args.iter().map(spark_name).collect::<Vec<_>>().join(", ");
            if matches!(name, "/" | "+" | "-" | "*" | "%" | "div") && function.args.len() == 2 {
                return format!("({} {name} {})", spark_name(&function.args[0]), spark_name(&function.args[1]));
            }
            // Spark's If is named in capitals, in parentheses (`(IF(c, a, b))`).
            if name == "if" && function.args.len() == 3 {
                return format!("(IF({arguments}))");
            }
            // Spark's StringTrim/StringTrimLeft/StringTrimRight with trim characters.
            let side = match name {
                "trim" | "btrim" => Some("BOTH"),
                "ltrim" => Some("LEADING"),
                "rtrim" => Some("TRAILING"),
                _ => None,
            };
            if let (Some(side), [text, characters]) = (side, function.args.as_slice()) {
                return format!("TRIM({side} {} FROM {})", spark_name(characters), spark_name(text));
            }
            // `struct(a, b)` (Spark's CreateStruct) is planned as a named_struct of the
            // names `registry::struct_of` gives; Spark names it by its values.
            if name == "named_struct" && function.args.len() % 2 == 0 {
                let pairs: Vec<(&Expr, &Expr)> = function.args.chunks(2).map(|pair| (&pair[0], &pair[1])).collect();
                let implied = pairs.iter().enumerate().all(|(index, (field, value))| match field {
                    Expr::Literal(ScalarValue::Utf8(Some(field)), _) => *field == spark_name(value) || *field == format!("col{}", index + 1),
                    _ => false,
                });
                if implied && !pairs.is_empty() {
                    return format!("struct({})", pairs.iter().map(|(_, value)| spark_name(value)).collect::<Vec<_>>().join(", "));
                }
            }
            format!("{name}({arguments})")
        }
        // Spark's higher-order functions: lambdas as `lambdafunction(body, params)` with
        // every variable `namedlambdavariable()`; aggregate's default finish is the identity.
        Expr::HigherOrderFunction(call) => {
            let mut arguments: Vec<String> = call.args.iter().map(spark_name).collect();
            let lambdas = call.args.iter().filter(|a| matches!(a, Expr::Lambda(_))).count();
            if matches!(call.name(), "aggregate" | "reduce") && lambdas == 1 {
                arguments.push("lambdafunction(namedlambdavariable(), namedlambdavariable())".to_string());
            }
            format!("{}({})", call.name(), arguments.join(", "))
        }
        Expr::Lambda(lambda) => {
            let variables = vec!["namedlambdavariable()"; lambda.params.len()].join(", ");
            format!("lambdafunction({}, {variables})", spark_name(&lambda.body))
        }
        Expr::LambdaVariable(_) => "namedlambdavariable()".to_string(),
        Expr::AggregateFunction(aggregate) if aggregate.func.name() == super::udfs::value_aggregates::MODE_DETERMINISTIC && aggregate.params.args.len() == 1 => {
            format!("mode() WITHIN GROUP (ORDER BY {} DESC)", spark_name(&aggregate.params.args[0]))
        }
        Expr::AggregateFunction(aggregate) => {
            let AggregateFunctionParams { args, distinct, .. } = &aggregate.params;
            let name = crate::spark::function_names::spark_name(aggregate.func.name());
            // Spark's HyperLogLogPlusPlus keeps its `rsd` out of its children, so its name.
            let args = if name == "approx_count_distinct" { &args[..args.len().min(1)] } else { &args[..] };
            let arguments = match args {
                // count(DISTINCT a, b) counts a struct of its arguments (`registry`'s count).
                [Expr::Case(case)] if *distinct => match case.else_expr.as_deref() {
                    Some(Expr::ScalarFunction(tuple)) if tuple.name() == "struct" => tuple.args.iter().map(spark_name).collect::<Vec<_>>().join(", "),
                    _ => spark_name(&args[0]),
                },
                _ => args.iter().map(spark_name).collect::<Vec<_>>().join(", "),
            };
            if *distinct {
                format!("{name}(DISTINCT {arguments})")
            } else {
                format!("{name}({arguments})")
            }
        }
        Expr::WindowFunction(window) => window_name(window),
        other => other.schema_name().to_string(),
    }
}

thread_local! {
    /// Whether the expressions being named were written in SQL, where Spark writes a frame's
    /// `n PRECEDING` as written; the DataFrame API's `rowsBetween(-n, ...)` is `-n FOLLOWING`.
    static SQL_FRAMES: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `spark_output_name` for an expression written in SQL (see `SQL_FRAMES`).
pub fn sql_output_name(expr: &Expr) -> String {
    SQL_FRAMES.with(|flag| {
        let before = flag.replace(true);
        let name = spark_output_name(expr);
        flag.set(before);
        name
    })
}

/// Spark's name of a window function call, `f(args) OVER (PARTITION BY p ORDER BY o ASC
/// NULLS FIRST frame)` (Spark's `WindowExpression.sql` and `WindowSpecDefinition.sql`),
/// with the frame Spark's analyzer settles: ranking functions run over `ROWS BETWEEN
/// UNBOUNDED PRECEDING AND CURRENT ROW` (`cume_dist` over RANGE), `lag`/`lead` over the one
/// row at their offset, and aggregates over the frame given or the default one.
fn window_name(window: &datafusion::logical_expr::expr::WindowFunction) -> String {
    use datafusion::logical_expr::{WindowFrameBound, WindowFrameUnits};
    let function = window.fun.name();
    let params = &window.params;
    let arguments: Vec<String> = params.args.iter().map(spark_name).collect();
    let (call, frame) = match function {
        "row_number" | "rank" | "dense_rank" | "percent_rank" | "ntile" | "cume_dist" => {
            let units = if function == "cume_dist" { "RANGE" } else { "ROWS" };
            let call = match function {
                "rank" | "dense_rank" | "percent_rank" => format!("{}()", function.to_uppercase()),
                _ => format!("{function}({})", arguments.join(", ")),
            };
            (call, format!("{units} BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW"))
        }
        "lag" | "lead" => {
            let offset = params.args.get(1).and_then(|e| match e {
                Expr::Literal(value, _) => value.cast_to(&datafusion::arrow::datatypes::DataType::Int64).ok(),
                _ => None,
            });
            let offset = match offset {
                Some(ScalarValue::Int64(Some(n))) => n,
                _ => 1,
            };
            let default = arguments.get(2).cloned().unwrap_or_else(|| "NULL".to_string());
            let input = arguments.first().cloned().unwrap_or_default();
            let position = if function == "lag" { -offset } else { offset };
            (format!("{function}({input}, {offset}, {default})"), format!("ROWS BETWEEN {position} FOLLOWING AND {position} FOLLOWING"))
        }
        _ => {
            let name = crate::spark::function_names::spark_name(function);
            let call = if name == "count" && matches!(params.args.as_slice(), [Expr::Literal(ScalarValue::Int64(Some(1)), _)] | []) {
                "count(1)".to_string()
            } else {
                format!("{name}({})", arguments.join(", "))
            };
            let frame = &params.window_frame;
            let sql = SQL_FRAMES.with(|flag| flag.get());
            let bound = |bound: &WindowFrameBound| match bound {
                WindowFrameBound::CurrentRow => "CURRENT ROW".to_string(),
                WindowFrameBound::Preceding(value) if value.is_null() => "UNBOUNDED PRECEDING".to_string(),
                WindowFrameBound::Following(value) if value.is_null() => "UNBOUNDED FOLLOWING".to_string(),
                WindowFrameBound::Preceding(value) if sql => format!("{} PRECEDING", literal_name(value)),
                WindowFrameBound::Preceding(value) => format!("-{} FOLLOWING", literal_name(value)),
                WindowFrameBound::Following(value) => format!("{} FOLLOWING", literal_name(value)),
            };
            let units = match frame.units {
                WindowFrameUnits::Rows => "ROWS",
                WindowFrameUnits::Range => "RANGE",
                WindowFrameUnits::Groups => "GROUPS",
            };
            (call, format!("{units} BETWEEN {} AND {}", bound(&frame.start_bound), bound(&frame.end_bound)))
        }
    };
    let mut specification = Vec::new();
    if !params.partition_by.is_empty() {
        specification.push(format!("PARTITION BY {}", params.partition_by.iter().map(spark_name).collect::<Vec<_>>().join(", ")));
    }
    if !params.order_by.is_empty() {
        let keys: Vec<String> = params
            .order_by
            .iter()
            .map(|sort| {
                let direction = if sort.asc { "ASC" } else { "DESC" };
                let nulls = if sort.nulls_first { "NULLS FIRST" } else { "NULLS LAST" };
                format!("{} {direction} {nulls}", spark_name(&sort.expr))
            })
            .collect();
        specification.push(format!("ORDER BY {}", keys.join(", ")));
    }
    specification.push(frame);
    format!("{call} OVER ({})", specification.join(" "))
}

/// Spark's name of `date_part('year', d)` and friends as the function that made it
/// (`year(d)`), when the expression is one.
fn date_part_name(expr: &Expr) -> Option<String> {
    let Expr::ScalarFunction(function) = expr else { return None };
    if function.name() != "date_part" || function.args.len() != 2 {
        return None;
    }
    let Expr::Literal(ScalarValue::Utf8(Some(part)), _) = &function.args[0] else { return None };
    let name = match part.as_str() {
        "year" => "year",
        "month" => "month",
        "day" => "dayofmonth",
        "doy" => "dayofyear",
        "dow" => "dayofweek",
        "week" => "weekofyear",
        "quarter" => "quarter",
        "hour" => "hour",
        "minute" => "minute",
        "second" => "second",
        _ => return None,
    };
    Some(format!("{name}({})", spark_name(&function.args[1])))
}

/// Spark's text of a literal in a column name (`1`, `1.5`, `k`, `true`, `NULL`).
pub fn literal_name(value: &ScalarValue) -> String {
    match value {
        value if value.is_null() => "NULL".to_string(),
        ScalarValue::Float64(Some(v)) => crate::spark::value_text::java_double_string(*v),
        ScalarValue::Float32(Some(v)) => crate::spark::value_text::java_float_string(*v),
        ScalarValue::Utf8(Some(v)) | ScalarValue::LargeUtf8(Some(v)) | ScalarValue::Utf8View(Some(v)) => v.clone(),
        // Spark's `Literal.toString` of typed literals: `DATE '2024-01-01'`,
        // `TIMESTAMP '2024-01-01 03:04:05'`, `X'0A'`, `INTERVAL '2 00:00:00' DAY TO SECOND`.
        ScalarValue::Binary(Some(bytes)) | ScalarValue::LargeBinary(Some(bytes)) | ScalarValue::BinaryView(Some(bytes)) => {
            format!("X'{}'", bytes.iter().map(|b| format!("{b:02X}")).collect::<String>())
        }
        ScalarValue::Date32(_) | ScalarValue::TimestampMicrosecond(..) | ScalarValue::TimestampNanosecond(..) | ScalarValue::TimestampMillisecond(..) | ScalarValue::TimestampSecond(..) | ScalarValue::DurationMicrosecond(_) | ScalarValue::Time64Microsecond(_) => {
            let prefix = match value.data_type() {
                DataType::Date32 => "DATE ",
                DataType::Time64(_) => "TIME ",
                DataType::Timestamp(_, Some(_)) => "TIMESTAMP ",
                DataType::Timestamp(_, None) => "TIMESTAMP_NTZ ",
                _ => "",
            };
            // An instant shows in the session time zone, as in `show()`.
            match value.to_array().map(|array| crate::spark::session_zone::zoned_array(&array)) {
                Ok(array) if prefix.is_empty() => crate::spark::value_text::cast_string(&array, 0),
                Ok(array) => format!("{prefix}'{}'", crate::spark::value_text::cast_string(&array, 0)),
                Err(_) => value.to_string(),
            }
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::prelude::{col, lit};

    #[test]
    fn names_follow_spark() {
        assert_eq!(spark_name(&(col("age") + lit(1i32))), "(age + 1)");
        assert_eq!(spark_name(&col("a").eq(lit("x"))), "(a = x)");
        assert_eq!(spark_name(&lit(ScalarValue::Null)), "NULL");
        assert_eq!(spark_name(&lit(1.5f64)), "1.5");
        assert_eq!(spark_name(&col("a").is_null()), "(a IS NULL)");
    }
}
