// The public board (公示板) for a screen in a community hall: open items of a place, large type, refreshed
// every 30 s (?refresh=seconds). No sign-in: event-service's GET /board shows no reporter, description or address.
// ?community=350182001001 or ?grid=... or ?street=... (default: the street of the settings' demo); ?limit= (100, at most 500).
import { categoryNames, categoryName, time, h, STATUS } from './ui.js';

const q = new URLSearchParams(location.search);
const place = ['grid', 'community', 'street'].find(k => q.get(k)) || 'street';
const code = q.get(place) || '350182001';
const refresh = Math.max(5, Number(q.get('refresh')) || 30) * 1000;
// the items with the nearest deadlines first; a busy street may show more (?limit=, at most 500)
const limit = Math.min(500, Math.max(1, Number(q.get('limit')) || 100));
const getPublic = async (service, path) => {
  const r = await fetch(`/api/${service}${path}`, { credentials: 'omit' });
  if (!r.ok) throw new Error('HTTP ' + r.status);
  return r.json();
};

async function load() {
  await categoryNames(getPublic);
  const items = await getPublic('event', `/board?${place}=${code}&limit=${limit}`);
  document.getElementById('board-place').textContent = code;
  document.getElementById('board').replaceChildren(h('table', { id: 'board-items' },
    h('caption', null, `在办事项 ${items.length} 件`),
    h('thead', null, h('tr', null, ['事项', '网格', '承办', '时限', '状态'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', null, items.map(i => h('tr', { class: i.overdue ? 'overdue' : '', 'data-event': i.id },
      h('td', null, categoryName(i.category)), h('td', null, i.gridName || i.gridCode), h('td', null, i.claimedBy || '—'),
      h('td', null, time(i.deadline)), h('td', null, i.overdue ? '超期 · ' : '', STATUS[i.status] || i.status))))));
  document.getElementById('board-updated').textContent = '更新于 ' + new Date().toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai' });
}

async function loop() {
  try { await load(); } catch (e) { document.getElementById('board-updated').textContent = '暂时无法更新：' + e.message; }
  setTimeout(loop, refresh);
}
loop();
