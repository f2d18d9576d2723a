// Draws a query's physical plan (Ember's /api/ember/plan/{id}) as a top-down tree of
// operator boxes, each with its stage and metrics; written for Ember's UI.
"use strict";

const STAGE_COLOURS = ["#3a7bd5", "#e25a1c", "#3c9a3c", "#8e44ad", "#d35400", "#16a085", "#7f8c8d", "#c0392b"];

function planEscape(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

/** The HTML of one operator and, below it, its inputs. */
function planNodeHtml(node) {
  const stage = node.stageId === null || node.stageId === undefined
    ? ""
    : `<span class="stage" style="background:${STAGE_COLOURS[node.stageId % STAGE_COLOURS.length]}">stage ${node.stageId}</span>`;
  const metrics = node.metrics.length === 0
    ? ""
    : `<table>${node.metrics.map((m) => `<tr><td>${planEscape(m.name)}</td><td class="num">${planEscape(m.value)}</td></tr>`).join("")}</table>`;
  const box = `<div class="plan-node" data-name="${planEscape(node.name)}">${stage}<div class="name">${planEscape(node.name)}</div>`
    + `<div class="desc">${planEscape(node.description)}</div>${metrics}</div>`;
  const children = node.children.length === 0 ? "" : `<ul>${node.children.map(planNodeHtml).join("")}</ul>`;
  return `<li>${box}${children}</li>`;
}

/** Draws `tree` into `element`. */
function drawPlan(element, tree) {
  element.innerHTML = `<div class="plan-tree"><ul>${planNodeHtml(tree)}</ul></div>`;
}
