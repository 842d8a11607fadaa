// Published quarterly rankings (scoring-service's public snapshots), no sign-in.
import { h } from './ui.js';

async function getPublic(path) {
  const r = await fetch('/api/scoring' + path, { credentials: 'omit' });
  if (!r.ok) throw new Error('HTTP ' + r.status);
  return r.json();
}

const LEVEL_NAME = { GRID: '网格', COMMUNITY: '社区', STREET: '街道' };

async function load() {
  const main = document.getElementById('rankings');
  // one row per published quarter and level, the newest quarter first
  const list = await getPublic('/public/rankings');
  if (!list.length) return main.replaceChildren(h('p', { id: 'rankings-none' }, '还没有公布的排名。'));
  const order = ['GRID', 'COMMUNITY', 'STREET'];
  const latest = list.slice(0, 12).sort((a, b) => b.period.localeCompare(a.period) || (a.county || '').localeCompare(b.county || '')
    || order.indexOf(a.level) - order.indexOf(b.level));
  const sections = [];
  for (const { period, level, publishedAt, county } of latest) {
    // one published ranking per county
    const inCounty = county ? `&county=${encodeURIComponent(county)}` : '';
    const p = await getPublic(`/public/rankings/${encodeURIComponent(period)}?level=${level}${inCounty}&limit=100`).catch(() => null);
    if (!p) continue;
    sections.push(h('section', { 'data-period': period, 'data-level': level, 'data-county': county || '' },
      h('h2', null, `${period} ${county ? county + ' ' : ''}${LEVEL_NAME[level] || level}排名`, h('small', null, ` 公布于 ${new Date(publishedAt).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' })}`)),
      p.rows.length ? h('table', null,
        h('thead', null, h('tr', null, ['名次', '对象', '积分（已审核）'].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', null, p.rows.map(r => h('tr', { 'data-subject': r.subject }, h('td', null, String(r.rank)), h('td', null, r.subject.replace(/^[A-Z]+:/, '')),
          h('td', null, String(r.points))))))
        : h('p', null, '本季度没有积分。')));
  }
  main.replaceChildren(...sections);
}
load().catch(e => document.getElementById('rankings').replaceChildren(h('p.error', null, e.message)));
