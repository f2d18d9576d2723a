// Ember's web UI: one page that draws the tab its path names (Spark's paths: /jobs/,
// /stages/, /SQL/, /storage/, /environment/, /executors/) from the REST API, and
// draws it again every second so that running jobs update without a reload.
"use strict";

const REFRESH_MS = 1000;
let appId = null;

function esc(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

async function getJson(path) {
  const response = await fetch(path, { credentials: "same-origin", cache: "no-store" });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

function api(path) {
  return getJson(`/api/v1/applications/${encodeURIComponent(appId)}${path}`);
}

function bytes(n) {
  if (!n) return "0.0 B";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i += 1; }
  return `${n.toFixed(1)} ${units[i]}`;
}

function parseTime(text) {
  return text ? new Date(text.replace("GMT", "Z")) : null;
}

function duration(ms) {
  if (ms === null || ms === undefined) return "";
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3600000) return `${(ms / 60000).toFixed(1)} min`;
  return `${(ms / 3600000).toFixed(1)} h`;
}

function between(start, end) {
  const s = parseTime(start);
  if (!s) return "";
  const e = end ? parseTime(end) : new Date();
  return duration(Math.max(0, e - s));
}

function shortTime(text) {
  const t = parseTime(text);
  return t ? t.toLocaleString() : "";
}

function progress(done, running, total) {
  const width = (n) => (total > 0 ? (100 * n) / total : 0);
  return `<div class="progress"><div class="done" style="width:${width(done)}%"></div>`
    + `<div class="running" style="left:${width(done)}%;width:${width(running)}%"></div>`
    + `<span class="label">${done}/${total}${running ? ` (${running} running)` : ""}</span></div>`;
}

function table(headers, rows, attrs = "") {
  return `<table ${attrs}><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead>`
    + `<tbody>${rows.join("")}</tbody></table>`;
}

function param(name) {
  return new URLSearchParams(location.search).get(name);
}

// ---------------------------------------------------------------- jobs

function jobRow(job) {
  const stages = job.numCompletedStages + job.numSkippedStages;
  const total = job.stageIds.length;
  return `<tr data-job-id="${job.jobId}">`
    + `<td class="num"><a href="/jobs/job/?id=${job.jobId}">${job.jobId}</a>${job.jobGroup ? ` <span class="muted">(${esc(job.jobGroup)})</span>` : ""}</td>`
    + `<td>${job.description ? `${esc(job.description)}<br>` : ""}<span class="muted">${esc(job.name)}</span></td>`
    + `<td>${shortTime(job.submissionTime)}</td><td class="duration">${between(job.submissionTime, job.completionTime)}</td>`
    + `<td class="stages" data-done="${stages}" data-total="${total}">${stages}/${total}${job.numSkippedStages ? ` (${job.numSkippedStages} skipped)` : ""}</td>`
    + `<td>${progress(job.numCompletedTasks, job.numActiveTasks, job.numTasks - job.numSkippedTasks)}</td>`
    + `<td class="status status-${job.status}">${job.status}</td></tr>`;
}

async function jobsPage() {
  const jobs = await api("/jobs");
  const running = jobs.filter((j) => j.status === "RUNNING");
  const ended = jobs.filter((j) => j.status !== "RUNNING");
  const headers = ["Job Id", "Description", "Submitted", "Duration", "Stages: Succeeded/Total", "Tasks: Succeeded/Total", "Status"];
  return `<h2>Spark Jobs</h2>`
    + `<h3>Active Jobs (${running.length})</h3>${table(headers, running.map(jobRow), 'id="active-jobs"')}`
    + `<h3>Completed Jobs (${ended.length})</h3>${table(headers, ended.map(jobRow), 'id="completed-jobs"')}`;
}

async function jobPage() {
  const id = param("id");
  const [job, stages, queries] = await Promise.all([api(`/jobs/${id}`), api("/stages"), api("/sql?details=false")]);
  const own = stages.filter((s) => job.stageIds.includes(s.stageId));
  const query = queries.find((q) => [...q.successJobIds, ...q.runningJobIds, ...q.failedJobIds].includes(job.jobId));
  return `<h2>Details for Job ${job.jobId}</h2><dl class="summary">`
    + `<dt>Status</dt><dd class="status status-${job.status}">${job.status}</dd>`
    + `<dt>Submitted</dt><dd>${shortTime(job.submissionTime)}</dd>`
    + `<dt>Duration</dt><dd>${between(job.submissionTime, job.completionTime)}</dd>`
    + (job.jobGroup ? `<dt>Job group</dt><dd>${esc(job.jobGroup)}</dd>` : "")
    + (job.jobTags.length ? `<dt>Tags</dt><dd>${job.jobTags.map(esc).join(", ")}</dd>` : "")
    + `<dt>Call site</dt><dd>${esc(job.name)}</dd>`
    + (query ? `<dt>SQL / DataFrame</dt><dd><a id="job-plan-link" href="/SQL/execution/?id=${query.id}">Query ${query.id}</a></dd>` : "")
    + `</dl><h3>Stages (${own.length})</h3>${stageTable(own)}`;
}

// ---------------------------------------------------------------- stages

function stageTable(stages) {
  const rows = stages.map((s) => `<tr data-stage-id="${s.stageId}">`
    + `<td class="num"><a href="/stages/stage/?id=${s.stageId}&attempt=0">${s.stageId}</a></td>`
    + `<td>${esc(s.name)}</td><td>${shortTime(s.submissionTime)}</td><td>${between(s.submissionTime, s.completionTime)}</td>`
    + `<td>${progress(s.numCompleteTasks, s.numActiveTasks, s.numTasks)}</td>`
    + `<td class="num">${bytes(s.inputBytes)}</td><td class="num">${duration(s.executorRunTime)}</td>`
    + `<td class="status status-${s.status}">${s.status}</td></tr>`);
  return table(["Stage Id", "Description", "Submitted", "Duration", "Tasks: Succeeded/Total", "Input", "Task Time", "Status"], rows, 'class="stages"');
}

async function stagesPage() {
  const stages = await api("/stages");
  const groups = ["ACTIVE", "PENDING", "COMPLETE", "SKIPPED", "FAILED"];
  return `<h2>Stages for All Jobs</h2>` + groups
    .map((g) => [g, stages.filter((s) => s.status === g)])
    .filter(([, list]) => list.length > 0)
    .map(([g, list]) => `<h3>${g[0] + g.slice(1).toLowerCase()} Stages (${list.length})</h3>${stageTable(list)}`)
    .join("");
}

function quantiles(values) {
  if (values.length === 0) return ["", "", "", "", ""];
  const sorted = [...values].sort((a, b) => a - b);
  return [0, 0.25, 0.5, 0.75, 1].map((q) => duration(sorted[Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))]));
}

async function stagePage() {
  const id = param("id");
  const stage = await api(`/stages/${id}/0`);
  const tasks = Object.values(stage.tasks).sort((a, b) => a.index - b.index);
  const ended = tasks.filter((t) => t.duration !== undefined).map((t) => t.duration);
  const rows = tasks.map((t) => `<tr><td class="num">${t.index}</td><td class="num">${t.taskId}</td>`
    + `<td class="status status-${t.status}">${t.status}</td><td>${esc(t.executorId)}</td>`
    + `<td>${shortTime(t.launchTime)}</td><td class="num">${duration(t.duration)}</td></tr>`);
  return `<h2>Details for Stage ${stage.stageId} (Attempt 0)</h2><dl class="summary">`
    + `<dt>Status</dt><dd class="status status-${stage.status}">${stage.status}</dd>`
    + `<dt>Description</dt><dd>${esc(stage.name)}</dd>`
    + `<dt>Tasks</dt><dd>${progress(stage.numCompleteTasks, stage.numActiveTasks, stage.numTasks)}</dd>`
    + `<dt>Input</dt><dd>${bytes(stage.inputBytes)}</dd>`
    + `<dt>Total task time</dt><dd>${duration(stage.executorRunTime)}</dd></dl>`
    + `<h3>Task durations</h3>${table(["Min", "25th percentile", "Median", "75th percentile", "Max"], [`<tr>${quantiles(ended).map((q) => `<td class="num">${q}</td>`).join("")}</tr>`])}`
    + `<h3>Tasks (${tasks.length})</h3>${table(["Index", "Task Id", "Status", "Executor", "Launch Time", "Duration"], rows)}`;
}

// ---------------------------------------------------------------- SQL

async function sqlPage() {
  const queries = await api("/sql?details=false");
  const rows = queries.slice().reverse().map((q) => `<tr data-execution-id="${q.id}">`
    + `<td class="num"><a href="/SQL/execution/?id=${q.id}">${q.id}</a></td><td>${esc(q.description)}</td>`
    + `<td>${shortTime(q.submissionTime)}</td><td>${duration(q.duration)}</td>`
    + `<td>${[...q.runningJobIds, ...q.successJobIds, ...q.failedJobIds].map((j) => `<a href="/jobs/job/?id=${j}">${j}</a>`).join(", ")}</td>`
    + `<td class="status status-${q.status}">${q.status}</td></tr>`);
  return `<h2>SQL / DataFrame</h2>${table(["ID", "Description", "Submitted", "Duration", "Job IDs", "Status"], rows, 'id="queries"')}`;
}

async function executionPage() {
  const id = param("id");
  const [query, tree] = await Promise.all([api(`/sql/${id}`), getJson(`/api/ember/plan/${id}`)]);
  const holder = document.createElement("div");
  drawPlan(holder, tree);
  return `<h2>Details for Query ${query.id}</h2><dl class="summary">`
    + `<dt>Status</dt><dd class="status status-${query.status}">${query.status}</dd>`
    + `<dt>Description</dt><dd>${esc(query.description)}</dd>`
    + `<dt>Duration</dt><dd>${duration(query.duration)}</dd>`
    + `<dt>Jobs</dt><dd>${[...query.runningJobIds, ...query.successJobIds, ...query.failedJobIds].map((j) => `<a href="/jobs/job/?id=${j}">${j}</a>`).join(", ")}</dd></dl>`
    + `<h3>Plan</h3><div id="plan">${holder.innerHTML}</div>`
    + `<h3>Physical plan (DataFusion)</h3><pre>${esc(query.planDescription)}</pre>`;
}

// ---------------------------------------------------------------- storage, environment, executors

async function storagePage() {
  const entries = await api("/storage/rdd");
  const rows = entries.map((e) => `<tr><td>${esc(e.name)}</td><td>${esc(e.storageLevel)}</td>`
    + `<td class="num">${e.numCachedPartitions}</td><td class="num">${e.numPartitions ? Math.round((100 * e.numCachedPartitions) / e.numPartitions) : 0}%</td>`
    + `<td class="num">${bytes(e.memoryUsed)}</td><td class="num">${bytes(e.diskUsed)}</td></tr>`);
  return `<h2>Storage</h2>${table(["Name", "Storage Level", "Cached Partitions", "Fraction Cached", "Size in Memory", "Size on Disk"], rows, 'id="storage"')}`;
}

function pairs(title, list) {
  return `<h3>${esc(title)} (${list.length})</h3>${table(["Name", "Value"], list.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`))}`;
}

async function environmentPage() {
  const env = await api("/environment");
  const runtime = Object.entries(env.runtime).map(([k, v]) => [k, v === null ? "(none: no JVM)" : v]);
  return `<h2>Environment</h2>${pairs("Runtime Information", runtime)}${pairs("Spark Properties", env.sparkProperties)}`
    + `${pairs("System Properties", env.systemProperties)}${pairs("Python Path", env.classpathEntries)}`;
}

async function executorsPage() {
  const executors = await api("/allexecutors");
  const rows = executors.map((e) => `<tr data-executor-id="${esc(e.id)}"><td>${esc(e.id)}</td><td>${e.isActive ? "Active" : "Dead"}</td>`
    + `<td class="num">${bytes(e.peakMemoryMetrics.ProcessTreePythonRSSMemory)}</td><td class="num">${bytes(e.memoryUsed)}</td>`
    + `<td class="num">${e.totalCores}</td><td class="num">${e.activeTasks}</td><td class="num">${e.failedTasks}</td>`
    + `<td class="num">${e.completedTasks}</td><td class="num">${e.totalTasks}</td><td class="num">${duration(e.totalDuration)}</td>`
    + `<td class="num">${bytes(e.totalInputBytes)}</td><td>${shortTime(e.addTime)}</td></tr>`);
  return `<h2>Executors</h2><p class="muted">driver: the shell's process (DataFrame tasks); the others are RDD worker processes, by pid.</p>`
    + table(["Executor ID (pid)", "Status", "Resident Memory", "Storage Memory", "Cores", "Active Tasks", "Failed Tasks", "Complete Tasks", "Total Tasks", "Task Time", "Input", "Added"], rows, 'id="executors"');
}

// ---------------------------------------------------------------- the loop

const ROUTES = [
  ["/jobs/job", jobPage, "jobs"], ["/jobs", jobsPage, "jobs"],
  ["/stages/stage", stagePage, "stages"], ["/stages", stagesPage, "stages"],
  ["/SQL/execution", executionPage, "SQL"], ["/SQL", sqlPage, "SQL"],
  ["/storage", storagePage, "storage"], ["/environment", environmentPage, "environment"], ["/executors", executorsPage, "executors"],
];

async function draw() {
  const [, render, tab] = ROUTES.find(([prefix]) => location.pathname.startsWith(prefix)) ?? ROUTES[1];
  document.querySelectorAll("#tabs a").forEach((a) => a.classList.toggle("active", a.dataset.tab === tab));
  const content = document.getElementById("content");
  try {
    const html = await render();
    // Redrawn only when it changed, so that a selection or a scroll is kept.
    if (content.dataset.html !== html) {
      content.innerHTML = html;
      content.dataset.html = html;
    }
    document.getElementById("updated").textContent = `Updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    document.getElementById("updated").textContent = `Not updated: ${error.message}`;
  }
}

async function main() {
  const apps = await getJson("/api/v1/applications");
  appId = apps[0].id;
  document.getElementById("app-name").textContent = `${apps[0].name} application UI`;
  document.title = `${apps[0].name} - Spark Jobs`;
  await draw();
  setInterval(draw, REFRESH_MS);
}

main();
