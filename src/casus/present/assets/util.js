/* Casus page helpers. Every piece of data reaches the page through textContent or
   setAttribute on a fixed set of attribute names: never through HTML parsing. */
"use strict";
const SVGNS = "http://www.w3.org/2000/svg";
const SAFE_ATTRS = new Set(["class", "id", "title", "colspan", "value", "type", "role", "tabindex",
  "aria-label", "data-id", "data-cluster", "data-doc", "data-kind", "href", "rel", "target", "selected", "hidden",
  "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height", "d", "points", "fill", "stroke",
  "stroke-width", "text-anchor", "transform", "viewBox", "opacity", "rx", "dominant-baseline"]);
const STATUSES = ["occurred", "ongoing", "planned", "hypothetical", "denied"];
const STATUS_COLORS = {occurred: "#c0392b", ongoing: "#e67e22", planned: "#2e86c1",
  hypothetical: "#8e6fbf", denied: "#7f8c8d"};
const PLOVER_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (!SAFE_ATTRS.has(key)) throw new Error("attribute not allowed: " + key);
    node.setAttribute(key, String(value));
  }
  return node;
}

function append(node, children) {
  for (const child of [].concat(children === undefined ? [] : children)) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/* An HTML element; strings among the children become text nodes. */
function el(tag, attrs, children) {
  return append(setAttrs(document.createElement(tag), attrs), children);
}

function svgEl(tag, attrs, children) {
  return append(setAttrs(document.createElementNS(SVGNS, tag), attrs), children);
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

function byId(id) { return document.getElementById(id); }

function empty(node, message) { append(clear(node), el("div", {class: "empty"}, message)); }

/* Offsets in Casus are Python code points; JavaScript indexes UTF-16 units. Returns cp -> unit. */
function codePointIndex(text) {
  const units = [0];
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xD800 && c <= 0xDBFF && i + 1 < text.length &&
      (text.charCodeAt(i + 1) & 0xFC00) === 0xDC00;
    i += pair ? 2 : 1;
    units.push(i);
  }
  return cp => units[Math.max(0, Math.min(units.length - 1, cp | 0))];
}

/* A link only for http(s) URLs: javascript:, data: and the like stay plain text. */
function safeHref(url) {
  if (typeof url !== "string") return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch (err) { return null; }
}

function actorLabel(actor) {
  if (!actor) return "";
  const name = actor.name || actor.text || "";
  return actor.code && actor.code !== name ? name + " (" + actor.code + ")" : name;
}

function actorKey(actor) { return actor ? (actor.code || actor.name || actor.text || "?") : null; }

function eventDate(ev) { return ev && ev.date && ev.date.start ? ev.date.start : null; }

function statusBadge(status) {
  const span = el("span", {class: "status"}, status || "?");
  span.style.background = STATUS_COLORS[status] || "#95a5a6";
  return span;
}

function truncate(text, n) {
  text = String(text || "");
  return text.length > n ? text.slice(0, n - 1) + "…" : text;
}

function dayNumber(iso) {
  const t = Date.parse(String(iso).slice(0, 10) + "T00:00:00Z");
  return Number.isNaN(t) ? null : t / 86400000;
}

function isoDay(day) { return new Date(day * 86400000).toISOString().slice(0, 10); }

function countBy(items, keyOf) {
  const counts = new Map();
  for (const item of items) {
    const key = keyOf(item);
    if (key !== null && key !== undefined) counts.set(key, (counts.get(key) || 0) + 1);
  }
  return counts;
}

function mostCommon(items, keyOf) {
  let best = null, bestN = 0;
  for (const [key, n] of countBy(items, keyOf)) if (n > bestN) { best = key; bestN = n; }
  return best;
}
