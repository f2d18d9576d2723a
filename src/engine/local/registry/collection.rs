//! Spark's array, map and struct constructors and functions with rules of their own.
use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType, Field};
use datafusion::common::ScalarValue;
use datafusion::logical_expr::{Cast, Expr};

use super::{function, Call, Default, Function};
use crate::engine::local::error::Result;

pub const FUNCTIONS: &[Function] = &[
    // Spark writes the default order into the call (`sort_array(a, true)`).
    function(&["sort_array"]).defaults(&[(1, Default::Bool(true))]),
    function(&["struct"]).build(spark_struct),
    function(&["create_map", "map"]).build(map),
    function(&["arrays_zip"]).build(arrays_zip),
    function(&["array_repeat"]).build(array_repeat).display("array_repeat({})"),
    function(&["str_to_map"]).defaults(&[(1, Default::Text(",")), (2, Default::Text(":"))]),
];

/// Spark's `struct(...)` (`CreateStruct`): a field per argument, named after a column or
/// an alias, else `col1`, `col2`, ... by position.
pub fn struct_of(arguments: Vec<Expr>) -> Expr {
    let mut named = Vec::with_capacity(arguments.len() * 2);
    for (index, argument) in arguments.into_iter().enumerate() {
        let name = match &argument {
            Expr::Column(column) => column.name.clone(),
            Expr::Alias(alias) => alias.name.clone(),
            _ => format!("col{}", index + 1),
        };
        named.push(Expr::Literal(ScalarValue::Utf8(Some(name)), None));
        named.push(argument.unalias());
    }
    crate::engine::local::udfs::constructors::named_struct().call(named)
}

fn spark_struct(call: Call) -> Result<Expr> {
    Ok(struct_of(call.arguments))
}

/// Spark's `map(k1, v1, ...)` (`create_map` in Python): the engine's map of a key list and
/// a value list, named by its pairs (`naming`).
fn map(call: Call) -> Result<Expr> {
    if call.arguments.len() % 2 != 0 {
        return call.engine();
    }
    let (keys, values): (Vec<(usize, Expr)>, Vec<(usize, Expr)>) = call.arguments.clone().into_iter().enumerate().partition(|(i, _)| i % 2 == 0);
    let list = |items: Vec<(usize, Expr)>| crate::engine::local::udfs::constructors::make_array_udf().call(items.into_iter().map(|(_, e)| e).collect());
    if crate::engine::local::udfs::collection::last_win() && keys.len() > 1 {
        // Under LAST_WIN each pair is its own map and map_concat keeps the later value of
        // a repeated key; the column keeps the name of the map call.
        let name = crate::engine::local::naming::spark_name(&call.scalar("map", vec![list(keys.clone()), list(values.clone())])?);
        let pairs = keys.into_iter().zip(values).map(|(k, v)| call.scalar("map", vec![list(vec![k]), list(vec![v])])).collect::<Result<Vec<_>>>()?;
        return Ok(crate::engine::local::udfs::spark_named::spark_named(call.scalar("map_concat", pairs)?, name));
    }
    Ok(crate::engine::local::udfs::constructors::map_udf().call(vec![list(keys), list(values)]))
}

fn arrays_zip(call: Call) -> Result<Expr> {
    Ok(crate::engine::local::udfs::collection::arrays_zip(call.arguments))
}

/// DataFusion's array_repeat builds its nested list with the default element field
/// (`item`): an array argument is given that field first, or the kernel refuses its own
/// result (Spark's ArrayRepeat repeats any value).
fn array_repeat(mut call: Call) -> Result<Expr> {
    if call.arguments.len() != 2 {
        return call.engine();
    }
    if let Ok(DataType::List(field)) = call.type_of(&call.arguments[0]) {
        if field.name() != "item" {
            let plain = DataType::List(Arc::new(Field::new_list_field(field.data_type().clone(), true)));
            call.arguments[0] = Expr::Cast(Cast::new(Box::new(call.arguments[0].clone()), plain));
        }
    }
    call.scalar("array_repeat", call.arguments.clone())
}
