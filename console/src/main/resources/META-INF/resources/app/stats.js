// The supervisors' statistics: closure, on-time, first-time, satisfaction and rework rates by grid, community,
// street, department or category for a month, and month by month for the last six; charts with ECharts (a WebJar).
import { get } from './api.js';
import { h, view, field } from './ui.js';

const RATES = [['closureRate', '办结率'], ['onTimeRate', '按期办结率'], ['firstTimeRate', '一次办结率'], ['satisfactionRate', '满意率'], ['reworkRate', '返工率']];
const pct = v => (v === null || v === undefined ? '—' : (v * 100).toFixed(1) + '%');

function monthRange(ym) {
  const [y, m] = ym.split('-').map(Number);
  const from = new Date(Date.UTC(y, m - 1, 1, -8));
  const to = new Date(Date.UTC(y, m, 1, -8));
  return { from: from.toISOString(), to: to.toISOString() };
}

function chart(el, option) {
  if (!window.echarts) return;
  const c = echarts.getInstanceByDom(el) || echarts.init(el, null, { renderer: 'svg' });
  // no animation: what is drawn is what the table says at once (and in screenshots)
  c.setOption(Object.assign({ animation: false }, option), true);
}

export async function render() {
  const thisMonth = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7);
  const by = h('select', { id: 'stats-by', name: 'by' }, [['grid', '按网格'], ['community', '按社区'], ['street', '按街道'], ['department', '按部门'], ['category', '按类别']]
    .map(([v, t]) => h('option', { value: v }, t)));
  const month = h('input', { type: 'month', id: 'stats-month', name: 'month', value: thisMonth });
  const byChart = h('div.chart', { id: 'stats-chart', role: 'img', 'aria-label': '各单位的五项比率' });
  const trend = h('div.chart', { id: 'stats-trend', role: 'img', 'aria-label': '近六个月的五项比率' });
  const table = h('div', { id: 'stats-table' });
  const exports = h('p.muted', { id: 'stats-exports' });
  const load = async () => {
    const { from, to } = monthRange(month.value || thisMonth);
    const rows = await get('event', `/statistics?by=${by.value}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`).catch(err => ({ error: err.message }));
    if (rows.error) return table.replaceChildren(h('p.error', null, rows.error));
    const q = `by=${by.value}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    exports.replaceChildren('导出：', h('a', { href: `/api/event/statistics?${q}&format=csv` }, 'CSV'), ' · ',
      h('a', { href: `/api/event/statistics?${q}&format=xlsx` }, 'Excel'), ' · ',
      h('a', { href: `/api/event/statistics/report?month=${month.value}&by=${by.value}`, target: '_blank' }, '可打印月报'));
    table.replaceChildren(h('table', null, h('caption', null, `${month.value} 的五项比率（表格与图表相同）`),
      h('thead', null, h('tr', null, ['单位', '上报', '办结', ...RATES.map(r => r[1])].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', null, rows.map(r => h('tr', null, h('td', null, r.key), h('td', null, String(r.reported)), h('td', null, String(r.closed)),
        RATES.map(([k]) => h('td', null, pct(r[k]))))))));
    chart(byChart, {
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 10, top: 40, bottom: 60 },
      xAxis: { type: 'category', data: rows.map(r => r.key), axisLabel: { rotate: 30 } }, yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: RATES.map(([k, name]) => ({ name, type: 'bar', data: rows.map(r => (r[k] == null ? null : +(r[k] * 100).toFixed(1))) })),
    });
  };
  const loadTrend = async () => {
    const months = [];
    const [y, m] = thisMonth.split('-').map(Number);
    for (let i = 5; i >= 0; i--) {
      const d = new Date(Date.UTC(y, m - 1 - i, 1));
      months.push(d.toISOString().slice(0, 7));
    }
    const all = await Promise.all(months.map(ym => {
      const { from, to } = monthRange(ym);
      return get('event', `/statistics?by=street&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`).catch(() => []);
    }));
    // the caller's whole area: the rates weighted by reports
    const sum = rows => {
      const n = rows.reduce((a, r) => a + r.reported, 0);
      return Object.fromEntries(RATES.map(([k]) => [k, n ? rows.reduce((a, r) => a + (r[k] || 0) * r.reported, 0) / n : null]));
    };
    chart(trend, {
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 10, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: months }, yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: RATES.map(([k, name]) => ({ name, type: 'line', data: all.map(rows => { const s = sum(rows)[k]; return s == null ? null : +(s * 100).toFixed(1); }) })),
    });
  };
  by.addEventListener('change', load);
  month.addEventListener('change', load);
  view(h('h1', null, '统计'), h('div.pair', null, field('分组', by), field('月份', month)), byChart, table, exports, h('h2', null, '近六个月'), trend);
  await Promise.all([load(), loadTrend()]);
}
