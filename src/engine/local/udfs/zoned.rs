//! DataFusion's field and truncation kernels (`date_part`, `date_trunc`) read in Spark's
//! session time zone: Spark splits a TIMESTAMP into fields, and truncates it, as the
//! wall-clock time of the session zone (`DateTimeUtils.getLocalDateTime`), while the
//! kernels read an instant's UTC fields. Each kernel is registered again under its own
//! name, turning instants into wall-clock times before it runs (and a truncated
//! wall-clock time back into an instant after) when the optimizer simplifies the call.
use std::sync::Arc;

use datafusion::arrow::array::{Array, TimestampMicrosecondArray};
use datafusion::arrow::datatypes::{DataType, FieldRef, TimeUnit};
use datafusion::error::Result;
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::simplify::{ExprSimplifyResult, SimplifyContext};
use datafusion::logical_expr::expr::ScalarFunction;
use datafusion::logical_expr::{ColumnarValue, Expr, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature};

use super::time_zones::micros;
use crate::engine::local::cast::{local_time, zone_instant};
use datafusion::prelude::SessionContext;

/// (the kernel, whether it returns the timestamp it truncates).
const KERNELS: &[(&str, bool)] = &[("date_part", false), ("date_trunc", true), ("hour", false), ("minute", false), ("second", false)];

/// Registers the zone-reading form of each kernel over the kernel itself.
pub fn register(context: &SessionContext) {
    for (name, truncates) in KERNELS {
        if let Ok(inner) = context.udf(name) {
            context.register_udf(ScalarUDF::from(Zoned { inner, truncates: *truncates }));
        }
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct Zoned {
    inner: Arc<ScalarUDF>,
    truncates: bool,
}

impl ScalarUDFImpl for Zoned {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn signature(&self) -> &Signature {
        self.inner.signature()
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        self.inner.return_type(arg_types)
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        self.inner.return_field_from_args(args)
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        self.inner.coerce_types(arg_types)
    }

    /// An instant argument is read as the session zone's wall-clock time (the
    /// `local_time` step, which reads the zone when the plan runs); a truncated time is
    /// read back as an instant (`zone_instant`).
    fn simplify(&self, args: Vec<Expr>, info: &SimplifyContext) -> Result<ExprSimplifyResult> {
        let instant_at = args.iter().position(|a| matches!(info.get_data_type(a), Ok(DataType::Timestamp(_, Some(_)))));
        let Some(at) = instant_at else {
            return self.inner.simplify(args, info);
        };
        let mut args = args;
        args[at] = local_time(args[at].clone());
        let call = Expr::ScalarFunction(ScalarFunction::new_udf(self.inner.clone(), args));
        Ok(ExprSimplifyResult::Simplified(if self.truncates { zone_instant(call) } else { call }))
    }

    /// When the simplifier folds a constant call it invokes the kernel before
    /// `simplify` runs, so the same reading is done here on the values.
    fn invoke_with_args(&self, mut args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let instant_at = args.arg_fields.iter().position(|f| matches!(f.data_type(), DataType::Timestamp(_, Some(_))));
        let Some(at) = instant_at else {
            return self.inner.invoke_with_args(args);
        };
        let zone = crate::spark::session_zone::current();
        let instant_type = args.arg_fields[at].data_type().clone();
        let scalar = args.args.iter().all(|a| matches!(a, ColumnarValue::Scalar(_)));
        let array = args.args[at].to_array(args.number_rows)?;
        let wall: TimestampMicrosecondArray = micros(array.as_ref())?.into_iter().map(|m| m.map(|m| zone.to_local(m))).collect();
        let wall_type = DataType::Timestamp(TimeUnit::Microsecond, None);
        args.args[at] = ColumnarValue::Array(Arc::new(wall));
        args.arg_fields[at] = Arc::new(args.arg_fields[at].as_ref().clone().with_data_type(wall_type.clone()));
        if self.truncates {
            args.return_field = Arc::new(args.return_field.as_ref().clone().with_data_type(wall_type));
        }
        let result = self.inner.invoke_with_args(args)?;
        let result = if self.truncates {
            let truncated = result.to_array(1)?;
            let instants: TimestampMicrosecondArray = micros(truncated.as_ref())?.into_iter().map(|m| m.map(|m| zone.to_instant(m))).collect();
            ColumnarValue::Array(datafusion::arrow::compute::cast(&instants.with_timezone("UTC"), &instant_type)?)
        } else {
            result
        };
        Ok(match result {
            ColumnarValue::Array(array) if scalar && array.len() == 1 => ColumnarValue::Scalar(datafusion::common::ScalarValue::try_from_array(&array, 0)?),
            other => other,
        })
    }
}

