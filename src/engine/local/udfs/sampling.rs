//! The row samplers of Spark's `Sample` operator (`DataFrame.sample`, `randomSplit`):
//! how many copies of each row a partition keeps.
//!
//! - Without replacement, Spark's `BernoulliCellSampler`: partition `p` draws from
//!   `XORShiftRandom(seed + p)` and keeps a row when its draw falls in
//!   `[lowerBound, upperBound)`.
//! - With replacement, Spark's `SampleExec` with a `PoissonSampler`: partition `p` takes
//!   the `(p + 1)`-th `nextLong()` of `java.util.Random(seed)` as the seed of a Commons
//!   Math `PoissonDistribution(fraction)`, whose generator is a `Well19937c`; each row is
//!   repeated as many times as the distribution's next sample.
//!
//! The generators are Spark's, so with the rows in Spark's partitions and order the kept
//! rows are Spark's.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Int32Array, ListArray};
use datafusion::arrow::buffer::OffsetBuffer;
use datafusion::arrow::datatypes::{DataType, Field, Int32Type};
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature, Volatility};

use super::random::XorShiftRandom;

/// `java.util.Random`: the 48-bit linear congruential generator, for its `nextLong()`.
struct JavaRandom {
    state: i64,
}

impl JavaRandom {
    const MULTIPLIER: i64 = 0x5_DEEC_E66D;
    const MASK: i64 = (1 << 48) - 1;

    fn new(seed: i64) -> Self {
        JavaRandom { state: (seed ^ Self::MULTIPLIER) & Self::MASK }
    }

    fn next(&mut self, bits: u32) -> i32 {
        self.state = (self.state.wrapping_mul(Self::MULTIPLIER).wrapping_add(0xB)) & Self::MASK;
        (self.state >> (48 - bits)) as i32
    }

    fn next_long(&mut self) -> i64 {
        (i64::from(self.next(32)) << 32).wrapping_add(i64::from(self.next(32)))
    }
}

/// Commons Math's `Well19937c`: Panneton, L'Ecuyer and Matsumoto's WELL generator of
/// period 2^19937 - 1 with Matsumoto-Kurita tempering, 624 words of state.
struct Well19937c {
    v: Vec<u32>,
    index: usize,
}

impl Well19937c {
    const R: usize = 624;
    const M1: usize = 70;
    const M2: usize = 179;
    const M3: usize = 449;

    /// `setSeed(long)`: the seed's high and low halves, then the remaining words filled by
    /// the Mersenne Twister's initialisation recurrence.
    fn new(seed: i64) -> Self {
        let mut v = vec![0u32; Self::R];
        v[0] = (seed >> 32) as u32;
        v[1] = seed as u32;
        for i in 2..Self::R {
            // Java reads the previous word as a signed int widened to long.
            let l = i64::from(v[i - 2] as i32);
            v[i] = (1_812_433_253i64.wrapping_mul(l ^ (l >> 30)).wrapping_add(i as i64) & 0xFFFF_FFFF) as u32;
        }
        Well19937c { v, index: 0 }
    }

    fn next(&mut self, bits: u32) -> u32 {
        let r = Self::R;
        let index = self.index;
        let rm1 = (index + r - 1) % r;
        let rm2 = (index + r - 2) % r;
        let v0 = self.v[index];
        let vm1 = self.v[(index + Self::M1) % r];
        let vm2 = self.v[(index + Self::M2) % r];
        let vm3 = self.v[(index + Self::M3) % r];
        let z0 = (0x8000_0000 & self.v[rm1]) ^ (0x7FFF_FFFF & self.v[rm2]);
        let z1 = (v0 ^ (v0 << 25)) ^ (vm1 ^ (vm1 >> 27));
        let z2 = (vm2 >> 9) ^ (vm3 ^ (vm3 >> 1));
        let z3 = z1 ^ z2;
        let mut z4 = z0 ^ (z1 ^ (z1 << 9)) ^ (z2 ^ (z2 << 21)) ^ (z3 ^ (z3 >> 21));
        self.v[index] = z3;
        self.v[rm1] = z4;
        self.v[rm2] &= 0x8000_0000;
        self.index = rm1;
        z4 ^= (z4 << 7) & 0xE46E_1700;
        z4 ^= (z4 << 15) & 0x9B86_8000;
        z4 >> (32 - bits)
    }

    /// `BitsStreamGenerator.nextDouble()`: 52 random bits in [0, 1).
    fn next_double(&mut self) -> f64 {
        let high = u64::from(self.next(26)) << 26;
        let low = u64::from(self.next(26));
        (high | low) as f64 * f64::from_bits(0x3CB0_0000_0000_0000)
    }
}

/// Commons Math's `PoissonDistribution(mean).sample()` for the means Spark samples with.
struct Poisson {
    mean: f64,
    generator: Well19937c,
}

impl Poisson {
    /// Below this mean Commons Math multiplies uniform draws until the product falls under
    /// `exp(-mean)`; above it, it switches to a rejection method not reproduced here.
    const PIVOT: f64 = 40.0;

    fn sample(&mut self) -> i32 {
        if self.mean < Self::PIVOT {
            let p = (-self.mean).exp();
            let (mut n, mut r) = (0i64, 1.0f64);
            while (n as f64) < 1000.0 * self.mean {
                r *= self.generator.next_double();
                if r >= p {
                    n += 1;
                } else {
                    return n as i32;
                }
            }
            return n as i32;
        }
        // A large mean: the normal approximation, rounded (the draws differ from Spark's).
        let (u1, u2) = (self.generator.next_double().max(f64::MIN_POSITIVE), self.generator.next_double());
        let gaussian = (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos();
        (self.mean + self.mean.sqrt() * gaussian).round().max(0.0) as i32
    }
}

/// Which of Spark's samplers a `Sample` uses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sampler {
    /// `BernoulliCellSampler(lowerBound, upperBound)`.
    Bernoulli { lower: f64, upper: f64 },
    /// `PoissonSampler(fraction)`.
    Poisson { fraction: f64 },
}

/// The per-partition generators of one sampler.
#[derive(Default)]
struct Generators {
    bernoulli: HashMap<i32, XorShiftRandom>,
    poisson: HashMap<i32, Poisson>,
}

/// `sample_copies(partition)`: for each row, how many times the sample keeps it (0 or 1
/// for Bernoulli), as an INT, or for Poisson as a list of that many elements to unnest.
/// Its generators live as long as the query, drawn batch after batch in the rows' order.
pub struct SampleCopies {
    sampler: Sampler,
    seed: i64,
    generators: Arc<Mutex<Generators>>,
    signature: Signature,
}

impl SampleCopies {
    pub fn new(sampler: Sampler, seed: i64) -> Self {
        SampleCopies { sampler, seed, generators: Arc::new(Mutex::new(Generators::default())), signature: Signature::any(1, Volatility::Volatile) }
    }

    /// The list type Poisson's copies come in.
    pub fn list_type() -> DataType {
        DataType::List(Arc::new(Field::new_list_field(DataType::Int8, false)))
    }

    fn copies(&self, generators: &mut Generators, partition: i32) -> i32 {
        match self.sampler {
            Sampler::Bernoulli { lower, upper } => {
                let generator = generators.bernoulli.entry(partition).or_insert_with(|| XorShiftRandom::new(self.seed.wrapping_add(i64::from(partition))));
                let draw = generator.next_double();
                i32::from(draw >= lower && draw < upper)
            }
            Sampler::Poisson { fraction } => {
                if fraction <= 0.0 {
                    return 0;
                }
                let seed = self.seed;
                let poisson = generators.poisson.entry(partition).or_insert_with(|| {
                    let mut random = JavaRandom::new(seed);
                    let mut partition_seed = random.next_long();
                    for _ in 0..partition.max(0) {
                        partition_seed = random.next_long();
                    }
                    Poisson { mean: fraction, generator: Well19937c::new(partition_seed) }
                });
                poisson.sample()
            }
        }
    }
}

impl std::fmt::Debug for SampleCopies {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SampleCopies({:?}, seed {})", self.sampler, self.seed)
    }
}

impl PartialEq for SampleCopies {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.generators, &other.generators)
    }
}

impl Eq for SampleCopies {}

impl std::hash::Hash for SampleCopies {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (Arc::as_ptr(&self.generators) as usize).hash(state);
    }
}

impl ScalarUDFImpl for SampleCopies {
    fn name(&self) -> &str {
        "sample_copies"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(match self.sampler {
            Sampler::Bernoulli { .. } => DataType::Int32,
            Sampler::Poisson { .. } => Self::list_type(),
        })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = args.number_rows;
        let partitions = datafusion::arrow::compute::cast(&args.args[0].to_array(rows)?, &DataType::Int32)?;
        let partitions = partitions.as_primitive::<Int32Type>();
        let mut guard = self.generators.lock().map_err(|_| DataFusionError::Internal("sampler poisoned".into()))?;
        let counts: Vec<i32> = (0..rows).map(|row| self.copies(&mut guard, if partitions.is_null(row) { 0 } else { partitions.value(row) })).collect();
        let result: ArrayRef = match self.sampler {
            Sampler::Bernoulli { .. } => Arc::new(Int32Array::from(counts)),
            Sampler::Poisson { .. } => {
                let total: usize = counts.iter().map(|c| *c as usize).sum();
                let values = Arc::new(datafusion::arrow::array::Int8Array::from(vec![0i8; total]));
                let offsets = OffsetBuffer::from_lengths(counts.iter().map(|c| *c as usize));
                Arc::new(ListArray::new(Arc::new(Field::new_list_field(DataType::Int8, false)), offsets, values, None))
            }
        };
        Ok(ColumnarValue::Array(result))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_random_next_long() {
        // new java.util.Random(42).nextLong()
        assert_eq!(JavaRandom::new(42).next_long(), -5_025_562_857_975_149_833);
    }

    #[test]
    fn well19937c_and_poisson_follow_commons_math() {
        // Commons Math 3.6.1: new Well19937c(12345L).nextDouble() twice.
        let mut well = Well19937c::new(12345);
        assert_eq!(well.next_double(), 0.5205536706067313);
        assert_eq!(well.next_double(), 0.1752004338347708);
        // PoissonDistribution(0.5) reseeded with new Random(3).nextLong(): ten samples.
        let copies = SampleCopies::new(Sampler::Poisson { fraction: 0.5 }, 3);
        let mut generators = Generators::default();
        let draws: Vec<i32> = (0..10).map(|_| copies.copies(&mut generators, 0)).collect();
        assert_eq!(draws, vec![0, 0, 0, 0, 0, 1, 1, 0, 0, 0]);
    }

    #[test]
    fn poisson_copies_are_deterministic_under_a_seed() {
        let draw = |seed| {
            let copies = SampleCopies::new(Sampler::Poisson { fraction: 0.5 }, seed);
            let mut generators = Generators::default();
            (0..200).map(|_| copies.copies(&mut generators, 0)).collect::<Vec<_>>()
        };
        assert_eq!(draw(3), draw(3));
        let total: i32 = draw(3).iter().sum();
        assert!((60..140).contains(&total), "{total}");
    }
}
