// One event: what, where, its timeline and photos, and the actions the signed-in user may take on it.
import { get, post, key } from './api.js';
import { h, view, field, toast, fail, time, badge, statusBadge, categoryNames, categoryName, has, ACTION, SATISFACTION } from './ui.js';
import { noteForm } from './forms.js';

export async function render(me, id) {
  await categoryNames(get);
  let e;
  try {
    e = await get('event', '/events/' + id);
  } catch (err) {
    return view(h('h1', null, '事件'), h('p.error', { role: 'alert' }, err.status === 404 ? '没有这个事件，或它不在您的辖区内。' : err.message));
  }
  const tasks = await get('escalation', '/tasks/by-event/' + id).catch(() => []);
  const task = tasks.filter(t => ['OPEN', 'NEEDS_DISPATCHER'].includes(t.status)).pop() || tasks[tasks.length - 1];
  const photos = e.timeline.flatMap(s => (s.evidence || []).map(v => ({ ...v, step: s })));
  view(
    h('p', null, h('a', { href: 'javascript:history.back()' }, '‹ 返回')),
    h('h1', null, categoryName(e.category), ' ', statusBadge(e.status), ' ', badge(task || e)),
    h('dl.facts', { id: 'event-facts', 'data-status': e.status },
      h('dt', null, '编号'), h('dd', null, e.id),
      h('dt', null, '描述'), h('dd', null, e.description || '—'),
      h('dt', null, '地址'), h('dd', null, e.address || '—'),
      h('dt', null, '网格'), h('dd', null, e.gridCode || '未定位'),
      h('dt', null, '承办'), h('dd', null, e.handlerUnit || '—'),
      h('dt', null, '时限'), h('dd', null, time(e.deadline)),
      h('dt', null, '上报'), h('dd', null, time(e.reportedAt), ' · ', e.channel || ''),
      e.rejectReason ? [h('dt', null, '不予立案理由'), h('dd', null, e.rejectReason)] : null,
      e.mergedInto ? [h('dt', null, '合并到'), h('dd', null, h('a', { href: '#/event/' + e.mergedInto }, e.mergedInto))] : null),
    photos.length ? h('section', null, h('h2', null, '照片'), h('div.photos', null, photos.map(p =>
      h('a', { href: '/api/event' + p.url, target: '_blank' }, h('img', { src: '/api/event' + p.url, alt: (ACTION[p.step.action] || p.step.action) + '照片', loading: 'lazy' }))))) : null,
    task && task.parts && task.parts.length ? h('section', null, h('h2', null, '联动部门'), h('ul', { id: 'cooperation-parts' },
      task.parts.map(p => h('li', { 'data-unit': p.unit, 'data-status': p.status }, p.unit, ' · ', PART[p.status] || p.status,
        p.note ? ' · ' + p.note : '')))) : null,
    h('section#actions', null, actions(me, e, task)),
    h('section', null, h('h2', null, '办理过程'), h('ol.timeline', { id: 'timeline' }, e.timeline.map(s =>
      h('li', { 'data-action': s.action }, h('b', null, ACTION[s.action] || s.action), ' ', h('time', null, time(s.at)),
        s.actor ? ' · ' + s.actor : '', s.note ? h('div', null, s.note) : null)))));
}

const PART = { OPEN: '待签收', ACCEPTED: '办理中', DONE: '已完成' };

/** whether a cooperating department's part (联动) is not done yet: the lead then resolves only with a reason */
function openParts(task) {
  return (task.parts || []).some(p => p.status !== 'DONE');
}

function after(id, text) {
  return () => {
    toast(text);
    render(window.__me, id);
  };
}

function actions(me, e, task) {
  window.__me = me;
  const id = e.id;
  const out = [];
  const done = text => after(id, text)();
  if (e.status === 'REPORTED' && has(me, 'operator', 'community_staff', 'street_staff')) {
    out.push(h('h2', null, '立案'), acceptance(id, done));
  }
  if (task && task.status === 'OPEN' && ['DISPATCHED', 'IN_PROGRESS', 'REOPENED'].includes(e.status)
      && has(me, 'grid_worker', 'grid_leader', 'community_staff', 'street_staff', 'dept_handler')) {
    out.push(h('h2', null, '办理'),
      task.acceptedAt ? null : h('button', { id: 'task-accept', type: 'button', onclick: async ev => {
        ev.target.disabled = true;
        try { await post('escalation', `/tasks/${task.id}/acceptance`, { note: '已签收' }); done('已签收'); } catch (err) { fail(err); ev.target.disabled = false; }
      } }, '签收任务'),
      noteForm({ id: 'progress', label: '办理进展', button: '提交进展', photos: true, onSubmit: async (note, files, o) => {
        try { await post('escalation', `/tasks/${task.id}/progress`, { note, evidenceFiles: files }); done('进展已提交'); } catch (err) { fail(err, o); }
      } }),
      openParts(task) ? field('联动部门尚未完成，办结须说明理由', h('textarea', { id: 'open-parts-reason', name: 'openPartsReason', rows: 2 })) : null,
      noteForm({ id: 'resolve', label: '办结说明', button: '办结', photos: true, onSubmit: async (note, evidence, o) => {
        const why = document.getElementById('open-parts-reason');
        const openPartsReason = why && why.value.trim() ? why.value.trim() : undefined;
        try { await post('event', `/events/${id}/resolution`, { note, evidence, openPartsReason }); done('已办结，等待核查'); } catch (err) { fail(err, o); }
      } }),
      noteForm({ id: 'return', label: '退回理由（派错了）', button: '退回', onSubmit: async (reason, _, o) => {
        try { await post('escalation', `/tasks/${task.id}/return`, { reason }); done('已退回'); } catch (err) { fail(err, o); }
      } }),
      extension(task, done));
  }
  if (e.status === 'RESOLVED' && has(me, 'grid_worker', 'grid_leader', 'community_staff', 'street_staff')) {
    out.push(h('h2', null, '现场核查'),
      noteForm({ id: 'verify', label: '核查情况', button: '核查通过', photos: true, required: false, onSubmit: async (note, evidence, o) => {
        try { await post('event', `/events/${id}/verification`, { passed: true, note, evidence }); done('核查通过，等待回访'); } catch (err) { fail(err, o); }
      } }),
      noteForm({ id: 'rework', label: '返工理由', button: '要求返工', photos: true, onSubmit: async (note, evidence, o) => {
        try { await post('event', `/events/${id}/verification`, { passed: false, note, evidence }); done('已要求返工'); } catch (err) { fail(err, o); }
      } }));
  }
  if (e.status === 'VERIFIED' && (has(me, 'operator', 'community_staff', 'street_staff') || e.reporterId === me.user)) {
    out.push(h('h2', null, '回访'), followUpForm(id, done));
  }
  if (task && task.status === 'NEEDS_DISPATCHER' && has(me, 'street_staff', 'supervisor')) {
    out.push(h('h2', null, '调度'), assignForm(task, done));
  }
  if (task && task.status === 'OPEN' && has(me, 'supervisor')) {
    out.push(h('h2', null, '督办'), noticeForm(task, done));
  }
  return out;
}

export function acceptance(id, done, duplicate) {
  const decision = h('select', { id: 'decision', name: 'decision' },
    h('option', { value: 'ACCEPT' }, '立案'), h('option', { value: 'REJECT' }, '不予立案'),
    duplicate ? h('option', { value: 'MERGE' }, '合并到疑似重复件') : null);
  const reason = h('textarea', { id: 'decision-reason', name: 'reason', rows: 2 });
  const out = h('div.out');
  const form = h('form.action', { id: 'acceptance-' + id }, field('决定', decision), field('理由（不予立案时必填，居民可见）', reason),
    h('button', { type: 'submit', id: 'acceptance-submit' }, '确定'), out);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const body = { decision: decision.value, reason: reason.value.trim() || undefined, mergeInto: decision.value === 'MERGE' ? duplicate : undefined };
    try {
      await post('event', `/events/${id}/acceptance`, body);
      done({ ACCEPT: '已立案', REJECT: '已不予立案', MERGE: '已合并' }[body.decision]);
    } catch (err) { fail(err, out); }
  });
  return form;
}

export function followUpForm(id, done) {
  const sat = h('select', { id: 'satisfaction-' + id, name: 'satisfaction' }, Object.entries(SATISFACTION).map(([k, v]) => h('option', { value: k }, v)));
  const comment = h('textarea', { id: 'comment-' + id, name: 'comment', rows: 2 });
  const out = h('div.out');
  const form = h('form.action', { id: 'follow-up-' + id }, field('满意度', sat), field('回访记录', comment),
    h('button', { type: 'submit', id: 'follow-up-submit-' + id }, '记录回访'), out);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    try {
      const r = await post('event', `/events/${id}/follow-up`, { satisfaction: sat.value, comment: comment.value.trim() || undefined });
      done(r.status === 'CLOSED' ? '已回访，销号' : '不满意，重新办理');
    } catch (err) { fail(err, out); }
  });
  return form;
}

function extension(task, done) {
  const days = h('input', { type: 'number', min: 1, max: 30, value: 2, id: 'extension-days', name: 'workingDays' });
  const reason = h('textarea', { id: 'extension-reason', name: 'reason', rows: 2, required: true });
  const out = h('div.out');
  const form = h('form.action', { id: 'extension' }, field('申请延期（工作日）', days), field('延期理由', reason),
    h('button', { type: 'submit', id: 'extension-submit' }, '申请延期'), out);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    try {
      await post('escalation', `/tasks/${task.id}/extension-requests`, { workingDays: Number(days.value), reason: reason.value.trim() });
      done('已申请延期，等待督查审批');
    } catch (err) { fail(err, out); }
  });
  return form;
}

export function assignForm(task, done) {
  const unit = h('input', { id: 'assign-unit-' + task.id, name: 'handlerUnit', required: true, placeholder: 'DEPT:sanitation 或 COMMUNITY:350182001001', list: 'units' });
  const out = h('div.out');
  const form = h('form.action', { id: 'assign-' + task.id }, field('交办给', unit), h('button', { type: 'submit' }, '交办'), out);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    try { await post('escalation', `/tasks/${task.id}/assignment`, { handlerUnit: unit.value.trim() }); done('已交办'); } catch (err) { fail(err, out); }
  });
  return form;
}

/** a supervisor approves or refuses an extension request (x: an item of GET /extensions) */
export function extensionDecision(x, done) {
  const note = h('textarea', { id: 'extension-note-' + x.id, name: 'note', rows: 2, maxlength: 2000 });
  const out = h('div.out');
  const decide = approved => async () => {
    try {
      await post('escalation', `/tasks/${x.taskId}/extension-requests/${x.id}/decision`, { approved, note: note.value.trim() || undefined });
      done(approved ? '已批准延期' : '已驳回延期申请');
    } catch (err) { fail(err, out); }
  };
  return h('form.action', { id: 'extension-decision-' + x.id, onsubmit: ev => ev.preventDefault() }, field('审批意见', note),
    h('div.row', null, h('button', { type: 'button', id: 'extension-approve-' + x.id, onclick: decide(true) }, '批准延期'),
      h('button.secondary', { type: 'button', id: 'extension-refuse-' + x.id, onclick: decide(false) }, '驳回')), out);
}

export function noticeForm(task, done) {
  return noteForm({ id: 'notice-' + task.id, label: '督办意见', button: '发督办单', onSubmit: async (note, _, o) => {
    try { await post('escalation', `/supervision/tasks/${task.id}/notices`, { note }); done('督办单已发出'); } catch (err) { fail(err, o); }
  } });
}

export { key };
