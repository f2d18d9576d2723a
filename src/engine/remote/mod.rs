//! The remote back end: the same unresolved plans, encoded as Spark Connect protos
//! (`encode`) and run on a Spark cluster over gRPC; results come back as Arrow batches.
//! Mirrors PySpark's Connect client (`pyspark.sql.connect.client.core.SparkConnectClient`):
//! ExecutePlan, AnalyzePlan, Config, Interrupt and ReleaseSession, with the session id,
//! user context and bearer token of the connection string (`url`).
pub mod backend;
pub mod encode;
pub mod schema;
pub mod url;

use std::collections::BTreeMap;
use std::io::Cursor;
use std::sync::Mutex;
use std::time::Duration;

use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::ipc::reader::StreamReader;
use datafusion::arrow::record_batch::RecordBatch;
use prost::Message;
use spark_connect_proto as pb;
use spark_connect_proto::spark_connect_service_client::SparkConnectServiceClient;
use tonic::metadata::{Ascii, MetadataValue};
use tonic::service::interceptor::InterceptedService;
use tonic::transport::{Channel, ClientTlsConfig, Endpoint};

pub use url::ConnectUrl;

/// Adds the bearer token to every call (`authorization: Bearer …`), as gRPC's
/// `access_token_call_credentials` does.
#[derive(Clone)]
pub struct Auth {
    header: Option<MetadataValue<Ascii>>,
}

impl tonic::service::Interceptor for Auth {
    fn call(&mut self, mut request: tonic::Request<()>) -> std::result::Result<tonic::Request<()>, tonic::Status> {
        if let Some(header) = &self.header {
            request.metadata_mut().insert("authorization", header.clone());
        }
        Ok(request)
    }
}

type Client = SparkConnectServiceClient<InterceptedService<Channel, Auth>>;

/// An error of the remote back end.
#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
    /// The server could not be reached, or the channel failed (`SparkConnectGrpcException`).
    #[error("{0}")]
    Connection(String),
    /// The server refused the operation: the PySpark class of Spark's exception, its
    /// condition, message and parameters (from the error's `ErrorInfo`).
    #[error("{message}")]
    Server { class: String, condition: Option<String>, message: String, parameters: BTreeMap<String, String> },
    /// The plan cannot be expressed in Spark Connect's protos.
    #[error("{0}")]
    Encode(#[from] encode::EncodeError),
    #[error("{0}")]
    Arrow(#[from] datafusion::arrow::error::ArrowError),
}

/// Result alias of the remote back end.
pub type Result<T> = std::result::Result<T, RemoteError>;

/// `google.rpc.Status`, the details of a gRPC error.
#[derive(Clone, PartialEq, prost::Message)]
struct RpcStatus {
    #[prost(int32, tag = "1")]
    code: i32,
    #[prost(string, tag = "2")]
    message: String,
    #[prost(message, repeated, tag = "3")]
    details: Vec<prost_types_any::Any>,
}

/// `google.rpc.ErrorInfo`: Spark puts the exception's classes and condition in `metadata`.
#[derive(Clone, PartialEq, prost::Message)]
struct ErrorInfo {
    #[prost(string, tag = "1")]
    reason: String,
    #[prost(string, tag = "2")]
    domain: String,
    #[prost(map = "string, string", tag = "3")]
    metadata: std::collections::HashMap<String, String>,
}

mod prost_types_any {
    /// `google.protobuf.Any`.
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct Any {
        #[prost(string, tag = "1")]
        pub type_url: String,
        #[prost(bytes = "vec", tag = "2")]
        pub value: Vec<u8>,
    }
}

/// The PySpark class for the JVM classes of a server error (PySpark's
/// `EXCEPTION_CLASS_MAPPING` in `pyspark.errors.exceptions.connect`).
fn python_class(classes: &[String]) -> &'static str {
    for class in classes {
        let mapped = match class.as_str() {
            "org.apache.spark.sql.catalyst.parser.ParseException" => "ParseException",
            "org.apache.spark.sql.AnalysisException" => "AnalysisException",
            "org.apache.spark.sql.execution.QueryExecutionException" => "QueryExecutionException",
            "java.lang.NumberFormatException" => "NumberFormatException",
            "java.lang.IllegalArgumentException" => "IllegalArgumentException",
            "java.lang.ArithmeticException" => "ArithmeticException",
            "java.lang.UnsupportedOperationException" => "UnsupportedOperationException",
            "java.lang.ArrayIndexOutOfBoundsException" => "ArrayIndexOutOfBoundsException",
            "java.time.DateTimeException" => "DateTimeException",
            "org.apache.spark.SparkRuntimeException" => "SparkRuntimeException",
            "org.apache.spark.SparkUpgradeException" => "SparkUpgradeException",
            "org.apache.spark.api.python.PythonException" => "PythonException",
            "org.apache.spark.SparkNoSuchElementException" => "SparkNoSuchElementException",
            "org.apache.spark.SparkArithmeticException" => "ArithmeticException",
            "org.apache.spark.SparkNumberFormatException" => "NumberFormatException",
            "org.apache.spark.SparkIllegalArgumentException" => "IllegalArgumentException",
            "org.apache.spark.SparkDateTimeException" => "DateTimeException",
            _ => continue,
        };
        return mapped;
    }
    "UnknownException"
}

/// Turns a gRPC status into a `RemoteError`, reading Spark's `ErrorInfo` when present.
fn server_error(status: tonic::Status) -> RemoteError {
    if matches!(status.code(), tonic::Code::Unavailable | tonic::Code::Unknown | tonic::Code::Cancelled | tonic::Code::Unauthenticated | tonic::Code::PermissionDenied | tonic::Code::DeadlineExceeded) && status.details().is_empty() {
        return RemoteError::Connection(format!("{}: {}", status_code_name(status.code()), status.message()));
    }
    let mut class = "UnknownException";
    let mut condition = None;
    let mut parameters = BTreeMap::new();
    if let Ok(rpc) = RpcStatus::decode(status.details()) {
        for detail in rpc.details.iter().filter(|d| d.type_url.ends_with("google.rpc.ErrorInfo")) {
            if let Ok(info) = ErrorInfo::decode(detail.value.as_slice()) {
                let classes: Vec<String> = info.metadata.get("classes").and_then(|c| serde_json::from_str(c).ok()).unwrap_or_default();
                class = python_class(&classes);
                condition = info.metadata.get("errorClass").cloned();
                if let Some(p) = info.metadata.get("messageParameters").and_then(|p| serde_json::from_str::<BTreeMap<String, String>>(p).ok()) {
                    parameters = p;
                }
            }
        }
    }
    let mut message = status.message().to_string();
    // The Python class adds the SQLSTATE itself, as for local errors.
    if let Some(at) = message.rfind(" SQLSTATE: ") {
        if message[at + 11..].chars().all(|c| c.is_ascii_alphanumeric()) {
            message.truncate(at);
        }
    }
    if let Some(condition) = &condition {
        let prefix = format!("[{condition}] ");
        if let Some(rest) = message.strip_prefix(&prefix) {
            message = rest.to_string();
        }
    }
    RemoteError::Server { class: class.to_string(), condition, message, parameters }
}

/// A relation as the root of the plan an AnalyzePlan request asks about.
fn root(relation: pb::Relation) -> Option<pb::Plan> {
    Some(pb::Plan { op_type: Some(pb::plan::OpType::Root(relation)) })
}

/// Whether a failed call never reached Spark and may be sent again: the channel was down
/// or broken (a restarted server, a dropped connection), with no Spark error attached.
fn retryable(status: &tonic::Status) -> bool {
    matches!(status.code(), tonic::Code::Unavailable | tonic::Code::Unknown) && RpcStatus::decode(status.details()).map(|r| r.details.is_empty()).unwrap_or(true)
}

/// Sends a request again while it fails with a [`retryable`] status, waiting 50 ms, then
/// four times longer each time up to 5 s, for about 20 s in all: PySpark Connect's
/// `RetryPolicy` (initial backoff 50 ms, multiplier 4), with a shorter total.
async fn retrying<T, F, Fut>(mut call: F) -> std::result::Result<T, tonic::Status>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = std::result::Result<T, tonic::Status>>,
{
    let mut backoff = std::time::Duration::from_millis(50);
    let mut waited = std::time::Duration::ZERO;
    loop {
        match call().await {
            Err(status) if retryable(&status) && waited < std::time::Duration::from_secs(20) => {
                tokio::time::sleep(backoff).await;
                waited += backoff;
                backoff = (backoff * 4).min(std::time::Duration::from_secs(5));
            }
            other => return other,
        }
    }
}

/// The id under which the server keeps a failed operation's error details (`errorId` in
/// the `ErrorInfo` metadata), for FetchErrorDetails.
fn error_id(status: &tonic::Status) -> Option<String> {
    let rpc = RpcStatus::decode(status.details()).ok()?;
    rpc.details
        .iter()
        .filter(|d| d.type_url.ends_with("google.rpc.ErrorInfo"))
        .filter_map(|d| ErrorInfo::decode(d.value.as_slice()).ok())
        .find_map(|info| info.metadata.get("errorId").cloned())
}

/// PySpark Connect's `_extract_jvm_stacktrace`: the root error's JVM class and frames, then
/// each cause as `Caused by: class: message` with its frames. Empty when the server sends
/// no frames (`spark.sql.connect.serverStacktrace.enabled=false`).
fn jvm_stacktrace(details: &pb::FetchErrorDetailsResponse) -> String {
    let mut lines = Vec::new();
    let mut index = details.root_error_idx;
    let mut seen = 0;
    while let Some(error) = index.and_then(|i| usize::try_from(i).ok()).and_then(|i| details.errors.get(i)) {
        let class = error.error_type_hierarchy.first().cloned().unwrap_or_default();
        if seen == 0 {
            if error.stack_trace.is_empty() {
                return String::new();
            }
            lines.push(class);
        } else {
            lines.push(format!("Caused by: {class}: {}", error.message));
        }
        for frame in &error.stack_trace {
            lines.push(format!("\tat {}.{}({}:{})", frame.declaring_class, frame.method_name, frame.file_name.as_deref().unwrap_or(""), frame.line_number));
        }
        seen += 1;
        if seen > details.errors.len() {
            break;
        }
        index = error.cause_idx;
    }
    lines.join("\n")
}

fn status_code_name(code: tonic::Code) -> &'static str {
    match code {
        tonic::Code::Unavailable => "UNAVAILABLE",
        tonic::Code::Unauthenticated => "UNAUTHENTICATED",
        tonic::Code::PermissionDenied => "PERMISSION_DENIED",
        tonic::Code::DeadlineExceeded => "DEADLINE_EXCEEDED",
        tonic::Code::Cancelled => "CANCELLED",
        _ => "UNKNOWN",
    }
}

/// One Spark Connect session.
pub struct RemoteSession {
    runtime: tokio::runtime::Runtime,
    client: Client,
    pub url: ConnectUrl,
    pub session_id: String,
    server_session_id: Mutex<Option<String>>,
    user_agent: String,
}

impl std::fmt::Debug for RemoteSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RemoteSession({}, session_id={})", self.url.redacted(), self.session_id)
    }
}

impl RemoteSession {
    /// Connects to the server of `url` and checks that it answers (AnalyzePlan's
    /// SparkVersion). TLS is used when the URL asks for it and never dropped.
    pub fn connect(url: ConnectUrl, session_id: String) -> Result<RemoteSession> {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).thread_name("ember-connect").enable_all().build().map_err(|e| RemoteError::Connection(e.to_string()))?;
        let tls = url.tls();
        let scheme = if tls { "https" } else { "http" };
        let mut endpoint = Endpoint::from_shared(format!("{scheme}://{}", url.endpoint())).map_err(|e| RemoteError::Connection(e.to_string()))?.connect_timeout(Duration::from_secs(10)).tcp_nodelay(true);
        if tls {
            let host = url.host.trim_start_matches('[').trim_end_matches(']').to_string();
            endpoint = endpoint.tls_config(ClientTlsConfig::new().with_native_roots().domain_name(host)).map_err(|e| RemoteError::Connection(e.to_string()))?;
        }
        let channel = runtime
            .block_on(endpoint.connect())
            .map_err(|e| RemoteError::Connection(format!("Cannot connect to the Spark Connect server at {}: {}", url.endpoint(), error_chain(&e))))?;
        let header = match url.token() {
            Some(token) => Some(format!("Bearer {token}").parse::<MetadataValue<Ascii>>().map_err(|_| RemoteError::Connection("the token is not valid in an HTTP header".into()))?),
            None => None,
        };
        let client = SparkConnectServiceClient::with_interceptor(channel, Auth { header }).max_decoding_message_size(256 << 20).max_encoding_message_size(256 << 20);
        let user_agent = url.user_agent();
        let session = RemoteSession { runtime, client, url, session_id, server_session_id: Mutex::new(None), user_agent };
        session.spark_version()?;
        Ok(session)
    }

    fn user_context(&self) -> Option<pb::UserContext> {
        Some(pb::UserContext { user_id: self.url.user_id(), user_name: self.url.user_id(), extensions: Vec::new() })
    }

    fn observed(&self) -> Option<String> {
        self.server_session_id.lock().ok().and_then(|s| s.clone())
    }

    fn remember(&self, server_session_id: &str) {
        if !server_session_id.is_empty() {
            if let Ok(mut known) = self.server_session_id.lock() {
                *known = Some(server_session_id.to_string());
            }
        }
    }

    /// Runs a future on the session's runtime.
    pub fn block_on<F: std::future::Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    /// The tokio runtime the session's calls run on.
    pub fn tokio_runtime(&self) -> &tokio::runtime::Runtime {
        &self.runtime
    }

    /// Runs a plan (ExecutePlan) with `operation_id` and `tags`; returns the Arrow schema
    /// and batches of its result. `progress` hears each ExecutionProgress message.
    pub async fn execute(&self, plan: pb::Plan, operation_id: &str, tags: Vec<String>, progress: &(dyn Fn(&pb::execute_plan_response::ExecutionProgress) + Sync)) -> Result<(Option<SchemaRef>, Vec<RecordBatch>)> {
        use futures::StreamExt;
        let request = pb::ExecutePlanRequest {
            session_id: self.session_id.clone(),
            client_observed_server_side_session_id: self.observed(),
            user_context: self.user_context(),
            operation_id: Some(operation_id.to_string()),
            plan: Some(plan),
            client_type: Some(self.user_agent.clone()),
            request_options: Vec::new(),
            tags,
        };
        let client = self.client.clone();
        let mut stream = match retrying(|| { let (mut client, request) = (client.clone(), request.clone()); async move { client.execute_plan(request).await } }).await {
            Ok(response) => response.into_inner(),
            Err(status) => return Err(self.failure(status).await),
        };
        let mut schema = None;
        let mut batches = Vec::new();
        while let Some(response) = stream.next().await {
            let response = match response {
                Ok(response) => response,
                Err(status) => return Err(self.failure(status).await),
            };
            self.remember(&response.server_side_session_id);
            match response.response_type {
                Some(pb::execute_plan_response::ResponseType::ArrowBatch(batch)) => {
                    let reader = StreamReader::try_new(Cursor::new(batch.data.to_vec()), None)?;
                    schema = Some(reader.schema());
                    for batch in reader {
                        batches.push(batch?);
                    }
                }
                Some(pb::execute_plan_response::ResponseType::ExecutionProgress(p)) => progress(&p),
                Some(pb::execute_plan_response::ResponseType::ResultComplete(_)) => break,
                _ => {}
            }
        }
        Ok((schema, batches))
    }

    /// The error of a failed request. When the server kept the details, they are fetched
    /// (FetchErrorDetails) and the message gets PySpark Connect's `JVM stacktrace:`
    /// section, with the `Caused by:` chain of the causes.
    async fn failure(&self, status: tonic::Status) -> RemoteError {
        let id = error_id(&status);
        let full = status.message().to_string();
        let mut error = server_error(status);
        // The server restarted and lost this session's state: Spark says so once, and the
        // next request opens the session afresh on the new server (a reconnect).
        if let RemoteError::Server { condition: Some(condition), .. } = &error {
            if condition == "INVALID_HANDLE.SESSION_CHANGED" {
                if let Ok(mut observed) = self.server_session_id.lock() {
                    *observed = None;
                }
            }
        }
        if let RemoteError::Server { condition: Some(condition), message, parameters, .. } = &mut error {
            if condition == "PATH_NOT_FOUND" {
                let path = parameters.get("path").cloned().unwrap_or_default();
                let local = path.strip_prefix("file:").unwrap_or(&path).trim_start_matches("//");
                let local = if local.starts_with('/') { local.to_string() } else { format!("/{local}") };
                if !path.is_empty() && std::path::Path::new(&local).exists() {
                    message.push_str(&format!(" The path exists on this machine, not where the Spark Connect server reads it: copy it there with spark.copyFromLocalToFs(\"{local}\", dest_path) and read dest_path."));
                }
            }
        }
        let Some(error_id) = id else { return error };
        let request = pb::FetchErrorDetailsRequest {
            session_id: self.session_id.clone(),
            client_observed_server_side_session_id: self.observed(),
            user_context: self.user_context(),
            error_id,
            client_type: Some(self.user_agent.clone()),
        };
        let mut client = self.client.clone();
        if let Ok(details) = client.fetch_error_details(request).await {
            let trace = jvm_stacktrace(details.get_ref());
            if let RemoteError::Server { message, condition: Some(condition), .. } = &mut error {
                if !trace.is_empty() && full.starts_with(&format!("[{condition}]")) {
                    *message = format!("{full}\n\nJVM stacktrace:\n{trace}");
                }
            }
        }
        error
    }

    async fn analyze(&self, analyze: pb::analyze_plan_request::Analyze) -> Result<pb::analyze_plan_response::Result> {
        let request = pb::AnalyzePlanRequest {
            session_id: self.session_id.clone(),
            client_observed_server_side_session_id: self.observed(),
            user_context: self.user_context(),
            client_type: Some(self.user_agent.clone()),
            analyze: Some(analyze),
        };
        let client = self.client.clone();
        let response = match retrying(|| { let (mut client, request) = (client.clone(), request.clone()); async move { client.analyze_plan(request).await } }).await {
            Ok(response) => response.into_inner(),
            Err(status) => return Err(self.failure(status).await),
        };
        self.remember(&response.server_side_session_id);
        response.result.ok_or_else(|| RemoteError::Connection("the server sent an empty AnalyzePlan response".into()))
    }

    /// The server's Spark version.
    pub fn spark_version(&self) -> Result<String> {
        match self.block_on(self.analyze(pb::analyze_plan_request::Analyze::SparkVersion(pb::analyze_plan_request::SparkVersion {})))? {
            pb::analyze_plan_response::Result::SparkVersion(v) => Ok(v.version),
            _ => Ok(String::new()),
        }
    }

    /// Spark's `printSchema` text of a relation (AnalyzePlan's TreeString).
    pub async fn tree_string(&self, relation: pb::Relation) -> Result<String> {
        let plan = root(relation);
        match self.analyze(pb::analyze_plan_request::Analyze::TreeString(pb::analyze_plan_request::TreeString { plan, level: None })).await? {
            pb::analyze_plan_response::Result::TreeString(t) => Ok(t.tree_string),
            _ => Ok(String::new()),
        }
    }

    /// A relation's schema as Spark's JSON (AnalyzePlan's Schema), or `None` when it holds
    /// a type `schema::spark_json` does not model.
    pub async fn schema_json(&self, relation: pb::Relation) -> Result<Option<String>> {
        let plan = root(relation);
        Ok(match self.analyze(pb::analyze_plan_request::Analyze::Schema(pb::analyze_plan_request::Schema { plan })).await? {
            pb::analyze_plan_response::Result::Schema(answer) => answer.schema.as_ref().and_then(schema::spark_json).map(|v| v.to_string()),
            _ => None,
        })
    }

    /// AnalyzePlan's IsLocal (`is_streaming == false`) or IsStreaming (`true`) of a relation.
    pub async fn plan_flag(&self, relation: pb::Relation, is_streaming: bool) -> Result<bool> {
        use pb::analyze_plan_request::Analyze;
        use pb::analyze_plan_response::Result as Answer;
        let plan = root(relation);
        let question = if is_streaming { Analyze::IsStreaming(pb::analyze_plan_request::IsStreaming { plan }) } else { Analyze::IsLocal(pb::analyze_plan_request::IsLocal { plan }) };
        Ok(match self.analyze(question).await? {
            Answer::IsLocal(answer) => answer.is_local,
            Answer::IsStreaming(answer) => answer.is_streaming,
            _ => false,
        })
    }

    /// Spark's `explain(extended=True)` text of a relation (AnalyzePlan's Explain).
    pub async fn explain(&self, relation: pb::Relation) -> Result<String> {
        let plan = root(relation);
        let mode = pb::analyze_plan_request::explain::ExplainMode::Extended as i32;
        match self.analyze(pb::analyze_plan_request::Analyze::Explain(pb::analyze_plan_request::Explain { plan, explain_mode: mode })).await? {
            pb::analyze_plan_response::Result::Explain(e) => Ok(e.explain_string),
            _ => Ok(String::new()),
        }
    }

    /// Sets (`Some`) or unsets (`None`) a runtime conf on the server.
    pub async fn config_set_async(&self, key: &str, value: Option<&str>) -> Result<()> {
        use pb::config_request::operation::OpType;
        let op = match value {
            Some(value) => OpType::Set(pb::config_request::Set { pairs: vec![pb::KeyValue { key: key.to_string(), value: Some(value.to_string()) }], silent: None }),
            None => OpType::Unset(pb::config_request::Unset { keys: vec![key.to_string()] }),
        };
        self.config(op).await.map(|_| ())
    }

    /// The server's value of a conf, or None when unset.
    pub async fn config_get_async(&self, key: &str) -> Result<Option<String>> {
        use pb::config_request::operation::OpType;
        let pairs = self.config(OpType::GetOption(pb::config_request::GetOption { keys: vec![key.to_string()] })).await?;
        Ok(pairs.into_iter().next().and_then(|kv| kv.value))
    }

    async fn config(&self, op: pb::config_request::operation::OpType) -> Result<Vec<pb::KeyValue>> {
        let request = pb::ConfigRequest {
            session_id: self.session_id.clone(),
            client_observed_server_side_session_id: self.observed(),
            user_context: self.user_context(),
            operation: Some(pb::config_request::Operation { op_type: Some(op) }),
            client_type: Some(self.user_agent.clone()),
        };
        let client = self.client.clone();
        let response = retrying(|| { let (mut client, request) = (client.clone(), request.clone()); async move { client.config(request).await } }).await.map_err(server_error)?.into_inner();
        self.remember(&response.server_side_session_id);
        Ok(response.pairs)
    }

    /// PySpark Connect's `copyFromLocalToFs`: uploads a local file as the artifact
    /// `forward_to_fs<dest>`, which the server writes to `dest` on its file system (when
    /// `spark.sql.artifact.copyFromLocalToFs.allowDestLocal` or a non-local default FS allows
    /// it). Files over 32 KiB go in 32 KiB chunks, each with its CRC-32, as PySpark's
    /// `ArtifactManager` sends them.
    pub fn copy_from_local_to_fs(&self, local: &std::path::Path, dest: &str) -> Result<()> {
        use pb::add_artifacts_request::{ArtifactChunk, Batch, BeginChunkedArtifact, Payload, SingleChunkArtifact};
        const CHUNK: usize = 32 * 1024;
        let data = std::fs::read(local).map_err(|e| RemoteError::Connection(format!("cannot read {}: {e}", local.display())))?;
        let name = format!("forward_to_fs{dest}");
        let chunk = |bytes: &[u8]| ArtifactChunk { data: bytes.to_vec().into(), crc: i64::from(crc32fast::hash(bytes)) };
        let payloads = if data.len() <= CHUNK {
            vec![Payload::Batch(Batch { artifacts: vec![SingleChunkArtifact { name: name.clone(), data: Some(chunk(&data)) }] })]
        } else {
            let mut pieces = data.chunks(CHUNK);
            let first = pieces.next().map(chunk);
            let mut payloads = vec![Payload::BeginChunk(BeginChunkedArtifact { name: name.clone(), total_bytes: data.len() as i64, num_chunks: data.len().div_ceil(CHUNK) as i64, initial_chunk: first })];
            payloads.extend(pieces.map(|p| Payload::Chunk(chunk(p))));
            payloads
        };
        let requests: Vec<pb::AddArtifactsRequest> = payloads
            .into_iter()
            .map(|payload| pb::AddArtifactsRequest {
                session_id: self.session_id.clone(),
                user_context: self.user_context(),
                client_observed_server_side_session_id: self.observed(),
                client_type: Some(self.user_agent.clone()),
                payload: Some(payload),
            })
            .collect();
        let mut client = self.client.clone();
        let response = match self.block_on(client.add_artifacts(futures::stream::iter(requests))) {
            Ok(response) => response.into_inner(),
            Err(status) => return Err(self.block_on(self.failure(status))),
        };
        if response.artifacts.iter().any(|a| a.name == name && !a.is_crc_successful) {
            return Err(RemoteError::Connection(format!("the upload of {} to {dest} failed its CRC check", local.display())));
        }
        Ok(())
    }

    /// Interrupts operations: all of the session's (`None`), or one operation id.
    pub fn interrupt(&self, operation_id: Option<&str>) -> Result<Vec<String>> {
        use pb::interrupt_request::{Interrupt, InterruptType};
        let (kind, interrupt) = match operation_id {
            Some(id) => (InterruptType::OperationId, Some(Interrupt::OperationId(id.to_string()))),
            None => (InterruptType::All, None),
        };
        let request = pb::InterruptRequest {
            session_id: self.session_id.clone(),
            client_observed_server_side_session_id: self.observed(),
            user_context: self.user_context(),
            client_type: Some(self.user_agent.clone()),
            interrupt_type: kind as i32,
            interrupt,
        };
        let mut client = self.client.clone();
        let response = self.block_on(client.interrupt(request)).map_err(server_error)?.into_inner();
        Ok(response.interrupted_ids)
    }

    /// Ends the session on the server (ReleaseSession).
    pub fn release(&self) -> Result<()> {
        let request = pb::ReleaseSessionRequest { session_id: self.session_id.clone(), user_context: self.user_context(), client_type: Some(self.user_agent.clone()), ..Default::default() };
        let mut client = self.client.clone();
        self.block_on(client.release_session(request)).map_err(server_error)?;
        Ok(())
    }
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_errors_map_to_pyspark_classes_and_conditions() {
        let info = ErrorInfo {
            reason: "org.apache.spark.sql.AnalysisException".into(),
            domain: "org.apache.spark".into(),
            metadata: [
                ("classes".to_string(), r#"["org.apache.spark.sql.AnalysisException","org.apache.spark.SparkThrowable"]"#.to_string()),
                ("errorClass".to_string(), "TABLE_OR_VIEW_NOT_FOUND".to_string()),
                ("messageParameters".to_string(), r#"{"relationName":"`nope`"}"#.to_string()),
            ]
            .into(),
        };
        let details = RpcStatus { code: 13, message: String::new(), details: vec![prost_types_any::Any { type_url: "type.googleapis.com/google.rpc.ErrorInfo".into(), value: info.encode_to_vec() }] };
        let status = tonic::Status::with_details(tonic::Code::Internal, "[TABLE_OR_VIEW_NOT_FOUND] The table or view `nope` cannot be found.", details.encode_to_vec().into());
        let RemoteError::Server { class, condition, message, parameters } = server_error(status) else { panic!("not a server error") };
        assert_eq!(class, "AnalysisException");
        assert_eq!(condition.as_deref(), Some("TABLE_OR_VIEW_NOT_FOUND"));
        assert_eq!(message, "The table or view `nope` cannot be found.");
        assert_eq!(parameters.get("relationName").map(String::as_str), Some("`nope`"));
    }

    #[test]
    fn the_jvm_stacktrace_follows_the_cause_chain_as_pyspark_connect_prints_it() {
        use pb::fetch_error_details_response::{Error, StackTraceElement};
        let frame = |class: &str, method: &str, line| StackTraceElement { declaring_class: class.into(), method_name: method.into(), file_name: Some("F.scala".into()), line_number: line };
        let details = pb::FetchErrorDetailsResponse {
            root_error_idx: Some(0),
            errors: vec![
                Error { error_type_hierarchy: vec!["org.apache.spark.SparkException".into()], message: "[FAILED_READ_FILE.NO_HINT] x".into(), stack_trace: vec![frame("a.B", "read", 3)], cause_idx: Some(1), spark_throwable: None },
                Error { error_type_hierarchy: vec!["org.apache.spark.SparkException".into()], message: "[MALFORMED_RECORD_IN_PARSING] y".into(), stack_trace: vec![frame("c.D", "parse", 7)], cause_idx: None, spark_throwable: None },
            ],
            ..Default::default()
        };
        assert_eq!(
            jvm_stacktrace(&details),
            "org.apache.spark.SparkException\n\tat a.B.read(F.scala:3)\nCaused by: org.apache.spark.SparkException: [MALFORMED_RECORD_IN_PARSING] y\n\tat c.D.parse(F.scala:7)"
        );
        let without_frames = pb::FetchErrorDetailsResponse { root_error_idx: Some(0), errors: vec![Error { stack_trace: vec![], ..details.errors[0].clone() }], ..Default::default() };
        assert_eq!(jvm_stacktrace(&without_frames), "");
    }
}
