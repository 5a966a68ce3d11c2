import type { DomainMetric } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { renderReport } from './render-report.js';
import { syntheticReportInput } from './synthetic-input.js';

const METRICS: DomainMetric[] = [
  {
    name: 'attackedWatchShare',
    label: 'share of watches on attacked movies',
    quantity: 'watches of attacked movies',
    unit: 'fraction',
    numerator: 'a',
    denominator: 'interactions',
    range: [0, 1],
  },
  {
    name: 'reportsPerK',
    label: 'reports per 1,000 impressions',
    quantity: 'reports',
    unit: 'per 1,000 impressions',
    numerator: 'r',
    denominator: 'interactions',
    scale: 1000,
  },
];

const chart = (html: string, kind: string, metric: string) =>
  html.match(new RegExp(`<svg [^>]*class="chart ${kind}" data-metric="${metric}"[\\s\\S]*?</svg>`))?.[0];

describe("the report shows the domain's own metrics", () => {
  const input = syntheticReportInput({ days: 12, replications: 3 });
  input.domain = 'movies';
  input.metrics = METRICS;
  // The attack begins on day 6 in every arm: a share that jumps, with one arm higher.
  const armIndex = (arm: string) => input.arms.indexOf(arm);
  for (const r of input.rows)
    r.domain = {
      attackedWatchShare: r.day < 6 ? 0 : 0.004 * (1 + armIndex(r.arm)) + 0.001 * r.replication,
      reportsPerK: 3 + armIndex(r.arm) + 0.1 * r.replication,
    };
  const html = renderReport(input);

  it('as time series with their declared label, quantity and unit', () => {
    for (const m of METRICS) {
      const svg = chart(html, 'time-series', m.name);
      expect(svg, m.name).toBeDefined();
      expect(svg).toContain(`class="chart-title">${m.label} (${m.unit})</text>`);
      expect(svg).toContain(`>${m.quantity} (${m.unit})</text>`);
      expect(svg!.match(/<path class="line"/g)?.length).toBe(input.arms.length);
    }
  });

  it('among the distributions when the comparisons name them', () => {
    const withComparison = { ...input, comparisons: [{ ...input.comparisons[0], metric: 'attackedWatchShare', label: METRICS[0].label }] };
    expect(chart(renderReport(withComparison), 'distribution', 'attackedWatchShare')).toBeDefined();
    expect(chart(html, 'distribution', 'attackedWatchShare')).toBeUndefined();
  });

  it('except those that were zero on every day, which are named instead', () => {
    const quiet = structuredClone(input);
    for (const r of quiet.rows) r.domain = { attackedWatchShare: 0, reportsPerK: 1 };
    const html = renderReport(quiet);
    expect(chart(html, 'time-series', 'attackedWatchShare')).toBeUndefined();
    expect(chart(html, 'time-series', 'reportsPerK')).toBeDefined();
    expect(html).toContain('Not drawn, zero or without a value on every day: share of watches on attacked movies.');
  });

  it('and none without declarations', () => {
    const plain = renderReport({ ...input, metrics: undefined });
    expect(chart(plain, 'time-series', 'attackedWatchShare')).toBeUndefined();
  });
});
