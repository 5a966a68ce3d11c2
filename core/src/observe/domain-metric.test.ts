import { describe, expect, it } from 'vitest';
import { checkDomainMetrics, type DomainMetric } from './domain-metric.js';

const ok: DomainMetric = {
  name: 'flaggedShare',
  label: 'share of slate items flagged',
  quantity: 'flagged items',
  unit: 'fraction',
  numerator: 'flagged',
  denominator: 'slateItems',
  range: [0, 1],
};

describe('checkDomainMetrics', () => {
  it('refuses invalid declarations with the domain and the metric named', () => {
    const bad = (m: Partial<DomainMetric>) => () => checkDomainMetrics('toy/v1', [{ ...ok, ...m } as DomainMetric], ['uptake']);
    expect(() => checkDomainMetrics('toy/v1', [ok], ['uptake'])).not.toThrow();
    expect(bad({ name: 'Bad-Name' })).toThrow(/toy\/v1.*metrics\[0\].*camelCase/);
    expect(bad({ name: 'uptake' })).toThrow(/built-in/);
    expect(bad({ numerator: '' })).toThrow(/numerator/);
    expect(bad({ scale: 0 })).toThrow(/scale/);
    expect(bad({ range: [1, 0] })).toThrow(/range/);
    expect(() => checkDomainMetrics('toy/v1', [ok, ok])).toThrow(/same name/);
    expect(() => checkDomainMetrics('toy/v1', [null as unknown as DomainMetric])).toThrow(/metrics\[0\].*not an object/);
    expect(() => checkDomainMetrics('toy/v1', 'flaggedShare' as unknown as DomainMetric[])).toThrow(/not an array/);
    let code = '';
    try {
      bad({ unit: '' })();
    } catch (error) {
      code = (error as { code: string }).code;
    }
    expect(code).toBe('PRODSIM_ERR_DOMAIN_INVALID');
  });
});
