/* Casus page: read the embedded data (report) or the API (dashboard), draw every view, wire the filters. */
"use strict";
const TABLE_ROWS = 500;
const FILTER_KEYS = ["type", "status", "actor", "date_from", "date_to", "text"];

function readJson(id) { return JSON.parse(byId(id).textContent); }

function setStatus(message) { byId("status").textContent = message; }

function lower(v) { return String(v || "").toLowerCase(); }

function actorMatches(actor, needle) {
  if (!actor) return false;
  return lower(actor.code) === needle || lower(actor.name).includes(needle) || lower(actor.text).includes(needle);
}

/* The same filter semantics as GET /api/events. */
function matchEvent(ev, f) {
  if (f.type && ev.type !== f.type) return false;
  if (f.status && ev.status !== f.status) return false;
  if (f.actor && !actorMatches(ev.source, lower(f.actor)) && !actorMatches(ev.target, lower(f.actor))) return false;
  if ((f.date_from || f.date_to) && !ev.date) return false;
  if (f.date_from && (ev.date.end || ev.date.start) < f.date_from) return false;
  if (f.date_to && ev.date.start > f.date_to) return false;
  if (f.text && !lower(ev.evidence && ev.evidence.text).includes(lower(f.text))) return false;
  return true;
}

class ReportSource {
  constructor(data) { this.data = data; }
  async load() { return this.data; }
  async query(filters, limit) {
    const items = this.data.events.filter(ev => matchEvent(ev, filters));
    return {items: items.slice(0, limit), total: items.length, documents: {}};
  }
  async document(id) { return this.data.documents[id]; }
}

class LiveSource {
  constructor(base) { this.base = String(base || "api").replace(/\/+$/, ""); this.cache = new Map(); }
  async get(path, params) {
    const query = new URLSearchParams(Object.entries(params || {}).filter(([, v]) => v !== "" && v !== null));
    const response = await fetch(`${this.base}/${path}${query.size ? "?" + query : ""}`, {credentials: "same-origin"});
    const body = await response.json();
    if (!response.ok) throw new Error((body.error && body.error.message) || response.statusText);
    return body;
  }
  async all(path, cap) {
    const items = [], documents = {};
    for (let offset = 0; offset < cap; offset += 500) {
      const page = await this.get(path, {limit: 500, offset});
      items.push(...page.items);
      Object.assign(documents, page.documents || {});
      if (items.length >= page.total || !page.items.length) break;
    }
    return {items, documents};
  }
  async load() {
    const [summary, events, clusters, contradictions, timeline, escalation, errors, observations] = await Promise.all([
      this.get("summary"), this.all("events", 20000), this.all("clusters", 20000), this.all("contradictions", 5000),
      this.all("timeline", 20000), this.all("escalation", 20000), this.all("errors", 2000),
      this.all("observations", 20000)]);
    return {summary, events: events.items, documents: events.documents, clusters: clusters.items,
      contradictions: contradictions.items, timeline: timeline.items, escalation: escalation.items, errors: errors.items,
      observations: observations.items};
  }
  async query(filters, limit) { return this.get("events", {...filters, limit, offset: 0}); }
  async document(id) {
    if (!this.cache.has(id)) this.cache.set(id, await this.get("documents/" + encodeURIComponent(id)));
    return this.cache.get(id);
  }
}

class App {
  constructor(source, world) {
    this.source = source; this.world = world; this.selection = null; this.timer = null; this.generation = 0;
  }

  async start() {
    const data = await this.source.load();
    this.data = data;
    this.docs = Object.assign({}, data.documents);
    this.events = data.events || [];
    this.byId = new Map(this.events.map(ev => [ev.id, ev]));
    this.observations = Array.isArray(data.observations) ? data.observations : [];
    this.clusterRows = new Map((data.clusters || []).filter(r => r && r.cluster).map(r => [r.cluster, r]));
    this.drawViews();
    this.wire();
    await this.refresh();
    const total = (data.summary || {}).events || 0;
    const live = this.source instanceof LiveSource;
    const part = total > this.events.length ?
      ` (the first ${this.events.length} of ${total}${live ? "" : "; casus serve shows all"})` : "";
    setStatus(`${this.events.length} event mention(s) from ${Object.keys(this.docs).length || data.summary.documents}` +
      ` document(s)` + part + (live ? " — live from the API" : ""));
  }

  drawViews() {
    const pick = (members, label) => this.select(members, label);
    const open = (ev, focus) => this.open(ev, focus);
    drawSummary(this.data.summary || {});
    drawLegend(byId("legend"));
    drawTrackLegend(byId("legend"), this.observations);
    const tracks = {observations: this.observations, open: ob => this.openObservation(ob)};
    const published = id => ((this.docs[id] || {}).published || {}).date || null;
    drawTimeline(byId("timeline-chart"), this.events, [...(this.data.timeline || []), ...(this.data.clusters || [])],
      published, pick, tracks);
    drawEscalation(byId("escalation-chart"), this.data.escalation, this.events);
    drawMap(byId("map-chart"), this.events, this.world, pick, tracks);
    drawNetwork(byId("network-chart"), this.events, pick);
    drawContradictions(this.data.contradictions || [], this.byId, this.docs, open);
    drawErrors(this.data.errors || []);
    const types = new Set(this.events.map(e => e.type));
    fillSelect(byId("f-type"), PLOVER_TYPES.filter(t => types.has(t)));
    fillSelect(byId("f-status"), STATUSES);
  }

  wire() {
    const form = byId("filters");
    form.addEventListener("input", () => this.schedule());
    form.addEventListener("change", () => this.schedule());
    form.addEventListener("submit", e => { e.preventDefault(); this.schedule(); });
    form.addEventListener("reset", () => { this.selection = null; setTimeout(() => this.schedule(), 0); });
    byId("doc-close").addEventListener("click", () => { byId("doc-panel").hidden = true; });
    document.addEventListener("keydown", e => { if (e.key === "Escape") byId("doc-panel").hidden = true; });
  }

  filters() {
    const form = new FormData(byId("filters"));
    return Object.fromEntries(FILTER_KEYS.map(k => [k, String(form.get(k) || "").trim()]));
  }

  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh().catch(err => setStatus("Could not filter: " + err.message)), 150);
  }

  async refresh() {
    const generation = ++this.generation, filters = this.filters();
    let result;
    if (this.selection) {
      const items = this.events.filter(ev => this.selection.ids.has(ev.id) && matchEvent(ev, filters));
      result = {items: items.slice(0, TABLE_ROWS), total: items.length};
    } else result = await this.source.query(filters, TABLE_ROWS);
    if (generation !== this.generation) return;
    Object.assign(this.docs, result.documents || {});
    drawTable(result.items, this.docs, result.total, ev => this.open(ev));
    this.drawSelection();
  }

  select(members, label) {
    this.selection = {ids: new Set(members.map(m => m.id)), label};
    byId("events").scrollIntoView();
    this.refresh();
  }

  drawSelection() {
    const node = clear(byId("selection"));
    node.hidden = !this.selection;
    if (!this.selection) return;
    const button = el("button", {type: "button"}, "show all");
    button.addEventListener("click", () => { this.selection = null; this.refresh(); });
    append(node, [`Only ${this.selection.label}. `, button]);
  }

  async open(ev, focus) {
    for (const row of byId("event-table").querySelectorAll("tr.selected")) row.classList.remove("selected");
    for (const row of byId("event-table").tBodies[0].rows) if (row.dataset.id === ev.id) row.classList.add("selected");
    const doc = await this.source.document(ev.doc_id);
    if (!doc) return setStatus("Document not found: " + ev.doc_id);
    this.docs[ev.doc_id] = Object.assign({}, this.docs[ev.doc_id], doc);
    const mentions = ev.cluster ? this.events.filter(m => m.cluster === ev.cluster) : [ev];
    drawDocument(doc, ev, mentions.length ? mentions : [ev], this.docs, m => this.open(m), focus,
      this.clusterRows.get(ev.cluster));
  }

  /* An observation opens its track's log document with the observation's line marked. */
  async openObservation(ob) {
    const doc = await this.source.document(ob.doc_id);
    if (!doc) return setStatus("Document not found: " + ob.doc_id);
    this.docs[ob.doc_id] = Object.assign({}, this.docs[ob.doc_id], doc);
    drawObservation(doc, ob);
  }
}

function boot() {
  const data = readJson("casus-data");
  const source = data.mode === "live" ? new LiveSource(data.api) : new ReportSource(data);
  new App(source, readJson("casus-world")).start().catch(err => setStatus("Could not load the data: " + err.message));
}

document.addEventListener("DOMContentLoaded", boot);
