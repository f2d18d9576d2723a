//! Encodes Ember's unresolved plan (`crate::plan`, modelled on Spark Connect) as
//! `spark.connect` Relation and Expression protos, as PySpark's Connect client builds them
//! (`pyspark.sql.connect.plan` and `expressions`).
use std::collections::HashMap;

use spark_connect_proto as pb;
use spark_connect_proto::expression as ex;
use spark_connect_proto::relation::RelType;

use crate::plan::{Expression, JoinCondition, Literal, Relation, SetOperationKind, SortOrder};

/// Rows created from Python data, by their `LocalRelation` id: Arrow IPC stream bytes and
/// the Spark schema as JSON.
pub type LocalData = HashMap<u64, (Vec<u8>, String)>;

/// Why a plan cannot be sent.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct EncodeError(pub String);

type Result<T> = std::result::Result<T, EncodeError>;

fn common(plan_id: u64) -> Option<pb::RelationCommon> {
    Some(pb::RelationCommon { plan_id: Some(plan_id as i64), ..Default::default() })
}

fn boxed(relation: &Relation, local: &LocalData) -> Result<Option<Box<pb::Relation>>> {
    Ok(Some(Box::new(relation_proto(relation, local)?)))
}

fn exprs(expressions: &[Expression]) -> Result<Vec<pb::Expression>> {
    expressions.iter().map(expression).collect()
}

/// A relation as a proto.
pub fn relation_proto(relation: &Relation, local: &LocalData) -> Result<pb::Relation> {
    let rel_type = match relation {
        Relation::LocalRelation { id, .. } => {
            let (data, schema) = local.get(id).ok_or_else(|| EncodeError(format!("no local relation {id}")))?;
            RelType::LocalRelation(pb::LocalRelation { data: Some(data.clone().into()), schema: Some(schema.clone()) })
        }
        Relation::Range { start, end, step, num_partitions, .. } => {
            RelType::Range(pb::Range { start: Some(*start), end: *end, step: *step, num_partitions: num_partitions.map(|n| n as i32) })
        }
        Relation::Read { format, paths, options, schema, .. } => RelType::Read(pb::Read {
            read_type: Some(pb::read::ReadType::DataSource(pb::read::DataSource {
                format: Some(format.clone()),
                schema: schema.clone(),
                options: options.clone().into_iter().collect(),
                paths: paths.iter().map(|p| client_path(p)).collect(),
                ..Default::default()
            })),
            is_streaming: false,
        }),
        Relation::NamedTable { name, .. } => RelType::Read(pb::Read {
            read_type: Some(pb::read::ReadType::NamedTable(pb::read::NamedTable { unparsed_identifier: name.clone(), options: Default::default() })),
            is_streaming: false,
        }),
        Relation::Sql { query, .. } => RelType::Sql(pb::Sql { query: query.clone(), ..Default::default() }),
        Relation::Project { input, expressions, .. } => RelType::Project(Box::new(pb::Project { input: boxed(input, local)?, expressions: exprs(expressions)? })),
        Relation::Filter { input, condition, .. } => RelType::Filter(Box::new(pb::Filter { input: boxed(input, local)?, condition: Some(expression(condition)?) })),
        Relation::Aggregate { input, grouping, aggregates, group_type, pivot, grouping_sets, .. } => {
            use pb::aggregate::GroupType;
            let kind = match (group_type.as_deref().unwrap_or("groupby"), pivot.is_some()) {
                (_, true) => GroupType::Pivot,
                ("rollup", _) => GroupType::Rollup,
                ("cube", _) => GroupType::Cube,
                ("grouping_sets", _) => GroupType::GroupingSets,
                _ => GroupType::Groupby,
            };
            let pivot = match pivot {
                Some(p) => Some(pb::aggregate::Pivot {
                    col: Some(expression(&p.column)?),
                    values: p.values.iter().map(|v| match v {
                        Expression::Literal(l) => literal_value(l),
                        other => Err(EncodeError(format!("a pivot value must be a literal, not {other:?}"))),
                    }).collect::<Result<Vec<_>>>()?,
                }),
                None => None,
            };
            RelType::Aggregate(Box::new(pb::Aggregate {
                input: boxed(input, local)?,
                group_type: kind as i32,
                grouping_expressions: exprs(grouping)?,
                aggregate_expressions: exprs(aggregates)?,
                pivot,
                grouping_sets: grouping_sets
                    .iter()
                    .flatten()
                    .map(|set| Ok(pb::aggregate::GroupingSets { grouping_set: exprs(set)? }))
                    .collect::<Result<Vec<_>>>()?,
            }))
        }
        Relation::Sort { input, order, is_global, .. } => RelType::Sort(Box::new(pb::Sort { input: boxed(input, local)?, order: order.iter().map(sort_order).collect::<Result<_>>()?, is_global: Some(*is_global) })),
        Relation::Limit { input, limit, .. } => RelType::Limit(Box::new(pb::Limit { input: boxed(input, local)?, limit: clamp(*limit) })),
        Relation::Offset { input, offset, .. } => RelType::Offset(Box::new(pb::Offset { input: boxed(input, local)?, offset: clamp(*offset) })),
        Relation::Deduplicate { input, columns, within_watermark, .. } => RelType::Deduplicate(Box::new(pb::Deduplicate {
            input: boxed(input, local)?,
            column_names: columns.clone().unwrap_or_default(),
            all_columns_as_keys: Some(columns.is_none()),
            within_watermark: within_watermark.then_some(true),
        })),
        Relation::Join { left, right, condition, how, .. } => {
            use pb::join::JoinType;
            let join_type = match how.to_lowercase().replace('_', "").as_str() {
                "inner" => JoinType::Inner,
                "outer" | "full" | "fullouter" => JoinType::FullOuter,
                "left" | "leftouter" => JoinType::LeftOuter,
                "right" | "rightouter" => JoinType::RightOuter,
                "semi" | "leftsemi" => JoinType::LeftSemi,
                "anti" | "leftanti" => JoinType::LeftAnti,
                "cross" => JoinType::Cross,
                other => return Err(EncodeError(format!("unsupported join type: {other}"))),
            };
            let (join_condition, using_columns) = match condition {
                JoinCondition::None => (None, Vec::new()),
                JoinCondition::Using { columns } => (None, columns.clone()),
                JoinCondition::Expression { condition } => (Some(expression(condition)?), Vec::new()),
            };
            RelType::Join(Box::new(pb::Join { left: boxed(left, local)?, right: boxed(right, local)?, join_condition, join_type: join_type as i32, using_columns, join_data_type: None }))
        }
        Relation::SetOperation { left, right, kind, is_all, by_name, allow_missing_columns, .. } => {
            use pb::set_operation::SetOpType;
            let set_op_type = match kind {
                SetOperationKind::Union => SetOpType::Union,
                SetOperationKind::Intersect => SetOpType::Intersect,
                SetOperationKind::Except => SetOpType::Except,
            };
            RelType::SetOp(Box::new(pb::SetOperation {
                left_input: boxed(left, local)?,
                right_input: boxed(right, local)?,
                set_op_type: set_op_type as i32,
                is_all: Some(*is_all),
                by_name: Some(*by_name),
                allow_missing_columns: Some(*allow_missing_columns),
            }))
        }
        Relation::WithColumns { input, names, expressions, .. } => RelType::WithColumns(Box::new(pb::WithColumns {
            input: boxed(input, local)?,
            aliases: names.iter().zip(expressions).map(|(name, e)| Ok(ex::Alias { expr: Some(Box::new(expression(e)?)), name: vec![name.clone()], metadata: None })).collect::<Result<_>>()?,
        })),
        Relation::WithColumnsRenamed { input, renames, .. } => RelType::WithColumnsRenamed(Box::new(pb::WithColumnsRenamed {
            input: boxed(input, local)?,
            renames: renames.iter().map(|(from, to)| pb::with_columns_renamed::Rename { col_name: from.clone(), new_col_name: to.clone() }).collect(),
            ..Default::default()
        })),
        Relation::Drop { input, columns, column_names, .. } => RelType::Drop(Box::new(pb::Drop { input: boxed(input, local)?, columns: exprs(columns)?, column_names: column_names.clone() })),
        Relation::ToDF { input, names, .. } => RelType::ToDf(Box::new(pb::ToDf { input: boxed(input, local)?, column_names: names.clone() })),
        Relation::SubqueryAlias { input, alias, .. } => RelType::SubqueryAlias(Box::new(pb::SubqueryAlias { input: boxed(input, local)?, alias: alias.clone(), qualifier: Vec::new() })),
        Relation::FillNa { input, columns, values, .. } => {
            let named: Vec<&(Option<String>, Expression)> = values.iter().filter(|(name, _)| name.is_some()).collect();
            let (cols, literals) = if named.is_empty() {
                (columns.clone().unwrap_or_default(), values.iter().map(|(_, v)| literal_of(v)).collect::<Result<Vec<_>>>()?)
            } else {
                (named.iter().map(|(n, _)| n.clone().unwrap_or_default()).collect(), named.iter().map(|(_, v)| literal_of(v)).collect::<Result<Vec<_>>>()?)
            };
            RelType::FillNa(Box::new(pb::NaFill { input: boxed(input, local)?, cols, values: literals }))
        }
        Relation::DropNa { input, columns, min_non_nulls, .. } => RelType::DropNa(Box::new(pb::NaDrop { input: boxed(input, local)?, cols: columns.clone().unwrap_or_default(), min_non_nulls: min_non_nulls.map(|n| n as i32) })),
        Relation::ReplaceNa { input, columns, replacements, .. } => RelType::Replace(Box::new(pb::NaReplace {
            input: boxed(input, local)?,
            cols: columns.clone().unwrap_or_default(),
            replacements: replacements.iter().map(|(old, new)| Ok(pb::na_replace::Replacement { old_value: Some(literal_of(old)?), new_value: Some(literal_of(new)?) })).collect::<Result<_>>()?,
        })),
        Relation::Summary { input, columns, statistics, .. } => {
            if statistics.is_empty() || columns.is_empty() && statistics != &["count", "mean", "stddev", "min", "max"] {
                RelType::Summary(Box::new(pb::StatSummary { input: boxed(input, local)?, statistics: statistics.clone() }))
            } else {
                RelType::Describe(Box::new(pb::StatDescribe { input: boxed(input, local)?, cols: columns.clone() }))
            }
        }
        Relation::Hint { input, name, parameters, .. } => RelType::Hint(Box::new(pb::Hint { input: boxed(input, local)?, name: name.clone(), parameters: parameters.iter().map(expression).collect::<Result<_>>()? })),
        Relation::Repartition { input, num_partitions, shuffle, .. } => {
            RelType::Repartition(Box::new(pb::Repartition { input: boxed(input, local)?, num_partitions: *num_partitions as i32, shuffle: Some(*shuffle) }))
        }
        Relation::RepartitionByExpression { input, partition_exprs, num_partitions, .. } => RelType::RepartitionByExpression(Box::new(pb::RepartitionByExpression {
            input: boxed(input, local)?,
            partition_exprs: partition_exprs.iter().map(expression).collect::<Result<_>>()?,
            num_partitions: num_partitions.map(|n| n as i32),
        })),
        Relation::Sample { input, lower_bound, upper_bound, with_replacement, seed, deterministic_order, .. } => RelType::Sample(Box::new(pb::Sample {
            input: boxed(input, local)?,
            lower_bound: *lower_bound,
            upper_bound: *upper_bound,
            with_replacement: Some(*with_replacement),
            seed: Some(*seed),
            deterministic_order: *deterministic_order,
        })),
        Relation::CollectMetrics { input, name, metrics, .. } => RelType::CollectMetrics(Box::new(pb::CollectMetrics {
            input: boxed(input, local)?,
            name: name.clone(),
            metrics: metrics.iter().map(expression).collect::<Result<_>>()?,
        })),
        Relation::LateralJoin { left, right, condition, how, .. } => {
            use pb::join::JoinType;
            let join_type = match how.to_lowercase().replace('_', "").as_str() {
                "inner" => JoinType::Inner,
                "left" | "leftouter" => JoinType::LeftOuter,
                "cross" => JoinType::Cross,
                other => return Err(EncodeError(format!("unsupported lateral join type: {other}"))),
            };
            RelType::LateralJoin(Box::new(pb::LateralJoin {
                left: boxed(left, local)?,
                right: boxed(right, local)?,
                join_condition: condition.as_ref().map(expression).transpose()?,
                join_type: join_type as i32,
            }))
        }
        Relation::WithWatermark { input, event_time, delay_threshold, .. } => RelType::WithWatermark(Box::new(pb::WithWatermark {
            input: boxed(input, local)?,
            event_time: event_time.clone(),
            delay_threshold: delay_threshold.clone(),
        })),
    };
    Ok(pb::Relation { common: common(relation.plan_id()), rel_type: Some(rel_type) })
}

/// A path as the server must see it: a local path without a scheme is the client's, so a
/// relative one is made absolute against the client's working directory (a server on the
/// same machine or a shared file system then finds it).
fn client_path(path: &str) -> String {
    if path.contains("://") || path.starts_with("file:") {
        return path.to_string();
    }
    std::path::absolute(path).map(|p| p.to_string_lossy().into_owned()).unwrap_or_else(|_| path.to_string())
}

fn clamp(n: usize) -> i32 {
    n.min(i32::MAX as usize) as i32
}

/// Wraps a relation in `ShowString` (the server renders Spark's `show()` text).
pub fn show_string(input: pb::Relation, num_rows: usize, truncate: usize, vertical: bool) -> pb::Relation {
    pb::Relation {
        common: None,
        rel_type: Some(RelType::ShowString(Box::new(pb::ShowString { input: Some(Box::new(input)), num_rows: clamp(num_rows), truncate: clamp(truncate), vertical }))),
    }
}

/// A relation in a Plan's root (what ExecutePlan runs for a query).
pub fn root(relation: pb::Relation) -> pb::Plan {
    pb::Plan { op_type: Some(pb::plan::OpType::Root(relation)) }
}

/// A command as a Plan (what ExecutePlan runs for a side effect).
fn command(command_type: pb::command::CommandType) -> pb::Plan {
    pb::Plan { op_type: Some(pb::plan::OpType::Command(pb::Command { command_type: Some(command_type) })) }
}

/// `input` limited to `limit` rows.
pub fn limit(input: pb::Relation, limit: usize) -> pb::Relation {
    pb::Relation { common: None, rel_type: Some(RelType::Limit(Box::new(pb::Limit { input: Some(Box::new(input)), limit: clamp(limit) }))) }
}

/// `input`'s row count as one `count(1)` row (PySpark Connect's `DataFrame.count`:
/// `groupBy().count()`).
pub fn count(input: pb::Relation) -> pb::Relation {
    let one = expr(ex::ExprType::Literal(ex::Literal { literal_type: Some(ex::literal::LiteralType::Integer(1)), data_type: None }));
    let aggregate = pb::Aggregate {
        input: Some(Box::new(input)),
        group_type: pb::aggregate::GroupType::Groupby as i32,
        aggregate_expressions: vec![function("count", vec![one], false)],
        ..Default::default()
    };
    pb::Relation { common: None, rel_type: Some(RelType::Aggregate(Box::new(aggregate))) }
}

/// A SQL statement as a relation (`SHOW VIEWS`, `DROP VIEW ...`).
pub fn sql(query: &str) -> pb::Relation {
    pb::Relation { common: None, rel_type: Some(RelType::Sql(pb::Sql { query: query.to_string(), ..Default::default() })) }
}

/// `DROP VIEW IF EXISTS` of a temporary view, its name quoted.
pub fn drop_view(name: &str) -> pb::Relation {
    sql(&format!("DROP VIEW IF EXISTS `{}`", name.replace('`', "``")))
}

/// `createTempView`/`createOrReplaceTempView` (CreateDataFrameViewCommand).
pub fn create_view(input: pb::Relation, name: &str, replace: bool, global: bool) -> pb::Plan {
    command(pb::command::CommandType::CreateDataframeView(pb::CreateDataFrameViewCommand { input: Some(input), name: name.to_string(), is_global: global, replace }))
}

/// `spark.udf.register` (a RegisterFunction command carrying the `PythonUDF`, as PySpark
/// Connect's `UDFRegistration.register` sends it).
pub fn register_function(name: &str, udf: &crate::plan::PythonUdf) -> Result<pb::Plan> {
    let mut function = python_udf(udf)?;
    function.function_name = name.to_string();
    Ok(command(pb::command::CommandType::RegisterFunction(function)))
}

/// `DataFrameWriter.save` (WriteOperation) of `input` to `path`, which the server reads
/// as a path on its file system.
pub fn write(input: pb::Relation, request: &crate::engine::backend::WriteRequest) -> pb::Plan {
    use crate::engine::backend::SaveMode as Mode;
    use pb::write_operation::SaveMode;
    let mode = match request.mode {
        Mode::Append => SaveMode::Append,
        Mode::Overwrite => SaveMode::Overwrite,
        Mode::Ignore => SaveMode::Ignore,
        Mode::ErrorIfExists => SaveMode::ErrorIfExists,
    };
    let path = std::path::absolute(&request.path).unwrap_or_else(|_| request.path.clone());
    command(pb::command::CommandType::WriteOperation(pb::WriteOperation {
        input: Some(input),
        source: Some(request.format.clone()),
        save_type: Some(pb::write_operation::SaveType::Path(path.to_string_lossy().to_string())),
        mode: mode as i32,
        options: request.options.clone().into_iter().collect(),
        partitioning_columns: request.partition_by.clone(),
        ..Default::default()
    }))
}

fn expr(kind: ex::ExprType) -> pb::Expression {
    pb::Expression { common: None, expr_type: Some(kind) }
}

/// A function call (`UnresolvedFunction`), as PySpark Connect sends operators and functions.
fn function(name: &str, arguments: Vec<pb::Expression>, is_distinct: bool) -> pb::Expression {
    expr(ex::ExprType::UnresolvedFunction(ex::UnresolvedFunction { function_name: name.to_string(), arguments, is_distinct, ..Default::default() }))
}

/// An expression as a proto.
pub fn expression(expression: &Expression) -> Result<pb::Expression> {
    Ok(match expression {
        Expression::Column { name, plan_id } => expr(ex::ExprType::UnresolvedAttribute(ex::UnresolvedAttribute { unparsed_identifier: name.clone(), plan_id: plan_id.map(|p| p as i64), ..Default::default() })),
        Expression::Star { regex: Some(regex), .. } => expr(ex::ExprType::UnresolvedRegex(ex::UnresolvedRegex { col_name: regex.clone(), plan_id: None })),
        Expression::Star { target, .. } => expr(ex::ExprType::UnresolvedStar(ex::UnresolvedStar { unparsed_target: target.as_ref().map(|t| format!("{t}.*")), ..Default::default() })),
        Expression::Literal(literal) => literal_expression(literal)?,
        // Spark Connect sends a subquery's plan beside the root (`WithRelations`), which this
        // encoder does not build yet.
        Expression::InSubquery { .. } | Expression::ScalarSubquery { .. } | Expression::ExistsSubquery { .. } | Expression::OuterColumn { .. } => {
            return Err(EncodeError("a subquery expression (isin of a DataFrame, scalar(), exists(), outer()) over Spark Connect is not built yet".to_string()))
        }
        // A struct field or map value (`col.field`, `col["key"]`) is Spark Connect's
        // UnresolvedExtractValue; `between` is PySpark Connect's `(c >= lo) & (c <= hi)`.
        Expression::Function { name, arguments, .. } if name == "get_field" && arguments.len() == 2 => expr(ex::ExprType::UnresolvedExtractValue(Box::new(ex::UnresolvedExtractValue {
            child: Some(Box::new(self::expression(&arguments[0])?)),
            extraction: Some(Box::new(self::expression(&arguments[1])?)),
        }))),
        Expression::Function { name, arguments, .. } if name == "between" && arguments.len() == 3 => {
            let value = self::expression(&arguments[0])?;
            let low = function(">=", vec![value.clone(), self::expression(&arguments[1])?], false);
            let high = function("<=", vec![value, self::expression(&arguments[2])?], false);
            function("and", vec![low, high], false)
        }
        // `repartitionById`'s partition id (Spark Connect's `DirectShufflePartitionID`).
        Expression::Function { name, arguments, .. } if name == "direct_shuffle_partition_id" && arguments.len() == 1 => {
            expr(ex::ExprType::DirectShufflePartitionId(Box::new(ex::DirectShufflePartitionId { child: Some(Box::new(self::expression(&arguments[0])?)) })))
        }
        // The unary minus operator (`-col`) is Spark's `negative`.
        Expression::Function { name, arguments, .. } if name == "-" && arguments.len() == 1 => function("negative", exprs(arguments)?, false),
        Expression::Function { name, arguments, is_distinct, .. } => function(crate::spark::function_names::spark_name(name), exprs(arguments)?, *is_distinct),
        Expression::Alias { child, name, metadata } => expr(ex::ExprType::Alias(Box::new(ex::Alias { expr: Some(Box::new(self::expression(child)?)), name: vec![name.clone()], metadata: metadata.clone() }))),
        Expression::Cast { child, data_type, try_cast } => expr(ex::ExprType::Cast(Box::new(ex::Cast {
            expr: Some(Box::new(self::expression(child)?)),
            eval_mode: if *try_cast { ex::cast::EvalMode::Try as i32 } else { ex::cast::EvalMode::Unspecified as i32 },
            cast_to_type: Some(ex::cast::CastToType::TypeStr(data_type.clone())),
        }))),
        Expression::SqlExpression { text } => expr(ex::ExprType::ExpressionString(ex::ExpressionString { expression: text.clone() })),
        Expression::CaseWhen { branches, otherwise } => {
            let mut arguments = Vec::new();
            for (condition, value) in branches {
                arguments.push(self::expression(condition)?);
                arguments.push(self::expression(value)?);
            }
            if let Some(otherwise) = otherwise {
                arguments.push(self::expression(otherwise)?);
            }
            function("when", arguments, false)
        }
        Expression::PythonUdf(udf) => expr(ex::ExprType::CommonInlineUserDefinedFunction(python_udf(udf)?)),
        Expression::LambdaFunction { function: body, arguments } => expr(ex::ExprType::LambdaFunction(Box::new(ex::LambdaFunction {
            function: Some(Box::new(self::expression(body)?)),
            arguments: arguments.iter().map(|name| ex::UnresolvedNamedLambdaVariable { name_parts: vec![name.clone()] }).collect(),
        }))),
        Expression::LambdaVariable { name } => expr(ex::ExprType::UnresolvedNamedLambdaVariable(ex::UnresolvedNamedLambdaVariable { name_parts: vec![name.clone()] })),
        Expression::SortOrder(order) => expr(ex::ExprType::SortOrder(Box::new(sort_order(order)?))),
        Expression::Window { function: window_function, partition_by, order_by, frame } => expr(ex::ExprType::Window(Box::new(ex::Window {
            window_function: Some(Box::new(self::expression(window_function)?)),
            partition_spec: exprs(partition_by)?,
            order_spec: order_by.iter().map(sort_order).collect::<Result<_>>()?,
            frame_spec: frame.as_ref().map(window_frame).map(Box::new),
        }))),
    })
}

/// A window frame as PySpark Connect's `WindowSpec._build_frame` sends it: ROW or RANGE,
/// each boundary the current row, unbounded, or an integer literal offset.
fn window_frame(frame: &crate::plan::WindowFrame) -> pb::expression::window::WindowFrame {
    use pb::expression::window::window_frame::{frame_boundary::Boundary, FrameBoundary, FrameType};
    let boundary = |offset: Option<i64>| {
        let boundary = match offset {
            None => Boundary::Unbounded(true),
            Some(0) => Boundary::CurrentRow(true),
            Some(n) => {
                // Python ints within 32 bits are IntegerType literals, as ROWS frames need.
                let value = i32::try_from(n).map(ex::literal::LiteralType::Integer).unwrap_or(ex::literal::LiteralType::Long(n));
                Boundary::Value(Box::new(expr(ex::ExprType::Literal(ex::Literal { literal_type: Some(value), data_type: None }))))
            }
        };
        Box::new(FrameBoundary { boundary: Some(boundary) })
    };
    pb::expression::window::WindowFrame {
        frame_type: if frame.rows { FrameType::Row } else { FrameType::Range } as i32,
        lower: Some(boundary(frame.lower)),
        upper: Some(boundary(frame.upper)),
    }
}

/// A Python UDF as PySpark Connect's `UserDefinedFunction._build_common_inline_user_defined_function`
/// sends it: a `PythonUDF` with the cloudpickled command and the return type as a DDL string,
/// which the server parses.
pub fn python_udf(udf: &crate::plan::PythonUdf) -> Result<pb::CommonInlineUserDefinedFunction> {
    use base64::Engine as _;
    use pb::common_inline_user_defined_function::Function;
    let command = base64::engine::general_purpose::STANDARD
        .decode(&udf.command)
        .map_err(|e| EncodeError(format!("a Python UDF command is not base64: {e}")))?;
    let output_type = pb::DataType { kind: Some(pb::data_type::Kind::Unparsed(pb::data_type::Unparsed { data_type_string: udf.return_type.clone() })) };
    Ok(pb::CommonInlineUserDefinedFunction {
        function_name: udf.name.clone(),
        deterministic: udf.deterministic,
        arguments: exprs(&udf.arguments)?,
        is_distinct: false,
        function: Some(Function::PythonUdf(pb::PythonUdf {
            output_type: Some(output_type),
            eval_type: udf.eval_type,
            command: command.into(),
            python_ver: udf.python_ver.clone(),
            additional_includes: Vec::new(),
        })),
    })
}


fn sort_order(order: &SortOrder) -> Result<ex::SortOrder> {
    use ex::sort_order::{NullOrdering, SortDirection};
    let direction = if order.ascending { SortDirection::Ascending } else { SortDirection::Descending };
    // Spark's defaults: NULLS FIRST ascending, NULLS LAST descending.
    let nulls_first = order.nulls_first.unwrap_or(order.ascending);
    let null_ordering = if nulls_first { NullOrdering::SortNullsFirst } else { NullOrdering::SortNullsLast };
    Ok(ex::SortOrder { child: Some(Box::new(expression(&order.child)?)), direction: direction as i32, null_ordering: null_ordering as i32 })
}

fn literal_of(expression: &Expression) -> Result<ex::Literal> {
    match expression {
        Expression::Literal(literal) => literal_value(literal),
        other => Err(EncodeError(format!("expected a literal, got {other:?}"))),
    }
}

/// A literal as a proto value, for the types a proto literal holds directly.
fn literal_value(literal: &Literal) -> Result<ex::Literal> {
    use ex::literal::LiteralType as L;
    let value = &literal.value;
    let kind = match (literal.data_type.as_str(), value) {
        (_, serde_json::Value::Null) => L::Null(pb::DataType { kind: Some(pb::data_type::Kind::Null(pb::data_type::Null::default())) }),
        ("boolean", serde_json::Value::Bool(b)) => L::Boolean(*b),
        ("integer" | "int", v) => L::Integer(v.as_i64().unwrap_or_default() as i32),
        ("long" | "bigint", v) => L::Long(v.as_i64().unwrap_or_default()),
        ("double", serde_json::Value::Number(n)) => L::Double(n.as_f64().unwrap_or_default()),
        ("double", serde_json::Value::String(s)) => L::Double(match s.as_str() {
            "NaN" => f64::NAN,
            "Infinity" => f64::INFINITY,
            "-Infinity" => f64::NEG_INFINITY,
            other => other.parse().map_err(|_| EncodeError(format!("bad double literal {other}")))?,
        }),
        ("string", serde_json::Value::String(s)) => L::String(s.clone()),
        ("interval day to second", v) => L::DayTimeInterval(v.as_i64().unwrap_or_default()),
        (other, v) => return Err(EncodeError(format!("a {other} literal {v} has no direct proto form"))),
    };
    Ok(ex::Literal { literal_type: Some(kind), data_type: None })
}

/// A literal expression: a proto literal, or a string cast to the literal's type (dates,
/// timestamps, decimals, binary), or a typed NULL.
fn literal_expression(literal: &Literal) -> Result<pb::Expression> {
    let literal_expr = |l: ex::Literal| expr(ex::ExprType::Literal(l));
    let cast = |child: pb::Expression, to: &str| expr(ex::ExprType::Cast(Box::new(ex::Cast { expr: Some(Box::new(child)), eval_mode: 0, cast_to_type: Some(ex::cast::CastToType::TypeStr(to.to_string())) })));
    if let Ok(value) = literal_value(literal) {
        if literal.value.is_null() && literal.data_type != "void" {
            return Ok(cast(literal_expr(value), &literal.data_type));
        }
        return Ok(literal_expr(value));
    }
    let text = match &literal.value {
        serde_json::Value::String(s) if literal.data_type == "binary" => {
            return Ok(function("unhex", vec![literal_expr(ex::Literal { literal_type: Some(ex::literal::LiteralType::String(s.clone())), data_type: None })], false));
        }
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    Ok(cast(literal_expr(ex::Literal { literal_type: Some(ex::literal::LiteralType::String(text)), data_type: None }), &literal.data_type))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filtered_projection_becomes_nested_relations_with_plan_ids() {
        let plan: Relation = crate::plan::relation_from_json(
            r#"{"type":"Filter","plan_id":2,"condition":{"type":"Function","name":">","arguments":[{"type":"Column","name":"id"},{"type":"Literal","data_type":"integer","value":1}]},
                "input":{"type":"Range","plan_id":1,"start":0,"end":5,"step":1}}"#,
        )
        .unwrap();
        let proto = relation_proto(&plan, &LocalData::new()).unwrap();
        assert_eq!(proto.common.as_ref().and_then(|c| c.plan_id), Some(2));
        let Some(RelType::Filter(filter)) = proto.rel_type else { panic!("not a filter") };
        let Some(RelType::Range(range)) = filter.input.and_then(|i| i.rel_type) else { panic!("not a range") };
        assert_eq!((range.start, range.end, range.step), (Some(0), 5, 1));
        let Some(ex::ExprType::UnresolvedFunction(call)) = filter.condition.and_then(|c| c.expr_type) else { panic!("not a call") };
        assert_eq!(call.function_name, ">");
        assert_eq!(call.arguments.len(), 2);
    }

    #[test]
    fn dates_and_typed_nulls_are_casts_of_literals() {
        let date = Literal { data_type: "date".into(), value: serde_json::json!("2024-02-29") };
        let Some(ex::ExprType::Cast(cast)) = literal_expression(&date).unwrap().expr_type else { panic!("not a cast") };
        assert_eq!(cast.cast_to_type, Some(ex::cast::CastToType::TypeStr("date".into())));
        let null = Literal { data_type: "string".into(), value: serde_json::Value::Null };
        assert!(matches!(literal_expression(&null).unwrap().expr_type, Some(ex::ExprType::Cast(_))));
        let void = Literal { data_type: "void".into(), value: serde_json::Value::Null };
        assert!(matches!(literal_expression(&void).unwrap().expr_type, Some(ex::ExprType::Literal(_))));
    }
}
