import { describe, expect, it } from 'vitest';
import { METRIC_FIELDS } from '../recorder/day-metrics.js';
import { metricInfo } from './metric-info.js';
import { renderReport } from './render-report.js';
import { syntheticReportInput } from './synthetic-input.js';
import { wrapLabel } from './time-series-chart.js';

/** Every chart on the page: its kind, metric and markup. */
function allCharts(html: string): { kind: string; metric: string; svg: string }[] {
  return [...html.matchAll(/<svg [^>]*class="chart ([^"]+)" data-metric="([^"]*)"[\s\S]*?<\/svg>/g)].map((m) => ({ kind: m[1], metric: m[2], svg: m[0] }));
}

const axisLabels = (svg: string) => [...svg.matchAll(/<text [^>]*class="axis-label"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

/** Numbers on the y axis (tick labels), as plotted. */
function yTickValues(svg: string): number[] {
  const axis = svg.match(/<g class="axis y">([\s\S]*?)<text [^>]*class="axis-label"/)![1];
  return [...axis.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => Number(m[1].replace('k', 'e3').replace('M', 'e6')));
}

/** The y of every point of the bands' path data. */
const bandYs = (svg: string) =>
  [...svg.matchAll(/<path class="band"[^>]* d="([^"]*)"/g)].flatMap((m) => [...m[1].matchAll(/[ML][-\d.]+ ([-\d.]+)/g)].map((p) => Number(p[1])));

describe('report labels, units and ranges', () => {
  const input = syntheticReportInput({ days: 30, replications: 4 });
  input.domain = 'movies';
  input.canary = {
    arm: 'personalised',
    steps: [
      { day: 8, share: 0.25 },
      { day: 16, share: 0.5 },
    ],
  };
  input.scenario.push({ day: 24, label: 'a fake-ratings attack on twenty obscure horror movies, pushed to every user under eighteen' });
  const html = renderReport(input);
  const charts = allCharts(html);

  it('gives every chart axis titles, and every value axis its unit in parentheses', () => {
    expect(charts.length).toBeGreaterThan(METRIC_FIELDS.length);
    for (const c of charts) {
      const labels = axisLabels(c.svg);
      expect(labels.length, `${c.kind} ${c.metric}`).toBeGreaterThanOrEqual(2);
      // Value and time axes name a unit; category axes (arm, user group) name what they list.
      for (const label of labels) expect(label, `${c.kind} ${c.metric}`).toMatch(/\([^)]+\)$|^arm$|^user group$/);
      expect(labels.filter((l) => /\([^)]+\)$/.test(l)).length, `${c.kind} ${c.metric}`).toBeGreaterThanOrEqual(
        c.kind === 'time-series' || c.kind === 'consumption' ? 2 : 1,
      );
    }
    const ts = charts.find((c) => c.kind === 'time-series' && c.metric === 'engagementPerUser')!;
    expect(axisLabels(ts.svg)).toEqual(['watch time per user-day (min)', 'simulated time (days)']);
  });

  it('names metrics for the domain', () => {
    const title = (kind: string, metric: string) => charts.find((c) => c.kind === kind && c.metric === metric)!.svg.match(/class="chart-title">([^<]*)</)![1];
    expect(title('time-series', 'meanTrueValue')).toBe('mean true rating (stars)');
    expect(html).toMatch(/<tr[^>]*data-metric="meanTrueValue"[^>]*><td>mean true rating \(stars\)<\/td>/);
    expect(html).toMatch(/<tr[^>]*data-metric="engagementPerUser"[^>]*><td>minutes watched per user \(min\)<\/td>/);
    expect(metricInfo('meanTrueValue', 'images/v1').label).not.toContain('rating');
    expect(metricInfo('engagementPerUser', 'audio').unit).toBe('s');
    expect(metricInfo('meanTrueValue', 'images').unit).not.toBe(metricInfo('meanTrueValue', 'movies').unit);
    // An unknown metric still gets a unit on its axis.
    expect(metricInfo('somethingNew')).toMatchObject({ label: 'somethingNew', unit: 'value' });
  });

  it('clamps confidence bands to what a metric can take', () => {
    // Coverage is a share: make one replication 0 and the others near 0, so the band would dip below 0.
    const low = syntheticReportInput({ days: 10, replications: 3 });
    for (const r of low.rows) r.coverageDay = r.replication === 0 ? 0 : 0.002 * (r.replication + 1);
    const chart = allCharts(renderReport(low)).find((c) => c.kind === 'time-series' && c.metric === 'coverageDay')!.svg;
    const ticks = yTickValues(chart);
    expect(Math.min(...ticks)).toBe(0);
    // y = 210 is the bottom of the plot, where the 0 tick sits: no band point lies below it.
    expect(Math.max(...bandYs(chart))).toBeLessThanOrEqual(210);
    expect(bandYs(chart).some((y) => y === 210)).toBe(true);
  });

  it('marks the canary share steps and writes scenario labels whole', () => {
    for (const c of charts.filter((x) => x.kind === 'time-series')) {
      expect(c.svg).toContain('<g class="canary-step" data-day="8">');
      expect(c.svg).toContain('<g class="canary-step" data-day="16">');
      expect(c.svg).toContain('>25%</text>');
      expect(c.svg).toContain('>50%</text>');
      const attack = c.svg.match(/<g class="scenario" data-day="24">([\s\S]*?)<\/g>/)![1];
      const written = [...attack.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' ');
      expect(written).toBe('a fake-ratings attack on twenty obscure horror movies, pushed to every user under eighteen');
    }
    expect(html).toContain('grows on day 8 to 25%, day 16 to 50% of users');
    expect(html).not.toContain('…');
    expect(wrapLabel('one two three four', 9)).toEqual(['one two', 'three', 'four']);
  });

  it('draws the consumption histogram of each arm by item rank and day', () => {
    const heat = charts.filter((c) => c.kind === 'consumption');
    expect(heat).toHaveLength(input.arms.length);
    for (const c of heat) {
      // 30 days x 11 rank bands, every share positive in the synthetic input.
      expect([...c.svg.matchAll(/<rect class="cell"/g)]).toHaveLength(30 * 11);
      expect(axisLabels(c.svg)).toEqual(['item rank that day (rank)', 'simulated time (days)', 'day&#39;s consumption (%)']);
    }
    // The most concentrated arm has the darkest top row on the last day.
    const topShade = (c: { svg: string }) => c.svg.match(/<rect class="cell" [^>]*fill="#([0-9a-f]{6})"><title>day 29, ranks 1:/)![1];
    const darkness = (hex: string) => 765 - [0, 2, 4].reduce((a, i) => a + parseInt(hex.slice(i, i + 2), 16), 0);
    expect(darkness(topShade(heat[2]))).toBeGreaterThan(darkness(topShade(heat[0])));
  });
});
