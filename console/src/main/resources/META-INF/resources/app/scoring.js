// The scorers' and supervisors' screens (desktop): the monthly points audit (一月一审核), the quarter's rankings to
// publish (一季一评议) and the yearly accounts (一年一核算). Each shows what scoring-service answers to the signed-in
// user: entries of her jurisdiction only; the lock and publish buttons only for the roles the API lets do them.
import { get, post } from './api.js';
import { h, view, field, toast, fail, time, has } from './ui.js';

const ENTRY_STATUS = { PENDING: '待审核', APPROVED: '已通过', REJECTED: '未通过' };
const LEVELS = [['GRID', '网格'], ['COMMUNITY', '社区'], ['STREET', '街道'], ['USER', '个人']];
const LEVEL_NAME = Object.fromEntries(LEVELS);

/** USER:worker-1 → 个人 worker-1 */
function subjectName(s) {
  const [type, code] = String(s).split(':');
  return (LEVEL_NAME[type] || type) + ' ' + (code || '');
}

function shanghai(offsetMonths = 0) {
  const [y, m] = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7).split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + offsetMonths, 1));
  return { month: d.toISOString().slice(0, 7), year: d.getUTCFullYear(), quarter: `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}` };
}

function go(route, value) {
  location.hash = `#/${route}/${value}`;
}

/** 积分审核: a month's entries; approve or reject each (a rejection needs a reason); a supervisor locks the month */
export async function audit(me, [period] = []) {
  const month = /^\d{4}-\d{2}$/.test(period || '') ? period : shanghai(-1).month;
  const [status, entries] = await Promise.all([get('scoring', `/audits/${month}`), get('scoring', `/ledger?period=${month}&limit=1000`)]);
  const picker = h('input', { type: 'month', id: 'audit-month', name: 'month', value: month, onchange: ev => ev.target.value && go('audit', ev.target.value) });
  const pending = entries.filter(e => e.status === 'PENDING');
  const decide = async (body, out) => {
    try {
      const r = await post('scoring', `/audits/${month}/decisions`, body);
      toast(`${r.decision === 'APPROVED' ? '已通过' : '未通过'} ${r.entries} 条，共 ${r.points} 分`);
      await audit(me, [month]);
    } catch (err) { fail(err, out); }
  };
  const mine = e => e.subject === 'USER:' + me.user || e.recordedBy === me.user;
  const rows = entries.map(e => {
    let act = ENTRY_STATUS[e.status] || e.status;
    if (e.status === 'PENDING' && !status.locked) {
      if (mine(e)) {
        act = '本人相关，由他人审核';
      } else {
        const reason = h('input', { id: 'audit-reason-' + e.id, name: 'reason', maxlength: 1000 });
        const out = h('div.out');
        act = h('div.decide', null, field('审核意见（不通过时必填）', reason),
          h('div.row', null,
            h('button', { type: 'button', id: 'audit-approve-' + e.id, onclick: () => decide({ decision: 'APPROVED', entryIds: [e.id], reason: reason.value.trim() || undefined }, out) }, '通过'),
            h('button.secondary', { type: 'button', id: 'audit-reject-' + e.id, onclick: () => decide({ decision: 'REJECTED', entryIds: [e.id], reason: reason.value.trim() }, out) }, '不通过')),
          out);
      }
    } else if (e.auditReason) {
      act = h('span', null, act, h('br'), h('small.muted', null, e.auditReason));
    }
    return h('tr', { 'data-entry': e.id, 'data-status': e.status },
      h('td', null, time(e.occurredAt)), h('td', null, subjectName(e.subject)), h('td', null, e.rule),
      h('td.num', null, String(e.points)),
      h('td', null, e.reason || '', e.sourceRef && e.kind === 'FACT' ? h('a', { href: '#/event/' + e.sourceRef }, '事件') : null),
      h('td', null, act));
  });
  const out = h('div.out');
  const ended = month < shanghai(0).month;
  const canLock = has(me, 'supervisor');
  const lockButton = canLock && !status.locked ? h('button', { type: 'button', id: 'audit-lock', disabled: !ended || status.pending > 0 || undefined, onclick: async () => {
    try { await post('scoring', `/audits/${month}/lock`); toast(`${month} 已锁定`); await audit(me, [month]); } catch (err) { fail(err, out); }
  } }, '锁定本月') : null;
  view(h('h1', null, '积分审核 ', h('small', null, '一月一审核')),
    h('div.toolbar', null, field('月份', picker)),
    h('p', { id: 'audit-status', 'data-locked': String(status.locked) },
      status.locked ? `已于 ${time(status.lockedAt)} 由 ${status.lockedBy} 锁定，不再变动。` : '未锁定。',
      ` 待审核 ${status.pending} 条（${status.pendingPoints} 分） · 已通过 ${status.approved} 条（${status.approvedPoints} 分） · 未通过 ${status.rejected} 条（${status.rejectedPoints} 分）`),
    h('div.row', null,
      pending.some(e => !mine(e)) && !status.locked ? h('button', { type: 'button', id: 'audit-approve-all', onclick: () => decide({ decision: 'APPROVED', all: true }, out) }, '其余全部通过') : null,
      lockButton,
      lockButton && (!ended || status.pending > 0) ? h('span.muted', null, !ended ? '本月尚未结束，不能锁定' : '全部审核后才能锁定') : null),
    out,
    h('table', { id: 'audit-entries' }, h('caption', null, `${month} 的积分明细（${entries.length} 条，仅本辖区）`),
      h('thead', null, h('tr', null, ['时间', '对象', '规则', '分值', '依据', '审核'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', null, rows)));
}

/** 季度排名: the live ranking of a quarter, the state of its months, and (supervisors) publishing it */
export async function ranking(me, [period, lvl] = []) {
  const quarter = /^\d{4}-Q[1-4]$/.test(period || '') ? period : shanghai(-3).quarter;
  const level = LEVEL_NAME[lvl] ? lvl : 'GRID';
  const [y, q] = quarter.split('-Q').map(Number);
  const months = [1, 2, 3].map(i => `${y}-${String((q - 1) * 3 + i).padStart(2, '0')}`);
  const [live, states, published] = await Promise.all([
    get('scoring', `/rankings?level=${level}&period=${quarter}&limit=100`),
    Promise.all(months.map(m => get('scoring', `/audits/${m}`).catch(() => ({ period: m, locked: false })))),
    get('scoring', '/public/rankings').catch(() => []),
  ]);
  // published per county: the caller's counties (live.counties; empty for the system administrator: any county)
  const mine = Array.isArray(live.counties) ? live.counties : [];
  const isPublished = (Array.isArray(published) ? published : [])
    .some(p => (p.period || p.quarter) === quarter && (!p.county || !mine.length || mine.includes(p.county)));
  const quarterPicker = h('select', { id: 'ranking-quarter', name: 'quarter', onchange: ev => go('ranking', ev.target.value + '/' + level) },
    [0, -3, -6, -9, -12, -15].map(o => shanghai(o).quarter).concat(quarter).filter((v, i, a) => a.indexOf(v) === i)
      .map(v => h('option', { value: v, selected: v === quarter || undefined }, v)));
  const levelPicker = h('select', { id: 'ranking-level', name: 'level', onchange: ev => go('ranking', quarter + '/' + ev.target.value) },
    LEVELS.map(([v, t]) => h('option', { value: v, selected: v === level || undefined }, t)));
  const open = states.filter(s => !s.locked).map(s => s.period);
  const out = h('div.out');
  const publish = has(me, 'supervisor') && !isPublished ? h('button', { type: 'button', id: 'ranking-publish', disabled: open.length > 0 || undefined, onclick: async () => {
    try {
      const r = await post('scoring', `/rankings/${quarter}/publish`);
      toast(`${quarter} 排名已公布（网格 ${r.subjects.GRID || 0}、社区 ${r.subjects.COMMUNITY || 0}、街道 ${r.subjects.STREET || 0}）`);
      await ranking(me, [quarter, level]);
    } catch (err) { fail(err, out); }
  } }, '公布本季度排名') : null;
  view(h('h1', null, '季度排名 ', h('small', null, '一季一评议')),
    h('div.toolbar', null, field('季度', quarterPicker), field('层级', levelPicker)),
    h('p', { id: 'ranking-state', 'data-published': String(isPublished) },
      isPublished ? h('span', null, '已公布：', h('a', { href: '/rankings.html' }, '积分排名公示')) : '未公布。',
      ' 各月审核：', states.map(s => `${s.period} ${s.locked ? '已锁定' : '未锁定'}`).join('，')),
    h('div.row', null, publish, publish && open.length ? h('span.muted', null, `三个月都锁定后才能公布（未锁定：${open.join('、')}）`) : null),
    out,
    h('table', { id: 'ranking-rows' }, h('caption', null, `${quarter} ${LEVEL_NAME[level]}排名（实时，已通过与待审核积分）`),
      h('thead', null, h('tr', null, ['名次', '对象', '积分', '已通过', '待审核', '条数'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', null, live.rows.map(r => h('tr', { 'data-subject': r.subject }, h('td', null, String(r.rank)), h('td', null, subjectName(r.subject)),
        h('td.num', null, String(r.points)), h('td.num', null, String(r.approved)), h('td.num', null, String(r.pending)), h('td.num', null, String(r.entries)))))));
}

/** 年度核算: a year's totals of a level; closed when all twelve months are locked */
export async function accounts(me, [period, lvl] = []) {
  const year = /^\d{4}$/.test(period || '') ? period : String(shanghai(0).year);
  const level = LEVEL_NAME[lvl] ? lvl : 'COMMUNITY';
  const a = await get('scoring', `/accounts/${year}?level=${level}&limit=500`);
  const yearPicker = h('input', { type: 'number', id: 'accounts-year', name: 'year', min: 2000, max: 2100, value: year,
    onchange: ev => /^\d{4}$/.test(ev.target.value) && go('accounts', ev.target.value + '/' + level) });
  const levelPicker = h('select', { id: 'accounts-level', name: 'level', onchange: ev => go('accounts', year + '/' + ev.target.value) },
    LEVELS.map(([v, t]) => h('option', { value: v, selected: v === level || undefined }, t)));
  const communities = level === 'COMMUNITY';
  view(h('h1', null, '年度核算 ', h('small', null, '一年一核算')),
    h('div.toolbar', null, field('年度', yearPicker), field('层级', levelPicker)),
    h('p', { id: 'accounts-state', 'data-closed': String(a.closed) }, a.closed ? '十二个月均已锁定，本年度核算已完成。'
      : `核算未完成：${a.openMonths.length} 个月未锁定（${a.openMonths.join('、')}）。`,
      communities ? ` 村（农村社区）的治理积分折算为年度考核分的 ${Math.round(a.villageGovernanceShare * 100)}%。` : ''),
    h('table', { id: 'accounts-rows' }, h('caption', null, `${a.year} 年${LEVEL_NAME[level]}积分（仅本辖区）`),
      h('thead', null, h('tr', null, ['位次', '对象', '积分', '已通过', '待审核', '条数'].concat(communities ? ['指标加权分', '治理得分（村）'] : [])
        .map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', null, a.rows.map(r => h('tr', { 'data-subject': r.subject }, h('td', null, String(r.position)), h('td', null, subjectName(r.subject)),
        h('td.num', null, String(r.points)), h('td.num', null, String(r.approved)), h('td.num', null, String(r.pending)), h('td.num', null, String(r.entries)),
        communities ? [h('td.num', null, r.weightedIndicatorScore ?? '—'), h('td.num', null, r.governanceScore ?? '—')] : null)))));
}
