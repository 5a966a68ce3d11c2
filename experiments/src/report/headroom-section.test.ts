import { describe, expect, it } from 'vitest';
import type { HeadroomSummary } from '../summary/headroom-summary.js';
import { renderReport } from './render-report.js';
import { ReportErrorCodes } from './report-errors.js';
import type { ReportInput } from './report-input.js';
import { syntheticReportInput } from './synthetic-input.js';

const base = syntheticReportInput({ arms: ['random', '<b>oracle</b>'], days: 5, replications: 3 });

const summary = (service: number, withDefault: boolean): HeadroomSummary => ({
  measure: 'expected likes per feed',
  sample: 0.1,
  replications: 3,
  requests: { mean: 950 },
  service: { mean: service, ci95: [service - 0.05, service + 0.05] },
  oracle: { mean: 4.5 },
  default: withDefault ? { mean: 1.9 } : null,
  random: { mean: 1.25 },
  regret: { mean: 4.5 - service },
  shareOfOracle: { mean: service / 4.5, ci95: [0.2, 0.3] },
});

const tableOf = (html: string, endpoint: string) => html.match(new RegExp(`<table class="headroom" data-endpoint="${endpoint}">[\\s\\S]*?</table>`))?.[0];

describe('the report: headroom', () => {
  it('draws a table per endpoint with one row per arm, intervals beneath the means, n/a for a missing default', () => {
    const html = renderReport({
      ...base,
      design: 'paired',
      headroom: { random: { feed: summary(1.2, true) }, '<b>oracle</b>': { feed: summary(4.4, false) } },
    });
    expect(html.includes('<a href="#headroom">Headroom</a>')).toBe(true);
    const table = tableOf(html, 'feed')!;
    const rows = [...table.matchAll(/<tr data-arm="([^"]+)">([\s\S]*?)<\/tr>/g)];
    expect(rows.map((r) => r[1])).toEqual(['random', '&lt;b&gt;oracle&lt;/b&gt;']);
    const cells = (row: string) => [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]);
    expect(cells(rows[0][2])).toEqual([
      'random',
      '1.2<br><span class="ci">1.15 to 1.25</span>',
      '4.5',
      '1.9',
      '1.25',
      '3.3',
      '26.7%<br><span class="ci">20% to 30%</span>',
      '950',
    ]);
    expect(cells(rows[1][2])[3]).toBe('n/a');
    expect(html.includes('feed: expected likes per feed, mean per request, a 10% sample of the requests')).toBe(true);
  });

  it('says why the split design has none, and leaves it out of inputs without a design', () => {
    const split = renderReport({ ...base, design: 'split' });
    expect(split.includes('Not measured per arm in the split design')).toBe(true);
    expect(tableOf(split, 'feed')).toBeUndefined();
    expect(renderReport(base).includes('id="headroom"')).toBe(false);
  });

  it('refuses a malformed headroom with the field named', () => {
    const bad = (patch: Partial<Record<keyof ReportInput, unknown>>) => () => renderReport({ ...base, ...patch } as ReportInput);
    expect(bad({ headroom: { random: { feed: 3 } } })).toThrow(/headroom\.random\.feed = 3; expected a headroom summary object/);
    expect(bad({ headroom: [] })).toThrow(expect.objectContaining({ code: ReportErrorCodes.INPUT }));
    expect(bad({ design: 'mixed' })).toThrow(/design = "mixed"/);
  });
});
