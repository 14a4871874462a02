// app.js - the page of `dyad serve`: reads /api/ and draws the actor network, the dyad timeline and
// the world map of places (outlines from world.js) as SVG, lists events with their evidence,
// claims and commitments.
// Safety: text from articles goes into the page only as text nodes (never parsed as HTML), and a link
// is made only for an http(s) URL.
'use strict';

const $ = (id) => document.getElementById(id);
const SVGNS = 'http://www.w3.org/2000/svg';
const PAGE = 100;
const MAX_NODES = 60;
const QUADS = ['verbal cooperation', 'material cooperation', 'verbal conflict', 'material conflict'];
const FAMILIES = ['01 statement', '02 appeal', '03 intent to cooperate', '04 consultation', '05 diplomatic cooperation',
  '06 material cooperation', '07 aid', '08 concession', '09 investigation', '10 demand', '11 disapproval',
  '12 rejection', '13 threat', '14 protest', '15 force posture', '16 relations reduced', '17 coercion',
  '18 assault', '19 fighting', '20 mass violence'];

const state = { dyad: null, events: null, offset: 0, tabs: {} };

// ---- small DOM helpers ----------------------------------------------------------------------
// el('p', {class: 'x'}, 'text', child): attribute values and strings are set as text, never parsed.
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else e.setAttribute(k, v);
  }
  for (const k of kids) if (k !== null && k !== undefined) e.append(typeof k === 'string' ? document.createTextNode(k) : k);
  return e;
}

function svg(tag, attrs, text) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

// A link when url is http(s); otherwise plain text (javascript:, data: and the like are never links).
function safeLink(url, text) {
  if (typeof url === 'string' && /^https?:\/\//i.test(url)) {
    return el('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, text);
  }
  return el('span', {}, text);
}

function showError(msg) {
  const e = $('error');
  e.textContent = msg;
  e.hidden = !msg;
}

async function api(route, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== '' && v !== null && v !== undefined && v !== false) q.set(k, v === true ? '1' : v);
  const res = await fetch('/api/' + route + (q.toString() ? '?' + q : ''));
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error((body && body.error) || route + ': HTTP ' + res.status);
  return body;
}

function filters() {
  return { since: $('f-since').value, until: $('f-until').value, code: $('f-code').value };
}

const fmt = (x) => (x > 0 ? '+' : '') + (Math.round(x * 10) / 10);

// ---- network --------------------------------------------------------------------------------
async function loadNetwork() {
  const rows = await api('dyads', { ...filters(), limit: 1000 });
  const nodes = new Map(), ties = new Map();
  for (const r of rows) {
    nodes.set(r.source, (nodes.get(r.source) || 0) + r.events);
    if (r.source !== r.target) nodes.set(r.target, (nodes.get(r.target) || 0) + r.events);
    if (r.source === r.target) continue;
    const [a, b] = [r.source, r.target].sort();
    const t = ties.get(a + ',' + b) || { a, b, events: 0, net: 0 };
    t.events += r.events;
    t.net += r.goldstein_mean * r.events;
    ties.set(a + ',' + b, t);
  }
  const keep = new Set([...nodes.entries()].sort((x, y) => y[1] - x[1]).slice(0, MAX_NODES).map((x) => x[0]));
  const kept = [...ties.values()].filter((t) => keep.has(t.a) && keep.has(t.b));
  drawNetwork([...keep].map((code) => ({ code, events: nodes.get(code) })), kept);
}

// A deterministic force layout: nodes start on a circle, edges pull, all nodes push apart.
function layout(nodes, ties, w, h) {
  const n = nodes.length, at = new Map();
  nodes.forEach((d, i) => {
    d.x = w / 2 + (w / 2.6) * Math.cos((2 * Math.PI * i) / n);
    d.y = h / 2 + (h / 2.6) * Math.sin((2 * Math.PI * i) / n);
    at.set(d.code, d);
  });
  const k = Math.sqrt((w * h) / Math.max(n, 1)) * 0.6;
  for (let it = 0; it < 250; it++) {
    const step = 12 * (1 - it / 250) + 0.5;
    for (const d of nodes) { d.dx = (w / 2 - d.x) * 0.04; d.dy = (h / 2 - d.y) * 0.04; }
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      const a = nodes[i], b = nodes[j];
      let dx = a.x - b.x, dy = a.y - b.y;
      const d2 = Math.max(dx * dx + dy * dy, 1), f = (k * k) / d2;
      a.dx += dx * f / 10; a.dy += dy * f / 10; b.dx -= dx * f / 10; b.dy -= dy * f / 10;
    }
    for (const t of ties) {
      const a = at.get(t.a), b = at.get(t.b), dx = b.x - a.x, dy = b.y - a.y, d = Math.hypot(dx, dy) || 1;
      const f = (d - k) / d * 0.1;
      a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
    }
    for (const d of nodes) {
      const m = Math.hypot(d.dx, d.dy) || 1, s = Math.min(m, step) / m;
      d.x = Math.min(w - 30, Math.max(30, d.x + d.dx * s));
      d.y = Math.min(h - 24, Math.max(36, d.y + d.dy * s));   // room for the label above
    }
  }
  return at;
}

// Goldstein per event from -10 (conflict, red) through 0 (grey) to +10 (cooperation, green).
function tieColour(mean) {
  const t = Math.max(-1, Math.min(1, mean / 6));
  const mix = (a, b) => Math.round(a + (b - a) * Math.abs(t));
  const end = t >= 0 ? [30, 140, 80] : [200, 50, 40];
  return 'rgb(' + mix(150, end[0]) + ',' + mix(150, end[1]) + ',' + mix(150, end[2]) + ')';
}

function drawNetwork(nodes, ties) {
  const g = $('network');
  g.replaceChildren();
  if (!nodes.length) { g.append(svg('text', { x: 320, y: 240, 'text-anchor': 'middle', class: 'muted' }, 'No events for these filters')); return; }
  const at = layout(nodes, ties, 640, 480);
  const max = Math.max(...ties.map((t) => t.events), 1);
  for (const t of ties) {
    const a = at.get(t.a), b = at.get(t.b);
    const tie = svg('g', { class: 'tie', 'data-dyad': t.a + ',' + t.b, tabindex: 0, role: 'button' });
    tie.append(svg('title', {}, t.a + ' \u2013 ' + t.b + ': ' + t.events + ' events, net Goldstein ' + fmt(t.net)));
    tie.append(svg('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: tieColour(t.net / t.events),
      'stroke-width': 1.5 + 5 * Math.sqrt(t.events / max) }));
    tie.append(svg('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: 'hit' }));   // a wide, invisible target on top
    tie.addEventListener('click', () => openDyad(t.a, t.b));
    tie.addEventListener('keydown', (e) => { if (e.key === 'Enter') openDyad(t.a, t.b); });
    g.append(tie);
  }
  const top = Math.max(...nodes.map((d) => d.events), 1);
  for (const d of nodes) {
    const r = 4 + 14 * Math.sqrt(d.events / top);
    const node = svg('g', { class: 'node' });
    node.append(svg('title', {}, d.code + ': ' + d.events + ' events'));
    node.append(svg('circle', { cx: d.x, cy: d.y, r }));
    node.append(svg('text', { x: d.x, y: d.y - r - 3, 'text-anchor': 'middle' }, d.code));
    g.append(node);
  }
}

// ---- dyad view ------------------------------------------------------------------------------
async function openDyad(a, b) {
  state.dyad = [a, b];
  document.querySelectorAll('#network .tie').forEach((t) => t.classList.toggle('selected', t.dataset.dyad === a + ',' + b));
  $('dyad-view').hidden = false;
  $('dyad-title').textContent = a + ' \u2013 ' + b;
  const { since, until, code } = filters();
  const directed = $('f-directed').checked;
  const rows = await api('series', { dyad: a + ',' + b, by: $('f-by').value, directed, since, until, limit: 1000 });
  drawTimeline(rows);
  const title = 'Events ' + (directed ? 'from ' + a + ' to ' + b : 'between ' + a + ' and ' + b);
  await loadEvents({ dyad: a + ',' + b, directed, since, until, code }, title);
}

function drawTimeline(rows) {
  const g = $('timeline'), W = 640, H = 220, L = 36, R = 40, T = 14, B = 40;
  g.replaceChildren();
  if (!rows.length) { g.append(svg('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle' }, 'No factual events in this period')); return; }
  const bw = (W - L - R) / rows.length;
  const maxN = Math.max(...rows.map((r) => r.events), 1);
  const maxG = Math.max(...rows.map((r) => Math.abs(r.goldstein_sum)), 1);
  const yN = (v) => H - B - (v / maxN) * (H - T - B);
  const yG = (v) => T + (H - T - B) / 2 - (v / maxG) * (H - T - B) / 2;
  g.append(svg('line', { x1: L, x2: W - R, y1: H - B, y2: H - B, class: 'axis' }));
  g.append(svg('line', { x1: L, x2: W - R, y1: yG(0), y2: yG(0), class: 'zero' }));
  g.append(svg('text', { x: L + 12, y: 10, class: 'tick' }, 'bars: events by QuadClass \u00b7 line: Goldstein sum \u00b7 red: tension (0\u2013100)'));
  g.append(svg('text', { x: L - 4, y: T + 4, 'text-anchor': 'end', class: 'tick' }, String(maxN)));
  g.append(svg('text', { x: W - R + 4, y: T + 4, class: 'tick gold' }, fmt(maxG)));
  g.append(svg('text', { x: W - R + 4, y: H - B, class: 'tick gold' }, fmt(-maxG)));
  const pts = [];
  rows.forEach((r, i) => {
    const x = L + i * bw, counts = [r.verbal_cooperation, r.material_cooperation, r.verbal_conflict, r.material_conflict];
    let y = H - B;
    counts.forEach((c, q) => {
      if (!c) return;
      const h = (H - B) - yN(c);
      const bar = svg('rect', { x: x + bw * 0.15, y: y - h, width: Math.max(bw * 0.7, 1), height: h, class: 'q' + (q + 1) });
      bar.append(svg('title', {}, r.period + ': ' + c + ' ' + QUADS[q]));
      g.append(bar);
      y -= h;
    });
    pts.push((x + bw / 2) + ',' + yG(r.goldstein_sum));
    const lab = svg('text', { x: x + bw / 2, y: H - B + 14, 'text-anchor': 'middle', class: 'tick' }, r.period);
    if (rows.length > 12 && i % Math.ceil(rows.length / 12)) lab.setAttribute('visibility', 'hidden');
    g.append(lab);
    const ten = svg('text', { x: x + bw / 2, y: H - B + 28, 'text-anchor': 'middle', class: 'tick tension' }, String(Math.round(r.tension)));
    ten.append(svg('title', {}, 'tension ' + r.tension));
    if (rows.length <= 24) g.append(ten);
  });
  g.append(svg('polyline', { points: pts.join(' '), class: 'gold-line' }));
  pts.forEach((p) => { const [cx, cy] = p.split(','); g.append(svg('circle', { cx, cy, r: 2.5, class: 'gold-dot' })); });
  g.append(svg('text', { x: 2, y: H - B + 28, class: 'tick tension' }, 'tension'));
  seriesTable(rows);
}

function seriesTable(rows) {
  const t = el('table', { class: 'series' }, el('thead', {}, el('tr', {}, ...['period', 'events', ...QUADS, 'Goldstein sum', 'tension'].map((h) => el('th', {}, h)))));
  const body = el('tbody');
  for (const r of rows.slice(-24)) {
    body.append(el('tr', {}, ...[r.period, r.events, r.verbal_cooperation, r.material_cooperation, r.verbal_conflict,
      r.material_conflict, fmt(r.goldstein_sum), r.tension].map((v) => el('td', {}, String(v)))));
  }
  t.append(body);
  $('series-table').replaceChildren(t);
}

// ---- events ---------------------------------------------------------------------------------
async function loadEvents(params, title, more) {
  if (!more) { state.events = params; state.offset = 0; $('events').replaceChildren(); }
  $('events-title').textContent = title || $('events-title').textContent;
  const rows = await api('events', { ...state.events, limit: PAGE, offset: state.offset });
  const reports = rows.length ? await api('reports', { happening: rows.map((r) => r.id).join(',') }) : [];
  const byHappening = new Map();
  for (const r of reports) {
    if (!byHappening.has(r.happening)) byHappening.set(r.happening, []);
    byHappening.get(r.happening).push(r);
  }
  for (const h of rows) $('events').append(eventItem(h, byHappening.get(h.id) || []));
  if (!rows.length && !more) $('events').append(el('li', { class: 'muted' }, 'No events.'));
  state.offset += rows.length;
  $('more').hidden = rows.length < PAGE;
}

// The evidence sentence with the source, verb and target spans marked. Spans are byte offsets in
// the document; the sentence starts at evidence.span[0].
function evidence(ev) {
  const p = el('p', { class: 'evidence' });
  const e = ev.evidence || {}, text = e.text || '';
  const bytes = new TextEncoder().encode(text), base = (e.span || [0])[0];
  const spans = [];
  if (e.span && bytes.length === e.span[1] - e.span[0]) {
    if (ev.source && ev.source.span) spans.push([ev.source.span[0] - base, ev.source.span[1] - base, 'src', 'source']);
    if (e.verb) spans.push([e.verb[0] - base, e.verb[1] - base, 'verb', 'verb']);
    if (ev.target && ev.target.span) spans.push([ev.target.span[0] - base, ev.target.span[1] - base, 'tgt', 'target']);
  }
  const dec = new TextDecoder();
  let pos = 0;
  for (const [s, end, cls, what] of spans.filter((x) => x[0] >= 0 && x[1] <= bytes.length && x[0] < x[1]).sort((x, y) => x[0] - y[0])) {
    if (s < pos) continue;
    p.append(dec.decode(bytes.subarray(pos, s)), el('mark', { class: cls, title: what }, dec.decode(bytes.subarray(s, end))));
    pos = end;
  }
  p.append(dec.decode(bytes.subarray(pos)));
  return p;
}

function attribution(ev) {
  const a = ev.attribution;
  if (!a) return 'stated directly';
  const who = a.speaker ? a.speaker.text + (a.speaker.code ? ' (' + a.speaker.code + ')' : '') : 'unnamed';
  return a.stance + ' by ' + who;
}

function eventItem(h, reps) {
  const first = reps.find((r) => r.event.id === h.first_event) || reps[0];
  const ev = first ? first.event : { evidence: { text: h.evidence || '' } };
  const li = el('li', { class: 'event q' + h.quad, 'data-code': h.code });
  li.append(el('div', { class: 'meta' },
    el('span', { class: 'date' }, h.date), ' ',
    el('span', { class: 'code', title: 'CAMEO ' + h.code + ', QuadClass ' + h.quad }, h.code), ' ',
    el('b', {}, h.source_name || h.source || '?'), ' \u2192 ', el('b', {}, h.target_name || h.target || '\u2014'), ' ',
    el('span', { class: 'mode' + (h.mode === 'factual' ? '' : ' flagged') }, h.mode), ' ',
    el('span', { class: 'gold' }, 'Goldstein ' + fmt(h.goldstein))));
  li.append(evidence(ev));
  if (ev.sanctions && ev.sanctions.length) li.append(sanctionBadges(ev.sanctions));
  const rule = ev.rule ? ev.rule.id + (ev.rule.file ? ' (' + ev.rule.file + ':' + ev.rule.line + ')' : '') : '';
  li.append(el('div', { class: 'why' },
    el('span', {}, 'attribution: ' + attribution(ev)), ' \u00b7 ',
    el('span', {}, 'rule: ' + rule), ' \u00b7 ',
    el('span', { class: 'reports' }, h.mentions + (h.mentions === 1 ? ' report' : ' reports') + ' merged (' + h.articles + ' articles)'), ' \u00b7 ',
    safeLink(h.url, h.doc)));
  if (reps.length > 1) {
    const d = el('details', {}, el('summary', {}, 'All reports: ' + h.merge_reason));
    for (const r of reps) d.append(el('div', { class: 'report' }, el('small', {}, r.event.date + ' \u00b7 ' + r.merge_reason + ' \u00b7 '), safeLink(r.url, r.doc), evidence(r.event)));
    li.append(d);
  }
  return li;
}

// ---- sanctions (docs/sanctions.md) ------------------------------------------------------------
function sanctionBadges(flags) {
  const d = el('div', { class: 'sanctions' });
  for (const f of flags)
    d.append(el('span', { class: 'sanction ' + f.basis, title: f.legal + ' (' + f.file + ':' + f.line + ')' },
      f.regime + ' \u00b7 ' + f.measure + ' \u00b7 ' + f.basis), ' ');
  return d;
}

async function loadSanctions() {
  const regime = $('f-regime').value;
  const rows = await api('sanctions', regime ? { regime, limit: 1000 } : { limit: 1000 });
  const body = $('sanctions');
  body.replaceChildren();
  for (const r of rows) {
    const d = el('details', {}, el('summary', {}, r.measure + ' (' + r.category + ': ' + (r.goods || '') + ')'),
      el('p', { class: 'muted' }, r.legal + ' \u00b7 ' + r.measure_at), el('p', {}, el('q', {}, r.evidence || '')));
    body.append(el('tr', {}, el('td', {}, r.date), el('td', {}, r.regime), el('td', {}, d),
      el('td', {}, el('span', { class: 'sanction ' + r.basis }, r.basis)),
      el('td', {}, (r.source || '?') + ' \u2192 ' + (r.target || '\u2014')), el('td', {}, r.claim ? 'claim ' + r.claim : '')));
  }
  if (!rows.length) body.append(el('tr', {}, el('td', { colspan: 6, class: 'muted' }, 'No flagged events.')));
}

// ---- claims and commitments -----------------------------------------------------------------
async function loadClaims() {
  const rows = await api('claims', { limit: 1000, stances: 5 });
  const body = $('claims');
  body.replaceChildren();
  const stance = (s) => el('p', { class: 'stance ' + s.stance }, el('b', {}, s.claimant + ' ' + s.stance + 's'), ' (' + s.via + ', ' + s.date + '): ', el('q', {}, s.evidence || ''));
  for (const c of rows) {
    const d = el('details', {}, el('summary', {}, c.claim));
    for (const s of c.stances) d.append(stance(s));
    if (c.stances_total > c.stances.length) {   /* the list carries the first stances: the rest when opened */
      const more = el('p', { class: 'muted' }, (c.stances_total - c.stances.length) + ' more stances\u2026');
      d.append(more);
      let asked = false;
      d.addEventListener('toggle', async () => {
        if (!d.open || asked) return;
        asked = true;
        const [full] = await api('claims', { id: c.id, stances: 1000 }).catch((e) => { showError(e.message); return [null]; });
        if (!full) return;
        for (const s of full.stances.slice(c.stances.length)) d.insertBefore(stance(s), more);
        more.textContent = full.stances_total > full.stances.length ? (full.stances_total - full.stances.length) + ' more not shown' : '';
        if (!more.textContent) more.remove();
      });
    }
    const when = c.first_date === c.last_date ? c.first_date : c.first_date + ' \u2013 ' + c.last_date;
    body.append(el('tr', {}, el('td', {}, d), el('td', {}, c.alleged_by || ''), el('td', {}, c.denied_by || ''), el('td', {}, c.confirmed_by || ''), el('td', {}, when || '')));
  }
  if (!rows.length) body.append(el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No claims.')));
}

async function loadCommitments() {
  const rows = await api('commitments', { limit: 1000 });
  const list = $('commitments');
  list.replaceChildren();
  for (const c of rows) {
    const d = el('details', {}, el('summary', {}, c.reports + ' reports'));
    for (const e of c.evidence) d.append(el('p', {}, el('small', {}, e.date + ' ' + e.code + ' \u00b7 ' + e.doc + ': '), el('q', {}, e.evidence || '')));
    list.append(el('li', { class: 'event' },
      el('div', { class: 'meta' }, el('span', { class: 'date' }, c.date), ' ', el('b', {}, c.party_names || c.parties), ' ',
        el('span', { class: 'code' }, c.kind + ' ' + c.form), ' ', el('span', { class: 'muted' }, 'honoured by ' + c.honoured_by + ', broken by ' + c.broken_by)),
      el('p', { class: 'evidence' }, c.clause || ''), d));
  }
  if (!rows.length) list.append(el('li', { class: 'muted' }, 'No commitments.'));
}

// ---- map ------------------------------------------------------------------------------------
// Equirectangular, as world.js is drawn: x = lon + 180, y = 90 - lat in a 360 x 180 view box.
function drawOutlines(map) {
  const g = svg('g', { class: 'land' });
  for (let lon = -150; lon <= 150; lon += 30) g.append(svg('line', { class: 'grid', x1: lon + 180, y1: 0, x2: lon + 180, y2: 180 }));
  for (let lat = -60; lat <= 60; lat += 30) g.append(svg('line', { class: 'grid', x1: 0, y1: 90 - lat, x2: 360, y2: 90 - lat }));
  const world = self.dyadWorld || { countries: [] };
  for (const c of world.countries) {
    const path = svg('path', { d: c.d });
    path.append(svg('title', {}, c.name));
    g.append(path);
  }
  map.append(g);
}

// The QuadClass (1-4) with the most merged events at a place.
function topQuad(p) {
  const n = [p.verbal_cooperation, p.material_cooperation, p.verbal_conflict, p.material_conflict];
  return n.indexOf(Math.max(...n)) + 1;
}

async function loadMap() {
  const map = $('map');
  map.replaceChildren();
  drawOutlines(map);
  const places = await api('places', { ...filters(), limit: 500 });
  const max = Math.max(1, ...places.map((p) => p.events));
  for (const p of places.slice().reverse()) {   /* the busiest drawn last, on top */
    const q = topQuad(p);
    const dot = svg('circle', { class: 'place q' + q, cx: p.lon + 180, cy: 90 - p.lat, r: 1 + 4 * Math.sqrt(p.events / max),
      tabindex: 0, role: 'button', 'data-place': p.name });
    dot.append(svg('title', {}, p.name + (p.country ? ' (' + p.country + ')' : '') + ': ' + p.events + ' events, mostly ' + QUADS[q - 1]));
    const open = () => { showTab('network'); return loadEvents({ ...filters(), near: p.lat + ',' + p.lon + ',25' }, 'Events in ' + p.name); };
    dot.addEventListener('click', guard(open));
    dot.addEventListener('keydown', (e) => { if (e.key === 'Enter') guard(open)(); });
    map.append(dot);
  }
  $('map-caption').dataset.places = String(places.length);
}

// ---- wiring ---------------------------------------------------------------------------------
function showTab(name) {
  for (const b of document.querySelectorAll('nav button')) b.classList.toggle('active', b.dataset.tab === name);
  for (const s of document.querySelectorAll('.tab')) s.hidden = s.id !== 'tab-' + name;
  if (!state.tabs[name]) {
    state.tabs[name] = true;
    if (name === 'map') loadMap().catch((e) => showError(e.message));
    if (name === 'claims') loadClaims().catch((e) => showError(e.message));
    if (name === 'sanctions') loadSanctions().catch((e) => showError(e.message));
    if (name === 'commitments') loadCommitments().catch((e) => showError(e.message));
  }
}

function guard(f) {
  return (...args) => { showError(''); return f(...args).catch((e) => showError(e.message)); };
}

// Each part reports its own error (a big store may refuse a slow query) and the others still load.
async function refresh() {
  await loadNetwork().catch((e) => showError('network: ' + e.message));
  if (state.tabs.map) await loadMap().catch((e) => showError('map: ' + e.message));
  if (state.dyad) await openDyad(...state.dyad);
  else await loadEvents(filters(), 'Events');
}

async function start() {
  $('f-code').append(el('option', { value: '' }, 'all'), ...FAMILIES.map((f) => el('option', { value: f.slice(0, 2) }, f)));
  for (const id of ['f-since', 'f-until', 'f-code']) $(id).addEventListener('change', guard(refresh));
  $('f-regime').addEventListener('change', guard(loadSanctions));
  for (const id of ['f-by', 'f-directed']) $(id).addEventListener('change', guard(() => (state.dyad ? openDyad(...state.dyad) : Promise.resolve())));
  for (const b of document.querySelectorAll('nav button')) b.addEventListener('click', () => showTab(b.dataset.tab));
  $('more').addEventListener('click', guard(() => loadEvents(state.events, null, true)));
  $('search').addEventListener('submit', guard(async (e) => {
    e.preventDefault();
    const words = $('search-text').value.trim();
    if (!words) return;
    showTab('network');
    await loadEvents({ text: words, ...filters() }, 'Evidence matching \u201c' + words + '\u201d');
  }));
  api('stats').then(([s]) => {
    $('stats').textContent = s.documents + ' documents \u00b7 ' + s.events + ' events \u00b7 ' + s.merged_events + ' merged \u00b7 ' + s.claims + ' claims \u00b7 ' + s.commitments + ' commitments';
  }, () => {});
  await refresh();
  const tab = location.hash.slice(1);   /* #map, #claims, ...: open that tab */
  if (['map', 'claims', 'commitments', 'sanctions'].includes(tab)) showTab(tab);
  document.body.dataset.ready = '1';
}

document.addEventListener('DOMContentLoaded', guard(start));
