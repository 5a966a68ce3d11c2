import { describe, expect, it } from 'vitest';
import { METRIC_FIELDS, SOME_ARMS_METRICS, type DayMetrics } from '../recorder/day-metrics.js';

/** The built-in panels of a report whose arms predict no ratings: all but rmse and rmseDay. */
const PLOTTED = METRIC_FIELDS.filter(([f]) => !SOME_ARMS_METRICS.has(f));
import { escapeHtml } from './escape.js';
import { renderReport } from './render-report.js';
import { ReportError } from './report-errors.js';
import type { ReportInput } from './report-input.js';
import { syntheticReportInput } from './synthetic-input.js';

/** The <svg> charts of one kind, keyed by their data-metric. */
function charts(html: string, kind: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of html.matchAll(/<svg [^>]*class="chart ([^"]+)" data-metric="([^"]*)"[\s\S]*?<\/svg>/g)) {
    if (m[1] === kind) out.set(m[2], m[0]);
  }
  return out;
}

const count = (text: string, re: RegExp) => [...text.matchAll(re)].length;

/** Every y coordinate of the path data (pairs "x y" after M or L). */
function pathYs(d: string): number[] {
  return [...d.matchAll(/[ML]([-\d.]+) ([-\d.]+)/g)].map((m) => Number(m[2]));
}

function linePath(chart: string, arm: string): string | undefined {
  return chart.match(new RegExp(`<path class="line" data-arm="${arm}" d="([^"]*)"`))?.[1];
}

describe('renderReport: structure', () => {
  const input = syntheticReportInput({ days: 30, replications: 4 });
  const html = renderReport(input);

  it('draws one time-series chart per metric, with a line and a band per arm', () => {
    const ts = charts(html, 'time-series');
    expect([...ts.keys()]).toEqual(PLOTTED.map(([f]) => f));
    for (const chart of ts.values()) {
      for (const arm of input.arms) {
        expect(count(chart, new RegExp(`<path class="line" data-arm="${arm}"`, 'g'))).toBe(1);
        expect(count(chart, new RegExp(`<path class="band" data-arm="${arm}"`, 'g'))).toBeGreaterThanOrEqual(1);
      }
    }
    expect(html).toContain('shaded bands: 95% confidence interval');
  });

  it('puts each scenario event on every time axis at its day', () => {
    // Days 0..29 get ticks every 5 days over [0, 30]; the plot spans x = 58 .. 420 - 14 = 406.
    const expected = { 10: 58 + (10 / 30) * 348, 20: 58 + (20 / 30) * 348 };
    expect(expected).toEqual({ 10: 174, 20: 290 });
    for (const chart of charts(html, 'time-series').values()) {
      for (const [day, x] of Object.entries(expected)) {
        const marker = chart.match(new RegExp(`<g class="scenario" data-day="${day}">[\\s\\S]*?<line x1="([\\d.]+)" x2="([\\d.]+)"[^>]*stroke-dasharray`));
        expect(marker, `marker for day ${day}`).not.toBeNull();
        expect(Number(marker![1])).toBe(x);
        expect(Number(marker![2])).toBe(x);
      }
      expect(chart).toContain('prediction service outage (2 days)');
      expect(chart).toContain('catalogue refresh');
    }
  });

  it('draws each replication in the distributions of the compared metrics', () => {
    const dist = charts(html, 'distribution');
    expect([...dist.keys()]).toEqual(['engagementPerUser', 'meanTrueValue', 'homogenization']);
    for (const chart of dist.values()) {
      for (const arm of input.arms) {
        const column = chart.match(new RegExp(`<g class="arm" data-arm="${arm}">[\\s\\S]*?</g>`))![0];
        expect(count(column, /<circle class="replication"/g)).toBe(4);
        expect(column).toContain('class="box"');
      }
    }
    expect(html).toContain('the mean of days 23–29');
  });

  it('draws a bar per arm and user group, and the comparison table with its sentences', () => {
    const bars = charts(html, 'group-bars');
    expect(bars.size).toBe(3);
    for (const chart of bars.values()) expect(count(chart, /<rect class="bar"/g)).toBe(3 * 3);
    expect(count(html, /<tr class="clear" data-metric=/g) + count(html, /<tr data-metric=/g)).toBe(input.comparisons.length);
    for (const c of input.comparisons) expect(html).toContain(`<li>${escapeHtml(c.sentence)}</li>`);
    expect(html).toContain('< 0.001'.replace('<', '&lt;'));
  });

  it('is the same bytes for the same input, and self-contained', () => {
    expect(renderReport(syntheticReportInput({ days: 30, replications: 4 }))).toBe(html);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|@import|url\(/i);
    expect(new Set(html.match(/https?:\/\/[^"\s]*/g))).toEqual(new Set(['http://www.w3.org/2000/svg']));
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/NaN|undefined|Infinity/);
  });
});

describe('renderReport: metrics only some arms have', () => {
  it('draws the rmse panels, with a line for each arm that predicts ratings only, when one does', () => {
    const input = syntheticReportInput({ days: 10, replications: 2 });
    const rows = input.rows.map((r) => (r.arm === 'personalised' ? { ...r, rmse: 1 - r.day / 20, rmseDay: 1 - r.day / 30 } : r));
    const ts = charts(renderReport({ ...input, domain: 'movies/v1', rows }), 'time-series');
    for (const metric of ['rmse', 'rmseDay']) {
      const chart = ts.get(metric)!;
      expect(chart).toContain('(stars)');
      expect(count(chart, /<path class="line" data-arm="personalised"/g)).toBe(1);
      expect(count(chart, /<path class="line" data-arm="random"/g)).toBe(0);
    }
  });
});

describe('renderReport: replications', () => {
  it('draws no band for a single replication, and says so', () => {
    const html = renderReport(syntheticReportInput({ replications: 1 }));
    expect(html).not.toContain('class="band"');
    expect(count(html, /<path class="line"/g)).toBe(PLOTTED.length * 3);
    expect(html).toContain('A single replication');
    expect(html).not.toMatch(/NaN/);
  });

  it('draws arms with the same values as one flat line mid-chart, named for all of them', () => {
    const input = syntheticReportInput({ replications: 3, days: 10 });
    for (const r of input.rows) r.successRate = 1;
    const chart = charts(renderReport(input), 'time-series').get('successRate')!;
    for (const arm of input.arms) expect(linePath(chart, arm)).toBeUndefined();
    const merged = chart.match(/<path class="line merged" data-arm="random, popularity, personalised" d="([^"]*)"/);
    expect(merged).not.toBeNull();
    expect(count(chart, /<path class="line/g)).toBe(1);
    expect(chart).toContain('random = popularity = personalised (identical values)');
    const ys = pathYs(merged![1]);
    expect(new Set(ys).size).toBe(1);
    // The plot spans y = 30 .. 250 - 40 = 210: the flat line sits strictly inside it.
    expect(ys[0]).toBeGreaterThan(30);
    expect(ys[0]).toBeLessThan(210);
    expect(chart).not.toContain('class="band"');
  });
});

describe('renderReport: missing values', () => {
  function withGaps(): ReportInput {
    const input = syntheticReportInput({ replications: 3, days: 12 });
    for (const r of input.rows) {
      if (r.day === 5) r.uptake = NaN;
      r.personalization = NaN;
      if (r.arm === 'popularity' && r.day === 8 && r.replication > 0) r.gini = NaN;
    }
    return input;
  }

  it('skips NaN days: the line breaks there, and no NaN reaches the page', () => {
    const html = renderReport(withGaps());
    const uptake = charts(html, 'time-series').get('uptake')!;
    for (const arm of ['random', 'popularity', 'personalised']) {
      const d = linePath(uptake, arm)!;
      expect(count(d, /M/g)).toBe(2);
      expect(pathYs(d)).toHaveLength(11);
    }
    expect(html).not.toMatch(/NaN|Infinity/);
  });

  it('says so when a metric has no value at all', () => {
    const chart = charts(renderReport(withGaps()), 'time-series').get('personalization')!;
    expect(chart).toContain('no finite values recorded');
    expect(chart).not.toContain('class="line"');
  });

  it('keeps the line but drops the band where only one replication has a value', () => {
    const gini = charts(renderReport(withGaps()), 'time-series').get('gini')!;
    expect(count(linePath(gini, 'popularity')!, /M/g)).toBe(1);
    expect(count(gini, /<path class="band" data-arm="popularity"/g)).toBe(2);
    expect(count(gini, /<path class="band" data-arm="random"/g)).toBe(1);
  });

  it('reads rows back from metrics.jsonl, where NaN became null', () => {
    const input = withGaps();
    const roundTripped = { ...input, rows: JSON.parse(JSON.stringify(input.rows)) as DayMetrics[] };
    expect(renderReport(roundTripped)).toBe(renderReport(input));
  });

  it('renders an empty experiment without failing', () => {
    const html = renderReport({ title: 'empty', domain: 'toy/v1', arms: ['a', 'b'], days: 3, replications: 0, rows: [], scenario: [], comparisons: [] });
    expect(charts(html, 'time-series').size).toBe(PLOTTED.length);
    expect(html).toContain('No comparisons were computed');
    expect(html).toContain('No rows were recorded');
    expect(html).not.toMatch(/NaN|Infinity/);
  });
});

describe('renderReport: escaping', () => {
  const evil = '<script>alert(1)</script>';
  const attr = 'x" onmouseover="alert(2)';
  const input = syntheticReportInput({ arms: ['base', evil, attr], groups: ['<b>young</b>', 'old & wise'], replications: 2, days: 8 });
  input.title = `Title ${evil}`;
  input.description = `<img src=x onerror=alert(3)>`;
  input.domain = '<i>movies</i>';
  input.scenario.push({ day: 4, label: `</text><script>alert(4)</script>` });
  input.comparisons[0].sentence = `<a href="javascript:alert(5)">click</a>`;
  input.comparisons[0].label = evil;
  const html = renderReport(input);

  it('escapes every user-supplied name, label and sentence', () => {
    expect(html).not.toMatch(/<script|<img|<b>|<i>|<a href="javascript|onmouseover="/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('x&quot; onmouseover=&quot;alert(2)');
    expect(html).toContain('&lt;b&gt;young&lt;/b&gt;');
    expect(html).toContain('old &amp; wise');
    expect(html).toContain('&lt;a href=&quot;javascript:alert(5)&quot;&gt;click&lt;/a&gt;');
    expect(html).toContain('<title>Title &lt;script&gt;alert(1)&lt;/script&gt;</title>');
  });

  it('still draws the hostile arms: a line each, selectable by their escaped name', () => {
    const chart = charts(html, 'time-series').get('engagementPerUser')!;
    expect(chart).toContain(`<path class="line" data-arm="&lt;script&gt;alert(1)&lt;/script&gt;"`);
    expect(chart).toContain(`<path class="line" data-arm="x&quot; onmouseover=&quot;alert(2)"`);
  });
});

describe('renderReport: bad input', () => {
  const good = syntheticReportInput({ days: 3, replications: 1 });
  it.each([
    ['rows', { ...good, rows: 'metrics.jsonl' }],
    ['arms', { ...good, arms: undefined }],
    ['rows[1]', { ...good, rows: [good.rows[0], null] }],
    ['scenario', { ...good, scenario: { day: 1 } }],
    ['finalDays', { ...good, finalDays: 0 }],
  ])('names the field (%s) in a coded error', (field, bad) => {
    let error: unknown;
    try {
      renderReport(bad as unknown as ReportInput);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReportError);
    expect((error as ReportError).code).toBe('PRODSIM_ERR_REPORT_INPUT');
    expect((error as ReportError).message).toContain(`${field} =`);
  });
});
