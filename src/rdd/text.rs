//! `sc.textFile`: Hadoop's `FileInputFormat.getSplits` and `LineRecordReader`, so that an
//! RDD of lines has the partitions Spark gives it.
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::PathBuf;

use std::sync::Arc;

use super::lineage::{Block, BlockData, BlockKind};

/// Hadoop's `fs.local.block.size`: 32 MiB.
const LOCAL_BLOCK_SIZE: u64 = 32 * 1024 * 1024;
/// Hadoop's `SPLIT_SLOP`: the last split may be up to 10% larger than the split size.
const SPLIT_SLOP: f64 = 1.1;

/// A byte range of one file (Hadoop's `FileSplit`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextSplit {
    pub path: PathBuf,
    pub start: u64,
    pub length: u64,
}

/// Splits `files` (with their sizes) for at least `min_partitions` partitions, as
/// `FileInputFormat.getSplits(numSplits = minPartitions)` does on the local file system.
pub fn plan_splits(files: &[(PathBuf, u64)], min_partitions: usize) -> Vec<TextSplit> {
    let total: u64 = files.iter().map(|(_, size)| size).sum();
    let goal = total / (min_partitions.max(1) as u64);
    let split_size = goal.clamp(1, LOCAL_BLOCK_SIZE);
    let mut splits = Vec::new();
    for (path, size) in files {
        // A compressed file cannot be split, except bzip2 (Hadoop's splittable codec): one
        // split reads it whole.
        if crate::codec::codec_of(path).is_some_and(|c| c != crate::codec::Codec::Bzip2) {
            splits.push(TextSplit { path: path.clone(), start: 0, length: (*size).max(1) });
            continue;
        }
        if *size == 0 {
            splits.push(TextSplit { path: path.clone(), start: 0, length: 0 });
            continue;
        }
        let mut remaining = *size;
        while remaining as f64 / split_size as f64 > SPLIT_SLOP {
            splits.push(TextSplit { path: path.clone(), start: size - remaining, length: split_size });
            remaining -= split_size;
        }
        if remaining != 0 {
            splits.push(TextSplit { path: path.clone(), start: size - remaining, length: remaining });
        }
    }
    splits
}

/// The block of a split's lines: read where the block is used, in the driver or in the
/// worker that runs the task, as a Spark task reads its own `FileSplit`.
pub fn split_block(split: &TextSplit) -> Block {
    Block { kind: BlockKind::Text, data: BlockData::FileSplit(Arc::new(split.clone())) }
}

/// Reads the lines of a split as `\n`-ended UTF-8 text, as `LineRecordReader` does: a split
/// that does not start the file skips its first (partial) line, and a split reads every
/// line that starts at or before its end. `\n` and `\r\n` end lines. The byte range is
/// read at once and scanned for line ends.
pub fn read_split(split: &TextSplit) -> std::io::Result<Vec<u8>> {
    if split.length == 0 {
        return Ok(Vec::new());
    }
    // The splits of a bzip2 file (split by compressed bytes as Hadoop's splittable codec
    // does): the first reads every line. Hadoop gives each bzip2 block's lines to the split
    // where the block starts, which is the same for a file of one block (up to 900 kB of
    // text); for larger files only the spread over partitions differs.
    if crate::codec::codec_of(&split.path) == Some(crate::codec::Codec::Bzip2) && split.start > 0 {
        return Ok(Vec::new());
    }
    // A file that cannot be opened is named in the error, as Java's
    // `FileNotFoundException: <path> (Permission denied)` names it.
    let named = |e| crate::codec::naming_path(&split.path, e);
    if crate::codec::codec_of(&split.path).is_some() {
        return Ok(line_ends(crate::codec::read(&split.path).map_err(named)?));
    }
    let mut file = std::fs::File::open(&split.path).map_err(named)?;
    file.seek(SeekFrom::Start(split.start))?;
    let length = split.length as usize;
    let mut buffer = Vec::with_capacity(length + 4096);
    (&mut file).take(split.length).read_to_end(&mut buffer)?;
    // The line that starts at or runs over the end belongs to this split: read to its end.
    let mut reader = BufReader::new(file);
    if buffer.len() == length {
        reader.read_until(b'\n', &mut buffer)?;
    }
    let begin = if split.start == 0 { 0 } else { buffer.iter().position(|&b| b == b'\n').map_or(buffer.len(), |i| i + 1) };
    Ok(line_ends(buffer.split_off(begin)))
}

/// Text with `\r\n` line ends made `\n` and a final `\n` added.
fn line_ends(mut text: Vec<u8>) -> Vec<u8> {
    if text.contains(&b'\r') {
        let mut cleaned = Vec::with_capacity(text.len());
        for (i, &byte) in text.iter().enumerate() {
            if byte == b'\r' && text.get(i + 1) == Some(&b'\n') {
                continue;
            }
            cleaned.push(byte);
        }
        text = cleaned;
    }
    if !text.is_empty() && text.last() != Some(&b'\n') {
        text.push(b'\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(split: &TextSplit) -> String {
        let block = split_block(split);
        String::from_utf8(block.bytes().expect("bytes").to_vec()).expect("utf8")
    }

    #[test]
    fn splits_follow_file_input_format() {
        let files = vec![(PathBuf::from("a"), 100), (PathBuf::from("b"), 0)];
        let splits = plan_splits(&files, 3);
        let ranges: Vec<_> = splits.iter().map(|s| (s.start, s.length)).collect();
        assert_eq!(ranges, vec![(0, 33), (33, 33), (66, 34), (0, 0)]);
    }

    #[test]
    fn every_line_is_read_exactly_once() {
        let dir = std::env::temp_dir().join(format!("ember-text-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("lines.txt");
        let content = "alpha\r\nbeta\ngamma delta\n\nepsilon\nzeta";
        std::fs::write(&path, content).expect("write");
        let size = content.len() as u64;
        for partitions in 1..8 {
            let splits = plan_splits(&[(path.clone(), size)], partitions);
            let joined: String = splits.iter().map(lines_of).collect();
            assert_eq!(joined, "alpha\nbeta\ngamma delta\n\nepsilon\nzeta\n", "{partitions} partitions");
        }
        assert_eq!(std::fs::read_to_string(&path).expect("read back"), content);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
