import { describe, expect, it } from 'vitest';
import { renderReport } from './render-report.js';
import type { ReportExpectation } from './report-input.js';
import { syntheticReportInput } from './synthetic-input.js';

const expectation = (over: Partial<ReportExpectation>): ReportExpectation => ({
  metric: 'homogenization',
  label: 'popularity homogenises',
  arm: 'popularity',
  than: 'random',
  direction: 'greater',
  fromDay: 20,
  alpha: 0.05,
  held: true,
  meanArm: 0.2,
  meanThan: 0.1,
  difference: 0.1,
  ci95: [0.05, 0.15],
  p: 0.001,
  adjustedP: 0.002,
  method: 'welch',
  replications: 4,
  sentence: 'popularity homogenises: 0.2 against 0.1',
  ...over,
});

describe('renderReport: statistics wording', () => {
  const input = syntheticReportInput({ days: 12, replications: 4 });
  input.expectations = [expectation({}), expectation({ held: false, metric: 'gini', label: '<b>x</b>', sentence: '<b>x</b>: no' })];
  input.warnings = ['2 replications: too few <to> tell'];
  input.notTested = [
    { metric: 'tasteDrift', label: 'taste drift', arm: 'popularity', baseline: 'random', reason: 'each arm took one value in every replication (0 and 0)' },
  ];
  const html = renderReport(input);

  it('puts warnings and the expectations above the comparison, each with its verdict', () => {
    expect(html.indexOf('class="warnings"')).toBeLessThan(html.indexOf('id="expectations"'));
    expect(html.indexOf('id="expectations"')).toBeLessThan(html.indexOf('id="comparison"'));
    expect(html).toContain('<li>2 replications: too few &lt;to&gt; tell</li>');
    expect(html).toContain('<strong>1 of 2</strong> expectations');
    expect(html).toContain('<span class="verdict">held</span> popularity homogenises: 0.2 against 0.1');
    expect(html).toContain('<span class="verdict">not held</span> &lt;b&gt;x&lt;/b&gt;: no');
    expect(html).toContain('<a href="#expectations">');
  });

  it('shows raw and Holm-adjusted p for every comparison, and what was not tested', () => {
    expect(html).toContain('<th scope="col">Holm p</th>');
    for (const c of input.comparisons)
      expect(html).toMatch(new RegExp(`data-metric="${c.metric}" data-arm="${c.arm}">(<td[^>]*>[^<]*(<strong>[^<]*</strong>)?</td>){9}<td>Welch`));
    expect(html).toContain(
      'Not tested (no variation to test against): taste drift, popularity against random: each arm took one value in every replication (0 and 0).',
    );
  });

  it('says nothing about expectations when the spec states none', () => {
    const plain = renderReport(syntheticReportInput({ days: 12, replications: 4 }));
    expect(plain).not.toContain('id="expectations"');
    expect(plain).not.toContain('class="warnings"');
  });
});
