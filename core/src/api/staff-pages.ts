import type { Failure, WindowFigures } from '../course/log/team-log.js';
import type { DashboardSnapshot } from './staff-dashboard.js';

const STYLE = `body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}
td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}th{background:#f4f4f4}
tr[data-state=down] td.state{background:#a31515;color:#fff;font-weight:bold}tr[data-state=degraded] td.state{background:#f0b400}
tr[data-state=ok] td.state{background:#17643a;color:#fff}tr[data-state=idle] td.state{background:#ddd}
.failure{font-family:monospace;font-size:12px;color:#a31515;max-width:40em;overflow-wrap:anywhere}li.done{color:#888}li.coming{font-weight:bold}
svg{border:1px solid #ddd;margin:.3em 1em .8em 0}`;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : 'n/a');
const ms = (x: number) => (Number.isFinite(x) ? `${Math.round(x)}` : 'n/a');
const statuses = (f: WindowFigures) =>
  Object.entries(f.statuses)
    .map(([s, n]) => `${s}: ${n}`)
    .join(', ') || 'none';

/** The same row the page's script builds from each server-sent snapshot (kept in step with ROW_SCRIPT). */
function row(t: DashboardSnapshot['teams'][number], token: string | undefined): string {
  const f = t.failures[0];
  const link = `/staff/team/${encodeURIComponent(t.team)}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  return `<tr data-team="${esc(t.team)}" data-state="${t.state}"><td><a href="${esc(link)}">${esc(t.team)}</a></td><td class="state">${t.state}</td>
<td class="availability-hour">${pct(t.hour.availability)}</td><td>${pct(t.day.availability)}</td><td>${pct(t.threeDays.availability)}</td>
<td>${t.hour.requests}</td><td>${esc(statuses(t.hour))}</td><td>${ms(t.hour.latencyP50)} / ${ms(t.hour.latencyP99)}</td>
<td>${pct(t.hour.personalised)}</td><td>${pct(t.hour.uptake)}</td><td class="failure">${f ? esc(`${f.time ? new Date(f.time).toISOString() : ''} status ${f.status}: ${f.text}`) : ''}</td></tr>`;
}

const ROW_SCRIPT = `
const pct = (x) => (x === null || !isFinite(x) ? 'n/a' : (100 * x).toFixed(1) + '%');
const ms = (x) => (x === null || !isFinite(x) ? 'n/a' : String(Math.round(x)));
function cell(tr, text, cls) { const td = document.createElement('td'); td.textContent = text; if (cls) td.className = cls; tr.appendChild(td); return td; }
function render(snap) {
  const body = document.getElementById('teams');
  body.replaceChildren(...snap.teams.map((t) => {
    const tr = document.createElement('tr');
    tr.dataset.team = t.team; tr.dataset.state = t.state;
    const a = document.createElement('a'); a.textContent = t.team;
    a.href = '/staff/team/' + encodeURIComponent(t.team) + (TOKEN ? '?token=' + encodeURIComponent(TOKEN) : '');
    const first = document.createElement('td'); first.appendChild(a); tr.appendChild(first);
    cell(tr, t.state, 'state');
    cell(tr, pct(t.hour.availability), 'availability-hour'); cell(tr, pct(t.day.availability)); cell(tr, pct(t.threeDays.availability));
    cell(tr, String(t.hour.requests));
    cell(tr, Object.entries(t.hour.statuses).map(([s, n]) => s + ': ' + n).join(', ') || 'none');
    cell(tr, ms(t.hour.latencyP50) + ' / ' + ms(t.hour.latencyP99));
    cell(tr, pct(t.hour.personalised)); cell(tr, pct(t.hour.uptake));
    const f = t.failures[0];
    cell(tr, f ? new Date(f.time).toISOString() + ' status ' + f.status + ': ' + f.text : '', 'failure');
    return tr;
  }));
  document.getElementById('now').textContent = snap.teams.length ? snap.teams[0].now : '';
  document.getElementById('timeline').replaceChildren(...snap.timeline.map((s) => {
    const li = document.createElement('li'); li.className = s.done ? 'done' : 'coming';
    li.textContent = s.time + ' ' + s.label + (s.done ? '' : ' (coming)'); return li;
  }));
  document.body.dataset.updates = String(Number(document.body.dataset.updates || 0) + 1);
}`;

/** Every team at a glance, updated live from /staff/events. */
export function dashboardPage(snap: DashboardSnapshot, token: string | undefined): string {
  const q = token ? `?token=${encodeURIComponent(token)}` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>prodsim: course staff</title><style>${STYLE}</style></head>
<body data-updates="0"><h1>Teams</h1><p>Simulated time <span id="now">${esc(snap.teams[0]?.now ?? '')}</span>; figures of the last hour (the last full simulated hour and the one in progress) unless said; live.</p>
<table><thead><tr><th>team</th><th>state</th><th>availability 1 h</th><th>1 day</th><th>3 days</th><th>requests 1 h</th><th>status counts 1 h</th>
<th>latency p50 / p99 ms</th><th>personalised</th><th>uptake</th><th>latest failure</th></tr></thead>
<tbody id="teams">${snap.teams.map((t) => row(t, token)).join('\n')}</tbody></table>
<h2>Scenario timeline</h2><ul id="timeline">${snap.timeline.map((s) => `<li class="${s.done ? 'done' : 'coming'}">${esc(`${s.time} ${s.label}${s.done ? '' : ' (coming)'}`)}</li>`).join('')}</ul>
<script>const TOKEN = ${JSON.stringify(token ?? '')};${ROW_SCRIPT}
const events = new EventSource('/staff/events${q}');
events.onmessage = (e) => render(JSON.parse(e.data));</script></body></html>`;
}

/** One team's history (per simulated hour) as line charts, and its latest failures with their text; both redrawn live. */
export function teamPage(team: string, hourly: readonly WindowFigures[], failures: readonly Failure[], token: string | undefined): string {
  const q = token ? `?token=${encodeURIComponent(token)}` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>prodsim: ${esc(team)}</title><style>${STYLE}</style></head>
<body data-team="${esc(team)}" data-updates="0"><p><a href="/staff${esc(q)}">all teams</a></p><h1>${esc(team)}</h1>
<div id="charts"></div><h2>Latest failures</h2><ul id="failures">${failures
    .map((f) => `<li class="failure">${esc(`${new Date(f.time).toISOString()} status ${f.status}, ${f.latencyMs} ms: ${f.text}`)}</li>`)
    .join('')}</ul>
<script>
const CHARTS = [['availability', 'availability', 0, 1], ['personalised', 'personalised answers', 0, 1], ['uptake', 'uptake', 0, 1],
  ['latencyP50', 'latency p50 (ms)', 0, null], ['latencyP99', 'latency p99 (ms)', 0, null], ['requests', 'requests per hour', 0, null]];
function chart(hourly, [key, title, lo, hi]) {
  const w = 420, h = 120, pts = hourly.map((x, i) => [i, x[key]]).filter(([, v]) => v !== null && isFinite(v));
  const top = hi ?? Math.max(1, ...pts.map(([, v]) => v));
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('width', w); svg.setAttribute('height', h + 20); svg.dataset.metric = key;
  const label = document.createElementNS(svg.namespaceURI, 'text'); label.setAttribute('x', 4); label.setAttribute('y', 14); label.textContent = title + ' (max ' + (hi ?? Math.round(top)) + ')';
  const line = document.createElementNS(svg.namespaceURI, 'polyline'); line.setAttribute('fill', 'none'); line.setAttribute('stroke', '#1f5fa8'); line.setAttribute('stroke-width', '2');
  const n = Math.max(1, hourly.length - 1);
  line.setAttribute('points', pts.map(([i, v]) => (4 + (i / n) * (w - 8)).toFixed(1) + ',' + (18 + h - ((v - lo) / (top - lo || 1)) * (h - 4)).toFixed(1)).join(' '));
  svg.append(label, line); return svg;
}
async function refresh() {
  const r = await fetch(location.pathname + '/history${q}');
  const { hourly, failures } = await r.json();
  document.getElementById('charts').replaceChildren(...CHARTS.map((c) => chart(hourly, c)));
  document.getElementById('failures').replaceChildren(...failures.map((f) => {
    const li = document.createElement('li'); li.className = 'failure';
    li.textContent = new Date(f.time).toISOString() + ' status ' + f.status + ', ' + f.latencyMs + ' ms: ' + f.text; return li;
  }));
  document.body.dataset.updates = String(Number(document.body.dataset.updates) + 1);
}
const first = ${JSON.stringify(hourly)};
document.getElementById('charts').replaceChildren(...CHARTS.map((c) => chart(first, c)));
new EventSource('/staff/events${q}').onmessage = () => refresh();
</script></body></html>`;
}
