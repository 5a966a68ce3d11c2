import type { DomainMetric } from '@prodsim/core';
import { MIN_REPLICATIONS } from '../summary/plain-words.js';
import type { SweepComparison, SweepSummary } from '../summary/sweep-summary.js';
import { escapeHtml } from './escape.js';
import { formatP, formatSigned, formatValue } from './format.js';
import { groupBarsChart } from './group-bars-chart.js';
import { legend } from './legend.js';
import { domainMetricInfo, metricInfo } from './metric-info.js';
import { page } from './page.js';
import { armStyles } from './palette.js';

/** Metrics drawn point by point: the ones the experiment report draws as distributions, then the domain's own. */
const KEY_METRICS = ['engagementPerUser', 'meanTrueValue', 'uptake', 'coverage', 'gini', 'homogenization', 'tasteDrift'];

function section(id: string, title: string, ...content: string[]): string {
  return `<section id="${id}"><h2>${escapeHtml(title)}</h2>${content.join('')}</section>`;
}

function settingText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}

/**
 * A sweep's report.html: the grid of points with their settings and a link to each point's own
 * report, every key metric's final value per point and arm (bars with 95% whiskers), and the
 * comparison of every point with the first, arm by arm, in plain words and as a table. One
 * self-contained page like the experiment report (no script, no network); same input, same bytes.
 */
export function renderSweepReport(sweep: SweepSummary, domainMetrics: readonly DomainMetric[] = []): string {
  const styles = armStyles(sweep.arms);
  const own = new Map(domainMetrics.map((m) => [m.name, domainMetricInfo(m)]));
  const info = (metric: string) => own.get(metric) ?? metricInfo(metric, sweep.domain);
  const first = sweep.points[0];
  const present = (metric: string) =>
    sweep.points.some((p) => sweep.arms.some((a) => Number.isFinite(sweep.final[p.name]?.[a]?.[metric]?.mean) && sweep.final[p.name][a][metric].mean !== 0));
  const metrics = [...KEY_METRICS, ...domainMetrics.map((m) => m.name)].filter(present);
  const charts = metrics.map((metric) =>
    groupBarsChart({
      metric,
      info: info(metric),
      subtitle: 'final-period mean over replications; whiskers: 95% interval',
      groups: sweep.points.map((p) => p.name),
      groupAxis: { title: 'sweep point', by: 'sweep point' },
      arms: styles.map((style) => ({
        style,
        values: sweep.points.map((p) => {
          const v = sweep.final[p.name]?.[style.arm]?.[metric];
          const n = (v?.values ?? []).filter(Number.isFinite).length;
          const half = v && Number.isFinite(v.ci95[1] - v.ci95[0]) ? (v.ci95[1] - v.ci95[0]) / 2 : 0;
          return { mean: v?.mean ?? NaN, half, n };
        }),
      })),
    }),
  );

  const head = ['Point', ...sweep.settings, 'Design', 'Days', 'Expectations held', 'Report'].map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const rows = sweep.points
    .map((p) => {
      const cells = [
        escapeHtml(p.name),
        ...sweep.settings.map((s) => escapeHtml(settingText(p.settings[s]))),
        escapeHtml(p.design),
        escapeHtml(String(p.days)),
        p.expectations.total > 0 ? `${p.expectations.held} of ${p.expectations.total}` : 'none stated',
        `<a href="${escapeHtml(`${p.dir}/report.html`)}">${escapeHtml(`${p.dir}/report.html`)}</a>`,
      ];
      return `<tr data-point="${escapeHtml(p.name)}">${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
    })
    .join('');

  const clear = sweep.comparisons.filter((c) => c.replications >= MIN_REPLICATIONS && c.adjustedP < 0.05);
  const findings =
    clear.length > 0
      ? `<ul class="findings">${clear.map((c) => `<li>${escapeHtml(c.sentence)}</li>`).join('')}</ul>`
      : `<p class="empty">No point differs from ${escapeHtml(first?.name ?? 'the first')} by more than chance would explain (Holm-adjusted p &lt; 0.05 with at least ${MIN_REPLICATIONS} replications), over ${sweep.comparisons.length} comparisons.</p>`;
  const tableHead = ['Metric', 'Arm', 'Point', 'Against', 'Point mean', 'Against mean', 'Difference', '95% CI', 'p', 'Holm p']
    .map((h) => `<th scope="col">${h}</th>`)
    .join('');
  const tableRow = (c: SweepComparison) => {
    const excludesZero = c.ci95[0] > 0 || c.ci95[1] < 0;
    const cells = [
      escapeHtml(`${info(c.metric).label} (${info(c.metric).unit})`),
      escapeHtml(c.arm),
      escapeHtml(c.point),
      escapeHtml(c.baselinePoint),
      formatValue(c.meanArm),
      formatValue(c.meanBaseline),
      excludesZero ? `<strong>${formatSigned(c.difference)}</strong>` : formatSigned(c.difference),
      `${formatSigned(c.ci95[0])} to ${formatSigned(c.ci95[1])}`,
      escapeHtml(formatP(c.p)),
      escapeHtml(formatP(c.adjustedP)),
    ];
    return `<tr data-metric="${escapeHtml(c.metric)}" data-arm="${escapeHtml(c.arm)}" data-point="${escapeHtml(c.point)}">${cells.map((x, i) => (i >= 4 ? `<td class="num">${x}</td>` : `<td>${x}</td>`)).join('')}</tr>`;
  };
  const table =
    sweep.comparisons.length > 0
      ? `<div class="table-wrap"><table class="comparisons"><thead><tr>${tableHead}</tr></thead><tbody>${sweep.comparisons.map(tableRow).join('')}</tbody></table></div>`
      : '';

  const meta: [string, string][] = [
    ['domain', sweep.domain],
    ['swept', sweep.settings.join(', ')],
    ['points', String(sweep.points.length)],
    ['arms', sweep.arms.join(', ')],
    ['replications per point', String(sweep.replications)],
  ];
  const title = `${sweep.name}: sweep`;
  const body = [
    '<header>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="description">${sweep.points.length} points over ${escapeHtml(sweep.settings.join(', '))}; each point is a complete experiment with its own report. Replication i has the same seed at every point, so points are compared replication by replication.</p>`,
    `<dl class="meta">${meta.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join('')}</dl>`,
    '<nav class="toc"><a href="#points">Points</a><a href="#metrics">Metrics by point</a><a href="#comparison">Comparison of points</a></nav>',
    '</header>',
    sweep.warnings.length > 0 ? `<ul class="warnings">${sweep.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>` : '',
    section('points', 'Points', `<div class="table-wrap"><table class="comparisons"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`),
    legend(styles, false),
    section(
      'metrics',
      'Metrics by point',
      '<p>Each bar: the mean over replications of an arm&#8217;s final-period value at that point; whiskers: its 95% confidence interval. Metrics that were zero or without a value at every point are not drawn.</p>',
      `<div class="grid">${charts.join('')}</div>`,
    ),
    section(
      'comparison',
      'Comparison of points',
      findings,
      `<p class="method">Every point is compared with ${escapeHtml(first?.name ?? 'the first')}, arm by arm and metric by metric, by the paired t-test on per-replication differences (the points share their seeds). <em>Holm p</em> is adjusted over all ${sweep.comparisons.length} comparisons of the sweep. A difference is in bold when its 95% interval excludes zero.</p>`,
      table,
    ),
  ].join('\n');
  return page(title, body);
}
