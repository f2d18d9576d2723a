//! A table whose files are read when a query runs, not when the DataFrame is made: Spark
//! reads file sources lazily, so a malformed record under FAILFAST raises at the action
//! (`collect`), and the DataFrame sees the files as they are when it runs. Used by the
//! sources that Ember parses itself (JSON, CSV); their schema is known up front.
use std::fmt;
use std::sync::Arc;

use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::catalog::{Session, TableProvider};
use datafusion::datasource::memory::MemorySourceConfig;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{Expr, TableType};
use datafusion::physical_plan::ExecutionPlan;

/// Reads the files into one list of batches per partition.
pub type ReadFiles = Arc<dyn Fn() -> super::error::Result<Vec<Vec<RecordBatch>>> + Send + Sync>;

/// A file source read at each scan.
pub struct FileTable {
    schema: SchemaRef,
    read: ReadFiles,
}

impl FileTable {
    pub fn new(schema: SchemaRef, read: ReadFiles) -> Self {
        FileTable { schema, read }
    }
}

impl fmt::Debug for FileTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileTable").field("schema", &self.schema).finish()
    }
}

#[async_trait::async_trait]
impl TableProvider for FileTable {
    fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }

    fn table_type(&self) -> TableType {
        TableType::Base
    }

    async fn scan(&self, _state: &dyn Session, projection: Option<&Vec<usize>>, _filters: &[Expr], _limit: Option<usize>) -> Result<Arc<dyn ExecutionPlan>> {
        let mut partitions = (self.read)().map_err(|e| DataFusionError::External(Box::new(e)))?;
        if partitions.is_empty() {
            partitions.push(Vec::new());
        }
        Ok(MemorySourceConfig::try_new_exec(&partitions, self.schema.clone(), projection.cloned())?)
    }
}
