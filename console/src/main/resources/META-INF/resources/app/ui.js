// Small DOM helpers and the Chinese names the screens use.

/** h('div.card', {onclick}, child, ...) */
export function h(tag, attrs, ...children) {
  const [name, ...classes] = tag.split('.');
  const el = document.createElement(name);
  if (classes.length) el.className = classes.join(' ');
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'text') el.textContent = v;
      else if (k === 'html') el.innerHTML = v;
      else el.setAttribute(k, v === true ? '' : v);
    }
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** a labelled form field: label wraps the control so that every control has a name */
export function field(label, control, hint) {
  return h('label.field', null, h('span.label', null, label), control, hint ? h('small', null, hint) : null);
}

export function view(...children) {
  const main = document.getElementById('view');
  main.replaceChildren(...children.flat());
  main.focus({ preventScroll: true });
  return main;
}

let toastTimer;
export function toast(text, bad) {
  let t = document.getElementById('toast');
  if (!t) {
    t = h('div', { id: 'toast', role: 'status', 'aria-live': 'polite' });
    document.body.append(t);
  }
  t.textContent = text;
  t.className = bad ? 'toast bad' : 'toast';
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.className = 'toast hidden'; }, 5000);
}

/** shows a refusal of a service (problem+json) next to the form and as a toast */
export function fail(e, where) {
  const text = e.field ? `${e.message}（${e.field}）` : e.message;
  if (where) where.replaceChildren(h('p.error', { role: 'alert' }, text));
  toast(text, true);
}

export const STATUS = {
  REPORTED: '待立案', ACCEPTED: '已立案', REJECTED: '不予立案', MERGED: '已合并', DISPATCHED: '已派遣',
  IN_PROGRESS: '办理中', RESOLVED: '已办结待核查', VERIFIED: '已核查待回访', FOLLOWED_UP: '已回访', CLOSED: '已销号',
  REOPENED: '重新办理',
};
export const TASK_STATUS = {
  OPEN: '办理中', RESOLVED: '已办结', CLOSED: '已销号', SUPERSEDED: '已重派', ESCALATED: '已上报', RETURNED: '已退回',
  NEEDS_DISPATCHER: '待调度',
};
export const ACTION = {
  REPORT: '上报', ACCEPT: '立案', REJECT: '不予立案', MERGE: '合并', LOCATE: '定位网格', DISPATCH: '派遣', HANDLER_ACCEPT: '签收',
  PROGRESS: '进展', RETURN: '退回', ESCALATE: '上报上级', RESOLVE: '办结', VERIFY: '核查通过', REWORK: '返工',
  FOLLOW_UP: '回访', CLOSE: '销号', REOPEN: '重新办理', SOLVE_ON_SPOT: '即办', EXTEND: '延期', RATE_AS_DUPLICATE: '重复件评价', REASSIGN: '改派', CLOSE_WITHOUT_FOLLOW_UP: '销号（无需回访）',
  REQUEST_MATERIAL: '补办（待补材料）', SUPPLY_MATERIAL: '材料已补', MATERIAL_LIMIT_REACHED: '补材料期满', REQUEST_PARKING: '申请挂账',
  PARK: '挂账', REFUSE_PARKING: '不同意挂账', UNPARK: '解除挂账', CLOSE_NO_ANSWER: '销号（回访未果）', WARN: '预警', OVERDUE: '超期',
  SUPERVISE: '督办', REQUEST_EXTENSION: '申请延期', APPROVE_EXTENSION: '同意延期', REFUSE_EXTENSION: '不同意延期', RESUME_CLOCK: '恢复计时',
  COOPERATE: '联动',
};
export const SATISFACTION = { VERY_SATISFIED: '非常满意', SATISFIED: '满意', BASICALLY_SATISFIED: '基本满意', DISSATISFIED: '不满意' };
export const OPEN_STATUSES = ['REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'RESOLVED', 'VERIFIED', 'FOLLOWED_UP', 'REOPENED'];

let categories = null;
/** the category catalogue, key → Chinese name */
export async function categoryNames(get) {
  if (!categories) {
    const list = await get('event', '/categories').catch(() => []);
    categories = { list, names: Object.fromEntries(list.map(c => [c.key, c.nameZh])) };
  }
  return categories;
}

export function categoryName(key) {
  return (categories && categories.names[key]) || key;
}

export function time(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

/** 超期 / 预警 / none, from a task (warnAt, deadline, warnedAt, overdueAt) or an event (deadline) */
export function urgency(item, now = Date.now()) {
  if (!item || !item.deadline) return null;
  if (item.overdueAt || Date.parse(item.deadline) < now) return 'overdue';
  if (item.warnedAt || (item.warnAt && Date.parse(item.warnAt) < now)) return 'warning';
  return null;
}

export function badge(item) {
  const u = urgency(item);
  if (u === 'overdue') return h('span.badge.overdue', null, '超期');
  if (u === 'warning') return h('span.badge.warning', null, '预警');
  return null;
}

export function statusBadge(status) {
  return h('span.badge.status.s-' + String(status).toLowerCase(), null, STATUS[status] || TASK_STATUS[status] || status);
}

export function roles(me) {
  return new Set((me && me.roles) || []);
}

export function has(me, ...names) {
  const r = roles(me);
  return r.has('admin') || names.some(n => r.has(n));
}
