// netpulse dashboard: every figure comes from the public APIs, called with the token the user gives; an API's error
// body is shown as the API wrote it. No build step: plain browser JavaScript and uPlot.
'use strict';

const REFRESH_MILLIS = 10000;
const TOKEN_KEY = 'netpulse-token';
const state = { token: null, plot: null, refreshes: 0 };

function $(id) { return document.getElementById(id); }

function readToken() {
  const hash = new URLSearchParams(window.location.hash.slice(1));
  if (hash.get('token')) {
    sessionStorage.setItem(TOKEN_KEY, hash.get('token'));
    history.replaceState(null, '', window.location.pathname);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Calls an API; answers its JSON, or null after recording its status and body in the error list. */
async function api(method, path, body) {
  const headers = { 'Authorization': 'Bearer ' + state.token, 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    showError(method + ' ' + path, 'no answer', String(e));
    return null;
  }
  const text = await response.text();
  if (!response.ok) {
    showError(method + ' ' + path, response.status + ' ' + response.statusText, text);
    return null;
  }
  return JSON.parse(text);
}

function showError(request, status, body) {
  const item = document.createElement('li');
  item.className = 'api-error';
  item.dataset.status = status.split(' ')[0];
  const title = document.createElement('div');
  title.textContent = request + ' answered ' + status;
  const pre = document.createElement('pre');
  pre.textContent = body;
  item.append(title, pre);
  $('error-list').append(item);
  $('errors').hidden = false;
}

function clearErrors() {
  $('error-list').replaceChildren();
  $('errors').hidden = true;
}

function epochSeconds(clock) {
  return Date.parse(clock.replace(' ', 'T') + 'Z') / 1000;
}

function formatNumber(value) {
  return Number(value).toLocaleString('en-US', { maximumFractionDigits: 3 });
}

function formatRate(bitsPerSecond) {
  const units = ['b/s', 'kb/s', 'Mb/s', 'Gb/s', 'Tb/s'];
  let value = Number(bitsPerSecond);
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < units.length - 1) { value /= 1000; unit++; }
  return value.toLocaleString('en-US', { maximumFractionDigits: 1 }) + ' ' + units[unit];
}

function formatBytes(bytes) {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let value = Number(bytes);
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) { value /= 1000; unit++; }
  return value.toLocaleString('en-US', { maximumFractionDigits: 1 }) + ' ' + units[unit];
}

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

async function loadInterfaces() {
  const listing = await api('GET', '/interfaces');
  if (listing === null) return [];
  const select = $('interface');
  const chosen = select.value;
  select.replaceChildren(...listing.interfaces.map(entry => {
    const option = document.createElement('option');
    option.value = entry.interface_id;
    option.textContent = entry.device + ' ' + (entry.name || ('ifIndex ' + entry.if_index));
    return option;
  }));
  if (chosen && listing.interfaces.some(entry => entry.interface_id === chosen)) select.value = chosen;
  return listing.interfaces;
}

async function loadRates() {
  const id = $('interface').value;
  if (!id) return;
  const to = new Date();
  const from = new Date(to.getTime() - Number($('range').value) * 60000);
  const metrics = await api('POST', '/metrics/interfaces/' + encodeURIComponent(id) + '/metrics',
    { from: from.toISOString().replace(/\.\d+Z$/, 'Z'), to: to.toISOString().replace(/\.\d+Z$/, 'Z') });
  if (metrics === null) return;
  const clocks = [...new Set([...metrics.ifInOctets, ...metrics.ifOutOctets].map(point => point.clock))].sort();
  const byClock = series => new Map(series.map(point => [point.clock, point.value]));
  const inRate = byClock(metrics.ifInOctets);
  const outRate = byClock(metrics.ifOutOctets);
  const data = [clocks.map(epochSeconds), clocks.map(c => inRate.get(c) ?? null), clocks.map(c => outRate.get(c) ?? null)];
  drawRates(data);
  $('rate-table').tBodies[0].replaceChildren(...clocks.slice(-5).reverse().map(clock => {
    const row = document.createElement('tr');
    row.dataset.clock = clock;
    row.dataset.in = String(inRate.get(clock) ?? '');
    row.dataset.out = String(outRate.get(clock) ?? '');
    row.append(cell(clock), cell(formatNumber(inRate.get(clock) ?? 0)), cell(formatNumber(outRate.get(clock) ?? 0)));
    return row;
  }));
}

function drawRates(data) {
  const element = $('rate-chart');
  if (typeof uPlot === 'undefined') {
    element.textContent = 'The chart library did not load.';
    return;
  }
  if (state.plot === null) {
    state.plot = new uPlot({
      width: Math.max(400, element.clientWidth), height: 260,
      series: [{}, { label: 'in bit/s', stroke: '#3b6fd8' }, { label: 'out bit/s', stroke: '#d8773b' }],
      axes: [{}, { size: 70, values: (u, values) => values.map(v => formatRate(v)) }],
    }, data, element);
  } else {
    state.plot.setData(data);
  }
  element.dataset.points = String(data[0].length);
}

async function loadSites(interfaces) {
  const sites = [...new Set(interfaces.map(entry => entry.site_id).filter(site => site))].sort();
  const totals = [];
  for (const site of sites) {
    const buckets = await api('GET', '/metrics/dashboard/data-transferred?site_ids[]=' + encodeURIComponent(site));
    if (buckets === null) continue;
    const sum = field => buckets.reduce((total, bucket) => total + bucket[field], 0);
    totals.push({ site, in: sum('total_in_bytes'), out: sum('total_out_bytes'), combined: sum('total_combined_bytes') });
  }
  const largest = Math.max(1, ...totals.map(total => total.combined));
  $('site-bars').replaceChildren(...totals.map(total => {
    const bar = document.createElement('div');
    bar.className = 'bar';
    bar.dataset.site = total.site;
    bar.dataset.bytes = String(total.combined);
    const label = document.createElement('span');
    label.className = 'label';
    label.textContent = total.site;
    const fill = document.createElement('div');
    fill.className = 'fill';
    fill.style.width = (100 * total.combined / largest) + '%';
    const value = document.createElement('span');
    value.className = 'value';
    value.textContent = formatBytes(total.combined);
    bar.append(label, fill, value);
    return bar;
  }));
}

async function loadBilling() {
  const id = $('interface').value;
  if (!id) return;
  const bill = await api('GET', '/billing/interfaces/' + encodeURIComponent(id));
  if (bill === null) return;
  const row = document.createElement('tr');
  row.dataset.samples = String(bill.samples);
  row.dataset.in = String(bill.in_bits_per_second);
  row.dataset.out = String(bill.out_bits_per_second);
  row.dataset.max = String(bill.max_bits_per_second);
  row.dataset.aggregate = String(bill.aggregate_bits_per_second);
  const rate = value => value === null ? '-' : formatRate(value);
  row.append(cell(bill.samples + ' of ' + bill.expected_samples), cell(rate(bill.in_bits_per_second)),
    cell(rate(bill.out_bits_per_second)), cell(rate(bill.max_bits_per_second)),
    cell(rate(bill.aggregate_bits_per_second)));
  $('billing-table').tBodies[0].replaceChildren(row);
}

async function loadAlerts() {
  const answer = await api('GET', '/alerts?state=active');
  if (answer === null) return;
  $('alert-table').tBodies[0].replaceChildren(...answer.alerts.map(alert => {
    const row = document.createElement('tr');
    row.dataset.rule = alert.rule;
    row.dataset.subject = alert.subject;
    const value = v => alert.unit === 'bit/s' ? formatRate(v) : formatNumber(v) + ' ' + alert.unit;
    row.append(cell(alert.rule), cell(alert.subject), cell(alert.start.replace('T', ' ').replace('Z', '')),
      cell(value(alert.observed)), cell(value(alert.threshold)));
    return row;
  }));
}

async function loadSources() {
  const rows = await api('POST', '/api/mgmt.flowgateway_analytics/1.0/import_stats',
    { stats_type: 'flows_per_minute', interval_type: 'minutes', time_interval: 10, source_ip: '' });
  if (rows === null) return;
  const bySource = new Map();
  for (const row of rows) {
    const source = bySource.get(row.source_ip) || { flows: 0, bytes: 0, peakFlows: 0, peakBytes: 0 };
    source.flows += row.n_flows;
    source.bytes += row.n_bytes;
    source.peakFlows = Math.max(source.peakFlows, Number(row.peak_n_flows));
    source.peakBytes = Math.max(source.peakBytes, Number(row.peak_n_bytes));
    bySource.set(row.source_ip, source);
  }
  const top = [...bySource.entries()].sort((a, b) => b[1].flows - a[1].flows || a[0].localeCompare(b[0])).slice(0, 10);
  $('source-table').tBodies[0].replaceChildren(...top.map(([ip, source]) => {
    const row = document.createElement('tr');
    row.dataset.source = ip;
    row.dataset.flows = String(source.flows);
    row.dataset.peakFlows = String(source.peakFlows);
    row.append(cell(ip), cell(formatNumber(source.flows)), cell(formatBytes(source.bytes)),
      cell(formatNumber(source.peakFlows)), cell(formatBytes(source.peakBytes)));
    return row;
  }));
}

async function refresh() {
  if (!state.token) return;
  clearErrors();
  const interfaces = await loadInterfaces();
  await Promise.all([loadRates(), loadBilling(), loadSites(interfaces), loadSources(), loadAlerts()]);
  state.refreshes++;
  document.body.dataset.refreshes = String(state.refreshes);
  $('status').textContent = 'updated ' + new Date().toISOString().slice(11, 19) + ' UTC';
}

function start() {
  state.token = readToken();
  $('token-form').addEventListener('submit', event => {
    event.preventDefault();
    state.token = $('token').value.trim();
    sessionStorage.setItem(TOKEN_KEY, state.token);
    $('token').value = '';
    refresh();
  });
  $('interface').addEventListener('change', () => Promise.all([loadRates(), loadBilling()]));
  $('range').addEventListener('change', loadRates);
  setInterval(refresh, REFRESH_MILLIS);
  refresh();
}

start();
