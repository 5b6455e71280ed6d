// The console's pages: ask the server for the page's panels, draw each from its JSON, refresh every REFRESH_MS.
// Charts are Apache ECharts; tables are plain HTML. A panel that fails shows why; the others keep refreshing.
'use strict';
const REFRESH_MS = 10000;
const api = location.pathname.startsWith('/leaders/') ? '/api' + location.pathname : '/api/pages' + location.pathname;
const previousRanks = {}; // panel id -> {row key -> rank} from the refresh before, for leaderboard movement
const charts = {};

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function isNumber(v) { return v !== null && v !== '' && !isNaN(Number(v)); }

function ago(iso) {
  if (!iso) return 'no data committed yet';
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  const when = seconds < 120 ? seconds + ' s ago' : seconds < 7200 ? Math.round(seconds / 60) + ' min ago' : Math.round(seconds / 3600) + ' h ago';
  return 'data committed ' + iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') + ' (' + when + ')';
}

function drawTable(box, panel, data) {
  const table = el('table');
  const head = el('tr');
  const ranking = panel.chart.kind === 'ranking';
  if (ranking) head.appendChild(el('th', {}, 'move'));
  data.columns.forEach(c => head.appendChild(el('th', {}, c)));
  table.appendChild(head);
  const keyColumns = ranking ? panel.chart.key.split(',').map(k => data.columns.indexOf(k)) : [];
  const rankColumn = ranking ? data.columns.indexOf(panel.chart.x) : -1;
  const before = previousRanks[panel.id];
  const now = {};
  data.rows.forEach(row => {
    const tr = el('tr');
    if (ranking) {
      const key = keyColumns.map(i => row[i]).join('|');
      const rank = Number(row[rankColumn]);
      now[key] = rank;
      const was = before ? before[key] : undefined;
      const move = before === undefined ? el('td', {}, '')
        : was === undefined ? el('td', {class: 'new'}, 'new')
        : was > rank ? el('td', {class: 'up'}, '▲' + (was - rank))
        : was < rank ? el('td', {class: 'down'}, '▼' + (rank - was)) : el('td', {}, '–');
      tr.appendChild(move);
    }
    row.forEach(v => tr.appendChild(el('td', isNumber(v) ? {class: 'num'} : {}, v === null ? '' : v)));
    table.appendChild(tr);
  });
  if (ranking) previousRanks[panel.id] = now;
  box.replaceChildren(table);
}

function drawStats(box, data) {
  const stats = el('div', {class: 'stats'});
  const row = data.rows[0];
  data.columns.forEach((c, i) => {
    const stat = el('div', {class: 'stat'});
    stat.appendChild(el('div', {class: 'value'}, row[i] === null ? '–' : row[i]));
    stat.appendChild(el('div', {class: 'label'}, c.replace(/_/g, ' ')));
    stats.appendChild(stat);
  });
  box.replaceChildren(stats);
}

function drawChart(box, panel, data) {
  let chart = charts[panel.id];
  if (!chart || chart.getDom() !== box.firstChild) {
    const area = el('div', {class: 'chart'});
    box.replaceChildren(area);
    chart = echarts.init(area);
    charts[panel.id] = chart;
  }
  const x = data.columns.indexOf(panel.chart.x);
  chart.setOption({
    tooltip: {trigger: 'axis'},
    legend: {top: 0},
    grid: {left: 60, right: 20, top: 36, bottom: 50},
    xAxis: {type: 'category', data: data.rows.map(r => r[x]), axisLabel: {rotate: data.rows.length > 12 ? 40 : 0}},
    yAxis: {type: 'value'},
    series: panel.chart.series.map(s => ({
      name: s, type: panel.chart.kind, showSymbol: data.rows.length <= 48, // straight segments: no curve invents values between points
      data: data.rows.map(r => { const v = r[data.columns.indexOf(s)]; return v === null ? null : Number(v); })
    }))
  }, true);
}

async function refreshPanel(panel) {
  const box = document.querySelector('#panel-' + panel.id + ' .body');
  const freshness = document.querySelector('#panel-' + panel.id + ' .freshness');
  const container = document.getElementById('panel-' + panel.id);
  let data;
  try {
    const response = await fetch(api + '/panels/' + panel.id);
    data = await response.json();
  } catch (e) {
    data = {error: 'the console server did not answer (' + e.message + ')', rows: [], columns: []};
  }
  if (data.error) {
    container.dataset.state = 'error';
    box.replaceChildren(el('p', {class: 'error'}, data.error));
    return;
  }
  freshness.textContent = ago(data.committedAt);
  container.dataset.rows = data.rows.length;
  if (data.rows.length === 0) {
    container.dataset.state = 'empty';
    box.replaceChildren(el('p', {class: 'empty'}, 'no rows yet'));
    return;
  }
  if (panel.chart.kind === 'table' || panel.chart.kind === 'ranking') drawTable(box, panel, data);
  else if (panel.chart.kind === 'stats') drawStats(box, data);
  else drawChart(box, panel, data);
  container.dataset.state = 'drawn';
}

async function refresh(page) {
  await Promise.all(page.panels.map(refreshPanel));
  document.getElementById('refreshed').textContent = 'refreshed ' + new Date().toLocaleTimeString();
  document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes || 0) + 1);
}

async function start() {
  let page;
  try {
    const response = await fetch(api);
    if (!response.ok) throw new Error(await response.text());
    page = await response.json();
  } catch (e) {
    const error = document.getElementById('page-error');
    error.textContent = 'This page cannot be shown: ' + e.message;
    error.hidden = false;
    return;
  }
  document.title = page.title + ' · leaderlens';
  document.getElementById('title').textContent = page.title;
  const nav = document.getElementById('pages');
  page.pages.forEach(p => nav.appendChild(el('a', {href: p.path, class: p.id === page.id ? 'current' : ''}, p.title)));
  const panels = document.getElementById('panels');
  page.panels.forEach(panel => {
    const section = el('div', {class: 'panel', id: 'panel-' + panel.id, 'data-state': 'loading'});
    section.appendChild(el('h2', {}, panel.title));
    section.appendChild(el('div', {class: 'freshness'}, ''));
    section.appendChild(el('div', {class: 'body'}, 'loading…'));
    panels.appendChild(section);
  });
  document.getElementById('leader-form').addEventListener('submit', e => {
    e.preventDefault();
    const id = document.getElementById('leader-id').value.trim();
    if (id) location.href = '/leaders/' + encodeURIComponent(id);
  });
  window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
  await refresh(page);
  setInterval(() => refresh(page), REFRESH_MS);
}

start();
