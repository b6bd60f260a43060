/* Casus views: summary, event table, source document with its evidence, contradictions, errors. */
"use strict";

function drawSummary(summary) {
  const cards = [["documents", "documents"], ["events", "event mentions"], ["clusters", "real-world events"],
    ["contradictions", "contradictions"], ["duplicates", "near-duplicate documents"], ["errors", "unreadable inputs"]];
  const body = clear(byId("summary-body"));
  for (const [key, label] of cards) body.appendChild(el("div", {class: "card"}, [el("b", {}, String(summary[key] ?? 0)), label]));
  if (summary.observations) body.appendChild(el("div", {class: "card"},
    [el("b", {}, String(summary.observations)), "flight-track observations"]));
  const span = summary.first_date ? `${summary.first_date} – ${summary.last_date}` : "no dated events";
  body.appendChild(el("div", {class: "card"}, [el("b", {}, span), "event dates"]));
  drawBars(byId("by-type"), "Event types", summary.by_type);
  drawBars(byId("by-status"), "Status", summary.by_status, STATUS_COLORS);
}

function fillSelect(select, values) {
  for (const value of values) select.appendChild(el("option", {value}, value));
}

function placeLabel(loc) { return loc ? (loc.name || loc.text || "") + (loc.country ? ` (${loc.country})` : "") : ""; }

function eventRow(ev, doc, onOpen) {
  const row = el("tr", {"data-id": ev.id, tabindex: 0}, [
    el("td", {}, eventDate(ev) || ""), el("td", {}, ev.mode ? `${ev.type}:${ev.mode}` : ev.type),
    el("td", {}, statusBadge(ev.status)), el("td", {}, ev.certainty || ""),
    el("td", {}, actorLabel(ev.source)), el("td", {}, actorLabel(ev.target)), el("td", {}, placeLabel(ev.location)),
    el("td", {class: "ev"}, truncate(ev.evidence && ev.evidence.text, 220)),
    el("td", {}, [el("div", {}, truncate(doc && doc.title || ev.doc_id, 60)), el("small", {}, doc && doc.outlet || "")])]);
  row.addEventListener("click", () => onOpen(ev));
  row.addEventListener("keydown", e => { if (e.key === "Enter") onOpen(ev); });
  return row;
}

function drawTable(events, docs, total, onOpen) {
  const body = clear(byId("event-table").tBodies[0]);
  for (const ev of events) body.appendChild(eventRow(ev, docs[ev.doc_id], onOpen));
  byId("event-count").textContent = total === events.length ? `${total} event mention(s)` :
    `${total} event mention(s); the first ${events.length} shown — narrow the filters to see the rest`;
}

/* Spans of one document, in UTF-16 units, that the text view marks. */
function documentSpans(doc, ev, focus) {
  const at = codePointIndex(doc.text || "");
  const spans = [];
  const add = (s, e, kind, info) => {
    if (typeof s === "number" && typeof e === "number" && e > s) spans.push({s: at(s), e: at(e), kind, info});
  };
  for (const r of doc.removed || []) add(r.start, r.end, "removed", r.kind);
  for (const m of doc.embeds || []) add(m.start, m.end, "embed", m);
  if (ev) {
    for (const a of ev.attribution || []) add(a.start, a.end, "attr", a.kind);
    const main = focus || ev.evidence || {};
    if (focus && ev.evidence && (focus.start !== ev.evidence.start || focus.end !== ev.evidence.end))
      add(ev.evidence.start, ev.evidence.end, "evidence-other", null);
    add(main.start, main.end, "evidence", null);
  }
  return spans;
}

function wrapSegment(text, covering, startsHere) {
  let node = document.createTextNode(text);
  for (const span of covering) {
    if (span.kind === "removed") node = el("s", {title: "removed: " + span.info}, node);
    else if (span.kind === "attr") node = el("span", {class: "attr", title: "source: " + span.info}, node);
    else if (span.kind === "evidence") node = el("mark", {class: "current"}, node);
    else if (span.kind === "evidence-other") node = el("mark", {}, node);
    else if (span.kind === "embed") {
      const tag = startsHere.includes(span) ? el("span", {class: "embed-tag"}, embedTag(span.info)) : null;
      node = el("span", {class: "embed"}, [tag, node]);
    }
  }
  return node;
}

function embedTag(embed) {
  return "[" + [embed.kind, embed.author, embed.handle, embed.date].filter(Boolean).join(" · ") + "]";
}

function drawDocText(container, doc, ev, focus) {
  const text = doc.text || "";
  const spans = documentSpans(doc, ev, focus);
  const cuts = [...new Set([0, text.length, ...spans.flatMap(s => [s.s, s.e])])].sort((a, b) => a - b);
  const box = el("div", {class: doc.format === "track" ? "doc-text log" : "doc-text"});
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i], b = cuts[i + 1];
    const covering = spans.filter(s => s.s <= a && s.e >= b);
    box.appendChild(wrapSegment(text.slice(a, b), covering, covering.filter(s => s.s === a)));
  }
  container.appendChild(box);
}

function metaList(pairs) {
  const dl = el("dl", {class: "meta"});
  for (const [key, value] of pairs) if (value !== null && value !== undefined && value !== "")
    append(dl, [el("dt", {}, key), el("dd", {}, value)]);
  return dl;
}

function urlNode(url) {
  const href = safeHref(url);
  return href ? el("a", {href, rel: "noopener noreferrer nofollow", target: "_blank"}, url) : url;
}

function attributionList(ev) {
  if (!(ev.attribution || []).length) return el("p", {class: "hint"}, "Asserted in the document's own voice.");
  return el("ol", {class: "chain"}, ev.attribution.map(a =>
    el("li", {}, [el("q", {}, a.text), ` — ${a.kind}`, a.name ? ` (${a.name})` : ""])));
}

function eventFacts(ev) {
  const quantities = (ev.quantities || []).map(q => q.text).join("; ");
  const equipment = (ev.equipment || []).map(q => q.name).join("; ");
  const date = ev.date ? `${ev.date.start} – ${ev.date.end}` + (ev.date.text ? ` (“${ev.date.text}”)` : "") : "";
  return metaList([["type", ev.mode ? `${ev.type}:${ev.mode}` : ev.type], ["status", statusBadge(ev.status)],
    ["certainty", ev.certainty], ["source", actorLabel(ev.source)], ["target", actorLabel(ev.target)],
    ["when", date], ["where", placeLabel(ev.location)], ["quantities", quantities], ["equipment", equipment],
    ["intensity", ev.intensity ?? ""], ["cluster", ev.cluster || ""]]);
}

function originsLine(row) {
  if (!row || !Array.isArray(row.origin_list)) return null;
  const kinds = Array.isArray(row.contradictions) && row.contradictions.length ?
    ` Contradicted (${row.contradictions.join(", ")}).` : "";
  return el("p", {}, `${row.origin_list.length} independent origin(s): ${row.origin_list.join("; ")}.${kinds}`);
}

function corroborationList(ev, mentions, docs, onOpen, row) {
  const others = mentions.filter(m => m.id !== ev.id);
  const outlets = new Set(mentions.map(m => (docs[m.doc_id] || {}).outlet || m.doc_id));
  const box = el("div", {}, [el("p", {}, `${mentions.length} mention(s) of this event in ` +
    `${new Set(mentions.map(m => m.doc_id)).size} document(s) from ${outlets.size} outlet(s).`), originsLine(row)]);
  const list = el("ul", {class: "mentions"});
  for (const m of others.slice(0, 50)) {
    const doc = docs[m.doc_id] || {};
    const item = el("li", {}, [statusBadge(m.status), " ", `${doc.outlet || m.doc_id}: `,
      el("q", {}, truncate(m.evidence && m.evidence.text, 160))]);
    item.addEventListener("click", () => onOpen(m));
    list.appendChild(item);
  }
  if (others.length) box.appendChild(list);
  return box;
}

function drawDocument(doc, ev, mentions, docs, onOpen, focus, row) {
  const body = clear(byId("doc-body"));
  append(body, [el("h2", {}, doc.title || doc.doc_id),
    metaList([["outlet", doc.outlet], ["published", doc.published && doc.published.date], ["url", urlNode(doc.url)],
      ["document", doc.doc_id], ["duplicate of", doc.duplicate_of]])]);
  if (ev) append(body, [el("h3", {}, "Event"), eventFacts(ev), el("h3", {}, "Who says so"), attributionList(ev),
    el("h3", {}, "Corroboration"), corroborationList(ev, mentions, docs, onOpen, row)]);
  append(body, [el("h3", {}, "Source text"), el("p", {class: "keys"}, [el("span", {}, el("mark", {}, "evidence")),
    el("span", {}, el("s", {}, "removed")), el("span", {class: "embed"}, "embedded post"),
    el("span", {class: "attr"}, "attribution")])]);
  drawDocText(body, doc, ev, focus);
  byId("doc-panel").hidden = false;
  const mark = body.querySelector("mark.current");
  if (mark) mark.scrollIntoView({block: "center"});
}

/* The sides of a contradiction row: {"sides": [{event, doc_id, value, evidence, sources}]} from the link
   stage; older or other shapes (a/b, left/right, events: [ids]) are read too. */
function contradictionSides(row) {
  if (Array.isArray(row.sides)) return row.sides;
  for (const [a, b] of [["a", "b"], ["left", "right"], ["event_a", "event_b"], ["first", "second"]])
    if (row[a] && row[b]) return [row[a], row[b]];
  for (const key of ["events", "event_ids", "mentions", "ids"])
    if (Array.isArray(row[key]) && row[key].length >= 2) return row[key];
  return [];
}

function sideEvent(side, events) {
  if (typeof side === "string") return events.get(side) || null;
  if (!side || typeof side !== "object") return null;
  const id = typeof side.event === "string" ? side.event : side.id;
  return events.get(id) || (side.type && side.evidence ? side : null);
}

function sideValue(side) {
  if (!side || typeof side !== "object" || side.value === undefined) return "";
  return Array.isArray(side.value) ? side.value.join(" – ") : String(side.value);
}

function sideCard(side, events, docs, onOpen) {
  const ev = sideEvent(side, events);
  if (!ev) return el("div", {class: "card"}, typeof side === "string" ? side : JSON.stringify(side));
  const doc = docs[ev.doc_id] || {};
  const span = side && side.evidence && typeof side.evidence.start === "number" ? side.evidence : ev.evidence;
  const sources = side && Array.isArray(side.sources) ? side.sources.join(" ← ") : "";
  const card = el("div", {class: "card"}, [el("b", {}, doc.outlet || doc.title || ev.doc_id || ""),
    statusBadge(ev.status), ` ${ev.certainty || ""} · ${eventDate(ev) || "undated"}`,
    sideValue(side) ? el("div", {}, ["value: ", el("strong", {}, sideValue(side))]) : null,
    el("q", {}, span ? span.text : ""), sources ? el("div", {class: "hint"}, "according to " + sources) : null,
    attributionList(ev)]);
  card.addEventListener("click", () => onOpen(ev, span));
  return card;
}

function drawContradictions(rows, events, docs, onOpen) {
  const box = clear(byId("contradiction-list"));
  if (!rows.length) return empty(box, "No contradictions found between the sources.");
  for (const row of rows.slice(0, 200)) {
    const keys = Object.entries(row).filter(([, v]) => v === null || typeof v !== "object")
      .map(([k, v]) => el("span", {}, `${k}: ${v}`));
    const sides = contradictionSides(row).slice(0, 4).map(s => sideCard(s, events, docs, onOpen));
    append(box, [el("p", {class: "keys"}, keys), el("div", {class: "side"}, sides)]);
  }
}

function drawErrors(errors) {
  const list = clear(byId("error-list"));
  if (!errors.length) return list.appendChild(el("li", {}, "None."));
  for (const e of errors.slice(0, 1000)) list.appendChild(el("li", {}, [el("code", {}, e.path), ": ", e.error]));
}
