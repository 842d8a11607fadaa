// The street office and command centre (desktop): 立案 queue, warnings and overdue with 督办, the dispatcher's
// queue, the 回访 queue, statistics.
import { get, post } from './api.js';
import { h, view, toast, time, badge, statusBadge, categoryNames, categoryName, urgency, has, OPEN_STATUSES } from './ui.js';
import { acceptance, followUpForm, assignForm, noticeForm, extensionDecision } from './event.js';

function metres(a, b) {
  const r = 6371000, rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad, dLon = (b.longitude - a.longitude) * rad;
  const x = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(x));
}

function photos(e) {
  return (e.timeline || []).flatMap(s => s.evidence || []).slice(0, 3)
    .map(p => h('img.thumb', { src: '/api/event' + p.url, alt: '现场照片', loading: 'lazy' }));
}

function summary(e, title) {
  return h('div.side', null, h('h3', null, title),
    h('p', null, h('b', null, categoryName(e.category)), ' ', statusBadge(e.status)),
    h('p', null, e.description || ''), h('p.muted', null, e.address || '', ' · ', time(e.reportedAt)),
    h('div.thumbs', null, photos(e)), h('a', { href: '#/event/' + e.id }, '详情'));
}

export async function intake(me) {
  await categoryNames(get);
  // the oldest 20 first; each with its photos and the nearest open report of the same category within 200 m
  const waiting = await get('event', '/events?status=REPORTED&sort=oldest&limit=20');
  const byCategory = new Map();
  const sameCategory = c => {
    if (!byCategory.has(c)) byCategory.set(c, get('event', `/events?category=${encodeURIComponent(c)}&limit=200`).catch(() => []));
    return byCategory.get(c);
  };
  const details = await Promise.all(waiting.map(b => get('event', '/events/' + b.id).catch(() => b)));
  const rows = [];
  for (const e of details) {
    let dup = null;
    if (e.location) {
      const same = await sameCategory(e.category);
      dup = same.filter(o => o.id !== e.id && o.location && OPEN_STATUSES.includes(o.status) && o.status !== 'REPORTED'
        && metres(o.location, e.location) < 200).sort((a, b) => metres(a.location, e.location) - metres(b.location, e.location))[0];
    }
    rows.push(h('li.intake', { 'data-event': e.id }, h('div.pair', null, summary(e, '新上报'),
      dup ? summary(dup, `疑似重复件（${Math.round(metres(dup.location, e.location))} 米内）`) : h('div.side.muted', null, h('h3', null, '疑似重复件'), '无')),
      acceptance(e.id, text => { toast(text); intake(me); }, dup && dup.id)));
  }
  view(h('h1', null, '立案受理 ', h('small', null, `最早的 ${waiting.length} 件待立案`)),
    rows.length ? h('ul.plain', { id: 'intake-list' }, rows) : h('p', { id: 'intake-list' }, '没有待立案的上报。'));
}

export async function overdue(me) {
  await categoryNames(get);
  const open = await get('escalation', '/tasks?status=OPEN&limit=1000');
  const late = open.filter(t => urgency(t));
  late.sort((a, b) => (urgency(a) === 'overdue' ? 0 : 1) - (urgency(b) === 'overdue' ? 0 : 1) || Date.parse(a.deadline) - Date.parse(b.deadline));
  const summaryRows = await get('escalation', '/supervision/summary').catch(() => null);
  view(h('h1', null, '预警与超期 ', h('small', null, `${late.length} 件`)),
    summaryRows && Array.isArray(summaryRows) ? h('table', null, h('caption', null, '按承办单位'),
      h('thead', null, h('tr', null, h('th', null, '单位'), h('th', null, '在办'), h('th', null, '预警'), h('th', null, '超期'))),
      h('tbody', null, summaryRows.map(r => h('tr', null, h('td', null, r.unit || r.handlerUnit || ''), h('td', null, String(r.open ?? '')),
        h('td', null, String(r.warning ?? r.warned ?? '')), h('td', null, String(r.overdue ?? '')))))) : null,
    h('table', { id: 'overdue-list' }, h('caption', null, '预警和超期的任务'),
      h('thead', null, h('tr', null, h('th', null, '类别'), h('th', null, '承办'), h('th', null, '时限'), h('th', null, '状态'), h('th', null, '督办'))),
      h('tbody', null, late.map(t => h('tr', { 'data-task': t.id }, h('td', null, h('a', { href: '#/event/' + t.eventId }, categoryName(t.category))),
        h('td', null, t.handlerUnit), h('td', null, time(t.deadline)), h('td', null, badge(t)),
        h('td', null, has(me, 'supervisor') ? noticeForm(t, text => toast(text)) : '—'))))));
}

export async function dispatch(me) {
  await categoryNames(get);
  const [queued, extensions] = await Promise.all([get('escalation', '/tasks?status=NEEDS_DISPATCHER&limit=200'),
    get('escalation', '/extensions?status=PENDING&limit=200')]);
  const departments = await get('escalation', '/routing/departments').catch(() => []);
  view(h('h1', null, '调度 ', h('small', null, `${queued.length} 件退回待调度 · ${extensions.length} 件延期申请`)),
    h('datalist', { id: 'units' }, (departments || []).map(d => h('option', { value: 'DEPT:' + (d.code || d) }, d.name || d.code || d))),
    h('h2', null, '退回待调度'),
    h('p.muted', null, '多次退回的任务等待调度员交办。'),
    queued.length ? h('ul.cards', { id: 'dispatch-list' }, queued.map(t => h('li.card', { 'data-task': t.id },
      h('div.row', null, h('a', { href: '#/event/' + t.eventId }, h('b', null, categoryName(t.category))), ' ', t.gridCode || ''),
      h('div.row.muted', null, '退回原因：', t.reason || '—'), assignForm(t, text => { toast(text); dispatch(me); }))))
      : h('p', { id: 'dispatch-list' }, '没有待调度的任务。'),
    h('h2', null, '延期申请'),
    h('p.muted', null, has(me, 'supervisor') ? '批准后时限按申请的工作日顺延。' : '延期由督查审批。'),
    extensions.length ? h('ul.cards', { id: 'extension-list' }, extensions.map(x => h('li.card', { 'data-extension': x.id, 'data-task': x.taskId },
      h('div.row', null, h('a', { href: '#/event/' + x.eventId }, h('b', null, categoryName(x.category))), ' ', x.gridCode || x.handlerUnit,
        ' ', badge(x)),
      h('div.row.muted', null, `${x.requestedBy} 于 ${time(x.requestedAt)} 申请延期 ${x.workingDays} 个工作日；现时限 ${time(x.deadline)}`),
      h('div.row', null, '理由：', x.reason),
      has(me, 'supervisor') ? extensionDecision(x, text => { toast(text); dispatch(me); }) : null)))
      : h('p', { id: 'extension-list' }, '没有待审批的延期申请。'));
}

export async function followUps(me) {
  await categoryNames(get);
  const due = await get('event', '/events/follow-ups');
  view(h('h1', null, '回访 ', h('small', null, `${due.length} 件待回访`)),
    due.length ? h('ul.cards', { id: 'follow-up-list' }, due.map(f => h('li.card', { 'data-event': f.id },
      h('div.row', null, h('a', { href: '#/event/' + f.id }, h('b', null, categoryName(f.category))), ' ', f.gridCode || ''),
      h('div.row.muted', null, '回访对象：', (f.reporters || []).join('、') || '—', f.hotlineTicket ? ' · 12345 工单 ' + f.hotlineTicket : ''),
      h('div.row.muted', null, '请问：问题是否已解决？对处理是否满意？'),
      followUpForm(f.id, text => { toast(text); followUps(me); }))))
      : h('p', { id: 'follow-up-list' }, '没有待回访的事件。'));
}

export { render as stats } from './stats.js';
