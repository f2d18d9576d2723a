//! The web UI of the running shell, Spark's `SparkUI` on `spark.ui.port` (4040): pages
//! for jobs, stages, SQL plans, storage, the environment and executors, and Spark's
//! monitoring REST API under `/api/v1` (`api`), served by axum on the engine's tokio
//! runtime.
//!
//! The server listens on 127.0.0.1 only. It is bound when the SparkContext starts (so the
//! banner and `sc.uiWebUrl` can name it) and does no work until a browser connects. A
//! random token in the URL keeps other local users out: a request that brings it gets a
//! cookie for the later ones, and a request with neither gets 403.
pub mod api;

use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, Mutex, OnceLock};

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::Value;

use crate::jobs;

/// What the UI asks of the session that the jobs model does not hold.
pub trait UiSource: Send + Sync {
    /// Spark's `/environment` document: the Spark configuration, Python and paths.
    fn environment(&self) -> Value;
    /// Spark's `/storage/rdd` list: the cached DataFrames, tables and RDDs.
    fn storage(&self) -> Value;
}

/// Where and as what the UI is served.
pub struct UiConfig {
    /// `spark.ui.port`; 0 picks a free port.
    pub port: u16,
    /// `spark.port.maxRetries`: how many ports after `port` are tried when it is taken.
    pub max_retries: u16,
    pub application: api::Application,
}

/// A running UI: its address with the token (`sc.uiWebUrl`).
#[derive(Clone, Debug)]
pub struct UiServer {
    pub url: String,
}

struct UiState {
    token: String,
    port: u16,
    source: Arc<dyn UiSource>,
}

/// The application the UI shows: the latest SparkContext's (a context made after
/// `sc.stop()` takes over the running server).
fn application_slot() -> &'static Mutex<Option<api::Application>> {
    static APPLICATION: OnceLock<Mutex<Option<api::Application>>> = OnceLock::new();
    APPLICATION.get_or_init(|| Mutex::new(None))
}

fn application() -> Option<api::Application> {
    application_slot().lock().unwrap_or_else(|p| p.into_inner()).clone()
}

/// The process's UI, once started (one SparkContext at a time per process, as in Spark).
static SERVER: OnceLock<UiServer> = OnceLock::new();

/// The running UI, if one was started.
pub fn running() -> Option<UiServer> {
    SERVER.get().cloned()
}

/// Binds 127.0.0.1 at `config.port`, or the next free port within `config.max_retries`
/// as Spark's `Utils.startServiceOnPort` does, and serves the UI on `runtime`. A second
/// call (a new SparkContext after `stop`) shows its application on the running UI.
pub fn start(runtime: &tokio::runtime::Handle, config: UiConfig, source: Arc<dyn UiSource>) -> std::io::Result<UiServer> {
    *application_slot().lock().unwrap_or_else(|p| p.into_inner()) = Some(config.application);
    if let Some(server) = SERVER.get() {
        return Ok(server.clone());
    }
    let listener = bind(config.port, config.max_retries)?;
    listener.set_nonblocking(true)?;
    let port = listener.local_addr()?.port();
    let token = random_token()?;
    let url = format!("http://127.0.0.1:{port}/?token={token}");
    let state = Arc::new(UiState { token, port, source });
    let app = router(state);
    runtime.spawn(async move {
        let Ok(listener) = tokio::net::TcpListener::from_std(listener) else { return };
        let _ = axum::serve(listener, app).await;
    });
    let server = UiServer { url };
    Ok(SERVER.get_or_init(|| server).clone())
}

fn bind(port: u16, max_retries: u16) -> std::io::Result<TcpListener> {
    let tries = if port == 0 { 0 } else { max_retries };
    let mut last = None;
    for offset in 0..=tries {
        let Some(candidate) = port.checked_add(offset) else { break };
        match TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], candidate))) {
            Ok(listener) => return Ok(listener),
            Err(error) if error.kind() == std::io::ErrorKind::AddrInUse => last = Some(error),
            Err(error) => return Err(error),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::new(std::io::ErrorKind::AddrInUse, "no free port")))
}

/// 128 random bits as hex, from the operating system.
fn random_token() -> std::io::Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn router(state: Arc<UiState>) -> Router {
    let app_path = "/api/v1/applications/{app}";
    Router::new()
        .route("/", get(|| async { redirect("/jobs/") }))
        .route("/api/v1/version", get(|| async { json(serde_json::json!({"spark": crate::settings::SPARK_VERSION})) }))
        .route("/api/v1/applications", get(|| async { json(application().map(|app| api::applications(&app)).unwrap_or_else(|| Value::Array(Vec::new()))) }))
        .route(&format!("{app_path}/jobs"), get(jobs_list))
        .route(&format!("{app_path}/jobs/{{id}}"), get(job_one))
        .route(&format!("{app_path}/stages"), get(stages_list))
        .route(&format!("{app_path}/stages/{{id}}"), get(stage_attempts))
        .route(&format!("{app_path}/stages/{{id}}/{{attempt}}"), get(stage_attempt))
        .route(&format!("{app_path}/stages/{{id}}/{{attempt}}/taskList"), get(task_list))
        .route(&format!("{app_path}/sql"), get(sql_list))
        .route(&format!("{app_path}/sql/{{id}}"), get(sql_one))
        .route(&format!("{app_path}/environment"), get(environment))
        .route(&format!("{app_path}/executors"), get(|state: State<Arc<UiState>>, app: Path<String>| executors(state, app, false)))
        .route(&format!("{app_path}/allexecutors"), get(|state: State<Arc<UiState>>, app: Path<String>| executors(state, app, true)))
        .route(&format!("{app_path}/storage/rdd"), get(storage))
        .route("/api/ember/plan/{id}", get(plan_tree))
        .route("/static/{file}", get(asset))
        .fallback(page)
        .layer(middleware::from_fn_with_state(state.clone(), authorize))
        .with_state(state)
}

/// The query string's `key=value` pairs (the values this API takes need no decoding
/// beyond `+` and `%20`).
fn parameters(query: Option<&str>) -> Vec<(String, String)> {
    query
        .unwrap_or("")
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (key.to_string(), value.replace('+', " ").replace("%20", " "))
        })
        .collect()
}

fn cookie_name(port: u16) -> String {
    // Cookies are per host, not per port: each shell's UI has a cookie of its own.
    format!("ember_ui_token_{port}")
}

/// Compares in time independent of where the texts differ.
fn same_secret(given: &str, expected: &str) -> bool {
    given.len() == expected.len() && given.bytes().zip(expected.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

/// Lets a request through when it brings the token: in the cookie, as a bearer token, or
/// in `?token=`; a page request with the token in its URL is redirected to the same page
/// without it, and given the cookie.
async fn authorize(State(state): State<Arc<UiState>>, request: Request, next: Next) -> Response {
    let name = cookie_name(state.port);
    let by_cookie = request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .any(|(key, value)| key == name && same_secret(value, &state.token));
    let by_header = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .is_some_and(|token| same_secret(token.trim(), &state.token));
    if by_cookie || by_header {
        return next.run(request).await;
    }
    let query = parameters(request.uri().query());
    if !query.iter().any(|(key, value)| key == "token" && same_secret(value, &state.token)) {
        return (StatusCode::FORBIDDEN, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], "403 Forbidden: open the UI at the address sc.uiWebUrl gives; it carries the token\n").into_response();
    }
    let cookie = HeaderValue::from_str(&format!("{name}={}; Path=/; HttpOnly; SameSite=Strict", state.token));
    let path = request.uri().path().to_string();
    let mut response = if path.starts_with("/api/") {
        next.run(request).await
    } else {
        let rest: Vec<String> = query.iter().filter(|(key, _)| key != "token").map(|(key, value)| format!("{key}={value}")).collect();
        let target = if rest.is_empty() { path } else { format!("{path}?{}", rest.join("&")) };
        redirect(&target)
    };
    if let Ok(cookie) = cookie {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

fn redirect(target: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, target.to_string())]).into_response()
}

fn json(value: Value) -> Response {
    let body = serde_json::to_string_pretty(&value).unwrap_or_default();
    ([(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")], body).into_response()
}

fn not_found(message: String) -> Response {
    (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/plain")], message).into_response()
}

/// The application named `app`, or Spark's answer for another application's id.
fn check_app(app: &str) -> Result<api::Application, Response> {
    application().filter(|current| current.id == app).ok_or_else(|| not_found(format!("no such app: {app}")))
}

fn statuses(request: &Request) -> Vec<String> {
    parameters(request.uri().query()).into_iter().filter(|(key, _)| key == "status").map(|(_, value)| value).collect()
}

async fn jobs_list(Path(app): Path<String>, request: Request) -> Response {
    if let Err(response) = check_app(&app) {
        return response;
    }
    let registry = jobs::registry();
    json(api::jobs(&registry.jobs(), &registry.stages(), &statuses(&request)))
}

async fn job_one(Path((app, id)): Path<(String, String)>) -> Response {
    if let Err(response) = check_app(&app) {
        return response;
    }
    let registry = jobs::registry();
    let found = id.parse::<usize>().ok().and_then(|id| registry.jobs().into_iter().find(|j| j.job_id == id));
    match found {
        Some(job) => json(api::job(&job, &registry.stages())),
        None => not_found(format!("unknown job: {id}")),
    }
}

async fn stages_list(Path(app): Path<String>, request: Request) -> Response {
    if let Err(response) = check_app(&app) {
        return response;
    }
    let details = parameters(request.uri().query()).iter().any(|(key, value)| key == "details" && value == "true");
    let registry = jobs::registry();
    json(api::stages(&registry.jobs(), &registry.stages(), &statuses(&request), details))
}

/// A stage and its job, or Spark's 404.
fn find_stage(id: &str) -> Result<(jobs::StageInfo, Option<jobs::JobInfo>), Response> {
    let registry = jobs::registry();
    let stage = id.parse::<usize>().ok().and_then(|id| registry.stage(id)).ok_or_else(|| not_found(format!("unknown stage: {id}")))?;
    let job = registry.jobs().into_iter().find(|j| j.job_id == stage.job_id);
    Ok((stage, job))
}

async fn stage_attempts(Path((app, id)): Path<(String, String)>) -> Response {
    if let Err(response) = check_app(&app) {
        return response;
    }
    match find_stage(&id) {
        Ok((stage, job)) => json(Value::Array(vec![api::stage(&stage, job.as_ref(), true)])),
        Err(response) => response,
    }
}

/// Stage `id`'s attempt `attempt` (Ember runs each stage once: attempt 0), or Spark's 404.
fn find_attempt(app: &str, id: &str, attempt: &str) -> Result<(jobs::StageInfo, Option<jobs::JobInfo>), Response> {
    check_app(app)?;
    if attempt != "0" {
        return Err(not_found(format!("unknown attempt for stage {id}.  Found attempts: [0]")));
    }
    find_stage(id)
}

async fn stage_attempt(Path((app, id, attempt)): Path<(String, String, String)>) -> Response {
    match find_attempt(&app, &id, &attempt) {
        Ok((stage, job)) => json(api::stage(&stage, job.as_ref(), true)),
        Err(response) => response,
    }
}

async fn task_list(Path((app, id, attempt)): Path<(String, String, String)>) -> Response {
    match find_attempt(&app, &id, &attempt) {
        Ok((stage, _)) => json(Value::Array(stage.tasks.iter().map(api::task).collect())),
        Err(response) => response,
    }
}

async fn sql_list(Path(app): Path<String>, request: Request) -> Response {
    if let Err(response) = check_app(&app) {
        return response;
    }
    let details = !parameters(request.uri().query()).iter().any(|(key, value)| key == "details" && value == "false");
    let registry = jobs::registry();
    let jobs = registry.jobs();
    json(Value::Array(registry.queries().iter().map(|q| api::execution(q, &jobs, details)).collect()))
}

async fn sql_one(Path((app, id)): Path<(String, String)>) -> Response {
    if let Err(response) = check_app(&app) {
        return response;
    }
    let registry = jobs::registry();
    let jobs = registry.jobs();
    match id.parse::<usize>().ok().and_then(|id| registry.queries().into_iter().find(|q| q.execution_id == id)) {
        Some(query) => json(api::execution(&query, &jobs, true)),
        None => not_found(format!("unknown query execution id: {id}")),
    }
}

/// The operator tree of execution `id` with stages and descriptions, for the SQL page.
async fn plan_tree(Path(id): Path<String>) -> Response {
    match id.parse::<usize>().ok().and_then(|id| jobs::registry().queries().into_iter().find(|q| q.execution_id == id)) {
        Some(query) => json(api::plan_tree(&query.plan)),
        None => not_found(format!("unknown query execution id: {id}")),
    }
}

/// Asks the session's Python side on a blocking thread (it waits for the GIL).
async fn from_source(state: &Arc<UiState>, ask: fn(&dyn UiSource) -> Value) -> Value {
    let source = state.source.clone();
    tokio::task::spawn_blocking(move || ask(source.as_ref())).await.unwrap_or(Value::Null)
}

async fn environment(State(state): State<Arc<UiState>>, Path(app): Path<String>) -> Response {
    if let Err(response) = check_app(&app) {
        return response;
    }
    json(from_source(&state, |source| source.environment()).await)
}

async fn storage(State(state): State<Arc<UiState>>, Path(app): Path<String>) -> Response {
    if let Err(response) = check_app(&app) {
        return response;
    }
    json(from_source(&state, |source| source.storage()).await)
}

/// The driver's cache totals from the storage list.
fn storage_totals(storage: &Value) -> api::StorageTotals {
    let entries = storage.as_array().map(Vec::as_slice).unwrap_or(&[]);
    let sum = |key: &str| entries.iter().filter_map(|e| e[key].as_u64()).sum::<u64>();
    api::StorageTotals { memory: sum("memoryUsed"), disk: sum("diskUsed"), blocks: sum("numCachedPartitions") as usize }
}

async fn executors(State(state): State<Arc<UiState>>, Path(app): Path<String>, include_ended: bool) -> Response {
    let application = match check_app(&app) {
        Ok(application) => application,
        Err(response) => return response,
    };
    let totals = storage_totals(&from_source(&state, |source| source.storage()).await);
    let registry = jobs::registry();
    json(api::executors(&application, &registry.executors(), &registry.stages(), totals, include_ended))
}

/// The static files, embedded in the binary (the machine may be offline).
const ASSETS: [(&str, &str, &str); 3] = [
    ("app.js", "text/javascript; charset=utf-8", include_str!("assets/app.js")),
    ("style.css", "text/css; charset=utf-8", include_str!("assets/style.css")),
    ("plan.js", "text/javascript; charset=utf-8", include_str!("assets/plan.js")),
];

async fn asset(Path(file): Path<String>) -> Response {
    match ASSETS.iter().find(|(name, _, _)| *name == file) {
        Some((_, content_type, body)) => ([(header::CONTENT_TYPE, *content_type)], *body).into_response(),
        None => not_found(format!("no such file: {file}")),
    }
}

/// The pages, Spark's paths: one HTML shell whose script draws the tab the path names.
const PAGES: [&str; 6] = ["/jobs/", "/stages/", "/SQL/", "/storage/", "/environment/", "/executors/"];

async fn page(request: Request) -> Response {
    let path = request.uri().path();
    if PAGES.iter().any(|page| path.starts_with(page) || path == page.trim_end_matches('/')) {
        let body = include_str!("assets/index.html");
        return ([(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], Body::from(body)).into_response();
    }
    not_found(format!("no such page: {path}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_string_is_read_as_pairs() {
        assert_eq!(parameters(Some("status=running&status=failed&token=ab")), vec![("status".into(), "running".into()), ("status".into(), "failed".into()), ("token".into(), "ab".into())]);
        assert!(parameters(None).is_empty());
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abd", "abc"));
        assert!(!same_secret("ab", "abc"));
    }

    #[test]
    fn a_taken_port_moves_the_ui_to_the_next() {
        let taken = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        match bind(port, 16) {
            Ok(next) => assert!(next.local_addr().unwrap().port() > port),
            // The next ports may be taken too on a busy machine; all of them is an error.
            Err(error) => assert_eq!(error.kind(), std::io::ErrorKind::AddrInUse),
        }
        assert!(bind(port, 0).is_err(), "no retries: the taken port is an error");
    }
}
