//! The shuffle store: map outputs bucketed by reduce partition (Spark's shuffle files).
//! Buckets stay in memory up to a budget; beyond it they spill to files on disk.
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::lineage::{Block, BlockData, RddId};
use super::Result;

/// Map outputs of the session's shuffles, by shuffled RDD.
pub struct ShuffleStore {
    outputs: HashMap<RddId, Vec<Vec<Block>>>,
    memory: usize,
    budget: usize,
    directory: PathBuf,
    spilled: usize,
}

impl ShuffleStore {
    /// A store that keeps up to `budget` bytes in memory and spills under `directory`.
    pub fn new(budget: usize, directory: PathBuf) -> Self {
        ShuffleStore { outputs: HashMap::new(), memory: 0, budget, directory, spilled: 0 }
    }

    /// Whether the shuffle's map stage has run.
    pub fn contains(&self, shuffle: RddId) -> bool {
        self.outputs.contains_key(&shuffle)
    }

    /// Stores a shuffle's map outputs (`[map partition][reduce partition]`), spilling
    /// buckets to disk once memory is over budget.
    pub fn put(&mut self, shuffle: RddId, mut outputs: Vec<Vec<Block>>) -> Result<()> {
        for buckets in outputs.iter_mut() {
            for block in buckets.iter_mut() {
                let size = block.memory_size();
                if self.memory + size > self.budget && size > 0 {
                    std::fs::create_dir_all(&self.directory)?;
                    let path = self.directory.join(format!("shuffle_{shuffle}_{}.data", self.spilled));
                    self.spilled += 1;
                    std::fs::write(&path, block.bytes()?.as_slice())?;
                    block.data = BlockData::Disk(Arc::new(path));
                } else {
                    self.memory += size;
                }
            }
        }
        self.outputs.insert(shuffle, outputs);
        Ok(())
    }

    /// Reduce partition `partition` of a shuffle: its bucket from every map output, in map order.
    pub fn reduce_input(&self, shuffle: RddId, partition: usize) -> Vec<Block> {
        self.outputs
            .get(&shuffle)
            .map(|maps| maps.iter().filter_map(|buckets| buckets.get(partition).cloned()).collect())
            .unwrap_or_default()
    }

    /// How many buckets went to disk so far.
    #[cfg(test)]
    pub fn spilled(&self) -> usize {
        self.spilled
    }
}

impl Drop for ShuffleStore {
    fn drop(&mut self) {
        if self.spilled > 0 {
            let _ = std::fs::remove_dir_all(&self.directory);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::lineage::BlockKind;
    use super::*;

    #[test]
    fn buckets_over_budget_spill_and_read_back() {
        let directory = std::env::temp_dir().join(format!("ember-shuffle-test-{}", std::process::id()));
        let mut store = ShuffleStore::new(4, directory.clone());
        let outputs = vec![
            vec![Block::memory(BlockKind::Pickled, b"abc".to_vec()), Block::memory(BlockKind::Pickled, b"defgh".to_vec())],
            vec![Block::memory(BlockKind::Pickled, b"ij".to_vec()), Block::memory(BlockKind::Pickled, vec![])],
        ];
        store.put(7, outputs).expect("put");
        assert!(store.contains(7));
        assert_eq!(store.spilled(), 2);
        let first: Vec<Vec<u8>> = store.reduce_input(7, 0).iter().map(|b| b.bytes().expect("read").to_vec()).collect();
        assert_eq!(first, vec![b"abc".to_vec(), b"ij".to_vec()]);
        let second: Vec<Vec<u8>> = store.reduce_input(7, 1).iter().map(|b| b.bytes().expect("read").to_vec()).collect();
        assert_eq!(second, vec![b"defgh".to_vec(), Vec::new()]);
        drop(store);
        assert!(!directory.exists());
    }
}
