//! The embedded engine's memory: how much DataFusion's operators may hold before they
//! spill (sort, aggregate, join) or fail with Spark's `UNABLE_TO_ACQUIRE_MEMORY`, and
//! where spills go.
//!
//! The size follows Spark's unified memory manager (`UnifiedMemoryManager.getMaxMemory`):
//! execution and storage share `(heap - 300 MiB) * spark.memory.fraction`, the heap being
//! `spark.driver.memory` in local mode. With no `spark.driver.memory`, Ember has no JVM
//! heap to take it from and uses the machine's physical memory instead;
//! `spark.ember.memory` sets the pool's size directly. Spill files go under
//! `spark.local.dir` (comma-separated), else the system's temporary folder.
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::sync::Arc;

use datafusion::execution::disk_manager::{DiskManagerBuilder, DiskManagerMode};
use datafusion::common::human_readable_size;
use datafusion::error::{DataFusionError, Result as DataFusionResult};
use datafusion::execution::memory_pool::{FairSpillPool, MemoryConsumer, MemoryLimit, MemoryPool, MemoryReservation, TrackConsumersPool};
use datafusion::execution::runtime_env::{RuntimeEnv, RuntimeEnvBuilder};

use crate::spark::error::SparkError;

/// Spark's `RESERVED_SYSTEM_MEMORY_BYTES`: kept out of the pool for everything else.
const RESERVED: u64 = 300 * 1024 * 1024;

/// The share of the pool that operators which can spill leave to those which cannot.
const HEADROOM: f64 = 0.1;

/// The engine's memory settings, read from a session's Spark configuration.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MemorySettings {
    /// The pool's size in bytes.
    pub pool: u64,
    /// Where spill files go; empty for the system's temporary folder.
    pub spill_dirs: Vec<PathBuf>,
}

impl MemorySettings {
    /// The settings for a configuration (`conf` looks a key up). Errors are Spark's: a
    /// size it cannot read (`NumberFormatException`), a fraction outside (0, 1]
    /// (`IllegalArgumentException`), or a heap below 1.5 times the reserved memory
    /// (`INVALID_DRIVER_MEMORY.SYSTEM_MEMORY`).
    pub fn from_conf(conf: impl Fn(&str) -> Option<String>) -> Result<Self, SparkError> {
        let fraction = match conf("spark.memory.fraction") {
            Some(text) => text
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|f| *f > 0.0 && *f <= 1.0)
                .ok_or_else(|| SparkError::plain("IllegalArgumentException", format!("spark.memory.fraction should be in (0, 1], but was {text}")))?,
            None => 0.6,
        };
        let pool = if let Some(text) = conf("spark.ember.memory") {
            byte_size(&text, 1)?
        } else {
            let heap = match conf("spark.driver.memory") {
                // A bare number of spark.driver.memory is mebibytes.
                Some(text) => byte_size(&text, 1024 * 1024)?,
                None => physical_memory(),
            };
            let minimum = RESERVED * 3 / 2;
            if heap < minimum {
                return Err(SparkError::spark(
                    "IllegalArgumentException",
                    "INVALID_DRIVER_MEMORY.SYSTEM_MEMORY",
                    format!("Insufficient driver memory: System memory {heap} must be at least {minimum}.\nPlease increase heap size using the --driver-memory option or \"spark.driver.memory\" in Spark configuration."),
                    &[("systemMemory", heap.to_string()), ("minSystemMemory", minimum.to_string()), ("config", "spark.driver.memory".to_string())],
                ));
            }
            ((heap - RESERVED) as f64 * fraction) as u64
        };
        let spill_dirs = conf("spark.local.dir").map(|dirs| dirs.split(',').map(str::trim).filter(|d| !d.is_empty()).map(PathBuf::from).collect()).unwrap_or_default();
        Ok(Self { pool, spill_dirs })
    }

    /// The runtime a session's queries run in: the memory pool (fair between the
    /// operators that can spill, and naming the largest consumers when it is exhausted),
    /// the spill folders, and no caches of file lists, statistics or footers (Spark lists
    /// a table's files on every read, so a cache would show rows an overwrite replaced).
    pub fn runtime_env(&self) -> datafusion::error::Result<Arc<RuntimeEnv>> {
        let caches = datafusion::execution::cache::cache_manager::CacheManagerConfig::default()
            .with_list_files_cache_limit(0)
            .with_file_statistics_cache_limit(0)
            .with_metadata_cache_limit(0);
        let pool = TrackConsumersPool::new(HeadroomPool::new(self.pool as usize), NonZeroUsize::new(3).expect("nonzero"));
        let disks = if self.spill_dirs.is_empty() { DiskManagerMode::OsTmpDirectory } else { DiskManagerMode::Directories(self.spill_dirs.clone()) };
        RuntimeEnvBuilder::new()
            .with_cache_manager(caches)
            .with_memory_pool(Arc::new(pool))
            .with_disk_manager_builder(DiskManagerBuilder::default().with_mode(disks))
            .build_arc()
    }
}

/// DataFusion's `FairSpillPool` (each operator that can spill gets an equal share of what
/// the others leave), except that those operators together stop at 90% of the pool: with
/// the fair pool alone the sorts of a query could fill it, and the merge after them,
/// which cannot spill, failed for want of a few hundred kilobytes.
#[derive(Debug)]
struct HeadroomPool {
    fair: FairSpillPool,
    limit: usize,
    headroom: usize,
}

impl HeadroomPool {
    fn new(limit: usize) -> Self {
        Self { fair: FairSpillPool::new(limit), limit, headroom: (limit as f64 * HEADROOM) as usize }
    }
}

impl std::fmt::Display for HeadroomPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "fair with headroom(pool_size: {}, headroom: {})", human_readable_size(self.limit), human_readable_size(self.headroom))
    }
}

impl MemoryPool for HeadroomPool {
    fn name(&self) -> &str {
        "fair with headroom"
    }

    fn register(&self, consumer: &MemoryConsumer) {
        self.fair.register(consumer)
    }

    fn unregister(&self, consumer: &MemoryConsumer) {
        self.fair.unregister(consumer)
    }

    fn grow(&self, reservation: &MemoryReservation, additional: usize) {
        self.fair.grow(reservation, additional)
    }

    fn shrink(&self, reservation: &MemoryReservation, shrink: usize) {
        self.fair.shrink(reservation, shrink)
    }

    fn try_grow(&self, reservation: &MemoryReservation, additional: usize) -> DataFusionResult<()> {
        if is_repartition_queue(reservation.consumer().name()) {
            // Counted, so that the operators that spill see the room it takes, but never
            // refused: see `is_repartition_queue`.
            self.fair.grow(reservation, additional);
            return Ok(());
        }
        let reserved = self.fair.reserved();
        if reservation.consumer().can_spill() && reserved + additional + self.headroom > self.limit {
            // The fair pool's wording, which `error` reads the requested size from.
            return Err(DataFusionError::ResourcesExhausted(format!(
                "Failed to allocate additional {} for {} with {} already allocated for this reservation - {} remain available for operators that can spill",
                human_readable_size(additional),
                reservation.consumer().name(),
                human_readable_size(reservation.size()),
                human_readable_size((self.limit - self.headroom).saturating_sub(reserved)),
            )));
        }
        self.fair.try_grow(reservation, additional)
    }

    fn reserved(&self) -> usize {
        self.fair.reserved()
    }

    fn memory_limit(&self) -> MemoryLimit {
        MemoryLimit::Finite(self.limit)
    }
}

/// Whether a reservation is the queue of one output partition of a `RepartitionExec`
/// (DataFusion names it `RepartitionExec[N]`). When such a queue is refused memory,
/// DataFusion 55 writes the batch to the partition's spill pool, and that pool deadlocks
/// when two input tasks spill into it at once: the reader waits on the older file while
/// its next batch is in the newer one, and every thread parks (apache/datafusion#24883,
/// fixed after 55.2). TPC-H q9 at scale 10 in a 2 GiB driver hung that way. The queues are
/// bounded by the repartition's own back-pressure (a sender waits once every output
/// partition has a batch queued), so they are not refused here.
fn is_repartition_queue(consumer: &str) -> bool {
    consumer.strip_prefix("RepartitionExec[").is_some_and(|rest| rest.ends_with(']') && !rest.starts_with("Merge"))
}

/// The machine's physical memory in bytes.
fn physical_memory() -> u64 {
    // SAFETY: sysconf reads system constants and has no preconditions.
    let (pages, page) = unsafe { (libc::sysconf(libc::_SC_PHYS_PAGES), libc::sysconf(libc::_SC_PAGESIZE)) };
    (pages.max(0) as u64) * (page.max(0) as u64)
}

/// Spark's `JavaUtils.byteStringAs`: a number with an optional binary suffix (b, k, m, g,
/// t, p, each optionally followed by b, any case); a bare number is in `unit` bytes.
/// Anything else is Java's `NumberFormatException` with Spark's text.
pub fn byte_size(text: &str, unit: u64) -> Result<u64, SparkError> {
    let lower = text.trim().to_ascii_lowercase();
    let digits = lower.find(|c: char| !c.is_ascii_digit()).unwrap_or(lower.len());
    let (number, suffix) = lower.split_at(digits);
    let multiplier = match suffix {
        "" => Some(unit),
        "b" => Some(1),
        "k" | "kb" => Some(1 << 10),
        "m" | "mb" => Some(1 << 20),
        "g" | "gb" => Some(1 << 30),
        "t" | "tb" => Some(1 << 40),
        "p" | "pb" => Some(1 << 50),
        _ => None,
    };
    match (number.parse::<u64>(), multiplier) {
        (Ok(n), Some(m)) => n.checked_mul(m).ok_or_else(|| SparkError::plain("NumberFormatException", format!("Size {text} is too large"))),
        _ => Err(SparkError::plain(
            "NumberFormatException",
            "Size must be specified as bytes (b), kibibytes (k), mebibytes (m), gibibytes (g), tebibytes (t), or pebibytes(p). E.g. 50b, 100k, or 250m.",
        )),
    }
}

/// Bytes from DataFusion's readable sizes ("1.5 MB", "40.0 B"; powers of 1024).
pub fn readable_bytes(text: &str) -> Option<u64> {
    let (number, unit) = text.trim().split_once(' ')?;
    let power = ["B", "KB", "MB", "GB", "TB", "PB"].iter().position(|u| *u == unit.trim())?;
    Some((number.parse::<f64>().ok()? * 1024f64.powi(power as i32)) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(pairs: &[(&str, &str)]) -> Result<MemorySettings, SparkError> {
        MemorySettings::from_conf(|key| pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn driver_memory_follows_the_unified_memory_rule() {
        // (2 GiB - 300 MiB) * 0.6
        assert_eq!(settings(&[("spark.driver.memory", "2g")]).unwrap().pool, ((2048 - 300) as f64 * 0.6 * 1048576.0) as u64);
        // A bare number is mebibytes; the fraction is read.
        assert_eq!(settings(&[("spark.driver.memory", "1300"), ("spark.memory.fraction", "0.5")]).unwrap().pool, 500 * 1048576);
        assert_eq!(settings(&[("spark.ember.memory", "64m"), ("spark.driver.memory", "8g")]).unwrap().pool, 64 << 20);
        assert!(settings(&[]).unwrap().pool > 0);
    }

    #[test]
    fn bad_sizes_get_sparks_messages() {
        let size = settings(&[("spark.driver.memory", "2x")]).unwrap_err();
        assert_eq!(size.class, "NumberFormatException");
        assert!(size.message.starts_with("Size must be specified as bytes (b)"));
        let small = settings(&[("spark.driver.memory", "400m")]).unwrap_err();
        assert_eq!(small.condition.as_deref(), Some("INVALID_DRIVER_MEMORY.SYSTEM_MEMORY"));
        assert_eq!(
            small.message,
            "Insufficient driver memory: System memory 419430400 must be at least 471859200.\nPlease increase heap size using the --driver-memory option or \"spark.driver.memory\" in Spark configuration."
        );
        assert!(settings(&[("spark.memory.fraction", "1.5")]).is_err());
    }

    #[test]
    fn spill_folders_come_from_local_dir() {
        let s = settings(&[("spark.local.dir", "/a, /b")]).unwrap();
        assert_eq!(s.spill_dirs, vec![PathBuf::from("/a"), PathBuf::from("/b")]);
    }

    #[test]
    fn repartition_queues_are_counted_but_never_refused() {
        let pool: Arc<dyn MemoryPool> = Arc::new(HeadroomPool::new(1000));
        let sorter = MemoryConsumer::new("ExternalSorter[0]").with_can_spill(true).register(&pool);
        let queue = MemoryConsumer::new("RepartitionExec[1]").with_can_spill(true).register(&pool);
        // Each of the two spilling consumers has a fair share of 500 bytes.
        assert!(sorter.try_grow(450).is_ok());
        assert!(sorter.try_grow(100).is_err());
        assert!(queue.try_grow(5000).is_ok());
        assert_eq!(pool.reserved(), 5450);
        // With the queue's bytes counted, the sorter is refused what it had room for.
        sorter.shrink(450);
        assert!(sorter.try_grow(10).is_err());
        assert!(is_repartition_queue("RepartitionExec[0]"));
        assert!(!is_repartition_queue("RepartitionExec[Merge 0]"));
        assert!(!is_repartition_queue("HashJoinInput[0]"));
    }

    #[test]
    fn readable_sizes() {
        assert_eq!(readable_bytes("40.0 B"), Some(40));
        assert_eq!(readable_bytes("1.5 KB"), Some(1536));
        assert_eq!(readable_bytes("x"), None);
    }
}
