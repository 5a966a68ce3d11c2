import { METRIC_FIELDS, SOME_ARMS_METRICS, type DayMetrics } from '../recorder/day-metrics.js';
import { metricValue } from '../recorder/metric-value.js';
import { band, dailyBands, finalPeriod, finalValues, finite, groupNames, rowsByArm, type Accessor } from './aggregate.js';
import { comparisonSection } from './comparison-table.js';
import { consumptionChart, meanHistograms } from './consumption-chart.js';
import { distributionChart } from './distribution-chart.js';
import { escapeHtml } from './escape.js';
import { expectationsSection } from './expectations-section.js';
import { groupBarsChart } from './group-bars-chart.js';
import { HEADROOM_TITLE, headroomSection } from './headroom-section.js';
import { legend } from './legend.js';
import { domainMetricInfo, metricInfo } from './metric-info.js';
import { page } from './page.js';
import { armStyles } from './palette.js';
import { ReportError } from './report-errors.js';
import type { ReportInput } from './report-input.js';
import { timeSeriesChart } from './time-series-chart.js';

/** Per-group (fairness) metrics, drawn as grouped bars. */
const GROUP_FIELDS = ['meanTrueValue', 'engagementPerUser', 'tasteDrift'] as const;

/** Distributions drawn when the comparisons name no plotted metric. */
const DEFAULT_KEY_METRICS = ['engagementPerUser', 'meanTrueValue', 'coverage', 'gini', 'homogenization', 'tasteDrift'];

const DEFAULT_FINAL_DAYS = 7;

function describe(value: unknown): string {
  if (value === undefined) return '(missing)';
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}

function check(input: ReportInput): void {
  const fail = (field: string, value: unknown, allowed: string) => {
    throw new ReportError(`invalid report input: ${field} = ${describe(value)}; expected ${allowed}`);
  };
  if (!input || typeof input !== 'object') fail('input', input, 'an object');
  if (!Array.isArray(input.arms)) fail('arms', input.arms, 'an array of arm names');
  if (!Array.isArray(input.rows)) fail('rows', input.rows, 'an array of DayMetrics rows');
  input.rows.forEach((row, i) => {
    if (!row || typeof row !== 'object') fail(`rows[${i}]`, row, 'a DayMetrics object');
  });
  if (input.scenario !== undefined && !Array.isArray(input.scenario)) fail('scenario', input.scenario, 'an array of { day, label }');
  if (input.canary !== undefined && !(input.canary && typeof input.canary === 'object' && Array.isArray(input.canary.steps)))
    fail('canary', input.canary, '{ arm, steps: [{ day, share }] }');
  if (input.comparisons !== undefined && !Array.isArray(input.comparisons)) fail('comparisons', input.comparisons, 'an array of comparisons');
  (input.comparisons ?? []).forEach((c, i) => {
    if (!c || typeof c !== 'object') fail(`comparisons[${i}]`, c, 'a comparison object');
  });
  if (input.finalDays !== undefined && !(Number.isFinite(input.finalDays) && input.finalDays >= 1)) fail('finalDays', input.finalDays, 'a number of days >= 1');
  for (const field of ['expectations', 'warnings', 'notTested'] as const) {
    if (input[field] !== undefined && !Array.isArray(input[field])) fail(field, input[field], 'an array');
  }
  (input.expectations ?? []).forEach((e, i) => {
    if (!e || typeof e !== 'object') fail(`expectations[${i}]`, e, 'an expectation object');
  });
  if (input.design !== undefined && input.design !== 'split' && input.design !== 'paired') fail('design', input.design, '"split" or "paired"');
  const isObject = (x: unknown) => x !== null && typeof x === 'object' && !Array.isArray(x);
  if (input.headroom !== undefined) {
    if (!isObject(input.headroom)) fail('headroom', input.headroom, 'an object of arms, each an object of endpoints');
    for (const [arm, endpoints] of Object.entries(input.headroom)) {
      if (!isObject(endpoints)) fail(`headroom.${arm}`, endpoints, 'an object of endpoints');
      for (const [endpoint, h] of Object.entries(endpoints)) if (!isObject(h)) fail(`headroom.${arm}.${endpoint}`, h, 'a headroom summary object');
    }
  }
}

/** Day 0 to the last day of the run, widened to any recorded day or scenario event outside it. */
function dayRange(input: ReportInput, scenario: readonly { day: number }[]): [number, number] {
  const range: [number, number] = [0, finite(input.days) >= 1 ? finite(input.days) - 1 : 0];
  // A loop, not Math.min(...days): a long experiment has more rows than a call has arguments.
  const widen = (day: number) => {
    if (day < range[0]) range[0] = day;
    if (day > range[1]) range[1] = day;
  };
  for (const row of input.rows) {
    const day = finite(row.day);
    if (!Number.isNaN(day)) widen(day);
  }
  for (const e of scenario) widen(e.day);
  return range;
}

function section(id: string, title: string, ...content: string[]): string {
  return `<section id="${id}"><h2>${escapeHtml(title)}</h2>${content.join('')}</section>`;
}

function grid(charts: readonly string[]): string {
  return `<div class="grid">${charts.join('')}</div>`;
}

/**
 * The experiment report: one self-contained HTML page (inline SVG and CSS, no script, no network)
 * with the comparison of arms in plain words, a time series per metric with 95% bands and the
 * scenario marked, the distribution of final values per arm, and user-group (fairness) bars.
 * Same input, same bytes.
 */
export function renderReport(input: ReportInput): string {
  check(input);
  const scenario = (input.scenario ?? [])
    .map((e) => ({ day: finite(e?.day), label: String(e?.label ?? '') }))
    .filter((e) => Number.isFinite(e.day))
    .sort((a, b) => a.day - b.day);
  const comparisons = input.comparisons ?? [];
  const byArm = rowsByArm(input.rows, input.arms);
  const styles = armStyles([...byArm.keys()]);
  const replications = new Set(input.rows.map((r) => r.replication)).size;
  const days = dayRange(input, scenario);

  const period = finalPeriod(input.rows, input.finalDays ?? DEFAULT_FINAL_DAYS);
  if (period) period.from = Math.max(period.from, days[0]);
  const periodText = !period
    ? 'no days recorded'
    : period.from === period.to
      ? `the value on day ${period.to}`
      : `the mean of days ${period.from}–${period.to}`;

  const canaryStyle = input.canary ? styles.find((st) => st.arm === String(input.canary!.arm)) : undefined;
  const canary = canaryStyle
    ? {
        style: canaryStyle,
        steps: input
          .canary!.steps.map((st) => ({ day: finite(st?.day), share: finite(st?.share) }))
          .filter((st) => Number.isFinite(st.day) && Number.isFinite(st.share)),
      }
    : undefined;
  // The built-in metrics, then the domain's own (labels and units from its declarations), except
  // those that were zero or had no value on every day: an attack's metric in a run without one.
  const nonZero = (name: string) => input.rows.some((r) => metricValue(r, name) !== 0 && Number.isFinite(metricValue(r, name)));
  const silent = (input.metrics ?? []).filter((m) => !nonZero(m.name));
  const own = new Map((input.metrics ?? []).filter((m) => nonZero(m.name)).map((m) => [m.name, domainMetricInfo(m)]));
  // Metrics only some arms have (rmse) get a panel only when some arm has them.
  const builtIn = METRIC_FIELDS.filter(([f]) => !SOME_ARMS_METRICS.has(f) || input.rows.some((r) => Number.isFinite(metricValue(r, f))));
  const fields: (readonly [string, string])[] = [...builtIn, ...[...own].map(([name, m]) => [name, m.label] as const)];
  const info = (field: string) => own.get(field) ?? metricInfo(field, input.domain);
  const timeSeries = fields.map(([field]) =>
    timeSeriesChart({
      metric: field,
      info: info(field),
      days,
      scenario,
      canary,
      series: styles.map((style) => ({ style, points: dailyBands(byArm.get(style.arm) ?? [], (r) => metricValue(r, field)) })),
    }),
  );
  const histograms = styles.map((style) => meanHistograms(byArm.get(style.arm) ?? []));
  let largestShare = 0;
  for (const h of histograms) for (const shares of h.values()) for (const x of shares) if (x > largestShare) largestShare = x;
  const consumption = styles.map((style, i) => consumptionChart(style, histograms[i], days, largestShare));

  const compared = new Set(comparisons.map((c) => c.metric));
  const plotted = fields.filter(([f]) => compared.has(f));
  const key = plotted.length > 0 ? plotted : fields.filter(([f]) => DEFAULT_KEY_METRICS.includes(f));
  const distributions = period
    ? key.map(([field]) =>
        distributionChart({
          metric: field,
          info: info(field),
          subtitle: `per replication: ${periodText}`,
          arms: styles.map((style) => ({ style, values: finalValues(byArm.get(style.arm) ?? [], (r) => metricValue(r, field), period) })),
        }),
      )
    : [];

  const groups = groupNames(input.rows);
  const groupCharts =
    period && groups.length > 0
      ? GROUP_FIELDS.map((field) =>
          groupBarsChart({
            metric: `groups.${field}`,
            info: info(field),
            subtitle: `mean over replications of ${periodText}; whiskers: 95% interval`,
            groups,
            arms: styles.map((style) => ({ style, values: groups.map((g) => groupValue(byArm.get(style.arm) ?? [], (r) => r.groups?.[g]?.[field], period)) })),
          }),
        )
      : [];

  const bands = replications > 1;
  const scenarioKey =
    scenario.length > 0
      ? `<p>Scenario events (dashed vertical lines):</p><ol class="scenario-key">${scenario.map((e) => `<li>day ${e.day}: ${escapeHtml(e.label)}</li>`).join('')}</ol>`
      : '';
  const canaryKey = canary
    ? `<p>Canary: arm ${escapeHtml(canary.style.arm)} grows on ${canary.steps.map((st) => `day ${st.day} to ${Number((st.share * 100).toPrecision(3))}%`).join(', ')} of users (dotted lines with a triangle, in its colour).</p>`
    : '';
  const meta: [string, string][] = [
    ['domain', String(input.domain ?? '')],
    ['arms', [...byArm.keys()].join(', ')],
    ['simulated days', String(input.days)],
    ['replications', String(input.replications ?? replications)],
    ['rows', String(input.rows.length)],
  ];
  const expectations = input.expectations ?? [];
  const warnings = input.warnings ?? [];
  // Experiments' reports have it (a note in the split design); inputs without a design, none.
  const headroom = input.headroom !== undefined || input.design !== undefined;
  const body = [
    '<header>',
    `<h1>${escapeHtml(input.title)}</h1>`,
    input.description ? `<p class="description">${escapeHtml(input.description)}</p>` : '',
    `<dl class="meta">${meta.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join('')}</dl>`,
    `<nav class="toc">${expectations.length > 0 ? '<a href="#expectations">Expectations</a>' : ''}<a href="#comparison">Comparison</a>${headroom ? '<a href="#headroom">Headroom</a>' : ''}<a href="#time-series">Time series</a><a href="#consumption">Consumption by item rank</a><a href="#distributions">Distributions</a><a href="#groups">User groups</a><a href="#notes">Notes</a></nav>`,
    '</header>',
    warnings.length > 0 ? `<ul class="warnings">${warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>` : '',
    expectations.length > 0 ? section('expectations', 'Expectations', expectationsSection(expectations)) : '',
    legend(styles, bands),
    section('comparison', 'Comparison of arms', comparisonSection(comparisons, periodText, replications, input.notTested ?? [], info)),
    headroom ? section('headroom', HEADROOM_TITLE, headroomSection(input.headroom, input.design)) : '',
    section(
      'time-series',
      'Metrics over simulated time',
      `<p>${bands ? `Lines: mean over ${replications} replications; shaded bands: 95% confidence interval of that mean (t distribution), cut at the values a metric can take.` : 'A single replication: lines show its values; no confidence bands can be drawn.'} Days on which a metric has no value (for example, no interactions) leave a gap in its line. Arms with the same value on every day share one grey dashed line, named for all of them.</p>`,
      scenarioKey,
      canaryKey,
      silent.length > 0
        ? `<p class="silent-metrics">Not drawn, zero or without a value on every day: ${escapeHtml(silent.map((m) => m.label).join('; '))}.</p>`
        : '',
      grid(timeSeries),
    ),
    section(
      'consumption',
      'Consumption by item rank over time',
      `<p>The per-item consumption histogram of each day, as T-RECS draws it, on each arm's measured users: items ranked by how often they were consumed that day, in bands of ranks 1, 2-3, 4-7, ...; the shade is the band's share of the day's consumption${bands ? `, averaged over ${replications} replications` : ''}. Dark top rows: consumption concentrated on a few items; shade further down: spread over many. Interaction spread (above) is the day-to-day change in this histogram's area; the raw export (--raw) has the histogram item by item.</p>`,
      grid(consumption),
    ),
    section(
      'distributions',
      'Distribution of final values',
      `<p>One dot per replication (${periodText}); boxes span the quartiles, the thick line is the median, whiskers reach the extremes.</p>`,
      distributions.length > 0 ? grid(distributions) : '<p class="empty">No rows were recorded.</p>',
    ),
    section(
      'groups',
      'User groups (fairness)',
      groupCharts.length > 0
        ? `<p>Groups: ${escapeHtml(groups.join(', '))}. Bars: mean over replications; whiskers: 95% confidence interval.</p>${grid(groupCharts)}`
        : '<p class="empty">The rows carry no user groups.</p>',
    ),
    section(
      'notes',
      'Notes',
      `<p>Generated by prodsim from ${input.rows.length} rows of metrics.jsonl (one per replication, simulated day and arm). The first arm, ${escapeHtml(styles[0]?.arm ?? 'none')}, is the baseline of every comparison. Colours follow the Okabe–Ito colour-blind-safe palette.</p>`,
    ),
  ].join('\n');
  return page(input.title, body);
}

/** A group's final values over replications, summarised for a bar and its whisker. */
function groupValue(rows: readonly DayMetrics[], value: Accessor, period: { from: number; to: number }): { mean: number; half: number; n: number } {
  const xs = finalValues(rows, value, period);
  if (xs.length === 0) return { mean: NaN, half: 0, n: 0 };
  const { mean, half } = band(xs);
  return { mean, half: Number.isFinite(half) ? half : 0, n: xs.length };
}
