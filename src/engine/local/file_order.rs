//! Spark's file read order for a source DataFusion lists itself (Parquet).
//!
//! Spark reads the files of a scan largest first (`FilePartition.getFilePartitions` packs
//! the split files by size), so rows come in that order where nothing sorts them.
//! DataFusion's listing sorts the files by path and may move a file to another partition
//! at run time (file-stream work stealing). `SparkFileOrder` wraps the listing table and
//! hands DataFusion's scan its files in Spark's order, read in that order.
use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use datafusion::arrow::datatypes::SchemaRef;
use datafusion::catalog::{Session, TableProvider};
use datafusion::datasource::physical_plan::{FileGroup, FileScanConfig};
use datafusion::datasource::source::DataSourceExec;
use datafusion::error::Result;
use datafusion::logical_expr::{Expr, TableProviderFilterPushDown, TableType};
use datafusion::object_store::path::Path as StorePath;
use datafusion::physical_plan::ExecutionPlan;

/// A file table whose scan reads its files in a given order.
pub struct SparkFileOrder {
    inner: Arc<dyn TableProvider>,
    /// Each file's place in Spark's order, by its object-store path.
    rank: HashMap<String, usize>,
}

impl SparkFileOrder {
    /// `files` in the order Spark reads them (see `io_read::list_files`).
    pub fn new(inner: Arc<dyn TableProvider>, files: &[PathBuf]) -> Self {
        let rank = files
            .iter()
            .enumerate()
            .filter_map(|(i, file)| StorePath::from_absolute_path(file).ok().map(|p| (p.to_string(), i)))
            .collect();
        SparkFileOrder { inner, rank }
    }

    /// The scan's files in Spark's order, cut into as many contiguous groups as it had, so
    /// that reading the partitions one after the other reads the files in order.
    fn reorder(&self, config: &FileScanConfig) -> FileScanConfig {
        let groups = config.file_groups.len().max(1);
        let mut files: Vec<_> = config.file_groups.iter().flat_map(|g| g.iter().cloned()).collect();
        files.sort_by_key(|f| self.rank.get(&f.path().to_string()).copied().unwrap_or(usize::MAX));
        let size = files.len().div_ceil(groups).max(1);
        let mut config = config.clone();
        config.file_groups = files.chunks(size).map(|chunk| FileGroup::new(chunk.to_vec())).collect();
        config.preserve_order = true;
        config
    }
}

impl fmt::Debug for SparkFileOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SparkFileOrder").field("files", &self.rank.len()).finish()
    }
}

#[async_trait::async_trait]
impl TableProvider for SparkFileOrder {
    fn schema(&self) -> SchemaRef {
        self.inner.schema()
    }

    fn table_type(&self) -> TableType {
        self.inner.table_type()
    }

    fn supports_filters_pushdown(&self, filters: &[&Expr]) -> Result<Vec<TableProviderFilterPushDown>> {
        self.inner.supports_filters_pushdown(filters)
    }

    async fn scan(&self, state: &dyn Session, projection: Option<&Vec<usize>>, filters: &[Expr], limit: Option<usize>) -> Result<Arc<dyn ExecutionPlan>> {
        let plan = self.inner.scan(state, projection, filters, limit).await?;
        let Some(exec) = plan.downcast_ref::<DataSourceExec>() else {
            return Ok(plan);
        };
        let Some(config) = exec.data_source().downcast_ref::<FileScanConfig>() else {
            return Ok(plan);
        };
        Ok(DataSourceExec::from_data_source(self.reorder(config)))
    }
}
