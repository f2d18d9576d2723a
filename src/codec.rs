//! Compressed input files by extension, as Spark's text-based readers pick a Hadoop
//! `CompressionCodec` from the file name (`CompressionCodecFactory`): `.gz` (gzip),
//! `.bz2` (bzip2), `.zst` (zstd) and `.deflate` (zlib). A compressed file is read whole,
//! as one split. Shared by `sc.textFile` and the DataFrame readers.
use std::io::Read;
use std::path::Path;

/// A compression codec Ember reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    Gzip,
    Bzip2,
    Zstd,
    Deflate,
}

/// The codec of a file by its extension, `None` for an uncompressed file.
pub fn codec_of(path: &Path) -> Option<Codec> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "gz" => Some(Codec::Gzip),
        "bz2" => Some(Codec::Bzip2),
        "zst" => Some(Codec::Zstd),
        "deflate" => Some(Codec::Deflate),
        _ => None,
    }
}

/// A reader of a file's content, decompressed by its extension.
pub fn open(path: &Path) -> std::io::Result<Box<dyn Read>> {
    let file = std::io::BufReader::new(std::fs::File::open(path)?);
    Ok(match codec_of(path) {
        None => Box::new(file),
        Some(Codec::Gzip) => Box::new(flate2::read::MultiGzDecoder::new(file)),
        Some(Codec::Bzip2) => Box::new(bzip2::read::MultiBzDecoder::new(file)),
        Some(Codec::Zstd) => Box::new(zstd::stream::read::Decoder::new(file)?),
        Some(Codec::Deflate) => Box::new(flate2::read::ZlibDecoder::new(file)),
    })
}

/// `error`, met opening `path`, with the path named as Java's `FileNotFoundException`
/// names it: `<path> (<reason>)`.
pub fn naming_path(path: &Path, error: std::io::Error) -> std::io::Error {
    std::io::Error::new(error.kind(), format!("{} ({error})", path.display()))
}

/// A file's whole content, decompressed by its extension.
pub fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut content = Vec::new();
    open(path)?.read_to_end(&mut content)?;
    Ok(content)
}

/// The codec of Spark's `compression` (or `codec`) write option, `Ok(None)` for
/// `none`/`uncompressed`; `Err` with Spark's list of known codecs when it names none.
pub fn codec_named(name: &str) -> Result<Option<Codec>, String> {
    match name.to_ascii_lowercase().as_str() {
        "none" | "uncompressed" => Ok(None),
        "gzip" | "gz" => Ok(Some(Codec::Gzip)),
        "bzip2" | "bz2" => Ok(Some(Codec::Bzip2)),
        "deflate" => Ok(Some(Codec::Deflate)),
        other => Err(other.to_string()),
    }
}

/// The file extension Hadoop's codec adds (`.gz`).
pub fn extension(codec: Codec) -> &'static str {
    match codec {
        Codec::Gzip => ".gz",
        Codec::Bzip2 => ".bz2",
        Codec::Zstd => ".zst",
        Codec::Deflate => ".deflate",
    }
}

/// `content` compressed with `codec`.
pub fn compress(content: &[u8], codec: Codec) -> std::io::Result<Vec<u8>> {
    use std::io::Write;
    Ok(match codec {
        Codec::Gzip => {
            let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            encoder.write_all(content)?;
            encoder.finish()?
        }
        Codec::Bzip2 => {
            let mut encoder = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::default());
            encoder.write_all(content)?;
            encoder.finish()?
        }
        Codec::Zstd => zstd::stream::encode_all(content, 0)?,
        Codec::Deflate => {
            let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            encoder.write_all(content)?;
            encoder.finish()?
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn reads_gzip_by_extension() -> std::io::Result<()> {
        let directory = std::env::temp_dir().join(format!("ember-codec-{}", std::process::id()));
        std::fs::create_dir_all(&directory)?;
        let path = directory.join("lines.txt.gz");
        let mut encoder = flate2::write::GzEncoder::new(std::fs::File::create(&path)?, flate2::Compression::default());
        encoder.write_all(b"a\nb\n")?;
        encoder.finish()?;
        assert_eq!(read(&path)?, b"a\nb\n");
        assert_eq!(codec_of(Path::new("x.csv")), None);
        std::fs::remove_dir_all(&directory)
    }
}
