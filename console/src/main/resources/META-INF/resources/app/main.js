// The console's shell: who is signed in, the menu her roles call for, and the screens by #route.
import { me } from './api.js';
import { h, has } from './ui.js';
import * as worker from './worker.js';
import * as centre from './centre.js';
import * as eventView from './event.js';
import * as map from './map.js';

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
  { route: 'stats', label: '统计', show: u => has(u, 'supervisor', 'street_staff', 'community_staff', 'scorer'), render: centre.stats },
];

let user = null;

async function route() {
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
}

start();
