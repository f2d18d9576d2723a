//! Spark's string functions with rules of their own: lengths of bytes, Java's format
//! strings, `levenshtein`'s threshold, and the defaults Spark writes into calls.
use datafusion::arrow::datatypes::DataType;
use datafusion::common::ScalarValue;
use datafusion::logical_expr::{when, Expr, ExprSchemable};

use super::{function, Call, Default, Function};
use crate::engine::local::error::{EngineError, Result};

/// The positions of a variadic function's arguments (as many as a call may have).
const EVERY_ARGUMENT: [usize; 256] = {
    let mut positions = [0; 256];
    let mut i = 0;
    while i < positions.len() {
        positions[i] = i;
        i += 1;
    }
    positions
};

pub const FUNCTIONS: &[Function] = &[
    // Text functions of Spark's `ImplicitCastInputTypes`: a number, boolean, date or
    // timestamp argument is read as text.
    function(&["upper"]).strings(&[0]),
    function(&["ucase"]).strings(&[0]),
    function(&["lower"]).strings(&[0]),
    function(&["lcase"]).strings(&[0]),
    function(&["trim"]).strings(&[0, 1]),
    function(&["ltrim"]).strings(&[0, 1]),
    function(&["rtrim"]).strings(&[0, 1]),
    function(&["btrim"]).strings(&[0, 1]),
    function(&["octet_length"]).strings(&[0]),
    function(&["bit_length"]).strings(&[0]),
    function(&["url_encode"]).strings(&[0]),
    function(&["url_decode"]).strings(&[0]),
    function(&["try_url_decode"]).strings(&[0]),
    function(&["validate_utf8"]).strings(&[0]),
    function(&["try_validate_utf8"]).strings(&[0]),
    function(&["unbase64"]).strings(&[0]),
    function(&["unhex"]).strings(&[0]),
    function(&["repeat"]).strings(&[0]),
    function(&["encode"]).strings(&[0]),
    function(&["reverse"]).strings(&[0]),
    function(&["length", "len", "char_length"]).build(length),
    function(&["character_length"]).build(length).display("character_length({})"),
    function(&["space"]).ints(&[0]),
    function(&["chr"]).bigints(&[0]).display("chr({})"),
    function(&["char"]).bigints(&[0]),
    // Their numbers, booleans, dates and timestamps are read as Spark's text, which the
    // column name does not show (`concat_ws(,, d)`).
    function(&["concat"]).strings(&EVERY_ARGUMENT).build(concat).display("concat({})"),
    function(&["concat_ws"]).strings(&EVERY_ARGUMENT).build(concat),
    function(&["levenshtein"]).strings(&[0, 1]).build(levenshtein).display("levenshtein({})"),
    function(&["format_string"]).build(format_string).display("format_string({})"),
    function(&["printf"]).build(format_string).display("printf({})"),
    function(&["to_char"]).build(to_char).display("to_char({})"),
    function(&["to_varchar"]).build(to_char).display("to_varchar({})"),
    function(&["startswith"]).strings(&[0, 1]).build(scalar),
    function(&["endswith"]).strings(&[0, 1]).build(scalar),
    function(&["contains"]).strings(&[0, 1]).build(scalar),
    function(&["split"]).defaults(&[(2, Default::Int(-1))]),
    function(&["mask"]).defaults(&[(1, Default::Text("X")), (2, Default::Text("x")), (3, Default::Text("n")), (4, Default::Null)]),
    function(&["regexp_extract_all"]).defaults(&[(2, Default::Int(1))]),
    function(&["regexp_replace"]).defaults(&[(3, Default::Int(1))]),
    function(&["regexp_instr"]).defaults(&[(2, Default::Int(0))]),
    function(&["overlay"]).defaults(&[(3, Default::Int(-1))]),
    function(&["replace"]).strings(&[0, 1, 2]).defaults(&[(2, Default::Text(""))]),
    function(&["locate"]).defaults(&[(2, Default::Int(1))]),
    function(&["position"]).defaults(&[(2, Default::Int(1))]),
    function(&["substr"]).strings(&[0]).defaults(&[(2, Default::Int(i32::MAX))]),
    function(&["substring"]).strings(&[0]).defaults(&[(2, Default::Int(i32::MAX))]),
    // `instr(s, t)` keeps two arguments (`registry::default_arguments`).
    function(&["instr"]).defaults(&[(3, Default::Int(1))]),
    function(&["sentences"]).defaults(&[(1, Default::Text("")), (2, Default::Text(""))]),
];

/// Spark's Length: characters of text, bytes of binary.
fn length(call: Call) -> Result<Expr> {
    if call.arguments.len() != 1 || !crate::engine::local::types::is_binary(&call.type_of(&call.arguments[0])?) {
        return call.engine();
    }
    // SQL's rule counts the bytes (`sql::spark_rules`).
    let name = call.name.clone();
    call.scalar_by_spark_rules(&name)
}

/// concat's and concat_ws's casts to string and their arrays follow the SQL path's rules.
fn concat(call: Call) -> Result<Expr> {
    let name = call.name.clone();
    call.scalar_by_spark_rules(&name)
}

/// Spark's `levenshtein(l, r, threshold)`: -1 when the distance is above the threshold.
fn levenshtein(mut call: Call) -> Result<Expr> {
    if call.arguments.len() != 3 {
        return call.engine();
    }
    let threshold = call.arguments.pop().ok_or_else(|| EngineError::internal("levenshtein without a threshold"))?;
    let distance = call.scalar("levenshtein", call.arguments.clone())?;
    let above = distance.clone().cast_to(&DataType::Int64, call.schema)?.gt(threshold.cast_to(&DataType::Int64, call.schema)?);
    Ok(when(above, Expr::Literal(ScalarValue::Int32(Some(-1)), None)).otherwise(distance)?)
}

/// Java's Formatter rounding (see `sql::spark_rules`).
fn format_string(call: Call) -> Result<Expr> {
    if call.arguments.is_empty() {
        return call.engine();
    }
    let name = call.name.clone();
    call.scalar_by_spark_rules(&name)
}

/// Spark's to_char/to_varchar: date_format for datetimes, a number format for numbers
/// (see `sql::spark_rules`).
fn to_char(call: Call) -> Result<Expr> {
    if call.arguments.len() != 2 {
        return call.engine();
    }
    call.scalar_by_spark_rules("to_char")
}

/// Spark's StartsWith/EndsWith/Contains, of strings or bytes (`udfs::replaceable`).
fn scalar(call: Call) -> Result<Expr> {
    call.scalar(&call.name, call.arguments.clone())
}

/// The `%f` conversions of a Java format string: (the argument they format, counted from
/// 0, and their precision, 6 by default). Empty when an argument is chosen by index
/// (`%1$f`), which this does not follow.
pub fn fixed_point_conversions(format: &str) -> Vec<(usize, i32)> {
    let mut conversions = Vec::new();
    let mut argument = 0;
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            continue;
        }
        let mut spec = String::new();
        while let Some(&next) = chars.peek() {
            chars.next();
            if next.is_ascii_alphabetic() || next == '%' {
                spec.push(next);
                break;
            }
            spec.push(next);
        }
        let Some(conversion) = spec.chars().last() else { break };
        if matches!(conversion, '%' | 'n') {
            continue;
        }
        if spec.contains('$') || spec.contains('<') {
            return Vec::new();
        }
        if conversion == 'f' {
            let places = spec.split_once('.').and_then(|(_, p)| p.trim_end_matches('f').parse().ok()).unwrap_or(6);
            conversions.push((argument, places));
        }
        argument += 1;
    }
    conversions
}

#[cfg(test)]
mod tests {
    use super::fixed_point_conversions;

    #[test]
    fn fixed_point_conversions_follow_the_arguments() {
        assert_eq!(fixed_point_conversions("%.2f and %s %5.1f%% %f"), vec![(0, 2), (2, 1), (3, 6)]);
        assert_eq!(fixed_point_conversions("%d %-8.3f"), vec![(1, 3)]);
        assert!(fixed_point_conversions("%1$.2f").is_empty());
    }
}
