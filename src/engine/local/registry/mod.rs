//! Spark's function registry on the embedded engine. A function whose call Ember builds by
//! Spark's rules has one row, in the file of its category; each row gives:
//! - Spark's name and its aliases;
//! - its argument rules: the arity, Spark's implicit casts of text to dates and timestamps
//!   (`ImplicitCastInputTypes`), and the defaults the analyzer writes into the call;
//! - the builder of the DataFusion expression;
//! - Spark's display name for the result column, where the engine's would differ.
//!
//! A call by a name without a row runs the engine function of that name (DataFusion's
//! built-ins, datafusion-spark's, or Ember's own `udfs`, registered under Spark's names
//! after `spark::function_names`). Model: Spark's `FunctionRegistry`, a map from a name to
//! an expression builder.

mod aggregate;
mod collection;
mod datetime;
mod math;
mod misc;
mod operators;
mod string;

pub use collection::struct_of;
pub use string::fixed_point_conversions;

use std::collections::HashMap;
use std::sync::OnceLock;

use datafusion::arrow::datatypes::DataType;
use datafusion::common::{DFSchema, ScalarValue};
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::expr::WindowFunction;
use datafusion::logical_expr::{Cast, Expr, ExprFunctionExt, ExprSchemable, WindowFunctionDefinition};
use datafusion::prelude::SessionContext;

use super::error::{EngineError, Result};

/// One call being resolved: the function's name and its resolved arguments.
pub struct Call<'a> {
    pub context: &'a SessionContext,
    /// The name in lower case, as rows are found by it.
    pub name: String,
    pub arguments: Vec<Expr>,
    pub distinct: bool,
    pub schema: &'a DFSchema,
}

/// Builds the expression of a call; `Call::engine` is the engine function of its name.
pub type Builder = fn(Call) -> Result<Expr>;

/// How many arguments a function takes; a call with another count raises Spark's
/// `WRONG_NUM_ARGS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arity {
    /// The engine function's signature decides.
    Any,
    Exactly(usize),
}

/// Spark's implicit cast of text arguments to a datetime (`ImplicitCastInputTypes`):
/// `date_add('2024-01-01', 1)` reads the text as a DATE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Implicit {
    None,
    /// The arguments at these positions are read as dates.
    Dates(&'static [usize]),
    /// The arguments at these positions are read as timestamps.
    Timestamps(&'static [usize]),
    /// The arguments at these positions, of an atomic type other than text and binary
    /// (numbers, booleans, dates, timestamps), are read as text: `upper(0.5)` is `0.5`.
    Strings(&'static [usize]),
    /// The arguments at these positions, fractional numbers or text, are read as an INT
    /// (`factorial(2.0)`).
    Ints(&'static [usize]),
    /// The same, read as a BIGINT (`char(65.0)`).
    Bigints(&'static [usize]),
}

impl Implicit {
    /// The positions and the unnamed implicit cast of each (`udfs::replaceable`).
    pub fn marker(self) -> Option<(&'static [usize], &'static str)> {
        use super::udfs::replaceable::{IMPLICIT_BIGINT, IMPLICIT_DATE, IMPLICIT_INT, IMPLICIT_STRING, IMPLICIT_TIMESTAMP};
        match self {
            Implicit::None => None,
            Implicit::Dates(positions) => Some((positions, IMPLICIT_DATE)),
            Implicit::Timestamps(positions) => Some((positions, IMPLICIT_TIMESTAMP)),
            Implicit::Strings(positions) => Some((positions, IMPLICIT_STRING)),
            Implicit::Ints(positions) => Some((positions, IMPLICIT_INT)),
            Implicit::Bigints(positions) => Some((positions, IMPLICIT_BIGINT)),
        }
    }

    /// Whether an argument of `data_type` is cast by this rule.
    fn applies_to(self, data_type: &DataType) -> bool {
        use super::types::is_string;
        match self {
            Implicit::None => false,
            Implicit::Dates(_) | Implicit::Timestamps(_) => is_string(data_type),
            Implicit::Strings(_) => super::udfs::replaceable::reads_as_text(data_type),
            Implicit::Ints(_) | Implicit::Bigints(_) => super::udfs::replaceable::reads_as_integer(data_type),
        }
    }
}

/// A literal default argument, written into the call by the analyzer so that the column
/// name shows it (`split(s, ,, -1)`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Default {
    Int(i32),
    Bool(bool),
    Text(&'static str),
    Float(f32),
    /// A decimal zero of this many fraction digits (`0.000000` is `decimal(6,6)`).
    DecimalZero(u8),
    Null,
    /// Spark's `current_timestamp()`.
    CurrentTimestamp,
}

impl Default {
    /// The default as an expression (a literal, or `current_timestamp()`).
    pub fn expression(self, context: &SessionContext) -> Result<Expr> {
        match self {
            Default::CurrentTimestamp => call_scalar(context, "current_timestamp", Vec::new()),
            literal => Ok(literal.literal()),
        }
    }

    /// The default as a literal expression (a function default is a NULL).
    fn literal(self) -> Expr {
        Expr::Literal(
            match self {
                Default::Int(v) => ScalarValue::Int32(Some(v)),
                Default::Bool(v) => ScalarValue::Boolean(Some(v)),
                Default::Text(v) => ScalarValue::Utf8(Some(v.to_string())),
                Default::Float(v) => ScalarValue::Float32(Some(v)),
                Default::DecimalZero(scale) => ScalarValue::Decimal128(Some(0), scale, scale as i8),
                Default::Null | Default::CurrentTimestamp => ScalarValue::Null,
            },
            None,
        )
    }
}

/// One Spark function of the registry.
#[derive(Debug, Clone, Copy)]
pub struct Function {
    /// Spark's name, then its aliases (lower case).
    pub names: &'static [&'static str],
    pub arity: Arity,
    pub implicit: Implicit,
    /// The defaults of trailing arguments: (position, value), in position order.
    pub defaults: &'static [(usize, Default)],
    /// `None`: the engine function of the name.
    pub build: Option<Builder>,
    /// Spark's name for the result column, `{}` standing for the arguments' names, where
    /// the expression built would be named otherwise (`(+ x)` for `positive(x)`).
    pub display: Option<&'static str>,
}

/// A row for `names`, built by the engine function of its name until a rule says otherwise.
pub const fn function(names: &'static [&'static str]) -> Function {
    Function { names, arity: Arity::Any, implicit: Implicit::None, defaults: &[], build: None, display: None }
}

impl Function {
    pub const fn build(mut self, builder: Builder) -> Self {
        self.build = Some(builder);
        self
    }
    pub const fn arity(mut self, count: usize) -> Self {
        self.arity = Arity::Exactly(count);
        self
    }
    pub const fn dates(mut self, positions: &'static [usize]) -> Self {
        self.implicit = Implicit::Dates(positions);
        self
    }
    pub const fn timestamps(mut self, positions: &'static [usize]) -> Self {
        self.implicit = Implicit::Timestamps(positions);
        self
    }
    pub const fn strings(mut self, positions: &'static [usize]) -> Self {
        self.implicit = Implicit::Strings(positions);
        self
    }
    pub const fn ints(mut self, positions: &'static [usize]) -> Self {
        self.implicit = Implicit::Ints(positions);
        self
    }
    pub const fn bigints(mut self, positions: &'static [usize]) -> Self {
        self.implicit = Implicit::Bigints(positions);
        self
    }
    pub const fn defaults(mut self, defaults: &'static [(usize, Default)]) -> Self {
        self.defaults = defaults;
        self
    }
    pub const fn display(mut self, form: &'static str) -> Self {
        self.display = Some(form);
        self
    }
}

/// Every category's rows.
fn categories() -> [&'static [Function]; 7] {
    [operators::FUNCTIONS, math::FUNCTIONS, string::FUNCTIONS, datetime::FUNCTIONS, collection::FUNCTIONS, aggregate::FUNCTIONS, misc::FUNCTIONS]
}

/// The row of a Spark function by any of its names (lower case).
pub fn find(name: &str) -> Option<&'static Function> {
    static INDEX: OnceLock<HashMap<&'static str, &'static Function>> = OnceLock::new();
    INDEX
        .get_or_init(|| categories().into_iter().flatten().flat_map(|row| row.names.iter().map(move |name| (*name, row))).collect())
        .get(name)
        .copied()
}

/// Whether `name` (lower case) is one of the aggregate and window functions' rows.
pub fn is_aggregate(name: &str) -> bool {
    aggregate::FUNCTIONS.iter().any(|row| row.names.contains(&name))
}

/// The defaults to append to a call of `name` (lower case) with `given` arguments; SQL
/// text gets the same ones (`sql`).
pub fn default_arguments(name: &str, given: usize) -> Vec<Default> {
    // `instr(s, t)` keeps two arguments; given a start, Spark adds the occurrence.
    if name == "instr" && given < 3 {
        return Vec::new();
    }
    find(name).map_or_else(Vec::new, |row| row.defaults.iter().filter(|(position, _)| *position >= given).map(|(_, value)| *value).collect())
}

/// The implicit datetime casts of a function's arguments (lower-case name).
pub fn implicit_casts(name: &str) -> Implicit {
    find(name).map_or(Implicit::None, |row| row.implicit)
}

/// Builds the DataFusion expression for a Spark function call, named as Spark names it.
pub fn resolve(context: &SessionContext, name: &str, arguments: Vec<Expr>, distinct: bool, schema: &DFSchema) -> Result<Expr> {
    let lower = name.to_lowercase();
    // A function registered with capitals (a Python UDF `intX2`) keeps its spelling.
    if lower != name {
        if let Ok(function) = context.udf(name) {
            return Ok(function.call(arguments));
        }
    }
    let row = find(&lower);
    if let Some(Arity::Exactly(expected)) = row.map(|row| row.arity) {
        check_arity(&lower, &arguments, expected)?;
    }
    let mut arguments = arguments;
    for default in default_arguments(&lower, arguments.len()) {
        arguments.push(default.expression(context)?);
    }
    let display = row.and_then(|row| row.display).filter(|_| !number_to_varchar(&lower, &arguments, schema)).map(|form| {
        // Spark's try_make_timestamp keeps its zone out of its name.
        let named = if lower == "try_make_timestamp" && arguments.len() == 7 { &arguments[..6] } else { &arguments[..] };
        form.replace("{}", &named.iter().map(super::naming::spark_name).collect::<Vec<_>>().join(", "))
    });
    let arguments = implicitly_cast(context, row.map_or(Implicit::None, |row| row.implicit), arguments, schema)?;
    // abs, try_divide and try_multiply of an interval (`udfs::intervals`).
    let expr = match super::udfs::intervals::function_call(&lower, &arguments, schema) {
        Some(interval) => interval,
        None => {
            let call = Call { context, name: lower, arguments, distinct, schema };
            match row.and_then(|row| row.build) {
                Some(builder) => builder(call)?,
                None => call.engine()?,
            }
        }
    };
    // Spark's nullability of a built struct, array or map (`udfs::constructors`).
    let expr = super::udfs::constructors::with_spark_nullability(&expr).unwrap_or(expr);
    Ok(match display {
        Some(display) => super::udfs::spark_named::spark_named(expr, display),
        None => expr,
    })
}

/// Spark names `to_varchar` of a number `to_char` (its `ToCharacter`), the engine's name.
fn number_to_varchar(name: &str, arguments: &[Expr], schema: &DFSchema) -> bool {
    name == "to_varchar" && arguments.first().and_then(|a| a.get_type(schema).ok()).is_some_and(|t| t.is_numeric())
}

/// The arguments cast by Spark's implicit rules of the function (`Implicit`).
fn implicitly_cast(context: &SessionContext, implicit: Implicit, arguments: Vec<Expr>, schema: &DFSchema) -> Result<Vec<Expr>> {
    let Some((positions, marker)) = implicit.marker() else {
        return Ok(arguments);
    };
    arguments
        .into_iter()
        .enumerate()
        .map(|(index, argument)| {
            let applies = argument.get_type(schema).is_ok_and(|t| implicit.applies_to(&t));
            if positions.contains(&index) && applies {
                call_scalar(context, marker, vec![argument])
            } else {
                Ok(argument)
            }
        })
        .collect()
}

/// Spark's `WRONG_NUM_ARGS.WITHOUT_SUGGESTION` unless `arguments` has `expected` items.
pub fn check_arity(name: &str, arguments: &[Expr], expected: usize) -> Result<()> {
    if arguments.len() == expected {
        Ok(())
    } else {
        Err(EngineError::analysis(
            "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
            format!("The `{name}` requires {expected} parameters but the actual number is {}.", arguments.len()),
            &[("functionName", format!("`{name}`")), ("expectedNum", expected.to_string()), ("actualNum", arguments.len().to_string())],
        ))
    }
}

/// The aggregates that read text (or NULLs, typed VOID) as doubles, by Spark's implicit
/// cast of their numeric input.
fn reads_numbers(engine: &str) -> bool {
    matches!(engine, "avg" | "sum" | "stddev" | "std" | "stddev_samp" | "stddev_pop" | "variance" | "var_samp" | "var_pop") || engine.starts_with("regr_")
}

impl Call<'_> {
    /// The engine function of this call's name (after `spark::function_names`): an
    /// aggregate, a window function or a scalar function, in that order.
    pub fn engine(self) -> Result<Expr> {
        let Call { context, name, arguments, distinct, schema } = self;
        let target = crate::spark::function_names::engine_name(&name);
        let arguments = if reads_numbers(target) {
            arguments
                .into_iter()
                .map(|a| match a.get_type(schema) {
                    // Through the unnamed implicit cast: the column is `avg(x)`, as in Spark.
                    Ok(t) if super::types::is_string(&t) || t == DataType::Null => {
                        call_scalar(context, super::udfs::replaceable::IMPLICIT_DOUBLE, vec![a.clone()]).unwrap_or_else(|_| Expr::Cast(Cast::new(Box::new(a), DataType::Float64)))
                    }
                    _ => a,
                })
                .collect()
        } else {
            arguments
        };
        if let Ok(aggregate) = context.udaf(target) {
            let call = aggregate.call(arguments);
            return Ok(if distinct { call.distinct().build()? } else { call });
        }
        if let Ok(window) = context.udwf(target) {
            return Ok(Expr::from(WindowFunction::new(WindowFunctionDefinition::WindowUDF(window), arguments)));
        }
        let call = call_scalar(context, target, arguments).map_err(|_| EngineError::unresolved_routine(&name))?;
        super::argument_types::check_expr(&call, schema)?;
        Ok(call)
    }

    /// The engine's scalar function `name` of `arguments`.
    pub fn scalar(&self, name: &str, arguments: Vec<Expr>) -> Result<Expr> {
        call_scalar(self.context, name, arguments)
    }

    /// The engine's aggregate function `name` of `arguments`.
    pub fn aggregate(&self, name: &str, arguments: Vec<Expr>) -> Result<Expr> {
        Ok(self.context.udaf(name)?.call(arguments))
    }

    /// The type of an argument.
    pub fn type_of(&self, argument: &Expr) -> Result<DataType> {
        Ok(argument.get_type(self.schema)?)
    }

    /// The engine's scalar function `engine` of the arguments, after the SQL path's
    /// Spark rules (`sql::spark_rules`), so that both paths type and name it alike.
    pub fn scalar_by_spark_rules(self, engine: &str) -> Result<Expr> {
        let expr = self.scalar(engine, self.arguments.clone())?;
        Ok(super::sql::spark_rules(expr, self.schema)?.data)
    }

    /// The one argument of a unary function.
    pub fn only(self) -> Result<Expr> {
        check_arity(&self.name, &self.arguments, 1)?;
        self.arguments.into_iter().next().ok_or_else(|| EngineError::internal("a unary function without its operand"))
    }

    /// The two arguments of a binary function.
    pub fn pair(self) -> Result<(Expr, Expr)> {
        check_arity(&self.name, &self.arguments, 2)?;
        let mut arguments = self.arguments.into_iter();
        match (arguments.next(), arguments.next()) {
            (Some(left), Some(right)) => Ok((left, right)),
            _ => Err(EngineError::internal("a binary function without its operands")),
        }
    }
}

/// The engine's scalar function `name` of `arguments`, or Spark's `UNRESOLVED_ROUTINE`.
pub fn call_scalar(context: &SessionContext, name: &str, arguments: Vec<Expr>) -> Result<Expr> {
    let function = context.udf(name).map_err(|_| EngineError::unresolved_routine(name))?;
    Ok(function.call(arguments))
}

/// A boolean literal flag argument (`first(col, true)`), or `None`.
pub fn flag(argument: Option<Expr>) -> Option<bool> {
    match argument {
        Some(Expr::Literal(ScalarValue::Boolean(Some(flag)), _)) => Some(flag),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_name_has_one_row() {
        let mut seen = std::collections::HashSet::new();
        for row in categories().into_iter().flatten() {
            assert!(!row.names.is_empty());
            for name in row.names {
                assert_eq!(*name, name.to_lowercase(), "rows are found by lower-case names");
                assert!(seen.insert(*name), "{name} has two rows");
            }
        }
    }

    #[test]
    fn defaults_fill_the_missing_trailing_arguments() {
        assert_eq!(default_arguments("split", 2), vec![Default::Int(-1)]);
        assert!(default_arguments("split", 3).is_empty());
        assert_eq!(default_arguments("mask", 2), vec![Default::Text("x"), Default::Text("n"), Default::Null]);
        assert!(default_arguments("instr", 2).is_empty());
        assert!(default_arguments("abs", 1).is_empty());
        assert!(find("date_add").is_some_and(|row| row.implicit == Implicit::Dates(&[0])));
        assert_eq!(implicit_casts("hour"), Implicit::Timestamps(&[0]));
    }

    #[test]
    fn rows_keep_their_defaults_in_position_order() {
        for row in categories().into_iter().flatten() {
            assert!(row.defaults.windows(2).all(|pair| pair[0].0 < pair[1].0), "{:?}", row.names);
        }
    }
}
