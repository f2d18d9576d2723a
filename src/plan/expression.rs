//! Unresolved expressions, after Spark Connect's `Expression` message.
use serde::{Deserialize, Serialize};

/// An unresolved Spark expression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
#[allow(clippy::enum_variant_names)] // Spark Connect's names: SqlExpression.
pub enum Expression {
    /// A column by name (`col("a")`, `df.a`, `df["a"]`); `plan_id` is the DataFrame the
    /// column was taken from, used to tell apart same-named columns after a join.
    Column {
        name: String,
        #[serde(default)]
        plan_id: Option<u64>,
    },
    /// `*` or `t.*`; `colRegex`'s columns when `regex` is given: the pattern (for Spark
    /// Connect's `UnresolvedRegex`) and the names it matched (for the local engine).
    Star {
        #[serde(default)]
        target: Option<String>,
        #[serde(default)]
        regex: Option<String>,
        #[serde(default)]
        names: Option<Vec<String>>,
    },
    /// A literal value with its Spark type.
    Literal(Literal),
    /// A function call by Spark name; operators are functions too (`+`, `==`, `and`).
    Function {
        name: String,
        #[serde(default)]
        arguments: Vec<Expression>,
        #[serde(default)]
        is_distinct: bool,
        /// Called by its SQL name (`call_function`, Spark Connect's `CallFunction`), where
        /// PySpark's DataFrame-only names (`product`) are not found.
        #[serde(default)]
        by_sql_name: bool,
    },
    /// `expr AS name`, with Spark field metadata as JSON text (`alias(name, metadata=...)`).
    Alias {
        child: Box<Expression>,
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        metadata: Option<String>,
    },
    /// `CAST(expr AS type)`; `try_cast` returns NULL instead of failing.
    Cast {
        child: Box<Expression>,
        data_type: String,
        #[serde(default)]
        try_cast: bool,
    },
    /// A SQL expression string (`expr("a + 1")`, `selectExpr`, `filter("a > 1")`).
    SqlExpression { text: String },
    /// `CASE WHEN c1 THEN v1 ... ELSE e END` (`when(...).otherwise(...)`).
    CaseWhen {
        branches: Vec<(Expression, Expression)>,
        #[serde(default)]
        otherwise: Option<Box<Expression>>,
    },
    /// A sort key inside a window specification.
    SortOrder(Box<SortOrder>),
    /// A call of a Python UDF (Spark Connect's `CommonInlineUserDefinedFunction` holding a
    /// `PythonUDF`): `command` is the base64 of the cloudpickled `(func, returnType)`, as
    /// PySpark's `PythonUDF.to_plan` builds it; `return_type` is a Spark DDL type string.
    PythonUdf(Box<PythonUdf>),
    /// A lambda function given to a higher-order function (`transform(xs, lambda x: x + 1)`),
    /// Spark Connect's `LambdaFunction`: the body and the names of its parameters.
    LambdaFunction { function: Box<Expression>, arguments: Vec<String> },
    /// A parameter of a lambda function inside its body, Spark Connect's
    /// `UnresolvedNamedLambdaVariable`.
    LambdaVariable { name: String },
    /// A subquery used as a value, Spark Connect's `SubqueryExpression`: here the `IN`
    /// form (`col.isin(df)`), true where `in_values` are a row of `plan`.
    InSubquery { plan: Box<crate::plan::Relation>, in_values: Vec<Expression> },
    /// The one value of a subquery of one row and one column (`DataFrame.scalar()`,
    /// Spark's `ScalarSubquery`).
    ScalarSubquery { plan: Box<crate::plan::Relation> },
    /// Whether a subquery has rows (`DataFrame.exists()`, Spark's `Exists`).
    ExistsSubquery { plan: Box<crate::plan::Relation> },
    /// A column of the query around a subquery (`Column.outer()`, Spark's
    /// `OuterReference`), which correlates the subquery with each of its rows.
    OuterColumn { child: Box<Expression> },
    /// `func OVER (PARTITION BY .. ORDER BY ..)`.
    Window {
        function: Box<Expression>,
        #[serde(default)]
        partition_by: Vec<Expression>,
        #[serde(default)]
        order_by: Vec<SortOrder>,
        /// The frame given by `rowsBetween`/`rangeBetween`; `None` is Spark's default frame.
        #[serde(default)]
        frame: Option<WindowFrame>,
    },
}

/// A window frame (Spark's `SpecifiedWindowFrame`): ROWS or RANGE between two boundaries,
/// each an offset from the current row, `None` meaning unbounded on that side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WindowFrame {
    /// ROWS (`rowsBetween`) when true, RANGE (`rangeBetween`) when false.
    pub rows: bool,
    #[serde(default)]
    pub lower: Option<i64>,
    #[serde(default)]
    pub upper: Option<i64>,
}

/// A Python UDF and its arguments (PySpark's `UserDefinedFunction.__call__`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PythonUdf {
    /// The function's name: `plus_one`, `<lambda>`, or the name given to `spark.udf.register`.
    pub name: String,
    /// Base64 of the cloudpickled `(func, returnType)`.
    pub command: String,
    /// The declared return type, as a Spark DDL string (`int`, `array<string>`).
    pub return_type: String,
    /// PySpark's `PythonEvalType`: 100 is `SQL_BATCHED_UDF`.
    #[serde(default = "batched_udf")]
    pub eval_type: i32,
    /// The client's `major.minor` Python version, which a Spark worker checks.
    pub python_ver: String,
    #[serde(default = "default_true")]
    pub deterministic: bool,
    #[serde(default)]
    pub arguments: Vec<Expression>,
    /// Per argument, the parameter it names (`f(b => col)`, Spark's
    /// `NamedArgumentExpression`), or empty; no entries when all are positional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub argument_names: Vec<String>,
}

fn batched_udf() -> i32 {
    100
}

/// A sort key: expression, direction and null placement (Spark's `SortOrder`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SortOrder {
    pub child: Expression,
    #[serde(default = "default_true")]
    pub ascending: bool,
    /// `None` means Spark's default: NULLS FIRST when ascending, NULLS LAST when descending.
    #[serde(default)]
    pub nulls_first: Option<bool>,
}

fn default_true() -> bool {
    true
}

/// A literal with its Spark type name (`long`, `integer`, `double`, `string`, ...).
/// Values that JSON cannot hold exactly (dates, decimals, NaN) travel as strings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Literal {
    pub data_type: String,
    #[serde(default)]
    pub value: serde_json::Value,
}
