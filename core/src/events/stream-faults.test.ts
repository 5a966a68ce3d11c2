import { describe, expect, it } from 'vitest';
import { RandomStream } from '../rng/random-stream.js';
import { CaptureOutput } from '../testing/capture-output.js';
import { StreamFaults } from './stream-faults.js';

function run(rates: Partial<StreamFaults['rates']>, seed = 's', n = 20_000) {
  const capture = new CaptureOutput();
  const faults = new StreamFaults(capture, new RandomStream(seed));
  Object.assign(faults.rates, rates);
  const values = Array.from({ length: n }, (_, i) => `2026-01-05T00:00:00,${i},GET /data/m/x+2001/${i}.mpg`);
  for (const v of values) faults.publish('t', null, v);
  return { capture, faults, values };
}

describe('StreamFaults', () => {
  it('corrupts about the configured share of events, the same ones for the same seed', async () => {
    const a = run({ corrupt: 0.01 });
    await a.faults.flush();
    const damaged = a.capture.events.filter((e, i) => e.value !== a.values[i]).length;
    expect(damaged).toBe(a.faults.counts.corrupted);
    expect(damaged / 20_000).toBeGreaterThan(0.008);
    expect(damaged / 20_000).toBeLessThan(0.012);
    const b = run({ corrupt: 0.01 });
    expect(b.capture.text()).toBe(a.capture.text());
    expect(run({ corrupt: 0.01 }, 'other').capture.text()).not.toBe(a.capture.text());
  });

  it('duplicates, delays and reorders without losing any event', async () => {
    const { capture, faults, values } = run({ duplicate: 0.02, late: 0.01, reorder: 0.01 });
    await faults.flush();
    const got = capture.events.map((e) => e.value);
    expect(new Set(got)).toEqual(new Set(values));
    expect(got.length).toBe(values.length + faults.counts.duplicated);
    expect(faults.counts.duplicated).toBeGreaterThan(300);
    expect(faults.counts.delayed).toBeGreaterThan(150);
    expect(faults.counts.reordered).toBeGreaterThan(150);
    let outOfOrder = 0;
    for (let i = 1; i < got.length; i++) if (Number(got[i].split(',')[1]) < Number(got[i - 1].split(',')[1])) outOfOrder++;
    expect(outOfOrder).toBeGreaterThan(300);
  });

  it('passes everything through unchanged at zero rates', () => {
    const { capture, values } = run({});
    expect(capture.events.map((e) => e.value)).toEqual(values);
  });
});
