// Maps (Leaflet, bundled from a WebJar): grid boundaries as vector polygons from grid-service, open events over
// them, coloured by status and overdue, clustered when zoomed out; no tile server needed, a base map if configured.
import { get, page } from './api.js';
import { h, view, time, urgency, STATUS, OPEN_STATUSES, categoryNames, categoryName } from './ui.js';
import { datum } from './datum.js';

let settingsPromise;
export function settings() {
  settingsPromise = settingsPromise || fetch('/settings.json').then(r => r.json());
  return settingsPromise;
}

function baseMap(map, s) {
  if (s.baseMapUrl) L.tileLayer(s.baseMapUrl, { attribution: s.baseMapAttribution, maxZoom: 19 }).addTo(map);
}

/** a small map to tap a point on; onPick(lat, lon) in WGS-84; answers setPoint(lat, lon) */
export function pickPoint(el, onPick) {
  let marker = null;
  let map = null;
  let d = datum('WGS84');
  const set = (lat, lon, notify = true) => {
    if (!map) return;
    const p = d.toMap(lat, lon);
    marker = marker ? marker.setLatLng(p) : L.marker(p, { keyboard: false, title: '上报位置' }).addTo(map);
    map.panTo(p);
    if (notify) onPick(lat, lon);
  };
  settings().then(s => {
    d = datum(s.baseMapDatum);
    map = L.map(el, { preferCanvas: true }).setView(d.toMap(s.centre[0], s.centre[1]), s.zoom + 1);
    baseMap(map, s);
    get('grid', '/grids?level=GRID').then(grids => drawGrids(map, grids, d)).catch(() => {});
    map.on('click', ev => {
      const [lat, lon] = d.fromMap(ev.latlng.lat, ev.latlng.lng);
      set(lat, lon);
    });
  });
  return set;
}

export function drawGrids(map, grids, d) {
  const layer = L.layerGroup().addTo(map);
  for (const g of grids) {
    if (!g.boundary || g.boundary.type !== 'Polygon') continue;
    const rings = g.boundary.coordinates.map(ring => ring.map(([lon, lat]) => d.toMap(lat, lon)));
    L.polygon(rings, { color: '#3b6ea5', weight: 1.5, fillOpacity: 0.04, interactive: false }).addTo(layer)
      .bindTooltip(g.name, { permanent: false, direction: 'center' });
  }
  return layer;
}

export function colour(e) {
  const u = urgency(e);
  if (u === 'overdue') return '#d62828';
  if (u === 'warning') return '#f08c00';
  if (e.status === 'REPORTED') return '#6c757d';
  if (['RESOLVED', 'VERIFIED', 'FOLLOWED_UP'].includes(e.status)) return '#2b8a3e';
  return '#1c7ed6';
}

/**
 * Draws events on the map: one dot each when zoomed in, clusters of 56-pixel cells below clusterBelowZoom
 * (county and street zoom). Redraws on every move. Answers the layer.
 */
export function drawEvents(map, events, d, clusterBelowZoom = 15) {
  const layer = L.layerGroup().addTo(map);
  const renderer = L.canvas({ padding: 0.2 });
  const points = events.filter(e => e.location).map(e => ({ e, ll: L.latLng(d.toMap(e.location.latitude, e.location.longitude)) }));
  function redraw() {
    layer.clearLayers();
    const bounds = map.getBounds().pad(0.2);
    const visible = points.filter(p => bounds.contains(p.ll));
    if (map.getZoom() >= clusterBelowZoom) {
      for (const p of visible) {
        L.circleMarker(p.ll, { renderer, radius: 7, color: '#fff', weight: 1.5, fillColor: colour(p.e), fillOpacity: 0.95 })
          .bindPopup(() => popup(p.e)).addTo(layer);
      }
      return;
    }
    const cells = new Map();
    for (const p of visible) {
      const pt = map.latLngToLayerPoint(p.ll);
      const k = Math.floor(pt.x / 56) + ':' + Math.floor(pt.y / 56);
      const c = cells.get(k) || { n: 0, lat: 0, lng: 0, overdue: 0, one: p };
      c.n++; c.lat += p.ll.lat; c.lng += p.ll.lng;
      if (urgency(p.e) === 'overdue') c.overdue++;
      cells.set(k, c);
    }
    for (const c of cells.values()) {
      const ll = L.latLng(c.lat / c.n, c.lng / c.n);
      if (c.n === 1) {
        L.circleMarker(c.one.ll, { renderer, radius: 7, color: '#fff', weight: 1.5, fillColor: colour(c.one.e), fillOpacity: 0.95 })
          .bindPopup(() => popup(c.one.e)).addTo(layer);
        continue;
      }
      const size = c.n < 10 ? 30 : c.n < 100 ? 38 : 46;
      L.marker(ll, { keyboard: false, title: `${c.n} 件，其中超期 ${c.overdue} 件`, icon: L.divIcon({
        className: 'cluster' + (c.overdue ? ' has-overdue' : ''), iconSize: [size, size], html: `<span>${c.n}</span>` }) })
        .on('click', () => map.setView(ll, Math.min(map.getZoom() + 2, clusterBelowZoom)))
        .addTo(layer);
    }
  }
  map.on('moveend', redraw);
  redraw();
  return layer;
}

function popup(e) {
  const u = urgency(e);
  return `<div class="popup" data-event="${e.id}"><b>${categoryName(e.category)}</b><br>${STATUS[e.status] || e.status}`
    + `${u === 'overdue' ? ' · <span class="badge overdue">超期</span>' : u === 'warning' ? ' · <span class="badge warning">预警</span>' : ''}`
    + `<br>时限 ${time(e.deadline)}<br><a href="#/event/${e.id}" id="popup-open-${e.id}">详情、过程和照片</a></div>`;
}

/** every open event the user sees, a page of 500 at a time */
export async function openEvents(max = 10000) {
  const out = [];
  let cursor = null;
  do {
    const r = await page('event', '/events?sort=newest&limit=500' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    out.push(...r.items.filter(e => OPEN_STATUSES.includes(e.status)));
    cursor = r.next;
  } while (cursor && out.length < max);
  return out;
}

export async function render(me) {
  await categoryNames(get);
  const s = await settings();
  const d = datum(s.baseMapDatum);
  const box = h('div.big-map', { id: 'event-map', role: 'application', 'aria-label': '事件地图' });
  const legend = h('p.legend', null, [['#d62828', '超期'], ['#f08c00', '预警'], ['#6c757d', '待立案'], ['#1c7ed6', '办理中'], ['#2b8a3e', '已办结']]
    .map(([c, t]) => h('span', null, h('i', { style: 'background:' + c }), t)));
  const count = h('span', { id: 'map-count' }, '加载中…');
  const list = h('details.map-list', { open: true });
  view(h('h1', null, '事件地图 ', h('small', null, count)), legend, box, list);
  const map = L.map(box, { preferCanvas: true }).setView(d.toMap(s.centre[0], s.centre[1]), s.zoom);
  baseMap(map, s);
  const t0 = performance.now();
  const [grids, events] = await Promise.all([get('grid', '/grids?level=GRID').catch(() => []), openEvents()]);
  drawGrids(map, grids, d);
  drawEvents(map, events, d);
  count.textContent = `${events.length} 件在办`;
  // the same events as a list: for keyboards and screen readers, and the way through to an event without a pointer
  const now = Date.now();
  const late = events.filter(e => urgency(e, now)).length;
  list.replaceChildren(h('summary', null, `列表（${events.length} 件，预警或超期 ${late} 件）`), h('ul.plain', { id: 'map-list' },
    events.slice(0, 300).map(e => h('li', { 'data-event': e.id }, h('a', { href: '#/event/' + e.id }, categoryName(e.category)),
      ' · ', STATUS[e.status] || e.status, ' · 时限 ', time(e.deadline), urgency(e, now) === 'overdue' ? ' · 超期' : ''))));
  box.dataset.events = String(events.length);
  box.dataset.drawnMs = String(Math.round(performance.now() - t0));
}
