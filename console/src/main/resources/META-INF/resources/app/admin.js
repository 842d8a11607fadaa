// Administration: the category catalogue, the routing rules, the working calendar (next year's State Council
// notice, and a county's local days) and the departments. Only admins may change them; the services refuse anyone
// else. The system administrator (no place claim) keeps what every county shares; a county's administrator (role
// admin with a district claim) keeps her county's own: its categories, rules, local days and departments.
import { get, send, post } from './api.js';
import { h, view, field, toast, fail } from './ui.js';

/** the county a county's administrator keeps (her first district claim); null for the system administrator */
export function adminCounty(me) {
  const d = [].concat((me.claims && me.claims.district) || []).flatMap(c => String(c).split(/[ ,]+/)).filter(Boolean);
  return (me.roles || []).includes('admin') && d.length ? d[0] : null;
}

const scope = county => (county ? '本县（区）' : '共用');

function categoryForm(done) {
  const input = (name, attrs = {}) => h('input', Object.assign({ name, id: 'category-' + name }, attrs));
  const key = input('key', { required: true, placeholder: 'environment.garbage' });
  const kind = h('select', { name: 'kind', id: 'category-kind' }, h('option', { value: 'EVENT' }, '事件'), h('option', { value: 'COMPONENT' }, '部件'));
  const code = input('code', { required: true, placeholder: '0101' });
  const nameZh = input('nameZh', { required: true });
  const nameEn = input('nameEn', { required: true });
  const parentKey = input('parentKey', { placeholder: 'environment' });
  const urgency = h('select', { name: 'urgency', id: 'category-urgency' }, h('option', { value: 'NORMAL' }, '一般'), h('option', { value: 'URGENT' }, '紧急'));
  const days = input('timeLimitDays', { type: 'number', min: 1, max: 60 });
  const hours = input('urgentHours', { type: 'number', min: 1, max: 72 });
  const out = h('div.out');
  const form = h('form.action', { id: 'category-form' }, h('div.pair', null, field('键', key), field('种类', kind), field('代码', code),
    field('中文名', nameZh), field('英文名', nameEn), field('大类', parentKey), field('紧急程度', urgency), field('时限（工作日）', days),
    field('紧急时限（小时）', hours)), h('button', { type: 'submit' }, '保存类别'), out);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const num = v => (v.value ? Number(v.value) : undefined);
    try {
      await send('PUT', 'event', '/categories/' + encodeURIComponent(key.value.trim()), { kind: kind.value, code: code.value.trim(),
        nameZh: nameZh.value.trim(), nameEn: nameEn.value.trim(), parentKey: parentKey.value.trim() || undefined, urgency: urgency.value,
        timeLimitDays: num(days), urgentHours: num(hours) });
      done('类别已保存');
    } catch (err) { fail(err, out); }
  });
  return form;
}

function rulesForm(current, county, done) {
  const rules = h('textarea', { id: 'rules-json', name: 'rules', rows: 12 }, JSON.stringify(current.rules, null, 1));
  const note = h('input', { id: 'rules-note', name: 'note' });
  const out = h('div.out');
  const form = h('form.action', { id: 'rules-form' }, field('规则（JSON，按顺序匹配）', rules), field('说明', note),
    h('button', { type: 'submit' }, '发布新版本'), out);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    let list;
    try { list = JSON.parse(rules.value); } catch (e) { return out.replaceChildren(h('p.error', { role: 'alert' }, 'JSON 格式错误：' + e.message)); }
    const path = '/routing/rules' + (county ? '?county=' + county : '');
    try { const v = await post('escalation', path, { rules: list, note: note.value.trim() || undefined }); done(`已发布${scope(county)}规则第 ${v.version} 版`); } catch (err) { fail(err, out); }
  });
  return form;
}

function calendarForm(year, county, done) {
  const lines = h('textarea', { id: 'calendar-days', name: 'days', rows: 8, placeholder: county ? `${year}-04-10 HOLIDAY 本地节日`
    : '2027-01-01 HOLIDAY 元旦\n2027-02-07 WORKDAY 春节调休' });
  const out = h('div.out');
  const label = county ? `${year} 年本县（区）地方休息日与调休（每行：日期 HOLIDAY|WORKDAY 名称；在国家安排之上）`
    : `${year} 年国务院办公厅放假通知（每行：日期 HOLIDAY|WORKDAY 名称）`;
  const form = h('form.action', { id: 'calendar-form' }, field(label, lines), h('button', { type: 'submit' }, `载入 ${year} 年`), out);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const days = lines.value.split('\n').map(l => l.trim()).filter(Boolean).map(l => {
      const [date, kind, ...name] = l.split(/\s+/);
      return { date, kind, name: name.join(' ') || kind };
    });
    const path = '/calendar/' + year + (county ? '/counties/' + county : '');
    try { await send('PUT', 'escalation', path, { days }); done(`${year} 年${county ? '本县（区）' : ''}日历已载入`); } catch (err) { fail(err, out); }
  });
  return form;
}

function departmentForm(county, done) {
  const code = h('input', { name: 'code', id: 'department-code', required: true, placeholder: county ? `housing-${county}` : 'housing' });
  const name = h('input', { name: 'name', id: 'department-name', required: true, placeholder: county ? '县住建局' : '住建局' });
  const out = h('div.out');
  const form = h('form.action', { id: 'department-form' }, h('div.pair', null, field('代码', code), field('名称', name)),
    h('button', { type: 'submit' }, `保存${scope(county)}部门`), out);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    try {
      await send('PUT', 'escalation', '/routing/departments/' + encodeURIComponent(code.value.trim()),
        { name: name.value.trim(), county: county || undefined });
      done('部门已保存');
    } catch (err) { fail(err, out); }
  });
  return form;
}

export async function render(me) {
  const nextYear = Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4)) + 1;
  const county = adminCounty(me);
  const q = county ? '?county=' + county : '';
  const [categories, rules, departments, calendar] = await Promise.all([
    get('event', '/categories' + q).catch(() => []), get('escalation', '/routing/rules' + q).catch(() => null),
    get('escalation', '/routing/departments' + q).catch(() => []), get('escalation', '/calendar/' + nextYear + q).catch(() => null)]);
  const current = Array.isArray(rules) ? rules[rules.length - 1] : rules;
  const done = text => { toast(text); render(me); };
  const own = current && county && current.county === county;
  view(h('h1', null, '管理', h('small', { id: 'admin-scope' }, county ? ` · 县（区）${county}` : ' · 系统（各县共用）')),
    h('section', null, h('h2', null, '事件与部件类别'), h('details', null, h('summary', null, `${categories.length} 个类别`),
      h('table', null, h('thead', null, h('tr', null, ['键', '代码', '名称', '大类', '时限', '范围'].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', null, categories.map(c => h('tr', { 'data-county': c.county || '' }, h('td', null, c.key), h('td', null, c.code), h('td', null, c.nameZh),
          h('td', null, c.parentKey || '—'), h('td', null, c.timeLimitDays ? c.timeLimitDays + ' 个工作日' : c.urgentHours ? c.urgentHours + ' 小时' : '—'),
          h('td', null, c.county || '共用')))))),
      categoryForm(done)),
    h('section', null, h('h2', null, '分流规则', current ? ` · 第 ${current.version} 版` : ''),
      county && current ? h('p', { id: 'rules-scope' }, own ? '本县（区）自己的规则。' : '本县（区）尚无自己的规则，现用共用规则；发布后只用于本县（区）。') : null,
      current ? rulesForm(current, county, done) : h('p', null, '无权查看')),
    h('section', null, h('h2', null, '工作日历'), h('p', { id: 'calendar-status' }, calendar
      ? `${nextYear} 年：${calendar.loaded ? '已载入' : '未载入（按周一至周五计算期限）'}，工作日 ${calendar.workingDays} 天`
        + (county ? `；本县（区）地方安排 ${(calendar.localDays || []).length} 天` + ((calendar.localDays || []).length
          ? '：' + calendar.localDays.map(d => `${d.date} ${d.name}`).join('、') : '') : '') : '无权查看'),
      calendarForm(nextYear, county, done)),
    h('section', null, h('h2', null, '职能部门'), h('ul', { id: 'departments' }, (departments || []).map(d =>
      h('li', null, typeof d === 'string' ? d : `${d.name || ''} (${d.code || ''})`))), departmentForm(county, done)));
}
