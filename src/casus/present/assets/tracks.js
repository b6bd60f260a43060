/* Casus flight tracks: the observations of trajectory documents (observations.jsonl) on the map
   (routes, take-off and landing airports, orbit and loiter rings) and as a lane of the timeline.
   Every value reaches the page as text (textContent or a fixed attribute). */
const TRACK_LANE_ROWS = 150;
const TRACK_PAD = {lon: 2, lat: 1.5};  // a map with tracks frames them tighter than mentions alone
const TRACK_COLORS = ["#0b7285", "#6741d9", "#2b8a3e", "#a61e4d", "#5c940d", "#1864ab", "#862e9c", "#d9480f"];
const OBS_COLORS = {flight: "#0b7285", detour: "#6741d9", takeoff: "#2b8a3e", landing: "#2b8a3e",
  orbit: "#c2255c", loiter: "#a61e4d", transit: "#5f3dc4", gap: "#868e96"};
const OBS_LABELS = {takeoff: "take-off", landing: "landing", flight: "flight", detour: "detour", orbit: "orbit",
  loiter: "loiter", transit: "transit", gap: "signal gap"};

function isCoord(lat, lon) {
  return typeof lat === "number" && typeof lon === "number" && Number.isFinite(lat) && Number.isFinite(lon) &&
    Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
}

/* A fractional day number of a UTC time ("2024-03-10T10:00:00Z"), the unit of the timeline's scale. */
function obsDay(iso) {
  const t = Date.parse(String(iso || ""));
  return Number.isNaN(t) ? null : t / 86400000;
}

function obsPlace(ob) { return ob && ob.place && typeof ob.place === "object" ? ob.place : {}; }

function obsAircraft(ob) { return ob && ob.aircraft && typeof ob.aircraft === "object" ? ob.aircraft : {}; }

function obsKind(ob) { return OBS_LABELS[ob.type] || String(ob.type || "observation"); }

/* "RA-99001" or, without a registration, the callsign or ICAO address. */
function aircraftName(ob) {
  const a = obsAircraft(ob);
  return String(a.registration || a.callsign || a.icao24 || "unknown aircraft");
}

function aircraftLabel(ob) {
  const a = obsAircraft(ob);
  return [aircraftName(ob), a.type, a.callsign && a.callsign !== aircraftName(ob) ? "callsign " + a.callsign : null,
    a.operator, a.country].filter(Boolean).join(" · ");
}

function utcText(iso) { return String(iso || "?").replace("T", " ").replace(/Z$/, ""); }

function obsInterval(ob) {
  const start = utcText(ob.start), end = utcText(ob.end);
  const sameDay = start.slice(0, 10) === end.slice(0, 10);
  return `${start} – ${sameDay ? end.slice(11) : end} UTC`;
}

function airportLabel(place) {
  if (!place.airport && !place.name) return "";
  return [place.airport, place.name].filter(Boolean).join(" ") + (place.city ? `, ${place.city}` : "") +
    (place.country ? ` (${place.country})` : "");
}

function obsWhere(ob) {
  const p = obsPlace(ob);
  const near = ["takeoff", "landing"].includes(ob.type) ? "" : "near ";
  const airport = airportLabel(p);
  return [airport ? near + airport : "", p.region ? "over " + p.region : ""].filter(Boolean).join(", ");
}

function provenanceOf(ob) { return ob && ob.provenance && typeof ob.provenance === "object" ? ob.provenance : {}; }

/* The native tooltip: what, who, when, where, and the log line it was read from. */
function obsTooltip(ob) {
  return [`${obsKind(ob)}: ${aircraftLabel(ob)}`, obsInterval(ob), obsWhere(ob),
    "log: " + truncate(provenanceOf(ob).text, 400), "(click to open the track log)"].filter(Boolean).join("\n");
}

function observationRoute(ob) {
  const route = ob && ob.details && Array.isArray(ob.details.route) ? ob.details.route : [];
  return route.filter(p => Array.isArray(p) && isCoord(p[0], p[1])).map(p => ({lat: p[0], lon: p[1]}));
}

/* Every point the map must frame: route vertices and the places of the observations. */
function trackMapPoints(observations) {
  const points = [];
  for (const ob of observations || []) {
    points.push(...observationRoute(ob));
    const p = obsPlace(ob);
    if (isCoord(p.lat, p.lon)) points.push({lat: p.lat, lon: p.lon});
  }
  return points;
}

function aircraftColors(observations) {
  const names = [...new Set((observations || []).map(aircraftName))];
  return new Map(names.map((name, i) => [name, TRACK_COLORS[i % TRACK_COLORS.length]]));
}

function clickable(node, ob, onOpen) {
  setAttrs(node, {"data-id": ob.id, tabindex: 0});
  node.appendChild(svgEl("title", {}, obsTooltip(ob)));
  node.addEventListener("click", () => onOpen(ob));
  node.addEventListener("keydown", e => { if (e.key === "Enter") onOpen(ob); });
  return node;
}

function drawRoute(svg, ob, proj, color, onOpen) {
  const pts = observationRoute(ob);
  if (pts.length < 2) return;
  const d = pts.map((p, i) => (i ? "L" : "M") + proj.x(p.lon).toFixed(1) + " " + proj.y(p.lat).toFixed(1)).join(" ");
  const group = svgEl("g", {class: "route", "data-kind": ob.type});
  group.appendChild(svgEl("path", {class: "route-line", d, stroke: color}));
  group.appendChild(svgEl("path", {class: "route-hit", d}));
  group.appendChild(svgEl("circle", {class: "route-start", cx: proj.x(pts[0].lon), cy: proj.y(pts[0].lat), r: 3,
    stroke: color}));
  svg.appendChild(clickable(group, ob, onOpen));
}

/* Take-offs and landings at one airport share one marker: a triangle up (take-off) or down (landing). */
function airportMarkers(observations) {
  const byKey = new Map();
  for (const ob of observations) {
    const p = obsPlace(ob);
    if (!["takeoff", "landing"].includes(ob.type) || !isCoord(p.lat, p.lon)) continue;
    const key = ob.type + "|" + (p.airport || p.lat.toFixed(3) + "," + p.lon.toFixed(3));
    if (!byKey.has(key)) byKey.set(key, {type: ob.type, place: p, members: []});
    byKey.get(key).members.push(ob);
  }
  return [...byKey.values()];
}

/* A triangle whose tip touches the airport (so a mention's dot there stays visible): pointing down from
   above for a landing, up from below for a take-off; the label sits to the left, clear of mentions' labels. */
function drawAirport(svg, marker, proj, onOpen, labels) {
  const cx = proj.x(marker.place.lon), cy = proj.y(marker.place.lat), up = marker.type === "takeoff";
  const base = up ? cy + 15 : cy - 15;
  const d = `M${cx} ${cy} L${cx + 7} ${base} L${cx - 7} ${base} Z`;
  svg.appendChild(clickable(svgEl("path", {class: "obs-marker", "data-kind": marker.type, d,
    fill: OBS_COLORS[marker.type]}), marker.members[0], onOpen));
  if (!labels) return;
  const count = marker.members.length > 1 ? ` ×${marker.members.length}` : "";
  const label = `${up ? "take-off" : "landing"} ${marker.place.airport || ""}${count}`;
  const ly = up ? cy + 12 : cy - 8;
  svg.appendChild(svgEl("text", {class: "airport-label", x: cx - 11, y: ly, "text-anchor": "end"}, label));
  if (marker.place.name) svg.appendChild(svgEl("text", {class: "airport-name", x: cx - 11, y: ly + 12,
    "text-anchor": "end"}, truncate(marker.place.name + (marker.place.city ? ", " + marker.place.city : ""), 40)));
}

/* Orbits and loiters: a dashed ring of the pattern's radius (at least a few pixels). */
function drawPattern(svg, ob, proj, onOpen, index, labels) {
  const p = obsPlace(ob), cx = proj.x(p.lon), cy = proj.y(p.lat);
  const km = typeof p.radius_km === "number" && p.radius_km > 0 ? p.radius_km : 5;
  const r = Math.max(6, km / 111.2 * proj.ky);
  svg.appendChild(clickable(svgEl("circle", {class: "obs-ring", "data-kind": ob.type, cx, cy, r,
    stroke: OBS_COLORS[ob.type]}), ob, onOpen));
  if (!labels) return;
  const turns = ob.details && typeof ob.details.turns === "number" ? ` (${ob.details.turns} turns)` : "";
  const minutes = ob.details && typeof ob.details.duration_min === "number" ? ` ${ob.details.duration_min} min` : "";
  const a = (index % 2 ? 1 : -1) * Math.PI / 4;
  svg.appendChild(svgEl("text", {class: "pattern-label", x: cx + r * Math.cos(a) + 4, y: cy + r * Math.sin(a) + 4},
    obsKind(ob) + turns + minutes));
}

function drawOtherMarker(svg, ob, proj, onOpen) {
  const p = obsPlace(ob), cx = proj.x(p.lon), cy = proj.y(p.lat);
  const d = `M${cx} ${cy - 5} L${cx + 5} ${cy} L${cx} ${cy + 5} L${cx - 5} ${cy} Z`;
  svg.appendChild(clickable(svgEl("path", {class: "obs-marker", "data-kind": ob.type, d, fill: OBS_COLORS[ob.type]}),
    ob, onOpen));
}

/* Routes first, then rings, gaps and transits, then airports on top; ``labels`` false on a map
   zoomed out so far that they would overprint each other. */
function drawTracks(svg, observations, proj, onOpen, labels) {
  const colors = aircraftColors(observations);
  for (const ob of observations) drawRoute(svg, ob, proj, colors.get(aircraftName(ob)), onOpen);
  const placed = observations.filter(ob => isCoord(obsPlace(ob).lat, obsPlace(ob).lon));
  const radius = ob => obsPlace(ob).radius_km || 0;
  const rings = placed.filter(ob => ob.type === "orbit" || ob.type === "loiter").sort((a, b) => radius(b) - radius(a));
  rings.forEach((ob, i) => drawPattern(svg, ob, proj, onOpen, i, labels));  // the larger beneath the smaller
  for (const ob of placed) if (ob.type === "gap" || ob.type === "transit") drawOtherMarker(svg, ob, proj, onOpen);
  for (const marker of airportMarkers(observations)) drawAirport(svg, marker, proj, onOpen, labels);
}

function legendItem(swatch, label) { return el("span", {}, [swatch, label]); }

function trackLegend(observations) {
  const box = el("div", {class: "legend track-legend"});
  for (const [name, color] of aircraftColors(observations)) {
    const line = el("i", {class: "line"});
    line.style.background = color;
    box.appendChild(legendItem(line, "route of " + name));
  }
  const kinds = new Set(observations.map(ob => ob.type));
  for (const [kind, glyph] of [["takeoff", "▲"], ["landing", "▼"], ["orbit", "◯"], ["loiter", "◯"], ["gap", "◆"],
    ["transit", "◆"]]) {
    if (!kinds.has(kind)) continue;
    const mark = el("b", {class: "glyph"}, glyph);
    mark.style.color = OBS_COLORS[kind];
    box.appendChild(legendItem(mark, OBS_LABELS[kind]));
  }
  box.appendChild(el("span", {class: "hint"}, "Click a route or marker to open its track log."));
  return box;
}

/* One timeline row per observation, in time order, with its interval as fractional days. */
function trackLaneRows(observations) {
  const rows = [];
  for (const ob of observations || []) {
    const t0 = obsDay(ob.start), t1 = obsDay(ob.end);
    if (t0 === null) continue;
    rows.push({ob, t0, t1: t1 === null || t1 < t0 ? t0 : t1});
  }
  return rows.sort((a, b) => a.t0 - b.t0 || a.t1 - b.t1);
}

function laneLabel(ob) {
  const p = obsPlace(ob);
  const where = p.airport || p.region || "";
  return `✈ ${aircraftName(ob)} · ${obsKind(ob)}${where ? " " + where : ""}`;
}

/* The observation lane: a shaded band above the clusters; each observation a pill from start to end. */
function drawTrackLane(svg, rows, x, box, onOpen) {
  const {top, left, width, rowH} = box, height = rows.length * rowH + 18;
  svg.appendChild(svgEl("rect", {class: "lane-bg", x: 0, y: top + 2, width, height}));
  svg.appendChild(svgEl("text", {class: "lane-title", x: 8, y: top + 14}, `Flight tracks: ${rows.length} observation(s)`));
  rows.forEach((row, i) => {
    const y = top + 18 + i * rowH, x0 = x(row.t0), x1 = Math.max(x0 + 8, x(row.t1));
    svg.appendChild(svgEl("text", {x: left - 6, y: y + 11, "text-anchor": "end"}, truncate(laneLabel(row.ob), 42)));
    const pill = svgEl("rect", {class: "obs-hit", "data-kind": row.ob.type, x: x0, y: y + 3, width: x1 - x0,
      height: rowH - 6, rx: (rowH - 6) / 2, fill: OBS_COLORS[row.ob.type] || "#495057"});
    svg.appendChild(clickable(pill, row.ob, onOpen));
  });
}

function drawTrackLegend(node, observations) {
  if (!(observations || []).length) return;
  const pill = el("i", {class: "pill"});
  pill.style.background = OBS_COLORS.flight;
  node.appendChild(el("span", {}, [pill, "flight-track observation (UTC)"]));
}

function detailsText(details) {
  return Object.entries(details && typeof details === "object" ? details : {})
    .filter(([key, value]) => key !== "route" && value !== null && typeof value !== "object")
    .map(([key, value]) => `${key.replace(/_/g, " ")}: ${value}`).join(" · ");
}

function observationFacts(ob) {
  const a = obsAircraft(ob), p = obsPlace(ob), prov = provenanceOf(ob);
  const yes = v => v === true ? "yes" : v === false ? "no" : "";
  const coords = isCoord(p.lat, p.lon) ? `${p.lat.toFixed(4)}, ${p.lon.toFixed(4)}` : "";
  return metaList([["observation", obsKind(ob)], ["aircraft", aircraftLabel(ob)], ["registration", a.registration],
    ["aircraft type", a.type], ["callsign", a.callsign], ["ICAO address", a.icao24], ["operator", a.operator],
    ["state", a.country], ["military", yes(a.military)],
    ["sanctioned", yes(a.sanctioned) + (a.listed_by ? ` (${a.listed_by})` : "")], ["role", a.role],
    ["when", obsInterval(ob)], ["where", obsWhere(ob)], ["position", coords], ["details", detailsText(ob.details)],
    ["file", prov.file], ["samples", Array.isArray(prov.samples) ? prov.samples.join("–") : ""]]);
}

/* The doc panel for an observation: its facts, then the whole track log with its line marked. */
function drawObservation(doc, ob) {
  const body = clear(byId("doc-body"));
  const prov = provenanceOf(ob);
  append(body, [el("h2", {}, doc.title || doc.doc_id),
    metaList([["source", doc.outlet], ["document", doc.doc_id]]),
    el("h3", {}, "Observation"), observationFacts(ob),
    el("h3", {}, "Track log"), el("p", {class: "keys"}, [el("span", {}, el("mark", {}, "this observation's line"))])]);
  drawDocText(body, doc, {evidence: {start: prov.start, end: prov.end}, attribution: []}, null);
  byId("doc-panel").hidden = false;
  const mark = body.querySelector("mark.current");
  if (mark) mark.scrollIntoView({block: "center"});
}
