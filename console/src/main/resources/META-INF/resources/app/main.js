// The console's shell: who is signed in, the menu her roles call for, and the screens by #route.
import { me } from './api.js';
import { h, has } from './ui.js';
import * as worker from './worker.js';
import * as centre from './centre.js';
import * as eventView from './event.js';
import * as map from './map.js';
import * as admin from './admin.js';
import * as scoring from './scoring.js';

const SCREENS = [
  { route: 'tasks', label: '我的任务', show: u => has(u, 'grid_worker', 'grid_leader', 'community_staff', 'street_staff', 'dept_handler'), render: worker.tasks },
  { route: 'report', label: '上报问题', show: u => has(u, 'grid_worker', 'grid_leader', 'resident', 'operator'), render: worker.report },
  { route: 'visits', label: '走访计划', show: u => has(u, 'grid_worker', 'grid_leader', 'cadre'), render: worker.visits },
  { route: 'points', label: '我的积分', show: u => !has(u, 'scorer', 'supervisor') || has(u, 'grid_worker'), render: worker.points },
  { route: 'intake', label: '立案受理', show: u => has(u, 'operator', 'community_staff', 'street_staff'), render: centre.intake },
  { route: 'map', label: '事件地图', show: u => has(u, 'operator', 'community_staff', 'street_staff', 'supervisor', 'grid_leader'), render: map.render },
  { route: 'overdue', label: '预警超期', show: u => has(u, 'supervisor', 'street_staff', 'community_staff', 'operator'), render: centre.overdue },
  { route: 'dispatch', label: '调度', show: u => has(u, 'street_staff', 'supervisor'), render: centre.dispatch },
  { route: 'follow-ups', label: '回访', show: u => has(u, 'operator', 'community_staff', 'street_staff'), render: centre.followUps },
  { route: 'admin', label: '管理', show: u => (u.roles || []).includes('admin'), render: admin.render },
  { route: 'audit', label: '积分审核', show: u => has(u, 'scorer', 'supervisor'), render: scoring.audit },
  { route: 'ranking', label: '季度排名', show: u => has(u, 'scorer', 'supervisor'), render: scoring.ranking },
  { route: 'accounts', label: '年度核算', show: u => has(u, 'scorer', 'supervisor'), render: scoring.accounts },
  { route: 'stats', label: '统计', show: u => has(u, 'supervisor', 'street_staff', 'community_staff', 'scorer'), render: centre.stats },
];

let user = null;
let rendering = Promise.resolve();

/** one screen at a time: a route waits for the one being drawn, so that a late answer never overwrites a newer screen */
function route() {
  rendering = rendering.then(draw, draw);
  return rendering;
}

let drawn = null;

async function draw() {
  // a new screen starts at its top: the last screen's scroll position would put its first controls under the header
  if (location.hash !== drawn) window.scrollTo(0, 0);
  drawn = location.hash;
  const [name, ...rest] = (location.hash.replace(/^#\/?/, '') || '').split('/');
  const screens = SCREENS.filter(s => s.show(user));
  document.querySelectorAll('nav a').forEach(a => a.setAttribute('aria-current', a.dataset.route === name ? 'page' : 'false'));
  if (name === 'event' && rest[0]) return eventView.render(user, rest[0]);
  const screen = screens.find(s => s.route === name) || screens[0];
  if (!screen) return document.getElementById('view').replaceChildren(h('p', null, '此账号没有可用的功能。'));
  if (screen.route !== name) return void (location.hash = '#/' + screen.route);
  try {
    await screen.render(user, rest);
  } catch (e) {
    document.getElementById('view').replaceChildren(h('p.error', { role: 'alert' }, '加载失败：' + e.message));
  }
}

async function start() {
  user = await me();
  if (!user) {
    location.href = '/sign-in';
    return;
  }
  const screens = SCREENS.filter(s => s.show(user));
  document.getElementById('who').textContent = user.user;
  document.getElementById('menu').replaceChildren(...screens.map(s =>
    h('a', { href: '#/' + s.route, 'data-route': s.route, id: 'nav-' + s.route }, s.label)));
  window.addEventListener('hashchange', route);
  route();
  live();
}

const NEWS = { task: '有新任务', warning: '有任务进入预警', overdue: '有任务超期', report: '有新的上报', change: '有事项更新' };

/** live updates (server-sent events from the console's Kafka feed): a banner offers to reload the screen */
function live() {
  if (!window.EventSource) return;
  const es = new EventSource('/api/live');
  // the stream must not outlive the page: a browser has few connections per host
  window.addEventListener('pagehide', () => es.close());
  const banner = h('div.live', { id: 'live-banner', role: 'status', 'aria-live': 'polite', hidden: true });
  // in the sticky header, under the menu: it never covers what the person is working on
  document.querySelector('header').append(banner);
  let shown = new Set();
  es.onmessage = m => {
    if (!NEWS[m.data]) return;
    shown.add(m.data);
    const text = [...shown].map(k => NEWS[k]).join('，');
    banner.replaceChildren(h('span', null, text), ' ', h('button', { type: 'button', id: 'live-refresh', onclick: () => {
      shown = new Set();
      banner.hidden = true;
      route();
    } }, '刷新'));
    banner.hidden = false;
  };
}

start();
