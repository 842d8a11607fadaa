// The grid worker's phone: my tasks, report a problem (即办件 too), my visit plan, my points.
import { get, post, key } from './api.js';
import { h, view, field, toast, fail, time, badge, statusBadge, categoryNames, categoryName, TASK_STATUS } from './ui.js';
import { photoInput } from './forms.js';
import { pickPoint } from './map.js';

export async function tasks(me) {
  await categoryNames(get);
  const list = await get('escalation', '/tasks?status=OPEN&limit=200');
  const now = Date.now();
  const rank = t => (t.overdueAt || Date.parse(t.deadline) < now ? 0 : t.warnedAt || Date.parse(t.warnAt) < now ? 1 : 2);
  list.sort((a, b) => rank(a) - rank(b) || Date.parse(a.deadline) - Date.parse(b.deadline));
  view(h('h1', null, '我的任务 ', h('small', null, `${list.length} 件`)),
    list.length ? h('ul.cards', { id: 'task-list' }, list.map(t => h('li.card', { 'data-event': t.eventId },
      h('a', { href: '#/event/' + t.eventId },
        h('div.row', null, h('b', null, categoryName(t.category)), badge(t)),
        h('div.row.muted', null, t.gridCode || t.handlerUnit, ' · ', TASK_STATUS[t.status] || t.status, t.acceptedAt ? ' · 已签收' : ' · 未签收'),
        h('div.row', null, '时限 ', h('time', null, time(t.deadline))))))) : h('p', { id: 'task-list' }, '没有待办任务。'));
}

export async function report(me) {
  const { list } = await categoryNames(get);
  const big = list.filter(c => !c.parentKey && c.active);
  const category = h('select', { id: 'report-category', name: 'category', required: true },
    h('option', { value: '' }, '请选择类别'),
    big.map(b => h('optgroup', { label: b.nameZh }, list.filter(c => c.parentKey === b.key && c.active)
      .map(c => h('option', { value: c.key }, c.nameZh)))));
  const description = h('textarea', { id: 'report-description', name: 'description', rows: 3, required: true, maxlength: 2000 });
  const photo = photoInput('report-photo', '现场照片（拍照）');
  const lat = h('input', { id: 'report-lat', name: 'latitude', inputmode: 'decimal' });
  const lon = h('input', { id: 'report-lon', name: 'longitude', inputmode: 'decimal' });
  const address = h('input', { id: 'report-address', name: 'address', maxlength: 300 });
  const onSpot = h('input', { type: 'checkbox', id: 'report-on-spot', name: 'solvedOnSpot' });
  const spotNote = h('textarea', { id: 'report-on-spot-note', name: 'solvedOnSpotNote', rows: 2 });
  const mapBox = h('div.pick-map', { id: 'report-map', role: 'application', 'aria-label': '点击地图选择位置' });
  const out = h('div.out');
  const submit = h('button', { type: 'submit', id: 'report-submit' }, '上报');
  const locate = h('button', { type: 'button', id: 'report-locate' }, '使用当前位置');
  const form = h('form.report', { id: 'report-form' },
    field('类别', category), field('问题描述', description), photo.control,
    h('fieldset', null, h('legend', null, '位置'), locate, mapBox,
      h('div.pair', null, field('纬度', lat), field('经度', lon)), field('地址', address)),
    h('fieldset', null, h('legend', null, '即办件'),
      h('label.check', null, onSpot, ' 已现场解决（即办件，需照片）'), field('处理说明', spotNote)),
    submit, out);
  view(h('h1', null, '上报问题'), form);
  const setPoint = pickPoint(mapBox, (la, lo) => { lat.value = la.toFixed(6); lon.value = lo.toFixed(6); });
  locate.addEventListener('click', () => navigator.geolocation
    ? navigator.geolocation.getCurrentPosition(p => setPoint(p.coords.latitude, p.coords.longitude), err => toast('无法获取位置：' + err.message, true), { enableHighAccuracy: true, timeout: 10000 })
    : toast('此设备不能定位', true));
  const idempotency = key();
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    submit.disabled = true;
    try {
      const evidence = await photo.files();
      const body = { category: category.value, description: description.value.trim(), address: address.value.trim() || undefined, evidence };
      if (lat.value && lon.value) body.location = { latitude: Number(lat.value), longitude: Number(lon.value) };
      if (onSpot.checked) body.solvedOnSpot = { note: spotNote.value.trim() || description.value.trim(), evidence };
      const e = await post('event', '/events', body, { 'Idempotency-Key': idempotency });
      toast(e.status === 'REPORTED' ? '已上报，等待立案' : e.status === 'CLOSED' ? '即办件已办结' : '已上报');
      location.hash = '#/event/' + e.id;
    } catch (err) {
      fail(err, out);
    } finally {
      submit.disabled = false;
    }
  });
}

export async function points(me) {
  const period = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7);
  const subject = 'USER:' + me.user;
  let s;
  try {
    s = await get('scoring', `/statements/${encodeURIComponent(subject)}?period=${period}`);
  } catch (err) {
    return view(h('h1', null, '我的积分'), h('p', { id: 'points-total' }, err.status === 404 ? '本月还没有积分。' : err.message));
  }
  view(h('h1', null, '我的积分 ', h('small', null, period)),
    h('p.big', { id: 'points-total' }, h('b', null, String(s.points)), ' 分', h('small', null, ` 已审核 ${s.approved} · 待审核 ${s.pending} · 未通过 ${s.rejected}`)),
    h('table', { id: 'points-items' }, h('caption', null, '积分明细（每一分都有来源）'),
      h('thead', null, h('tr', null, h('th', null, '时间'), h('th', null, '规则'), h('th', null, '分值'), h('th', null, '状态'), h('th', null, '来源'))),
      h('tbody', null, (s.items || []).map(i => h('tr', null, h('td', null, time(i.occurredAt)), h('td', null, i.rule || i.kind),
        h('td', null, String(i.points)), h('td', null, i.status),
        h('td', null, i.sourceRef ? h('a', { href: '#/event/' + i.sourceRef }, '事件') : (i.reason || '')))))));
}

export async function visits(me) {
  const grids = [].concat((me.claims && me.claims.grids) || []).flatMap(g => String(g).split(/[ ,]+/)).filter(Boolean);
  if (!grids.length) return view(h('h1', null, '走访计划'), h('p', null, '没有分配网格。'));
  const sections = [];
  for (const g of grids) {
    const c = await get('grid', `/coverage/grids/${g}?period=MONTH`).catch(err => ({ error: err.message }));
    if (c.error) { sections.push(h('p.error', null, g + '：' + c.error)); continue; }
    const todo = c.notVisited || [];
    sections.push(h('section', null, h('h2', null, c.noHouseholds || c.coverageRate == null ? `${g} · 本网格暂无住户` : `${g} · 本月覆盖率 ${Math.round(c.coverageRate * 100)}%`),
      h('ul.cards', { id: 'visit-plan-' + g }, todo.map(hh => h('li.card', null,
        h('div.row', null, h('b', null, hh.address || hh.code), (hh.focusTags || []).length ? h('span.badge.warning', null, '重点') : null),
        visitForm(hh))))));
  }
  view(h('h1', null, '走访计划 ', h('small', null, '本月未走访，重点户在前')), sections);
}

function visitForm(hh) {
  const notes = h('textarea', { name: 'notes', id: 'visit-notes-' + hh.code, rows: 2, required: true });
  const problem = h('input', { name: 'problem', id: 'visit-problem-' + hh.code });
  const out = h('div.out');
  const form = h('form.action', null, field('走访纪实', notes), field('发现的问题（可选，将转为事件）', problem),
    h('button', { type: 'submit' }, '记录走访'), out);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const body = { householdId: hh.householdId, notes: notes.value.trim() };
    if (problem.value.trim()) body.problems = [{ category: 'other.unclassified', description: problem.value.trim() }];
    try { await post('grid', '/visits', body); toast('走访已记录'); form.closest('li').remove(); } catch (err) { fail(err, out); }
  });
  return form;
}
