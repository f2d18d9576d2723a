//! RDD lineage: the nodes an RDD is built from (Spark's `RDD` subclasses and their
//! dependencies), and the blocks of data a partition is made of.
use std::path::PathBuf;
use std::sync::Arc;

use super::text::TextSplit;

/// Identifies an RDD within the session (Spark's `RDD.id`).
pub type RddId = usize;

/// The encoding of a block's bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// A pickled Python `list` (PySpark's `PickleSerializer` batch).
    Pickled,
    /// UTF-8 lines, each ended by `\n` (what Hadoop's `LineRecordReader` yields).
    Text,
}

impl BlockKind {
    /// The kind's tag byte in the worker protocol.
    pub fn tag(self) -> u8 {
        match self {
            BlockKind::Pickled => b'P',
            BlockKind::Text => b'T',
        }
    }

    /// The kind of a tag byte.
    pub fn from_tag(tag: u8) -> Option<Self> {
        match tag {
            b'P' => Some(BlockKind::Pickled),
            b'T' => Some(BlockKind::Text),
            _ => None,
        }
    }
}

/// Where a block's bytes are: in memory, spilled to a file by the shuffle, or still in a
/// text file's split (read by whoever uses the block).
#[derive(Clone, Debug)]
pub enum BlockData {
    Memory(Arc<Vec<u8>>),
    Disk(Arc<PathBuf>),
    FileSplit(Arc<TextSplit>),
}

/// A batch of a partition's records.
#[derive(Clone, Debug)]
pub struct Block {
    pub kind: BlockKind,
    pub data: BlockData,
}

impl Block {
    /// A block held in memory.
    pub fn memory(kind: BlockKind, bytes: Vec<u8>) -> Self {
        Block { kind, data: BlockData::Memory(Arc::new(bytes)) }
    }

    /// The block's bytes, read back from disk when spilled or read from its split.
    pub fn bytes(&self) -> std::io::Result<Arc<Vec<u8>>> {
        match &self.data {
            BlockData::Memory(bytes) => Ok(bytes.clone()),
            BlockData::Disk(path) => Ok(Arc::new(std::fs::read(path.as_ref())?)),
            BlockData::FileSplit(split) => Ok(Arc::new(super::text::read_split(split)?)),
        }
    }

    /// The same block held in memory (a cached partition keeps what was read then).
    pub fn in_memory(&self) -> std::io::Result<Block> {
        match &self.data {
            BlockData::FileSplit(_) => Ok(Block { kind: self.kind, data: BlockData::Memory(self.bytes()?) }),
            _ => Ok(self.clone()),
        }
    }

    /// The block's size in bytes while in memory (0 once spilled or not yet read).
    pub fn memory_size(&self) -> usize {
        match &self.data {
            BlockData::Memory(bytes) => bytes.len(),
            BlockData::Disk(_) | BlockData::FileSplit(_) => 0,
        }
    }
}

/// A pickled Python function: `cloudpickle.dumps((func, partition_func))`, where
/// `func(split, *iterators)` returns an iterable and `partition_func` (shuffles only) maps a
/// key to a partition (PySpark's `portable_hash` by default).
pub type Command = Arc<Vec<u8>>;

/// An RDD of the lineage graph.
#[derive(Clone, Debug)]
pub enum RddNode {
    /// Data from the driver, already sliced into partitions (`ParallelCollectionRDD`).
    Parallelized { partitions: Vec<Vec<Block>> },
    /// Lines of text files (`HadoopRDD` with `TextInputFormat`).
    TextFile { splits: Vec<TextSplit> },
    /// A Python function over each partition of the parent (`PythonRDD`).
    MapPartitions { parent: RddId, command: Command },
    /// The parent's records, shuffled to `partitions` partitions by the command's
    /// partition function (`ShuffledRDD` behind PySpark's `partitionBy`).
    Shuffled { parent: RddId, partitions: usize, command: Command },
    /// The parents' partitions, one after another (`UnionRDD`).
    Union { parents: Vec<RddId> },
    /// Groups of the parent's partitions merged without a shuffle (`CoalescedRDD`).
    Coalesced { parent: RddId, groups: Vec<Vec<usize>> },
    /// A Python function over the same partition of two parents (`ZippedPartitionsRDD2`).
    Zipped { left: RddId, right: RddId, command: Command },
    /// A Python function over every pair of partitions of two parents (`CartesianRDD`).
    Cartesian { left: RddId, right: RddId, command: Command },
}

/// A node with its cache flag (`RDD.persist`).
#[derive(Clone, Debug)]
pub struct Rdd {
    pub node: RddNode,
    pub partitions: usize,
    pub cached: bool,
}

/// Spark's `ParallelCollectionRDD.slice` positions: slice `i` of `length` items over
/// `slices` slices is `[i * length / slices, (i + 1) * length / slices)`.
pub fn slice_positions(length: usize, slices: usize) -> Vec<(usize, usize)> {
    let slices = slices.max(1);
    (0..slices).map(|i| (i * length / slices, (i + 1) * length / slices)).collect()
}

/// Spark's `DefaultPartitionCoalescer` without locality: group `i` of `target` groups is the
/// contiguous range `[i * parents / target, (i + 1) * parents / target)` of parent partitions.
pub fn coalesce_groups(parents: usize, target: usize) -> Vec<Vec<usize>> {
    let target = target.clamp(1, parents.max(1));
    slice_positions(parents, target).into_iter().map(|(start, end)| (start..end).collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_match_parallel_collection_rdd() {
        assert_eq!(slice_positions(5, 2), vec![(0, 2), (2, 5)]);
        assert_eq!(slice_positions(3, 5), vec![(0, 0), (0, 1), (1, 1), (1, 2), (2, 3)]);
        assert_eq!(slice_positions(0, 2), vec![(0, 0), (0, 0)]);
    }

    #[test]
    fn coalesce_groups_are_contiguous() {
        assert_eq!(coalesce_groups(3, 1), vec![vec![0, 1, 2]]);
        assert_eq!(coalesce_groups(5, 2), vec![vec![0, 1], vec![2, 3, 4]]);
        assert_eq!(coalesce_groups(2, 4), vec![vec![0], vec![1]]);
    }
}
