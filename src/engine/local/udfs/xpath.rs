//! Spark's XPath functions (`xpath`, `xpath_string`, `xpath_boolean`, `xpath_double`,
//! `xpath_number`, `xpath_float`, `xpath_int`, `xpath_long`, `xpath_short`; Hive's
//! `UDFXPathUtil` under Spark's `XPathExtract` expressions): an XPath 1.0 expression
//! evaluated from the root of each row's XML document. An empty or NULL document gives
//! NULL; numbers convert as Java's `Double.intValue()` and its kin do (NaN is 0).
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, BooleanBuilder, Float32Builder, Float64Builder, Int16Builder, Int32Builder, Int64Builder, ListBuilder, StringBuilder};
use datafusion::arrow::datatypes::{DataType, Field};
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};
use datafusion::prelude::SessionContext;
use sxd_xpath::nodeset::Node;
use sxd_xpath::{Context, Factory, Value, XPath};

use crate::engine::local::error::{EngineError, ErrorClass};

const NAMES: [&str; 9] = ["xpath", "xpath_string", "xpath_boolean", "xpath_double", "xpath_number", "xpath_float", "xpath_int", "xpath_long", "xpath_short"];

/// Registers the XPath functions under their Spark names.
pub fn register(context: &SessionContext) {
    for name in NAMES {
        context.register_udf(ScalarUDF::from(XPathFunction { name, signature: Signature::any(2, Volatility::Immutable) }));
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct XPathFunction {
    name: &'static str,
    signature: Signature,
}

fn runtime(message: String) -> DataFusionError {
    DataFusionError::External(Box::new(EngineError::spark(ErrorClass::Runtime, "", message, &[])))
}

/// One row's result, before it goes into the column of the function's type.
enum Outcome {
    Texts(Vec<Option<String>>),
    Text(String),
    Flag(bool),
    Number(f64),
}

/// Java's `(int)` / `(long)` of a double: NaN is 0, out-of-range values saturate.
fn java_integral(value: f64) -> i64 {
    if value.is_nan() {
        0
    } else {
        value as i64
    }
}

/// What Java's DOM `getNodeValue()` gives for a node that XPath selected: the text of a
/// text node, an attribute's value, a comment's or processing instruction's content, and
/// NULL for elements and the document.
fn node_value(node: Node<'_>) -> Option<String> {
    match node {
        Node::Text(text) => Some(text.text().to_string()),
        Node::Attribute(attribute) => Some(attribute.value().to_string()),
        Node::Comment(comment) => Some(comment.text().to_string()),
        Node::ProcessingInstruction(instruction) => Some(instruction.value().unwrap_or("").to_string()),
        Node::Root(_) | Node::Element(_) | Node::Namespace(_) => None,
    }
}

impl XPathFunction {
    /// Evaluates a compiled path over one document.
    fn evaluate(&self, document: &str, path: &XPath, path_text: &str) -> Result<Outcome> {
        let package = sxd_document::parser::parse(document).map_err(|_| runtime(format!("Error loading expression '{path_text}'")))?;
        let document = package.as_document();
        let context = Context::new();
        let value = path.evaluate(&context, document.root()).map_err(|e| runtime(format!("Error loading expression '{path_text}': {e}")))?;
        Ok(match self.name {
            "xpath" => match value {
                Value::Nodeset(nodes) => Outcome::Texts(nodes.document_order().into_iter().map(node_value).collect()),
                _ => return Err(runtime(format!("Error loading expression '{path_text}': the expression does not give a node set"))),
            },
            "xpath_string" => Outcome::Text(value.string()),
            "xpath_boolean" => Outcome::Flag(value.boolean()),
            _ => Outcome::Number(value.number()),
        })
    }
}

impl ScalarUDFImpl for XPathFunction {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _: &[DataType]) -> Result<DataType> {
        Ok(match self.name {
            "xpath" => DataType::new_list(DataType::Utf8, true),
            "xpath_string" => DataType::Utf8,
            "xpath_boolean" => DataType::Boolean,
            "xpath_float" => DataType::Float32,
            "xpath_int" => DataType::Int32,
            "xpath_long" => DataType::Int64,
            "xpath_short" => DataType::Int16,
            _ => DataType::Float64,
        })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = args.number_rows;
        let scalar = args.args.iter().all(|a| matches!(a, ColumnarValue::Scalar(_)));
        let arrays = args.args.iter().map(|a| a.to_array(rows)).collect::<Result<Vec<_>>>()?;
        let documents = datafusion::arrow::compute::cast(&arrays[0], &DataType::Utf8)?;
        let documents = documents.as_string::<i32>();
        let paths = datafusion::arrow::compute::cast(&arrays[1], &DataType::Utf8)?;
        let paths = paths.as_string::<i32>();
        let factory = Factory::new();
        let mut compiled: Option<(String, XPath)> = None;
        let mut outcomes = Vec::with_capacity(rows);
        for row in 0..rows {
            if documents.is_null(row) || paths.is_null(row) || documents.value(row).is_empty() {
                outcomes.push(None);
                continue;
            }
            let text = paths.value(row);
            if compiled.as_ref().is_none_or(|(t, _)| t != text) {
                let path = match factory.build(text) {
                    Ok(Some(path)) => path,
                    _ => return Err(runtime(format!("Invalid XPath '{text}'"))),
                };
                compiled = Some((text.to_string(), path));
            }
            let (_, path) = compiled.as_ref().expect("compiled above");
            outcomes.push(Some(self.evaluate(documents.value(row), path, text)?));
        }
        let result = self.column(outcomes);
        if scalar {
            return Ok(ColumnarValue::Scalar(datafusion::common::ScalarValue::try_from_array(&result, 0)?));
        }
        Ok(ColumnarValue::Array(result))
    }
}

impl XPathFunction {
    /// The rows' outcomes as a column of the function's type.
    fn column(&self, outcomes: Vec<Option<Outcome>>) -> ArrayRef {
        macro_rules! numbers {
            ($builder:ty, $convert:expr) => {{
                let mut out = <$builder>::new();
                for outcome in outcomes {
                    match outcome {
                        Some(Outcome::Number(v)) => out.append_value($convert(v)),
                        _ => out.append_null(),
                    }
                }
                Arc::new(out.finish()) as ArrayRef
            }};
        }
        match self.name {
            "xpath" => {
                let mut out = ListBuilder::new(StringBuilder::new()).with_field(Arc::new(Field::new_list_field(DataType::Utf8, true)));
                for outcome in outcomes {
                    match outcome {
                        Some(Outcome::Texts(texts)) => {
                            for text in texts {
                                out.values().append_option(text);
                            }
                            out.append(true);
                        }
                        _ => out.append(false),
                    }
                }
                Arc::new(out.finish())
            }
            "xpath_string" => {
                let mut out = StringBuilder::new();
                for outcome in outcomes {
                    match outcome {
                        Some(Outcome::Text(text)) => out.append_value(text),
                        _ => out.append_null(),
                    }
                }
                Arc::new(out.finish())
            }
            "xpath_boolean" => {
                let mut out = BooleanBuilder::new();
                for outcome in outcomes {
                    match outcome {
                        Some(Outcome::Flag(flag)) => out.append_value(flag),
                        _ => out.append_null(),
                    }
                }
                Arc::new(out.finish())
            }
            "xpath_float" => numbers!(Float32Builder, |v: f64| v as f32),
            "xpath_int" => numbers!(Int32Builder, |v: f64| java_integral(v).clamp(i32::MIN as i64, i32::MAX as i64) as i32),
            "xpath_long" => numbers!(Int64Builder, java_integral),
            // Java's `Double.shortValue()`: through an int, then its low 16 bits.
            "xpath_short" => numbers!(Int16Builder, |v: f64| java_integral(v).clamp(i32::MIN as i64, i32::MAX as i64) as i32 as i16),
            _ => numbers!(Float64Builder, |v: f64| v),
        }
    }
}
