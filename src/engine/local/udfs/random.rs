//! Spark's seeded random functions: `rand`/`random`, `randn`, `uniform`, `randstr` and
//! `uuid` (Spark's `Rand`, `Randn`, `Uniform`, `RandStr`, `Uuid`). Values come from
//! Spark's `XORShiftRandom`: a xorshift generator whose seed is spread by Murmur3, drawn
//! through `java.util.Random`'s `nextDouble`, `nextGaussian` and `nextInt`; `uuid` draws
//! from Commons Math's `MersenneTwister`, as Spark's `RandomUUIDGenerator` does.
//!
//! Spark seeds a generator per partition with `seed + partitionIndex`. When the resolver
//! knows the rows' Spark partitions it passes them as a last argument (the hidden
//! partition column, see `resolver::partitioning`) and each partition draws from its own
//! generator, in its rows' order; without it one stream is drawn from `seed`, which is
//! Spark's sequence for an input of one partition.
use std::sync::{Arc, Mutex};

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Float64Array, StringArray};
use datafusion::arrow::datatypes::{DataType, Float64Type, Int64Type};
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::simplify::{ExprSimplifyResult, SimplifyContext};
use datafusion::logical_expr::{ColumnarValue, Expr, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, TypeSignature, Volatility};
use datafusion::prelude::SessionContext;

/// Spark's `XORShiftRandom`, with the `java.util.Random` draws Spark's functions use.
#[derive(Debug)]
pub struct XorShiftRandom {
    state: i64,
    next_gaussian: Option<f64>,
}

impl XorShiftRandom {
    /// A generator for `seed`, spread as Spark's `XORShiftRandom.hashSeed` does: the
    /// seed's big-endian bytes hashed by Murmur3 (x86, 32 bits) twice.
    pub fn new(seed: i64) -> Self {
        const ARRAY_SEED: i32 = 0x3c07_4a61;
        let bytes = seed.to_be_bytes();
        let low = super::hash::hash_bytes(&bytes, ARRAY_SEED);
        let high = super::hash::hash_bytes(&bytes, low);
        XorShiftRandom { state: (i64::from(high) << 32) | (i64::from(low) & 0xFFFF_FFFF), next_gaussian: None }
    }

    /// `Random.next(bits)`: the low `bits` bits of the next state.
    fn next(&mut self, bits: u32) -> i32 {
        let mut next = self.state ^ (self.state << 21);
        next ^= ((next as u64) >> 35) as i64;
        next ^= next << 4;
        self.state = next;
        (next & ((1i64 << bits) - 1)) as i32
    }

    /// `Random.nextInt()`.
    fn next_int(&mut self) -> i32 {
        self.next(32)
    }

    /// `Random.nextInt(bound)`: uniform in [0, bound), by Java's rejection rule.
    pub fn next_int_below(&mut self, bound: i32) -> i32 {
        let bound = bound.max(1);
        let mut r = self.next(31);
        let m = bound - 1;
        if bound & m == 0 {
            return ((i64::from(bound) * i64::from(r)) >> 31) as i32;
        }
        let mut u = r;
        loop {
            r = u % bound;
            if u.wrapping_sub(r).wrapping_add(m) >= 0 {
                return r;
            }
            u = self.next(31);
        }
    }

    /// `Random.nextDouble()`: 53 random bits in [0, 1).
    pub fn next_double(&mut self) -> f64 {
        let high = i64::from(self.next(26)) << 27;
        let low = i64::from(self.next(27));
        (high + low) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// `Random.nextGaussian()`: Marsaglia's polar method, the second value of each pair
    /// kept for the next call; the logarithm is fdlibm's, as Java's `StrictMath`.
    pub fn next_gaussian(&mut self) -> f64 {
        if let Some(value) = self.next_gaussian.take() {
            return value;
        }
        loop {
            let v1 = 2.0 * self.next_double() - 1.0;
            let v2 = 2.0 * self.next_double() - 1.0;
            let s = v1 * v1 + v2 * v2;
            if s < 1.0 && s != 0.0 {
                let multiplier = (-2.0 * libm::log(s) / s).sqrt();
                self.next_gaussian = Some(v2 * multiplier);
                return v1 * multiplier;
            }
        }
    }
}

/// Registers the functions under their Spark names; each call becomes, when a query is
/// planned, a function with a generator of its own (`Seeded`).
pub fn register(context: &SessionContext) {
    for name in ["rand", "random", "randn", "uniform", "randstr", "uuid"] {
        context.register_udf(ScalarUDF::from(RandomFunction { name, signature: any_arity() }));
    }
}

/// No arguments or any: the seed is the last argument, and may be absent.
fn any_arity() -> Signature {
    Signature::one_of(vec![TypeSignature::Nullary, TypeSignature::VariadicAny], Volatility::Volatile)
}

/// A random seed for a call written without one (Spark picks one when it analyses the call
/// and shows it in the column's name).
pub fn fresh_seed() -> i64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0));
    hasher.finish() as i64
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct RandomFunction {
    name: &'static str,
    signature: Signature,
}

/// Where the seed is among a function's arguments.
fn seed_position(name: &str) -> usize {
    match name {
        "uniform" => 2,
        "randstr" => 1,
        _ => 0,
    }
}

/// The result type of `uniform(min, max)`: integral when both bounds are, else double.
fn uniform_type(min: &DataType, max: &DataType) -> DataType {
    match (min, max) {
        (a, b) if a.is_integer() && b.is_integer() => {
            if matches!(a, DataType::Int64) || matches!(b, DataType::Int64) {
                DataType::Int64
            } else {
                DataType::Int32
            }
        }
        _ => DataType::Float64,
    }
}

impl ScalarUDFImpl for RandomFunction {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        Ok(match self.name {
            "uniform" if arg_types.len() >= 2 => uniform_type(&arg_types[0], &arg_types[1]),
            "randstr" | "uuid" => DataType::Utf8,
            _ => DataType::Float64,
        })
    }

    /// Each call gets its own generator, seeded from its literal seed (or a fresh one).
    fn simplify(&self, args: Vec<Expr>, info: &SimplifyContext) -> Result<ExprSimplifyResult> {
        let position = seed_position(self.name);
        let seed = match args.get(position) {
            None => fresh_seed(),
            Some(Expr::Literal(value, _)) if value.data_type().is_integer() => match value.cast_to(&DataType::Int64)? {
                ScalarValue::Int64(Some(seed)) => seed,
                _ => 0,
            },
            Some(Expr::Literal(ScalarValue::Null, _)) => 0,
            Some(_) => {
                return Err(DataFusionError::External(Box::new(crate::engine::local::error::EngineError::analysis(
                    "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
                    format!("Cannot resolve \"{}\" due to data type mismatch: the input seed should be a foldable \"INT\" or \"BIGINT\" expression.", self.name),
                    &[("inputName", "`seed`".to_string())],
                ))));
            }
        };
        let partition = match args.last() {
            Some(Expr::Column(column)) if args.len() > position + 1 && column.name == PARTITION_COLUMN => Some(Expr::Column(column.clone())),
            _ => None,
        };
        let partitioned = partition.is_some();
        let mut inputs: Vec<Expr> = args.into_iter().take(position).collect();
        inputs.extend(partition);
        let result = match self.name {
            "uniform" if inputs.len() == 2 => uniform_type(&info.get_data_type(&inputs[0])?, &info.get_data_type(&inputs[1])?),
            "randstr" | "uuid" => DataType::Utf8,
            _ => DataType::Float64,
        };
        let seeded = Seeded { name: self.name, seed, result, partitioned, generators: Arc::new(Mutex::new(Default::default())), signature: any_arity() };
        Ok(ExprSimplifyResult::Simplified(ScalarUDF::from(seeded).call(inputs)))
    }

    fn invoke_with_args(&self, _args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        Err(DataFusionError::Internal(format!("{} runs after the simplifier gives it a generator", self.name)))
    }
}

/// The name of the hidden column of the rows' Spark partitions.
pub const PARTITION_COLUMN: &str = "__ember_partition";

/// The generators of one call, by Spark partition.
#[derive(Debug, Default)]
struct Generators {
    xorshift: std::collections::HashMap<i32, XorShiftRandom>,
    /// `uuid`'s: Commons Math's `MersenneTwister(seed)`, keyed by the seed's high and low
    /// 32 bits.
    twister: std::collections::HashMap<i32, rand_mt::Mt>,
}

/// A random function with its generators, drawn from batch after batch of one query.
#[derive(Debug)]
struct Seeded {
    name: &'static str,
    seed: i64,
    result: DataType,
    /// Whether the last argument is the rows' Spark partition.
    partitioned: bool,
    generators: Arc<Mutex<Generators>>,
    signature: Signature,
}

/// Commons Math's `nextLong()`: two 32-bit draws, high then low.
fn next_long(twister: &mut rand_mt::Mt) -> u64 {
    let high = u64::from(twister.next_u32());
    (high << 32) | u64::from(twister.next_u32())
}

/// Spark's `RandomUUIDGenerator.getNextUUID`: a version 4, IETF variant UUID of two longs.
fn next_uuid(twister: &mut rand_mt::Mt) -> String {
    let most = (next_long(twister) & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000;
    let least = (next_long(twister) | 0x8000_0000_0000_0000) & 0xBFFF_FFFF_FFFF_FFFF;
    format!("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", most >> 32, (most >> 16) & 0xFFFF, most & 0xFFFF, least >> 48, least & 0xFFFF_FFFF_FFFF)
}

impl PartialEq for Seeded {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.generators, &other.generators)
    }
}

impl Eq for Seeded {}

impl std::hash::Hash for Seeded {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (Arc::as_ptr(&self.generators) as usize).hash(state);
    }
}

/// Spark's `randstr` alphabet: digits, then lower-case, then upper-case letters.
const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

impl ScalarUDFImpl for Seeded {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(self.result.clone())
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = args.number_rows;
        // Every argument at the batch's length (all of them may be literals).
        let mut arrays = args.args.iter().map(|a| a.to_array(rows)).collect::<Result<Vec<ArrayRef>>>()?;
        let partitions: Vec<i32> = match self.partitioned.then(|| arrays.pop()).flatten() {
            Some(column) => {
                let column = datafusion::arrow::compute::cast(&column, &DataType::Int32)?;
                let column = column.as_primitive::<datafusion::arrow::datatypes::Int32Type>();
                (0..rows).map(|row| if column.is_null(row) { 0 } else { column.value(row) }).collect()
            }
            None => vec![0; rows],
        };
        let mut guard = self.generators.lock().map_err(|_| DataFusionError::Internal("random generator poisoned".into()))?;
        let generators = &mut *guard;
        if self.name == "uuid" {
            let values: StringArray = partitions
                .iter()
                .map(|partition| {
                    let seed = self.seed.wrapping_add(i64::from(*partition)) as u64;
                    let twister = generators.twister.entry(*partition).or_insert_with(|| rand_mt::Mt::new_with_key([(seed >> 32) as u32, seed as u32]));
                    Some(next_uuid(twister))
                })
                .collect();
            return Ok(ColumnarValue::Array(Arc::new(values)));
        }
        let seed = self.seed;
        let xorshift = &mut generators.xorshift;
        fn pick<'g>(xorshift: &'g mut std::collections::HashMap<i32, XorShiftRandom>, seed: i64, partition: i32) -> &'g mut XorShiftRandom {
            xorshift.entry(partition).or_insert_with(|| XorShiftRandom::new(seed.wrapping_add(i64::from(partition))))
        }
        macro_rules! generator {
            ($row:expr) => {
                pick(xorshift, seed, partitions[$row])
            };
        }
        let result: ArrayRef = match self.name {
            "randn" => Arc::new((0..rows).map(|row| Some(generator!(row).next_gaussian())).collect::<Float64Array>()),
            "uniform" => {
                let bound = |i: usize| datafusion::arrow::compute::cast(&arrays[i], &DataType::Float64);
                let (min, max) = (bound(0)?, bound(1)?);
                let (min, max) = (min.as_primitive::<Float64Type>(), max.as_primitive::<Float64Type>());
                let values: Float64Array = (0..rows)
                    .map(|row| {
                        let draw = generator!(row).next_double();
                        (!min.is_null(row) && !max.is_null(row)).then(|| min.value(row) + (max.value(row) - min.value(row)) * draw)
                    })
                    .collect();
                datafusion::arrow::compute::cast(&values, &self.result)?
            }
            "randstr" => {
                let lengths = datafusion::arrow::compute::cast(&arrays[0], &DataType::Int64)?;
                let lengths = lengths.as_primitive::<Int64Type>();
                let mut values = Vec::with_capacity(rows);
                for row in 0..rows {
                    let length = if lengths.is_null(row) { 0 } else { lengths.value(row) };
                    if length < 0 {
                        return Err(DataFusionError::External(Box::new(crate::engine::local::error::EngineError::spark(
                            crate::engine::local::error::ErrorClass::Runtime,
                            "INVALID_PARAMETER_VALUE.LENGTH",
                            format!("The value of parameter(s) `length` in `randstr` is invalid: Expects `length` greater than or equal to 0, but got {length}."),
                            &[("functionName", "`randstr`".to_string())],
                        ))));
                    }
                    let generator = generator!(row);
                    let text: String = (0..length).map(|_| ALPHABET[(generator.next_int().unsigned_abs() % 62) as usize] as char).collect();
                    values.push(Some(text));
                }
                Arc::new(StringArray::from(values))
            }
            _ => Arc::new((0..rows).map(|row| Some(generator!(row).next_double())).collect::<Float64Array>()),
        };
        Ok(ColumnarValue::Array(result))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_follow_sparks_generator() {
        // Spark: spark.range(0, 2, 1, 1).select(rand(42)) and randn(42).
        let mut uniform = XorShiftRandom::new(42);
        assert_eq!(uniform.next_double(), 0.619189370225301);
        assert_eq!(uniform.next_double(), 0.5096018842446481);
        let mut normal = XorShiftRandom::new(42);
        assert_eq!(normal.next_gaussian(), 2.384479054241165);
        assert_eq!(normal.next_gaussian(), 0.1920934041293524);
    }
}
