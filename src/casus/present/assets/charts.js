/* Casus charts: small SVG drawings of the event data (no library). */
"use strict";
const PALETTE = ["#2457a6", "#c0392b", "#27ae60", "#e67e22", "#8e44ad", "#16a085", "#d35400", "#2c3e50",
  "#7f8c8d", "#b7950b"];

function chartWidth(node) { return Math.max(760, Math.min(1600, (node.clientWidth || 1000) - 2)); }

function linearScale(d0, d1, r0, r1) {
  const span = d1 - d0 || 1;
  return v => r0 + (v - d0) / span * (r1 - r0);
}

function dateTicks(first, last, n) {
  const step = Math.max(1, Math.ceil((last - first) / n));
  const ticks = [];
  for (let d = Math.ceil(first); d <= last; d += step) ticks.push(d);
  return ticks;
}

const MAX_GAP_DAYS = 45;

/* A time axis that cuts out long empty stretches (a crisis in 2019 and one in 2025 both stay
   readable): days within MAX_GAP_DAYS of each other share a segment, segments sit side by side. */
function timeScale(days, left, right) {
  const segs = [];
  for (const d of [...new Set(days)].sort((a, b) => a - b)) {
    const last = segs[segs.length - 1];
    if (last && d - last.hi <= MAX_GAP_DAYS) last.hi = d; else segs.push({lo: d, hi: d});
  }
  for (const seg of segs) { seg.lo -= 1; seg.hi += 1; }
  const gapPx = 28, avail = right - left - gapPx * (segs.length - 1);
  const total = segs.reduce((n, seg) => n + seg.hi - seg.lo, 0);
  const raw = segs.map(seg => Math.max(Math.min(90, avail / segs.length), avail * (seg.hi - seg.lo) / total));
  const shrink = avail / raw.reduce((a, b) => a + b, 0);
  let at = left;
  segs.forEach((seg, i) => { seg.x0 = at; seg.x1 = at + raw[i] * shrink; at = seg.x1 + gapPx; });
  const segOf = day => segs.find(seg => day <= seg.hi) || segs[segs.length - 1];
  const x = day => {
    const seg = segOf(day), t = (Math.max(seg.lo, Math.min(seg.hi, day)) - seg.lo) / (seg.hi - seg.lo || 1);
    return seg.x0 + t * (seg.x1 - seg.x0);
  };
  return {x, segs, segIndex: day => segs.indexOf(segOf(day))};
}

function timeAxis(svg, scale, top, bottom) {
  const right = scale.segs[scale.segs.length - 1].x1;
  let lastLabel = -Infinity;  // labels keep 80px apart, so narrow segments never overprint
  scale.segs.forEach((seg, i) => {
    const n = Math.max(1, Math.floor((seg.x1 - seg.x0) / 110));
    const ticks = n === 1 ? [Math.round((seg.lo + seg.hi) / 2)] : dateTicks(seg.lo, seg.hi, n);
    for (const day of ticks) {
      const x = scale.x(day);
      svg.appendChild(svgEl("line", {class: "grid", x1: x, x2: x, y1: top, y2: bottom}));
      if (x - lastLabel < 80 || x > right - 30) continue;
      svg.appendChild(svgEl("text", {x, y: top - 6, "text-anchor": "middle"}, isoDay(day)));
      lastLabel = x;
    }
    if (i) {
      const mid = (scale.segs[i - 1].x1 + seg.x0) / 2;
      svg.appendChild(svgEl("path", {class: "axis", d: `M${mid - 4} ${top + 6} L${mid + 4} ${top - 6} M${mid - 4} ${bottom} ` +
        `L${mid - 4} ${top + 6}`, "stroke-width": 1, fill: "none"}));
    }
  });
}

function rowActor(value) {
  if (!value) return null;
  return typeof value === "string" ? value : (value.code || value.name || null);
}

function memberSpan(members, published) {
  const starts = members.map(e => dayNumber(e.date && e.date.start || "")).filter(d => d !== null);
  const ends = members.map(e => dayNumber(e.date && (e.date.end || e.date.start) || "")).filter(d => d !== null);
  if (starts.length) return {start: Math.min(...starts), end: Math.max(...ends), approx: false};
  const pubs = members.map(e => dayNumber(published(e.doc_id) || "")).filter(d => d !== null);
  return pubs.length ? {start: Math.min(...pubs), end: Math.min(...pubs), approx: true} : {start: null, end: null};
}

/* One group per cluster (or per mention when unclustered): its dates from the link stage's row
   (timeline or clusters table) or its mentions; an undated one sits at its first publication date. */
function clusterGroups(events, linkRows, published) {
  const rowOf = new Map();
  for (const row of linkRows || []) {
    const id = row && (row.cluster || row.id);
    if (id && !rowOf.has(id)) rowOf.set(id, row);
  }
  const groups = new Map();
  for (const ev of events) {
    const key = ev.cluster || ev.id;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(ev);
  }
  return [...groups].map(([key, members]) => {
    const row = rowOf.get(key) || {}, first = members[0];
    const rowStart = dayNumber(row.start || ""), rowEnd = dayNumber(row.end || row.start || "");
    const span = rowStart !== null ? {start: rowStart, end: rowEnd ?? rowStart, approx: false}
      : memberSpan(members, published);
    const source = rowActor(row.source) || actorKey(first.source), target = rowActor(row.target) || actorKey(first.target);
    return {key, members, ...span,
      status: typeof row.status === "string" ? row.status : mostCommon(members, e => e.status),
      label: [source, typeof row.type === "string" ? row.type : mostCommon(members, e => e.type), target]
        .filter(Boolean).join(" · "),
      docs: new Set(members.map(e => e.doc_id)).size,
      origins: typeof row.origins === "number" ? row.origins : row.corroboration};
  });
}

function drawLegend(node) {
  clear(node);
  for (const status of STATUSES) {
    const swatch = el("i");
    swatch.style.background = STATUS_COLORS[status];
    node.appendChild(el("span", {}, [swatch, status]));
  }
  const hollow = el("i");
  hollow.style.border = "1px dashed #5b6575";
  node.appendChild(el("span", {}, [hollow, "undated: at publication"]));
}

function timelineBar(g, x, y, rowH, onPick) {
  const x0 = x(g.start), x1 = Math.max(x0 + 5, x(g.end) + (g.end === g.start ? 5 : 0));
  const color = STATUS_COLORS[g.status] || "#95a5a6";
  const bar = svgEl("rect", {class: "bar-hit", x: x0, y: y + 2, width: x1 - x0, height: rowH - 4, rx: 2,
    fill: color, opacity: g.approx ? 0.35 : null, "data-cluster": g.key});
  const when = g.approx ? `undated; published ${isoDay(g.start)}` : `${isoDay(g.start)} – ${isoDay(g.end)}`;
  const origins = g.origins !== undefined && g.origins !== null ? `, ${g.origins} independent origin(s)` : "";
  bar.appendChild(svgEl("title", {}, `${g.label}\n${when}\n${g.status}; ${g.members.length} mention(s) in ` +
    `${g.docs} document(s)${origins}`));
  bar.addEventListener("click", () => onPick(g.members, "event " + g.label));
  return bar;
}

/* Clusters one bar per row; above them, when the run has flight tracks, a lane of observations. */
function drawTimeline(node, events, linkRows, published, onPick, tracks) {
  const all = clusterGroups(events, linkRows, published);
  const placed = all.filter(g => g.start !== null)
    .sort((a, b) => a.start - b.start || a.approx - b.approx || a.key.localeCompare(b.key));
  const lane = trackLaneRows(tracks ? tracks.observations : []);
  if (!placed.length && !lane.length) return empty(node, "No dated events.");
  const shown = placed.slice(0, 300), laneShown = lane.slice(0, TRACK_LANE_ROWS);
  const rowH = 16, left = 280, width = chartWidth(node), top = 28;
  const laneH = laneShown.length ? laneShown.length * rowH + 26 : 0;
  const days = [...shown.flatMap(g => [g.start, g.end]), ...laneShown.flatMap(r => [r.t0, r.t1])];
  const scale = timeScale(days, left, width - 20), x = scale.x;
  const height = top + laneH + shown.length * rowH + 10;
  const svg = svgEl("svg", {width, height, viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-label": "timeline of event clusters and flight-track observations"});
  timeAxis(svg, scale, top, height);
  if (laneShown.length) drawTrackLane(svg, laneShown, x, {top, left, width, rowH}, tracks.open);
  shown.forEach((g, i) => {
    const y = top + laneH + i * rowH;
    svg.appendChild(svgEl("text", {x: left - 6, y: y + 11, "text-anchor": "end"},
      truncate(g.label, 42) + (g.members.length > 1 ? ` (${g.members.length})` : "")));
    svg.appendChild(timelineBar(g, x, y, rowH, onPick));
  });
  append(clear(node), svg);
  if (placed.length > shown.length || placed.length < all.length)
    node.appendChild(el("div", {class: "empty"},
      `${shown.length} of ${all.length} events shown (${all.length - placed.length} without any date).`));
  if (lane.length > laneShown.length)
    node.appendChild(el("div", {class: "empty"}, `${laneShown.length} of ${lane.length} track observations shown.`));
}

/* The finest period of the escalation table that keeps each dyad's curve readable. */
function escalationPeriod(rows) {
  const periods = [...new Set(rows.map(r => r.period).filter(p => typeof p === "string"))];
  const order = ["day", "week", "month", "quarter", "year"];
  periods.sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
  for (const period of periods) {
    const perDyad = countBy(rows.filter(r => r.period === period), r => r.dyad);
    if (Math.max(0, ...perDyad.values()) <= 120) return period;
  }
  return periods.length ? periods[periods.length - 1] : null;
}

/* Escalation rows from the link stage (higher = more conflict), or minus the mean PLOVER intensity
   per day when there are none. */
function escalationSeries(rows, events) {
  const series = new Map();
  const add = (dyad, day, value) => {
    if (day === null || typeof value !== "number" || !Number.isFinite(value)) return;
    if (!series.has(dyad)) series.set(dyad, []);
    series.get(dyad).push([day, value]);
  };
  const period = escalationPeriod(rows || []);
  for (const r of rows || []) {
    if (period && r.period !== period) continue;
    const dyad = r.dyad || [r.source, r.target].filter(Boolean).join("->");
    add(dyad || "?", dayNumber(r.start || ""), typeof r.index === "string" ? Number(r.index) : r.index);
  }
  if (series.size) return {series, note: period ? `Index per ${period}, from the link stage.` : ""};
  const sums = new Map();
  for (const ev of events) {
    if (!ev.source || !ev.target || typeof ev.intensity !== "number" || !eventDate(ev)) continue;
    const key = actorKey(ev.source) + "->" + actorKey(ev.target) + "|" + eventDate(ev);
    const acc = sums.get(key) || [0, 0];
    sums.set(key, [acc[0] - ev.intensity, acc[1] + 1]);
  }
  for (const [key, [total, n]] of sums) {
    const [dyad, day] = key.split("|");
    add(dyad, dayNumber(day), total / n);
  }
  return {series, note: "No escalation table: minus the mean PLOVER intensity of each day's mentions."};
}

function niceRange(values) {
  const lo = Math.min(0, ...values), hi = Math.max(0, ...values);
  const pad = (hi - lo || 1) * 0.08;
  return [lo - (lo < 0 ? pad : 0), hi + pad];
}

function drawEscalation(node, rows, events) {
  const {series, note} = escalationSeries(rows, events);
  if (!series.size) return empty(node, "No escalation series (no dyads with dated, scored events).");
  const dyads = [...series.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
    .slice(0, 10);
  const points = dyads.flatMap(([, pts]) => pts);
  const width = chartWidth(node), height = 320, left = 56, right = 220, top = 24, bottom = 24;
  const [lo, hi] = niceRange(points.map(p => p[1]));
  const scale = timeScale(points.map(p => p[0]), left, width - right), y = linearScale(hi, lo, top, height - bottom);
  const svg = svgEl("svg", {width, height, viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-label": "escalation per dyad"});
  timeAxis(svg, scale, top, height - bottom);
  for (let i = 0; i <= 4; i++) {
    const v = lo + (hi - lo) * i / 4;
    svg.appendChild(svgEl("line", {class: "grid", x1: left, x2: width - right, y1: y(v), y2: y(v)}));
    svg.appendChild(svgEl("text", {x: left - 6, y: y(v) + 4, "text-anchor": "end"}, v.toFixed(1)));
  }
  svg.appendChild(svgEl("line", {class: "axis", x1: left, x2: width - right, y1: y(0), y2: y(0)}));
  dyads.forEach(([dyad, pts], i) => drawSeries(svg, dyad, pts, PALETTE[i % PALETTE.length], scale, y,
    {x: width - right + 14, y: top + i * 18}));
  append(clear(node), svg);
  if (note) node.appendChild(el("div", {class: "empty"}, note));
}

function drawSeries(svg, dyad, pts, color, scale, y, legendAt) {
  const x = scale.x;
  pts.sort((a, b) => a[0] - b[0]);
  const d = pts.map((p, j) => (j && scale.segIndex(p[0]) === scale.segIndex(pts[j - 1][0]) ? "L" : "M") +
    x(p[0]).toFixed(1) + " " + y(p[1]).toFixed(1)).join(" ");
  svg.appendChild(svgEl("path", {d, fill: "none", stroke: color, "stroke-width": 2}));
  for (const [day, value] of pts) {
    const dot = svgEl("circle", {cx: x(day), cy: y(value), r: 3, fill: color});
    dot.appendChild(svgEl("title", {}, `${dyad}\n${isoDay(day)}: ${value.toFixed(2)}`));
    svg.appendChild(dot);
  }
  svg.appendChild(svgEl("rect", {x: legendAt.x, y: legendAt.y, width: 12, height: 12, fill: color}));
  svg.appendChild(svgEl("text", {x: legendAt.x + 18, y: legendAt.y + 10}, truncate(dyad, 30)));
}

function locatedGroups(events) {
  const groups = new Map();
  for (const ev of events) {
    const loc = ev.location;
    if (!loc || typeof loc.lat !== "number" || typeof loc.lon !== "number") continue;
    if (Math.abs(loc.lat) > 90 || Math.abs(loc.lon) > 180) continue;
    const key = loc.lat.toFixed(2) + "," + loc.lon.toFixed(2);
    if (!groups.has(key)) groups.set(key, {lat: loc.lat, lon: loc.lon, name: loc.name || loc.text, members: []});
    groups.get(key).members.push(ev);
  }
  return [...groups.values()];
}

/* The box around the given {lat, lon} points, padded (at least ``minPad`` degrees), in degrees. */
function mapFrame(points, minPad) {
  const pad = minPad || {lon: 12, lat: 8};
  const lons = points.map(g => g.lon), lats = points.map(g => g.lat);
  let w = Math.min(...lons), e = Math.max(...lons), s = Math.min(...lats), n = Math.max(...lats);
  const padLon = Math.max(pad.lon, (e - w) * 0.25), padLat = Math.max(pad.lat, (n - s) * 0.25);
  w = Math.max(-180, w - padLon); e = Math.min(180, e + padLon);
  s = Math.max(-85, s - padLat); n = Math.min(85, n + padLat);
  return {w, e, s, n};
}

/* Widen a frame whose map would be taller than ``maxHeight`` so that it keeps its proportions. */
function fitFrame(frame, width, maxHeight) {
  const span = (frame.n - frame.s) * width / maxHeight;
  if (span <= frame.e - frame.w) return frame;
  const mid = (frame.w + frame.e) / 2;
  return {...frame, w: Math.max(-180, mid - span / 2), e: Math.min(180, mid + span / 2)};
}

function ringPath(flat, x, y) {
  let d = "";
  for (let i = 0; i < flat.length; i += 2) d += (i ? "L" : "M") + x(flat[i]).toFixed(1) + " " + y(flat[i + 1]).toFixed(1);
  return d;
}

function drawGeometry(svg, world, frame, x, y) {
  const step = frame.e - frame.w > 90 ? 30 : 10;
  for (let lon = Math.ceil(frame.w / step) * step; lon <= frame.e; lon += step)
    svg.appendChild(svgEl("path", {class: "graticule", d: ringPath([lon, frame.s, lon, frame.n], x, y)}));
  for (let lat = Math.ceil(frame.s / step) * step; lat <= frame.n; lat += step)
    svg.appendChild(svgEl("path", {class: "graticule", d: ringPath([frame.w, lat, frame.e, lat], x, y)}));
  svg.appendChild(svgEl("path", {class: "land", d: (world.land || []).map(r => ringPath(r, x, y) + "Z").join("")}));
  svg.appendChild(svgEl("path", {class: "border", d: (world.borders || []).map(r => ringPath(r, x, y)).join("")}));
}

/* An empty map of the box around ``points``: sea, graticule, land; x/y project lon/lat to pixels. */
function mapCanvas(node, points, world, label, minPad) {
  const width = chartWidth(node), frame = fitFrame(mapFrame(points, minPad), width, 560);
  const k = width / (frame.e - frame.w), height = Math.round(Math.min(560, (frame.n - frame.s) * k));
  const ky = height / (frame.n - frame.s);
  const x = lon => (lon - frame.w) * k, y = lat => (frame.n - lat) * ky;
  const svg = svgEl("svg", {width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label});
  svg.appendChild(svgEl("rect", {class: "sea", x: 0, y: 0, width, height}));
  drawGeometry(svg, world, frame, x, y);
  return {svg, frame, x, y, ky};
}

/* Located mentions as dots; flight tracks (routes, airports, orbits) beneath them. When the tracks are
   small beside the mentions' spread, a second map zooms to the tracks. */
function drawMap(node, events, world, onPick, tracks) {
  const groups = locatedGroups(events), observations = tracks ? tracks.observations : [];
  const trackPoints = trackMapPoints(observations);
  if (!groups.length && !trackPoints.length) return empty(node, "No located events (no coordinates).");
  const map = mapCanvas(node, [...groups, ...trackPoints], world, "map", trackPoints.length ? TRACK_PAD : null);
  const trackFrame = trackPoints.length ? mapFrame(trackPoints, TRACK_PAD) : null;
  const zoom = trackFrame && groups.length && trackFrame.e - trackFrame.w < (map.frame.e - map.frame.w) / 4;
  if (trackPoints.length) drawTracks(map.svg, observations, map, tracks.open, !zoom);
  for (const g of groups.sort((a, b) => b.members.length - a.members.length)) {
    const status = mostCommon(g.members, e => e.status);
    const dot = svgEl("circle", {class: "point", cx: map.x(g.lon), cy: map.y(g.lat),
      r: 4 + 2.5 * Math.sqrt(g.members.length), fill: STATUS_COLORS[status] || "#95a5a6"});
    dot.appendChild(svgEl("title", {}, `${g.name}: ${g.members.length} event mention(s)`));
    dot.addEventListener("click", () => onPick(g.members, "at " + g.name));
    map.svg.appendChild(dot);
    map.svg.appendChild(svgEl("text", {x: map.x(g.lon) + 8, y: map.y(g.lat) - 6}, truncate(g.name, 24)));
  }
  append(clear(node), map.svg);
  if (zoom) {
    const inset = mapCanvas(node, trackPoints, world, "map of the flight tracks", TRACK_PAD);
    drawTracks(inset.svg, observations, inset, tracks.open, true);
    append(node, [el("div", {class: "empty"}, "Flight tracks, zoomed:"), inset.svg]);
  }
  if (trackPoints.length) node.appendChild(trackLegend(observations));
  const unplaced = events.filter(e => e.location && typeof e.location.lat !== "number").length;
  if (unplaced) node.appendChild(el("div", {class: "empty"}, `${unplaced} located mention(s) without coordinates.`));
}

function actorGraph(events, maxNodes) {
  const degree = new Map(), edges = new Map(), names = [];
  for (const ev of events) {
    const s = actorKey(ev.source), t = actorKey(ev.target);
    if (!s || !t) continue;
    names.push([s, actorLabel(ev.source)], [t, actorLabel(ev.target)]);
    degree.set(s, (degree.get(s) || 0) + 1); degree.set(t, (degree.get(t) || 0) + 1);
    const key = s + "\u0000" + t;
    if (!edges.has(key)) edges.set(key, {s, t, members: [], types: new Map()});
    const edge = edges.get(key);
    edge.members.push(ev);
    edge.types.set(ev.type, (edge.types.get(ev.type) || 0) + 1);
  }
  const nodes = [...degree.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, maxNodes);
  const kept = new Set(nodes.map(n => n[0]));
  const labels = nodeLabels(names);
  return {nodes: nodes.map(([id, n]) => ({id, n, label: labels.get(id) || id})),
    edges: [...edges.values()].filter(e => kept.has(e.s) && kept.has(e.t))};
}

/* A node keyed by a country code shows the code and its commonest actor names ("VEN: Nicolás Maduro, Venezuela"). */
function nodeLabels(names) {
  const byKey = new Map();
  for (const [key, n] of [...countBy(names, n => n[0] + "\u0000" + n[1]).entries()].sort((a, b) => b[1] - a[1])) {
    const [id, label] = key.split("\u0000");
    if (!byKey.has(id)) byKey.set(id, []);
    byKey.get(id).push(label.replace(" (" + id + ")", ""));
  }
  return new Map([...byKey].map(([id, labels]) => [id, /^[A-Z]{3}$/.test(id) && labels[0] !== id ?
    id + ": " + labels.slice(0, 2).join(", ") + (labels.length > 2 ? "…" : "") : labels[0]]));
}

function edgeLabel(edge) {
  return [...edge.types.entries()].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ×${n}`).join(", ");
}

function drawNetwork(node, events, onPick) {
  const {nodes, edges} = actorGraph(events, 24);
  if (!nodes.length) return empty(node, "No events with both a source and a target actor.");
  const width = chartWidth(node), height = 560, cx = width / 2, cy = height / 2, radius = Math.min(cx, cy) - 90;
  const pos = new Map(nodes.map((n, i) => {
    const a = 2 * Math.PI * i / nodes.length - Math.PI / 2;
    return [n.id, {x: cx + radius * Math.cos(a), y: cy + radius * Math.sin(a), a}];
  }));
  const svg = svgEl("svg", {width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "actor network"});
  const maxN = Math.max(...edges.map(e => e.members.length), 1);
  const ranked = [...edges].sort((a, b) => b.members.length - a.members.length);
  const labelled = new Set(edges.length <= 6 ? edges : ranked.filter(e => e.members.length > 1).slice(0, 8));
  for (const edge of edges) drawEdge(svg, edge, pos, maxN, onPick, {cx, cy}, labelled.has(edge));
  for (const n of nodes) {
    const p = pos.get(n.id), r = 5 + 9 * Math.sqrt(n.n / nodes[0].n);
    const dot = svgEl("circle", {class: "node", cx: p.x, cy: p.y, r});
    dot.appendChild(svgEl("title", {}, `${n.label}: ${n.n} event mention(s)`));
    svg.appendChild(dot);
    const out = Math.cos(p.a) >= 0;
    svg.appendChild(svgEl("text", {x: p.x + (out ? 1 : -1) * (r + 4), y: p.y + 4, "text-anchor": out ? "start" : "end"},
      truncate(n.label, 34)));
  }
  append(clear(node), svg);
}

function drawEdge(svg, edge, pos, maxN, onPick, centre, labelled) {
  const a = pos.get(edge.s), b = pos.get(edge.t);
  const mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2;
  const qx = mx + (centre.cx - mx) * 0.35 + (b.y - a.y) * 0.12, qy = my + (centre.cy - my) * 0.35 - (b.x - a.x) * 0.12;
  const d = edge.s === edge.t ? `M${a.x} ${a.y} q 30 -40 0 -40 q -30 0 0 40` : `M${a.x} ${a.y} Q${qx} ${qy} ${b.x} ${b.y}`;
  const path = svgEl("path", {class: "edge bar-hit", d, "stroke-width": 1 + 5 * edge.members.length / maxN});
  const label = `${actorKey({name: edge.s})} → ${actorKey({name: edge.t})}: ${edgeLabel(edge)}`;
  path.appendChild(svgEl("title", {}, label));
  path.addEventListener("click", () => onPick(edge.members, label));
  svg.appendChild(path);
  const tx = 0.25 * a.x + 0.5 * qx + 0.25 * b.x, ty = 0.25 * a.y + 0.5 * qy + 0.25 * b.y;
  const arrow = svgEl("circle", {cx: 0.1 * qx + 0.9 * b.x, cy: 0.1 * qy + 0.9 * b.y, r: 2.5, fill: "#5b6575"});
  svg.appendChild(arrow);
  if (labelled && edge.s !== edge.t) svg.appendChild(svgEl("text", {x: tx, y: ty, "text-anchor": "middle"}, truncate(edgeLabel(edge), 30)));
}

function drawBars(node, title, counts, colors) {
  clear(node).appendChild(el("h3", {}, title));
  const entries = Object.entries(counts || {});
  const max = Math.max(1, ...entries.map(e => e[1]));
  const box = el("div", {class: "bars"});
  for (const [key, n] of entries) {
    const bar = el("i");
    bar.style.width = (12 * n / max).toFixed(2) + "em";
    if (colors && colors[key]) bar.style.background = colors[key];
    box.appendChild(el("div", {class: "bar"}, [el("span", {}, key), bar, el("span", {}, String(n))]));
  }
  node.appendChild(box);
}
