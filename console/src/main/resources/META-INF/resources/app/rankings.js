// Published quarterly rankings (scoring-service's public snapshots), no sign-in.
import { h } from './ui.js';

async function getPublic(path) {
  const r = await fetch('/api/scoring' + path, { credentials: 'omit' });
  if (!r.ok) throw new Error('HTTP ' + r.status);
  return r.json();
}

async function load() {
  const main = document.getElementById('rankings');
  const list = await getPublic('/public/rankings');
  const quarters = Array.isArray(list) ? list : list.quarters || list.items || [];
  if (!quarters.length) return main.replaceChildren(h('p', { id: 'rankings-none' }, '还没有公布的排名。'));
  const sections = [];
  for (const q of quarters.slice(0, 4)) {
    const quarter = q.period || q.quarter || q;
    const p = await getPublic('/public/rankings/' + encodeURIComponent(quarter)).catch(() => null);
    if (!p) continue;
    sections.push(h('section', null, h('h2', null, `${p.period} · ${p.level || ''}`), h('table', null,
      h('thead', null, h('tr', null, ['名次', '对象', '积分'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', null, p.rows.map(r => h('tr', null, h('td', null, String(r.rank)), h('td', null, r.subject), h('td', null, String(r.points))))))));
  }
  main.replaceChildren(...sections);
}
load().catch(e => document.getElementById('rankings').replaceChildren(h('p.error', null, e.message)));
