// eventwire dashboard: map, timeline, table and event detail over the local API. No CDN, no tile server.
// Every piece of data reaches the page as text (textContent, text nodes, attribute values), never as HTML.
"use strict";

const PALETTE = ["#d62728", "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
const LIMIT = 5000;
const colours = new Map(); // event type -> colour, fixed on first sight so filtering never recolours
const state = { features: [], selected: null, token: null };

// --- DOM helpers: text only -------------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
function text(value) { return value === null || value === undefined ? "" : String(value); }
function $(selector) { return document.querySelector(selector); }

function colourOf(type) {
  if (!colours.has(type)) colours.set(type, PALETTE[colours.size % PALETTE.length]);
  return colours.get(type);
}

function radiusOf(fatalities) { return 5 + 3 * Math.sqrt(Math.max(0, Number(fatalities) || 0)); }

async function api(path, options) {
  const response = await fetch(path, options);
  if (!response.ok) {
    let message = response.status + " " + response.statusText;
    try { const body = await response.json(); if (body.error) message = body.error; } catch (e) { /* not JSON */ }
    throw new Error(message);
  }
  return response;
}

// --- map ---------------------------------------------------------------------------------------------------

const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([30, 30], 3);
map.attributionControl.setPrefix(false);
map.attributionControl.addAttribution("Natural Earth (public domain) · Leaflet");
const markers = L.layerGroup().addTo(map);

api("/basemap.geojson").then((r) => r.json()).then((data) => {
  L.geoJSON(data, {
    interactive: false,
    style: { color: "#9e9e9e", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 },
  }).addTo(map).bringToBack();
}).catch((e) => console.error("basemap:", e));

function drawMarkers(features) {
  markers.clearLayers();
  const points = [];
  for (const f of features) {
    if (!f.geometry) continue;
    const [lon, lat] = f.geometry.coordinates;
    const p = f.properties;
    const marker = L.circleMarker([lat, lon], {
      radius: radiusOf(p.fatalities), color: "#333", weight: 1, fillColor: colourOf(p.event_type),
      fillOpacity: 0.75, className: "ew-marker",
    });
    marker.bindTooltip(el("span", null, text(p.event_date) + " · " + text(p.sub_event_type) + " · " +
      text(p.location) + (p.fatalities ? " · " + p.fatalities + " killed" : "")));
    marker.on("click", () => showEvent(p.event_id_cnty));
    markers.addLayer(marker);
    marker.getElement().dataset.event = p.event_id_cnty;
    points.push([lat, lon]);
  }
  return points;
}

function drawLegend() {
  const legend = clear($("#legend"));
  for (const [type, colour] of colours) {
    legend.append(el("span", null, el("span", { class: "swatch", style: "background:" + colour }), type));
  }
  legend.append(el("span", { class: "hint" }, "marker size: fatalities"));
}

// --- timeline ----------------------------------------------------------------------------------------------

const SVG = "http://www.w3.org/2000/svg";

function drawTimeline(features) {
  const box = clear($("#timeline"));
  const perDay = new Map();
  for (const f of features) {
    const day = f.properties.event_date;
    if (day) perDay.set(day, (perDay.get(day) || 0) + 1);
  }
  if (!perDay.size) return;
  const days = [...perDay.keys()].sort();
  const first = Date.parse(days[0]), last = Date.parse(days[days.length - 1]);
  const span = Math.max(1, Math.round((last - first) / 86400000) + 1);
  const peak = Math.max(...perDay.values());
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${span * 10} 60`);
  svg.setAttribute("preserveAspectRatio", "none");
  for (const [day, count] of perDay) {
    const x = Math.round((Date.parse(day) - first) / 86400000) * 10;
    const h = Math.max(2, 50 * count / peak);
    const rect = document.createElementNS(SVG, "rect");
    rect.setAttribute("x", x + 1); rect.setAttribute("width", 8);
    rect.setAttribute("y", 55 - h); rect.setAttribute("height", h); rect.setAttribute("fill", "#546e7a");
    const title = document.createElementNS(SVG, "title");
    title.textContent = `${day}: ${count} events (click to show only this day)`;
    rect.append(title);
    rect.addEventListener("click", () => {
      const form = $("#filters");
      form.since.value = day; form.until.value = day;
      loadEvents();
    });
    svg.append(rect);
  }
  box.append(svg);
}

// --- table -------------------------------------------------------------------------------------------------

const COLUMNS = ["event_date", "sub_event_type", "actor1", "actor2", "location", "fatalities", "claimant",
  "stance", "corroboration", "sources"];

function drawTable(features, more) {
  const body = clear($("#events tbody"));
  for (const f of features) {
    const p = f.properties;
    const row = el("tr", { "data-event": p.event_id_cnty, onclick: () => showEvent(p.event_id_cnty) },
      ...COLUMNS.map((c) => el("td", null, text(p[c]))));
    body.append(row);
  }
  $("#table-note").textContent = features.length + " events" +
    (more ? ` (the first ${LIMIT}; narrow the filters to see the rest)` : "");
}

// --- loading -----------------------------------------------------------------------------------------------

function filterQuery() {
  const form = $("#filters");
  const params = new URLSearchParams();
  for (const name of ["since", "until", "country", "event_type", "actor", "claimant", "stance", "corroboration"]) {
    const value = form[name].value.trim();
    if (value) params.set(name, value);
  }
  if (form.inview.checked) {
    const b = map.getBounds();
    const clamp = (v, lim) => Math.max(-lim, Math.min(lim, v));
    params.set("bbox", [clamp(b.getWest(), 180), clamp(b.getSouth(), 90), clamp(b.getEast(), 180),
      clamp(b.getNorth(), 90)].map((v) => v.toFixed(4)).join(","));
  }
  params.set("limit", LIMIT);
  params.set("format", "geojson");
  return params;
}

async function loadEvents({ fit = false } = {}) {
  try {
    const response = await api("/events?" + filterQuery());
    const data = await response.json();
    state.features = data.features;
    const points = drawMarkers(data.features);
    drawLegend();
    drawTimeline(data.features);
    drawTable(data.features, response.headers.has("X-Next-Offset"));
    fillTypes(data.features);
    if (fit && points.length) map.fitBounds(points, { padding: [30, 30], maxZoom: 9 });
    document.body.dataset.loaded = "events";
  } catch (e) {
    $("#table-note").textContent = "Could not load events: " + e.message;
    $("#table-note").className = "error";
  }
}

function fillTypes(features) {
  const select = $("#filters").event_type;
  const known = new Set([...select.options].map((o) => o.value));
  for (const type of [...new Set(features.map((f) => f.properties.event_type))].sort()) {
    if (type && !known.has(type)) select.append(el("option", null, type));
  }
}

async function loadStats() {
  const stats = await (await api("/stats")).json();
  state.tokenRequired = stats.token_required;
  const c = stats.counts;
  $("#stats").textContent = `${c.events} events from ${c.articles} articles`;
  $("#empty").hidden = c.events > 0 || c.articles > 0;
  $("#load-examples").hidden = !stats.examples.length;
  return stats;
}

function authHeaders() {
  if (!state.tokenRequired) return {};
  if (!state.token) state.token = window.prompt("This server needs its token for writes:") || "";
  return { Authorization: "Bearer " + state.token };
}

$("#load-examples").addEventListener("click", async () => {
  const status = $("#load-status");
  status.textContent = "Extracting the examples (the first extraction loads the language model)…";
  try {
    const r = await (await api("/examples", { method: "POST", headers: authHeaders() })).json();
    status.textContent = `${r.stored} articles stored, ${r.mentions} mentions.`;
    await loadStats();
    await loadEvents({ fit: true });
  } catch (e) {
    status.textContent = "Could not load the examples: " + e.message;
  }
});

$("#filters").addEventListener("submit", (e) => { e.preventDefault(); loadEvents(); });
$("#filters").addEventListener("reset", () => setTimeout(() => loadEvents(), 0));

// --- event detail ------------------------------------------------------------------------------------------

function fields(pairs) {
  const dl = el("dl", { class: "fields" });
  for (const [name, value] of pairs) {
    if (value === null || value === undefined || value === "") continue;
    dl.append(el("dt", null, name), el("dd", null, text(value)));
  }
  return dl;
}

async function showEvent(eventId) {
  const detail = clear($("#detail"));
  for (const row of document.querySelectorAll("#events tr.selected")) row.classList.remove("selected");
  const row = document.querySelector(`#events tr[data-event="${CSS.escape(eventId)}"]`);
  if (row) { row.classList.add("selected"); row.scrollIntoView({ block: "nearest" }); }
  let data;
  try {
    data = await (await api("/events/" + encodeURIComponent(eventId))).json();
  } catch (e) {
    detail.append(el("p", { class: "error" }, "Could not load the event: " + e.message));
    return;
  }
  state.selected = data;
  const r = data.row;
  detail.append(
    el("h2", null, `${text(r.sub_event_type)} — ${text(r.location)}, ${text(r.country)}`),
    fields([["date", r.event_date], ["event type", r.event_type], ["actor 1", r.actor1], ["actor 2", r.actor2],
      ["fatalities", r.fatalities], ["claimant", r.claimant], ["stance", r.stance], ["corroboration", r.corroboration],
      ["sources", [...new Set(data.tellings.map((t) => t.publisher || t.url || "unnamed"))].join("; ")], ["geo precision", r.geo_precision], ["notes", r.notes],
      ["event id", r.event_id_cnty]]),
  );
  detail.append(el("h3", null, `How each source tells it (${data.tellings.length})`));
  const grid = el("div", { class: "tellings" });
  data.tellings.forEach((t, n) => {
    const card = el("div", { class: "telling", "data-telling": n },
      el("h4", null, text(t.publisher || t.title || "source " + (n + 1))),
      el("div", null, "claimant: ", text(t.claimant || "none named"), " ",
        el("span", { class: "stance stance-" + t.stance }, text(t.stance)), t.hedged ? " (hedged)" : ""),
      fields([["published", t.published], ["actor 1", t.actor1], ["actor 2", t.actor2], ["fatalities", t.fatalities],
        ["cue", t.cue], ["other voices", t.other_claims.map((c) => `${text(c.claimant)} (${c.stance})`).join("; ")],
        ["loaded terms", t.loaded_terms.join(", ")], ["notes", t.notes]]),
      el("button", { type: "button", onclick: () => showArticle(t, n) }, "show the article"));
    grid.append(card);
  });
  detail.append(grid, el("div", { id: "article" }));
  if (data.tellings.length) await showArticle(data.tellings[0], 0);
}

async function showArticle(telling, n) {
  for (const card of document.querySelectorAll(".telling")) {
    card.classList.toggle("selected", card.dataset.telling === String(n));
  }
  const box = clear($("#article"));
  let data;
  try {
    data = await (await api("/articles/" + encodeURIComponent(telling.article_id))).json();
  } catch (e) {
    box.append(el("p", { class: "error" }, "Could not load the article: " + e.message));
    return;
  }
  const current = new Set(telling.spans.map((s) => s.start + ":" + s.end));
  box.append(
    el("h3", null, text(data.article.title || "Article"), " ", el("span", { class: "hint" },
      [data.article.publisher, data.article.published].filter(Boolean).join(", "))),
    el("p", { class: "hint" }, "Highlighted: the words behind each field (darker: this event); wavy underline: a loaded term."),
    markedText(data.article.text, data.marks, current),
  );
  const first = box.querySelector("mark.current");
  if (first) first.scrollIntoView({ block: "nearest" });
}

function markedText(source, marks, current) {
  // Cut the text at every mark boundary; each piece is a text node, inside <mark>s for the marks covering it.
  const cuts = new Set([0, source.length]);
  for (const m of marks) { cuts.add(m.start); cuts.add(m.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = el("div", { class: "article-text" });
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const covering = marks.filter((m) => m.start <= a && m.end >= b);
    const piece = source.slice(a, b);
    if (!covering.length) { out.append(document.createTextNode(piece)); continue; }
    const kinds = new Set(covering.map((m) => m.kind));
    const isCurrent = covering.some((m) => current && current.has(m.start + ":" + m.end));
    const mark = el("mark", {
      class: [...kinds].join(" ") + (isCurrent ? " current" : ""),
      title: [...new Set(covering.map((m) => m.label))].join("; "),
    }, piece);
    out.append(mark);
  }
  return out;
}

// --- paste an article --------------------------------------------------------------------------------------

$("#paste-open").addEventListener("click", () => $("#paste").showModal());
$("#paste-close").addEventListener("click", () => $("#paste").close());
$("#paste-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = e.target;
  const status = $("#paste-status");
  const result = clear($("#paste-result"));
  const body = { text: form.text.value };
  if (form.published.value) body.published = form.published.value;
  if (form.publisher.value.trim()) body.publisher = form.publisher.value.trim();
  status.textContent = "Extracting…";
  try {
    const data = await (await api("/extract", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    })).json();
    status.textContent = `${data.mentions.length} events` + (data.reason ? ` (${data.reason})` : "");
    const table = el("table", { id: "paste-events" }, el("thead", null, el("tr", null,
      ...["date", "sub-event type", "actor 1", "actor 2", "place", "fatalities", "claimant", "stance"].map((h) => el("th", null, h)))));
    const tbody = el("tbody");
    for (const m of data.mentions) {
      tbody.append(el("tr", null, ...[m.date, m.sub_event_type, m.actor1 && m.actor1.name, m.actor2 && m.actor2.name,
        m.place && (m.place.resolved_name || m.place.name), m.fatalities, m.claim.claimant, m.claim.stance]
        .map((v) => el("td", null, text(v)))));
    }
    table.append(tbody);
    result.append(table, markedText(data.article.text, data.marks, null));
  } catch (err) {
    status.textContent = "";
    result.append(el("p", { class: "error" }, err.message));
  }
});

// --- start -------------------------------------------------------------------------------------------------

loadStats().then(() => loadEvents({ fit: true })).catch((e) => {
  $("#stats").textContent = "Could not reach the API: " + e.message;
});
