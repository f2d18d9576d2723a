//! Projection-shaped nodes: select, filter, withColumns, withColumnsRenamed, drop, toDF,
//! distinct/dropDuplicates. Output columns get Spark's names.
use datafusion::common::{Column, DFSchema};
use datafusion::logical_expr::utils::{find_aggregate_exprs, find_window_exprs};
use datafusion::logical_expr::{Expr, LogicalPlan, LogicalPlanBuilder};

use super::columns::find_column;
use super::PlanResolver;
use crate::engine::local::error::{EngineError, Result};
use crate::engine::local::naming::spark_name;
use crate::plan::Expression;

/// Gives an output expression Spark's column name unless it is a plain column or alias.
pub(super) fn named(expr: Expr) -> Expr {
    match expr {
        // DataFusion's SQL planner names a call by an alias (`length(t.s)`) in its own way.
        Expr::Alias(alias) if crate::engine::local::naming::is_planner_alias(&alias) => {
            let name = spark_name(&Expr::Alias(alias.clone()));
            alias.expr.alias(name)
        }
        Expr::Column(_) | Expr::Alias(_) => expr,
        other => {
            let name = crate::engine::local::naming::spark_output_name(&other);
            other.alias(name)
        }
    }
}

/// Spark lets a select list repeat an output name (`select("a", "a")`); the engine's
/// schemas do not. Each output whose name repeats gets a qualifier of its own, so the
/// names stay as Spark gives them and a later reference by that name is ambiguous, as in
/// Spark (`AMBIGUOUS_REFERENCE`).
pub(super) fn distinct_qualifiers(outputs: Vec<Expr>) -> Vec<Expr> {
    let qualified: Vec<(Option<String>, String)> = outputs.iter().map(|e| {
        let (qualifier, name) = e.qualified_name();
        (qualifier.map(|q| q.to_string()), name)
    }).collect();
    let names: Vec<String> = qualified.iter().map(|(_, name)| name.clone()).collect();
    // A repeated name whose outputs all keep distinct qualifiers (a join's two sides passed
    // through) stays as it is, so that `df["a"]` still finds its side.
    let mut groups: std::collections::HashMap<&str, Vec<Option<&str>>> = std::collections::HashMap::new();
    for (qualifier, name) in &qualified {
        groups.entry(name.as_str()).or_default().push(qualifier.as_deref());
    }
    let repeated = |name: &String| {
        groups.get(name.as_str()).is_some_and(|qualifiers| {
            let distinct: std::collections::HashSet<_> = qualifiers.iter().collect();
            qualifiers.len() > 1 && (qualifiers.iter().any(Option::is_none) || distinct.len() < qualifiers.len())
        })
    };
    if !names.iter().any(repeated) {
        return outputs;
    }
    outputs
        .into_iter()
        .zip(&names)
        .enumerate()
        .map(|(position, (expr, name))| {
            if repeated(name) {
                let child = match expr {
                    Expr::Alias(alias) => *alias.expr,
                    other => other,
                };
                child.alias_qualified(Some(format!("__ember_output_{position}")), name.clone())
            } else {
                expr
            }
        })
        .collect()
}

/// All columns of a schema as expressions, in order.
pub(super) fn all_columns(schema: &DFSchema) -> Vec<Expr> {
    schema.iter().map(|(qualifier, field)| Expr::Column(Column::new(qualifier.cloned(), field.name()))).collect()
}

impl PlanResolver<'_> {
    /// Resolves select-list expressions: expands `*`, names outputs, keeps the name the
    /// user wrote for a column whose case differs from the input's.
    pub(super) fn output_expressions(&self, expressions: &[Expression], schema: &DFSchema) -> Result<Vec<Expr>> {
        let mut output = Vec::with_capacity(expressions.len());
        for expression in expressions {
            match expression {
                Expression::Star { names: Some(names), .. } => output.extend(self.star(None, schema)?.into_iter().filter(|e| matches!(e, Expr::Column(c) if names.contains(&c.name)))),
                Expression::Star { target, .. } => output.extend(self.star(target.as_deref(), schema)?),
                Expression::Column { name, .. } => {
                    let expr = self.expression(expression, schema)?;
                    let written = name.trim_matches('`');
                    output.push(match &expr {
                        Expr::Column(column) if column.name != written && !written.contains('.') => expr.alias(written),
                        Expr::Column(_) => expr,
                        _ => named(expr),
                    });
                }
                // Spark names these calls in its own way.
                Expression::Function { name, arguments, .. } if arguments.is_empty() && name.eq_ignore_ascii_case("spark_partition_id") => output.push(self.expression(expression, schema)?.alias("SPARK_PARTITION_ID()")),
                Expression::Function { name, arguments, .. } if arguments.is_empty() && name.eq_ignore_ascii_case("monotonically_increasing_id") => {
                    output.push(self.expression(expression, schema)?.alias("monotonically_increasing_id()"))
                }
                // `json_tuple` (Spark's `JsonTuple` generator) gives one row per input row
                // and a column per field, named c0, c1, ...: the fields of its struct.
                Expression::Function { name, .. } if name.eq_ignore_ascii_case("json_tuple") => {
                    use datafusion::logical_expr::ExprSchemable;
                    let tuple = self.expression(expression, schema)?;
                    match tuple.get_type(schema)? {
                        datafusion::arrow::datatypes::DataType::Struct(fields) => output.extend(
                            fields.iter().map(|f| datafusion::functions::core::expr_fn::get_field(tuple.clone(), f.name().as_str()).alias(f.name())),
                        ),
                        _ => output.push(named(tuple)),
                    }
                }
                other => output.push(named(self.expression(other, schema)?)),
            }
        }
        Ok(output)
    }

    /// The columns `*` or `target.*` stands for (Spark's `UnresolvedStar.expand`): every
    /// column, the columns of the relation named `target`, or the fields of the struct
    /// column `target`.
    pub(super) fn star(&self, target: Option<&str>, schema: &DFSchema) -> Result<Vec<Expr>> {
        // The resolver's hidden columns (a row's partition, see `partitioning`) are not
        // the user's.
        let hidden = |name: &str| name.starts_with("__ember_");
        let Some(target) = target else {
            return Ok(schema.iter().filter(|(_, f)| !hidden(f.name())).map(|(q, f)| Expr::Column(Column::new(q.cloned(), f.name()))).collect());
        };
        let columns: Vec<Expr> = schema
            .iter()
            .filter(|(q, f)| !hidden(f.name()) && q.is_some_and(|q| q.table().eq_ignore_ascii_case(target)))
            .map(|(q, f)| Expr::Column(Column::new(q.cloned(), f.name())))
            .collect();
        if columns.is_empty() {
            return self.struct_fields(target, schema);
        }
        Ok(columns)
    }

    /// `struct_column.*` (Spark's `UnresolvedStar` on a struct): one output per field of
    /// the struct, named by the field.
    fn struct_fields(&self, target: &str, schema: &DFSchema) -> Result<Vec<Expr>> {
        use datafusion::logical_expr::ExprSchemable;
        let column = self.expression(&Expression::Column { name: target.to_string(), plan_id: None }, schema)?;
        match column.get_type(schema)? {
            datafusion::arrow::datatypes::DataType::Struct(fields) => Ok(fields
                .iter()
                .map(|f| datafusion::functions::core::expr_fn::get_field(column.clone(), f.name().as_str()).alias(f.name()))
                .collect()),
            other => Err(EngineError::analysis(
                "CANNOT_RESOLVE_STAR_EXPAND",
                format!("Cannot resolve `{target}`.* given input columns; `{target}` is of type {other}, not a struct."),
                &[("targetString", format!("`{target}`"))],
            )),
        }
    }

    /// `select`: a projection, an aggregation when the list holds aggregate functions
    /// (Spark's global aggregate), with window functions computed first.
    pub(super) fn project(&self, input: LogicalPlan, expressions: &[Expression]) -> Result<LogicalPlan> {
        if let Some(position) = expressions.iter().position(|e| generator(e).is_some()) {
            return self.project_generator(input, expressions, position);
        }
        let outputs = self.output_expressions(expressions, input.schema())?;
        self.project_resolved(input, outputs, Vec::new())
    }

    /// A select list with `explode`/`explode_outer`/`posexplode`/`posexplode_outer`
    /// (Spark's `Generate`): the array is computed, unnested to one row per element, and
    /// the list projected over it. Spark names the generated column `col` (and the
    /// position `pos`) unless it is aliased; a map gives `key` and `value` columns.
    fn project_generator(&self, input: LogicalPlan, expressions: &[Expression], position: usize) -> Result<LogicalPlan> {
        use datafusion::common::ScalarValue;
        use datafusion::logical_expr::ExprSchemable;
        let Some((outer, with_position, argument, alias)) = generator(&expressions[position]) else {
            return Err(crate::engine::local::error::EngineError::internal("generator expected"));
        };
        let original = self.expression(argument, input.schema())?;
        let is_map = matches!(original.get_type(input.schema())?, datafusion::arrow::datatypes::DataType::Map(..));
        let outer_list = |array: Expr| -> Result<Expr> {
            if !outer {
                return Ok(array);
            }
            // Spark's explode_outer gives one NULL row for an empty array too.
            let array_type = array.get_type(input.schema())?;
            let size = crate::engine::local::udfs::collection::size(array.clone());
            let single_null = Expr::Cast(datafusion::logical_expr::Cast::new(
                Box::new(datafusion::functions_nested::expr_fn::make_array(vec![Expr::Literal(ScalarValue::Null, None)])),
                array_type,
            ));
            let zero = Expr::Literal(ScalarValue::Int32(Some(0)), None);
            Ok(Expr::Case(datafusion::logical_expr::expr::Case::new(None, vec![(Box::new(size.eq(zero)), Box::new(single_null))], Some(Box::new(array)))))
        };
        // The working columns, unnested side by side, and the names Spark gives them.
        let mut generated: Vec<(Expr, &str, String)> = Vec::new();
        if with_position {
            let size = crate::engine::local::udfs::collection::size(original.clone());
            let positions = datafusion::functions_nested::expr_fn::range(Expr::Literal(ScalarValue::Int64(Some(0)), None), size.cast_to(&datafusion::arrow::datatypes::DataType::Int64, input.schema())?, Expr::Literal(ScalarValue::Int64(Some(1)), None));
            generated.push((positions, "__ember_generated_pos", "pos".to_string()));
        }
        if is_map {
            generated.push((outer_list(datafusion::functions_nested::expr_fn::map_keys(original.clone()))?, "__ember_generated_key", "key".to_string()));
            generated.push((outer_list(datafusion::functions_nested::expr_fn::map_values(original))?, "__ember_generated", "value".to_string()));
        } else {
            generated.push((outer_list(original)?, "__ember_generated", alias.unwrap_or_else(|| "col".to_string())));
        }
        let mut outputs = all_columns(input.schema());
        outputs.extend(generated.iter().map(|(expr, working, _)| expr.clone().alias(*working)));
        // explode_outer gives a NULL row for a NULL or empty array; explode gives none.
        let options = datafusion::common::UnnestOptions::new().with_null_handling(if outer { datafusion::common::NullHandling::PreserveAndExpandEmpty } else { datafusion::common::NullHandling::Drop });
        let columns: Vec<Column> = generated.iter().map(|(_, working, _)| Column::from_name(*working)).collect();
        let unnested = LogicalPlanBuilder::from(input).project(outputs)?.unnest_columns_with_options(columns, options)?.build()?;
        let mut rewritten: Vec<Expression> = expressions[..position].to_vec();
        for (_, working, name) in &generated {
            let column = Expression::Column { name: (*working).into(), plan_id: None };
            // Spark's position is an INT.
            let child = if *working == "__ember_generated_pos" {
                Expression::Cast { child: Box::new(column), data_type: "int".into(), try_cast: false }
            } else {
                column
            };
            rewritten.push(Expression::Alias { child: Box::new(child), name: name.clone(), metadata: None });
        }
        rewritten.extend_from_slice(&expressions[position + 1..]);
        // `*` stands for the input's columns, not the generator's working columns.
        let outputs = self
            .output_expressions(&rewritten, unnested.schema())?
            .into_iter()
            .filter(|e| !matches!(e, Expr::Column(column) if column.name.starts_with("__ember_generated")))
            .collect();
        self.project_resolved(unnested, outputs, Vec::new())
    }

    /// Builds a projection of resolved expressions, adding aggregate and window steps.
    pub(super) fn project_resolved(&self, input: LogicalPlan, outputs: Vec<Expr>, grouping: Vec<Expr>) -> Result<LogicalPlan> {
        let aggregates = find_aggregate_exprs(outputs.iter());
        if !aggregates.is_empty() || !grouping.is_empty() {
            // An aggregate's rows have no partition to pass on (its calls needing the input
            // rows' partition get it below it, see `partitioning::seed_per_partition`).
            let outputs = outputs.into_iter().filter(|e| e.schema_name().to_string() != super::partitioning::PARTITION).collect();
            return self.aggregate_resolved(input, grouping, outputs);
        }
        let windows = find_window_exprs(outputs.iter());
        if !windows.is_empty() {
            let plan = LogicalPlanBuilder::window_plan(input, windows.clone())?;
            let outputs = outputs.into_iter().map(|e| replace_windows(e, &windows)).collect::<Result<Vec<_>>>()?;
            return Ok(LogicalPlanBuilder::from(plan).project(distinct_qualifiers(outputs))?.build()?);
        }
        Ok(LogicalPlanBuilder::from(input).project(distinct_qualifiers(outputs))?.build()?)
    }

    /// `filter`/`where`.
    pub(super) fn filter(&self, input: LogicalPlan, condition: &Expression) -> Result<LogicalPlan> {
        let error = match self.expression(condition, input.schema()) {
            Ok(condition) => return Ok(LogicalPlanBuilder::from(input).filter(condition)?.build()?),
            Err(error) => error,
        };
        // Spark filters on columns the projection below dropped (`select(a).where("b > 1")`,
        // its `ResolveMissingReferences`): the projection is widened by them, filtered,
        // and narrowed back.
        let LogicalPlan::Projection(projection) = &input else { return Err(error) };
        let Ok(resolved) = self.expression(condition, projection.input.schema()) else { return Err(error) };
        let output: Vec<Expr> = projection.schema.columns().into_iter().map(Expr::Column).collect();
        let mut widened = projection.expr.clone();
        for column in resolved.column_refs() {
            let column = Expr::Column(column.clone());
            if !output.contains(&column) && !widened.contains(&column) {
                widened.push(column);
            }
        }
        let widened = LogicalPlanBuilder::from(projection.input.as_ref().clone()).project(widened)?.build()?;
        let filtered = LogicalPlanBuilder::from(widened).filter(resolved)?.build()?;
        Ok(LogicalPlanBuilder::from(filtered).project(output)?.build()?)
    }

    /// `withColumns`: replaces same-named columns where they stand, appends new ones.
    pub(super) fn with_columns(&self, input: LogicalPlan, names: &[String], expressions: &[Expression]) -> Result<LogicalPlan> {
        let schema = input.schema().clone();
        let mut resolved = Vec::with_capacity(names.len());
        for (name, expression) in names.iter().zip(expressions) {
            resolved.push((name.clone(), self.expression(expression, &schema)?));
        }
        let mut outputs = Vec::new();
        let mut used = vec![false; resolved.len()];
        for (qualifier, field) in schema.iter() {
            if let Some(position) = resolved.iter().position(|(n, _)| n.eq_ignore_ascii_case(field.name())) {
                used[position] = true;
                outputs.push(resolved[position].1.clone().alias(resolved[position].0.clone()));
            } else {
                outputs.push(Expr::Column(Column::new(qualifier.cloned(), field.name())));
            }
        }
        for (position, (name, expr)) in resolved.into_iter().enumerate() {
            if !used[position] {
                outputs.push(expr.alias(name));
            }
        }
        self.project_resolved(input, outputs, Vec::new())
    }

    /// `withColumnsRenamed`: renames that match no column are ignored, as in Spark.
    pub(super) fn with_columns_renamed(&self, input: LogicalPlan, renames: &[(String, String)]) -> Result<LogicalPlan> {
        let outputs = input
            .schema()
            .iter()
            .map(|(qualifier, field)| {
                let column = Expr::Column(Column::new(qualifier.cloned(), field.name()));
                match renames.iter().find(|(old, _)| old.eq_ignore_ascii_case(field.name())) {
                    Some((_, new)) => column.alias(new),
                    None => column,
                }
            })
            .collect::<Vec<_>>();
        Ok(LogicalPlanBuilder::from(input).project(outputs)?.build()?)
    }

    /// `drop`: by name (unknown names ignored) or by column reference.
    /// `drop`: names drop every output column of that name (Spark's `column_names`);
    /// Columns are resolved, an ambiguous one is an error and one that resolves to no
    /// output column (a nested field, a missing name) is ignored, as in Spark.
    pub(super) fn drop_columns(&self, input: LogicalPlan, columns: &[Expression], names: &[String]) -> Result<LogicalPlan> {
        let schema = input.schema().clone();
        let mut dropped = Vec::new();
        for name in names {
            dropped.extend(schema.iter().filter(|(_, f)| f.name().eq_ignore_ascii_case(name)).map(|(q, f)| Column::new(q.cloned(), f.name())));
        }
        for column in columns {
            // An unquoted dotted name (`col("a.b.c")`) is Spark's multi-part name: the
            // column `b.c` of relation `a`, or a field; it never names a column literally
            // called "a.b.c", and a field is not dropped.
            if let Expression::Column { name, .. } = column {
                if let Some((head, rest)) = name.split_once('.').filter(|_| !name.contains('`')) {
                    dropped.extend(schema.iter().filter(|(q, f)| q.is_some_and(|q| q.table().eq_ignore_ascii_case(head)) && f.name().eq_ignore_ascii_case(rest)).map(|(q, f)| Column::new(q.cloned(), f.name())));
                    continue;
                }
            }
            match self.expression(column, &schema) {
                Ok(Expr::Column(found)) => dropped.push(found),
                Ok(_) => {}
                Err(crate::engine::local::error::EngineError::Spark { condition, .. }) if condition.starts_with("UNRESOLVED_COLUMN") => {}
                Err(error) => return Err(error),
            }
        }
        let outputs: Vec<Expr> = schema
            .iter()
            .map(|(q, f)| Column::new(q.cloned(), f.name()))
            .filter(|c| !dropped.contains(c))
            .map(Expr::Column)
            .collect();
        Ok(LogicalPlanBuilder::from(input).project(outputs)?.build()?)
    }

    /// `toDF(*names)`.
    pub(super) fn to_df(&self, input: LogicalPlan, names: &[String]) -> Result<LogicalPlan> {
        let schema = input.schema().clone();
        if names.len() != schema.fields().len() {
            return Err(EngineError::analysis(
                "INVALID_COLUMN_NAMES_NUMBER",
                format!("The number of column names ({}) does not match the number of columns ({}).", names.len(), schema.fields().len()),
                &[],
            ));
        }
        let outputs = all_columns(&schema).into_iter().zip(names).map(|(e, n)| e.alias(n)).collect::<Vec<_>>();
        Ok(LogicalPlanBuilder::from(input).project(outputs)?.build()?)
    }

    /// `distinct()` and `dropDuplicates(subset)`: the first row of each key is kept.
    /// `distinct()` (every column a key) and `dropDuplicates(columns)` (the other
    /// columns from each group's first row): Spark's `Deduplicate`, planned as an
    /// aggregate whose groups come out in Spark's order (see `ordering`).
    pub(super) fn deduplicate(&self, input: LogicalPlan, columns: Option<&[String]>, shuffled: bool) -> Result<LogicalPlan> {
        use datafusion::logical_expr::ExprSchemable;
        let schema = input.schema().clone();
        let keys = match columns {
            None => schema.iter().filter(|(_, f)| f.name() != super::partitioning::PARTITION).map(|(q, f)| Expr::Column(Column::new(q.cloned(), f.name()))).collect::<Vec<_>>(),
            // Spark's Dataset.dropDuplicates looks the names up among the field names.
            Some(columns) => columns.iter().map(|c| find_column(&schema, c, None).map_err(|error| match error {
                EngineError::Spark { ref condition, .. } if condition.starts_with("UNRESOLVED_COLUMN") => {
                    let fields: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).filter(|n| *n != super::partitioning::PARTITION).collect();
                    EngineError::analysis(
                        "UNRESOLVED_COLUMN_AMONG_FIELD_NAMES",
                        format!("Cannot resolve column name \"{c}\" among ({}).", fields.join(", ")),
                        &[("colName", c.clone()), ("fieldNames", fields.join(", "))],
                    )
                }
                other => other,
            })).collect::<Result<Vec<_>>>()?,
        };
        let mut hashable = true;
        for key in &keys {
            hashable &= super::ordering::hashable(&key.get_type(&schema)?);
        }
        if columns.is_none() && !hashable {
            return Ok(LogicalPlanBuilder::from(input).distinct()?.build()?);
        }
        let input = if hashable { super::ordering::numbered_for_groups(input)? } else { input };
        let first_value = self.session().context().udaf_by_name("first_value")?;
        let mut aggregates = Vec::new();
        let mut outputs = Vec::new();
        for (qualifier, field) in schema.iter().filter(|(_, f)| f.name() != super::partitioning::PARTITION) {
            let column = Expr::Column(Column::new(qualifier.cloned(), field.name()));
            if keys.contains(&column) {
                outputs.push(column);
            } else {
                let aggregate = first_value.call(vec![column]).alias(field.name());
                aggregates.push(aggregate);
                outputs.push(Expr::Column(Column::new_unqualified(field.name())));
            }
        }
        // `first` of each other column: Spark's hash aggregate holds fixed-width values only.
        let operator = super::ordering::group_operator(&aggregates, input.schema())?;
        if hashable {
            aggregates.extend(super::ordering::first_row());
        }
        let plan = LogicalPlanBuilder::from(input).aggregate(keys.clone(), aggregates)?.build()?;
        let plan_schema = plan.schema().clone();
        let outputs = outputs
            .into_iter()
            .map(|e| match e {
                Expr::Column(column) => {
                    let found = plan_schema
                        .iter()
                        .find(|(q, f)| f.name() == &column.name && (column.relation.is_none() || q.cloned() == column.relation))
                        .map(|(q, f)| Expr::Column(Column::new(q.cloned(), f.name())));
                    found.unwrap_or(Expr::Column(column))
                }
                other => other,
            })
            .collect::<Vec<_>>();
        if !hashable {
            return Ok(LogicalPlanBuilder::from(plan).project(outputs)?.build()?);
        }
        super::ordering::ordered_groups(self.session(), plan, outputs, keys.len(), shuffled, operator)
    }
}

/// `explode(x)`, `explode_outer(x)`, `posexplode(x)` or `posexplode_outer(x)`, possibly
/// aliased: (outer, with a position, argument, alias).
fn generator(expression: &Expression) -> Option<(bool, bool, &Expression, Option<String>)> {
    match expression {
        Expression::Alias { child, name, .. } => generator(child).map(|(outer, with_position, argument, _)| (outer, with_position, argument, Some(name.clone()))),
        Expression::Function { name, arguments, .. } if arguments.len() == 1 => match name.to_lowercase().as_str() {
            "explode" => Some((false, false, &arguments[0], None)),
            "explode_outer" => Some((true, false, &arguments[0], None)),
            "posexplode" => Some((false, true, &arguments[0], None)),
            "posexplode_outer" => Some((true, true, &arguments[0], None)),
            _ => None,
        },
        _ => None,
    }
}

/// Replaces sub-expressions computed by a lower node (aggregates, windows) with references
/// to that node's output columns, which start at `offset` in `schema`.
pub(super) fn replace_with_columns(expr: Expr, computed: &[Expr], schema: &DFSchema, offset: usize) -> Result<Expr> {
    use datafusion::common::tree_node::{Transformed, TreeNode};
    let rewritten = expr.transform_down(|e| {
        if let Some(position) = computed.iter().position(|c| *c == e) {
            let (qualifier, field) = schema.qualified_field(offset + position);
            return Ok(Transformed::yes(Expr::Column(Column::new(qualifier.cloned(), field.name()))));
        }
        Ok(Transformed::no(e))
    })?;
    Ok(rewritten.data)
}

/// Replaces the window functions of `expr` with the columns of the window steps below.
/// The steps are found by name: DataFusion's `window_plan` orders them by their sort keys,
/// not in the order given, so a window function's column position is not its place in
/// `windows`.
fn replace_windows(expr: Expr, windows: &[Expr]) -> Result<Expr> {
    use datafusion::common::tree_node::{Transformed, TreeNode};
    let rewritten = expr.transform_down(|e| {
        if windows.contains(&e) {
            return Ok(Transformed::yes(Expr::Column(Column::from_name(e.schema_name().to_string()))));
        }
        Ok(Transformed::no(e))
    })?;
    Ok(rewritten.data)
}

trait UdafByName {
    fn udaf_by_name(&self, name: &str) -> Result<std::sync::Arc<datafusion::logical_expr::AggregateUDF>>;
}

impl UdafByName for datafusion::prelude::SessionContext {
    fn udaf_by_name(&self, name: &str) -> Result<std::sync::Arc<datafusion::logical_expr::AggregateUDF>> {
        use datafusion::execution::FunctionRegistry;
        Ok(self.udaf(name)?)
    }
}
