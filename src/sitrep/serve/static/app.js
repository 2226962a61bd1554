// sitrep web UI: plain JavaScript and inline SVG, no build step, no network beyond this server.
// The view and its filters live in the URL (?view=timeline&actor=RUS&since=2024-11-01), so a view can be shared.
"use strict";

const FILTERS = ["since", "until", "actor", "type", "weapon", "country", "source_type"];
const QUAD = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"};
const TYPE_COLOURS = ["#c62828", "#ad1457", "#6a1b9a", "#283593", "#0277bd", "#00838f", "#2e7d32", "#9e9d24",
  "#f9a825", "#ef6c00", "#6d4c41", "#546e7a", "#d81b60", "#5e35b1", "#00897b", "#7cb342"];
const SVGNS = "http://www.w3.org/2000/svg";
const $ = (sel) => document.querySelector(sel);
let META = null;
let WORLD = null;

function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
}

function state() {
  const p = new URLSearchParams(location.search);
  const f = {};
  for (const k of FILTERS) if (p.get(k)) f[k] = p.get(k);
  return {view: p.get("view") || "overview", id: p.get("id"), offset: +(p.get("offset") || 0), f};
}

function go(view, extra = {}, keepFilters = true) {
  const s = state();
  const p = new URLSearchParams();
  p.set("view", view);
  if (keepFilters) for (const [k, v] of Object.entries(s.f)) p.set(k, v);
  for (const [k, v] of Object.entries(extra)) { if (v === null || v === "" || v === undefined) p.delete(k); else p.set(k, v); }
  history.pushState(null, "", "/?" + p.toString());
  render();
}

function qs(f, extra = {}) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== null) p.set(k, v);
  const s = p.toString();
  return s ? "?" + s : "";
}

const PREFETCHED = new Map();  // url -> the response promise of a request started early (first render)

async function api(path, f = {}, extra = {}) {
  const url = "/api/" + path + qs(f, extra);
  const early = PREFETCHED.get(url);
  PREFETCHED.delete(url);
  const r = await (early || fetch(url));
  const body = await r.json();
  if (!r.ok) throw new Error(body.error ? body.error.message : r.statusText);
  return body;
}

function el(tag, attrs = {}, ...kids) {
  const svg = ["svg", "g", "circle", "rect", "path", "line", "text", "title", "polygon", "marker", "defs"].includes(tag);
  const n = svg ? document.createElementNS(SVGNS, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "on") for (const [ev, fn] of Object.entries(v)) n.addEventListener(ev, fn);
    else if (v !== undefined && v !== null) n.setAttribute(k, v);
  }
  for (const k of kids) n.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return n;
}

function tip(node, text) {
  node.addEventListener("mousemove", (e) => { const t = $("#tip"); t.hidden = false; t.textContent = text;
    t.style.left = (e.clientX + 12) + "px"; t.style.top = (e.clientY + 12) + "px"; });
  node.addEventListener("mouseleave", () => { $("#tip").hidden = true; });
}

// --- exports: each view registers what it shows -----------------------------------------

function download(name, text, type) {
  const a = el("a", {href: URL.createObjectURL(new Blob([text], {type})), download: name});
  document.body.append(a); a.click(); a.remove();
}

function toCSV(rows) {
  if (!rows.length) return "";
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v) => { const s = v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
    return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; };
  return [cols.join(","), ...rows.map((r) => cols.map((c) => cell(r[c])).join(","))].join("\n") + "\n";
}

function setExports(name, rows, geojson) {
  const box = $("#exports");
  box.innerHTML = "";
  window.SITREP_EXPORT = {name, rows, geojson};
  if (!rows) return;
  box.append(el("span", {class: "muted"}, `${rows.length} rows shown · export: `));
  box.append(el("button", {type: "button", "data-testid": "export-csv", on: {click: () => download(name + ".csv", toCSV(rows), "text/csv")}}, "CSV"));
  box.append(el("button", {type: "button", "data-testid": "export-json", on: {click: () => download(name + ".json", JSON.stringify(rows, null, 1), "application/json")}}, "JSON"));
  if (geojson) box.append(el("button", {type: "button", "data-testid": "export-geojson", on: {click: () => download(name + ".geojson", JSON.stringify(geojson), "application/geo+json")}}, "GeoJSON"));
}

// --- filters form ---------------------------------------------------------------------

function fillForm() {
  const s = state();
  const form = $("#filters");
  for (const k of FILTERS) form.elements[k].value = s.f[k] || "";
  $("#active").textContent = Object.entries(s.f).map(([k, v]) => `${k}=${v}`).join(" · ");
  for (const a of document.querySelectorAll("#tabs a")) a.classList.toggle("on", a.dataset.view === s.view);
}

function initForm() {
  const form = $("#filters");
  for (const t of META.types) form.elements.type.append(el("option", {value: t}, t));
  for (const t of META.source_types) form.elements.source_type.append(el("option", {value: t}, t.replace(/_/g, " ")));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const extra = {offset: null};
    for (const k of FILTERS) extra[k] = form.elements[k].value.trim() || null;
    go(state().view, extra);
  });
  $("#clear").addEventListener("click", () => go(state().view, {}, false));
  for (const a of document.querySelectorAll("[data-view]")) a.addEventListener("click", (e) => { e.preventDefault(); go(a.dataset.view, {id: null, offset: null}); });
  window.addEventListener("popstate", render);
}

// --- views ------------------------------------------------------------------------------

const VIEWS = {};

VIEWS.overview = async (main, s) => {
  const d = await api("overview", s.f);
  main.append(el("h2", {}, `Stories (${d.total})`));
  const cav = el("ul", {class: "caveats", "data-testid": "caveats"});
  for (const c of d.caveats) cav.append(el("li", {}, c));
  main.append(cav);
  d.stories.forEach((st, i) => {
    const card = el("div", {class: "story", "data-testid": "story", "data-story": st.story_id});
    const h = el("h3", {}, `${i + 1}. `, el("a", {on: {click: () => go("story", {id: st.story_id})}}, st.title || st.story_id));
    card.append(h);
    const line = el("div", {class: "small"}, el("span", {class: "grade", title: "source reliability A-F, credibility 1-6"}, st.reliability + st.credibility),
      ` ${st.first_date || "undated"}${st.last_date && st.last_date !== st.first_date ? " – " + st.last_date : ""} · ${st.articles.length} articles · ${st.outlets} outlets · ${st.independent_origins} independent origins · significance ${st.significance}`);
    if (st.state_media_only) line.append(el("span", {class: "warn", "data-testid": "state-media"}, "rests on one state-media source"));
    else if (st.single_origin) line.append(el("span", {class: "warn"}, "single origin"));
    card.append(line);
    card.append(el("div", {class: "small muted"}, `actors ${st.actors.join(", ") || "-"} · weapons ${st.weapons.join(", ") || "-"} · types ${st.types.join(", ")}`));
    const ul = el("ul", {class: "reasons small"});
    for (const r of st.reasons) ul.append(el("li", {}, r));
    card.append(ul);
    main.append(card);
  });
  setExports("stories", d.stories.map((st, i) => ({rank: i + 1, story_id: st.story_id, title: st.title, first_date: st.first_date,
    last_date: st.last_date, grade: st.reliability + st.credibility, articles: st.articles.length, outlets: st.outlets,
    independent_origins: st.independent_origins, significance: st.significance, state_media_only: st.state_media_only,
    actors: st.actors.join(" "), weapons: st.weapons.join(" "), reasons: st.reasons.join(" | ")})));
};

function legendQuad() {
  const lg = el("div", {class: "legend small"});
  for (const [q, name] of Object.entries(QUAD)) lg.append(el("span", {}, el("i", {style: `background:var(--q${q})`}), name));
  return lg;
}

VIEWS.timeline = async (main, s) => {
  const d = await api("timeline", s.f);
  main.append(el("h2", {}, `Timeline: ${d.total} dated events` + (d.shown < d.total ? ` (first ${d.shown} shown)` : "")));
  main.append(legendQuad(), el("p", {class: "small muted"}, "Drag across the chart to narrow the period; click a point to open the event."));
  const pts = d.points;
  if (!pts.length) { main.append(el("p", {}, "No dated events match.")); setExports("timeline", []); return; }
  const types = [...new Set(pts.map((p) => p.type))].sort();
  const W = 1100, L = 110, R = 20, T = 20, row = 26, H = T + types.length * row + 30;
  const t = (x) => Date.parse(x);
  let lo = t(pts[0].date), hi = t(pts[pts.length - 1].date);
  if (hi === lo) { lo -= 864e5; hi += 864e5; }
  const X = (x) => L + (t(x) - lo) / (hi - lo) * (W - L - R);
  const svg = el("svg", {width: W, height: H, viewBox: `0 0 ${W} ${H}`, "data-testid": "timeline"});
  types.forEach((ty, i) => {
    svg.append(el("text", {x: 4, y: T + i * row + 4}, ty));
    svg.append(el("line", {x1: L, x2: W - R, y1: T + i * row, y2: T + i * row, stroke: "#eee"}));
  });
  for (let k = 0; k <= 6; k++) {
    const x = L + k / 6 * (W - L - R);
    svg.append(el("text", {x: x - 30, y: H - 8}, new Date(lo + k / 6 * (hi - lo)).toISOString().slice(0, 10)));
  }
  const seen = {};
  for (const p of pts) {
    const key = p.type + p.date; const n = seen[key] = (seen[key] || 0) + 1;
    const c = el("circle", {class: `pt q${p.quad_class}`, cx: X(p.date), cy: T + types.indexOf(p.type) * row + ((n % 5) - 2) * 3, r: 5,
      "data-event": p.event_id, "fill-opacity": .7, on: {click: () => go("event", {id: p.event_id})}});
    tip(c, `${p.date} ${p.type} (${p.modality}) ${p.actors || "?"}${p.recipients ? " → " + p.recipients : ""}: "${p.trigger}" · ${p.source || ""}`);
    svg.append(c);
  }
  // brush: drag to select a period, which becomes the since/until filters
  const band = el("rect", {y: 0, height: H, fill: "#20262e", "fill-opacity": .12, width: 0, visibility: "hidden"});
  svg.append(band);
  let start = null;
  const px = (e) => { const b = svg.getBoundingClientRect(); return (e.clientX - b.left) * W / b.width; };
  svg.addEventListener("mousedown", (e) => { if (e.target.classList.contains("pt")) return; start = px(e); band.setAttribute("x", start); band.setAttribute("width", 0); band.setAttribute("visibility", "visible"); });
  svg.addEventListener("mousemove", (e) => { if (start === null) return; const x = px(e); band.setAttribute("x", Math.min(x, start)); band.setAttribute("width", Math.abs(x - start)); });
  svg.addEventListener("mouseup", (e) => {
    if (start === null) return; const x = px(e); const a = Math.min(x, start), b = Math.max(x, start); start = null;
    if (b - a < 4) { band.setAttribute("visibility", "hidden"); return; }
    const day = (v) => new Date(lo + (v - L) / (W - L - R) * (hi - lo)).toISOString().slice(0, 10);
    go("timeline", {since: day(Math.max(a, L)), until: day(Math.min(b, W - R))});
  });
  main.append(svg);
  setExports("timeline", pts);
};

function decodeTopo(topo) {
  // TopoJSON (quantized, delta-encoded arcs) to GeoJSON features: enough of the spec for world-atlas.
  const [sx, sy] = topo.transform.scale, [tx, ty] = topo.transform.translate;
  const arcs = topo.arcs.map((arc) => { let x = 0, y = 0; return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; }); });
  const line = (ids) => { const out = []; for (const i of ids) { const a = i < 0 ? arcs[~i].slice().reverse() : arcs[i]; out.push(...(out.length ? a.slice(1) : a)); } return out; };
  return topo.objects.countries.geometries.map((g) => ({name: g.properties && g.properties.name,
    polys: g.type === "Polygon" ? [g.arcs.map(line)] : g.type === "MultiPolygon" ? g.arcs.map((p) => p.map(line)) : []}));
}

VIEWS.map = async (main, s) => {
  if (!WORLD) WORLD = decodeTopo(await (await fetch("/static/countries-110m.json")).json());
  const d = await api("map", s.f);
  const feats = d.features;
  main.append(el("h2", {}, `Map: ${feats.length} located events`));
  const types = [...new Set(feats.map((f) => f.properties.type))].sort();
  const lg = el("div", {class: "legend small"});
  types.forEach((ty, i) => lg.append(el("span", {}, el("i", {style: `background:${TYPE_COLOURS[i % 16]}`}), ty)));
  lg.append(el("span", {}, "● a city or place · ◯ a whole country (its centroid)"));
  main.append(lg);
  // the view box: the located events' extent, padded (Europe for the sample), else the world
  let [x0, x1, y0, y1] = [-180, 180, -60, 85];
  if (feats.length) {
    const xs = feats.map((f) => f.geometry.coordinates[0]), ys = feats.map((f) => f.geometry.coordinates[1]);
    x0 = Math.max(-180, Math.min(...xs) - 12); x1 = Math.min(180, Math.max(...xs) + 12);
    y0 = Math.max(-60, Math.min(...ys) - 8); y1 = Math.min(85, Math.max(...ys) + 8);
  }
  const W = 1100, H = 620, k = Math.min(W / (x1 - x0), H / (y1 - y0) / 1.3);
  const P = ([lon, lat]) => [(lon - x0) * k, (y1 - lat) * k * 1.3];
  const svg = el("svg", {width: W, height: H, viewBox: `0 0 ${W} ${H}`, "data-testid": "map"});
  for (const c of WORLD) {
    const dstr = c.polys.map((poly) => poly.map((ring) => "M" + ring.map((pt) => P(pt).map((v) => v.toFixed(1)).join(",")).join("L") + "Z").join("")).join("");
    const path = el("path", {class: "country", d: dstr}); if (c.name) path.append(el("title", {}, c.name)); svg.append(path);
  }
  const stack = {};
  for (const f of feats) {
    const p = f.properties; const key = f.geometry.coordinates.join(","); const n = stack[key] = (stack[key] || 0) + 1;
    const [x, y] = P(f.geometry.coordinates); const dx = (n - 1) % 6 * 4, dy = Math.floor((n - 1) / 6) * 4;
    const colour = TYPE_COLOURS[types.indexOf(p.type) % 16];
    const attrs = {cx: x + dx, cy: y + dy, r: p.precision === "country" ? 7 : 5, "data-event": p.event_id, "data-precision": p.precision,
      on: {click: () => go("event", {id: p.event_id})}};
    const c = p.precision === "country" ? el("circle", {...attrs, class: "pt centroid", stroke: colour})
      : el("circle", {...attrs, class: "pt", fill: colour, "fill-opacity": .8});
    tip(c, `${p.date || ""} ${p.type} (${p.modality}) at ${p.place}${p.precision === "country" ? " (country centroid)" : ""} · ${p.source || ""}`);
    svg.append(c);
  }
  main.append(svg);
  setExports("map", feats.map((f) => ({...f.properties, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1]})), d);
};

VIEWS.network = async (main, s) => {
  const d = await api("network", s.f, {limit: 40});
  main.append(el("h2", {}, `Network: ${d.nodes.length} actors, ${d.edges.length} links`));
  main.append(legendQuad(), el("p", {class: "small muted"}, "Arrows run from actor to recipient; dashed lines join actors of one act (co-actors). Width: number of events. Click an actor to filter every view by it."));
  const W = 900, H = 640, cx = W / 2, cy = H / 2, rad = Math.min(W, H) / 2 - 70;
  const pos = {};
  d.nodes.forEach((n, i) => { const a = 2 * Math.PI * i / Math.max(1, d.nodes.length) - Math.PI / 2; pos[n.id] = [cx + rad * Math.cos(a), cy + rad * Math.sin(a)]; });
  const svg = el("svg", {width: W, height: H, viewBox: `0 0 ${W} ${H}`, "data-testid": "network"});
  const defs = el("defs");
  for (const q of [1, 2, 3, 4]) defs.append(el("marker", {id: `arrow${q}`, viewBox: "0 0 10 10", refX: 24, refY: 5, markerUnits: "userSpaceOnUse", markerWidth: 9, markerHeight: 9, orient: "auto-start-reverse"},
    el("path", {d: "M0,0L10,5L0,10z", class: `q${q}`})));
  svg.append(defs);
  const maxW = Math.max(1, ...d.edges.map((e) => e.weight));
  d.edges.forEach((e, i) => {
    const [x1, y1] = pos[e.source], [x2, y2] = pos[e.target];
    const bend = ((i % 3) - 1) * 18 + (e.joint ? 0 : 10) + e.quad_class * 6;
    const mx = (x1 + x2) / 2 + bend * (y2 - y1) / Math.hypot(x2 - x1, y2 - y1 || 1), my = (y1 + y2) / 2 - bend * (x2 - x1) / Math.hypot(x2 - x1 || 1, y2 - y1);
    const path = el("path", {class: `edge q${e.quad_class}${e.joint ? " joint" : ""}`, d: `M${x1},${y1}Q${mx},${my} ${x2},${y2}`,
      "stroke-width": 1 + 5 * e.weight / maxW, style: "fill:none", "marker-end": e.joint ? null : `url(#arrow${e.quad_class})`,
      "data-source": e.source, "data-target": e.target, "data-types": e.types.join(","), "data-joint": e.joint});
    tip(path, `${e.source} ${e.joint ? "with" : "→"} ${e.target}: ${e.weight} events (${e.types.join(", ")}), ${QUAD[e.quad_class]}`);
    svg.append(path);
  });
  for (const n of d.nodes) {
    const [x, y] = pos[n.id];
    const g = el("g", {class: "node" + (s.f.actor === n.id ? " on" : ""), "data-node": n.id, transform: `translate(${x},${y})`,
      on: {click: () => go("network", {actor: s.f.actor === n.id ? null : n.id})}});
    g.append(el("circle", {r: 8 + Math.sqrt(n.events) * 2}), el("text", {x: 12, y: 4}, n.id));
    tip(g, `${n.label} (${n.id}): ${n.events} events, actor in ${n.as_actor}, recipient in ${n.as_recipient}`);
    svg.append(g);
  }
  main.append(svg);
  setExports("network-edges", d.edges.map((e) => ({...e, types: e.types.join(" ")})));
};

VIEWS.weapons = async (main, s) => {
  const d = await api("weapons", s.f);
  main.append(el("h2", {}, `Weapon systems: ${d.total}`));
  const rows = [];
  for (const w of d.items) {
    const box = el("div", {class: "story", "data-testid": "weapon", "data-weapon": w.name});
    box.append(el("h3", {}, `${w.name} `, el("span", {class: "muted small"}, `${w.class || ""}${w.origin ? ", " + w.origin : ""} · ${w.count} events · ` +
      Object.entries(w.modalities).map(([m, n]) => `${m} ${n}`).join(", "))));
    const tb = el("table", {class: "small"});
    tb.append(el("tr", {}, ...["date", "what", "words", "modality", "outlet", "who says"].map((h) => el("th", {}, h))));
    for (const e of w.events) {
      rows.push({system: w.name, ...e});
      tb.append(el("tr", {}, el("td", {}, e.date || "undated"), el("td", {}, el("a", {href: "#", on: {click: (ev) => { ev.preventDefault(); go("event", {id: e.event_id}); }}}, e.type)),
        el("td", {}, e.trigger || ""), el("td", {}, e.modality), el("td", {}, e.source || ""), el("td", {}, e.speaker ? `${e.speaker} (${e.speaker_type})` : e.speaker_type)));
    }
    box.append(tb);
    main.append(box);
  }
  setExports("weapons", rows);
};

VIEWS.speakers = async (main, s) => {
  const d = await api("speakers", s.f, {limit: 100});
  main.append(el("h2", {}, `Speakers: ${d.total}`));
  const rows = [];
  for (const sp of d.items) {
    const box = el("div", {class: "story", "data-testid": "speaker"});
    box.append(el("h3", {}, sp.speaker + " ", el("span", {class: "muted small"}, `${sp.speaker_type.replace(/_/g, " ")}${sp.speaker_title ? ", " + sp.speaker_title : ""} · ${sp.count} statements · ${sp.outlets.join(", ")}`)));
    const ul = el("ul", {class: "small"});
    for (const st of sp.statements) {
      rows.push({speaker: sp.speaker, speaker_type: sp.speaker_type, date: st.date, statement: st.content, direct: st.direct, outlets: st.outlets.join(" | "), articles: st.articles.join(" ")});
      ul.append(el("li", {}, el("span", {class: "muted"}, `${st.date || "undated"} `), st.direct ? `“${st.content}”` : st.content,
        el("span", {class: "muted"}, ` — ${st.outlets.join(", ")} `), el("a", {href: "#", on: {click: (ev) => { ev.preventDefault(); go("article", {id: st.articles[0]}); }}}, "article")));
    }
    box.append(ul);
    main.append(box);
  }
  setExports("speakers", rows);
};

VIEWS.events = async (main, s) => {
  const d = await api("events", s.f, {limit: 100, offset: s.offset});
  main.append(el("h2", {}, `Events: ${d.total}` + (d.total > d.items.length ? ` (${s.offset + 1}–${s.offset + d.items.length})` : "")));
  const tb = el("table", {class: "small", "data-testid": "events"});
  tb.append(el("tr", {}, ...["date", "type", "actors", "recipients", "weapons", "modality", "grade", "outlet", "sentence"].map((h) => el("th", {}, h))));
  for (const e of d.items) {
    tb.append(el("tr", {}, el("td", {}, e.date || e.article_date || ""), el("td", {}, el("a", {href: "#", "data-event": e.event_id, on: {click: (ev) => { ev.preventDefault(); go("event", {id: e.event_id}); }}}, e.type)),
      el("td", {}, e.actor.map((a) => a.code || a.text).join(", ")), el("td", {}, e.recipient.map((a) => a.code || a.text).join(", ")),
      el("td", {}, e.weapons.map((w) => w.name).join(", ")), el("td", {}, e.modality), el("td", {}, e.grade || ""), el("td", {}, e.source || ""),
      el("td", {}, e.evidence.sentence.slice(0, 160))));
  }
  main.append(tb);
  const pager = el("div", {class: "pager"});
  if (s.offset > 0) pager.append(el("button", {type: "button", on: {click: () => go("events", {offset: Math.max(0, s.offset - 100)})}}, "previous"));
  if (s.offset + d.items.length < d.total) pager.append(el("button", {type: "button", on: {click: () => go("events", {offset: s.offset + 100})}}, "next"));
  main.append(pager);
  setExports("events", d.items.map((e) => ({event_id: e.event_id, date: e.date, type: e.type, quad_class: e.quad_class, modality: e.modality,
    actors: e.actor.map((a) => a.code || a.text).join(" "), recipients: e.recipient.map((a) => a.code || a.text).join(" "),
    weapons: e.weapons.map((w) => w.name).join(" "), grade: e.grade, cluster_id: e.cluster_id, story_id: e.story_id,
    source: e.source, url: e.url, sentence: e.evidence.sentence, trigger: e.evidence.trigger, rule: e.evidence.rule})));
};

function marked(sentence, spans) {
  let out = "", at = 0;
  for (const sp of spans) {
    if (sp.start < at) continue; // overlapping spans: the first wins
    out += esc(sentence.slice(at, sp.start)) + `<mark class="${sp.kind}" title="${esc(sp.kind)}${sp.code ? " " + esc(sp.code) : ""}">${esc(sentence.slice(sp.start, sp.end))}</mark>`;
    at = sp.end;
  }
  return out + esc(sentence.slice(at));
}

function reportsTable(reports) {
  const tb = el("table", {class: "small", "data-testid": "reports"});
  tb.append(el("tr", {}, ...["date", "outlet", "speaker", "speaker type", "grade", "why", "sentence", "article"].map((h) => el("th", {}, h))));
  for (const r of reports) {
    tb.append(el("tr", {}, el("td", {}, r.date || ""), el("td", {}, r.source || "", r.copy_of ? el("span", {class: "copy"}, ` copy of ${r.copy_of}`) : ""),
      el("td", {}, r.speaker || "—"), el("td", {}, (r.speaker_type || "").replace(/_/g, " ")), el("td", {}, el("span", {class: "grade"}, r.reliability)),
      el("td", {class: "muted"}, r.reliability_reason || ""), el("td", {}, (r.sentence || "").slice(0, 200)),
      el("td", {}, el("a", {href: "#", on: {click: (ev) => { ev.preventDefault(); go("article", {id: r.article_id}); }}}, "coded"), " ",
        r.url ? el("a", {href: r.url, target: "_blank", rel: "noopener noreferrer"}, "source") : "")));
  }
  return tb;
}

VIEWS.event = async (main, s) => {
  const e = await api("events/" + encodeURIComponent(s.id || ""));
  main.append(el("h2", {}, `${e.type} (${e.modality}) · ${e.date || e.article_date || "undated"}`));
  const sent = el("div", {class: "sentence", "data-testid": "evidence"}); sent.innerHTML = marked(e.evidence.sentence, e.highlights);
  main.append(sent);
  main.append(el("p", {class: "small legend"}, ...["trigger", "actor", "recipient", "weapon", "place"].map((k) => el("mark", {class: k, style: "margin-right:.6em"}, k))));
  const facts = el("table", {class: "small", "data-testid": "event-facts"});
  const row = (k, v) => facts.append(el("tr", {}, el("th", {}, k), el("td", {}, v)));
  row("coded by", e.evidence.rule + (e.evidence.model ? ` · model ${e.evidence.model} (p=${(e.evidence.probability ?? 0).toFixed(2)})` : ""));
  row("actors → recipients", `${e.actor.map((a) => `${a.text} (${a.code || "?"})`).join(", ") || "?"} → ${e.recipient.map((a) => `${a.text} (${a.code || "?"})`).join(", ") || "—"}`);
  row("weapons", e.weapons.map((w) => `${w.name} (${w.class})`).join(", ") || "—");
  row("place", e.location ? `${e.location.text} ${e.location.country || ""}` : "—");
  row("CAMEO · quad class", `${e.cameo} · ${QUAD[e.quad_class] || ""}`);
  row("said by", e.attribution ? `${e.attribution.speaker || "?"} (${e.attribution.speaker_type})` : "the outlet's own reporting");
  row("article", `${e.source || ""} · ${e.title || ""} · ${e.article_date || ""}`);
  main.append(facts);
  const links = el("p", {}, el("a", {href: "#", on: {click: (ev) => { ev.preventDefault(); go("article", {id: e.article_id}); }}}, "the article, coded"));
  if (e.url) links.append(" · ", el("a", {href: e.url, target: "_blank", rel: "noopener noreferrer"}, "the article at its source"));
  if (e.story_id) links.append(" · ", el("a", {href: "#", on: {click: (ev) => { ev.preventDefault(); go("story", {id: e.story_id}); }}}, "its story"));
  main.append(links);
  if (e.cluster) {
    const c = e.cluster;
    main.append(el("h3", {}, `Every report of this happening: ${c.reports.length} `, el("span", {class: "grade"}, c.reliability + c.credibility),
      el("span", {class: "muted small"}, ` ${c.independent_origins} independent origins, ${c.outlets} outlets`)));
    const ul = el("ul", {class: "reasons small"}); for (const r of c.reasons) ul.append(el("li", {}, r)); main.append(ul);
    main.append(reportsTable(c.reports));
  }
  setExports("event-" + e.event_id, e.cluster ? e.cluster.reports : [e]);
};

VIEWS.story = async (main, s) => {
  const st = await api("stories/" + encodeURIComponent(s.id || ""));
  main.append(el("h2", {}, st.title || st.story_id));
  const line = el("p", {}, el("span", {class: "grade"}, st.reliability + st.credibility), ` ${st.first_date || ""} – ${st.last_date || ""} · ${st.articles.length} articles · ${st.outlets} outlets · ${st.independent_origins} independent origins`);
  if (st.state_media_only) line.append(el("span", {class: "warn"}, "rests on one state-media source"));
  main.append(line);
  const ul = el("ul", {class: "reasons"}); for (const r of st.reasons) ul.append(el("li", {}, r)); main.append(ul);
  main.append(el("h3", {}, "Articles"));
  const at = el("table", {class: "small"});
  for (const a of st.article_details) at.append(el("tr", {}, el("td", {}, a.date || ""), el("td", {}, a.source || ""),
    el("td", {}, el("a", {href: "#", on: {click: (ev) => { ev.preventDefault(); go("article", {id: a.id}); }}}, a.title || a.id)),
    el("td", {}, a.copy_of ? el("span", {class: "copy"}, `copy of ${a.copy_of}`) : "")));
  main.append(at);
  main.append(el("h3", {}, `Happenings (${st.cluster_details.length})`));
  const rows = [];
  for (const c of st.cluster_details) {
    main.append(el("h4", {}, `${c.type} (${c.modality}) ${c.actors.join(", ")} ${c.weapons.join(", ")} · ${c.first_date || ""} `, el("span", {class: "grade"}, c.reliability + c.credibility)));
    main.append(reportsTable(c.reports));
    rows.push(...c.reports.map((r) => ({cluster_id: c.cluster_id, cluster_type: c.type, ...r})));
  }
  setExports("story-" + st.story_id, rows);
};

VIEWS.article = async (main, s) => {
  const a = await api("articles/" + encodeURIComponent(s.id || ""));
  main.append(el("h2", {}, a.title || a.id));
  const p = el("p", {class: "small"}, `${a.source || ""} · ${a.date || ""} `);
  if (a.url) p.append(el("a", {href: a.url, target: "_blank", rel: "noopener noreferrer"}, "at its source"));
  if (a.copy_of) p.append(el("span", {class: "copy"}, ` copy of ${a.copy_of}`));
  main.append(p);
  main.append(el("h3", {}, `Coded sentences (${a.sentences.length})`));
  for (const sn of a.sentences) {
    const box = el("div", {class: "story"}); box.append(el("div", {}, sn.text));
    for (const e of sn.events) box.append(el("div", {class: "small"}, el("a", {href: "#", on: {click: (ev) => { ev.preventDefault(); go("event", {id: e.event_id}); }}}, `${e.type} (${e.modality})`),
      ` ${e.actor.map((x) => x.code || x.text).join(", ")} → ${e.recipient.map((x) => x.code || x.text).join(", ") || "—"} · "${e.trigger}" · ${e.rule}${e.grade ? " · grade " + e.grade : ""}`));
    main.append(box);
  }
  main.append(el("h3", {}, `Quotes and claims (${a.quotes.length})`));
  const ul = el("ul", {class: "small"});
  for (const q of a.quotes) ul.append(el("li", {}, el("b", {}, `${q.speaker || "unattributed"} (${q.speaker_type}): `), q.content));
  main.append(ul);
  const stances = a.stances || [];  // positions taken toward a thing: 'praised' + 'the agreement'
  if (stances.length) {
    main.append(el("h3", {}, `Stances (${stances.length})`));
    const sl = el("ul", {class: "small", "data-testid": "stances"});
    for (const q of stances) sl.append(el("li", {}, el("b", {}, `${q.speaker || "unattributed"} (${q.speaker_type}): `), `${q.cue ? q.cue + " " : ""}${q.content}`));
    main.append(sl);
  }
  setExports("article-" + a.id, a.sentences.flatMap((sn) => sn.events.map((e) => ({sentence: sn.text, ...e}))));
};

async function render() {
  fillForm();
  const s = state();
  const main = $("#view");
  main.innerHTML = "";
  main.dataset.view = s.view;
  main.dataset.ready = "false";
  setExports(s.view, null);
  try {
    await (VIEWS[s.view] || VIEWS.overview)(main, s);
  } catch (err) {
    main.append(el("div", {class: "err", "data-testid": "error"}, String(err.message || err)));
  }
  main.dataset.ready = "true";
}

(async () => {
  // the overview's data is asked for together with the meta, not after it (the first render waits for both)
  const s = state();
  if (s.view === "overview") { const url = "/api/overview" + qs(s.f); PREFETCHED.set(url, fetch(url)); }
  META = await api("meta");
  initForm();
  render();
})();
